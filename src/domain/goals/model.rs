//! A goal, stored one document per goal at `mw/v1/rel/{id}/goals/{goalId}`.

use miniserde::{Deserialize, Serialize};

use crate::domain::dates::Date;
use crate::domain::envelope::Document;
use crate::domain::order::sort_by;
use crate::domain::person::Person;
use crate::domain::relationship::{Relationship, Role};
use crate::domain::FieldError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GoalStatus {
    #[serde(rename = "not_started")]
    NotStarted,
    #[serde(rename = "on_track")]
    OnTrack,
    #[serde(rename = "at_risk")]
    AtRisk,
    #[serde(rename = "off_track")]
    OffTrack,
    #[serde(rename = "achieved")]
    Achieved,
    #[serde(rename = "dropped")]
    Dropped,
}

impl GoalStatus {
    pub const ALL: [GoalStatus; 6] =
        [GoalStatus::NotStarted, GoalStatus::OnTrack, GoalStatus::AtRisk, GoalStatus::OffTrack, GoalStatus::Achieved, GoalStatus::Dropped];

    pub fn label_key(self) -> &'static str {
        match self {
            GoalStatus::NotStarted => "goal.status.not_started",
            GoalStatus::OnTrack => "goal.status.on_track",
            GoalStatus::AtRisk => "goal.status.at_risk",
            GoalStatus::OffTrack => "goal.status.off_track",
            GoalStatus::Achieved => "goal.status.achieved",
            GoalStatus::Dropped => "goal.status.dropped",
        }
    }

    /// Finished goals are never overdue and take no more progress.
    pub fn is_closed(self) -> bool {
        matches!(self, GoalStatus::Achieved | GoalStatus::Dropped)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub id: String,
    pub text: String,
    pub due: Option<String>,
    pub done: bool,
}

/// One change of progress: who, when, to what, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressEntry {
    pub at: String,
    pub by: String,
    pub value: u8,
    pub note: String,
    /// The check-in that gave this entry, if one did: how feeding a
    /// check-in's progress into its goal stays idempotent (a save whose
    /// answer was lost, retried, must not record the update twice).
    /// Absent in entries written before it existed; read as `None`.
    #[serde(rename = "checkIn")]
    pub check_in: Option<FromCheckIn>,
}

/// What a check-in gave: its id, and the value and note as typed there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FromCheckIn {
    pub id: String,
    pub value: u8,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub id: String,
    #[serde(rename = "relationshipId")]
    pub relationship_id: String,
    /// Whose goal it is (either party: reverse and peer mentoring need both).
    pub owner: String,
    pub title: String,
    pub description: String,
    /// S: what exactly.
    pub specific: String,
    /// M: how it will be measured.
    pub measure: String,
    /// A: what makes it achievable.
    pub achievable: String,
    /// R: why it matters.
    pub relevant: String,
    /// T: by when (`YYYY-MM-DD`).
    pub due: Option<String>,
    pub milestones: Vec<Milestone>,
    /// Progress set by hand, used when there are no milestones.
    #[serde(rename = "manualProgress")]
    pub manual_progress: u8,
    pub status: GoalStatus,
    #[serde(rename = "dropReason")]
    pub drop_reason: Option<String>,
    /// Lower comes first.
    pub priority: u32,
    pub history: Vec<ProgressEntry>,
    /// Who marked it achieved, waiting for the other party to confirm.
    #[serde(rename = "achievedBy")]
    pub achieved_by: Option<String>,
    #[serde(rename = "confirmedBy")]
    pub confirmed_by: Option<String>,
    #[serde(rename = "confirmedAt")]
    pub confirmed_at: Option<String>,
    #[serde(rename = "updatedAt")]
    pub updated_at: String,
}

/// The highest priority a stored goal may have. Priorities are ranks (0, 1,
/// 2, … renumbered on every move); this is far above any list and far below
/// `u32::MAX`, so "one after the last" can never overflow.
pub const MAX_PRIORITY: u32 = 1_000_000;

impl Document for Goal {
    const KIND: &'static str = "goal";
    const SCHEMA: u32 = 1;

