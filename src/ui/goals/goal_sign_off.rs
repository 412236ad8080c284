//! A goal's sign-off: the owner marks it achieved, the partner confirms it, and then it is signed
//! off (with a moment of celebration). It reads only the facts it shows, so typing elsewhere in
//! the goal never rebuilds it.

use leptos::prelude::*;

use crate::domain::goals::{Goal, GoalError, GoalStatus};
use crate::domain::person::Person;
use crate::domain::relationship::Relationship;
use crate::ui::dom::{dyn_view, el, empty, AnyView};
use crate::ui::env::{HostEvent, I18n};
use crate::ui::kit::button::button;
use crate::ui::platform::now_rfc3339;

/// GoalSignOff: "Mark as achieved" for either party, "Confirm" for the
/// other one once it is marked, and the signed-off line. A step taken is
/// saved through `on_step` (with the event the host hears, if any); a step
/// the goal refuses goes to `on_refused`.
pub fn goal_sign_off(
    i18n: I18n,
    draft: RwSignal<Goal>,
    me: Person,
    rel: Relationship,
    celebrate: RwSignal<bool>,
    on_step: Callback<Option<HostEvent>>,
    on_refused: Callback<GoalError>,
) -> AnyView {
    // Signed off?, who marked it, dropped?: all this part shows.
    let facts = {
        let rel = rel.clone();
        Memo::new(move |_| draft.with(|g| (g.is_signed_off_in(&rel), g.achieved_by.clone(), g.status == GoalStatus::Dropped)))
    };
    dyn_view(move || {
        let (signed_off, achieved_by, dropped) = facts.get();
        let (me, rel) = (me.clone(), rel.clone());
        if signed_off {
            return el("p")
                .class_when("mw-achieved", "mw-achieved--celebrate", move || celebrate.get())
                .attr("role", "status")
                .text_dyn(i18n.tr("goal.signed_off_line"))
                .into_view();
        }
        match achieved_by {
            Some(marker) if marker != me.id => button()
                .class("mw-button mw-button--primary")
                .on(leptos::ev::click, move |_| {
                    let mut result = Ok(());
                    draft.update(|g| result = g.confirm_achieved(&rel, &me, &now_rfc3339()));
                    match result {
                        Ok(()) => {
                            let event = draft.with_untracked(|g| HostEvent::GoalAchieved { relationship_id: g.relationship_id.clone(), goal_id: g.id.clone() });
                            on_step.run(Some(event));
                        }
                        Err(e) => on_refused.run(e),
                    }
                })
                .text_dyn(i18n.tr("goal.confirm_achieved"))
                .into_view(),
            Some(_) => el("p").class("mw-hint").text_dyn(i18n.tr("goal.waiting_confirmation")).into_view(),
            None if !dropped => button()
                .class("mw-button")
                .on(leptos::ev::click, move |_| {
                    let mut result = Ok(());
                    draft.update(|g| result = g.mark_achieved(&rel, &me, &now_rfc3339()));
                    match result {
                        Ok(()) => on_step.run(None),
                        Err(e) => on_refused.run(e),
                    }
                })
                .text_dyn(i18n.tr("goal.mark_achieved"))
                .into_view(),
            None => empty(),
        }
    })
}
