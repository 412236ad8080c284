use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::bridge::repo::save_checkin;
use crate::domain::checkins::record::{CheckIn, CheckInKind, Review};
use crate::domain::keys;
use crate::domain::relationship::State;
use crate::ui::checkins::book::{load_book, refresh, Book, BookError};
use crate::ui::checkins::checkin_form::{checkin_form, unsaved_checkin};
use crate::ui::checkins::checkin_list::checkin_list;
use crate::ui::checkins::closed_summary::closed_summary;
use crate::ui::checkins::closing_panel::closing_panel;
use crate::ui::checkins::life_command::{run_life, Failure};
use crate::ui::checkins::lifecycle_panel::lifecycle_panel;
use crate::ui::checkins::next_checkin_card::next_checkin_card;
use crate::ui::checkins::pulse_chart::pulse_chart;
use crate::ui::checkins::timeline_view::timeline_view;
use crate::ui::dom::{dyn_view, el, empty, fragment, AnyView};
use crate::ui::env::Env;
use crate::ui::platform::{fresh_id, now_rfc3339, today_in};

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Loading,
    Ready,
    Failed(String),
}

/// Which check-in the form shows: a stored one (by id) or a new one not yet saved.
#[derive(Clone, Debug, PartialEq)]
pub enum Editing {
    Stored(String),
    New(Box<CheckIn>),
}

