//! How a form field shows its errors: the messages under the control, tied to it by id and
//! announced, and the matching `aria-invalid` flag. The check-in form and the goal editor use it.

use leptos::prelude::*;

use crate::domain::FieldError;
use crate::ui::dom::{el, AnyView};
use crate::ui::env::I18n;

/// FieldErrorText: the errors of one field, under it, with the id its
/// control names in `aria-describedby`; announced when they appear.
pub fn field_error(i18n: I18n, errors: RwSignal<Vec<FieldError>>, field: &'static str, id: String) -> AnyView {
    el("p")
        .id(id)
        .class("mw-field-error")
        .attr("aria-live", "polite")
        .text_dyn(move || errors.with(|list| list.iter().filter(|e| e.field == field).map(|e| message(i18n, e)).collect::<Vec<_>>().join(" ")))
        .into_view()
}

/// Whether `field` has an error, for `aria-invalid`.
pub fn invalid(errors: RwSignal<Vec<FieldError>>, field: &'static str) -> impl FnMut() -> Option<String> + Send + 'static {
    move || errors.with(|list| list.iter().any(|e| e.field == field)).then(|| "true".to_string())
}

/// The text of one error, its values filled in, in the person's language.
pub fn message(i18n: I18n, e: &FieldError) -> String {
    let args: Vec<(&str, &str)> = e.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    i18n.f(e.key, &args)
}
