//! The goal board's toolbar: whose goals and which status to show, the order, and the CSV
//! download of what is shown. The choices are the board's signals; the board filters by them.

use leptos::prelude::*;

use crate::domain::goals::model::{list, SortBy};
use crate::domain::goals::{Goal, GoalStatus};
use crate::ui::dom::{el, AnyView};
use crate::ui::env::I18n;
use crate::ui::kit::button::button;
use crate::ui::kit::label::{label as kit_label, Look};
use crate::ui::kit::radio_group::Words;

/// The board's choices: `owner` (`all`, `mine`, `theirs`), `status` (empty
/// for any, else a status key) and `sort` (`priority`, `due`).
#[derive(Clone, Copy)]
pub struct Filters {
    pub owner: RwSignal<String>,
    pub status: RwSignal<String>,
    pub sort: RwSignal<String>,
}

/// All goals, any status, by priority.
impl Default for Filters {
    fn default() -> Self {
        Filters { owner: RwSignal::new("all".into()), status: RwSignal::new(String::new()), sort: RwSignal::new("priority".into()) }
    }
}

impl Filters {
    /// The goals shown, in order, for the person `me` (read tracked).
    pub fn apply<'a>(&self, all: &'a [Goal], me: &str) -> Vec<&'a Goal> {
        let status = self.status.with(|key| GoalStatus::ALL.into_iter().find(|s| s.label_key() == key));
        let sort = if self.sort.with(|s| s == "due") { SortBy::Due } else { SortBy::Priority };
        let mut shown = list(all, None, status, sort);
        match self.owner.get().as_str() {
            "mine" => shown.retain(|g| g.owner == me),
            "theirs" => shown.retain(|g| g.owner != me),
            _ => {}
        }
        shown
    }
}

/// GoalFilters: three selects bound to `owner` (`all`, `mine`, `theirs`),
/// `status` (empty for any, else a status key) and `sort` (`priority`,
/// `due`), and "Download CSV", which runs `on_csv`.
pub fn goal_filters(i18n: I18n, filters: Filters, on_csv: Callback<()>) -> AnyView {
    let Filters { owner, status, sort } = filters;
    let select = |id: &'static str, label: &'static str, value: RwSignal<String>, options: Vec<(String, String)>| {
        el("div")
            .class("mw-filter")
            .child(kit_label(i18n, id, Words::Key(label), Look::Above))
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
