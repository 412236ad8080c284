//! A mentoring relationship: who, what kind, and where it is in its life.
//!
//! The relationship's room: the document itself (here) and its migrations
//! from older schemas (`migrate`),
//! its life record and the steps that change it (`life`: pause, review,
//! moving on, close; each a method on the relationship), and the table of
//! allowed moves between states (`lifecycle`). Check-ins and goals read the
//! state from here; nothing here reads them.

pub mod life;
pub mod lifecycle;
mod migrate;

use miniserde::{Deserialize, Serialize};

use super::agreement::AgreementRecord;
use super::envelope::Document;
use super::person::{clean_name, Person};
use super::FieldError;
use life::Life;

/// The shapes of mentoring we support; each changes the agreement templates
/// and whose goals the tracker expects, not who may do what.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// A more experienced person mentors a less experienced one.
    #[serde(rename = "traditional")]
    Traditional,
    /// The junior person mentors a leader (digital skills, culture, ...).
    #[serde(rename = "reverse")]
    Reverse,
    /// Two people at a similar level mentor each other.
    #[serde(rename = "peer")]
    Peer,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Traditional, Kind::Reverse, Kind::Peer];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Traditional => "traditional",
            Kind::Reverse => "reverse",
            Kind::Peer => "peer",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Kind::Traditional => "kind.traditional",
            Kind::Reverse => "kind.reverse",
            Kind::Peer => "kind.peer",
        }
    }

    pub fn hint_key(self) -> &'static str {
        match self {
            Kind::Traditional => "kind.traditional_hint",
            Kind::Reverse => "kind.reverse_hint",
            Kind::Peer => "kind.peer_hint",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    #[serde(rename = "mentor")]
    Mentor,
    #[serde(rename = "mentee")]
    Mentee,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Mentor => "mentor",
            Role::Mentee => "mentee",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "mentor" => Some(Role::Mentor),
            "mentee" => Some(Role::Mentee),
            _ => None,
        }
    }

    pub fn other(self) -> Role {
        match self {
            Role::Mentor => Role::Mentee,
            Role::Mentee => Role::Mentor,
        }
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Role::Mentor => "role.mentor",
            Role::Mentee => "role.mentee",
        }
    }

    /// "You are the mentor": a whole sentence per role, because languages
    /// inflect the role differently inside a sentence than in a heading.
    pub fn you_are_key(self) -> &'static str {
        match self {
            Role::Mentor => "list.you_are_mentor",
            Role::Mentee => "list.you_are_mentee",
        }
    }
}

/// Where a relationship is in its life. Only `Proposed` is reached in v1 of the
/// skeleton; the others are named now so stored documents never need a new
/// schema just to add them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum State {
    #[serde(rename = "proposed")]
    Proposed,
    #[serde(rename = "active")]
    Active,
    #[serde(rename = "midpoint_review")]
    MidpointReview,
    #[serde(rename = "paused")]
    Paused,
    #[serde(rename = "closing")]
    Closing,
    #[serde(rename = "closed")]
    Closed,
}

impl State {
    pub fn label_key(self) -> &'static str {
        match self {
            State::Proposed => "state.proposed",
            State::Active => "state.active",
            State::MidpointReview => "state.midpoint_review",
            State::Paused => "state.paused",
            State::Closing => "state.closing",
            State::Closed => "state.closed",
        }
    }
}

/// One side of a relationship. A partner typed in by hand has no host id yet:
/// they are recognised by email when they open the widget.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Party {
    pub id: Option<String>,
    #[serde(rename = "displayName")]
    pub display_name: String,
    pub email: Option<String>,
}

impl Party {
    pub fn from_person(p: &Person) -> Party {
        Party { id: Some(p.id.clone()), display_name: p.display_name.clone(), email: p.email.clone() }
    }

