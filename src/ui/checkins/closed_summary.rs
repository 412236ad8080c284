//! The record of a closed relationship: the no-fault reason, each goal's outcome, both
//! reflections and the next steps, to print or download as Markdown. No private notes.

use leptos::prelude::*;

use crate::domain::checkins::story::summary_markdown;
use crate::ui::checkins::book::Book;
use crate::ui::dom::{dyn_view, el, empty, AnyView};
use crate::ui::env::Env;
use crate::ui::kit::button::button;
use crate::ui::platform::{download, print, PrintMode};

/// ClosedSummary: a closed relationship's record: why it ended (no fault),
/// each goal's outcome, both reflections and the next steps, with a print
/// view and a Markdown download. Private notes are never part of it.
pub fn closed_summary(env: &Env, book: RwSignal<Option<Book>>) -> AnyView {
    let i18n = env.i18n;
    let host = env.host.clone();
    let env_md = env.clone();
    let body = dyn_view(move || {
        let Some(b) = book.get() else { return empty() };
        let Some(c) = b.rel.life.closing.clone() else { return empty() };
        let closed_on = c.closed_at.as_deref().map(|at| i18n.date(at)).unwrap_or_default();
        let mut parts = vec![
            el("p").class("mw-notice").attr("role", "status").text_dyn(i18n.tr("close.closed_note")).into_view(),
            // The page's own heading stays off the paper: the summary names the pair itself.
            el("p")
                .class("mw-doc__parties")
                .text(format!(
                    "{}: {} · {}: {} · {} · {}: {}",
                    i18n.t("role.mentor"),
                    b.rel.mentor.display_name,
                    i18n.t("role.mentee"),
                    b.rel.mentee.display_name,
                    i18n.t(b.rel.kind.label_key()),
                    i18n.t("summary.closed_on"),
                    closed_on
                ))
                .into_view(),
            el("p").text(format!("{}: {}", i18n.t("close.reason"), i18n.t(c.reason().label_key()))).into_view(),
            el("h5").class("mw-section__title").text_dyn(i18n.tr("close.outcomes")).into_view(),
        ];
        parts.push(if c.outcomes.is_empty() {
            el("p").class("mw-empty").text_dyn(i18n.tr("summary.none")).into_view()
        } else {
            el("ul").children(c.outcomes.iter().map(|o| el("li").text(format!("{}: {}", o.title, i18n.t(o.outcome.label_key()))).into_view())).into_view()
        });
        parts.push(el("h5").class("mw-section__title").text_dyn(i18n.tr("close.reflections")).into_view());
        // Only the parties' own reflections, one each (a forged one is left out).
        for r in b.rel.reflections() {
            parts.push(
                el("div")
                    .class("mw-reflection-read")
                    .child(el("h6").text(b.name_of(&r.by)).into_view())
                    .child(
                        el("dl")
                            .child(el("dt").text_dyn(i18n.tr("close.worked")).into_view())
                            .child(el("dd").text(r.worked.clone()).into_view())
                            .child(el("dt").text_dyn(i18n.tr("close.change")).into_view())
                            .child(el("dd").text(r.change.clone()).into_view())
                            .child(el("dt").text_dyn(i18n.tr("close.effectiveness")).into_view())
                            .child(el("dd").text(i18n.f("close.rating_of", &[("n", &r.effectiveness.to_string()), ("max", "5")])).into_view())
                            .into_view(),
                    )
                    .into_view(),
            );
        }
        if !c.next_steps.is_empty() {
            parts.push(el("h5").class("mw-section__title").text_dyn(i18n.tr("close.next_steps")).into_view());
            parts.push(el("p").text(c.next_steps.clone()).into_view());
        }
        el("div").children(parts).into_view()
    });
    let host_print = host.clone();
    el("section")
        .class("mw-section mw-closed-summary")
        .attr("aria-labelledby", "mw-summary-heading")
        .child(el("h4").id("mw-summary-heading").class("mw-section__title").text_dyn(i18n.tr("summary.heading")).into_view())
        .child(body)
        .child(
            el("div")
                .class("mw-actions")
                .child(
                    button()
                        .class("mw-button")
                        .on(leptos::ev::click, move |_| {
                            // Only the widget, and in it only the summary, reaches the paper.
                            let mode = PrintMode::start(&host_print, "summary");
                            print();
                            drop(mode);
                        })
                        .text_dyn(i18n.tr("summary.print"))
                        .into_view(),
                )
                .child(
                    button()
                        .class("mw-button")
                        .on(leptos::ev::click, move |_| {
                            let Some(b) = book.get_untracked() else { return };
                            let text = env_md.i18n.0.with_untracked(|catalog| summary_markdown(&b.rel, &b.plain_checkins(), catalog));
                            download("mentoring-summary.md", "text/markdown", &text);
                        })
                        .text_dyn(i18n.tr("summary.download"))
                        .into_view(),
                )
                .into_view(),
        )
        .into_view()
}
