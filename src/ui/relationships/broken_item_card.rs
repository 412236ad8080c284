//! The card shown in place of a stored item this build cannot read. It names the item's key
//! for the portal team and has no controls, so nothing can write over what is stored.

use crate::ui::dom::{el, AnyView};
use crate::ui::env::I18n;

/// BrokenItemCard: a stored item this build cannot show: says so, names the
/// key for the portal team, and offers nothing that could write over it.
pub fn broken_item_card(i18n: I18n, key: &str, message_key: &'static str) -> AnyView {
    el("article")
        .class("mw-card mw-card--broken")
        .attr("data-key", key)
        .child(el("h3").class("mw-card__title").text_dyn(i18n.tr("list.broken_title")).into_view())
        .child(el("p").text(i18n.t(message_key)).into_view())
        .child(el("p").class("mw-hint").text(i18n.f("list.broken_hint", &[("key", key)])).into_view())
        .into_view()
}
