//! Moving on, step two: my reflection (what worked, what I would change, how effective it was,
//! 1 to 5), saved with its button, and whether the partner has written theirs.

use leptos::prelude::*;

use crate::ui::checkins::book::Book;
use crate::ui::dom::{dyn_view, el, empty, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::button::button;
use crate::ui::kit::field::{field, Field};
use crate::ui::kit::radio_group::{numbers, radio_group, RadioGroup, Words};

/// ClosingReflection: the reflection's fields (their text is the closing
/// panel's, kept in this tab until saved); "Save my reflection" runs `on_save`.
pub fn closing_reflection(
    i18n: I18n,
    book: RwSignal<Option<Book>>,
    worked: RwSignal<String>,
    change: RwSignal<String>,
    effectiveness: RwSignal<u8>,
    on_save: Callback<()>,
) -> AnyView {
    // It reads the relationship in place (`with`), never a copy of it.
    let partner_status = dyn_view(move || {
        book.with(|b| {
            let Some(b) = b.as_ref() else { return empty() };
            let reflected = b.partner_id().is_some_and(|id| b.rel.life.closing.as_ref().is_some_and(|c| c.reflection_of(&id).is_some()));
            let key = if reflected { "close.partner_reflected" } else { "close.partner_waiting" };
            el("p").class("mw-hint mw-partner-reflection").text(i18n.f(key, &[("name", &b.partner_name())])).into_view()
        })
    });

    el("fieldset")
        .class("mw-section mw-reflection")
        .child(el("legend").class("mw-section__title").text_dyn(i18n.tr("close.your_reflection")).into_view())
        .child(closing_text(i18n, "mw-reflect-worked", "close.worked", worked))
        .child(closing_text(i18n, "mw-reflect-change", "close.change", change))
        .child(radio_group(
            i18n,
            RadioGroup {
                name: "mw-reflect-eff".into(),
                legend: Words::Key("close.effectiveness"),
                legend_hidden: false,
                row: true,
                choices: numbers(1, 5),
                // 0: not rated yet.
                selected: Signal::derive(move || Some(effectiveness.get()).filter(|e| *e > 0).map(|e| e.to_string())),
                choose: Callback::new(move |v: String| {
                    if let Ok(n) = v.parse::<u8>() {
                        effectiveness.set(n);
                    }
                }),
                error: None,
            },
        ))
        .child(button().class("mw-button").on(leptos::ev::click, move |_| on_save.run(())).text_dyn(i18n.tr("close.save_reflection")).into_view())
        .child(partner_status)
        .into_view()
}

/// A labelled textarea bound to `value`, through the kit's field.
pub fn closing_text(i18n: I18n, id: &'static str, label: &'static str, value: RwSignal<String>) -> AnyView {
    let control = el("textarea")
        .class("mw-input mw-textarea")
        .attr("rows", "3")
        .prop_text("value", move || value.get())
        .on(leptos::ev::input, move |ev| value.set(event_target_value(&ev)));
    field(i18n, Field::new(id, Words::Key(label)), control)
}
