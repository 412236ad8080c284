//! Component tests of the Check-ins and Timeline views,
//! mounted as the whole widget opened on the relationship's Check-ins view, as
//! `loader.js` does, with the shipped local bridge in memory.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

/// An active relationship (Ben mentors Ana) whose agreement is in force:
/// fortnightly, started 20 days ago, mid-point review yesterday.
fn relationship(state: &str) -> String {
    let content = format!(
        r#"{{"meetings.frequency":"fortnightly","meetings.length":"45","meetings.format":"video","meetings.place":"Room 4.12","dates.start":"{}","dates.review":"{}","dates.end":"{}","purpose":"Grow as a presenter"}}"#,
        todayIso(-20),
        todayIso(-1),
        todayIso(200)
    );
    format!(
        r#"{{"schema":3,"kind":"relationship","data":{{"id":"rel1","kind":"traditional","mentor":{{"id":"u-ben","displayName":"Ben Okafor","email":null}},"mentee":{{"id":"u-ana","displayName":"Ana Li","email":null}},"state":"{state}","createdBy":"u-ana","createdAt":"2026-10-01T09:00:00Z","agreement":{{"versions":[{{"number":1,"content":{content},"signatures":[],"inForceAt":"2026-10-02T09:00:00Z"}}],"draft":null}},"life":{{"events":[],"closing":null}}}}}}"#
    )
}

const GOAL: &str = r#"{"schema":1,"kind":"goal","data":{"id":"g1","relationshipId":"rel1","owner":"u-ana","title":"Give a conference talk","description":"","specific":"","measure":"","achievable":"","relevant":"","due":null,"milestones":[],"manualProgress":10,"status":"on_track","dropReason":null,"priority":0,"history":[],"achievedBy":null,"confirmedBy":null,"confirmedAt":null,"updatedAt":"t"}}"#;

struct Mounted {
    root: ShadowRoot,
    events: JsValue,
    _handle: mentoring_widget::embed::Widget,
}

fn mount_in_slot(bridge: &JsValue) -> Mounted {
    let m = mount_view(bridge, "{}", "relationship/rel1/checkins");
    Mounted { root: m.root, events: m.events, _handle: m.widget }
}

async fn seeded(state: &str) -> (JsValue, JsValue, JsValue) {
    // Every test is a fresh tab: no unsaved entries from the one before.
    web_sys::window().unwrap().session_storage().unwrap().unwrap().clear().unwrap();
    let storage: JsValue = MemoryStorage::new().into();
    let ana = bridge_on(&storage, "u-ana");
    let ben = bridge_on(&storage, "u-ben");
    promise(rawPut(&ana, "mw/v1/rel/rel1", &relationship(state))).await;
    promise(rawPut(&ana, "mw/v1/rel/rel1/goals/g1", GOAL)).await;
    (storage, ana, ben)
}

/// "Move on…" with `reason`, and start: the closing panel's steps follow.
async fn start_moving_on(root: &ShadowRoot, reason: &str) {
    until(root, "the actions", || find(root, ".mw-life-actions").is_some()).await;
    click(root, ".mw-life-actions .mw-button:last-child");
    let choice = format!("#mw-close-reason-{reason}");
    until(root, "the reasons", || find(root, &choice).is_some()).await;
    click(root, &choice);
    until(root, "Start enabled", || enabled(root, ".mw-moving-on .mw-button--primary")).await;
    click(root, ".mw-moving-on .mw-button--primary");
}

async fn saved(root: &ShadowRoot, selector: &str) {
    until(root, "saved", || find(root, selector).and_then(|e| e.get_attribute("data-state")).as_deref() == Some("saved")).await;
}

fn value(root: &ShadowRoot, selector: &str) -> String {
    get(root, selector).unchecked_into::<HtmlInputElement>().value()
}

fn enabled(root: &ShadowRoot, selector: &str) -> bool {
    find(root, selector).is_some_and(|e| !e.has_attribute("disabled") && !e.unchecked_into::<web_sys::HtmlButtonElement>().disabled())
}

async fn stored(bridge: &JsValue, key: &str) -> String {
    promise(rawGet(bridge, key)).await.as_string().unwrap_or_default()
}

async fn open_new_today(root: &ShadowRoot) {
    until(root, "the check-in list", || find(root, ".mw-checkin-section .mw-button").is_some()).await;
    click(root, ".mw-checkin-section .mw-button");
    until(root, "the form", || find(root, ".mw-checkin-form").is_some()).await;
}