    /// Whether this party is `me`: by host id when we have one, else by email.
    pub fn is(&self, me: &Person) -> bool {
        match &self.id {
            Some(id) => *id == me.id,
            None => self.email.as_deref().is_some_and(|e| me.has_email(e)),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relationship {
    pub id: String,
    pub kind: Kind,
    pub mentor: Party,
    pub mentee: Party,
    pub state: State,
    #[serde(rename = "createdBy")]
    pub created_by: String,
    /// RFC 3339 in UTC, as the browser's clock gave it.
    #[serde(rename = "createdAt")]
    pub created_at: String,
    /// The agreement lives in the relationship's document (the README's "Keys
    /// and stored documents"): the pair sign it together and it moves the state.
    pub agreement: AgreementRecord,
    /// Pauses, the mid-point review and the close (schema 3).
    pub life: Life,
}

impl Document for Relationship {
    const KIND: &'static str = "relationship";
    /// 1: the skeleton. 2: adds `agreement`. 3: adds `life`.
    const SCHEMA: u32 = 3;

    fn upgrade(schema: u32, data: &str) -> Result<Relationship, String> {
        migrate::upgrade(schema, data)
    }

    fn check(&self) -> Result<(), &'static str> {
        self.agreement.check()?;
        self.life.check()
    }
}

impl Relationship {
    /// My role in this relationship, if I am in it at all.
    pub fn role_of(&self, me: &Person) -> Option<Role> {
        if self.mentor.is(me) {
            Some(Role::Mentor)
        } else if self.mentee.is(me) {
            Some(Role::Mentee)
        } else {
            None
        }
    }

    /// The role of the person whose host id is `id`, for reading what the
    /// documents say someone did (signed, confirmed, rated, reflected).
    ///
    /// A partner typed in by hand has no host id in the document (they are
    /// recognised by email when they sign in), so nothing stored can tie an
    /// id to them: an id that is not the other party's is taken as theirs.
    /// The two parties are still always two different people, and the host
    /// vouches for who wrote what (the README's threat model).
    pub fn role_of_id(&self, id: &str) -> Option<Role> {
        if id.is_empty() {
            return None;
        }
        if self.mentor.id.as_deref() == Some(id) {
            return Some(Role::Mentor);
        }
        if self.mentee.id.as_deref() == Some(id) {
            return Some(Role::Mentee);
        }
        match (&self.mentor.id, &self.mentee.id) {
            (Some(_), None) => Some(Role::Mentee),
            (None, Some(_)) => Some(Role::Mentor),
            _ => None,
        }
    }

    /// The other person, seen from `me`.
    pub fn partner_for(&self, me: &Person) -> Option<&Party> {
        self.role_of(me).map(|role| self.party(role.other()))
    }

    pub fn party(&self, role: Role) -> &Party {
        match role {
            Role::Mentor => &self.mentor,
            Role::Mentee => &self.mentee,
        }
    }
}

/// What the "start a relationship" form holds while a person fills it in.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct RelationshipDraft {
    pub my_role: Option<Role>,
    pub kind: Option<Kind>,
    /// Set when the partner was picked from the host's directory.
    pub partner_id: Option<String>,
    pub partner_name: String,
    pub partner_email: String,
}

/// A loose check that catches typos ("ana.example.com", "ana@") without
/// pretending to validate deliverability, which only the host can do.
pub fn looks_like_email(s: &str) -> bool {
    let s = s.trim();
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !s.chars().any(char::is_whitespace)
        }
        None => false,
    }
}

impl RelationshipDraft {
    /// Every problem with the draft at once, in form order, so a person fixes
    /// them in one pass.
    pub fn validate(&self, me: &Person) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.my_role.is_none() {
            errors.push(FieldError::new("role", "error.role_required"));
        }
        let name = clean_name(&self.partner_name);
        let email = self.partner_email.trim();
        if name.is_empty() {
            errors.push(FieldError::new("partner", "error.partner_required"));
        } else if self.partner_id.as_deref() == Some(me.id.as_str()) || (!email.is_empty() && me.has_email(email)) {
            errors.push(FieldError::new("partner", "error.partner_is_self"));
        }
        // Without a directory pick, the email is how the partner will find
        // the relationship when they sign in: without it they never could.
        if email.is_empty() && self.partner_id.is_none() {
            errors.push(FieldError::new("partner_email", "error.partner_email_required"));
        } else if !email.is_empty() && !looks_like_email(email) {
            errors.push(FieldError::new("partner_email", "error.partner_email_invalid"));
        }
        if self.kind.is_none() {
            errors.push(FieldError::new("kind", "error.kind_required"));
        }
        errors
    }

    /// Turns a valid draft into a proposed relationship with `me` on the side
    /// I chose. `id` and `now` come from the caller so this stays pure.
    pub fn propose(&self, me: &Person, id: String, now: String) -> Result<Relationship, Vec<FieldError>> {
        let errors = self.validate(me);
        let (Some(role), Some(kind), true) = (self.my_role, self.kind, errors.is_empty()) else {
            return Err(errors);
        };
        let email = self.partner_email.trim();
        let partner =
            Party { id: self.partner_id.clone(), display_name: clean_name(&self.partner_name), email: (!email.is_empty()).then(|| email.to_string()) };
        let mine = Party::from_person(me);
        let (mentor, mentee) = match role {
            Role::Mentor => (mine, partner),
            Role::Mentee => (partner, mine),
        };
        Ok(Relationship {
            id,
            kind,
            mentor,
            mentee,
            state: State::Proposed,
            created_by: me.id.clone(),
            created_at: now,
            agreement: <AgreementRecord as Default>::default(),
            life: <Life as Default>::default(),
        })
    }
}

/// The home list's order: newest first, then by id so two that share a
/// timestamp keep a stable order.
pub fn list_order(a: &Relationship, b: &Relationship) -> std::cmp::Ordering {
    b.created_at.cmp(&a.created_at).then_with(|| a.id.cmp(&b.id))
}

