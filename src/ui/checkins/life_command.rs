//! Runs a lifecycle command (pause, review, moving on) against the stored
//! relationship. On a crossing save it reads the fresh relationship and
//! applies the same command again: each command touches only its own
//! entries (my reflection, one goal's outcome), so the partner's change
//! and mine both land.

use leptos::prelude::*;

use crate::bridge::repo::{load_relationship, save_relationship, Fetched};
use crate::bridge::BridgeError;
use crate::domain::checkins::life::LifeError;
use crate::domain::person::Person;
use crate::domain::relationship::Relationship;
use crate::ui::checkins::book::Book;
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

pub async fn run_life<T>(
    env: &Env,
    book: RwSignal<Option<Book>>,
    command: impl Fn(&mut Relationship, &Person, &str) -> Result<T, LifeError>,
) -> Result<T, Failure> {
    let bridge = env.host().ok_or(Failure::Bridge(BridgeError::Missing { what: "bridge" }))?;
    let Some(current) = book.get_untracked() else { return Err(Failure::Bridge(BridgeError::NotFound)) };
    let (me, mut rel, mut revision) = (current.me, current.rel, current.revision);
    for _ in 0..3 {
        let mut next = rel.clone();
        let out = command(&mut next, &me, &now_rfc3339()).map_err(Failure::Rule)?;
        match save_relationship(&bridge, &next, &revision).await {
            Ok(new_revision) => {
                book.try_update(|b| {
                    if let Some(b) = b {
                        b.rel = next.clone();
                        b.revision = new_revision;
                    }
                });
                env.emit(HostEvent::Saved { kind: "relationship", id: next.id.clone() });
                return Ok(out);
            }
            Err(BridgeError::Conflict) => match load_relationship(&bridge, &rel.id).await {
                Ok(Fetched::Ready { relationship, revision: r }) => {
                    rel = relationship;
                    revision = r;
                }
                Ok(_) => return Err(Failure::Bridge(BridgeError::NotFound)),
                Err(e) => return Err(Failure::Bridge(e)),
            },
            Err(e) => {
                env.report(&e);
                return Err(Failure::Bridge(e));
            }
        }
    }
    Err(Failure::Bridge(BridgeError::Conflict))
}
