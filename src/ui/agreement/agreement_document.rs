//! The agreement as a read-only document: the parties, then every section with content, with
//! the fields an amendment changes marked.

use leptos::prelude::*;

use crate::domain::agreement::export::display_value;
use crate::domain::agreement::fields::{items, value, Content, Kind, FIELDS, SECTIONS};
use crate::domain::dates::Date;
use crate::domain::relationship::Relationship;
use crate::ui::dom::{el, empty, text, AnyView};
use crate::ui::env::I18n;

/// AgreementDocument: the agreement read-only: parties, then every section
/// that has something in it. Fields in `changed` are marked (amendments).
pub fn agreement_document(i18n: I18n, rel: &Relationship, content: &Content, changed: &[&'static str]) -> AnyView {
    let sections = SECTIONS.iter().filter_map(|(section, label)| {
        let rows: Vec<AnyView> = FIELDS
            .iter()
            .filter(|f| f.section == *section)
            .filter_map(|f| {
                let v = value(content, f.id);
                if v.is_empty() {
                    return None;
                }
                let body = match f.kind {
                    Kind::List => el("ul").class("mw-doc__list").children(items(&v).map(|i| el("li").text(i).into_view())).into_view(),
                    Kind::Date => el("p").text(Date::parse(&v).map(|d| i18n.day(d)).unwrap_or(v)).into_view(),
                    Kind::LongText | Kind::Text => el("p").class("mw-doc__text").text(v).into_view(),
                    _ => el("p").text(i18n.0.with_untracked(|c| display_value(c, f.id, f.kind, f.label, &v))).into_view(),
                };
                let is_changed = changed.contains(&f.id);
                let badge = if is_changed { el("span").class("mw-badge mw-badge--changed").text_dyn(i18n.tr("agr.changed")).into_view() } else { empty() };
                Some(
                    el("div")
                        .class(if is_changed { "mw-doc__row mw-doc__row--changed" } else { "mw-doc__row" })
                        .attr("data-field", f.id)
                        .child(el("dt").text(i18n.t(f.label)).child(badge).into_view())
                        .child(el("dd").child(body).into_view())
                        .into_view(),
                )
            })
            .collect();
        (!rows.is_empty()).then(|| {
            el("section").class("mw-doc__section").child(el("h4").text(i18n.t(label)).into_view()).child(el("dl").children(rows).into_view()).into_view()
        })
    });
    let party = |role: &str, name: &str| el("span").text(format!("{}: ", i18n.t(role))).child(el("strong").text(name).into_view()).into_view();
    el("div")
        .class("mw-doc")
        .child(
            el("p")
                .class("mw-doc__parties")
                .child(party("role.mentor", &rel.mentor.display_name))
                .child(text(" · "))
                .child(party("role.mentee", &rel.mentee.display_name))
                .child(text(" · "))
                .child(el("span").text(i18n.t(rel.kind.label_key())).into_view())
                .into_view(),
        )
        .children(sections)
        .into_view()
}
