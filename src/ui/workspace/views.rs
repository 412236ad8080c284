//! Where each view's code is fetched: the split points of the one build.
//!
//! With the `split` feature (`cargo xtask dist`), each function below is a
//! `wasm_split` point: `wasm-split-cli` moves the code only it reaches into
//! a chunk of its own, fetched the first time the function is called, and
//! every later call runs at once. The chunks share the main module's memory,
//! reactive runtime and code, so a view opened later sees the same signals.
//! Without the feature (component tests, where `wasm-bindgen-test` cannot run
//! the splitter) the same functions are plain calls.
//!
//! The list of views is `domain::route::Tab::ALL`; `load` matches on it, so
//! a new view cannot be added without a split point here.

use leptos::prelude::*;

use crate::domain::route::Tab;
use crate::ui::dom::AnyView;
use crate::ui::env::Env;
use crate::ui::kit::button::button;
use crate::ui::workspace::state::Workspace;

/// A view's code could not be fetched (offline, a deploy that removed the
/// old chunks). Loading it again starts a fresh attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChunkFailed;

impl From<leptos::wasm_split::SplitLoaderError> for ChunkFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> ChunkFailed {
        ChunkFailed
    }
}

/// Declares a split point `$name` (chunk `$chunk`) that builds its view with
/// `$build`, and `$preload`, which only fetches the chunk.
macro_rules! split_point {
    ($chunk:ident, $name:ident, $preload:ident, ($($arg:ident: $ty:ty),*), $build:expr) => {
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible, preload($preload))]
        fn $name($($arg: $ty),*) -> Result<AnyView, ChunkFailed> {
            Ok(($build)($($arg),*))
        }
        #[cfg(not(feature = "split"))]
        async fn $name($($arg: $ty),*) -> Result<AnyView, ChunkFailed> {
            Ok(($build)($($arg),*))
        }
        // The split build's error type, so that callers convert it the same
        // way in both builds.
        #[cfg(not(feature = "split"))]
        async fn $preload() -> Result<(), leptos::wasm_split::SplitLoaderError> {
            Ok(())
        }
    };
}

split_point!(mw_start, start_chunk, preload_start, (env: Env, me: crate::domain::person::Person, on_created: Callback<crate::domain::relationship::Relationship>, on_cancel: Callback<()>), |env: Env, me, on_created, on_cancel| {
    crate::ui::relationships::new_relationship_form::new_relationship_form(&env, me, on_created, on_cancel)
});
split_point!(mw_workspace, workspace_chunk, preload_workspace, (env: Env, id: String, me: crate::domain::person::Person), |env: Env, id, me| {
    // The views' styles travel with the workspace's code, off the first load.
    crate::ui::style::adopt_views(&env.host, include_str!("../../../www/widget.views.css"));
    crate::ui::workspace::relationship_workspace::relationship_workspace(&env, id, me)
});
split_point!(mw_overview, overview_chunk, preload_overview, (env: Env, ws: Workspace), |env: Env, ws: Workspace| {
    crate::ui::workspace::overview_view::overview_view(&env, &ws)
});
split_point!(mw_agreement, agreement_chunk, preload_agreement, (env: Env, ws: Workspace), |env: Env, ws: Workspace| {
    crate::ui::agreement::agreement_panel::agreement_panel(&env, ws.me.clone(), ws.doc)
});
split_point!(mw_goals, goals_chunk, preload_goals, (env: Env, ws: Workspace), |env: Env, ws: Workspace| {
    crate::ui::goals::goals_root::goals_root(&env, &ws)
});
split_point!(mw_checkins, checkins_chunk, preload_checkins, (env: Env, ws: Workspace), |env: Env, ws: Workspace| {
    crate::ui::checkins::checkins_root::checkins_root(&env, &ws)
});
split_point!(mw_timeline, timeline_chunk, preload_timeline, (env: Env, ws: Workspace), |env: Env, ws: Workspace| {
    crate::ui::checkins::timeline_root::timeline_root(&env, &ws)
});

/// The relationship workspace (its shell: the shared state and the tabs).
/// The views' texts (`domain::messages::Part::Views`) are fetched beside its
/// code, and are here before any view is built.
pub async fn load_workspace(env: Env, id: String, me: crate::domain::person::Person) -> Result<AnyView, ChunkFailed> {
    let (texts, code) = futures::future::join(crate::ui::texts::ensure(&env, crate::domain::messages::Part::Views), preload_workspace()).await;
    if let Err(failed) = texts {
        crate::bridge::host::console_error(&failed.0);
        return Err(ChunkFailed);
    }
    code.map_err(ChunkFailed::from)?;
    workspace_chunk(env, id, me).await
}

/// The form that starts a relationship: most visits to the home never open
/// it, so its code (the partner search, the choices, their checks) is a
/// chunk of its own, prefetched at idle like the views.
pub async fn load_start_form(
    env: Env,
    me: crate::domain::person::Person,
    on_created: Callback<crate::domain::relationship::Relationship>,
    on_cancel: Callback<()>,
) -> Result<AnyView, ChunkFailed> {
    start_chunk(env, me, on_created, on_cancel).await
}

