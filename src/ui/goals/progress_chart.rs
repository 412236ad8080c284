//! A goal's progress history as a small line chart with a text alternative. Its coordinates are
//! whole numbers, so no float-printing code ends up in the wasm.

use crate::domain::goals::ProgressEntry;
use crate::ui::dom::{el, svg_el, text, AnyView};
use crate::ui::env::I18n;

/// ProgressChart: the goal's progress over time as a small line chart, with
/// its text alternative (every point, in words) for people who cannot see it.
pub fn progress_chart(i18n: I18n, history: &[ProgressEntry]) -> AnyView {
    if history.is_empty() {
        return el("p").class("mw-hint").text_dyn(i18n.tr("goal.no_history")).into_view();
    }
    // Whole-number coordinates on a 300 × 80 canvas: formatting floats would
    // pull float-printing code and tables into the wasm.
    let (w, h, pad) = (300_i64, 80_i64, 6_i64);
    let n = history.len() as i64;
    let x = |i: usize| if n == 1 { w / 2 } else { pad + (w - 2 * pad) * i as i64 / (n - 1) };
    let y = |v: u8| h - pad - (h - 2 * pad) * i64::from(v) / 100;
    let points = history.iter().enumerate().map(|(i, e)| format!("{},{}", x(i), y(e.value))).collect::<Vec<_>>().join(" ");
    let described =
        history.iter().map(|e| i18n.f("goal.chart_point", &[("value", &e.value.to_string()), ("date", &i18n.date(&e.at))])).collect::<Vec<_>>().join("; ");
    let summary = i18n.f("goal.chart_alt", &[("points", &described)]);
    let dots = history.iter().enumerate().map(|(i, e)| {
        svg_el("circle", vec![("cx", x(i).to_string()), ("cy", y(e.value).to_string()), ("r", "3".into()), ("class", "mw-chart__dot".into())], vec![])
    });
    let mut kids = vec![
        svg_el("title", vec![], vec![text(summary.clone())]),
        svg_el(
            "line",
            vec![
                ("x1", pad.to_string()),
                ("y1", (h - pad).to_string()),
                ("x2", (w - pad).to_string()),
                ("y2", (h - pad).to_string()),
                ("class", "mw-chart__axis".into()),
            ],
            vec![],
        ),
        svg_el("polyline", vec![("points", points), ("class", "mw-chart__line".into())], vec![]),
    ];
    kids.extend(dots);
    el("figure")
        .class("mw-chart")
        .child(svg_el(
            "svg",
            vec![("viewBox", format!("0 0 {w} {h}")), ("role", "img".into()), ("aria-label", summary.clone()), ("class", "mw-chart__svg".into())],
            kids,
        ))
        .child(el("figcaption").class("mw-hint").text_dyn(i18n.tr("goal.chart_caption")).into_view())
        .into_view()
}
