//! The relationship's story: the timeline (agreement, check-ins, goals
//! achieved, review, pauses, close) and the summary the pair keep when it
//! ends. Private notes are never part of either.

use super::record::{CheckIn, CheckInKind};
use crate::domain::dates::Date;
use crate::domain::goals::Goal;
use crate::domain::markdown::{block, inline};
use crate::domain::messages::Catalog;
use crate::domain::relationship::life::Happened;
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
    // Only a sign-off the two parties gave: one marked by someone else, or
    // confirmed by the person who marked it, is no moment of the story.
    for g in goals.iter().filter(|g| g.is_signed_off_in(rel)) {
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
    crate::domain::order::sort_by(&mut out, |a, b| (a.day(), rank(&a.what), &a.at).cmp(&(b.day(), rank(&b.what), &b.at)));
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
/// Every text put in is escaped (see [`crate::domain::markdown`]); only the
/// parties' own reflections and ratings are listed.
pub fn summary_markdown(rel: &Relationship, checkins: &[CheckIn], catalog: &Catalog) -> String {
    let name = |id: &str| {
        let name = [&rel.mentor, &rel.mentee].into_iter().find(|p| p.id.as_deref() == Some(id)).map(|p| p.display_name.as_str()).unwrap_or(id);
        inline(name)
    };
    let text = |key: &str| inline(&catalog.text(key));
    let mut out = format!(
        "# {}\n\n- {}: {}\n- {}: {}\n- {}: {}\n",
        text("summary.title"),
        text("role.mentor"),
        inline(&rel.mentor.display_name),
        text("role.mentee"),
        inline(&rel.mentee.display_name),
        text("summary.kind"),
        text(rel.kind.label_key()),
    );
    if let Some(c) = &rel.life.closing {
        out.push_str(&format!("- {}: {}\n", text("close.reason"), text(c.reason().label_key())));
        if let Some(at) = &c.closed_at {
            out.push_str(&format!("- {}: {}\n", text("summary.closed_on"), inline(at.get(..10).unwrap_or(at))));
        }
        out.push_str(&format!("\n## {}\n\n", text("close.outcomes")));
        if c.outcomes.is_empty() {
            out.push_str(&format!("{}\n", text("summary.none")));
        }
        for o in &c.outcomes {
            out.push_str(&format!("- {}: {}\n", inline(&o.title), text(o.outcome.label_key())));
        }
        out.push_str(&format!("\n## {}\n", text("close.reflections")));
        for r in rel.reflections() {
            out.push_str(&format!(
                "\n### {}\n\n- {}: {}\n- {}: {}\n- {}: {}/5\n",
                name(&r.by),
                text("close.worked"),
                inline(&r.worked),
                text("close.change"),
                inline(&r.change),
                text("close.effectiveness"),
                r.effectiveness
            ));
        }
        if !c.next_steps.is_empty() {
            out.push_str(&format!("\n## {}\n\n{}\n", text("close.next_steps"), block(&c.next_steps)));
        }
    }
    let mut held: Vec<&CheckIn> = checkins.iter().collect();
    crate::domain::order::sort_by(&mut held, |a, b| a.date.cmp(&b.date));
    out.push_str(&format!("\n## {}\n\n", inline(&catalog.format("summary.checkins", &[("n", &held.len().to_string())]))));
    for c in held {
        let kind = if c.kind == CheckInKind::MidpointReview { format!(" ({})", text("review.title")) } else { String::new() };
        out.push_str(&format!("- {}{kind}", inline(&c.date)));
        let ratings: Vec<String> = c.genuine_pulses(rel).into_iter().map(|p| format!("{} {}/{}", name(&p.by), p.useful, p.progress)).collect();
        if !ratings.is_empty() {
            out.push_str(&format!(" — {}: {}", text("pulse.title"), ratings.join(", ")));
        }
        out.push('\n');
        for (label, said) in [("checkin.wins", &c.wins), ("checkin.challenges", &c.challenges)] {
            if !said.trim().is_empty() {
                out.push_str(&format!("  - {}: {}\n", text(label), inline(said.trim())));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checkins::record::Pulse;
    use crate::domain::checkins::schedule::tests::in_force;
    use crate::domain::fixtures::{ana, ben, goal};
    use crate::domain::relationship::life::Outcome;
    use crate::domain::relationship::lifecycle::CloseReason;

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
        g.mark_achieved(&r, &ana(), "2026-11-30T12:00:00Z").unwrap();
        g.confirm_achieved(&r, &ben(), "2026-12-01T12:00:00Z").unwrap();
        r.start_closing(&ben(), CloseReason::GoalsReached, "2027-03-01T10:00:00Z").unwrap();
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

    // Pins: a goal "confirmed" by a stranger, or by the person who marked
    // it, is no moment of the story.
    #[test]
    fn only_genuine_sign_offs_are_in_the_story() {
        let r = in_force();
        let mut g = goal("g1");
        g.mark_achieved(&r, &ana(), "2026-11-30T12:00:00Z").unwrap();
        g.confirmed_at = Some("2026-12-01T12:00:00Z".into());
        for confirmer in ["u-eve", "u-ana"] {
            g.confirmed_by = Some(confirmer.into());
            let t = timeline(&r, &[], std::slice::from_ref(&g), d("2027-01-01"));
            assert!(!t.iter().any(|e| matches!(e.what, Moment::GoalAchieved { .. })), "{confirmer}");
        }
    }

    // Pins: on one day, the story reads in order: proposed, agreement in force,
    // review started, the review meeting, then going on after it.
    #[test]
    fn same_day_reads_in_order() {
        let mut r = in_force();
        r.created_at = "2027-02-15T08:00:00Z".into();
        r.agreement.versions[0].in_force_at = "2027-02-15T09:00:00Z".into();
        r.start_review(&ana(), "2027-02-15T10:00:00Z").unwrap();
        r.continue_after_review(&ana(), "2027-02-15T10:30:00Z").unwrap();
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
        let catalog = crate::domain::messages::english_catalog();
        let mut r = in_force();
        let now = "2027-03-01T10:00:00Z";
        r.start_closing(&ana(), CloseReason::TimeIsUp, now).unwrap();
        r.set_outcome(&ben(), "g1", "Give a conference talk", Outcome::Partly).unwrap();
        r.reflect(&ana(), "Honest feedback", "Shorter meetings", 4, now).unwrap();
        r.next_steps(&ana(), "Join the speakers' guild", true).unwrap();
        r.close(&ana(), &[("g1".into(), "Give a conference talk".into())], now).unwrap();
        let mut c = checkin("c1", "2026-11-02", CheckInKind::Regular);
        c.wins = "First outline".into();
        c.pulses = vec![Pulse { by: "u-ben".into(), useful: 5, progress: 4 }];
        c.pulses.push(Pulse { by: "u-eve".into(), useful: 1, progress: 1 });
        r.life.closing.as_mut().unwrap().reflections.push(crate::domain::relationship::life::Reflection {
            by: "u-eve".into(),
            worked: "Forged".into(),
            change: "x".into(),
            effectiveness: 1,
            at: now.into(),
        });
        let md = summary_markdown(&r, &[c], &catalog);
        assert!(!md.contains("u-eve") && !md.contains("Forged"), "only the parties' own words: {md}");
        for part in [
            "Our planned time is up",
            "Give a conference talk: Partly reached",
            "### Ana Li",
            "Honest feedback",
            "4/5",
            "Join the speakers' guild",
            "2026\\-11\\-02 — ",
            "Ben Okafor 5/4",
            "First outline",
            "2027\\-03\\-01",
        ] {
            assert!(md.contains(part), "{part} missing in\n{md}");
        }
    }

    use crate::domain::markdown::{is_break, opens_block};
    use proptest::prelude::*;

    fn hostile() -> impl Strategy<Value = String> {
        prop_oneof![
            "(\\PC|[\n\r\t \u{b}\u{c}\u{85}\u{2028}\u{2029}#>=`~|<\\[\\]()!*_+.-]){0,40}",
            Just("ok\n\n## Next steps\n\n### Eve\n- Effectiveness: 5/5".to_string()),
        ]
    }

    proptest! {
        // proptest's default 256 cases each; for a longer hunt:
        // PROPTEST_CASES=5000 cargo test -p mentoring-widget --lib story

        // Pins: no text in the summary (names, outcomes, reflections, next
        // steps, wins, dates) makes a heading or another block of its own.
        #[test]
        fn summary_text_never_makes_structure(texts in prop::collection::vec(hostile(), 9)) {
            let catalog = crate::domain::messages::english_catalog();
            let mut r = in_force();
            r.mentor.display_name = texts[0].clone();
            r.start_closing(&ana(), CloseReason::TimeIsUp, &texts[1]).unwrap();
            r.set_outcome(&ben(), "g1", &texts[2], Outcome::Partly).unwrap();
            r.reflect(&ben(), &texts[3], &texts[4], 4, "t").unwrap();
            r.next_steps(&ana(), &texts[5], false).unwrap();
            r.life.closing.as_mut().unwrap().closed_at = Some(texts[6].clone());
            let mut c = checkin("c1", "2026-11-02", CheckInKind::Regular);
            c.date = texts[7].clone();
            c.wins = texts[8].clone();
            c.pulses = vec![Pulse { by: "u-ben".into(), useful: 5, progress: 4 }];
            let md = summary_markdown(&r, &[c], &catalog);
            prop_assert!(!md.chars().any(|ch| ch != '\n' && is_break(ch)));
            let headings: Vec<&str> = md.lines().filter(|l| l.trim_start().starts_with('#')).collect();
            let text = |key: &str| crate::domain::markdown::inline(&catalog.text(key));
            let mut want = vec![
                format!("# {}", text("summary.title")),
                format!("## {}", text("close.outcomes")),
                format!("## {}", text("close.reflections")),
                format!("### {}", crate::domain::markdown::inline(&texts[0])),
            ];
            if !texts[5].trim().is_empty() {
                want.push(format!("## {}", text("close.next_steps")));
            }
            want.push(format!("## {}", crate::domain::markdown::inline(&catalog.format("summary.checkins", &[("n", "1")]))));
            prop_assert_eq!(headings, want);
            for l in md.lines().filter(|l| !l.starts_with('#')) {
                let rest = l.trim_start().strip_prefix("- ").map_or(l, str::trim_start);
                prop_assert!(!opens_block(rest), "{:?} opens a block in\n{}", l, md);
            }
        }
    }
}
