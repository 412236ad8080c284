//! Moving on, step by step: each goal signed off, each person's reflection, the mentee's next
//! steps, then the close. What is typed is kept in this tab until it is saved.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::bridge::backup;
use crate::domain::goals::GoalStatus;
use crate::domain::relationship::life::Outcome;
use crate::domain::relationship::Role;
use crate::ui::checkins::book::Book;
use crate::ui::checkins::closing_next_steps::closing_next_steps;
use crate::ui::checkins::closing_outcomes::closing_outcomes;
use crate::ui::checkins::closing_reflection::closing_reflection;
use crate::ui::checkins::life_command::{failure_line, run_life, Failure};
use crate::ui::dom::{dyn_view, el, empty, AnyView};
use crate::ui::env::{Env, HostEvent};
use crate::ui::kit::button::button;
use crate::ui::kit::save_status::{save_status, SaveState};

/// ClosingPanel: moving on, step by step: each goal signed off as reached,
/// partly reached or not; each person's reflection; the mentee's next
/// steps and whether they would like a new mentor; then the close.
pub fn closing_panel(env: &Env, book: RwSignal<Option<Book>>) -> AnyView {
    let i18n = env.i18n;
    let failure = RwSignal::new(None::<Failure>);
    let notice = RwSignal::new(String::new());
    let Some(b) = book.get_untracked() else { return empty() };
    let typed = Typed::of(&b);
    let Typed { worked, change, effectiveness, steps, rematch } = typed;
    let is_mentee = b.rel.role_of(&b.me) == Some(Role::Mentee);

    // What I typed here and have not saved yet is kept in this tab, so a
    // reload (or a failed save) loses none of it.
    let kept_name = format!("{}:{}:closing", b.me.id, b.rel.id);
    typed.keep_in_tab(&kept_name);

    let run = closing_runner(env, book, typed, (failure, notice), kept_name);

    let started = dyn_view(move || {
        // Each part reads the relationship in place (`with`), never a copy of it.
        book.with(|b| {
            let Some(b) = b.as_ref() else { return empty() };
            let Some(c) = b.rel.life.closing.as_ref() else { return empty() };
            el("p")
                .class("mw-hint")
                .text(i18n.f("close.started_by", &[("name", &b.name_of(&c.started_by)), ("reason", &i18n.t(c.reason().label_key()))]))
                .into_view()
        })
    });

    let on_outcome = Callback::new({
        let run = run.clone();
        move |(goal, title, outcome): (String, String, Outcome)| run(Step::Outcome(goal, title, outcome))
    });
    let on_reflect = Callback::new({
        let run = run.clone();
        move |_: ()| run(Step::Reflect)
    });
    let on_next_steps = Callback::new({
        let run = run.clone();
        move |_: ()| run(Step::NextSteps)
    });
    let run_close = run.clone();
    let reflection = closing_reflection(i18n, book, worked, change, effectiveness, on_reflect);
    let next = if is_mentee { closing_next_steps(i18n, steps, rematch, on_next_steps) } else { empty() };

    el("section")
        .class("mw-section mw-closing")
        .attr("aria-labelledby", "mw-closing-heading")
        .child(el("h4").id("mw-closing-heading").class("mw-section__title").text_dyn(i18n.tr("close.heading")).into_view())
        .child(started)
        .child(closing_outcomes(i18n, book, on_outcome))
        .child(reflection)
        .child(next)
        .child(save_status(None, move || (SaveState::Idle, notice.get())))
        .child(failure_line(env, failure))
        .child(
            el("div")
                .class("mw-actions")
                .child(
                    button()
                        .class("mw-button mw-button--primary")
                        .on(leptos::ev::click, move |_| run_close(Step::Close))
                        .text_dyn(i18n.tr("close.close"))
                        .into_view(),
                )
                .into_view(),
        )
        .into_view()
}

/// What the person types in the panel: my reflection and the mentee's
/// next steps (signals: a copy is the same state).
#[derive(Clone, Copy)]
struct Typed {
    worked: RwSignal<String>,
    change: RwSignal<String>,
    effectiveness: RwSignal<u8>,
    steps: RwSignal<String>,
    rematch: RwSignal<bool>,
}

/// The closing panel's typed text, kept in this tab until saved.
#[derive(miniserde::Serialize, miniserde::Deserialize)]
struct Unsaved {
    worked: String,
    change: String,
    steps: String,
}

#[derive(Clone)]
enum Step {
    Outcome(String, String, Outcome),
    Reflect,
    NextSteps,
    Close,
}

impl Typed {
    /// What is saved already: my reflection and the next steps.
    fn of(b: &Book) -> Typed {
        let closing = b.rel.life.closing.as_ref();
        let mine = closing.and_then(|c| c.reflection_of(&b.me.id));
        Typed {
            worked: RwSignal::new(mine.map(|r| r.worked.clone()).unwrap_or_default()),
            change: RwSignal::new(mine.map(|r| r.change.clone()).unwrap_or_default()),
            effectiveness: RwSignal::new(mine.map(|r| r.effectiveness).unwrap_or(0)),
            steps: RwSignal::new(closing.map(|c| c.next_steps.clone()).unwrap_or_default()),
            rematch: RwSignal::new(closing.is_some_and(|c| c.rematch)),
        }
    }

