//! One open relationship: who with, the view tabs and the chosen view. It reads the relationship
//! once, then follows the host's change notices; each view's code is fetched on first use, and
//! the view stays mounted so what was typed in it is kept.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::domain::keys;
use crate::domain::person::Person;
use crate::domain::reads::Reads;
use crate::domain::route::{Route, Tab};
use crate::ui::checkins::book::{load_book, refresh, Book, BookError};
use crate::ui::dom::{dyn_view, el, empty, fragment, AnyView};
use crate::ui::env::Env;
use crate::ui::kit::button::button;
use crate::ui::workspace::state::Workspace;
use crate::ui::workspace::views::{lazy_view, load};
use crate::ui::workspace::workspace_tabs::workspace_tabs;

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    Loading,
    Ready,
    /// A message key.
    Failed(&'static str, bool),
}

/// RelationshipWorkspace: one relationship: who with and where it stands,
/// its views as tabs (overview, agreement, goals, check-ins, timeline) and
/// the view chosen. Reads the relationship with its check-ins and goals
/// once, then follows the host's change notices, one document at a time.
/// A view's code is fetched the first time it is opened; a view once opened
/// stays mounted (hidden) so what was typed in it is still there on return.
pub fn relationship_workspace(env: &Env, id: String, me: Person) -> AnyView {
    let i18n = env.i18n;
    let book = RwSignal::new(None::<Book>);
    let phase = RwSignal::new(Phase::Loading);
    let route = env.route;
    let tab = Memo::new(move |_| match route.get() {
        Route::Relationship { tab, .. } => tab,
        Route::Home => Tab::Overview,
    });
    let ws = Workspace { id: id.clone(), me: me.clone(), book, doc: RwSignal::new(None), tab };
    ws.link();

    let read = book_reader(env, (id.clone(), me.clone()), book, phase);
    read();

    follow_changes(env, &id, book);

    let title = {
        let me = me.clone();
        move || {
            book.with(|b| {
                b.as_ref()
                    .map(|b| {
                        let partner = b.rel.partner_for(&me).map(|p| p.display_name.clone()).unwrap_or_default();
                        format!("{} {}", i18n.t(b.rel.kind.label_key()), i18n.f("list.with", &[("name", &partner)]))
                    })
                    .unwrap_or_default()
            })
        }
    };
    let state = Memo::new(move |_| book.with(|b| b.as_ref().map(|b| b.rel.state)));

    // Which views have been opened: each is fetched and built once.
    let visited = RwSignal::new(Vec::<Tab>::new());
    Effect::new(move |_| {
        let t = tab.get();
        if phase.get() == Phase::Ready && visited.with_untracked(|v| !v.contains(&t)) {
            visited.update(|v| v.push(t));
        }
    });
    let panels = tab_panels(env, &ws, tab, visited);

    let body = {
        let (env, id) = (env.clone(), id.clone());
        let retry = read.clone();
        let panels = SendWrapper::new(std::cell::RefCell::new(Some(panels)));
        dyn_view(move || match phase.get() {
            Phase::Loading => el("p").class("mw-status").attr("role", "status").text_dyn(i18n.tr("shell.loading")).into_view(),
            Phase::Failed(key, can_retry) => {
                let retry = retry.clone();
                el("div")
                    .class("mw-panel mw-panel--error")
                    .attr("role", "alert")
                    .child(el("p").text(i18n.t(key)).into_view())
                    .child(if can_retry {
                        button().class("mw-button").on(leptos::ev::click, move |_| retry()).text_dyn(i18n.tr("home.retry")).into_view()
                    } else {
                        empty()
                    })
                    .into_view()
            }
            // Built once: a refresh never rebuilds the open views.
            Phase::Ready => match panels.borrow_mut().take() {
                Some(panels) => fragment(vec![workspace_tabs(&env, &id, tab), el("div").class("mw-tabpanels").children(panels).into_view()]),
                None => empty(),
            },
        })
    };

    let env_back = env.clone();
    el("section")
        .class("mw-page")
        .attr("aria-labelledby", "mw-page-heading")
        .child(
            button()
                .class("mw-button mw-button--link mw-back")
                .on(leptos::ev::click, move |_| {
                    env_back.navigate(Route::Home);
                    crate::ui::dom::focus_later(&env_back.host, "mw-home-heading".to_string());
                })
                // The arrow means "back", so it points the way this
                // language reads from: the stylesheet mirrors it right to left.
                .child(el("span").class("mw-back__arrow").attr("aria-hidden", "true").text("←").into_view())
                .child(el("span").text_dyn(i18n.tr("page.back")).into_view())
                .into_view(),
        )
        .child(
            el("div")
                .class("mw-page__top")
                .child(el("h2").id("mw-page-heading").class("mw-heading").attr("tabindex", "-1").text_dyn(title).into_view())
                .dyn_child(move || match state.get() {
                    Some(s) => el("span").class("mw-badge").text(i18n.t(s.label_key())).into_view(),
                    None => empty(),
                })
                .into_view(),
        )
        .child(body)
        .into_view()
}

