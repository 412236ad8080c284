//! Component tests of the Agreement view,
//! mounted as the whole widget opened on the relationship's Agreement view, as
//! `loader.js` does, with the shipped local bridge in memory.
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

struct Mounted {
    root: ShadowRoot,
    events: JsValue,
    handle: mentoring_widget::embed::Widget,
}

/// The agreement of relationship `rel1`, in a slot of a widget-like host.
fn mount_agreement_with(bridge: &JsValue, extra: &str) -> Mounted {
    let m = mount_view(bridge, extra, "relationship/rel1/agreement");
    Mounted { root: m.root, events: m.events, handle: m.widget }
}

const REL_AB: &str = r#"{"schema":2,"kind":"relationship","data":{"id":"rel1","kind":"reverse","mentor":{"id":"u-ben","displayName":"Ben Okafor"},"mentee":{"id":"u-ana","displayName":"Ana Li"},"state":"proposed","createdBy":"u-ana","createdAt":"2026-11-20T09:00:00Z","agreement":{"versions":[]}}}"#;

/// Ana's and Ben's bridges over one storage that already holds their relationship.
async fn pair() -> (JsValue, JsValue, JsValue) {
    let storage: JsValue = MemoryStorage::new().into();
    let ana = bridge_on(&storage, "u-ana");
    let ben = bridge_on(&storage, "u-ben");
    promise(rawPut(&ana, "mw/v1/rel/rel1", REL_AB)).await;
    (storage, ana, ben)
}

async fn open_relationship(root: &ShadowRoot) {
    until_text(root, "Mentoring agreement").await;
}

/// Opens the relationship and starts its agreement from the first template offered.
async fn start_agreement(root: &ShadowRoot) {
    open_relationship(root).await;
    until(root, "the template picker", || find(root, ".mw-templates").is_some()).await;
    click(root, ".mw-templates .mw-button--primary");
    until(root, "the agreement form", || find(root, ".mw-agreement-form").is_some()).await;
}

/// Types into a field of the agreement form and waits until it is stored.
async fn edit_and_save(root: &ShadowRoot, selector: &str, value: &str) {
    setValue(&get(root, selector), value);
    let state = || find(root, ".mw-save-status").and_then(|e| e.get_attribute("data-state")).unwrap_or_default();
    until(root, "the edit to register", || state() != "saved").await;
    until(root, "the save", || state() == "saved").await;
}

async fn stored(b: &JsValue) -> String {
    promise(rawGet(b, "mw/v1/rel/rel1")).await.as_string().unwrap_or_default()
}

