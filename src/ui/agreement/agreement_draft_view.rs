//! A draft or an amendment on screen: its badge (and "Discard amendment"), the changes from the
//! version it amends, and then either the form (editing) or the document to review with the
//! signatures. The change list and the document follow the stored draft live, so a partner's
//! edits show without a rebuild.

use leptos::prelude::*;

use crate::domain::agreement::diff::diff;
use crate::domain::agreement::record::Draft;
use crate::domain::agreement::session::EditSession;
use crate::domain::person::Person;
use crate::domain::relationship::Relationship;
use crate::ui::agreement::actions::Loaded;
use crate::ui::agreement::agreement_document::agreement_document;
use crate::ui::agreement::agreement_form::agreement_form;
use crate::ui::agreement::change_list::change_list;
use crate::ui::agreement::export_bar::export_bar;
use crate::ui::agreement::signature_panel::signature_panel;
use crate::ui::dom::{dyn_view, el, empty, fragment, text, AnyView};
use crate::ui::env::Env;
use crate::ui::kit::button::button;

/// What the person can ask of the panel from here.
pub struct DraftHooks {
    /// Drop the amendment on screen.
    pub on_discard: Callback<()>,
    /// From the form to review and signing.
    pub on_review: Callback<()>,
    /// From review back to the form.
    pub on_back: Callback<()>,
    pub on_print: Callback<()>,
}

/// AgreementDraftView: see the module. `editing` picks the form or the
/// review; the panel rebuilds this part when that changes.
pub fn agreement_draft_view(
    env: &Env,
    me: Person,
    doc: RwSignal<Option<Loaded>>,
    session: RwSignal<EditSession>,
    (rel, draft): (&Relationship, &Draft),
    editing: bool,
    hooks: DraftHooks,
) -> AnyView {
    let i18n = env.i18n;
    let DraftHooks { on_discard, on_review, on_back, on_print } = hooks;
    let amendment = draft.based_on.and_then(|n| rel.agreement.versions.iter().find(|v| v.number == n).cloned());
    let changes = amendment.as_ref().map(|v| diff(&v.content, &draft.content)).unwrap_or_default();
    let changed: Vec<&'static str> = changes.iter().map(|c| c.field).collect();
    let heading = match &amendment {
        Some(v) => i18n.f("agr.amending", &[("n", &v.number.to_string())]),
        None => i18n.t("agr.draft"),
    };
    let header = el("p")
        .class("mw-status-line")
        .child(el("span").class("mw-badge").text(heading).into_view())
        .child(text(" "))
        .child(if amendment.is_some() {
            button()
                .class("mw-button mw-button--small")
                .on(leptos::ev::click, move |_| on_discard.run(()))
                .text_dyn(i18n.tr("agr.discard_amendment"))
                .into_view()
        } else {
            empty()
        })
        .into_view();
    // Follows the stored draft: the partner's edits (or theirs shown after a
    // refused drop) change the table without a rebuild.
    let diff_view = if amendment.is_some() {
        dyn_view(move || {
            let now = doc.with(|d| {
                d.as_ref().and_then(|d| {
                    let r = &d.rel.agreement;
                    let draft = r.draft.as_ref()?;
                    let base = draft.based_on.and_then(|n| r.versions.iter().find(|v| v.number == n))?;
                    Some(diff(&base.content, &draft.content))
                })
            });
            change_list(i18n, "agr.changes_caption", now.unwrap_or_default())
        })
    } else {
        empty()
    };
    if editing {
        return fragment(vec![header, diff_view, agreement_form(env, me, doc, session, on_review)]);
    }
    fragment(vec![
        header,
        diff_view,
        el("div")
            .class("mw-actions")
            .child(button().class("mw-button").on(leptos::ev::click, move |_| on_back.run(())).text_dyn(i18n.tr("agr.back_to_editing")).into_view())
            .into_view(),
        export_bar(i18n, rel, &draft.content, &draft.signatures, on_print),
        // The document follows the stored draft live (the partner may still edit).
        dyn_view(move || {
            doc.with(|d| match d.as_ref().and_then(|d| d.rel.agreement.draft.as_ref().map(|dr| (d.rel.clone(), dr.content.clone()))) {
                Some((rel, content)) => agreement_document(i18n, &rel, &content, &changed),
                None => empty(),
            })
        }),
        signature_panel(env, me, doc),
    ])
}
