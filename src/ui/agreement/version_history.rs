//! The agreement's past versions, newest first, each with its signatures and readable in full.

use leptos::prelude::*;

use crate::domain::relationship::Relationship;
use crate::ui::agreement::agreement_document::agreement_document;
use crate::ui::dom::{el, empty, text, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::button::button;

/// VersionHistory: every version that was in force, newest first, with its
/// signatures; any one can be opened to read in full.
pub fn version_history(i18n: I18n, rel: &Relationship) -> AnyView {
    let open = RwSignal::new(None::<u32>);
    let tampered = rel.tampered_versions();
    let rows = rel.agreement.versions.iter().rev().map(|v| {
        let number = v.number;
        let (rel, content) = (rel.clone(), v.content.clone());
        let signed_by = v.signatures.iter().map(|s| format!("{} ({})", s.name, i18n.date(&s.at))).collect::<Vec<_>>().join(", ");
        let meta =
            format!(" · {} · {}", i18n.f("agr.in_force_since", &[("date", &i18n.date(&v.in_force_at))]), i18n.f("agr.signed_by", &[("names", &signed_by)]));
        el("li")
            .class("mw-version")
            .attr("data-version", number.to_string())
            .child(
                button()
                    .class("mw-button mw-button--link")
                    .attr_dyn("aria-expanded", move || Some((open.get() == Some(number)).to_string()))
                    .on(leptos::ev::click, move |_| open.update(|o| *o = if *o == Some(number) { None } else { Some(number) }))
                    .text(i18n.f("agr.version_n", &[("n", &number.to_string())]))
                    .into_view(),
            )
            .child(text(meta))
            .child(if tampered.contains(&number) {
                el("span").class("mw-badge mw-badge--warning").text(format!(" {}", i18n.t("agr.changed_after_signing"))).into_view()
            } else {
                empty()
            })
            .dyn_child(move || if open.get() == Some(number) { agreement_document(i18n, &rel, &content, &[]) } else { empty() })
            .into_view()
    });
    el("section")
        .class("mw-history")
        .attr("aria-labelledby", "mw-history-heading")
        .child(el("h4").id("mw-history-heading").text_dyn(i18n.tr("agr.history")).into_view())
        .child(el("ul").class("mw-list").attr("role", "list").children(rows).into_view())
        .into_view()
}
