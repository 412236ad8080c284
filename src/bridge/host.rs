//! A typed wrapper over the host's JS bridge object (contract v1).
//!
//! Every call may return a value or a Promise, may throw, may reject with
//! `{ code, message }`, may never answer, or may answer with the wrong shape.
//! Each of those becomes a [`BridgeError`]; none of them panics.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::BridgeError;
use crate::domain::person::Person;

/// How long a bridge call may take before we give up and say so. Hosts talk
/// to real servers; ten seconds is long enough for a slow one and short enough
/// that a person is not left staring at "Saving…".
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;

#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    pub value: String,
    pub revision: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Listed {
    pub key: String,
    pub revision: String,
}

/// Who the host says is using the widget.
#[derive(Clone, Debug, PartialEq)]
pub struct Identity {
    pub person: Person,
    pub locale: Option<String>,
    pub time_zone: Option<String>,
}

#[derive(Clone)]
pub struct HostBridge {
    inner: Rc<Inner>,
}

struct Inner {
    root: JsValue,
    storage: JsValue,
    directory: Option<JsValue>,
    timeout_ms: u32,
    local_only: bool,
}

pub fn console_warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!("[mentoring-widget] {message}")));
}

pub fn console_error(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(&format!("[mentoring-widget] {message}")));
}

