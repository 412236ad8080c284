//! One goal as a card on the goal board: title, owner, status, progress, due date, and buttons
//! to raise or lower its priority that work by keyboard too.

use leptos::prelude::*;

use crate::domain::dates::Date;
use crate::domain::goals::Goal;
use crate::domain::relationship::Relationship;
use crate::ui::dom::{el, empty, fragment, text, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::button::button;

/// GoalCard: one goal in the list: title, whose it is, status, progress, due
/// date (and whether it is overdue), and buttons to move it up or down in
/// priority, which work by keyboard as well as by pointer.
pub fn goal_card(i18n: I18n, goal: &Goal, rel: &Relationship, today: Date, on_open: Callback<String>, on_move: Callback<(String, i32)>) -> AnyView {
    let owner =
        [&rel.mentor, &rel.mentee].into_iter().find(|p| p.id.as_deref() == Some(goal.owner.as_str())).map(|p| p.display_name.clone()).unwrap_or_default();
    let progress = goal.progress();
    let (id, up_id, down_id) = (goal.id.clone(), goal.id.clone(), goal.id.clone());
    let due = goal.due.as_deref().and_then(Date::parse);
    let overdue = goal.is_overdue(today);
    // Ids by goal and direction: the board puts focus back on the same
    // button once the reordered list is drawn again.
    let move_button = |label: String, symbol: &'static str, id: String, delta: i32| {
        button()
            .id(format!("mw-goal-{id}-{}", if delta < 0 { "up" } else { "down" }))
            .class("mw-button mw-button--small mw-move")
            .attr("aria-label", label)
            .on(leptos::ev::click, move |_| on_move.run((id.clone(), delta)))
            .text(symbol)
            .into_view()
    };
    el("article")
        .class(if overdue { "mw-card mw-goal mw-goal--overdue" } else { "mw-card mw-goal" })
        .attr("data-goal", goal.id.clone())
        .child(
            el("div")
                .class("mw-goal__head")
                .child(
                    el("h4")
                        .class("mw-card__title")
                        .child(
                            button()
                                .id(format!("mw-goal-{}-open", goal.id))
                                .class("mw-card__open")
                                .on(leptos::ev::click, move |_| on_open.run(id.clone()))
                                .text(goal.title.clone())
                                .into_view(),
                        )
                        .into_view(),
                )
                .child(
                    el("div")
                        .class("mw-goal__order")
                        .child(move_button(i18n.f("goal.move_up", &[("title", &goal.title)]), "↑", up_id, -1))
                        .child(move_button(i18n.f("goal.move_down", &[("title", &goal.title)]), "↓", down_id, 1))
                        .into_view(),
                )
                .into_view(),
        )
        .child(
            el("p")
                .class("mw-card__meta")
                .child(el("span").class("mw-badge").text(i18n.t(goal.status.label_key())).into_view())
                .child(if goal.is_signed_off_in(rel) {
                    el("span").class("mw-badge mw-badge--ok").text(format!(" {}", i18n.t("goal.signed_off"))).into_view()
                } else {
                    empty()
                })
                .child(text(format!(" {}", i18n.f("goal.owned_by", &[("name", &owner)]))))
                .child(match due {
                    Some(d) => fragment(vec![
                        text(format!(" · {}", i18n.f("goal.due_on", &[("date", &i18n.day(d))]))),
                        if overdue { el("span").class("mw-badge mw-badge--warning").text(format!(" {}", i18n.t("goal.overdue"))).into_view() } else { empty() },
                    ]),
                    None => empty(),
                })
                .into_view(),
        )
        .child(
            el("div")
                .class("mw-goal__progress")
                .child(
                    el("progress")
                        .attr("max", "100")
                        .attr("value", progress.to_string())
                        .attr("aria-label", i18n.f("goal.progress_of", &[("title", &goal.title)]))
                        .into_view(),
                )
                .child(el("span").text(i18n.f("overview.percent", &[("n", &progress.to_string())])).into_view())
                .into_view(),
        )
        .into_view()
}
