//! Moving on, step one: each goal still in play signed off as reached, partly reached or not
//! reached, by either person; the partner's choices show as they are saved.

use leptos::prelude::*;

use crate::domain::goals::GoalStatus;
use crate::domain::relationship::life::Outcome;
use crate::ui::checkins::book::Book;
use crate::ui::dom::{dyn_view, el, empty, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::radio_group::{radio_group, Choice, RadioGroup, Words};

/// ClosingOutcomes: a group of choices per goal not dropped; a choice made
/// goes to `on_outcome` as (goal id, goal title, outcome).
pub fn closing_outcomes(i18n: I18n, book: RwSignal<Option<Book>>, on_outcome: Callback<(String, String, Outcome)>) -> AnyView {
    // It reads the relationship in place (`with`), never a copy of it.
    let outcomes = dyn_view(move || {
        book.with(|b| {
            let Some(b) = b.as_ref() else { return empty() };
            let goals: Vec<_> = b.goals.iter().filter(|g| g.status != GoalStatus::Dropped).cloned().collect();
            if goals.is_empty() {
                return el("p").class("mw-empty").text_dyn(i18n.tr("close.no_goals")).into_view();
            }
            let closing = b.rel.life.closing.clone();
            el("div")
                .children(goals.into_iter().map(|g| {
                    let chosen = closing.as_ref().and_then(|c| c.outcome_of(&g.id));
                    let (gid, title) = (g.id.clone(), g.title.clone());
                    radio_group(
                        i18n,
                        RadioGroup {
                            name: format!("mw-outcome-{}", g.id),
                            legend: Words::Text(i18n.f("close.outcome_legend", &[("title", &g.title)])),
                            legend_hidden: false,
                            row: true,
                            choices: Outcome::ALL.into_iter().map(|o| Choice::new(o.as_str(), Words::Key(o.label_key()))).collect(),
                            selected: Signal::derive(move || chosen.map(|o| o.as_str().to_string())),
                            choose: Callback::new(move |v: String| {
                                if let Some(o) = Outcome::parse(&v) {
                                    on_outcome.run((gid.clone(), title.clone(), o));
                                }
                            }),
                            error: None,
                        },
                    )
                }))
                .into_view()
        })
    });

    el("fieldset")
        .class("mw-section")
        .child(el("legend").class("mw-section__title").text_dyn(i18n.tr("close.outcomes")).into_view())
        .child(outcomes)
        .into_view()
}
