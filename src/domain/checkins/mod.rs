//! Check-ins and the relationship's lifecycle (issue 5): the meeting rhythm
//! and when the next check-in is due, action items carried forward, the
//! lifecycle's allowed moves, and calendar files. The screens come later.

pub mod actions;
pub mod cadence;
pub mod ics;
pub mod lifecycle;
