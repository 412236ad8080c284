//! A group of radio buttons, built one way for every form: a fieldset with
//! its legend, each choice an input and its label (and a hint, tied to it),
//! the group's error under it and named by the fieldset. Values travel as
//! strings; each form maps its own type in and out.

use leptos::prelude::*;

use crate::ui::dom::{dyn_view, el, empty, AnyView};
use crate::ui::env::I18n;

/// What a legend or a label says: a message key (it follows the texts when
/// the host changes them), text already worded, or a number in the
/// person's way of writing numbers.
#[derive(Clone)]
pub enum Words {
    Key(&'static str),
    Text(String),
    Number(i64),
}

impl Words {
    pub fn into_view(self, i18n: I18n) -> AnyView {
        match self {
            Words::Key(key) => crate::ui::dom::text_dyn(i18n.tr(key)),
            Words::Text(text) => crate::ui::dom::text(text),
            Words::Number(n) => crate::ui::dom::text_dyn(move || i18n.n(n)),
        }
    }
}

/// One choice: its value, its label and, if it needs one, a hint (a message key).
pub struct Choice {
    pub value: String,
    pub label: Words,
    pub hint: Option<&'static str>,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: Words) -> Choice {
        Choice { value: value.into(), label, hint: None }
    }
}

/// A rating's choices: the numbers `from..=to`, each its own label.
pub fn numbers(from: u8, to: u8) -> Vec<Choice> {
    (from..=to).map(|n| Choice::new(n.to_string(), Words::Number(i64::from(n)))).collect()
}

pub struct RadioGroup {
    /// The inputs' `name`; each input's id is `{name}-{value}`, the error's `{name}-error`.
    pub name: String,
    pub legend: Words,
    /// The legend for screen readers only, where a heading beside the group
    /// already says it on screen.
    pub legend_hidden: bool,
    /// Short choices (ratings) side by side.
    pub row: bool,
    pub choices: Vec<Choice>,
    pub selected: Signal<Option<String>>,
    pub choose: Callback<String>,
    /// A message key while the group has an error.
    pub error: Option<Signal<Option<&'static str>>>,
}

/// RadioGroup: see the module.
pub fn radio_group(i18n: I18n, g: RadioGroup) -> AnyView {
    let RadioGroup { name, legend, legend_hidden, row, choices, selected, choose, error } = g;
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    let error_id = format!("{name}-error");
    let choices = choices.into_iter().map(|c| {
        let id = format!("{name}-{}", c.value);
        let hint_id = format!("{id}-hint");
        let (value, checked) = (c.value.clone(), c.value);
        el("div")
            .class("mw-choice")
            .child(
                el("input")
                    .attr("type", "radio")
                    .class("mw-radio")
                    .id(id.clone())
                    .attr("name", name.clone())
                    .attr("value", value.clone())
                    .attr_opt("aria-describedby", c.hint.map(|_| hint_id.clone()))
                    .prop_flag("checked", move || selected.with(|s| s.as_deref() == Some(checked.as_str())))
                    .on(leptos::ev::change, move |_| choose.run(value.clone()))
                    .into_view(),
            )
            .child(el("label").attr("for", id).class("mw-choice__label").child(c.label.into_view(i18n)).into_view())
            .child(match c.hint {
                Some(h) => el("p").id(hint_id).class("mw-hint").text_dyn(i18n.tr(h)).into_view(),
                None => empty(),
            })
            .into_view()
    });
    let described = error_id.clone();
    el("fieldset")
        .class_when("mw-fieldset", "mw-field--invalid", move || error.get().is_some())
        .attr_dyn("aria-describedby", move || error.get().map(|_| described.clone()))
        .child(el("legend").class(if legend_hidden { "mw-visually-hidden" } else { "mw-label" }).child(legend.into_view(i18n)).into_view())
        .child(el("div").class(if row { "mw-choices mw-choices--row" } else { "mw-choices" }).children(choices).into_view())
        .child(dyn_view(move || match error.get() {
            Some(key) => el("p").id(error_id.clone()).class("mw-field-error").text(i18n.t(key)).into_view(),
            None => empty(),
        }))
        .into_view()
}
