//! The form for one check-in, from the agenda to the pulse and my private notes. Unsaved
//! entries are kept in this tab, so a failed save or a reload loses none of them.

use leptos::prelude::*;

use crate::domain::checkins::record::{CheckIn, CheckInKind};
use crate::domain::relationship::State;
use crate::ui::checkins::action_items::action_items;
use crate::ui::checkins::agenda_editor::agenda_editor;
use crate::ui::checkins::book::Book;
use crate::ui::checkins::checkin_draft::{CheckInDraft, Saving};
use crate::ui::checkins::checkin_fields::{checkin_notes, checkin_when};
use crate::ui::checkins::goal_progress::goal_progress;
use crate::ui::checkins::private_note::private_note;
use crate::ui::checkins::pulse_input::pulse_input;
use crate::ui::checkins::review_questions::review_questions;
use crate::ui::dom::{el, empty, AnyView};
use crate::ui::env::Env;
use crate::ui::kit::button::button;
use crate::ui::kit::error_summary::error_summary;
use crate::ui::kit::field_error::message;
use crate::ui::kit::save_status::{save_status, SaveState};

/// CheckInForm: one check-in: when and how, the agenda, shared notes, wins,
/// challenges and feedback, progress per active goal (which goes into each
/// goal's history), action items, each person's pulse, the mid-point
/// review's questions when it is one, and my private notes. Saved with the
/// Save button; unsaved entries survive a failed save and a reload.
pub fn checkin_form(env: &Env, book: Book, checkin: CheckIn, revision: Option<String>, on_close: Callback<()>, review_done: Callback<String>) -> AnyView {
    let i18n = env.i18n;
    let read_only = !book.is_open();
    let form = CheckInDraft::new(&book.me.id, &book.rel.id, &checkin, revision);
    let CheckInDraft { draft, saving, errors, restored, not_kept, .. } = form.clone();
    if !read_only {
        form.restore_and_keep(&checkin.id);
    }
    let save = form.saver(env, &book, review_done);

    let when = checkin_when(i18n, draft, errors);
    let shared = checkin_notes(i18n, draft, errors);

    let partner = book.partner_name();
    let status = save_status(None, move || match saving.get() {
        Saving::Idle if restored.get() => (SaveState::Idle, i18n.t("checkin.restored")),
        Saving::Idle => (SaveState::Idle, String::new()),
        Saving::Busy => (SaveState::Saving, i18n.t("form.saving")),
        Saving::Saved => (SaveState::Saved, i18n.t("checkin.saved")),
        Saving::Merged => (SaveState::Saved, format!("{} {}", i18n.t("checkin.saved"), i18n.f("checkin.merged", &[("name", &partner)]))),
        Saving::Invalid => (SaveState::Failed, i18n.t("checkin.fix")),
        Saving::Failed(e) => (SaveState::Failed, i18n.f("checkin.save_failed", &[("reason", &i18n.t(e.message_key()))])),
        Saving::Unfed(goals, e) => (SaveState::Failed, i18n.f("checkin.unfed", &[("goals", &goals.join(", ")), ("reason", &i18n.t(e.message_key()))])),
        Saving::Clashed(fields) => {
            (SaveState::Clashed, i18n.f("checkin.clash", &[("fields", &fields.iter().map(|f| i18n.t(f)).collect::<Vec<_>>().join(", "))]))
        }
    });

    let is_review = checkin.kind == CheckInKind::MidpointReview;
    let in_review = book.rel.state == State::MidpointReview;
    // Progress a reload left unfed is fed again at once; the check-in is
    // not rewritten.
    if !read_only && form.left_unfed() {
        save(false);
    }

    let (save_click, finish_click) = (save.clone(), save.clone());
    let actions = el("div")
        .class("mw-actions")
        .child(if read_only {
            empty()
        } else {
            button()
                .class("mw-button mw-button--primary")
                .prop_flag("disabled", move || saving.get() == Saving::Busy)
                .on(leptos::ev::click, move |_| save_click(false))
                .text_dyn(i18n.tr("checkin.save"))
                .into_view()
        })
        .child(if is_review && in_review && !read_only {
            button()
                .class("mw-button")
                .prop_flag("disabled", move || saving.get() == Saving::Busy || draft.with(|c| c.review.as_ref().is_none_or(|r| r.decision.is_empty())))
                .on(leptos::ev::click, move |_| finish_click(true))
                .text_dyn(i18n.tr("review.finish"))
                .into_view()
        } else {
            empty()
        })
        .child(button().class("mw-button").on(leptos::ev::click, move |_| on_close.run(())).text_dyn(i18n.tr("checkin.close_form")).into_view())
        .into_view();

    let day = checkin.day().map(|d| i18n.day(d)).unwrap_or_else(|| checkin.date.clone());
    let heading = i18n.f(if is_review { "checkin.review_heading" } else { "checkin.form_heading" }, &[("date", &day)]);
    let shared_parts = el("fieldset")
        .class("mw-plain-fieldset")
        .prop_flag("disabled", move || read_only)
        .child(when)
        .child(agenda_editor(i18n, draft, &book, errors))
        .child(if is_review { review_questions(i18n, draft) } else { empty() })
        .child(shared)
        .child(goal_progress(i18n, draft, &book, errors))
        .child(action_items(env, draft, &book, errors))
        .child(pulse_input(i18n, draft, &book))
        .into_view();

    el("section")
        .class("mw-checkin-form")
        .attr("data-checkin", checkin.id.clone())
        .attr("aria-labelledby", "mw-checkin-form-heading")
        .child(el("h4").id("mw-checkin-form-heading").attr("tabindex", "-1").class("mw-section__title").text(heading).into_view())
        .child(if read_only { el("p").class("mw-notice").text_dyn(i18n.tr("checkin.read_only")).into_view() } else { empty() })
        .child(error_summary(i18n, env.host.clone(), "mw-ci-summary", "form.errors_summary", errors.into(), |i18n, e| {
            (message(i18n, e), format!("mw-ci-{}-error", e.field))
        }))
        .child(shared_parts)
        .child(status)
        .child(crate::ui::shell::unsaved_notice::unsaved_notice(i18n, not_kept))
        .child(actions)
        .child(private_note(env, &book, checkin.id.clone()))
        .into_view()
}
