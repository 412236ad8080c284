//! A goal's milestones: the steps on the way, each ticked off or removed, and the form to add
//! one. It reads only the milestones, so typing elsewhere in the goal never rebuilds it.

use leptos::prelude::*;

use crate::domain::goals::{Goal, Milestone};
use crate::domain::person::Person;
use crate::ui::dom::{dyn_view, el, empty, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::button::button;
use crate::ui::kit::label::{checkbox, label, Look};
use crate::ui::kit::radio_group::Words;
use crate::ui::platform::{fresh_id, now_rfc3339};

/// GoalMilestones: the milestones of the goal being edited (`draft`), which
/// `me` ticks off, removes and adds to; the goal editor saves them with the rest.
pub fn goal_milestones(i18n: I18n, draft: RwSignal<Goal>, me: Person) -> AnyView {
    let new_milestone = RwSignal::new(String::new());
    let new_milestone_due = RwSignal::new(String::new());
    // Only the milestones: typing in any other part of the goal leaves
    // this list (and a checkbox in focus) as it is.
    let list = Memo::new(move |_| draft.with(|g| g.milestones.clone()));
    let milestones = dyn_view(move || {
        let list = list.get();
        let me = me.clone();
        el("ul")
            .class("mw-milestones")
            .children(list.into_iter().map(|m| {
                let cb = format!("mw-ms-{}", m.id);
                let (toggle_id, remove_id, shown_id) = (m.id.clone(), m.id.clone(), m.id.clone());
                let me = me.clone();
                el("li")
                    .class("mw-milestone")
                    .child(checkbox(
                        i18n,
                        (cb, Words::Text(m.text.clone()), Look::Plain),
                        // Follows the goal, not the list: a tick the goal refuses
                        // (a dropped or achieved goal) does not stay ticked on screen.
                        move || draft.with(|g| g.milestones.iter().any(|x| x.id == shown_id && x.done)),
                        move |done| {
                            draft.update(|g| {
                                let _ = g.set_milestone_done(&toggle_id, done, &me, &now_rfc3339());
                            })
                        },
                    ))
                    .child(match m.due.as_deref().and_then(crate::domain::dates::Date::parse) {
                        Some(d) => el("span").class("mw-hint").text(i18n.f("goal.due_on", &[("date", &i18n.day(d))])).into_view(),
                        None => empty(),
                    })
                    .child(
                        button()
                            .class("mw-button mw-button--small mw-button--link")
                            .attr("aria-label", i18n.f("goal.remove_milestone", &[("text", &m.text)]))
                            .on(leptos::ev::click, move |_| draft.update(|g| g.milestones.retain(|x| x.id != remove_id)))
                            .text_dyn(i18n.tr("goal.remove"))
                            .into_view(),
                    )
                    .into_view()
            }))
            .into_view()
    });
    let add_milestone = move || {
        let text = new_milestone.get_untracked().trim().to_string();
        if text.is_empty() {
            return;
        }
        let due = Some(new_milestone_due.get_untracked()).filter(|d| crate::domain::dates::Date::parse(d).is_some());
        draft.update(|g| g.milestones.push(Milestone { id: fresh_id(), text, due, done: false }));
        new_milestone.set(String::new());
        new_milestone_due.set(String::new());
    };

    el("fieldset")
        .class("mw-section")
        .child(el("legend").class("mw-section__title").text_dyn(i18n.tr("goal.milestones")).into_view())
        .child(milestones)
        .child(
            el("div")
                .class("mw-inline")
                .child(label(i18n, "mw-ms-new", Words::Key("goal.new_milestone"), Look::Above))
                .child(
                    el("input")
                        .attr("type", "text")
                        .id("mw-ms-new")
                        .class("mw-input")
                        .prop_text("value", move || new_milestone.get())
                        .on(leptos::ev::input, move |ev| new_milestone.set(event_target_value(&ev)))
                        .on(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                                add_milestone();
                            }
                        })
                        .into_view(),
                )
                .child(label(i18n, "mw-ms-due", Words::Key("goal.new_milestone_due"), Look::Above))
                .child(
                    el("input")
                        .attr("type", "date")
                        .id("mw-ms-due")
                        .class("mw-input mw-input--date")
                        .prop_text("value", move || new_milestone_due.get())
                        .on(leptos::ev::input, move |ev| new_milestone_due.set(event_target_value(&ev)))
                        .into_view(),
                )
                .child(
                    button()
                        .class("mw-button mw-button--small")
                        .on(leptos::ev::click, move |_| add_milestone())
                        .text_dyn(i18n.tr("goal.add_milestone"))
                        .into_view(),
                )
                .into_view(),
        )
        .into_view()
}
