//! Leptos components, one per file, grouped by feature. They display state
//! and dispatch commands; every rule they apply comes from `domain`, and
//! every read or write goes through `bridge`.

pub mod agreement;
pub mod env;
pub mod platform;
pub mod relationships;
pub mod shell;

pub use env::{Env, HostEvent, I18n};
pub use shell::widget_root::WidgetRoot;
