//! One field of the agreement form, whatever its kind, with its label, hint and error. The form
//! is this one function applied to each row of the domain's field table.

use leptos::prelude::*;

use crate::domain::agreement::fields::{Field, Kind};
use crate::domain::FieldError;
use crate::ui::dom::{el, empty, AnyView};
use crate::ui::env::I18n;

/// The DOM id of a field's input: field ids hold dots, which CSS selectors
/// and `aria-describedby` lists handle badly.
pub fn dom_id(field: &str) -> String {
    format!("mw-f-{}", field.replace('.', "-"))
}

/// AgreementField: one agreement field, whatever its kind: label, hint, the
/// input, and its error tied to it. Every field of the form is this one
/// function, driven by the domain's field table.
pub fn agreement_field(
    i18n: I18n,
    field: &'static Field,
    value: Signal<String>,
    error: Signal<Option<FieldError>>,
    on_input: Callback<(&'static str, String)>,
) -> AnyView {
    let id = dom_id(field.id);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = field.hint.is_some();
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
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
    let input = move |ev: web_sys::Event| on_input.run((field.id, event_target_value(&ev)));

    let control = match field.kind {
        Kind::LongText | Kind::List => {
            el("textarea").attr("rows", if field.kind == Kind::List { "4" } else { "3" }).class("mw-input mw-textarea").on(leptos::ev::input, input)
        }
        Kind::Choice(options) => {
            let blank = el("option").attr("value", "").text_dyn(i18n.tr("agr.choose")).into_view();
            // The select's own `value` would be set before its options exist;
            // each option says whether it is the chosen one instead.
            let opts = options.iter().map(move |o| {
                el("option").attr("value", *o).prop_flag("selected", move || value.with(|v| v == o)).text(i18n.t(&format!("{}.{o}", field.label))).into_view()
            });
            el("select").class("mw-input mw-select").child(blank).children(opts).on(leptos::ev::change, input)
        }
        kind => {
            let (ty, range) = match kind {
                Kind::Number { min, max } => ("number", Some((min, max))),
                Kind::Date => ("date", None),
                _ => ("text", None),
            };
            el("input")
                .attr("type", ty)
                .class("mw-input")
                .attr_opt("min", range.map(|r| r.0.to_string()))
                .attr_opt("max", range.map(|r| r.1.to_string()))
                .attr_opt("inputmode", range.map(|_| "numeric"))
                .on(leptos::ev::input, input)
        }
    };
    let control = match field.kind {
        Kind::Choice(_) => control,
        _ => control.prop_text("value", move || value.get()),
    };
    let control = control
        .id(id.clone())
        .attr_dyn("aria-invalid", move || Some(error.with(Option::is_some).to_string()))
        .attr_dyn("aria-describedby", described)
        .into_view();

    el("div")
        .class_when("mw-field", "mw-field--invalid", move || error.with(Option::is_some))
        .attr("data-field", field.id)
        .child(el("label").attr("for", id).class("mw-label").text_dyn(i18n.tr(field.label)).into_view())
        .child(match field.hint {
            Some(h) => el("p").id(hint_id).class("mw-hint").text_dyn(i18n.tr(h)).into_view(),
            None => empty(),
        })
        .child(control)
        .dyn_child(move || match error.get() {
            Some(e) => {
                let args: Vec<(&str, &str)> = e.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                el("p").id(error_id.clone()).class("mw-field-error").text(i18n.f(e.key, &args)).into_view()
            }
            None => empty(),
        })
        .into_view()
}
