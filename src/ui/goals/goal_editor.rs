//! The editor for one goal: its SMART fields beside the coach, milestones, progress, status and
//! sign-off. Saved with its Save button; a partner's crossing save is merged field by field.

use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::bridge::save::{Held, SaveError, Saved};
use crate::bridge::writes;
use crate::domain::goals::merge::merge;
use crate::domain::goals::model::GoalError;
use crate::domain::goals::Goal;
use crate::domain::keys;
use crate::domain::person::Person;
use crate::domain::relationship::Relationship;
use crate::domain::FieldError;
use crate::ui::dom::{el, text, AnyView};
use crate::ui::env::{Env, HostEvent};
use crate::ui::goals::goal_milestones::goal_milestones;
use crate::ui::goals::goal_smart_fields::goal_smart_fields;
use crate::ui::goals::goal_status::{goal_status, StatusHooks};
use crate::ui::goals::smart_coach::smart_coach;
use crate::ui::kit::button::button;
use crate::ui::kit::save_status::{save_status, SaveState};

#[derive(Clone, Debug, PartialEq)]
enum Saving {
    Idle,
    Busy,
    Saved,
    Failed(SaveError),
    Rule(GoalError),
    /// Both changed the same parts: mine is shown; saving again keeps it.
    Clashed(Vec<&'static str>),
}

/// GoalEditor: one goal, in full: what it is in SMART terms with the coach
/// beside it, milestones to tick, progress and its history, status, and the
/// sign-off. Saved with the Save button; a crossing save by the partner is
/// merged field by field and clashes are named.
///
/// `opened` is the goal as the board read it, its revision, and a reactive
/// read of the board's newest copy, which the editor follows (below).
pub fn goal_editor(
    env: &Env,
    me: Person,
    rel: Relationship,
    opened: (Goal, String, impl Fn() -> Option<(Goal, String)> + 'static),
    purpose: String,
    on_close: Callback<()>,
) -> AnyView {
    let i18n = env.i18n;
    let (goal, revision, stored) = opened;
    let draft = RwSignal::new(goal.clone());
    // The goal as stored, with its revision: the base of the next save.
    let held = StoredValue::new(Some(Held { doc: goal.clone(), revision: revision.clone() }));
    let saving = RwSignal::new(Saving::Idle);
    let celebrate = RwSignal::new(false);
    // The goal's own rules (`Goal::validate`), shown beside their fields
    // once a save was refused, and checked again as the person types.
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let recheck = move || {
        if !errors.with_untracked(Vec::is_empty) {
            errors.set(draft.with_untracked(Goal::validate));
        }
    };
    let save = goal_save(env, rel.id.clone(), draft, held, saving, celebrate);
    follow_stored(stored, (goal, revision), draft, held, saving);

    let milestones = goal_milestones(i18n, draft, me.clone());
    let recheck = Callback::new(move |()| recheck());
    let status = goal_status(
        i18n,
        draft,
        me,
        rel,
        celebrate,
        errors,
        StatusHooks {
            on_refused: Callback::new(move |e: GoalError| saving.set(Saving::Rule(e))),
            on_step: Callback::new({
                let save = save.clone();
                move |event: Option<HostEvent>| save(event)
            }),
            on_edit: recheck,
        },
    );

    let save_click = {
        let save = save.clone();
        let host = env.host.clone();
        move |_| {
            // The goal's rules are the domain's: refused here, each error is
            // shown at its field and focus goes to the first, so a keyboard
            // or screen reader user lands on what to mend.
            let found = draft.with_untracked(Goal::validate);
            if let Some(first) = found.first() {
                let dropped = first.field == "drop_reason";
                let target = if dropped { "mw-goal-drop".to_string() } else { format!("mw-goal-{}", first.field) };
                errors.set(found);
                // The status line says it too, as an announcement; focus goes
                // to the field once it is marked and names its error (the
                // next frame), so a screen reader reads the error with it.
                saving.set(Saving::Rule(if dropped { GoalError::DropNeedsReason } else { GoalError::TitleRequired }));
                crate::ui::dom::focus_later(&host, target);
                return;
            }
            errors.set(Vec::new());
            save(None)
        }
    };

    let status_line = save_status(None, move || match saving.get() {
        Saving::Idle => (SaveState::Idle, String::new()),
        Saving::Busy => (SaveState::Saving, i18n.t("form.saving")),
        Saving::Saved => (SaveState::Saved, i18n.t("goal.saved")),
        Saving::Failed(e) => (SaveState::Failed, i18n.f("goal.save_failed", &[("reason", &i18n.t(e.message_key()))])),
        Saving::Rule(e) => (SaveState::Failed, i18n.t(e.message_key())),
        Saving::Clashed(fields) => (
            SaveState::Clashed,
            i18n.f("goal.clashed", &[("fields", &fields.iter().map(|f| i18n.t(&format!("goal.field.{f}"))).collect::<Vec<_>>().join(", "))]),
        ),
    });

    el("section")
        .class("mw-goal-editor")
        .attr("aria-labelledby", "mw-goal-editor-heading")
        .child(el("h4").id("mw-goal-editor-heading").text_dyn(move || draft.with(|g| g.title.clone())).into_view())
        .child(
            el("div").class("mw-goal-editor__grid").child(goal_smart_fields(i18n, draft, errors, recheck)).child(smart_coach(env, draft, purpose)).into_view(),
        )
        .child(milestones)
        .child(status)
        .child(status_line)
        .child(
            el("div")
                .class("mw-actions")
                .child(button().class("mw-button mw-button--primary").on(leptos::ev::click, save_click).text_dyn(i18n.tr("goal.save")).into_view())
                .child(button().class("mw-button").on(leptos::ev::click, move |_| on_close.run(())).text_dyn(i18n.tr("goal.close")).into_view())
                .child(text(""))
                .into_view(),
        )
        .into_view()
}

/// A save of this goal from elsewhere (the partner, the person in another
/// tab), once the board has read it, reaches the open editor.
///
/// What is carried over is the board's own step, from the copy it showed
/// before to the one it shows now (a three-way merge with the draft):
/// parts the person has not touched take the new value, what they typed
/// stays, and a part both changed differently is named as a clash at once
/// (what the person typed kept on screen, as a save does). The step, not the copy: the
/// board may still show a copy older than a save this editor just made
/// (its read of the partner's save answering after ours), and a step
/// between two old copies only changes what the draft already holds, so
/// nothing goes back. The base of the next save follows the board only
/// when the board stepped on from exactly the revision the editor holds.
fn follow_stored(
    stored: impl Fn() -> Option<(Goal, String)> + 'static,
    opened: (Goal, String),
    draft: RwSignal<Goal>,
    held: StoredValue<Option<Held<Goal>>>,
    saving: RwSignal<Saving>,
) {
    Effect::new(move |before: Option<Option<(Goal, String)>>| {
        let now = stored();
        let before = before.unwrap_or_else(|| Some(opened.clone()));
        let (Some((new, new_rev)), Some((old, old_rev))) = (&now, &before) else { return now.or(before) };
        if new_rev == old_rev {
            return now;
        }
        let mine = draft.get_untracked();
        let merged = merge(old, &mine, new);
        if merged.merged != mine {
            draft.set(merged.merged);
        }
        if !merged.conflicts.is_empty() {
            saving.set(Saving::Clashed(merged.conflicts));
        }
        held.update_value(|h| {
            if h.as_ref().is_some_and(|h| h.revision == *old_rev) {
                *h = Some(Held { doc: new.clone(), revision: new_rev.clone() });
            }
        });
        now
    });
}

/// Writes the draft through the one save path: over the revision it was
/// read at, merged with a partner's crossing save from the goal it was
/// edited on. After every await the component may be gone (the person
/// moved on, the host destroyed the widget): each touch is a `try_`.
fn goal_save(
    env: &Env,
    rel_id: String,
    draft: RwSignal<Goal>,
    held: StoredValue<Option<Held<Goal>>>,
    saving: RwSignal<Saving>,
    celebrate: RwSignal<bool>,
) -> SendWrapper<impl Fn(Option<HostEvent>) + Clone> {
    let env = env.clone();
    SendWrapper::new(move |then: Option<HostEvent>| {
        let Some(bridge) = env.host() else { return };
        saving.set(Saving::Busy);
        let (env, rel_id) = (env.clone(), rel_id.clone());
        spawn_local(async move {
            let Some(mine) = draft.try_get_untracked() else { return };
            let base = held.try_get_value().flatten();
            // The key comes from the relationship on screen and the goal as read.
            let key = keys::goal(&rel_id, &mine.id);
            let result = writes::goal(&bridge, &key, base, mine.clone()).await;
            let Some(now) = draft.try_get_untracked() else { return };
            // Anything typed while the save was in flight stays on screen,
            // carried over what is stored now.
            let keep = |shown: Goal| if now == mine { shown } else { merge(&mine, &now, &shown).merged };
            match result {
                Ok(Saved::Stored { held: stored, merged }) => {
                    if merged || now != mine {
                        draft.try_set(keep(stored.doc.clone()));
                    }
                    let id = stored.doc.id.clone();
                    held.try_set_value(Some(stored));
                    saving.try_set(Saving::Saved);
                    env.emit(HostEvent::Saved { kind: "goal", id });
                    if let Some(event) = then {
                        celebrate.try_set(true);
                        env.emit(event);
                    }
                }
                Ok(Saved::Clashed { stored, mine: shown, why }) => {
                    draft.try_set(keep(shown));
                    held.try_set_value(Some(stored));
                    saving.try_set(Saving::Clashed(why));
                }
                Ok(Saved::Refused { stored, why }) => {
                    draft.try_set(keep(stored.doc.clone()));
                    held.try_set_value(Some(stored));
                    saving.try_set(Saving::Clashed(why));
                }
                Err(e) => {
                    if let Some(b) = e.bridge() {
                        env.report(b);
                    }
                    saving.try_set(Saving::Failed(e));
                }
            }
        });
    })
}
