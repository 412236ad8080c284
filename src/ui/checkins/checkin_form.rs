use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::bridge::backup;
use crate::bridge::repo::{load_checkin, load_goal, save_checkin, save_goal};
use crate::bridge::{BridgeError, HostBridge};
use crate::domain::checkins::merge::merge;
use crate::domain::checkins::record::{apply_update, CheckIn, CheckInKind, GoalUpdate, FORMATS};
use crate::domain::envelope::{decode, encode};
use crate::domain::keys;
use crate::domain::person::Person;
use crate::domain::relationship::State;
use crate::domain::FieldError;
use crate::ui::checkins::action_items::action_items;
use crate::ui::checkins::agenda_editor::agenda_editor;
use crate::ui::checkins::book::Book;
use crate::ui::checkins::field_error::{field_error, invalid};
use crate::ui::checkins::goal_progress::goal_progress;
use crate::ui::checkins::private_note::private_note;
use crate::ui::checkins::pulse_input::pulse_input;
use crate::ui::checkins::review_questions::review_questions;
use crate::ui::dom::{el, empty, AnyView};
use crate::ui::env::{Env, HostEvent};
use crate::ui::platform::now_rfc3339;

#[derive(Clone, Debug, PartialEq)]
enum Saving {
    Idle,
    Busy,
    Saved,
    Invalid,
    Failed(BridgeError),
    /// The partner's crossing save was merged in without clashes.
    Merged,
    /// Both changed these fields (label keys): mine is on screen.
    Clashed(Vec<&'static str>),
}

/// CheckInForm: one check-in: when and how, the agenda, shared notes, wins,
/// challenges and feedback, progress per active goal (which goes into each
/// goal's history), action items, each person's pulse, the mid-point
/// review's questions when it is one, and my private notes. Saved with the
/// Save button; unsaved entries survive a failed save and a reload.
pub fn checkin_form(env: &Env, book: Book, checkin: CheckIn, revision: Option<String>, on_close: Callback<()>, review_done: Callback<String>) -> AnyView {
    let i18n = env.i18n;
    let me = book.me.clone();
    let read_only = !book.is_open();
    let backup_name = unsaved_name(&me.id, &book.rel.id, &checkin.id);
    let pointer_name = open_name(&me.id, &book.rel.id);
    let stored = revision.is_some().then(|| checkin.clone());
    let draft = RwSignal::new(checkin.clone());
    let base = StoredValue::new(stored);
    let revision = StoredValue::new(revision);
    let saving = RwSignal::new(Saving::Idle);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let restored = RwSignal::new(false);

    // Entries kept from a save that never reached the host come back first.
    if !read_only {
        if let Some(kept) = backup::kept_text(&backup_name).and_then(|t| decode::<CheckIn>(&t).ok()) {
            if kept.id == checkin.id && base.with_value(|b| b.as_ref() != Some(&kept)) {
                draft.set(kept);
                restored.set(true);
            }
        }
        let name = backup_name.clone();
        Effect::new(move |_| {
            let now = draft.get();
            if base.with_value(|b| b.as_ref() != Some(&now)) {
                backup::keep_text(&name, &encode(&now));
                backup::keep_text(&pointer_name, &now.id);
            }
        });
    }

    let save = {
        let (env, me, name) = (env.clone(), me.clone(), backup_name.clone());
        let partner_state = book.rel.state;
        SendWrapper::new(move |finish_review: bool| {
            let Some(bridge) = env.host() else { return };
            let found = draft.with_untracked(|c| c.validate());
            if !found.is_empty() {
                errors.set(found);
                saving.set(Saving::Invalid);
                return;
            }
            errors.set(Vec::new());
            saving.set(Saving::Busy);
            let (env, me, name) = (env.clone(), me.clone(), name.clone());
            spawn_local(async move {
                let mut merged = false;
                for _ in 0..3 {
                    let Some(current) = draft.try_get_untracked() else { return };
                    match save_checkin(&bridge, &current, revision.get_value().as_deref()).await {
                        Ok(new_revision) => {
                            let before = base.get_value();
                            revision.set_value(Some(new_revision));
                            base.set_value(Some(current.clone()));
                            backup::forget_text(&name);
                            backup::forget_text(&open_name(&me.id, &current.relationship_id));
                            saving.try_set(if merged { Saving::Merged } else { Saving::Saved });
                            env.emit(HostEvent::Saved { kind: "checkin", id: current.id.clone() });
                            let updates = current.new_updates(before.as_ref());
                            let meeting = env.i18n.f("checkin.meeting_note", &[("date", &current.date)]);
                            feed_goals(&env, &bridge, &me, &current.relationship_id, updates, &meeting).await;
                            if finish_review && partner_state == State::MidpointReview {
                                if let Some(decision) = current.review.as_ref().map(|r| r.decision.clone()).filter(|d| !d.is_empty()) {
                                    review_done.run(decision);
                                }
                            }
                            return;
                        }
                        Err(BridgeError::Conflict) => match load_checkin(&bridge, &current.relationship_id, &current.id).await {
                            Ok(Some((theirs, their_revision))) => {
                                let from = base.get_value().unwrap_or_else(|| theirs.clone());
                                let m = merge(&from, &current, &theirs);
                                base.set_value(Some(theirs));
                                revision.set_value(Some(their_revision));
                                draft.try_set(m.checkin);
                                merged = true;
                                if !m.clashes.is_empty() {
                                    saving.try_set(Saving::Clashed(m.clashes));
                                    return;
                                }
                            }
                            Ok(None) => revision.set_value(None),
                            Err(e) => {
                                env.report(&e);
                                saving.try_set(Saving::Failed(e));
                                return;
                            }
                        },
                        Err(e) => {
                            env.report(&e);
                            saving.try_set(Saving::Failed(e));
                            return;
                        }
                    }
                }
                saving.try_set(Saving::Failed(BridgeError::Conflict));
            });
        })
    };

    // One labelled control of the check-in, its errors tied to it: a
    // textarea (`kind` "long") or an input of that type.
    let field = move |field: &'static str, label: &'static str, kind: &'static str, get: fn(&CheckIn) -> String, set: fn(&mut CheckIn, String)| {
        let id = format!("mw-ci-{field}");
        let err = format!("{id}-error");
        let control = match kind {
            "long" => el("textarea").class("mw-input mw-textarea").attr("rows", "3"),
            "number" => el("input").attr("type", kind).class("mw-input mw-input--short"),
            _ => el("input").attr("type", kind).class("mw-input mw-input--date"),
        };
        el("div")
            .class(if kind == "long" { "mw-field" } else { "mw-field mw-field--inline" })
            .child(el("label").attr("for", id.clone()).class("mw-label").text(i18n.t(label)).into_view())
            .child(
                control
                    .id(id)
                    .attr("aria-describedby", err.clone())
                    .attr_dyn("aria-invalid", invalid(errors, field))
                    .prop_text("value", move || draft.with(get))
                    .on(leptos::ev::input, move |ev| {
                        let v = event_target_value(&ev);
                        draft.update(|c| set(c, v));
                    })
                    .into_view(),
            )
            .child(field_error(i18n, errors, field, err))
            .into_view()
    };

