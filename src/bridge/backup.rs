//! Unsaved edits (the agreement, a check-in) kept in this tab's `sessionStorage`, so a reload
//! after a failed save (host offline, a crash) brings them back. They are
//! cleared as soon as the host has them. `sessionStorage` is per tab and
//! gone when the tab closes: nothing lingers on a shared machine.

use crate::domain::agreement::Content;

fn storage() -> Option<web_sys::Storage> {
    // Some browsers throw on access in private modes: then there is simply no backup.
    web_sys::window()?.session_storage().ok().flatten()
}

/// The agreement's unsaved content, under `{user}:{relationship}`.
pub fn save(user: &str, relationship: &str, content: &Content) {
    keep_text(&format!("{user}:{relationship}"), &miniserde::json::to_string(content));
}

pub fn load(user: &str, relationship: &str) -> Option<Content> {
    miniserde::json::from_str(&kept_text(&format!("{user}:{relationship}"))?).ok()
}

pub fn clear(user: &str, relationship: &str) {
    forget_text(&format!("{user}:{relationship}"));
}

/// Any unsaved text under its own `name` (a check-in's stored envelope,
/// decoded like anything else read back; the closing panel's fields).
pub fn keep_text(name: &str, text: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(&format!("mw-unsaved:v1:{name}"), text);
    }
}

pub fn kept_text(name: &str) -> Option<String> {
    storage()?.get_item(&format!("mw-unsaved:v1:{name}")).ok()?
}

pub fn forget_text(name: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&format!("mw-unsaved:v1:{name}"));
    }
}
