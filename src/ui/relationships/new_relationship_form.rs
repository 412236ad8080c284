use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::bridge::repo::create_relationship;
use crate::bridge::BridgeError;
use crate::domain::envelope::decode;
use crate::domain::keys;
use crate::domain::person::Person;
use crate::domain::relationship::{Kind, Relationship, RelationshipDraft, Role};
use crate::domain::FieldError;
use crate::ui::env::use_env;
use crate::ui::platform::{fresh_id, now_rfc3339};
use crate::ui::relationships::partner_field::PartnerField;

/// "Start a mentoring relationship": my role, my partner, the kind.
///
/// What a person typed stays on screen through every failure: validation
/// errors, a rejected write, a time-out. A retry reuses the same id, so a
/// write that reached the host but whose answer got lost is not duplicated.
#[component]
pub fn NewRelationshipForm(me: Person, on_created: Callback<Relationship>, on_cancel: Callback<()>) -> impl IntoView {
    let env = use_env();
    let i18n = env.i18n;
    let role = RwSignal::new(None::<Role>);
    let kind = RwSignal::new(None::<Kind>);
    let partner_name = RwSignal::new(String::new());
    let partner_id = RwSignal::new(None::<String>);
    let partner_email = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let saving = RwSignal::new(false);
    let save_error = RwSignal::new(None::<BridgeError>);
    let pending_id = StoredValue::new(None::<String>);
    let summary_ref = NodeRef::<html::Div>::new();
    let retry_ref = NodeRef::<html::Button>::new();

    let draft = move || RelationshipDraft {
        my_role: role.get_untracked(),
        kind: kind.get_untracked(),
        partner_id: partner_id.get_untracked(),
        partner_name: partner_name.get_untracked(),
        partner_email: partner_email.get_untracked(),
    };
    let error_for = move |field: &'static str| {
        Signal::derive(move || errors.with(|es| es.iter().find(|e| e.field == field).map(|e| e.key)))
    };

    // Once a person has tried to submit, errors follow their corrections live.
    let revalidate = {
        let me = me.clone();
        move || {
            if !errors.with_untracked(Vec::is_empty) {
                errors.set(draft().validate(&me));
            }
        }
    };
    Effect::new({
        let revalidate = send_wrapper::SendWrapper::new(revalidate);
        move |_| {
            role.track();
            kind.track();
            partner_name.track();
            partner_email.track();
            partner_id.track();
            revalidate();
        }
    });

    let submit = {
        let env = env.clone();
        let me = me.clone();
        move || {
            if saving.get_untracked() {
                return;
            }
            let id = pending_id.get_value().unwrap_or_else(fresh_id);
            let rel = match draft().propose(&me, id.clone(), now_rfc3339()) {
                Ok(rel) => rel,
                Err(found) => {
                    errors.set(found);
                    save_error.set(None);
                    // After the summary has rendered: focus can't land on a hidden node.
                    request_animation_frame(move || {
                        if let Some(Some(el)) = summary_ref.try_get_untracked() {
                            let _ = el.focus();
                        }
                    });
                    return;
                }
            };
            errors.set(Vec::new());
            pending_id.set_value(Some(id));
            saving.set(true);
            save_error.set(None);
            let Some(bridge) = env.host() else { return };
            let env = env.clone();
            spawn_local(async move {
                let mut result = create_relationship(&bridge, &rel).await.map(|_| ());
                if result == Err(BridgeError::Conflict) {
                    // Something is already stored under this id. If it is this
                    // very relationship, an earlier attempt did land.
                    let key = keys::relationship(&rel.id);
                    let ours = matches!(bridge.get(&key).await, Ok(Some(s)) if decode::<Relationship>(&s.value).is_ok_and(|r| r.id == rel.id && r.created_by == rel.created_by && r.kind == rel.kind));
                    result = if ours {
                        Ok(())
                    } else {
                        // Someone else's item: never touch it, take a new id.
                        pending_id.try_set_value(None);
                        Err(BridgeError::Conflict)
                    };
                }
                // The form may have been closed or the widget destroyed while
                // the host was answering: then there is no one left to tell.
                if saving.try_set(false).is_some() {
                    return;
                }
                match result {
                    Ok(()) => {
                        pending_id.try_set_value(None);
                        on_created.run(rel);
                    }
                    Err(e) => {
                        env.report(&e);
                        save_error.try_set(Some(e));
                        request_animation_frame(move || {
                            if let Some(Some(el)) = retry_ref.try_get_untracked() {
                                let _ = el.focus();
                            }
                        });
                    }
                }
            });
        }
    };
    let submit = send_wrapper::SendWrapper::new(submit);
    let retry_submit = submit.clone();

    let radio_group = move |legend: &'static str, field: &'static str, options: Vec<(&'static str, &'static str, &'static str)>, selected: Signal<Option<&'static str>>, choose: Callback<&'static str>| {
        let err = error_for(field);
        view! {
            <fieldset class="mw-fieldset" class:mw-field--invalid=move || err.get().is_some()
                aria-describedby=move || err.get().map(|_| format!("mw-{field}-error"))>
                <legend class="mw-label">{i18n.tr(legend)}</legend>
                <div class="mw-choices">
                    {options.into_iter().map(|(value, label, hint)| {
                        let id = format!("mw-{field}-{value}");
                        view! {
                            <div class="mw-choice">
                                <input type="radio" class="mw-radio" id=id.clone() name=format!("mw-{field}") value=value
                                    aria-describedby=format!("{id}-hint")
                                    prop:checked=move || selected.get() == Some(value)
                                    on:change=move |_| choose.run(value) />
                                <label for=id.clone() class="mw-choice__label">{i18n.tr(label)}</label>
                                <p id=format!("{id}-hint") class="mw-hint">{i18n.tr(hint)}</p>
                            </div>
                        }
                    }).collect_view()}
                </div>
                {move || err.get().map(|key| view! { <p id=format!("mw-{field}-error") class="mw-field-error">{i18n.t(key)}</p> })}
            </fieldset>
        }
    };

    let role_group = radio_group(
        "form.role_legend",
        "role",
        [Role::Mentee, Role::Mentor].map(|r| (r.as_str(), r.label_key(), if r == Role::Mentor { "role.mentor_hint" } else { "role.mentee_hint" })).to_vec(),
        Signal::derive(move || role.get().map(Role::as_str)),
        Callback::new(move |v: &'static str| role.set(Role::parse(v))),
    );
    let kind_group = radio_group(
        "form.kind_legend",
        "kind",
        Kind::ALL.map(|k| (k.as_str(), k.label_key(), k.hint_key())).to_vec(),
        Signal::derive(move || kind.get().map(Kind::as_str)),
        Callback::new(move |v: &'static str| kind.set(Kind::parse(v))),
    );

    view! {
        <form class="mw-form" novalidate aria-labelledby="mw-form-heading"
            on:submit=move |ev| { ev.prevent_default(); submit() }>
            <h3 id="mw-form-heading" class="mw-subheading">{i18n.tr("form.heading")}</h3>
            <div node_ref=summary_ref tabindex="-1" class="mw-summary" class:mw-summary--shown=move || !errors.with(Vec::is_empty)
                role="alert">
                {move || (!errors.with(Vec::is_empty)).then(|| view! {
                    <p class="mw-summary__title">{i18n.t("form.errors_summary")}</p>
                    <ul>{errors.get().into_iter().map(|e| view! { <li>{i18n.t(e.key)}</li> }).collect_view()}</ul>
                })}
            </div>
            {role_group}
            <PartnerField name=partner_name partner_id=partner_id email=partner_email
                error=error_for("partner") email_error=error_for("partner_email") />
            {kind_group}
            <div class="mw-save-error" role="alert">
                {move || save_error.get().map(|e| {
                    let retry = retry_submit.clone();
                    view! {
                        <div class="mw-panel mw-panel--error">
                            <p>{i18n.f("form.save_failed", &[("reason", &i18n.t(e.message_key()))])}</p>
                            <button type="button" class="mw-button" node_ref=retry_ref on:click=move |_| retry()>
                                {i18n.t("form.retry")}
                            </button>
                        </div>
                    }
                })}
            </div>
            <div class="mw-actions">
                <button type="submit" class="mw-button mw-button--primary" aria-disabled=move || saving.get().to_string()>
                    {move || if saving.get() { i18n.t("form.saving") } else { i18n.t("form.submit") }}
                </button>
                <button type="button" class="mw-button" on:click=move |_| on_cancel.run(())>
                    {i18n.tr("form.cancel")}
                </button>
            </div>
        </form>
    }
}
