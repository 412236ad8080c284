//! The product's rules as plain Rust: no leptos, no web-sys, no wasm-bindgen.
//!
//! Everything a person or a host can get wrong is decided here, once, and
//! tested with plain `cargo test`. The UI only displays what these functions
//! return and the bridge only moves the text they produce.

pub mod agreement;
pub mod carry;
pub mod checkins;
pub mod dates;
pub mod envelope;
#[cfg(test)]
pub mod fixtures;
pub mod goals;
pub mod ids;
pub mod keys;
pub mod map;
pub mod markdown;
pub mod messages;
pub mod order;
pub mod overview;
pub mod person;
pub mod reads;
pub mod relationship;
pub mod route;
pub mod theme;

/// A problem with one field of a form, as a message key the UI can show next
/// to that field and announce, with the values its text names ("{min}").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl FieldError {
    pub const fn new(field: &'static str, key: &'static str) -> Self {
        Self { field, key, args: Vec::new() }
    }

    pub fn with(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }
}
