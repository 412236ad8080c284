//! A control's label, and a checkbox with its label, built one way. Where a form lays a row out
//! itself (an action item, an inline adder, the goal filters) the control is its own and the
//! label comes from here: `for` the control's id, in the person's language, in one of four looks.
//! Labelled controls that stand alone with a hint or an error use `kit::field` instead.

use leptos::prelude::*;

use crate::ui::dom::{el, fragment, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::radio_group::Words;

/// How a label shows.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// Above its control.
    Above,
    /// Beside its control, in a row.
    Beside,
    /// Read by assistive technology only: the row's heading says it on screen.
    Hidden,
    /// After a checkbox, in running text.
    Plain,
}

/// Label: the label of the control whose id is `for_id`.
pub fn label(i18n: I18n, for_id: impl Into<String>, words: Words, look: Look) -> AnyView {
    let class = match look {
        Look::Above => "mw-label",
        Look::Beside => "mw-label mw-label--inline",
        Look::Hidden => "mw-label mw-visually-hidden",
        Look::Plain => "",
    };
    let label = el("label").attr("for", for_id.into());
    let label = if class.is_empty() { label } else { label.class(class) };
    label.child(words.into_view(i18n)).into_view()
}

/// Checkbox: a checkbox with its label after it (`Look::Plain` in running
/// text, `Look::Beside` in a row). `checked` is read
/// reactively, so a tick the data refuses does not stay ticked on screen;
/// `on_change` gets the new state.
pub fn checkbox(
    i18n: I18n,
    (id, words, look): (String, Words, Look),
    checked: impl Fn() -> bool + Send + 'static,
    on_change: impl Fn(bool) + Send + 'static,
) -> AnyView {
    fragment(vec![
        el("input")
            .attr("type", "checkbox")
            .id(id.clone())
            .prop_flag("checked", checked)
            .on(leptos::ev::change, move |ev| on_change(event_target_checked(&ev)))
            .into_view(),
        label(i18n, id, words, look),
    ])
}
