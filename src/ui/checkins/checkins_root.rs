//! The entry of the Check-ins view: the lifecycle panel, the next check-in, the list and the
//! form, or the summary once closed. Its shape follows the relationship's state only, so a
//! partner's save never rebuilds a form being typed in.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::bridge::save::Saved;
use crate::bridge::writes;
use crate::domain::checkins::record::{CheckIn, CheckInKind, Review};
use crate::domain::dates::Date;
use crate::domain::relationship::State;
use crate::ui::checkins::book::Book;
use crate::ui::checkins::checkin_draft::unsaved_checkin;
use crate::ui::checkins::checkin_form::checkin_form;
use crate::ui::checkins::checkin_list::checkin_list;
use crate::ui::checkins::closed_summary::closed_summary;
use crate::ui::checkins::closing_panel::closing_panel;
use crate::ui::checkins::life_command::{run_life, Failure};
use crate::ui::checkins::lifecycle_panel::lifecycle_panel;
use crate::ui::checkins::next_checkin_card::next_checkin_card;
use crate::ui::dom::{dyn_view, el, empty, fragment, AnyView};
use crate::ui::env::Env;
use crate::ui::platform::{fresh_id, now_rfc3339, today_in};
use crate::ui::workspace::state::Workspace;

/// Which check-in the form shows: a stored one (by id) or a new one not yet saved.
#[derive(Clone, Debug, PartialEq)]
pub enum Editing {
    Stored(String),
    New(Box<CheckIn>),
}

/// CheckinsRoot: the Check-ins view: where the relationship stands and what
/// can be done next (pause, review, moving on), the next check-in and the
/// check-ins themselves; once closed, the summary. It reads the workspace's
/// shared state, so the partner's changes show as they land.
pub fn checkins_root(env: &Env, ws: &Workspace) -> AnyView {
    let env = env.clone();
    let i18n = env.i18n;
    let book = ws.book;
    let editing = RwSignal::new(None::<Editing>);
    // A check-in left with unsaved entries (a failed save, a reload) opens
    // again at once, stored or not.
    if let Some(b) = book.get_untracked() {
        if b.is_open() {
            if let Some(kept) = unsaved_checkin(&b.me.id, &b.rel.id) {
                let stored = b.checkins.iter().any(|(c, _)| c.id == kept.id);
                editing.set(Some(if stored { Editing::Stored(kept.id) } else { Editing::New(Box::new(kept)) }));
            }
        }
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
    let plan = Callback::new(move |date: Date| {
        let Some(b) = book.get_untracked() else { return };
        let c = CheckIn::plan(&b.rel, &b.me, fresh_id(), date, &b.plain_checkins(), &b.goals, &now_rfc3339());
        show(Some(Editing::New(Box::new(c))));
    });

    let start_review = review_starter(&env, book, (editing, failure), open_stored);

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
                    if let Err(f) = run_life(&env, book, &crate::domain::relationship::Relationship::continue_after_review).await {
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
        // The parts below follow the book themselves.
        let Some(state) = state.get() else { return empty() };
        let main = list_or_form(&env, book, editing, (open_stored, close_form, plan), review_done);
        fragment(vec![
            if state == State::Closed { closed_summary(&env, book) } else { empty() },
            if state == State::Closing { closing_panel(&env, book) } else { empty() },
            lifecycle_panel(&env, book, start_review, moving_on, failure),
            next_checkin_card(&env, book, plan, open_stored),
            main,
        ])
    });

    el("section")
        .class("mw-checkins")
        .attr("aria-labelledby", "mw-checkins-heading")
        .child(el("h3").id("mw-checkins-heading").class("mw-heading mw-heading--section").text_dyn(i18n.tr("life.heading")).into_view())
        .child(body)
        .into_view()
}

/// Starting the review moves the state and opens its guided check-in,
/// stored at once (or shown unsaved if the store fails).
fn review_starter(
    env: &Env,
    book: RwSignal<Option<Book>>,
    (editing, failure): (RwSignal<Option<Editing>>, RwSignal<Option<Failure>>),
    open_stored: Callback<String>,
) -> Callback<()> {
    let env = env.clone();
    Callback::new(move |_: ()| {
        let env = env.clone();
        spawn_local(async move {
            match run_life(&env, book, &crate::domain::relationship::Relationship::start_review).await {
                Ok(()) => {
                    // The view may be gone by now: every touch is a `try_`.
                    let Some(b) = book.try_get_untracked().flatten() else { return };
                    let Some(zone) = env.time_zone.try_get_untracked() else { return };
                    let today = today_in(zone.as_deref());
                    let mut c = CheckIn::plan(&b.rel, &b.me, fresh_id(), today, &b.plain_checkins(), &b.goals, &now_rfc3339());
                    c.kind = CheckInKind::MidpointReview;
                    c.review = Some(Review { working: String::new(), goals_right: String::new(), amend: false, decision: String::new() });
                    if let Some(bridge) = env.host() {
                        let key = crate::domain::keys::checkin(&b.rel.id, &c.id);
                        if let Ok(Saved::Stored { held, .. }) = writes::checkin(&bridge, &key, None, None, c.clone()).await {
                            let revision = held.revision;
                            // In the book at once: the form opens on it before the refresh lands.
                            book.try_update(|b| {
                                if let Some(b) = b {
                                    b.checkins.insert(0, (c.clone(), revision));
                                }
                            });
                            open_stored.try_run(c.id.clone());
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
}

/// The list of check-ins, or the form of the one being edited.
fn list_or_form(
    env: &Env,
    book: RwSignal<Option<Book>>,
    editing: RwSignal<Option<Editing>>,
    (open_stored, close_form, plan): (Callback<String>, Callback<()>, Callback<Date>),
    review_done: Callback<String>,
) -> AnyView {
    let env = env.clone();
    dyn_view(move || match editing.get() {
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
    })
}