    /// Brings back what this tab kept under `kept_name`, then keeps every
    /// change there until it is saved.
    fn keep_in_tab(self, kept_name: &str) {
        let Typed { worked, change, steps, .. } = self;
        if let Some(kept) = backup::kept_text(kept_name).and_then(|t| miniserde::json::from_str::<Unsaved>(&t).ok()) {
            worked.set(kept.worked);
            change.set(kept.change);
            steps.set(kept.steps);
        }
        {
            let name = kept_name.to_string();
            let stored = (worked.get_untracked(), change.get_untracked(), steps.get_untracked());
            Effect::new(move |_| {
                let now = Unsaved { worked: worked.get(), change: change.get(), steps: steps.get() };
                if (now.worked.as_str(), now.change.as_str(), now.steps.as_str()) != (stored.0.as_str(), stored.1.as_str(), stored.2.as_str()) {
                    backup::keep_text(&name, &miniserde::json::to_string(&now));
                }
            });
        }
    }
}

/// Takes one step through the lifecycle's one write path; a close or a
/// rematch request is told to the host once it is stored.
async fn take_step(env: &Env, book: RwSignal<Option<Book>>, typed: Typed, step: Step) -> Result<(), Failure> {
    let Typed { worked, change, effectiveness, steps, rematch } = typed;
    match step.clone() {
        Step::Outcome(id, title, o) => run_life(env, book, &move |rel, me, _| rel.set_outcome(me, &id, &title, o)).await,
        Step::Reflect => {
            let (w, c, e) = (worked.get_untracked(), change.get_untracked(), effectiveness.get_untracked());
            run_life(env, book, &move |rel, me, now| rel.reflect(me, &w, &c, e, now)).await
        }
        Step::NextSteps => {
            let (t, r) = (steps.get_untracked(), rematch.get_untracked());
            match run_life(env, book, &move |rel, me, _| rel.next_steps(me, &t, r)).await {
                Ok(true) => {
                    if let Some(b) = book.try_get_untracked().flatten() {
                        env.emit(HostEvent::RematchRequested { relationship_id: b.rel.id.clone(), mentee_id: b.me.id.clone() });
                    }
                    Ok(())
                }
                Ok(false) => Ok(()),
                Err(f) => Err(f),
            }
        }
        Step::Close => {
            let open: Vec<(String, String)> = book.with_untracked(|b| {
                b.as_ref()
                    .map(|b| b.goals.iter().filter(|g| g.status != GoalStatus::Dropped).map(|g| (g.id.clone(), g.title.clone())).collect())
                    .unwrap_or_default()
            });
            let r = run_life(env, book, &move |rel, me, now| rel.close(me, &open, now)).await;
            if r.is_ok() {
                if let Some(b) = book.try_get_untracked().flatten() {
                    let reason = b.rel.life.closing.as_ref().map(|c| c.reason().as_str()).unwrap_or("other");
                    env.emit(HostEvent::Closed { relationship_id: b.rel.id.clone(), reason });
                }
            }
            r
        }
    }
}

/// Runs one step and reports it: the failure, or what to announce; typed
/// text is forgotten in this tab once the host holds all of it.
fn closing_runner(
    env: &Env,
    book: RwSignal<Option<Book>>,
    typed: Typed,
    (failure, notice): (RwSignal<Option<Failure>>, RwSignal<String>),
    kept_name_done: String,
) -> impl Fn(Step) + Clone + Send + Sync + 'static {
    let env = env.clone();
    let Typed { worked, change, steps, rematch, .. } = typed;
    move |step: Step| {
        let kept_name_done = kept_name_done.clone();
        let env = env.clone();
        failure.set(None);
        // Ticking an outcome says nothing by itself, so it leaves the
        // last announcement (a saved reflection) standing.
        if !matches!(step, Step::Outcome(..)) {
            notice.set(String::new());
        }
        spawn_local(async move {
            let result = take_step(&env, book, typed, step.clone()).await;
            // The panel may be gone by now (the person moved on, the host
            // destroyed the widget): every touch from here is a `try_`.
            match result {
                Ok(()) => {
                    if matches!(step, Step::Reflect | Step::NextSteps) {
                        let (Some(w), Some(c), Some(n)) = (worked.try_get_untracked(), change.try_get_untracked(), steps.try_get_untracked()) else {
                            return;
                        };
                        let saved = book
                            .try_with_untracked(|b| {
                                b.as_ref().and_then(|b| b.rel.life.closing.as_ref().map(|c| (c.reflection_of(&b.me.id).cloned(), c.next_steps.clone())))
                            })
                            .flatten();
                        // Forgotten once the host holds everything typed here.
                        if let Some((mine, next)) = saved {
                            let reflected = mine.is_some_and(|r| r.worked == w.trim() && r.change == c.trim()) || (w.trim().is_empty() && c.trim().is_empty());
                            if reflected && next == n.trim() {
                                backup::forget_text(&kept_name_done);
                            }
                        }
                    }
                    let key = match step {
                        Step::Reflect => "close.reflection_saved",
                        Step::NextSteps if rematch.try_get_untracked() == Some(true) => "close.rematch_sent",
                        Step::NextSteps => "close.next_steps_saved",
                        _ => "",
                    };
                    if !key.is_empty() {
                        notice.try_set(env.i18n.t(key));
                    }
                }
                Err(f) => {
                    failure.try_set(Some(f));
                }
            }
        });
    }
}
