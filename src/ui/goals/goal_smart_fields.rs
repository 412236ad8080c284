//! The goal's own words in SMART terms: title, description, specific, measure, achievable,
//! relevant and the due date, each a kit field with its hint and its error. Every field reads
//! only its own part of the goal, so a keystroke updates one input and nothing else.

use leptos::prelude::*;

use crate::domain::goals::Goal;
use crate::domain::FieldError;
use crate::ui::dom::{el, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::field::{error_of, field, Field};
use crate::ui::kit::radio_group::Words;

/// One SMART field: its id (also the error's field name), label and hint
/// keys, whether it is a textarea, and how it reads and writes the goal.
type Spec = (&'static str, &'static str, Option<&'static str>, bool, fn(&Goal) -> String, fn(&mut Goal, String));

const FIELDS: [Spec; 7] = [
    ("title", "goal.field.title", None, false, |g| g.title.clone(), |g, v| g.title = v),
    ("description", "goal.field.description", Some("goal.hint.description"), true, |g| g.description.clone(), |g, v| g.description = v),
    ("specific", "goal.field.specific", Some("goal.hint.specific"), true, |g| g.specific.clone(), |g, v| g.specific = v),
    ("measure", "goal.field.measure", Some("goal.hint.measure"), false, |g| g.measure.clone(), |g, v| g.measure = v),
    ("achievable", "goal.field.achievable", Some("goal.hint.achievable"), false, |g| g.achievable.clone(), |g, v| g.achievable = v),
    ("relevant", "goal.field.relevant", Some("goal.hint.relevant"), false, |g| g.relevant.clone(), |g, v| g.relevant = v),
    ("due", "goal.field.due", Some("goal.hint.due"), false, |g| g.due.clone().unwrap_or_default(), |g, v| g.due = (!v.is_empty()).then_some(v)),
];

/// GoalSmartFields: see the module. `on_edit` runs after each keystroke
/// (the editor checks the goal's rules again once a save was refused).
pub fn goal_smart_fields(i18n: I18n, draft: RwSignal<Goal>, errors: RwSignal<Vec<FieldError>>, on_edit: Callback<()>) -> AnyView {
    el("div")
        .class("mw-goal-editor__form")
        .children(FIELDS.into_iter().map(|(id, label, hint, long, get, set)| {
            let control = if long {
                el("textarea").attr("rows", "2").class("mw-input mw-textarea")
            } else {
                el("input").attr("type", if id == "due" { "date" } else { "text" }).class("mw-input")
            };
            let control = control.prop_text("value", move || draft.with(get)).on(leptos::ev::input, move |ev| {
                let v = event_target_value(&ev);
                draft.update(|g| set(g, v));
                on_edit.run(());
            });
            let f = Field { hint, error: error_of(errors, id), required: id == "title", ..Field::new(format!("mw-goal-{id}"), Words::Key(label)) };
            field(i18n, f, control)
        }))
        .into_view()
}
