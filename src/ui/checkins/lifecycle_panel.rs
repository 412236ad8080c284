//! What the pair can do with the whole relationship now: pause or resume it, start the
//! mid-point review, or start moving on with a reason that blames no one.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::checkins::schedule::review_due;
use crate::domain::relationship::lifecycle::CloseReason;
use crate::domain::relationship::{Relationship, State};
use crate::ui::checkins::book::Book;
use crate::ui::checkins::life_command::{failure_line, run_life, Failure};
use crate::ui::dom::{dyn_view, el, empty, fragment, AnyView};
use crate::ui::env::{Env, I18n};
use crate::ui::kit::button::button;
use crate::ui::kit::radio_group::{radio_group, Choice, RadioGroup, Words};
use crate::ui::platform::today_in;

/// LifecyclePanel: what the pair can do with the relationship as a whole
/// right now: pause or resume it, start the mid-point review (called out
/// once its date has come), and start moving on with a no-fault reason.
pub fn lifecycle_panel(
    env: &Env,
    book: RwSignal<Option<Book>>,
    start_review: Callback<()>,
    moving_on: RwSignal<bool>,
    failure: RwSignal<Option<Failure>>,
) -> AnyView {
    let i18n = env.i18n;
    let reason = RwSignal::new(None::<CloseReason>);
    let busy = RwSignal::new(false);

    let command = life_runner(env, book, reason, (busy, moving_on, failure));

    let life_button = move |label: &'static str, primary: bool, on: Box<dyn Fn() + Send + Sync>| {
        button()
            .class(if primary { "mw-button mw-button--primary" } else { "mw-button" })
            .prop_flag("disabled", move || busy.get())
            .on(leptos::ev::click, move |_| on())
            .text(i18n.t(label))
            .into_view()
    };

    let env_actions = env.clone();
    let actions = dyn_view(move || {
        let Some((state, due)) =
            book.with(|b| b.as_ref().map(|b| (b.rel.state, review_due(&b.rel, today_in(env_actions.time_zone.get_untracked().as_deref())))))
        else {
            return empty();
        };
        if matches!(state, State::Closing | State::Closed) {
            return empty();
        }
        let note = match state {
            State::Proposed => Some("life.proposed_note"),
            State::Paused => Some("life.paused_note"),
            State::MidpointReview => Some("review.in_progress"),
            _ if due => Some("review.due"),
            _ => None,
        };
        let mut buttons = Vec::new();
        if state == State::Active {
            buttons.push(life_button("review.start", due, Box::new(move || start_review.run(()))));
            buttons.push(life_button("life.pause", false, Box::new(move || command.run("pause"))));
        }
        if state == State::MidpointReview {
            buttons.push(life_button("life.pause", false, Box::new(move || command.run("pause"))));
        }
        if state == State::Paused {
            buttons.push(life_button("life.resume", true, Box::new(move || command.run("resume"))));
        }
        buttons.push(life_button("close.start", false, Box::new(move || moving_on.set(true))));
        fragment(vec![
            match note {
                Some(key) => el("p").class(if key == "review.due" { "mw-notice mw-notice--due" } else { "mw-hint" }).text(i18n.t(key)).into_view(),
                None => empty(),
            },
            el("div").class("mw-actions mw-life-actions").children(buttons).into_view(),
        ])
    });

    let moving_on_form = moving_on_form(i18n, moving_on, reason, busy, command);

    el("div").class("mw-life").child(actions).child(moving_on_form).child(failure_line(env, failure)).into_view()
}

/// Pauses, resumes or starts closing (`"pause"`, `"resume"`, anything
/// else), through the lifecycle's one write path; `busy` while it runs.
fn life_runner(
    env: &Env,
    book: RwSignal<Option<Book>>,
    reason: RwSignal<Option<CloseReason>>,
    (busy, moving_on, failure): (RwSignal<bool>, RwSignal<bool>, RwSignal<Option<Failure>>),
) -> Callback<&'static str> {
    let env = env.clone();
    Callback::new(move |which: &'static str| {
        let env = env.clone();
        busy.set(true);
        failure.set(None);
        spawn_local(async move {
            let result = match which {
                "pause" => run_life(&env, book, &Relationship::pause).await,
                "resume" => run_life(&env, book, &Relationship::resume).await,
                _ => {
                    let r = reason.get_untracked().unwrap_or(CloseReason::Other);
                    run_life(&env, book, &move |rel, me, now| rel.start_closing(me, r, now)).await
                }
            };
            busy.try_set(false);
            match result {
                Ok(()) => {
                    moving_on.try_set(false);
                }
                Err(f) => {
                    failure.try_set(Some(f));
                }
            }
        });
    })
}

/// Moving on: the reasons, none of them anybody's fault, and the button
/// that starts closing (`start` runs `"close"`).
fn moving_on_form(
    i18n: I18n,
    moving_on: RwSignal<bool>,
    reason: RwSignal<Option<CloseReason>>,
    busy: RwSignal<bool>,
    start: Callback<&'static str>,
) -> AnyView {
    dyn_view(move || {
        if !moving_on.get() {
            return empty();
        }
        let start = start;
        el("fieldset")
            .class("mw-section mw-moving-on")
            .child(el("legend").class("mw-section__title").text_dyn(i18n.tr("close.heading")).into_view())
            .child(el("p").class("mw-hint").text_dyn(i18n.tr("close.intro")).into_view())
            .child(radio_group(
                i18n,
                RadioGroup {
                    name: "mw-close-reason".into(),
                    // The panel's heading and intro say it on screen.
                    legend: Words::Key("close.reason_label"),
                    legend_hidden: true,
                    row: false,
                    choices: CloseReason::ALL.into_iter().map(|r| Choice::new(r.as_str(), Words::Key(r.label_key()))).collect(),
                    selected: Signal::derive(move || reason.get().map(|r| r.as_str().to_string())),
                    choose: Callback::new(move |v: String| reason.set(CloseReason::parse(&v))),
                    error: None,
                },
            ))
            .child(
                el("div")
                    .class("mw-actions")
                    .child(
                        button()
                            .class("mw-button mw-button--primary")
                            .prop_flag("disabled", move || busy.get() || reason.get().is_none())
                            .on(leptos::ev::click, move |_| start.run("close"))
                            .text_dyn(i18n.tr("close.confirm_start"))
                            .into_view(),
                    )
                    .child(button().class("mw-button").on(leptos::ev::click, move |_| moving_on.set(false)).text_dyn(i18n.tr("close.cancel")).into_view())
                    .into_view(),
            )
            .into_view()
    })
}
