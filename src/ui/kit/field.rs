//! One labelled control of a form, built one way: the label, a hint if it
//! has one, the control, and its error under it, with the control naming
//! both in `aria-describedby`, `aria-invalid` while it has an error and
//! `aria-required` when it must be filled. The caller builds the control
//! itself (an input, a textarea, a select, with its value and handlers);
//! the kit gives it its id and ties the rest to it.

use leptos::prelude::*;

use crate::domain::FieldError;
use crate::ui::dom::{el, empty, AnyView, El};
use crate::ui::env::I18n;
use crate::ui::kit::field_error::message;
use crate::ui::kit::radio_group::Words;

pub struct Field {
    /// The control's id; the hint is `{id}-hint`, the error `{id}-error`.
    pub id: String,
    pub label: Words,
    /// A message key.
    pub hint: Option<&'static str>,
    /// The field's error while it has one.
    pub error: Signal<Option<FieldError>>,
    pub required: bool,
    /// Short fields (a date, a number) side by side.
    pub inline: bool,
    /// A wrapper's class and what sits in it after the control: a
    /// combobox's list of options and its status lines.
    pub beside: Option<(&'static str, AnyView)>,
}

impl Field {
    pub fn new(id: impl Into<String>, label: Words) -> Field {
        Field { id: id.into(), label, hint: None, error: Signal::derive(|| None), required: false, inline: false, beside: None }
    }
}

/// The first error for `field` among a form's errors, as a field shows it.
pub fn error_of(errors: RwSignal<Vec<FieldError>>, field: &'static str) -> Signal<Option<FieldError>> {
    Signal::derive(move || errors.with(|list| list.iter().find(|e| e.field == field).cloned()))
}

/// FormField: see the module.
pub fn field(i18n: I18n, f: Field, control: El) -> AnyView {
    let Field { id, label, hint, error, required, inline, beside } = f;
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id, has_hint) = (hint_id.clone(), error_id.clone(), hint.is_some());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if error.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let control = control
        .id(id.clone())
        .attr_opt("aria-required", required.then_some("true"))
        .attr_dyn("aria-invalid", move || error.with(Option::is_some).then(|| "true".to_string()))
        .attr_dyn("aria-describedby", described)
        .into_view();
    el("div")
        .class_when(if inline { "mw-field mw-field--inline" } else { "mw-field" }, "mw-field--invalid", move || error.with(Option::is_some))
        .child(el("label").attr("for", id).class("mw-label").child(label.into_view(i18n)).into_view())
        .child(match hint {
            Some(h) => el("p").id(hint_id).class("mw-hint").text_dyn(i18n.tr(h)).into_view(),
            None => empty(),
        })
        .child(match beside {
            Some((class, beside)) => el("div").class(class).child(control).child(beside).into_view(),
            None => control,
        })
        .dyn_child(move || match error.get() {
            Some(e) => el("p").id(error_id.clone()).class("mw-field-error").attr("aria-live", "polite").text(message(i18n, &e)).into_view(),
            None => empty(),
        })
        .into_view()
}
