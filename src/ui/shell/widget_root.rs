//! The top of one widget instance: checks the bridge, finds who is signed in, and shows the home
//! or the open relationship. The workspace's code is fetched when a relationship first opens.

use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::bridge::host::Identity;
use crate::bridge::BridgeError;
use crate::ui::dom::{el, empty, AnyView};
use crate::ui::env::{Env, HostEvent};
use crate::ui::relationships::relationship_home::relationship_home;
use crate::ui::shell::setup_error::setup_error;

#[derive(Clone, Debug, PartialEq)]
enum Who {
    Loading,
    Known(Identity),
    Failed(BridgeError),
}

/// WidgetRoot: the top of one widget instance: checks the bridge, asks who
/// is signed in, then shows their home.
pub fn widget_root(env: Env) -> AnyView {
    let i18n = env.i18n;
    let who = RwSignal::new(Who::Loading);

    let ask = {
        let env = env.clone();
        SendWrapper::new(move || {
            let env = env.clone();
            match env.bridge.as_ref() {
                Err(e) => {
                    env.report(e);
                    who.set(Who::Failed(e.clone()));
                }
                Ok(bridge) => {
                    let bridge = bridge.clone();
                    who.set(Who::Loading);
                    spawn_local(async move {
                        match bridge.identity().await {
                            Ok(identity) => {
                                let user_id = identity.person.id.clone();
                                env.time_zone.try_set(identity.time_zone.as_deref().and_then(|z| {
                                    let known = crate::ui::platform::known_zone(z);
                                    if known.is_none() {
                                        web_sys::console::warn_1(&format!("[mentoring-widget] the identity's timeZone \"{z}\" is no time zone this browser knows: the browser's own zone is used").into());
                                    }
                                    known
                                }));
                                // The identity's locale counts when the host gave none: its
                                // texts are fetched before the home shows, so the person
                                // never sees the home change language under them.
                                if env.locale_sources.try_update(|s| s.identity = identity.locale.clone()).is_some() {
                                    if let Err(e) = crate::ui::texts::apply(&env, false).await {
                                        env.texts_failed(e);
                                    }
                                }
                                // None means the signal took it: the widget is still mounted.
                                if who.try_set(Who::Known(identity)).is_none() {
                                    env.emit(HostEvent::Ready { user_id });
                                    crate::ui::workspace::views::prefetch_later(crate::ui::workspace::views::FROM_HOME);
                                    crate::ui::texts::prefetch_later(&env, crate::domain::messages::Part::Views);
                                }
                            }
                            Err(e) => {
                                if who.try_set(Who::Failed(e.clone())).is_none() {
                                    env.report(&e);
                                }
                            }
                        }
                    });
                }
            }
        })
    };
    ask();
    let retry = Callback::new(move |_: ()| ask());

    let local_only = env.host().is_some_and(|b| b.is_local_only());
    let brand = env.brand;
    let env_body = env.clone();
    el("div")
        .class("mw-root")
        .attr_dyn("lang", move || Some(i18n.locale()))
        .attr_dyn("dir", move || Some(i18n.dir().to_string()))
        .child(
            el("header")
                .class("mw-header")
                .child(el("span").class("mw-brand").text_dyn(move || brand.get().unwrap_or_else(|| i18n.t("shell.brand"))).into_view())
                .dyn_child(move || match who.get() {
                    Who::Known(id) => el("span").class("mw-whoami").text(i18n.f("shell.signed_in_as", &[("name", &id.person.display_name)])).into_view(),
                    _ => empty(),
                })
                .into_view(),
        )
        .child(if local_only { el("p").class("mw-notice").text_dyn(i18n.tr("shell.local_only")).into_view() } else { empty() })
        .dyn_child(move || match who.get() {
            Who::Loading => el("p").class("mw-status").attr("role", "status").text_dyn(i18n.tr("shell.loading")).into_view(),
            Who::Failed(e) => {
                let on_retry = (!e.is_misconfiguration()).then_some(retry);
                setup_error(i18n, &e, on_retry)
            }
            Who::Known(id) => signed_in(&env_body, id.person),
        })
        .into_view()
}

/// What a signed-in person sees: the home (kept mounted, hidden while a
/// relationship is open) and the open relationship's workspace, whose code
/// is fetched when the first relationship opens. A move between the views
/// of one relationship keeps its workspace; opening another builds a new one.
fn signed_in(env: &Env, me: crate::domain::person::Person) -> AnyView {
    use crate::domain::route::Route;
    use crate::ui::workspace::views::{lazy_view, load_workspace};
    let route = env.route;
    let open = Memo::new(move |_| match route.get() {
        Route::Relationship { id, .. } => Some(id),
        Route::Home => None,
    });
    let workspace = {
        let (env, me) = (env.clone(), me.clone());
        crate::ui::dom::dyn_view(move || match open.get() {
            Some(id) => {
                let (env, me) = (env.clone(), me.clone());
                let env_view = env.clone();
                lazy_view(&env_view, move || Box::pin(load_workspace(env.clone(), id.clone(), me.clone())))
            }
            None => empty(),
        })
    };
    crate::ui::dom::fragment(vec![relationship_home(env, me), workspace])
}
