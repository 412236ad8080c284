//! Each kind of document's write over the one save path ([`save`]): the
//! carry rule that kind of change gets when someone else stored first. The
//! screens call these; the interleaving harness drives the very same
//! functions natively (its tabs mirror the forms' own bookkeeping).
//!
//! - A check-in or a goal as typed: merged three-way from the base it was
//!   typed on; parts both changed differently clash, mine stays on screen.
//! - A step on a goal (its place in the list, progress a check-in gave):
//!   done again on theirs; already done counts as done.
//! - A private note: mine over my other tab's only if that tab changed
//!   nothing since mine was typed; otherwise both texts are shown.
//! - A check-in's progress, fed into its goals after the check-in is stored:
//!   idempotent per goal, so a retry after a lost answer records nothing twice.

use super::save::{again, read, save, Carry, Held, SaveError, Saved, Store};
use crate::domain::checkins::merge::merge as merge_checkin;
use crate::domain::checkins::record::{apply_update, CheckIn, PrivateNote};
use crate::domain::goals::merge::merge as merge_goal;
use crate::domain::goals::{Goal, GoalError};
use crate::domain::keys;
use crate::domain::person::Person;

/// Names of the parts both sides changed differently (label keys).
pub type Clashes = Vec<&'static str>;

/// Saves a check-in as typed on `base` (`None`: a new one). `sent` is what
/// this tab sent in a create whose answer never came: if it did land and the
/// partner changed it since, the merge starts from it, so their edits are
/// kept instead of overwritten.
/// Nothing is written when `mine` is what is stored (saving again only to
/// feed progress that did not reach its goals).
pub async fn checkin(
    store: &impl Store,
    key: &str,
    base: Option<Held<CheckIn>>,
    sent: Option<&CheckIn>,
    mine: CheckIn,
) -> Result<Saved<CheckIn, Clashes>, SaveError> {
    if let Some(held) = base.as_ref().filter(|b| b.doc == mine) {
        return Ok(Saved::Stored { held: held.clone(), merged: false });
    }
    save(store, key, base, mine, &mut |base, mine, theirs| {
        let m = merge_checkin(base.or(sent).unwrap_or(theirs), mine, theirs);
        if m.clashes.is_empty() {
            Carry::Write(m.checkin)
        } else {
            Carry::Clash(m.checkin, m.clashes)
        }
    })
    .await
}

/// Saves a goal as edited on `base` (`None`: a new one).
pub async fn goal(store: &impl Store, key: &str, base: Option<Held<Goal>>, mine: Goal) -> Result<Saved<Goal, Clashes>, SaveError> {
    save(store, key, base, mine, &mut |base, mine, theirs| {
        let m = merge_goal(base.unwrap_or(theirs), mine, theirs);
        if m.conflicts.is_empty() {
            Carry::Write(m.merged)
        } else {
            Carry::Clash(m.merged, m.conflicts)
        }
    })
    .await
}

/// Does `step` to the goal held, and again to theirs over a crossing save.
/// `step` says `Ok(false)` when the goal already has it: nothing is written.
pub async fn goal_step(
    store: &impl Store,
    key: &str,
    held: Held<Goal>,
    step: impl Fn(&mut Goal) -> Result<bool, GoalError>,
) -> Result<Saved<Goal, GoalError>, SaveError> {
    let mut mine = held.doc.clone();
    match step(&mut mine) {
        Ok(true) => {}
        Ok(false) => return Ok(Saved::Stored { held, merged: false }),
        Err(why) => return Ok(Saved::Refused { stored: held, why }),
    }
    save(store, key, Some(held), mine, &mut |_, _, theirs| again(theirs, &step)).await
}

/// Saves my private note typed on `base`. Only I write there, from any of
/// my tabs: if another tab saved a different text since, nothing is
/// written and both are shown (`Clashed`); saving again writes mine over it.
pub async fn private_note(store: &impl Store, key: &str, base: Option<Held<PrivateNote>>, mine: PrivateNote) -> Result<Saved<PrivateNote, ()>, SaveError> {
    save(store, key, base, mine, &mut |base, mine: &PrivateNote, theirs: &PrivateNote| {
        if theirs.text == mine.text {
            Carry::Already
        } else if base.is_some_and(|b| b.text == theirs.text) {
            Carry::Write(mine.clone())
        } else {
            Carry::Clash(mine.clone(), ())
        }
    })
    .await
}

/// A progress update that did not reach its goal (yet), and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Unfed {
    pub goal_id: String,
    pub error: SaveError,
}

/// What feeding came to: goals written (for `mw:saved`), goals not reached,
/// and the check-in whose progress is now known to be in the goals (`None`
/// when that could not be confirmed: the next save feeds again, harmlessly).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fed {
    pub written: Vec<String>,
    pub unfed: Vec<Unfed>,
    pub fed: Option<CheckIn>,
}

