//! The form for one check-in, from the agenda to the pulse and my private notes. Unsaved
//! entries are kept in this tab, so a failed save or a reload loses none of them.

use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::bridge::backup::{self, KeptCheckIn};
use crate::bridge::save::{Held, SaveError, Saved};
use crate::bridge::writes;
use crate::domain::checkins::merge::merge;
use crate::domain::checkins::record::{CheckIn, CheckInKind};
use crate::domain::keys;
use crate::domain::relationship::State;
use crate::domain::FieldError;
use crate::ui::checkins::action_items::action_items;
use crate::ui::checkins::agenda_editor::agenda_editor;
use crate::ui::checkins::book::Book;
use crate::ui::checkins::checkin_fields::{checkin_notes, checkin_when};
use crate::ui::checkins::goal_progress::goal_progress;
use crate::ui::checkins::private_note::private_note;
use crate::ui::checkins::pulse_input::pulse_input;
use crate::ui::checkins::review_questions::review_questions;
use crate::ui::dom::{el, empty, AnyView};
use crate::ui::env::{Env, HostEvent};
use crate::ui::kit::button::button;
use crate::ui::kit::error_summary::error_summary;
use crate::ui::kit::field_error::message;
use crate::ui::kit::save_status::{save_status, SaveState};
use crate::ui::platform::now_rfc3339;

#[derive(Clone, Debug, PartialEq)]
enum Saving {
    Idle,
    Busy,
    Saved,
    Invalid,
    Failed(SaveError),
    /// The partner's crossing save was merged in without clashes.
    Merged,
    /// Stored, but the progress for these goals (titles) did not reach them.
    Unfed(Vec<String>, SaveError),
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
    // The check-in as stored, with its revision (the base of the next save),
    // and the version whose progress is known to be in the goals.
    let held = StoredValue::new(revision.map(|revision| Held { doc: checkin.clone(), revision }));
    let fed = StoredValue::new(held.with_value(|h| h.as_ref().map(|h| h.doc.clone())));
    // What this tab sent in a create whose answer never came: if it landed,
    // it is the base the entries typed since were typed on.
    let sent = StoredValue::new(None::<CheckIn>);
    let draft = RwSignal::new(checkin.clone());
    let saving = RwSignal::new(Saving::Idle);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let restored = RwSignal::new(false);
    let not_kept = RwSignal::new(false);

    // What this tab keeps until the host has it all: entries not stored
    // yet, or progress not yet in its goals. Kept with the base they were
    // typed on, so a reload merges them three-way with what is stored then.
    let sync_backup = {
        let (name, pointer) = (backup_name.clone(), pointer_name.clone());
        move || {
            let Some(local) = draft.try_get_untracked() else { return };
            let (base, done) = (held.get_value().map(|h| h.doc).or_else(|| sent.get_value()), fed.get_value());
            if base.as_ref() == Some(&local) && done == base {
                backup::forget_text(&name);
                // One pointer per relationship: it may name another check-in
                // with unsaved entries, which must still reopen after a reload.
                if backup::kept_text(&pointer).as_deref() == Some(local.id.as_str()) {
                    backup::forget_text(&pointer);
                }
            } else if !(backup::keep_checkin(&name, &KeptCheckIn { base, local: local.clone(), fed: done }) && backup::keep_text(&pointer, &local.id)) {
                not_kept.try_set(true);
            }
        }
    };

    // Entries kept from a save that never reached the host come back first,
    // merged with what the partner stored since; progress they gave that is
    // not in the goals yet is fed at the next save.
    if !read_only {
        if let Some(kept) = backup::kept_checkin(&backup_name).filter(|k| k.local.id == checkin.id) {
            let stored = held.with_value(|h| h.as_ref().map(|h| h.doc.clone()));
            let (back, clashes) = match &stored {
                Some(now) => {
                    let m = merge(kept.base.as_ref().unwrap_or(now), &kept.local, now);
                    (m.checkin, m.clashes)
                }
                None => (kept.local.clone(), Vec::new()),
            };
            fed.set_value(kept.fed.clone());
            if stored.is_none() {
                sent.set_value(kept.base.clone());
            }
            if stored.as_ref() != Some(&back) {
                draft.set(back);
                restored.set(true);
            }
            if !clashes.is_empty() {
                saving.set(Saving::Clashed(clashes));
            }
        }
        let sync = sync_backup.clone();
        Effect::new(move |_| {
            draft.track();
            sync();
        });
    }

