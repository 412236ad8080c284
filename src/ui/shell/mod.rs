//! The frame of the widget: who is signed in, set-up problems, the brand.

pub mod setup_error;
pub mod unsaved_notice;
pub mod widget_root;
