//! The line under a form that says where its save stands: one element, one
//! set of states (the `data-state` a portal's tests and styles can read),
//! announced politely. Each form words its own outcomes (a clash names its
//! fields, a failure its reason) and says which state each one is.

use crate::ui::dom::{el, AnyView};

/// Where a save stands, as every form's status line shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing to say (yet, or any more).
    Idle,
    /// Edits not yet saved (the agreement saves them itself after a pause).
    Unsaved,
    Saving,
    Saved,
    /// Not saved: refused, invalid or not reached; the words say which.
    Failed,
    /// Not saved: both people changed the same part; the words name it.
    Clashed,
}

impl SaveState {
    /// The `data-state` attribute's value.
    pub fn as_str(self) -> &'static str {
        match self {
            SaveState::Idle => "idle",
            SaveState::Unsaved => "unsaved",
            SaveState::Saving => "saving",
            SaveState::Saved => "saved",
            SaveState::Failed => "failed",
            SaveState::Clashed => "clashed",
        }
    }
}

/// SaveStatus: `now` gives the state and its words; both follow the
/// signals it reads. `id` names the line for a control's `aria-describedby`.
pub fn save_status(id: Option<&'static str>, now: impl Fn() -> (SaveState, String) + Send + Sync + Clone + 'static) -> AnyView {
    // The state and its words are worked out twice per change (attribute,
    // text): two text lookups, cheaper than a Memo's compiled code (1.4 KiB
    // gzip over the views, measured).
    let words = now.clone();
    el("p")
        .attr_opt("id", id)
        .class("mw-save-status")
        .attr("role", "status")
        .attr("aria-live", "polite")
        .attr_dyn("data-state", move || Some(now().0.as_str().to_string()))
        .text_dyn(move || words().1)
        .into_view()
}
