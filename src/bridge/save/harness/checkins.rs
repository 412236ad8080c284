//! The check-in screens over the harness: two people (one in two tabs) type
//! shared notes and progress on one check-in, save, reload; each save feeds
//! the person's progress into their goal (`writes::feed_goals`). Calls fail
//! and answers are lost in every order the tape picks.
//!
//! Checked afterwards, as a person would judge it:
//! - no write to the check-in changes a field or a progress entry to a
//!   value its writer never typed (a partner's newer entry reverted);
//! - a field only one tab typed ends with that tab's last value;
//! - the progress each person has in the stored check-in is in their
//!   goal's history, taken from this check-in (it reached the goal);
//! - no goal records the same update twice in a row, and every entry a
//!   check-in gave holds a value its person typed.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

use super::{run, Port, Tape, World};
use crate::bridge::save::{read, Held, Saved};
use crate::bridge::writes;
use crate::domain::checkins::merge::merge;
use crate::domain::checkins::record::{CheckIn, GoalUpdate};
use crate::domain::dates::Date;
use crate::domain::envelope::{decode, encode};
use crate::domain::fixtures::{ana, ana_and_ben, ben};
use crate::domain::goals::Goal;
use crate::domain::keys;
use crate::domain::person::Person;

/// The shared text fields a tab types in.
pub const FIELDS: [&str; 4] = ["notes", "wins", "challenges", "feedback"];

#[derive(Clone, Debug)]
pub enum Act {
    Type {
        field: usize,
    },
    /// Progress on my own goal, with a note.
    Progress,
    Save,
    /// The tab reloads: only the backup (base, entries, what was fed) survives.
    Reload,
}

fn field(c: &CheckIn, f: &str) -> String {
    match f {
        "notes" => c.notes.clone(),
        "wins" => c.wins.clone(),
        "challenges" => c.challenges.clone(),
        _ => c.feedback.clone(),
    }
}

fn set_field(c: &mut CheckIn, f: &str, v: String) {
    match f {
        "notes" => c.notes = v,
        "wins" => c.wins = v,
        "challenges" => c.challenges = v,
        _ => c.feedback = v,
    }
}

/// What each tab typed, for the checks.
#[derive(Default)]
pub struct Record {
    /// (actor, field) → values typed, in order.
    pub typed: BTreeMap<(usize, &'static str), Vec<String>>,
    /// (actor, goal) → (value, note) of each progress entry typed.
    pub progress: BTreeMap<(usize, String), Vec<(u8, String)>>,
}

struct Tab<'w> {
    port: Port<'w>,
    me: Person,
    goal: String,
    key: String,
    held: Option<Held<CheckIn>>,
    draft: Option<CheckIn>,
    fed: Option<CheckIn>,
    /// sessionStorage: (base, entries, fed), as the form keeps it.
    backup: Option<(Option<CheckIn>, CheckIn, Option<CheckIn>)>,
    typed: u8,
}

