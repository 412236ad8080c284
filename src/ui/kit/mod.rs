//! The parts every form is built from, so that each is built one way: a
//! field's errors tied to its control (`field_error`). Forms use these
//! rather than assembling the same markup again.

pub mod button;
pub mod field_error;
