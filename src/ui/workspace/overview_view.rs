//! The Overview view: what needs me now, the next check-in with its open action items, the
//! goals' progress and the latest activity, at a glance.

use leptos::prelude::*;

use crate::domain::checkins::schedule::{meets, next_date, Plan};
use crate::domain::overview::{goals_at_a_glance, latest_activity, needs, open_actions, Need};
use crate::domain::person::Person;
use crate::domain::route::{Route, Tab};
use crate::ui::checkins::book::Book;
use crate::ui::checkins::next_checkin_card::due_words;
use crate::ui::checkins::timeline_view::story_list;
use crate::ui::dom::{dyn_view, el, empty, fragment, AnyView};
use crate::ui::env::{Env, I18n};
use crate::ui::kit::button::button;
use crate::ui::platform::today_in;
use crate::ui::workspace::state::Workspace;

/// OverviewView: where the relationship stands at a glance: what needs me
/// now (each with a way to do it), the next check-in with the action items
/// still open, the goals with their progress, and the latest activity.
pub fn overview_view(env: &Env, ws: &Workspace) -> AnyView {
    let i18n = env.i18n;
    let (book, zone) = (ws.book, env.time_zone);
    let go = Callback::new({
        let (env, id) = (env.clone(), ws.id.clone());
        move |tab: Tab| {
            env.navigate(Route::relationship(&id, tab));
            crate::ui::dom::focus_later(&env.host, format!("mw-panel-{}", tab.name()));
        }
    });

    let me = ws.me.clone();
    let needs_list = needs_part(i18n, book, zone, me, go);

    let next = next_part(i18n, book, zone, go);

    let goals = goals_part(i18n, book, zone, go);

    let activity = dyn_view(move || {
        book.with(|b| {
            let Some(b) = b.as_ref() else { return empty() };
            let today = today_in(zone.get().as_deref());
            let entries = latest_activity(&b.rel, &b.plain_checkins(), &b.goals, today, 5);
            story_list("mw-activity", i18n, entries)
        })
    });

    let section = |id: &'static str, key: &'static str, body: AnyView| {
        el("section")
            .class("mw-section mw-overview__part")
            .attr("aria-labelledby", id)
            .child(el("h3").id(id).class("mw-section__title").text_dyn(i18n.tr(key)).into_view())
            .child(body)
            .into_view()
    };
    el("div")
        .class("mw-overview")
        .child(section("mw-overview-needs", "overview.needs", needs_list))
        .child(section("mw-overview-next", "overview.next", next))
        .child(section("mw-overview-goals", "overview.goals", goals))
        .child(section("mw-overview-activity", "overview.activity", activity))
        .into_view()
}

fn need_text(i18n: I18n, need: &Need) -> String {
    match need {
        Need::StartAgreement => i18n.t("overview.need_start"),
        Need::SignAgreement => i18n.t("overview.need_sign"),
        Need::ConfirmGoal { title, .. } => i18n.f("overview.need_confirm", &[("title", title)]),
        Need::Review => i18n.t("overview.need_review"),
        Need::CheckIn { overdue_days: 0, .. } => i18n.t("overview.need_checkin_today"),
        Need::CheckIn { date, overdue_days } => i18n.f("overview.need_checkin_overdue", &[("date", &i18n.day(*date)), ("n", &overdue_days.to_string())]),
        Need::Reflect => i18n.t("overview.need_reflect"),
    }
}

fn need_action(need: &Need) -> &'static str {
    match need.tab() {
        Tab::Agreement => "overview.to_agreement",
        Tab::Goals => "overview.to_goals",
        _ => "overview.to_checkins",
    }
}

