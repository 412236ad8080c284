//! The widget's components, one per file, grouped by feature. They display
//! state and dispatch commands; every rule they apply comes from `domain`,
//! and every read or write goes through `bridge`. Each component is a plain
//! function that builds its part of the page with `dom` (see there for why
//! not the `view!` macro) and returns it as an `AnyView`.

pub mod agreement;
pub mod checkins;
pub mod dom;
pub mod env;
pub mod goals;
pub mod kit;
pub mod platform;
pub mod relationships;
pub mod shell;
pub mod style;
pub mod texts;
pub mod workspace;

pub use env::{Env, HostEvent, I18n};
pub use shell::widget_root::widget_root;
