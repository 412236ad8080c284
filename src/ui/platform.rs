//! The few browser facts the UI needs that are not the host's business:
//! the clock, randomness for ids, and locale-aware date display.

use wasm_bindgen::{JsCast, JsValue};

use crate::domain::ids::new_id;

/// Now, as RFC 3339 in UTC.
pub fn now_rfc3339() -> String {
    js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default()
}

/// A fresh document id from the browser's cryptographic random source.
pub fn fresh_id() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window().and_then(|w| w.crypto().ok()).map(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok()).unwrap_or(false);
    if !filled {
        // No Web Crypto (very old browser or odd sandbox): Math.random is
        // enough for uniqueness, which is all an id needs.
        for b in bytes.iter_mut() {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    new_id(bytes)
}

thread_local! {
    // Building an Intl formatter is far slower than using one: one per
    // (locale, time zone), kept for the page's life (a page shows a handful).
    static DATE_FORMATS: std::cell::RefCell<Vec<(String, String, js_sys::Intl::DateTimeFormat)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// An `Intl.DateTimeFormat` writing medium dates ("24 Nov 2026",
/// "24.11.2026") in `locale` and time zone `zone`, or `None` when `Intl`
/// refuses either (an unknown zone throws a RangeError: caught here).
fn date_format(locale: &str, zone: &str) -> Option<js_sys::Intl::DateTimeFormat> {
    DATE_FORMATS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some((_, _, f)) = cache.iter().find(|(l, z, _)| l == locale && z == zone) {
            return Some(f.clone());
        }
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into()).ok()?;
        if !zone.is_empty() {
            js_sys::Reflect::set(&options, &"timeZone".into(), &zone.into()).ok()?;
        }
        let format: js_sys::Intl::DateTimeFormat = construct_intl("DateTimeFormat", locale, &options)?.unchecked_into();
        cache.push((locale.to_string(), zone.to_string(), format.clone()));
        Some(format)
    })
}

/// `new Intl[name](locale, options)`, or `None` where it throws.
fn construct_intl(name: &str, locale: &str, options: &js_sys::Object) -> Option<JsValue> {
    let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let ctor: js_sys::Function = js_sys::Reflect::get(&intl, &name.into()).ok()?.dyn_into().ok()?;
    js_sys::Reflect::construct(&ctor, &js_sys::Array::of2(&locale.into(), options)).ok()
}

fn format_with(format: &js_sys::Intl::DateTimeFormat, date: &js_sys::Date) -> Option<String> {
    format.format().call1(&JsValue::UNDEFINED, date).ok()?.as_string()
}

/// A stored RFC 3339 moment as a date in the person's locale and time zone
/// (`zone`, an IANA name; the browser's own when `None`): a signature made
/// at 23:30 UTC is on the next day in Tokyo.
pub fn format_date(rfc3339: &str, locale: &str, zone: Option<&str>) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.chars().take(10).collect();
    }
    date_format(locale, zone.unwrap_or(""))
        .or_else(|| date_format(locale, ""))
        .and_then(|f| format_with(&f, &date))
        .unwrap_or_else(|| rfc3339.chars().take(10).collect())
}

/// A calendar day in the person's locale. A day is no moment, so no zone
/// may move it: it is formatted as midnight UTC in UTC.
pub fn format_day(day: crate::domain::dates::Date, locale: &str) -> String {
    let ms = js_sys::Date::utc(f64::from(day.year), f64::from(day.month) - 1.0) + f64::from(day.day - 1) * 86_400_000.0;
    date_format(locale, "UTC").and_then(|f| format_with(&f, &js_sys::Date::new(&JsValue::from_f64(ms)))).unwrap_or_else(|| day.to_string())
}

/// `zone` as the browser's `Intl` names it ("europe/berlin" →
/// "Europe/Berlin"), or `None` when it knows no such zone. A host's
/// identity may carry any text; only a zone `Intl` takes is used.
pub fn known_zone(zone: &str) -> Option<String> {
    resolved_zone(Some(zone))
}

/// The browser's own time zone, when it names one.
pub fn browser_zone() -> Option<String> {
    resolved_zone(None)
}

/// The zone `Intl` resolves for `zone` (the browser's own for `None`).
fn resolved_zone(zone: Option<&str>) -> Option<String> {
    let options = js_sys::Object::new();
    if let Some(zone) = zone {
        js_sys::Reflect::set(&options, &"timeZone".into(), &zone.into()).ok()?;
    }
    let format: js_sys::Intl::DateTimeFormat = construct_intl("DateTimeFormat", "en", &options)?.unchecked_into();
    js_sys::Reflect::get(&format.resolved_options(), &"timeZone".into()).ok()?.as_string()
}

