//! Mounting into a host element (the README's "Embedding it in your
//! portal"): an open shadow root, adopted stylesheets (no inline styles, so
//! a strict CSP holds), options from the host, `mw:*` events back to it,
//! and a `destroy` that leaves nothing behind.
//!
//! `loader.js` owns the custom element and the command queue; it calls
//! [`mount`] once per element and shares one wasm module between them.

use crate::domain::map::Map;
use std::any::Any;
use std::rc::Rc;

use js_sys::{Array, Object, Reflect};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CssStyleSheet, CustomEvent, CustomEventInit, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

use crate::bridge::host::{console_error, console_warn, DEFAULT_TIMEOUT_MS};
use crate::bridge::HostBridge;
use crate::domain::messages::{Catalog, Overrides};
use crate::domain::route::Route;
use crate::domain::theme::theme_css;
use crate::ui::texts::LocaleSources;
use crate::ui::{widget_root, Env, HostEvent, I18n};

/// What the host may pass to `mount` and `update`. Absent fields keep their
/// current value on `update`.
#[derive(Default)]
struct Options {
    bridge: Option<JsValue>,
    locale: Option<String>,
    theme: Option<Map<String>>,
    brand_name: Option<Option<String>>,
    text: Option<Overrides>,
    timeout_ms: Option<u32>,
    /// Vendor templates as JSON text, checked by the domain.
    templates: Option<String>,
    /// The view to open (`home`, `relationship/{id}/goals`, …).
    view: Option<String>,
}

