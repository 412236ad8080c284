//! A check-in, stored one document per meeting at
//! `mw/v1/rel/{id}/checkins/{checkinId}`, and the private note each person
//! keeps on it under `mw/v1/private/{userId}/...`.
//!
//! A check-in dated in the future is the planned next meeting: either person
//! adds agenda items to it beforehand. One dated today or earlier was held.

use miniserde::{Deserialize, Serialize};

use super::actions::{agenda, carry_forward, ActionItem, CheckInActions, GoalDue};
use crate::domain::dates::Date;
use crate::domain::envelope::Document;
use crate::domain::goals::Goal;
use crate::domain::person::Person;
use crate::domain::relationship::Relationship;
use crate::domain::FieldError;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CheckInKind {
    #[serde(rename = "regular")]
    Regular,
    /// The guided mid-point review.
    #[serde(rename = "midpoint_review")]
    MidpointReview,
}

/// One agenda line and where it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub id: String,
    pub text: String,
    /// `carried` (an open action item), `goal` (due soon) or `added` (by `by`).
    pub source: String,
    pub by: String,
}

/// A goal's progress as reported in this check-in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalUpdate {
    #[serde(rename = "goalId")]
    pub goal_id: String,
    pub value: u8,
    pub note: String,
    pub by: String,
}

/// How one person rated the meeting, 1-5 each.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pulse {
    pub by: String,
    pub useful: u8,
    pub progress: u8,
}

/// The answers of the mid-point review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// Is the pairing working: `yes`, `partly`, `no`.
    pub working: String,
    /// Are the goals still right: `yes`, `adjust`.
    #[serde(rename = "goalsRight")]
    pub goals_right: String,
    /// Does the agreement need an amendment.
    pub amend: bool,
    /// `continue`, `adjust` (continue after amending) or `close`.
    pub decision: String,
}

pub const REVIEW_WORKING: &[&str] = &["yes", "partly", "no"];
pub const REVIEW_GOALS: &[&str] = &["yes", "adjust"];
pub const REVIEW_DECISIONS: &[&str] = &["continue", "adjust", "close"];
pub const FORMATS: &[&str] = crate::domain::agreement::fields::FORMATS;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    pub id: String,
    #[serde(rename = "relationshipId")]
    pub relationship_id: String,
    pub kind: CheckInKind,
    /// `YYYY-MM-DD` in the pair's calendar.
    pub date: String,
    /// `HH:MM`, local to whoever set it; empty when not fixed.
    pub time: String,
    pub minutes: u32,
    pub format: String,
    pub agenda: Vec<AgendaItem>,
    pub notes: String,
    pub wins: String,
    pub challenges: String,
    pub feedback: String,
    pub progress: Vec<GoalUpdate>,
    pub actions: Vec<ActionItem>,
    pub pulses: Vec<Pulse>,
    pub review: Option<Review>,
    #[serde(rename = "createdBy")]
    pub created_by: String,
    #[serde(rename = "updatedAt")]
    pub updated_at: String,
}

/// The range of each pulse rating, as [`CheckIn::rate`] takes it.
pub const PULSE: std::ops::RangeInclusive<u8> = 1..=5;

impl Document for CheckIn {
    const KIND: &'static str = "checkin";
    const SCHEMA: u32 = 1;

    /// Pulses are refused out of range: only `rate` writes them, always in
    /// range. The meeting length and progress values are not refused here:
    /// an unsaved check-in is kept in this envelope while it is typed (the
    /// form holds "0" minutes, or 101 % for what is not a number, until
    /// `validate` names the field), and refusing it would drop what the
    /// person typed. Their readers bound them instead (`ics`, `validate`,
    /// `Goal::check_in_update`).
    fn check(&self) -> Result<(), &'static str> {
        if self.pulses.iter().any(|p| !PULSE.contains(&p.useful) || !PULSE.contains(&p.progress)) {
            return Err("a pulse rating is not 1-5");
        }
        Ok(())
    }
}

/// Only what the home view needs to know of a check-in: its date. Decoding
/// just this keeps the whole check-in type out of the portal's first load
/// (unknown fields are skipped).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInDate {
    pub date: String,
}

impl Document for CheckInDate {
    const KIND: &'static str = "checkin";
    const SCHEMA: u32 = CheckIn::SCHEMA;
}

/// Someone's own notes on a check-in, at their private key. Never part of
/// the shared record, the summary or the timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivateNote {
    #[serde(rename = "checkinId")]
    pub checkin_id: String,
    pub text: String,
    #[serde(rename = "updatedAt")]
    pub updated_at: String,
}

