//! Action items agreed in check-ins, and what carries into the next agenda.

use miniserde::{Deserialize, Serialize};

use crate::domain::dates::Date;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItem {
    pub id: String,
    pub text: String,
    /// The person's id.
    pub owner: String,
    /// `YYYY-MM-DD`.
    pub due: Option<String>,
    #[serde(rename = "goalId")]
    pub goal_id: Option<String>,
    pub done: bool,
}

/// One check-in's action items, with when it happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckInActions {
    pub held_on: Date,
    pub items: Vec<ActionItem>,
}

/// Open action items from earlier check-ins, for the next agenda: the latest
/// state of each item wins (ticked off later means it is not carried), in the
/// order they were first agreed.
pub fn carry_forward(earlier: &[CheckInActions]) -> Vec<ActionItem> {
    let mut by_time: Vec<&CheckInActions> = earlier.iter().collect();
    crate::domain::order::sort_by(&mut by_time, |a, b| a.held_on.cmp(&b.held_on));
    let mut latest: Vec<ActionItem> = Vec::new();
    for checkin in by_time {
        for item in &checkin.items {
            match latest.iter_mut().find(|i| i.id == item.id) {
                Some(seen) => *seen = item.clone(),
                None => latest.push(item.clone()),
            }
        }
    }
    latest.retain(|i| !i.done);
    latest
}

/// A goal that is due soon enough to talk about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoalDue {
    pub goal_id: String,
    pub title: String,
    pub due: Date,
}

/// How far ahead a goal's due date puts it on the agenda.
pub const GOAL_SOON_DAYS: i64 = 14;

/// The next agenda: open action items carried forward, goals due within two
/// weeks (or overdue), then the items either person added before the meeting.
pub fn agenda(carried: &[ActionItem], goals: &[GoalDue], added: &[String], today: Date) -> Vec<String> {
    let mut out: Vec<String> = carried.iter().map(|a| a.text.clone()).collect();
    let mut soon: Vec<&GoalDue> = goals.iter().filter(|g| today.days_until(g.due) <= GOAL_SOON_DAYS).collect();
    crate::domain::order::sort_by(&mut soon, |a, b| a.due.cmp(&b.due).then_with(|| a.goal_id.cmp(&b.goal_id)));
    out.extend(soon.into_iter().map(|g| g.title.clone()));
    for item in added {
        let item = item.trim();
        if !item.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(item)) {
            out.push(item.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: &str, done: bool) -> ActionItem {
        ActionItem { id: id.into(), text: format!("do {id}"), owner: "u-ana".into(), due: None, goal_id: None, done }
    }
    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    // Pins: open items carry forward; an item ticked off in a later check-in does
    // not; order is the order they were agreed, whatever order check-ins are read in.
    #[test]
    fn carrying_forward() {
        let first = CheckInActions { held_on: d("2026-11-01"), items: vec![item("a", false), item("b", false)] };
        let second = CheckInActions { held_on: d("2026-11-15"), items: vec![item("a", true), item("c", false)] };
        let carried = carry_forward(&[second.clone(), first.clone()]);
        let ids: Vec<&str> = carried.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["b", "c"]);
        assert!(carry_forward(&[]).is_empty());
    }

    // Pins: the agenda lists carried items, then goals due within two weeks (soonest
    // first), then added items without duplicates.
    #[test]
    fn agenda_order() {
        let goals = vec![
            GoalDue { goal_id: "g1".into(), title: "Talk at all-hands".into(), due: d("2026-12-10") },
            GoalDue { goal_id: "g2".into(), title: "Far goal".into(), due: d("2027-06-01") },
            GoalDue { goal_id: "g3".into(), title: "Overdue goal".into(), due: d("2026-11-20") },
        ];
        let a = agenda(&[item("b", false)], &goals, &["Feedback on my slides".into(), " do b ".into(), " ".into()], d("2026-12-01"));
        assert_eq!(a, ["do b", "Overdue goal", "Talk at all-hands", "Feedback on my slides"]);
    }
}
