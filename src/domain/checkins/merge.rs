//! When both people save the same check-in at once: a three-way merge from
//! the version both started from. Fields and list entries (agenda items,
//! action items, progress per goal, each person's pulse) that only one side
//! touched are taken from that side; where both changed the same one
//! differently, mine stays on screen and the field is named, so the person
//! sees it and saves again (the README's "Integrity: what a save promises").

use super::record::CheckIn;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    pub checkin: CheckIn,
    /// Names of the fields both changed differently (message keys of their labels).
    pub clashes: Vec<&'static str>,
}

fn pick<T: Clone + PartialEq>(base: &T, mine: &T, theirs: &T, label: &'static str, clashes: &mut Vec<&'static str>) -> T {
    if mine == base {
        theirs.clone()
    } else {
        if theirs != base && theirs != mine && !clashes.contains(&label) {
            clashes.push(label);
        }
        mine.clone()
    }
}

/// Lists of entries with an identity: an entry only one side added, changed
/// or removed follows that side.
fn merge_list<T: Clone + PartialEq>(base: &[T], mine: &[T], theirs: &[T], id: fn(&T) -> &str, label: &'static str, clashes: &mut Vec<&'static str>) -> Vec<T> {
    let find = |list: &[T], key: &str| list.iter().find(|x| id(x) == key).cloned();
    let mut out = Vec::new();
    for m in mine {
        let key = id(m);
        match (find(base, key), find(theirs, key)) {
            (Some(b), Some(t)) => out.push(pick(&b, m, &t, label, clashes)),
            // They removed it: gone, unless I changed it meanwhile.
            (Some(b), None) if *m == b => {}
            _ => out.push(m.clone()),
        }
    }
    for t in theirs {
        let key = id(t);
        if find(mine, key).is_some() {
            continue;
        }
        match find(base, key) {
            // I removed it and they did not change it: stays removed.
            Some(b) if b == *t => {}
            _ => out.push(t.clone()),
        }
    }
    out
}

pub fn merge(base: &CheckIn, mine: &CheckIn, theirs: &CheckIn) -> Merged {
    let mut c = Vec::new();
    let checkin = CheckIn {
        id: mine.id.clone(),
        relationship_id: mine.relationship_id.clone(),
        kind: pick(&base.kind, &mine.kind, &theirs.kind, "checkin.heading", &mut c),
        date: pick(&base.date, &mine.date, &theirs.date, "checkin.date", &mut c),
        time: pick(&base.time, &mine.time, &theirs.time, "checkin.time", &mut c),
        minutes: pick(&base.minutes, &mine.minutes, &theirs.minutes, "checkin.minutes", &mut c),
        format: pick(&base.format, &mine.format, &theirs.format, "checkin.format", &mut c),
        agenda: merge_list(&base.agenda, &mine.agenda, &theirs.agenda, |a| &a.id, "checkin.agenda", &mut c),
        notes: pick(&base.notes, &mine.notes, &theirs.notes, "checkin.notes", &mut c),
        wins: pick(&base.wins, &mine.wins, &theirs.wins, "checkin.wins", &mut c),
        challenges: pick(&base.challenges, &mine.challenges, &theirs.challenges, "checkin.challenges", &mut c),
        feedback: pick(&base.feedback, &mine.feedback, &theirs.feedback, "checkin.feedback", &mut c),
        progress: merge_list(&base.progress, &mine.progress, &theirs.progress, |p| &p.goal_id, "checkin.progress", &mut c),
        actions: merge_list(&base.actions, &mine.actions, &theirs.actions, |a| &a.id, "checkin.actions", &mut c),
        pulses: merge_list(&base.pulses, &mine.pulses, &theirs.pulses, |p| &p.by, "pulse.title", &mut c),
        review: pick(&base.review, &mine.review, &theirs.review, "review.title", &mut c),
        created_by: base.created_by.clone(),
        updated_at: if mine.updated_at > theirs.updated_at { mine.updated_at.clone() } else { theirs.updated_at.clone() },
    };
    Merged { checkin, clashes: c }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checkins::actions::ActionItem;
    use crate::domain::dates::Date;
    use crate::domain::fixtures::{ana, ben, rel};
    use proptest::prelude::*;

    fn base() -> CheckIn {
        let mut c = CheckIn::plan(&rel(), &ana(), "c1".into(), Date::parse("2026-11-02").unwrap(), &[], &[], "t0");
        c.actions = vec![action("a1", "Send the outline")];
        c
    }
    fn action(id: &str, text: &str) -> ActionItem {
        ActionItem { id: id.into(), text: text.into(), owner: "u-ana".into(), due: None, goal_id: None, done: false }
    }

    // Pins: different fields and different list entries from each side both
    // survive; a removal by one side that the other did not touch holds.
    #[test]
    fn both_sides_survive() {
        let b = base();
        let mut mine = b.clone();
        mine.notes = "We talked about the outline".into();
        mine.actions.push(action("a2", "Book a rehearsal room"));
        mine.rate(&ana(), 4, 4).unwrap();
        let mut theirs = b.clone();
        theirs.wins = "First draft done".into();
        theirs.actions[0].done = true;
        theirs.add_agenda("Conference deadline", &ben(), "x1".into()).unwrap();
        theirs.rate(&ben(), 5, 3).unwrap();
        let m = merge(&b, &mine, &theirs);
        assert!(m.clashes.is_empty());
        assert_eq!(m.checkin.notes, "We talked about the outline");
        assert_eq!(m.checkin.wins, "First draft done");
        assert!(m.checkin.actions[0].done);
        assert_eq!(m.checkin.actions.len(), 2);
        assert_eq!(m.checkin.agenda.len(), 1);
        assert_eq!(m.checkin.pulses.len(), 2);

        let mut removed = b.clone();
        removed.actions.clear();
        assert!(merge(&b, &removed, &theirs).checkin.actions.len() == 1, "their change to a1 outlives my removal");
        assert!(merge(&b, &removed, &b).checkin.actions.is_empty());
    }

    // Pins: the same field changed differently on both sides keeps mine and names the field.
    #[test]
    fn clashes_are_named() {
        let b = base();
        let (mut mine, mut theirs) = (b.clone(), b.clone());
        mine.notes = "mine".into();
        theirs.notes = "theirs".into();
        mine.actions[0].text = "Send the outline by Friday".into();
        theirs.actions[0].text = "Send the outline to Ben".into();
        let m = merge(&b, &mine, &theirs);
        assert_eq!(m.clashes, ["checkin.notes", "checkin.actions"]);
        assert_eq!(m.checkin.notes, "mine");
    }

    proptest! {
        // Pins: merging with an untouched side gives the other side, for any edit.
        #[test]
        fn untouched_side_yields_the_other(notes in ".{0,20}", wins in ".{0,20}", drop_action in any::<bool>(), minutes in 5u32..480) {
            let b = base();
            let mut edited = b.clone();
            edited.notes = notes;
            edited.wins = wins;
            edited.minutes = minutes;
            if drop_action { edited.actions.clear(); }
            prop_assert_eq!(&merge(&b, &edited, &b).checkin, &edited);
            prop_assert_eq!(&merge(&b, &b, &edited).checkin, &edited);
            prop_assert!(merge(&b, &edited, &edited).clashes.is_empty());
        }
    }
}
