//! The test fixtures the domain's tests (and the save path's) share: the
//! same two people and relationships everywhere, so a test reads as a story
//! about Ana and Ben rather than a page of setup. Test builds only.

use crate::domain::agreement::fields::Content;
use crate::domain::agreement::template::{builtin, instantiate};
use crate::domain::dates::Date;
use crate::domain::goals::Goal;
use crate::domain::person::Person;
use crate::domain::relationship::{Kind, Relationship, RelationshipDraft, Role};

/// Ana Li, the mentee in both relationships below.
pub fn ana() -> Person {
    Person::from_host("u-ana", "Ana Li", None).unwrap()
}

/// Ben Okafor, her mentor.
pub fn ben() -> Person {
    Person::from_host("u-ben", "Ben Okafor", None).unwrap()
}

/// The pair most tests use: Ana (mentee) proposed reverse mentoring to Ben
/// (mentor), relationship `r1`.
pub fn ana_and_ben() -> Relationship {
    propose(Kind::Reverse, "2026-11-24T10:00:00Z")
}

/// The same pair in peer mentoring, proposed at the opaque time "t": what
/// the goal and check-in tests start from.
pub fn rel() -> Relationship {
    propose(Kind::Peer, "t")
}

fn propose(kind: Kind, at: &str) -> Relationship {
    RelationshipDraft {
        my_role: Some(Role::Mentee),
        kind: Some(kind),
        partner_id: Some("u-ben".into()),
        partner_name: "Ben Okafor".into(),
        partner_email: String::new(),
    }
    .propose(&ana(), "r1".into(), at.into())
    .unwrap()
}

/// Ana's goal `id` in [`rel`], not started.
pub fn goal(id: &str) -> Goal {
    Goal::new(&rel(), &ana(), id.into(), "Give a conference talk", "t0").unwrap()
}

/// A complete, valid agreement (the standard template, dated 2026).
pub fn complete() -> Content {
    let catalog = crate::domain::messages::english_catalog();
    let mut c = instantiate(&builtin(&catalog)[0], Date::parse("2026-01-01").unwrap());
    c.insert("goals".into(), "Lead a team meeting\nPresent at the all-hands".into());
    c.insert("dates.end".into(), "2026-12-01".into());
    c.insert("dates.review".into(), "2026-06-01".into());
    c
}
