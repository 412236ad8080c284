//! One relationship as a card in the home list: the partner, the kind, my role, its state and
//! when its next check-in is due.

use leptos::prelude::*;

use crate::domain::checkins::cadence::Due;
use crate::domain::dates::Date;
use crate::domain::person::Person;
use crate::domain::relationship::{Relationship, Role};
use crate::ui::dom::{el, empty, text, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::button::button;

/// RelationshipCard: one relationship in the home list: the partner, the
/// kind, my role, its state; opening it shows its page.
pub fn relationship_card(i18n: I18n, rel: &Relationship, me: &Person, on_open: Callback<String>, dues: RwSignal<Vec<(String, Date, Due)>>) -> AnyView {
    // The list only holds relationships I am in; the fallbacks keep a card
    // readable even if that ever changes.
    let my_role = rel.role_of(me).unwrap_or(Role::Mentee);
    let partner = rel.partner_for(me).map(|p| p.display_name.clone()).unwrap_or_default();
    let id = rel.id.clone();
    let due_id = rel.id.clone();
    let due_line = move || match dues.with(|d| d.iter().find(|(id, ..)| *id == due_id).map(|(_, date, due)| (*date, *due))) {
        Some((date, due)) => {
            let day = i18n.day(date);
            let (key, n, state) = match due {
                Due::InDays(1) => ("due.tomorrow", 1, "upcoming"),
                Due::InDays(n) => ("due.in_days", n, "upcoming"),
                Due::Today => ("due.today", 0, "today"),
                Due::OverdueBy(n) => ("due.overdue", n, "overdue"),
            };
            el("p").class("mw-due").attr("data-due", state).text(i18n.f(key, &[("date", &day), ("n", &n.to_string())])).into_view()
        }
        None => empty(),
    };
    el("article")
        .class("mw-card")
        .attr("data-relationship", rel.id.clone())
        .child(
            el("h3")
                .class("mw-card__title")
                .child(
                    button()
                        .class("mw-card__open")
                        .on(leptos::ev::click, move |_| on_open.run(id.clone()))
                        .text(format!("{} ", i18n.t(rel.kind.label_key())))
                        .child(el("span").class("mw-card__partner").text(i18n.f("list.with", &[("name", &partner)])).into_view())
                        .into_view(),
                )
                .into_view(),
        )
        .child(
            el("p")
                .class("mw-card__meta")
                .child(el("span").class("mw-badge").text(i18n.t(rel.state.label_key())).into_view())
                .child(text(format!(" {} · {}", i18n.t(my_role.you_are_key()), i18n.f("list.created_on", &[("date", &i18n.date(&rel.created_at))]))))
                .into_view(),
        )
        .dyn_child(due_line)
        .into_view()
}