    fn check(&self) -> Result<(), &'static str> {
        if self.manual_progress > 100 || self.history.iter().any(|h| h.value > 100) {
            return Err("progress is not 0-100 %");
        }
        if self.priority > MAX_PRIORITY {
            return Err("priority is out of range");
        }
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GoalError {
    NotAParty,
    TitleRequired,
    ProgressOutOfRange,
    DropNeedsReason,
    Closed,
    NotAchieved,
    /// The person who marked it achieved cannot also confirm it.
    OwnConfirmation,
}

impl GoalError {
    pub fn message_key(&self) -> &'static str {
        match self {
            GoalError::NotAParty => "error.goal_not_party",
            GoalError::TitleRequired => "error.goal_title_required",
            GoalError::ProgressOutOfRange => "error.goal_progress_range",
            GoalError::DropNeedsReason => "error.goal_drop_reason",
            GoalError::Closed => "error.goal_closed",
            GoalError::NotAchieved => "error.goal_not_achieved",
            GoalError::OwnConfirmation => "error.goal_own_confirmation",
        }
    }
}

impl Goal {
    /// A new goal for `owner` (who must be a party), not started.
    pub fn new(rel: &Relationship, owner: &Person, id: String, title: &str, now: &str) -> Result<Goal, GoalError> {
        rel.role_of(owner).ok_or(GoalError::NotAParty)?;
        let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
        if title.is_empty() {
            return Err(GoalError::TitleRequired);
        }
        Ok(Goal {
            id,
            relationship_id: rel.id.clone(),
            owner: owner.id.clone(),
            title,
            description: String::new(),
            specific: String::new(),
            measure: String::new(),
            achievable: String::new(),
            relevant: String::new(),
            due: None,
            milestones: Vec::new(),
            manual_progress: 0,
            status: GoalStatus::NotStarted,
            drop_reason: None,
            priority: 0,
            history: Vec::new(),
            achieved_by: None,
            confirmed_by: None,
            confirmed_at: None,
            updated_at: now.into(),
        })
    }

