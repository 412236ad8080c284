//! Each kind of document's write over the one save path ([`save`]): the
//! carry rule that kind of change gets when someone else stored first. The
//! screens call these; the interleaving harness drives the very same
//! functions natively, so what it proves is what the widget does.
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

/// Saves a check-in as typed on `base` (`None`: a new one).
/// Nothing is written when `mine` is what is stored (saving again only to
/// feed progress that did not reach its goals).
pub async fn checkin(store: &impl Store, key: &str, base: Option<Held<CheckIn>>, mine: CheckIn) -> Result<Saved<CheckIn, Clashes>, SaveError> {
    if let Some(held) = base.as_ref().filter(|b| b.doc == mine) {
        return Ok(Saved::Stored { held: held.clone(), merged: false });
    }
    save(store, key, base, mine, |base, mine, theirs| {
        let m = merge_checkin(base.unwrap_or(theirs), mine, theirs);
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
    save(store, key, base, mine, |base, mine, theirs| {
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
pub async fn goal_step(store: &impl Store, key: &str, held: Held<Goal>, step: impl Fn(&mut Goal) -> Result<bool, GoalError>) -> Result<Saved<Goal, GoalError>, SaveError> {
    let mut mine = held.doc.clone();
    match step(&mut mine) {
        Ok(true) => {}
        Ok(false) => return Ok(Saved::Stored { held, merged: false }),
        Err(why) => return Ok(Saved::Refused { stored: held, why }),
    }
    save(store, key, Some(held), mine, |_, _, theirs| again(theirs, &step)).await
}

/// Saves my private note typed on `base`. Only I write there, from any of
/// my tabs: if another tab saved a different text since, nothing is
/// written and both are shown (`Clashed`); saving again writes mine over it.
pub async fn private_note(store: &impl Store, key: &str, base: Option<Held<PrivateNote>>, mine: PrivateNote) -> Result<Saved<PrivateNote, ()>, SaveError> {
    save(store, key, base, mine, |base, mine: &PrivateNote, theirs: &PrivateNote| {
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

/// What feeding came to: goals written (for `mw:saved`), and goals not reached.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fed {
    pub written: Vec<String>,
    pub unfed: Vec<Unfed>,
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
pub async fn feed_goals(store: &impl Store, stored: &CheckIn, fed: Option<&CheckIn>, me: &Person, at: &str, meeting: &str) -> Fed {
    let mut out = Fed::default();
    for update in stored.updates_to_feed(fed, &me.id) {
        let key = keys::goal(&stored.relationship_id, &update.goal_id);
        let outcome = match read::<Goal>(store, &key).await {
            Ok(Some(held)) => goal_step(store, &key, held, |g| apply_update(g, &stored.id, &update, me, at, meeting)).await.map(Some),
            Ok(None) | Err(SaveError::Unreadable(_)) => Ok(None),
            Err(e) => Err(e),
        };
        match outcome {
            Ok(Some(Saved::Stored { .. })) => out.written.push(update.goal_id.clone()),
            Ok(_) | Err(SaveError::Gone | SaveError::Unreadable(_)) => {}
            Err(error) => out.unfed.push(Unfed { goal_id: update.goal_id.clone(), error }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bridge::save::harness::{run, Port, Tape, World};
    use crate::domain::checkins::record::GoalUpdate;
    use crate::domain::envelope::{decode, encode};
    use crate::domain::goals::model::tests_support::{ana, goal};
    use std::future::Future;
    use std::pin::Pin;

    fn alone<'a, T: 'a>(world: &'a World, fut: impl Future<Output = T> + 'a) -> T {
        let out = std::rc::Rc::new(std::cell::RefCell::new(None));
        let slot = out.clone();
        let f: Pin<Box<dyn Future<Output = ()> + 'a>> = Box::pin(async move {
            *slot.borrow_mut() = Some(fut.await);
        });
        run(world, vec![(0, f)], &mut Tape::new(Vec::new()));
        let v = out.borrow_mut().take().expect("finished");
        v
    }

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
        let mut c = CheckIn::plan(&crate::domain::goals::model::tests_support::rel(), &ana(), "c1".into(), crate::domain::dates::Date::parse("2026-11-02").unwrap(), &[], &[], "t");
        c.relationship_id = "r1".into();
        c.progress = vec![GoalUpdate { goal_id: "g1".into(), value: 40, note: "Outline".into(), by: ana().id }];
        let port = Port { world: &world, actor: 0 };
        // The form opened the check-in before the update: that is what was fed.
        let opened = CheckIn { progress: Vec::new(), ..c.clone() };
        assert!(alone(&world, feed_goals(&port, &c, Some(&opened), &ana(), "t1", "Check-in")).unfed.is_empty());
        assert!(alone(&world, feed_goals(&port, &c, Some(&opened), &ana(), "t2", "Check-in")).unfed.is_empty());
        let stored: Goal = decode(&world.value(&gkey).unwrap()).unwrap();
        assert_eq!(stored.history.iter().filter(|h| h.check_in.is_some()).count(), 1);
        assert_eq!(stored.progress(), 40);
    }
}
