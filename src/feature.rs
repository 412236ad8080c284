//! The goal tracker as a module of its own (built with `--features
//! goals-module`). `loader.js` loads it when a relationship page opens and
//! mounts it into the slot that page leaves for it, inside the same shadow
//! root, with the same options (bridge, texts, brand). Keeping it out of the
//! main module keeps the portal's first load small.

use std::any::Any;

use js_sys::Array;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ShadowRoot};

use crate::embed::Settings;
use crate::ui::goals::goals_root::goals_root;

/// One mounted goal tracker; `destroy` removes it.
#[wasm_bindgen]
pub struct GoalsHandle {
    container: HtmlElement,
    view: Option<Box<dyn Any>>,
}

/// Mounts the goal tracker of `relationship_id` into `slot`. Events go to the
/// `<mentoring-widget>` element whose shadow root holds the slot.
#[wasm_bindgen]
pub fn mount_goals(slot: HtmlElement, options: JsValue, relationship_id: String) -> Result<GoalsHandle, JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let host: HtmlElement = slot
        .get_root_node()
        .dyn_into::<ShadowRoot>()
        .ok()
        .and_then(|root| root.host().dyn_into::<HtmlElement>().ok())
        .unwrap_or_else(|| slot.clone());
    let settings = Settings::from_options(&options);
    let container: HtmlElement = document.create_element("div")?.unchecked_into();
    container.set_class_name("mw-goals-module");
    slot.append_child(&container)?;
    let catalog_now = settings.catalog();
    let view = leptos::mount::mount_to(container.clone(), move || {
        let env = settings.env(&host, RwSignal::new(catalog_now), RwSignal::new(None), RwSignal::new(Vec::new()));
        goals_root(env, relationship_id)
    });
    let _ = Array::new();
    Ok(GoalsHandle { container, view: Some(Box::new(view)) })
}

#[wasm_bindgen]
impl GoalsHandle {
    pub fn destroy(&mut self) {
        drop(self.view.take());
        self.container.remove();
    }
}
