//! What the agreement screens do to the stored relationship: start a draft,
//! save edits, sign, drop an amendment. Each goes through the one save path
//! (`bridge::save`) with the agreement's carry rules from
//! `domain::agreement::carry`; no rule is decided here.

use leptos::prelude::*;

use crate::bridge::backup;
use crate::bridge::repo::{load_relationship, Fetched};
use crate::bridge::save::{save, Held, SaveError, Saved};
use crate::bridge::{BridgeError, HostBridge};
use crate::domain::agreement::carry::{carry_discard, carry_edits, carry_sign, my_signature, EditStop};
use crate::domain::agreement::record::{SignError, Signed};
use crate::domain::agreement::session::EditSession;
use crate::domain::agreement::Content;
use crate::domain::carry::{again, Carry};
use crate::domain::envelope::DecodeError;
use crate::domain::keys;
use crate::domain::person::Person;
use crate::domain::relationship::{Relationship, State};
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
    /// The amendment changed since the person looked: nothing was dropped.
    Changed,
    /// The stored relationship vanished meanwhile.
    Gone,
    /// What is stored now cannot be read by this build: left untouched.
    Unreadable(DecodeError),
    /// The partner kept writing first, every time.
    Busy,
}

impl Failure {
    pub fn message_key(&self) -> &'static str {
        match self {
            Failure::Bridge(e) => e.message_key(),
            Failure::Sign(e) => e.message_key(),
            Failure::Conflicts => "agr.conflicts",
            Failure::Changed => "agr.discard_changed",
            Failure::Gone => "bridge.not_found",
            Failure::Unreadable(e) => e.message_key(),
            Failure::Busy => "bridge.conflict",
        }
    }
}

