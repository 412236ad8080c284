//! A small builder for the widget's DOM, on top of Leptos' renderer.
//!
//! Why not the `view!` macro: every `view!` tree is its own nested Rust type,
//! and the renderer's generic code is compiled again for each one. Measured
//! on this widget, that made the agreement screens alone cost ~130 KiB of
//! gzipped wasm and pushed the first load over its budget. Here every element
//! has one and the same type (`<tag>` with a list of erased attributes and a
//! list of erased children), every reactive text or child is one boxed
//! closure type, and every event handler of a kind is one boxed type, so the
//! renderer is compiled a handful of times in all. Reactivity is unchanged:
//! signals read inside the closures are tracked as usual.

use leptos::prelude::*;
use leptos::tachys::html::attribute::any_attribute::{AnyAttribute, IntoAnyAttribute};
use leptos::tachys::html::attribute::custom::custom_attribute;
use leptos::tachys::html::element::{custom, ElementChild};
use leptos::tachys::html::event::{on, EventDescriptor};
use leptos::tachys::html::property::prop;
use leptos::tachys::view::add_attr::AddAnyAttr;

pub use leptos::prelude::AnyView;

/// A reactive value: re-run when the signals it reads change.
pub type Dyn<T> = Box<dyn FnMut() -> T + Send>;

/// An element being built. Boxed: every builder call passes the element by
/// value, and a pointer moves in one word where the three fields took
/// eight. Over the widget's thousands of calls that was 19 KiB of gzip
/// across the views (measured with `cargo xtask dist`).
pub struct El(Box<Parts>);

struct Parts {
    tag: &'static str,
    attrs: Vec<AnyAttribute>,
    kids: Vec<AnyView>,
}

pub fn el(tag: &'static str) -> El {
    El(Box::new(Parts { tag, attrs: Vec::new(), kids: Vec::new() }))
}

/// A text node.
pub fn text(s: impl Into<String>) -> AnyView {
    s.into().into_any()
}

/// A text node that follows the signals `f` reads.
pub fn text_dyn(f: impl FnMut() -> String + Send + 'static) -> AnyView {
    let f: Dyn<String> = Box::new(f);
    f.into_any()
}

/// A part of the page that is rebuilt when the signals `f` reads change.
pub fn dyn_view(f: impl FnMut() -> AnyView + Send + 'static) -> AnyView {
    let f: Dyn<AnyView> = Box::new(f);
    f.into_any()
}

/// One item of a [`keyed_list`]: its key, and how to draw it when that key
/// is new to the list.
pub type Keyed = (String, Box<dyn FnOnce() -> AnyView + Send>);

/// A list drawn item by item: when the signals `items` reads change, an item
/// whose key was already shown keeps its nodes (and keyboard focus inside
/// it), a new key is drawn, a key gone is removed and the rest are moved
/// into order. So one goal of a thousand changed by a partner redraws one
/// card, not the thousand (`cargo xtask bench`, "one updated by the host").
///
/// A key must name everything its drawing shows (a goal's id and revision):
/// an item is drawn once per key. Drawing is untracked, so only `items`
/// decides when the list changes; each item gets a reactive owner of its
/// own, a child of the list's, so its inner signals live while it is shown
/// and no longer (Leptos' `For` does the same). Not generic: one compiled
/// copy of the keyed renderer serves every list.
pub fn keyed_list(items: impl FnMut() -> Vec<Keyed> + Send + 'static) -> AnyView {
    keyed_boxed(Box::new(items))
}

// Not generic (the closures of a generic function would be compiled again
// for each caller, with the keyed renderer they reach).
fn keyed_boxed(mut items: Dyn<Vec<Keyed>>) -> AnyView {
    use leptos::tachys::reactive_graph::OwnedView;
    use leptos::tachys::view::keyed::keyed;
    let parent = Owner::current().expect("keyed_list is built inside the widget's reactive owner");
    dyn_view(move || {
        let parent = parent.clone();
        let draw = move |_: usize, (_, draw): Keyed| {
            let owner = parent.with(Owner::new);
            let view = owner.with(|| untrack(draw));
            (drop as fn(usize), OwnedView::new_with_owner(view, owner))
        };
        keyed(items(), |(key, _): &Keyed| key.clone(), draw).into_any()
    })
}

/// Nothing.
pub fn empty() -> AnyView {
    ().into_any()
}

/// Several views side by side, without a wrapper element.
pub fn fragment(views: Vec<AnyView>) -> AnyView {
    views.into_any()
}

impl El {
    pub fn attr(mut self, name: &'static str, value: impl Into<String>) -> El {
        self.0.attrs.push(custom_attribute(name, value.into()).into_any_attr());
        self
    }

    pub fn attr_opt(self, name: &'static str, value: Option<impl Into<String>>) -> El {
        match value {
            Some(v) => self.attr(name, v),
            None => self,
        }
    }

    /// An attribute that follows signals; `None` removes it.
    pub fn attr_dyn(mut self, name: &'static str, f: impl FnMut() -> Option<String> + Send + 'static) -> El {
        let f: Dyn<Option<String>> = Box::new(f);
        self.0.attrs.push(custom_attribute(name, f).into_any_attr());
        self
    }

    pub fn class(self, class: &'static str) -> El {
        self.attr("class", class)
    }

    pub fn id(self, id: impl Into<String>) -> El {
        self.attr("id", id)
    }

