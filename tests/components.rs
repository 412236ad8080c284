//! Component tests: the real widget mounted by `embed::mount` into a shadow
//! root in headless Chromium, driven through its DOM, with the shipped local
//! bridge in memory and faults injected around it.
#![cfg(target_arch = "wasm32")]

mod support;

use mentoring_widget::embed::{mount, Widget};
use support::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

fn sheet() -> JsValue {
    makeSheet(include_str!("../www/widget.css"))
}

struct Mounted {
    host: HtmlElement,
    root: ShadowRoot,
    widget: Widget,
    events: JsValue,
}

fn mount_with(bridge: &JsValue, extra: &str) -> Mounted {
    let host = new_host();
    let events = recordEvents(&host);
    let widget = mount(host.clone(), options(bridge, &js(extra)), sheet()).expect("mount");
    let root = host.shadow_root().expect("an open shadow root");
    Mounted { host, root, widget, events }
}

/// Opens the "start a relationship" form once the home has loaded.
async fn open_form(root: &ShadowRoot) {
    until_text(root, "Start a relationship").await;
    click(root, ".mw-home__top .mw-button--primary");
    until(root, "the form", || find(root, "form").is_some()).await;
}

/// Fills the form as Ana proposing to mentor Ben (typed name and email, no directory pick).
fn fill_form(root: &ShadowRoot) {
    click(root, "#mw-role-mentor");
    setValue(&get(root, "#mw-partner"), "Ben Okafor");
    setValue(&get(root, "#mw-partner-email"), "Ben@Acme.example");
    click(root, "#mw-kind-reverse");
}

