//! The agreement's changes carried over a relationship someone else stored
//! meanwhile (the rules `bridge::save` is given for the agreement).
//!
//! Typed edits are a three-way merge from the content the person started
//! typing on. A signature is only ever given to the exact content the person
//! was shown: its hash travels with the request, and if what is stored now
//! differs, nothing is signed.

use super::diff::{diff, merge, Conflict};
use super::fields::Content;
use super::record::{content_hash, SignError, Signed};
use crate::domain::carry::{again, Carry};
use crate::domain::person::Person;
use crate::domain::relationship::{Relationship, State};

/// Why typed edits were not written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditStop {
    /// Both changed these fields differently; mine stays on screen.
    Clashes(Vec<Conflict>),
    /// The relationship was closed meanwhile: nothing more is written.
    Closed,
}

/// The agreement's text as it reads now: the draft being written, else the
/// version in force (empty before the first draft).
pub fn current_text(rel: &Relationship) -> Content {
    match (&rel.agreement.draft, rel.agreement.current()) {
        (Some(d), _) => d.content.clone(),
        (None, Some(v)) => v.content.clone(),
        (None, None) => Content::new(),
    }
}

/// My edits (`local`, typed on `base`) put into `theirs`, the relationship
/// as stored now.
///
/// When the draft I typed into is gone (the partner dropped the amendment,
/// or it came into force while I was typing), my changes are not dropped:
/// they start a new amendment of the version in force, which both sign
/// again. Nothing typed is ever discarded without the person asking.
pub fn carry_edits(base: &Content, local: &Content, theirs: &Relationship, me: &Person, now: &str) -> Carry<Relationship, EditStop> {
    if diff(base, local).is_empty() {
        return Carry::Already;
    }
    if theirs.state == State::Closed {
        return Carry::Refuse(EditStop::Closed);
    }
    let m = merge(base, local, &current_text(theirs));
    let mut next = theirs.clone();
    if next.agreement.draft.is_none() {
        next.start_draft(m.merged.clone(), me, now);
    }
    next.edit_draft(&m.merged, me, now);
    if !m.conflicts.is_empty() {
        return Carry::Clash(next, EditStop::Clashes(m.conflicts));
    }
    if next == *theirs {
        return Carry::Already;
    }
    Carry::Write(next)
}

/// Where my signature on exactly the content hashed `shown` stands in
/// `rel`: waiting in the draft, in force in a version, or not given.
pub fn my_signature(rel: &Relationship, me: &Person, shown: &str) -> Option<Signed> {
    let role = rel.role_of(me)?;
    // The content must be the one shown, and my signature must cover it (in
    // whichever canonical form it was made: old signatures stay valid).
    let mine = |content: &Content, sigs: &[super::Signature]| {
        content_hash(content) == shown && sigs.iter().any(|s| s.role == role && s.by == me.id && s.covers(content))
    };
    if let Some(v) = rel.agreement.versions.iter().rev().find(|v| mine(&v.content, &v.signatures)) {
        return Some(Signed::InForce { version: v.number });
    }
    rel.agreement.draft.as_ref().filter(|d| mine(&d.content, &d.signatures)).map(|_| Signed::Waiting)
}

/// I sign the draft, but only if it is still the content I was shown.
pub fn sign_as_shown(rel: &mut Relationship, me: &Person, now: &str, shown: &str) -> Result<Signed, SignError> {
    if rel.state != State::Closed && rel.role_of(me).is_some() {
        let draft = rel.agreement.draft.as_ref().ok_or(SignError::NothingToSign)?;
        if content_hash(&draft.content) != shown {
            return Err(SignError::Changed);
        }
    }
    rel.sign(me, now)
}

/// Signing, carried over theirs: done already if my signature on the shown
/// content is stored (an earlier answer was lost); refused if the content
/// changed; otherwise signed there.
pub fn carry_sign(theirs: &Relationship, me: &Person, now: &str, shown: &str) -> Carry<Relationship, SignError> {
    if my_signature(theirs, me, shown).is_some() {
        return Carry::Already;
    }
    again(theirs, |t| sign_as_shown(t, me, now, shown).map(|_| true))
}