/// Feeds the progress `me` gave in `stored` (new since `fed`, the version
/// already fed) into each goal's history, named after `meeting`.
///
/// Each goal is read and the update applied through [`goal_step`], which
/// records it only if the goal does not have it yet: feeding the same
/// check-in twice (a retry after a lost answer, a reload) records nothing
/// twice. A goal that is gone, finished or unreadable is skipped (its card
/// says why); one the host could not be reached for comes back in the list,
/// to be fed again on the next save.
///
/// Then the check-in is read again: if another of my tabs changed my progress
/// meanwhile, this feed may have landed after theirs with an older value, so
/// what the check-in says now is fed too. The last feed of anyone thus
/// leaves each goal with the progress the stored check-in holds.
pub async fn feed_goals(store: &impl Store, key: &str, stored: &CheckIn, fed: Option<&CheckIn>, me: &Person, at: &str, meeting: &str) -> Fed {
    let mut out = Fed::default();
    // Fed from the check-in as stored now, not as this tab last saw it: a
    // tab that kept an older copy must never feed its older progress.
    let start = match read::<CheckIn>(store, key).await {
        Ok(Some(held)) => held.doc,
        _ => stored.clone(),
    };
    let (mut now, mut done) = (start, fed.cloned());
    let mine = |c: &CheckIn| c.progress.iter().filter(|u| u.by == me.id).cloned().collect::<Vec<_>>();
    for _ in 0..3 {
        for update in now.updates_to_feed(done.as_ref(), &me.id) {
            let gkey = keys::goal(&now.relationship_id, &update.goal_id);
            let outcome = match read::<Goal>(store, &gkey).await {
                Ok(Some(held)) => goal_step(store, &gkey, held, |g| apply_update(g, &now.id, &update, me, at, meeting)).await.map(Some),
                Ok(None) | Err(SaveError::Unreadable(_)) => Ok(None),
                Err(e) => Err(e),
            };
            match outcome {
                Ok(Some(Saved::Stored { .. })) => out.written.push(update.goal_id.clone()),
                Ok(_) | Err(SaveError::Gone | SaveError::Unreadable(_)) => {}
                Err(error) => out.unfed.push(Unfed { goal_id: update.goal_id.clone(), error }),
            }
        }
        if !out.unfed.is_empty() {
            return out;
        }
        match read::<CheckIn>(store, key).await {
            Ok(Some(again)) if mine(&again.doc) != mine(&now) => {
                done = Some(std::mem::replace(&mut now, again.doc));
            }
            // Unchanged, gone or unreadable: nothing more to feed.
            Ok(_) | Err(SaveError::Unreadable(_)) => {
                out.fed = Some(now);
                return out;
            }
            Err(_) => return out,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bridge::save::harness::{alone, run, Actor, Port, Tape, World};
    use crate::domain::checkins::record::GoalUpdate;
    use crate::domain::envelope::{decode, encode};
    use crate::domain::fixtures::{ana, goal};
    use std::cell::RefCell;
    fn note(text: &str) -> PrivateNote {
        PrivateNote { checkin_id: "c1".into(), text: text.into(), updated_at: "t".into() }
    }

    // Pins: a note saved from my other tab meanwhile is never overwritten
    // silently (the old code wrote "mine, now, wins"); saving again after
    // seeing both writes mine.
    #[test]
    fn my_other_tabs_note_is_not_overwritten() {
        let world = World::default();
        let key = keys::private_note("u-ana", "r1", "c1");
        world.seed(&key, encode(&note("first")));
        let port = Port { world: &world, actor: 0 };
        let held = alone(&world, read::<PrivateNote>(&port, &key)).unwrap().unwrap();
        world.seed(&key, encode(&note("from tab two")));
        let out = alone(&world, private_note(&port, &key, Some(held), note("from tab one"))).unwrap();
        let Saved::Clashed { stored, mine, .. } = out else { panic!("{out:?}") };
        assert_eq!((stored.doc.text.as_str(), mine.text.as_str()), ("from tab two", "from tab one"));
        assert_eq!(decode::<PrivateNote>(&world.value(&key).unwrap()).unwrap().text, "from tab two");
        // Seen both, saved again over theirs: mine.
        let out = alone(&world, private_note(&port, &key, Some(stored), mine)).unwrap();
        assert!(matches!(out, Saved::Stored { .. }));
        assert_eq!(decode::<PrivateNote>(&world.value(&key).unwrap()).unwrap().text, "from tab one");
    }

    // Pins: a check-in whose save timed out after it landed still feeds
    // its progress, once; feeding again records nothing more (issue: the
    // retry's base already held the update, so it never reached the goal).
    #[test]
    fn progress_reaches_its_goal_once() {
        let world = World::default();
        let gkey = keys::goal("r1", "g1");
        let mut g = goal("g1");
        g.relationship_id = "r1".into();
        world.seed(&gkey, encode(&g));
        let mut c =
            CheckIn::plan(&crate::domain::fixtures::rel(), &ana(), "c1".into(), crate::domain::dates::Date::parse("2026-11-02").unwrap(), &[], &[], "t");
        c.relationship_id = "r1".into();
        c.progress = vec![GoalUpdate { goal_id: "g1".into(), value: 40, note: "Outline".into(), by: ana().id }];
        let port = Port { world: &world, actor: 0 };
        // The form opened the check-in before the update: that is what was fed.
        let opened = CheckIn { progress: Vec::new(), ..c.clone() };
        let ckey = keys::checkin("r1", "c1");
        world.seed(&ckey, encode(&c));
        let out = alone(&world, feed_goals(&port, &ckey, &c, Some(&opened), &ana(), "t1", "Check-in"));
        assert!(out.unfed.is_empty() && out.fed.as_ref() == Some(&c));
        assert!(alone(&world, feed_goals(&port, &ckey, &c, Some(&opened), &ana(), "t2", "Check-in")).unfed.is_empty());
        let stored: Goal = decode(&world.value(&gkey).unwrap()).unwrap();
        assert_eq!(stored.history.iter().filter(|h| h.check_in.is_some()).count(), 1);
        assert_eq!(stored.progress(), 40);

        // A stale feed (my other tab already stored and fed 70) is followed
        // by what the check-in says now: the goal ends at 70, not 40.
        let mut newer = c.clone();
        newer.progress[0].value = 70;
        world.seed(&ckey, encode(&newer));
        let out = alone(&world, feed_goals(&port, &ckey, &newer, Some(&c), &ana(), "t3", "Check-in"));
        assert!(out.unfed.is_empty());
        let mut stale = c.clone();
        stale.progress[0].note = "older".into();
        let out = alone(&world, feed_goals(&port, &ckey, &stale, Some(&opened), &ana(), "t4", "Check-in"));
        assert_eq!(out.fed.as_ref(), Some(&newer));
        let stored: Goal = decode(&world.value(&gkey).unwrap()).unwrap();
        assert_eq!(stored.progress(), 70);
    }

    /// A goal stored under its key, as the goal board lists it.
    fn seeded_goal(world: &World) -> (String, Held<Goal>) {
        let key = keys::goal("r1", "g1");
        let mut g = goal("g1");
        g.relationship_id = "r1".into();
        world.seed(&key, encode(&g));
        let port = Port { world, actor: 0 };
        let held = alone(world, read::<Goal>(&port, &key)).unwrap().unwrap();
        (key, held)
    }

    /// Moving a goal as the board does: only its place is set.
    fn place(to: u32) -> impl Fn(&mut Goal) -> Result<bool, GoalError> {
        move |g: &mut Goal| Ok(std::mem::replace(&mut g.priority, to) != to)
    }

    // Pins (interleavings of moving a goal): the partner's edit lands
    // between the board's read and its write. The move is made again over
    // their version: their title stays and the goal takes its new place.
    // Had they already put it in that place, nothing more is written.
    #[test]
    fn a_move_lands_over_a_partners_crossing_edit() {
        let world = World::default();
        let (key, held) = seeded_goal(&world);
        let mut theirs = held.doc.clone();
        theirs.title = "Give two conference talks".into();
        world.seed(&key, encode(&theirs));
        let port = Port { world: &world, actor: 0 };
        let out = alone(&world, goal_step(&port, &key, held.clone(), place(5))).unwrap();
        assert!(matches!(out, Saved::Stored { merged: true, .. }), "{out:?}");
        let stored: Goal = decode(&world.value(&key).unwrap()).unwrap();
        assert_eq!((stored.title.as_str(), stored.priority), ("Give two conference talks", 5));

        let commits = world.commits.borrow().len();
        let out = alone(&world, goal_step(&port, &key, held, place(5))).unwrap();
        assert!(matches!(out, Saved::Stored { .. }), "{out:?}");
        assert_eq!(world.commits.borrow().len(), commits, "already in its place: nothing written");
    }

    // Pins (interleavings of moving a goal): the move's write lands but its
    // answer is lost. It is read back and reported as stored, and the goal
    // is written once.
    #[test]
    fn a_move_whose_answer_was_lost_reads_as_stored() {
        let world = World::default();
        let (key, held) = seeded_goal(&world);
        world.faults.set(true);
        let port = Port { world: &world, actor: 0 };
        let out = std::rc::Rc::new(RefCell::new(None));
        let slot = out.clone();
        let mover: Actor<'_> = Box::pin(async move {
            *slot.borrow_mut() = Some(goal_step(&port, &key, held, place(7)).await);
        });
        // The put: stored, its answer lost (fate 228 and over); then the read back, answered.
        run(&world, vec![(0, mover)], &mut Tape::new(vec![240, 0]));
        let out = out.borrow_mut().take().unwrap().unwrap();
        assert!(matches!(out, Saved::Stored { ref held, .. } if held.doc.priority == 7), "{out:?}");
        assert_eq!(world.commits.borrow().len(), 1);
    }
}
