//! Check-ins and the relationship's lifecycle (issue 5): the meeting rhythm
//! and when the next check-in is due, action items carried forward, the
//! lifecycle's allowed moves and record, and calendar files. The screens are
//! the check-ins module (`src/ui/checkins`).

pub mod actions;
pub mod cadence;
pub mod ics;
pub mod life;
pub mod lifecycle;
pub mod merge;
pub mod pulse;
pub mod record;
pub mod schedule;
pub mod story;
