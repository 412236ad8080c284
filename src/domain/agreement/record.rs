//! The living agreement: signed versions, the draft being written or
//! amended, and the rules for signing it.
//!
//! A signature records who signed, when, in which role, and the SHA-256 of
//! the canonical content they signed (in the canonical form it names: see
//! [`canonical_text_in`]). When both parties have signed the
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
    /// SHA-256 (hex) of the canonical content signed, in the form `hash_version` names.
    pub hash: String,
    /// The canonical form `hash` was made from; absent (or null) in
    /// signatures stored before forms had numbers, which all used form 1.
    ///
    /// A field of its own rather than a prefix such as "v2:" on `hash`:
    /// documents stored before read exactly as they are (miniserde reads a
    /// missing `Option` as `None`), `hash` stays a plain SHA-256 that anyone
    /// can recompute and that the exports and the signature panel show as
    /// "SHA-256 …", and older builds, which skip fields they do not know,
    /// still read the relationship (they show a form-2 signature as changed
    /// after signing rather than failing on a hash they cannot parse).
    #[serde(rename = "hashVersion")]
    pub hash_version: Option<u32>,
}

impl Signature {
    /// The canonical form this signature was made with.
    pub fn version(&self) -> u32 {
        self.hash_version.unwrap_or(1)
    }

