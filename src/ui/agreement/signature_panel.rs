//! Signing the agreement: who has signed the draft, and the button to sign it. A signature
//! covers exactly the content shown; if that changed meanwhile, the changes are listed.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::agreement::diff::{diff, Change};
use crate::domain::agreement::record::{content_hash, SignError, Signed};
use crate::domain::person::Person;
use crate::ui::agreement::actions::{sign, Failure, Loaded};
use crate::ui::agreement::change_list::change_list;
use crate::ui::dom::{dyn_view, el, empty, fragment, text, AnyView};
use crate::ui::env::{Env, HostEvent};
use crate::ui::kit::button::button;

/// SignaturePanel: who has signed the draft, and the button to sign it as
/// oneself. A signature covers exactly the content shown above it.
pub fn signature_panel(env: &Env, me: Person, doc: RwSignal<Option<Loaded>>) -> AnyView {
    let i18n = env.i18n;
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<Failure>);
    // After a refused signature: what changed between the content the person
    // was shown and the content stored now.
    let changed_since = RwSignal::new(None::<Vec<Change>>);
    let my_role = doc.with_untracked(|d| d.as_ref().and_then(|d| d.rel.role_of(&me)));

    let signatures = move || {
        doc.with(|d| {
            d.as_ref()
                .and_then(|d| {
                    // Shown only when by the party in the role it claims; current
                    // when it covers the content as it stands (in its own form).
                    let dr = d.rel.agreement.draft.as_ref()?;
                    Some(dr.signatures.iter().filter(|s| d.rel.signature_is_genuine(s)).map(|s| (s.covers(&dr.content), s.clone())).collect::<Vec<_>>())
                })
                .unwrap_or_default()
        })
    };
    let i_signed = {
        let me_id = me.id.clone();
        Memo::new(move |_| signatures().iter().any(|(current, s)| *current && s.by == me_id))
    };

    let do_sign = signer(env, me.clone(), doc, i_signed, (busy, failure, changed_since));

    let list = dyn_view(move || {
        let list = signatures();
        if list.is_empty() {
            return el("li").class("mw-hint").text_dyn(i18n.tr("agr.not_signed")).into_view();
        }
        fragment(
            list.into_iter()
                .map(|(current, s)| {
                    el("li")
                        .class(if current { "mw-signature" } else { "mw-signature mw-signature--stale" })
                        .child(el("strong").text(s.name.clone()).into_view())
                        .text(format!(" ({}) · {}", i18n.t(s.role.label_key()), i18n.date(&s.at)))
                        .child(if current {
                            empty()
                        } else {
                            fragment(vec![
                                text(" · "),
                                el("span").class("mw-badge mw-badge--warning").text_dyn(i18n.tr("agr.changed_after_signing")).into_view(),
                            ])
                        })
                        .into_view()
                })
                .collect(),
        )
    });

    let button = match my_role {
        Some(role) => {
            let name = me.display_name.clone();
            button()
                .class("mw-button mw-button--primary")
                .attr_dyn("aria-disabled", move || Some((busy.get() || i_signed.get()).to_string()))
                .on(leptos::ev::click, do_sign)
                .text_dyn(move || {
                    if i_signed.get() {
                        i18n.t("agr.you_signed")
                    } else {
                        i18n.f("agr.sign_as", &[("name", &name), ("role", &i18n.t(role.label_key()))])
                    }
                })
                .into_view()
        }
        None => empty(),
    };

    el("section")
        .class("mw-signatures")
        .attr("aria-labelledby", "mw-signatures-heading")
        .child(el("h4").id("mw-signatures-heading").text_dyn(i18n.tr("agr.signatures")).into_view())
        .child(el("ul").class("mw-signature-list").child(list).into_view())
        .dyn_child(move || match failure.get() {
            Some(f) => el("p").class("mw-field-error").attr("role", "alert").text(i18n.t(f.message_key())).into_view(),
            None => empty(),
        })
        .dyn_child(move || match changed_since.get() {
            Some(changes) => el("div").class("mw-changed-since").child(change_list(i18n, "agr.changed_since_caption", changes)).into_view(),
            None => empty(),
        })
        .child(button)
        .into_view()
}

/// What changed since the person looked, after a refused signature.
type ChangedSince = RwSignal<Option<Vec<Change>>>;

/// Signs the content on screen: refused (and what changed shown) when the
/// stored draft moved on since; the host hears of the signature, and of the
/// version coming into force when it was the second.
fn signer(
    env: &Env,
    me: Person,
    doc: RwSignal<Option<Loaded>>,
    i_signed: Memo<bool>,
    (busy, failure, changed_since): (RwSignal<bool>, RwSignal<Option<Failure>>, ChangedSince),
) -> impl Fn(web_sys::MouseEvent) + 'static {
    let env = env.clone();
    move |_| {
        let Some(bridge) = env.host() else { return };
        if busy.get_untracked() || i_signed.get_untracked() {
            return;
        }
        // What is on screen now is what this signature is for.
        let Some(shown) = doc.with_untracked(|d| d.as_ref().and_then(|d| d.rel.agreement.draft.as_ref().map(|dr| dr.content.clone()))) else { return };
        busy.set(true);
        failure.set(None);
        changed_since.set(None);
        let (env, me) = (env.clone(), me.clone());
        spawn_local(async move {
            let result = sign(&bridge, doc, &me, &content_hash(&shown)).await;
            if result == Err(Failure::Sign(SignError::Changed)) {
                // Nothing was signed: show what changed since they looked.
                let now = doc
                    .try_with_untracked(|d| d.as_ref().and_then(|d| d.rel.agreement.draft.as_ref().map(|dr| dr.content.clone())))
                    .flatten()
                    .unwrap_or_default();
                changed_since.try_set(Some(diff(&shown, &now)));
            }
            // Tell the host first: the panel itself may already have been
            // redrawn by the new signature.
            let rel_id = doc.try_with_untracked(|d| d.as_ref().map(|d| d.rel.id.clone())).flatten().unwrap_or_default();
            match &result {
                Ok(outcome) => {
                    env.emit(HostEvent::AgreementSigned { relationship_id: rel_id.clone(), by: me.id.clone() });
                    if let Signed::InForce { version } = outcome {
                        env.emit(HostEvent::AgreementInForce { relationship_id: rel_id, version: *version });
                    }
                }
                Err(Failure::Bridge(e)) => env.report(e),
                Err(_) => {}
            }
            busy.try_set(false);
            if let Err(f) = result {
                failure.try_set(Some(f));
            }
        });
    }
}
