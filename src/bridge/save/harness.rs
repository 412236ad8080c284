//! A deterministic interleaving harness for the save path.
//!
//! Several actors (two people, one of them in two tabs) run as plain Rust
//! futures over one in-memory store. Every store call waits until the
//! scheduler picks it; a tape of bytes (drawn by proptest) decides which
//! waiting call goes next and its fate: answered, failed before it reached
//! the store, or stored with its answer lost (a time-out after the write).
//! Nothing here depends on timing, so a failing case replays exactly and
//! proptest shrinks it.
//!
//! The actors edit, save, sign, refresh and reload the agreement as the
//! widget's screens do, through the same `save` and the same carry rules.
//! Then the harness checks what a person would never accept:
//! - a save that changes a field to anything its writer did not type
//!   (a partner's newer edit reverted, or an old value brought back);
//! - a field only one actor typed ending without that actor's last value
//!   (a typed edit lost);
//! - a signature on content its signer was not shown.
//!
//! A panic anywhere fails the case too.

pub mod checkins;

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use super::{save, Held, Saved, Store};
use crate::bridge::BridgeError;
use crate::domain::agreement::carry::{carry_edits, carry_sign};
use crate::domain::agreement::fields::{value, Content};
use crate::domain::agreement::record::content_hash;
use crate::domain::agreement::session::EditSession;
use crate::domain::carry::Carry;
use crate::domain::envelope::{decode, encode};
use crate::domain::keys;
use crate::domain::person::Person;
use crate::domain::relationship::Relationship;

/// The bytes that decide the run. Past its end every choice is 0: the first
/// waiting call, answered.
pub struct Tape {
    bytes: Vec<u8>,
    at: usize,
}

impl Tape {
    pub fn new(bytes: Vec<u8>) -> Tape {
        Tape { bytes, at: 0 }
    }

    fn byte(&mut self) -> u8 {
        let b = self.bytes.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b
    }

    fn pick(&mut self, n: usize) -> usize {
        if n <= 1 {
            0
        } else {
            usize::from(self.byte()) % n
        }
    }
}

enum Op {
    Get(String),
    Put(String, String, Option<String>),
}

enum Reply {
    Get(Result<Option<(String, String)>, BridgeError>),
    Put(Result<String, BridgeError>),
}

/// One write the store accepted: who wrote, what was there, what is now.
pub struct Commit {
    pub actor: usize,
    pub before: Option<String>,
    pub after: String,
}

/// The store and the calls waiting on it.
#[derive(Default)]
pub struct World {
    data: RefCell<BTreeMap<String, (String, String)>>,
    revision: Cell<u64>,
    waiting: RefCell<Vec<(u64, usize, Op)>>,
    replies: RefCell<BTreeMap<u64, Reply>>,
    ticket: Cell<u64>,
    pub commits: RefCell<Vec<Commit>>,
    /// Whether failures and lost answers may happen now (off for the final flush).
    pub faults: Cell<bool>,
}

impl World {
    pub fn seed(&self, key: &str, value: String) {
        let rev = self.next_revision();
        self.data.borrow_mut().insert(key.into(), (value, rev));
    }

    pub fn value(&self, key: &str) -> Option<String> {
        self.data.borrow().get(key).map(|(v, _)| v.clone())
    }

    fn next_revision(&self) -> String {
        self.revision.set(self.revision.get() + 1);
        format!("r{}", self.revision.get())
    }

    fn call(&self, actor: usize, op: Op) -> u64 {
        let t = self.ticket.get() + 1;
        self.ticket.set(t);
        self.waiting.borrow_mut().push((t, actor, op));
        t
    }

    fn apply_put(&self, actor: usize, key: &str, value: &str, expected: Option<&str>) -> Result<String, BridgeError> {
        let mut data = self.data.borrow_mut();
        let current = data.get(key).cloned();
        match (&current, expected) {
            (None, None) => {}
            (Some((_, rev)), Some(e)) if rev == e => {}
            _ => return Err(BridgeError::Conflict),
        }
        let rev = self.next_revision();
        data.insert(key.into(), (value.into(), rev.clone()));
        self.commits.borrow_mut().push(Commit { actor, before: current.map(|(v, _)| v), after: value.into() });
        Ok(rev)
    }