/// `tag` as the browser's `Intl` canonicalizes it ("DE-ch" → "de-CH"), or
/// `None` when `Intl` refuses it: every formatter would throw on it.
pub fn canonical_locale(tag: &str) -> Option<String> {
    let intl = js_sys::Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let f: js_sys::Function = js_sys::Reflect::get(&intl, &"getCanonicalLocales".into()).ok()?.dyn_into().ok()?;
    let list: js_sys::Array = f.call1(&intl, &JsValue::from_str(tag)).ok()?.dyn_into().ok()?;
    list.get(0).as_string()
}

/// The browser's preferred language (`navigator.language`).
pub fn browser_language() -> Option<String> {
    let navigator = js_sys::Reflect::get(&js_sys::global(), &"navigator".into()).ok()?;
    js_sys::Reflect::get(&navigator, &"language".into()).ok()?.as_string()
}

thread_local! {
    // One Intl.PluralRules per locale: building one is far slower than asking it.
    static PLURAL_RULES: std::cell::RefCell<Vec<(String, js_sys::Intl::PluralRules)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The plural category of `n` in `locale`, from the browser's
/// `Intl.PluralRules` (Arabic has six). The locale was canonicalized when
/// it was chosen, so building the rules cannot throw.
pub fn plural_category(locale: &str, n: f64) -> &'static str {
    let category = PLURAL_RULES.with(|cache| {
        let mut cache = cache.borrow_mut();
        let i = match cache.iter().position(|(l, _)| l == locale) {
            Some(i) => i,
            None => {
                let rules = js_sys::Intl::PluralRules::new(&js_sys::Array::of1(&JsValue::from_str(locale)), &js_sys::Object::new());
                cache.push((locale.to_string(), rules));
                cache.len() - 1
            }
        };
        String::from(cache[i].1.select(n))
    });
    match category.as_str() {
        "zero" => "zero",
        "one" => "one",
        "two" => "two",
        "few" => "few",
        "many" => "many",
        _ => "other",
    }
}

thread_local! {
    static NUMBER_FORMATS: std::cell::RefCell<Vec<(String, js_sys::Intl::NumberFormat)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A whole number as `locale` writes it, from the browser's
/// `Intl.NumberFormat` ("1.234" in German, "٤٥" in Egyptian Arabic).
pub fn number_text(locale: &str, n: i64) -> String {
    NUMBER_FORMATS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let i = match cache.iter().position(|(l, _)| l == locale) {
            Some(i) => i,
            None => {
                let format = js_sys::Intl::NumberFormat::new(&js_sys::Array::of1(&JsValue::from_str(locale)), &js_sys::Object::new());
                cache.push((locale.to_string(), format));
                cache.len() - 1
            }
        };
        let format: js_sys::Function = cache[i].1.format();
        format.call1(&JsValue::UNDEFINED, &JsValue::from_f64(n as f64)).ok().and_then(|v| v.as_string()).unwrap_or_else(|| n.to_string())
    })
}

