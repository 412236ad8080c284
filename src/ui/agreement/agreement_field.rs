//! One field of the agreement form, whatever its kind: the control for the kind of value, in the
//! kit's field (label, hint, error). The form is this one function applied to each row of the
//! domain's field table.

use leptos::prelude::*;

use crate::domain::agreement::fields::{Field as Row, Kind};
use crate::domain::FieldError;
use crate::ui::dom::{el, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::field::{self as kit, Field};
use crate::ui::kit::radio_group::Words;

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
    field: &'static Row,
    value: Signal<String>,
    error: Signal<Option<FieldError>>,
    on_input: Callback<(&'static str, String)>,
) -> AnyView {
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
    kit::field(i18n, Field { hint: field.hint, error, required: field.required, ..Field::new(dom_id(field.id), Words::Key(field.label)) }, control)
}
