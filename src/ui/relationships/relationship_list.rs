//! The home screen's list of my relationships: "Loading", a failed load with "Try again", the
//! empty state, or one card per relationship (and per item that could not be read).

use leptos::prelude::*;

use crate::bridge::repo::ListItem;
use crate::bridge::BridgeError;
use crate::domain::checkins::cadence::Due;
use crate::domain::dates::Date;
use crate::domain::person::Person;
use crate::ui::dom::{dyn_view, el, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::button::button;
use crate::ui::relationships::broken_item_card::broken_item_card;
use crate::ui::relationships::relationship_card::relationship_card;

/// My relationships as the home loaded them.
#[derive(Clone, Debug, PartialEq)]
pub enum Listing {
    Loading,
    Loaded(Vec<ListItem>),
    Failed(BridgeError),
}

/// RelationshipList: see the module. `on_open` gets a relationship's id;
/// `retry` reads the list again; `dues` are the next check-ins the cards show.
pub fn relationship_list(
    i18n: I18n,
    listing: RwSignal<Listing>,
    me: Person,
    (on_open, retry): (Callback<String>, Callback<()>),
    dues: RwSignal<Vec<(String, Date, Due)>>,
) -> AnyView {
    dyn_view(move || match listing.get() {
        Listing::Loading => el("p").class("mw-status").text_dyn(i18n.tr("shell.loading")).into_view(),
        Listing::Failed(e) => el("div")
            .class("mw-panel mw-panel--error")
            .attr("role", "alert")
            .child(el("p").text(i18n.f("home.load_failed", &[("reason", &i18n.t(e.message_key()))])).into_view())
            .child(
                button()
                    .class("mw-button")
                    .on(leptos::ev::click, move |_| {
                        listing.set(Listing::Loading);
                        retry.run(())
                    })
                    .text_dyn(i18n.tr("home.retry"))
                    .into_view(),
            )
            .into_view(),
        Listing::Loaded(items) if items.is_empty() => el("p").class("mw-empty").text_dyn(i18n.tr("home.empty")).into_view(),
        Listing::Loaded(items) => el("ul")
            .class("mw-list")
            .attr("role", "list")
            .children(items.iter().map(|item| {
                let card = match item {
                    ListItem::Ready { relationship, .. } => relationship_card(i18n, relationship, &me, on_open, dues),
                    ListItem::Broken { key, error } => broken_item_card(i18n, key, error.message_key()),
                    ListItem::Unreachable { key, error } => broken_item_card(i18n, key, error.message_key()),
                };
                el("li").child(card).into_view()
            }))
            .into_view(),
    })
}