/// Offers `text` as a file download (Markdown, JSON exports).
pub fn download(file_name: &str, mime: &str, text: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = document.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(file_name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// While alive, printing the page prints only this widget: a print-only
/// document stylesheet hides the rest of the host page. It is removed when
/// dropped, so the host's own printing is untouched otherwise.
pub struct PrintMode {
    host: web_sys::HtmlElement,
    sheet: Option<web_sys::CssStyleSheet>,
}

const PRINT_ONLY_WIDGET: &str = "@media print{body *{visibility:hidden!important}[data-mw-printing],[data-mw-printing] *{visibility:visible!important}[data-mw-printing]{position:absolute!important;left:0;top:0;width:100%}}";

impl PrintMode {
    /// `part` names what goes on paper (`agreement`, `summary`): the
    /// widget's own print rules hide the rest of the widget by it.
    pub fn start(host: &web_sys::HtmlElement, part: &str) -> PrintMode {
        let _ = host.set_attribute("data-mw-printing", part);
        let sheet = web_sys::window().and_then(|w| w.document()).and_then(|doc| {
            let sheet = web_sys::CssStyleSheet::new().ok()?;
            sheet.replace_sync(PRINT_ONLY_WIDGET).ok()?;
            let sheets = doc.adopted_style_sheets();
            sheets.push(&sheet);
            doc.set_adopted_style_sheets(&sheets);
            Some(sheet)
        });
        PrintMode { host: host.clone(), sheet }
    }
}

impl Drop for PrintMode {
    fn drop(&mut self) {
        let _ = self.host.remove_attribute("data-mw-printing");
        if let (Some(sheet), Some(doc)) = (&self.sheet, web_sys::window().and_then(|w| w.document())) {
            let kept = js_sys::Array::new();
            for s in doc.adopted_style_sheets().iter() {
                if s != JsValue::from(sheet.clone()) {
                    kept.push(&s);
                }
            }
            doc.set_adopted_style_sheets(&kept);
        }
    }
}

pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// While alive, leaving or reloading the page asks the person first
/// (unsaved agreement edits). Dropping it removes the listener.
pub struct LeaveGuard {
    listener: wasm_bindgen::closure::Closure<dyn Fn(web_sys::BeforeUnloadEvent)>,
}

impl LeaveGuard {
    pub fn new() -> LeaveGuard {
        let listener = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(|e: web_sys::BeforeUnloadEvent| {
            e.prevent_default();
            // Older browsers need a return value to show their prompt.
            e.set_return_value("unsaved");
        });
        if let Some(w) = web_sys::window() {
            let _ = w.add_event_listener_with_callback("beforeunload", listener.as_ref().unchecked_ref());
        }
        LeaveGuard { listener }
    }
}

impl Default for LeaveGuard {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for LeaveGuard {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            let _ = w.remove_event_listener_with_callback("beforeunload", self.listener.as_ref().unchecked_ref());
        }
    }
}

/// Today in the person's time zone (an IANA name from the host's identity),
/// falling back to the browser's own zone when it is missing or unknown.
pub fn today_in(zone: Option<&str>) -> crate::domain::dates::Date {
    let now = js_sys::Date::now();
    let offset = zone.and_then(|z| zone_offset_minutes(z, now)).unwrap_or_else(|| -(js_sys::Date::new_0().get_timezone_offset() as i32));
    crate::domain::dates::today_at(now as i64, offset)
}

/// The person's zone (`zone`, else the browser's) as a calendar file
/// describes it for meetings from `first` to `last`, from `Intl`'s view of
/// its clocks; `None` (a floating time) when no zone is known.
pub fn calendar_zone(zone: Option<&str>, first: crate::domain::dates::Date, last: crate::domain::dates::Date) -> Option<crate::domain::checkins::ics::Zone> {
    use crate::domain::checkins::ics::{zone_span, Zone};
    let name = zone.map(str::to_string).or_else(browser_zone)?;
    let (since, until) = zone_span(first, last);
    Zone::probe(&name, |m| zone_offset_minutes(&name, m as f64 * 60_000.0), since, until)
}

/// How far `zone`'s clocks are ahead of UTC at `now_ms`, from Intl's view
/// of the wall-clock time there.
fn zone_offset_minutes(zone: &str, now_ms: f64) -> Option<i32> {
    thread_local! {
        // A calendar file asks thousands of times for one zone: one formatter.
        static ZONE_FORMAT: std::cell::RefCell<Option<(String, js_sys::Intl::DateTimeFormat)>> = const { std::cell::RefCell::new(None) };
    }
    let cached = ZONE_FORMAT.with(|c| c.borrow().as_ref().filter(|(z, _)| z == zone).map(|(_, f)| f.clone()));
    let format = match cached {
        Some(f) => f,
        None => {
            let options = js_sys::Object::new();
            let set = |k: &str, v: &str| js_sys::Reflect::set(&options, &k.into(), &v.into()).ok();
            set("timeZone", zone)?;
            for k in ["year", "month", "day", "hour", "minute"] {
                set(k, "numeric")?;
            }
            set("hourCycle", "h23")?;
            // An unknown zone throws a RangeError: `construct_intl` catches it as None.
            let f: js_sys::Intl::DateTimeFormat = construct_intl("DateTimeFormat", "en-US", &options)?.unchecked_into();
            ZONE_FORMAT.with(|c| *c.borrow_mut() = Some((zone.to_string(), f.clone())));
            f
        }
    };
    let parts = format.format_to_parts(&js_sys::Date::new(&JsValue::from_f64(now_ms)));
    // Whole numbers only: parsing or printing floats would pull float
    // tables into the wasm for nothing.
    let get = |name: &str| -> Option<f64> {
        parts
            .iter()
            .find(|p| js_sys::Reflect::get(p, &"type".into()).ok().and_then(|t| t.as_string()).as_deref() == Some(name))
            .and_then(|p| js_sys::Reflect::get(&p, &"value".into()).ok()?.as_string()?.parse::<u32>().ok().map(f64::from))
    };
    let (y, mo, d, h, mi) = (get("year")?, get("month")?, get("day")?, get("hour")?, get("minute")?);
    let wall = js_sys::Date::utc(y, mo - 1.0) + ((d - 1.0) * 86_400_000.0) + h * 3_600_000.0 + mi * 60_000.0;
    Some(((wall - now_ms) / 60_000.0).round() as i32)
}