    /// Takes one waiting call (chosen by the tape), settles its fate, and
    /// returns the actor to wake; `None` when nothing is waiting.
    fn step(&self, tape: &mut Tape) -> Option<usize> {
        let (ticket, actor, op) = {
            let mut waiting = self.waiting.borrow_mut();
            if waiting.is_empty() {
                return None;
            }
            let i = tape.pick(waiting.len());
            waiting.remove(i)
        };
        // 0–199 answered, 200–227 failed before reaching the store, 228–255
        // stored with the answer lost.
        let fate = if self.faults.get() { tape.byte() } else { 0 };
        let reply = match op {
            Op::Get(key) if fate >= 200 => {
                let _ = key;
                Reply::Get(Err(BridgeError::Timeout { method: "storage.get()" }))
            }
            Op::Get(key) => Reply::Get(Ok(self.data.borrow().get(&key).cloned())),
            Op::Put(..) if (200..228).contains(&fate) => Reply::Put(Err(BridgeError::Unavailable { detail: "offline".into() })),
            Op::Put(key, value, expected) => {
                let r = self.apply_put(actor, &key, &value, expected.as_deref());
                Reply::Put(if fate >= 228 { Err(BridgeError::Timeout { method: "storage.put()" }) } else { r })
            }
        };
        self.replies.borrow_mut().insert(ticket, reply);
        Some(actor)
    }
}

/// One actor's door to the world.
pub struct Port<'w> {
    pub world: &'w World,
    pub actor: usize,
}

struct Wait<'w> {
    world: &'w World,
    ticket: u64,
}

impl Future for Wait<'_> {
    type Output = Reply;
    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Reply> {
        match self.world.replies.borrow_mut().remove(&self.ticket) {
            Some(r) => Poll::Ready(r),
            None => Poll::Pending,
        }
    }
}

impl Store for Port<'_> {
    async fn get(&self, key: &str) -> Result<Option<(String, String)>, BridgeError> {
        let ticket = self.world.call(self.actor, Op::Get(key.into()));
        match (Wait { world: self.world, ticket }).await {
            Reply::Get(r) => r,
            Reply::Put(_) => Err(BridgeError::Unavailable { detail: "harness mix-up".into() }),
        }
    }

    async fn put(&self, key: &str, value: &str, expected: Option<&str>) -> Result<String, BridgeError> {
        let ticket = self.world.call(self.actor, Op::Put(key.into(), value.into(), expected.map(String::from)));
        match (Wait { world: self.world, ticket }).await {
            Reply::Put(r) => r,
            Reply::Get(_) => Err(BridgeError::Unavailable { detail: "harness mix-up".into() }),
        }
    }
}

/// One actor's work: a future the harness polls step by step.
pub type Actor<'a> = Pin<Box<dyn Future<Output = ()> + 'a>>;

/// Runs the actors until none is waiting. Every unfinished actor waits on
/// exactly one store call, so the run always ends.
/// `actors` pairs each future with the actor number its port uses.
pub fn run<'a>(world: &World, actors: Vec<(usize, Actor<'a>)>, tape: &mut Tape) {
    let slots = actors.iter().map(|(n, _)| *n).max().map_or(0, |m| m + 1);
    let mut by_actor: Vec<Option<Actor<'a>>> = (0..slots).map(|_| None).collect();
    for (n, f) in actors {
        by_actor[n] = Some(f);
    }
    let mut actors = by_actor;
    let mut cx = Context::from_waker(Waker::noop());
    for a in actors.iter_mut() {
        if a.as_mut().is_some_and(|f| f.as_mut().poll(&mut cx).is_ready()) {
            *a = None;
        }
    }
    while let Some(i) = world.step(tape) {
        if actors.get_mut(i).and_then(Option::as_mut).is_some_and(|f| f.as_mut().poll(&mut cx).is_ready()) {
            actors[i] = None;
        }
    }
    assert!(actors.iter().all(Option::is_none), "an actor was left waiting on nothing");
}

/// Runs one future alone against `world`, every call answered in order:
/// for the plain tests of one save.
pub fn alone<'a, T: 'a>(world: &'a World, fut: impl Future<Output = T> + 'a) -> T {
    let out = std::rc::Rc::new(RefCell::new(None));
    let slot = out.clone();
    let f: Pin<Box<dyn Future<Output = ()> + 'a>> = Box::pin(async move {
        *slot.borrow_mut() = Some(fut.await);
    });
    run(world, vec![(0, f)], &mut Tape::new(Vec::new()));
    let v = out.borrow_mut().take().expect("finished");
    v
}

// ---- The agreement, as its screens use the save path. ----

