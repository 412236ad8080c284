//! The mid-point review's guided questions inside a check-in, ending with how to go on:
//! continue, continue with changes, or move on.

use leptos::prelude::*;

use crate::domain::checkins::record::{CheckIn, Review, REVIEW_DECISIONS, REVIEW_GOALS, REVIEW_WORKING};
use crate::ui::dom::{dyn_view, el, empty, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::label::{checkbox, Look};
use crate::ui::kit::radio_group::{radio_group, Choice, RadioGroup, Words};

/// ReviewQuestions: the mid-point review's guided questions: is the pairing
/// working, are the goals still right, does the agreement need amending,
/// and how to go on (continue, continue with changes, or move on).
pub fn review_questions(i18n: I18n, draft: RwSignal<CheckIn>) -> AnyView {
    let group = move |name: &'static str, legend: &'static str, values: &'static [&'static str], get: fn(&Review) -> &str, set: fn(&mut Review, String)| {
        radio_group(
            i18n,
            RadioGroup {
                name: format!("mw-review-{name}"),
                legend: Words::Key(legend),
                legend_hidden: false,
                row: false,
                // Each answer's text is the question's key and the answer: `review.working.yes`.
                choices: values.iter().map(|v| Choice::new(*v, Words::Text(i18n.t(&format!("{legend}.{v}"))))).collect(),
                selected: Signal::derive(move || draft.with(|c| c.review.as_ref().map(|r| get(r).to_string()).filter(|v| !v.is_empty()))),
                choose: Callback::new(move |v: String| draft.update(|c| set(c.review.get_or_insert_with(blank), v))),
                error: None,
            },
        )
    };
    el("fieldset")
        .class("mw-section mw-review")
        .child(el("legend").class("mw-section__title").text_dyn(i18n.tr("review.title")).into_view())
        .child(el("p").class("mw-hint").text_dyn(i18n.tr("review.intro")).into_view())
        .child(group("working", "review.working", REVIEW_WORKING, |r| &r.working, |r, v| r.working = v))
        .child(group("goals", "review.goals", REVIEW_GOALS, |r| &r.goals_right, |r, v| r.goals_right = v))
        .child(
            el("div")
                .class("mw-choice")
                .child(checkbox(
                    i18n,
                    ("mw-review-amend".into(), Words::Key("review.amend"), Look::Plain),
                    move || draft.with(|c| c.review.as_ref().is_some_and(|r| r.amend)),
                    move |on| draft.update(|c| c.review.get_or_insert_with(blank).amend = on),
                ))
                .into_view(),
        )
        .child(dyn_view(move || {
            if draft.with(|c| c.review.as_ref().is_some_and(|r| r.amend || r.decision == "adjust")) {
                el("p").class("mw-hint").text_dyn(i18n.tr("review.amend_hint")).into_view()
            } else {
                empty()
            }
        }))
        .child(group("decision", "review.decision", REVIEW_DECISIONS, |r| &r.decision, |r, v| r.decision = v))
        .into_view()
}

fn blank() -> Review {
    Review { working: String::new(), goals_right: String::new(), amend: false, decision: String::new() }
}
