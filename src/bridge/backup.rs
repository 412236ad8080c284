//! Unsaved edits (the agreement, a check-in) kept in this tab's `sessionStorage`, so a reload
//! after a failed save (host offline, a crash) brings them back. They are
//! cleared as soon as the host has them. `sessionStorage` is per tab and
//! gone when the tab closes: nothing lingers on a shared machine.

use crate::domain::agreement::Content;

fn key(user: &str, relationship: &str) -> String {
    format!("mw-unsaved:v1:{user}:{relationship}")
}

fn storage() -> Option<web_sys::Storage> {
    // Some browsers throw on access in private modes: then there is simply no backup.
    web_sys::window()?.session_storage().ok().flatten()
}

pub fn save(user: &str, relationship: &str, content: &Content) {
    if let (Some(s), Some(text)) = (storage(), Some(miniserde::json::to_string(content))) {
        let _ = s.set_item(&key(user, relationship), &text);
    }
}

pub fn load(user: &str, relationship: &str) -> Option<Content> {
    let text = storage()?.get_item(&key(user, relationship)).ok()??;
    miniserde::json::from_str(&text).ok()
}

pub fn clear(user: &str, relationship: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&key(user, relationship));
    }
}

/// The same for any other unsaved document (a check-in being written),
/// under its own `name`; the text is the document's stored envelope and is
/// decoded like anything else read back.
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
