//! The fields where my unsaved edits and the partner's saved ones differ: each shows both, with
//! "Keep mine" and "Take theirs". Shown only while there are any.

use leptos::prelude::*;

use crate::domain::agreement::fields::field;
use crate::domain::agreement::session::EditSession;
use crate::ui::dom::{dyn_view, el, empty, text, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::button::button;

/// AgreementConflicts: see the module. `on_resolve` gets the field's id and
/// whether the partner's text is taken.
pub fn agreement_conflicts(i18n: I18n, session: RwSignal<EditSession>, on_resolve: Callback<(&'static str, bool)>) -> AnyView {
    dyn_view(move || {
        let conflicts = session.with(|s| s.conflicts.clone());
        if conflicts.is_empty() {
            return empty();
        }
        let items = conflicts.into_iter().map(|c| {
            let id = c.field;
            el("div")
                .class("mw-conflict")
                .attr("data-field", id)
                .child(el("p").class("mw-label").text(field(id).map(|f| i18n.t(f.label)).unwrap_or_default()).into_view())
                .child(el("p").child(el("strong").text_dyn(i18n.tr("agr.yours")).into_view()).text(format!(" {}", c.mine)).into_view())
                .child(el("p").child(el("strong").text_dyn(i18n.tr("agr.theirs")).into_view()).text(format!(" {}", c.theirs)).into_view())
                .child(
                    button()
                        .class("mw-button mw-button--small")
                        .on(leptos::ev::click, move |_| on_resolve.run((id, false)))
                        .text_dyn(i18n.tr("agr.keep_mine"))
                        .into_view(),
                )
                .child(text(" "))
                .child(
                    button()
                        .class("mw-button mw-button--small")
                        .on(leptos::ev::click, move |_| on_resolve.run((id, true)))
                        .text_dyn(i18n.tr("agr.take_theirs"))
                        .into_view(),
                )
                .into_view()
        });
        el("div")
            .class("mw-panel mw-panel--warning mw-conflicts")
            .attr("role", "alert")
            .child(el("p").class("mw-panel__title").text_dyn(i18n.tr("agr.conflicts")).into_view())
            .children(items)
            .into_view()
    })
}
