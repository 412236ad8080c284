//! The one save path for every stored document: the agreement, goals,
//! check-ins, the relationship's life steps and private notes.
//!
//! A change is written over the revision of the document it was made on (its
//! *base*). When someone else wrote first, the store answers `conflict`; the
//! stored document (*theirs*) is read, and the change is carried over it by
//! the caller's rule ([`Carry`]): a three-way merge from the base for typed
//! edits, or the step applied again for things like signing. Then it is
//! written again over theirs. A clash stops and hands both sides to the
//! person; nothing is dropped, nothing is written blind.
//!
//! An answer can be lost (a time-out after the host did store it). The next
//! save then meets its own earlier write as "theirs": equal documents count
//! as stored, and a carried step that finds its work already done says so
//! ([`Carry::Already`]), so a retry neither fails nor writes twice.
//!
//! Written against the small [`Store`] trait rather than the JS bridge, so
//! the rules run natively: the tests below drive two people's saves through
//! an in-memory store that delays, fails and loses answers in every order.

use super::BridgeError;
pub use crate::domain::carry::{again, Carry};
use crate::domain::envelope::{decode, encode, DecodeError, Document};

/// What a save needs from the host's storage (contract v1: `get`, `put`).
#[allow(async_fn_in_trait)] // used with concrete types only; never boxed or sent
pub trait Store {
    /// The stored value and its revision, or `None` when nothing is stored.
    async fn get(&self, key: &str) -> Result<Option<(String, String)>, BridgeError>;
    /// Writes `value` over `expected` (`None`: create); the new revision.
    async fn put(&self, key: &str, value: &str, expected: Option<&str>) -> Result<String, BridgeError>;
}

/// A document that knows the one key it may live under. A stored copy that
/// names another relationship or another person's note is refused on read,
/// so a crafted document cannot redirect the next write.
pub trait Keyed {
    fn belongs_at(&self, key: &str) -> bool;
}

/// A document as read from or written to the store.
#[derive(Clone, Debug, PartialEq)]
pub struct Held<T> {
    pub doc: T,
    pub revision: String,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Saved<T, X> {
    /// The store holds `doc` (mine, or mine carried over theirs when `merged`).
    Stored { held: Held<T>, merged: bool },
    /// Nothing written: `stored` is what is there now, `mine` the person's
    /// work carried over it as far as it goes, `why` the clashes.
    Clashed { stored: Held<T>, mine: T, why: X },
    /// Nothing written: `stored` is what is there now.
    Refused { stored: Held<T>, why: X },
}

#[derive(Clone, Debug, PartialEq)]
pub enum SaveError {
    Bridge(BridgeError),
    /// It was deleted meanwhile (an update found nothing to update).
    Gone,
    /// What is stored now cannot be read by this build: never written over.
    Unreadable(DecodeError),
    /// Someone kept writing first, every time we tried.
    Busy,
}

impl SaveError {
    pub fn message_key(&self) -> &'static str {
        match self {
            SaveError::Bridge(e) => e.message_key(),
            SaveError::Gone => "bridge.not_found",
            SaveError::Unreadable(e) => e.message_key(),
            SaveError::Busy => "bridge.conflict",
        }
    }

    /// The bridge's own failure, for `mw:error`.
    pub fn bridge(&self) -> Option<&BridgeError> {
        match self {
            SaveError::Bridge(e) => Some(e),
            _ => None,
        }
    }
}

/// How many times someone else may write first before we give up and say so.
pub const ATTEMPTS: usize = 5;

/// Decodes a value read from `key`, refusing a document that names another
/// key (another relationship, goal or check-in): a crafted copy must never
/// steer where the next write goes. Every read of our documents uses it.
pub fn decode_at<T: Document + Keyed>(key: &str, value: &str) -> Result<T, DecodeError> {
    let doc: T = decode(value)?;
    if doc.belongs_at(key) {
        Ok(doc)
    } else {
        Err(DecodeError::InvalidData)
    }
}

/// Reads `key` as a `T` that belongs there.
pub async fn read<T: Document + Keyed>(store: &impl Store, key: &str) -> Result<Option<Held<T>>, SaveError> {
    match store.get(key).await.map_err(SaveError::Bridge)? {
        None => Ok(None),
        Some((value, revision)) => Ok(Some(Held { doc: decode_at(key, &value).map_err(SaveError::Unreadable)?, revision })),
    }
}

/// What to write when a partner's version was stored first:
/// `carry(base, mine, theirs)` (see [`save`]).
pub type CarryFn<'a, T, X> = dyn FnMut(Option<&T>, &T, &T) -> Carry<T, X> + 'a;

