//! What happened to the relationship as a whole, stored in its document
//! (schema 3): pauses, the mid-point review, and the no-fault close with
//! goal outcomes, reflections and next steps. Every change goes through
//! [`lifecycle::apply`], so a closed relationship takes none.
//!
//! Each operation is a command applied to the relationship as read. When a
//! save crosses the partner's, the UI reads the fresh copy and applies the
//! same command again: the two people's changes touch different entries
//! (one reflection each, one outcome per goal), so nothing is lost.

use miniserde::{Deserialize, Serialize};

use super::lifecycle::{apply, is_read_only, CloseReason, Move, NotAllowed};
use super::{Relationship, Role, State};
use crate::domain::person::Person;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Life {
    pub events: Vec<LifeEvent>,
    pub closing: Option<Closing>,
}

/// The range of a reflection's effectiveness, as [`reflect`] takes it.
pub const EFFECTIVENESS: std::ops::RangeInclusive<u8> = 1..=5;

impl Life {
    /// What a stored life record must hold beyond its types (see
    /// [`crate::domain::envelope::Document::check`]).
    pub fn check(&self) -> Result<(), &'static str> {
        if self.closing.iter().flat_map(|c| &c.reflections).any(|r| !EFFECTIVENESS.contains(&r.effectiveness)) {
            return Err("a reflection's effectiveness is not 1-5");
        }
        Ok(())
    }
}

/// One step of the relationship's life, for the timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifeEvent {
    /// RFC 3339, UTC.
    pub at: String,
    pub by: String,
    pub what: Happened,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Happened {
    #[serde(rename = "paused")]
    Paused,
    #[serde(rename = "resumed")]
    Resumed,
    #[serde(rename = "review_started")]
    ReviewStarted,
    #[serde(rename = "review_continued")]
    ReviewContinued,
    #[serde(rename = "closing_started")]
    ClosingStarted,
    #[serde(rename = "closed")]
    Closed,
}

impl Happened {
    pub fn label_key(self) -> &'static str {
        match self {
            Happened::Paused => "life.paused",
            Happened::Resumed => "life.resumed",
            Happened::ReviewStarted => "life.review_started",
            Happened::ReviewContinued => "life.review_continued",
            Happened::ClosingStarted => "life.closing_started",
            Happened::Closed => "life.closed",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    #[serde(rename = "reached")]
    Reached,
    #[serde(rename = "partly")]
    Partly,
    #[serde(rename = "not_reached")]
    NotReached,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Reached, Outcome::Partly, Outcome::NotReached];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Reached => "reached",
            Outcome::Partly => "partly",
            Outcome::NotReached => "not_reached",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == s)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            Outcome::Reached => "close.outcome.reached",
            Outcome::Partly => "close.outcome.partly",
            Outcome::NotReached => "close.outcome.not_reached",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalOutcome {
    #[serde(rename = "goalId")]
    pub goal_id: String,
    /// The title when it was signed off, so the summary reads on its own.
    pub title: String,
    pub outcome: Outcome,
    pub by: String,
}

/// One person's look back. Each writes only their own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reflection {
    pub by: String,
    pub worked: String,
    pub change: String,
    /// How effective the relationship was for them, 1-5.
    pub effectiveness: u8,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closing {
    pub reason: String,
    #[serde(rename = "startedBy")]
    pub started_by: String,
    #[serde(rename = "startedAt")]
    pub started_at: String,
    pub outcomes: Vec<GoalOutcome>,
    pub reflections: Vec<Reflection>,
    /// The mentee's next steps.
    #[serde(rename = "nextSteps")]
    pub next_steps: String,
    /// The mentee asked the programme for a new mentor.
    pub rematch: bool,
    #[serde(rename = "closedAt")]
    pub closed_at: Option<String>,
}

impl Closing {
    pub fn reason(&self) -> CloseReason {
        CloseReason::parse(&self.reason).unwrap_or(CloseReason::Other)
    }

    pub fn reflection_of(&self, id: &str) -> Option<&Reflection> {
        self.reflections.iter().find(|r| r.by == id)
    }