    /// Whether this signature covers exactly `content`, compared in the
    /// signature's own canonical form (never in today's form: an old
    /// signature must keep verifying after the form changes).
    pub fn covers(&self, content: &Content) -> bool {
        content_hash_in(self.version(), content).is_some_and(|h| h == self.hash)
    }
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

/// The canonical form new signatures are made with.
pub const HASH_VERSION: u32 = 2;

/// Form 1, kept only so signatures made with it still verify: each known
/// field in table order as `id U+001F value U+001E`. It is ambiguous when a
/// value holds a separator (`purpose` = "a␞success␟b" reads as two fields),
/// so it is given only for content whose values hold neither; there it is
/// injective (ids come from the table and contain neither). Content with a
/// separator can never match a form-1 signature, so nobody can swap in a
/// different content that a form-1 signature happens to cover.
fn canonical_text_v1(canon: &Content) -> Option<String> {
    let mut out = String::new();
    for f in FIELDS {
        if let Some(v) = canon.get(f.id) {
            if v.contains(['\u{1e}', '\u{1f}']) {
                return None;
            }
            out.push_str(f.id);
            out.push('\u{1f}');
            out.push_str(v);
            out.push('\u{1e}');
        }
    }
    Some(out)
}

/// Form 2: a tag naming the form, then each known field that has a value,
/// in table order, as two netstrings (`{byte length}:{bytes},`), id then
/// value. The lengths make it injective whatever a value holds; the tag
/// binds the form into the hash, so no form-2 text is ever another form's
/// text and relabelling a signature's form can never make it match.
fn canonical_text_v2(canon: &Content) -> String {
    let mut out = String::from("mw-agreement-canonical/2\n");
    for f in FIELDS {
        if let Some(v) = canon.get(f.id) {
            for part in [f.id, v.as_str()] {
                out.push_str(&part.len().to_string());
                out.push(':');
                out.push_str(part);
                out.push(',');
            }
        }
    }
    out
}

/// The text that is hashed, in canonical form `version` (`None` for a form
/// this build does not know, or form 1 over content it cannot express
/// unambiguously).
pub fn canonical_text_in(version: u32, content: &Content) -> Option<String> {
    let canon = canonical(content);
    match version {
        1 => canonical_text_v1(&canon),
        2 => Some(canonical_text_v2(&canon)),
        _ => None,
    }
}

/// The text new signatures hash (form [`HASH_VERSION`]).
pub fn canonical_text(content: &Content) -> String {
    canonical_text_v2(&canonical(content))
}

fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 (hex) of `content` in canonical form `version`, if it has one.
pub fn content_hash_in(version: u32, content: &Content) -> Option<String> {
    canonical_text_in(version, content).map(|t| sha256_hex(&t))
}

/// SHA-256 (hex) of `content` in the form new signatures use.
pub fn content_hash(content: &Content) -> String {
    sha256_hex(&canonical_text(content))
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
    /// What is stored is not the content the person was shown: nothing was
    /// signed, and they see what changed since they looked.
    Changed,
}

impl SignError {
    pub fn message_key(&self) -> &'static str {
        match self {
            SignError::NotAParty => "error.sign_not_party",
            SignError::NothingToSign => "error.sign_nothing",
            SignError::Incomplete(_) => "error.sign_incomplete",
            SignError::AlreadySigned => "error.sign_already",
            SignError::Closed => "error.sign_closed",
            SignError::Changed => "error.sign_changed",
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

    /// Where the draft stands, counting every signature whoever wrote it.
    #[deprecated(note = "cannot tell who signed: use Relationship::agreement_status")]
    pub fn status(&self) -> Status {
        let Some(draft) = &self.draft else { return Status::None };
        draft_status(draft, draft.signatures.iter())
    }

    /// Versions whose content no longer matches two signatures, without
    /// knowing the parties.
    #[deprecated(note = "cannot tell who signed: use Relationship::tampered_versions")]
    pub fn tampered_versions(&self) -> Vec<u32> {
        self.versions.iter().filter(|v| v.signatures.len() != 2 || !v.signatures.iter().all(|s| s.covers(&v.content))).map(|v| v.number).collect()
    }

    /// What a stored record must hold beyond its types (see
    /// [`crate::domain::envelope::Document::check`]): versions numbered 1, 2,
    /// 3… in order (the history shows and opens them by number), an amendment
    /// based on a version that exists, and only canonical forms this build
    /// knows (a later form would need a later schema).
    pub fn check(&self) -> Result<(), &'static str> {
        if self.versions.iter().enumerate().any(|(i, v)| usize::try_from(v.number).ok() != Some(i + 1)) {
            return Err("versions are not numbered 1, 2, 3… in order");
        }
        if let Some(based_on) = self.draft.as_ref().and_then(|d| d.based_on) {
            if based_on == 0 || usize::try_from(based_on).map_or(true, |n| n > self.versions.len()) {
                return Err("the draft amends a version that does not exist");
            }
        }
        let signatures = self.versions.iter().flat_map(|v| &v.signatures).chain(self.draft.iter().flat_map(|d| &d.signatures));
        for s in signatures {
            if s.hash_version.is_some_and(|n| !(1..=HASH_VERSION).contains(&n)) {
                return Err("a signature names an unknown canonical form");
            }
        }
        Ok(())
    }
}

fn draft_status<'a>(draft: &Draft, counted: impl Iterator<Item = &'a Signature>) -> Status {
    let counted: Vec<&Signature> = counted.collect();
    if counted.is_empty() {
        Status::Drafting
    } else if counted.iter().any(|s| !s.covers(&draft.content)) {
        Status::ChangedAfterSigning
    } else {
        let mut signed: Vec<Role> = Vec::new();
        for s in counted {
            if !signed.contains(&s.role) {
                signed.push(s.role);
            }
        }
        Status::AwaitingSignature { signed }
    }
}

impl Relationship {
    /// Whether `s` was given by the party in the role it claims: its `by`
    /// is that party's id (see [`Relationship::role_of_id`] for a party
    /// typed in by hand, who has none yet).
    pub fn signature_is_genuine(&self, s: &Signature) -> bool {
        self.role_of_id(&s.by) == Some(s.role)
    }

    /// Where the agreement stands. A signature by anyone but the party of
    /// its role is not counted: it shows neither as signed nor as changed.
    pub fn agreement_status(&self) -> Status {
        let Some(draft) = &self.agreement.draft else { return Status::None };
        draft_status(draft, draft.signatures.iter().filter(|s| self.signature_is_genuine(s)))
    }

    /// Whether version `v` is attested: exactly two signatures, one by the
    /// mentor as mentor and one by the mentee as mentee (two different
    /// people), each covering the stored content in its own canonical form.
    pub fn version_is_attested(&self, v: &Version) -> bool {
        let [a, b] = v.signatures.as_slice() else { return false };
        a.role != b.role && a.by != b.by && [a, b].into_iter().all(|s| self.signature_is_genuine(s) && s.covers(&v.content))
    }

