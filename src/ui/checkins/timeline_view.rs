//! The relationship's story as a dated list of moments, from the proposal to the close. The
//! list is shared with the overview, which shows only the latest few.

use leptos::prelude::*;

use crate::domain::checkins::story::{timeline, Moment};
use crate::domain::dates::Date;
use crate::ui::checkins::book::Book;
use crate::ui::dom::{dyn_view, el, empty, AnyView};
use crate::ui::env::{Env, I18n};
use crate::ui::platform::today_in;

/// TimelineView: the relationship's story in one list: proposed, agreement
/// in force, check-ins, goals achieved, review, pauses, close.
pub fn timeline_view(env: &Env, book: RwSignal<Option<Book>>) -> AnyView {
    let i18n = env.i18n;
    let zone = env.time_zone;
    let list = dyn_view(move || {
        let Some(b) = book.get() else { return empty() };
        let entries = timeline(&b.rel, &b.plain_checkins(), &b.goals, today_in(zone.get_untracked().as_deref()));
        story_list("mw-timeline", i18n, entries)
    });
    el("section")
        .class("mw-section")
        .attr("aria-labelledby", "mw-timeline-heading")
        .child(el("h3").id("mw-timeline-heading").class("mw-section__title").text_dyn(i18n.tr("timeline.heading")).into_view())
        .child(list)
        .into_view()
}

/// A moment of the story as a kind (for styling) and its words.
pub fn moment_label(i18n: I18n, what: &Moment) -> (&'static str, String) {
    match what {
        Moment::Proposed => ("proposed", i18n.t("timeline.proposed")),
        Moment::AgreementInForce { version } => ("agreement", i18n.f("timeline.agreement", &[("n", &version.to_string())])),
        Moment::CheckIn { review: true, .. } => ("review", i18n.t("timeline.review")),
        Moment::CheckIn { .. } => ("checkin", i18n.t("timeline.checkin")),
        Moment::GoalAchieved { title } => ("goal", i18n.f("timeline.goal", &[("title", title)])),
        Moment::Life(h) => ("life", i18n.t(h.label_key())),
    }
}

/// Moments of the story as an ordered list, each with its day: the Timeline
/// view shows them all, the overview the latest few (`class` tells them apart).
pub fn story_list(class: &'static str, i18n: I18n, entries: Vec<crate::domain::checkins::story::Entry>) -> AnyView {
    el("ol")
        .class(class)
        .children(entries.into_iter().map(|e| {
            let day = Date::parse(e.day()).map(|d| i18n.day(d)).unwrap_or_else(|| e.day().to_string());
            let (kind, what) = moment_label(i18n, &e.what);
            el("li")
                .class("mw-timeline__entry")
                .attr("data-kind", kind)
                .child(el("span").class("mw-timeline__date").text(day).into_view())
                .child(el("span").class("mw-timeline__what").text(what).into_view())
                .into_view()
        }))
        .into_view()
}
