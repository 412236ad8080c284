//! The pulse over time: both people's meeting ratings as two lines, with every rating also
//! written out in words for people who cannot see the chart.

use leptos::prelude::*;

use crate::domain::checkins::pulse::{line, points_attr, trend_in, CHART_H, CHART_W};
use crate::ui::checkins::book::Book;
use crate::ui::dom::{dyn_view, el, empty, svg_el, text, AnyView};
use crate::ui::env::Env;
use crate::ui::platform::today_in;

/// PulseChart: both people's ratings over the held check-ins as two lines
/// (useful + progress, 2-10), with every rating also written out as the
/// chart's text alternative.
pub fn pulse_chart(env: &Env, book: RwSignal<Option<Book>>) -> AnyView {
    let i18n = env.i18n;
    let zone = env.time_zone;
    let body = dyn_view(move || {
        let Some(b) = book.get() else { return empty() };
        let rows = trend_in(&b.rel, &b.plain_checkins(), today_in(zone.get_untracked().as_deref()));
        if rows.is_empty() {
            return el("p").class("mw-empty").text_dyn(i18n.tr("pulse.chart_empty")).into_view();
        }
        let lines_text: Vec<String> = rows
            .iter()
            .flat_map(|r| {
                let day = i18n.day(r.date);
                r.ratings
                    .iter()
                    .map(|(by, u, p)| {
                        i18n.f("pulse.row", &[("date", &day), ("name", &b.name_of(by)), ("useful", &u.to_string()), ("progress", &p.to_string()), ("max", "5")])
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        let people: Vec<(String, &'static str)> =
            [(b.me.id.clone(), "mw-chart__line"), (b.partner_id().unwrap_or_default(), "mw-chart__line mw-chart__line--partner")].into_iter().collect();
        let mut kids = vec![
            svg_el("title", vec![], vec![text(i18n.t("pulse.chart"))]),
            svg_el(
                "line",
                vec![
                    ("x1", "12".into()),
                    ("y1", (CHART_H - 12).to_string()),
                    ("x2", (CHART_W - 12).to_string()),
                    ("y2", (CHART_H - 12).to_string()),
                    ("class", "mw-chart__axis".into()),
                ],
                vec![],
            ),
        ];
        let mut legend = Vec::new();
        for (id, class) in people {
            let points = line(&rows, &id);
            if points.is_empty() {
                continue;
            }
            for (x, y) in &points {
                kids.push(svg_el(
                    "circle",
                    vec![("cx", x.to_string()), ("cy", y.to_string()), ("r", "3".into()), ("class", format!("mw-chart__dot {class}"))],
                    vec![],
                ));
            }
            kids.push(svg_el("polyline", vec![("points", points_attr(&points)), ("class", class.to_string())], vec![]));
            legend.push(el("li").class(if class.contains("partner") { "mw-legend mw-legend--partner" } else { "mw-legend" }).text(b.name_of(&id)).into_view());
        }
        el("figure")
            .class("mw-chart mw-pulse-chart")
            .child(svg_el(
                "svg",
                vec![("viewBox", format!("0 0 {CHART_W} {CHART_H}")), ("aria-hidden", "true".into()), ("class", "mw-chart__svg".into())],
                kids,
            ))
            .child(el("ul").class("mw-legend-list").attr("aria-hidden", "true").children(legend).into_view())
            .child(
                el("figcaption")
                    .child(el("ul").class("mw-pulse-rows").children(lines_text.into_iter().map(|l| el("li").text(l).into_view())).into_view())
                    .into_view(),
            )
            .into_view()
    });
    el("section")
        .class("mw-section")
        .attr("aria-labelledby", "mw-pulse-heading")
        .child(el("h3").id("mw-pulse-heading").class("mw-section__title").text_dyn(i18n.tr("pulse.chart")).into_view())
        .child(body)
        .into_view()
}
