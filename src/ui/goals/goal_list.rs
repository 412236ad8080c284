//! The goal board's list: the goals shown under the board's filters, each as a card, with the
//! items that could not be read; "Loading" and a failed load in its place. Keyboard focus on a
//! card's button survives the list being drawn again.

use std::sync::Arc;

use leptos::prelude::*;

use crate::bridge::repo::GoalItem;
use crate::bridge::BridgeError;
use crate::domain::dates::Date;
use crate::domain::goals::Goal;
use crate::domain::relationship::Relationship;
use crate::ui::dom::{dyn_view, el, empty, keyed_list, AnyView, Keyed};
use crate::ui::env::{Env, I18n};
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

    /// The goal `id` as the board last read it, with its revision.
    pub fn find(&self, id: &str) -> Option<(&Goal, &String)> {
        match self {
            Goals::Loaded(items) => items.iter().find_map(|i| match i {
                GoalItem::Ready { goal, revision } if goal.id == id => Some((goal, revision)),
                _ => None,
            }),
            _ => None,
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
    let rel = Arc::new(rel);
    // What the list area shows apart from which goals: it is drawn again
    // whole only when one of these changes (or the texts do). Three
    // yes-or-no memos rather than one of an enum of four: each type of
    // reactive value brings its own compiled code, and `Memo<bool>` is in
    // the wasm already (0.7 KiB gzip less over the views, `cargo xtask dist`).
    let loading = Memo::new(move |_| goals.with(|g| matches!(g, Goals::Loading)));
    let failed = Memo::new(move |_| goals.with(|g| matches!(g, Goals::Failed(_))));
    let listed = Memo::new(move |_| goals.with(|g| matches!(g, Goals::Loaded(items) if items.iter().any(|i| matches!(i, GoalItem::Ready { .. })))));
    let host = env.host.clone();
    dyn_view(move || {
        // A card's texts are drawn with the texts of their moment: new ones
        // draw every card again.
        i18n.0.track();
        match (loading.get(), failed.get(), listed.get()) {
            (true, _, _) => el("p").class("mw-status").text_dyn(i18n.tr("shell.loading")).into_view(),
            (_, true, _) => goals.with_untracked(|g| match g {
                // The text follows the failure: a second one may differ.
                Goals::Failed(_) => el("div")
                    .class("mw-panel mw-panel--error")
                    .attr("role", "alert")
                    .text_dyn(move || goals.with(|g| if let Goals::Failed(e) = g { i18n.t(e.message_key()) } else { String::new() }))
                    .into_view(),
                _ => empty(),
            }),
            (_, _, false) => el("p").class("mw-empty").text_dyn(i18n.tr("goal.none_yet")).into_view(),
            (_, _, true) => {
                let (rel, me_id, host) = (rel.clone(), me_id.clone(), host.clone());
                let cards = keyed_list(move || {
                    // A card drawn again (a moved goal has a new revision)
                    // takes focus on its button with it: it comes back to
                    // the same button (ids are by goal), so a keyboard user
                    // moving a goal up twice presses the same key twice.
                    let kept = host
                        .shadow_root()
                        .and_then(|r| r.active_element())
                        .map(|e| e.id())
                        .filter(|id| id.starts_with("mw-goal-") && (id.ends_with("-up") || id.ends_with("-down") || id.ends_with("-open")));
                    // "Overdue" is as of today, in the person's zone: a new
                    // day is in every card's key, so the first change after
                    // midnight draws them all again.
                    let today = today_in(zone.get().as_deref());
                    let cards = goals.with(|g| cards(g, &filters, &me_id, &rel, (i18n, today), (on_open, on_move)));
                    if let Some(id) = kept {
                        crate::ui::dom::focus_later(&host, id);
                    }
                    cards
                });
                el("ul").class("mw-list").attr("role", "list").child(cards).into_view()
            }
        }
    })
}

/// The cards under the filters, then the items that could not be read, each
/// keyed by what it shows: a goal by its id, its revision and the day, a
/// broken item by its key and error.
fn cards(
    goals: &Goals,
    filters: &Filters,
    me_id: &str,
    rel: &Arc<Relationship>,
    (i18n, today): (I18n, Date),
    on: (Callback<String>, Callback<(String, i32)>),
) -> Vec<Keyed> {
    let Goals::Loaded(items) = goals else { return Vec::new() };
    let ready: Vec<(&Goal, &str)> =
        items.iter().filter_map(|i| if let GoalItem::Ready { goal, revision } = i { Some((goal, revision.as_str())) } else { None }).collect();
    let all: Vec<Goal> = ready.iter().map(|(g, _)| (*g).clone()).collect();
    let mut out: Vec<Keyed> = Vec::new();
    for goal in filters.apply(&all, me_id) {
        let revision = ready.iter().find(|(g, _)| g.id == goal.id).map_or("", |(_, r)| r);
        let (goal, rel) = (goal.clone(), rel.clone());
        out.push((
            format!("goal {} {revision} {today}", goal.id),
            Box::new(move || el("li").child(goal_card(i18n, &goal, &rel, today, on.0, on.1)).into_view()),
        ));
    }
    for item in items {
        let (key, message) = match item {
            GoalItem::Broken { key, error } => (key, error.message_key()),
            GoalItem::Unreachable { key, error } => (key, error.message_key()),
            GoalItem::Ready { .. } => continue,
        };
        let key = key.clone();
        out.push((format!("broken {key} {message}"), Box::new(move || el("li").child(broken_item_card(i18n, &key, message)).into_view())));
    }
    out
}
