//! The check-in being edited, apart from how it is shown: what is on screen, what is stored (with
//! its revision), what this tab keeps until the host has it all, and the save that writes it
//! and then feeds its progress into the goals. The form displays it and dispatches to it.

use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::bridge::backup::{self, KeptCheckIn};
use crate::bridge::save::{Held, SaveError, Saved};
use crate::bridge::writes;
use crate::domain::checkins::merge::merge;
use crate::domain::checkins::record::CheckIn;
use crate::domain::keys;
use crate::domain::relationship::State;
use crate::domain::FieldError;
use crate::ui::checkins::book::Book;
use crate::ui::env::{Env, HostEvent};
use crate::ui::platform::now_rfc3339;

#[derive(Clone, Debug, PartialEq)]
pub enum Saving {
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

/// The check-in being edited. Signals and stored values are handles, so a
/// clone is the same state.
#[derive(Clone)]
pub struct CheckInDraft {
    /// What is on screen.
    pub draft: RwSignal<CheckIn>,
    /// The check-in as stored, with its revision: the base of the next save.
    held: StoredValue<Option<Held<CheckIn>>>,
    /// The version whose progress is known to be in the goals.
    fed: StoredValue<Option<CheckIn>>,
    /// What this tab sent in a create whose answer never came: if it landed,
    /// it is the base the entries typed since were typed on.
    sent: StoredValue<Option<CheckIn>>,
    pub saving: RwSignal<Saving>,
    pub errors: RwSignal<Vec<FieldError>>,
    /// Entries kept from before came back.
    pub restored: RwSignal<bool>,
    /// This tab could not keep the unsaved entries (its storage refused).
    pub not_kept: RwSignal<bool>,
    backup_name: String,
    pointer_name: String,
}

impl CheckInDraft {
    pub fn new(me: &str, relationship: &str, checkin: &CheckIn, revision: Option<String>) -> CheckInDraft {
        let held = StoredValue::new(revision.map(|revision| Held { doc: checkin.clone(), revision }));
        CheckInDraft {
            draft: RwSignal::new(checkin.clone()),
            fed: StoredValue::new(held.with_value(|h| h.as_ref().map(|h| h.doc.clone()))),
            held,
            sent: StoredValue::new(None),
            saving: RwSignal::new(Saving::Idle),
            errors: RwSignal::new(Vec::new()),
            restored: RwSignal::new(false),
            not_kept: RwSignal::new(false),
            backup_name: unsaved_name(me, relationship, &checkin.id),
            pointer_name: open_name(me, relationship),
        }
    }

    /// What this tab keeps until the host has it all: entries not stored
    /// yet, or progress not yet in its goals. Kept with the base they were
    /// typed on, so a reload merges them three-way with what is stored then.
    pub fn sync_backup(&self) {
        let (draft, held, fed, sent, not_kept) = (self.draft, self.held, self.fed, self.sent, self.not_kept);
        let (name, pointer) = (self.backup_name.as_str(), self.pointer_name.as_str());
        let Some(local) = draft.try_get_untracked() else { return };
        let (base, done) = (held.get_value().map(|h| h.doc).or_else(|| sent.get_value()), fed.get_value());
        if base.as_ref() == Some(&local) && done == base {
            backup::forget_text(name);
            // One pointer per relationship: it may name another check-in
            // with unsaved entries, which must still reopen after a reload.
            if backup::kept_text(pointer).as_deref() == Some(local.id.as_str()) {
                backup::forget_text(pointer);
            }
        } else if !(backup::keep_checkin(name, &KeptCheckIn { base, local: local.clone(), fed: done }) && backup::keep_text(pointer, &local.id)) {
            not_kept.try_set(true);
        }
    }

    /// Entries kept from a save that never reached the host come back first,
    /// merged with what the partner stored since; progress they gave that is
    /// not in the goals yet is fed at the next save. From then on every
    /// change is kept in this tab until the host has it.
    pub fn restore_and_keep(&self, checkin_id: &str) {
        let (draft, held, fed, sent, saving, restored, backup_name) =
            (self.draft, self.held, self.fed, self.sent, self.saving, self.restored, &self.backup_name);
        if let Some(kept) = backup::kept_checkin(backup_name).filter(|k| k.local.id == checkin_id) {
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
        let form = self.clone();
        Effect::new(move |_| {
            draft.track();
            form.sync_backup();
        });
    }

    /// Progress a reload left unfed: the check-in is stored as shown, but
    /// not all of its goals have its progress yet.
    pub fn left_unfed(&self) -> bool {
        let stored_now = self.held.with_value(|h| h.as_ref().map(|h| h.doc.clone()));
        stored_now.is_some() && stored_now.as_ref() == Some(&self.draft.get_untracked()) && self.fed.get_value() != stored_now
    }

    /// The save: checks the check-in's rules (errors go to the summary,
    /// which takes focus), writes it over the revision it was read at,
    /// merged with a partner's crossing save, then feeds its progress into
    /// each goal. `true` finishes the mid-point review (`review_done`).
    pub fn saver(&self, env: &Env, book: &Book, review_done: Callback<String>) -> SendWrapper<impl Fn(bool) + Clone> {
        let form = self.clone();
        let (draft, held, fed, sent, saving, errors) = (self.draft, self.held, self.fed, self.sent, self.saving, self.errors);
        let i18n = env.i18n;
        let backup_name = self.backup_name.clone();
        let (env, me) = (env.clone(), book.me.clone());
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
            let (env, me, rel_id, form, goal_titles, name) = (env.clone(), me.clone(), rel_id.clone(), form.clone(), goal_titles.clone(), backup_name.clone());

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
                        form.sync_backup();
                        return;
                    }
                    Ok(Saved::Refused { stored, why }) => {
                        draft.try_set(keep(stored.doc.clone()));
                        held.try_set_value(Some(stored));
                        saving.try_set(Saving::Clashed(why));
                        form.sync_backup();
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
                        form.sync_backup();
                        return;
                    }
                };
                form.sync_backup();
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
                    form.sync_backup();
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
    }
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
