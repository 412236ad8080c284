//! The partner field of the start form: a search over the host's directory when it has one, a
//! plain name otherwise, and an email for a name typed by hand. Searches wait for a pause. Both
//! are kit fields: the name's control is a combobox with its list beside it.

use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::person::Person;
use crate::domain::FieldError;
use crate::ui::dom::{dyn_view, el, empty, fragment, AnyView, El};
use crate::ui::env::{Env, I18n};
use crate::ui::kit::field::{field, Field};
use crate::ui::kit::radio_group::Words;

/// Waiting this long after the last keystroke before asking the host's
/// directory keeps a fast typist from sending a request per letter.
const SEARCH_DELAY_MS: u32 = 250;

#[derive(Clone, Debug, PartialEq)]
enum Lookup {
    Idle,
    Results(Vec<Person>),
    NoMatch,
    Unavailable,
}

/// The combobox's state: what the directory answered, the option the
/// arrow keys are on, and the timer of the search (or of closing the list).
#[derive(Clone, Copy)]
struct Combo {
    lookup: RwSignal<Lookup>,
    active: RwSignal<Option<usize>>,
    pending: StoredValue<Option<Timeout>, LocalStorage>,
}

impl Combo {
    fn results(&self) -> Vec<Person> {
        match self.lookup.get() {
            Lookup::Results(people) => people,
            _ => Vec::new(),
        }
    }

    fn expanded(&self) -> bool {
        self.lookup.with(|l| matches!(l, Lookup::Results(_)))
    }

    fn close(&self) {
        self.lookup.set(Lookup::Idle);
        self.active.set(None);
    }
}

/// The partner's name, email and directory id, as the start form holds them.
#[derive(Clone, Copy)]
pub struct Partner {
    pub name: RwSignal<String>,
    pub id: RwSignal<Option<String>>,
    pub email: RwSignal<String>,
}

impl Partner {
    fn pick(&self, p: Person) {
        self.name.set(p.display_name.clone());
        self.email.set(p.email.clone().unwrap_or_default());
        self.id.set(Some(p.id));
    }
}

/// PartnerField: the partner's name: a combobox over the host's directory
/// when it has one, a plain text field otherwise, and their email when they
/// were typed in by hand. Typing over a picked person un-picks them, so the
/// name shown is always the one that will be stored. The errors are
/// message keys.
pub fn partner_field(env: &Env, partner: Partner, error: Signal<Option<&'static str>>, email_error: Signal<Option<&'static str>>) -> AnyView {
    let i18n = env.i18n;
    let has_directory = env.host().is_some_and(|b| b.has_directory());
    let combo = Combo { lookup: RwSignal::new(Lookup::Idle), active: RwSignal::new(None), pending: StoredValue::new_local(None) };
    let search = send_wrapper::SendWrapper::new(directory_search(env, combo));

    let mut input = el("input")
        .class("mw-input")
        .attr("type", "text")
        .attr("autocomplete", "off")
        .prop_text("value", move || partner.name.get())
        .on(leptos::ev::input, move |ev| {
            let text = event_target_value(&ev);
            partner.name.set(text.clone());
            partner.id.set(None);
            if has_directory {
                search(text);
            }
        })
        .on(leptos::ev::keydown, move |ev| on_keydown(&ev, combo, partner))
        .on(leptos::ev::blur, move |_| {
            // Leave the list open long enough for a pointer pick to land.
            let close = Timeout::new(150, move || {
                combo.lookup.try_set(Lookup::Idle);
            });
            combo.pending.set_value(Some(close));
        });
    if has_directory {
        input = input
            .attr("role", "combobox")
            .attr("aria-autocomplete", "list")
            .attr("aria-controls", "mw-partner-options")
            .attr_dyn("aria-expanded", move || Some(combo.expanded().to_string()))
            .attr_dyn("aria-activedescendant", move || combo.active.get().map(|i| format!("mw-partner-option-{i}")));
    }
    let notes = fragment(vec![
        options(combo, partner),
        dyn_view(move || match combo.lookup.get() {
            Lookup::NoMatch => el("p").class("mw-hint").attr("role", "status").text_dyn(i18n.tr("form.directory_no_match")).into_view(),
            Lookup::Unavailable => el("p").class("mw-hint").attr("role", "status").text_dyn(i18n.tr("form.directory_unavailable")).into_view(),
            _ => empty(),
        }),
        dyn_view(move || match partner.id.get() {
            Some(_) => el("p").class("mw-hint mw-picked").text(i18n.f("form.partner_picked", &[("name", &partner.name.get())])).into_view(),
            None => empty(),
        }),
    ]);
    let name = Field {
        hint: Some("form.partner_hint"),
        error: Signal::derive(move || error.get().map(|key| FieldError::new("partner", key))),
        required: true,
        beside: Some(("mw-combobox", notes)),
        ..Field::new("mw-partner", Words::Key("form.partner_label"))
    };
    fragment(vec![field(i18n, name, input), email_field(i18n, partner, email_error)])
}

