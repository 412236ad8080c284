use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::bridge::repo::{load_relationship, Fetched};
use crate::bridge::BridgeError;
use crate::domain::envelope::DecodeError;
use crate::domain::keys;
use crate::domain::person::Person;
use crate::ui::agreement::actions::Loaded;
use crate::ui::dom::{el, empty, AnyView};
use crate::ui::env::Env;

#[derive(Clone, Debug, PartialEq)]
enum PageState {
    Loading,
    Ready,
    Broken(DecodeError),
    Missing,
    Failed(BridgeError),
}

/// RelationshipPage: one relationship: who with, where it stands, and its
/// agreement. It follows changes to the stored relationship (the partner
/// signing or editing).
pub fn relationship_page(env: &Env, id: String, me: Person, on_back: Callback<()>) -> AnyView {
    let i18n = env.i18n;
    let doc = RwSignal::new(None::<Loaded>);
    let state = RwSignal::new(PageState::Loading);

    let load = {
        let (env, id) = (env.clone(), id.clone());
        SendWrapper::new(move || {
            let Some(bridge) = env.host() else { return };
            let (env, id) = (env.clone(), id.clone());
            spawn_local(async move {
                let next = match load_relationship(&bridge, &id).await {
                    Ok(Fetched::Ready { relationship, revision }) => {
                        doc.try_set(Some(Loaded { rel: relationship, revision }));
                        PageState::Ready
                    }
                    Ok(Fetched::Broken(e)) => PageState::Broken(e),
                    Ok(Fetched::Missing) => PageState::Missing,
                    Err(e) => {
                        env.report(&e);
                        PageState::Failed(e)
                    }
                };
                // A failed refresh keeps what is already on screen.
                let keep = state.try_with_untracked(|s| *s == PageState::Ready).unwrap_or(false) && next != PageState::Ready;
                if !keep && state.try_with_untracked(|s| *s != next).unwrap_or(false) {
                    state.try_set(next);
                }
            });
        })
    };
    load();
    // Once the slots are on the page, ask the loader for the feature
    // modules; they are removed with the page.
    let dispose = std::rc::Rc::new(std::cell::RefCell::new(Vec::<js_sys::Function>::new()));
    {
        let (env, id, dispose) = (env.clone(), id.clone(), dispose.clone());
        let asked = std::rc::Rc::new(std::cell::Cell::new(false));
        Effect::new(move |_| {
            if state.get() != PageState::Ready || asked.get() {
                return;
            }
            asked.set(true);
            let (env, id, dispose) = (env.clone(), id.clone(), dispose.clone());
            request_animation_frame(move || {
                let root = env.host.shadow_root();
                for (name, slot) in [("agreement", "mw-agreement-slot"), ("checkins", "mw-checkins-slot"), ("goals", "mw-goals-slot")] {
                    if let Some(slot) = root.as_ref().and_then(|r| r.get_element_by_id(slot)) {
                        if let Some(f) = env.load_feature(name, &slot, &id) {
                            dispose.borrow_mut().push(f);
                        }
                    }
                }
            });
        });
    }
    let dispose = SendWrapper::new(dispose);
    on_cleanup(move || {
        for f in dispose.borrow_mut().drain(..) {
            let _ = f.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    if let Some(bridge) = env.host() {
        let reload = load.clone();
        let key = keys::relationship(&id);
        let exact = key.clone();
        let sub = bridge.subscribe(&key, move |changed| {
            if changed == exact {
                reload()
            }
        });
        let sub = SendWrapper::new(sub);
        on_cleanup(move || drop(sub));
    }

    let title = {
        let me = me.clone();
        move || {
            doc.with(|d| {
                d.as_ref()
                    .map(|d| {
                        let partner = d.rel.partner_for(&me).map(|p| p.display_name.clone()).unwrap_or_default();
                        format!("{} {}", i18n.t(d.rel.kind.label_key()), i18n.f("list.with", &[("name", &partner)]))
                    })
                    .unwrap_or_default()
            })
        }
    };
    let body = move || {
        let retry = load.clone();
        let panel_of = |message: String, with_retry: bool| {
            let retry = retry.clone();
            el("div")
                .class("mw-panel mw-panel--error")
                .attr("role", "alert")
                .child(el("p").text(message).into_view())
                .child(if with_retry {
                    el("button").attr("type", "button").class("mw-button").on(leptos::ev::click, move |_| retry()).text(i18n.t("home.retry")).into_view()
                } else {
                    empty()
                })
                .into_view()
        };
        match state.get() {
            PageState::Loading => el("p").class("mw-status").text(i18n.t("shell.loading")).into_view(),
            // The agreement and the goal tracker are modules of their own,
            // loaded into these slots by loader.js (see feature.rs): they
            // stay out of the first load.
            PageState::Ready => crate::ui::dom::fragment(vec![
                el("div").id("mw-agreement-slot").class("mw-agreement-slot").into_view(),
                el("div").id("mw-checkins-slot").class("mw-checkins-slot").into_view(),
                el("div").id("mw-goals-slot").class("mw-goals-slot").into_view(),
            ]),
            PageState::Broken(e) => panel_of(i18n.t(e.message_key()), false),
            PageState::Missing => panel_of(i18n.t("bridge.not_found"), false),
            PageState::Failed(e) => panel_of(i18n.t(e.message_key()), true),
        }
    };

    el("section")
        .class("mw-page")
        .attr("aria-labelledby", "mw-page-heading")
        .child(el("button").attr("type", "button").class("mw-button mw-button--link mw-back").on(leptos::ev::click, move |_| on_back.run(())).text_dyn(i18n.tr("page.back")).into_view())
        .child(el("h2").id("mw-page-heading").class("mw-heading").attr("tabindex", "-1").text_dyn(title).into_view())
        .dyn_child(move || match doc.with(|d| d.as_ref().map(|d| d.rel.state)) {
            Some(s) => el("p").child(el("span").class("mw-badge").text(i18n.t(s.label_key())).into_view()).into_view(),
            None => empty(),
        })
        .dyn_child(body)
        .into_view()
}
