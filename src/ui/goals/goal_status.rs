//! Where a goal stands: its progress bar, the progress typed by hand (when it has no milestones)
//! with a note for the history, the history chart, its status, why it was dropped, and the
//! sign-off. Each piece reads a narrowed `Memo` of the goal, so typing in the SMART fields
//! rebuilds none of it.

use leptos::prelude::*;

use crate::domain::goals::{Goal, GoalError, GoalStatus};
use crate::domain::person::Person;
use crate::domain::relationship::Relationship;
use crate::domain::FieldError;
use crate::ui::dom::{dyn_view, el, empty, fragment, AnyView};
use crate::ui::env::{HostEvent, I18n};
use crate::ui::goals::goal_sign_off::goal_sign_off;
use crate::ui::goals::progress_chart::progress_chart;
use crate::ui::kit::field::{error_of, field, Field};
use crate::ui::kit::radio_group::Words;
use crate::ui::platform::now_rfc3339;

/// What the status part hands back to the editor.
pub struct StatusHooks {
    /// A rule the goal refused (progress out of range, a sign-off step).
    pub on_refused: Callback<GoalError>,
    /// A sign-off step taken: save now (with the event the host hears).
    pub on_step: Callback<Option<HostEvent>>,
    /// After each edit of the drop reason (rules are checked again).
    pub on_edit: Callback<()>,
}

/// GoalStatus: see the module.
pub fn goal_status(
    i18n: I18n,
    draft: RwSignal<Goal>,
    me: Person,
    rel: Relationship,
    celebrate: RwSignal<bool>,
    errors: RwSignal<Vec<FieldError>>,
    hooks: StatusHooks,
) -> AnyView {
    let StatusHooks { on_refused, on_step, on_edit } = hooks;
    let history = Memo::new(move |_| draft.with(|g| g.history.clone()));
    el("fieldset")
        .class("mw-section")
        .child(el("legend").class("mw-section__title").text_dyn(i18n.tr("goal.progress")).into_view())
        .child(
            el("p")
                .class("mw-goal__progress")
                .child(
                    el("progress")
                        .attr("max", "100")
                        .attr_dyn("value", move || Some(draft.with(|g| g.progress()).to_string()))
                        .attr("aria-labelledby", "mw-goal-progress-text")
                        .into_view(),
                )
                .child(
                    el("span")
                        .id("mw-goal-progress-text")
                        .text_dyn(move || i18n.f("goal.percent_done", &[("n", &draft.with(|g| g.progress()).to_string())]))
                        .into_view(),
                )
                .into_view(),
        )
        .child(manual_progress(i18n, draft, me.clone(), on_refused))
        .child(dyn_view(move || history.with(|h| progress_chart(i18n, h))))
        .child(field(i18n, Field::new("mw-goal-status", Words::Key("goal.status_label")), status_select(i18n, draft)))
        .child(drop_reason(i18n, draft, errors, on_edit))
        .child(goal_sign_off(i18n, draft, me, rel, celebrate, on_step, on_refused))
        .into_view()
}

/// The progress typed by hand, with a note for its history entry; a goal
/// with milestones takes its progress from them instead.
fn manual_progress(i18n: I18n, draft: RwSignal<Goal>, me: Person, on_refused: Callback<GoalError>) -> AnyView {
    let by_steps = Memo::new(move |_| draft.with(|g| !g.milestones.is_empty()));
    let progress_note = RwSignal::new(String::new());
    dyn_view(move || {
        if by_steps.get() {
            return el("p").class("mw-hint").text_dyn(i18n.tr("goal.progress_from_milestones")).into_view();
        }
        let me = me.clone();
        // Through a memo: a partner's save of another part sets the draft,
        // and must not put back the number being typed here (it enters the
        // draft on `change`).
        let shown = Memo::new(move |_| draft.with(|g| g.manual_progress.to_string()));
        let progress = el("input")
            .attr("type", "number")
            .attr("min", "0")
            .attr("max", "100")
            .attr("inputmode", "numeric")
            .class("mw-input mw-input--short")
            .prop_text("value", move || shown.get())
            // One history entry per committed change, not per keystroke.
            .on(leptos::ev::change, move |ev| {
                let value = event_target_value(&ev).trim().parse::<u8>().unwrap_or(101);
                let note = progress_note.get_untracked();
                let mut result = Ok(());
                draft.update(|g| result = g.set_progress(value, &me, &now_rfc3339(), &note));
                match result {
                    Ok(()) => progress_note.set(String::new()),
                    Err(e) => on_refused.run(e),
                }
            });
        let note = el("input")
            .attr("type", "text")
            .class("mw-input")
            .prop_text("value", move || progress_note.get())
            .on(leptos::ev::input, move |ev| progress_note.set(event_target_value(&ev)));
        fragment(vec![
            field(i18n, Field::new("mw-goal-progress", Words::Key("goal.progress_label")), progress),
            field(i18n, Field::new("mw-goal-note", Words::Key("goal.progress_note")), note),
        ])
    })
}

/// The status select. "Achieved" is shown but not chosen here: it goes
/// through "Mark as achieved" and the partner's confirmation.
fn status_select(i18n: I18n, draft: RwSignal<Goal>) -> crate::ui::dom::El {
    el("select")
        .class("mw-input mw-select")
        .children(GoalStatus::ALL.into_iter().map(|s| {
            let option = el("option").attr("value", s.label_key()).prop_flag("selected", move || draft.with(|g| g.status == s)).text(i18n.t(s.label_key()));
            if s == GoalStatus::Achieved { option.attr("disabled", "") } else { option }.into_view()
        }))
        .on(leptos::ev::change, move |ev| {
            let key = event_target_value(&ev);
            if let Some(s) = GoalStatus::ALL.into_iter().find(|s| s.label_key() == key) {
                draft.update(|g| g.status = s);
            }
        })
}

/// Why the goal was dropped: asked for only while it is dropped.
fn drop_reason(i18n: I18n, draft: RwSignal<Goal>, errors: RwSignal<Vec<FieldError>>, on_edit: Callback<()>) -> AnyView {
    let dropped = Memo::new(move |_| draft.with(|g| g.status == GoalStatus::Dropped));
    dyn_view(move || {
        if !dropped.get() {
            return empty();
        }
        let control = el("input")
            .attr("type", "text")
            .class("mw-input")
            .prop_text("value", move || draft.with(|g| g.drop_reason.clone().unwrap_or_default()))
            .on(leptos::ev::input, move |ev| {
                draft.update(|g| g.drop_reason = Some(event_target_value(&ev)));
                on_edit.run(());
            });
        let f = Field { error: error_of(errors, "drop_reason"), required: true, ..Field::new("mw-goal-drop", Words::Key("goal.drop_reason")) };
        field(i18n, f, control)
    })
}