/// Asks the host's directory for people matching what was typed, a moment
/// after typing stops; an answer to an older query is dropped.
fn directory_search(env: &Env, combo: Combo) -> impl Fn(String) + 'static {
    let env = env.clone();
    let query_seq = StoredValue::new(0u64);
    move |query: String| {
        let Some(bridge) = env.host() else { return };
        query_seq.update_value(|n| *n += 1);
        let mine = query_seq.get_value();
        if query.trim().chars().count() < 2 {
            combo.pending.set_value(None);
            combo.lookup.set(Lookup::Idle);
            return;
        }
        let timeout = Timeout::new(SEARCH_DELAY_MS, move || {
            spawn_local(async move {
                let result = bridge.search(query.trim()).await;
                if query_seq.try_get_value() != Some(mine) {
                    return;
                }
                combo.active.try_set(None);
                combo.lookup.try_set(match result {
                    Ok(people) if people.is_empty() => Lookup::NoMatch,
                    Ok(people) => Lookup::Results(people.into_iter().take(8).collect()),
                    Err(e) => {
                        crate::bridge::host::console_warn(&format!("directory search failed: {}", e.detail()));
                        Lookup::Unavailable
                    }
                });
            });
        });
        // Replacing the stored timeout drops, and so cancels, the previous one.
        combo.pending.set_value(Some(timeout));
    }
}

/// The combobox's keys: arrows move through the options, Enter picks,
/// Escape closes the list.
fn on_keydown(ev: &web_sys::KeyboardEvent, combo: Combo, partner: Partner) {
    let people = combo.results();
    if people.is_empty() {
        return;
    }
    let n = people.len();
    match ev.key().as_str() {
        "ArrowDown" => {
            ev.prevent_default();
            combo.active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % n)));
        }
        "ArrowUp" => {
            ev.prevent_default();
            combo.active.update(|a| *a = Some(a.map_or(n - 1, |i| (i + n - 1) % n)));
        }
        "Enter" => {
            if let Some(p) = combo.active.get().and_then(|i| people.get(i).cloned()) {
                ev.prevent_default();
                partner.pick(p);
                combo.close();
            }
        }
        "Escape" => combo.close(),
        _ => {}
    }
}

/// The list of people the directory found, while it is open.
fn options(combo: Combo, partner: Partner) -> AnyView {
    dyn_view(move || {
        if !combo.expanded() {
            return empty();
        }
        el("ul")
            .id("mw-partner-options")
            .class("mw-options")
            .attr("role", "listbox")
            .attr("aria-labelledby", "mw-partner")
            .children(combo.results().into_iter().enumerate().map(|(i, p)| {
                let chosen = p.clone();
                el("li")
                    .id(format!("mw-partner-option-{i}"))
                    .class_when("mw-option", "mw-option--active", move || combo.active.get() == Some(i))
                    .attr("role", "option")
                    .attr_dyn("aria-selected", move || Some((combo.active.get() == Some(i)).to_string()))
                    .on(leptos::ev::mousedown, move |ev| {
                        // Keep focus in the input; the press picks.
                        ev.prevent_default();
                        partner.pick(chosen.clone());
                        combo.close();
                    })
                    .child(el("span").class("mw-option__name").text(p.display_name.clone()).into_view())
                    .text(" ")
                    .child(el("span").class("mw-option__email").text(p.email.clone().unwrap_or_default()).into_view())
                    .into_view()
            }))
            .into_view()
    })
}

/// The email of a partner typed in by hand (a picked person has one).
fn email_field(i18n: I18n, partner: Partner, email_error: Signal<Option<&'static str>>) -> AnyView {
    dyn_view(move || {
        if partner.id.get().is_some() {
            return empty();
        }
        let input: El = el("input")
            .class("mw-input")
            .attr("type", "email")
            .attr("autocomplete", "off")
            .prop_text("value", move || partner.email.get_untracked())
            .on(leptos::ev::input, move |ev| partner.email.set(event_target_value(&ev)));
        let error = Signal::derive(move || email_error.get().map(|key| FieldError::new("partner_email", key)));
        let f =
            Field { hint: Some("form.partner_email_hint"), error, required: true, ..Field::new("mw-partner-email", Words::Key("form.partner_email_label")) };
        field(i18n, f, input)
    })
}