    let save = {
        let (env, me) = (env.clone(), me.clone());
        let partner_state = book.rel.state;
        let rel_id = book.rel.id.clone();
        let goal_titles: Vec<(String, String)> = book.goals.iter().map(|g| (g.id.clone(), g.title.clone())).collect();
        SendWrapper::new(move |finish_review: bool| {
            let Some(bridge) = env.host() else { return };
            let found = draft.with_untracked(|c| c.validate());
            if !found.is_empty() {
                errors.set(found);
                saving.set(Saving::Invalid);
                // The summary above the form says what to mend, with a link
                // to each field: focus goes there, as in the agreement.
                crate::ui::dom::focus_later(&env.host, "mw-ci-summary".into());
                return;
            }
            errors.set(Vec::new());
            saving.set(Saving::Busy);
            let (env, me, rel_id, sync_backup, goal_titles, name) =
                (env.clone(), me.clone(), rel_id.clone(), sync_backup.clone(), goal_titles.clone(), backup_name.clone());

            spawn_local(async move {
                // After every await the form may be gone (the person moved
                // on, the host destroyed the widget): each touch is a `try_`.
                // A save that was sent still finishes its work: the check-in's
                // progress is fed into the goals even then.
                let (Some(mine), Some(base), Some(done), Some(was_sent)) =
                    (draft.try_get_untracked(), held.try_get_value(), fed.try_get_value(), sent.try_get_value())
                else {
                    return;
                };
                let key = keys::checkin(&rel_id, &mine.id);
                // Worded before any await, while the catalog is surely there.
                let meeting = i18n.f("checkin.meeting_note", &[("date", &mine.date)]);
                let creating = base.is_none();
                let result = writes::checkin(&bridge, &key, base, was_sent.as_ref(), mine.clone()).await;
                let now = draft.try_get_untracked();
                // Anything typed while the save was in flight stays on
                // screen, carried over what is stored now.
                let keep = |shown: CheckIn| match &now {
                    Some(now) if *now != mine => merge(&mine, now, &shown).checkin,
                    _ => shown,
                };
                let stored = match result {
                    Ok(Saved::Stored { held: stored, merged }) => {
                        if merged || now.as_ref().is_some_and(|n| *n != mine) {
                            draft.try_set(keep(stored.doc.clone()));
                        }
                        held.try_set_value(Some(stored.clone()));
                        sent.try_set_value(None);
                        saving.try_set(if merged { Saving::Merged } else { Saving::Saved });
                        env.emit(HostEvent::Saved { kind: "checkin", id: stored.doc.id.clone() });
                        stored.doc
                    }
                    Ok(Saved::Clashed { stored, mine: shown, why }) => {
                        draft.try_set(keep(shown));
                        held.try_set_value(Some(stored));
                        saving.try_set(Saving::Clashed(why));
                        sync_backup();
                        return;
                    }
                    Ok(Saved::Refused { stored, why }) => {
                        draft.try_set(keep(stored.doc.clone()));
                        held.try_set_value(Some(stored));
                        saving.try_set(Saving::Clashed(why));
                        sync_backup();
                        return;
                    }
                    Err(e) => {
                        if let Some(b) = e.bridge() {
                            env.report(b);
                        }
                        if creating {
                            sent.try_set_value(Some(mine));
                        }
                        saving.try_set(Saving::Failed(e));
                        sync_backup();
                        return;
                    }
                };
                sync_backup();
                // Then the progress given here goes into each goal's history,
                // named after the meeting; what does not get there is fed
                // again at the next save (or after a reload).
                let out = writes::feed_goals(&bridge, &key, &stored, done.as_ref(), &me, &now_rfc3339(), &meeting).await;
                for id in out.written {
                    env.emit(HostEvent::Saved { kind: "goal", id });
                }
                if out.unfed.is_empty() {
                    if let Some(f) = out.fed.clone() {
                        fed.try_set_value(Some(f));
                    }
                } else {
                    let titles = out
                        .unfed
                        .iter()
                        .map(|u| goal_titles.iter().find(|(id, _)| *id == u.goal_id).map_or_else(|| u.goal_id.clone(), |(_, t)| t.clone()))
                        .collect();
                    saving.try_set(Saving::Unfed(titles, out.unfed[0].error.clone()));
                }
                // Still on screen? (It may have gone during the feed.)
                if draft.try_get_untracked().is_some() {
                    sync_backup();
                } else if out.unfed.is_empty() && out.fed.is_some() && backup::kept_checkin(&name).is_some_and(|k| k.local == stored || k.local == mine) {
                    // Gone meanwhile, and the host has it all: nothing to keep.
                    backup::forget_text(&name);
                    backup::forget_text(&open_name(&me.id, &stored.relationship_id));
                }
                if finish_review && partner_state == State::MidpointReview {
                    if let Some(decision) = stored.review.as_ref().map(|r| r.decision.clone()).filter(|d| !d.is_empty()) {
                        review_done.try_run(decision);
                    }
                }
            });
        })
    };