    let when = el("fieldset")
        .class("mw-section mw-ci-when")
        .child(el("legend").class("mw-section__title").text_dyn(i18n.tr("checkin.when")).into_view())
        .child(field("date", "checkin.date", "date", |c| c.date.clone(), |c, v| c.date = v))
        .child(field("time", "checkin.time", "time", |c| c.time.clone(), |c, v| c.time = v))
        // A number that does not parse becomes 0, which the rule refuses
        // with the field's own message instead of silently keeping the old value.
        .child(field("minutes", "checkin.minutes", "number", |c| c.minutes.to_string(), |c, v| c.minutes = v.trim().parse().unwrap_or(0)))
        .child(
            el("div")
                .class("mw-field mw-field--inline")
                .child(el("label").attr("for", "mw-ci-format").class("mw-label").text_dyn(i18n.tr("checkin.format")).into_view())
                .child(
                    el("select")
                        .id("mw-ci-format")
                        .class("mw-input mw-select")
                        .children(FORMATS.iter().map(|f| {
                            let v = *f;
                            el("option").attr("value", v).prop_flag("selected", move || draft.with(|c| c.format == v)).text(i18n.t(&format!("checkin.format.{v}"))).into_view()
                        }))
                        .on(leptos::ev::change, move |ev| {
                            let v = event_target_value(&ev);
                            draft.update(|c| c.format = v);
                        })
                        .into_view(),
                )
                .into_view(),
        )
        .into_view();

    let shared = el("fieldset")
        .class("mw-section mw-ci-shared")
        .child(el("legend").class("mw-section__title").text_dyn(i18n.tr("checkin.shared_legend")).into_view())
        .child(el("p").class("mw-hint").text_dyn(i18n.tr("checkin.shared_hint")).into_view())
        .child(field("notes", "checkin.notes", "long", |c| c.notes.clone(), |c, v| c.notes = v))
        .child(field("wins", "checkin.wins", "long", |c| c.wins.clone(), |c, v| c.wins = v))
        .child(field("challenges", "checkin.challenges", "long", |c| c.challenges.clone(), |c, v| c.challenges = v))
        .child(field("feedback", "checkin.feedback", "long", |c| c.feedback.clone(), |c, v| c.feedback = v))
        .into_view();

    let partner = book.partner_name();
    let status = el("p")
        .class("mw-save-status")
        .attr("role", "status")
        .attr_dyn("data-state", move || {
            Some(
                match saving.get() {
                    Saving::Idle => "idle",
                    Saving::Busy => "saving",
                    Saving::Saved | Saving::Merged => "saved",
                    Saving::Invalid | Saving::Failed(_) => "failed",
                    Saving::Clashed(_) => "clashed",
                }
                .to_string(),
            )
        })
        .text_dyn(move || match saving.get() {
            Saving::Idle if restored.get() => i18n.t("checkin.restored"),
            Saving::Idle => String::new(),
            Saving::Busy => i18n.t("form.saving"),
            Saving::Saved => i18n.t("checkin.saved"),
            Saving::Merged => format!("{} {}", i18n.t("checkin.saved"), i18n.f("checkin.merged", &[("name", &partner)])),
            Saving::Invalid => i18n.t("checkin.fix"),
            Saving::Failed(e) => i18n.f("checkin.save_failed", &[("reason", &i18n.t(e.message_key()))]),
            Saving::Clashed(fields) => i18n.f("checkin.clash", &[("fields", &fields.iter().map(|f| i18n.t(f)).collect::<Vec<_>>().join(", "))]),
        })
        .into_view();