    /// Versions that are not attested (see [`Relationship::version_is_attested`]):
    /// content changed after signing, a signature missing, doubled, or by
    /// someone other than the party it names. Shown as changed after
    /// signing, never silently trusted.
    pub fn tampered_versions(&self) -> Vec<u32> {
        self.agreement.versions.iter().filter(|v| !self.version_is_attested(v)).map(|v| v.number).collect()
    }

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
        self.agreement.draft = Some(Draft { content, based_on, signatures: Vec::new(), updated_at: now.into(), updated_by: me.id.clone() });
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
        let draft = self.agreement.draft.as_ref().ok_or(SignError::NothingToSign)?;
        let errors = validate(&draft.content);
        if !errors.is_empty() {
            return Err(SignError::Incomplete(errors));
        }
        // Each signature is compared in its own canonical form: mine given
        // before the form changed still covers the same content.
        if draft.signatures.iter().any(|s| s.role == role && s.by == me.id && s.covers(&draft.content)) {
            return Err(SignError::AlreadySigned);
        }
        // Only the other party's own signature on exactly this content
        // brings it into force with mine; one written in their name by
        // someone else does not.
        let theirs = draft.signatures.iter().find(|s| s.role == role.other() && self.signature_is_genuine(s) && s.covers(&draft.content)).cloned();
        let hash = content_hash(&draft.content);
        let mine = Signature { by: me.id.clone(), name: me.display_name.clone(), role, at: now.into(), hash, hash_version: Some(HASH_VERSION) };
        let Some(theirs) = theirs else {
            let draft = self.agreement.draft.as_mut().ok_or(SignError::NothingToSign)?;
            // A signature for older content is replaced, not kept beside the new one.
            draft.signatures.retain(|s| s.role != role);
            draft.signatures.push(mine);
            return Ok(Signed::Waiting);
        };
        let draft = self.agreement.draft.take().ok_or(SignError::NothingToSign)?;
        let number = self.agreement.versions.len() as u32 + 1;
        // The version keeps exactly the two signatures that bring it into
        // force, so it reads as attested (stale or foreign ones stay behind).
        self.agreement.versions.push(Version { number, content: draft.content, signatures: vec![theirs, mine], in_force_at: now.into() });
        if self.state == State::Proposed {
            self.state = State::Active;
        }
        Ok(Signed::InForce { version: number })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::complete;

    use crate::domain::fixtures::{ana, ana_and_ben as rel, ben};
    use crate::domain::relationship::{Kind, RelationshipDraft};

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
        assert_eq!(r.agreement_status(), Status::Drafting);
        assert_eq!(r.sign(&ana(), "t1"), Ok(Signed::Waiting));
        assert_eq!(r.sign(&ana(), "t1b"), Err(SignError::AlreadySigned));
        assert_eq!(r.agreement_status(), Status::AwaitingSignature { signed: vec![Role::Mentee] });
        let eve = Person::from_host("u-eve", "Eve", None).unwrap();
        assert_eq!(r.sign(&eve, "t2"), Err(SignError::NotAParty));
        assert_eq!(r.sign(&ben(), "t3"), Ok(Signed::InForce { version: 1 }));
        assert_eq!(r.state, State::Active);
        assert!(r.agreement.draft.is_none());
        let v = r.agreement.current().unwrap();
        assert_eq!((v.number, v.signatures.len(), v.in_force_at.as_str()), (1, 2, "t3"));
        assert!(r.tampered_versions().is_empty());
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
        assert_eq!(r.agreement_status(), Status::ChangedAfterSigning);
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
        assert_eq!(r.tampered_versions(), [1]);
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

    use crate::domain::agreement::fields::FIELDS;
    use crate::domain::envelope::{decode, encode, DecodeError};
    use proptest::prelude::*;

    fn signature(by: &str, role: Role, content: &Content) -> Signature {
        Signature { by: by.into(), name: by.into(), role, at: "t".into(), hash: content_hash(content), hash_version: Some(HASH_VERSION) }
    }

