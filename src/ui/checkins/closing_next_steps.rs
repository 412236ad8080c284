//! Moving on, step three (the mentee's): next steps, and whether they would like a new mentor.

use leptos::prelude::*;

use crate::ui::checkins::closing_reflection::closing_text;
use crate::ui::dom::{el, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::button::button;
use crate::ui::kit::label::{checkbox, Look};
use crate::ui::kit::radio_group::Words;

/// ClosingNextSteps: the mentee's next steps and the rematch wish (their
/// text is the closing panel's, kept in this tab until saved); "Save next
/// steps" runs `on_save`.
pub fn closing_next_steps(i18n: I18n, steps: RwSignal<String>, rematch: RwSignal<bool>, on_save: Callback<()>) -> AnyView {
    el("fieldset")
        .class("mw-section mw-next-steps")
        .child(el("legend").class("mw-section__title").text_dyn(i18n.tr("close.next_steps")).into_view())
        .child(el("p").class("mw-hint").text_dyn(i18n.tr("close.next_steps_hint")).into_view())
        .child(closing_text(i18n, "mw-next-steps", "close.next_steps", steps))
        .child(
            el("div")
                .class("mw-choice")
                .child(checkbox(i18n, ("mw-rematch".into(), Words::Key("close.rematch"), Look::Plain), move || rematch.get(), move |on| rematch.set(on)))
                .into_view(),
        )
        .child(button().class("mw-button").on(leptos::ev::click, move |_| on_save.run(())).text_dyn(i18n.tr("close.save_next_steps")).into_view())
        .into_view()
}