    let is_review = checkin.kind == CheckInKind::MidpointReview;
    let in_review = book.rel.state == State::MidpointReview;
    let (save_click, finish_click) = (save.clone(), save.clone());
    let actions = el("div")
        .class("mw-actions")
        .child(if read_only {
            empty()
        } else {
            el("button").attr("type", "button").class("mw-button mw-button--primary").prop_flag("disabled", move || saving.get() == Saving::Busy).on(leptos::ev::click, move |_| save_click(false)).text_dyn(i18n.tr("checkin.save")).into_view()
        })
        .child(if is_review && in_review && !read_only {
            el("button")
                .attr("type", "button")
                .class("mw-button")
                .prop_flag("disabled", move || saving.get() == Saving::Busy || draft.with(|c| c.review.as_ref().is_none_or(|r| r.decision.is_empty())))
                .on(leptos::ev::click, move |_| finish_click(true))
                .text_dyn(i18n.tr("review.finish"))
                .into_view()
        } else {
            empty()
        })
        .child(el("button").attr("type", "button").class("mw-button").on(leptos::ev::click, move |_| on_close.run(())).text_dyn(i18n.tr("checkin.close_form")).into_view())
        .into_view();

    let day = checkin.day().map(|d| crate::ui::platform::format_day(d, i18n.locale())).unwrap_or_else(|| checkin.date.clone());
    let heading = i18n.f(if is_review { "checkin.review_heading" } else { "checkin.form_heading" }, &[("date", &day)]);
    let shared_parts = el("fieldset")
        .class("mw-plain-fieldset")
        .prop_flag("disabled", move || read_only)
        .child(when)
        .child(agenda_editor(i18n, draft, &book, errors))
        .child(if is_review { review_questions(i18n, draft) } else { empty() })
        .child(shared)
        .child(goal_progress(i18n, draft, &book, errors))
        .child(action_items(env, draft, &book, errors))
        .child(pulse_input(i18n, draft, &book))
        .into_view();

    el("section")
        .class("mw-checkin-form")
        .attr("data-checkin", checkin.id.clone())
        .attr("aria-labelledby", "mw-checkin-form-heading")
        .child(el("h4").id("mw-checkin-form-heading").attr("tabindex", "-1").class("mw-section__title").text(heading).into_view())
        .child(if read_only { el("p").class("mw-notice").text_dyn(i18n.tr("checkin.read_only")).into_view() } else { empty() })
        .child(shared_parts)
        .child(status)
        .child(actions)
        .child(private_note(env, &book, checkin.id.clone()))
        .into_view()
}

/// Where this tab keeps a check-in's unsaved entries (DESIGN.md section 4:
/// they survive a failed write and a reload).
pub fn unsaved_name(me: &str, relationship: &str, checkin: &str) -> String {
    format!("{me}:{relationship}:checkin:{checkin}")
}

/// Which check-in had unsaved entries, so a reload reopens it, even one
/// that never reached the host.
pub fn open_name(me: &str, relationship: &str) -> String {
    format!("{me}:{relationship}:checkin-open")
}

/// The check-in with unsaved entries in this tab, if any.
pub fn unsaved_checkin(me: &str, relationship: &str) -> Option<CheckIn> {
    let id = backup::kept_text(&open_name(me, relationship))?;
    backup::kept_text(&unsaved_name(me, relationship, &id)).and_then(|t| decode::<CheckIn>(&t).ok()).filter(|c| c.id == id && c.relationship_id == relationship)
}

/// Each new progress update goes into its goal's history, named after the
/// meeting. A goal changed meanwhile is read again and the update applied
/// to it; a goal that is finished or gone is skipped (its tracker says why).
async fn feed_goals(env: &Env, bridge: &HostBridge, me: &Person, relationship: &str, updates: Vec<GoalUpdate>, meeting: &str) {
    for update in updates {
        let key = keys::goal(relationship, &update.goal_id);
        for _ in 0..3 {
            let Ok(Some((mut goal, rev))) = load_goal(bridge, &key).await else { break };
            if apply_update(&mut goal, &update, me, &now_rfc3339(), meeting).is_err() {
                break;
            }
            match save_goal(bridge, &goal, Some(&rev)).await {
                Ok(_) => {
                    env.emit(HostEvent::Saved { kind: "goal", id: goal.id.clone() });
                    break;
                }
                Err(BridgeError::Conflict) => continue,
                Err(e) => {
                    env.report(&e);
                    break;
                }
            }
        }
    }
}