    /// What must hold before this goal is saved, each broken rule tied to its
    /// field (`title`, `drop_reason`) for the editor to show beside it: a
    /// title that is more than spaces, and a reason when the goal is dropped.
    /// Empty when the goal may be saved.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.title.trim().is_empty() {
            errors.push(FieldError::new("title", GoalError::TitleRequired.message_key()));
        }
        if self.status == GoalStatus::Dropped && self.drop_reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            errors.push(FieldError::new("drop_reason", GoalError::DropNeedsReason.message_key()));
        }
        errors
    }

    /// Per cent done: from the milestones when there are any, else as set by hand.
    pub fn progress(&self) -> u8 {
        if self.milestones.is_empty() {
            return self.manual_progress.min(100);
        }
        let done = self.milestones.iter().filter(|m| m.done).count();
        ((done * 100) / self.milestones.len()) as u8
    }

    /// Past its due date and not finished, on `today` in the person's zone.
    pub fn is_overdue(&self, today: Date) -> bool {
        !self.status.is_closed() && self.due.as_deref().and_then(Date::parse).is_some_and(|due| due < today)
    }

    fn record(&mut self, before: u8, by: &str, at: &str, note: &str) {
        let after = self.progress();
        if after != before {
            self.history.push(ProgressEntry { at: at.into(), by: by.into(), value: after, note: note.trim().into(), check_in: None });
        }
        self.updated_at = at.into();
        if self.status == GoalStatus::NotStarted && after > 0 {
            self.status = GoalStatus::OnTrack;
        }
    }

    /// Sets progress by hand (goals without milestones); every change is
    /// kept in the history with who, when and an optional note.
    pub fn set_progress(&mut self, value: u8, by: &Person, at: &str, note: &str) -> Result<(), GoalError> {
        if self.status.is_closed() {
            return Err(GoalError::Closed);
        }
        if value > 100 {
            return Err(GoalError::ProgressOutOfRange);
        }
        let before = self.progress();
        self.manual_progress = value;
        self.record(before, &by.id, at, note);
        Ok(())
    }

    /// A progress update given in check-in `checkin`, always kept in the
    /// history with the meeting named in `meeting`: a goal with steps keeps
    /// the progress its steps give and records the note; one without takes
    /// `value`.
    ///
    /// Idempotent: `Ok(false)` when the newest entry this person took from
    /// that check-in already holds this value and note (a retry after a lost
    /// answer, or a second tab feeding the same save), so an update reaches
    /// its goal exactly once however often it is fed.
    pub fn check_in_update(&mut self, checkin: &str, value: u8, by: &Person, at: &str, meeting: &str, note: &str) -> Result<bool, GoalError> {
        if value > 100 {
            return Err(GoalError::ProgressOutOfRange);
        }
        let given = FromCheckIn { id: checkin.to_string(), value, note: note.trim().to_string() };
        let newest = self.history.iter().rev().find(|h| h.by == by.id && h.check_in.as_ref().is_some_and(|c| c.id == checkin));
        if newest.is_some_and(|h| h.check_in.as_ref() == Some(&given)) {
            return Ok(false);
        }
        if self.status.is_closed() {
            return Err(GoalError::Closed);
        }
        if self.milestones.is_empty() {
            self.manual_progress = value;
        }
        let note = if given.note.is_empty() { meeting.to_string() } else { format!("{meeting}: {}", given.note) };
        self.history.push(ProgressEntry { at: at.into(), by: by.id.clone(), value: self.progress(), note, check_in: Some(given) });
        self.updated_at = at.into();
        if self.status == GoalStatus::NotStarted && self.progress() > 0 {
            self.status = GoalStatus::OnTrack;
        }
        Ok(true)
    }

    /// Ticks a milestone on or off; progress follows and is recorded.
    pub fn set_milestone_done(&mut self, milestone: &str, done: bool, by: &Person, at: &str) -> Result<(), GoalError> {
        if self.status.is_closed() {
            return Err(GoalError::Closed);
        }
        let before = self.progress();
        if let Some(m) = self.milestones.iter_mut().find(|m| m.id == milestone) {
            m.done = done;
        }
        self.record(before, &by.id, at, "");
        Ok(())
    }

    pub fn drop_goal(&mut self, reason: &str, at: &str) -> Result<(), GoalError> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(GoalError::DropNeedsReason);
        }
        self.status = GoalStatus::Dropped;
        self.drop_reason = Some(reason.into());
        self.updated_at = at.into();
        Ok(())
    }

    /// One party says the goal is reached; it counts once the other confirms.
    pub fn mark_achieved(&mut self, rel: &Relationship, by: &Person, at: &str) -> Result<(), GoalError> {
        rel.role_of(by).ok_or(GoalError::NotAParty)?;
        if self.status == GoalStatus::Dropped {
            return Err(GoalError::Closed);
        }
        self.achieved_by = Some(by.id.clone());
        self.status = GoalStatus::Achieved;
        self.updated_at = at.into();
        Ok(())
    }

    /// The other party confirms the goal is reached (the sign-off).
    pub fn confirm_achieved(&mut self, rel: &Relationship, by: &Person, at: &str) -> Result<(), GoalError> {
        rel.role_of(by).ok_or(GoalError::NotAParty)?;
        match &self.achieved_by {
            None => Err(GoalError::NotAchieved),
            Some(marker) if *marker == by.id => Err(GoalError::OwnConfirmation),
            Some(_) => {
                self.confirmed_by = Some(by.id.clone());
                self.confirmed_at = Some(at.into());
                self.updated_at = at.into();
                Ok(())
            }
        }
    }

    /// Signed off as far as the goal alone can tell: marked and confirmed by
    /// two different people. Whether they are the two parties takes the
    /// relationship: see [`Goal::is_signed_off_in`].
    #[deprecated(note = "cannot tell whether the two are the parties: use is_signed_off_in(&rel)")]
    pub fn is_signed_off(&self) -> bool {
        self.status == GoalStatus::Achieved && self.confirmed_by.is_some() && self.confirmed_by != self.achieved_by
    }

    /// Whether the sign-off stored on this goal is genuine: it was marked
    /// achieved by one party and confirmed by the other (not by the same
    /// person twice, not by someone outside the relationship).
    pub fn confirmation_is_genuine(&self, rel: &Relationship) -> bool {
        let (Some(marker), Some(confirmer)) = (self.achieved_by.as_deref(), self.confirmed_by.as_deref()) else { return false };
        match (rel.role_of_id(marker), rel.role_of_id(confirmer)) {
            (Some(a), Some(b)) => a != b && marker != confirmer,
            _ => false,
        }
    }

    /// Achieved and genuinely confirmed (see [`Goal::confirmation_is_genuine`]).
    pub fn is_signed_off_in(&self, rel: &Relationship) -> bool {
        self.status == GoalStatus::Achieved && self.confirmation_is_genuine(rel)
    }

    /// The role of the goal's owner in `rel`, for filtering "mine / theirs".
    pub fn owner_role(&self, rel: &Relationship) -> Option<Role> {
        if rel.mentor.id.as_deref() == Some(self.owner.as_str()) {
            Some(Role::Mentor)
        } else if rel.mentee.id.as_deref() == Some(self.owner.as_str()) {
            Some(Role::Mentee)
        } else {
            None
        }
    }
}

