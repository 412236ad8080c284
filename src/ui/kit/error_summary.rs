//! The error summary a form shows above itself when it cannot be sent: what
//! to mend, each entry a link that moves focus to its field. Shown, it is an
//! alert that the form moves focus to (`focus_later` with its id), so a
//! keyboard or screen reader user hears the list and can follow it.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;

use crate::domain::FieldError;
use crate::ui::dom::{el, empty, fragment, AnyView};
use crate::ui::env::I18n;

/// ErrorSummary: `errors` (hidden while empty) under the line `title` (a
/// message key). `entry` gives each error's text and the id of its message
/// at the field; the link goes to the control that names that id in its
/// `aria-describedby` (a group's first input).
pub fn error_summary(
    i18n: I18n,
    host: SendWrapper<web_sys::HtmlElement>,
    id: &'static str,
    title: &'static str,
    errors: Signal<Vec<FieldError>>,
    entry: fn(I18n, &FieldError) -> (String, String),
) -> AnyView {
    el("div")
        .id(id)
        .attr("tabindex", "-1")
        .attr("role", "alert")
        .class_when("mw-summary", "mw-summary--shown", move || !errors.with(Vec::is_empty))
        .dyn_child(move || {
            let list = errors.get();
            if list.is_empty() {
                return empty();
            }
            let links = list.iter().map(|e| {
                let (text, error_id) = entry(i18n, e);
                let host = host.clone();
                el("li")
                    .child(
                        el("a")
                            .attr("href", format!("#{error_id}"))
                            // Fragment links do not reach into a shadow root: move focus ourselves.
                            .on(leptos::ev::click, move |ev| {
                                ev.prevent_default();
                                focus_field(&host, &error_id);
                            })
                            .text(text)
                            .into_view(),
                    )
                    .into_view()
            });
            fragment(vec![el("p").class("mw-summary__title").text_dyn(i18n.tr(title)).into_view(), el("ul").children(links).into_view()])
        })
        .into_view()
}

/// Moves focus to the control whose `aria-describedby` names `error_id`: a
/// field's control, or for a group of radio buttons (a fieldset) its first.
pub fn focus_field(host: &web_sys::HtmlElement, error_id: &str) {
    let Some(root) = host.shadow_root() else { return };
    let Ok(Some(found)) = root.query_selector(&format!("[aria-describedby~=\"{error_id}\"]")) else { return };
    let control = if found.tag_name().eq_ignore_ascii_case("fieldset") { found.query_selector("input").ok().flatten() } else { Some(found) };
    if let Some(c) = control.and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = c.focus();
    }
}