    pub fn outcome_of(&self, goal: &str) -> Option<Outcome> {
        self.outcomes.iter().find(|o| o.goal_id == goal).map(|o| o.outcome)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LifeError {
    NotAllowed(NotAllowed),
    NotAParty,
    OnlyTheMentee,
    EffectivenessOutOfRange,
    /// Goals still without an outcome (their titles).
    OutcomesMissing(Vec<String>),
    ReflectionMissing,
}

impl LifeError {
    pub fn message_key(&self) -> &'static str {
        match self {
            LifeError::NotAllowed(n) => n.message_key(),
            LifeError::NotAParty => "error.not_a_party",
            LifeError::OnlyTheMentee => "close.error.only_mentee",
            LifeError::EffectivenessOutOfRange => "close.error.effectiveness",
            LifeError::OutcomesMissing(_) => "close.error.outcomes_missing",
            LifeError::ReflectionMissing => "close.error.reflection_missing",
        }
    }
}

fn role(rel: &Relationship, me: &Person) -> Result<Role, LifeError> {
    rel.role_of(me).ok_or(LifeError::NotAParty)
}

fn step(rel: &mut Relationship, me: &Person, m: Move, what: Happened, now: &str) -> Result<(), LifeError> {
    role(rel, me)?;
    rel.state = apply(rel.state, m).map_err(LifeError::NotAllowed)?;
    rel.life.events.push(LifeEvent { at: now.into(), by: me.id.clone(), what });
    Ok(())
}

/// Edits of the closing record: only while closing, only by a party.
fn closing_mut<'a>(rel: &'a mut Relationship, me: &Person) -> Result<&'a mut Closing, LifeError> {
    role(rel, me)?;
    let not_now = |from| LifeError::NotAllowed(NotAllowed { from, attempted: Move::Close });
    match (rel.state, rel.life.closing.as_mut()) {
        (State::Closing, Some(c)) => Ok(c),
        (from, _) => Err(not_now(from)),
    }
}

/// The steps of a relationship's life. Each checks that `me` is a party and
/// that the state allows it, then changes the document; the caller saves it.
impl Relationship {
    pub fn pause(&mut self, me: &Person, now: &str) -> Result<(), LifeError> {
        step(self, me, Move::Pause, Happened::Paused, now)
    }

    pub fn resume(&mut self, me: &Person, now: &str) -> Result<(), LifeError> {
        step(self, me, Move::Resume, Happened::Resumed, now)
    }

    pub fn start_review(&mut self, me: &Person, now: &str) -> Result<(), LifeError> {
        step(self, me, Move::StartMidpointReview, Happened::ReviewStarted, now)
    }

    /// The review decided to go on (as it was, or after amending the agreement).
    pub fn continue_after_review(&mut self, me: &Person, now: &str) -> Result<(), LifeError> {
        step(self, me, Move::ContinueAfterReview, Happened::ReviewContinued, now)
    }

    /// Either person starts moving on. Starting twice (both at once) keeps the
    /// first start: the second person simply joins the close.
    pub fn start_closing(&mut self, me: &Person, reason: CloseReason, now: &str) -> Result<(), LifeError> {
        if self.state == State::Closing && self.life.closing.is_some() {
            role(self, me)?;
            return Ok(());
        }
        step(self, me, Move::StartClosing, Happened::ClosingStarted, now)?;
        self.life.closing = Some(Closing {
            reason: reason.as_str().into(),
            started_by: me.id.clone(),
            started_at: now.into(),
            outcomes: Vec::new(),
            reflections: Vec::new(),
            next_steps: String::new(),
            rematch: false,
            closed_at: None,
        });
        Ok(())
    }

    pub fn set_outcome(&mut self, me: &Person, goal_id: &str, title: &str, outcome: Outcome) -> Result<(), LifeError> {
        let closing = closing_mut(self, me)?;
        let entry = GoalOutcome { goal_id: goal_id.into(), title: title.trim().into(), outcome, by: me.id.clone() };
        match closing.outcomes.iter_mut().find(|o| o.goal_id == goal_id) {
            Some(o) => *o = entry,
            None => closing.outcomes.push(entry),
        }
        Ok(())
    }

    /// My reflection; written again it replaces my earlier one.
    pub fn reflect(&mut self, me: &Person, worked: &str, change: &str, effectiveness: u8, now: &str) -> Result<(), LifeError> {
        if !EFFECTIVENESS.contains(&effectiveness) {
            return Err(LifeError::EffectivenessOutOfRange);
        }
        let closing = closing_mut(self, me)?;
        let entry = Reflection { by: me.id.clone(), worked: worked.trim().into(), change: change.trim().into(), effectiveness, at: now.into() };
        closing.reflections.retain(|r| r.by != me.id);
        closing.reflections.push(entry);
        Ok(())
    }

    /// The mentee's next steps and whether they would like a new mentor.
    /// Returns true when this asks for a rematch that was not asked before,
    /// so the host hears of it once.
    pub fn next_steps(&mut self, me: &Person, text: &str, rematch: bool) -> Result<bool, LifeError> {
        let mine = role(self, me)?;
        let closing = closing_mut(self, me)?;
        if mine != Role::Mentee {
            return Err(LifeError::OnlyTheMentee);
        }
        let newly = rematch && !closing.rematch;
        closing.next_steps = text.trim().into();
        closing.rematch = rematch;
        Ok(newly)
    }

