//! Unsaved edits (the agreement, a check-in) kept in this tab's `sessionStorage`, so a reload
//! after a failed save (host offline, a crash) brings them back. They are
//! cleared as soon as the host has them. `sessionStorage` is per tab and
//! gone when the tab closes: nothing lingers on a shared machine.

use crate::domain::agreement::Content;

fn storage() -> Option<web_sys::Storage> {
    // Some browsers throw on access in private modes: then there is simply no backup.
    web_sys::window()?.session_storage().ok().flatten()
}

/// The agreement's unsaved content, under `{user}:{relationship}`, with
/// the stored content it was typed on: after a reload the two are merged
/// three-way with what is stored then, so a partner's newer edits to other
/// fields are kept, not reverted to what this tab last saw.
pub fn save(user: &str, relationship: &str, base: &Content, local: &Content) -> bool {
    let mut kept = std::collections::BTreeMap::new();
    kept.insert("base".to_string(), base.clone());
    kept.insert("local".to_string(), local.clone());
    keep_text(&format!("agreement:{user}:{relationship}"), &miniserde::json::to_string(&kept))
}

/// `(base, local)` kept by [`save`].
pub fn load(user: &str, relationship: &str) -> Option<(Content, Content)> {
    let mut kept: std::collections::BTreeMap<String, Content> = miniserde::json::from_str(&kept_text(&format!("agreement:{user}:{relationship}"))?).ok()?;
    Some((kept.remove("base")?, kept.remove("local")?))
}

pub fn clear(user: &str, relationship: &str) {
    forget_text(&format!("agreement:{user}:{relationship}"));
}

/// Any unsaved text under its own `name` (a check-in's stored envelope,
/// decoded like anything else read back; the closing panel's fields).
/// False when this tab cannot keep it (storage full, blocked or missing):
/// the caller tells the person their unsaved work would not survive a reload.
pub fn keep_text(name: &str, text: &str) -> bool {
    let kept = storage().is_some_and(|s| s.set_item(&format!("mw-unsaved:v1:{name}"), text).is_ok());
    if !kept {
        UNAVAILABLE.with(|u| u.set(true));
    }
    kept
}

pub fn kept_text(name: &str) -> Option<String> {
    storage()?.get_item(&format!("mw-unsaved:v1:{name}")).ok()?
}

pub fn forget_text(name: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&format!("mw-unsaved:v1:{name}"));
    }
}

thread_local! {
    static UNAVAILABLE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a backup has failed in this tab: the widget then says once that
/// unsaved work cannot be kept here if the page reloads.
pub fn failed() -> bool {
    UNAVAILABLE.with(|u| u.get())
}
