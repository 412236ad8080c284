//! The partner field of the start form: a search over the host's directory when it has one, a
//! plain name otherwise, and an email for a name typed by hand. Searches wait for a pause.

use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::person::Person;
use crate::domain::FieldError;
use crate::ui::dom::{dyn_view, el, empty, fragment, AnyView};
use crate::ui::env::Env;
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

/// PartnerField: the partner's name: a combobox over the host's directory
/// when it has one, a plain text field otherwise, and their email when they
/// were typed in by hand. Typing over a picked person un-picks them, so the
/// name shown is always the one that will be stored.
pub fn partner_field(
    env: &Env,
    name: RwSignal<String>,
    partner_id: RwSignal<Option<String>>,
    email: RwSignal<String>,
    error: Signal<Option<&'static str>>,
    email_error: Signal<Option<&'static str>>,
) -> AnyView {
    let i18n = env.i18n;
    let has_directory = env.host().is_some_and(|b| b.has_directory());
    let lookup = RwSignal::new(Lookup::Idle);
    let active = RwSignal::new(None::<usize>);
    let pending = StoredValue::new_local(None::<Timeout>);
    let query_seq = StoredValue::new(0u64);

    let search = {
        let env = env.clone();
        move |query: String| {
            let Some(bridge) = env.host() else { return };
            query_seq.update_value(|n| *n += 1);
            let mine = query_seq.get_value();
            if query.trim().chars().count() < 2 {
                pending.set_value(None);
                lookup.set(Lookup::Idle);
                return;
            }
            let timeout = Timeout::new(SEARCH_DELAY_MS, move || {
                spawn_local(async move {
                    let result = bridge.search(query.trim()).await;
                    if query_seq.try_get_value() != Some(mine) {
                        return;
                    }
                    active.try_set(None);
                    lookup.try_set(match result {
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
            pending.set_value(Some(timeout));
        }
    };
    let search = send_wrapper::SendWrapper::new(search);

    let pick = move |p: Person| {
        name.set(p.display_name.clone());
        email.set(p.email.clone().unwrap_or_default());
        partner_id.set(Some(p.id));
        lookup.set(Lookup::Idle);
        active.set(None);
    };
    let results = move || match lookup.get() {
        Lookup::Results(people) => people,
        _ => Vec::new(),
    };
    let expanded = move || matches!(lookup.get(), Lookup::Results(_));

    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let people = results();
        if people.is_empty() {
            return;
        }
        let n = people.len();
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % n)));
            }
            "ArrowUp" => {
                ev.prevent_default();
                active.update(|a| *a = Some(a.map_or(n - 1, |i| (i + n - 1) % n)));
            }
            "Enter" => {
                if let Some(p) = active.get().and_then(|i| people.get(i).cloned()) {
                    ev.prevent_default();
                    pick(p);
                }
            }
            "Escape" => {
                lookup.set(Lookup::Idle);
                active.set(None);
            }
            _ => {}
        }
    };
    let described_by = |base: &'static str, err: Signal<Option<&'static str>>, err_id: &'static str| {
        move || Some(if err.get().is_some() { format!("{base} {err_id}") } else { base.to_string() })
    };

    let mut input = el("input")
        .id("mw-partner")
        .class("mw-input")
        .attr("type", "text")
        .attr("autocomplete", "off")
        .attr_dyn("aria-invalid", move || Some(error.get().is_some().to_string()))
        .attr_dyn("aria-describedby", described_by("mw-partner-hint", error, "mw-partner-error"))
        .prop_text("value", move || name.get())
        .on(leptos::ev::input, move |ev| {
            let text = event_target_value(&ev);
            name.set(text.clone());
            partner_id.set(None);
            if has_directory {
                search(text);
            }
        })
        .on(leptos::ev::keydown, on_keydown)
        .on(leptos::ev::blur, move |_| {
            // Leave the list open long enough for a pointer pick to land.
            let close = Timeout::new(150, move || {
                lookup.try_set(Lookup::Idle);
            });
            pending.set_value(Some(close));
        });
    if has_directory {
        input = input
            .attr("role", "combobox")
            .attr("aria-autocomplete", "list")
            .attr("aria-controls", "mw-partner-options")
            .attr_dyn("aria-expanded", move || Some(expanded().to_string()))
            .attr_dyn("aria-activedescendant", move || active.get().map(|i| format!("mw-partner-option-{i}")));
    }

    let options = dyn_view(move || {
        if !expanded() {
            return empty();
        }
        el("ul")
            .id("mw-partner-options")
            .class("mw-options")
            .attr("role", "listbox")
            .attr("aria-labelledby", "mw-partner")
            .children(results().into_iter().enumerate().map(|(i, p)| {
                let chosen = p.clone();
                el("li")
                    .id(format!("mw-partner-option-{i}"))
                    .class_when("mw-option", "mw-option--active", move || active.get() == Some(i))
                    .attr("role", "option")
                    .attr_dyn("aria-selected", move || Some((active.get() == Some(i)).to_string()))
                    .on(leptos::ev::mousedown, move |ev| {
                        // Keep focus in the input; the press picks.
                        ev.prevent_default();
                        pick(chosen.clone());
                    })
                    .child(el("span").class("mw-option__name").text(p.display_name.clone()).into_view())
                    .text(" ")
                    .child(el("span").class("mw-option__email").text(p.email.clone().unwrap_or_default()).into_view())
                    .into_view()
            }))
            .into_view()
    });

    let name_field = el("div")
        .class_when("mw-field", "mw-field--invalid", move || error.get().is_some())
        .child(el("label").attr("for", "mw-partner").class("mw-label").text_dyn(i18n.tr("form.partner_label")).into_view())
        .child(el("p").id("mw-partner-hint").class("mw-hint").text_dyn(i18n.tr("form.partner_hint")).into_view())
        .child(el("div").class("mw-combobox").child(input.into_view()).child(options).into_view())
        .dyn_child(move || match lookup.get() {
            Lookup::NoMatch => el("p").class("mw-hint").attr("role", "status").text_dyn(i18n.tr("form.directory_no_match")).into_view(),
            Lookup::Unavailable => el("p").class("mw-hint").attr("role", "status").text_dyn(i18n.tr("form.directory_unavailable")).into_view(),
            _ => empty(),
        })
        .dyn_child(move || match partner_id.get() {
            Some(_) => el("p").class("mw-hint mw-picked").text(i18n.f("form.partner_picked", &[("name", &name.get())])).into_view(),
            None => empty(),
        })
        .dyn_child(move || match error.get() {
            Some(key) => el("p").id("mw-partner-error").class("mw-field-error").text(i18n.t(key)).into_view(),
            None => empty(),
        })
        .into_view();

    let email_field = dyn_view(move || {
        if partner_id.get().is_some() {
            return empty();
        }
        let input = el("input")
            .class("mw-input")
            .attr("type", "email")
            .attr("autocomplete", "off")
            .prop_text("value", move || email.get_untracked())
            .on(leptos::ev::input, move |ev| email.set(event_target_value(&ev)));
        let error = Signal::derive(move || email_error.get().map(|key| FieldError::new("partner_email", key)));
        let f =
            Field { hint: Some("form.partner_email_hint"), error, required: true, ..Field::new("mw-partner-email", Words::Key("form.partner_email_label")) };
        field(i18n, f, input)
    });

    fragment(vec![name_field, email_field])
}
