use leptos::prelude::*;

use crate::domain::person::Person;
use crate::domain::relationship::Relationship;
use crate::ui::env::use_env;
use crate::ui::platform::format_date;

/// One relationship in the home list: the partner, the kind, my role, its state.
#[component]
pub fn RelationshipCard(relationship: Relationship, me: Person, on_open: Callback<String>) -> impl IntoView {
    let i18n = use_env().i18n;
    let rel = relationship;
    // The list only holds relationships I am in; the fallbacks keep a card
    // readable even if that ever changes.
    let my_role = rel.role_of(&me).unwrap_or(crate::domain::relationship::Role::Mentee);
    let partner = rel.partner_for(&me).map(|p| p.display_name.clone()).unwrap_or_default();
    let (kind, state, created) = (rel.kind, rel.state, rel.created_at.clone());
    let id = rel.id.clone();
    view! {
        <article class="mw-card" data-relationship=rel.id.clone()>
            <h3 class="mw-card__title">
                <button type="button" class="mw-card__open" on:click=move |_| on_open.run(id.clone())>
                    {i18n.tr(kind.label_key())} " "
                    <span class="mw-card__partner">{i18n.f("list.with", &[("name", &partner)])}</span>
                </button>
            </h3>
            <p class="mw-card__meta">
                <span class="mw-badge">{i18n.tr(state.label_key())}</span>
                " "
                <span>{i18n.tr(my_role.you_are_key())}</span>
                " · "
                <span>{move || i18n.f("list.created_on", &[("date", &format_date(&created, i18n.locale()))])}</span>
            </p>
        </article>
    }
}
