//! Runs a lifecycle command (pause, review, moving on) against the stored
//! relationship, through the one save path. On a crossing save the command
//! is applied again to the fresh relationship: each command touches only its
//! own entries (my reflection, one goal's outcome), so the partner's change
//! and mine both land.

use leptos::prelude::*;

use crate::bridge::save::{save, Carry, Held, SaveError, Saved};
use crate::bridge::BridgeError;
use crate::domain::keys;
use crate::domain::person::Person;
use crate::domain::relationship::life::LifeError;
use crate::domain::relationship::{Relationship, State};
use crate::ui::checkins::book::Book;
use crate::ui::dom::{el, AnyView};
use crate::ui::env::{Env, HostEvent};
use crate::ui::platform::now_rfc3339;

#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    Rule(LifeError),
    Bridge(BridgeError),
}

impl Failure {
    pub fn text(&self, env: &Env) -> String {
        let i18n = env.i18n;
        match self {
            Failure::Rule(LifeError::OutcomesMissing(titles)) => i18n.f("close.error.outcomes_missing", &[("titles", &titles.join(", "))]),
            Failure::Rule(e) => i18n.t(e.message_key()),
            Failure::Bridge(e) => i18n.f("checkin.save_failed", &[("reason", &i18n.t(e.message_key()))]),
        }
    }
}

/// The line under the lifecycle's and the closing panel's buttons that
/// says why the last step failed, announced as an alert; empty otherwise.
pub fn failure_line(env: &Env, failure: RwSignal<Option<Failure>>) -> AnyView {
    let env = env.clone();
    el("p").class("mw-life-status").attr("role", "alert").text_dyn(move || failure.with(|f| f.as_ref().map(|f| f.text(&env)).unwrap_or_default())).into_view()
}

/// Runs `command` on the stored relationship through the one save path.
/// Over a partner's newer write it runs again there. If it no longer
/// applies because the state it leads to is already stored (our own earlier
/// write whose answer was lost, or the partner doing the same), it counts as
/// done, so the host still hears of it (`mw:closed` after a lost answer).
///
/// The command is a `&dyn Fn`, not generic: this function holds the whole
/// save path, and a copy of it for each of the nine commands that call it
/// was ~30 KiB of the check-ins' chunk before gzip, 7 after (measured with
/// `cargo xtask dist`, with `save` and the agreement's `write` changed alike).
pub async fn run_life<T: Default>(
    env: &Env,
    book: RwSignal<Option<Book>>,
    command: &dyn Fn(&mut Relationship, &Person, &str) -> Result<T, LifeError>,
) -> Result<T, Failure> {
    let bridge = env.host().ok_or(Failure::Bridge(BridgeError::Missing { what: "bridge" }))?;
    let Some(current) = book.try_get_untracked().flatten() else { return Err(Failure::Bridge(BridgeError::NotFound)) };
    let (me, rel, revision) = (current.me, current.rel, current.revision);
    let now = now_rfc3339();
    let mut target = rel.clone();
    let mut out = Some(command(&mut target, &me, &now).map_err(Failure::Rule)?);
    let target_state = target.state;
    let key = keys::relationship(&rel.id);
    let result = save(&bridge, &key, Some(Held { doc: rel, revision }), target, &mut |_, _, theirs: &Relationship| {
        let mut t = theirs.clone();
        match command(&mut t, &me, &now) {
            Ok(o) if t == *theirs => {
                out = Some(o);
                Carry::Already
            }
            Ok(o) => {
                out = Some(o);
                Carry::Write(t)
            }
            Err(_) if theirs.state == target_state && target_state != State::Closing => {
                out = None;
                Carry::Already
            }
            Err(e) => Carry::Refuse(e),
        }
    })
    .await;
    let stored = match result {
        Ok(Saved::Stored { held, .. }) => held,
        Ok(Saved::Refused { stored, why }) | Ok(Saved::Clashed { stored, why, .. }) => {
            put_in_book(book, stored);
            return Err(Failure::Rule(why));
        }
        Err(e) => {
            let e = match e {
                SaveError::Bridge(e) => e,
                SaveError::Gone => BridgeError::NotFound,
                SaveError::Unreadable(_) | SaveError::Busy => BridgeError::Conflict,
            };
            env.report(&e);
            return Err(Failure::Bridge(e));
        }
    };
    env.emit(HostEvent::Saved { kind: "relationship", id: stored.doc.id.clone() });
    put_in_book(book, stored);
    Ok(out.unwrap_or_default())
}

fn put_in_book(book: RwSignal<Option<Book>>, held: Held<Relationship>) {
    book.try_update(|b| {
        if let Some(b) = b {
            b.rel = held.doc;
            b.revision = held.revision;
        }
    });
}