impl Document for PrivateNote {
    const KIND: &'static str = "private_note";
    const SCHEMA: u32 = 1;
}

/// Longest text a field of a check-in takes; far above any real meeting
/// note, far below what would slow the page.
pub const MAX_TEXT: usize = 20_000;
pub const MAX_ITEMS: usize = 100;

impl CheckIn {
    pub fn day(&self) -> Option<Date> {
        Date::parse(&self.date)
    }

    pub fn pulse_of(&self, id: &str) -> Option<&Pulse> {
        self.pulses.iter().find(|p| p.by == id)
    }

    /// The ratings to show: each party's first, in range; any by someone
    /// outside the relationship, a second one by the same person, or one
    /// out of range, left out.
    pub fn genuine_pulses(&self, rel: &Relationship) -> Vec<&Pulse> {
        let mut out: Vec<&Pulse> = Vec::new();
        for p in &self.pulses {
            if rel.pulse_is_genuine(p) && !out.iter().any(|o| o.by == p.by) {
                out.push(p);
            }
        }
        out
    }

    /// A new check-in on `date`. Its agenda starts with the open action items
    /// of the earlier check-ins (which come along as this meeting's action
    /// items, to tick off here), then the goals due within two weeks.
    pub fn plan(rel: &Relationship, me: &Person, id: String, date: Date, earlier: &[CheckIn], goals: &[Goal], now: &str) -> CheckIn {
        let earlier_actions: Vec<CheckInActions> =
            earlier.iter().filter_map(|c| c.day().filter(|d| *d <= date).map(|held_on| CheckInActions { held_on, items: c.actions.clone() })).collect();
        let carried = carry_forward(&earlier_actions);
        let due: Vec<GoalDue> = goals
            .iter()
            .filter(|g| !g.status.is_closed())
            .filter_map(|g| g.due.as_deref().and_then(Date::parse).map(|due| GoalDue { goal_id: g.id.clone(), title: g.title.clone(), due }))
            .collect();
        let lines = agenda(&carried, &due, &[], date);
        let agenda = lines
            .into_iter()
            .enumerate()
            .map(|(i, text)| {
                let source = if i < carried.len() { "carried" } else { "goal" };
                AgendaItem { id: format!("a{i}"), text, source: source.into(), by: me.id.clone() }
            })
            .collect();
        let current = rel.agreement.current().map(|v| &v.content);
        let field = |k: &str| current.and_then(|c| c.get(k)).cloned().unwrap_or_default();
        CheckIn {
            id,
            relationship_id: rel.id.clone(),
            kind: CheckInKind::Regular,
            date: date.to_string(),
            time: String::new(),
            minutes: field("meetings.length").trim().parse().ok().filter(|m| (5..=480).contains(m)).unwrap_or(60),
            format: Some(field("meetings.format")).filter(|f| FORMATS.contains(&f.as_str())).unwrap_or_else(|| "video".into()),
            agenda,
            notes: String::new(),
            wins: String::new(),
            challenges: String::new(),
            feedback: String::new(),
            progress: Vec::new(),
            actions: carried,
            pulses: Vec::new(),
            review: None,
            created_by: me.id.clone(),
            updated_at: now.into(),
        }
    }

