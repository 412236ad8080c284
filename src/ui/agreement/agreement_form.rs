//! The agreement draft as a form, built from the domain's field table and saved a moment after
//! typing stops. Typed text survives a failed save, a reload and a partner's crossing save.

use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::bridge::backup;
use crate::domain::agreement::fields::{field, value, FIELDS, SECTIONS};
use crate::domain::agreement::session::EditSession;
use crate::domain::agreement::validate::{suggest_review, validate};
use crate::domain::person::Person;
use crate::ui::agreement::actions::{save_draft, Failure, Loaded};
use crate::ui::agreement::agreement_conflicts::agreement_conflicts;
use crate::ui::agreement::agreement_field::{agreement_field, dom_id};
use crate::ui::dom::{dyn_view, el, empty, focus_later, AnyView};
use crate::ui::env::{Env, HostEvent, I18n};
use crate::ui::kit::button::button;
use crate::ui::kit::error_summary::error_summary;
use crate::ui::kit::save_status::{save_status, SaveState};
use crate::ui::platform::LeaveGuard;

/// How long after the last keystroke the draft is saved: long enough not to
/// write on every letter, short enough that little is at risk.
const AUTOSAVE_MS: u32 = 800;

/// Where the draft's autosave stands (the status line says it through
/// `kit::save_status`).
#[derive(Clone, Debug, PartialEq)]
pub enum Autosave {
    Saved,
    Unsaved,
    Saving,
    Failed(Failure),
}

/// AgreementForm: the draft as a form: every section and field from the
/// domain's table, saved automatically a moment after typing stops, with its
/// status shown and announced. What is typed survives a failed save (retry),
/// a reload (kept in this tab until stored) and a crossing save by the
/// partner (merged, or shown to resolve).
pub fn agreement_form(env: &Env, me: Person, doc: RwSignal<Option<Loaded>>, session: RwSignal<EditSession>, on_review: Callback<()>) -> AnyView {
    let i18n = env.i18n;
    let state = RwSignal::new(if session.with_untracked(EditSession::dirty) { Autosave::Unsaved } else { Autosave::Saved });
    let show_errors = RwSignal::new(false);
    // This tab could not keep a backup of unsaved edits (storage full or blocked).
    let not_kept = RwSignal::new(false);
    let pending = StoredValue::new_local(None::<Timeout>);
    let leave_guard = StoredValue::new_local(None::<LeaveGuard>);
    let rel_id = doc.with_untracked(|d| d.as_ref().map(|d| d.rel.id.clone())).unwrap_or_default();

    let errors = Memo::new(move |_| session.with(|s| validate(&s.local)));
    let error_for = move |id: &'static str| Signal::derive(move || errors.with(|es| es.iter().find(|e| e.field == id).cloned()).filter(|_| show_errors.get()));

    let save_now = autosaver(env, me.clone(), doc, session, state, pending, leave_guard);
    // Edits restored from before a reload are saved straight away.
    if state.get_untracked() == Autosave::Unsaved {
        let save = save_now.clone();
        // The closure moves the wrapper in: `*save` could not move out of it.
        #[allow(clippy::redundant_closure)]
        let task = Timeout::new(AUTOSAVE_MS, move || save());
        pending.set_value(Some(task));
    }

    let on_input = Callback::new({
        let (save_now, me, rel_id) = (save_now.clone(), me.clone(), rel_id.clone());
        move |(id, text): (&'static str, String)| {
            session.update(|s| s.edit(id, &text));
            if !session.with_untracked(|s| backup::save(&me.id, &rel_id, &s.base, &s.local)) {
                not_kept.set(true);
            }
            if leave_guard.with_value(Option::is_none) {
                leave_guard.set_value(Some(LeaveGuard::new()));
            }
            if !matches!(state.get_untracked(), Autosave::Saving) {
                state.set(Autosave::Unsaved);
            }
            let save = save_now.clone();
            #[allow(clippy::redundant_closure)]
            let task = Timeout::new(AUTOSAVE_MS, move || save());
            pending.set_value(Some(task));
        }
    });

    let review = {
        let (save_now, host) = (save_now.clone(), env.host.clone());
        move |_| {
            if !errors.with_untracked(Vec::is_empty) {
                show_errors.set(true);
                focus_later(&host, "mw-agr-summary".into());
                return;
            }
            if session.with_untracked(EditSession::dirty) {
                save_now();
            }
            on_review.run(());
        }
    };
    let retry = {
        let save_now = save_now.clone();
        move |_| save_now()
    };
    let resolve = Callback::new({
        let save_now = save_now.clone();
        move |(id, theirs): (&'static str, bool)| {
            session.update(|s| s.resolve(id, theirs));
            if session.with_untracked(|s| s.conflicts.is_empty()) {
                save_now();
            }
        }
    });

    let status = save_status(None, move || match state.get() {
        Autosave::Saved => (SaveState::Saved, i18n.t("agr.saved")),
        Autosave::Unsaved => (SaveState::Unsaved, i18n.t("agr.unsaved")),
        Autosave::Saving => (SaveState::Saving, i18n.t("form.saving")),
        Autosave::Failed(f) => (SaveState::Failed, i18n.f("agr.save_failed", &[("reason", &i18n.t(f.message_key()))])),
    });
    let retry_button = dyn_view(move || {
        if matches!(state.get(), Autosave::Failed(Failure::Bridge(_))) {
            button().class("mw-button mw-button--small").on(leptos::ev::click, retry.clone()).text_dyn(i18n.tr("form.retry")).into_view()
        } else {
            empty()
        }
    });

    let conflicts = agreement_conflicts(i18n, session, resolve);

    // What blocks "Review and sign", once the person has asked for it.
    let blocking = Signal::derive(move || if show_errors.get() { errors.get() } else { Vec::new() });
    let summary = error_summary(i18n, env.host.clone(), "mw-agr-summary", "agr.fix_before_signing", blocking, |i18n, e| {
        (field(e.field).map(|f| i18n.t(f.label)).unwrap_or_default(), format!("{}-error", dom_id(e.field)))
    });

    let sections = SECTIONS.iter().map(|(section, label)| {
        let fields = FIELDS.iter().filter(|f| f.section == *section).map(|f| {
            // What was typed, as typed: showing the normalized value would trim
            // a space away the moment it is typed.
            let current = Signal::derive(move || session.with(|s| s.local.get(f.id).cloned().unwrap_or_default()));
            let field_view = agreement_field(i18n, f, current, error_for(f.id), on_input);
            if f.id != "dates.review" {
                return field_view;
            }
            crate::ui::dom::fragment(vec![field_view, review_suggestion(i18n, session, on_input)])
        });
        el("fieldset")
            .class("mw-section")
            .attr("data-section", *section)
            .child(el("legend").class("mw-section__title").text_dyn(i18n.tr(label)).into_view())
            .children(fields)
            .into_view()
    });

    el("form")
        .class("mw-form mw-agreement-form")
        .attr("novalidate", "")
        .on(leptos::ev::submit, |ev| ev.prevent_default())
        .child(el("div").class("mw-savebar").child(status).child(retry_button).into_view())
        .child(crate::ui::shell::unsaved_notice::unsaved_notice(i18n, not_kept))
        .child(conflicts)
        .child(summary)
        .children(sections)
        .child(
            el("div")
                .class("mw-actions")
                .child(button().class("mw-button mw-button--primary").on(leptos::ev::click, review).text_dyn(i18n.tr("agr.review_and_sign")).into_view())
                .into_view(),
        )
        .into_view()
}

