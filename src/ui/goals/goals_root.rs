use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::bridge::repo::{load_relationship, Fetched};
use crate::domain::checkins::life::is_open;
use crate::domain::person::Person;
use crate::domain::relationship::Relationship;
use crate::ui::dom::{dyn_view, el, AnyView};
use crate::ui::env::Env;
use crate::ui::goals::goal_board::goal_board;

#[derive(Clone, Debug, PartialEq)]
enum Ready {
    Loading,
    Ready(Person, Relationship),
    Failed(&'static str),
}

/// GoalsRoot: the top of the goal tracker module: who is signed in and
/// which relationship, then its goal board.
pub fn goals_root(env: Env, relationship_id: String) -> AnyView {
    let i18n = env.i18n;
    let state = RwSignal::new(Ready::Loading);
    let relationship_id_for_sub = relationship_id.clone();
    if let Some(bridge) = env.host() {
        let env = env.clone();
        spawn_local(async move {
            let next = match bridge.identity().await {
                Ok(identity) => {
                    env.time_zone.try_set(identity.time_zone.clone());
                    match load_relationship(&bridge, &relationship_id).await {
                        Ok(Fetched::Ready { relationship, .. }) => Ready::Ready(identity.person, relationship),
                        Ok(_) => Ready::Failed("bridge.not_found"),
                        Err(e) => {
                            env.report(&e);
                            Ready::Failed(e.message_key())
                        }
                    }
                }
                Err(e) => {
                    env.report(&e);
                    Ready::Failed(e.message_key())
                }
            };
            state.try_set(next);
        });
    } else {
        state.set(Ready::Failed("bridge.misconfigured"));
    }
    // Follows the relationship's life: once it closes, the board becomes a
    // read-only record (and if it were ever reopened, writable again).
    if let Some(bridge) = env.host() {
        let key = crate::domain::keys::relationship(&relationship_id_for_sub);
        let exact = key.clone();
        let watcher = bridge.clone();
        let sub = send_wrapper::SendWrapper::new(bridge.subscribe(&key, move |changed| {
            if changed != exact {
                return;
            }
            let (bridge, id) = (watcher.clone(), relationship_id_for_sub.clone());
            spawn_local(async move {
                if let Ok(Fetched::Ready { relationship, .. }) = load_relationship(&bridge, &id).await {
                    let flipped = state.with_untracked(|s| matches!(s, Ready::Ready(_, rel) if is_open(rel) != is_open(&relationship)));
                    if flipped {
                        state.update(|s| {
                            if let Ready::Ready(_, rel) = s {
                                *rel = relationship;
                            }
                        });
                    }
                }
            });
        }));
        on_cleanup(move || drop(sub));
    }
    dyn_view(move || match state.get() {
        Ready::Loading => el("p").class("mw-status").text(i18n.t("shell.loading")).into_view(),
        Ready::Failed(key) => el("p").class("mw-panel mw-panel--error").attr("role", "alert").text(i18n.t(key)).into_view(),
        Ready::Ready(me, rel) => goal_board(&env, me, rel),
    })
}
