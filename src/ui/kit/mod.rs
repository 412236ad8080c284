//! The parts every form is built from, so that each is built one way:
//! buttons (`button`), a field's errors tied to its control (`field_error`)
//! the summary of what to mend above a form (`error_summary`), groups of
//! radio buttons (`radio_group`) and the line that says where a save stands
//! (`save_status`). Forms use
//! these rather than assembling the same markup again.

pub mod button;
pub mod error_summary;
pub mod field_error;
pub mod radio_group;
pub mod save_status;
