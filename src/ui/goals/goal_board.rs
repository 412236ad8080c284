//! The goal board: a relationship's goals with filters, sorting, reordering, a CSV download and
//! the editor of the open goal. A closed relationship's board is a read-only record.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::bridge::repo::{load_goal, load_goals};
use crate::bridge::save::Held;
use crate::bridge::writes;
use crate::domain::goals::csv::to_csv;
use crate::domain::goals::model::move_goal;
use crate::domain::goals::Goal;
use crate::domain::keys;
use crate::domain::person::Person;
use crate::domain::reads::Reads;
use crate::domain::relationship::Relationship;
use crate::ui::dom::{dyn_view, el, empty, AnyView};
use crate::ui::env::Env;
use crate::ui::goals::goal_adder::goal_adder;
use crate::ui::goals::goal_editor::goal_editor;
use crate::ui::goals::goal_filters::{goal_filters, Filters};
use crate::ui::goals::goal_list::{goal_list, Goals};
use crate::ui::kit::button::button;
use crate::ui::platform::{download, fresh_id, now_rfc3339};

/// GoalBoard: a relationship's goals: add one, filter by whose and by
/// status, sort by priority or due date, reorder, open one to work on it,
/// and download them all as CSV.
pub fn goal_board(env: &Env, me: Person, rel: Relationship) -> AnyView {
    let i18n = env.i18n;
    let goals = RwSignal::new(Goals::Loading);
    let filters = Filters::default();
    let open = RwSignal::new(None::<String>);
    let new_title = RwSignal::new(String::new());
    let purpose = rel
        .agreement
        .current()
        .map(|v| v.content.get("purpose").cloned().unwrap_or_default())
        .or_else(|| rel.agreement.draft.as_ref().and_then(|d| d.content.get("purpose").cloned()))
        .unwrap_or_default();

    let reads = SendWrapper::new(Rc::new(RefCell::new(Reads::default())));
    let load = goals_reader(env, &rel.id, goals, reads.clone());
    // A `Callback` to share it; after an await it is run with `try_run`,
    // since the board may be gone by then (disposed, `run` would panic).
    let load = Callback::new(move |()| load());
    load.run(());
    if let Some(bridge) = env.host() {
        let (env, rel_id) = (env.clone(), rel.id.clone());
        let sub = SendWrapper::new(bridge.clone().subscribe(&format!("{}/goals/", keys::relationship(&rel.id)), move |key| {
            // One goal changed: that one is read again, not all of them.
            // Until the list has been read whole, a new whole read (begun
            // after the change, so it sees it) stands in for it.
            if !matches!(keys::parse(&key), keys::KeyKind::Goal { .. }) {
                return;
            }
            if !goals.try_with_untracked(|g| matches!(g, Goals::Loaded(_))).unwrap_or(false) {
                load.try_run(());
                return;
            }
            let (bridge, env, rel_id, reads) = (bridge.clone(), env.clone(), rel_id.clone(), reads.clone());
            let read = reads.borrow_mut().begin();
            spawn_local(async move {
                match load_goal(&bridge, &key).await {
                    Ok(now) => {
                        goals.try_update(|g| {
                            if let Goals::Loaded(items) = g {
                                reads.borrow_mut().patch(read, items, &key, now, |i| i.key(&rel_id));
                            }
                        });
                    }
                    // What is shown stays; the host hears why.
                    Err(e) => env.report(&e),
                }
            });
        }));
        on_cleanup(move || drop(sub));
    }

    let ready = move || goals.with_untracked(Goals::ready);

    let on_open = Callback::new(move |id: String| open.set(Some(id)));
    let on_move = goal_mover(env, rel.id.clone(), goals, load);
    let add = goal_add(env, (me.clone(), rel.clone()), goals, (new_title, open), load);

    let csv = {
        let rel = rel.clone();
        let me_id = me.id.clone();
        move |_| {
            let all: Vec<Goal> = ready().into_iter().map(|(g, _)| g).collect();
            let shown = untrack(|| filters.apply(&all, &me_id));
            let names = |id: &str| {
                [&rel.mentor, &rel.mentee].into_iter().find(|p| p.id.as_deref() == Some(id)).map(|p| p.display_name.clone()).unwrap_or_else(|| id.to_string())
            };
            let text = i18n.0.with_untracked(|c| to_csv(&shown, c, &names));
            download(&format!("mentoring-goals-{}.csv", rel.id), "text/csv", &text);
        }
    };

    let toolbar = goal_filters(i18n, filters, Callback::new(move |_: ()| csv(())));

    // A closed relationship's goals are a record: no new goals, no
    // reordering, and an opened goal is shown with every control disabled.
    let writable = rel.is_open();
    let adder = if writable { goal_adder(i18n, new_title, add) } else { empty() };

    let list_view = goal_list(env, me.id.clone(), rel.clone(), goals, filters, on_open, on_move);

    // The open goal, once it is among the loaded ones. A reload after a save
    // keeps the same value, so the editor (and what is typed in it) stays.
    let shown_id = Memo::new(move |_| open.get().filter(|id| goals.with(|g| g.find(id).is_some())));
    let editor = {
        let (env, me, rel) = (env.clone(), me.clone(), rel.clone());
        dyn_view(move || {
            let Some(id) = shown_id.get() else { return empty() };
            let copy = |g: &Goals, id: &str| g.find(id).map(|(goal, revision)| (goal.clone(), revision.clone()));
            let Some((goal, revision)) = goals.with_untracked(|g| copy(g, &id)) else { return empty() };
            // The editor follows the board's reads of its goal: a partner's save shows in it.
            let stored = move || goals.with(|g| copy(g, &id));
            let editor = goal_editor(&env, me.clone(), rel.clone(), (goal, revision, stored), purpose.clone(), Callback::new(move |_: ()| open.set(None)));
            if writable {
                editor
            } else {
                el("div")
                    .child(el("fieldset").class("mw-plain-fieldset").attr("disabled", "").child(editor).into_view())
                    .child(button().class("mw-button").on(leptos::ev::click, move |_| open.set(None)).text_dyn(i18n.tr("goal.close")).into_view())
                    .into_view()
            }
        })
    };

    el("section")
        .class("mw-goals")
        .attr("aria-labelledby", "mw-goals-heading")
        .child(el("h3").id("mw-goals-heading").class("mw-subheading").text_dyn(i18n.tr("goal.title")).into_view())
        .child(adder)
        .child(toolbar)
        .child(if writable { list_view } else { el("div").class("mw-read-only").child(list_view).into_view() })
        .child(editor)
        .into_view()
}