    /// `class` plus `extra` whenever `when` holds.
    pub fn class_when(self, class: &'static str, extra: &'static str, mut when: impl FnMut() -> bool + Send + 'static) -> El {
        self.attr_dyn("class", move || Some(if when() { format!("{class} {extra}") } else { class.to_string() }))
    }

    /// A DOM property (`value`) that follows signals.
    pub fn prop_text(mut self, name: &'static str, f: impl FnMut() -> String + Send + 'static) -> El {
        let f: Dyn<String> = Box::new(f);
        self.0.attrs.push(prop(name, f).into_any_attr());
        self
    }

    /// A boolean DOM property (`checked`, `hidden`) that follows signals.
    pub fn prop_flag(mut self, name: &'static str, f: impl FnMut() -> bool + Send + 'static) -> El {
        let f: Dyn<bool> = Box::new(f);
        self.0.attrs.push(prop(name, f).into_any_attr());
        self
    }

    pub fn on<E>(mut self, event: E, f: impl FnMut(E::EventType) + Send + 'static) -> El
    where
        E: EventDescriptor + Send + 'static,
        E::EventType: 'static + From<wasm_bindgen::JsValue> + wasm_bindgen::JsCast,
    {
        let f: Box<dyn FnMut(E::EventType) + Send> = Box::new(f);
        self.0.attrs.push(on(event, f).into_any_attr());
        self
    }

    pub fn child(mut self, child: AnyView) -> El {
        self.0.kids.push(child);
        self
    }

    pub fn text(self, s: impl Into<String>) -> El {
        self.child(text(s))
    }

    pub fn text_dyn(self, f: impl FnMut() -> String + Send + 'static) -> El {
        self.child(text_dyn(f))
    }

    pub fn dyn_child(self, f: impl FnMut() -> AnyView + Send + 'static) -> El {
        self.child(dyn_view(f))
    }

    pub fn children(mut self, kids: impl IntoIterator<Item = AnyView>) -> El {
        self.0.kids.extend(kids);
        self
    }

    pub fn into_view(self) -> AnyView {
        let Parts { tag, attrs, kids } = *self.0;
        custom(tag).add_any_attr(attrs).child(kids).into_any()
    }
}

/// Moves keyboard focus to the element with `id` in this widget's shadow
/// root once it has rendered (focus cannot land on a node not yet shown).
/// A screen whose code or texts are still on their way appears some frames
/// later: it is looked for on each frame for about a second, and given up
/// if the person has meanwhile put focus somewhere else in the widget.
///
/// The newest request wins: one made while an earlier one is still looking
/// (the form that just opened has not yet drawn its heading, and a refused
/// save asks for its error summary) ends the earlier one, which would
/// otherwise take the focus first and make the newer one give up.
pub fn focus_later(host: &web_sys::HtmlElement, id: String) {
    let before = host.shadow_root().and_then(|r| r.active_element());
    let request = FOCUS_REQUEST.with(|n| {
        n.set(n.get().wrapping_add(1));
        n.get()
    });
    focus_attempt(host.clone(), id, before, 60, request);
}

thread_local! {
    /// The newest `focus_later` request, page-wide (one person, one focus).
    static FOCUS_REQUEST: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

fn focus_attempt(host: web_sys::HtmlElement, id: String, before: Option<web_sys::Element>, frames_left: u32, request: u64) {
    use wasm_bindgen::JsCast;
    request_animation_frame(move || {
        if FOCUS_REQUEST.with(|n| n.get()) != request {
            return;
        }
        let Some(root) = host.shadow_root() else { return };
        // Focus that left a node now hidden is nowhere, and still ours to
        // place; focus the person put on another element is theirs.
        let now = root.active_element();
        if now.is_some() && now != before {
            return;
        }
        // An element already in the page may not take focus yet (still
        // hidden until its own update shows it, as an error summary is):
        // focus counts only once the root says it landed.
        let landed = match root.get_element_by_id(&id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            Some(el) => {
                let _ = el.focus();
                root.active_element().is_some_and(|a| a.is_same_node(Some(&el)))
            }
            None => false,
        };
        if !landed && frames_left > 0 {
            focus_attempt(host, id, before, frames_left - 1, request);
        }
    });
}

/// Moves focus at once to an element that is already on screen (a tab of the
/// tab list): the next key press must act on it, so waiting a frame would let
/// a fast typist's keys land on the old element.
pub fn focus_now(host: &web_sys::HtmlElement, id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = host.shadow_root().and_then(|r| r.get_element_by_id(id)).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// An SVG element (the chart): the few SVG tags the widget draws, with the
/// same erased attributes and children as `el`.
pub fn svg_el(tag: &'static str, attrs: Vec<(&'static str, String)>, kids: Vec<AnyView>) -> AnyView {
    use leptos::tachys::svg;
    let attrs: Vec<AnyAttribute> = attrs.into_iter().map(|(k, v)| custom_attribute(k, v).into_any_attr()).collect();
    match tag {
        "svg" => svg::svg().add_any_attr(attrs).child(kids).into_any(),
        "polyline" => svg::polyline().add_any_attr(attrs).child(kids).into_any(),
        "line" => svg::line().add_any_attr(attrs).child(kids).into_any(),
        "circle" => svg::circle().add_any_attr(attrs).child(kids).into_any(),
        _ => svg::title().add_any_attr(attrs).child(kids).into_any(),
    }
}
