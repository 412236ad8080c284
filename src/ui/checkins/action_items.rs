//! The check-in's action items: who does what by when, optionally linked to a goal. Open items
//! carry into the next check-in's agenda until ticked off.

use leptos::prelude::*;

use crate::domain::checkins::actions::ActionItem;
use crate::domain::checkins::record::CheckIn;
use crate::domain::FieldError;
use crate::ui::checkins::action_row::action_row;
use crate::ui::checkins::book::Book;
use crate::ui::dom::{dyn_view, el, AnyView};
use crate::ui::env::Env;
use crate::ui::kit::button::button;
use crate::ui::kit::field_error::field_error;
use crate::ui::platform::fresh_id;

/// ActionItems: what each person will do before the next meeting: text,
/// owner, due date, linked goal, done. Open items carry into the next
/// check-in's agenda; ticking one off there stops it carrying.
pub fn action_items(env: &Env, draft: RwSignal<CheckIn>, book: &Book, errors: RwSignal<Vec<FieldError>>) -> AnyView {
    let i18n = env.i18n;
    let host = env.host.clone();
    let people: Vec<(String, String)> =
        [&book.rel.mentor, &book.rel.mentee].into_iter().filter_map(|p| p.id.clone().map(|id| (id, p.display_name.clone()))).collect();
    let goals: Vec<(String, String)> = book.goals.iter().map(|g| (g.id.clone(), g.title.clone())).collect();
    let me = book.me.id.clone();

    // Rebuilt when items are added or removed, not on every keystroke: the
    // list reads only the items' ids (each field follows its own value).
    let ids = Memo::new(move |_| draft.with(|c| c.actions.iter().map(|a| a.id.clone()).collect::<Vec<String>>()));
    let list = dyn_view(move || {
        let ids = ids.get();
        let rows = ids.into_iter().enumerate().map(|(n, id)| action_row(i18n, draft, (n, id), &people, &goals));
        el("ol").class("mw-actions-list").children(rows).into_view()
    });

    el("fieldset")
        .class("mw-section mw-ci-actions")
        .child(el("legend").class("mw-section__title").text_dyn(i18n.tr("checkin.actions")).into_view())
        .child(list)
        .child(field_error(i18n, errors, "actions", "mw-ci-actions-error".into()))
        .child(
            button()
                .class("mw-button mw-button--small")
                .on(leptos::ev::click, move |_| {
                    let owner = me.clone();
                    draft.update(|c| c.actions.push(ActionItem { id: fresh_id(), text: String::new(), owner, due: None, goal_id: None, done: false }));
                    // The new row's text field takes the focus, so typing goes on at once.
                    let n = draft.with_untracked(|c| c.actions.len()) - 1;
                    crate::ui::dom::focus_later(&host, format!("mw-ci-action-{n}-text"));
                })
                .text_dyn(i18n.tr("checkin.action_add"))
                .into_view(),
        )
        .into_view()
}
