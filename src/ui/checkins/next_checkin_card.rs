//! The next check-in: its date, whether it is due in the person's time zone, and calendar files
//! for it and for the series. The due wording here is shared with the overview.

use leptos::prelude::*;

use crate::domain::checkins::cadence::{due_state, Due};
use crate::domain::checkins::ics::{meeting_series, next_meeting, stamp_of, Meeting};
use crate::domain::checkins::record::parse_time;
use crate::domain::checkins::schedule::{meets, next_date, Plan};
use crate::domain::dates::Date;
use crate::ui::checkins::book::Book;
use crate::ui::dom::{dyn_view, el, empty, AnyView};
use crate::ui::env::{Env, I18n};
use crate::ui::kit::button::button;
use crate::ui::platform::{calendar_zone, download, now_rfc3339, today_in};

/// When a check-in has no time set, its calendar entry starts at 9:00
/// local time: a placeholder the pair can move in their calendar.
const DEFAULT_START: u32 = 9 * 60;

/// NextCheckinCard: when the next check-in is (from the agreement's rhythm,
/// or the one already planned), whether it is due or overdue in the
/// person's time zone, and calendar files for it and for the whole series.
pub fn next_checkin_card(env: &Env, book: RwSignal<Option<Book>>, plan_new: Callback<Date>, open: Callback<String>) -> AnyView {
    let i18n = env.i18n;
    let env = env.clone();
    dyn_view(move || {
        let Some(b) = book.get() else { return empty() };
        if !meets(b.rel.state) {
            return empty();
        }
        let Some(plan) = Plan::of(&b.rel) else {
            return el("p").class("mw-hint").text_dyn(i18n.tr("checkin.no_plan")).into_view();
        };
        let zone = env.time_zone.get_untracked();
        let today = today_in(zone.as_deref());
        let Some(next) = next_date(&plan, &b.dates(), today) else { return empty() };
        let planned = b.checkins.iter().find(|(c, _)| c.day() == Some(next)).map(|(c, _)| c.clone());
        let (key, state) = due_words(i18n, next, today);

        // The agreed wall-clock time, kept in the person's zone by the file.
        let minute = planned.as_ref().and_then(|c| parse_time(&c.time)).unwrap_or(DEFAULT_START);
        let meeting = Meeting {
            uid: format!("{}-{}@mentoring-widget", b.rel.id, next),
            summary: i18n.f("checkin.ics_summary", &[("a", &b.rel.mentor.display_name), ("b", &b.rel.mentee.display_name)]),
            description: planned.as_ref().map(|c| c.agenda.iter().map(|a| format!("- {}", a.text)).collect::<Vec<_>>().join("\n")).unwrap_or_default(),
            location: plan.place.clone(),
            start: next,
            start_minute_of_day: minute,
            minutes: planned.as_ref().map(|c| c.minutes).unwrap_or(plan.minutes),
        };
        let series = Meeting { uid: format!("{}-series@mentoring-widget", b.rel.id), description: String::new(), ..meeting.clone() };
        let (rhythm, end) = (plan.rhythm, plan.end);
        let file = format!("check-in-{next}.ics");
        // The zone's changes are looked up when a file is asked for, not on
        // every render: a series may span years of daily probes.
        let (zone_one, zone_all) = (zone.clone(), zone.clone());

        el("div")
            .class("mw-next-checkin")
            .attr("data-due", state)
            .child(el("p").class("mw-due").attr("data-due", state).text(key).into_view())
            .child(
                el("div")
                    .class("mw-actions")
                    .child(match (&planned, b.is_open()) {
                        (None, true) => button()
                            .class("mw-button mw-button--primary")
                            .on(leptos::ev::click, move |_| plan_new.run(next))
                            .text_dyn(i18n.tr("checkin.new"))
                            .into_view(),
                        (Some(c), _) => {
                            let id = c.id.clone();
                            button()
                                .class("mw-button mw-button--primary")
                                .on(leptos::ev::click, move |_| open.run(id.clone()))
                                .text_dyn(i18n.tr("checkin.open_planned"))
                                .into_view()
                        }
                        (None, false) => empty(),
                    })
                    .child(
                        button()
                            .class("mw-button")
                            .on(leptos::ev::click, move |_| {
                                let z = calendar_zone(zone_one.as_deref(), meeting.start, meeting.start);
                                download(&file, "text/calendar", &next_meeting(&meeting, z.as_ref(), &stamp_of(&now_rfc3339())))
                            })
                            .text_dyn(i18n.tr("checkin.ics_next"))
                            .into_view(),
                    )
                    .child(
                        button()
                            .class("mw-button")
                            .on(leptos::ev::click, move |_| {
                                let z = calendar_zone(zone_all.as_deref(), series.start, end);
                                download("check-ins.ics", "text/calendar", &meeting_series(&series, rhythm, end, z.as_ref(), &stamp_of(&now_rfc3339())))
                            })
                            .text_dyn(i18n.tr("checkin.ics_series"))
                            .into_view(),
                    )
                    .into_view(),
            )
            .into_view()
    })
}

/// When the next check-in is, in words ("in 3 days", "due today", "overdue
/// since…"), and its state for styling (`upcoming`, `today`, `overdue`).
pub fn due_words(i18n: I18n, next: Date, today: Date) -> (String, &'static str) {
    let day = i18n.day(next);
    match due_state(next, today) {
        Due::InDays(1) => (i18n.f("due.tomorrow", &[("date", &day)]), "upcoming"),
        Due::InDays(n) => (i18n.f("due.in_days", &[("date", &day), ("n", &n.to_string())]), "upcoming"),
        Due::Today => (i18n.t("due.today"), "today"),
        Due::OverdueBy(n) => (i18n.f("due.overdue", &[("date", &day), ("n", &n.to_string())]), "overdue"),
    }
}
