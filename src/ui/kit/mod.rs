//! The parts every form is built from, so that each is built one way:
//! buttons (`button`); a labelled control with its hint and error (`field`);
//! a field's errors tied to its control where a form lays them out itself
//! (`field_error`); the summary of what to mend above a form
//! (`error_summary`); a label, or a checkbox with its label, where a form
//! lays out a row itself (`label`); groups of radio buttons (`radio_group`); and the line
//! that says where a save stands (`save_status`). Forms use these rather
//! than assembling the same markup again (`xtask/src/tidy.rs` holds them to it).

pub mod button;
pub mod error_summary;
pub mod field;
pub mod field_error;
pub mod label;
pub mod radio_group;
pub mod save_status;
