//! The warning shown when this tab cannot keep unsaved edits (storage full or blocked). Work
//! goes on; only a reload before saving would lose them.

use leptos::prelude::*;

use crate::ui::dom::{el, empty, AnyView};
use crate::ui::env::I18n;

/// UnsavedNotice: said once a form could not keep its unsaved edits in this
/// tab (storage full, blocked in a sandboxed frame or a private window). The
/// person keeps working; they only learn that a reload before saving would
/// lose what is not saved yet.
pub fn unsaved_notice(i18n: I18n, not_kept: RwSignal<bool>) -> AnyView {
    el("div")
        .dyn_child(move || {
            if not_kept.get() {
                el("p").class("mw-notice mw-notice--warning").attr("role", "status").text_dyn(i18n.tr("unsaved.not_kept")).into_view()
            } else {
                empty()
            }
        })
        .into_view()
}
