//! Check-ins: the meeting rhythm and when the next check-in is due, action
//! items carried forward, the pulse, the timeline and calendar files. The
//! relationship's life and lifecycle are the relationship's own
//! (`domain::relationship`). The screens are `src/ui/checkins`.

pub mod actions;
pub mod cadence;
pub mod ics;
pub mod merge;
pub mod pulse;
pub mod record;
pub mod schedule;
pub mod story;
