use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::person::Person;
use crate::ui::env::use_env;

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

/// The partner's name: a combobox over the host's directory when it has
/// one, a plain text field otherwise. Typing over a picked person un-picks
/// them, so the name shown is always the one that will be stored.
#[component]
pub fn PartnerField(
    name: RwSignal<String>,
    partner_id: RwSignal<Option<String>>,
    email: RwSignal<String>,
    /// The message key of this field's error, if any.
    error: Signal<Option<&'static str>>,
    email_error: Signal<Option<&'static str>>,
) -> impl IntoView {
    let env = use_env();
    let i18n = env.i18n;
    let has_directory = env.host().is_some_and(|b| b.has_directory());
    let lookup = RwSignal::new(Lookup::Idle);
    let active = RwSignal::new(None::<usize>);
    let pending = StoredValue::new_local(None::<Timeout>);
    let query_seq = StoredValue::new(0u64);

    let search = move |query: String| {
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
    };

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

    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        let people = results();
        if people.is_empty() {
            return;
        }
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                active.update(|a| *a = Some(a.map_or(0, |i| (i + 1) % people.len())));
            }
            "ArrowUp" => {
                ev.prevent_default();
                active.update(|a| *a = Some(a.map_or(people.len() - 1, |i| (i + people.len() - 1) % people.len())));
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

    let described_by = move || {
        let mut ids = String::from("mw-partner-hint");
        if error.get().is_some() {
            ids.push_str(" mw-partner-error");
        }
        ids
    };
    let email_described_by = move || {
        let mut ids = String::from("mw-partner-email-hint");
        if email_error.get().is_some() {
            ids.push_str(" mw-partner-email-error");
        }
        ids
    };

    view! {
        <div class="mw-field" class:mw-field--invalid=move || error.get().is_some()>
            <label for="mw-partner" class="mw-label">{i18n.tr("form.partner_label")}</label>
            <p id="mw-partner-hint" class="mw-hint">{i18n.tr("form.partner_hint")}</p>
            <div class="mw-combobox">
                <input
                    id="mw-partner"
                    class="mw-input"
                    type="text"
                    autocomplete="off"
                    role=has_directory.then_some("combobox")
                    aria-autocomplete=has_directory.then_some("list")
                    aria-controls=has_directory.then_some("mw-partner-options")
                    aria-expanded=move || has_directory.then(|| expanded().to_string())
                    aria-activedescendant=move || active.get().map(|i| format!("mw-partner-option-{i}"))
                    aria-invalid=move || error.get().is_some().to_string()
                    aria-describedby=described_by
                    prop:value=move || name.get()
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        name.set(text.clone());
                        partner_id.set(None);
                        if has_directory {
                            search(text);
                        }
                    }
                    on:keydown=on_keydown
                    on:blur=move |_| {
                        // Leave the list open long enough for a pointer pick to land.
                        let close = Timeout::new(150, move || { lookup.try_set(Lookup::Idle); });
                        pending.set_value(Some(close));
                    }
                />
                <Show when=expanded>
                    <ul id="mw-partner-options" class="mw-options" role="listbox" aria-labelledby="mw-partner">
                        {move || results().into_iter().enumerate().map(|(i, p)| {
                            let chosen = p.clone();
                            let email = p.email.clone().unwrap_or_default();
                            view! {
                                <li
                                    id=format!("mw-partner-option-{i}")
                                    class="mw-option"
                                    class:mw-option--active=move || active.get() == Some(i)
                                    role="option"
                                    aria-selected=move || (active.get() == Some(i)).to_string()
                                    on:mousedown=move |ev| {
                                        // Keep focus in the input; the click picks.
                                        ev.prevent_default();
                                        pick(chosen.clone());
                                    }
                                >
                                    <span class="mw-option__name">{p.display_name.clone()}</span>
                                    " "
                                    <span class="mw-option__email">{email}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </Show>
            </div>
            {move || match lookup.get() {
                Lookup::NoMatch => Some(view! { <p class="mw-hint" role="status">{i18n.t("form.directory_no_match")}</p> }.into_any()),
                Lookup::Unavailable => Some(view! { <p class="mw-hint" role="status">{i18n.t("form.directory_unavailable")}</p> }.into_any()),
                _ => None,
            }}
            {move || partner_id.get().map(|_| view! {
                <p class="mw-hint mw-picked">{i18n.f("form.partner_picked", &[("name", &name.get())])}</p>
            })}
            {move || error.get().map(|key| view! {
                <p id="mw-partner-error" class="mw-field-error">{i18n.t(key)}</p>
            })}
        </div>
        <Show when=move || partner_id.get().is_none()>
            <div class="mw-field" class:mw-field--invalid=move || email_error.get().is_some()>
                <label for="mw-partner-email" class="mw-label">{i18n.tr("form.partner_email_label")}</label>
                <p id="mw-partner-email-hint" class="mw-hint">{i18n.tr("form.partner_email_hint")}</p>
                <input
                    id="mw-partner-email"
                    class="mw-input"
                    type="email"
                    autocomplete="off"
                    aria-invalid=move || email_error.get().is_some().to_string()
                    aria-describedby=email_described_by
                    prop:value=move || email.get()
                    on:input=move |ev| email.set(event_target_value(&ev))
                />
                {move || email_error.get().map(|key| view! {
                    <p id="mw-partner-email-error" class="mw-field-error">{i18n.t(key)}</p>
                })}
            </div>
        </Show>
    }
}
