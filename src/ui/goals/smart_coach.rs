//! The SMART coach beside the goal editor: a hint for each gap in the goal as written, marked
//! with its letter and announced politely to screen readers.

use leptos::prelude::*;

use crate::domain::goals::coach::{coach, Letter};
use crate::domain::goals::Goal;
use crate::ui::dom::{dyn_view, el, fragment, AnyView};
use crate::ui::env::Env;

/// SmartCoach: the coach's kind hints for the goal as it is being written,
/// one per gap, each marked with its SMART letter; announced politely.
pub fn smart_coach(env: &Env, goal: RwSignal<Goal>, purpose: String) -> AnyView {
    let i18n = env.i18n;
    let zone = env.time_zone;
    el("section")
        .class("mw-coach")
        .attr("aria-labelledby", "mw-coach-heading")
        .child(el("h5").id("mw-coach-heading").text_dyn(i18n.tr("goal.coach_title")).into_view())
        .child(
            el("div")
                .attr("aria-live", "polite")
                .child(dyn_view(move || {
                    let today = crate::ui::platform::today_in(zone.get().as_deref());
                    let hints = goal.with(|g| coach(g, &purpose, today));
                    if hints.is_empty() {
                        return el("p").class("mw-coach__ok").text_dyn(i18n.tr("goal.coach_ok")).into_view();
                    }
                    el("ul")
                        .class("mw-coach__hints")
                        .children(hints.into_iter().map(|h| {
                            let letter = match h.letter {
                                Letter::S => "S",
                                Letter::M => "M",
                                Letter::A => "A",
                                Letter::R => "R",
                                Letter::T => "T",
                            };
                            el("li")
                                .attr("data-hint", h.key)
                                .child(fragment(vec![
                                    el("span").class("mw-coach__letter").attr("aria-hidden", "true").text(letter).into_view(),
                                    el("span").text(i18n.t(h.key)).into_view(),
                                ]))
                                .into_view()
                        }))
                        .into_view()
                }))
                .into_view(),
        )
        .into_view()
}