    /// The form-1 hash exactly as builds before forms had numbers made it.
    fn old_form_hash(content: &Content) -> String {
        let canon = canonical(content);
        let mut text = String::new();
        for f in FIELDS {
            if let Some(v) = canon.get(f.id) {
                text.push_str(&format!("{}\u{1f}{}\u{1e}", f.id, v));
            }
        }
        Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Form 2 read back into the content it was made from (`None` if it is
    /// not form-2 text): that this always works is what makes it injective.
    fn read_v2(text: &str) -> Option<Content> {
        let mut rest = text.strip_prefix("mw-agreement-canonical/2\n")?;
        let mut next = || -> Option<String> {
            let (len, tail) = rest.split_once(':')?;
            let len: usize = len.parse().ok()?;
            let part = tail.get(..len)?.to_string();
            rest = tail.get(len..)?.strip_prefix(',')?;
            Some(part)
        };
        let mut out = Content::new();
        while let Some(id) = next() {
            out.insert(id, next()?);
        }
        Some(out)
    }

    /// Values that try to pass for structure: separators, field ids, netstrings.
    fn sly_value() -> impl Strategy<Value = String> {
        let id = prop::sample::select(FIELDS.iter().map(|f| f.id).collect::<Vec<_>>());
        prop_oneof![
            "[a-z \u{1e}\u{1f}:,0-9]{0,12}",
            id.clone().prop_map(|id| format!("x\u{1e}{id}\u{1f}y")),
            id.prop_map(|id| format!("1:x,{}:{id},", id.len())),
        ]
    }

    fn sly_content() -> impl Strategy<Value = Content> {
        let id = prop::sample::select(FIELDS.iter().map(|f| f.id.to_string()).collect::<Vec<_>>());
        prop::collection::btree_map(id, sly_value(), 0..6).prop_map(|m| m.into_iter().collect())
    }

    proptest! {
        // proptest's default 256 cases each; for a longer hunt:
        // PROPTEST_CASES=5000 cargo test -p mentoring-widget --lib record

        // Pins: the canonical form is injective: its text reads back as exactly
        // the canonical content, so two different contents never share a text
        // (values drawn to hold U+001E, U+001F, field ids and netstrings).
        #[test]
        fn canonical_text_is_injective(a in sly_content(), b in sly_content()) {
            prop_assert_eq!(read_v2(&canonical_text(&a)), Some(canonical(&a)));
            if canonical(&a) != canonical(&b) {
                prop_assert_ne!(canonical_text(&a), canonical_text(&b));
                prop_assert_ne!(content_hash(&a), content_hash(&b));
            }
        }

        // Pins: text moved from a later field into an earlier one behind the
        // old separators gave the same form-1 text (the ambiguity); form 2
        // tells them apart, and form 1 refuses content holding a separator.
        #[test]
        fn separators_cannot_fake_a_field(i in 0usize..FIELDS.len(), j in 0usize..FIELDS.len(), x in "[a-z]{1,8}", y in "[a-z]{1,8}") {
            let (first, second) = (FIELDS[i.min(j)].id, FIELDS[i.max(j)].id);
            prop_assume!(first != second);
            let two: Content = [(first.to_string(), x.clone()), (second.to_string(), y.clone())].into_iter().collect();
            let one: Content = [(first.to_string(), format!("{x}\u{1e}{second}\u{1f}{y}"))].into_iter().collect();
            prop_assert_eq!(old_form_hash(&two), old_form_hash(&one), "the old form was ambiguous");
            prop_assert_ne!(canonical_text(&two), canonical_text(&one));
            prop_assert_eq!(content_hash_in(1, &two), Some(old_form_hash(&two)));
            prop_assert_eq!(content_hash_in(1, &one), None);
        }
    }

    /// A relationship stored before canonical forms had numbers: version 1
    /// in force and an amendment signed by Ben, every hash in form 1 (the
    /// hashes were computed independently of this code).
    const SIGNED_IN_FORM_1: &str = r#"{"schema":3,"kind":"relationship","data":{"id":"r1","kind":"reverse","mentor":{"id":"u-ben","displayName":"Ben Okafor","email":null},"mentee":{"id":"u-ana","displayName":"Ana Li","email":null},"state":"active","createdBy":"u-ana","createdAt":"2026-11-24T10:00:00Z","agreement":{"versions":[{"number":1,"content":{"goals":"Speak\nWrite","purpose":"Grow"},"signatures":[{"by":"u-ana","name":"Ana Li","role":"mentee","at":"2026-11-24T11:00:00Z","hash":"d8ffba232da895922a9dc062600b950a61105545dfc5ce54ce474b82cd4961eb"},{"by":"u-ben","name":"Ben Okafor","role":"mentor","at":"2026-11-24T12:00:00Z","hash":"d8ffba232da895922a9dc062600b950a61105545dfc5ce54ce474b82cd4961eb"}],"inForceAt":"2026-11-24T12:00:00Z"}],"draft":{"content":{"goals":"Speak\nWrite","meetings.length":"45","purpose":"Grow"},"basedOn":1,"signatures":[{"by":"u-ben","name":"Ben Okafor","role":"mentor","at":"2026-12-01T09:00:00Z","hash":"a45967b4d48b6d2ecaf41a69d8ddbe77c77f75c333fcef22e68d07567db3f8c7"}],"updatedAt":"2026-12-01T09:00:00Z","updatedBy":"u-ben"}},"life":{"events":[],"closing":null}}}"#;

    // Pins: signatures stored in form 1 (no hashVersion) still verify, in force
    // and in a draft, and still catch a change; written back, they stay form 1.
    #[test]
    fn old_form_signatures_still_verify() {
        let mut r: Relationship = decode(SIGNED_IN_FORM_1).unwrap();
        let v = &r.agreement.versions[0];
        assert_eq!(v.signatures[0].version(), 1);
        assert_eq!(canonical_text_in(1, &v.content).as_deref(), Some("purpose\u{1f}Grow\u{1e}goals\u{1f}Speak\nWrite\u{1e}"));
        assert!(v.signatures.iter().all(|s| s.covers(&v.content)));
        assert!(r.tampered_versions().is_empty());
        assert_eq!(r.agreement_status(), Status::AwaitingSignature { signed: vec![Role::Mentor] });
        assert_eq!(decode::<Relationship>(&encode(&r)), Ok(r.clone()));
        r.agreement.versions[0].content.insert("purpose".into(), "Grow fast".into());
        assert_eq!(r.tampered_versions(), [1]);
    }

    // Pins: a partner's form-1 signature on the draft still counts when the
    // other signs in form 2: the version comes into force, attested, with both.
    #[test]
    fn signing_beside_an_old_form_signature() {
        let mut r = rel();
        r.start_draft(complete(), &ana(), "t0");
        let draft = r.agreement.draft.as_mut().unwrap();
        let old = Signature {
            by: "u-ben".into(),
            name: "Ben Okafor".into(),
            role: Role::Mentor,
            at: "t1".into(),
            hash: old_form_hash(&draft.content),
            hash_version: None,
        };
        draft.signatures.push(old);
        assert_eq!(r.sign(&ben(), "t1b"), Err(SignError::AlreadySigned));
        assert_eq!(r.sign(&ana(), "t2"), Ok(Signed::InForce { version: 1 }));
        let v = r.agreement.current().unwrap();
        assert_eq!(v.signatures.iter().map(Signature::version).collect::<Vec<_>>(), [1, 2]);
        assert!(r.tampered_versions().is_empty());
    }

    // Pins: a signature counts only when its `by` is the party of the role it
    // claims: one in the partner's name by someone else (or by me in the other
    // role) is not counted in the draft and brings nothing into force.
    #[test]
    fn forged_draft_signatures_do_not_count() {
        let mut r = rel();
        r.start_draft(complete(), &ana(), "t0");
        let content = r.agreement.draft.as_ref().unwrap().content.clone();
        r.agreement.draft.as_mut().unwrap().signatures = vec![signature("u-eve", Role::Mentor, &content), signature("u-ana", Role::Mentor, &content)];
        assert_eq!(r.agreement_status(), Status::Drafting);
        assert_eq!(r.sign(&ana(), "t1"), Ok(Signed::Waiting));
        assert_eq!(r.agreement_status(), Status::AwaitingSignature { signed: vec![Role::Mentee] });
        assert_eq!(r.sign(&ben(), "t2"), Ok(Signed::InForce { version: 1 }));
        let v = r.agreement.current().unwrap();
        assert_eq!(v.signatures.iter().map(|s| s.by.as_str()).collect::<Vec<_>>(), ["u-ana", "u-ben"], "the forged ones stay behind");
        assert!(r.tampered_versions().is_empty());
    }

    // Pins: a version is flagged unless it has exactly one signature by the
    // mentor as mentor and one by the mentee as mentee, two different people.
    #[test]
    fn versions_need_both_parties_once_each() {
        let mut r = rel();
        r.start_draft(complete(), &ana(), "t0");
        r.sign(&ana(), "t1").unwrap();
        r.sign(&ben(), "t2").unwrap();
        let content = r.agreement.versions[0].content.clone();
        let good = r.agreement.versions[0].signatures.clone();
        let cases: Vec<Vec<Signature>> = vec![
            vec![signature("u-ana", Role::Mentee, &content), signature("u-eve", Role::Mentor, &content)],
            vec![signature("u-ana", Role::Mentee, &content), signature("u-ana", Role::Mentor, &content)],
            vec![signature("u-ben", Role::Mentee, &content), signature("u-ana", Role::Mentor, &content)],
            vec![signature("u-ana", Role::Mentee, &content), signature("u-ana", Role::Mentee, &content)],
            [good.clone(), vec![signature("u-eve", Role::Mentor, &content)]].concat(),
            good[..1].to_vec(),
        ];
        for signatures in cases {
            r.agreement.versions[0].signatures = signatures.clone();
            assert_eq!(r.tampered_versions(), [1], "{signatures:?}");
        }
        r.agreement.versions[0].signatures = good;
        assert!(r.tampered_versions().is_empty());
    }

    // Pins: a partner typed in by email has no id to compare: their signature
    // counts as theirs unless it carries the other party's id.
    #[test]
    fn partner_known_by_email_signs() {
        let mut r = RelationshipDraft {
            my_role: Some(Role::Mentee),
            kind: Some(Kind::Peer),
            partner_id: None,
            partner_name: "Cat".into(),
            partner_email: "cat@example.com".into(),
        }
        .propose(&ana(), "r2".into(), "t".into())
        .unwrap();
        let cat = Person::from_host("u-cat", "Cat", Some("cat@example.com")).unwrap();
        r.start_draft(complete(), &ana(), "t0");
        r.sign(&cat, "t1").unwrap();
        assert_eq!(r.sign(&ana(), "t2"), Ok(Signed::InForce { version: 1 }));
        assert!(r.tampered_versions().is_empty());
        r.agreement.versions[0].signatures[0].by = "u-ana".into();
        assert_eq!(r.tampered_versions(), [1], "the mentee cannot sign for the mentor");
    }

    // Pins: a stored agreement must number its versions 1, 2, 3… in order, amend
    // a version that exists and name only known canonical forms; anything else
    // reads as invalid data instead of reaching the history or the signing rules.
    #[test]
    fn stored_numbers_are_checked() {
        let mut r = rel();
        r.start_draft(complete(), &ana(), "t0");
        r.sign(&ana(), "t1").unwrap();
        r.sign(&ben(), "t2").unwrap();
        r.start_draft(Content::new(), &ben(), "t3");
        r.sign(&ben(), "t4").unwrap();
        assert_eq!(decode::<Relationship>(&encode(&r)), Ok(r.clone()));
        let broken: [fn(&mut Relationship); 6] = [
            |r| r.agreement.versions[0].number = 0,
            |r| r.agreement.versions[0].number = 2,
            |r| r.agreement.versions.push(r.agreement.versions[0].clone()),
            |r| r.agreement.draft.as_mut().unwrap().based_on = Some(2),
            |r| r.agreement.draft.as_mut().unwrap().based_on = Some(0),
            |r| r.agreement.draft.as_mut().unwrap().signatures[0].hash_version = Some(HASH_VERSION + 1),
        ];
        for (i, breaks) in broken.iter().enumerate() {
            let mut bad = r.clone();
            breaks(&mut bad);
            assert_eq!(decode::<Relationship>(&encode(&bad)), Err(DecodeError::InvalidData), "case {i}");
        }
    }
}
