//! The agreement laid out for paper: the document alone with its signatures and hashes. The
//! widget's print stylesheet hides the buttons, and print mode hides the rest of the host page.

use leptos::prelude::*;

use crate::domain::agreement::fields::Content;
use crate::domain::relationship::Relationship;
use crate::ui::agreement::agreement_document::agreement_document;
use crate::ui::dom::{el, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::button::button;
use crate::ui::platform::print;

/// AgreementPrint: see the module; `close` goes back to the review.
pub fn agreement_print(i18n: I18n, rel: &Relationship, close: Callback<()>) -> AnyView {
    let (content, signatures) = match (&rel.agreement.draft, rel.agreement.versions.last()) {
        (Some(d), _) => (d.content.clone(), d.signatures.clone()),
        (None, Some(v)) => (v.content.clone(), v.signatures.clone()),
        (None, None) => (Content::new(), Vec::new()),
    };
    let sigs: Vec<AnyView> = if signatures.is_empty() {
        vec![el("li").text_dyn(i18n.tr("agr.not_signed")).into_view()]
    } else {
        signatures
            .iter()
            .map(|s| {
                el("li")
                    .child(el("strong").text(s.name.clone()).into_view())
                    .text(format!(" ({}) · {}", i18n.t(s.role.label_key()), i18n.date(&s.at)))
                    .child(el("br").into_view())
                    .child(el("span").class("mw-hash").text(format!("SHA-256 {}", s.hash)).into_view())
                    .into_view()
            })
            .collect()
    };
    el("div")
        .class("mw-print")
        .child(
            el("div")
                .class("mw-actions mw-no-print")
                .child(button().class("mw-button mw-button--primary").on(leptos::ev::click, |_| print()).text_dyn(i18n.tr("agr.print")).into_view())
                .child(button().class("mw-button").on(leptos::ev::click, move |_| close.run(())).text_dyn(i18n.tr("agr.close_print")).into_view())
                .into_view(),
        )
        .child(el("h2").class("mw-print__title").text_dyn(i18n.tr("agr.title")).into_view())
        .child(agreement_document(i18n, rel, &content, &[]))
        .child(el("h4").text_dyn(i18n.tr("agr.signatures")).into_view())
        .child(el("ul").class("mw-signature-list").children(sigs).into_view())
        .into_view()
}