    /// Closes for good. `open_goals` are the goals that need an outcome (the
    /// ones not dropped), as (id, title). The person closing must have written
    /// their reflection; the partner's is welcome but never a hostage: a partner
    /// who has left the company must not keep the record open forever.
    pub fn close(&mut self, me: &Person, open_goals: &[(String, String)], now: &str) -> Result<(), LifeError> {
        let closing = closing_mut(self, me)?;
        let missing: Vec<String> = open_goals.iter().filter(|(id, _)| closing.outcome_of(id).is_none()).map(|(_, t)| t.clone()).collect();
        if !missing.is_empty() {
            return Err(LifeError::OutcomesMissing(missing));
        }
        if closing.reflection_of(&me.id).is_none() {
            return Err(LifeError::ReflectionMissing);
        }
        closing.closed_at = Some(now.into());
        step(self, me, Move::Close, Happened::Closed, now)
    }
}

impl Relationship {
    /// Whether reflection `r` was written by one of the two parties (each
    /// writes only their own).
    pub fn reflection_is_genuine(&self, r: &Reflection) -> bool {
        self.role_of_id(&r.by).is_some()
    }

    /// The reflections to show: each party's first, in the order written;
    /// any by someone else, and any second one by the same person, left out.
    /// Whether this relationship still takes edits (its agreement, goals and
    /// check-ins included).
    pub fn is_open(&self) -> bool {
        !is_read_only(self.state)
    }