    let when = checkin_when(i18n, draft, errors);
    let shared = checkin_notes(i18n, draft, errors);

    let partner = book.partner_name();
    let status = save_status(None, move || match saving.get() {
        Saving::Idle if restored.get() => (SaveState::Idle, i18n.t("checkin.restored")),
        Saving::Idle => (SaveState::Idle, String::new()),
        Saving::Busy => (SaveState::Saving, i18n.t("form.saving")),
        Saving::Saved => (SaveState::Saved, i18n.t("checkin.saved")),
        Saving::Merged => (SaveState::Saved, format!("{} {}", i18n.t("checkin.saved"), i18n.f("checkin.merged", &[("name", &partner)]))),
        Saving::Invalid => (SaveState::Failed, i18n.t("checkin.fix")),
        Saving::Failed(e) => (SaveState::Failed, i18n.f("checkin.save_failed", &[("reason", &i18n.t(e.message_key()))])),
        Saving::Unfed(goals, e) => (SaveState::Failed, i18n.f("checkin.unfed", &[("goals", &goals.join(", ")), ("reason", &i18n.t(e.message_key()))])),
        Saving::Clashed(fields) => {
            (SaveState::Clashed, i18n.f("checkin.clash", &[("fields", &fields.iter().map(|f| i18n.t(f)).collect::<Vec<_>>().join(", "))]))
        }
    });

    let is_review = checkin.kind == CheckInKind::MidpointReview;
    let in_review = book.rel.state == State::MidpointReview;
    // Progress a reload left unfed (the check-in is stored, not all of its
    // goals have it yet) is fed again at once; the check-in is not rewritten.
    let stored_now = held.with_value(|h| h.as_ref().map(|h| h.doc.clone()));
    if !read_only && stored_now.is_some() && stored_now.as_ref() == Some(&draft.get_untracked()) && fed.get_value() != stored_now {
        save(false);
    }

    let (save_click, finish_click) = (save.clone(), save.clone());
    let actions = el("div")
        .class("mw-actions")
        .child(if read_only {
            empty()
        } else {
            button()
                .class("mw-button mw-button--primary")
                .prop_flag("disabled", move || saving.get() == Saving::Busy)
                .on(leptos::ev::click, move |_| save_click(false))
                .text_dyn(i18n.tr("checkin.save"))
                .into_view()
        })
        .child(if is_review && in_review && !read_only {
            button()
                .class("mw-button")
                .prop_flag("disabled", move || saving.get() == Saving::Busy || draft.with(|c| c.review.as_ref().is_none_or(|r| r.decision.is_empty())))
                .on(leptos::ev::click, move |_| finish_click(true))
                .text_dyn(i18n.tr("review.finish"))
                .into_view()
        } else {
            empty()
        })
        .child(button().class("mw-button").on(leptos::ev::click, move |_| on_close.run(())).text_dyn(i18n.tr("checkin.close_form")).into_view())
        .into_view();

    let day = checkin.day().map(|d| i18n.day(d)).unwrap_or_else(|| checkin.date.clone());
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
        .child(error_summary(i18n, env.host.clone(), "mw-ci-summary", "form.errors_summary", errors.into(), |i18n, e| {
            (message(i18n, e), format!("mw-ci-{}-error", e.field))
        }))
        .child(shared_parts)
        .child(status)
        .child(crate::ui::shell::unsaved_notice::unsaved_notice(i18n, not_kept))
        .child(actions)
        .child(private_note(env, &book, checkin.id.clone()))
        .into_view()
}

/// Where this tab keeps a check-in's unsaved entries (the README's
/// "Integrity: what a save promises": they survive a failed write and a reload).
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
    backup::kept_checkin(&unsaved_name(me, relationship, &id)).map(|k| k.local).filter(|c| c.id == id && c.relationship_id == relationship)
}
