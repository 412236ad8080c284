//! The mentoring widget: domain rules, the host bridge, the Leptos UI and the
//! embedding glue. Only `domain` and the browser-free part of `bridge` (its
//! errors and the save path) are built for native targets; the rest needs a
//! browser and is compiled for wasm32 alone.

/// The product's version (the workspace's one version source).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub mod domain;

pub mod bridge;
#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod ui;
