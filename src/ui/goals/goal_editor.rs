//! The editor for one goal: its SMART fields beside the coach, milestones, progress, status and
//! sign-off. Saved with its Save button; a partner's crossing save is merged field by field.

use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::bridge::save::{Held, SaveError, Saved};
use crate::bridge::writes;
use crate::domain::goals::merge::merge;
use crate::domain::goals::model::GoalError;
use crate::domain::goals::{Goal, GoalStatus};
use crate::domain::keys;
use crate::domain::person::Person;
use crate::domain::relationship::Relationship;
use crate::domain::FieldError;
use crate::ui::dom::{dyn_view, el, empty, fragment, text, AnyView};
use crate::ui::env::{Env, HostEvent};
use crate::ui::goals::goal_milestones::goal_milestones;
use crate::ui::goals::goal_sign_off::goal_sign_off;
use crate::ui::goals::progress_chart::progress_chart;
use crate::ui::goals::smart_coach::smart_coach;
use crate::ui::kit::button::button;
use crate::ui::kit::field::{error_of, field, Field};
use crate::ui::kit::radio_group::Words;
use crate::ui::kit::save_status::{save_status, SaveState};
use crate::ui::platform::now_rfc3339;

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
pub fn goal_editor(env: &Env, me: Person, rel: Relationship, goal: Goal, revision: Option<String>, purpose: String, on_close: Callback<()>) -> AnyView {
    let i18n = env.i18n;
    let draft = RwSignal::new(goal.clone());
    // The goal as stored, with its revision: the base of the next save.
    let held = StoredValue::new(revision.map(|revision| Held { doc: goal, revision }));
    let saving = RwSignal::new(Saving::Idle);
    let celebrate = RwSignal::new(false);
    let progress_note = RwSignal::new(String::new());
    let drop_reason = RwSignal::new(String::new());
    // The goal's own rules (`Goal::validate`), shown beside their fields
    // once a save was refused, and checked again as the person types.
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let recheck = move || {
        if !errors.with_untracked(Vec::is_empty) {
            errors.set(draft.with_untracked(Goal::validate));
        }
    };
    // Writes the draft through the one save path: over the revision it was
    // read at, merged with a partner's crossing save from the goal it was
    // edited on. After every await the component may be gone (the person
    // moved on, the host destroyed the widget): each touch is a `try_`.
    let save = {
        let (env, rel_id) = (env.clone(), rel.id.clone());
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
    };

    let text_field =
        move |id: &'static str, label: &'static str, hint: Option<&'static str>, long: bool, get: fn(&Goal) -> String, set: fn(&mut Goal, String)| {
            let control = if long {
                el("textarea").attr("rows", "2").class("mw-input mw-textarea")
            } else {
                el("input").attr("type", if id == "due" { "date" } else { "text" }).class("mw-input")
            };
            let control = control.prop_text("value", move || draft.with(get)).on(leptos::ev::input, move |ev| {
                let v = event_target_value(&ev);
                draft.update(|g| set(g, v));
                recheck();
            });
            let f = Field { hint, error: error_of(errors, id), required: id == "title", ..Field::new(format!("mw-goal-{id}"), Words::Key(label)) };
            field(i18n, f, control)
        };

    let me_for_progress = me.clone();
    // Each part below reads only what it shows (a `Memo`), so a keystroke in
    // the title rebuilds none of them.
    let by_steps = Memo::new(move |_| draft.with(|g| !g.milestones.is_empty()));
    let manual_progress = dyn_view(move || {
        if by_steps.get() {
            return el("p").class("mw-hint").text_dyn(i18n.tr("goal.progress_from_milestones")).into_view();
        }
        let me = me_for_progress.clone();
        let progress = el("input")
            .attr("type", "number")
            .attr("min", "0")
            .attr("max", "100")
            .attr("inputmode", "numeric")
            .class("mw-input mw-input--short")
            .prop_text("value", move || draft.with(|g| g.manual_progress.to_string()))
            // One history entry per committed change, not per keystroke.
            .on(leptos::ev::change, move |ev| {
                let value = event_target_value(&ev).trim().parse::<u8>().unwrap_or(101);
                let note = progress_note.get_untracked();
                let mut result = Ok(());
                draft.update(|g| result = g.set_progress(value, &me, &now_rfc3339(), &note));
                match result {
                    Ok(()) => progress_note.set(String::new()),
                    Err(e) => saving.set(Saving::Rule(e)),
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
    });

    let status_select = el("select")
        .class("mw-input mw-select")
        // "Achieved" is shown but not chosen here: it goes through "Mark as
        // achieved" and the partner's confirmation.
        .children(GoalStatus::ALL.into_iter().map(|s| {
            let option = el("option").attr("value", s.label_key()).prop_flag("selected", move || draft.with(|g| g.status == s)).text(i18n.t(s.label_key()));
            if s == GoalStatus::Achieved { option.attr("disabled", "") } else { option }.into_view()
        }))
        .on(leptos::ev::change, move |ev| {
            let key = event_target_value(&ev);
            if let Some(s) = GoalStatus::ALL.into_iter().find(|s| s.label_key() == key) {
                draft.update(|g| g.status = s);
            }
        });

    let sign_off = goal_sign_off(
        i18n,
        draft,
        me.clone(),
        rel.clone(),
        celebrate,
        Callback::new({
            let save = save.clone();
            move |event: Option<HostEvent>| save(event)
        }),
        Callback::new(move |e: GoalError| saving.set(Saving::Rule(e))),
    );

    let dropped = Memo::new(move |_| draft.with(|g| g.status == GoalStatus::Dropped));
    let drop_field = dyn_view(move || {
        if !dropped.get() {
            return empty();
        }
        let control = el("input")
            .attr("type", "text")
            .class("mw-input")
            .prop_text("value", move || draft.with(|g| g.drop_reason.clone().unwrap_or_default()))
            .on(leptos::ev::input, move |ev| {
                let v = event_target_value(&ev);
                drop_reason.set(v.clone());
                draft.update(|g| g.drop_reason = Some(v));
                recheck();
            });
        let f = Field { error: error_of(errors, "drop_reason"), required: true, ..Field::new("mw-goal-drop", Words::Key("goal.drop_reason")) };
        field(i18n, f, control)
    });

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
            el("div")
                .class("mw-goal-editor__grid")
                .child(
                    el("div")
                        .class("mw-goal-editor__form")
                        .child(text_field("title", "goal.field.title", None, false, |g| g.title.clone(), |g, v| g.title = v))
                        .child(text_field(
                            "description",
                            "goal.field.description",
                            Some("goal.hint.description"),
                            true,
                            |g| g.description.clone(),
                            |g, v| g.description = v,
                        ))
                        .child(text_field("specific", "goal.field.specific", Some("goal.hint.specific"), true, |g| g.specific.clone(), |g, v| g.specific = v))
                        .child(text_field("measure", "goal.field.measure", Some("goal.hint.measure"), false, |g| g.measure.clone(), |g, v| g.measure = v))
                        .child(text_field(
                            "achievable",
                            "goal.field.achievable",
                            Some("goal.hint.achievable"),
                            false,
                            |g| g.achievable.clone(),
                            |g, v| g.achievable = v,
                        ))
                        .child(text_field("relevant", "goal.field.relevant", Some("goal.hint.relevant"), false, |g| g.relevant.clone(), |g, v| g.relevant = v))
                        .child(text_field(
                            "due",
                            "goal.field.due",
                            Some("goal.hint.due"),
                            false,
                            |g| g.due.clone().unwrap_or_default(),
                            |g, v| g.due = (!v.is_empty()).then_some(v),
                        ))
                        .into_view(),
                )
                .child(smart_coach(env, draft, purpose))
                .into_view(),
        )
        .child(goal_milestones(i18n, draft, me.clone()))
        .child(
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
                .child(manual_progress)
                .child({
                    let history = Memo::new(move |_| draft.with(|g| g.history.clone()));
                    dyn_view(move || history.with(|h| progress_chart(i18n, h)))
                })
                .child(field(i18n, Field::new("mw-goal-status", Words::Key("goal.status_label")), status_select))
                .child(drop_field)
                .child(sign_off)
                .into_view(),
        )
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