/// A chunk to fetch ahead: the start form (`Start`), the workspace
/// (`Workspace`) or a view.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ahead {
    Start,
    Workspace,
    View(Tab),
}

/// Fetches, when the page is idle, the code a person is likely to need
/// next, so opening it does not wait for the network: from the home, the
/// workspace, its overview and the start form; from a view, the other
/// views. A failed prefetch is ignored: opening the view tries again.
pub fn prefetch_later(next: &'static [Ahead]) {
    leptos::prelude::request_idle_callback(move || {
        leptos::task::spawn_local(async move {
            for ahead in next {
                let tab = match ahead {
                    Ahead::Start => {
                        let _ = preload_start().await;
                        continue;
                    }
                    Ahead::Workspace => None,
                    Ahead::View(tab) => Some(*tab),
                };
                let _ = match tab {
                    None => preload_workspace().await.map_err(ChunkFailed::from),
                    Some(Tab::Overview) => preload_overview().await.map_err(ChunkFailed::from),
                    Some(Tab::Agreement) => preload_agreement().await.map_err(ChunkFailed::from),
                    Some(Tab::Goals) => preload_goals().await.map_err(ChunkFailed::from),
                    Some(Tab::CheckIns) => preload_checkins().await.map_err(ChunkFailed::from),
                    Some(Tab::Timeline) => preload_timeline().await.map_err(ChunkFailed::from),
                };
            }
        });
    });
}

/// From the home: the workspace, its overview, the start form.
pub const FROM_HOME: &[Ahead] = &[Ahead::Workspace, Ahead::View(Tab::Overview), Ahead::Start];
/// From the workspace: every view, in tab order.
pub const FROM_WORKSPACE: &[Ahead] = &[Ahead::View(Tab::Agreement), Ahead::View(Tab::CheckIns), Ahead::View(Tab::Goals), Ahead::View(Tab::Timeline)];

/// The view `tab` of the workspace `ws`.
pub async fn load(tab: Tab, env: Env, ws: Workspace) -> Result<AnyView, ChunkFailed> {
    match tab {
        Tab::Overview => overview_chunk(env, ws).await,
        Tab::Agreement => agreement_chunk(env, ws).await,
        Tab::Goals => goals_chunk(env, ws).await,
        Tab::CheckIns => checkins_chunk(env, ws).await,
        Tab::Timeline => timeline_chunk(env, ws).await,
    }
}

/// Shows what `load` gives once it arrives: a status while the code is
/// fetched, the view, or a message with a retry if it could not be fetched
/// (the host also hears `load_failed`).
pub fn lazy_view(env: &Env, load: impl Fn() -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<AnyView, ChunkFailed>>>> + 'static) -> AnyView {
    use crate::ui::dom::{dyn_view, el};
    let i18n = env.i18n;
    #[derive(Clone, Copy, PartialEq)]
    enum Phase {
        Loading,
        Ready,
        Failed,
    }
    let phase = RwSignal::new(Phase::Loading);
    let slot = StoredValue::new_local(None::<AnyView>);
    let load = send_wrapper::SendWrapper::new(std::rc::Rc::new(load));
    // The view is built when its code arrives, inside a task: it must still
    // belong to this part of the page (its effects, subscriptions and
    // cleanups go when the page does), so the task runs under this owner.
    // Untracked: building the view must not make this part re-render.
    let owner = Owner::new();
    let start = {
        let env = env.clone();
        send_wrapper::SendWrapper::new(move || {
            let env = env.clone();
            let fut = owner.with(|| leptos::reactive::computed::ScopedFuture::new_untracked((load.as_ref())()));
            phase.set(Phase::Loading);
            leptos::task::spawn_local(async move {
                match fut.await {
                    Ok(view) => {
                        if slot.try_set_value(Some(view)).is_none() {
                            phase.try_set(Phase::Ready);
                        }
                    }
                    Err(ChunkFailed) => {
                        let message = "the code of this view could not be fetched".to_string();
                        crate::bridge::host::console_error(&message);
                        env.emit(crate::ui::env::HostEvent::Error { code: "load_failed", message });
                        phase.try_set(Phase::Failed);
                    }
                }
            });
        })
    };
    start();
    dyn_view(move || match phase.get() {
        Phase::Loading => el("p").class("mw-status").attr("role", "status").text_dyn(i18n.tr("shell.loading")).into_view(),
        Phase::Ready => slot.try_update_value(Option::take).flatten().unwrap_or_else(crate::ui::dom::empty),
        Phase::Failed => {
            let again = start.clone();
            el("div")
                .class("mw-panel mw-panel--error")
                .attr("role", "alert")
                .child(el("p").text_dyn(i18n.tr("shell.feature_failed")).into_view())
                .child(button().class("mw-button").on(leptos::ev::click, move |_| again()).text_dyn(i18n.tr("home.retry")).into_view())
                .into_view()
        }
    })
}