impl Tab<'_> {
    fn keep(&mut self) {
        let Some(local) = self.draft.clone() else { return };
        let base = self.held.as_ref().map(|h| h.doc.clone());
        self.backup = if base.as_ref() == Some(&local) && self.fed == base { None } else { Some((base, local, self.fed.clone())) };
    }

    async fn reload(&mut self) {
        (self.held, self.draft) = (None, None);
        let Ok(Some(stored)) = read::<CheckIn>(&self.port, &self.key).await else { return };
        let (draft, fed) = match self.backup.clone() {
            Some((base, local, fed)) => (merge(base.as_ref().unwrap_or(&stored.doc), &local, &stored.doc).checkin, fed),
            None => (stored.doc.clone(), Some(stored.doc.clone())),
        };
        let pending = draft == stored.doc && fed.as_ref() != Some(&stored.doc);
        (self.held, self.draft, self.fed) = (Some(stored), Some(draft), fed);
        // The form feeds progress a reload left unfed at once.
        if pending {
            self.save().await;
        }
    }

    async fn save(&mut self) {
        let (Some(held), Some(mine)) = (self.held.clone(), self.draft.clone()) else { return };
        match writes::checkin(&self.port, &self.key, Some(held), None, mine).await {
            Ok(Saved::Stored { held, .. }) => {
                self.draft = Some(held.doc.clone());
                self.held = Some(held.clone());
                self.keep();
                let out = writes::feed_goals(&self.port, &self.key, &held.doc, self.fed.as_ref(), &self.me, "t", "Check-in").await;
                if out.unfed.is_empty() {
                    if let Some(fed) = out.fed {
                        self.fed = Some(fed);
                    }
                }
            }
            // Clashes on screen are settled by keeping mine on the next save.
            Ok(Saved::Clashed { stored, mine, .. }) => {
                self.held = Some(stored);
                self.draft = Some(mine);
            }
            Ok(Saved::Refused { stored, .. }) => self.held = Some(stored),
            Err(_) => {}
        }
        self.keep();
    }

    async fn act(&mut self, act: &Act, record: &RefCell<Record>) {
        let actor = self.port.actor;
        match act {
            Act::Type { field } => {
                let Some(draft) = self.draft.as_mut() else { return };
                let f = FIELDS[field % FIELDS.len()];
                self.typed += 1;
                let v = format!("tab {actor} take {}", self.typed);
                set_field(draft, f, v.clone());
                record.borrow_mut().typed.entry((actor, f)).or_default().push(v);
                self.keep();
            }
            Act::Progress => {
                let Some(draft) = self.draft.as_mut() else { return };
                self.typed += 1;
                let (value, note) = ((u32::from(self.typed) * 7 + actor as u32 * 31) as u8 % 101, format!("tab {actor} note {}", self.typed));
                draft.progress.retain(|u| u.goal_id != self.goal);
                draft.progress.push(GoalUpdate { goal_id: self.goal.clone(), value, note: note.clone(), by: self.me.id.clone() });
                record.borrow_mut().progress.entry((actor, self.goal.clone())).or_default().push((value, note));
                self.keep();
            }
            Act::Save => self.save().await,
            Act::Reload => self.reload().await,
        }
    }
}

pub struct Outcome {
    pub world: World,
    pub record: Record,
    pub key: String,
    /// (person, goal key, actors of that person)
    pub owners: Vec<(String, String, Vec<usize>)>,
}

/// Runs one case: actor 0 is Ana, 1 is Ben, 2 is Ana's second tab; then a
/// flush without faults in which each tab reloads and saves what it holds.
pub fn checkin_case(acts: [Vec<Act>; 3], tape: Vec<u8>) -> Outcome {
    let world = World::default();
    let rel = ana_and_ben();
    let start = CheckIn::plan(&rel, &ana(), "c1".into(), Date::parse("2026-11-02").expect("a date"), &[], &[], "t0");
    let key = keys::checkin(&rel.id, &start.id);
    world.seed(&key, encode(&start));
    let goals = [(ana(), "g-ana"), (ben(), "g-ben")];
    for (owner, id) in &goals {
        let g = Goal::new(&rel, owner, (*id).into(), "A goal", "t0").expect("a goal");
        world.seed(&keys::goal(&rel.id, id), encode(&g));
    }
    world.faults.set(true);
    let record = RefCell::new(Record::default());
    let people = [(ana(), "g-ana"), (ben(), "g-ben"), (ana(), "g-ana")];
    let mut tabs: Vec<Tab> = people
        .iter()
        .enumerate()
        .map(|(i, (me, goal))| Tab {
            port: Port { world: &world, actor: i },
            me: me.clone(),
            goal: (*goal).into(),
            key: key.clone(),
            held: None,
            draft: None,
            fed: None,
            backup: None,
            typed: 0,
        })
        .collect();
    let mut tape = Tape::new(tape);
    {
        let futures: Vec<(usize, super::Actor<'_>)> = tabs
            .iter_mut()
            .zip(acts.iter())
            .map(|(tab, acts)| {
                let record = &record;
                let n = tab.port.actor;
                let f = Box::pin(async move {
                    tab.reload().await;
                    for a in acts {
                        tab.act(a, record).await;
                    }
                }) as Pin<Box<dyn Future<Output = ()> + '_>>;
                (n, f)
            })
            .collect();
        run(&world, futures, &mut tape);
    }
    world.faults.set(false);
    for tab in tabs.iter_mut() {
        let n = tab.port.actor;
        let f: Pin<Box<dyn Future<Output = ()> + '_>> = Box::pin(async move {
            tab.reload().await;
            for _ in 0..3 {
                tab.save().await;
            }
        });
        run(&world, vec![(n, f)], &mut tape);
    }
    drop(tabs);
    let owners = vec![("u-ana".into(), keys::goal(&rel.id, "g-ana"), vec![0, 2]), ("u-ben".into(), keys::goal(&rel.id, "g-ben"), vec![1])];
    Outcome { world, record: record.into_inner(), key, owners }
}

