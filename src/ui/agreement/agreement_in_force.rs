//! The agreement with no draft open: the version in force (its badge, export bar and document),
//! "Amend" while the relationship is open, and the versions before it.

use leptos::prelude::*;

use crate::domain::relationship::Relationship;
use crate::ui::agreement::agreement_document::agreement_document;
use crate::ui::agreement::export_bar::export_bar;
use crate::ui::agreement::version_history::version_history;
use crate::ui::dom::{el, empty, fragment, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::button::button;

/// AgreementInForce: see the module. A closed relationship's agreement is a
/// record: `on_amend` is offered only while it is open.
pub fn agreement_in_force(i18n: I18n, rel: &Relationship, closed: bool, on_print: Callback<()>, on_amend: Callback<()>) -> AnyView {
    let current = rel.agreement.versions.last().map(|v| {
        fragment(vec![
            el("p")
                .class("mw-status-line")
                .child(el("span").class("mw-badge mw-badge--ok").text_dyn(i18n.tr("agr.in_force")).into_view())
                .text(format!(" {}", i18n.f("agr.version_in_force", &[("n", &v.number.to_string()), ("date", &i18n.date(&v.in_force_at))])))
                .into_view(),
            export_bar(i18n, rel, &v.content, &v.signatures, on_print),
            agreement_document(i18n, rel, &v.content, &[]),
        ])
    });
    fragment(vec![
        current.unwrap_or_else(empty),
        if closed {
            empty()
        } else {
            el("div")
                .class("mw-actions")
                .child(button().class("mw-button").on(leptos::ev::click, move |_| on_amend.run(())).text_dyn(i18n.tr("agr.amend")).into_view())
                .into_view()
        },
        version_history(i18n, rel),
    ])
}
