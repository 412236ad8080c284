//! Merging two people's concurrent edits of one goal: field by field where
//! they touched different things, every milestone either added, every
//! progress entry either recorded; clashes are listed for the person.

use super::model::{Goal, Milestone};

/// What two concurrent edits of a goal come to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoalMerge {
    /// Mine wherever both changed the same thing differently (nothing typed is
    /// lost from the screen); theirs where only they changed it.
    pub merged: Goal,
    /// The parts both changed differently, for the person to look at.
    pub conflicts: Vec<&'static str>,
}

fn pick<T: Clone + PartialEq>(name: &'static str, base: &T, mine: &T, theirs: &T, conflicts: &mut Vec<&'static str>) -> T {
    if mine == base || mine == theirs {
        theirs.clone()
    } else if theirs == base {
        mine.clone()
    } else {
        conflicts.push(name);
        mine.clone()
    }
}

fn merge_milestones(base: &[Milestone], mine: &[Milestone], theirs: &[Milestone], conflicts: &mut Vec<&'static str>) -> Vec<Milestone> {
    let find = |list: &[Milestone], id: &str| list.iter().find(|m| m.id == id).cloned();
    let mut out = Vec::new();
    let mut ids: Vec<String> = mine.iter().map(|m| m.id.clone()).collect();
    ids.extend(theirs.iter().filter(|t| !mine.iter().any(|m| m.id == t.id)).map(|t| t.id.clone()));
    for id in ids {
        let b = find(base, &id);
        match (find(mine, &id), find(theirs, &id)) {
            (Some(m), Some(t)) => {
                let b = b.unwrap_or_else(|| m.clone());
                let mut local = Vec::new();
                let merged = Milestone {
                    id: id.clone(),
                    text: pick("milestones", &b.text, &m.text, &t.text, &mut local),
                    due: pick("milestones", &b.due, &m.due, &t.due, &mut local),
                    done: pick("milestones", &b.done, &m.done, &t.done, &mut local),
                };
                if !local.is_empty() && !conflicts.contains(&"milestones") {
                    conflicts.push("milestones");
                }
                out.push(merged);
            }
            // Only on my side: new (keep), or deleted by them — kept if I changed it.
            (Some(m), None) => {
                if b.as_ref().is_none_or(|b| *b != m) {
                    out.push(m);
                }
            }
            (None, Some(t)) => {
                if b.as_ref().is_none_or(|b| *b != t) {
                    out.push(t);
                }
            }
            (None, None) => {}
        }
    }
    out
}