/// Under the review date: the date the domain suggests (the middle of the
/// agreed span), with a button to use it; gone once it is the date typed.
fn review_suggestion(i18n: I18n, session: RwSignal<EditSession>, on_input: Callback<(&'static str, String)>) -> AnyView {
    dyn_view(move || {
        let Some(d) = session.with(|s| suggest_review(&s.local)) else { return empty() };
        let date = d.to_string();
        if session.with(|s| value(&s.local, "dates.review")) == date {
            return empty();
        }
        el("p")
            .class("mw-suggest")
            .text(format!("{} ", i18n.f("agr.review_suggestion", &[("date", &date)])))
            .child(
                button()
                    .class("mw-button mw-button--small")
                    .on(leptos::ev::click, move |_| on_input.run(("dates.review", date.clone())))
                    .text_dyn(i18n.tr("agr.use_date"))
                    .into_view(),
            )
            .into_view()
    })
}

/// The draft's save, run a moment after typing stops (or at once): one at a
/// time, its outcome in `state`; the leave guard goes once all is stored.
fn autosaver(
    env: &Env,
    me: Person,
    doc: RwSignal<Option<Loaded>>,
    session: RwSignal<EditSession>,
    state: RwSignal<Autosave>,
    pending: StoredValue<Option<Timeout>, LocalStorage>,
    leave_guard: StoredValue<Option<LeaveGuard>, LocalStorage>,
) -> SendWrapper<impl Fn() + Clone> {
    let env = env.clone();
    SendWrapper::new(move || {
        let Some(bridge) = env.host() else { return };
        pending.set_value(None);
        if state.try_set(Autosave::Saving).is_some() {
            return;
        }
        let (env, me) = (env.clone(), me.clone());
        spawn_local(async move {
            let result = save_draft(&bridge, doc, session, &me).await;
            let clean = session.try_with_untracked(|s| !s.dirty()).unwrap_or(true);
            match result {
                Ok(()) => {
                    let id = doc.try_with_untracked(|d| d.as_ref().map(|d| d.rel.id.clone())).flatten().unwrap_or_default();
                    env.emit(HostEvent::Saved { kind: "agreement", id });
                    state.try_set(if clean { Autosave::Saved } else { Autosave::Unsaved });
                }
                Err(f) => {
                    if let Failure::Bridge(e) = &f {
                        env.report(e);
                    }
                    state.try_set(Autosave::Failed(f));
                }
            }
            if clean {
                leave_guard.try_set_value(None);
            }
        });
    })
}
