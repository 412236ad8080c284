//! Ways to keep a copy of the agreement: the print view (for the browser's "Save as PDF"),
//! Markdown, and the stored record as JSON.

use leptos::prelude::*;

use crate::domain::agreement::export::markdown;
use crate::domain::agreement::{Content, Signature};
use crate::domain::envelope::encode;
use crate::domain::relationship::Relationship;
use crate::ui::dom::{el, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::button::button;
use crate::ui::platform::download;

/// ExportBar: keeping a copy: the print view (the browser's "Save as PDF"
/// gives a clean document), Markdown, and the stored record as JSON.
pub fn export_bar(i18n: I18n, rel: &Relationship, content: &Content, signatures: &[Signature], on_print: Callback<()>) -> AnyView {
    let stem = format!("mentoring-agreement-{}", rel.id);
    let md = {
        let (rel, content, signatures, stem) = (rel.clone(), content.clone(), signatures.to_vec(), stem.clone());
        move |_| {
            let text = i18n.0.with_untracked(|c| markdown(&rel, &content, &c.text("agr.title"), &signatures, c));
            download(&format!("{stem}.md"), "text/markdown", &text);
        }
    };
    let json = {
        let rel = rel.clone();
        move |_| download(&format!("{stem}.json"), "application/json", &encode(&rel))
    };
    let button = |key: &'static str| button().class("mw-button mw-button--small").text_dyn(i18n.tr(key));
    el("div")
        .class("mw-export")
        .attr("role", "group")
        .attr_dyn("aria-label", move || Some(i18n.t("agr.export")))
        .child(button("agr.print_view").on(leptos::ev::click, move |_| on_print.run(())).into_view())
        .child(button("agr.download_md").on(leptos::ev::click, md).into_view())
        .child(button("agr.download_json").on(leptos::ev::click, json).into_view())
        .into_view()
}