pub fn merge(base: &Goal, mine: &Goal, theirs: &Goal) -> GoalMerge {
    let mut c = Vec::new();
    let mut history = mine.history.clone();
    for entry in &theirs.history {
        if !history.contains(entry) {
            history.push(entry.clone());
        }
    }
    crate::domain::order::sort_by(&mut history, |a, b| {
        a.at.cmp(&b.at).then_with(|| a.by.cmp(&b.by)).then_with(|| a.value.cmp(&b.value)).then_with(|| a.note.cmp(&b.note))
    });
    let merged = Goal {
        id: mine.id.clone(),
        relationship_id: mine.relationship_id.clone(),
        owner: mine.owner.clone(),
        title: pick("title", &base.title, &mine.title, &theirs.title, &mut c),
        description: pick("description", &base.description, &mine.description, &theirs.description, &mut c),
        specific: pick("specific", &base.specific, &mine.specific, &theirs.specific, &mut c),
        measure: pick("measure", &base.measure, &mine.measure, &theirs.measure, &mut c),
        achievable: pick("achievable", &base.achievable, &mine.achievable, &theirs.achievable, &mut c),
        relevant: pick("relevant", &base.relevant, &mine.relevant, &theirs.relevant, &mut c),
        due: pick("due", &base.due, &mine.due, &theirs.due, &mut c),
        milestones: merge_milestones(&base.milestones, &mine.milestones, &theirs.milestones, &mut c),
        manual_progress: pick("progress", &base.manual_progress, &mine.manual_progress, &theirs.manual_progress, &mut c),
        status: pick("status", &base.status, &mine.status, &theirs.status, &mut c),
        drop_reason: pick("status", &base.drop_reason, &mine.drop_reason, &theirs.drop_reason, &mut Vec::new()),
        priority: pick("priority", &base.priority, &mine.priority, &theirs.priority, &mut Vec::new()),
        history,
        achieved_by: pick("status", &base.achieved_by, &mine.achieved_by, &theirs.achieved_by, &mut Vec::new()),
        confirmed_by: pick("status", &base.confirmed_by, &mine.confirmed_by, &theirs.confirmed_by, &mut Vec::new()),
        confirmed_at: pick("status", &base.confirmed_at, &mine.confirmed_at, &theirs.confirmed_at, &mut Vec::new()),
        updated_at: mine.updated_at.clone().max(theirs.updated_at.clone()),
    };
    c.dedup();
    GoalMerge { merged, conflicts: c }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::fixtures::{ana, ben, goal};
    use crate::domain::goals::ProgressEntry;
    use proptest::prelude::*;

    fn ms(id: &str, done: bool) -> Milestone {
        Milestone { id: id.into(), text: format!("step {id}"), due: None, done }
    }

    // Pins: different fields merge; the same field changed two ways is a conflict
    // that keeps mine on screen.
    #[test]
    fn fields_merge_or_conflict() {
        let base = goal("g");
        let mut mine = base.clone();
        mine.measure = "Three talks".into();
        let mut theirs = base.clone();
        theirs.due = Some("2027-01-01".into());
        let m = merge(&base, &mine, &theirs);
        assert!(m.conflicts.is_empty());
        assert_eq!((m.merged.measure.as_str(), m.merged.due.as_deref()), ("Three talks", Some("2027-01-01")));
        theirs.measure = "Two talks".into();
        let m = merge(&base, &mine, &theirs);
        assert_eq!(m.conflicts, ["measure"]);
        assert_eq!(m.merged.measure, "Three talks");
    }

    // Pins: milestones added on either side survive; a tick on one side and a
    // rename on the other both land; a deletion stands only if the other side left it alone.
    #[test]
    fn milestones_merge_by_id() {
        let mut base = goal("g");
        base.milestones = vec![ms("a", false), ms("b", false)];
        let mut mine = base.clone();
        mine.milestones[0].done = true;
        mine.milestones.push(ms("c", false));
        let mut theirs = base.clone();
        theirs.milestones[0].text = "Outline the talk".into();
        theirs.milestones.retain(|m| m.id != "b");
        theirs.milestones.push(ms("d", false));
        let m = merge(&base, &mine, &theirs);
        let ids: Vec<&str> = m.merged.milestones.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["a", "c", "d"]);
        assert!(m.merged.milestones[0].done);
        assert_eq!(m.merged.milestones[0].text, "Outline the talk");
        assert!(m.conflicts.is_empty());
    }

    // Pins: both people's progress entries are kept, in time order.
    #[test]
    fn history_is_a_union() {
        let base = goal("g");
        let mut mine = base.clone();
        mine.set_progress(20, &ana(), "2026-01-02", "").unwrap();
        let mut theirs = base.clone();
        theirs.set_progress(30, &ben(), "2026-01-01", "").unwrap();
        let m = merge(&base, &mine, &theirs);
        let at: Vec<&str> = m.merged.history.iter().map(|h| h.at.as_str()).collect();
        assert_eq!(at, ["2026-01-01", "2026-01-02"]);
    }

    fn entry(i: u8) -> ProgressEntry {
        ProgressEntry { at: format!("t{i:03}"), by: "u".into(), value: i, note: String::new(), check_in: None }
    }

    proptest! {
        // Pins: no progress entry and no newly added milestone is ever lost,
        // whatever the two sides did.
        #[test]
        fn nothing_added_is_lost(a in prop::collection::vec(0u8..50, 0..6), b in prop::collection::vec(0u8..50, 0..6),
                                 ma in prop::collection::vec("[a-e]", 0..4), mb in prop::collection::vec("[f-j]", 0..4)) {
            let base = goal("g");
            let mut mine = base.clone();
            mine.history = a.iter().map(|i| entry(*i)).collect();
            mine.milestones = ma.iter().map(|id| ms(id, false)).collect();
            mine.milestones.dedup_by(|x, y| x.id == y.id);
            let mut theirs = base.clone();
            theirs.history = b.iter().map(|i| entry(*i)).collect();
            theirs.milestones = mb.iter().map(|id| ms(id, true)).collect();
            theirs.milestones.dedup_by(|x, y| x.id == y.id);
            let m = merge(&base, &mine, &theirs);
            for e in mine.history.iter().chain(theirs.history.iter()) {
                prop_assert!(m.merged.history.contains(e));
            }
            for s in mine.milestones.iter().chain(theirs.milestones.iter()) {
                prop_assert!(m.merged.milestones.iter().any(|x| x.id == s.id));
            }
        }
    }
}