/// Fields whose text any value fills validly, so signing is never refused
/// for form reasons.
pub const TEXT_FIELDS: [&str; 4] = ["purpose", "success", "confidentiality.clause", "other"];

#[derive(Clone, Debug)]
pub enum Act {
    Type {
        field: usize,
    },
    Save,
    Sign,
    /// A partner's change notice: read the relationship again.
    Refresh,
    /// The tab reloads: only the backup of unsaved edits survives.
    Reload,
}

/// What each actor did, for the checks.
#[derive(Default)]
pub struct Record {
    /// (actor, field) → every value typed there, in order.
    pub typed: BTreeMap<(usize, &'static str), Vec<String>>,
    /// (person id, hash) of every content a person was shown when signing.
    pub shown: BTreeSet<(String, String)>,
}

use crate::domain::agreement::carry::current_text as text;

/// One tab of one person, as the agreement screen keeps it.
struct Tab<'w> {
    port: Port<'w>,
    me: Person,
    key: String,
    held: Option<Held<Relationship>>,
    session: EditSession,
    /// sessionStorage: the unsaved edits with the base they were typed on.
    backup: Option<(Content, Content)>,
    typed: usize,
}

impl Tab<'_> {
    fn show(&mut self, held: Held<Relationship>) {
        // What the screen does when the stored relationship changes: fold it
        // into the session; unsaved edits are never reset by it.
        self.session.rebase(&text(&held.doc));
        self.held = Some(held);
    }

    async fn load(&mut self) {
        if let Ok(Some((value, revision))) = self.port.get(&self.key).await {
            if let Ok(doc) = decode::<Relationship>(&value) {
                self.show(Held { doc, revision });
            }
        }
    }

    async fn act(&mut self, act: &Act, record: &RefCell<Record>) {
        let who = self.me.id.clone();
        match act {
            Act::Type { field } => {
                let field = TEXT_FIELDS[field % TEXT_FIELDS.len()];
                self.typed += 1;
                let v = format!("{who} tab {} wrote take {} here.", self.port.actor, self.typed);
                self.session.edit(field, &v);
                self.backup = Some((self.session.base.clone(), self.session.local.clone()));
                record.borrow_mut().typed.entry((self.port.actor, field)).or_default().push(v);
            }
            Act::Save => self.save().await,
            Act::Sign => {
                let Some(held) = self.held.clone() else { return };
                let Some(draft) = &held.doc.agreement.draft else { return };
                if self.session.dirty() {
                    return;
                }
                let shown = content_hash(&draft.content);
                record.borrow_mut().shown.insert((who, shown.clone()));
                let me = self.me.clone();
                let first = carry_sign(&held.doc, &me, "t", &shown);
                let Carry::Write(mine) = first else { return };
                match save(&self.port, &self.key, Some(held), mine, &mut |_, _, theirs| carry_sign(theirs, &me, "t", &shown)).await {
                    Ok(Saved::Stored { held, .. }) | Ok(Saved::Refused { stored: held, .. }) | Ok(Saved::Clashed { stored: held, .. }) => self.show(held),
                    Err(_) => {}
                }
            }
            Act::Refresh => self.load().await,
            Act::Reload => {
                self.held = None;
                self.session = EditSession::default();
                self.load().await;
                if let Some((base, local)) = self.backup.clone() {
                    // The backup keeps the base it was typed on and is merged
                    // three-way with what is stored now.
                    self.session = EditSession { base, local, conflicts: Vec::new() };
                    if let Some(h) = &self.held {
                        self.session.rebase(&text(&h.doc));
                    }
                }
            }
        }
    }

    async fn save(&mut self) {
        let Some(held) = self.held.clone() else { return };
        if !self.session.dirty() {
            self.backup = None;
            return;
        }
        // Clashes on screen are settled by keeping mine (a person may also
        // take theirs; both are merges the person chose).
        self.session.conflicts.clear();
        let (base, local, me) = (self.session.base.clone(), self.session.local.clone(), self.me.clone());
        let mine = match carry_edits(&base, &local, &held.doc, &me, "t") {
            Carry::Write(m) | Carry::Clash(m, _) => m,
            Carry::Already | Carry::Refuse(_) => return,
        };
        match save(&self.port, &self.key, Some(held), mine, &mut |_, _, theirs| carry_edits(&base, &local, theirs, &me, "t")).await {
            Ok(Saved::Stored { held, .. }) => {
                self.session = EditSession::new(&text(&held.doc));
                self.held = Some(held);
                self.backup = None;
            }
            Ok(Saved::Clashed { stored, .. }) | Ok(Saved::Refused { stored, .. }) => self.show(stored),
            Err(_) => {}
        }
    }
}

