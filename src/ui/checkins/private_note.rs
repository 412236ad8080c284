use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::bridge::repo::{load_private_note, save_private_note};
use crate::bridge::BridgeError;
use crate::domain::checkins::record::{PrivateNote, MAX_TEXT};
use crate::ui::checkins::book::Book;
use crate::ui::dom::{el, AnyView};
use crate::ui::env::Env;
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
}

/// PrivateNote: my own notes on this check-in, stored under my private key
/// (`mw/v1/private/{me}/...`), never shown to the partner and never part of
/// the shared record, and labelled so nobody mistakes them for shared.
pub fn private_note(env: &Env, book: &Book, checkin_id: String) -> AnyView {
    let i18n = env.i18n;
    let text = RwSignal::new(String::new());
    let revision = StoredValue::new(None::<String>);
    let state = RwSignal::new(NoteState::Loading);
    let read_only = !book.is_open();
    let (me, rel_id) = (book.me.id.clone(), book.rel.id.clone());

    if let Some(bridge) = env.host() {
        let (env, me, rel_id, cid) = (env.clone(), me.clone(), rel_id.clone(), checkin_id.clone());
        spawn_local(async move {
            match load_private_note(&bridge, &me, &rel_id, &cid).await {
                Ok(Some(Ok((note, rev)))) => {
                    text.try_set(note.text);
                    revision.set_value(Some(rev));
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
                let note = PrivateNote { checkin_id: cid, text: text.get_untracked(), updated_at: now_rfc3339() };
                // Only I write here; a conflict means my other tab saved: mine, now, wins.
                let mut result = save_private_note(&bridge, &me, &rel_id, &note, revision.get_value().as_deref()).await;
                if result == Err(BridgeError::Conflict) {
                    if let Ok(Some(Ok((_, rev)))) = load_private_note(&bridge, &me, &rel_id, &note.checkin_id).await {
                        result = save_private_note(&bridge, &me, &rel_id, &note, Some(&rev)).await;
                    }
                }
                match result {
                    Ok(rev) => {
                        revision.set_value(Some(rev));
                        state.try_set(NoteState::Saved);
                    }
                    Err(e) => {
                        env.report(&e);
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
        .child(el("label").attr("for", "mw-private-text").class("mw-label").text_dyn(i18n.tr("checkin.private")).into_view())
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
        .child(
            el("p")
                .id("mw-private-status")
                .class("mw-save-status")
                .attr("role", "status")
                .attr_dyn("data-state", move || {
                    Some(match state.get() {
                        NoteState::Saved => "saved",
                        NoteState::Saving => "saving",
                        NoteState::Failed(_) | NoteState::Broken(_) => "failed",
                        _ => "idle",
                    }
                    .to_string())
                })
                .text_dyn(move || match state.get() {
                    NoteState::Saved => i18n.t("checkin.private_saved"),
                    NoteState::Broken(key) => i18n.t(key),
                    NoteState::Failed(m) => m,
                    _ => String::new(),
                })
                .into_view(),
        )
        .child(if read_only {
            crate::ui::dom::empty()
        } else {
            el("button").attr("type", "button").class("mw-button").prop_flag("disabled", locked).on(leptos::ev::click, move |_| save()).text_dyn(i18n.tr("checkin.private_save")).into_view()
        })
        .into_view()
}
