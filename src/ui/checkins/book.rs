//! Everything the check-in screens show of one relationship, read together:
//! the relationship (with its agreement and life record), its check-ins and
//! its goals. Not a component: the shared state the components display.

use crate::bridge::repo::{load_checkins, load_goals, load_relationship, CheckInItem, Fetched, GoalItem};
use crate::bridge::{BridgeError, HostBridge};
use crate::domain::checkins::record::CheckIn;
use crate::domain::dates::Date;
use crate::domain::goals::Goal;
use crate::domain::keys::{self, KeyKind};
use crate::domain::person::Person;
use crate::domain::relationship::Relationship;

#[derive(Clone, Debug, PartialEq)]
pub struct Book {
    pub me: Person,
    pub rel: Relationship,
    pub revision: String,
    /// Newest first.
    pub checkins: Vec<(CheckIn, String)>,
    /// Check-ins that could not be read: key and message key. Shown, never written.
    pub problems: Vec<(String, &'static str)>,
    pub goals: Vec<Goal>,
}

/// Why the book could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum BookError {
    Bridge(BridgeError),
    /// The relationship itself is missing or unreadable (a message key).
    Relationship(&'static str),
}

impl Book {
    /// The name of a party by id ("Ben Okafor"), or the id itself.
    pub fn name_of(&self, id: &str) -> String {
        [&self.rel.mentor, &self.rel.mentee].into_iter().find(|p| p.id.as_deref() == Some(id)).map(|p| p.display_name.clone()).unwrap_or_else(|| id.to_string())
    }

    pub fn partner_name(&self) -> String {
        self.rel.partner_for(&self.me).map(|p| p.display_name.clone()).unwrap_or_default()
    }

    /// The partner's host id, once they have one.
    pub fn partner_id(&self) -> Option<String> {
        self.rel.partner_for(&self.me).and_then(|p| p.id.clone())
    }

    pub fn dates(&self) -> Vec<Date> {
        self.checkins.iter().filter_map(|(c, _)| c.day()).collect()
    }

    pub fn plain_checkins(&self) -> Vec<CheckIn> {
        self.checkins.iter().map(|(c, _)| c.clone()).collect()
    }

    /// Goals that still take progress.
    pub fn active_goals(&self) -> Vec<Goal> {
        self.goals.iter().filter(|g| !g.status.is_closed()).cloned().collect()
    }

    pub fn is_open(&self) -> bool {
        self.rel.is_open()
    }
}

/// One stored document that changed, as read again: applied to the book as
/// it is when the answer arrives, so two refreshes in flight never undo each
/// other.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    Relationship(Relationship, String),
    /// A check-in as stored now; `None` when it is gone.
    CheckIn(String, Option<Result<(CheckIn, String), &'static str>>),
    Goal(String, Option<Goal>),
}

impl Book {
    /// Puts `piece` in; false when the book already held exactly that.
    pub fn apply(&mut self, piece: Piece) -> bool {
        match piece {
            Piece::Relationship(rel, revision) => {
                if self.rel == rel && self.revision == revision {
                    return false;
                }
                self.rel = rel;
                self.revision = revision;
            }
            Piece::CheckIn(id, now) => {
                let key = keys::checkin(&self.rel.id, &id);
                let before = (self.checkins.clone(), self.problems.clone());
                self.checkins.retain(|(c, _)| c.id != id);
                self.problems.retain(|(k, _)| *k != key);
                match now {
                    Some(Ok(entry)) => self.checkins.push(entry),
                    Some(Err(message)) => self.problems.push((key, message)),
                    None => {}
                }
                crate::domain::order::sort_by(&mut self.checkins, |(a, _), (b, _)| b.date.cmp(&a.date).then_with(|| b.id.cmp(&a.id)));
                return (self.checkins.clone(), self.problems.clone()) != before;
            }
            Piece::Goal(id, now) => {
                let at = self.goals.iter().position(|g| g.id == id);
                match (at, now) {
                    (Some(i), Some(g)) if self.goals[i] == g => return false,
                    (Some(i), Some(g)) => self.goals[i] = g,
                    (Some(i), None) => {
                        self.goals.remove(i);
                    }
                    (None, Some(g)) => self.goals.push(g),
                    (None, None) => return false,
                }
            }
        }
        true
    }
}

/// Reads again the one document behind a changed `key` (the relationship,
/// one check-in or one goal), instead of the whole book: the agreement's
/// autosave alone changes the relationship every few seconds while someone
/// types. `None` for keys that are not this relationship's.
pub async fn refresh(bridge: &HostBridge, relationship: &str, key: &str) -> Result<Option<Piece>, BridgeError> {
    Ok(match keys::parse(key) {
        KeyKind::Relationship(id) if id == relationship => match load_relationship(bridge, id).await? {
            Fetched::Ready { relationship, revision } => Some(Piece::Relationship(relationship, revision)),
            // Gone or unreadable now: what is on screen stays.
            _ => None,
        },
        KeyKind::CheckIn { relationship: r, checkin } if r == relationship => {
            let now = bridge
                .get(key)
                .await?
                .map(|stored| crate::bridge::repo::decode_at::<CheckIn>(key, &stored.value).map(|c| (c, stored.revision)).map_err(|e| e.message_key()));
            Some(Piece::CheckIn(checkin.to_string(), now))
        }
        KeyKind::Goal { relationship: r, goal } if r == relationship => {
            // An unreadable goal is left out of the book, as `load_book` leaves it.
            let now = match crate::bridge::repo::load_goal(bridge, key).await? {
                Some(GoalItem::Ready { goal, .. }) => Some(goal),
                _ => None,
            };
            Some(Piece::Goal(goal.to_string(), now))
        }
        _ => None,
    })
}

pub async fn load_book(bridge: &HostBridge, me: Person, id: &str) -> Result<Book, BookError> {
    let (rel, revision) = match load_relationship(bridge, id).await.map_err(BookError::Bridge)? {
        Fetched::Ready { relationship, revision } => (relationship, revision),
        Fetched::Broken(e) => return Err(BookError::Relationship(e.message_key())),
        Fetched::Missing => return Err(BookError::Relationship("bridge.not_found")),
    };
    let mut checkins = Vec::new();
    let mut problems = Vec::new();
    for item in load_checkins(bridge, id).await.map_err(BookError::Bridge)? {
        match item {
            CheckInItem::Ready { checkin, revision } => checkins.push((checkin, revision)),
            CheckInItem::Broken { key, error } => problems.push((key, error.message_key())),
            CheckInItem::Unreachable { key, error } => problems.push((key, error.message_key())),
        }
    }
    crate::domain::order::sort_by(&mut checkins, |(a, _), (b, _)| b.date.cmp(&a.date).then_with(|| b.id.cmp(&a.id)));
    // Goals that cannot be read are the goal tracker's to show.
    let goals = load_goals(bridge, id)
        .await
        .map_err(BookError::Bridge)?
        .into_iter()
        .filter_map(|g| match g {
            GoalItem::Ready { goal, .. } => Some(goal),
            _ => None,
        })
        .collect();
    Ok(Book { me, rel, revision, checkins, problems, goals })
}