/// What needs me now, each with the button that goes where it is done.
fn needs_part(i18n: I18n, book: RwSignal<Option<Book>>, zone: RwSignal<Option<String>>, me: Person, go: Callback<Tab>) -> AnyView {
    dyn_view(move || {
        // Each part reads the relationship in place (`with`), never a copy of it.
        book.with(|b| {
            let Some(b) = b.as_ref() else { return empty() };
            let today = today_in(zone.get().as_deref());
            let items = needs(&b.rel, &me, &b.goals, &b.plain_checkins(), today);
            if items.is_empty() {
                return el("p").class("mw-empty").text_dyn(i18n.tr("overview.nothing_needed")).into_view();
            }
            el("ul")
                .class("mw-needs")
                .children(items.into_iter().map(|n| {
                    el("li")
                        .class("mw-need")
                        .child(el("span").text(need_text(i18n, &n)).into_view())
                        .child(
                            button()
                                .class("mw-button mw-button--small")
                                .on(leptos::ev::click, {
                                    let tab = n.tab();
                                    move |_| go.run(tab)
                                })
                                .text(i18n.t(need_action(&n)))
                                .into_view(),
                        )
                        .into_view()
                }))
                .into_view()
        })
    })
}

/// The next check-in and the action items still open.
fn next_part(i18n: I18n, book: RwSignal<Option<Book>>, zone: RwSignal<Option<String>>, go: Callback<Tab>) -> AnyView {
    dyn_view(move || {
        book.with(|b| {
            let Some(b) = b.as_ref() else { return empty() };
            let today = today_in(zone.get().as_deref());
            let when = if !meets(b.rel.state) {
                i18n.t("overview.no_meetings")
            } else {
                match Plan::of(&b.rel).and_then(|p| next_date(&p, &b.dates(), today)) {
                    Some(next) => due_words(i18n, next, today).0,
                    None => i18n.t("checkin.no_plan"),
                }
            };
            let open = open_actions(&b.plain_checkins(), today);
            fragment(vec![
                el("p").class("mw-overview__when").text(when).into_view(),
                if open.is_empty() {
                    el("p").class("mw-hint").text_dyn(i18n.tr("overview.no_open_actions")).into_view()
                } else {
                    el("ul")
                        .class("mw-overview__actions")
                        .attr_dyn("aria-label", move || Some(i18n.t("overview.open_actions")))
                        .children(open.into_iter().map(|a| {
                            let who = b.name_of(&a.owner);
                            el("li").text(i18n.f("overview.action", &[("text", &a.text), ("name", &who)])).into_view()
                        }))
                        .into_view()
                },
                button()
                    .class("mw-button mw-button--link")
                    .on(leptos::ev::click, move |_| go.run(Tab::CheckIns))
                    .text_dyn(i18n.tr("overview.to_checkins"))
                    .into_view(),
            ])
        })
    })
}

/// The goals at a glance, each with its progress and status.
fn goals_part(i18n: I18n, book: RwSignal<Option<Book>>, zone: RwSignal<Option<String>>, go: Callback<Tab>) -> AnyView {
    dyn_view(move || {
        book.with(|b| {
            let Some(b) = b.as_ref() else { return empty() };
            let today = today_in(zone.get().as_deref());
            let list = goals_at_a_glance(&b.goals, today);
            let body = if list.is_empty() {
                el("p").class("mw-empty").text_dyn(i18n.tr("overview.no_goals")).into_view()
            } else {
                el("ul")
                    .class("mw-glance")
                    .children(list.into_iter().map(|g| {
                        let pct = g.progress.to_string();
                        el("li")
                            .class("mw-glance__goal")
                            .child(el("span").class("mw-glance__title").text(g.title).into_view())
                            .child(
                                el("progress")
                                    .attr("max", "100")
                                    .attr("value", pct.clone())
                                    .attr("aria-label", i18n.f("overview.goal_progress", &[("n", &pct)]))
                                    .into_view(),
                            )
                            .child(el("span").class("mw-glance__pct").text(i18n.f("overview.percent", &[("n", &pct)])).into_view())
                            .child(el("span").class("mw-badge").text(i18n.t(if g.overdue { "goal.overdue" } else { g.status.label_key() })).into_view())
                            .into_view()
                    }))
                    .into_view()
            };
            fragment(vec![
                body,
                button()
                    .class("mw-button mw-button--link")
                    .on(leptos::ev::click, move |_| go.run(Tab::Goals))
                    .text_dyn(i18n.tr("overview.to_goals"))
                    .into_view(),
            ])
        })
    })
}
