//! The check-in's progress section: an update for each active goal (a percentage when measured
//! by hand, and a note). On save each update also goes into its goal's history.

use leptos::prelude::*;

use crate::domain::checkins::record::{CheckIn, GoalUpdate};
use crate::domain::FieldError;
use crate::ui::checkins::book::Book;
use crate::ui::dom::{el, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::field::{field, Field};
use crate::ui::kit::field_error::field_error;
use crate::ui::kit::label::{label, Look};
use crate::ui::kit::radio_group::Words;

/// GoalProgress: a progress update for each active goal: a percentage for
/// goals measured by hand (steps decide for the others) and a note. Saved
/// with the check-in, each update also goes into its goal's history.
pub fn goal_progress(i18n: I18n, draft: RwSignal<CheckIn>, book: &Book, errors: RwSignal<Vec<FieldError>>) -> AnyView {
    let goals = book.active_goals();
    let me = book.me.id.clone();
    let rows: Vec<AnyView> = goals
        .into_iter()
        .map(|g| {
            let (gid, gid2, gid3, gid4) = (g.id.clone(), g.id.clone(), g.id.clone(), g.id.clone());
            let (me1, me2) = (me.clone(), me.clone());
            let current = g.progress();
            let by_steps = !g.milestones.is_empty();
            let value_id = format!("mw-ci-progress-{}", g.id);
            let note_id = format!("mw-ci-progress-note-{}", g.id);
            let upsert = move |c: &mut CheckIn, id: &str, me: &str, f: &dyn Fn(&mut GoalUpdate)| {
                if !c.progress.iter().any(|u| u.goal_id == id) {
                    c.progress.push(GoalUpdate { goal_id: id.to_string(), value: current, note: String::new(), by: me.to_string() });
                }
                if let Some(u) = c.progress.iter_mut().find(|u| u.goal_id == id) {
                    f(u);
                    u.by = me.to_string();
                }
            };
            let value = if by_steps {
                el("p").class("mw-hint").text(i18n.f("checkin.progress_steps", &[("title", &g.title), ("n", &current.to_string())])).into_view()
            } else {
                // Not the kit's field: a progress error is the list's, stated
                // once under it (`mw-ci-progress-error`), not under each value.
                el("div")
                    .class("mw-field mw-field--inline")
                    .child(label(i18n, value_id.clone(), Words::Text(i18n.f("checkin.progress_value", &[("title", &g.title)])), Look::Above))
                    .child(
                        el("input")
                            .attr("type", "number")
                            .attr("min", "0")
                            .attr("max", "100")
                            .attr("inputmode", "numeric")
                            .id(value_id)
                            .class("mw-input mw-input--short")
                            // Progress errors are stated once, under the list (its
                            // summary link lands on the first value).
                            .attr("aria-describedby", "mw-ci-progress-error")
                            .prop_text("value", move || {
                                draft.with(|c| c.progress.iter().find(|u| u.goal_id == gid).map(|u| u.value).unwrap_or(current).to_string())
                            })
                            .on(leptos::ev::change, move |ev| {
                                // Out of range or not a number: 101, which the check-in's rule refuses by name.
                                let v = event_target_value(&ev).trim().parse::<u8>().unwrap_or(101);
                                draft.update(|c| upsert(c, &gid2, &me1, &|u| u.value = v));
                            })
                            .into_view(),
                    )
                    .into_view()
            };
            el("div")
                .class("mw-goal-update")
                .attr("data-goal", g.id.clone())
                .child(value)
                .child({
                    let note = el("input")
                        .attr("type", "text")
                        .class("mw-input")
                        .prop_text("value", move || draft.with(|c| c.progress.iter().find(|u| u.goal_id == gid3).map(|u| u.note.clone()).unwrap_or_default()))
                        .on(leptos::ev::input, move |ev| {
                            let v = event_target_value(&ev);
                            draft.update(|c| upsert(c, &gid4, &me2, &|u| u.note = v.clone()));
                        });
                    field(i18n, Field::new(note_id, Words::Text(i18n.f("checkin.progress_note", &[("title", &g.title)]))), note)
                })
                .into_view()
        })
        .collect();
    let empty_note = rows.is_empty();
    el("fieldset")
        .class("mw-section mw-ci-progress")
        .child(el("legend").class("mw-section__title").text_dyn(i18n.tr("checkin.progress")).into_view())
        .child(if empty_note { el("p").class("mw-empty").text_dyn(i18n.tr("checkin.no_goals")).into_view() } else { el("div").children(rows).into_view() })
        .child(field_error(i18n, errors, "progress", "mw-ci-progress-error".into()))
        .into_view()
}
