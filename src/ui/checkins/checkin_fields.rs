//! The check-in's plain fields: when and how it is held (date, time, length, format) and the notes
//! both people see (shared notes, wins, challenges, feedback), each a kit field whose error is
//! the check-in's own rule (`CheckIn::validate`).

use leptos::prelude::*;

use crate::domain::checkins::record::{CheckIn, FORMATS};
use crate::domain::FieldError;
use crate::ui::dom::{el, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::field::{self as kit, error_of, Field};
use crate::ui::kit::radio_group::Words;

/// CheckinWhen: the date, time, length and format of the meeting.
pub fn checkin_when(i18n: I18n, draft: RwSignal<CheckIn>, errors: RwSignal<Vec<FieldError>>) -> AnyView {
    let form = Form { i18n, draft, errors };
    el("fieldset")
        .class("mw-section mw-ci-when")
        .child(el("legend").class("mw-section__title").text_dyn(i18n.tr("checkin.when")).into_view())
        .child(field(form, "date", "checkin.date", "date", |c| c.date.clone(), |c, v| c.date = v))
        .child(field(form, "time", "checkin.time", "time", |c| c.time.clone(), |c, v| c.time = v))
        // A number that does not parse becomes 0, which the rule refuses
        // with the field's own message instead of silently keeping the old value.
        .child(field(form, "minutes", "checkin.minutes", "number", |c| c.minutes.to_string(), |c, v| c.minutes = v.trim().parse().unwrap_or(0)))
        .child({
            let select = el("select")
                .class("mw-input mw-select")
                .children(FORMATS.iter().map(|f| {
                    let v = *f;
                    el("option")
                        .attr("value", v)
                        .prop_flag("selected", move || draft.with(|c| c.format == v))
                        .text(i18n.t(&format!("checkin.format.{v}")))
                        .into_view()
                }))
                .on(leptos::ev::change, move |ev| {
                    let v = event_target_value(&ev);
                    draft.update(|c| c.format = v);
                });
            kit::field(i18n, Field { inline: true, ..Field::new("mw-ci-format", Words::Key("checkin.format")) }, select)
        })
        .into_view()
}

/// CheckinNotes: what both people see: shared notes, wins, challenges, feedback.
pub fn checkin_notes(i18n: I18n, draft: RwSignal<CheckIn>, errors: RwSignal<Vec<FieldError>>) -> AnyView {
    let form = Form { i18n, draft, errors };
    el("fieldset")
        .class("mw-section mw-ci-shared")
        .child(el("legend").class("mw-section__title").text_dyn(i18n.tr("checkin.shared_legend")).into_view())
        .child(el("p").class("mw-hint").text_dyn(i18n.tr("checkin.shared_hint")).into_view())
        .child(field(form, "notes", "checkin.notes", "long", |c| c.notes.clone(), |c, v| c.notes = v))
        .child(field(form, "wins", "checkin.wins", "long", |c| c.wins.clone(), |c, v| c.wins = v))
        .child(field(form, "challenges", "checkin.challenges", "long", |c| c.challenges.clone(), |c, v| c.challenges = v))
        .child(field(form, "feedback", "checkin.feedback", "long", |c| c.feedback.clone(), |c, v| c.feedback = v))
        .into_view()
}

/// What every field of the check-in is bound to.
#[derive(Clone, Copy)]
struct Form {
    i18n: I18n,
    draft: RwSignal<CheckIn>,
    errors: RwSignal<Vec<FieldError>>,
}

/// One labelled control of the check-in, its errors tied to it: a textarea
/// (`kind` "long") or an input of that type.
fn field(
    Form { i18n, draft, errors }: Form,
    name: &'static str,
    label: &'static str,
    kind: &'static str,
    get: fn(&CheckIn) -> String,
    set: fn(&mut CheckIn, String),
) -> AnyView {
    let control = match kind {
        "long" => el("textarea").class("mw-input mw-textarea").attr("rows", "3"),
        "number" => el("input").attr("type", kind).class("mw-input mw-input--short"),
        _ => el("input").attr("type", kind).class("mw-input mw-input--date"),
    };
    let control = control.prop_text("value", move || draft.with(get)).on(leptos::ev::input, move |ev| {
        let v = event_target_value(&ev);
        draft.update(|c| set(c, v));
    });
    let f = Field { error: error_of(errors, name), inline: kind != "long", ..Field::new(format!("mw-ci-{name}"), Words::Key(label)) };
    kit::field(i18n, f, control)
}
