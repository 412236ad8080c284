//! The goal board's list: the goals shown under the board's filters, each as a card, with the
//! items that could not be read; "Loading" and a failed load in its place. Keyboard focus on a
//! card's button survives the list being drawn again.

use leptos::prelude::*;

use crate::bridge::repo::GoalItem;
use crate::bridge::BridgeError;
use crate::domain::goals::Goal;
use crate::domain::relationship::Relationship;
use crate::ui::dom::{dyn_view, el, AnyView};
use crate::ui::env::Env;
use crate::ui::goals::goal_card::goal_card;
use crate::ui::goals::goal_filters::Filters;
use crate::ui::platform::today_in;
use crate::ui::relationships::broken_item_card::broken_item_card;

/// A relationship's goals as the board loaded them.
#[derive(Clone, Debug, PartialEq)]
pub enum Goals {
    Loading,
    Loaded(Vec<GoalItem>),
    Failed(BridgeError),
}

impl Goals {
    /// The goals that could be read, each with its revision.
    pub fn ready(&self) -> Vec<(Goal, String)> {
        match self {
            Goals::Loaded(items) => items
                .iter()
                .filter_map(|i| match i {
                    GoalItem::Ready { goal, revision } => Some((goal.clone(), revision.clone())),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// GoalList: see the module. `on_open` gets a goal's id; `on_move` a goal's
/// id and the places to move it by.
pub fn goal_list(
    env: &Env,
    me_id: String,
    rel: Relationship,
    goals: RwSignal<Goals>,
    filters: Filters,
    on_open: Callback<String>,
    on_move: Callback<(String, i32)>,
) -> AnyView {
    let i18n = env.i18n;
    let zone = env.time_zone;
    let list_of_goals = move || match goals.get() {
        Goals::Loading => el("p").class("mw-status").text_dyn(i18n.tr("shell.loading")).into_view(),
        Goals::Failed(e) => el("div").class("mw-panel mw-panel--error").attr("role", "alert").text(i18n.t(e.message_key())).into_view(),
        Goals::Loaded(items) => {
            let today = today_in(zone.get().as_deref());
            let all: Vec<Goal> = items.iter().filter_map(|i| if let GoalItem::Ready { goal, .. } = i { Some(goal.clone()) } else { None }).collect();
            let shown = filters.apply(&all, &me_id);
            let broken = items.iter().filter_map(|i| match i {
                GoalItem::Broken { key, error } => Some(el("li").child(broken_item_card(i18n, key, error.message_key())).into_view()),
                GoalItem::Unreachable { key, error } => Some(el("li").child(broken_item_card(i18n, key, error.message_key())).into_view()),
                GoalItem::Ready { .. } => None,
            });
            if shown.is_empty() && all.is_empty() {
                return el("p").class("mw-empty").text_dyn(i18n.tr("goal.none_yet")).into_view();
            }
            el("ul")
                .class("mw-list")
                .attr("role", "list")
                .children(shown.into_iter().map(|g| el("li").child(goal_card(i18n, g, &rel, today, on_open, on_move)).into_view()))
                .children(broken)
                .into_view()
        }
    };
    let host = env.host.clone();
    dyn_view(move || {
        // The list is drawn again whenever the goals change (a move, a
        // partner's save): focus on a card's button, which goes with the
        // old list, comes back to the same button (ids are by goal), so
        // a keyboard user moving a goal up twice presses the same key twice.
        let kept = host
            .shadow_root()
            .and_then(|r| r.active_element())
            .map(|e| e.id())
            .filter(|id| id.starts_with("mw-goal-") && (id.ends_with("-up") || id.ends_with("-down") || id.ends_with("-open")));
        let view = list_of_goals();
        if let Some(id) = kept {
            crate::ui::dom::focus_later(&host, id);
        }
        view
    })
}
