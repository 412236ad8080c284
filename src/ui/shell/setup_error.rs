use leptos::prelude::*;

use crate::bridge::BridgeError;
use crate::ui::env::use_env;

/// Shown instead of the widget when the bridge cannot be used. A set-up
/// fault points the portal team at the console; a passing failure offers a
/// retry.
#[component]
pub fn SetupError(error: BridgeError, #[prop(default = None)] on_retry: Option<Callback<()>>) -> impl IntoView {
    let i18n = use_env().i18n;
    let key = error.message_key();
    let misconfigured = error.is_misconfiguration();
    view! {
        <div class="mw-panel mw-panel--error" role="alert">
            <p class="mw-panel__title">{i18n.tr(key)}</p>
            {misconfigured.then(|| view! { <p class="mw-hint">{i18n.tr("bridge.misconfigured_hint")}</p> })}
            {on_retry.map(|retry| view! {
                <button type="button" class="mw-button" on:click=move |_| retry.run(())>
                    {i18n.tr("home.retry")}
                </button>
            })}
        </div>
    }
}
