//! A relationship as a workspace: the shared state its views read
//! (`state.rs`), the tab list (`workspace_tabs.rs`), the overview, and the
//! one place where each view's code is fetched on first use (`views.rs`).

pub mod overview_view;
pub mod relationship_workspace;
pub mod state;
pub mod views;
pub mod workspace_tabs;
