//! The home screen: my relationships and the form to start one; the host is told of
//! check-ins that are due. It stays mounted (hidden) while a relationship is open, so a
//! half-filled form is still there on the way back.

use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::bridge::repo::{load_checkin_dates, load_relationships, ListItem};
use crate::bridge::HostBridge;
use crate::domain::checkins::cadence::Due;
use crate::domain::checkins::schedule::{meets, next_due, should_remind};
use crate::domain::dates::Date;
use crate::domain::keys::{self, KeyKind};
use crate::domain::person::Person;
use crate::domain::relationship::Relationship;
use crate::domain::route::{Route, Tab};
use crate::ui::dom::{dyn_view, el, empty, AnyView};
use crate::ui::env::{Env, HostEvent};
use crate::ui::kit::button::button;
use crate::ui::relationships::relationship_list::{relationship_list, Listing};

/// RelationshipHome: the signed-in person's relationships and the way to
/// start a new one; opening one moves to its workspace.
pub fn relationship_home(env: &Env, me: Person) -> AnyView {
    let i18n = env.i18n;
    let listing = RwSignal::new(Listing::Loading);
    let creating = RwSignal::new(false);
    let announcement = RwSignal::new(String::new());
    // Whether the home is what the person sees (not a relationship).
    let route = env.route;
    let shown = Memo::new(move |_| route.with(|r| *r == Route::Home));
    // The next check-in of each relationship that meets, and which ones
    // the host has already been told about in this mount.
    let dues = RwSignal::new(Vec::<(String, Date, Due)>::new());
    let reminded = StoredValue::new(Vec::<String>::new());

    let load = home_loader(env, me.clone(), listing, dues, reminded);
    let load = Callback::new(move |()| load());
    load.run(());

    // Another tab, or the partner through a live host, changed something the
    // list shows: a relationship, or a check-in (the next one's date). Goals
    // do not show here; and while a relationship is open the list is hidden
    // and read again on the way back, so the agreement's autosave does not
    // reload the whole list every few seconds.
    if let Some(bridge) = env.host() {
        let subscription = SendWrapper::new(bridge.subscribe(keys::RELATIONSHIPS, move |key| {
            let shown = matches!(keys::parse(&key), KeyKind::Relationship(_) | KeyKind::CheckIn { .. });
            if shown && route.try_with_untracked(|r| *r == Route::Home).unwrap_or(false) {
                load.run(())
            }
        }));
        on_cleanup(move || drop(subscription));
    }

    let on_created = Callback::new({
        let (env, me) = (env.clone(), me.clone());
        move |rel: Relationship| {
            let partner = rel.partner_for(&me).map(|p| p.display_name.clone()).unwrap_or_default();
            env.emit(HostEvent::Saved { kind: "relationship", id: rel.id.clone() });
            announcement.set(i18n.f("home.created", &[("name", &partner)]));
            creating.set(false);
            load.run(());
        }
    });
    let on_cancel = Callback::new(move |_: ()| creating.set(false));
    let on_open = Callback::new({
        let env = env.clone();
        move |id: String| {
            env.navigate(Route::relationship(&id, Tab::Overview));
            crate::ui::dom::focus_later(&env.host, "mw-page-heading".to_string());
        }
    });
    // Back on the home view: read the list again (it was not followed while hidden).
    {
        let was_shown = StoredValue::new(true);
        Effect::new(move |_| {
            let now = shown.get();
            if now && !was_shown.get_value() {
                load.run(());
            }
            was_shown.set_value(now);
        });
    }

    let list = relationship_list(i18n, listing, me.clone(), (on_open, load), dues);

    let form = {
        let (env, me) = (env.clone(), me.clone());
        dyn_view(move || {
            if !creating.get() {
                return empty();
            }
            let (env_load, me) = (env.clone(), me.clone());
            crate::ui::workspace::views::lazy_view(&env, move || {
                Box::pin(crate::ui::workspace::views::load_start_form(env_load.clone(), me.clone(), on_created, on_cancel))
            })
        })
    };
    let start_button = dyn_view(move || {
        if creating.get() {
            return empty();
        }
        button()
            .class("mw-button mw-button--primary")
            .on(leptos::ev::click, move |_| {
                announcement.set(String::new());
                creating.set(true);
            })
            .text_dyn(i18n.tr("home.start"))
            .into_view()
    });

    // The list stays mounted (hidden) while a relationship is open, so a
    // half-filled "start" form is still there on the way back.
    el("section")
        .class("mw-home")
        .attr("aria-labelledby", "mw-home-heading")
        .prop_flag("hidden", move || !shown.get())
        .child(
            el("div")
                .class("mw-home__top")
                .child(el("h2").id("mw-home-heading").class("mw-heading").attr("tabindex", "-1").text_dyn(i18n.tr("home.heading")).into_view())
                .child(start_button)
                .into_view(),
        )
        .child(el("p").class("mw-status").attr("role", "status").attr("aria-live", "polite").text_dyn(move || announcement.get()).into_view())
        .child(form)
        .child(list)
        .into_view()
}

/// Reads my relationships (and then the check-ins they have due). Each
/// load gets a number; a slow answer to an older load is ignored.
fn home_loader(
    env: &Env,
    me: Person,
    listing: RwSignal<Listing>,
    dues: RwSignal<Vec<(String, Date, Due)>>,
    reminded: StoredValue<Vec<String>>,
) -> SendWrapper<impl Fn() + Clone> {
    let env = env.clone();
    let generation = StoredValue::new(0u64);
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
                    let meeting: Vec<Relationship> = items
                        .iter()
                        .filter_map(|i| match i {
                            ListItem::Ready { relationship, .. } if meets(relationship.state) => Some(relationship.clone()),
                            _ => None,
                        })
                        .collect();
                    listing.try_set(Listing::Loaded(items));
                    check_dues(&env, &bridge, meeting, dues, reminded).await;
                }
                Err(e) => {
                    env.report(&e);
                    listing.try_set(Listing::Failed(e));
                }
            }
        });
    })
}

/// Works out each relationship's next check-in and tells the host about the
/// ones due within a day, today or overdue (`mw:checkin-due`), once per
/// relationship and date while the widget is mounted.
async fn check_dues(env: &Env, bridge: &HostBridge, meeting: Vec<Relationship>, dues: RwSignal<Vec<(String, Date, Due)>>, reminded: StoredValue<Vec<String>>) {
    let today = crate::ui::platform::today_in(env.time_zone.get_untracked().as_deref());
    let mut found = Vec::new();
    for rel in meeting {
        let dates = load_checkin_dates(bridge, &rel.id).await.unwrap_or_default();
        if let Some((date, due)) = next_due(&rel, &dates, today) {
            found.push((rel.id.clone(), date, due));
        }
    }
    for (id, date, due) in &found {
        let tag = format!("{id}/{date}");
        if should_remind(*due) && reminded.try_with_value(|r| !r.contains(&tag)).unwrap_or(false) {
            reminded.update_value(|r| r.push(tag));
            env.emit(HostEvent::CheckinDue { relationship_id: id.clone(), date: date.to_string(), days: today.days_until(*date) });
        }
    }
    dues.try_set(found);
}
