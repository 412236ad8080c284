//! What every component of one widget instance shares: the bridge, the texts,
//! the brand and the way to tell the host what happened.

use std::rc::Rc;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::bridge::{BridgeError, HostBridge};
use crate::domain::messages::Catalog;
use crate::domain::route::Route;

/// Reads texts by message key, and writes dates and numbers the person's
/// way. Reading inside a reactive closure tracks the catalog, so
/// `update({ text })` from the host re-renders the words. The second field
/// is the person's IANA time zone once the identity gave a valid one (the
/// same signal as [`Env::time_zone`]): moments are shown as dates there.
#[derive(Clone, Copy)]
pub struct I18n(pub RwSignal<Catalog>, pub RwSignal<Option<String>>);

// Texts are read with `try_with`: a write that finishes after the widget
// was destroyed may still word its outcome, and must not panic on the
// catalog's disposed signal (with `panic = "abort"` that would trap every
// instance on the page). Nobody sees that text; empty is fine.
impl I18n {
    pub fn t(&self, key: &str) -> String {
        self.0.try_with(|c| c.text(key)).unwrap_or_default()
    }

    /// The text for `key` as a reactive view child. Every call returns the
    /// same closure type, so the renderer's generic code is instantiated once
    /// for all texts instead of once per call site: that alone keeps tens of
    /// KiB out of the wasm.
    pub fn tr(self, key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        move || self.t(key)
    }

    pub fn f(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.0.try_with(|c| c.format(key, args)).unwrap_or_default()
    }

    /// A whole number as the person's locale writes it ("1.234", "٤٥").
    pub fn n(&self, n: i64) -> String {
        self.0.try_with(|c| c.number(n)).unwrap_or_default()
    }

    /// The locale tag for the browser's formatters ("de-CH").
    pub fn locale(&self) -> String {
        self.0.try_with(|c| c.locale().to_string()).unwrap_or_else(|| "en".into())
    }

    /// A calendar day in the person's locale ("24 Nov 2026", "24.11.2026").
    pub fn day(&self, day: crate::domain::dates::Date) -> String {
        crate::ui::platform::format_day(day, &self.locale())
    }

    /// A stored RFC 3339 moment as a date in the person's locale and zone.
    pub fn date(&self, rfc3339: &str) -> String {
        let zone = self.1.try_get().flatten();
        crate::ui::platform::format_date(rfc3339, &self.locale(), zone.as_deref())
    }

    /// `ltr` or `rtl`, for the widget's root.
    pub fn dir(&self) -> &'static str {
        self.0.try_with(|c| c.dir()).unwrap_or("ltr")
    }
}

/// Something the host should hear about, sent as an `mw:*` DOM event.
#[derive(Clone, Debug, PartialEq)]
pub enum HostEvent {
    /// The widget knows who is using it and has drawn its first screen.
    Ready { user_id: String },
    /// A document was written.
    Saved { kind: &'static str, id: String },
    /// Something went wrong that the host may want to log or act on.
    Error { code: &'static str, message: String },
    /// One party signed the agreement (version it will become, who signed).
    AgreementSigned { relationship_id: String, by: String },
    /// Both have signed: this version of the agreement is in force.
    AgreementInForce { relationship_id: String, version: u32 },
    /// A goal was confirmed as achieved by the other party.
    GoalAchieved { relationship_id: String, goal_id: String },
    /// A check-in is due soon, today or overdue, so the portal can remind
    /// the pair. `days` is negative when overdue.
    CheckinDue { relationship_id: String, date: String, days: i64 },
    /// The mentee asked for a new mentor while moving on.
    RematchRequested { relationship_id: String, mentee_id: String },
    /// The relationship is closed (no-fault reason as its stored name).
    Closed { relationship_id: String, reason: &'static str },
    /// The person moved to another view (`home`, `relationship/{id}/goals`):
    /// a portal can put it in its URL and pass it back as `view`.
    Navigate { view: String },
}

#[derive(Clone)]
pub struct Env {
    pub bridge: SendWrapper<Result<HostBridge, BridgeError>>,
    pub i18n: I18n,
    /// The vendor's product name, if they set one.
    pub brand: RwSignal<Option<String>>,
    /// Templates the vendor passed, as the JSON text given: the agreement
    /// view checks them where it offers them (so the checks are not in the
    /// first load), shown after the built-in ones.
    pub templates: RwSignal<String>,
    /// The element the widget is mounted on (print mode marks it).
    pub host: SendWrapper<web_sys::HtmlElement>,
    /// The signed-in person's IANA time zone, once the host has said it:
    /// "today" and "overdue" are reckoned there.
    pub time_zone: RwSignal<Option<String>>,
    /// Where the person is: the view shown (see `domain::route`).
    pub route: RwSignal<Route>,
    /// What the locale is chosen from (see `ui::texts`).
    pub locale_sources: RwSignal<crate::ui::texts::LocaleSources>,
    /// Bumped by each choice of texts, so a slow fetch cannot undo a newer one.
    pub texts_generation: StoredValue<u64>,
    emit: SendWrapper<Rc<dyn Fn(HostEvent)>>,
}

impl Env {
    pub fn new(
        bridge: Result<HostBridge, BridgeError>,
        i18n: I18n,
        brand: RwSignal<Option<String>>,
        templates: RwSignal<String>,
        host: web_sys::HtmlElement,
        emit: Rc<dyn Fn(HostEvent)>,
    ) -> Env {
        Env {
            bridge: SendWrapper::new(bridge),
            i18n,
            brand,
            templates,
            host: SendWrapper::new(host),
            time_zone: i18n.1,
            route: RwSignal::new(Route::Home),
            locale_sources: RwSignal::new(Default::default()),
            texts_generation: StoredValue::new(0),
            emit: SendWrapper::new(emit),
        }
    }

    /// Opens `route`, and tells the host (`mw:navigate`) so it can keep
    /// the view in its URL or history. Opening the view already shown does nothing.
    pub fn navigate(&self, route: Route) {
        if self.route.with_untracked(|r| *r == route) {
            return;
        }
        let view = route.to_path();
        self.route.set(route);
        self.emit(HostEvent::Navigate { view });
    }

    pub fn emit(&self, event: HostEvent) {
        (self.emit)(event)
    }

    /// The bridge, once `WidgetRoot` has checked it is usable.
    pub fn host(&self) -> Option<HostBridge> {
        self.bridge.as_ref().ok().cloned()
    }

    /// Tells the host and the console about a failure, once, in one place.
    /// A text file could not be fetched: the texts shown stay as they were.
    pub fn texts_failed(&self, failed: crate::ui::texts::TextsFailed) {
        crate::bridge::host::console_error(&failed.0);
        self.emit(HostEvent::Error { code: "load_failed", message: failed.0 });
    }

    pub fn report(&self, error: &BridgeError) {
        crate::bridge::host::console_error(&format!("{}: {}", error.code(), error.detail()));
        self.emit(HostEvent::Error { code: error.code(), message: error.detail() });
    }
}
