//! The one door to the host page (the README's "The host bridge (contract v1)").
//!
//! `error` (the contract's error codes and what we make of them) and `save`
//! (the one save path) and `writes` (each document's rule on it) are plain Rust, tested natively; `host` wraps the JS object the host passes
//! and `repo` reads our documents through it (every write goes through `save`).

pub mod error;
pub mod save;
pub mod writes;

#[cfg(target_arch = "wasm32")]
pub mod backup;
#[cfg(target_arch = "wasm32")]
pub mod host;
#[cfg(target_arch = "wasm32")]
pub mod repo;

pub use error::BridgeError;
#[cfg(target_arch = "wasm32")]
pub use host::{HostBridge, Listed, Stored, Subscription};
