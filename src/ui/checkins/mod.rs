//! The Check-ins view (meetings with their agenda, notes, progress, action
//! items and pulse; private notes; the next check-in with calendar files;
//! the relationship's lifecycle: pause, the mid-point review, moving on, the
//! closed summary) and the Timeline view (the pulse over time and the
//! relationship's story). Each view is its own split chunk.

pub mod action_items;
pub mod action_row;
pub mod agenda_editor;
pub mod book;
pub mod checkin_draft;
pub mod checkin_fields;
pub mod checkin_form;
pub mod checkin_list;
pub mod checkins_root;
pub mod closed_summary;
pub mod closing_next_steps;
pub mod closing_outcomes;
pub mod closing_panel;
pub mod closing_reflection;
pub mod goal_progress;
pub mod life_command;
pub mod lifecycle_panel;
pub mod next_checkin_card;
pub mod private_note;
pub mod pulse_chart;
pub mod pulse_input;
pub mod review_questions;
pub mod timeline_root;
pub mod timeline_view;