impl From<SaveError> for Failure {
    fn from(e: SaveError) -> Failure {
        match e {
            SaveError::Bridge(e) => Failure::Bridge(e),
            SaveError::Gone => Failure::Gone,
            SaveError::Unreadable(e) => Failure::Unreadable(e),
            SaveError::Busy => Failure::Busy,
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
        Fetched::Broken(e) => Err(Failure::Unreadable(e)),
        Fetched::Missing => Err(Failure::Gone),
    }
}

/// What a write came to; in every case `doc` shows what is stored now.
#[allow(clippy::large_enum_variant)] // `Stored` is the usual outcome: boxing it would cost every save an allocation
enum Wrote<X> {
    Stored(Loaded),
    Clashed(X),
    Refused(X),
}

/// Carries `carry` over the relationship held in `doc` and stores it over
/// that revision, carrying it again over whatever a partner stored first.
/// The key is the one the relationship was read from (a relationship read
/// from anywhere else is refused on read).
///
/// `carry` is a `&mut dyn FnMut`, not generic: this function holds the whole
/// save path, which would otherwise be compiled again for each caller.
async fn write<X>(
    bridge: &HostBridge,
    doc: RwSignal<Option<Loaded>>,
    carry: &mut dyn FnMut(&Relationship) -> Carry<Relationship, X>,
) -> Result<Wrote<X>, Failure> {
    let held = doc.try_get_untracked().flatten().ok_or(Failure::Gone)?;
    let first = match carry(&held.rel) {
        Carry::Write(first) => first,
        Carry::Already => return Ok(Wrote::Stored(held)),
        Carry::Clash(_, why) => return Ok(Wrote::Clashed(why)),
        Carry::Refuse(why) => return Ok(Wrote::Refused(why)),
    };
    let key = keys::relationship(&held.rel.id);
    let base = Held { doc: held.rel, revision: held.revision };
    let out = save(bridge, &key, Some(base), first, &mut |_, _, theirs| carry(theirs)).await?;
    let (stored, wrote) = match out {
        Saved::Stored { held, .. } => (held.clone(), Wrote::Stored(Loaded { rel: held.doc, revision: held.revision })),
        Saved::Clashed { stored, why, .. } => (stored, Wrote::Clashed(why)),
        Saved::Refused { stored, why } => (stored, Wrote::Refused(why)),
    };
    doc.try_set(Some(Loaded { rel: stored.doc, revision: stored.revision }));
    Ok(wrote)
}

pub async fn start_draft(bridge: &HostBridge, doc: RwSignal<Option<Loaded>>, content: Content, me: &Person) -> Result<(), Failure> {
    let now = now_rfc3339();
    // If the partner started one meanwhile, theirs is kept and shown.
    write(bridge, doc, &mut |theirs| {
        again(theirs, |t: &mut Relationship| -> Result<bool, Failure> {
            if t.agreement.draft.is_some() || t.state == State::Closed {
                return Ok(false);
            }
            t.start_draft(content.clone(), me, &now);
            Ok(true)
        })
    })
    .await
    .map(|_| ())
}

/// Saves the session's edits into the stored draft. On a crossing save the
/// stored draft is merged in from the content the edits were typed on;
/// clashes stop the save until the person resolves them. Edits typed on a
/// draft that came into force or was dropped meanwhile become an amendment.
pub async fn save_draft(bridge: &HostBridge, doc: RwSignal<Option<Loaded>>, session: RwSignal<EditSession>, me: &Person) -> Result<(), Failure> {
    let Some((base, local)) = session.try_with_untracked(|s| (s.base.clone(), s.local.clone())) else { return Ok(()) };
    let now = now_rfc3339();
    match write(bridge, doc, &mut |theirs| carry_edits(&base, &local, theirs, me, &now)).await? {
        Wrote::Stored(stored) => {
            // What was written is now the base; anything typed meanwhile stays unsaved.
            let text = stored.rel.agreement.draft.as_ref().map(|d| d.content.clone()).unwrap_or_default();
            let rel_id = stored.rel.id.clone();
            session.try_update(|s| {
                s.saved(&local);
                s.rebase(&text);
                // The backup follows: gone once everything is stored, else
                // what is still unsaved, with its new base.
                if s.dirty() {
                    backup::save(&me.id, &rel_id, &s.base, &s.local);
                } else {
                    backup::clear(&me.id, &rel_id);
                }
            });
            Ok(())
        }
        Wrote::Clashed(_) => {
            // The clashes come from folding what is stored now into the session.
            let text =
                doc.try_with_untracked(|d| d.as_ref().and_then(|d| d.rel.agreement.draft.as_ref().map(|dr| dr.content.clone()))).flatten().unwrap_or_default();
            session.try_update(|s| s.rebase(&text));
            Err(Failure::Conflicts)
        }
        Wrote::Refused(EditStop::Closed) => Err(Failure::Sign(SignError::Closed)),
        Wrote::Refused(EditStop::Clashes(_)) => Err(Failure::Conflicts),
    }
}

/// Signs the draft whose content hashes to `shown`, the content on screen.
/// If what is stored differs, nothing is signed and `doc` shows it.
pub async fn sign(bridge: &HostBridge, doc: RwSignal<Option<Loaded>>, me: &Person, shown: &str) -> Result<Signed, Failure> {
    let now = now_rfc3339();
    match write(bridge, doc, &mut |theirs| carry_sign(theirs, me, &now, shown)).await? {
        Wrote::Stored(stored) => my_signature(&stored.rel, me, shown).ok_or(Failure::Sign(SignError::NothingToSign)),
        Wrote::Refused(e) | Wrote::Clashed(e) => Err(Failure::Sign(e)),
    }
}

/// Drops the amendment whose content hashes to `shown`; if the partner
/// changed it meanwhile, nothing is dropped and their changes are shown.
pub async fn discard_amendment(bridge: &HostBridge, doc: RwSignal<Option<Loaded>>, shown: &str) -> Result<(), Failure> {
    match write(bridge, doc, &mut |theirs| carry_discard(theirs, shown)).await? {
        Wrote::Stored(_) => Ok(()),
        Wrote::Refused(()) | Wrote::Clashed(()) => Err(Failure::Changed),
    }
}