/// CheckinsRoot: the top of the check-ins module: where the relationship
/// stands and what can be done next (pause, review, moving on), the next
/// check-in, the check-ins themselves, the pulse and the timeline; once
/// closed, the summary. It follows the partner's changes as they land.
pub fn checkins_root(env: Env, relationship_id: String) -> AnyView {
    let i18n = env.i18n;
    let loading = RwSignal::new(Phase::Loading);
    let book = RwSignal::new(None::<Book>);
    let editing = RwSignal::new(None::<Editing>);
    let me_signal = RwSignal::new(None::<crate::domain::person::Person>);

    let reload = {
        let (env, id) = (env.clone(), relationship_id.clone());
        SendWrapper::new(move || {
            let (Some(bridge), Some(me)) = (env.host(), me_signal.get_untracked()) else { return };
            let (env, id) = (env.clone(), id.clone());
            spawn_local(async move {
                match load_book(&bridge, me, &id).await {
                    Ok(b) => {
                        let first = loading.try_get_untracked() != Some(Phase::Ready);
                        // A check-in left with unsaved entries (a failed save, a
                        // reload) opens again at once, stored or not.
                        if first && b.is_open() {
                            if let Some(kept) = unsaved_checkin(&b.me.id, &b.rel.id) {
                                let stored = b.checkins.iter().any(|(c, _)| c.id == kept.id);
                                editing.try_set(Some(if stored { Editing::Stored(kept.id) } else { Editing::New(Box::new(kept)) }));
                            }
                        }
                        if book.try_with_untracked(|old| old.as_ref() != Some(&b)).unwrap_or(false) {
                            book.try_set(Some(b));
                        }
                        // Setting a signal notifies even when the value is the
                        // same: that would rebuild the screen on every refresh.
                        if first {
                            loading.try_set(Phase::Ready);
                        }
                    }
                    // A failed refresh keeps what is on screen.
                    Err(_) if loading.try_get_untracked() == Some(Phase::Ready) => {}
                    Err(BookError::Bridge(e)) => {
                        env.report(&e);
                        loading.try_set(Phase::Failed(env.i18n.t(e.message_key())));
                    }
                    Err(BookError::Relationship(key)) => {
                        loading.try_set(Phase::Failed(env.i18n.t(key)));
                    }
                }
            });
        })
    };

    if let Some(bridge) = env.host() {
        let (env2, reload2, who) = (env.clone(), reload.clone(), bridge.clone());
        spawn_local(async move {
            match who.identity().await {
                Ok(identity) => {
                    env2.time_zone.try_set(identity.time_zone.clone());
                    me_signal.try_set(Some(identity.person));
                    reload2();
                }
                Err(e) => {
                    env2.report(&e);
                    loading.try_set(Phase::Failed(env2.i18n.t(e.message_key())));
                }
            }
        });
        // The relationship, its check-ins and its goals all live under its key
        // (and not under a longer id that merely starts the same).
        // Only the document that changed is read again (see `book::refresh`).
        let (env3, rel_id, watcher) = (env.clone(), relationship_id.clone(), bridge.clone());
        let sub = SendWrapper::new(bridge.subscribe(&keys::relationship(&relationship_id), move |key| {
            if book.try_with_untracked(|b| b.is_none()).unwrap_or(true) {
                return;
            }
            let (env, rel_id, watcher) = (env3.clone(), rel_id.clone(), watcher.clone());
            spawn_local(async move {
                match refresh(&watcher, &rel_id, &key).await {
                    Ok(Some(piece)) => {
                        if book.try_update_untracked(|b| b.as_mut().is_some_and(|b| b.apply(piece))) == Some(true) {
                            book.notify();
                        }
                    }
                    Ok(None) => {}
                    // A failed refresh keeps what is on screen.
                    Err(e) => env.report(&e),
                }
            });
        }));
        on_cleanup(move || drop(sub));
    } else {
        loading.set(Phase::Failed(i18n.t("bridge.misconfigured")));
    }

    let failure = RwSignal::new(None::<Failure>);
    let moving_on = RwSignal::new(false);

    // Opening or leaving a check-in replaces the part of the page that had
    // the focus: it moves to the new part's heading, so keyboard and screen
    // reader users carry on from there.
    let host = env.host.clone();
    let show = move |next: Option<Editing>| {
        let target = if next.is_some() { "mw-checkin-form-heading" } else { "mw-checkin-list-heading" };
        editing.set(next);
        crate::ui::dom::focus_later(&host, target.to_string());
    };
    let open_stored = Callback::new({
        let show = show.clone();
        move |id: String| show(Some(Editing::Stored(id)))
    });
    let close_form = Callback::new({
        let show = show.clone();
        move |_: ()| show(None)
    });

    // A new check-in on `date`, its agenda carried forward; shown in the
    // form and stored when first saved.
    let plan = Callback::new(move |date: crate::domain::dates::Date| {
        let Some(b) = book.get_untracked() else { return };
        let c = CheckIn::plan(&b.rel, &b.me, fresh_id(), date, &b.plain_checkins(), &b.goals, &now_rfc3339());
        show(Some(Editing::New(Box::new(c))));
    });

    // Starting the review moves the state and opens its guided check-in.
    let start_review = {
        let env = env.clone();
        Callback::new(move |_: ()| {
            let env = env.clone();
            spawn_local(async move {
                match run_life(&env, book, crate::domain::checkins::life::start_review).await {
                    Ok(()) => {
                        let Some(b) = book.get_untracked() else { return };
                        let today = today_in(env.time_zone.get_untracked().as_deref());
                        let mut c = CheckIn::plan(&b.rel, &b.me, fresh_id(), today, &b.plain_checkins(), &b.goals, &now_rfc3339());
                        c.kind = CheckInKind::MidpointReview;
                        c.review = Some(Review { working: String::new(), goals_right: String::new(), amend: false, decision: String::new() });
                        if let Some(bridge) = env.host() {
                            if let Ok(revision) = save_checkin(&bridge, &c, None).await {
                                // In the book at once: the form opens on it before the refresh lands.
                                book.try_update(|b| {
                                    if let Some(b) = b {
                                        b.checkins.insert(0, (c.clone(), revision));
                                    }
                                });
                                open_stored.run(c.id.clone());
                                return;
                            }
                        }
                        editing.try_set(Some(Editing::New(Box::new(c))));
                    }
                    Err(f) => {
                        failure.try_set(Some(f));
                    }
                }
            });
        })
    };

    // The review's decision: go on (the state returns to active), or move on.
    let review_done = {
        let env = env.clone();
        Callback::new(move |decision: String| {
            if decision == "close" {
                editing.set(None);
                moving_on.set(true);
                return;
            }
            let env = env.clone();
            spawn_local(async move {
                let in_review = book.with_untracked(|b| b.as_ref().is_some_and(|b| b.rel.state == State::MidpointReview));
                if in_review {
                    if let Err(f) = run_life(&env, book, crate::domain::checkins::life::continue_after_review).await {
                        failure.try_set(Some(f));
                    }
                }
            });
        })
    };

    // The screen's shape follows the relationship's state only: a memo, so a
    // partner's save elsewhere never rebuilds the form being typed in.
    let state = Memo::new(move |_| book.with(|b| b.as_ref().map(|b| b.rel.state)));
    let env_body = env.clone();
    let body = dyn_view(move || {
        let env = env_body.clone();
        match loading.get() {
            Phase::Loading => el("p").class("mw-status").text(i18n.t("shell.loading")).into_view(),
            Phase::Failed(message) => el("p").class("mw-panel mw-panel--error").attr("role", "alert").text(message).into_view(),
            Phase::Ready => {
                // The parts below follow the book themselves.
                let Some(state) = state.get() else { return empty() };
                let main = dyn_view({
                    let env = env.clone();
                    move || match editing.get() {
                        Some(e) => {
                            let Some(b) = book.get_untracked() else { return empty() };
                            let (checkin, revision) = match e {
                                // Saved since (the screen is rebuilt when the state
                                // changes): the stored version, with its revision.
                                Editing::New(c) => match b.checkins.iter().find(|(s, _)| s.id == c.id) {
                                    Some((s, r)) => (s.clone(), Some(r.clone())),
                                    None => (*c, None),
                                },
                                Editing::Stored(id) => match b.checkins.iter().find(|(c, _)| c.id == id) {
                                    Some((c, r)) => (c.clone(), Some(r.clone())),
                                    // Gone meanwhile: back to the list.
                                    None => return checkin_list(&env, book, open_stored, plan),
                                },
                            };
                            checkin_form(&env, b, checkin, revision, close_form, review_done)
                        }
                        None => checkin_list(&env, book, open_stored, plan),
                    }
                });
                fragment(vec![
                    if state == State::Closed { closed_summary(&env, book) } else { empty() },
                    if state == State::Closing { closing_panel(&env, book) } else { empty() },
                    lifecycle_panel(&env, book, start_review, moving_on, failure),
                    next_checkin_card(&env, book, plan, open_stored),
                    main,
                    pulse_chart(&env, book),
                    timeline_view(&env, book),
                ])
            }
        }
    });

    el("section").class("mw-checkins").attr("aria-labelledby", "mw-checkins-heading")
        .child(el("h3").id("mw-checkins-heading").class("mw-heading mw-heading--section").text(i18n.t("life.heading")).into_view())
        .child(body)
        .into_view()
}
