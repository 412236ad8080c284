//! One action item of a check-in, as a row: done, what, who, by when and the goal it serves, and
//! "Remove". Each control reads only its own value of the item, so typing in one rebuilds nothing.

use leptos::prelude::*;

use crate::domain::checkins::actions::ActionItem;
use crate::domain::checkins::record::CheckIn;
use crate::ui::dom::{el, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::button::button;
use crate::ui::kit::label::{checkbox, label, Look};
use crate::ui::kit::radio_group::Words;

/// ActionRow: see the module. `n` is the row's place (its controls' ids are
/// `mw-ci-action-{n}-…`), `id` the item's; `people` and `goals` are
/// (id, name) pairs for the owner and goal choices.
pub fn action_row(i18n: I18n, draft: RwSignal<CheckIn>, (n, id): (usize, String), people: &[(String, String)], goals: &[(String, String)]) -> AnyView {
    let edit = move |id: String, f: Box<dyn Fn(&mut ActionItem)>| {
        draft.update(|c| {
            if let Some(a) = c.actions.iter_mut().find(|a| a.id == id) {
                f(a);
            }
        })
    };
    let get = move |id: &str, f: fn(&ActionItem) -> String| draft.with(|c| c.actions.iter().find(|a| a.id == id).map(f).unwrap_or_default());
    let row = |suffix: &str| format!("mw-ci-action-{n}-{suffix}");
    let (i1, i2, i3, i4, i5, i6, i7, i8, i9, i10) =
        (id.clone(), id.clone(), id.clone(), id.clone(), id.clone(), id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
    el("li")
        .class("mw-action")
        .attr("data-action", id.clone())
        .child(
            el("span")
                .class("mw-action__field mw-action__done")
                .child(checkbox(
                    i18n,
                    (row("done"), Words::Key("checkin.action_done"), Look::Beside),
                    move || draft.with(|c| c.actions.iter().any(|a| a.id == i1 && a.done)),
                    move |done| edit(i2.clone(), Box::new(move |a| a.done = done)),
                ))
                .into_view(),
        )
        .child(label(i18n, row("text"), Words::Key("checkin.action_text"), Look::Hidden))
        .child(
            el("input")
                .attr("type", "text")
                .id(row("text"))
                .class("mw-input mw-action__text")
                .attr("aria-describedby", "mw-ci-actions-error")
                .prop_text("value", move || get(&i3, |a| a.text.clone()))
                .on(leptos::ev::input, move |ev| {
                    let v = event_target_value(&ev);
                    edit(i4.clone(), Box::new(move |a| a.text = v.clone()));
                })
                .into_view(),
        )
        .child(
            el("span")
                .class("mw-action__field")
                .child(label(i18n, row("owner"), Words::Key("checkin.action_owner"), Look::Beside))
                .child(
                    el("select")
                        .id(row("owner"))
                        .class("mw-input mw-select")
                        .children(people.iter().cloned().map(|(pid, name)| {
                            let (pid2, i) = (pid.clone(), i5.clone());
                            el("option").attr("value", pid).prop_flag("selected", move || get(&i, |a| a.owner.clone()) == pid2).text(name).into_view()
                        }))
                        .on(leptos::ev::change, move |ev| {
                            let v = event_target_value(&ev);
                            edit(i6.clone(), Box::new(move |a| a.owner = v.clone()));
                        })
                        .into_view(),
                )
                .into_view(),
        )
        .child(
            el("span")
                .class("mw-action__field")
                .child(label(i18n, row("due"), Words::Key("checkin.action_due"), Look::Beside))
                .child(
                    el("input")
                        .attr("type", "date")
                        .id(row("due"))
                        .class("mw-input mw-input--date")
                        .prop_text("value", move || get(&i7, |a| a.due.clone().unwrap_or_default()))
                        .on(leptos::ev::input, move |ev| {
                            let v = event_target_value(&ev);
                            edit(i8.clone(), Box::new(move |a| a.due = (!v.is_empty()).then(|| v.clone())));
                        })
                        .into_view(),
                )
                .into_view(),
        )
        .child(
            el("span")
                .class("mw-action__field")
                .child(label(i18n, row("goal"), Words::Key("checkin.action_goal"), Look::Beside))
                .child(
                    el("select")
                        .id(row("goal"))
                        .class("mw-input mw-select")
                        .child(el("option").attr("value", "").text_dyn(i18n.tr("checkin.no_goal")).into_view())
                        .children(goals.iter().cloned().map(|(gid, title)| {
                            let (gid2, i) = (gid.clone(), i9.clone());
                            el("option")
                                .attr("value", gid)
                                .prop_flag("selected", move || get(&i, |a| a.goal_id.clone().unwrap_or_default()) == gid2)
                                .text(title)
                                .into_view()
                        }))
                        .on(leptos::ev::change, move |ev| {
                            let v = event_target_value(&ev);
                            edit(i10.clone(), Box::new(move |a| a.goal_id = (!v.is_empty()).then(|| v.clone())));
                        })
                        .into_view(),
                )
                .into_view(),
        )
        .child(
            button()
                .class("mw-button mw-button--small mw-button--link")
                .attr("aria-label", i18n.f("checkin.action_remove_n", &[("n", &(n + 1).to_string())]))
                .on(leptos::ev::click, move |_| draft.update(|c| c.actions.retain(|a| a.id != id)))
                .text_dyn(i18n.tr("checkin.action_remove"))
                .into_view(),
        )
        .into_view()
}