    /// Adds an agenda item before (or during) the meeting; an item already
    /// on the agenda is not added twice.
    pub fn add_agenda(&mut self, text: &str, me: &Person, id: String) -> Result<(), FieldError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(FieldError::new("agenda", "checkin.error.agenda_empty"));
        }
        if self.agenda.len() >= MAX_ITEMS {
            return Err(FieldError::new("agenda", "checkin.error.too_many").with("max", MAX_ITEMS));
        }
        if !self.agenda.iter().any(|a| a.text.eq_ignore_ascii_case(text)) {
            self.agenda.push(AgendaItem { id, text: text.into(), source: "added".into(), by: me.id.clone() });
        }
        Ok(())
    }

    /// My rating of the meeting; only mine is changed.
    pub fn rate(&mut self, me: &Person, useful: u8, progress: u8) -> Result<(), FieldError> {
        if !PULSE.contains(&useful) || !PULSE.contains(&progress) {
            return Err(FieldError::new("pulse", "checkin.error.pulse_range"));
        }
        self.pulses.retain(|p| p.by != me.id);
        self.pulses.push(Pulse { by: me.id.clone(), useful, progress });
        Ok(())
    }

    /// Everything wrong with the check-in as it stands, per field.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if self.day().is_none() {
            errors.push(FieldError::new("date", "checkin.error.date"));
        }
        if !self.time.is_empty() && parse_time(&self.time).is_none() {
            errors.push(FieldError::new("time", "checkin.error.time"));
        }
        if !(5..=480).contains(&self.minutes) {
            errors.push(FieldError::new("minutes", "checkin.error.minutes").with("min", 5).with("max", 480));
        }
        for (name, text) in [("notes", &self.notes), ("wins", &self.wins), ("challenges", &self.challenges), ("feedback", &self.feedback)] {
            if text.len() > MAX_TEXT {
                errors.push(FieldError::new(name, "checkin.error.too_long").with("max", MAX_TEXT));
            }
        }
        for (i, a) in self.actions.iter().enumerate() {
            if a.text.trim().is_empty() {
                errors.push(FieldError::new("actions", "checkin.error.action_text").with("n", i + 1));
            }
            if a.due.as_deref().is_some_and(|d| Date::parse(d).is_none()) {
                errors.push(FieldError::new("actions", "checkin.error.action_due").with("n", i + 1));
            }
        }
        if self.actions.len() > MAX_ITEMS || self.agenda.len() > MAX_ITEMS {
            errors.push(FieldError::new("actions", "checkin.error.too_many").with("max", MAX_ITEMS));
        }
        for u in &self.progress {
            if u.value > 100 {
                errors.push(FieldError::new("progress", "checkin.error.progress_range"));
            }
        }
        errors
    }

    /// The progress updates that are new or changed since `before` (the
    /// check-in as last saved): only these go into the goals' history, so
    /// saving a check-in twice never records the same update twice.
    pub fn new_updates(&self, before: Option<&CheckIn>) -> Vec<GoalUpdate> {
        self.progress
            .iter()
            .filter(|u| before.is_none_or(|b| !b.progress.iter().any(|p| p.goal_id == u.goal_id && p.value == u.value && p.note == u.note)))
            .cloned()
            .collect()
    }
}

impl Relationship {
    /// Whether pulse `p` was given by one of the two parties, within the
    /// scale (each rates only for themselves).
    pub fn pulse_is_genuine(&self, p: &Pulse) -> bool {
        self.role_of_id(&p.by).is_some() && PULSE.contains(&p.useful) && PULSE.contains(&p.progress)
    }
}

