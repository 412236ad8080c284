//! The goal tracker (the Goals view, its own split chunk): the list of a
//! relationship's goals, each goal's editor with the SMART coach, milestones,
//! progress history and sign-off. Read-only once the relationship is closed.

pub mod goal_adder;
pub mod goal_board;
pub mod goal_card;
pub mod goal_editor;
pub mod goal_filters;
pub mod goal_list;
pub mod goal_milestones;
pub mod goal_sign_off;
pub mod goal_smart_fields;
pub mod goal_status;
pub mod goals_root;
pub mod progress_chart;
pub mod smart_coach;