/// Sorts relationships in the home list's order.
pub fn sort_for_list(list: &mut [Relationship]) {
    crate::domain::order::sort_by(list, list_order);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ana as `domain::fixtures` has her, with her email (which these
    /// tests match a typed-in partner by).
    fn ana_with_email() -> Person {
        Person::from_host("u-ana", "Ana Li", Some("ana@example.com")).unwrap()
    }

    fn draft() -> RelationshipDraft {
        RelationshipDraft {
            my_role: Some(Role::Mentee),
            kind: Some(Kind::Reverse),
            partner_id: Some("u-ben".into()),
            partner_name: " Ben  Okafor ".into(),
            partner_email: "".into(),
        }
    }

    // Pins: a complete draft puts me on the side I chose and the partner on the other.
    #[test]
    fn propose_places_parties_by_role() {
        let rel = draft().propose(&ana_with_email(), "r1".into(), "2026-11-24T10:00:00Z".into()).unwrap();
        assert_eq!(rel.mentee.id.as_deref(), Some("u-ana"));
        assert_eq!(rel.mentor.display_name, "Ben Okafor");
        assert_eq!(rel.state, State::Proposed);
        assert_eq!(rel.kind, Kind::Reverse);
        assert_eq!(rel.role_of(&ana_with_email()), Some(Role::Mentee));
        let ben = Person::from_host("u-ben", "Ben", None).unwrap();
        assert_eq!(rel.role_of(&ben), Some(Role::Mentor));
        let eve = Person::from_host("u-eve", "Eve", None).unwrap();
        assert_eq!(rel.role_of(&eve), None);
        assert_eq!(rel.partner_for(&ana_with_email()).map(|p| p.display_name.as_str()), Some("Ben Okafor"));
        assert_eq!(rel.partner_for(&ben).map(|p| p.display_name.as_str()), Some("Ana Li"));
        assert_eq!(rel.partner_for(&eve), None);
    }

    // Pins: an empty draft reports every missing part, each on its own field.
    #[test]
    fn empty_draft_lists_every_missing_field() {
        let errors = RelationshipDraft::default().validate(&ana_with_email());
        let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["role", "partner", "partner_email", "kind"]);
    }

    // Pins: nobody can start a relationship with themselves, by id or by email.
    #[test]
    fn partner_cannot_be_me() {
        let mut d = draft();
        d.partner_id = Some("u-ana".into());
        assert_eq!(d.validate(&ana_with_email()), [FieldError::new("partner", "error.partner_is_self")]);
        let mut d = draft();
        d.partner_id = None;
        d.partner_email = "ANA@example.com".into();
        assert_eq!(d.validate(&ana_with_email()), [FieldError::new("partner", "error.partner_is_self")]);
    }

    // Pins: a partner typed in by hand needs an email (their way to find it later);
    // one picked from the directory does not.
    #[test]
    fn typed_partner_needs_an_email() {
        let mut d = draft();
        d.partner_id = None;
        assert_eq!(d.validate(&ana_with_email()), [FieldError::new("partner_email", "error.partner_email_required")]);
        assert_eq!(draft().validate(&ana_with_email()), []);
    }

    // Pins: a typed-in partner is recognised later by email, case-insensitively.
    #[test]
    fn typed_partner_is_found_by_email() {
        let mut d = draft();
        d.partner_id = None;
        d.partner_email = "Ben@Example.com".into();
        let rel = d.propose(&ana_with_email(), "r1".into(), "t".into()).unwrap();
        let ben = Person::from_host("u-ben", "Ben", Some("ben@example.com")).unwrap();
        assert_eq!(rel.role_of(&ben), Some(Role::Mentor));
        let other = Person::from_host("u-x", "X", None).unwrap();
        assert_eq!(rel.role_of(&other), None);
    }

    // Pins: the email check catches common typos and accepts ordinary addresses.
    #[test]
    fn email_shapes() {
        for ok in ["a@b.co", "first.last+tag@mail.example.org"] {
            assert!(looks_like_email(ok), "{ok}");
        }
        for bad in ["", "ana", "ana@", "@b.co", "ana@b", "a b@c.de", "a@b@c.de", "a@.de", "a@de."] {
            assert!(!looks_like_email(bad), "{bad}");
        }
        let mut d = draft();
        d.partner_email = "ben@".into();
        assert_eq!(d.validate(&ana_with_email()), [FieldError::new("partner_email", "error.partner_email_invalid")]);
    }

    // Pins: the list shows the newest first with a stable tie-break.
    #[test]
    fn list_order_is_newest_first() {
        let make = |id: &str, at: &str| {
            let mut r = draft().propose(&ana_with_email(), id.into(), at.into()).unwrap();
            r.id = id.into();
            r
        };
        let mut list = vec![make("b", "2026-01-01T00:00:00Z"), make("c", "2026-02-01T00:00:00Z"), make("a", "2026-01-01T00:00:00Z")];
        sort_for_list(&mut list);
        let ids: Vec<_> = list.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["c", "a", "b"]);
    }

    // Pins: kinds and roles round-trip through their stored names.
    #[test]
    fn names_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.as_str()), Some(k));
        }
        for r in [Role::Mentor, Role::Mentee] {
            assert_eq!(Role::parse(r.as_str()), Some(r));
            assert_eq!(r.other().other(), r);
        }
        assert_eq!(Kind::parse("buddy"), None);
    }
}
