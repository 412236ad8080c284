//! The few browser facts the UI needs that are not the host's business:
//! the clock, randomness for ids, and locale-aware date display.

use wasm_bindgen::JsValue;

use crate::domain::ids::new_id;

/// Now, as RFC 3339 in UTC.
pub fn now_rfc3339() -> String {
    js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default()
}

/// A fresh document id from the browser's cryptographic random source.
pub fn fresh_id() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok())
        .unwrap_or(false);
    if !filled {
        // No Web Crypto (very old browser or odd sandbox): Math.random is
        // enough for uniqueness, which is all an id needs.
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    new_id(bytes)
}

/// A stored RFC 3339 time as a date in the person's locale ("24 Nov 2026").
pub fn format_date(rfc3339: &str, locale: &str) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.chars().take(10).collect();
    }
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    date.to_locale_date_string(locale, &options).as_string().unwrap_or_default()
}