pub struct Outcome {
    pub world: World,
    pub record: Record,
    pub key: String,
}

/// Runs one case: `acts[i]` for actor i (0 = Ana, 1 = Ben, 2 = Ana's
/// second tab), interleaved by `tape`, then a flush without faults in
/// which each tab refreshes and saves what it still holds.
pub fn agreement_case(start: Relationship, acts: [Vec<Act>; 3], tape: Vec<u8>) -> Outcome {
    let world = World::default();
    let key = keys::relationship(&start.id);
    world.seed(&key, encode(&start));
    world.faults.set(true);
    let record = RefCell::new(Record::default());
    let person = |p: &crate::domain::relationship::Party| Person::from_host(p.id.as_deref().unwrap_or("nobody"), &p.display_name, None).expect("a valid party");
    let people = [person(&start.mentee), person(&start.mentor), person(&start.mentee)];
    let mut tape = Tape::new(tape);
    let mut tabs: Vec<Tab> = people
        .iter()
        .enumerate()
        .map(|(i, me)| Tab {
            port: Port { world: &world, actor: i },
            me: me.clone(),
            key: key.clone(),
            held: None,
            session: EditSession::default(),
            backup: None,
            typed: 0,
        })
        .collect();
    {
        let futures: Vec<(usize, Actor<'_>)> = tabs
            .iter_mut()
            .zip(acts.iter())
            .map(|(tab, acts)| {
                let record = &record;
                let n = tab.port.actor;
                let f = Box::pin(async move {
                    tab.load().await;
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
        let record = &record;
        let n = tab.port.actor;
        let f: Pin<Box<dyn Future<Output = ()> + '_>> = Box::pin(async move {
            if tab.held.is_none() {
                tab.act(&Act::Reload, record).await;
            }
            for _ in 0..4 {
                tab.load().await;
                tab.save().await;
            }
        });
        run(&world, vec![(n, f)], &mut tape);
    }
    drop(tabs);
    Outcome { world, record: record.into_inner(), key }
}

impl Outcome {
    /// Every rule a person relies on; the first broken one, in words.
    pub fn check(&self) -> Result<(), String> {
        let typed_by = |actor: usize, field: &str, v: &str| self.record.typed.get(&(actor, field_static(field))).is_some_and(|l| l.iter().any(|t| t == v));
        for (n, c) in self.world.commits.borrow().iter().enumerate() {
            let after: Relationship = decode(&c.after).map_err(|e| format!("write {n} unreadable: {e:?}"))?;
            let before = c.before.as_deref().map(decode::<Relationship>).transpose().map_err(|e| format!("{e:?}"))?;
            let (b, a) = (before.as_ref().map(text).unwrap_or_default(), text(&after));
            for f in TEXT_FIELDS {
                let (vb, va) = (value(&b, f), value(&a, f));
                if vb != va && !typed_by(c.actor, f, &va) {
                    return Err(format!("write {n} by actor {} set {f} from {vb:?} to {va:?}, which it never typed", c.actor));
                }
            }
        }
        let last: Relationship = decode(&self.world.value(&self.key).ok_or("the relationship vanished")?).map_err(|e| format!("{e:?}"))?;
        let end = text(&last);
        for f in TEXT_FIELDS {
            let actors: Vec<usize> = (0..3).filter(|a| self.record.typed.contains_key(&(*a, f))).collect();
            if let [only] = actors.as_slice() {
                let want = self.record.typed[&(*only, f)].last().cloned().unwrap_or_default();
                if value(&end, f) != want {
                    return Err(format!("{f}: actor {only} last typed {want:?}, the store ends with {:?}", value(&end, f)));
                }
            }
        }
        let sigs = last.agreement.versions.iter().flat_map(|v| v.signatures.iter()).chain(last.agreement.draft.iter().flat_map(|d| d.signatures.iter()));
        for s in sigs {
            if !self.record.shown.contains(&(s.by.clone(), s.hash.clone())) {
                return Err(format!("{} signed {} without being shown it", s.by, s.hash));
            }
        }
        if !last.tampered_versions().is_empty() {
            return Err("a version's content does not match its signatures".into());
        }
        Ok(())
    }
}

fn field_static(f: &str) -> &'static str {
    TEXT_FIELDS.into_iter().find(|t| *t == f).unwrap_or("")
}