fn get(obj: &JsValue, name: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// A `{ key: "string" }` object as a map; other values are reported and skipped.
fn string_map(v: &JsValue, option: &str) -> Option<Map<String>> {
    if v.is_undefined() || v.is_null() {
        return None;
    }
    if !v.is_object() {
        console_warn(&format!("options.{option} should be an object of strings; ignored"));
        return None;
    }
    let mut map = Map::new();
    for entry in Object::entries(v.unchecked_ref::<Object>()).iter() {
        let pair: Array = entry.unchecked_into();
        let (k, val) = (pair.get(0).as_string().unwrap_or_default(), pair.get(1));
        match val.as_string() {
            Some(s) => {
                map.insert(k, s);
            }
            None => console_warn(&format!("options.{option}.{k} should be a string; ignored")),
        }
    }
    Some(map)
}

/// `text`: strings apply in every locale; an object under a locale tag
/// (`de: { … }`) holds that locale's texts.
fn text_overrides(v: &JsValue) -> Option<Overrides> {
    if v.is_undefined() || v.is_null() {
        return None;
    }
    if !v.is_object() {
        console_warn("options.text should be an object of strings (or of locales, each an object of strings); ignored");
        return None;
    }
    let mut overrides = Overrides::default();
    for entry in Object::entries(v.unchecked_ref::<Object>()).iter() {
        let pair: Array = entry.unchecked_into();
        let (k, val) = (pair.get(0).as_string().unwrap_or_default(), pair.get(1));
        if let Some(s) = val.as_string() {
            overrides.flat.insert(k, s);
        } else if val.is_object() && crate::domain::messages::locale::plausible(&k) {
            let texts = string_map(&val, &format!("text.{k}")).unwrap_or_default();
            overrides.per_locale.push((k, texts));
        } else {
            console_warn(&format!("options.text.{k} should be a string, or a locale's object of strings; ignored"));
        }
    }
    Some(overrides)
}

fn read_options(js: &JsValue) -> Options {
    if !js.is_object() {
        return Options::default();
    }
    let bridge = get(js, "bridge");
    let brand = get(js, "brandName");
    Options {
        bridge: (!bridge.is_undefined()).then_some(bridge),
        locale: get(js, "locale").as_string(),
        theme: string_map(&get(js, "theme"), "theme"),
        brand_name: if brand.is_undefined() { None } else { Some(brand.as_string().filter(|s| !s.trim().is_empty())) },
        text: text_overrides(&get(js, "text")),
        timeout_ms: get(js, "timeoutMs").as_f64().filter(|ms| *ms >= 1.0).map(|ms| ms.min(600_000.0) as u32),
        templates: {
            let t = get(js, "templates");
            if t.is_undefined() || t.is_null() {
                None
            } else {
                // Whatever the host passed, as JSON; the domain says what is wrong with it.
                Some(js_sys::JSON::stringify(&t).ok().and_then(|s| s.as_string()).unwrap_or_default())
            }
        },
        view: get(js, "view").as_string(),
    }
}

/// The current settings of one instance, kept so `update` can merge.
#[derive(Clone)]
pub(crate) struct Settings {
    bridge: JsValue,
    /// The `locale` option; the identity's and the browser's come after it.
    locale: Option<String>,
    theme: Map<String>,
    brand_name: Option<String>,
    text: Overrides,
    timeout_ms: u32,
    templates: String,
    /// The view asked for at mount; later moves go through `navigate`.
    view: Option<String>,
}

impl Settings {
    pub(crate) fn from_options(options: &JsValue) -> Settings {
        let mut settings = Settings {
            bridge: JsValue::UNDEFINED,
            locale: None,
            theme: Map::new(),
            brand_name: None,
            text: Overrides::default(),
            timeout_ms: DEFAULT_TIMEOUT_MS,
            templates: String::new(),
            view: None,
        };
        settings.apply(read_options(options));
        settings
    }

    /// The environment the UI runs in, dispatching events on `host`.
    pub(crate) fn env(&self, host: &HtmlElement, catalog: RwSignal<Catalog>, brand: RwSignal<Option<String>>, templates: RwSignal<String>) -> Env {
        let bridge = HostBridge::new(self.bridge.clone(), self.timeout_ms);
        if let Err(e) = &bridge {
            console_error(&e.detail());
        }
        let target = host.clone();
        let emit: Rc<dyn Fn(HostEvent)> = Rc::new(move |event| dispatch(&target, event));
        Env::new(bridge, I18n(catalog, RwSignal::new(None)), brand, templates, host.clone(), emit)
    }

    fn apply(&mut self, o: Options) -> bool {
        // The same bridge object again (a framework passing all its options
        // on every render) is not a change: only another one re-mounts.
        let bridge_changed = o.bridge.as_ref().is_some_and(|b| !js_sys::Object::is(b, &self.bridge));
        if let Some(b) = o.bridge {
            self.bridge = b;
        }
        if let Some(l) = o.locale {
            self.locale = Some(l).filter(|l| !l.trim().is_empty());
        }
        if let Some(t) = o.theme {
            self.theme = t;
        }
        if let Some(b) = o.brand_name {
            self.brand_name = b;
        }
        if let Some(t) = o.text {
            self.text = t;
        }
        if let Some(ms) = o.timeout_ms {
            self.timeout_ms = ms;
        }
        if let Some(t) = o.templates {
            self.templates = t;
        }
        if o.view.is_some() {
            self.view = o.view;
        }
        bridge_changed
    }

    /// What the locale is chosen from, as far as the host's options say.
    fn locale_sources(&self, identity: Option<String>) -> LocaleSources {
        LocaleSources { option: self.locale.clone(), identity, overrides: self.text.clone() }
    }

    fn theme_css(&self) -> String {
        let (css, errors) = theme_css(&self.theme);
        for e in errors {
            console_warn(&format!("{e}; ignored"));
        }
        css
    }
}

struct Mounted {
    shadow: ShadowRoot,
    container: HtmlElement,
    theme_sheet: Option<CssStyleSheet>,
    env: Env,
    // The leptos UnmountHandle: dropping it disposes every signal, effect,
    // subscription and timer of this instance and removes its nodes.
    _view: Box<dyn Any>,
}

/// One mounted widget. JS holds it; `destroy` (or garbage collection of the
/// handle) tears it down.
#[wasm_bindgen]
pub struct Widget {
    host: HtmlElement,
    shared_sheet: JsValue,
    settings: Settings,
    mounted: Option<Mounted>,
}

pub(crate) fn dispatch(host: &HtmlElement, event: HostEvent) {
    let detail = Object::new();
    let set = |k: &str, v: &str| {
        let _ = Reflect::set(&detail, &k.into(), &v.into());
    };
    let name = match &event {
        HostEvent::Ready { user_id } => {
            set("userId", user_id);
            "mw:ready"
        }
        HostEvent::Saved { kind, id } => {
            set("kind", kind);
            set("id", id);
            "mw:saved"
        }
        HostEvent::Error { code, message } => {
            set("code", code);
            set("message", message);
            "mw:error"
        }
        HostEvent::AgreementSigned { relationship_id, by } => {
            set("relationshipId", relationship_id);
            set("by", by);
            "mw:agreement-signed"
        }
        HostEvent::GoalAchieved { relationship_id, goal_id } => {
            set("relationshipId", relationship_id);
            set("goalId", goal_id);
            "mw:goal-achieved"
        }
        HostEvent::AgreementInForce { relationship_id, version } => {
            set("relationshipId", relationship_id);
            let _ = Reflect::set(&detail, &"version".into(), &JsValue::from(*version));
            "mw:agreement-in-force"
        }
        HostEvent::CheckinDue { relationship_id, date, days } => {
            set("relationshipId", relationship_id);
            set("date", date);
            // Whole days: i64 → f64 is exact in this range.
            let _ = Reflect::set(&detail, &"daysUntil".into(), &JsValue::from_f64(*days as f64));
            "mw:checkin-due"
        }
        HostEvent::RematchRequested { relationship_id, mentee_id } => {
            set("relationshipId", relationship_id);
            set("menteeId", mentee_id);
            "mw:rematch-requested"
        }
        HostEvent::Closed { relationship_id, reason } => {
            set("relationshipId", relationship_id);
            set("reason", reason);
            "mw:closed"
        }
        HostEvent::Navigate { view } => {
            set("view", view);
            "mw:navigate"
        }
    };
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(ev) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&ev);
    }
}

