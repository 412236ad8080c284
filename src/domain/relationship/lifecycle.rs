//! The relationship's life: which moves are allowed from which state. A
//! closed relationship accepts nothing.

use super::State;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// Both signed the agreement (done by signing).
    Activate,
    StartMidpointReview,
    /// The review decided to go on (possibly after amending the agreement).
    ContinueAfterReview,
    Pause,
    Resume,
    /// Either person starts moving on, with a no-fault reason.
    StartClosing,
    /// Goals signed off, reflections written: the relationship is closed.
    Close,
}

/// Why they are moving on. None is a verdict on anyone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CloseReason {
    GoalsReached,
    TimeIsUp,
    NotTheRightFit,
    CircumstancesChanged,
    Other,
}

impl CloseReason {
    pub const ALL: [CloseReason; 5] =
        [CloseReason::GoalsReached, CloseReason::TimeIsUp, CloseReason::NotTheRightFit, CloseReason::CircumstancesChanged, CloseReason::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            CloseReason::GoalsReached => "goals_reached",
            CloseReason::TimeIsUp => "time_is_up",
            CloseReason::NotTheRightFit => "not_the_right_fit",
            CloseReason::CircumstancesChanged => "circumstances_changed",
            CloseReason::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<CloseReason> {
        CloseReason::ALL.into_iter().find(|r| r.as_str() == s)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            CloseReason::GoalsReached => "close.reason.goals_reached",
            CloseReason::TimeIsUp => "close.reason.time_is_up",
            CloseReason::NotTheRightFit => "close.reason.not_the_right_fit",
            CloseReason::CircumstancesChanged => "close.reason.circumstances_changed",
            CloseReason::Other => "close.reason.other",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotAllowed {
    pub from: State,
    pub attempted: Move,
}

impl NotAllowed {
    pub fn message_key(&self) -> &'static str {
        if self.from == State::Closed {
            "error.lifecycle_closed"
        } else {
            "error.lifecycle_not_now"
        }
    }
}

/// The state after `m`, if `m` is allowed from `from`.
pub fn apply(from: State, m: Move) -> Result<State, NotAllowed> {
    use Move::*;
    use State::*;
    let to = match (from, m) {
        (Proposed, Activate) => Active,
        (Active, StartMidpointReview) => MidpointReview,
        (MidpointReview, ContinueAfterReview) => Active,
        (Active | MidpointReview, Pause) => Paused,
        (Paused, Resume) => Active,
        // A no-fault early end is possible at any point before the end, even
        // before the agreement was signed.
        (Proposed | Active | MidpointReview | Paused, StartClosing) => Closing,
        (Closing, Close) => Closed,
        _ => return Err(NotAllowed { from, attempted: m }),
    };
    Ok(to)
}

/// Whether anything in the relationship may still change.
pub fn is_read_only(state: State) -> bool {
    state == State::Closed
}

#[cfg(test)]
mod tests {
    use super::*;
    use State::*;

    const STATES: [State; 6] = [Proposed, Active, MidpointReview, Paused, Closing, Closed];
    const MOVES: [Move; 7] = [Move::Activate, Move::StartMidpointReview, Move::ContinueAfterReview, Move::Pause, Move::Resume, Move::StartClosing, Move::Close];

    // Pins: the whole table of allowed moves, state by state.
    #[test]
    fn allowed_moves() {
        let allowed: Vec<(State, Move, State)> =
            STATES.iter().flat_map(|s| MOVES.iter().filter_map(move |m| apply(*s, *m).ok().map(|t| (*s, *m, t)))).collect();
        assert_eq!(
            allowed,
            [
                (Proposed, Move::Activate, Active),
                (Proposed, Move::StartClosing, Closing),
                (Active, Move::StartMidpointReview, MidpointReview),
                (Active, Move::Pause, Paused),
                (Active, Move::StartClosing, Closing),
                (MidpointReview, Move::ContinueAfterReview, Active),
                (MidpointReview, Move::Pause, Paused),
                (MidpointReview, Move::StartClosing, Closing),
                (Paused, Move::Resume, Active),
                (Paused, Move::StartClosing, Closing),
                (Closing, Move::Close, Closed),
            ]
        );
    }

    // Pins: a closed relationship accepts no move at all and is read-only.
    #[test]
    fn closed_is_final() {
        for m in MOVES {
            let err = apply(Closed, m).unwrap_err();
            assert_eq!(err.message_key(), "error.lifecycle_closed");
        }
        assert!(is_read_only(Closed));
        assert!(STATES.iter().filter(|s| is_read_only(**s)).count() == 1);
    }
}
