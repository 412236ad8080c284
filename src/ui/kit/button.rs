//! Buttons, made one way. A `<button>` inside a form submits it unless told
//! otherwise, and the widget's forms save through their own handlers, so
//! every button is `type="button"`; the one exception, a form's Enter-to-send
//! button, says so by its name.

use crate::ui::dom::{el, El};

/// A button that only runs its own click handler.
pub fn button() -> El {
    el("button").attr("type", "button")
}

/// The button that sends its form, on click and on Enter in a field.
pub fn submit_button() -> El {
    el("button").attr("type", "submit")
}
