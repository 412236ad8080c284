//! What the browser test files share: the shipped local bridge, the fault-
//! injecting harness, and small DOM helpers that wait for what a person would see.
#![allow(dead_code)]

use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot};

#[wasm_bindgen(module = "/www/bridges/local.js")]
extern "C" {
    pub fn createLocalBridge(options: &JsValue) -> JsValue;
    pub type MemoryStorage;
    #[wasm_bindgen(constructor)]
    pub fn new() -> MemoryStorage;
}

#[wasm_bindgen(module = "/tests/support/harness.js")]
extern "C" {
    pub fn withFaults(bridge: JsValue) -> JsValue;
    pub fn failNext(bridge: &JsValue, method: &str, code: &str);
    pub fn failNextOn(bridge: &JsValue, method: &str, key: &str, code: &str);
    pub fn failGetsFor(bridge: &JsValue, ms: u32);
    pub fn throwNext(bridge: &JsValue, method: &str);
    pub fn hangNext(bridge: &JsValue, method: &str);
    pub fn loseAnswerNext(bridge: &JsValue, method: &str);
    pub fn passNext(bridge: &JsValue, method: &str);
    pub fn slowNext(bridge: &JsValue, method: &str, ms: u32);
    pub fn lateNextOn(bridge: &JsValue, method: &str, key: &str, ms: u32);
    pub fn faultsPending(bridge: &JsValue) -> u32;
    pub fn lateAnswered(bridge: &JsValue) -> u32;
    pub fn blockSessionStorage(on: bool);
    pub fn partnerPutsBeforeNext(b: &JsValue, method: &str, partner: &JsValue, key: &str, value: &str);
    pub fn answerNext(bridge: &JsValue, method: &str, value: &JsValue);
    pub fn activeSubscriptions(bridge: &JsValue) -> u32;
    pub fn totalSubscriptions(bridge: &JsValue) -> u32;
    pub fn callCount(bridge: &JsValue, method: &str) -> u32;
    pub fn rawPut(bridge: &JsValue, key: &str, value: &str) -> js_sys::Promise;
    pub fn putOver(bridge: &JsValue, key: &str, value: &str) -> js_sys::Promise;
    pub fn rawGet(bridge: &JsValue, key: &str) -> js_sys::Promise;
    pub fn newHost() -> HtmlElement;
    pub fn recordEvents(el: &HtmlElement) -> JsValue;
    pub fn eventsText(seen: &JsValue) -> String;
    pub fn options(bridge: &JsValue, extra: &JsValue) -> JsValue;
    pub fn makeSheet(css: &str) -> JsValue;
    pub fn setValue(input: &Element, value: &str);
    pub fn pressKey(input: &Element, key: &str);
    pub fn adoptedCount(root: &ShadowRoot) -> u32;
    pub fn adoptedViews(root: &ShadowRoot) -> u32;
    pub fn adoptedText(root: &ShadowRoot) -> String;
    pub fn activeElementId(root: &ShadowRoot) -> String;
    pub fn leavingIsQuestioned() -> bool;
    pub fn setCommitted(input: &Element, value: &str);
    pub fn todayIso(offset_days: i32) -> String;
    pub fn todayInZone(zone: &str) -> String;
}

pub const PEOPLE: &str = r#"[
  {"id":"u-ana","displayName":"Ana Li","email":"ana@acme.example"},
  {"id":"u-ben","displayName":"Ben Okafor","email":"ben@acme.example"}
]"#;

pub fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

