//! The first step of an agreement: a built-in or vendor template, the one for this kind of
//! mentoring first. Vendor templates are checked here; any that fail are reported and left out.

use leptos::prelude::*;

use crate::domain::agreement::template::{builtin, instantiate, ordered_for, parse_vendor};
use crate::domain::agreement::Content;
use crate::domain::relationship::Kind;
use crate::ui::dom::{dyn_view, el, AnyView};
use crate::ui::env::Env;
use crate::ui::kit::button::button;
use crate::ui::kit::radio_group::{radio_group, Choice, RadioGroup, Words};
use crate::ui::platform::today_in;

/// TemplatePicker: how to start the agreement: a built-in or vendor
/// template, the one for this kind of mentoring first.
pub fn template_picker(env: &Env, kind: Kind, on_pick: Callback<Content>) -> AnyView {
    let i18n = env.i18n;
    let zone = env.time_zone;
    // The vendor's templates are checked here, where they are offered: each
    // one refused is reported once to the console and the host, the others offered.
    let json = env.templates;
    let refused = json.with_untracked(|j| if j.is_empty() { Vec::new() } else { parse_vendor(j).1 });
    for e in refused {
        crate::bridge::host::console_error(&e.to_string());
        env.emit(crate::ui::env::HostEvent::Error { code: "template_invalid", message: e.to_string() });
    }
    let vendor = Memo::new(move |_| json.with(|j| if j.is_empty() { Vec::new() } else { parse_vendor(j).0 }));
    let templates = Memo::new(move |_| {
        let mut all = i18n.0.with(builtin);
        all.extend(vendor.get());
        ordered_for(kind, all)
    });
    let chosen = RwSignal::new(None::<String>);
    let start = move |_| {
        // The chosen template, or the first (this kind's own) when none was
        // chosen or the chosen one is gone (the host replaced its templates),
        // as the list then shows.
        let picked = templates.with_untracked(|all| {
            let chosen = chosen.get_untracked();
            all.iter().find(|t| chosen.as_ref() == Some(&t.id)).or_else(|| all.first()).cloned()
        });
        if let Some(t) = picked {
            on_pick.run(instantiate(&t, today_in(zone.get_untracked().as_deref())));
        }
    };
    // Values are places in the list, not template ids: a vendor's id may
    // hold characters an element id cannot.
    let choices = dyn_view(move || {
        let all = templates.get();
        let ids: Vec<String> = all.iter().map(|t| t.id.clone()).collect();
        let chosen_ids = ids.clone();
        radio_group(
            i18n,
            RadioGroup {
                name: "mw-template".into(),
                legend: Words::Key("agr.pick_template"),
                legend_hidden: false,
                row: false,
                choices: all.into_iter().enumerate().map(|(i, t)| Choice::new(i.to_string(), Words::Text(t.name))).collect(),
                // None chosen yet: the first, this kind's own.
                selected: Signal::derive(move || Some(chosen.get().and_then(|c| ids.iter().position(|id| *id == c)).unwrap_or(0).to_string())),
                choose: Callback::new(move |v: String| {
                    if let Some(id) = v.parse::<usize>().ok().and_then(|i| chosen_ids.get(i)) {
                        chosen.set(Some(id.clone()));
                    }
                }),
                error: None,
            },
        )
    });
    el("div")
        .class("mw-templates")
        .child(choices)
        .child(button().class("mw-button mw-button--primary").on(leptos::ev::click, start).text_dyn(i18n.tr("agr.start_drafting")).into_view())
        .into_view()
}
