//! The goal tracker: the list of a relationship's goals, each goal's
//! editor with the SMART coach, milestones, progress history and sign-off.
//!
//! Not mounted yet: with `goal_board` on the relationship page the first
//! load measured 268 KiB gzip, over the dist build's 250 KiB budget. It is
//! compiled (so it keeps up with the code around it) but not reachable, so
//! none of it is in the wasm. Mounting it waits for the bundle to make room
//! (see the README, "Sizes").

pub mod goal_board;
pub mod goal_card;
pub mod goal_editor;
pub mod goals_root;
pub mod progress_chart;
pub mod smart_coach;
