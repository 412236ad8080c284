//! Our documents, read and written through the host bridge. The rules (what
//! a key means, how a value decodes) live in `domain`; this file only moves
//! text and keeps each item's fate separate, so one bad item never hides the
//! others.

use futures::future::join_all;

use super::{BridgeError, HostBridge};
use crate::domain::envelope::{decode, DecodeError};
use crate::domain::keys::{self, KeyKind};
use crate::domain::person::Person;
use crate::domain::relationship::{list_order, Relationship};

pub use super::save::decode_at;

/// One entry of the home list.
// Most items are the large variant: boxing it would add an allocation to
// each for nothing (clippy's large_enum_variant is for rare large ones).
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum ListItem {
    Ready {
        relationship: Relationship,
        revision: String,
    },
    /// Stored but unreadable by this build. Shown with its error and never
    /// written back.
    Broken {
        key: String,
        error: DecodeError,
    },
    /// Listed, but the host refused or failed to hand it over.
    Unreachable {
        key: String,
        error: BridgeError,
    },
}

/// Every relationship the host lets this person list and that they are a
/// party to, newest first, followed by the ones that could not be read.
pub async fn load_relationships(bridge: &HostBridge, me: &Person) -> Result<Vec<ListItem>, BridgeError> {
    let listed = bridge.list(keys::RELATIONSHIPS).await?;
    let wanted: Vec<String> = listed.into_iter().filter(|l| matches!(keys::parse(&l.key), KeyKind::Relationship(_))).map(|l| l.key).collect();
    let fetched = join_all(wanted.iter().map(|key| bridge.get(key))).await;

    let mut ready: Vec<(Relationship, String)> = Vec::new();
    let mut problems = Vec::new();
    for (key, result) in wanted.into_iter().zip(fetched) {
        match result {
            // Deleted between list and get: nothing to show.
            Ok(None) => {}
            Ok(Some(stored)) => match decode_at::<Relationship>(&key, &stored.value) {
                Ok(rel) if rel.role_of(me).is_some() => ready.push((rel, stored.revision)),
                Ok(_) => {}
                Err(error) => problems.push(ListItem::Broken { key, error }),
            },
            Err(error) if error.is_misconfiguration() => return Err(error),
            Err(error) => problems.push(ListItem::Unreachable { key, error }),
        }
    }
    crate::domain::order::sort_by(&mut ready, |(a, _), (b, _)| list_order(a, b));
    let mut items: Vec<ListItem> = ready.into_iter().map(|(relationship, revision)| ListItem::Ready { relationship, revision }).collect();
    items.extend(problems);
    Ok(items)
}

/// One relationship as stored now.
#[allow(clippy::large_enum_variant)] // as ListItem: the large variant is the usual one
#[derive(Clone, Debug, PartialEq)]
pub enum Fetched {
    Ready {
        relationship: Relationship,
        revision: String,
    },
    /// Stored but unreadable by this build: shown, never written.
    Broken(DecodeError),
    Missing,
}

pub async fn load_relationship(bridge: &HostBridge, id: &str) -> Result<Fetched, BridgeError> {
    Ok(match bridge.get(&keys::relationship(id)).await? {
        None => Fetched::Missing,
        Some(stored) => match decode_at::<Relationship>(&keys::relationship(id), &stored.value) {
            Ok(relationship) => Fetched::Ready { relationship, revision: stored.revision },
            Err(e) => Fetched::Broken(e),
        },
    })
}

/// One goal of a relationship as listed: readable, or not (shown, never written).
#[derive(Clone, Debug, PartialEq)]
pub enum GoalItem {
    Ready { goal: crate::domain::goals::Goal, revision: String },
    Broken { key: String, error: DecodeError },
    Unreachable { key: String, error: BridgeError },
}

impl GoalItem {
    /// The storage key of the goal this item shows.
    pub fn key(&self, relationship: &str) -> String {
        match self {
            GoalItem::Ready { goal, .. } => keys::goal(relationship, &goal.id),
            GoalItem::Broken { key, .. } | GoalItem::Unreachable { key, .. } => key.clone(),
        }
    }
}

/// One goal read again by its key, after the host said it changed: `None`
/// when it is gone. A read that fails is an error, not an item: what is
/// shown stays.
pub async fn load_goal(bridge: &HostBridge, key: &str) -> Result<Option<GoalItem>, BridgeError> {
    Ok(bridge.get(key).await?.map(|stored| match decode_at::<crate::domain::goals::Goal>(key, &stored.value) {
        Ok(goal) => GoalItem::Ready { goal, revision: stored.revision },
        Err(error) => GoalItem::Broken { key: key.to_string(), error },
    }))
}