/// Reads the relationship with its goals and check-ins, into `book`;
/// `phase` says whether it is loading, ready or failed (and if a retry may help).
fn book_reader(env: &Env, (id, me): (String, Person), book: RwSignal<Option<Book>>, phase: RwSignal<Phase>) -> SendWrapper<impl Fn() + Clone> {
    let env = env.clone();
    SendWrapper::new(move || {
        let Some(bridge) = env.host() else {
            phase.set(Phase::Failed("bridge.misconfigured", false));
            return;
        };
        phase.set(Phase::Loading);
        let (env, id, me) = (env.clone(), id.clone(), me.clone());
        spawn_local(async move {
            match load_book(&bridge, me, &id).await {
                Ok(b) => {
                    book.try_set(Some(b));
                    phase.try_set(Phase::Ready);
                    crate::ui::workspace::views::prefetch_later(crate::ui::workspace::views::FROM_WORKSPACE);
                }
                Err(BookError::Bridge(e)) => {
                    env.report(&e);
                    phase.try_set(Phase::Failed(e.message_key(), true));
                }
                Err(BookError::Relationship(key)) => {
                    phase.try_set(Phase::Failed(key, false));
                }
            }
        });
    })
}

/// The relationship, its check-ins and its goals all live under its key
/// (and not under a longer id that merely starts the same: `refresh`
/// checks). Only the document that changed is read again, and a failed
/// refresh keeps what is on screen.
fn follow_changes(env: &Env, id: &str, book: RwSignal<Option<Book>>) {
    if let Some(bridge) = env.host() {
        let (env, rel_id, watcher) = (env.clone(), id.to_string(), bridge.clone());
        // Two changes of one document in quick succession are read twice,
        // and a host may answer the reads in either order: the answer of
        // the read begun last is the one kept (`domain/reads.rs`).
        let reads = SendWrapper::new(Rc::new(RefCell::new(Reads::default())));
        let sub = SendWrapper::new(bridge.subscribe(&keys::relationship(id), move |key| {
            if book.try_with_untracked(|b| b.is_none()).unwrap_or(true) {
                return;
            }
            let (env, rel_id, watcher, reads) = (env.clone(), rel_id.clone(), watcher.clone(), reads.clone());
            let read = reads.borrow_mut().begin();
            spawn_local(async move {
                match refresh(&watcher, &rel_id, &key).await {
                    Ok(Some(piece)) if reads.borrow_mut().take(&key, read) => {
                        if book.try_update_untracked(|b| b.as_mut().is_some_and(|b| b.apply(piece))) == Some(true) {
                            book.notify();
                        }
                    }
                    // Not this relationship's, or an older answer.
                    Ok(_) => {}
                    // A failed refresh keeps what is on screen.
                    Err(e) => env.report(&e),
                }
            });
        }));
        on_cleanup(move || drop(sub));
    }
}

/// One tab panel per view; a view's code is fetched and built the first
/// time it is opened, and it stays (hidden) when another is shown.
fn tab_panels(env: &Env, ws: &Workspace, tab: Memo<Tab>, visited: RwSignal<Vec<Tab>>) -> Vec<AnyView> {
    Tab::ALL
        .into_iter()
        .map(|t| {
            let (env, ws) = (env.clone(), ws.clone());
            let opened = Memo::new(move |_| visited.with(|v| v.contains(&t)));
            el("div")
                .class("mw-tabpanel")
                .attr("role", "tabpanel")
                .id(format!("mw-panel-{}", t.name()))
                .attr("aria-labelledby", format!("mw-tab-{}", t.name()))
                .attr("tabindex", "-1")
                .prop_flag("hidden", move || tab.get() != t)
                .dyn_child(move || {
                    if !opened.get() {
                        return empty();
                    }
                    let (env, ws) = (env.clone(), ws.clone());
                    let env_view = env.clone();
                    lazy_view(&env_view, move || Box::pin(load(t, env.clone(), ws.clone())))
                })
                .into_view()
        })
        .collect::<Vec<_>>()
}
