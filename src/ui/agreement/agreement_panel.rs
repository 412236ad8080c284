use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::bridge::backup;
use crate::domain::agreement::diff::diff;
use crate::domain::agreement::fields::Content;
use crate::domain::agreement::session::EditSession;
use crate::domain::person::Person;
use crate::domain::relationship::Relationship;
use crate::ui::agreement::actions::{discard_amendment, start_draft, Failure, Loaded};
use crate::ui::agreement::agreement_document::AgreementDocument;
use crate::ui::agreement::agreement_form::AgreementForm;
use crate::ui::agreement::change_list::ChangeList;
use crate::ui::agreement::export_bar::ExportBar;
use crate::ui::agreement::signature_panel::SignaturePanel;
use crate::ui::agreement::template_picker::TemplatePicker;
use crate::ui::agreement::version_history::VersionHistory;
use crate::ui::env::use_env;
use crate::ui::platform::{format_date, print, PrintMode};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Edit,
    Review,
    Print,
}

/// The agreement of one relationship, in whatever state it is: choose a
/// template, write it together, review and sign, read the version in force,
/// amend it, look back at earlier versions, print or download it.
#[component]
pub fn AgreementPanel(me: Person, doc: RwSignal<Option<Loaded>>) -> impl IntoView {
    let env = use_env();
    let i18n = env.i18n;
    let draft_content = move || doc.with_untracked(|d| d.as_ref().and_then(|d| d.rel.agreement.draft.as_ref().map(|dr| dr.content.clone())));
    let rel_id = doc.with_untracked(|d| d.as_ref().map(|d| d.rel.id.clone())).unwrap_or_default();

    // Unsaved edits from before a reload come back first.
    let restored = RwSignal::new(false);
    let session = RwSignal::new({
        let stored = draft_content().unwrap_or_default();
        let mut s = EditSession::new(&stored);
        if let Some(kept) = backup::load(&me.id, &rel_id) {
            if !diff(&stored, &kept).is_empty() && draft_content().is_some() {
                s.local = crate::domain::agreement::fields::canonical(&kept);
                restored.set(true);
            } else {
                backup::clear(&me.id, &rel_id);
            }
        }
        s
    });
    // A newer stored draft (the partner saved) is folded into what is shown.
    Effect::new(move |_| {
        let stored = doc.with(|d| d.as_ref().and_then(|d| d.rel.agreement.draft.as_ref().map(|dr| dr.content.clone())));
        if let Some(stored) = stored {
            if session.with_untracked(|s| !diff(&s.base, &stored).is_empty()) {
                session.update(|s| s.rebase(&stored));
            }
        } else if session.with_untracked(|s| !s.base.is_empty() || !s.local.is_empty()) {
            session.set(EditSession::default());
        }
    });

    let initial_mode = doc.with_untracked(|d| match d.as_ref().and_then(|d| d.rel.agreement.draft.as_ref()) {
        Some(dr) if !dr.signatures.is_empty() => Mode::Review,
        _ => Mode::Edit,
    });
    let mode = RwSignal::new(initial_mode);
    let failure = RwSignal::new(None::<Failure>);
    let print_mode = StoredValue::new_local(None::<PrintMode>);
    let host = env.host.clone();
    Effect::new(move |_| {
        if mode.get() == Mode::Print {
            print_mode.set_value(Some(PrintMode::start(&host)));
        } else {
            print_mode.set_value(None);
        }
    });

    let run = {
        let env = env.clone();
        SendWrapper::new(move |job: Job| {
            let Some(bridge) = env.host() else { return };
            failure.set(None);
            let env = env.clone();
            spawn_local(async move {
                let result = match job {
                    Job::Start(content, me) => start_draft(&bridge, doc, content, &me).await,
                    Job::Discard => discard_amendment(&bridge, doc).await,
                };
                match result {
                    Ok(()) => {
                        mode.try_set(Mode::Edit);
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

    let on_pick = Callback::new({
        let (run, me) = (run.clone(), me.clone());
        move |content: Content| run(Job::Start(content, me.clone()))
    });
    let on_review = Callback::new(move |_| mode.set(Mode::Review));
    let on_print = Callback::new(move |_| mode.set(Mode::Print));

    let body = move || {
        let Some(Loaded { rel, .. }) = doc.get() else { return ().into_any() };
        let record = rel.agreement.clone();
        match (&record.draft, mode.get()) {
            (_, Mode::Print) => print_view(rel, i18n, mode).into_any(),
            (None, _) if record.versions.is_empty() => view! {
                <div class="mw-agreement-start">
                    <p>{i18n.t("agr.none_yet")}</p>
                    <TemplatePicker kind=rel.kind on_pick=on_pick />
                </div>
            }
            .into_any(),
            (None, _) => {
                let current = record.versions.last().cloned();
                let run = run.clone();
                let me = me.clone();
                view! {
                    {current.map(|v| view! {
                        <p class="mw-status-line"><span class="mw-badge mw-badge--ok">{i18n.t("agr.in_force")}</span> " "
                            {i18n.f("agr.version_in_force", &[("n", &v.number.to_string()), ("date", &format_date(&v.in_force_at, i18n.locale()))])}</p>
                        <ExportBar rel=rel.clone() content=v.content.clone() signatures=v.signatures.clone() on_print=on_print />
                        <AgreementDocument rel=rel.clone() content=v.content.clone() />
                    })}
                    <div class="mw-actions">
                        <button type="button" class="mw-button" on:click=move |_| run(Job::Start(Content::new(), me.clone()))>{i18n.t("agr.amend")}</button>
                    </div>
                    <VersionHistory rel=rel.clone() />
                }
                .into_any()
            }
            (Some(draft), m) => {
                let amendment = draft.based_on.and_then(|n| record.versions.iter().find(|v| v.number == n).cloned());
                let changes = amendment.as_ref().map(|v| diff(&v.content, &draft.content)).unwrap_or_default();
                let changed_fields: Vec<&'static str> = changes.iter().map(|c| c.field).collect();
                let heading = match &amendment {
                    Some(v) => i18n.f("agr.amending", &[("n", &v.number.to_string())]),
                    None => i18n.t("agr.draft"),
                };
                let discard = run.clone();
                let header = view! {
                    <p class="mw-status-line"><span class="mw-badge">{heading}</span>" "
                        {amendment.is_some().then(|| view! {
                            <button type="button" class="mw-button mw-button--small" on:click=move |_| discard(Job::Discard)>{i18n.t("agr.discard_amendment")}</button>
                        })}
                    </p>
                };
                if m == Mode::Edit {
                    view! {
                        {header}
                        {amendment.is_some().then(|| view! { <ChangeList changes=changes.clone() /> })}
                        <AgreementForm me=me.clone() doc=doc session=session on_review=on_review />
                    }
                    .into_any()
                } else {
                    view! {
                        {header}
                        {amendment.is_some().then(|| view! { <ChangeList changes=changes.clone() /> })}
                        <div class="mw-actions">
                            <button type="button" class="mw-button" on:click=move |_| mode.set(Mode::Edit)>{i18n.t("agr.back_to_editing")}</button>
                        </div>
                        <ExportBar rel=rel.clone() content=draft.content.clone() signatures=draft.signatures.clone() on_print=on_print />
                        <AgreementDocument rel=rel.clone() content=draft.content.clone() changed=changed_fields />
                        <SignaturePanel me=me.clone() doc=doc />
                    }
                    .into_any()
                }
            }
        }
    };

    view! {
        <section class="mw-agreement" aria-labelledby="mw-agreement-heading">
            <h3 id="mw-agreement-heading" class="mw-subheading">{i18n.tr("agr.title")}</h3>
            {move || restored.get().then(|| view! { <p class="mw-notice" role="status">{i18n.t("agr.restored")}</p> })}
            {move || failure.get().map(|f| view! { <p class="mw-field-error" role="alert">{i18n.t(f.message_key())}</p> })}
            {body}
        </section>
    }
}

#[derive(Clone)]
enum Job {
    Start(Content, Person),
    Discard,
}

/// The document alone, laid out for paper: the widget's print stylesheet
/// hides these buttons, and print mode hides the rest of the host page.
fn print_view(rel: Relationship, i18n: crate::ui::env::I18n, mode: RwSignal<Mode>) -> impl IntoView {
    let (content, signatures) = match (&rel.agreement.draft, rel.agreement.versions.last()) {
        (Some(d), _) => (d.content.clone(), d.signatures.clone()),
        (None, Some(v)) => (v.content.clone(), v.signatures.clone()),
        (None, None) => (Content::new(), Vec::new()),
    };
    view! {
        <div class="mw-print">
            <div class="mw-actions mw-no-print">
                <button type="button" class="mw-button mw-button--primary" on:click=|_| print()>{i18n.t("agr.print")}</button>
                <button type="button" class="mw-button" on:click=move |_| mode.set(Mode::Review)>{i18n.t("agr.close_print")}</button>
            </div>
            <h2 class="mw-print__title">{i18n.t("agr.title")}</h2>
            <AgreementDocument rel=rel.clone() content=content />
            <h4>{i18n.t("agr.signatures")}</h4>
            <ul class="mw-signature-list">
                {if signatures.is_empty() { Some(view! { <li>{i18n.t("agr.not_signed")}</li> }) } else { None }}
                {signatures.into_iter().map(|s| view! {
                    <li><strong>{s.name.clone()}</strong>" ("{i18n.t(s.role.label_key())}") · "{format_date(&s.at, i18n.locale())}
                        <br /><span class="mw-hash">"SHA-256 "{s.hash.clone()}</span></li>
                }).collect_view()}
            </ul>
        </div>
    }
}
