use leptos::prelude::*;

use crate::ui::env::use_env;

/// A stored item this build cannot show: says so, names the key for the
/// portal team, and offers nothing that could write over it.
#[component]
pub fn BrokenItemCard(key: String, message_key: &'static str) -> impl IntoView {
    let i18n = use_env().i18n;
    let shown_key = key.clone();
    view! {
        <article class="mw-card mw-card--broken" data-key=key.clone()>
            <h3 class="mw-card__title">{i18n.tr("list.broken_title")}</h3>
            <p>{i18n.tr(message_key)}</p>
            <p class="mw-hint">{move || i18n.f("list.broken_hint", &[("key", &shown_key)])}</p>
        </article>
    }
}
