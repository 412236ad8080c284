//! Feature modules: the goal tracker (`--features goals-module`), the
//! agreement screens (`--features agreement-module`) and the check-ins with
//! the lifecycle (`--features checkins-module`), each its own wasm.
//! `loader.js` loads one when a relationship page opens and mounts it into
//! the slot that page leaves for it, inside the same shadow root, with the
//! same options (bridge, texts, brand, templates). Keeping them out of the
//! main module keeps the portal's first load small.

use std::any::Any;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ShadowRoot};

use crate::embed::Settings;
use crate::ui::env::Env;

/// One mounted feature; `destroy` removes it.
#[wasm_bindgen]
pub struct FeatureHandle {
    container: HtmlElement,
    view: Option<Box<dyn Any>>,
}

/// Mounts the goal tracker of `relationship_id` into `slot`.
#[cfg(feature = "goals-module")]
#[wasm_bindgen]
pub fn mount_goals(slot: HtmlElement, options: JsValue, relationship_id: String) -> Result<FeatureHandle, JsValue> {
    mount_feature(slot, options, relationship_id, false, crate::ui::goals::goals_root::goals_root)
}

/// Mounts the agreement screens of `relationship_id` into `slot`.
#[cfg(feature = "agreement-module")]
#[wasm_bindgen]
pub fn mount_agreement(slot: HtmlElement, options: JsValue, relationship_id: String) -> Result<FeatureHandle, JsValue> {
    mount_feature(slot, options, relationship_id, true, crate::ui::agreement::agreement_root::agreement_root)
}

/// Mounts the check-ins and lifecycle of `relationship_id` into `slot`.
#[cfg(feature = "checkins-module")]
#[wasm_bindgen]
pub fn mount_checkins(slot: HtmlElement, options: JsValue, relationship_id: String) -> Result<FeatureHandle, JsValue> {
    mount_feature(slot, options, relationship_id, false, crate::ui::checkins::checkins_root::checkins_root)
}

/// Events go to the `<mentoring-widget>` element whose shadow root holds the slot.
/// `templates`: whether this feature offers agreement templates (and so checks the vendor's).
fn mount_feature(
    slot: HtmlElement,
    options: JsValue,
    relationship_id: String,
    templates: bool,
    root: fn(Env, String) -> leptos::prelude::AnyView,
) -> Result<FeatureHandle, JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let host: HtmlElement = slot
        .get_root_node()
        .dyn_into::<ShadowRoot>()
        .ok()
        .and_then(|root| root.host().dyn_into::<HtmlElement>().ok())
        .unwrap_or_else(|| slot.clone());
    let settings = Settings::from_options(&options);
    let container: HtmlElement = document.create_element("div")?.unchecked_into();
    container.set_class_name("mw-feature-module");
    slot.append_child(&container)?;
    let catalog_now = settings.catalog();
    let templates_now = if templates { settings.templates(&host) } else { Vec::new() };
    let view = leptos::mount::mount_to(container.clone(), move || {
        let env = settings.env(&host, RwSignal::new(catalog_now), RwSignal::new(None), RwSignal::new(templates_now));
        root(env, relationship_id)
    });
    Ok(FeatureHandle { container, view: Some(Box::new(view)) })
}

#[wasm_bindgen]
impl FeatureHandle {
    pub fn destroy(&mut self) {
        drop(self.view.take());
        self.container.remove();
    }
}
