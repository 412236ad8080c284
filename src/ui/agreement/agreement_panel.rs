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
use crate::domain::relationship::{Relationship, State};
use crate::ui::agreement::actions::{discard_amendment, save_draft, start_draft, Failure, Loaded};
use crate::ui::agreement::agreement_document::agreement_document;
use crate::ui::agreement::agreement_form::agreement_form;
use crate::ui::agreement::change_list::change_list;
use crate::ui::agreement::export_bar::export_bar;
use crate::ui::agreement::signature_panel::signature_panel;
use crate::ui::agreement::template_picker::template_picker;
use crate::ui::agreement::version_history::version_history;
use crate::ui::dom::{dyn_view, el, empty, fragment, text, AnyView};
use crate::ui::env::{Env, I18n};
use crate::ui::kit::button::button;
use crate::ui::platform::{print, PrintMode};

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
    let rel_id = doc.with_untracked(|d| d.as_ref().map(|d| d.rel.id.clone())).unwrap_or_default();

    // Unsaved edits from before a reload come back first: kept with the
    // content they were typed on and merged three-way into what is stored
    // now, so a partner's newer edits to other fields are not reverted.
    let restored = RwSignal::new(false);
    let session = RwSignal::new({
        let stored = doc.with_untracked(|d| d.as_ref().map(|d| current_text(&d.rel))).unwrap_or_default();
        let mut s = EditSession::new(&stored);
        // A first draft cannot be dropped: with neither a draft nor a version
        // stored, a backup belongs to some earlier relationship and is stale.
        let has_text = doc.with_untracked(|d| d.as_ref().is_some_and(|d| d.rel.agreement.draft.is_some() || !d.rel.agreement.versions.is_empty()));
        match backup::load(&me.id, &rel_id) {
            Some((base, local)) if has_text && !diff(&base, &local).is_empty() => {
                s = EditSession { base, local, conflicts: Vec::new() };
                s.rebase(&stored);
                restored.set(s.dirty());
                if !s.dirty() {
                    backup::clear(&me.id, &rel_id);
                }
            }
            _ => backup::clear(&me.id, &rel_id),
        }
        s
    });
    // A newer stored agreement (the partner saved, signed, or dropped an
    // amendment) is folded into what is shown. Unsaved edits are never reset
    // by it: if their draft is gone, the form saves them as an amendment.
    let carried = RwSignal::new(false);
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

    // When one screen replaces another at the person's request, keyboard
    // focus moves to the new screen: the first field of the form, or the
    // agreement's heading; otherwise it would fall to the page's body.
    let focus = {
        let host = env.host.clone();
        move |target: &'static str| crate::ui::dom::focus_later(&host, target.to_string())
    };
    let run = {
        let (env, me, focus) = (env.clone(), me.clone(), focus.clone());
        SendWrapper::new(move |job: Job| {
            let Some(bridge) = env.host() else { return };
            failure.set(None);
            let (env, me, focus) = (env.clone(), me.clone(), focus.clone());
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
                            focus(target);
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
    };

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
    let on_review = Callback::new({
        let focus = focus.clone();
        move |_| {
            mode.set(Mode::Review);
            focus(HEADING);
        }
    });
    let on_print = Callback::new(move |_| mode.set(Mode::Print));
    let back_to_editing = {
        let focus = focus.clone();
        move |_| {
            mode.set(Mode::Edit);
            focus(FIRST_FIELD);
        }
    };
    let close_print = {
        let focus = focus.clone();
        move || {
            mode.set(Mode::Review);
            focus(HEADING);
        }
    };

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
        let open_draft = if closed { None } else { record.draft.clone() };
        match (&open_draft, mode.get_untracked()) {
            (_, Mode::Print) => print_view(i18n, &rel, close_print.clone()),
            (None, _) if record.versions.is_empty() => el("div")
                .class("mw-agreement-start")
                .child(el("p").text_dyn(i18n.tr("agr.none_yet")).into_view())
                .child(if closed { empty() } else { template_picker(&env, rel.kind, on_pick) })
                .into_view(),
            (None, _) => {
                let run = run.clone();
                let current = record.versions.last().map(|v| {
                    fragment(vec![
                        el("p")
                            .class("mw-status-line")
                            .child(el("span").class("mw-badge mw-badge--ok").text_dyn(i18n.tr("agr.in_force")).into_view())
                            .text(format!(" {}", i18n.f("agr.version_in_force", &[("n", &v.number.to_string()), ("date", &i18n.date(&v.in_force_at))])))
                            .into_view(),
                        export_bar(i18n, &rel, &v.content, &v.signatures, on_print),
                        agreement_document(i18n, &rel, &v.content, &[]),
                    ])
                });
                fragment(vec![
                    current.unwrap_or_else(empty),
                    if closed {
                        empty()
                    } else {
                        el("div")
                            .class("mw-actions")
                            .child(
                                button()
                                    .class("mw-button")
                                    .on(leptos::ev::click, move |_| run(Job::Start(Content::new())))
                                    .text_dyn(i18n.tr("agr.amend"))
                                    .into_view(),
                            )
                            .into_view()
                    },
                    version_history(i18n, &rel),
                ])
            }
            (Some(draft), m) => {
                let amendment = draft.based_on.and_then(|n| record.versions.iter().find(|v| v.number == n).cloned());
                let changes = amendment.as_ref().map(|v| diff(&v.content, &draft.content)).unwrap_or_default();
                let changed: Vec<&'static str> = changes.iter().map(|c| c.field).collect();
                let heading = match &amendment {
                    Some(v) => i18n.f("agr.amending", &[("n", &v.number.to_string())]),
                    None => i18n.t("agr.draft"),
                };
                let discard = run.clone();
                let header = el("p")
                    .class("mw-status-line")
                    .child(el("span").class("mw-badge").text(heading).into_view())
                    .child(text(" "))
                    .child(if amendment.is_some() {
                        button()
                            .class("mw-button mw-button--small")
                            .on(leptos::ev::click, move |_| {
                                if let Some(shown) =
                                    doc.with_untracked(|d| d.as_ref().and_then(|d| d.rel.agreement.draft.as_ref().map(|dr| content_hash(&dr.content))))
                                {
                                    discard(Job::Discard(shown))
                                }
                            })
                            .text_dyn(i18n.tr("agr.discard_amendment"))
                            .into_view()
                    } else {
                        empty()
                    })
                    .into_view();
                // Follows the stored draft: the partner's edits (or theirs shown
                // after a refused drop) change the table without a rebuild.
                let diff_view = if amendment.is_some() {
                    dyn_view(move || {
                        let now = doc.with(|d| {
                            d.as_ref().and_then(|d| {
                                let r = &d.rel.agreement;
                                let draft = r.draft.as_ref()?;
                                let base = draft.based_on.and_then(|n| r.versions.iter().find(|v| v.number == n))?;
                                Some(diff(&base.content, &draft.content))
                            })
                        });
                        change_list(i18n, "agr.changes_caption", now.unwrap_or_default())
                    })
                } else {
                    empty()
                };
                if m == Mode::Edit {
                    fragment(vec![header, diff_view, agreement_form(&env, me.clone(), doc, session, on_review)])
                } else {
                    fragment(vec![
                        header,
                        diff_view,
                        el("div")
                            .class("mw-actions")
                            .child(
                                button().class("mw-button").on(leptos::ev::click, back_to_editing.clone()).text_dyn(i18n.tr("agr.back_to_editing")).into_view(),
                            )
                            .into_view(),
                        export_bar(i18n, &rel, &draft.content, &draft.signatures, on_print),
                        // The document follows the stored draft live (the partner may still edit).
                        dyn_view(move || {
                            doc.with(|d| match d.as_ref().and_then(|d| d.rel.agreement.draft.as_ref().map(|dr| (d.rel.clone(), dr.content.clone()))) {
                                Some((rel, content)) => agreement_document(i18n, &rel, &content, &changed),
                                None => empty(),
                            })
                        }),
                        signature_panel(&env, me.clone(), doc),
                    ])
                }
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

/// The document alone, laid out for paper: the widget's print stylesheet
/// hides the buttons, and print mode hides the rest of the host page.
fn print_view(i18n: I18n, rel: &Relationship, close: impl Fn() + Send + Sync + Clone + 'static) -> AnyView {
    let (content, signatures) = match (&rel.agreement.draft, rel.agreement.versions.last()) {
        (Some(d), _) => (d.content.clone(), d.signatures.clone()),
        (None, Some(v)) => (v.content.clone(), v.signatures.clone()),
        (None, None) => (Content::new(), Vec::new()),
    };
    let sigs: Vec<AnyView> = if signatures.is_empty() {
        vec![el("li").text_dyn(i18n.tr("agr.not_signed")).into_view()]
    } else {
        signatures
            .iter()
            .map(|s| {
                el("li")
                    .child(el("strong").text(s.name.clone()).into_view())
                    .text(format!(" ({}) · {}", i18n.t(s.role.label_key()), i18n.date(&s.at)))
                    .child(el("br").into_view())
                    .child(el("span").class("mw-hash").text(format!("SHA-256 {}", s.hash)).into_view())
                    .into_view()
            })
            .collect()
    };
    el("div")
        .class("mw-print")
        .child(
            el("div")
                .class("mw-actions mw-no-print")
                .child(button().class("mw-button mw-button--primary").on(leptos::ev::click, |_| print()).text_dyn(i18n.tr("agr.print")).into_view())
                .child(button().class("mw-button").on(leptos::ev::click, move |_| close()).text_dyn(i18n.tr("agr.close_print")).into_view())
                .into_view(),
        )
        .child(el("h2").class("mw-print__title").text_dyn(i18n.tr("agr.title")).into_view())
        .child(agreement_document(i18n, rel, &content, &[]))
        .child(el("h4").text_dyn(i18n.tr("agr.signatures")).into_view())
        .child(el("ul").class("mw-signature-list").children(sigs).into_view())
        .into_view()
}
