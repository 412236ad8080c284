//! The form that starts a mentoring relationship: my role, my partner, the kind. What was typed
//! survives every failure, and a retry reuses the id so a lost answer never makes a duplicate.

use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::bridge::save::{save, Carry, SaveError, Saved};
use crate::bridge::BridgeError;
use crate::domain::keys;
use crate::domain::person::Person;
use crate::domain::relationship::{Kind, Relationship, RelationshipDraft, Role};
use crate::domain::FieldError;
use crate::ui::dom::{el, empty, focus_later, AnyView};
use crate::ui::env::{Env, I18n};
use crate::ui::kit::button::{button, submit_button};
use crate::ui::kit::error_summary::error_summary;
use crate::ui::kit::field_error::message;
use crate::ui::kit::radio_group::{radio_group, Choice, RadioGroup, Words};
use crate::ui::platform::{fresh_id, now_rfc3339};
use crate::ui::relationships::partner_field::{partner_field, Partner};

/// NewRelationshipForm: "Start a mentoring relationship": my role, my
/// partner, the kind.
///
/// What a person typed stays on screen through every failure: validation
/// errors, a rejected write, a time-out. A retry reuses the same id, so a
/// write that reached the host but whose answer got lost is not duplicated.
pub fn new_relationship_form(env: &Env, me: Person, on_created: Callback<Relationship>, on_cancel: Callback<()>) -> AnyView {
    let i18n = env.i18n;
    let role = RwSignal::new(None::<Role>);
    let kind = RwSignal::new(None::<Kind>);
    let partner = Partner { name: RwSignal::new(String::new()), id: RwSignal::new(None), email: RwSignal::new(String::new()) };
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let saving = RwSignal::new(false);
    let save_error = RwSignal::new(None::<BridgeError>);
    let pending_id = StoredValue::new(None::<String>);

    let draft = move || RelationshipDraft {
        my_role: role.get_untracked(),
        kind: kind.get_untracked(),
        partner_id: partner.id.get_untracked(),
        partner_name: partner.name.get_untracked(),
        partner_email: partner.email.get_untracked(),
    };
    let error_for = move |field: &'static str| Signal::derive(move || errors.with(|es| es.iter().find(|e| e.field == field).map(|e| e.key)));

    // Once a person has tried to submit, errors follow their corrections live.
    Effect::new({
        let me = me.clone();
        move |_| {
            role.track();
            kind.track();
            partner.name.track();
            partner.email.track();
            partner.id.track();
            if !errors.with_untracked(Vec::is_empty) {
                errors.set(draft().validate(&me));
            }
        }
    });

    let submit = submitter(env, me, draft, (errors, saving, save_error, pending_id), on_created);
    let retry_submit = submit.clone();

    let role_group = role_choice(i18n, role, error_for("role"));
    let kind_group = kind_choice(i18n, kind, error_for("kind"));

    let summary = error_summary(i18n, env.host.clone(), "mw-summary", "form.errors_summary", errors.into(), |i18n, e| {
        (message(i18n, e), format!("mw-{}-error", e.field.replace('_', "-")))
    });

    let save_failure = el("div")
        .class("mw-save-error")
        .attr("role", "alert")
        .dyn_child(move || match save_error.get() {
            Some(e) => {
                let retry = retry_submit.clone();
                el("div")
                    .class("mw-panel mw-panel--error")
                    .child(el("p").text(i18n.f("form.save_failed", &[("reason", &i18n.t(e.message_key()))])).into_view())
                    .child(button().class("mw-button").id("mw-save-retry").on(leptos::ev::click, move |_| retry()).text_dyn(i18n.tr("form.retry")).into_view())
                    .into_view()
            }
            None => empty(),
        })
        .into_view();

    el("form")
        .class("mw-form")
        .attr("novalidate", "")
        .attr("aria-labelledby", "mw-form-heading")
        .on(leptos::ev::submit, move |ev| {
            ev.prevent_default();
            submit()
        })
        .child(el("h3").id("mw-form-heading").class("mw-subheading").text_dyn(i18n.tr("form.heading")).into_view())
        .child(summary)
        .child(role_group)
        .child(partner_field(env, partner, error_for("partner"), error_for("partner_email")))
        .child(kind_group)
        .child(save_failure)
        .child(
            el("div")
                .class("mw-actions")
                .child(
                    submit_button()
                        .class("mw-button mw-button--primary")
                        .attr_dyn("aria-disabled", move || Some(saving.get().to_string()))
                        .text_dyn(move || if saving.get() { i18n.t("form.saving") } else { i18n.t("form.submit") })
                        .into_view(),
                )
                .child(button().class("mw-button").on(leptos::ev::click, move |_| on_cancel.run(())).text_dyn(i18n.tr("form.cancel")).into_view())
                .into_view(),
        )
        .into_view()
}

