//! What the agreement screens do to the stored relationship: start a draft,
//! save edits, sign, drop an amendment. Each reads the latest stored
//! relationship, applies a domain rule, and writes it back over the revision
//! it read; when someone else wrote in between it reloads and, for edits,
//! merges field by field. No rule is decided here.

use leptos::prelude::*;

use crate::bridge::repo::{load_relationship, save_relationship, Fetched};
use crate::bridge::{backup, BridgeError, HostBridge};
use crate::domain::agreement::record::{SignError, Signed};
use crate::domain::agreement::session::EditSession;
use crate::domain::agreement::Content;
use crate::domain::person::Person;
use crate::domain::relationship::Relationship;
use crate::ui::platform::now_rfc3339;

/// The relationship as last read or written, with its revision.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub rel: Relationship,
    pub revision: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    Bridge(BridgeError),
    Sign(SignError),
    /// Both people changed the same fields: the person must choose.
    Conflicts,
    /// The stored relationship vanished or became unreadable meanwhile.
    Gone,
}

impl Failure {
    pub fn message_key(&self) -> &'static str {
        match self {
            Failure::Bridge(e) => e.message_key(),
            Failure::Sign(e) => e.message_key(),
            Failure::Conflicts => "agr.conflicts",
            Failure::Gone => "bridge.not_found",
        }
    }
}

/// Reads the relationship again and puts it in `doc`.
pub async fn refresh(bridge: &HostBridge, id: &str, doc: RwSignal<Option<Loaded>>) -> Result<Loaded, Failure> {
    match load_relationship(bridge, id).await.map_err(Failure::Bridge)? {
        Fetched::Ready { relationship, revision } => {
            let loaded = Loaded { rel: relationship, revision };
            doc.try_set(Some(loaded.clone()));
            Ok(loaded)
        }
        _ => Err(Failure::Gone),
    }
}

/// Applies `change` to the latest relationship and stores it, retrying over
/// a fresh copy when someone else wrote first. `change` returns false when
/// there is nothing to write.
pub async fn update<T>(
    bridge: &HostBridge,
    doc: RwSignal<Option<Loaded>>,
    mut change: impl FnMut(&mut Relationship) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let mut current = doc.get_untracked().ok_or(Failure::Gone)?;
    for _ in 0..3 {
        let mut rel = current.rel.clone();
        let outcome = change(&mut rel)?;
        match save_relationship(bridge, &rel, &current.revision).await {
            Ok(revision) => {
                doc.try_set(Some(Loaded { rel, revision }));
                return Ok(outcome);
            }
            Err(BridgeError::Conflict) => current = refresh(bridge, &current.rel.id, doc).await?,
            Err(e) => return Err(Failure::Bridge(e)),
        }
    }
    Err(Failure::Bridge(BridgeError::Conflict))
}

pub async fn start_draft(bridge: &HostBridge, doc: RwSignal<Option<Loaded>>, content: Content, me: &Person) -> Result<(), Failure> {
    update(bridge, doc, |rel| {
        // If the partner started one meanwhile, theirs is kept and shown.
        rel.start_draft(content.clone(), me, &now_rfc3339());
        Ok(())
    })
    .await
}

/// Saves the session's edits into the stored draft. On a crossing save the
/// stored draft is merged into the session; clashes stop the save until the
/// person resolves them.
pub async fn save_draft(
    bridge: &HostBridge,
    doc: RwSignal<Option<Loaded>>,
    session: RwSignal<EditSession>,
    me: &Person,
) -> Result<(), Failure> {
    let rel_id = doc.get_untracked().map(|d| d.rel.id).ok_or(Failure::Gone)?;
    for _ in 0..3 {
        let Some(current) = doc.get_untracked() else { return Err(Failure::Gone) };
        let local = session.with_untracked(|s| s.local.clone());
        let mut rel = current.rel.clone();
        if !rel.edit_draft(&local, me, &now_rfc3339()) {
            return Err(Failure::Gone);
        }
        match save_relationship(bridge, &rel, &current.revision).await {
            Ok(revision) => {
                doc.try_set(Some(Loaded { rel, revision }));
                session.try_update(|s| s.saved(&local));
                backup::clear(&me.id, &rel_id);
                return Ok(());
            }
            Err(BridgeError::Conflict) => {
                let fresh = refresh(bridge, &rel_id, doc).await?;
                let theirs = fresh.rel.agreement.draft.map(|d| d.content).unwrap_or_default();
                session.try_update(|s| s.rebase(&theirs));
                if session.with_untracked(|s| !s.conflicts.is_empty()) {
                    return Err(Failure::Conflicts);
                }
            }
            Err(e) => return Err(Failure::Bridge(e)),
        }
    }
    Err(Failure::Bridge(BridgeError::Conflict))
}

pub async fn sign(bridge: &HostBridge, doc: RwSignal<Option<Loaded>>, me: &Person) -> Result<Signed, Failure> {
    update(bridge, doc, |rel| rel.sign(me, &now_rfc3339()).map_err(Failure::Sign)).await
}

pub async fn discard_amendment(bridge: &HostBridge, doc: RwSignal<Option<Loaded>>) -> Result<(), Failure> {
    update(bridge, doc, |rel| {
        rel.discard_amendment();
        Ok(())
    })
    .await
}
