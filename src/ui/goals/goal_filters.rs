//! The goal board's toolbar: whose goals and which status to show, the order, and the CSV
//! download of what is shown. The choices are the board's signals; the board filters by them.

use leptos::prelude::*;

use crate::domain::goals::GoalStatus;
use crate::ui::dom::{el, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::button::button;

/// GoalFilters: three selects bound to `owner` (`all`, `mine`, `theirs`),
/// `status` (empty for any, else a status key) and `sort` (`priority`,
/// `due`), and "Download CSV", which runs `on_csv`.
pub fn goal_filters(i18n: I18n, owner: RwSignal<String>, status: RwSignal<String>, sort: RwSignal<String>, on_csv: Callback<()>) -> AnyView {
    let select = |id: &'static str, label: &'static str, value: RwSignal<String>, options: Vec<(String, String)>| {
        el("div")
            .class("mw-filter")
            .child(el("label").attr("for", id).class("mw-label").text(i18n.t(label)).into_view())
            .child(
                el("select")
                    .id(id)
                    .class("mw-input mw-select")
                    .children(options.into_iter().map(move |(v, text)| {
                        let chosen = v.clone();
                        el("option").attr("value", v).prop_flag("selected", move || value.get() == chosen).text(text).into_view()
                    }))
                    .on(leptos::ev::change, move |ev| value.set(event_target_value(&ev)))
                    .into_view(),
            )
            .into_view()
    };
    let mut statuses = vec![(String::new(), i18n.t("goal.filter_any"))];
    statuses.extend(GoalStatus::ALL.into_iter().map(|s| (s.label_key().to_string(), i18n.t(s.label_key()))));
    el("div")
        .class("mw-toolbar")
        .child(select(
            "mw-goal-owner",
            "goal.filter_owner",
            owner,
            vec![("all".into(), i18n.t("goal.owner_all")), ("mine".into(), i18n.t("goal.owner_mine")), ("theirs".into(), i18n.t("goal.owner_theirs"))],
        ))
        .child(select("mw-goal-status-filter", "goal.filter_status", status, statuses))
        .child(select("mw-goal-sort", "goal.sort", sort, vec![("priority".into(), i18n.t("goal.sort_priority")), ("due".into(), i18n.t("goal.sort_due"))]))
        .child(button().class("mw-button mw-button--small").on(leptos::ev::click, move |_| on_csv.run(())).text_dyn(i18n.tr("goal.download_csv")).into_view())
        .into_view()
}
