//! The entry of the Timeline view: the pulse chart above the relationship's story, both read
//! from the workspace's shared state.

use crate::ui::checkins::pulse_chart::pulse_chart;
use crate::ui::checkins::timeline_view::timeline_view;
use crate::ui::dom::{el, AnyView};
use crate::ui::env::Env;
use crate::ui::workspace::state::Workspace;

/// TimelineRoot: the Timeline view: how the meetings felt over time (the
/// pulse) and the relationship's story, from the shared state.
pub fn timeline_root(env: &Env, ws: &Workspace) -> AnyView {
    el("div").class("mw-timeline-view").child(pulse_chart(env, ws.book)).child(timeline_view(env, ws.book)).into_view()
}
