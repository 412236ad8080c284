use leptos::prelude::*;

use crate::domain::agreement::fields::{items, value, Content, Kind, FIELDS, SECTIONS};
use crate::domain::relationship::Relationship;
use crate::ui::env::use_env;

/// The agreement as a read-only document: parties, then every section that
/// has something in it. Fields in `changed` are marked (amendments).
#[component]
pub fn AgreementDocument(rel: Relationship, content: Content, #[prop(default = Vec::new())] changed: Vec<&'static str>) -> impl IntoView {
    let i18n = use_env().i18n;
    let sections = SECTIONS
        .iter()
        .filter_map(|(section, label)| {
            let rows: Vec<_> = FIELDS
                .iter()
                .filter(|f| f.section == *section)
                .filter_map(|f| {
                    let v = value(&content, f.id);
                    if v.is_empty() {
                        return None;
                    }
                    let body = match f.kind {
                        Kind::List => view! { <ul class="mw-doc__list">{items(&v).map(|i| view! { <li>{i.to_string()}</li> }).collect_view()}</ul> }.into_any(),
                        Kind::Choice(_) => view! { <p>{i18n.t(&format!("{}.{v}", f.label))}</p> }.into_any(),
                        _ => view! { <p class="mw-doc__text">{v}</p> }.into_any(),
                    };
                    let is_changed = changed.contains(&f.id);
                    Some(view! {
                        <div class="mw-doc__row" class:mw-doc__row--changed=is_changed data-field=f.id>
                            <dt>{i18n.t(f.label)}{is_changed.then(|| view! { <span class="mw-badge mw-badge--changed">{i18n.t("agr.changed")}</span> })}</dt>
                            <dd>{body}</dd>
                        </div>
                    })
                })
                .collect();
            (!rows.is_empty()).then(|| view! {
                <section class="mw-doc__section">
                    <h4>{i18n.t(label)}</h4>
                    <dl>{rows}</dl>
                </section>
            })
        })
        .collect_view();
    view! {
        <div class="mw-doc">
            <p class="mw-doc__parties">
                <span>{i18n.t("role.mentor")}": "<strong>{rel.mentor.display_name.clone()}</strong></span>
                " · "
                <span>{i18n.t("role.mentee")}": "<strong>{rel.mentee.display_name.clone()}</strong></span>
                " · "
                <span>{i18n.t(rel.kind.label_key())}</span>
            </p>
            {sections}
        </div>
    }
}