/// Saves `mine`, made on `base` (`None`: a new document), under `key`.
///
/// `carry(base, mine, theirs)` says what to write when `theirs` was stored
/// first; it is called with the base the change was made on, and after each
/// carry the base moves to theirs, so a clash is judged only on what really
/// changed since the person last saw the document.
///
/// `carry` is a `&mut dyn FnMut`, not generic, so the save path is compiled
/// once per kind of document rather than once per caller.
pub async fn save<T, X>(store: &impl Store, key: &str, base: Option<Held<T>>, mine: T, carry: &mut CarryFn<'_, T, X>) -> Result<Saved<T, X>, SaveError>
where
    T: Document + Keyed + Clone + PartialEq,
{
    let (mut base, mut mine, mut merged) = (base, mine, false);
    for _ in 0..ATTEMPTS {
        let expected = base.as_ref().map(|b| b.revision.clone());
        match store.put(key, &encode(&mine), expected.as_deref()).await {
            Ok(revision) => return Ok(Saved::Stored { held: Held { doc: mine, revision }, merged }),
            Err(BridgeError::Conflict) => {}
            Err(e @ (BridgeError::Timeout { .. } | BridgeError::Unavailable { .. })) => {
                // No answer is not a no: the write may have landed. Read it
                // back once, so the caller (and the host's events) learn
                // the truth instead of retrying into "already done".
                return match read::<T>(store, key).await {
                    Ok(Some(theirs)) if theirs.doc == mine => Ok(Saved::Stored { held: theirs, merged }),
                    _ => Err(SaveError::Bridge(e)),
                };
            }
            Err(e) => return Err(SaveError::Bridge(e)),
        }
        let Some(theirs) = read::<T>(store, key).await? else {
            // Deleted meanwhile: an update has nothing left to update. A
            // create that met a deletion simply tries again as a create.
            if base.is_some() {
                return Err(SaveError::Gone);
            }
            continue;
        };
        if theirs.doc == mine {
            // Our own earlier write (its answer was lost), or the very same change.
            return Ok(Saved::Stored { held: theirs, merged });
        }
        match carry(base.as_ref().map(|b| &b.doc), &mine, &theirs.doc) {
            Carry::Write(next) => {
                mine = next;
                merged = true;
                base = Some(theirs);
            }
            Carry::Already => return Ok(Saved::Stored { held: theirs, merged }),
            Carry::Clash(mine, why) => return Ok(Saved::Clashed { stored: theirs, mine, why }),
            Carry::Refuse(why) => return Ok(Saved::Refused { stored: theirs, why }),
        }
    }
    Err(SaveError::Busy)
}

mod keyed {
    //! Which key each of our documents belongs under (`domain::keys`).
    use super::Keyed;
    use crate::domain::checkins::record::{CheckIn, PrivateNote};
    use crate::domain::goals::Goal;
    use crate::domain::keys;
    use crate::domain::relationship::Relationship;

    impl Keyed for Relationship {
        fn belongs_at(&self, key: &str) -> bool {
            keys::is_valid_id(&self.id) && key == keys::relationship(&self.id)
        }
    }

    impl Keyed for Goal {
        fn belongs_at(&self, key: &str) -> bool {
            keys::is_valid_id(&self.id) && keys::is_valid_id(&self.relationship_id) && key == keys::goal(&self.relationship_id, &self.id)
        }
    }

    impl Keyed for PrivateNote {
        // The person's own prefix is chosen by whoever builds the key (from
        // the signed-in id); the note itself names only its check-in.
        fn belongs_at(&self, key: &str) -> bool {
            keys::is_valid_id(&self.checkin_id) && key.starts_with(keys::PRIVATE) && key.ends_with(&format!("/checkins/{}", self.checkin_id))
        }
    }

    impl Keyed for CheckIn {
        fn belongs_at(&self, key: &str) -> bool {
            keys::is_valid_id(&self.id) && keys::is_valid_id(&self.relationship_id) && key == keys::checkin(&self.relationship_id, &self.id)
        }
    }
}

#[cfg(test)]
pub(crate) mod harness;

#[cfg(test)]
mod tests {
    use super::harness::{agreement_case, alone, Act, Port, World};
    use super::*;
    use crate::domain::fixtures::complete;
    use crate::domain::fixtures::{ana, ana_and_ben};
    use crate::domain::goals::Goal;
    use crate::domain::relationship::{Kind, Relationship};
    use proptest::prelude::*;

    fn drafted() -> Relationship {
        let mut r = ana_and_ben();
        r.start_draft(complete(), &ana(), "t0");
        r
    }

    // Pins: a stale write is carried over theirs and written again; the
    // result says it was merged.
    #[test]
    fn a_conflict_is_carried_and_written_again() {
        let world = World::default();
        let key = crate::domain::keys::relationship("r1");
        let start = drafted();
        world.seed(&key, encode(&start));
        let port = Port { world: &world, actor: 0 };
        let held = alone(&world, read::<Relationship>(&port, &key)).unwrap().unwrap();
        // The partner writes first.
        let mut theirs = start.clone();
        theirs.state = crate::domain::relationship::State::Active;
        world.seed(&key, encode(&theirs));
        let mut mine = start.clone();
        mine.kind = Kind::Peer;
        let out = alone(
            &world,
            save(&port, &key, Some(held), mine, &mut |_, mine: &Relationship, theirs: &Relationship| {
                let mut t = theirs.clone();
                t.kind = mine.kind;
                Carry::<Relationship, ()>::Write(t)
            }),
        )
        .unwrap();
        let Saved::Stored { held, merged } = out else { panic!("{out:?}") };
        assert!(merged);
        assert_eq!((held.doc.kind, held.doc.state), (Kind::Peer, crate::domain::relationship::State::Active));
    }

    // Pins: a document stored under another key is refused on read, so a
    // crafted copy cannot redirect the next write (it is never written over).
    #[test]
    fn a_document_under_the_wrong_key_is_refused() {
        let world = World::default();
        let key = crate::domain::keys::relationship("rel2");
        world.seed(&key, encode(&drafted()));
        let port = Port { world: &world, actor: 0 };
        assert_eq!(alone(&world, read::<Relationship>(&port, &key)), Err(SaveError::Unreadable(DecodeError::InvalidData)));
        let goal_key = crate::domain::keys::goal("r1", "g1");
        world.seed(&goal_key, "{\"schema\":1,\"kind\":\"goal\",\"data\":{}}".into());
        assert!(matches!(alone(&world, read::<Goal>(&port, &goal_key)), Err(SaveError::Unreadable(_))));
    }

    // Pins: a write whose answer was lost is found on the next save (it
    // meets itself as theirs) and counts as stored, not as a conflict.
    // (A lost answer is also read back at once: see the harness's Lose fate.)
    #[test]
    fn a_lost_answer_is_found_again() {
        let world = World::default();
        let key = crate::domain::keys::relationship("r1");
        world.seed(&key, encode(&drafted()));
        let port = Port { world: &world, actor: 0 };
        let held = alone(&world, read::<Relationship>(&port, &key)).unwrap().unwrap();
        let mut mine = held.doc.clone();
        mine.kind = Kind::Peer;
        // It lands, but the answer is lost: the caller still holds the old revision.
        world.seed(&key, encode(&mine));
        let out = alone(&world, save(&port, &key, Some(held), mine.clone(), &mut |_, _, _| Carry::<Relationship, ()>::Refuse(()))).unwrap();
        assert!(matches!(out, Saved::Stored { held, .. } if held.doc == mine));
    }

    fn act() -> impl Strategy<Value = Act> {
        prop_oneof![
            4 => (0usize..4).prop_map(|field| Act::Type { field }),
            3 => Just(Act::Save),
            2 => Just(Act::Sign),
            1 => Just(Act::Refresh),
            1 => Just(Act::Reload),
        ]
    }

    /// Cases per run: 10,000 in `cargo xtask test`; a long campaign sets
    /// `MW_INTERLEAVINGS` (see the README's "Integrity" section).
    fn cases() -> u32 {
        std::env::var("MW_INTERLEAVINGS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000)
    }

    fn checkin_act() -> impl Strategy<Value = super::harness::checkins::Act> {
        use super::harness::checkins::Act;
        prop_oneof![
            4 => (0usize..4).prop_map(|field| Act::Type { field }),
            3 => Just(Act::Progress),
            4 => Just(Act::Save),
            1 => Just(Act::Reload),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

        // Pins: over random interleavings of two people (one in two tabs)
        // typing a check-in's notes and progress, saving and reloading, with
        // failed calls and lost answers: no save reverts what its writer did
        // not type, no typed entry is lost, every person's progress in the
        // stored check-in reaches their goal, and none is recorded twice.
        #[test]
        fn checkin_interleavings_lose_nothing(
            a in prop::collection::vec(checkin_act(), 0..10),
            b in prop::collection::vec(checkin_act(), 0..10),
            c in prop::collection::vec(checkin_act(), 0..6),
            tape in prop::collection::vec(any::<u8>(), 0..120),
        ) {
            let out = super::harness::checkins::checkin_case([a, b, c], tape);
            if let Err(e) = out.check() {
                prop_assert!(false, "{}", e);
            }
        }

        // Pins: over random interleavings of two people (one in two tabs)
        // typing, saving, signing, refreshing and reloading, with failed
        // calls and lost answers: no save reverts what its writer did not
        // type, no typed edit is lost, no signature covers content its
        // signer was not shown, nothing panics.
        #[test]
        fn interleavings_lose_nothing(
            a in prop::collection::vec(act(), 0..10),
            b in prop::collection::vec(act(), 0..10),
            c in prop::collection::vec(act(), 0..6),
            tape in prop::collection::vec(any::<u8>(), 0..120),
        ) {
            let out = agreement_case(drafted(), [a, b, c], tape);
            if let Err(e) = out.check() {
                prop_assert!(false, "{}", e);
            }
        }
    }
}
