//! The goal tracker: the list of a relationship's goals, each goal's
//! editor with the SMART coach, milestones, progress history and sign-off.

pub mod goal_board;
pub mod goal_card;
pub mod goal_editor;
pub mod progress_chart;
pub mod smart_coach;