/// How the list is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    Priority,
    /// Soonest first; goals without a due date last.
    Due,
}

/// The goals to show: optionally only one owner's and one status, in order.
pub fn list<'a>(goals: &'a [Goal], owner: Option<&str>, status: Option<GoalStatus>, sort: SortBy) -> Vec<&'a Goal> {
    let mut out: Vec<&Goal> = goals.iter().filter(|g| owner.is_none_or(|o| g.owner == o)).filter(|g| status.is_none_or(|s| g.status == s)).collect();
    match sort {
        SortBy::Priority => sort_by(&mut out, |a, b| a.priority.cmp(&b.priority).then_with(|| a.id.cmp(&b.id))),
        SortBy::Due => sort_by(&mut out, |a, b| {
            let key = |g: &Goal| g.due.as_deref().and_then(Date::parse);
            match (key(a), key(b)) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
            .then_with(|| a.priority.cmp(&b.priority))
            .then_with(|| a.id.cmp(&b.id))
        }),
    }
    out
}

/// Moves the goal `id` one place up (-1) or down (+1) in priority order and
/// renumbers all priorities 0, 1, 2, … Returns the goals whose priority changed
/// (each is its own document, so only those are written).
pub fn move_goal(goals: &mut [Goal], id: &str, delta: i32) -> Vec<String> {
    let mut order: Vec<usize> = (0..goals.len()).collect();
    sort_by(&mut order, |&a, &b| goals[a].priority.cmp(&goals[b].priority).then_with(|| goals[a].id.cmp(&goals[b].id)));
    let Some(pos) = order.iter().position(|&i| goals[i].id == id) else { return Vec::new() };
    let target = pos as i64 + i64::from(delta);
    if target < 0 || target >= order.len() as i64 {
        return Vec::new();
    }
    order.swap(pos, target as usize);
    let mut changed = Vec::new();
    for (rank, &i) in order.iter().enumerate() {
        if goals[i].priority != rank as u32 {
            goals[i].priority = rank as u32;
            changed.push(goals[i].id.clone());
        }
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::envelope::{decode, encode};
    use crate::domain::fixtures::*;
    use proptest::prelude::*;

    fn ms(done: &[bool]) -> Vec<Milestone> {
        done.iter().enumerate().map(|(i, d)| Milestone { id: format!("m{i}"), text: format!("step {i}"), due: None, done: *d }).collect()
    }

    // Pins: a goal is saved with a title of more than spaces, and dropped
    // only with a reason; each broken rule names its field.
    #[test]
    fn validate_ties_each_rule_to_its_field() {
        let mut g = goal("g1");
        assert!(g.validate().is_empty());
        g.title = "   ".into();
        let fields: Vec<&str> = g.validate().iter().map(|e| e.field).collect();
        assert_eq!(fields, ["title"]);
        g.title = "Give a talk".into();
        g.status = GoalStatus::Dropped;
        g.drop_reason = Some(" ".into());
        let errors = g.validate();
        assert_eq!(errors.iter().map(|e| (e.field, e.key)).collect::<Vec<_>>(), [("drop_reason", "error.goal_drop_reason")]);
        g.drop_reason = Some("Changed teams".into());
        assert!(g.validate().is_empty());
        g.title.clear();
        g.drop_reason = None;
        assert_eq!(g.validate().len(), 2, "both at once, in form order");
    }

    // Pins: only a party can own a goal, and a goal needs a title.
    #[test]
    fn creation_rules() {
        let eve = Person::from_host("u-eve", "Eve", None).unwrap();
        assert_eq!(Goal::new(&rel(), &eve, "g".into(), "x", "t").unwrap_err(), GoalError::NotAParty);
        assert_eq!(Goal::new(&rel(), &ana(), "g".into(), "  ", "t").unwrap_err(), GoalError::TitleRequired);
        let g = Goal::new(&rel(), &ben(), "g".into(), " Learn  Rust ", "t").unwrap();
        assert_eq!((g.title.as_str(), g.owner_role(&rel())), ("Learn Rust", Some(Role::Mentor)));
    }

    // Pins: progress comes from milestones when there are any, else from the hand-set value.
    #[test]
    fn progress_from_milestones_or_hand() {
        let mut g = goal("g1");
        g.manual_progress = 40;
        assert_eq!(g.progress(), 40);
        g.milestones = ms(&[true, false, false]);
        assert_eq!(g.progress(), 33);
        g.milestones = ms(&[true, true, true]);
        assert_eq!(g.progress(), 100);
    }

    // Pins: every progress change is recorded with who, when, value and note;
    // unchanged progress adds nothing; the status leaves "not started".
    #[test]
    fn history_records_changes() {
        let mut g = goal("g1");
        g.set_progress(25, &ana(), "t1", " first draft ").unwrap();
        g.set_progress(25, &ana(), "t2", "").unwrap();
        g.milestones = ms(&[false, false]);
        g.set_milestone_done("m0", true, &ben(), "t3").unwrap();
        assert_eq!(g.history.len(), 2);
        assert_eq!(g.history[0], ProgressEntry { at: "t1".into(), by: "u-ana".into(), value: 25, note: "first draft".into(), check_in: None });
        assert_eq!((g.history[1].value, g.history[1].by.as_str()), (50, "u-ben"));
        assert_eq!(g.status, GoalStatus::OnTrack);
        assert_eq!(g.set_progress(101, &ana(), "t", ""), Err(GoalError::ProgressOutOfRange));
    }

    // Pins: overdue compares the due date with the person's today; finished goals never are.
    #[test]
    fn overdue() {
        let mut g = goal("g1");
        let day = |s| Date::parse(s).unwrap();
        assert!(!g.is_overdue(day("2030-01-01")), "no due date, never overdue");
        g.due = Some("2026-03-01".into());
        assert!(!g.is_overdue(day("2026-03-01")), "due today is not overdue");
        assert!(g.is_overdue(day("2026-03-02")));
        g.status = GoalStatus::Achieved;
        assert!(!g.is_overdue(day("2026-03-02")));
    }

    // Pins: sign-off needs the *other* party to confirm; dropping needs a reason.
    #[test]
    fn sign_off_and_drop() {
        let mut g = goal("g1");
        assert_eq!(g.confirm_achieved(&rel(), &ben(), "t"), Err(GoalError::NotAchieved));
        g.mark_achieved(&rel(), &ana(), "t1").unwrap();
        assert!(!g.is_signed_off_in(&rel()));
        assert_eq!(g.confirm_achieved(&rel(), &ana(), "t2"), Err(GoalError::OwnConfirmation));
        g.confirm_achieved(&rel(), &ben(), "t3").unwrap();
        assert!(g.is_signed_off_in(&rel()));
        assert_eq!(g.set_progress(10, &ana(), "t4", ""), Err(GoalError::Closed));
        let mut h = goal("g2");
        assert_eq!(h.drop_goal(" ", "t"), Err(GoalError::DropNeedsReason));
        h.drop_goal("Changed teams", "t").unwrap();
        assert_eq!((h.status, h.drop_reason.as_deref()), (GoalStatus::Dropped, Some("Changed teams")));
    }

    // Pins: a sign-off counts only when one party marked the goal and the
    // other confirmed it: not the same person twice (however it got stored),
    // not someone outside the relationship.
    #[test]
    fn only_the_parties_sign_off() {
        let mut g = goal("g1");
        g.mark_achieved(&rel(), &ana(), "t1").unwrap();
        g.confirm_achieved(&rel(), &ben(), "t2").unwrap();
        assert!(g.confirmation_is_genuine(&rel()) && g.is_signed_off_in(&rel()));
        for (marker, confirmer) in [("u-ana", "u-ana"), ("u-ana", "u-eve"), ("u-eve", "u-ben"), ("u-ana", "")] {
            let mut forged = g.clone();
            forged.achieved_by = Some(marker.into());
            forged.confirmed_by = Some(confirmer.into());
            assert!(!forged.is_signed_off_in(&rel()), "{marker} then {confirmer}");
        }
        let mut unconfirmed = g.clone();
        unconfirmed.confirmed_by = None;
        assert!(!unconfirmed.confirmation_is_genuine(&rel()));
    }

    // Pins: a stored goal's progress is 0-100 % (by hand and in its history)
    // and its priority within range; anything else reads as invalid data.
    #[test]
    fn stored_numbers_are_checked() {
        use crate::domain::envelope::DecodeError;
        let mut g = goal("g1");
        g.manual_progress = 100;
        g.priority = MAX_PRIORITY;
        assert_eq!(decode::<Goal>(&encode(&g)), Ok(g.clone()));
        let broken: [fn(&mut Goal); 3] = [
            |g| g.manual_progress = 101,
            |g| g.history.push(ProgressEntry { at: "t".into(), by: "u-ana".into(), value: 250, note: String::new(), check_in: None }),
            |g| g.priority = u32::MAX,
        ];
        for (i, breaks) in broken.iter().enumerate() {
            let mut bad = g.clone();
            breaks(&mut bad);
            assert_eq!(decode::<Goal>(&encode(&bad)), Err(DecodeError::InvalidData), "case {i}");
        }
    }

    // Pins: the list filters by owner and status and sorts by priority or due date.
    #[test]
    fn listing() {
        let mut a = goal("a");
        a.priority = 2;
        a.due = Some("2026-05-01".into());
        let mut b = Goal::new(&rel(), &ben(), "b".into(), "B", "t").unwrap();
        b.priority = 0;
        let mut c = goal("c");
        c.priority = 1;
        c.due = Some("2026-04-01".into());
        c.status = GoalStatus::AtRisk;
        let all = vec![a, b, c];
        let ids = |v: Vec<&Goal>| v.into_iter().map(|g| g.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(list(&all, None, None, SortBy::Priority)), ["b", "c", "a"]);
        assert_eq!(ids(list(&all, None, None, SortBy::Due)), ["c", "a", "b"]);
        assert_eq!(ids(list(&all, Some("u-ana"), None, SortBy::Priority)), ["c", "a"]);
        assert_eq!(ids(list(&all, None, Some(GoalStatus::AtRisk), SortBy::Priority)), ["c"]);
    }

    // Pins: the stored goal round-trips through its envelope.
    #[test]
    fn document_round_trip() {
        let mut g = goal("g1");
        g.milestones = ms(&[true, false]);
        g.set_progress(10, &ana(), "t1", "n").unwrap();
        assert_eq!(decode::<Goal>(&encode(&g)), Ok(g));
    }

    proptest! {
        // Pins: a move keeps every goal exactly once with priorities 0..n and
        // swaps the moved goal with its neighbour; a move past either end changes nothing.
        #[test]
        fn reordering_is_a_permutation(n in 1usize..8, pick in 0usize..8, up in any::<bool>()) {
            let mut goals: Vec<Goal> = (0..n).map(|i| { let mut g = goal(&format!("g{i}")); g.priority = (i * 3) as u32; g }).collect();
            let before = goals.clone();
            let at = pick % n;
            let changed = move_goal(&mut goals, &format!("g{at}"), if up { -1 } else { 1 });
            let edge = (up && at == 0) || (!up && at == n - 1);
            if edge {
                prop_assert!(changed.is_empty());
                prop_assert_eq!(goals, before);
            } else {
                let mut prios: Vec<u32> = goals.iter().map(|g| g.priority).collect();
                prios.sort();
                prop_assert_eq!(prios, (0..n as u32).collect::<Vec<_>>());
                let to = if up { at - 1 } else { at + 1 };
                prop_assert_eq!(goals[at].priority as usize, to);
                prop_assert_eq!(goals[to].priority as usize, at);
            }
        }
    }
}