// Pins: the reverse-mentoring template is offered first for a reverse relationship,
// pre-fills the form, and "Review and sign" on an incomplete draft lists what is
// missing (each linked to its field, which shows the error and aria-invalid).
#[wasm_bindgen_test]
async fn template_prefills_and_incomplete_draft_is_explained() {
    let (_s, ana, _ben) = pair().await;
    let m = mount_agreement_with(&ana, "{}");
    open_relationship(&m.root).await;
    until(&m.root, "templates", || count(&m.root, ".mw-templates .mw-choice") == 4).await;
    assert_eq!(get(&m.root, ".mw-templates .mw-choice").text_content().unwrap(), "Reverse mentoring");
    click(&m.root, ".mw-templates .mw-button--primary");
    until(&m.root, "the agreement form", || find(&m.root, ".mw-agreement-form").is_some()).await;
    let purpose: web_sys::HtmlTextAreaElement = get(&m.root, "#mw-f-purpose").unchecked_into();
    assert!(purpose.value().contains("junior colleague mentors a leader"), "{}", purpose.value());
    let freq: web_sys::HtmlSelectElement = get(&m.root, "#mw-f-meetings-frequency").unchecked_into();
    assert_eq!(freq.value(), "fortnightly");
    assert!(stored(&ana).await.contains("\"draft\""), "starting stores the draft");

    click(&m.root, ".mw-agreement-form .mw-actions .mw-button--primary");
    until_text(&m.root, "Before you can review and sign").await;
    assert_eq!(count(&m.root, "#mw-agr-summary li"), 1, "only the goals are missing");
    let goals = get(&m.root, "#mw-f-goals");
    assert_eq!(goals.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(goals.get_attribute("aria-describedby").unwrap().contains("mw-f-goals-error"));
    until(&m.root, "focus on the summary", || activeElementId(&m.root) == "mw-agr-summary").await;
    click(&m.root, "#mw-agr-summary a");
    until(&m.root, "focus on the goals", || activeElementId(&m.root) == "mw-f-goals").await;
}

// Pins: edits save by themselves after a pause, with the status shown; a failed save
// says so, keeps the text, and "Try again" stores it.
#[wasm_bindgen_test]
async fn autosave_with_failure_and_retry() {
    let (_s, ana, _ben) = pair().await;
    let m = mount_agreement_with(&ana, "{}");
    start_agreement(&m.root).await;
    setValue(&get(&m.root, "#mw-f-goals"), "Run a team retro with a new tool");
    until_text(&m.root, "Unsaved changes").await;
    let state = || get(&m.root, ".mw-save-status").get_attribute("data-state").unwrap_or_default();
    until(&m.root, "the save", || state() == "saved").await;
    assert!(stored(&ana).await.contains("Run a team retro with a new tool"));

    assert!(!leavingIsQuestioned(), "nothing unsaved: leaving is not questioned");
    failNext(&ana, "put", "unavailable");
    setValue(&get(&m.root, "#mw-f-other"), "We meet in the library");
    assert!(leavingIsQuestioned(), "unsaved edits: leaving asks first");
    until_text(&m.root, "Not saved: Storage cannot be reached right now.").await;
    assert!(leavingIsQuestioned(), "a failed save keeps asking");
    let other: web_sys::HtmlTextAreaElement = get(&m.root, "#mw-f-other").unchecked_into();
    assert_eq!(other.value(), "We meet in the library");
    click(&m.root, ".mw-savebar button");
    until(&m.root, "the retried save", || state() == "saved").await;
    assert!(stored(&ana).await.contains("We meet in the library"));
    assert!(!leavingIsQuestioned(), "all saved: leaving is free again");
}

// Pins: an unsaved edit survives the widget going away (a reload): it comes back
// from this tab's storage, is announced, and is then saved.
#[wasm_bindgen_test]
async fn unsaved_edits_come_back_after_a_reload() {
    let (_s, ana, _ben) = pair().await;
    let mut m = mount_agreement_with(&ana, "{}");
    start_agreement(&m.root).await;
    hangNext(&ana, "put");
    setValue(&get(&m.root, "#mw-f-other"), "Kept through a reload");
    until_text(&m.root, "Saving").await;
    m.handle.destroy();
    assert!(!stored(&ana).await.contains("Kept through a reload"));

    let again = mount_agreement_with(&ana, "{}");
    open_relationship(&again.root).await;
    until_text(&again.root, "they are back and will be saved now").await;
    let other: web_sys::HtmlTextAreaElement = get(&again.root, "#mw-f-other").unchecked_into();
    assert_eq!(other.value(), "Kept through a reload");
    until_text(&again.root, "All changes saved").await;
    assert!(stored(&ana).await.contains("Kept through a reload"));
}

// Pins: two people editing at once: edits to different fields are merged, edits to
// the same field are shown to resolve, and nothing either typed is lost.
#[wasm_bindgen_test]
async fn concurrent_edits_merge_or_ask() {
    let (_s, ana, ben) = pair().await;
    let a = mount_agreement_with(&ana, "{}");
    start_agreement(&a.root).await;
    let b = mount_agreement_with(&ben, "{}");
    open_relationship(&b.root).await;
    // Ana's draft opens for Ben to review; he chooses to edit it.
    until_text(&b.root, "Back to editing").await;
    click(&b.root, ".mw-agreement .mw-actions .mw-button");
    until(&b.root, "Ben's form", || find(&b.root, "#mw-f-other").is_some()).await;

    // Ben's save lands while Ana types in another field: both are kept.
    setValue(&get(&a.root, "#mw-f-other"), "Ana's note");
    edit_and_save(&b.root, "#mw-f-meetings-place", "Ben's office").await;
    let a_state = || get(&a.root, ".mw-save-status").get_attribute("data-state").unwrap_or_default();
    until(&a.root, "Ana's save", || a_state() == "saved").await;
    let text = stored(&ana).await;
    assert!(text.contains("Ben's office") && text.contains("Ana's note"), "{text}");
    until(&b.root, "Ana's note on Ben's screen", || get(&b.root, "#mw-f-other").unchecked_into::<web_sys::HtmlTextAreaElement>().value() == "Ana's note").await;

    // Now both change the same field before either has the other's: Ana's save
    // fails (host briefly down) while Ben's lands.
    failNext(&ana, "put", "unavailable");
    setValue(&get(&a.root, "#mw-f-success"), "Ana's version");
    until(&a.root, "Ana's failed save", || a_state() == "failed").await;
    edit_and_save(&b.root, "#mw-f-success", "Ben's version").await;
    until_text(&a.root, "changed the same parts at the same time").await;
    assert!(find(&a.root, ".mw-conflict[data-field='success']").is_some());
    let success: web_sys::HtmlTextAreaElement = get(&a.root, "#mw-f-success").unchecked_into();
    assert_eq!(success.value(), "Ana's version", "mine stays on screen until decided");
    click(&a.root, ".mw-conflict button:last-of-type");
    until(&a.root, "the resolved save", || a_state() == "saved").await;
    assert!(stored(&ana).await.contains("Ben's version"));
    assert!(!stored(&ana).await.contains("Ana's version"));
}

// Pins: both sign the same content → in force, the relationship is active, and the
// host hears mw:agreement-signed twice and mw:agreement-in-force once.
#[wasm_bindgen_test]
async fn both_sign_and_it_comes_into_force() {
    let (_s, ana, ben) = pair().await;
    let a = mount_agreement_with(&ana, "{}");
    start_agreement(&a.root).await;
    edit_and_save(&a.root, "#mw-f-goals", "Learn the new analytics tool").await;
    click(&a.root, ".mw-agreement-form .mw-actions .mw-button--primary");
    until_text(&a.root, "Sign as Ana Li (Mentee)").await;
    click(&a.root, ".mw-signatures .mw-button--primary");
    until_text(&a.root, "You have signed").await;

    let b = mount_agreement_with(&ben, "{}");
    open_relationship(&b.root).await;
    until_text(&b.root, "Sign as Ben Okafor (Mentor)").await;
    click(&b.root, ".mw-signatures .mw-button--primary");
    until_text(&b.root, "Version 1, in force since").await;
    until_text(&a.root, "Version 1, in force since").await;
    assert!(stored(&ana).await.contains("\"state\":\"active\""), "the relationship is active");
    assert!(eventsText(&a.events).contains(r#"mw:agreement-signed {"relationshipId":"rel1","by":"u-ana"}"#), "{}", eventsText(&a.events));
    assert!(eventsText(&b.events).contains(r#"mw:agreement-in-force {"relationshipId":"rel1","version":1}"#));
}

// Pins: a vendor template that is wrong is reported (console and mw:error) and the
// good ones are offered beside the built-in ones.
#[wasm_bindgen_test]
async fn vendor_templates_are_checked() {
    let (_s, ana, _ben) = pair().await;
    let m = mount_agreement_with(
        &ana,
        r#"{"templates":[{"id":"grad","name":"Graduate programme","values":{"purpose":"Settle in"}},{"id":"bad","name":"Bad","values":{"meetings.colour":"blue"}}]}"#,
    );
    open_relationship(&m.root).await;
    until(&m.root, "five templates", || count(&m.root, ".mw-templates .mw-choice") == 5).await;
    assert!(text(&m.root).contains("Graduate programme"));
    assert!(eventsText(&m.events).contains("template_invalid"));
    assert!(eventsText(&m.events).contains("meetings.colour"));
}

// Pins: typing is shown as typed: a space at the end of a one-line field stays
// on screen while the person is still writing (it is trimmed only when stored).
#[wasm_bindgen_test]
async fn typing_keeps_spaces_while_writing() {
    let (_s, ana, _ben) = pair().await;
    let m = mount_agreement_with(&ana, "{}");
    start_agreement(&m.root).await;
    setValue(&get(&m.root, "#mw-f-meetings-place"), "Room ");
    sleep(50).await;
    let place: web_sys::HtmlInputElement = get(&m.root, "#mw-f-meetings-place").unchecked_into();
    assert_eq!(place.value(), "Room ");
    setValue(&get(&m.root, "#mw-f-meetings-place"), "Room 4");
    let state = || get(&m.root, ".mw-save-status").get_attribute("data-state").unwrap_or_default();
    until(&m.root, "the save", || state() == "saved").await;
    assert!(stored(&ana).await.contains("\"meetings.place\":\"Room 4\""));
}

// Pins: when one screen replaces another at the person's request, focus
// moves to it: "Start drafting" to the form's first field, "Review and sign"
// to the agreement's heading, "Back to editing" to the first field again.
#[wasm_bindgen_test]
async fn focus_follows_the_screen() {
    let (_s, ana, _ben) = pair().await;
    let m = mount_agreement_with(&ana, "{}");
    start_agreement(&m.root).await;
    until(&m.root, "focus on the first field", || activeElementId(&m.root) == "mw-f-purpose").await;
    edit_and_save(&m.root, "#mw-f-goals", "Learn the new analytics tool").await;
    click(&m.root, ".mw-agreement-form .mw-actions .mw-button--primary");
    until(&m.root, "focus on the heading", || activeElementId(&m.root) == "mw-agreement-heading").await;
    click(&m.root, ".mw-agreement .mw-actions .mw-button");
    until(&m.root, "focus back on the first field", || activeElementId(&m.root) == "mw-f-purpose").await;
}

/// Ana's complete draft, on the review screen with her Sign button.
async fn ana_ready_to_sign(root: &ShadowRoot) {
    start_agreement(root).await;
    edit_and_save(root, "#mw-f-goals", "Learn the new analytics tool").await;
    click(root, ".mw-agreement-form .mw-actions .mw-button--primary");
    until_text(root, "Sign as Ana Li (Mentee)").await;
}

// Pins (issue 12, 1): a signature covers only the content its signer was
// shown. Ben's edit lands between Ana's click and her write: nothing is
// signed, Ana sees what changed since she looked, and signing again signs
// the new content.
#[wasm_bindgen_test]
async fn a_signature_needs_the_content_shown() {
    let (_s, ana, ben) = pair().await;
    let a = mount_agreement_with(&ana, "{}");
    ana_ready_to_sign(&a.root).await;
    let before = stored(&ana).await;
    let bens =
        before.replace("Learn the new analytics tool", "Learn the new analytics tool by March").replace("\"updatedBy\":\"u-ana\"", "\"updatedBy\":\"u-ben\"");
    partnerPutsBeforeNext(&ana, "put", &ben, "mw/v1/rel/rel1", &bens);
    click(&a.root, ".mw-signatures .mw-button--primary");
    until_text(&a.root, "The agreement changed since you opened it, so nothing was signed.").await;
    assert!(!stored(&ana).await.contains("\"signatures\":[{"), "nothing signed: {}", stored(&ana).await);
    until(&a.root, "the change shown", || find(&a.root, ".mw-changed-since .mw-changes tr[data-field='goals']").is_some()).await;
    assert!(text(&a.root).contains("Learn the new analytics tool by March"));
    assert!(!eventsText(&a.events).contains("mw:agreement-signed"));

    // Having seen it, Ana signs the new content.
    click(&a.root, ".mw-signatures .mw-button--primary");
    until_text(&a.root, "You have signed").await;
    let now = stored(&ana).await;
    assert!(now.contains("\"by\":\"u-ana\"") && now.contains("by March"), "{now}");
    assert!(eventsText(&a.events).contains(r#"mw:agreement-signed {"relationshipId":"rel1","by":"u-ana"}"#));
}

// Pins (issue 12, 2 and 14): edits restored after a reload keep the base they
// were typed on: Ben's newer edit to another field survives Ana's restored
// save, and the restored edits are shown and saved even though Ben wrote
// last (the agreement would otherwise open read-only for review).
#[wasm_bindgen_test]
async fn restored_edits_keep_the_partners_newer_edits() {
    let (_s, ana, ben) = pair().await;
    let mut m = mount_agreement_with(&ana, "{}");
    start_agreement(&m.root).await;
    edit_and_save(&m.root, "#mw-f-success", "Ana's first measure").await;
    hangNext(&ana, "put");
    setValue(&get(&m.root, "#mw-f-other"), "Kept through a reload");
    until_text(&m.root, "Saving").await;
    m.handle.destroy();

    // Meanwhile Ben changes another field.
    let bens = stored(&ben).await.replace("Ana's first measure", "Ben's better measure").replace("\"updatedBy\":\"u-ana\"", "\"updatedBy\":\"u-ben\"");
    promise(putOver(&ben, "mw/v1/rel/rel1", &bens)).await;

    let again = mount_agreement_with(&ana, "{}");
    open_relationship(&again.root).await;
    until_text(&again.root, "they are back and will be saved now").await;
    // Shown for editing, not behind "Back to editing".
    until(&again.root, "the form", || find(&again.root, "#mw-f-other").is_some()).await;
    let other: web_sys::HtmlTextAreaElement = get(&again.root, "#mw-f-other").unchecked_into();
    assert_eq!(other.value(), "Kept through a reload");
    let success: web_sys::HtmlTextAreaElement = get(&again.root, "#mw-f-success").unchecked_into();
    assert_eq!(success.value(), "Ben's better measure");
    until_text(&again.root, "All changes saved").await;
    let now = stored(&ana).await;
    assert!(now.contains("Kept through a reload") && now.contains("Ben's better measure") && !now.contains("Ana's first measure"), "{now}");
}

// Pins (issue 12, 4): the widget destroyed while a signature's write is in
// flight on a slow host: nothing panics (a trapped instance would take the
// next mount down too), the write lands, and a new mount shows it.
#[wasm_bindgen_test]
async fn destroy_while_signing() {
    let panicked = panics();
    let (_s, ana, _ben) = pair().await;
    let mut a = mount_agreement_with(&ana, "{}");
    ana_ready_to_sign(&a.root).await;
    // Slow, not hung: the answer arrives after the destroy, so the code
    // after the await really runs on a disposed component.
    slowNext(&ana, "put", 300);
    click(&a.root, ".mw-signatures .mw-button--primary");
    sleep(50).await;
    a.handle.destroy();
    sleep(600).await;
    assert!(stored(&ana).await.contains("\"by\":\"u-ana\""), "the signature sent before the destroy landed");
    // A new mount works and shows her signature.
    let again = mount_agreement_with(&ana, "{}");
    open_relationship(&again.root).await;
    until_text(&again.root, "You have signed").await;
    assert_eq!(panics(), panicked, "code after an await ran on the destroyed widget without a panic");
}

const REL_AMENDING: &str = r#"{"schema":3,"kind":"relationship","data":{"id":"rel1","kind":"reverse","mentor":{"id":"u-ben","displayName":"Ben Okafor","email":null},"mentee":{"id":"u-ana","displayName":"Ana Li","email":null},"state":"active","createdBy":"u-ana","createdAt":"2026-10-01T09:00:00Z","agreement":{"versions":[{"number":1,"content":{"purpose":"Learn analytics","goals":"Ship one dashboard"},"signatures":[],"inForceAt":"2026-10-02T09:00:00Z"}],"draft":{"content":{"purpose":"Learn analytics","goals":"Ship two dashboards"},"basedOn":1,"signatures":[],"updatedAt":"t","updatedBy":"u-ana"}},"life":{"events":[],"closing":null}}}"#;

// Pins (issue 12, 3): "Drop this amendment" drops only the amendment the
// person was shown. Ben's edit of it lands between Ana's click and her
// write: nothing is dropped, Ana is told, and Ben's text is on screen.
#[wasm_bindgen_test]
async fn dropping_an_amendment_the_partner_just_changed_drops_nothing() {
    let storage: JsValue = MemoryStorage::new().into();
    let ana = bridge_on(&storage, "u-ana");
    let ben = bridge_on(&storage, "u-ben");
    promise(rawPut(&ana, "mw/v1/rel/rel1", REL_AMENDING)).await;
    let a = mount_agreement_with(&ana, "{}");
    until_text(&a.root, "Drop this amendment").await;
    let bens = REL_AMENDING.replace("Ship two dashboards", "Ship two dashboards and a report").replace("\"updatedBy\":\"u-ana\"", "\"updatedBy\":\"u-ben\"");
    partnerPutsBeforeNext(&ana, "put", &ben, "mw/v1/rel/rel1", &bens);
    let drop_button = a.root.query_selector_all(".mw-status-line .mw-button").unwrap();
    assert_eq!(drop_button.length(), 1);
    drop_button.get(0).unwrap().unchecked_into::<HtmlElement>().click();
    until_text(&a.root, "Your partner changed this amendment since you opened it, so nothing was dropped.").await;
    let now = stored(&ana).await;
    assert!(now.contains("Ship two dashboards and a report") && now.contains("\"basedOn\":1"), "the amendment is still there: {now}");
    // The change table shows Ben's text, not the one Ana saw when she clicked.
    until(&a.root, "Ben's text in the change table", || {
        find(&a.root, ".mw-changes").and_then(|t| t.text_content()).is_some_and(|t| t.contains("Ship two dashboards and a report"))
    })
    .await;
}