// Pins: a first check-in's action item carries into the next one's agenda and
// action items; ticked off there, it no longer carries. The progress update
// goes into the goal's history, once, however often the check-in is saved.
#[wasm_bindgen_test]
async fn action_items_carry_forward_and_progress_feeds_the_goal() {
    let (_s, ana, _ben) = seeded("active").await;
    let m = mount_in_slot(&ana);
    open_new_today(&m.root).await;
    // The focus follows to the form that replaced the list.
    until(&m.root, "focus on the form", || activeElementId(&m.root) == "mw-checkin-form-heading").await;
    click(&m.root, ".mw-ci-actions > .mw-button");
    until(&m.root, "an action row", || find(&m.root, "#mw-ci-action-0-text").is_some()).await;
    setValue(&get(&m.root, "#mw-ci-action-0-text"), "Send Ben the talk outline");
    setCommitted(&get(&m.root, "#mw-ci-progress-g1"), "40");
    setValue(&get(&m.root, "#mw-ci-progress-note-g1"), "Outline drafted");
    click(&m.root, "#mw-pulse-useful-4");
    click(&m.root, "#mw-pulse-progress-3");
    click(&m.root, ".mw-checkin-form .mw-actions .mw-button--primary");
    saved(&m.root, ".mw-checkin-form .mw-save-status").await;
    // Saving again changes nothing in the goal.
    click(&m.root, ".mw-checkin-form .mw-actions .mw-button--primary");
    sleep(300).await;
    let goal = stored(&ana, "mw/v1/rel/rel1/goals/g1").await;
    assert_eq!(goal.matches(r#""note":"Outline drafted""#).count(), 1, "{goal}");
    assert!(goal.contains(r#""manualProgress":40"#), "{goal}");
    assert!(goal.contains(&format!("Check-in {}: Outline drafted", todayIso(0))), "{goal}");

    // Back to the list; the next check-in (in 14 days) carries the open item.
    click(&m.root, ".mw-checkin-form .mw-actions .mw-button:last-child");
    until(&m.root, "focus back on the list", || activeElementId(&m.root) == "mw-checkin-list-heading").await;
    until(&m.root, "the next check-in", || find(&m.root, ".mw-next-checkin .mw-button--primary").is_some()).await;
    click(&m.root, ".mw-next-checkin .mw-button--primary");
    until(&m.root, "the second form", || find(&m.root, ".mw-agenda [data-source='carried']").is_some()).await;
    assert!(get(&m.root, ".mw-agenda [data-source='carried']").text_content().unwrap().contains("Send Ben the talk outline"));
    assert_eq!(value(&m.root, "#mw-ci-action-0-text"), "Send Ben the talk outline");
    assert_eq!(value(&m.root, "#mw-ci-date"), todayIso(14));
    // The pulse of the first meeting is in the chart's text alternative, on the Timeline view.
    click(&m.root, "#mw-tab-timeline");
    until(&m.root, "the pulse chart", || text(&m.root).contains("Ana Li — useful 4/5, progress 3/5")).await;
}

// Pins: my private note is stored under my private key, labelled private, and
// my partner never sees it: not on screen, and their bridge cannot read it.
#[wasm_bindgen_test]
async fn private_notes_stay_private() {
    let (_s, ana, ben) = seeded("active").await;
    let a = mount_in_slot(&ana);
    open_new_today(&a.root).await;
    setValue(&get(&a.root, "#mw-ci-notes"), "Shared: we planned the talk");
    click(&a.root, ".mw-checkin-form .mw-actions .mw-button--primary");
    saved(&a.root, ".mw-checkin-form .mw-save-status").await;
    until(&a.root, "the private note", || find(&a.root, "#mw-private-text").is_some_and(|e| !e.unchecked_into::<HtmlInputElement>().read_only())).await;
    assert!(text(&a.root).contains("Only you can see these"));
    setValue(&get(&a.root, "#mw-private-text"), "I am nervous about the Q&A");
    click(&a.root, ".mw-private .mw-button");
    saved(&a.root, "#mw-private-status").await;
    let id = get(&a.root, ".mw-checkin-form").get_attribute("data-checkin").unwrap();
    let key = format!("mw/v1/private/u-ana/rel1/checkins/{id}");
    assert!(stored(&ana, &key).await.contains("nervous"));

    let b = mount_in_slot(&ben);
    until(&b.root, "Ben's list", || find(&b.root, ".mw-checkin-item button").is_some()).await;
    click(&b.root, ".mw-checkin-item button");
    until(&b.root, "Ben's form", || find(&b.root, "#mw-private-text").is_some()).await;
    assert_eq!(value(&b.root, "#mw-ci-notes"), "Shared: we planned the talk");
    sleep(200).await;
    assert!(!text(&b.root).contains("nervous"));
    assert_eq!(value(&b.root, "#mw-private-text"), "");
    let refused = wasm_bindgen_futures::JsFuture::from(rawGet(&ben, &key)).await;
    assert!(refused.is_err(), "the host refuses Ben Ana's private key");
}

// Pins: bad input is named against its field (and in a summary that takes
// focus, each entry a link to its field) and nothing is written; a failed
// write keeps every entry on screen and in this tab across a reload; a
// check-in that cannot be read is shown and never written over.
#[wasm_bindgen_test]
async fn bad_input_and_failed_writes_lose_nothing() {
    let (_s, ana, _ben) = seeded("active").await;
    promise(rawPut(&ana, "mw/v1/rel/rel1/checkins/broken1", "{ not json")).await;
    let m = mount_in_slot(&ana);
    until(&m.root, "the broken check-in", || find(&m.root, "[data-key='mw/v1/rel/rel1/checkins/broken1']").is_some()).await;
    open_new_today(&m.root).await;
    setValue(&get(&m.root, "#mw-ci-minutes"), "2");
    setValue(&get(&m.root, "#mw-ci-time"), "25:99");
    let puts = callCount(&ana, "put");
    click(&m.root, ".mw-checkin-form .mw-actions .mw-button--primary");
    until(&m.root, "the field errors", || {
        find(&m.root, "#mw-ci-minutes-error").and_then(|e| e.text_content()).is_some_and(|t| t.contains("Between 5 and 480"))
    })
    .await;
    assert_eq!(get(&m.root, "#mw-ci-minutes").get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(callCount(&ana, "put"), puts, "nothing written");
    // As in the agreement: a summary above the form, an alert that takes
    // focus, each entry a link to its field.
    until(&m.root, "focus on the summary", || activeElementId(&m.root) == "mw-ci-summary").await;
    assert_eq!(get(&m.root, "#mw-ci-summary").get_attribute("role").as_deref(), Some("alert"));
    // (A time input keeps no value it cannot read, so "25:99" is simply no
    // time, which is allowed: the length is the one error.)
    assert_eq!(count(&m.root, "#mw-ci-summary li a"), 1, "the length");
    assert!(get(&m.root, "#mw-ci-summary").text_content().unwrap_or_default().contains("Between 5 and 480"));
    let links = m.root.query_selector_all("#mw-ci-summary li a").unwrap();
    let minutes_link = (0..links.length())
        .map(|i| links.item(i).unwrap().unchecked_into::<HtmlElement>())
        .find(|a| a.get_attribute("href").as_deref() == Some("#mw-ci-minutes-error"))
        .expect("a link to the length");
    minutes_link.click();
    until(&m.root, "focus on the length", || activeElementId(&m.root) == "mw-ci-minutes").await;

    setValue(&get(&m.root, "#mw-ci-minutes"), "50");
    setValue(&get(&m.root, "#mw-ci-time"), "");
    setValue(&get(&m.root, "#mw-ci-wins"), "First outline done");
    failNext(&ana, "put", "unavailable");
    click(&m.root, ".mw-checkin-form .mw-actions .mw-button--primary");
    until_text(&m.root, "Not saved").await;
    assert_eq!(value(&m.root, "#mw-ci-wins"), "First outline done");
    assert_eq!(stored(&ana, "mw/v1/rel/rel1/checkins/broken1").await, "{ not json", "never written over");
    let id = get(&m.root, ".mw-checkin-form").get_attribute("data-checkin").unwrap();
    drop(m);

    // Reload: the check-in that never reached the host reopens with its entries.
    let again = mount_in_slot(&ana);
    until(&again.root, "the restored form", || find(&again.root, "#mw-ci-wins").is_some()).await;
    assert_eq!(value(&again.root, "#mw-ci-wins"), "First outline done");
    assert_eq!(get(&again.root, ".mw-checkin-form").get_attribute("data-checkin").as_deref(), Some(id.as_str()));
    assert!(text(&again.root).contains("Unsaved entries from before were restored"));
    assert!(stored(&ana, &format!("mw/v1/rel/rel1/checkins/{id}")).await.is_empty());
    click(&again.root, ".mw-checkin-form .mw-actions .mw-button--primary");
    saved(&again.root, ".mw-checkin-form .mw-save-status").await;
    assert!(stored(&ana, &format!("mw/v1/rel/rel1/checkins/{id}")).await.contains("First outline done"));
}

// Pins: when both save the same check-in at once, fields each changed both
// survive (merged field by field), and the save is announced as merged.
#[wasm_bindgen_test]
async fn crossing_saves_merge() {
    let (_s, ana, ben) = seeded("active").await;
    let a = mount_in_slot(&ana);
    open_new_today(&a.root).await;
    click(&a.root, ".mw-checkin-form .mw-actions .mw-button--primary");
    saved(&a.root, ".mw-checkin-form .mw-save-status").await;
    let id = get(&a.root, ".mw-checkin-form").get_attribute("data-checkin").unwrap();

    let b = mount_in_slot(&ben);
    until(&b.root, "Ben's list", || find(&b.root, ".mw-checkin-item button").is_some()).await;
    click(&b.root, ".mw-checkin-item button");
    until(&b.root, "Ben's form", || find(&b.root, "#mw-ci-feedback").is_some()).await;
    setValue(&get(&b.root, "#mw-ci-feedback"), "Great energy today");
    click(&b.root, ".mw-checkin-form .mw-actions .mw-button--primary");
    saved(&b.root, ".mw-checkin-form .mw-save-status").await;

    setValue(&get(&a.root, "#mw-ci-wins"), "Outline done");
    click(&a.root, ".mw-checkin-form .mw-actions .mw-button--primary");
    until_text(&a.root, "their changes are merged in").await;
    let doc = stored(&ana, &format!("mw/v1/rel/rel1/checkins/{id}")).await;
    assert!(doc.contains("Great energy today") && doc.contains("Outline done"), "{doc}");
    assert_eq!(value(&a.root, "#mw-ci-feedback"), "Great energy today");
}

// Pins: pause and resume; the mid-point review, due since yesterday, runs as a
// guided check-in and "continue" brings the relationship back to active, with
// every step on the timeline.
#[wasm_bindgen_test]
async fn pause_resume_and_the_midpoint_review() {
    let (_s, ana, _ben) = seeded("active").await;
    let m = mount_in_slot(&ana);
    until_text(&m.root, "The mid-point review is due").await;
    click(&m.root, ".mw-life-actions .mw-button:nth-child(2)");
    until_text(&m.root, "Paused: no check-ins are expected").await;
    assert!(find(&m.root, ".mw-next-checkin").is_none(), "no check-in due while paused");
    click(&m.root, ".mw-life-actions .mw-button--primary");
    until(&m.root, "active again", || text(&m.root).contains("The mid-point review is due")).await;

    click(&m.root, ".mw-life-actions .mw-button--primary");
    until(&m.root, "the review form", || find(&m.root, "#mw-review-working-yes").is_some()).await;
    assert!(stored(&ana, "mw/v1/rel/rel1").await.contains(r#""state":"midpoint_review""#));
    click(&m.root, "#mw-review-working-partly");
    click(&m.root, "#mw-review-goals-adjust");
    click(&m.root, "#mw-review-decision-continue");
    until(&m.root, "Finish enabled", || enabled(&m.root, ".mw-checkin-form .mw-actions .mw-button:nth-child(2)")).await;
    click(&m.root, ".mw-checkin-form .mw-actions .mw-button:nth-child(2)");
    until(&m.root, "active again after the review", || get(&m.root, ".mw-page__top .mw-badge").text_content().unwrap_or_default() == "Active").await;
    click(&m.root, "#mw-tab-timeline");
    until(&m.root, "the review on the timeline", || text(&m.root).contains("Continued after the mid-point review")).await;
    let rel = stored(&ana, "mw/v1/rel/rel1").await;
    assert!(rel.contains(r#""state":"active""#), "{rel}");
    for step in ["Paused", "Resumed", "Mid-point review started", "Continued after the mid-point review"] {
        assert!(get(&m.root, ".mw-timeline").text_content().unwrap().contains(step), "{step}");
    }
}

// Pins: moving on: a no-fault reason, each goal signed off, a reflection, the
// mentee's next steps with a rematch request (told to the host once), then the
// close (told to the host); afterwards nothing can be edited and the summary shows.
#[wasm_bindgen_test]
async fn moving_on_to_a_read_only_close() {
    let (_s, ana, _ben) = seeded("active").await;
    let m = mount_in_slot(&ana);
    until(&m.root, "the actions", || find(&m.root, ".mw-life-actions").is_some()).await;
    click(&m.root, ".mw-life-actions .mw-button:last-child");
    until(&m.root, "the reasons", || find(&m.root, "#mw-close-reason-circumstances_changed").is_some()).await;
    click(&m.root, "#mw-close-reason-circumstances_changed");
    until(&m.root, "Start enabled", || enabled(&m.root, ".mw-moving-on .mw-button--primary")).await;
    click(&m.root, ".mw-moving-on .mw-button--primary");
    until(&m.root, "the closing panel", || find(&m.root, ".mw-closing").is_some()).await;
    // Closing without anything signed off names what is missing.
    click(&m.root, ".mw-closing > .mw-actions .mw-button--primary");
    until_text(&m.root, "Sign off every goal first: Give a conference talk").await;
    click(&m.root, "#mw-outcome-g1-partly");
    sleep(300).await;
    setValue(&get(&m.root, "#mw-reflect-worked"), "Honest feedback");
    setValue(&get(&m.root, "#mw-reflect-change"), "Meet more often");
    click(&m.root, "#mw-reflect-eff-4");
    click(&m.root, ".mw-reflection .mw-button");
    until_text(&m.root, "Your reflection is saved").await;
    setValue(&get(&m.root, "#mw-next-steps"), "Join the speakers' guild");
    click(&m.root, "#mw-rematch");
    click(&m.root, ".mw-next-steps .mw-button");
    until_text(&m.root, "Your request for a new mentor has been passed on").await;
    click(&m.root, ".mw-next-steps .mw-button");
    sleep(200).await;
    // The close lands but its answer is lost (issue 12, 10): the widget reads
    // it back, so the host still hears mw:closed.
    loseAnswerNext(&ana, "put");
    click(&m.root, ".mw-closing > .mw-actions .mw-button--primary");
    until_text(&m.root, "This relationship is closed").await;
    until(&m.root, "mw:closed", || eventsText(&m.events).contains("mw:closed")).await;

    let events = eventsText(&m.events);
    assert_eq!(events.matches("mw:rematch-requested").count(), 1, "{events}");
    assert!(events.contains(r#"mw:closed {"relationshipId":"rel1","reason":"circumstances_changed"}"#), "{events}");
    let rel = stored(&ana, "mw/v1/rel/rel1").await;
    assert!(rel.contains(r#""state":"closed""#) && rel.contains(r#""outcome":"partly""#), "{rel}");
    assert!(text(&m.root).contains("Give a conference talk: Partly reached"));
    // Nothing is editable: no moving-on or lifecycle buttons, no new check-in.
    assert!(find(&m.root, ".mw-life-actions").is_none());
    assert!(find(&m.root, ".mw-checkin-section .mw-button").is_none());
    assert!(find(&m.root, ".mw-closing").is_none());
}

// Pins: both people working on the close at the same moment (each screen read
// the relationship before the other saved) both land: two reflections and
// the outcome, none written over.
#[wasm_bindgen_test]
async fn crossing_closing_steps_both_land() {
    let (_s, ana, ben) = seeded("active").await;
    let a = mount_in_slot(&ana);
    start_moving_on(&a.root, "goals_reached").await;
    until(&a.root, "Ana's closing panel", || find(&a.root, ".mw-closing").is_some()).await;
    let b = mount_in_slot(&ben);
    until(&b.root, "Ben's closing panel", || find(&b.root, ".mw-closing").is_some()).await;

    // Ben's screen is now stale for Ana's next write, and Ana's for Ben's.
    setValue(&get(&a.root, "#mw-reflect-worked"), "Ana: honest feedback");
    click(&a.root, "#mw-reflect-eff-5");
    setValue(&get(&b.root, "#mw-reflect-worked"), "Ben: seeing a new field");
    click(&b.root, "#mw-reflect-eff-4");
    click(&a.root, ".mw-reflection .mw-button");
    click(&b.root, ".mw-reflection .mw-button");
    click(&b.root, "#mw-outcome-g1-reached");
    until_text(&a.root, "Your reflection is saved").await;
    until_text(&b.root, "Your reflection is saved").await;
    sleep(300).await;
    let rel = stored(&ana, "mw/v1/rel/rel1").await;
    assert!(rel.contains("Ana: honest feedback") && rel.contains("Ben: seeing a new field"), "{rel}");
    assert!(rel.contains(r#""outcome":"reached""#), "{rel}");
    // Each screen shows the partner's reflection as written.
    until_text(&a.root, "Ben Okafor has written their reflection").await;
    until_text(&b.root, "Ana Li has written their reflection").await;
}

// Pins: a reflection typed but not yet saved survives a reload, and is
// forgotten in this tab once saved.
#[wasm_bindgen_test]
async fn unsaved_reflection_survives_a_reload() {
    let (_s, ana, _ben) = seeded("active").await;
    let m = mount_in_slot(&ana);
    until(&m.root, "the actions", || find(&m.root, ".mw-life-actions").is_some()).await;
    click(&m.root, ".mw-life-actions .mw-button:last-child");
    until(&m.root, "the reasons", || find(&m.root, "#mw-close-reason-other").is_some()).await;
    click(&m.root, "#mw-close-reason-other");
    until(&m.root, "Start enabled", || enabled(&m.root, ".mw-moving-on .mw-button--primary")).await;
    click(&m.root, ".mw-moving-on .mw-button--primary");
    until(&m.root, "the closing panel", || find(&m.root, "#mw-reflect-worked").is_some()).await;
    setValue(&get(&m.root, "#mw-reflect-worked"), "Half-typed thought");
    sleep(100).await;
    drop(m);

    let again = mount_in_slot(&ana);
    until(&again.root, "the closing panel", || find(&again.root, "#mw-reflect-worked").is_some()).await;
    assert_eq!(value(&again.root, "#mw-reflect-worked"), "Half-typed thought");
    click(&again.root, "#mw-reflect-eff-3");
    click(&again.root, ".mw-reflection .mw-button");
    until_text(&again.root, "Your reflection is saved").await;
    let kept = web_sys::window().unwrap().session_storage().unwrap().unwrap().get_item("mw-unsaved:v1:u-ana:rel1:closing").unwrap();
    assert_eq!(kept, None, "forgotten once saved");
}

// Pins: a change by the partner is read alone: the check-in that changed is
// fetched, not the whole relationship's check-ins and goals again (the
// agreement's autosave changes the relationship every few seconds).
#[wasm_bindgen_test]
async fn a_partners_change_is_read_alone() {
    let (_s, ana, ben) = seeded("active").await;
    let m = mount_in_slot(&ana);
    until(&m.root, "the list", || find(&m.root, ".mw-checkin-section").is_some()).await;
    sleep(100).await;
    let (lists, gets) = (callCount(&ana, "list"), callCount(&ana, "get"));
    let checkin = format!(
        r#"{{"schema":1,"kind":"checkin","data":{{"id":"c9","relationshipId":"rel1","kind":"regular","date":"{}","time":"","minutes":45,"format":"video","agenda":[],"notes":"Ben's notes","wins":"","challenges":"","feedback":"","progress":[],"actions":[],"pulses":[],"review":null,"createdBy":"u-ben","updatedAt":"t"}}}}"#,
        todayIso(0)
    );
    promise(rawPut(&ben, "mw/v1/rel/rel1/checkins/c9", &checkin)).await;
    until(&m.root, "Ben's check-in listed", || find(&m.root, "[data-checkin='c9']").is_some()).await;
    assert_eq!(callCount(&ana, "list"), lists, "nothing listed again");
    assert_eq!(callCount(&ana, "get"), gets + 1, "only the changed check-in read");
}

/// A check-in of `date` with `agenda` items, as the partner's widget stores it.
fn checkin_doc(id: &str, date: &str, agenda: &[&str]) -> String {
    let agenda: Vec<String> = agenda.iter().enumerate().map(|(i, t)| format!(r#"{{"id":"a{i}","text":"{t}","source":"added","by":"u-ben"}}"#)).collect();
    format!(
        r#"{{"schema":1,"kind":"checkin","data":{{"id":"{id}","relationshipId":"rel1","kind":"regular","date":"{date}","time":"","minutes":45,"format":"video","agenda":[{}],"notes":"","wins":"","challenges":"","feedback":"","progress":[],"actions":[],"pulses":[],"review":null,"createdBy":"u-ben","updatedAt":"t"}}}}"#,
        agenda.join(",")
    )
}

// Pins (issue 13, 7): the list follows a partner's change row by row: a new
// check-in adds its row, an edited one redraws its own, and the others keep
// their nodes.
#[wasm_bindgen_test]
async fn a_partners_change_redraws_only_its_row() {
    let (_s, ana, ben) = seeded("active").await;
    promise(rawPut(&ana, "mw/v1/rel/rel1/checkins/c7", &checkin_doc("c7", &todayIso(-14), &[]))).await;
    promise(rawPut(&ana, "mw/v1/rel/rel1/checkins/c8", &checkin_doc("c8", &todayIso(-7), &[]))).await;
    let m = mount_in_slot(&ana);
    until(&m.root, "two rows", || count(&m.root, "[data-checkin]") == 2).await;
    for id in ["c7", "c8"] {
        get(&m.root, &format!("[data-checkin='{id}']")).set_attribute("data-test-mark", "kept").unwrap();
    }
    let mark = |id: &str| get(&m.root, &format!("[data-checkin='{id}']")).get_attribute("data-test-mark");
    promise(rawPut(&ben, "mw/v1/rel/rel1/checkins/c9", &checkin_doc("c9", &todayIso(0), &[]))).await;
    until(&m.root, "Ben's new check-in", || find(&m.root, "[data-checkin='c9']").is_some()).await;
    assert_eq!((mark("c7"), mark("c8")), (Some("kept".into()), Some("kept".into())), "a new row leaves the others as they were");
    promise(putOver(&ben, "mw/v1/rel/rel1/checkins/c8", &checkin_doc("c8", &todayIso(-7), &["Plan the talk"]))).await;
    until(&m.root, "the edited row", || get(&m.root, "[data-checkin='c8']").text_content().unwrap_or_default().contains("agenda items: 1")).await;
    assert_eq!(mark("c8"), None, "the edited row is drawn anew");
    assert_eq!(mark("c7"), Some("kept".into()), "the untouched row keeps its nodes");
    let order: Vec<String> = {
        let rows = m.root.query_selector_all("[data-checkin]").unwrap();
        (0..rows.length()).map(|i| rows.item(i).unwrap().unchecked_into::<Element>().get_attribute("data-checkin").unwrap()).collect()
    };
    assert_eq!(order, ["c9", "c8", "c7"], "newest first");
}

// Pins (interleavings of reading): Ben saves a check-in twice; the read
// after his first save answers late, after the read of his second was shown.
// The older answer does not take his second save back.
#[wasm_bindgen_test]
async fn an_older_answer_arriving_late_does_not_undo_a_newer_row() {
    let (_s, ana, ben) = seeded("active").await;
    let m = mount_in_slot(&ana);
    until(&m.root, "the list", || find(&m.root, ".mw-checkin-section").is_some()).await;
    let key = "mw/v1/rel/rel1/checkins/c8";
    lateNextOn(&ana, "get", key, 500);
    promise(rawPut(&ben, key, &checkin_doc("c8", &todayIso(-7), &["One"]))).await;
    until(&m.root, "the first read", || faultsPending(&ana) == 0).await;
    promise(putOver(&ben, key, &checkin_doc("c8", &todayIso(-7), &["One", "Two"]))).await;
    let row = || find(&m.root, "[data-checkin='c8']").and_then(|r| r.text_content()).unwrap_or_default();
    until(&m.root, "Ben's second save", || row().contains("agenda items: 2")).await;
    until(&m.root, "the old answer", || lateAnswered(&ana) == 1).await;
    sleep(50).await;
    assert!(row().contains("agenda items: 2"), "{}", row());
}

/// How many history entries the goal holds from a check-in with this note.
async fn goal_entries(bridge: &JsValue, note: &str) -> usize {
    stored(bridge, "mw/v1/rel/rel1/goals/g1").await.matches(&format!(r#""note":"{note}""#)).count()
}

// Pins (issue 12, 5): a check-in whose write landed but whose answer was
// lost, and could not be read back either, shows "Not saved"; saving again
// finds it stored and still feeds its progress into the goal, once. (The old
// code compared the update with the retry's base, which already held it, so
// the goal never heard of it.)
#[wasm_bindgen_test]
async fn progress_after_a_lost_answer_reaches_the_goal_once() {
    let (_s, ana, _ben) = seeded("active").await;
    let m = mount_in_slot(&ana);
    open_new_today(&m.root).await;
    setCommitted(&get(&m.root, "#mw-ci-progress-g1"), "40");
    setValue(&get(&m.root, "#mw-ci-progress-note-g1"), "Outline drafted");
    loseAnswerNext(&ana, "put");
    // Reads are down for a moment, so the read-back fails too.
    failGetsFor(&ana, 400);
    click(&m.root, ".mw-checkin-form .mw-actions .mw-button--primary");
    until_text(&m.root, "Not saved").await;
    sleep(450).await;
    let id = get(&m.root, ".mw-checkin-form").get_attribute("data-checkin").unwrap();
    assert!(stored(&ana, &format!("mw/v1/rel/rel1/checkins/{id}")).await.contains("Outline drafted"), "the write did land");
    assert_eq!(goal_entries(&ana, "Outline drafted").await, 0);
    click(&m.root, ".mw-checkin-form .mw-actions .mw-button--primary");
    saved(&m.root, ".mw-checkin-form .mw-save-status").await;
    sleep(200).await;
    assert_eq!(goal_entries(&ana, "Outline drafted").await, 1);
    assert!(stored(&ana, "mw/v1/rel/rel1/goals/g1").await.contains(r#""manualProgress":40"#));
}

// Pins (issue 12, 5): a goal write that fails after the check-in is stored
// is named ("has not reached the goal yet"), kept in this tab, and fed again
// by itself when the check-in opens after a reload: once.
#[wasm_bindgen_test]
async fn a_failed_goal_write_is_fed_again_after_a_reload() {
    let (_s, ana, _ben) = seeded("active").await;
    let m = mount_in_slot(&ana);
    open_new_today(&m.root).await;
    setCommitted(&get(&m.root, "#mw-ci-progress-g1"), "55");
    setValue(&get(&m.root, "#mw-ci-progress-note-g1"), "Slides started");
    passNext(&ana, "put");
    failNext(&ana, "put", "unavailable");
    click(&m.root, ".mw-checkin-form .mw-actions .mw-button--primary");
    until_text(&m.root, "the progress for Give a conference talk has not reached the goal yet").await;
    assert_eq!(goal_entries(&ana, "Slides started").await, 0);
    drop(m);

    let again = mount_in_slot(&ana);
    until(&again.root, "the check-in reopened", || find(&again.root, ".mw-checkin-form").is_some()).await;
    saved(&again.root, ".mw-checkin-form .mw-save-status").await;
    sleep(200).await;
    assert_eq!(goal_entries(&ana, "Slides started").await, 1);
    assert!(stored(&ana, "mw/v1/rel/rel1/goals/g1").await.contains(r#""manualProgress":55"#));
    // Nothing left to keep: the next mount opens on the list.
    let third = mount_in_slot(&ana);
    until(&third.root, "the list", || find(&third.root, ".mw-checkin-item button").is_some()).await;
    assert!(find(&third.root, ".mw-checkin-form").is_none());
}

// Pins (issue 12, 4): the widget destroyed while a check-in's write is in
// flight on a slow host: nothing panics, the write finishes its work (the
// progress reaches the goal), and a new mount works.
#[wasm_bindgen_test]
async fn destroy_while_saving_a_checkin() {
    let panicked = panics();
    let (_s, ana, _ben) = seeded("active").await;
    let mut m = mount_view(&ana, "{}", "relationship/rel1/checkins");
    open_new_today(&m.root).await;
    setCommitted(&get(&m.root, "#mw-ci-progress-g1"), "35");
    setValue(&get(&m.root, "#mw-ci-progress-note-g1"), "Abstract sent");
    slowNext(&ana, "put", 300);
    click(&m.root, ".mw-checkin-form .mw-actions .mw-button--primary");
    sleep(30).await;
    m.widget.destroy();
    sleep(800).await;
    assert_eq!(goal_entries(&ana, "Abstract sent").await, 1);
    let again = mount_in_slot(&ana);
    until(&again.root, "the list", || find(&again.root, ".mw-checkin-item button").is_some()).await;
    click(&again.root, ".mw-checkin-item button");
    until(&again.root, "the form", || find(&again.root, "#mw-ci-progress-note-g1").is_some()).await;
    assert_eq!(value(&again.root, "#mw-ci-progress-note-g1"), "Abstract sent");
    assert_eq!(panics(), panicked, "code after an await ran on the destroyed widget without a panic");
}

// Pins (issue 12, 11): my private note saved from another tab meanwhile is
// not overwritten silently: this tab shows theirs beside mine, and saving
// again keeps mine.
#[wasm_bindgen_test]
async fn private_notes_from_two_tabs_clash() {
    let (_s, ana, _ben) = seeded("active").await;
    let a = mount_in_slot(&ana);
    open_new_today(&a.root).await;
    click(&a.root, ".mw-checkin-form .mw-actions .mw-button--primary");
    saved(&a.root, ".mw-checkin-form .mw-save-status").await;
    let b = mount_in_slot(&ana);
    until(&b.root, "tab two's list", || find(&b.root, ".mw-checkin-item button").is_some()).await;
    click(&b.root, ".mw-checkin-item button");
    let writable = |root: &ShadowRoot| find(root, "#mw-private-text").is_some_and(|e| !e.unchecked_into::<HtmlInputElement>().read_only());
    until(&a.root, "tab one's note", || writable(&a.root)).await;
    until(&b.root, "tab two's note", || writable(&b.root)).await;
    setValue(&get(&a.root, "#mw-private-text"), "Written in tab one");
    click(&a.root, ".mw-private__save");
    saved(&a.root, "#mw-private-status").await;
    setValue(&get(&b.root, "#mw-private-text"), "Written in tab two");
    click(&b.root, ".mw-private__save");
    until_text(&b.root, "changed in another tab or window meanwhile").await;
    assert!(get(&b.root, ".mw-private .mw-quote").text_content().unwrap().contains("Written in tab one"));
    assert_eq!(value(&b.root, "#mw-private-text"), "Written in tab two");
    let id = get(&a.root, ".mw-checkin-form").get_attribute("data-checkin").unwrap();
    let key = format!("mw/v1/private/u-ana/rel1/checkins/{id}");
    assert!(stored(&ana, &key).await.contains("Written in tab one"), "not overwritten");
    click(&b.root, ".mw-private__save");
    saved(&b.root, "#mw-private-status").await;
    assert!(stored(&ana, &key).await.contains("Written in tab two"));
}

// Pins (issue 12, 15): when this tab cannot keep unsaved entries
// (sessionStorage full or blocked), the check-in form says so and keeps working.
#[wasm_bindgen_test]
async fn a_tab_that_cannot_keep_entries_says_so() {
    let (_s, ana, _ben) = seeded("active").await;
    let m = mount_in_slot(&ana);
    open_new_today(&m.root).await;
    blockSessionStorage(true);
    setValue(&get(&m.root, "#mw-ci-wins"), "Typed while storage is full");
    until_text(&m.root, "cannot keep a copy of your unsaved changes").await;
    blockSessionStorage(false);
    click(&m.root, ".mw-checkin-form .mw-actions .mw-button--primary");
    saved(&m.root, ".mw-checkin-form .mw-save-status").await;
    let id = get(&m.root, ".mw-checkin-form").get_attribute("data-checkin").unwrap();
    assert!(stored(&ana, &format!("mw/v1/rel/rel1/checkins/{id}")).await.contains("Typed while storage is full"));
}

// Pins (issue 12, 4): the widget destroyed while a life step (pause) is in
// flight on a slow host: nothing panics, the step lands, a new mount shows it.
#[wasm_bindgen_test]
async fn destroy_while_pausing() {
    let panicked = panics();
    let (_s, ana, _ben) = seeded("active").await;
    let mut m = mount_view(&ana, "{}", "relationship/rel1/checkins");
    until_text(&m.root, "The mid-point review is due").await;
    slowNext(&ana, "put", 300);
    click(&m.root, ".mw-life-actions .mw-button:nth-child(2)");
    sleep(30).await;
    m.widget.destroy();
    sleep(700).await;
    assert!(stored(&ana, "mw/v1/rel/rel1").await.contains(r#""state":"paused""#));
    let again = mount_in_slot(&ana);
    until_text(&again.root, "Paused: no check-ins are expected").await;
    assert_eq!(panics(), panicked, "code after an await ran on the destroyed widget without a panic");
}

// Pins (issue 12, interleavings of private notes): a lost answer whose
// write reads back counts as saved (no clash with itself); a destroy while
// the write is in flight panics nowhere and the note lands.
#[wasm_bindgen_test]
async fn a_private_note_survives_a_lost_answer_and_a_destroy() {
    let panicked = panics();
    let (_s, ana, _ben) = seeded("active").await;
    let mut m = mount_view(&ana, "{}", "relationship/rel1/checkins");
    open_new_today(&m.root).await;
    click(&m.root, ".mw-checkin-form .mw-actions .mw-button--primary");
    saved(&m.root, ".mw-checkin-form .mw-save-status").await;
    until(&m.root, "the note", || find(&m.root, "#mw-private-text").is_some_and(|e| !e.unchecked_into::<HtmlInputElement>().read_only())).await;
    let id = get(&m.root, ".mw-checkin-form").get_attribute("data-checkin").unwrap();
    let key = format!("mw/v1/private/u-ana/rel1/checkins/{id}");
    setValue(&get(&m.root, "#mw-private-text"), "First thought");
    loseAnswerNext(&ana, "put");
    click(&m.root, ".mw-private__save");
    saved(&m.root, "#mw-private-status").await;
    assert!(!text(&m.root).contains("changed in another tab"));
    assert!(stored(&ana, &key).await.contains("First thought"));

    setValue(&get(&m.root, "#mw-private-text"), "Second thought");
    slowNext(&ana, "put", 300);
    click(&m.root, ".mw-private__save");
    sleep(30).await;
    m.widget.destroy();
    sleep(700).await;
    assert!(stored(&ana, &key).await.contains("Second thought"));
    assert_eq!(panics(), panicked, "code after an await ran on the destroyed widget without a panic");
}

// Pins (issue 11): the check-in form's parts read only what they show:
// typing in the shared notes leaves the agenda, the action items and the
// partner's pulse line as they were (the same nodes, not rebuilt).
#[wasm_bindgen_test]
async fn typing_notes_rebuilds_no_other_part() {
    let (_s, ana, _ben) = seeded("active").await;
    let m = mount_in_slot(&ana);
    open_new_today(&m.root).await;
    click(&m.root, ".mw-ci-actions > .mw-button");
    until(&m.root, "an action row", || find(&m.root, "#mw-ci-action-0-text").is_some()).await;
    let agenda = get(&m.root, ".mw-ci-agenda > :nth-child(2)");
    let action = get(&m.root, "#mw-ci-action-0-text");
    let partner_pulse = get(&m.root, ".mw-pulse__partner");
    for text in ["We went through", "We went through the outline"] {
        setValue(&get(&m.root, "#mw-ci-notes"), text);
        sleep(30).await;
    }
    assert!(agenda.is_connected(), "the agenda was rebuilt by a keystroke in the notes");
    assert!(action.is_connected(), "the action items were rebuilt by a keystroke in the notes");
    assert!(partner_pulse.is_connected(), "the partner's pulse was rebuilt by a keystroke in the notes");
    // Adding an item still draws it.
    click(&m.root, ".mw-ci-actions > .mw-button");
    until(&m.root, "a second row", || find(&m.root, "#mw-ci-action-1-text").is_some()).await;
}

// Pins: the partner's outcome for a goal shows in my closing panel as they
// save it, while my own reflection (typed, not yet saved) stays as it was.
#[wasm_bindgen_test]
async fn the_closing_panel_follows_the_partner() {
    let (_s, ana, ben) = seeded("active").await;
    let a = mount_in_slot(&ana);
    start_moving_on(&a.root, "goals_reached").await;
    until(&a.root, "Ana's closing panel", || find(&a.root, "#mw-outcome-g1-reached").is_some()).await;
    let effectiveness = get(&a.root, "#mw-reflect-eff-3");
    setValue(&get(&a.root, "#mw-reflect-worked"), "Ana: typed, not saved");

    let b = mount_in_slot(&ben);
    until(&b.root, "Ben's closing panel", || find(&b.root, "#mw-outcome-g1-reached").is_some()).await;
    click(&b.root, "#mw-outcome-g1-reached");
    until(&a.root, "Ben's outcome on Ana's screen", || get(&a.root, "#mw-outcome-g1-reached").unchecked_into::<HtmlInputElement>().checked()).await;
    assert!(effectiveness.is_connected(), "the reflection was rebuilt");
    assert_eq!(value(&a.root, "#mw-reflect-worked"), "Ana: typed, not saved");
}
