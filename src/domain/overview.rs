//! What a relationship's overview shows: what needs me now, the next
//! check-in with the action items still open, the goals at a glance and the
//! latest activity. Read from the same documents the other views show.

use crate::domain::agreement::Status;
use crate::domain::checkins::actions::{carry_forward, ActionItem, CheckInActions};
use crate::domain::checkins::cadence::Due;
use crate::domain::checkins::record::CheckIn;
use crate::domain::checkins::schedule::{next_due, review_due};
use crate::domain::checkins::story::{timeline, Entry};
use crate::domain::dates::Date;
use crate::domain::goals::{Goal, GoalStatus};
use crate::domain::person::Person;
use crate::domain::relationship::{Relationship, State};
use crate::domain::route::Tab;

/// Something only I can do next, with the view where it is done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Need {
    /// No agreement yet: write one together.
    StartAgreement,
    /// My partner signed (or the content changed after a signature) and mine is missing.
    SignAgreement,
    /// My partner marked a goal achieved; it counts once I confirm.
    ConfirmGoal { goal_id: String, title: String },
    /// The agreed mid-point review has come.
    Review,
    /// A check-in is due today or overdue.
    CheckIn { date: Date, overdue_days: i64 },
    /// Moving on: my reflection is still missing.
    Reflect,
}

impl Need {
    /// Where the person goes to do it.
    pub fn tab(&self) -> Tab {
        match self {
            Need::StartAgreement | Need::SignAgreement => Tab::Agreement,
            Need::ConfirmGoal { .. } => Tab::Goals,
            Need::Review | Need::CheckIn { .. } | Need::Reflect => Tab::CheckIns,
        }
    }
}

/// What needs `me` now, most pressing first. Nothing once closed.
pub fn needs(rel: &Relationship, me: &Person, goals: &[Goal], checkins: &[CheckIn], today: Date) -> Vec<Need> {
    let mut out = Vec::new();
    let Some(my_role) = rel.role_of(me) else { return out };
    if rel.state == State::Closed {
        return out;
    }
    match rel.agreement_status() {
        Status::None if rel.agreement.versions.is_empty() => out.push(Need::StartAgreement),
        Status::AwaitingSignature { signed } if !signed.contains(&my_role) => out.push(Need::SignAgreement),
        Status::ChangedAfterSigning => out.push(Need::SignAgreement),
        _ => {}
    }
    let dates: Vec<Date> = checkins.iter().filter_map(CheckIn::day).collect();
    if let Some((date, due)) = next_due(rel, &dates, today) {
        match due {
            Due::Today => out.push(Need::CheckIn { date, overdue_days: 0 }),
            Due::OverdueBy(days) => out.push(Need::CheckIn { date, overdue_days: days }),
            Due::InDays(_) => {}
        }
    }
    if review_due(rel, today) {
        out.push(Need::Review);
    }
    for g in goals {
        // Marked by my partner (not by me, not by a stranger) and not yet
        // genuinely confirmed: a confirmation by anyone but me does not count.
        let marked_by_partner = g.achieved_by.as_deref().is_some_and(|by| by != me.id && rel.role_of_id(by) == Some(my_role.other()));
        if g.status == GoalStatus::Achieved && !g.confirmation_is_genuine(rel) && marked_by_partner {
            out.push(Need::ConfirmGoal { goal_id: g.id.clone(), title: g.title.clone() });
        }
    }
    if rel.state == State::Closing && rel.life.closing.as_ref().is_some_and(|c| c.reflection_of(&me.id).is_none()) {
        out.push(Need::Reflect);
    }
    out
}

/// Action items agreed at check-ins held by `today` and not yet done, in the
/// order they were agreed: what the next check-in picks up.
pub fn open_actions(checkins: &[CheckIn], today: Date) -> Vec<ActionItem> {
    let held: Vec<CheckInActions> =
        checkins.iter().filter_map(|c| c.day().filter(|d| *d <= today).map(|held_on| CheckInActions { held_on, items: c.actions.clone() })).collect();
    carry_forward(&held)
}

/// One goal as the overview lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoalGlance {
    pub id: String,
    pub title: String,
    pub progress: u8,
    pub status: GoalStatus,
    pub overdue: bool,
}

