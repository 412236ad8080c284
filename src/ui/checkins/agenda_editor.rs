//! The check-in's agenda: each item with where it came from (a carried action item, a goal due
//! soon, or who added it), and a field to add more.

use leptos::prelude::*;

use crate::domain::checkins::record::CheckIn;
use crate::domain::FieldError;
use crate::ui::checkins::book::Book;
use crate::ui::dom::{dyn_view, el, empty, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::button::button;
use crate::ui::kit::field_error::field_error;
use crate::ui::kit::label::{label, Look};
use crate::ui::kit::radio_group::Words;
use crate::ui::platform::fresh_id;

/// AgendaEditor: the agenda, each line saying where it came from (an open
/// action item carried forward, a goal due soon, or who added it), and a
/// field to add items, before the meeting or during it.
pub fn agenda_editor(i18n: I18n, draft: RwSignal<CheckIn>, book: &Book, errors: RwSignal<Vec<FieldError>>) -> AnyView {
    let new_item = RwSignal::new(String::new());
    let me = book.me.clone();
    let names: Vec<(String, String)> =
        [&book.rel.mentor, &book.rel.mentee].into_iter().filter_map(|p| p.id.clone().map(|id| (id, p.display_name.clone()))).collect();
    let add = move || {
        let text = new_item.get_untracked();
        let mut result = Ok(());
        draft.update(|c| result = c.add_agenda(&text, &me, fresh_id()));
        match result {
            Ok(()) => {
                new_item.set(String::new());
                errors.update(|e| e.retain(|x| x.field != "agenda"));
            }
            Err(e) => errors.update(|list| {
                list.retain(|x| x.field != "agenda");
                list.push(e);
            }),
        }
    };
    let add_on_enter = add.clone();
    // Only the agenda: typing in the notes does not rebuild the list.
    let agenda = Memo::new(move |_| draft.with(|c| c.agenda.clone()));
    let list = dyn_view(move || {
        let items = agenda.get();
        if items.is_empty() {
            return el("p").class("mw-empty").text_dyn(i18n.tr("checkin.agenda_empty")).into_view();
        }
        el("ol")
            .class("mw-agenda")
            .children(items.into_iter().map(|a| {
                let origin = match a.source.as_str() {
                    "carried" => i18n.t("checkin.agenda.carried"),
                    "goal" => i18n.t("checkin.agenda.goal"),
                    _ => {
                        let name = names.iter().find(|(id, _)| *id == a.by).map(|(_, n)| n.clone()).unwrap_or_default();
                        i18n.f("checkin.agenda.added", &[("name", &name)])
                    }
                };
                el("li")
                    .attr("data-source", a.source.clone())
                    .text(a.text.clone())
                    .child(el("span").class("mw-hint mw-agenda__origin").text(format!(" — {origin}")).into_view())
                    .into_view()
            }))
            .into_view()
    });
    el("fieldset")
        .class("mw-section mw-ci-agenda")
        .child(el("legend").class("mw-section__title").text_dyn(i18n.tr("checkin.agenda")).into_view())
        .child(list)
        .child(
            el("div")
                .class("mw-inline")
                .child(label(i18n, "mw-ci-agenda-new", Words::Key("checkin.agenda_new"), Look::Above))
                .child(
                    el("input")
                        .attr("type", "text")
                        .id("mw-ci-agenda-new")
                        .class("mw-input")
                        .attr("aria-describedby", "mw-ci-agenda-error")
                        .prop_text("value", move || new_item.get())
                        .on(leptos::ev::input, move |ev| new_item.set(event_target_value(&ev)))
                        .on(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
                            if ev.key() == "Enter" {
                                ev.prevent_default();
                                add_on_enter();
                            }
                        })
                        .into_view(),
                )
                .child(button().class("mw-button mw-button--small").on(leptos::ev::click, move |_| add()).text_dyn(i18n.tr("checkin.agenda_add")).into_view())
                .into_view(),
        )
        .child(field_error(i18n, errors, "agenda", "mw-ci-agenda-error".into()))
        .child(empty())
        .into_view()
}
