//! The living agreement: signed versions, the draft being written or
//! amended, and the rules for signing it.
//!
//! A signature records who signed, when, in which role, and the SHA-256 of
//! the canonical content they signed. When both parties have signed the
//! same content, that content becomes the next version, in force. Versions
//! are never changed or removed; a later change is a new draft (an
//! amendment) that both sign again.

use miniserde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::fields::{canonical, Content, FIELDS};
use super::validate::validate;
use crate::domain::person::Person;
use crate::domain::relationship::{Relationship, Role, State};
use crate::domain::FieldError;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub by: String,
    pub name: String,
    pub role: Role,
    /// RFC 3339, UTC.
    pub at: String,
    /// SHA-256 (hex) of the canonical content signed.
    pub hash: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    pub number: u32,
    pub content: Content,
    pub signatures: Vec<Signature>,
    #[serde(rename = "inForceAt")]
    pub in_force_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    pub content: Content,
    /// The version this amends; `None` for the first agreement.
    #[serde(rename = "basedOn")]
    pub based_on: Option<u32>,
    pub signatures: Vec<Signature>,
    #[serde(rename = "updatedAt")]
    pub updated_at: String,
    #[serde(rename = "updatedBy")]
    pub updated_by: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementRecord {
    pub versions: Vec<Version>,
    pub draft: Option<Draft>,
}

/// The text that is hashed: each known field in table order as
/// `id U+001F value U+001E`. Field ids never contain those separators and
/// values cannot smuggle them in unnoticed (they would change the hash).
pub fn canonical_text(content: &Content) -> String {
    let canon = canonical(content);
    let mut out = String::new();
    for f in FIELDS {
        if let Some(v) = canon.get(f.id) {
            out.push_str(f.id);
            out.push('\u{1f}');
            out.push_str(v);
            out.push('\u{1e}');
        }
    }
    out
}

pub fn content_hash(content: &Content) -> String {
    let digest = Sha256::digest(canonical_text(content).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where the agreement stands, for the person looking at it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// No agreement yet.
    None,
    /// Being written (or amended); nobody has signed this content.
    Drafting,
    /// Signed by these roles for exactly the current content.
    AwaitingSignature { signed: Vec<Role> },
    /// Someone signed, then the content changed: their signature no longer
    /// covers it and must be given again.
    ChangedAfterSigning,
}

/// Why a signature was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignError {
    NotAParty,
    NothingToSign,
    Incomplete(Vec<FieldError>),
    AlreadySigned,
    Closed,
}