/// A local bridge over `storage` (shared between people when the test needs
/// both sides), signed in as `user`, with fault injection.
pub fn bridge_on(storage: &JsValue, user: &str) -> JsValue {
    let opts = js(&format!(r#"{{"people":{PEOPLE},"currentUserId":"{user}"}}"#));
    js_sys::Reflect::set(&opts, &"storage".into(), storage).unwrap();
    withFaults(createLocalBridge(&opts))
}

pub fn bridge(user: &str) -> JsValue {
    bridge_on(&MemoryStorage::new().into(), user)
}

pub async fn sleep(ms: u32) {
    TimeoutFuture::new(ms).await;
}

pub fn text(root: &ShadowRoot) -> String {
    root.text_content().unwrap_or_default()
}

pub fn find(root: &ShadowRoot, selector: &str) -> Option<Element> {
    root.query_selector(selector).ok().flatten()
}

pub fn get(root: &ShadowRoot, selector: &str) -> Element {
    find(root, selector).unwrap_or_else(|| panic!("no {selector} in: {}", text(root)))
}

pub fn count(root: &ShadowRoot, selector: &str) -> u32 {
    root.query_selector_all(selector).map(|l| l.length()).unwrap_or(0)
}

pub fn click(root: &ShadowRoot, selector: &str) {
    get(root, selector).unchecked_into::<HtmlElement>().click();
}

/// Polls until `cond` holds; fails with what the widget shows.
pub async fn until(root: &ShadowRoot, what: &str, cond: impl Fn() -> bool) {
    for _ in 0..300 {
        if cond() {
            return;
        }
        sleep(10).await;
    }
    panic!("timed out waiting for {what}; the widget shows: {}", text(root));
}

pub async fn until_text(root: &ShadowRoot, needle: &str) {
    until(root, needle, || text(root).contains(needle)).await;
}

pub async fn promise(p: js_sys::Promise) -> JsValue {
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap()
}

/// The whole widget, mounted by `embed::mount` as `loader.js` does, opened on
/// `view` (`relationship/rel1/goals`, …), with the host's events recorded.
pub struct InView {
    pub root: ShadowRoot,
    pub events: JsValue,
    pub widget: mentoring_widget::embed::Widget,
}

pub fn mount_view(bridge: &JsValue, extra: &str, view: &str) -> InView {
    let host = new_host();
    let events = recordEvents(&host);
    let opts = options(bridge, &js(extra));
    js_sys::Reflect::set(&opts, &"view".into(), &view.into()).unwrap();
    let widget = mentoring_widget::embed::mount(host.clone(), opts, makeSheet("")).expect("mount");
    let root = host.shadow_root().expect("a shadow root");
    InView { root, events, widget }
}

/// The shipped text tables, as JSON, by language.
pub const TABLES: [(&str, &str); 5] = [
    ("ar", include_str!("../../locales/ar.json")),
    ("de", include_str!("../../locales/de.json")),
    ("en", include_str!("../../locales/en.json")),
    ("es", include_str!("../../locales/es.json")),
    ("fr", include_str!("../../locales/fr.json")),
];

/// A text of `lang`'s shipped table.
pub fn shipped(lang: &str, key: &str) -> String {
    let json = TABLES.iter().find(|(l, _)| *l == lang).expect("a shipped language").1;
    mentoring_widget::domain::messages::parse_table(json).unwrap()[key].clone()
}

/// The shipped text tables, handed to the widget as `loader.js` would hand
/// over the files it fetched (once per page; each test file is one page).
pub fn provide_texts() {
    use mentoring_widget::domain::messages::{parse_table, split, Part};
    thread_local!(static DONE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if DONE.with(|d| d.replace(true)) {
        return;
    }
    for (lang, json) in TABLES {
        for (part, table) in Part::ALL.into_iter().zip(split(parse_table(json).expect(lang))) {
            mentoring_widget::ui::texts::provide(lang, part, table);
        }
    }
}

/// A fresh host element, with the texts the widget needs provided.
pub fn new_host() -> HtmlElement {
    provide_texts();
    newHost()
}

static PANICS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// How many panics the widget has hit in this test file so far. A panic in
/// a spawned task (code after an await on a disposed component) traps
/// without failing the test by itself: tests that destroy the widget mid-
/// write compare this before and after. The first call counts from then on,
/// keeping the hook that was there (which prints the panic).
pub fn panics() -> usize {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let before = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            before(info);
        }));
    });
    PANICS.load(std::sync::atomic::Ordering::SeqCst)
}