impl Widget {
    fn render(&mut self) -> Result<(), JsValue> {
        let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
        let shadow = match self.host.shadow_root() {
            // Mounted before and destroyed: the shadow root cannot be removed,
            // so it is reused.
            Some(root) => root,
            None => {
                let init = ShadowRootInit::new(ShadowRootMode::Open);
                self.host.attach_shadow(&init)?
            }
        };
        let theme_css = self.settings.theme_css();
        let theme_sheet = if theme_css.is_empty() {
            None
        } else {
            let sheet = CssStyleSheet::new()?;
            sheet.replace_sync(&theme_css)?;
            Some(sheet)
        };
        shadow.set_adopted_style_sheets(&crate::ui::style::sheets(&self.shared_sheet, theme_sheet.as_ref()));

        let container: HtmlElement = document.create_element("div")?.unchecked_into();
        container.set_class_name("mw-container");
        shadow.append_child(&container)?;

        let sources = self.settings.locale_sources(None);
        let catalog_now = crate::ui::texts::initial(&sources);
        let brand_now = self.settings.brand_name.clone();
        let (settings, host) = (self.settings.clone(), self.host.clone());

        let start = initial_route(self.settings.view.as_deref());
        let handles = Rc::new(std::cell::Cell::new(None));
        let out = handles.clone();
        let view = leptos::mount::mount_to(container.clone(), move || {
            let catalog = RwSignal::new(catalog_now);
            let brand = RwSignal::new(brand_now);
            // Vendor templates stay JSON text until the agreement view reads them.
            let templates = RwSignal::new(settings.templates.clone());
            let env = settings.env(&host, catalog, brand, templates);
            env.route.set(start);
            env.locale_sources.set(sources);
            out.set(Some(env.clone()));
            widget_root(env)
        });
        let env = handles.take().ok_or("the widget did not render")?;
        self.mounted = Some(Mounted { shadow, container, theme_sheet, env, _view: Box::new(view) });
        Ok(())
    }

    fn teardown(&mut self) {
        if let Some(m) = self.mounted.take() {
            drop(m._view);
            m.container.remove();
            m.shadow.set_adopted_style_sheets(&Array::new());
        }
    }
}

