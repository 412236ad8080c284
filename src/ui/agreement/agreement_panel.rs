//! One relationship's agreement in whatever state it is: template, draft, review and signing,
//! the version in force, amendments, versions and print. It picks the screen and moves focus;
//! a partner's newer save is folded in without ever resetting unsaved edits.

use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::bridge::backup;
use crate::domain::agreement::carry::current_text;
use crate::domain::agreement::diff::diff;
use crate::domain::agreement::fields::Content;
use crate::domain::agreement::record::content_hash;
use crate::domain::agreement::session::EditSession;
use crate::domain::person::Person;
use crate::domain::relationship::State;
use crate::ui::agreement::actions::{discard_amendment, save_draft, start_draft, Failure, Loaded};
use crate::ui::agreement::agreement_draft_view::{agreement_draft_view, DraftHooks};
use crate::ui::agreement::agreement_in_force::agreement_in_force;
use crate::ui::agreement::agreement_print::agreement_print;
use crate::ui::agreement::template_picker::template_picker;
use crate::ui::dom::{dyn_view, el, empty, AnyView};
use crate::ui::env::Env;
use crate::ui::platform::PrintMode;

/// Where focus goes when the agreement's screen changes.
const HEADING: &str = "mw-agreement-heading";
/// The form's first field (see `agreement_field::field_id`).
const FIRST_FIELD: &str = "mw-f-purpose";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Edit,
    Review,
    Print,
}

enum Job {
    Start(Content),
    /// Drop the amendment whose content hashes to this (the one on screen).
    Discard(String),
    /// Save edits whose draft is gone as a new amendment.
    Carry,
}

/// AgreementPanel: the agreement of one relationship, in whatever state it
/// is: choose a template, write it together, review and sign, read the
/// version in force, amend it, look back at versions, print or download.
pub fn agreement_panel(env: &Env, me: Person, doc: RwSignal<Option<Loaded>>) -> AnyView {
    let i18n = env.i18n;

    // Unsaved edits from before a reload come back first: kept with the
    // content they were typed on and merged three-way into what is stored
    // now, so a partner's newer edits to other fields are not reverted.
    let restored = RwSignal::new(false);
    let session = RwSignal::new(restore_session(&me.id, doc, restored));
    // A newer stored agreement (the partner saved, signed, or dropped an
    // amendment) is folded into what is shown. Unsaved edits are never reset
    // by it: if their draft is gone, the form saves them as an amendment.
    let carried = RwSignal::new(false);
    follow_stored(doc, session, carried);

    // A draft the partner wrote, or one already signed, opens for review;
    // one I am writing, or edits of mine restored after a reload, open for
    // editing (so restored edits are shown and saved, whoever wrote last).
    let initial = doc.with_untracked(|d| match d.as_ref().and_then(|d| d.rel.agreement.draft.as_ref()) {
        _ if restored.get_untracked() => Mode::Edit,
        Some(dr) if !dr.signatures.is_empty() || dr.updated_by != me.id => Mode::Review,
        _ => Mode::Edit,
    });
    let mode = RwSignal::new(initial);
    let failure = RwSignal::new(None::<Failure>);
    let print_mode = StoredValue::new_local(None::<PrintMode>);
    let host = env.host.clone();
    Effect::new(move |_| {
        let printing = mode.get() == Mode::Print;
        print_mode.set_value(printing.then(|| PrintMode::start(&host, "agreement")));
    });

    let run = job_runner(env, me.clone(), doc, session, mode, failure);

    // Edits whose draft vanished under them are saved as an amendment.
    Effect::new({
        let run = run.clone();
        move |_| {
            let gone = doc.with_untracked(|d| d.as_ref().is_some_and(|d| d.rel.agreement.draft.is_none() && d.rel.state != State::Closed));
            if carried.get() && gone && session.with_untracked(EditSession::dirty) {
                run(Job::Carry);
            }
        }
    });

    let on_pick = Callback::new({
        let run = run.clone();
        move |content: Content| run(Job::Start(content))
    });
    // When one screen replaces another at the person's request, keyboard
    // focus moves to the new screen: the first field of the form, or the
    // agreement's heading; otherwise it would fall to the page's body.
    let switch_to = |to: Mode| {
        let host = env.host.clone();
        Callback::new(move |_| {
            mode.set(to);
            crate::ui::dom::focus_later(&host, (if to == Mode::Edit { FIRST_FIELD } else { HEADING }).to_string());
        })
    };
    let (to_review, to_edit) = (switch_to(Mode::Review), switch_to(Mode::Edit));
    let on_print = Callback::new(move |_| mode.set(Mode::Print));
    let on_amend = Callback::new({
        let run = run.clone();
        move |_| run(Job::Start(Content::new()))
    });
    // Drops the amendment on screen: named by its content's hash, so a
    // newer one the partner wrote meanwhile is not dropped unseen.
    let on_discard = Callback::new({
        let run = run.clone();
        move |_| {
            if let Some(shown) = doc.with_untracked(|d| d.as_ref().and_then(|d| d.rel.agreement.draft.as_ref().map(|dr| content_hash(&dr.content)))) {
                run(Job::Discard(shown))
            }
        }
    });

    // The form keeps its own state (save status, timers) while the person
    // types, so it is rebuilt only when the panel changes what it shows,
    // not on every save.
    let shape = Memo::new(move |_| {
        doc.with(|d| {
            d.as_ref().map(|d| {
                let r = &d.rel.agreement;
                (r.versions.len(), r.draft.as_ref().map(|dr| (dr.based_on, dr.signatures.len())), mode.get(), d.rel.state == State::Closed)
            })
        })
    });
    let env_body = env.clone();
    let body = dyn_view(move || {
        // `get`, not `track`: a memo that is never read never computes, so it
        // would never learn that the document changed.
        let _ = shape.get();
        let Some(Loaded { rel, .. }) = doc.get_untracked() else { return empty() };
        let env = env_body.clone();
        let record = rel.agreement.clone();
        // A closed relationship's agreement is a record: the version in force
        // is shown, nothing can be drafted, amended or signed.
        let closed = rel.state == State::Closed;
        let open_draft = if closed { None } else { record.draft.as_ref() };
        match (open_draft, mode.get_untracked()) {
            (_, Mode::Print) => agreement_print(i18n, &rel, to_review),
            (None, _) if record.versions.is_empty() => el("div")
                .class("mw-agreement-start")
                .child(el("p").text_dyn(i18n.tr("agr.none_yet")).into_view())
                .child(if closed { empty() } else { template_picker(&env, rel.kind, on_pick) })
                .into_view(),
            (None, _) => agreement_in_force(i18n, &rel, closed, on_print, on_amend),
            (Some(draft), m) => {
                let hooks = DraftHooks { on_discard, on_review: to_review, on_back: to_edit, on_print };
                agreement_draft_view(&env, me.clone(), doc, session, (&rel, draft), m == Mode::Edit, hooks)
            }
        }
    });

    el("section")
        .class("mw-agreement")
        .attr("aria-labelledby", "mw-agreement-heading")
        .child(el("h3").id(HEADING).class("mw-subheading").attr("tabindex", "-1").text_dyn(i18n.tr("agr.title")).into_view())
        .dyn_child(move || if carried.get() { el("p").class("mw-notice").attr("role", "status").text_dyn(i18n.tr("agr.carried")).into_view() } else { empty() })
        .dyn_child(
            move || if restored.get() { el("p").class("mw-notice").attr("role", "status").text_dyn(i18n.tr("agr.restored")).into_view() } else { empty() },
        )
        .dyn_child(move || match failure.get() {
            Some(f) => el("p").class("mw-field-error").attr("role", "alert").text(i18n.t(f.message_key())).into_view(),
            None => empty(),
        })
        .child(body)
        .into_view()
}