fn field(obj: &JsValue, name: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn function(obj: &JsValue, name: &str) -> Option<Function> {
    field(obj, name).dyn_into::<Function>().ok()
}

fn string_field(obj: &JsValue, name: &str) -> Option<String> {
    field(obj, name).as_string()
}

fn describe(v: &JsValue) -> String {
    if v.is_null() {
        "null".into()
    } else if v.is_undefined() {
        "undefined".into()
    } else if Array::is_array(v) {
        "an array".into()
    } else if v.is_object() {
        let keys: Vec<String> = Object::keys(v.unchecked_ref::<Object>()).iter().filter_map(|k| k.as_string()).take(6).collect();
        format!("an object with {{{}}}", keys.join(", "))
    } else {
        v.js_typeof().as_string().unwrap_or_default()
    }
}

/// What a rejection or a throw tells us, as a typed error.
fn rejection(e: JsValue) -> BridgeError {
    let code = string_field(&e, "code");
    let message = string_field(&e, "message").or_else(|| e.as_string()).unwrap_or_default();
    BridgeError::from_code(code.as_deref(), &message)
}

impl HostBridge {
    /// Checks the object the host passed against contract v1 and says
    /// exactly what is missing, so the portal's developer can fix it.
    pub fn new(root: JsValue, timeout_ms: u32) -> Result<HostBridge, BridgeError> {
        if !root.is_object() {
            return Err(BridgeError::Missing { what: "bridge object (pass options.bridge)" });
        }
        if field(&root, "apiVersion").as_f64() != Some(1.0) {
            return Err(BridgeError::WrongShape { method: "apiVersion", detail: "this widget speaks bridge apiVersion 1".into() });
        }
        if function(&root, "identity").is_none() {
            return Err(BridgeError::Missing { what: "identity()" });
        }
        let storage = field(&root, "storage");
        if !storage.is_object() {
            return Err(BridgeError::Missing { what: "storage" });
        }
        for (name, what) in [("get", "storage.get()"), ("put", "storage.put()"), ("list", "storage.list()"), ("delete", "storage.delete()")] {
            if function(&storage, name).is_none() {
                return Err(BridgeError::Missing { what });
            }
        }
        let directory = field(&root, "directory");
        let directory = if directory.is_undefined() || directory.is_null() {
            None
        } else if function(&directory, "search").is_some() {
            Some(directory)
        } else {
            // Optional feature: a broken one must not take the widget down.
            console_warn("bridge.directory has no search(): people can still be typed in by name");
            None
        };
        let local_only = field(&root, "localOnly").as_bool().unwrap_or(false);
        Ok(HostBridge { inner: Rc::new(Inner { root, storage, directory, timeout_ms: timeout_ms.max(1), local_only }) })
    }

    pub fn has_directory(&self) -> bool {
        self.inner.directory.is_some()
    }

    /// The bridge says it keeps data in this browser only (the demo bridge).
    pub fn is_local_only(&self) -> bool {
        self.inner.local_only
    }

    /// Calls `target.name(...args)`, racing it against the time limit.
    async fn call(&self, target: &JsValue, name: &str, label: &'static str, args: &[JsValue]) -> Result<JsValue, BridgeError> {
        let f = function(target, name).ok_or(BridgeError::Missing { what: label })?;
        let argv: Array = args.iter().collect();
        let returned = f.apply(target, &argv).map_err(rejection)?;
        let answer = Promise::resolve(&returned);

        let sentinel = JsValue::from(Object::new());
        let timer = Rc::new(Cell::new(None::<i32>));
        let window = web_sys::window();
        let deadline = {
            let (timer, sentinel, window) = (timer.clone(), sentinel.clone(), window.clone());
            let ms = i32::try_from(self.inner.timeout_ms).unwrap_or(i32::MAX);
            Promise::new(&mut move |resolve, _reject| {
                if let Some(w) = &window {
                    let args = Array::of1(&sentinel);
                    timer.set(w.set_timeout_with_callback_and_timeout_and_arguments(&resolve, ms, &args).ok());
                }
            })
        };
        let outcome = JsFuture::from(Promise::race(&Array::of2(&answer, &deadline))).await;
        // The timer must not outlive the call: `destroy` leaves nothing behind.
        if let (Some(w), Some(id)) = (&window, timer.get()) {
            w.clear_timeout_with_handle(id);
        }
        match outcome {
            Ok(v) if v == sentinel => Err(BridgeError::Timeout { method: label }),
            Ok(v) => Ok(v),
            Err(e) => Err(rejection(e)),
        }
    }

    pub async fn identity(&self) -> Result<Identity, BridgeError> {
        let v = self.call(&self.inner.root, "identity", "identity()", &[]).await?;
        let wrong = |detail: String| BridgeError::WrongShape { method: "identity()", detail };
        if !v.is_object() {
            return Err(wrong(format!("expected {{ id, displayName }}, got {}", describe(&v))));
        }
        let id = string_field(&v, "id").ok_or_else(|| wrong("id is not a string".into()))?;
        let name = string_field(&v, "displayName").ok_or_else(|| wrong("displayName is not a string".into()))?;
        let email = string_field(&v, "email");
        let person = Person::from_host(&id, &name, email.as_deref()).map_err(|e| wrong(e.detail().into()))?;
        Ok(Identity { person, locale: string_field(&v, "locale"), time_zone: string_field(&v, "timeZone") })
    }

    pub async fn get(&self, key: &str) -> Result<Option<Stored>, BridgeError> {
        let v = self.call(&self.inner.storage, "get", "storage.get()", &[key.into()]).await?;
        if v.is_null() || v.is_undefined() {
            return Ok(None);
        }
        match (string_field(&v, "value"), string_field(&v, "revision")) {
            (Some(value), Some(revision)) => Ok(Some(Stored { value, revision })),
            _ => Err(BridgeError::WrongShape {
                method: "storage.get()",
                detail: format!("expected null or {{ value: string, revision: string }}, got {}", describe(&v)),
            }),
        }
    }

    /// Writes `value`; `expected` is `None` to create. Returns the new revision.
    pub async fn put(&self, key: &str, value: &str, expected: Option<&str>) -> Result<String, BridgeError> {
        let expected = expected.map(JsValue::from_str).unwrap_or(JsValue::NULL);
        let v = self.call(&self.inner.storage, "put", "storage.put()", &[key.into(), value.into(), expected]).await?;
        string_field(&v, "revision")
            .ok_or_else(|| BridgeError::WrongShape { method: "storage.put()", detail: format!("expected {{ revision: string }}, got {}", describe(&v)) })
    }

    pub async fn list(&self, prefix: &str) -> Result<Vec<Listed>, BridgeError> {
        let v = self.call(&self.inner.storage, "list", "storage.list()", &[prefix.into()]).await?;
        let wrong = |detail: String| BridgeError::WrongShape { method: "storage.list()", detail };
        if !Array::is_array(&v) {
            return Err(wrong(format!("expected an array, got {}", describe(&v))));
        }
        Array::from(&v)
            .iter()
            .map(|item| match (string_field(&item, "key"), string_field(&item, "revision")) {
                (Some(key), Some(revision)) => Ok(Listed { key, revision }),
                _ => Err(wrong(format!("expected items {{ key, revision }}, got {}", describe(&item)))),
            })
            .collect()
    }

    pub async fn delete(&self, key: &str, expected: &str) -> Result<(), BridgeError> {
        self.call(&self.inner.storage, "delete", "storage.delete()", &[key.into(), expected.into()]).await?;
        Ok(())
    }

    /// People matching `query` in the host's directory, if it has one.
    /// Entries without an id or a name are skipped, with a console warning.
    pub async fn search(&self, query: &str) -> Result<Vec<Person>, BridgeError> {
        let Some(dir) = &self.inner.directory else {
            return Ok(Vec::new());
        };
        let v = self.call(dir, "search", "directory.search()", &[query.into()]).await?;
        if !Array::is_array(&v) {
            return Err(BridgeError::WrongShape { method: "directory.search()", detail: format!("expected an array, got {}", describe(&v)) });
        }
        let mut people = Vec::new();
        for item in Array::from(&v).iter() {
            let person = match (string_field(&item, "id"), string_field(&item, "displayName")) {
                (Some(id), Some(name)) => Person::from_host(&id, &name, string_field(&item, "email").as_deref()).ok(),
                _ => None,
            };
            match person {
                Some(p) => people.push(p),
                None => console_warn(&format!("directory.search() returned an entry without id or displayName: {}", describe(&item))),
            }
        }
        Ok(people)
    }

    /// Live updates, if the host offers them. The returned subscription ends
    /// when dropped (the widget drops it on destroy).
    pub fn subscribe(&self, prefix: &str, on_change: impl Fn(String) + 'static) -> Option<Subscription> {
        let f = function(&self.inner.storage, "subscribe")?;
        let closure = Closure::<dyn Fn(JsValue)>::new(move |key: JsValue| on_change(key.as_string().unwrap_or_default()));
        match f.call2(&self.inner.storage, &prefix.into(), closure.as_ref()) {
            Ok(unsub) => match unsub.dyn_into::<Function>() {
                Ok(unsubscribe) => Some(Subscription { unsubscribe: Some(unsubscribe), _closure: Some(closure) }),
                Err(_) => {
                    console_warn("storage.subscribe() did not return an unsubscribe function; live updates stay on until the page closes");
                    // The host may still call it, so it must live as long as the page.
                    closure.forget();
                    None
                }
            },
            Err(e) => {
                console_warn(&format!("storage.subscribe() threw: {}", rejection(e).detail()));
                None
            }
        }
    }
}

/// An active `storage.subscribe`; dropping it unsubscribes.
pub struct Subscription {
    unsubscribe: Option<Function>,
    _closure: Option<Closure<dyn Fn(JsValue)>>,
}

impl Drop for Subscription {
    fn drop(&mut self) {
        if let Some(f) = self.unsubscribe.take() {
            if f.call0(&JsValue::UNDEFINED).is_err() {
                console_warn("the unsubscribe function from storage.subscribe() threw");
            }
        }
    }
}

/// The save path (`bridge::save`) talks to the host through these two calls.
impl super::save::Store for HostBridge {
    async fn get(&self, key: &str) -> Result<Option<(String, String)>, BridgeError> {
        Ok(HostBridge::get(self, key).await?.map(|s| (s.value, s.revision)))
    }

    async fn put(&self, key: &str, value: &str, expected: Option<&str>) -> Result<String, BridgeError> {
        HostBridge::put(self, key, value, expected).await
    }
}