pub async fn load_goals(bridge: &HostBridge, relationship: &str) -> Result<Vec<GoalItem>, BridgeError> {
    let prefix = format!("{}/goals/", keys::relationship(relationship));
    let listed = bridge.list(&prefix).await?;
    let wanted: Vec<String> = listed.into_iter().filter(|l| matches!(keys::parse(&l.key), KeyKind::Goal { .. })).map(|l| l.key).collect();
    let fetched = join_all(wanted.iter().map(|key| bridge.get(key))).await;
    let mut items = Vec::new();
    for (key, result) in wanted.into_iter().zip(fetched) {
        match result {
            Ok(None) => {}
            Ok(Some(stored)) => match decode_at::<crate::domain::goals::Goal>(&key, &stored.value) {
                Ok(goal) => items.push(GoalItem::Ready { goal, revision: stored.revision }),
                Err(error) => items.push(GoalItem::Broken { key, error }),
            },
            Err(error) if error.is_misconfiguration() => return Err(error),
            Err(error) => items.push(GoalItem::Unreachable { key, error }),
        }
    }
    Ok(items)
}

/// The dates of a relationship's check-ins, for the home view's "next
/// check-in". Reads only each check-in's date; one that cannot be read is
/// left out here (its own page shows it).
pub async fn load_checkin_dates(bridge: &HostBridge, relationship: &str) -> Result<Vec<crate::domain::dates::Date>, BridgeError> {
    use crate::domain::checkins::record::CheckInDate;
    let prefix = format!("{}/checkins/", keys::relationship(relationship));
    let listed = bridge.list(&prefix).await?;
    let wanted: Vec<String> = listed.into_iter().filter(|l| matches!(keys::parse(&l.key), KeyKind::CheckIn { .. })).map(|l| l.key).collect();
    let fetched = join_all(wanted.iter().map(|key| bridge.get(key))).await;
    Ok(fetched
        .into_iter()
        .filter_map(|r| r.ok().flatten())
        .filter_map(|stored| decode::<CheckInDate>(&stored.value).ok())
        .filter_map(|c| crate::domain::dates::Date::parse(&c.date))
        .collect())
}

/// One check-in as listed: readable, or not (shown, never written).
#[allow(clippy::large_enum_variant)] // as ListItem: the large variant is the usual one
#[derive(Clone, Debug, PartialEq)]
pub enum CheckInItem {
    Ready { checkin: crate::domain::checkins::record::CheckIn, revision: String },
    Broken { key: String, error: DecodeError },
    Unreachable { key: String, error: BridgeError },
}

pub async fn load_checkins(bridge: &HostBridge, relationship: &str) -> Result<Vec<CheckInItem>, BridgeError> {
    use crate::domain::checkins::record::CheckIn;
    let prefix = format!("{}/checkins/", keys::relationship(relationship));
    let listed = bridge.list(&prefix).await?;
    let wanted: Vec<String> = listed.into_iter().filter(|l| matches!(keys::parse(&l.key), KeyKind::CheckIn { .. })).map(|l| l.key).collect();
    let fetched = join_all(wanted.iter().map(|key| bridge.get(key))).await;
    let mut items = Vec::new();
    for (key, result) in wanted.into_iter().zip(fetched) {
        match result {
            Ok(None) => {}
            Ok(Some(stored)) => match decode_at::<CheckIn>(&key, &stored.value) {
                Ok(checkin) => items.push(CheckInItem::Ready { checkin, revision: stored.revision }),
                Err(error) => items.push(CheckInItem::Broken { key, error }),
            },
            Err(error) if error.is_misconfiguration() => return Err(error),
            Err(error) => items.push(CheckInItem::Unreachable { key, error }),
        }
    }
    Ok(items)
}

/// My private note on a check-in, if I wrote one; one that cannot be read
/// comes back as its error, to be shown and never written over.
pub async fn load_private_note(
    bridge: &HostBridge,
    user: &str,
    relationship: &str,
    checkin: &str,
) -> Result<Option<Result<(crate::domain::checkins::record::PrivateNote, String), DecodeError>>, BridgeError> {
    let key = keys::private_note(user, relationship, checkin);
    Ok(bridge.get(&key).await?.map(|stored| decode_at(&key, &stored.value).map(|n| (n, stored.revision))))
}
