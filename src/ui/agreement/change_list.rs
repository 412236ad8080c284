use leptos::prelude::*;

use crate::domain::agreement::diff::Change;
use crate::domain::agreement::fields::{field, Kind};
use crate::ui::env::use_env;

/// What an amendment changes, field by field: before and after.
#[component]
pub fn ChangeList(changes: Vec<Change>) -> impl IntoView {
    let i18n = use_env().i18n;
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
        return view! { <p class="mw-hint">{i18n.t("agr.no_changes")}</p> }.into_any();
    }
    view! {
        <table class="mw-changes">
            <caption>{i18n.t("agr.changes_caption")}</caption>
            <thead><tr><th scope="col">{i18n.t("agr.changes_field")}</th><th scope="col">{i18n.t("agr.changes_before")}</th><th scope="col">{i18n.t("agr.changes_after")}</th></tr></thead>
            <tbody>
                {changes.into_iter().map(|c| view! {
                    <tr data-field=c.field>
                        <th scope="row">{field(c.field).map(|f| i18n.t(f.label)).unwrap_or_default()}</th>
                        <td class="mw-changes__before">{shown(c.field, &c.before)}</td>
                        <td class="mw-changes__after">{shown(c.field, &c.after)}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
