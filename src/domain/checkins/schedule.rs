//! The relationship's meeting plan, read from the agreement in force, and
//! what it says today: when the next check-in is, whether it is due, and
//! whether the mid-point review has come.

use super::cadence::{due_state, next_checkin, Due, Rhythm};
use crate::domain::dates::Date;
use crate::domain::relationship::life::Happened;
use crate::domain::relationship::{Relationship, State};

/// How far ahead the host hears of a coming check-in (`mw:checkin-due`),
/// so a portal can send a reminder the day before.
pub const REMIND_DAYS: i64 = 1;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub rhythm: Rhythm,
    pub start: Date,
    pub review: Option<Date>,
    pub end: Date,
    pub minutes: u32,
    pub format: String,
    pub place: String,
}

impl Plan {
    /// From the agreement in force; `None` before one is signed or when its
    /// rhythm or dates cannot be read.
    pub fn of(rel: &Relationship) -> Option<Plan> {
        let content = &rel.agreement.current()?.content;
        let field = |k: &str| content.get(k).map(|v| v.trim().to_string()).unwrap_or_default();
        let rhythm = Rhythm::from_agreement(&field("meetings.frequency"), &field("meetings.every_days"))?;
        let start = Date::parse(&field("dates.start"))?;
        let end = Date::parse(&field("dates.end"))?;
        Some(Plan {
            rhythm,
            start,
            review: Date::parse(&field("dates.review")),
            end,
            minutes: field("meetings.length").parse().ok().filter(|m| (5..=480).contains(m)).unwrap_or(60),
            format: field("meetings.format"),
            place: field("meetings.place"),
        })
    }
}

/// The next check-in: a planned one (dated after today) if there is one,
/// otherwise one rhythm after the last held one. A check-in dated today
/// counts as held: the pair are writing it, so the meeting is on.
/// `dates` are every check-in's date.
pub fn next_date(plan: &Plan, dates: &[Date], today: Date) -> Option<Date> {
    if let Some(planned) = dates.iter().filter(|d| **d > today).min() {
        return Some(*planned);
    }
    let last = dates.iter().filter(|d| **d <= today).max().copied();
    next_checkin(plan.start, plan.end, last, plan.rhythm)
}

/// Whether meetings are expected at all: not before the agreement is in
/// force, not while paused, not once closing has begun.
pub fn meets(state: State) -> bool {
    matches!(state, State::Active | State::MidpointReview)
}

/// The next check-in and where it stands today, for the home view and the
/// host's reminders; `None` when no meeting is expected.
pub fn next_due(rel: &Relationship, dates: &[Date], today: Date) -> Option<(Date, Due)> {
    if !meets(rel.state) {
        return None;
    }
    let next = next_date(&Plan::of(rel)?, dates, today)?;
    Some((next, due_state(next, today)))
}

/// Whether the host should be told, so it can remind the pair: due within
/// [`REMIND_DAYS`], today, or overdue.
pub fn should_remind(due: Due) -> bool {
    match due {
        Due::InDays(n) => n <= REMIND_DAYS,
        Due::Today | Due::OverdueBy(_) => true,
    }
}

/// The mid-point review is due from its agreed date, once, while active.
pub fn review_due(rel: &Relationship, today: Date) -> bool {
    let reviewed = rel.life.events.iter().any(|e| e.what == Happened::ReviewStarted);
    rel.state == State::Active && !reviewed && Plan::of(rel).and_then(|p| p.review).is_some_and(|r| r <= today)
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::domain::agreement::{Content, Version};
    use crate::domain::fixtures::rel;
    use crate::domain::relationship::life::LifeEvent;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    /// A relationship whose agreement (fortnightly, Nov 2 to May 31, review
    /// Feb 15) is in force.
    pub fn in_force() -> Relationship {
        let mut r = rel();
        let mut content = Content::new();
        for (k, v) in [
            ("meetings.frequency", "fortnightly"),
            ("meetings.length", "45"),
            ("meetings.format", "video"),
            ("dates.start", "2026-11-02"),
            ("dates.review", "2027-02-15"),
            ("dates.end", "2027-05-31"),
        ] {
            content.insert(k.into(), v.into());
        }
        r.agreement.versions.push(Version { number: 1, content, signatures: vec![], in_force_at: "2026-11-01T09:00:00Z".into() });
        r.state = State::Active;
        r
    }

    // Pins: the plan comes from the agreement in force, and nothing is due without one.
    #[test]
    fn plan_from_the_agreement() {
        let p = Plan::of(&in_force()).unwrap();
        assert_eq!((p.rhythm, p.start, p.minutes), (Rhythm::EveryDays(14), d("2026-11-02"), 45));
        assert_eq!(Plan::of(&rel()), None);
        assert_eq!(next_due(&rel(), &[], d("2026-11-02")), None);
    }

    // Pins: a planned check-in is the next one; otherwise one rhythm after the
    // last held one; due, today and overdue follow; nothing while paused.
    #[test]
    fn next_and_its_state() {
        let mut r = in_force();
        assert_eq!(next_due(&r, &[], d("2026-11-01")), Some((d("2026-11-02"), Due::InDays(1))));
        assert_eq!(next_due(&r, &[d("2026-11-02")], d("2026-11-20")), Some((d("2026-11-16"), Due::OverdueBy(4))));
        assert_eq!(next_due(&r, &[d("2026-11-02"), d("2026-11-25")], d("2026-11-20")), Some((d("2026-11-25"), Due::InDays(5))));
        assert_eq!(next_due(&r, &[d("2026-11-20")], d("2026-11-20")), Some((d("2026-12-04"), Due::InDays(14))), "held today");
        assert_eq!(next_due(&r, &[d("2026-11-02")], d("2026-11-16")), Some((d("2026-11-16"), Due::Today)));
        assert!(should_remind(Due::InDays(1)) && should_remind(Due::OverdueBy(3)) && !should_remind(Due::InDays(2)));
        r.state = State::Paused;
        assert_eq!(next_due(&r, &[], d("2026-11-20")), None);
    }

    // Pins: the review is due from its date, once, and only while active.
    #[test]
    fn review_comes_once() {
        let mut r = in_force();
        assert!(!review_due(&r, d("2027-02-14")));
        assert!(review_due(&r, d("2027-02-15")));
        r.life.events.push(LifeEvent { at: "t".into(), by: "u-ana".into(), what: Happened::ReviewStarted });
        assert!(!review_due(&r, d("2027-03-01")));
    }
}
