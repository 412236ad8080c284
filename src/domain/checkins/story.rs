//! The relationship's story: the timeline (agreement, check-ins, goals
//! achieved, review, pauses, close) and the summary the pair keep when it
//! ends. Private notes are never part of either.

use super::life::Happened;
use super::record::{CheckIn, CheckInKind};
use crate::domain::dates::Date;
use crate::domain::goals::{Goal, GoalStatus};
use crate::domain::messages::Catalog;
use crate::domain::relationship::Relationship;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Moment {
    Proposed,
    AgreementInForce { version: u32 },
    CheckIn { id: String, review: bool },
    GoalAchieved { title: String },
    Life(Happened),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// `YYYY-MM-DD` or RFC 3339: both sort by text.
    pub at: String,
    pub what: Moment,
}

impl Entry {
    pub fn day(&self) -> &str {
        self.at.get(..10).unwrap_or(&self.at)
    }
}

/// Everything that happened, oldest first; check-ins only once held.
pub fn timeline(rel: &Relationship, checkins: &[CheckIn], goals: &[Goal], today: Date) -> Vec<Entry> {
    let mut out = vec![Entry { at: rel.created_at.clone(), what: Moment::Proposed }];
    for v in &rel.agreement.versions {
        out.push(Entry { at: v.in_force_at.clone(), what: Moment::AgreementInForce { version: v.number } });
    }
    for c in checkins.iter().filter(|c| c.day().is_some_and(|d| d <= today)) {
        out.push(Entry { at: c.date.clone(), what: Moment::CheckIn { id: c.id.clone(), review: c.kind == CheckInKind::MidpointReview } });
    }
    for g in goals.iter().filter(|g| g.status == GoalStatus::Achieved) {
        if let Some(at) = &g.confirmed_at {
            out.push(Entry { at: at.clone(), what: Moment::GoalAchieved { title: g.title.clone() } });
        }
    }
    for e in &rel.life.events {
        out.push(Entry { at: e.at.clone(), what: Moment::Life(e.what) });
    }
    // By day; within a day, what opens the day (proposal, agreement, a pause
    // or the start of the review) before the meeting, and what the meeting
    // led to (continuing, moving on, the close) after it; by time otherwise.
    out.sort_by(|a, b| (a.day(), rank(&a.what), &a.at).cmp(&(b.day(), rank(&b.what), &b.at)));
    out
}

fn rank(m: &Moment) -> u8 {
    match m {
        Moment::Proposed => 0,
        Moment::AgreementInForce { .. } => 1,
        Moment::Life(Happened::Paused | Happened::Resumed | Happened::ReviewStarted) | Moment::GoalAchieved { .. } => 2,
        Moment::CheckIn { .. } => 3,
        Moment::Life(_) => 4,
    }
}