/// "I am the": mentee or mentor, each with what it means.
fn role_choice(i18n: I18n, role: RwSignal<Option<Role>>, error: Signal<Option<&'static str>>) -> AnyView {
    radio_group(
        i18n,
        RadioGroup {
            name: "mw-role".into(),
            legend: Words::Key("form.role_legend"),
            legend_hidden: false,
            row: false,
            choices: [Role::Mentee, Role::Mentor]
                .map(|r| Choice {
                    value: r.as_str().into(),
                    label: Words::Key(r.label_key()),
                    hint: Some(if r == Role::Mentor { "role.mentor_hint" } else { "role.mentee_hint" }),
                })
                .into(),
            selected: Signal::derive(move || role.get().map(|r| r.as_str().to_string())),
            choose: Callback::new(move |v: String| role.set(Role::parse(&v))),
            error: Some(error),
        },
    )
}

/// The kind of relationship, each with what it means.
fn kind_choice(i18n: I18n, kind: RwSignal<Option<Kind>>, error: Signal<Option<&'static str>>) -> AnyView {
    radio_group(
        i18n,
        RadioGroup {
            name: "mw-kind".into(),
            legend: Words::Key("form.kind_legend"),
            legend_hidden: false,
            row: false,
            choices: Kind::ALL.map(|k| Choice { value: k.as_str().into(), label: Words::Key(k.label_key()), hint: Some(k.hint_key()) }).into(),
            selected: Signal::derive(move || kind.get().map(|k| k.as_str().to_string())),
            choose: Callback::new(move |v: String| kind.set(Kind::parse(&v))),
            error: Some(error),
        },
    )
}

/// The submit's state: the rules' errors, whether a write is under way,
/// why the last one failed, and the id a retry reuses.
type SubmitState = (RwSignal<Vec<FieldError>>, RwSignal<bool>, RwSignal<Option<BridgeError>>, StoredValue<Option<String>>);

/// The form's submit: the rules first (errors to the summary, which takes
/// focus), then the relationship is created through the one save path. A
/// retry reuses the id, so a write whose answer was lost is not duplicated.
fn submitter(
    env: &Env,
    me: Person,
    draft: impl Fn() -> RelationshipDraft + Clone + 'static,
    (errors, saving, save_error, pending_id): SubmitState,
    on_created: Callback<Relationship>,
) -> SendWrapper<impl Fn() + Clone> {
    let env = env.clone();
    SendWrapper::new(move || {
        if saving.get_untracked() {
            return;
        }
        let id = pending_id.get_value().unwrap_or_else(fresh_id);
        let rel = match draft().propose(&me, id.clone(), now_rfc3339()) {
            Ok(rel) => rel,
            Err(found) => {
                errors.set(found);
                save_error.set(None);
                focus_later(&env.host, "mw-summary".into());
                return;
            }
        };
        errors.set(Vec::new());
        pending_id.set_value(Some(id));
        saving.set(true);
        save_error.set(None);
        let Some(bridge) = env.host() else { return };
        let env = env.clone();
        spawn_local(async move {
            // Created through the one save path: something already under
            // this id is this very relationship if an earlier attempt did
            // land (its answer lost); anyone else's is never touched, and
            // the next attempt takes a new id.
            let key = keys::relationship(&rel.id);
            let same = |mine: &Relationship, theirs: &Relationship| theirs.id == mine.id && theirs.created_by == mine.created_by && theirs.kind == mine.kind;
            let result = match save(&bridge, &key, None, rel.clone(), &mut |_, mine, theirs| {
                if same(mine, theirs) {
                    Carry::Already
                } else {
                    Carry::Refuse(())
                }
            })
            .await
            {
                Ok(Saved::Stored { .. }) => Ok(()),
                Ok(_) => {
                    pending_id.try_set_value(None);
                    Err(BridgeError::Conflict)
                }
                Err(SaveError::Bridge(e)) => Err(e),
                Err(SaveError::Unreadable(_)) => {
                    pending_id.try_set_value(None);
                    Err(BridgeError::Conflict)
                }
                Err(_) => Err(BridgeError::Conflict),
            };
            // The form may have been closed or the widget destroyed while
            // the host was answering: then there is no one left to tell.
            if saving.try_set(false).is_some() {
                return;
            }
            match result {
                Ok(()) => {
                    pending_id.try_set_value(None);
                    on_created.try_run(rel);
                }
                Err(e) => {
                    env.report(&e);
                    save_error.try_set(Some(e));
                    focus_later(&env.host, "mw-save-retry".into());
                }
            }
        });
    })
}