/// The edit session the panel opens with: unsaved edits from before a
/// reload come back, merged three-way into what is stored now; `restored`
/// says whether any did.
fn restore_session(me_id: &str, doc: RwSignal<Option<Loaded>>, restored: RwSignal<bool>) -> EditSession {
    let rel_id = doc.with_untracked(|d| d.as_ref().map(|d| d.rel.id.clone())).unwrap_or_default();
    let stored = doc.with_untracked(|d| d.as_ref().map(|d| current_text(&d.rel))).unwrap_or_default();
    let mut s = EditSession::new(&stored);
    // A first draft cannot be dropped: with neither a draft nor a version
    // stored, a backup belongs to some earlier relationship and is stale.
    let has_text = doc.with_untracked(|d| d.as_ref().is_some_and(|d| d.rel.agreement.draft.is_some() || !d.rel.agreement.versions.is_empty()));
    match backup::load(me_id, &rel_id) {
        Some((base, local)) if has_text && !diff(&base, &local).is_empty() => {
            s = EditSession { base, local, conflicts: Vec::new() };
            s.rebase(&stored);
            restored.set(s.dirty());
            if !s.dirty() {
                backup::clear(me_id, &rel_id);
            }
        }
        _ => backup::clear(me_id, &rel_id),
    }
    s
}

/// Runs one of the panel's writes (start a draft, drop an amendment, carry
/// edits whose draft is gone), then shows the form or the heading, or the
/// failure. The panel may be gone when the answer comes: each touch is a `try_`.
fn job_runner(
    env: &Env,
    me: Person,
    doc: RwSignal<Option<Loaded>>,
    session: RwSignal<EditSession>,
    mode: RwSignal<Mode>,
    failure: RwSignal<Option<Failure>>,
) -> SendWrapper<impl Fn(Job) + Clone> {
    let env = env.clone();
    SendWrapper::new(move |job: Job| {
        let Some(bridge) = env.host() else { return };
        failure.set(None);
        let (env, me) = (env.clone(), me.clone());
        let target = match job {
            Job::Start(_) => FIRST_FIELD,
            Job::Discard(_) => HEADING,
            Job::Carry => FIRST_FIELD,
        };
        spawn_local(async move {
            let result = match job {
                Job::Start(content) => start_draft(&bridge, doc, content, &me).await,
                Job::Discard(shown) => discard_amendment(&bridge, doc, &shown).await,
                Job::Carry => save_draft(&bridge, doc, session, &me).await,
            };
            match result {
                Ok(()) => {
                    if mode.try_set(Mode::Edit).is_none() {
                        crate::ui::dom::focus_later(&env.host, target.to_string());
                    }
                }
                Err(f) => {
                    if let Failure::Bridge(e) = &f {
                        env.report(e);
                    }
                    failure.try_set(Some(f));
                }
            }
        });
    })
}

/// Folds a newer stored agreement into the session; `carried` turns on
/// when unsaved edits lost their draft (they are then saved as an amendment).
fn follow_stored(doc: RwSignal<Option<Loaded>>, session: RwSignal<EditSession>, carried: RwSignal<bool>) {
    Effect::new(move |_| {
        let Some((stored, has_draft)) = doc.with(|d| d.as_ref().map(|d| (current_text(&d.rel), d.rel.agreement.draft.is_some()))) else { return };
        let dirty = session.with_untracked(EditSession::dirty);
        if session.with_untracked(|s| !diff(&s.base, &stored).is_empty()) {
            session.update(|s| s.rebase(&stored));
        }
        if !has_draft && dirty {
            carried.set(true);
        }
    });
}
