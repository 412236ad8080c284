//! The check-in's action items: who does what by when, optionally linked to a goal. Open items
//! carry into the next check-in's agenda until ticked off.

use leptos::prelude::*;

use crate::domain::checkins::actions::ActionItem;
use crate::domain::checkins::record::CheckIn;
use crate::domain::FieldError;
use crate::ui::checkins::book::Book;
use crate::ui::dom::{dyn_view, el, AnyView};
use crate::ui::env::Env;
use crate::ui::kit::button::button;
use crate::ui::kit::field_error::field_error;
use crate::ui::platform::fresh_id;

/// ActionItems: what each person will do before the next meeting: text,
/// owner, due date, linked goal, done. Open items carry into the next
/// check-in's agenda; ticking one off there stops it carrying.
pub fn action_items(env: &Env, draft: RwSignal<CheckIn>, book: &Book, errors: RwSignal<Vec<FieldError>>) -> AnyView {
    let i18n = env.i18n;
    let host = env.host.clone();
    let people: Vec<(String, String)> =
        [&book.rel.mentor, &book.rel.mentee].into_iter().filter_map(|p| p.id.clone().map(|id| (id, p.display_name.clone()))).collect();
    let goals: Vec<(String, String)> = book.goals.iter().map(|g| (g.id.clone(), g.title.clone())).collect();
    let me = book.me.id.clone();

    let edit = move |id: String, f: Box<dyn Fn(&mut ActionItem)>| {
        draft.update(|c| {
            if let Some(a) = c.actions.iter_mut().find(|a| a.id == id) {
                f(a);
            }
        })
    };

    // Rebuilt when items are added or removed, not on every keystroke: the
    // list reads only the items' ids (each field follows its own value).
    let ids = Memo::new(move |_| draft.with(|c| c.actions.iter().map(|a| a.id.clone()).collect::<Vec<String>>()));
    let list = dyn_view(move || {
        let ids = ids.get();
        let rows = ids.into_iter().enumerate().map(|(n, id)| {
            let (people, goals) = (people.clone(), goals.clone());
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
                        .child(
                            el("input")
                                .attr("type", "checkbox")
                                .id(row("done"))
                                .prop_flag("checked", move || draft.with(|c| c.actions.iter().any(|a| a.id == i1 && a.done)))
                                .on(leptos::ev::change, move |ev| {
                                    let done = event_target_checked(&ev);
                                    edit(i2.clone(), Box::new(move |a| a.done = done));
                                })
                                .into_view(),
                        )
                        .child(el("label").attr("for", row("done")).class("mw-label mw-label--inline").text_dyn(i18n.tr("checkin.action_done")).into_view())
                        .into_view(),
                )
                .child(el("label").attr("for", row("text")).class("mw-label mw-visually-hidden").text_dyn(i18n.tr("checkin.action_text")).into_view())
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
                        .child(el("label").attr("for", row("owner")).class("mw-label mw-label--inline").text_dyn(i18n.tr("checkin.action_owner")).into_view())
                        .child(
                            el("select")
                                .id(row("owner"))
                                .class("mw-input mw-select")
                                .children(people.into_iter().map(|(pid, name)| {
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
                        .child(el("label").attr("for", row("due")).class("mw-label mw-label--inline").text_dyn(i18n.tr("checkin.action_due")).into_view())
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
                        .child(el("label").attr("for", row("goal")).class("mw-label mw-label--inline").text_dyn(i18n.tr("checkin.action_goal")).into_view())
                        .child(
                            el("select")
                                .id(row("goal"))
                                .class("mw-input mw-select")
                                .child(el("option").attr("value", "").text_dyn(i18n.tr("checkin.no_goal")).into_view())
                                .children(goals.into_iter().map(|(gid, title)| {
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
        });
        el("ol").class("mw-actions-list").children(rows).into_view()
    });

    el("fieldset")
        .class("mw-section mw-ci-actions")
        .child(el("legend").class("mw-section__title").text_dyn(i18n.tr("checkin.actions")).into_view())
        .child(list)
        .child(field_error(i18n, errors, "actions", "mw-ci-actions-error".into()))
        .child(
            button()
                .class("mw-button mw-button--small")
                .on(leptos::ev::click, move |_| {
                    let owner = me.clone();
                    draft.update(|c| c.actions.push(ActionItem { id: fresh_id(), text: String::new(), owner, due: None, goal_id: None, done: false }));
                    // The new row's text field takes the focus, so typing goes on at once.
                    let n = draft.with_untracked(|c| c.actions.len()) - 1;
                    crate::ui::dom::focus_later(&host, format!("mw-ci-action-{n}-text"));
                })
                .text_dyn(i18n.tr("checkin.action_add"))
                .into_view(),
        )
        .into_view()
}
