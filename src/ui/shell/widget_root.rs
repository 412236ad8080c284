use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::bridge::host::Identity;
use crate::bridge::BridgeError;
use crate::ui::env::{Env, HostEvent};
use crate::ui::relationships::relationship_home::RelationshipHome;
use crate::ui::shell::setup_error::SetupError;

#[derive(Clone, Debug, PartialEq)]
enum Who {
    Loading,
    Known(Identity),
    Failed(BridgeError),
}

/// The top of one widget instance: checks the bridge, asks who is signed in,
/// then shows their home.
#[component]
pub fn WidgetRoot(env: Env) -> impl IntoView {
    provide_context(env.clone());
    let i18n = env.i18n;
    let who = RwSignal::new(Who::Loading);

    let ask = {
        let env = env.clone();
        move || {
            let env = env.clone();
            match env.bridge.as_ref() {
                Err(e) => {
                    env.report(e);
                    who.set(Who::Failed(e.clone()));
                }
                Ok(bridge) => {
                    let bridge = bridge.clone();
                    who.set(Who::Loading);
                    spawn_local(async move {
                        match bridge.identity().await {
                            Ok(identity) => {
                                let user_id = identity.person.id.clone();
                                // None means the signal took it: the widget is still mounted.
                                if who.try_set(Who::Known(identity)).is_none() {
                                    env.emit(HostEvent::Ready { user_id });
                                }
                            }
                            Err(e) => {
                                if who.try_set(Who::Failed(e.clone())).is_none() {
                                    env.report(&e);
                                }
                            }
                        }
                    });
                }
            }
        }
    };
    ask();
    let retry = Callback::new({
        let ask = send_wrapper::SendWrapper::new(ask);
        move |_| ask()
    });

    let local_only = env.host().is_some_and(|b| b.is_local_only());
    let brand = env.brand;
    view! {
        <div class="mw-root" lang=move || i18n.locale()>
            <header class="mw-header">
                <span class="mw-brand">{move || brand.get().unwrap_or_else(|| i18n.t("shell.brand"))}</span>
                {move || match who.get() {
                    Who::Known(id) => Some(view! {
                        <span class="mw-whoami">
                            {i18n.f("shell.signed_in_as", &[("name", &id.person.display_name)])}
                        </span>
                    }),
                    _ => None,
                }}
            </header>
            {local_only.then(|| view! { <p class="mw-notice">{i18n.tr("shell.local_only")}</p> })}
            {move || match who.get() {
                Who::Loading => view! { <p class="mw-status" role="status">{i18n.tr("shell.loading")}</p> }.into_any(),
                Who::Failed(e) => {
                    let on_retry = (!e.is_misconfiguration()).then_some(retry);
                    view! { <SetupError error=e on_retry=on_retry /> }.into_any()
                }
                Who::Known(id) => view! { <RelationshipHome me=id.person /> }.into_any(),
            }}
        </div>
    }
}
