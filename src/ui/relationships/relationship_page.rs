use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::bridge::repo::{load_relationship, Fetched};
use crate::bridge::BridgeError;
use crate::domain::envelope::DecodeError;
use crate::domain::keys;
use crate::domain::person::Person;
use crate::ui::agreement::actions::Loaded;
use crate::ui::agreement::agreement_panel::AgreementPanel;
use crate::ui::env::use_env;

#[derive(Clone, Debug, PartialEq)]
enum PageState {
    Loading,
    Ready,
    Broken(DecodeError),
    Missing,
    Failed(BridgeError),
}

/// One relationship: who with, where it stands, and its agreement. It follows
/// changes to the stored relationship (the partner signing, editing).
#[component]
pub fn RelationshipPage(id: String, me: Person, on_back: Callback<()>) -> impl IntoView {
    let env = use_env();
    let i18n = env.i18n;
    let doc = RwSignal::new(None::<Loaded>);
    let state = RwSignal::new(PageState::Loading);

    let load = {
        let (env, id) = (env.clone(), id.clone());
        SendWrapper::new(move || {
            let Some(bridge) = env.host() else { return };
            let (env, id) = (env.clone(), id.clone());
            spawn_local(async move {
                let next = match load_relationship(&bridge, &id).await {
                    Ok(Fetched::Ready { relationship, revision }) => {
                        doc.try_set(Some(Loaded { rel: relationship, revision }));
                        PageState::Ready
                    }
                    Ok(Fetched::Broken(e)) => PageState::Broken(e),
                    Ok(Fetched::Missing) => PageState::Missing,
                    Err(e) => {
                        env.report(&e);
                        PageState::Failed(e)
                    }
                };
                // A later failure to refresh keeps what is on screen.
                let keep = state.with_untracked(|s| *s == PageState::Ready) && next != PageState::Ready;
                if !keep {
                    state.try_set(next);
                }
            });
        })
    };
    load();
    if let Some(bridge) = env.host() {
        let reload = load.clone();
        let key = keys::relationship(&id);
        let exact = key.clone();
        let sub = bridge.subscribe(&key, move |changed| {
            if changed == exact {
                reload()
            }
        });
        let sub = SendWrapper::new(sub);
        on_cleanup(move || drop(sub));
    }

    let title = {
        let me = me.clone();
        move || {
            doc.with(|d| {
                d.as_ref().map(|d| {
                    let partner = d.rel.partner_for(&me).map(|p| p.display_name.clone()).unwrap_or_default();
                    format!("{} {}", i18n.t(d.rel.kind.label_key()), i18n.f("list.with", &[("name", &partner)]))
                })
            })
        }
    };
    let retry = move |_| {
        state.set(PageState::Loading);
        load()
    };

    view! {
        <section class="mw-page" aria-labelledby="mw-page-heading">
            <button type="button" class="mw-button mw-button--link mw-back" on:click=move |_| on_back.run(())>{i18n.tr("page.back")}</button>
            <h2 id="mw-page-heading" class="mw-heading" tabindex="-1">{title}</h2>
            {move || doc.with(|d| d.as_ref().map(|d| d.rel.state)).map(|s| view! { <p><span class="mw-badge">{i18n.t(s.label_key())}</span></p> })}
            {move || match state.get() {
                PageState::Loading => view! { <p class="mw-status">{i18n.t("shell.loading")}</p> }.into_any(),
                PageState::Ready => view! { <AgreementPanel me=me.clone() doc=doc /> }.into_any(),
                PageState::Broken(e) => view! { <div class="mw-panel mw-panel--error" role="alert"><p>{i18n.t(e.message_key())}</p></div> }.into_any(),
                PageState::Missing => view! { <div class="mw-panel mw-panel--error" role="alert"><p>{i18n.t("bridge.not_found")}</p></div> }.into_any(),
                PageState::Failed(e) => {
                    let retry = retry.clone();
                    view! {
                        <div class="mw-panel mw-panel--error" role="alert">
                            <p>{i18n.t(e.message_key())}</p>
                            <button type="button" class="mw-button" on:click=retry>{i18n.t("home.retry")}</button>
                        </div>
                    }.into_any()
                }
            }}
        </section>
    }
}
