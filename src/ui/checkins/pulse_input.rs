//! The check-in's pulse: my 1-5 ratings of the meeting as radio buttons, and the partner's as
//! given. A rating is stored only once both questions are answered.

use leptos::prelude::*;

use crate::domain::checkins::record::CheckIn;
use crate::ui::checkins::book::Book;
use crate::ui::dom::{dyn_view, el, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::radio_group::{numbers, radio_group, RadioGroup, Words};

/// PulseInput: my rating of the meeting (how useful, how is progress, 1-5
/// each, as radio buttons so the keyboard works) and the partner's rating
/// as they gave it.
pub fn pulse_input(i18n: I18n, draft: RwSignal<CheckIn>, book: &Book) -> AnyView {
    let me = book.me.clone();
    let partner = book.partner_name();
    let partner_id = book.partner_id();
    // A rating is stored once both questions are answered: half a pulse
    // would have to invent the other half.
    let mine = draft.with_untracked(|c| c.pulse_of(&me.id).map(|p| (p.useful, p.progress)));
    let useful = RwSignal::new(mine.map(|m| m.0));
    let progress = RwSignal::new(mine.map(|m| m.1));
    let scale = move |which: &'static str, legend: &'static str| {
        let me = me.clone();
        let chosen = if which == "useful" { useful } else { progress };
        radio_group(
            i18n,
            RadioGroup {
                name: format!("mw-pulse-{which}"),
                legend: Words::Key(legend),
                legend_hidden: false,
                row: true,
                choices: numbers(1, 5),
                selected: Signal::derive(move || chosen.get().map(|n| n.to_string())),
                choose: Callback::new(move |v: String| {
                    let Ok(n) = v.parse::<u8>() else { return };
                    chosen.set(Some(n));
                    if let (Some(u), Some(p)) = (useful.get_untracked(), progress.get_untracked()) {
                        draft.update(|c| {
                            let _ = c.rate(&me, u, p);
                        });
                    }
                }),
                error: None,
            },
        )
    };
    // The partner's rating only, not the whole check-in.
    let rating = Memo::new(move |_| partner_id.as_deref().and_then(|id| draft.with(|c| c.pulse_of(id).map(|p| (p.useful, p.progress)))));
    let theirs = dyn_view(move || {
        let rating = rating.get();
        let line = match rating {
            Some((u, p)) => i18n.f("pulse.partner", &[("name", &partner), ("useful", &u.to_string()), ("progress", &p.to_string())]),
            None => i18n.f("pulse.partner_none", &[("name", &partner)]),
        };
        el("p").class("mw-pulse__partner").text(line).into_view()
    });
    el("fieldset")
        .class("mw-section mw-pulse")
        .child(el("legend").class("mw-section__title").text_dyn(i18n.tr("pulse.title")).into_view())
        .child(el("p").class("mw-hint").text_dyn(i18n.tr("pulse.scale")).into_view())
        .child(scale("useful", "pulse.useful"))
        .child(scale("progress", "pulse.progress"))
        .child(theirs)
        .into_view()
}
