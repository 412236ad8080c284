//! The goal board's line to add a goal: its title, and "Add goal", which stores it and opens it
//! in the editor.

use leptos::prelude::*;

use crate::ui::dom::{el, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::button::button;
use crate::ui::kit::label::{label, Look};
use crate::ui::kit::radio_group::Words;

/// GoalAdder: the new goal's title, bound to `title`; "Add goal" runs
/// `on_add` (and says it is not ready while the title is empty).
pub fn goal_adder(i18n: I18n, title: RwSignal<String>, on_add: Callback<()>) -> AnyView {
    el("div")
        .class("mw-inline mw-goal-add")
        .child(label(i18n, "mw-goal-new", Words::Key("goal.new_title"), Look::Above))
        .child(
            el("input")
                .attr("type", "text")
                .id("mw-goal-new")
                .class("mw-input")
                .prop_text("value", move || title.get())
                .on(leptos::ev::input, move |ev| title.set(event_target_value(&ev)))
                .into_view(),
        )
        .child(
            button()
                .class("mw-button mw-button--primary")
                .attr_dyn("aria-disabled", move || Some(title.with(|t| t.trim().is_empty()).to_string()))
                .on(leptos::ev::click, move |_| on_add.run(()))
                .text_dyn(i18n.tr("goal.add"))
                .into_view(),
        )
        .into_view()
}