impl SignError {
    pub fn message_key(&self) -> &'static str {
        match self {
            SignError::NotAParty => "error.sign_not_party",
            SignError::NothingToSign => "error.sign_nothing",
            SignError::Incomplete(_) => "error.sign_incomplete",
            SignError::AlreadySigned => "error.sign_already",
            SignError::Closed => "error.sign_closed",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Signed {
    /// Signed; waiting for the other party.
    Waiting,
    /// Both have signed: this version is now in force.
    InForce { version: u32 },
}

impl AgreementRecord {
    pub fn current(&self) -> Option<&Version> {
        self.versions.last()
    }

    pub fn status(&self) -> Status {
        let Some(draft) = &self.draft else { return Status::None };
        if draft.signatures.is_empty() {
            return Status::Drafting;
        }
        let hash = content_hash(&draft.content);
        if draft.signatures.iter().any(|s| s.hash != hash) {
            Status::ChangedAfterSigning
        } else {
            Status::AwaitingSignature { signed: draft.signatures.iter().map(|s| s.role).collect() }
        }
    }

    /// Versions whose stored content no longer matches what was signed:
    /// shown as changed after signing, never silently trusted.
    pub fn tampered_versions(&self) -> Vec<u32> {
        self.versions
            .iter()
            .filter(|v| {
                let hash = content_hash(&v.content);
                v.signatures.len() < 2 || v.signatures.iter().any(|s| s.hash != hash)
            })
            .map(|v| v.number)
            .collect()
    }
}

impl Relationship {
    /// Starts the first agreement from `content`, or an amendment of the
    /// version in force (from its content). Does nothing if a draft exists.
    pub fn start_draft(&mut self, content: Content, me: &Person, now: &str) {
        if self.agreement.draft.is_some() || self.state == State::Closed {
            return;
        }
        let (content, based_on) = match self.agreement.current() {
            Some(v) => (v.content.clone(), Some(v.number)),
            None => (canonical(&content), None),
        };
        self.agreement.draft =
            Some(Draft { content, based_on, signatures: Vec::new(), updated_at: now.into(), updated_by: me.id.clone() });
    }

    /// Replaces the draft's content (normalized). Signatures stay, so the
    /// agreement shows it changed after they were given.
    pub fn edit_draft(&mut self, content: &Content, me: &Person, now: &str) -> bool {
        if self.state == State::Closed {
            return false;
        }
        match &mut self.agreement.draft {
            Some(d) => {
                d.content = canonical(content);
                d.updated_at = now.into();
                d.updated_by = me.id.clone();
                true
            }
            None => false,
        }
    }

    /// Drops an amendment that has not come into force; the version in force
    /// stays as it was. A first draft cannot be dropped this way.
    pub fn discard_amendment(&mut self) -> bool {
        let is_amendment = self.agreement.draft.as_ref().is_some_and(|d| d.based_on.is_some());
        if is_amendment {
            self.agreement.draft = None;
        }
        is_amendment
    }

    /// `me` signs the draft as it stands. Only a party can sign, only for
    /// themselves, only complete content. When both parties' signatures
    /// cover the same content it comes into force as the next version.
    pub fn sign(&mut self, me: &Person, now: &str) -> Result<Signed, SignError> {
        if self.state == State::Closed {
            return Err(SignError::Closed);
        }
        let role = self.role_of(me).ok_or(SignError::NotAParty)?;
        let draft = self.agreement.draft.as_mut().ok_or(SignError::NothingToSign)?;
        let errors = validate(&draft.content);
        if !errors.is_empty() {
            return Err(SignError::Incomplete(errors));
        }
        let hash = content_hash(&draft.content);
        if draft.signatures.iter().any(|s| s.role == role && s.hash == hash) {
            return Err(SignError::AlreadySigned);
        }
        // A signature for older content is replaced, not kept beside the new one.
        draft.signatures.retain(|s| s.role != role);
        draft.signatures.push(Signature { by: me.id.clone(), name: me.display_name.clone(), role, at: now.into(), hash: hash.clone() });
        let both = [Role::Mentor, Role::Mentee].iter().all(|r| draft.signatures.iter().any(|s| s.role == *r && s.hash == hash));
        if !both {
            return Ok(Signed::Waiting);
        }
        let draft = self.agreement.draft.take().ok_or(SignError::NothingToSign)?;
        let number = self.agreement.versions.len() as u32 + 1;
        self.agreement.versions.push(Version { number, content: draft.content, signatures: draft.signatures, in_force_at: now.into() });
        if self.state == State::Proposed {
            self.state = State::Active;
        }
        Ok(Signed::InForce { version: number })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agreement::template::tests_support::complete;
    use crate::domain::relationship::{Kind, RelationshipDraft};

    fn ana() -> Person {
        Person::from_host("u-ana", "Ana Li", None).unwrap()
    }
    fn ben() -> Person {
        Person::from_host("u-ben", "Ben Okafor", None).unwrap()
    }
    fn rel() -> Relationship {
        RelationshipDraft {
            my_role: Some(Role::Mentee),
            kind: Some(Kind::Reverse),
            partner_id: Some("u-ben".into()),
            partner_name: "Ben Okafor".into(),
            partner_email: String::new(),
        }
        .propose(&ana(), "r1".into(), "2026-11-24T10:00:00Z".into())
        .unwrap()
    }

    // Pins: same content, same hash, however it is spaced; any change, another hash.
    #[test]
    fn hashing_is_canonical() {
        let a = complete();
        let mut spaced = a.clone();
        spaced.insert("purpose".into(), format!("  {}  ", a["purpose"]));
        spaced.insert("goals".into(), format!("\n{}\n\n", a["goals"].replace('\n', "\r\n")));
        spaced.insert("unknown.field".into(), "ignored".into());
        assert_eq!(content_hash(&a), content_hash(&spaced));
        let mut changed = a.clone();
        changed.insert("meetings.length".into(), "61".into());
        assert_ne!(content_hash(&a), content_hash(&changed));
        assert_eq!(content_hash(&a).len(), 64);
        // Moving text between fields changes the hash even if the letters are the same.
        let mut moved = Content::new();
        moved.insert("purpose".into(), "ab".into());
        let mut moved2 = Content::new();
        moved2.insert("purpose".into(), "a".into());
        moved2.insert("success".into(), "b".into());
        assert_ne!(content_hash(&moved), content_hash(&moved2));
    }

    // Pins: both sign → in force as version 1 and the relationship becomes active;
    // each signs only as themselves, once per content.
    #[test]
    fn both_sign_then_in_force() {
        let mut r = rel();
        r.start_draft(complete(), &ana(), "t0");
        assert_eq!(r.agreement.status(), Status::Drafting);
        assert_eq!(r.sign(&ana(), "t1"), Ok(Signed::Waiting));
        assert_eq!(r.sign(&ana(), "t1b"), Err(SignError::AlreadySigned));
        assert_eq!(r.agreement.status(), Status::AwaitingSignature { signed: vec![Role::Mentee] });
        let eve = Person::from_host("u-eve", "Eve", None).unwrap();
        assert_eq!(r.sign(&eve, "t2"), Err(SignError::NotAParty));
        assert_eq!(r.sign(&ben(), "t3"), Ok(Signed::InForce { version: 1 }));
        assert_eq!(r.state, State::Active);
        assert!(r.agreement.draft.is_none());
        let v = r.agreement.current().unwrap();
        assert_eq!((v.number, v.signatures.len(), v.in_force_at.as_str()), (1, 2, "t3"));
        assert!(r.agreement.tampered_versions().is_empty());
    }

    // Pins: an incomplete agreement cannot be signed, and says why.
    #[test]
    fn incomplete_cannot_be_signed() {
        let mut r = rel();
        let mut c = complete();
        c.remove("purpose");
        r.start_draft(c, &ana(), "t0");
        assert!(matches!(r.sign(&ana(), "t1"), Err(SignError::Incomplete(e)) if e[0].field == "purpose"));
        let mut r = rel();
        assert_eq!(r.sign(&ana(), "t1"), Err(SignError::NothingToSign));
    }

    // Pins: editing after a signature shows "changed after signing" and needs both to sign again.
    #[test]
    fn edit_after_signing() {
        let mut r = rel();
        r.start_draft(complete(), &ana(), "t0");
        r.sign(&ana(), "t1").unwrap();
        let mut c = r.agreement.draft.as_ref().unwrap().content.clone();
        c.insert("meetings.length".into(), "45".into());
        assert!(r.edit_draft(&c, &ben(), "t2"));
        assert_eq!(r.agreement.status(), Status::ChangedAfterSigning);
        assert_eq!(r.sign(&ben(), "t3"), Ok(Signed::Waiting));
        assert_eq!(r.sign(&ana(), "t4"), Ok(Signed::InForce { version: 1 }));
        assert_eq!(r.agreement.current().unwrap().content["meetings.length"], "45");
    }

    // Pins: an amendment starts from the version in force, keeps it untouched until
    // both re-sign, then becomes version 2; both versions stay with their signatures.
    #[test]
    fn amendments_keep_history() {
        let mut r = rel();
        r.start_draft(complete(), &ana(), "t0");
        r.sign(&ana(), "t1").unwrap();
        r.sign(&ben(), "t2").unwrap();
        r.start_draft(Content::new(), &ana(), "t3");
        let d = r.agreement.draft.as_ref().unwrap();
        assert_eq!(d.based_on, Some(1));
        assert_eq!(d.content, r.agreement.versions[0].content);
        let mut c = d.content.clone();
        c.insert("meetings.frequency".into(), "weekly".into());
        r.edit_draft(&c, &ana(), "t4");
        assert_eq!(r.agreement.current().unwrap().content["meetings.frequency"], "fortnightly");
        r.sign(&ana(), "t5").unwrap();
        assert_eq!(r.sign(&ben(), "t6"), Ok(Signed::InForce { version: 2 }));
        assert_eq!(r.agreement.versions.len(), 2);
        assert_eq!(r.agreement.versions[0].content["meetings.frequency"], "fortnightly");
        assert_eq!(r.agreement.versions[1].signatures.len(), 2);
        // An amendment can be dropped; a first draft cannot.
        r.start_draft(Content::new(), &ben(), "t7");
        assert!(r.discard_amendment());
        assert!(r.agreement.draft.is_none());
    }

    // Pins: stored content that no longer matches its signatures is flagged.
    #[test]
    fn tampering_is_detected() {
        let mut r = rel();
        r.start_draft(complete(), &ana(), "t0");
        r.sign(&ana(), "t1").unwrap();
        r.sign(&ben(), "t2").unwrap();
        r.agreement.versions[0].content.insert("exit.notice".into(), "90".into());
        assert_eq!(r.agreement.tampered_versions(), [1]);
    }

    // Pins: a closed relationship accepts no drafts, edits or signatures.
    #[test]
    fn closed_accepts_nothing() {
        let mut r = rel();
        r.start_draft(complete(), &ana(), "t0");
        r.state = State::Closed;
        assert_eq!(r.sign(&ana(), "t1"), Err(SignError::Closed));
        assert!(!r.edit_draft(&complete(), &ana(), "t2"));
    }
}