/// Reads a relationship's goals whole (when the board opens, and after
/// its own writes). Its answer is merged by [`Reads`]: a goal that a later
/// read of its own has shown already stays as that read found it.
fn goals_reader(env: &Env, rel_id: &str, goals: RwSignal<Goals>, reads: SendWrapper<Rc<RefCell<Reads>>>) -> SendWrapper<impl Fn() + 'static> {
    let (env, rel_id) = (env.clone(), rel_id.to_string());
    SendWrapper::new(move || {
        let Some(bridge) = env.host() else { return };
        let (env, rel_id, reads) = (env.clone(), rel_id.clone(), reads.clone());
        let read = reads.borrow_mut().begin();
        spawn_local(async move {
            match load_goals(&bridge, &rel_id).await {
                Ok(items) => {
                    goals.try_update(|g| {
                        let shown = match std::mem::replace(g, Goals::Loading) {
                            Goals::Loaded(shown) => shown,
                            _ => Vec::new(),
                        };
                        *g = Goals::Loaded(reads.borrow_mut().merge(read, shown, items, |i| i.key(&rel_id)));
                    });
                }
                // A list already shown stays (a later read may have shown
                // it, and one failed refresh is no reason to hide it); the
                // host hears why. With nothing shown yet, the failure is.
                Err(e) => {
                    env.report(&e);
                    goals.try_update(|g| {
                        if !matches!(g, Goals::Loaded(_)) {
                            *g = Goals::Failed(e);
                        }
                    });
                }
            }
        });
    })
}

/// Moves a goal up or down: every goal whose place changed is written,
/// then the board reads the goals again.
fn goal_mover(env: &Env, rel_id: String, goals: RwSignal<Goals>, load: Callback<()>) -> Callback<(String, i32)> {
    let ready = move || goals.with_untracked(Goals::ready);
    let env = env.clone();
    Callback::new(move |(id, delta): (String, i32)| {
        let Some(bridge) = env.host() else { return };
        let mut list: Vec<(Goal, String)> = ready();
        let mut only: Vec<Goal> = list.iter().map(|(g, _)| g.clone()).collect();
        let changed = move_goal(&mut only, &id, delta);
        for (slot, g) in list.iter_mut().zip(only) {
            slot.0 = g;
        }
        // Each moved goal is read as listed; only its place changes, so
        // over a partner's crossing save the new place is set again there.
        let moved: Vec<(Goal, String, u32)> = ready()
            .into_iter()
            .filter_map(|(g, rev)| list.iter().find(|(m, _)| m.id == g.id && changed.contains(&m.id)).map(|(m, _)| (g, rev, m.priority)))
            .collect();
        let (env, rel_id) = (env.clone(), rel_id.clone());
        spawn_local(async move {
            for (goal, revision, place) in moved {
                let key = keys::goal(&rel_id, &goal.id);
                let step = |g: &mut Goal| Ok(std::mem::replace(&mut g.priority, place) != place);
                if let Err(e) = writes::goal_step(&bridge, &key, Held { doc: goal, revision }, step).await {
                    if let Some(b) = e.bridge() {
                        env.report(b);
                    }
                }
            }
            load.try_run(());
        });
    })
}

/// Adds a goal with the title typed, last in the order, and opens it.
fn goal_add(
    env: &Env,
    (me, rel): (Person, Relationship),
    goals: RwSignal<Goals>,
    (new_title, open): (RwSignal<String>, RwSignal<Option<String>>),
    load: Callback<()>,
) -> Callback<()> {
    let ready = move || goals.with_untracked(Goals::ready);
    let env = env.clone();
    Callback::new(move |_| {
        let Some(bridge) = env.host() else { return };
        let Ok(mut goal) = Goal::new(&rel, &me, fresh_id(), &new_title.get_untracked(), &now_rfc3339()) else { return };
        goal.priority = ready().iter().map(|(g, _)| g.priority + 1).max().unwrap_or(0);
        let env = env.clone();
        let key = keys::goal(&rel.id, &goal.id);
        spawn_local(async move {
            match writes::goal(&bridge, &key, None, goal.clone()).await {
                Ok(_) => {
                    new_title.try_set(String::new());
                    open.try_set(Some(goal.id.clone()));
                    load.try_run(());
                }
                Err(e) => {
                    if let Some(b) = e.bridge() {
                        env.report(b);
                    }
                }
            }
        });
    })
}
