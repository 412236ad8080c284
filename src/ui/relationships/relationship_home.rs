use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::bridge::repo::{load_relationships, ListItem};
use crate::bridge::BridgeError;
use crate::domain::keys;
use crate::domain::person::Person;
use crate::domain::relationship::Relationship;
use crate::ui::env::{use_env, HostEvent};
use crate::ui::relationships::broken_item_card::BrokenItemCard;
use crate::ui::relationships::new_relationship_form::NewRelationshipForm;
use crate::ui::relationships::relationship_card::RelationshipCard;
use crate::ui::relationships::relationship_page::RelationshipPage;

#[derive(Clone, Debug, PartialEq)]
enum Listing {
    Loading,
    Loaded(Vec<ListItem>),
    Failed(BridgeError),
}

/// The signed-in person's relationships, and the way to start a new one.
#[component]
pub fn RelationshipHome(me: Person) -> impl IntoView {
    let env = use_env();
    let i18n = env.i18n;
    let listing = RwSignal::new(Listing::Loading);
    let creating = RwSignal::new(false);
    // The relationship opened from the list, if any.
    let open = RwSignal::new(None::<String>);
    let on_open = Callback::new(move |id: String| open.set(Some(id)));

    let announcement = RwSignal::new(String::new());
    // Each load gets a number; a slow answer to an older load is ignored.
    let generation = StoredValue::new(0u64);

    let load = {
        let (env, me) = (env.clone(), me.clone());
        SendWrapper::new(move || {
            let Some(bridge) = env.host() else { return };
            let (env, me) = (env.clone(), me.clone());
            generation.update_value(|g| *g += 1);
            let mine = generation.get_value();
            spawn_local(async move {
                let result = load_relationships(&bridge, &me).await;
                if generation.try_get_value() != Some(mine) {
                    return;
                }
                match result {
                    Ok(items) => {
                        for item in &items {
                            if let ListItem::Broken { key, error } = item {
                                crate::bridge::host::console_warn(&format!("{key}: {}", error.detail()));
                            }
                        }
                        listing.try_set(Listing::Loaded(items));
                    }
                    Err(e) => {
                        env.report(&e);
                        listing.try_set(Listing::Failed(e));
                    }
                }
            });
        })
    };
    load();

    // Another tab, or the partner through a live host, changed something.
    if let Some(bridge) = env.host() {
        let reload = load.clone();
        let subscription = bridge.subscribe(keys::RELATIONSHIPS, move |_key| reload());
        let subscription = SendWrapper::new(subscription);
        on_cleanup(move || drop(subscription));
    }

    let retry = {
        let load = load.clone();
        move |_| {
            listing.set(Listing::Loading);
            load()
        }
    };
    let on_created = Callback::new({
        let env = env.clone();
        let load = load.clone();
        let me = me.clone();
        move |rel: Relationship| {
            let partner = rel.partner_for(&me).map(|p| p.display_name.clone()).unwrap_or_default();
            env.emit(HostEvent::Saved { kind: "relationship", id: rel.id.clone() });
            announcement.set(i18n.f("home.created", &[("name", &partner)]));
            creating.set(false);
            load();
        }
    });
    let on_cancel = Callback::new(move |_| creating.set(false));
    let on_back = Callback::new({
        let load = load.clone();
        move |_: ()| {
            open.set(None);
            load();
        }
    });
    let me_for_cards = me.clone();

    let me_for_page = me.clone();
    view! {
        // The list stays mounted (hidden) while a relationship is open, so a
        // half-filled "start" form is still there on the way back.
        <section class="mw-home" aria-labelledby="mw-home-heading" prop:hidden=move || open.get().is_some()>
            <div class="mw-home__top">
                <h2 id="mw-home-heading" class="mw-heading">{i18n.tr("home.heading")}</h2>
                <Show when=move || !creating.get()>
                    <button type="button" class="mw-button mw-button--primary" on:click=move |_| {
                        announcement.set(String::new());
                        creating.set(true);
                    }>
                        {i18n.tr("home.start")}
                    </button>
                </Show>
            </div>
            <p class="mw-status" role="status" aria-live="polite">{move || announcement.get()}</p>
            <Show when=move || creating.get()>
                <NewRelationshipForm me=me.clone() on_created=on_created on_cancel=on_cancel />
            </Show>
            {move || match listing.get() {
                Listing::Loading => view! { <p class="mw-status">{i18n.tr("shell.loading")}</p> }.into_any(),
                Listing::Failed(e) => {
                    let retry = retry.clone();
                    view! {
                        <div class="mw-panel mw-panel--error" role="alert">
                            <p>{i18n.f("home.load_failed", &[("reason", &i18n.t(e.message_key()))])}</p>
                            <button type="button" class="mw-button" on:click=retry>{i18n.tr("home.retry")}</button>
                        </div>
                    }.into_any()
                }
                Listing::Loaded(items) if items.is_empty() => {
                    view! { <p class="mw-empty">{i18n.tr("home.empty")}</p> }.into_any()
                }
                Listing::Loaded(items) => {
                    let me = me_for_cards.clone();
                    view! {
                        <ul class="mw-list" role="list">
                            {items.into_iter().map(|item| match item {
                                ListItem::Ready { relationship, .. } => view! {
                                    <li><RelationshipCard relationship=relationship me=me.clone() on_open=on_open /></li>
                                }.into_any(),
                                ListItem::Broken { key, error } => view! {
                                    <li><BrokenItemCard key=key message_key=error.message_key() /></li>
                                }.into_any(),
                                ListItem::Unreachable { key, error } => view! {
                                    <li><BrokenItemCard key=key message_key=error.message_key() /></li>
                                }.into_any(),
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        </section>
        {move || open.get().map(|id| view! { <RelationshipPage id=id me=me_for_page.clone() on_back=on_back /> })}
    }
}
