//! The goal tracker's rules: the goal document, the SMART coach, progress
//! from milestones, status and overdue, history, sign-off, list order and
//! the CSV export, and the merge of concurrent edits.

pub mod coach;
pub mod csv;
pub mod merge;
pub mod model;

pub use model::{Goal, GoalError, GoalStatus, Milestone, ProgressEntry};
