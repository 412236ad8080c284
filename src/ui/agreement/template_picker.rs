use leptos::prelude::*;

use crate::domain::agreement::template::{builtin, instantiate, ordered_for};
use crate::domain::agreement::Content;
use crate::domain::relationship::Kind;
use crate::ui::env::use_env;
use crate::ui::platform::today;

/// Choosing how to start the agreement: a built-in or vendor template, the
/// one for this kind of mentoring first.
#[component]
pub fn TemplatePicker(kind: Kind, on_pick: Callback<Content>) -> impl IntoView {
    let env = use_env();
    let i18n = env.i18n;
    let vendor = env.templates;
    let templates = Memo::new(move |_| {
        let mut all = i18n.0.with(builtin);
        all.extend(vendor.get());
        ordered_for(kind, all)
    });
    let chosen = RwSignal::new(None::<String>);
    let start = move |_| {
        let id = chosen.get_untracked().or_else(|| templates.with_untracked(|t| t.first().map(|t| t.id.clone())));
        if let Some(t) = templates.with_untracked(|all| all.iter().find(|t| Some(&t.id) == id.as_ref()).cloned()) {
            on_pick.run(instantiate(&t, today()));
        }
    };
    view! {
        <div class="mw-templates">
            <fieldset class="mw-fieldset">
                <legend class="mw-label">{i18n.tr("agr.pick_template")}</legend>
                <div class="mw-choices">
                    {move || templates.get().into_iter().enumerate().map(|(i, t)| {
                        let id = format!("mw-template-{i}");
                        let value = t.id.clone();
                        let checked_value = t.id.clone();
                        view! {
                            <div class="mw-choice">
                                <input type="radio" class="mw-radio" id=id.clone() name="mw-template" value=t.id.clone()
                                    prop:checked=move || chosen.get().map_or(i == 0, |c| c == checked_value)
                                    on:change=move |_| chosen.set(Some(value.clone())) />
                                <label for=id class="mw-choice__label">{t.name.clone()}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <button type="button" class="mw-button mw-button--primary" on:click=start>{i18n.tr("agr.start_drafting")}</button>
        </div>
    }
}
