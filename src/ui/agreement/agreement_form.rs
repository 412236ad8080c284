use gloo_timers::callback::Timeout;
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::bridge::backup;
use crate::domain::agreement::fields::{field, value, FIELDS, SECTIONS};
use crate::domain::agreement::session::EditSession;
use crate::domain::agreement::validate::{suggest_review, validate};
use crate::domain::person::Person;
use crate::domain::FieldError;
use crate::ui::agreement::actions::{save_draft, Failure, Loaded};
use crate::ui::agreement::agreement_field::{dom_id, AgreementField};
use crate::ui::env::{use_env, HostEvent};
use crate::ui::platform::LeaveGuard;

/// How long after the last keystroke the draft is saved: long enough not to
/// write on every letter, short enough that little is at risk.
const AUTOSAVE_MS: u32 = 800;

#[derive(Clone, Debug, PartialEq)]
pub enum SaveState {
    Saved,
    Unsaved,
    Saving,
    Failed(Failure),
}

/// The agreement draft as a form: every section and field from the domain's
/// table, saved automatically a moment after typing stops, with its status
/// shown and announced. What is typed survives a failed save (retry), a
/// reload (kept in this tab until stored) and a crossing save by the
/// partner (merged, or shown to resolve).
#[component]
pub fn AgreementForm(me: Person, doc: RwSignal<Option<Loaded>>, session: RwSignal<EditSession>, on_review: Callback<()>) -> impl IntoView {
    let env = use_env();
    let i18n = env.i18n;
    let state = RwSignal::new(if session.with_untracked(EditSession::dirty) { SaveState::Unsaved } else { SaveState::Saved });
    let show_errors = RwSignal::new(false);
    let pending = StoredValue::new_local(None::<Timeout>);
    let leave_guard = StoredValue::new_local(None::<LeaveGuard>);
    let summary_ref = NodeRef::<html::Div>::new();
    let rel_id = doc.with_untracked(|d| d.as_ref().map(|d| d.rel.id.clone())).unwrap_or_default();

    let errors = Memo::new(move |_| session.with(|s| validate(&s.local)));
    let error_for = move |id: &'static str| Signal::derive(move || errors.with(|es| es.iter().find(|e| e.field == id).cloned()).filter(|_| show_errors.get()));

    let save_now = {
        let (env, me) = (env.clone(), me.clone());
        send_wrapper::SendWrapper::new(move || {
            let Some(bridge) = env.host() else { return };
            pending.set_value(None);
            if state.try_set(SaveState::Saving).is_some() {
                return;
            }
            let (env, me) = (env.clone(), me.clone());
            spawn_local(async move {
                let result = save_draft(&bridge, doc, session, &me).await;
                let clean = session.try_with_untracked(|s| !s.dirty()).unwrap_or(true);
                match result {
                    Ok(()) => {
                        let id = doc.with_untracked(|d| d.as_ref().map(|d| d.rel.id.clone())).unwrap_or_default();
                        env.emit(HostEvent::Saved { kind: "agreement", id });
                        state.try_set(if clean { SaveState::Saved } else { SaveState::Unsaved });
                    }
                    Err(f) => {
                        if let Failure::Bridge(e) = &f {
                            env.report(e);
                        }
                        state.try_set(SaveState::Failed(f));
                    }
                }
                if clean {
                    leave_guard.try_set_value(None);
                }
            });
        })
    };

    let on_input = Callback::new({
        let (save_now, me, rel_id) = (save_now.clone(), me.clone(), rel_id.clone());
        move |(id, text): (&'static str, String)| {
            session.update(|s| s.edit(id, &text));
            session.with_untracked(|s| backup::save(&me.id, &rel_id, &s.local));
            if leave_guard.with_value(Option::is_none) {
                leave_guard.set_value(Some(LeaveGuard::new()));
            }
            if !matches!(state.get_untracked(), SaveState::Saving) {
                state.set(SaveState::Unsaved);
            }
            let save = save_now.clone();
            pending.set_value(Some(Timeout::new(AUTOSAVE_MS, move || save())));
        }
    });

    let review = {
        let save_now = save_now.clone();
        move |_| {
            if !errors.with_untracked(Vec::is_empty) {
                show_errors.set(true);
                request_animation_frame(move || {
                    if let Some(Some(el)) = summary_ref.try_get_untracked() {
                        let _ = el.focus();
                    }
                });
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
    let resolve = {
        let save_now = save_now.clone();
        move |id: &'static str, theirs: bool| {
            session.update(|s| s.resolve(id, theirs));
            if session.with_untracked(|s| s.conflicts.is_empty()) {
                save_now();
            }
        }
    };

    let status_text = move || match state.get() {
        SaveState::Saved => i18n.t("agr.saved"),
        SaveState::Unsaved => i18n.t("agr.unsaved"),
        SaveState::Saving => i18n.t("form.saving"),
        SaveState::Failed(f) => i18n.f("agr.save_failed", &[("reason", &i18n.t(f.message_key()))]),
    };

    let sections = SECTIONS
        .iter()
        .map(|(section, label)| {
            let fields = FIELDS
                .iter()
                .filter(|f| f.section == *section)
                .map(|f| {
                    let current = Signal::derive(move || session.with(|s| value(&s.local, f.id)));
                    let suggestion = (f.id == "dates.review").then(|| {
                        view! {
                            {move || session.with(|s| suggest_review(&s.local)).filter(|d| session.with(|s| value(&s.local, "dates.review")) != d.to_string()).map(|d| {
                                let date = d.to_string();
                                let shown = date.clone();
                                view! {
                                    <p class="mw-suggest">
                                        {i18n.f("agr.review_suggestion", &[("date", &shown)])} " "
                                        <button type="button" class="mw-button mw-button--small" on:click=move |_| on_input.run(("dates.review", date.clone()))>
                                            {i18n.t("agr.use_date")}
                                        </button>
                                    </p>
                                }
                            })}
                        }
                    });
                    view! {
                        <AgreementField field=f value=current error=error_for(f.id) on_input=on_input />
                        {suggestion}
                    }
                })
                .collect_view();
            view! {
                <fieldset class="mw-section" data-section=*section>
                    <legend class="mw-section__title">{i18n.tr(label)}</legend>
                    {fields}
                </fieldset>
            }
        })
        .collect_view();

    view! {
        <form class="mw-form mw-agreement-form" novalidate on:submit=|ev| ev.prevent_default()>
            <div class="mw-savebar">
                <p class="mw-save-status" role="status" aria-live="polite" data-state=move || match state.get() {
                    SaveState::Saved => "saved", SaveState::Unsaved => "unsaved", SaveState::Saving => "saving", SaveState::Failed(_) => "failed",
                }>{status_text}</p>
                {move || matches!(state.get(), SaveState::Failed(Failure::Bridge(_))).then(|| view! {
                    <button type="button" class="mw-button mw-button--small" on:click=retry.clone()>{i18n.t("form.retry")}</button>
                })}
            </div>
            {move || {
                let conflicts = session.with(|s| s.conflicts.clone());
                (!conflicts.is_empty()).then(|| {
                    let resolve = resolve.clone();
                    view! {
                        <div class="mw-panel mw-panel--warning mw-conflicts" role="alert">
                            <p class="mw-panel__title">{i18n.t("agr.conflicts")}</p>
                            {conflicts.into_iter().map(|c| {
                                let (keep, take) = (resolve.clone(), resolve.clone());
                                let id = c.field;
                                view! {
                                    <div class="mw-conflict" data-field=id>
                                        <p class="mw-label">{field(id).map(|f| i18n.t(f.label)).unwrap_or_default()}</p>
                                        <p><strong>{i18n.t("agr.yours")}</strong>" "{c.mine}</p>
                                        <p><strong>{i18n.t("agr.theirs")}</strong>" "{c.theirs}</p>
                                        <button type="button" class="mw-button mw-button--small" on:click=move |_| keep(id, false)>{i18n.t("agr.keep_mine")}</button>
                                        " "
                                        <button type="button" class="mw-button mw-button--small" on:click=move |_| take(id, true)>{i18n.t("agr.take_theirs")}</button>
                                    </div>
                                }
                            }).collect_view()}
                        </div>
                    }
                })
            }}
            <div node_ref=summary_ref tabindex="-1" class="mw-summary" class:mw-summary--shown=move || show_errors.get() && !errors.with(Vec::is_empty) role="alert">
                {move || (show_errors.get() && !errors.with(Vec::is_empty)).then(|| view! {
                    <p class="mw-summary__title">{i18n.t("agr.fix_before_signing")}</p>
                    <ul>
                        {errors.get().into_iter().map(|e: FieldError| {
                            let label = field(e.field).map(|f| i18n.t(f.label)).unwrap_or_default();
                            let target = dom_id(e.field);
                            view! {
                                <li><a href=format!("#{target}") on:click=move |ev| {
                                    // Fragment links do not reach into a shadow root: move focus ourselves.
                                    ev.prevent_default();
                                    if let Some(root) = summary_ref.get_untracked().and_then(|el| el.get_root_node().dyn_into::<web_sys::ShadowRoot>().ok()) {
                                        if let Some(input) = root.get_element_by_id(&target).and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok()) {
                                            let _ = input.focus();
                                        }
                                    }
                                }>{label}</a></li>
                            }
                        }).collect_view()}
                    </ul>
                })}
            </div>
            {sections}
            <div class="mw-actions">
                <button type="button" class="mw-button mw-button--primary" on:click=review>{i18n.tr("agr.review_and_sign")}</button>
            </div>
        </form>
    }
}

use wasm_bindgen::JsCast;
