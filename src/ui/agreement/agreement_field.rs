use leptos::prelude::*;

use crate::domain::agreement::fields::{Field, Kind};
use crate::domain::FieldError;
use crate::ui::env::use_env;

/// The DOM id of a field's input: field ids hold dots, which CSS selectors
/// and `aria-describedby` lists handle badly.
pub fn dom_id(field: &str) -> String {
    format!("mw-f-{}", field.replace('.', "-"))
}

/// One agreement field, whatever its kind: label, hint, the input, and its
/// error tied to it. Every field of the form is this one component, driven
/// by the domain's field table.
#[component]
pub fn AgreementField(
    field: &'static Field,
    value: Signal<String>,
    error: Signal<Option<FieldError>>,
    on_input: Callback<(&'static str, String)>,
) -> impl IntoView {
    let i18n = use_env().i18n;
    let id = dom_id(field.id);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        let has_hint = field.hint.is_some();
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
    let invalid = move || error.with(Option::is_some).to_string();
    let input = move |ev: leptos::ev::Event| on_input.run((field.id, event_target_value(&ev)));

    let control = match field.kind {
        Kind::LongText | Kind::List => view! {
            <textarea id=id.clone() class="mw-input mw-textarea" rows=if field.kind == Kind::List { "4" } else { "3" }
                aria-invalid=invalid aria-describedby=described.clone()
                prop:value=move || value.get() on:input=input></textarea>
        }
        .into_any(),
        Kind::Choice(options) => view! {
            <select id=id.clone() class="mw-input mw-select" aria-invalid=invalid aria-describedby=described.clone()
                prop:value=move || value.get() on:change=input>
                <option value="">{i18n.tr("agr.choose")}</option>
                {options.iter().map(|o| {
                    let key = format!("{}.{o}", field.label);
                    view! { <option value=*o selected=move || value.get() == *o>{move || i18n.t(&key)}</option> }
                }).collect_view()}
            </select>
        }
        .into_any(),
        kind => {
            let (ty, min, max) = match kind {
                Kind::Number { min, max } => ("number", Some(min.to_string()), Some(max.to_string())),
                Kind::Date => ("date", None, None),
                _ => ("text", None, None),
            };
            view! {
                <input id=id.clone() class="mw-input" type=ty min=min max=max
                    inputmode=(ty == "number").then_some("numeric")
                    aria-invalid=invalid aria-describedby=described.clone()
                    prop:value=move || value.get() on:input=input />
            }
            .into_any()
        }
    };

    view! {
        <div class="mw-field" class:mw-field--invalid=move || error.with(Option::is_some) data-field=field.id>
            <label for=id class="mw-label">{i18n.tr(field.label)}</label>
            {field.hint.map(|h| view! { <p id=hint_id class="mw-hint">{i18n.tr(h)}</p> })}
            {control}
            {move || error.get().map(|e| {
                let args: Vec<(&str, &str)> = e.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                view! { <p id=error_id.clone() class="mw-field-error">{i18n.f(e.key, &args)}</p> }
            })}
        </div>
    }
}
