//! What shows instead of the widget when the bridge cannot be used: a pointer to the console
//! for a set-up fault, or a retry for a passing failure.

use leptos::prelude::*;

use crate::bridge::BridgeError;
use crate::ui::dom::{el, empty, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::button::button;

/// SetupError: shown instead of the widget when the bridge cannot be used.
/// A set-up fault points the portal team at the console; a passing failure
/// offers a retry.
pub fn setup_error(i18n: I18n, error: &BridgeError, on_retry: Option<Callback<()>>) -> AnyView {
    el("div")
        .class("mw-panel mw-panel--error")
        .attr("role", "alert")
        .child(el("p").class("mw-panel__title").text(i18n.t(error.message_key())).into_view())
        .child(if error.is_misconfiguration() { el("p").class("mw-hint").text_dyn(i18n.tr("bridge.misconfigured_hint")).into_view() } else { empty() })
        .child(match on_retry {
            Some(retry) => button().class("mw-button").on(leptos::ev::click, move |_| retry.run(())).text_dyn(i18n.tr("home.retry")).into_view(),
            None => empty(),
        })
        .into_view()
}
