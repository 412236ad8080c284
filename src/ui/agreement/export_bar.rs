use leptos::prelude::*;

use crate::domain::agreement::export::markdown;
use crate::domain::agreement::{Content, Signature};
use crate::domain::envelope::encode;
use crate::domain::relationship::Relationship;
use crate::ui::env::use_env;
use crate::ui::platform::download;

/// Keeping a copy: the print view (the browser's "Save as PDF" gives a clean
/// document), Markdown, and the stored record as JSON.
#[component]
pub fn ExportBar(rel: Relationship, content: Content, signatures: Vec<Signature>, on_print: Callback<()>) -> impl IntoView {
    let i18n = use_env().i18n;
    let file_stem = format!("mentoring-agreement-{}", rel.id);
    let md = {
        let (rel, stem) = (rel.clone(), file_stem.clone());
        move |_| {
            let text = i18n.0.with_untracked(|c| markdown(&rel, &content, &c.text("agr.title"), &signatures, c));
            download(&format!("{stem}.md"), "text/markdown", &text);
        }
    };
    let json = move |_| download(&format!("{file_stem}.json"), "application/json", &encode(&rel));
    view! {
        <div class="mw-export" role="group" aria-label=i18n.t("agr.export")>
            <button type="button" class="mw-button mw-button--small" on:click=move |_| on_print.run(())>{i18n.tr("agr.print_view")}</button>
            <button type="button" class="mw-button mw-button--small" on:click=md>{i18n.tr("agr.download_md")}</button>
            <button type="button" class="mw-button mw-button--small" on:click=json>{i18n.tr("agr.download_json")}</button>
        </div>
    }
}
