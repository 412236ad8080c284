//! The mentoring agreement: its fields (as one table), rules, templates,
//! signing and versions, differences and merges, and exports.

pub mod carry;
pub mod diff;
pub mod export;
pub mod fields;
pub mod record;
pub mod session;
pub mod template;
pub mod validate;

pub use fields::Content;
pub use record::{AgreementRecord, Signature, Status, Version};
