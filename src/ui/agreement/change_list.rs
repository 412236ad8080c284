//! A before-and-after table of agreement fields: what an amendment changes, or what changed
//! since the person last looked.

use crate::domain::agreement::diff::Change;
use crate::domain::agreement::fields::{field, Kind};
use crate::ui::dom::{el, AnyView};
use crate::ui::env::I18n;

/// ChangeList: field by field, before and after: what an amendment changes
/// (`caption` "agr.changes_caption"), or what changed since the person
/// looked ("agr.changed_since_caption").
pub fn change_list(i18n: I18n, caption: &'static str, changes: Vec<Change>) -> AnyView {
    let shown = move |id: &str, v: &str| -> String {
        if v.is_empty() {
            return i18n.t("agr.empty_value");
        }
        match field(id).map(|f| (f.kind, f.label)) {
            Some((Kind::Choice(_), label)) => i18n.t(&format!("{label}.{v}")),
            Some((Kind::List, _)) => v.replace('\n', " · "),
            _ => v.to_string(),
        }
    };
    if changes.is_empty() {
        return el("p").class("mw-hint").text_dyn(i18n.tr("agr.no_changes")).into_view();
    }
    let head = ["agr.changes_field", "agr.changes_before", "agr.changes_after"].map(|k| el("th").attr("scope", "col").text(i18n.t(k)).into_view());
    let rows = changes.into_iter().map(|c| {
        el("tr")
            .attr("data-field", c.field)
            .child(el("th").attr("scope", "row").text(field(c.field).map(|f| i18n.t(f.label)).unwrap_or_default()).into_view())
            .child(el("td").class("mw-changes__before").text(shown(c.field, &c.before)).into_view())
            .child(el("td").class("mw-changes__after").text(shown(c.field, &c.after)).into_view())
            .into_view()
    });
    el("table")
        .class("mw-changes")
        .child(el("caption").text_dyn(i18n.tr(caption)).into_view())
        .child(el("thead").child(el("tr").children(head).into_view()).into_view())
        .child(el("tbody").children(rows).into_view())
        .into_view()
}
