//! The tabs of a relationship's views, following the WAI-ARIA tab pattern with automatic
//! activation: the arrow keys move and open, Home and End jump to the ends.

use leptos::prelude::*;

use crate::domain::route::{Route, Tab};
use crate::ui::dom::{el, AnyView};
use crate::ui::env::Env;
use crate::ui::kit::button::button;

/// WorkspaceTabs: the views of a relationship as a WAI-ARIA tab list with
/// automatic activation: one tab is in the Tab order, the arrow keys move
/// between tabs (and open them), Home and End jump to the first and last.
pub fn workspace_tabs(env: &Env, id: &str, tab: Memo<Tab>) -> AnyView {
    let i18n = env.i18n;
    el("div")
        .class("mw-tabs")
        .attr("role", "tablist")
        .attr_dyn("aria-label", move || Some(i18n.t("tab.list")))
        .children(Tab::ALL.into_iter().map(|t| {
            let (env_click, env_key) = (env.clone(), env.clone());
            let (id_click, id_key) = (id.to_string(), id.to_string());
            button()
                .attr("role", "tab")
                .id(format!("mw-tab-{}", t.name()))
                .attr("aria-controls", format!("mw-panel-{}", t.name()))
                .class_when("mw-tab", "mw-tab--current", move || tab.get() == t)
                .attr_dyn("aria-selected", move || Some((tab.get() == t).to_string()))
                .attr_dyn("tabindex", move || Some(if tab.get() == t { "0" } else { "-1" }.to_string()))
                .on(leptos::ev::click, move |_| env_click.navigate(Route::relationship(&id_click, t)))
                .on(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
                    let next = match ev.key().as_str() {
                        "ArrowRight" => t.step(true),
                        "ArrowLeft" => t.step(false),
                        "Home" => Tab::ALL[0],
                        "End" => Tab::ALL[Tab::ALL.len() - 1],
                        _ => return,
                    };
                    ev.prevent_default();
                    env_key.navigate(Route::relationship(&id_key, next));
                    crate::ui::dom::focus_now(&env_key.host, &format!("mw-tab-{}", next.name()));
                })
                .text_dyn(i18n.tr(t.label_key()))
                .into_view()
        }))
        .into_view()
}
