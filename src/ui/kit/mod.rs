//! The parts every form is built from, so that each is built one way:
//! buttons (`button`), a field's errors tied to its control (`field_error`)
//! the summary of what to mend above a form (`error_summary`) and groups of
//! radio buttons (`radio_group`). Forms use
//! these rather than assembling the same markup again.

pub mod button;
pub mod error_summary;
pub mod field_error;
pub mod radio_group;