/// The view to open first; a path that is not one of ours opens `home`
/// and says why in the console.
fn initial_route(view: Option<&str>) -> Route {
    match view.map(Route::parse) {
        None => Route::Home,
        Some(Ok(route)) => route,
        Some(Err(e)) => {
            console_warn(&format!("view \"{}\": {e}; opening home", view.unwrap_or_default()));
            Route::Home
        }
    }
}

/// Mounts a widget into `host`'s shadow root. Never throws for bad options:
/// a wrong bridge is shown in the widget and in the console.
#[wasm_bindgen]
pub fn mount(host: HtmlElement, options: JsValue, shared_sheet: JsValue) -> Result<Widget, JsValue> {
    let settings = Settings::from_options(&options);
    let mut widget = Widget { host, shared_sheet, settings, mounted: None };
    widget.render()?;
    Ok(widget)
}

#[wasm_bindgen]
impl Widget {
    /// Changes options in place. Texts, locale, brand and theme apply at once;
    /// another bridge re-mounts the widget (a different person or store); the
    /// same bridge object again changes nothing.
    pub fn update(&mut self, options: JsValue) -> Result<(), JsValue> {
        let options = read_options(&options);
        let asked = options.view.clone();
        // A new bridge re-mounts where the person was, unless a view is given.
        let here = self.view();
        let bridge_changed = self.settings.apply(options);
        if bridge_changed || self.mounted.is_none() {
            if asked.is_none() {
                self.settings.view = Some(here);
            }
            self.teardown();
            return self.render();
        }
        if let Some(view) = asked {
            self.navigate(view);
        }
        if let Some(m) = &mut self.mounted {
            // Only a new locale or new texts choose the texts again (a
            // framework may re-send every option on each render). A new
            // locale's texts may have to be fetched first: until they are
            // here, the old ones stay.
            let identity = m.env.locale_sources.with_untracked(|s| s.identity.clone());
            let sources = self.settings.locale_sources(identity);
            if m.env.locale_sources.with_untracked(|s| *s != sources) {
                m.env.locale_sources.set(sources);
                let env = m.env.clone();
                leptos::task::spawn_local(async move {
                    if let Err(e) = crate::ui::texts::apply(&env, true).await {
                        env.texts_failed(e);
                    }
                });
            }
            m.env.brand.set(self.settings.brand_name.clone());
            if m.env.templates.with_untracked(|t| *t != self.settings.templates) {
                m.env.templates.set(self.settings.templates.clone());
            }
            let css = self.settings.theme_css();
            let sheet = match m.theme_sheet.take() {
                Some(s) => s,
                None => CssStyleSheet::new()?,
            };
            sheet.replace_sync(&css)?;
            m.shadow.set_adopted_style_sheets(&crate::ui::style::sheets(&self.shared_sheet, Some(&sheet)));
            m.theme_sheet = Some(sheet);
        }
        Ok(())
    }

    /// Removes everything this instance added: its nodes, its stylesheets,
    /// its subscriptions and timers. The empty shadow root stays (the DOM
    /// cannot detach one) and is reused if the element is mounted again.
    pub fn destroy(&mut self) {
        self.teardown();
    }

    /// Opens `view` (`home`, `relationship/{id}`, `relationship/{id}/goals`,
    /// …). A path that is not a view of this widget is refused with a
    /// console warning and changes nothing. The host hears `mw:navigate`.
    pub fn navigate(&mut self, view: String) {
        let Some(m) = &self.mounted else { return };
        match Route::parse(&view) {
            Ok(route) if m.env.route.with_untracked(|r| *r != route) => {
                let path = route.to_path();
                m.env.route.set(route);
                dispatch(&self.host, HostEvent::Navigate { view: path });
            }
            Ok(_) => {}
            Err(e) => console_warn(&format!("navigate \"{view}\": {e}")),
        }
    }

    /// The view shown now, as a path.
    #[wasm_bindgen(getter)]
    pub fn view(&self) -> String {
        self.mounted.as_ref().map(|m| m.env.route.with_untracked(Route::to_path)).unwrap_or_else(|| "home".into())
    }

    /// Whether the widget is currently mounted.
    #[wasm_bindgen(getter)]
    pub fn mounted(&self) -> bool {
        self.mounted.is_some()
    }
}