/// Dropping the amendment whose content hashes to `shown`: done if it is
/// gone already; refused if the partner changed it since (their edits are
/// shown, not silently dropped with it).
pub fn carry_discard(theirs: &Relationship, shown: &str) -> Carry<Relationship, ()> {
    match &theirs.agreement.draft {
        None => Carry::Already,
        Some(d) if content_hash(&d.content) != shown => Carry::Refuse(()),
        Some(_) => again(theirs, |t: &mut Relationship| Ok(t.discard_amendment())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::complete;

    use crate::domain::fixtures::{ana, ana_and_ben as rel, ben};

    // Pins: a signature lands only on the content its signer was shown; a
    // partner's edit in between refuses it and nothing is signed.
    #[test]
    fn signing_needs_the_content_shown() {
        let mut r = rel();
        r.start_draft(complete(), &ana(), "t0");
        let shown = content_hash(&r.agreement.draft.as_ref().unwrap().content);
        let mut theirs = r.clone();
        let mut c = complete();
        c.insert("meetings.length".into(), "90".into());
        theirs.edit_draft(&c, &ben(), "t1");
        assert_eq!(carry_sign(&theirs, &ana(), "t2", &shown), Carry::Refuse(SignError::Changed));
        match carry_sign(&r, &ana(), "t2", &shown) {
            Carry::Write(signed) => assert_eq!(my_signature(&signed, &ana(), &shown), Some(Signed::Waiting)),
            other => panic!("{other:?}"),
        }
    }

    // Pins: a signature whose answer was lost is found on retry: the retry is
    // done, not an error, even once the partner's signature put it in force.
    #[test]
    fn a_landed_signature_is_found_again() {
        let mut r = rel();
        r.start_draft(complete(), &ana(), "t0");
        let shown = content_hash(&r.agreement.draft.as_ref().unwrap().content);
        r.sign(&ana(), "t1").unwrap();
        assert_eq!(carry_sign(&r, &ana(), "t2", &shown), Carry::Already);
        r.sign(&ben(), "t3").unwrap();
        assert_eq!(my_signature(&r, &ana(), &shown), Some(Signed::InForce { version: 1 }));
        assert_eq!(carry_sign(&r, &ana(), "t4", &shown), Carry::Already);
    }

    // Pins: an amendment the partner changed since I looked is not dropped;
    // one already gone is done; the one I saw is dropped.
    #[test]
    fn dropping_needs_the_amendment_shown() {
        let mut r = rel();
        r.start_draft(complete(), &ana(), "t0");
        r.sign(&ana(), "t1").unwrap();
        r.sign(&ben(), "t2").unwrap();
        r.start_draft(Content::new(), &ana(), "t3");
        let shown = content_hash(&r.agreement.draft.as_ref().unwrap().content);
        let mut theirs = r.clone();
        let mut c = theirs.agreement.draft.as_ref().unwrap().content.clone();
        c.insert("other".into(), "Ben's addition".into());
        theirs.edit_draft(&c, &ben(), "t4");
        assert_eq!(carry_discard(&theirs, &shown), Carry::Refuse(()));
        let Carry::Write(dropped) = carry_discard(&r, &shown) else { panic!() };
        assert!(dropped.agreement.draft.is_none());
        assert_eq!(carry_discard(&dropped, &shown), Carry::Already);
    }

    // Pins: edits to different fields merge; to the same field, they clash
    // with mine kept; edits on a draft that came into force start an amendment.
    #[test]
    fn edits_carry_over_theirs() {
        let mut r = rel();
        r.start_draft(complete(), &ana(), "t0");
        let base = r.agreement.draft.as_ref().unwrap().content.clone();
        let mut mine = base.clone();
        mine.insert("purpose".into(), "Mine".into());
        let mut theirs = r.clone();
        let mut t = base.clone();
        t.insert("success".into(), "Theirs".into());
        theirs.edit_draft(&t, &ben(), "t1");
        let Carry::Write(next) = carry_edits(&base, &mine, &theirs, &ana(), "t2") else { panic!() };
        let d = next.agreement.draft.as_ref().unwrap();
        assert_eq!((d.content["purpose"].as_str(), d.content["success"].as_str()), ("Mine", "Theirs"));

        let mut t = base.clone();
        t.insert("purpose".into(), "Theirs".into());
        theirs.edit_draft(&t, &ben(), "t3");
        assert!(matches!(carry_edits(&base, &mine, &theirs, &ana(), "t4"), Carry::Clash(_, EditStop::Clashes(c)) if c[0].field == "purpose"));

        // Both signed the base while I was still typing: my text becomes an amendment.
        let mut in_force = r.clone();
        in_force.sign(&ana(), "t5").unwrap();
        in_force.sign(&ben(), "t6").unwrap();
        let Carry::Write(amended) = carry_edits(&base, &mine, &in_force, &ana(), "t7") else { panic!() };
        let d = amended.agreement.draft.as_ref().unwrap();
        assert_eq!((d.based_on, d.content["purpose"].as_str()), (Some(1), "Mine"));
        assert_eq!(amended.agreement.versions.len(), 1);

        // Nothing typed: nothing to write. Closed: refused.
        assert_eq!(carry_edits(&base, &base, &theirs, &ana(), "t8"), Carry::Already);
        let mut closed = theirs.clone();
        closed.state = State::Closed;
        assert_eq!(carry_edits(&base, &mine, &closed, &ana(), "t9"), Carry::Refuse(EditStop::Closed));
    }
}
