//! The parts every form is built from, so that each is built one way:
//! buttons (`button`), a field's errors tied to its control (`field_error`)
//! and the summary of what to mend above a form (`error_summary`). Forms use
//! these rather than assembling the same markup again.

pub mod button;
pub mod error_summary;
pub mod field_error;
