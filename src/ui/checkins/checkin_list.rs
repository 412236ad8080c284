//! A relationship's check-ins, newest first, unreadable ones listed with their error, and the
//! button that starts a new one dated today.

use leptos::prelude::*;

use crate::domain::checkins::record::{CheckIn, CheckInKind};
use crate::domain::dates::Date;
use crate::ui::checkins::book::Book;
use crate::ui::dom::{dyn_view, el, empty, fragment, keyed_list, text, AnyView, Keyed};
use crate::ui::env::{Env, I18n};
use crate::ui::kit::button::button;
use crate::ui::platform::today_in;
use crate::ui::relationships::broken_item_card::broken_item_card;

/// CheckinList: the relationship's check-ins, newest first, planned ones
/// marked, each opening in the form; any that cannot be read are listed
/// with their error. "New check-in" starts one dated today.
pub fn checkin_list(env: &Env, book: RwSignal<Option<Book>>, on_open: Callback<String>, plan: Callback<Date>) -> AnyView {
    let i18n = env.i18n;
    let zone = env.time_zone;
    // Whether there is anything to list, and whether new check-ins may be
    // started: the list is drawn again whole only when these change (or the
    // texts do). Which check-ins it holds is followed row by row.
    // (Yes-or-no memos: `Memo<bool>` is compiled into the wasm already.)
    let ready = Memo::new(move |_| book.with(Option::is_some));
    let none = Memo::new(move |_| book.with(|b| b.as_ref().is_some_and(|b| b.checkins.is_empty() && b.problems.is_empty())));
    let open = Memo::new(move |_| book.with(|b| b.as_ref().is_some_and(Book::is_open)));
    let list = dyn_view(move || {
        i18n.0.track();
        if !ready.get() {
            return empty();
        }
        let (none, open) = (none.get(), open.get());
        let new_button = if open {
            // Today as of the click: the list may have been open since yesterday.
            let new_today = move |_| plan.run(today_in(zone.get_untracked().as_deref()));
            button().class("mw-button").on(leptos::ev::click, new_today).text_dyn(i18n.tr("checkin.new_today")).into_view()
        } else {
            empty()
        };
        fragment(vec![
            if none {
                el("p").class("mw-empty").text_dyn(i18n.tr("checkin.none")).into_view()
            } else {
                let rows = keyed_list(move || {
                    // "Planned" is as of today: a new day is in every row's
                    // key, so the first change after midnight draws them again.
                    let today = today_in(zone.get_untracked().as_deref());
                    book.with(|b| b.as_ref().map(|b| rows(b, i18n, today, on_open)).unwrap_or_default())
                });
                el("ul").class("mw-checkin-list").attr("role", "list").child(rows).into_view()
            },
            new_button,
        ])
    });
    el("section")
        .class("mw-section mw-checkin-section")
        .attr("aria-labelledby", "mw-checkin-list-heading")
        .child(el("h4").id("mw-checkin-list-heading").attr("tabindex", "-1").class("mw-section__title").text_dyn(i18n.tr("checkin.heading")).into_view())
        .child(list)
        .into_view()
}

/// One row per check-in, keyed by its id, its revision and the day, then one per
/// check-in that could not be read, keyed by its key and error.
fn rows(b: &Book, i18n: I18n, today: Date, on_open: Callback<String>) -> Vec<Keyed> {
    let mut rows: Vec<Keyed> = Vec::new();
    for (c, revision) in &b.checkins {
        let c = c.clone();
        rows.push((format!("checkin {} {revision} {today}", c.id), Box::new(move || row(&c, i18n, today, on_open))));
    }
    for (key, message) in &b.problems {
        let (key, message) = (key.clone(), *message);
        rows.push((format!("broken {key} {message}"), Box::new(move || el("li").child(broken_item_card(i18n, &key, message)).into_view())));
    }
    rows
}

fn row(c: &CheckIn, i18n: I18n, today: Date, on_open: Callback<String>) -> AnyView {
    let id = c.id.clone();
    let day = c.day().map(|d| i18n.day(d)).unwrap_or_else(|| c.date.clone());
    let mut tags = Vec::new();
    if c.kind == CheckInKind::MidpointReview {
        tags.push(i18n.t("checkin.review_kind"));
    }
    if c.day().is_some_and(|d| d > today) {
        tags.push(i18n.t("checkin.planned"));
    }
    let open_actions = c.actions.iter().filter(|a| !a.done).count();
    el("li")
        .class("mw-checkin-item")
        .attr("data-checkin", c.id.clone())
        .child(
            button()
                .class("mw-button mw-button--link")
                .attr("aria-label", i18n.f("checkin.open", &[("date", &day)]))
                .on(leptos::ev::click, move |_| on_open.run(id.clone()))
                .text(day)
                .into_view(),
        )
        .child(if tags.is_empty() { empty() } else { el("span").class("mw-badge").text(tags.join(" · ")).into_view() })
        .child(text(format!(
            " {} · {}",
            i18n.f("checkin.count_agenda", &[("n", &c.agenda.len().to_string())]),
            i18n.f("checkin.count_open", &[("n", &open_actions.to_string())])
        )))
        .into_view()
}
