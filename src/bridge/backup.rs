//! Unsaved edits (the agreement, a check-in) kept in this tab's `sessionStorage`, so a reload
//! after a failed save (host offline, a crash) brings them back. They are
//! cleared as soon as the host has them. `sessionStorage` is per tab and
//! gone when the tab closes: nothing lingers on a shared machine.

use crate::domain::agreement::Content;
use crate::domain::checkins::record::CheckIn;
use crate::domain::envelope::{decode, encode};

fn storage() -> Option<web_sys::Storage> {
    // Some browsers throw on access in private modes: then there is simply no backup.
    web_sys::window()?.session_storage().ok().flatten()
}

/// The agreement's unsaved content, under `{user}:{relationship}`, with
/// the stored content it was typed on: after a reload the two are merged
/// three-way with what is stored then, so a partner's newer edits to other
/// fields are kept, not reverted to what this tab last saw.
pub fn save(user: &str, relationship: &str, base: &Content, local: &Content) -> bool {
    let mut kept = crate::domain::map::Map::new();
    kept.insert("base".to_string(), base.clone());
    kept.insert("local".to_string(), local.clone());
    keep_text(&format!("agreement:{user}:{relationship}"), &miniserde::json::to_string(&kept))
}

/// `(base, local)` kept by [`save`].
pub fn load(user: &str, relationship: &str) -> Option<(Content, Content)> {
    let mut kept: crate::domain::map::Map<Content> = miniserde::json::from_str(&kept_text(&format!("agreement:{user}:{relationship}"))?).ok()?;
    Some((kept.remove("base")?, kept.remove("local")?))
}

pub fn clear(user: &str, relationship: &str) {
    forget_text(&format!("agreement:{user}:{relationship}"));
}

/// A check-in's unsaved entries (`local`) with the stored version they were
/// typed on (`base`, `None` for a check-in never stored) and the version
/// whose progress is known to be in the goals (`fed`). After a reload the
/// entries are merged three-way with what is stored then, and progress
/// not yet in its goals is fed again.
#[derive(Clone, Debug, PartialEq)]
pub struct KeptCheckIn {
    pub base: Option<CheckIn>,
    pub local: CheckIn,
    pub fed: Option<CheckIn>,
}

pub fn keep_checkin(name: &str, kept: &KeptCheckIn) -> bool {
    let mut map = crate::domain::map::Map::new();
    map.insert("local".to_string(), encode(&kept.local));
    for (k, v) in [("base", &kept.base), ("fed", &kept.fed)] {
        if let Some(c) = v {
            map.insert(k.to_string(), encode(c));
        }
    }
    keep_text(name, &miniserde::json::to_string(&map))
}

pub fn kept_checkin(name: &str) -> Option<KeptCheckIn> {
    let text = kept_text(name)?;
    let Ok(mut map) = miniserde::json::from_str::<crate::domain::map::Map<String>>(&text) else {
        // A backup from before bases were kept: the entries alone.
        return decode::<CheckIn>(&text).ok().map(|local| KeptCheckIn { base: None, local, fed: None });
    };
    let mut take = |k: &str| map.remove(k).and_then(|t| decode::<CheckIn>(&t).ok());
    Some(KeptCheckIn { local: take("local")?, base: take("base"), fed: take("fed") })
}

/// Any unsaved text under its own `name` (a check-in's stored envelope,
/// decoded like anything else read back; the closing panel's fields).
/// False when this tab cannot keep it (storage full, blocked or missing):
/// the caller tells the person their unsaved work would not survive a reload.
pub fn keep_text(name: &str, text: &str) -> bool {
    storage().is_some_and(|s| s.set_item(&format!("mw-unsaved:v1:{name}"), text).is_ok())
}

pub fn kept_text(name: &str) -> Option<String> {
    storage()?.get_item(&format!("mw-unsaved:v1:{name}")).ok()?
}

pub fn forget_text(name: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&format!("mw-unsaved:v1:{name}"));
    }
}
