use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::bridge::repo::{load_relationship, Fetched};
use crate::domain::keys;
use crate::domain::person::Person;
use crate::ui::agreement::actions::Loaded;
use crate::ui::agreement::agreement_panel::agreement_panel;
use crate::ui::dom::{dyn_view, el, AnyView};
use crate::ui::env::Env;

#[derive(Clone, Debug, PartialEq)]
enum Ready {
    Loading,
    Ready(Person),
    Failed(&'static str),
}

/// AgreementRoot: the top of the agreement module: who is signed in, the
/// relationship (followed live as the partner edits and signs), then its
/// agreement panel.
pub fn agreement_root(env: Env, relationship_id: String) -> AnyView {
    let i18n = env.i18n;
    let state = RwSignal::new(Ready::Loading);
    let doc = RwSignal::new(None::<Loaded>);

    let load = {
        let (env, id) = (env.clone(), relationship_id.clone());
        SendWrapper::new(move |me: Option<Person>| {
            let Some(bridge) = env.host() else { return };
            let (env, id) = (env.clone(), id.clone());
            spawn_local(async move {
                let me = match me {
                    Some(me) => me,
                    None => match bridge.identity().await {
                        Ok(identity) => {
                            env.time_zone.try_set(identity.time_zone.clone());
                            identity.person
                        }
                        Err(e) => {
                            env.report(&e);
                            state.try_set(Ready::Failed(e.message_key()));
                            return;
                        }
                    },
                };
                match load_relationship(&bridge, &id).await {
                    Ok(Fetched::Ready { relationship, revision }) => {
                        doc.try_set(Some(Loaded { rel: relationship, revision }));
                        if state.try_with_untracked(|s| !matches!(s, Ready::Ready(_))).unwrap_or(false) {
                            state.try_set(Ready::Ready(me));
                        }
                    }
                    // A failed refresh keeps what is already on screen.
                    Ok(_) if doc.try_with_untracked(Option::is_some).unwrap_or(false) => {}
                    Ok(_) => {
                        state.try_set(Ready::Failed("bridge.not_found"));
                    }
                    Err(e) => {
                        env.report(&e);
                        if doc.try_with_untracked(Option::is_none).unwrap_or(true) {
                            state.try_set(Ready::Failed(e.message_key()));
                        }
                    }
                }
            });
        })
    };
    if env.host().is_some() {
        load(None);
    } else {
        state.set(Ready::Failed("bridge.misconfigured"));
    }
    // The partner editing or signing in another tab or through a live host.
    if let Some(bridge) = env.host() {
        let reload = load.clone();
        let key = keys::relationship(&relationship_id);
        let exact = key.clone();
        let sub = SendWrapper::new(bridge.subscribe(&key, move |changed| {
            if changed == exact {
                if let Some(Ready::Ready(me)) = state.try_get_untracked() {
                    reload(Some(me));
                }
            }
        }));
        on_cleanup(move || drop(sub));
    }

    dyn_view(move || match state.get() {
        Ready::Loading => el("p").class("mw-status").text(i18n.t("shell.loading")).into_view(),
        Ready::Failed(key) => el("p").class("mw-panel mw-panel--error").attr("role", "alert").text(i18n.t(key)).into_view(),
        Ready::Ready(me) => agreement_panel(&env, me, doc),
    })
}
