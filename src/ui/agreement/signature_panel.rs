use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::agreement::record::{content_hash, Signed};
use crate::domain::person::Person;
use crate::ui::agreement::actions::{sign, Failure, Loaded};
use crate::ui::env::{use_env, HostEvent};
use crate::ui::platform::format_date;

/// Who has signed the draft, and the button to sign it as oneself. The
/// signature covers exactly the content shown above it (its hash is kept).
#[component]
pub fn SignaturePanel(me: Person, doc: RwSignal<Option<Loaded>>) -> impl IntoView {
    let env = use_env();
    let i18n = env.i18n;
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<Failure>);
    let my_role = doc.with_untracked(|d| d.as_ref().and_then(|d| d.rel.role_of(&me)));

    let signatures = move || doc.with(|d| d.as_ref().and_then(|d| d.rel.agreement.draft.clone()).map(|dr| {
        let hash = content_hash(&dr.content);
        dr.signatures.into_iter().map(|s| (s.hash == hash, s)).collect::<Vec<_>>()
    }).unwrap_or_default());
    let i_signed = {
        let me_id = me.id.clone();
        Memo::new(move |_| signatures().iter().any(|(current, s)| *current && s.by == me_id))
    };

    let do_sign = {
        let (env, me) = (env.clone(), me.clone());
        move |_| {
            let Some(bridge) = env.host() else { return };
            if busy.get_untracked() {
                return;
            }
            busy.set(true);
            failure.set(None);
            let (env, me) = (env.clone(), me.clone());
            spawn_local(async move {
                let result = sign(&bridge, doc, &me).await;
                if busy.try_set(false).is_some() {
                    return;
                }
                let rel_id = doc.with_untracked(|d| d.as_ref().map(|d| d.rel.id.clone())).unwrap_or_default();
                match result {
                    Ok(outcome) => {
                        env.emit(HostEvent::AgreementSigned { relationship_id: rel_id.clone(), by: me.id.clone() });
                        if let Signed::InForce { version } = outcome {
                            env.emit(HostEvent::AgreementInForce { relationship_id: rel_id, version });
                        }
                    }
                    Err(f) => {
                        if let Failure::Bridge(e) = &f {
                            env.report(e);
                        }
                        failure.set(Some(f));
                    }
                }
            });
        }
    };

    let name = me.display_name.clone();
    view! {
        <section class="mw-signatures" aria-labelledby="mw-signatures-heading">
            <h4 id="mw-signatures-heading">{i18n.tr("agr.signatures")}</h4>
            <ul class="mw-signature-list">
                {move || {
                    let list = signatures();
                    if list.is_empty() {
                        return view! { <li class="mw-hint">{i18n.t("agr.not_signed")}</li> }.into_any();
                    }
                    list.into_iter().map(|(current, s)| view! {
                        <li class="mw-signature" class:mw-signature--stale=!current>
                            <strong>{s.name.clone()}</strong>" ("{i18n.t(s.role.label_key())}") · "
                            {format_date(&s.at, i18n.locale())}
                            {(!current).then(|| view! { " · " <span class="mw-badge mw-badge--warning">{i18n.t("agr.changed_after_signing")}</span> })}
                        </li>
                    }).collect_view().into_any()
                }}
            </ul>
            {move || failure.get().map(|f| view! { <p class="mw-field-error" role="alert">{i18n.t(f.message_key())}</p> })}
            {my_role.map(|role| {
                let name = name.clone();
                view! {
                    <button type="button" class="mw-button mw-button--primary" aria-disabled=move || (busy.get() || i_signed.get()).to_string()
                        on:click=move |ev| if !i_signed.get_untracked() { do_sign(ev) }>
                        {move || if i_signed.get() { i18n.t("agr.you_signed") } else {
                            i18n.f("agr.sign_as", &[("name", &name), ("role", &i18n.t(role.label_key()))])
                        }}
                    </button>
                }
            })}
        </section>
    }
}