/// `HH:MM` → minutes after midnight.
pub fn parse_time(s: &str) -> Option<u32> {
    let (h, m) = s.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

impl CheckIn {
    /// The progress updates `me` gave in this check-in that are new since
    /// `fed` (the version whose updates are known to be in their goals):
    /// each person feeds their own, so two people never record one twice.
    pub fn updates_to_feed(&self, fed: Option<&CheckIn>, me: &str) -> Vec<GoalUpdate> {
        self.new_updates(fed).into_iter().filter(|u| u.by == me).collect()
    }
}

/// A goal's history entry from check-in `checkin`: the note says which
/// meeting. `Ok(false)` when the goal already has it (see `check_in_update`).
pub fn apply_update(
    goal: &mut Goal,
    checkin: &str,
    update: &GoalUpdate,
    me: &Person,
    at: &str,
    meeting: &str,
) -> Result<bool, crate::domain::goals::GoalError> {
    goal.check_in_update(checkin, update.value, me, at, meeting, &update.note)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{ana, ben, goal, rel};

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn action(id: &str, done: bool) -> ActionItem {
        ActionItem { id: id.into(), text: format!("Send {id}"), owner: "u-ana".into(), due: None, goal_id: None, done }
    }

    // Pins: a new check-in's agenda carries the open action items of earlier
    // check-ins (only those on or before its date) and the goals due soon; the
    // carried items come along as action items to tick off.
    #[test]
    fn planning_carries_forward() {
        let r = rel();
        let mut first = CheckIn::plan(&r, &ana(), "c1".into(), d("2026-11-02"), &[], &[], "t");
        first.actions = vec![action("slides", false), action("intro", true)];
        let mut later = CheckIn::plan(&r, &ana(), "c9".into(), d("2027-02-01"), &[], &[], "t");
        later.actions = vec![action("future", false)];
        let mut g = goal("g1");
        g.due = Some("2026-11-20".into());
        let second = CheckIn::plan(&r, &ben(), "c2".into(), d("2026-11-16"), &[first, later], &[g], "t");
        let agenda: Vec<(&str, &str)> = second.agenda.iter().map(|a| (a.text.as_str(), a.source.as_str())).collect();
        assert_eq!(agenda, [("Send slides", "carried"), ("Give a conference talk", "goal")]);
        assert_eq!(second.actions, vec![action("slides", false)]);
        assert_eq!(second.minutes, 60);
        assert!(second.validate().is_empty());
    }

    // Pins: agenda items and pulses belong to their author; bad values are field errors.
    #[test]
    fn agenda_and_pulse() {
        let mut c = CheckIn::plan(&rel(), &ana(), "c1".into(), d("2026-11-02"), &[], &[], "t");
        c.add_agenda("  Feedback on my slides ", &ben(), "x1".into()).unwrap();
        c.add_agenda("feedback on my slides", &ana(), "x2".into()).unwrap();
        assert_eq!(c.agenda.len(), 1);
        assert_eq!(c.add_agenda("  ", &ana(), "x3".into()).unwrap_err().key, "checkin.error.agenda_empty");
        c.rate(&ana(), 4, 3).unwrap();
        c.rate(&ben(), 5, 5).unwrap();
        c.rate(&ana(), 5, 4).unwrap();
        assert_eq!(c.pulses.len(), 2);
        assert_eq!(c.pulse_of("u-ana").map(|p| (p.useful, p.progress)), Some((5, 4)));
        assert_eq!(c.rate(&ana(), 0, 6).unwrap_err().key, "checkin.error.pulse_range");
    }

    // Pins: each kind of bad input is named against its field.
    #[test]
    fn validation() {
        let mut c = CheckIn::plan(&rel(), &ana(), "c1".into(), d("2026-11-02"), &[], &[], "t");
        c.date = "2026-02-30".into();
        c.time = "25:00".into();
        c.minutes = 2;
        c.notes = "x".repeat(MAX_TEXT + 1);
        c.actions = vec![ActionItem { due: Some("soon".into()), ..action("", false) }];
        c.actions[0].text = " ".into();
        let fields: Vec<&str> = c.validate().iter().map(|e| e.field).collect();
        assert_eq!(fields, ["date", "time", "minutes", "notes", "actions", "actions"]);
        assert_eq!(parse_time("09:30"), Some(570));
        assert_eq!(parse_time("9:30"), None);
    }

    use crate::domain::envelope::{decode, encode};
    use proptest::prelude::*;

    fn full() -> CheckIn {
        let mut c = CheckIn::plan(&rel(), &ana(), "c1".into(), d("2026-11-02"), &[], &[], "t");
        c.actions = vec![action("a1", false)];
        c.rate(&ana(), 4, 5).unwrap();
        c.progress = vec![GoalUpdate { goal_id: "g1".into(), value: 40, note: "Outline \"done\"".into(), by: "u-ana".into() }];
        c.review = Some(Review { working: "yes".into(), goals_right: "adjust".into(), amend: true, decision: "continue".into() });
        c
    }

    // Pins: a check-in, its date-only view and a private note round-trip
    // through their envelopes.
    #[test]
    fn documents_round_trip() {
        let c = full();
        assert_eq!(decode::<CheckIn>(&encode(&c)), Ok(c.clone()));
        assert_eq!(decode::<CheckInDate>(&encode(&c)).map(|x| x.date), Ok("2026-11-02".to_string()));
        let n = PrivateNote { checkin_id: "c1".into(), text: "nervous".into(), updated_at: "t".into() };
        assert_eq!(decode::<PrivateNote>(&encode(&n)), Ok(n));
        assert_eq!(decode::<PrivateNote>(&encode(&c)).unwrap_err().message_key(), "error.doc_unknown_kind");
    }

    proptest! {
        // Pins: no text, however mangled, makes a check-in or private-note
        // decoder panic; a corrupted check-in decodes or gives a typed error.
        #[test]
        fn decoders_never_panic(text in ".{0,200}", pos in 0usize..600, ch in any::<char>()) {
            let _ = decode::<CheckIn>(&text);
            let _ = decode::<CheckInDate>(&text);
            let _ = decode::<PrivateNote>(&text);
            let mut chars: Vec<char> = encode(&full()).chars().collect();
            let at = pos % chars.len();
            chars[at] = ch;
            let corrupted: String = chars.into_iter().collect();
            if let Err(e) = decode::<CheckIn>(&corrupted) {
                prop_assert!(!e.message_key().is_empty());
            }
            let _ = decode::<CheckInDate>(&corrupted);
        }
    }

    // Pins: a stored pulse outside 1-5 reads as invalid data; an unsaved
    // check-in with a length or progress still being typed does not (it is
    // kept in the same envelope until saved, and `validate` names it).
    #[test]
    fn stored_pulses_are_checked() {
        use crate::domain::envelope::DecodeError;
        let c = full();
        for (useful, progress) in [(9, 3), (0, 3), (3, 6), (255, 255)] {
            let mut bad = c.clone();
            bad.pulses[0] = Pulse { by: "u-ana".into(), useful, progress };
            assert_eq!(decode::<CheckIn>(&encode(&bad)), Err(DecodeError::InvalidData), "{useful}/{progress}");
        }
        let mut typing = c.clone();
        typing.minutes = 0;
        typing.progress[0].value = 101;
        assert_eq!(decode::<CheckIn>(&encode(&typing)), Ok(typing.clone()));
        assert!(!typing.validate().is_empty());
    }

    // Pins: only the parties' own ratings are shown, each person's once; one
    // by someone outside the relationship is left out.
    #[test]
    fn only_the_parties_rate() {
        let mut c = full();
        c.pulses.push(Pulse { by: "u-eve".into(), useful: 1, progress: 1 });
        c.pulses.push(Pulse { by: "u-ana".into(), useful: 1, progress: 1 });
        c.rate(&ben(), 5, 5).unwrap();
        let shown: Vec<(&str, u8)> = c.genuine_pulses(&rel()).into_iter().map(|p| (p.by.as_str(), p.useful)).collect();
        assert_eq!(shown, [("u-ana", 4), ("u-ben", 5)]);
        assert!(!rel().pulse_is_genuine(&Pulse { by: "u-eve".into(), useful: 3, progress: 3 }));
        assert!(!rel().pulse_is_genuine(&Pulse { by: "u-ana".into(), useful: 9, progress: 3 }));
    }

    // Pins: only new or changed progress updates reach the goal history.
    #[test]
    fn updates_apply_once() {
        let mut c = CheckIn::plan(&rel(), &ana(), "c1".into(), d("2026-11-02"), &[], &[], "t");
        c.progress = vec![GoalUpdate { goal_id: "g1".into(), value: 40, note: "Outline done".into(), by: "u-ana".into() }];
        assert_eq!(c.new_updates(None).len(), 1);
        let saved = c.clone();
        assert!(c.new_updates(Some(&saved)).is_empty());
        c.progress[0].value = 50;
        assert_eq!(c.new_updates(Some(&saved)).len(), 1);

        let mut g = goal("g1");
        assert_eq!(apply_update(&mut g, "c1", &c.progress[0], &ana(), "t1", "Check-in 2026-11-02"), Ok(true));
        assert_eq!(g.progress(), 50);
        assert_eq!(g.history.last().map(|h| h.note.as_str()), Some("Check-in 2026-11-02: Outline done"));
        // Fed again (a retry after a lost answer): nothing more is recorded.
        let once = g.clone();
        assert_eq!(apply_update(&mut g, "c1", &c.progress[0], &ana(), "t2", "Check-in 2026-11-02"), Ok(false));
        assert_eq!(g, once);
        // A changed value in the same check-in is recorded; changing it back is too.
        c.progress[0].value = 60;
        assert_eq!(apply_update(&mut g, "c1", &c.progress[0], &ana(), "t3", "m"), Ok(true));
        c.progress[0].value = 50;
        assert_eq!(apply_update(&mut g, "c1", &c.progress[0], &ana(), "t4", "m"), Ok(true));
        assert_eq!((g.progress(), g.history.len()), (50, once.history.len() + 2));
        // The same value from another check-in is its own entry.
        assert_eq!(apply_update(&mut g, "c2", &c.progress[0], &ana(), "t5", "m"), Ok(true));
    }

    // Pins: each person feeds only the updates they gave, new since what
    // was already fed.
    #[test]
    fn each_person_feeds_their_own() {
        let mut c = CheckIn::plan(&rel(), &ana(), "c1".into(), d("2026-11-02"), &[], &[], "t");
        c.progress = vec![
            GoalUpdate { goal_id: "g1".into(), value: 40, note: String::new(), by: "u-ana".into() },
            GoalUpdate { goal_id: "g2".into(), value: 10, note: String::new(), by: "u-ben".into() },
        ];
        assert_eq!(c.updates_to_feed(None, "u-ana").iter().map(|u| u.goal_id.as_str()).collect::<Vec<_>>(), ["g1"]);
        assert!(c.updates_to_feed(Some(&c.clone()), "u-ana").is_empty());
    }
}