/// Goals still in play first (by priority), then achieved; dropped ones are left out.
pub fn goals_at_a_glance(goals: &[Goal], today: Date) -> Vec<GoalGlance> {
    let mut list: Vec<&Goal> = goals.iter().filter(|g| g.status != GoalStatus::Dropped).collect();
    crate::domain::order::sort_by(&mut list, |a, b| {
        (a.status == GoalStatus::Achieved, a.priority, &a.id).cmp(&(b.status == GoalStatus::Achieved, b.priority, &b.id))
    });
    list.into_iter()
        .map(|g| GoalGlance { id: g.id.clone(), title: g.title.clone(), progress: g.progress(), status: g.status, overdue: g.is_overdue(today) })
        .collect()
}

/// The `n` most recent moments of the relationship's story, newest first.
pub fn latest_activity(rel: &Relationship, checkins: &[CheckIn], goals: &[Goal], today: Date, n: usize) -> Vec<Entry> {
    let mut all = timeline(rel, checkins, goals, today);
    all.reverse();
    all.truncate(n);
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::agreement::Content;
    use crate::domain::checkins::schedule::tests::in_force;
    use crate::domain::fixtures::{ana, ben, goal, rel};

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn checkin(id: &str, date: &str, actions: &[(&str, bool)]) -> CheckIn {
        let mut c = CheckIn::plan(&rel(), &ana(), id.into(), d(date), &[], &[], "t");
        c.actions = actions
            .iter()
            .map(|(text, done)| ActionItem { id: text.to_string(), text: text.to_string(), owner: "u-ana".into(), due: None, goal_id: None, done: *done })
            .collect();
        c
    }

    // Pins: a new relationship asks for an agreement; a draft signed by the
    // partner asks me to sign, and no longer once I have.
    #[test]
    fn the_agreement_needs_my_signature() {
        let mut r = rel();
        assert_eq!(needs(&r, &ana(), &[], &[], d("2026-11-20")), [Need::StartAgreement]);
        let mut content = Content::new();
        content.insert("purpose".into(), "Grow as a speaker".into());
        r.start_draft(content, &ana(), "t");
        assert_eq!(needs(&r, &ana(), &[], &[], d("2026-11-20")), [], "a draft nobody signed asks nothing yet");
        let draft = r.agreement.draft.as_mut().unwrap();
        draft.signatures.push(crate::domain::agreement::Signature {
            by: "u-ben".into(),
            name: "Ben Okafor".into(),
            role: crate::domain::relationship::Role::Mentor,
            at: "t".into(),
            hash: crate::domain::agreement::record::content_hash(&draft.content),
            hash_version: Some(crate::domain::agreement::record::HASH_VERSION),
        });
        assert_eq!(needs(&r, &ana(), &[], &[], d("2026-11-20")), [Need::SignAgreement]);
        assert_eq!(needs(&r, &ben(), &[], &[], d("2026-11-20")), [], "Ben has signed");
        assert_eq!(Need::SignAgreement.tab(), Tab::Agreement);
    }

    // Pins: an overdue check-in, the review and a goal the partner marked
    // achieved all show, each pointing at its view; nothing once closed.
    #[test]
    fn check_ins_review_and_goals() {
        let mut r = in_force();
        let mut g = goal("g1");
        g.status = GoalStatus::Achieved;
        g.achieved_by = Some("u-ben".into());
        let got = needs(&r, &ana(), &[g.clone()], &[], d("2027-02-20"));
        assert_eq!(got[0], Need::CheckIn { date: d("2026-11-02"), overdue_days: 110 });
        assert_eq!(got[1], Need::Review);
        assert_eq!(got[2], Need::ConfirmGoal { goal_id: "g1".into(), title: "Give a conference talk".into() });
        assert_eq!(got.iter().map(Need::tab).collect::<Vec<_>>(), [Tab::CheckIns, Tab::CheckIns, Tab::Goals]);
        let bens = needs(&r, &ben(), &[g], &[], d("2027-02-20"));
        assert!(!bens.iter().any(|n| matches!(n, Need::ConfirmGoal { .. })), "the one who marked it does not confirm it");
        r.state = State::Closed;
        assert_eq!(needs(&r, &ana(), &[], &[], d("2027-02-20")), []);
    }

    // Pins: a goal marked by my partner still asks me to confirm when its
    // stored confirmation is not genuine (by them again, or by a stranger);
    // a goal "marked" by a stranger asks nothing.
    #[test]
    fn only_genuine_confirmations_settle_a_goal() {
        let r = in_force();
        let mut g = goal("g1");
        g.status = GoalStatus::Achieved;
        g.achieved_by = Some("u-ben".into());
        for confirmer in ["u-ben", "u-eve"] {
            g.confirmed_by = Some(confirmer.into());
            let got = needs(&r, &ana(), &[g.clone()], &[], d("2026-11-01"));
            assert!(got.iter().any(|n| matches!(n, Need::ConfirmGoal { .. })), "{confirmer}");
        }
        g.confirmed_by = Some("u-ana".into());
        assert!(!needs(&r, &ana(), &[g.clone()], &[], d("2026-11-01")).iter().any(|n| matches!(n, Need::ConfirmGoal { .. })));
        g.achieved_by = Some("u-eve".into());
        g.confirmed_by = None;
        assert!(!needs(&r, &ana(), &[g], &[], d("2026-11-01")).iter().any(|n| matches!(n, Need::ConfirmGoal { .. })));
    }

    // Pins: a draft signature in my partner's role by someone else does not
    // ask me to sign (nothing of theirs is there yet).
    #[test]
    fn forged_partner_signature_asks_nothing() {
        let mut r = rel();
        let mut content = Content::new();
        content.insert("purpose".into(), "Grow".into());
        r.start_draft(content, &ana(), "t");
        let draft = r.agreement.draft.as_mut().unwrap();
        draft.signatures.push(crate::domain::agreement::Signature {
            by: "u-eve".into(),
            name: "Ben Okafor".into(),
            role: crate::domain::relationship::Role::Mentor,
            at: "t".into(),
            hash: crate::domain::agreement::record::content_hash(&draft.content),
            hash_version: Some(crate::domain::agreement::record::HASH_VERSION),
        });
        assert_eq!(needs(&r, &ana(), &[], &[], d("2026-11-20")), []);
    }

    // Pins: open actions are those not ticked off by a later check-in, and
    // only from check-ins already held.
    #[test]
    fn open_actions_follow_the_latest_state() {
        let first = checkin("c1", "2026-11-02", &[("slides", false), ("intro", false)]);
        let second = checkin("c2", "2026-11-16", &[("slides", true), ("intro", false), ("venue", false)]);
        let planned = checkin("c3", "2026-12-01", &[("future", false)]);
        let open: Vec<String> = open_actions(&[second, planned, first], d("2026-11-20")).into_iter().map(|a| a.id).collect();
        assert_eq!(open, ["intro", "venue"]);
    }

    // Pins: goals at a glance put open goals first by priority, achieved after, and leave dropped ones out.
    #[test]
    fn glance_order() {
        let mut a = goal("a");
        a.priority = 2;
        let mut b = goal("b");
        b.priority = 1;
        let mut done = goal("c");
        done.priority = 0;
        done.status = GoalStatus::Achieved;
        let mut dropped = goal("d");
        dropped.status = GoalStatus::Dropped;
        let ids: Vec<String> = goals_at_a_glance(&[a, done, dropped, b], d("2026-11-20")).into_iter().map(|g| g.id).collect();
        assert_eq!(ids, ["b", "a", "c"]);
    }

    // Pins: the latest activity is the timeline's end, newest first.
    #[test]
    fn latest_first() {
        let mut r = in_force();
        r.created_at = "2026-10-30T09:00:00Z".into();
        let c = checkin("c1", "2026-11-02", &[]);
        let got = latest_activity(&r, &[c], &[], d("2026-11-20"), 2);
        assert_eq!(got.len(), 2);
        assert!(got[0].at >= got[1].at);
        assert!(matches!(got[0].what, crate::domain::checkins::story::Moment::CheckIn { .. }));
    }
}
