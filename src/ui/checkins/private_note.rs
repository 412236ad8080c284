//! My private notes on a check-in, stored under my own key and never shown to the partner. A
//! different text saved from another of my tabs is shown beside mine, not written over it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::bridge::repo::load_private_note;
use crate::bridge::save::{Held, Saved};
use crate::bridge::writes;
use crate::domain::checkins::record::{PrivateNote, MAX_TEXT};
use crate::domain::keys;
use crate::ui::checkins::book::Book;
use crate::ui::dom::{el, AnyView};
use crate::ui::env::Env;
use crate::ui::kit::button::button;
use crate::ui::kit::label::{label, Look};
use crate::ui::kit::radio_group::Words;
use crate::ui::kit::save_status::{save_status, SaveState};
use crate::ui::platform::now_rfc3339;

#[derive(Clone, Debug, PartialEq)]
enum NoteState {
    Loading,
    Ready,
    /// Stored but unreadable: shown, never written over.
    Broken(&'static str),
    Saving,
    Saved,
    Failed(String),
    /// Another of my tabs saved a different text meanwhile: mine stays in
    /// the box, theirs is shown beside it; saving again keeps mine.
    Clashed(String),
}

/// PrivateNote: my own notes on this check-in, stored under my private key
/// (`mw/v1/private/{me}/...`), never shown to the partner and never part of
/// the shared record, and labelled so nobody mistakes them for shared.
pub fn private_note(env: &Env, book: &Book, checkin_id: String) -> AnyView {
    let i18n = env.i18n;
    let text = RwSignal::new(String::new());
    // The note as stored, with its revision: the base of the next save.
    let held = StoredValue::new(None::<Held<PrivateNote>>);
    let state = RwSignal::new(NoteState::Loading);
    let read_only = !book.is_open();
    let (me, rel_id) = (book.me.id.clone(), book.rel.id.clone());

    if let Some(bridge) = env.host() {
        let (env, me, rel_id, cid) = (env.clone(), me.clone(), rel_id.clone(), checkin_id.clone());
        spawn_local(async move {
            match load_private_note(&bridge, &me, &rel_id, &cid).await {
                Ok(Some(Ok((note, revision)))) => {
                    text.try_set(note.text.clone());
                    held.try_set_value(Some(Held { doc: note, revision }));
                    state.try_set(NoteState::Ready);
                }
                Ok(Some(Err(e))) => {
                    state.try_set(NoteState::Broken(e.message_key()));
                }
                Ok(None) => {
                    state.try_set(NoteState::Ready);
                }
                Err(e) => {
                    env.report(&e);
                    state.try_set(NoteState::Failed(env.i18n.t(e.message_key())));
                }
            }
        });
    }

    let save = {
        let env = env.clone();
        move || {
            let Some(bridge) = env.host() else { return };
            if text.with_untracked(|t| t.len() > MAX_TEXT) {
                state.set(NoteState::Failed(i18n.f("checkin.error.too_long", &[("max", &MAX_TEXT.to_string())])));
                return;
            }
            state.set(NoteState::Saving);
            let (env, me, rel_id, cid) = (env.clone(), me.clone(), rel_id.clone(), checkin_id.clone());
            spawn_local(async move {
                let (Some(mine), Some(base)) = (text.try_get_untracked(), held.try_get_value()) else { return };
                let note = PrivateNote { checkin_id: cid.clone(), text: mine, updated_at: now_rfc3339() };
                // The key is built from the signed-in person, never from the note.
                let key = keys::private_note(&me, &rel_id, &cid);
                let result = writes::private_note(&bridge, &key, base, note).await;
                match result {
                    Ok(Saved::Stored { held: stored, .. }) => {
                        held.try_set_value(Some(stored));
                        state.try_set(NoteState::Saved);
                    }
                    Ok(Saved::Clashed { stored, .. }) | Ok(Saved::Refused { stored, .. }) => {
                        let theirs = stored.doc.text.clone();
                        held.try_set_value(Some(stored));
                        state.try_set(NoteState::Clashed(theirs));
                    }
                    Err(e) => {
                        if let Some(b) = e.bridge() {
                            env.report(b);
                        }
                        state.try_set(NoteState::Failed(i18n.f("checkin.save_failed", &[("reason", &i18n.t(e.message_key()))])));
                    }
                }
            });
        }
    };

    let locked = move || read_only || matches!(state.get(), NoteState::Loading | NoteState::Broken(_) | NoteState::Saving);
    el("section")
        .class("mw-section mw-private")
        .attr("aria-labelledby", "mw-private-heading")
        .child(el("h5").id("mw-private-heading").class("mw-section__title").text_dyn(i18n.tr("checkin.private")).into_view())
        .child(el("p").id("mw-private-hint").class("mw-hint").text(i18n.f("checkin.private_hint", &[("name", &book.partner_name())])).into_view())
        .child(label(i18n, "mw-private-text", Words::Key("checkin.private"), Look::Above))
        .child(
            el("textarea")
                .id("mw-private-text")
                .class("mw-input mw-textarea")
                .attr("rows", "3")
                .attr("aria-describedby", "mw-private-hint mw-private-status")
                .prop_flag("readOnly", locked)
                .prop_text("value", move || text.get())
                .on(leptos::ev::input, move |ev| text.set(event_target_value(&ev)))
                .into_view(),
        )
        .child(save_status(Some("mw-private-status"), move || match state.get() {
            NoteState::Saved => (SaveState::Saved, i18n.t("checkin.private_saved")),
            NoteState::Saving => (SaveState::Saving, String::new()),
            NoteState::Broken(key) => (SaveState::Failed, i18n.t(key)),
            NoteState::Failed(m) => (SaveState::Failed, m),
            NoteState::Clashed(_) => (SaveState::Clashed, i18n.t("checkin.private_clash")),
            NoteState::Loading | NoteState::Ready => (SaveState::Idle, String::new()),
        }))
        .child(crate::ui::dom::dyn_view(move || match state.get() {
            // What the other tab saved, to read and take over if wanted.
            NoteState::Clashed(theirs) => el("div")
                .class("mw-clash")
                .child(el("p").class("mw-label").text_dyn(i18n.tr("checkin.private_theirs")).into_view())
                .child(el("blockquote").class("mw-quote").text(theirs.clone()).into_view())
                .child(
                    button()
                        .class("mw-button mw-button--small")
                        .on(leptos::ev::click, move |_| {
                            text.set(theirs.clone());
                            state.set(NoteState::Saved);
                        })
                        .text_dyn(i18n.tr("checkin.private_take_theirs"))
                        .into_view(),
                )
                .into_view(),
            _ => crate::ui::dom::empty(),
        }))
        .child(if read_only {
            crate::ui::dom::empty()
        } else {
            button()
                .class("mw-button mw-private__save")
                .prop_flag("disabled", locked)
                .on(leptos::ev::click, move |_| save())
                .text_dyn(i18n.tr("checkin.private_save"))
                .into_view()
        })
        .into_view()
}
