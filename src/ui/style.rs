//! The widget's stylesheets in each instance's shadow root.
//!
//! The styles come in two parts so the first load carries only what the home
//! shows: `www/widget.css` (the shell, the home, the start form and the
//! parts every screen shares), which loader.js fetches with the wasm and
//! passes to `mount`, and `www/widget.views.css` (a relationship's
//! workspace and its views), which is compiled into the workspace's chunk
//! and adopted when a relationship first opens, before its first frame.
//! Both are constructed stylesheets (no inline styles, so a strict CSP
//! holds), each made once per page and shared by every instance.
//!
//! Order: the shared sheet first, then the views' sheet, so their rules
//! keep the order they had as one file (but for a few small ones the home
//! needs, which came forward into widget.css and compete with none here). The instance's theme only sets
//! `--mw-*` custom properties on `:host`, which neither part sets, so it
//! may come before or after the views' sheet (`sheets` puts it last; a
//! workspace opening appends the views' sheet after it).

use js_sys::Array;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CssStyleSheet, HtmlElement};

thread_local! {
    /// The views' sheet, once the first workspace of the page has made it.
    static VIEWS: RefCell<Option<CssStyleSheet>> = const { RefCell::new(None) };
}

/// The sheets of an instance: `shared` (the loader's, when it is one), the
/// views' sheet when a workspace has made it, and the theme.
pub fn sheets(shared: &JsValue, theme: Option<&CssStyleSheet>) -> Array {
    let sheets = Array::new();
    if shared.is_instance_of::<CssStyleSheet>() {
        sheets.push(shared);
    }
    if let Some(views) = VIEWS.with(|v| v.borrow().clone()) {
        sheets.push(&views);
    }
    if let Some(theme) = theme {
        sheets.push(theme);
    }
    sheets
}

/// Adopts the views' rules (`css`, the text of widget.views.css) into the
/// shadow root of `host`, making the page's sheet on first use. Called by
/// the workspace's chunk, which holds the text; a second call is a no-op.
pub fn adopt_views(host: &HtmlElement, css: &str) {
    let made = VIEWS.with(|v| {
        let mut v = v.borrow_mut();
        if v.is_none() {
            let sheet = CssStyleSheet::new().ok().filter(|s| s.replace_sync(css).is_ok());
            if sheet.is_none() {
                web_sys::console::error_1(&"[mentoring-widget] could not construct the views' stylesheet".into());
            }
            *v = sheet;
        }
        v.clone()
    });
    let (Some(sheet), Some(shadow)) = (made, host.shadow_root()) else { return };
    // A workspace whose chunk arrives after `destroy()` adopts nothing: a
    // destroyed instance keeps no stylesheet.
    if shadow.query_selector(".mw-container").ok().flatten().is_none() {
        return;
    }
    let adopted = shadow.adopted_style_sheets();
    if adopted.includes(&sheet, 0) {
        return;
    }
    // After the shared sheet; the theme may come before it (see the header).
    adopted.push(&sheet);
    shadow.set_adopted_style_sheets(&adopted);
}