impl Outcome {
    pub fn check(&self) -> Result<(), String> {
        let typed = |actor: usize, f: &str, v: &str| self.record.typed.iter().any(|((a, g), l)| *a == actor && *g == f && l.iter().any(|t| t == v));
        let gave = |actor: usize, u: &GoalUpdate| {
            self.record.progress.get(&(actor, u.goal_id.clone())).is_some_and(|l| l.iter().any(|(v, n)| *v == u.value && *n == u.note))
        };
        for (n, c) in self.world.commits.borrow().iter().enumerate() {
            let Ok(after) = decode::<CheckIn>(&c.after) else { continue };
            let Some(before) = c.before.as_deref().and_then(|b| decode::<CheckIn>(b).ok()) else { continue };
            if after.id != "c1" {
                continue;
            }
            for f in FIELDS {
                let (vb, va) = (field(&before, f), field(&after, f));
                if vb != va && !typed(c.actor, f, &va) {
                    return Err(format!("write {n} by actor {} set {f} from {vb:?} to {va:?}, which it never typed", c.actor));
                }
            }
            for u in &after.progress {
                if !before.progress.contains(u) && !gave(c.actor, u) {
                    return Err(format!("write {n} by actor {} set progress {u:?}, which it never gave", c.actor));
                }
            }
        }
        let last: CheckIn = decode(&self.world.value(&self.key).ok_or("the check-in vanished")?).map_err(|e| format!("{e:?}"))?;
        for f in FIELDS {
            let actors: Vec<usize> = (0..3).filter(|a| self.record.typed.contains_key(&(*a, f))).collect();
            if let [only] = actors.as_slice() {
                let want = self.record.typed[&(*only, f)].last().cloned().unwrap_or_default();
                if field(&last, f) != want {
                    return Err(format!("{f}: actor {only} last typed {want:?}, the store ends with {:?}", field(&last, f)));
                }
            }
        }
        for (person, goal_key, actors) in &self.owners {
            let goal: Goal = decode(&self.world.value(goal_key).ok_or("a goal vanished")?).map_err(|e| format!("{e:?}"))?;
            let mine: Vec<_> = goal.history.iter().filter_map(|h| h.check_in.as_ref().filter(|c| c.id == "c1" && h.by == *person)).collect();
            if let Some(u) = last.progress.iter().find(|u| u.by == *person) {
                // Reached the goal. (Not checked: that it is the goal's newest
                // entry. When one person's two tabs give the same goal different
                // progress at once and a read fails, an older value's feed can
                // still land last; see the README's "Integrity" section.)
                if !mine.iter().any(|c| c.value == u.value && c.note == u.note) {
                    return Err(format!("{person}'s progress {} ({:?}) is in the check-in but never reached the goal: {mine:?}", u.value, u.note));
                }
            }
            if mine.windows(2).any(|w| w[0] == w[1]) {
                return Err(format!("{person}'s goal recorded one update twice in a row: {mine:?}"));
            }
            for c in &mine {
                let typed_it = actors
                    .iter()
                    .any(|a| self.record.progress.get(&(*a, goal.id.clone())).is_some_and(|l| l.iter().any(|(v, n)| *v == c.value && *n == c.note)));
                if !typed_it {
                    return Err(format!("{person}'s goal holds {c:?}, which nobody typed"));
                }
            }
        }
        Ok(())
    }
}