// Pins: the widget renders in an open shadow root with the shared sheet adopted,
// greets the bridge's identity, shows the empty state and tells the host it is ready.
#[wasm_bindgen_test]
async fn mounts_in_shadow_root_and_greets() {
    let b = bridge("u-ana");
    let m = mount_with(&b, "{}");
    until_text(&m.root, "Signed in as Ana Li").await;
    until_text(&m.root, "no mentoring relationships yet").await;
    // The shared sheet; the views' sheet too once any workspace on the page has opened.
    assert_eq!(adoptedCount(&m.root) - adoptedViews(&m.root), 1);
    assert!(text(&m.root).contains("Saved in this browser only"), "local bridges are flagged");
    assert!(eventsText(&m.events).contains(r#"mw:ready {"userId":"u-ana"}"#));
    assert!(m.host.get_attribute("style").is_none());
}

// Pins: the whole journey inside the widget: propose, see it listed, the host hears
// mw:saved, and the partner (same storage, other identity) sees it from their side.
#[wasm_bindgen_test]
async fn proposing_lists_it_for_both_people() {
    let storage: JsValue = MemoryStorage::new().into();
    let ana = bridge_on(&storage, "u-ana");
    let m = mount_with(&ana, "{}");
    open_form(&m.root).await;
    fill_form(&m.root);
    click(&m.root, "button[type=submit]");
    until(&m.root, "the new card", || count(&m.root, ".mw-card") == 1).await;
    let card = get(&m.root, ".mw-card").text_content().unwrap();
    assert!(card.contains("Reverse mentoring") && card.contains("with Ben Okafor") && card.contains("mentor"), "{card}");
    assert!(text(&m.root).contains("Relationship with Ben Okafor proposed."));
    assert!(find(&m.root, "form").is_none(), "the form closes after saving");
    assert!(eventsText(&m.events).contains(r#"mw:saved {"kind":"relationship""#));

    let ben = bridge_on(&storage, "u-ben");
    let other = mount_with(&ben, "{}");
    until(&other.root, "Ben's card", || count(&other.root, ".mw-card") == 1).await;
    let card = get(&other.root, ".mw-card").text_content().unwrap();
    assert!(card.contains("with Ana Li") && card.contains("You are the mentee"), "{card}");
}

// Pins: submitting an empty form writes nothing and shows every error, each tied to
// its field (aria-invalid, aria-describedby) and summarised in an alert that gets focus.
#[wasm_bindgen_test]
async fn empty_form_shows_tied_errors_and_writes_nothing() {
    let b = bridge("u-ana");
    let m = mount_with(&b, "{}");
    open_form(&m.root).await;
    click(&m.root, "button[type=submit]");
    until(&m.root, "the error summary", || count(&m.root, ".mw-summary li") == 4).await;
    assert_eq!(get(&m.root, ".mw-summary").get_attribute("role").as_deref(), Some("alert"));
    until(&m.root, "focus on the summary", || activeElementId(&m.root) == "mw-summary").await;
    let partner = get(&m.root, "#mw-partner");
    assert_eq!(partner.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(partner.get_attribute("aria-describedby").unwrap().contains("mw-partner-error"));
    assert!(get(&m.root, "#mw-partner-error").text_content().unwrap().contains("partner's name"));
    assert_eq!(callCount(&b, "put"), 0);

    // Errors follow corrections live once shown.
    setValue(&partner, "Ana Li");
    click(&m.root, "#mw-role-mentee");
    until(&m.root, "two errors left", || count(&m.root, ".mw-summary li") == 2).await;
    setValue(&get(&m.root, "#mw-partner-email"), "ana@acme.example");
    until_text(&m.root, "Your partner must be someone other than you.").await;
}

// Pins: a rejected write keeps everything typed on screen, says why, and a retry saves it.
#[wasm_bindgen_test]
async fn failed_write_keeps_input_and_retries() {
    let b = bridge("u-ana");
    let m = mount_with(&b, "{}");
    open_form(&m.root).await;
    fill_form(&m.root);
    failNext(&b, "put", "unavailable");
    click(&m.root, "button[type=submit]");
    until_text(&m.root, "Not saved: Storage cannot be reached right now.").await;
    let input: web_sys::HtmlInputElement = get(&m.root, "#mw-partner").unchecked_into();
    assert_eq!(input.value(), "Ben Okafor");
    assert!(get(&m.root, "#mw-kind-reverse").unchecked_into::<web_sys::HtmlInputElement>().checked());
    assert!(eventsText(&m.events).contains(r#"mw:error {"code":"unavailable""#));
    click(&m.root, ".mw-save-error button");
    until(&m.root, "the saved card", || count(&m.root, ".mw-card") == 1).await;
    assert_eq!(callCount(&b, "put"), 2);
}

// Pins: a bridge that never answers times out with a clear message; what was typed stays.
#[wasm_bindgen_test]
async fn hanging_write_times_out() {
    let b = bridge("u-ana");
    let m = mount_with(&b, r#"{"timeoutMs":150}"#);
    open_form(&m.root).await;
    fill_form(&m.root);
    hangNext(&b, "put");
    click(&m.root, "button[type=submit]");
    until_text(&m.root, "Storage took too long to answer.").await;
    let input: web_sys::HtmlInputElement = get(&m.root, "#mw-partner").unchecked_into();
    assert_eq!(input.value(), "Ben Okafor");
}

// Pins: a write that landed but whose answer was lost is recognised (read
// back at once, or found on the retry when the read-back fails too) and
// never stored twice.
#[wasm_bindgen_test]
async fn retry_after_lost_answer_does_not_duplicate() {
    let b = bridge("u-ana");
    let m = mount_with(&b, "{}");
    open_form(&m.root).await;
    fill_form(&m.root);
    loseAnswerNext(&b, "put");
    // Reads are down for a moment, so the read-back fails too.
    failGetsFor(&b, 400);
    click(&m.root, "button[type=submit]");
    until_text(&m.root, "Not saved").await;
    sleep(450).await;
    click(&m.root, ".mw-save-error button");
    until(&m.root, "the card", || count(&m.root, ".mw-card") == 1).await;
    sleep(50).await;
    assert_eq!(count(&m.root, ".mw-card"), 1, "one relationship, not two");
    assert_eq!(callCount(&b, "put"), 2);
}

// Pins: a lost answer whose write is read back at once counts as stored:
// no "Not saved", no second write.
#[wasm_bindgen_test]
async fn a_lost_answer_read_back_is_stored() {
    let b = bridge("u-ana");
    let m = mount_with(&b, "{}");
    open_form(&m.root).await;
    fill_form(&m.root);
    loseAnswerNext(&b, "put");
    click(&m.root, "button[type=submit]");
    until(&m.root, "the card", || count(&m.root, ".mw-card") == 1).await;
    assert!(!text(&m.root).contains("Not saved"));
    assert_eq!(callCount(&b, "put"), 1);
}

// Pins: stored values that are not JSON, of an unknown kind, or of a newer schema each
// show an error on that item only; good items still load; bad values are never rewritten.
#[wasm_bindgen_test]
async fn bad_stored_values_show_errors_and_stay_untouched() {
    let b = bridge("u-ana");
    let good = r#"{"schema":1,"kind":"relationship","data":{"id":"good1","kind":"peer","mentor":{"id":"u-ana","displayName":"Ana Li"},"mentee":{"id":"u-ben","displayName":"Ben Okafor"},"state":"proposed","createdBy":"u-ana","createdAt":"2026-11-20T09:00:00Z"}}"#;
    let bad = [
        ("mw/v1/rel/bad1", "this is { not json"),
        ("mw/v1/rel/bad2", r#"{"schema":1,"kind":"recipe","data":{}}"#),
        ("mw/v1/rel/bad3", r#"{"schema":9,"kind":"relationship","data":{}}"#),
    ];
    promise(rawPut(&b, "mw/v1/rel/good1", good)).await;
    for (k, v) in bad {
        promise(rawPut(&b, k, v)).await;
    }
    let m = mount_with(&b, "{}");
    until(&m.root, "four cards", || count(&m.root, ".mw-card") == 4).await;
    assert_eq!(count(&m.root, ".mw-card--broken"), 3);
    let all = text(&m.root);
    assert!(all.contains("Peer mentoring"), "{all}");
    assert!(all.contains("cannot be read"), "{all}");
    assert!(all.contains("something other than a mentoring relationship"), "{all}");
    assert!(all.contains("saved by a newer version"), "{all}");
    assert!(all.contains("mw/v1/rel/bad3"), "the key is named for the portal team");
    assert_eq!(count(&m.root, ".mw-card--broken button"), 0, "nothing on a broken item can write");
    for (k, v) in bad {
        assert_eq!(promise(rawGet(&b, k)).await.as_string().as_deref(), Some(v));
    }
    assert_eq!(callCount(&b, "put"), 4, "only the test's own writes");
}

// Pins: a bridge missing a method, or not a bridge at all, gets a clear message in the
// widget, a console line and an mw:error event, never a panic.
#[wasm_bindgen_test]
async fn broken_bridges_are_reported() {
    let no_list = bridge("u-ana");
    let storage = js_sys::Reflect::get(&no_list, &"storage".into()).unwrap();
    js_sys::Reflect::delete_property(storage.unchecked_ref::<js_sys::Object>(), &"list".into()).unwrap();
    let m = mount_with(&no_list, "{}");
    until_text(&m.root, "not set up correctly").await;
    assert!(text(&m.root).contains("browser console"));
    assert!(eventsText(&m.events).contains("bridge_misconfigured"));
    assert!(eventsText(&m.events).contains("storage.list()"));

    let host = new_host();
    let events = recordEvents(&host);
    let _w = mount(host.clone(), js(r#"{"bridge":"nope"}"#), sheet()).unwrap();
    let root = host.shadow_root().unwrap();
    until_text(&root, "not set up correctly").await;
    assert!(eventsText(&events).contains("bridge object"));
}

// Pins: a method answering with the wrong shape is a set-up error, named in the event.
#[wasm_bindgen_test]
async fn wrong_shapes_are_reported() {
    let b = bridge("u-ana");
    answerNext(&b, "list", &js(r#"{"keys":[]}"#));
    let m = mount_with(&b, "{}");
    until_text(&m.root, "not set up correctly").await;
    assert!(eventsText(&m.events).contains("storage.list() returned the wrong shape"));

    let b = bridge("u-ana");
    answerNext(&b, "identity", &js(r#"{"id":"","displayName":"X"}"#));
    let m = mount_with(&b, "{}");
    until_text(&m.root, "not set up correctly").await;
}

// Pins: a passing failure to load the list offers a retry that works.
#[wasm_bindgen_test]
async fn list_failure_can_be_retried() {
    let b = bridge("u-ana");
    throwNext(&b, "list");
    let m = mount_with(&b, "{}");
    until_text(&m.root, "could not be loaded: You are not allowed").await;
    click(&m.root, ".mw-panel--error button");
    until_text(&m.root, "no mentoring relationships yet").await;
}

// Pins: two instances on one page are independent, and destroy removes all one added
// (nodes, adopted sheets, the storage subscription) while the other keeps working.
#[wasm_bindgen_test]
async fn two_instances_and_destroy() {
    let ana = bridge("u-ana");
    let ben = bridge("u-ben");
    let mut a = mount_with(&ana, "{}");
    let b = mount_with(&ben, "{}");
    until_text(&a.root, "Signed in as Ana Li").await;
    until_text(&b.root, "Signed in as Ben Okafor").await;
    until(&a.root, "a subscription", || activeSubscriptions(&ana) == 1).await;
    a.widget.destroy();
    assert_eq!(a.root.child_element_count(), 0, "no nodes left");
    assert_eq!(adoptedCount(&a.root), 0, "no stylesheets left");
    assert_eq!(activeSubscriptions(&ana), 0, "unsubscribed");
    assert!(!a.widget.mounted());
    assert!(text(&b.root).contains("Signed in as Ben Okafor"));
    // Mounting again into the same element reuses its shadow root.
    a.widget.update(js("{}")).unwrap();
    until_text(&a.root, "Signed in as Ana Li").await;
    assert_eq!(totalSubscriptions(&ana), 2);
    a.widget.destroy();
    let _ = &a.host;
}

// Pins: update() applies text overrides, brand and theme in place; bad theme values
// are dropped while good ones apply; the same bridge again changes nothing; another
// bridge re-mounts as the new person.
#[wasm_bindgen_test]
async fn update_applies_texts_theme_and_bridge() {
    let b = bridge("u-ana");
    let mut m = mount_with(&b, r##"{"brandName":"Acme Mentoring","theme":{"brand":"#0a6","radius":"url(x)"}}"##);
    until_text(&m.root, "Acme Mentoring").await;
    assert_eq!(adoptedCount(&m.root) - adoptedViews(&m.root), 2);
    let css = adoptedText(&m.root);
    assert!(css.contains("--mw-brand: #0a6") || css.contains("--mw-brand:#0a6"), "{css}");
    assert!(!css.contains("url(x)"));

    m.widget.update(js(r#"{"text":{"home.start":"Find a mentor"},"theme":{"brand":"rebeccapurple"}}"#)).unwrap();
    until_text(&m.root, "Find a mentor").await;
    assert!(adoptedText(&m.root).contains("rebeccapurple"));
    assert!(text(&m.root).contains("Acme Mentoring"), "unchanged options are kept");

    // The same bridge object again (a framework re-sending its options) keeps
    // the mounted widget: the same nodes, no new subscription.
    let header = get(&m.root, "header");
    let subscribed = totalSubscriptions(&b);
    m.widget.update(options(&b, &js(r#"{"brandName":"Acme Mentoring"}"#))).unwrap();
    assert!(header.is_connected(), "not re-mounted");
    assert_eq!(totalSubscriptions(&b), subscribed);

    m.widget.update(options(&bridge("u-ben"), &js("{}"))).unwrap();
    until_text(&m.root, "Signed in as Ben Okafor").await;
    assert!(text(&m.root).contains("Find a mentor"), "texts survive a bridge change");
}

// Pins: the partner can be picked from the bridge's directory by keyboard; the pick
// stores their host id, and typing over it un-picks.
#[wasm_bindgen_test]
async fn directory_pick_by_keyboard() {
    let b = bridge("u-ana");
    let m = mount_with(&b, "{}");
    open_form(&m.root).await;
    let input = get(&m.root, "#mw-partner");
    assert_eq!(input.get_attribute("role").as_deref(), Some("combobox"));
    setValue(&input, "oka");
    until(&m.root, "an option", || count(&m.root, "[role=option]") == 1).await;
    assert_eq!(input.get_attribute("aria-expanded").as_deref(), Some("true"));
    pressKey(&input, "ArrowDown");
    until(&m.root, "an active option", || input.get_attribute("aria-activedescendant").is_some()).await;
    pressKey(&input, "Enter");
    until_text(&m.root, "Picked from the directory: Ben Okafor").await;
    assert!(find(&m.root, "#mw-partner-email").is_none(), "a picked person needs no email");
    setValue(&input, "Ben Okafor Jr");
    until(&m.root, "un-picked", || find(&m.root, "#mw-partner-email").is_some()).await;
}

// Pins: many mount/destroy cycles leave nothing behind: no nodes, no stylesheets,
// no storage subscriptions (what would leak memory on a long-lived portal page).
#[wasm_bindgen_test]
async fn repeated_mount_and_destroy_leave_nothing() {
    let b = bridge("u-ana");
    let host = new_host();
    for _ in 0..25 {
        let mut w = mount(host.clone(), options(&b, &js("{}")), sheet()).unwrap();
        let root = host.shadow_root().unwrap();
        until_text(&root, "Signed in as Ana Li").await;
        until(&root, "the list", || text(&root).contains("no mentoring relationships yet")).await;
        w.destroy();
        assert_eq!(root.child_element_count(), 0);
        assert_eq!(adoptedCount(&root), 0);
    }
    assert_eq!(activeSubscriptions(&b), 0);
    assert_eq!(totalSubscriptions(&b), 25);
}

/// An active relationship whose agreement (weekly, from `start` days from
/// today) is in force.
fn active_relationship(id: &str, start: i32) -> String {
    let content =
        format!(r#"{{"meetings.frequency":"weekly","dates.start":"{}","dates.review":"{}","dates.end":"{}"}}"#, todayIso(start), todayIso(60), todayIso(120));
    format!(
        r#"{{"schema":3,"kind":"relationship","data":{{"id":"{id}","kind":"peer","mentor":{{"id":"u-ana","displayName":"Ana Li","email":null}},"mentee":{{"id":"u-ben","displayName":"Ben Okafor","email":null}},"state":"active","createdBy":"u-ana","createdAt":"2026-10-01T09:00:00Z","agreement":{{"versions":[{{"number":1,"content":{content},"signatures":[],"inForceAt":"2026-10-02T09:00:00Z"}}],"draft":null}},"life":{{"events":[],"closing":null}}}}}}"#
    )
}

// Pins: the home view shows each active relationship's next check-in in the
// person's calendar (overdue, tomorrow, in some days), and tells the host
// about the overdue one and tomorrow's (mw:checkin-due), once each, not the later one.
#[wasm_bindgen_test]
async fn home_shows_due_check_ins_and_tells_the_host() {
    let b = bridge("u-ana");
    promise(rawPut(&b, "mw/v1/rel/late", &active_relationship("late", -10))).await;
    promise(rawPut(&b, "mw/v1/rel/late/checkins/c1", &format!(r#"{{"schema":1,"kind":"checkin","data":{{"date":"{}"}}}}"#, todayIso(-9)))).await;
    promise(rawPut(&b, "mw/v1/rel/soon", &active_relationship("soon", 1))).await;
    promise(rawPut(&b, "mw/v1/rel/later", &active_relationship("later", 5))).await;
    let m = mount_with(&b, "{}");
    until(&m.root, "three due lines", || count(&m.root, ".mw-card .mw-due") == 3).await;
    let due = |id: &str| get(&m.root, &format!("[data-relationship='{id}'] .mw-due"));
    assert_eq!(due("late").get_attribute("data-due").as_deref(), Some("overdue"));
    assert!(due("late").text_content().unwrap().contains("(2 days)"), "weekly after the check-in 9 days ago: due 2 days ago");
    assert!(due("soon").text_content().unwrap().contains("tomorrow"));
    assert!(due("later").text_content().unwrap().contains("in 5 days"));
    let events = eventsText(&m.events);
    assert!(events.contains(&format!(r#"mw:checkin-due {{"relationshipId":"late","date":"{}","daysUntil":-2}}"#, todayIso(-2))), "{events}");
    assert!(events.contains(r#""relationshipId":"soon""#), "{events}");
    assert!(!events.contains(r#""relationshipId":"later""#), "{events}");
    // A refresh (another save) does not tell the host again.
    promise(rawPut(&b, "mw/v1/rel/other", &active_relationship("other", 30))).await;
    until(&m.root, "four cards", || count(&m.root, ".mw-card") == 4).await;
    sleep(200).await;
    assert_eq!(eventsText(&m.events).matches("mw:checkin-due").count(), 2);
}

// Pins: "due" is reckoned in each person's own time zone, from the host's
// identity: at the same instant, a check-in on Kiritimati's today (UTC+14)
// is due today for Ana there and still ahead for Ben in Pago Pago (UTC-11).
#[wasm_bindgen_test]
async fn due_is_reckoned_in_each_persons_time_zone() {
    let storage: JsValue = MemoryStorage::new().into();
    let people =
        r#"[{"id":"u-ana","displayName":"Ana Li","timeZone":"Pacific/Kiritimati"},{"id":"u-ben","displayName":"Ben Okafor","timeZone":"Pacific/Pago_Pago"}]"#;
    let on = |user: &str| {
        let opts = js(&format!(r#"{{"people":{people},"currentUserId":"{user}"}}"#));
        js_sys::Reflect::set(&opts, &"storage".into(), &storage).unwrap();
        withFaults(createLocalBridge(&opts))
    };
    let (ana, ben) = (on("u-ana"), on("u-ben"));
    let start = todayInZone("Pacific/Kiritimati");
    let rel = active_relationship("tz", 0).replace(&format!(r#""dates.start":"{}""#, todayIso(0)), &format!(r#""dates.start":"{start}""#));
    promise(rawPut(&ana, "mw/v1/rel/tz", &rel)).await;
    let a = mount_with(&ana, "{}");
    let b = mount_with(&ben, "{}");
    for m in [&a, &b] {
        until(&m.root, "the due line", || find(&m.root, "[data-relationship='tz'] .mw-due").is_some()).await;
    }
    let state = |m: &Mounted| get(&m.root, "[data-relationship='tz'] .mw-due").get_attribute("data-due").unwrap_or_default();
    assert_eq!(state(&a), "today");
    assert_eq!(state(&b), "upcoming");
}

// Pins: the home list is read again for what it shows (a relationship, a
// check-in), not for a goal, and not while a relationship is open (it is
// read on the way back).
#[wasm_bindgen_test]
async fn home_reloads_only_for_what_it_shows() {
    let b = bridge("u-ana");
    promise(rawPut(&b, "mw/v1/rel/r1", &active_relationship("r1", 0))).await;
    let m = mount_with(&b, "{}");
    until(&m.root, "the card", || find(&m.root, "[data-relationship='r1'] .mw-due").is_some()).await;
    sleep(100).await;
    let lists = callCount(&b, "list");
    promise(rawPut(&b, "mw/v1/rel/r1/goals/g1", "{}")).await;
    sleep(200).await;
    assert_eq!(callCount(&b, "list"), lists, "a goal is not on the home list");
    promise(rawPut(&b, "mw/v1/rel/r1/checkins/c1", &format!(r#"{{"schema":1,"kind":"checkin","data":{{"date":"{}"}}}}"#, todayIso(0)))).await;
    until(&m.root, "the list read again", || callCount(&b, "list") > lists).await;
    until(&m.root, "the next check-in moved on", || get(&m.root, "[data-relationship='r1'] .mw-due").text_content().unwrap_or_default().contains("in 7 days"))
        .await;

    click(&m.root, "[data-relationship='r1'] .mw-card__open");
    until(&m.root, "the page", || find(&m.root, ".mw-page").is_some()).await;
    sleep(100).await;
    let lists = callCount(&b, "list");
    promise(rawPut(&b, "mw/v1/rel/r1/checkins/c2", &format!(r#"{{"schema":1,"kind":"checkin","data":{{"date":"{}"}}}}"#, todayIso(3)))).await;
    sleep(200).await;
    assert_eq!(callCount(&b, "list"), lists, "the hidden list waits");
    click(&m.root, ".mw-back");
    until(&m.root, "the planned check-in on the way back", || {
        get(&m.root, "[data-relationship='r1'] .mw-due").text_content().unwrap_or_default().contains("in 3 days")
    })
    .await;
}

const REL_PROPOSED: &str = r#"{"schema":2,"kind":"relationship","data":{"id":"rel1","kind":"peer","mentor":{"id":"u-ben","displayName":"Ben Okafor"},"mentee":{"id":"u-ana","displayName":"Ana Li"},"state":"proposed","createdBy":"u-ana","createdAt":"2026-11-20T09:00:00Z","agreement":{"versions":[]}}}"#;

// Pins: the `view` option opens a relationship's view; `navigate` moves
// between views and tells the host (mw:navigate) once per move; a path that
// is not a view is refused and changes nothing; the workspace stays when only
// the tab changes (one read of the relationship), and home is read again on return.
#[wasm_bindgen_test]
async fn views_open_by_option_and_navigate() {
    let b = bridge("u-ana");
    promise(rawPut(&b, "mw/v1/rel/rel1", REL_PROPOSED)).await;
    let mut m = mount_with(&b, r#"{"view":"relationship/rel1/goals"}"#);
    until(&m.root, "the goals view", || find(&m.root, ".mw-goals").is_some()).await;
    assert_eq!(m.widget.view(), "relationship/rel1/goals");
    assert_eq!(get(&m.root, "[role=tab][aria-selected=true]").id(), "mw-tab-goals");
    let reads = callCount(&b, "get");

    m.widget.navigate("relationship/rel1".into());
    until_text(&m.root, "Write your mentoring agreement together.").await;
    m.widget.navigate("relationship/rel1/agreement".into());
    until(&m.root, "the agreement view", || find(&m.root, ".mw-templates").is_some()).await;
    assert!(find(&m.root, "#mw-panel-goals[hidden]").is_some(), "the goals view stays, hidden");
    assert_eq!(callCount(&b, "get"), reads, "switching views reads nothing again");

    m.widget.navigate("relationship/../private".into());
    m.widget.navigate("relationship/rel1/agreement".into());
    assert_eq!(m.widget.view(), "relationship/rel1/agreement");
    let seen = eventsText(&m.events);
    assert_eq!(seen.matches("mw:navigate").count(), 2, "{seen}");
    assert!(seen.contains(r#"mw:navigate {"view":"relationship/rel1/agreement"}"#), "{seen}");

    m.widget.navigate("home".into());
    until(&m.root, "home shown", || find(&m.root, ".mw-home:not([hidden])").is_some() && find(&m.root, ".mw-page").is_none()).await;
    until_text(&m.root, "Peer mentoring").await;
}

// Pins: the tab list is a WAI-ARIA tab list: each tab names its panel, only
// the selected tab is in the Tab order, and arrow keys move and open.
#[wasm_bindgen_test]
async fn tabs_follow_the_aria_pattern() {
    let b = bridge("u-ana");
    promise(rawPut(&b, "mw/v1/rel/rel1", REL_PROPOSED)).await;
    let m = mount_with(&b, r#"{"view":"relationship/rel1"}"#);
    until(&m.root, "the tabs", || count(&m.root, "[role=tab]") == 5).await;
    assert_eq!(count(&m.root, "[role=tab][tabindex='0']"), 1);
    for name in ["overview", "agreement", "goals", "checkins", "timeline"] {
        let tab = get(&m.root, &format!("#mw-tab-{name}"));
        assert_eq!(tab.get_attribute("aria-controls").unwrap(), format!("mw-panel-{name}"));
        assert_eq!(get(&m.root, &format!("#mw-panel-{name}")).get_attribute("aria-labelledby").unwrap(), format!("mw-tab-{name}"));
    }
    get(&m.root, "#mw-tab-overview").unchecked_into::<web_sys::HtmlElement>().focus().unwrap();
    pressKey(&get(&m.root, "#mw-tab-overview"), "ArrowLeft");
    // Focus moves within the key's own event: the next key a fast typist
    // presses must already land on the new tab (the CI run that found this
    // pressed Tab one frame too early and reached the old one).
    assert_eq!(activeElementId(&m.root), "mw-tab-timeline");
    until(&m.root, "the timeline selected", || get(&m.root, "#mw-tab-timeline").get_attribute("aria-selected").as_deref() == Some("true")).await;
    assert_eq!(m.widget.view(), "relationship/rel1/timeline");
}

// Pins: `update` reaches every open view at once, including one opened
// earlier and hidden now: texts change in place, nothing is read again.
#[wasm_bindgen_test]
async fn update_reaches_every_open_view() {
    let b = bridge("u-ana");
    promise(rawPut(&b, "mw/v1/rel/rel1", REL_PROPOSED)).await;
    let mut m = mount_with(&b, r#"{"view":"relationship/rel1/goals"}"#);
    until(&m.root, "the goals view", || find(&m.root, ".mw-goals").is_some()).await;
    m.widget.navigate("relationship/rel1/agreement".into());
    until(&m.root, "the agreement view", || find(&m.root, ".mw-templates").is_some()).await;
    let reads = callCount(&b, "get");
    assert_eq!(adoptedViews(&m.root), 1, "a workspace adopts the views' sheet, once");
    m.widget.update(js(r##"{"text":{"agr.title":"Our agreement","goal.title":"Our objectives","tab.goals":"Objectives"},"theme":{"brand":"#0a6"}}"##)).unwrap();
    until(&m.root, "the new texts", || {
        let t = text(&m.root);
        t.contains("Our agreement") && t.contains("Our objectives") && t.contains("Objectives")
    })
    .await;
    assert_eq!(get(&m.root, "#mw-tab-goals").text_content().unwrap(), "Objectives");
    assert_eq!(callCount(&b, "get"), reads, "texts change without reading again");
    // A new theme rebuilds the sheets: the views' one stays, once, before the theme.
    assert_eq!((adoptedCount(&m.root), adoptedViews(&m.root)), (3, 1));
    assert!(adoptedText(&m.root).contains(".mw-tabs"));
}

// Pins: a partner's write landing while several views are open reaches every
// one of them from the one shared copy: the relationship is read again once
// (not once per view), the badge follows, and the open Goals view turns
// read-only when the partner closes the relationship.
#[wasm_bindgen_test]
async fn a_partners_write_reaches_every_open_view_once() {
    let storage: JsValue = MemoryStorage::new().into();
    let ana = bridge_on(&storage, "u-ana");
    let ben = bridge_on(&storage, "u-ben");
    promise(rawPut(&ana, "mw/v1/rel/rel1", REL_PROPOSED)).await;
    let mut m = mount_with(&ana, r#"{"view":"relationship/rel1/goals"}"#);
    until(&m.root, "the goals view", || find(&m.root, ".mw-goals .mw-button--primary").is_some()).await;
    m.widget.navigate("relationship/rel1/timeline".into());
    until(&m.root, "the timeline view", || find(&m.root, ".mw-timeline").is_some()).await;
    m.widget.navigate("relationship/rel1".into());
    until_text(&m.root, "Write your mentoring agreement together.").await;
    let reads = callCount(&ana, "get");

    // Ben closes it from his side (the write lands while Ana's views are open).
    let closed = REL_PROPOSED.replace(r#""state":"proposed""#, r#""state":"closed""#);
    promise(putOver(&ben, "mw/v1/rel/rel1", &closed)).await;

    until(&m.root, "the badge", || get(&m.root, ".mw-page__top .mw-badge").text_content().unwrap_or_default() == "Closed").await;
    until_text(&m.root, "Nothing needs you right now.").await;
    until(&m.root, "the goals read-only", || find(&m.root, ".mw-goals .mw-button--primary").is_none()).await;
    assert_eq!(callCount(&ana, "get"), reads + 1, "the relationship is read again once, for every view");
}

// Pins: destroying the widget while a view's code and documents are still
// on their way (a slow host) neither panics nor leaves anything behind; the
// page can mount a widget again afterwards.
#[wasm_bindgen_test]
async fn destroy_while_a_view_is_loading() {
    let panicked = panics();
    let b = bridge("u-ana");
    promise(rawPut(&b, "mw/v1/rel/rel1", REL_PROPOSED)).await;
    hangNext(&b, "get");
    let mut m = mount_with(&b, r#"{"view":"relationship/rel1/goals","timeoutMs":300}"#);
    sleep(20).await;
    m.widget.destroy();
    sleep(500).await;
    assert_eq!(m.root.child_element_count(), 0, "nothing left: {}", text(&m.root));
    assert_eq!(adoptedCount(&m.root), 0, "no stylesheet adopted after destroy");
    assert_eq!(activeSubscriptions(&b), 0);
    let again = mount_with(&b, r#"{"view":"relationship/rel1/goals"}"#);
    until(&again.root, "the goals view", || find(&again.root, ".mw-goals").is_some()).await;
    let _ = &m.host;
    assert_eq!(panics(), panicked, "code after an await ran on the destroyed widget without a panic");
}

// Pins: the locale option picks the table and goes on the root as `lang`
// (with `dir`); `update` switches language at once, Arabic right to left;
// a per-locale override beats a flat one; an unknown locale shows English
// but keeps its tag for dates; the browser's plural rules choose the form.
#[wasm_bindgen_test]
async fn languages_follow_the_option_and_update() {
    let b = bridge("u-ana");
    let mut m = mount_with(&b, r#"{"locale":"de-CH"}"#);
    until_text(&m.root, &shipped("de", "home.heading")).await;
    let root = get(&m.root, ".mw-root");
    assert_eq!((root.get_attribute("lang").as_deref(), root.get_attribute("dir").as_deref()), (Some("de-CH"), Some("ltr")));
    assert!(text(&m.root).contains(&shipped("de", "shell.signed_in_as").replace("{name}", "Ana Li")));

    m.widget.update(js(r#"{"locale":"ar","text":{"home.start":"Flat","ar":{"home.start":"ابدأ الآن"}}}"#)).unwrap();
    until_text(&m.root, &shipped("ar", "home.heading")).await;
    let root = get(&m.root, ".mw-root");
    assert_eq!((root.get_attribute("lang").as_deref(), root.get_attribute("dir").as_deref()), (Some("ar"), Some("rtl")));
    assert!(text(&m.root).contains("ابدأ الآن") && !text(&m.root).contains("Flat"), "the Arabic override wins");

    m.widget.update(js(r#"{"locale":"pt-BR"}"#)).unwrap();
    until_text(&m.root, &shipped("en", "home.heading")).await;
    assert!(text(&m.root).contains("Flat"), "the flat override applies in every language");
    assert_eq!(get(&m.root, ".mw-root").get_attribute("lang").as_deref(), Some("pt-BR"));

    use mentoring_widget::ui::platform::plural_category;
    assert_eq!(
        [plural_category("ar", 0.0), plural_category("ar", 2.0), plural_category("ar", 5.0), plural_category("ar", 11.0), plural_category("ar", 100.0)],
        ["zero", "two", "few", "many", "other"]
    );
    assert_eq!((plural_category("en", 1.0), plural_category("en", 2.0)), ("one", "other"));
}

// Pins: with no locale option, the identity's locale decides, and the home
// shows in it from the first screen the person sees.
#[wasm_bindgen_test]
async fn the_identitys_locale_counts_when_the_host_gives_none() {
    let b = bridge("u-ana");
    answerNext(&b, "identity", &js(r#"{"id":"u-ana","displayName":"Ana Li","locale":"fr-CA"}"#));
    let m = mount_with(&b, "{}");
    until_text(&m.root, &shipped("fr", "shell.signed_in_as").replace("{name}", "Ana Li")).await;
    assert!(text(&m.root).contains(&shipped("fr", "home.heading")), "{}", text(&m.root));
    assert_eq!(get(&m.root, ".mw-root").get_attribute("lang").as_deref(), Some("fr-CA"));
}

// Pins: a moment is shown as a date in the person's zone and locale (a
// signature at 12:30 UTC is the next day in Kiritimati, UTC+14); a calendar
// day is never moved by a zone; numbers are written the language's way; a
// zone the browser does not know is refused, not thrown on.
#[wasm_bindgen_test]
fn dates_and_numbers_follow_the_locale_and_the_zone() {
    use mentoring_widget::domain::dates::Date;
    use mentoring_widget::ui::platform::{format_date, format_day, known_zone, number_text};
    assert_eq!(format_date("2026-10-02T12:30:00Z", "de-DE", Some("Pacific/Kiritimati")), "03.10.2026");
    assert_eq!(format_date("2026-10-02T12:30:00Z", "de-DE", Some("Pacific/Pago_Pago")), "02.10.2026");
    assert_eq!(format_date("2026-10-02T12:30:00Z", "en-US", Some("Not/A_Zone")), format_date("2026-10-02T12:30:00Z", "en-US", None));
    assert_eq!(format_date("garbage", "en-US", None), "garbage");
    let day = Date::parse("2027-03-28").unwrap();
    assert_eq!(format_day(day, "en-US"), "Mar 28, 2027");
    assert_eq!(format_day(day, "fr-FR"), "28 mars 2027");
    assert_eq!(number_text("de-DE", 1234), "1.234");
    // The full tag counts: Egyptian Arabic writes Arabic-Indic digits.
    assert_eq!(number_text("ar-EG", 45), "٤٥");
    assert_eq!(number_text("en", -3), "-3");
    assert_eq!(known_zone("europe/berlin").as_deref(), Some("Europe/Berlin"));
    assert_eq!(known_zone("Mars/Olympus_Mons"), None);
    assert_eq!(known_zone("Europe/Berlin\"; DROP"), None);
}

// Pins: the browser's Intl and the tz database agree on a zone's changes: a
// calendar file for New York in 2027 finds the spring change at 07:00 UTC
// on 14 March and the autumn one at 06:00 UTC on 7 November.
#[wasm_bindgen_test]
fn calendar_zones_come_from_the_browsers_clocks() {
    use mentoring_widget::domain::checkins::ics::{local_minutes, Change};
    use mentoring_widget::domain::dates::Date;
    use mentoring_widget::ui::platform::calendar_zone;
    let d = |s: &str| Date::parse(s).unwrap();
    let zone = calendar_zone(Some("America/New_York"), d("2027-02-01"), d("2027-12-01")).expect("a zone");
    assert_eq!(zone.tzid, "America/New_York");
    assert!(zone.changes.contains(&Change { at: local_minutes(d("2027-03-14"), 7 * 60), from: -300, to: -240 }), "{:?}", zone.changes);
    assert!(zone.changes.contains(&Change { at: local_minutes(d("2027-11-07"), 6 * 60), from: -240, to: -300 }), "{:?}", zone.changes);
    assert_eq!(calendar_zone(Some("Asia/Kolkata"), d("2027-02-01"), d("2027-12-01")).unwrap().initial, 330);
}

// Pins: the identity's time zone reaches the screen: the agreement's date in
// force is shown in the person's zone, in their locale; an identity zone the
// browser does not know leaves the browser's own.
#[wasm_bindgen_test]
async fn the_identitys_zone_dates_the_agreement() {
    let rel = active_relationship("rel1", 0).replace("2026-10-02T09:00:00Z", "2026-10-02T12:30:00Z");
    for (zone, expected) in [("Pacific/Kiritimati", "03.10.2026"), ("Not/A_Zone", "")] {
        let b = bridge("u-ana");
        promise(rawPut(&b, "mw/v1/rel/rel1", &rel)).await;
        answerNext(&b, "identity", &js(&format!(r#"{{"id":"u-ana","displayName":"Ana Li","locale":"de-DE","timeZone":"{zone}"}}"#)));
        let m = mount_view(&b, "{}", "relationship/rel1/agreement");
        let expected =
            if expected.is_empty() { mentoring_widget::ui::platform::format_date("2026-10-02T12:30:00Z", "de-DE", None) } else { expected.to_string() };
        until_text(&m.root, &shipped("de", "agr.version_in_force").replace("{n, number}", "1").replace("{date}", &expected)).await;
    }
}

// Pins: focus sent to an element that is already in the page but still
// hidden (an error summary waits for its own update to show it) lands once
// the element shows, instead of being tried once and lost.
#[wasm_bindgen_test]
async fn focus_waits_for_a_hidden_target_to_show() {
    let b = bridge("u-ana");
    let m = mount_with(&b, "{}");
    until_text(&m.root, "Signed in as Ana Li").await;
    let document = web_sys::window().unwrap().document().unwrap();
    let target: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    target.set_id("mw-test-target");
    target.set_attribute("tabindex", "-1").unwrap();
    target.set_hidden(true);
    m.root.append_child(&target).unwrap();
    mentoring_widget::ui::dom::focus_later(&m.host, "mw-test-target".into());
    sleep(100).await;
    assert_ne!(activeElementId(&m.root), "mw-test-target", "a hidden element takes no focus");
    target.set_hidden(false);
    until(&m.root, "focus on the element once shown", || activeElementId(&m.root) == "mw-test-target").await;
    target.remove();
}

// Pins: the newest focus request wins. A request made while an earlier one
// has not landed yet (a form's heading not yet drawn, then a refused save
// asking for its summary) ends the earlier one, which would otherwise take
// the focus first and make the newer one give up.
#[wasm_bindgen_test]
async fn the_newest_focus_request_wins() {
    let b = bridge("u-ana");
    let m = mount_with(&b, "{}");
    until_text(&m.root, "Signed in as Ana Li").await;
    let document = web_sys::window().unwrap().document().unwrap();
    let make = |id: &str| {
        let el: HtmlElement = document.create_element("div").unwrap().unchecked_into();
        el.set_id(id);
        el.set_attribute("tabindex", "-1").unwrap();
        m.root.append_child(&el).unwrap();
        el
    };
    let (first, second) = (make("mw-test-first"), make("mw-test-second"));
    // Both asked in the same moment, before either could land.
    mentoring_widget::ui::dom::focus_later(&m.host, "mw-test-first".into());
    mentoring_widget::ui::dom::focus_later(&m.host, "mw-test-second".into());
    until(&m.root, "focus on the newer request's target", || activeElementId(&m.root) == "mw-test-second").await;
    sleep(100).await;
    assert_eq!(activeElementId(&m.root), "mw-test-second", "the older request did not take it back");
    first.remove();
    second.remove();
}