/// Markdown of a closed (or closing) relationship: parties, why it ended,
/// each goal's outcome, the check-ins, both reflections and the next steps.
pub fn summary_markdown(rel: &Relationship, checkins: &[CheckIn], catalog: &Catalog) -> String {
    let name = |id: &str| {
        [&rel.mentor, &rel.mentee].into_iter().find(|p| p.id.as_deref() == Some(id)).map(|p| p.display_name.clone()).unwrap_or_else(|| id.to_string())
    };
    let mut out = format!(
        "# {}\n\n- {}: {}\n- {}: {}\n- {}: {}\n",
        catalog.text("summary.title"),
        catalog.text("role.mentor"),
        rel.mentor.display_name,
        catalog.text("role.mentee"),
        rel.mentee.display_name,
        catalog.text("summary.kind"),
        catalog.text(rel.kind.label_key()),
    );
    if let Some(c) = &rel.life.closing {
        out.push_str(&format!("- {}: {}\n", catalog.text("close.reason"), catalog.text(c.reason().label_key())));
        if let Some(at) = &c.closed_at {
            out.push_str(&format!("- {}: {}\n", catalog.text("summary.closed_on"), at.get(..10).unwrap_or(at)));
        }
        out.push_str(&format!("\n## {}\n\n", catalog.text("close.outcomes")));
        if c.outcomes.is_empty() {
            out.push_str(&format!("{}\n", catalog.text("summary.none")));
        }
        for o in &c.outcomes {
            out.push_str(&format!("- {}: {}\n", o.title, catalog.text(o.outcome.label_key())));
        }
        out.push_str(&format!("\n## {}\n", catalog.text("close.reflections")));
        for r in &c.reflections {
            out.push_str(&format!(
                "\n### {}\n\n- {}: {}\n- {}: {}\n- {}: {}/5\n",
                name(&r.by),
                catalog.text("close.worked"),
                r.worked,
                catalog.text("close.change"),
                r.change,
                catalog.text("close.effectiveness"),
                r.effectiveness
            ));
        }
        if !c.next_steps.is_empty() {
            out.push_str(&format!("\n## {}\n\n{}\n", catalog.text("close.next_steps"), c.next_steps));
        }
    }
    let mut held: Vec<&CheckIn> = checkins.iter().collect();
    held.sort_unstable_by(|a, b| a.date.cmp(&b.date));
    out.push_str(&format!("\n## {}\n\n", catalog.format("summary.checkins", &[("n", &held.len().to_string())])));
    for c in held {
        let kind = if c.kind == CheckInKind::MidpointReview { format!(" ({})", catalog.text("review.title")) } else { String::new() };
        out.push_str(&format!("- {}{kind}", c.date));
        let ratings: Vec<String> = c.pulses.iter().map(|p| format!("{} {}/{}", name(&p.by), p.useful, p.progress)).collect();
        if !ratings.is_empty() {
            out.push_str(&format!(" — {}: {}", catalog.text("pulse.title"), ratings.join(", ")));
        }
        out.push('\n');
        for (label, text) in [("checkin.wins", &c.wins), ("checkin.challenges", &c.challenges)] {
            if !text.trim().is_empty() {
                out.push_str(&format!("  - {}: {}\n", catalog.text(label), text.trim().replace('\n', " ")));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checkins::life::{close, continue_after_review, next_steps, reflect, set_outcome, start_closing, start_review, Outcome};
    use crate::domain::checkins::lifecycle::CloseReason;
    use crate::domain::checkins::record::Pulse;
    use crate::domain::checkins::schedule::tests::in_force;
    use crate::domain::goals::model::tests_support::{ana, ben, goal};
    use std::collections::BTreeMap;

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn checkin(id: &str, date: &str, kind: CheckInKind) -> CheckIn {
        let mut c = CheckIn::plan(&in_force(), &ana(), id.into(), d(date), &[], &[], "t");
        c.kind = kind;
        c
    }

    // Pins: the story is in time order and holds every kind of moment; planned
    // check-ins are not part of it yet.
    #[test]
    fn timeline_in_order() {
        let mut r = in_force();
        r.created_at = "2026-10-20T08:00:00Z".into();
        let mut g = goal("g1");
        g.status = GoalStatus::Achieved;
        g.confirmed_at = Some("2026-12-01T12:00:00Z".into());
        start_closing(&mut r, &ben(), CloseReason::GoalsReached, "2027-03-01T10:00:00Z").unwrap();
        let checkins = [
            checkin("c2", "2027-02-15", CheckInKind::MidpointReview),
            checkin("c1", "2026-11-02", CheckInKind::Regular),
            checkin("c3", "2027-06-01", CheckInKind::Regular),
        ];
        let t = timeline(&r, &checkins, &[g], d("2027-03-02"));
        let what: Vec<Moment> = t.into_iter().map(|e| e.what).collect();
        assert_eq!(
            what,
            [
                Moment::Proposed,
                Moment::AgreementInForce { version: 1 },
                Moment::CheckIn { id: "c1".into(), review: false },
                Moment::GoalAchieved { title: "Give a conference talk".into() },
                Moment::CheckIn { id: "c2".into(), review: true },
                Moment::Life(Happened::ClosingStarted),
            ]
        );
    }

    // Pins: on one day, the story reads in order: proposed, agreement in force,
    // review started, the review meeting, then going on after it.
    #[test]
    fn same_day_reads_in_order() {
        let mut r = in_force();
        r.created_at = "2027-02-15T08:00:00Z".into();
        r.agreement.versions[0].in_force_at = "2027-02-15T09:00:00Z".into();
        start_review(&mut r, &ana(), "2027-02-15T10:00:00Z").unwrap();
        continue_after_review(&mut r, &ana(), "2027-02-15T10:30:00Z").unwrap();
        let t = timeline(&r, &[checkin("c1", "2027-02-15", CheckInKind::MidpointReview)], &[], d("2027-02-15"));
        let what: Vec<Moment> = t.into_iter().map(|e| e.what).collect();
        assert_eq!(
            what,
            [
                Moment::Proposed,
                Moment::AgreementInForce { version: 1 },
                Moment::Life(Happened::ReviewStarted),
                Moment::CheckIn { id: "c1".into(), review: true },
                Moment::Life(Happened::ReviewContinued),
            ]
        );
    }

    // Pins: the summary names the no-fault reason, each outcome, both
    // reflections and the next steps, and the check-ins with their pulse.
    #[test]
    fn summary_reads_on_its_own() {
        let catalog = Catalog::new("en", BTreeMap::new()).0;
        let mut r = in_force();
        let now = "2027-03-01T10:00:00Z";
        start_closing(&mut r, &ana(), CloseReason::TimeIsUp, now).unwrap();
        set_outcome(&mut r, &ben(), "g1", "Give a conference talk", Outcome::Partly).unwrap();
        reflect(&mut r, &ana(), "Honest feedback", "Shorter meetings", 4, now).unwrap();
        next_steps(&mut r, &ana(), "Join the speakers' guild", true).unwrap();
        close(&mut r, &ana(), &[("g1".into(), "Give a conference talk".into())], now).unwrap();
        let mut c = checkin("c1", "2026-11-02", CheckInKind::Regular);
        c.wins = "First outline".into();
        c.pulses = vec![Pulse { by: "u-ben".into(), useful: 5, progress: 4 }];
        let md = summary_markdown(&r, &[c], &catalog);
        for part in [
            "Our planned time is up",
            "Give a conference talk: Partly reached",
            "### Ana Li",
            "Honest feedback",
            "4/5",
            "Join the speakers' guild",
            "2026-11-02 — ",
            "Ben Okafor 5/4",
            "First outline",
            "2027-03-01",
        ] {
            assert!(md.contains(part), "{part} missing in\n{md}");
        }
    }
}