    pub fn reflections(&self) -> Vec<&Reflection> {
        let mut out: Vec<&Reflection> = Vec::new();
        for r in self.life.closing.iter().flat_map(|c| &c.reflections) {
            if self.reflection_is_genuine(r) && !out.iter().any(|o| o.by == r.by) {
                out.push(r);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{ana, ben, rel};

    fn active() -> Relationship {
        let mut r = rel();
        r.state = State::Active;
        r
    }
    const NOW: &str = "2027-03-01T10:00:00Z";

    fn goals() -> Vec<(String, String)> {
        vec![("g1".into(), "Give a conference talk".into())]
    }

    // Pins: pause, resume and the review move the state and leave a dated
    // trace for the timeline; a stranger can do none of it.
    #[test]
    fn pause_resume_review() {
        let mut r = active();
        r.pause(&ana(), NOW).unwrap();
        assert_eq!(r.state, State::Paused);
        assert_eq!(r.start_review(&ana(), NOW).unwrap_err().message_key(), "error.lifecycle_not_now");
        r.resume(&ben(), NOW).unwrap();
        r.start_review(&ben(), NOW).unwrap();
        r.continue_after_review(&ana(), NOW).unwrap();
        let what: Vec<Happened> = r.life.events.iter().map(|e| e.what).collect();
        assert_eq!(what, [Happened::Paused, Happened::Resumed, Happened::ReviewStarted, Happened::ReviewContinued]);
        let stranger = Person::from_host("u-eve", "Eve", None).unwrap();
        assert_eq!(r.pause(&stranger, NOW), Err(LifeError::NotAParty));
    }

    // Pins: the whole close: a reason, outcomes for every open goal, my
    // reflection, the mentee's next steps and rematch (reported once); after
    // that nothing moves and no part of the close can be edited.
    #[test]
    fn moving_on() {
        let mut r = active();
        r.start_closing(&ben(), CloseReason::CircumstancesChanged, NOW).unwrap();
        // Ana starting at the same moment joins the close instead of failing.
        r.start_closing(&ana(), CloseReason::Other, NOW).unwrap();
        assert_eq!(r.life.closing.as_ref().unwrap().reason(), CloseReason::CircumstancesChanged);

        assert_eq!(r.close(&ana(), &goals(), NOW), Err(LifeError::OutcomesMissing(vec!["Give a conference talk".into()])));
        r.set_outcome(&ana(), "g1", "Give a conference talk", Outcome::Partly).unwrap();
        assert_eq!(r.close(&ana(), &goals(), NOW), Err(LifeError::ReflectionMissing));
        assert_eq!(r.reflect(&ana(), "x", "y", 6, NOW), Err(LifeError::EffectivenessOutOfRange));
        r.reflect(&ana(), "Honest talks", "Meet more often", 4, NOW).unwrap();
        r.reflect(&ana(), "Honest talks", "Meet more often", 5, NOW).unwrap();
        assert_eq!(r.life.closing.as_ref().unwrap().reflections.len(), 1, "a second reflection replaces the first");

        // Ben is the mentor in the fixture: next steps are the mentee's (Ana's).
        assert_eq!(r.next_steps(&ben(), "x", true), Err(LifeError::OnlyTheMentee));
        assert_eq!(r.next_steps(&ana(), " Find a speaking coach ", true), Ok(true));
        assert_eq!(r.next_steps(&ana(), "Find a speaking coach", true), Ok(false), "asked once");

        r.close(&ana(), &goals(), NOW).unwrap();
        assert_eq!(r.state, State::Closed);
        assert!(!r.is_open());
        let c = r.life.closing.clone().unwrap();
        assert_eq!(c.closed_at.as_deref(), Some(NOW));
        assert_eq!(c.next_steps, "Find a speaking coach");
        for attempt in [
            r.reflect(&ben(), "a", "b", 3, NOW),
            r.set_outcome(&ben(), "g1", "t", Outcome::Reached),
            r.next_steps(&ben(), "", false).map(|_| ()),
            r.pause(&ben(), NOW),
            r.start_closing(&ben(), CloseReason::Other, NOW),
        ] {
            assert_eq!(attempt.unwrap_err().message_key(), "error.lifecycle_closed");
        }
        assert_eq!(r.life.closing, Some(c), "nothing changed after the close");
    }

    // Pins: a relationship with its whole life record round-trips through the
    // stored envelope, and no corruption of it makes the decoder panic.
    #[test]
    fn life_record_round_trips_and_survives_corruption() {
        use crate::domain::envelope::{decode, encode};
        let mut r = active();
        r.pause(&ana(), NOW).unwrap();
        r.resume(&ana(), NOW).unwrap();
        r.start_closing(&ben(), CloseReason::NotTheRightFit, NOW).unwrap();
        r.set_outcome(&ana(), "g1", "Give a \"talk\"", Outcome::NotReached).unwrap();
        r.reflect(&ben(), "Clear agenda", "Meet in person", 3, NOW).unwrap();
        r.next_steps(&ana(), "Try a peer group", true).unwrap();
        let text = encode(&r);
        assert_eq!(decode::<Relationship>(&text), Ok(r));
        let chars: Vec<char> = text.chars().collect();
        for at in (0..chars.len()).step_by(3) {
            for c in ['"', '{', '9', 'x', '\\'] {
                let mut broken = chars.clone();
                broken[at] = c;
                let broken: String = broken.into_iter().collect();
                if let Err(e) = decode::<Relationship>(&broken) {
                    assert!(!e.message_key().is_empty());
                }
            }
        }
    }

    // Pins: a stored reflection's effectiveness outside 1-5 reads as invalid
    // data; only the parties' own reflections are shown, each person's once.
    #[test]
    fn reflections_are_checked() {
        use crate::domain::envelope::{decode, encode, DecodeError};
        let mut r = active();
        r.start_closing(&ben(), CloseReason::Other, NOW).unwrap();
        r.reflect(&ana(), "Talks", "More", 4, NOW).unwrap();
        assert_eq!(decode::<Relationship>(&encode(&r)), Ok(r.clone()));
        for effectiveness in [0, 6, 255] {
            let mut bad = r.clone();
            bad.life.closing.as_mut().unwrap().reflections[0].effectiveness = effectiveness;
            assert_eq!(decode::<Relationship>(&encode(&bad)), Err(DecodeError::InvalidData), "{effectiveness}");
        }
        let forged = Reflection { by: "u-eve".into(), worked: "x".into(), change: "y".into(), effectiveness: 1, at: NOW.into() };
        let again = Reflection { by: "u-ana".into(), worked: "second".into(), ..forged.clone() };
        r.life.closing.as_mut().unwrap().reflections.extend([forged.clone(), again]);
        r.reflect(&ben(), "Pace", "Less", 5, NOW).unwrap();
        assert!(!r.reflection_is_genuine(&forged));
        let shown: Vec<(&str, &str)> = r.reflections().into_iter().map(|x| (x.by.as_str(), x.worked.as_str())).collect();
        assert_eq!(shown, [("u-ana", "Talks"), ("u-ben", "Pace")]);
    }

    // Pins: every reason has a label; none of them names a person.
    #[test]
    fn reasons_are_no_fault() {
        for reason in CloseReason::ALL {
            assert_eq!(CloseReason::parse(reason.as_str()), Some(reason));
            let text = crate::domain::messages::english(reason.label_key()).unwrap();
            for word in ["mentor", "mentee", "fault", "fail"] {
                assert!(!text.to_ascii_lowercase().contains(word), "{text}");
            }
        }
    }
}
