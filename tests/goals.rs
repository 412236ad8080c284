//! Component tests of the Goals view,
//! mounted as the whole widget opened on the relationship's Goals view, as
//! `loader.js` does, with the shipped local bridge in memory.
#![cfg(target_arch = "wasm32")]

mod support;

use gloo_timers::future::TimeoutFuture;
use support::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

const REL: &str = r#"{"schema":2,"kind":"relationship","data":{"id":"rel1","kind":"traditional","mentor":{"id":"u-ben","displayName":"Ben Okafor"},"mentee":{"id":"u-ana","displayName":"Ana Li"},"state":"active","createdBy":"u-ana","createdAt":"2026-11-20T09:00:00Z","agreement":{"versions":[],"draft":{"content":{"purpose":"Grow as a presenter and lead quarterly planning"},"basedOn":null,"signatures":[],"updatedAt":"t","updatedBy":"u-ana"}}}}"#;

struct Mounted {
    root: ShadowRoot,
    events: JsValue,
    _handle: mentoring_widget::embed::Widget,
}

/// A widget-like host with a shadow root and a slot, as the main module leaves it.
fn mount_in_slot(bridge: &JsValue) -> Mounted {
    let m = mount_view(bridge, "{}", "relationship/rel1/goals");
    Mounted { root: m.root, events: m.events, _handle: m.widget }
}

async fn add_goal(root: &ShadowRoot, title: &str) {
    until(root, "the board", || find(root, "#mw-goal-new").is_some()).await;
    setValue(&get(root, "#mw-goal-new"), title);
    click(root, ".mw-goal-add .mw-button--primary");
    until(root, "the editor", || find(root, ".mw-goal-editor").is_some()).await;
}

// Pins: the coach reacts live, letter by letter, as a vague goal becomes SMART,
// and checks relevance against the agreement's purpose.
#[wasm_bindgen_test]
async fn coach_follows_the_goal_as_it_is_written() {
    let storage: JsValue = MemoryStorage::new().into();
    let ana = bridge_on(&storage, "u-ana");
    promise(rawPut(&ana, "mw/v1/rel/rel1", REL)).await;
    let m = mount_in_slot(&ana);
    add_goal(&m.root, "Get better at cooking").await;
    until(&m.root, "five hints", || m.root.query_selector_all(".mw-coach__hints li").unwrap().length() == 5).await;
    assert!(find(&m.root, "[data-hint='coach.s_vague']").is_some());
    setValue(&get(&m.root, "#mw-goal-measure"), "Average feedback score of 4 or more");
    setValue(&get(&m.root, "#mw-goal-achievable"), "I present every month already");
    setValue(&get(&m.root, "#mw-goal-relevant"), "I enjoy it");
    until(&m.root, "the relevance hint", || find(&m.root, "[data-hint='coach.r_unrelated']").is_some()).await;
    assert!(find(&m.root, "[data-hint='coach.s_vague']").is_none(), "a measure pins the vague words down");
    setValue(&get(&m.root, "#mw-goal-relevant"), "I will cook for the team's planning offsite");
    setValue(&get(&m.root, "#mw-goal-due"), "2030-01-01");
    until(&m.root, "the far-date hint", || find(&m.root, "[data-hint='coach.t_far']").is_some()).await;
    setValue(&get(&m.root, "#mw-goal-due"), "2027-03-01");
    until_text(&m.root, "Nicely done").await;
}

// Pins: a goal document that does not decode shows an error on that goal only, is
// never written, and the other goals still load.
#[wasm_bindgen_test]
async fn a_broken_goal_is_shown_and_left_alone() {
    let storage: JsValue = MemoryStorage::new().into();
    let ana = bridge_on(&storage, "u-ana");
    promise(rawPut(&ana, "mw/v1/rel/rel1", REL)).await;
    promise(rawPut(&ana, "mw/v1/rel/rel1/goals/bad1", "{ not json")).await;
    let m = mount_in_slot(&ana);
    add_goal(&m.root, "Lead the Q1 planning session").await;
    until(&m.root, "a goal card and a broken card", || find(&m.root, ".mw-card--broken").is_some() && find(&m.root, ".mw-goal").is_some()).await;
    assert!(text(&m.root).contains("mw/v1/rel/rel1/goals/bad1"));
    assert_eq!(promise(rawGet(&ana, "mw/v1/rel/rel1/goals/bad1")).await.as_string().as_deref(), Some("{ not json"));
    assert_eq!(callCount(&ana, "put"), 3, "the two test writes and the new goal only");
}

// Pins: priority can be changed with the move buttons (keyboard-reachable), and the
// order is stored; keyboard focus stays on the moved goal's button.
#[wasm_bindgen_test]
async fn goals_reorder_with_buttons() {
    let storage: JsValue = MemoryStorage::new().into();
    let ana = bridge_on(&storage, "u-ana");
    promise(rawPut(&ana, "mw/v1/rel/rel1", REL)).await;
    let m = mount_in_slot(&ana);
    add_goal(&m.root, "First goal").await;
    add_goal(&m.root, "Second goal").await;
    let titles = || {
        let list = m.root.query_selector_all(".mw-goal .mw-card__open").unwrap();
        (0..list.length()).map(|i| list.item(i).unwrap().text_content().unwrap()).collect::<Vec<_>>()
    };
    until(&m.root, "two goals", || titles().len() == 2).await;
    assert_eq!(titles(), ["First goal", "Second goal"]);
    let up = m.root.query_selector_all(".mw-goal .mw-move").unwrap().item(2).unwrap();
    assert_eq!(up.dyn_ref::<Element>().unwrap().get_attribute("aria-label").as_deref(), Some("Move up: Second goal"));
    let up: HtmlElement = up.unchecked_into();
    let moved_id = up.id();
    assert!(moved_id.starts_with("mw-goal-") && moved_id.ends_with("-up"), "{moved_id}");
    // As a keyboard user does it: focus on the button, then press it.
    up.focus().unwrap();
    up.click();
    until(&m.root, "the new order", || titles() == ["Second goal", "First goal"]).await;
    // The list was drawn again; focus is back on the moved goal's button,
    // so pressing it again moves the same goal on.
    until(&m.root, "focus on the moved goal's button", || activeElementId(&m.root) == moved_id).await;
}

/// The titles on the board's cards, top to bottom.
fn titles(root: &ShadowRoot) -> Vec<String> {
    let list = root.query_selector_all(".mw-goal .mw-card__open").unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().text_content().unwrap()).collect()
}

/// The card whose title button reads `title`.
fn card(root: &ShadowRoot, title: &str) -> Element {
    let list = root.query_selector_all(".mw-goal").unwrap();
    (0..list.length()).map(|i| list.item(i).unwrap().unchecked_into::<Element>()).find(|c| c.text_content().unwrap_or_default().contains(title)).unwrap()
}

/// A partner's save of the goal titled `old`, now titled `new`, through their own bridge.
async fn partner_retitles(ben: &JsValue, root: &ShadowRoot, old: &str, new: &str) -> String {
    let key = format!("mw/v1/rel/rel1/goals/{}", card(root, old).get_attribute("data-goal").unwrap());
    let stored = promise(rawGet(ben, &key)).await.as_string().unwrap();
    let edited = stored.replace(&format!(r#""title":"{old}""#), &format!(r#""title":"{new}""#));
    assert_ne!(stored, edited, "the stored goal has its title");
    promise(putOver(ben, &key, &edited)).await;
    key
}

/// Ana's board with "First goal" and "Second goal", and Ben's bridge on the same store.
async fn two_goals_with_ben() -> (JsValue, JsValue, Mounted) {
    let storage: JsValue = MemoryStorage::new().into();
    let ana = bridge_on(&storage, "u-ana");
    let ben = bridge_on(&storage, "u-ben");
    promise(rawPut(&ana, "mw/v1/rel/rel1", REL)).await;
    let m = mount_in_slot(&ana);
    add_goal(&m.root, "First goal").await;
    add_goal(&m.root, "Second goal").await;
    until(&m.root, "two goals", || titles(&m.root).len() == 2).await;
    (ana, ben, m)
}

// Pins (issue 13, 7): a partner's save of one goal reads that goal again, not
// the list, and redraws its card alone: the other card keeps its nodes.
#[wasm_bindgen_test]
async fn a_partners_edit_redraws_only_that_card() {
    let (ana, ben, m) = two_goals_with_ben().await;
    card(&m.root, "First goal").set_attribute("data-test-mark", "kept").unwrap();
    card(&m.root, "Second goal").set_attribute("data-test-mark", "kept").unwrap();
    let lists = callCount(&ana, "list");
    partner_retitles(&ben, &m.root, "Second goal", "Second goal, as Ben put it").await;
    until(&m.root, "Ben's title", || titles(&m.root).contains(&"Second goal, as Ben put it".to_string())).await;
    assert_eq!(titles(&m.root), ["First goal", "Second goal, as Ben put it"]);
    assert_eq!(card(&m.root, "First goal").get_attribute("data-test-mark").as_deref(), Some("kept"), "the untouched card keeps its nodes");
    assert_eq!(card(&m.root, "as Ben put it").get_attribute("data-test-mark"), None, "the changed card is drawn anew");
    assert_eq!(callCount(&ana, "list"), lists, "one goal read, not the list");
}

// Pins (issue 13, interleavings of reading): a whole read that fails once a
// list is shown (after adding a goal, the host's list is down) keeps the list:
// no error panel in its place, and the added goal shows from its own notice.
#[wasm_bindgen_test]
async fn a_failed_refresh_keeps_the_list_shown() {
    let (ana, _ben, m) = two_goals_with_ben().await;
    failNext(&ana, "list", "unavailable");
    setValue(&get(&m.root, "#mw-goal-new"), "Third goal");
    click(&m.root, ".mw-goal-add .mw-button--primary");
    until(&m.root, "the added goal", || titles(&m.root).contains(&"Third goal".to_string())).await;
    until(&m.root, "the failed list read", || faultsPending(&ana) == 0).await;
    sleep(50).await;
    assert_eq!(titles(&m.root), ["First goal", "Second goal", "Third goal"]);
    assert!(find(&m.root, ".mw-goals .mw-panel--error").is_none(), "no error in the list's place: {}", text(&m.root));
}

// Pins (issue 13, 4): new texts reach the cards at once: a card is drawn once
// per goal and revision, and new texts draw them all again.
#[wasm_bindgen_test]
async fn new_texts_reach_every_card() {
    let ana = bridge("u-ana");
    promise(rawPut(&ana, "mw/v1/rel/rel1", REL)).await;
    let mut m = mount_view(&ana, "{}", "relationship/rel1/goals");
    add_goal(&m.root, "First goal").await;
    until(&m.root, "the card", || titles(&m.root).len() == 1).await;
    assert!(get(&m.root, ".mw-goal").text_content().unwrap().contains("Ana Li's goal"));
    m.widget.update(js(r#"{"text":{"goal.owned_by":"Goal of {name}","goal.status.not_started":"To do"}}"#)).unwrap();
    until(&m.root, "the new texts on the card", || {
        let card = get(&m.root, ".mw-goal").text_content().unwrap();
        card.contains("Goal of Ana Li") && card.contains("To do")
    })
    .await;
}

// Pins (issue 13, interleavings of reading): the board's whole read (after
// adding a goal) read the second goal before Ben saved it, and its answer
// arrives after Ben's save was shown: the older answer does not take Ben's
// title back. (The added goal shows before it, from its own change notice.)
#[wasm_bindgen_test]
async fn an_older_answer_arriving_late_does_not_undo_a_partners_edit() {
    let (ana, ben, m) = two_goals_with_ben().await;
    let second = format!("mw/v1/rel/rel1/goals/{}", card(&m.root, "Second goal").get_attribute("data-goal").unwrap());
    lateNextOn(&ana, "get", &second, 600);
    setValue(&get(&m.root, "#mw-goal-new"), "Third goal");
    click(&m.root, ".mw-goal-add .mw-button--primary");
    // The whole read has read the second goal (its answer is held back).
    until(&m.root, "the whole read", || faultsPending(&ana) == 0).await;
    partner_retitles(&ben, &m.root, "Second goal", "Ben's second goal").await;
    until(&m.root, "Ben's title", || titles(&m.root).contains(&"Ben's second goal".to_string())).await;
    until(&m.root, "the old answer", || lateAnswered(&ana) == 1).await;
    sleep(50).await;
    assert_eq!(titles(&m.root), ["First goal", "Ben's second goal", "Third goal"]);
}

// Pins (interleavings of reordering): the widget destroyed while a move's
// writes are in flight on a slow host: nothing panics (the board reads the
// goals again only if it is still there; a trapped instance would take the
// next mount down too), both places land, and a new mount shows the order.
#[wasm_bindgen_test]
async fn destroy_while_moving_a_goal() {
    let storage: JsValue = MemoryStorage::new().into();
    let ana = bridge_on(&storage, "u-ana");
    promise(rawPut(&ana, "mw/v1/rel/rel1", REL)).await;
    let mut m = mount_view(&ana, "{}", "relationship/rel1/goals");
    add_goal(&m.root, "First goal").await;
    add_goal(&m.root, "Second goal").await;
    until(&m.root, "two goals", || m.root.query_selector_all(".mw-goal .mw-card__open").unwrap().length() == 2).await;
    let panicked = panics();
    slowNext(&ana, "put", 300);
    m.root.query_selector_all(".mw-goal .mw-move").unwrap().item(2).unwrap().unchecked_into::<HtmlElement>().click();
    TimeoutFuture::new(30).await;
    m.widget.destroy();
    TimeoutFuture::new(900).await;
    let again = mount_in_slot(&ana);
    let titles = || {
        let list = again.root.query_selector_all(".mw-goal .mw-card__open").unwrap();
        (0..list.length()).map(|i| list.item(i).unwrap().text_content().unwrap()).collect::<Vec<_>>()
    };
    until(&again.root, "the new order after a new mount", || titles() == ["Second goal", "First goal"]).await;
    assert_eq!(panics(), panicked, "the move's code after its writes ran on the destroyed board without a panic");
}

// Pins (interleavings of reading): the widget destroyed while a partner's
// change is being read (a slow host): nothing panics when the answers arrive
// on the destroyed board and shared state, and a new mount shows the change.
#[wasm_bindgen_test]
async fn destroy_while_a_partners_change_is_read() {
    let storage: JsValue = MemoryStorage::new().into();
    let ana = bridge_on(&storage, "u-ana");
    let ben = bridge_on(&storage, "u-ben");
    promise(rawPut(&ana, "mw/v1/rel/rel1", REL)).await;
    let mut m = mount_view(&ana, "{}", "relationship/rel1/goals");
    add_goal(&m.root, "First goal").await;
    until(&m.root, "the card", || titles(&m.root).len() == 1).await;
    let panicked = panics();
    slowNext(&ana, "get", 300);
    slowNext(&ana, "get", 300);
    partner_retitles(&ben, &m.root, "First goal", "Ben's first goal").await;
    TimeoutFuture::new(30).await;
    m.widget.destroy();
    TimeoutFuture::new(700).await;
    assert_eq!(faultsPending(&ana), 0, "both reads were under way when the widget went");
    let again = mount_in_slot(&ana);
    until(&again.root, "the change after a new mount", || titles(&again.root) == ["Ben's first goal"]).await;
    assert_eq!(panics(), panicked, "the reads' code after their answers ran on the destroyed widget without a panic");
}

// Pins: the owner cannot confirm their own goal; the partner's confirmation signs it
// off and the host hears mw:goal-achieved.
#[wasm_bindgen_test]
async fn sign_off_needs_the_partner() {
    let storage: JsValue = MemoryStorage::new().into();
    let ana = bridge_on(&storage, "u-ana");
    let ben = bridge_on(&storage, "u-ben");
    promise(rawPut(&ana, "mw/v1/rel/rel1", REL)).await;
    let a = mount_in_slot(&ana);
    add_goal(&a.root, "Give the planning talk").await;
    let mark = || {
        let buttons = a.root.query_selector_all(".mw-goal-editor button").unwrap();
        (0..buttons.length())
            .map(|i| buttons.item(i).unwrap().unchecked_into::<HtmlElement>())
            .find(|b| b.text_content().unwrap_or_default() == "Mark as achieved")
    };
    until(&a.root, "the mark button", || mark().is_some()).await;
    mark().unwrap().click();
    until_text(&a.root, "waiting for your partner to confirm").await;
    until_text(&a.root, "Goal saved").await;
    assert!(!text(&a.root).contains("Confirm it is achieved"));

    let b = mount_in_slot(&ben);
    until(&b.root, "Ben's card", || find(&b.root, ".mw-goal .mw-card__open").is_some()).await;
    click(&b.root, ".mw-goal .mw-card__open");
    until_text(&b.root, "Confirm it is achieved").await;
    let confirm = {
        let buttons = b.root.query_selector_all(".mw-goal-editor .mw-button--primary").unwrap();
        buttons.item(0).unwrap().unchecked_into::<HtmlElement>()
    };
    confirm.click();
    until_text(&b.root, "signed off by both of you").await;
    assert!(eventsText(&b.events).contains(r#"mw:goal-achieved {"relationshipId":"rel1","goalId":"#), "{}", eventsText(&b.events));
}

// Pins: two people editing one goal: different fields merge on save; the same field
// is named as a clash with mine kept on screen, and saving again keeps mine.
#[wasm_bindgen_test]
async fn concurrent_goal_edits_merge_or_clash() {
    let storage: JsValue = MemoryStorage::new().into();
    let ana = bridge_on(&storage, "u-ana");
    let ben = bridge_on(&storage, "u-ben");
    promise(rawPut(&ana, "mw/v1/rel/rel1", REL)).await;
    let a = mount_in_slot(&ana);
    add_goal(&a.root, "Lead the Q1 planning session").await;
    until_text(&a.root, "Ana Li's goal").await;
    let b = mount_in_slot(&ben);
    until(&b.root, "Ben's card", || find(&b.root, ".mw-goal .mw-card__open").is_some()).await;
    click(&b.root, ".mw-goal .mw-card__open");
    until(&b.root, "Ben's editor", || find(&b.root, "#mw-goal-measure").is_some()).await;

    let save = |root: &ShadowRoot| click(root, ".mw-goal-editor .mw-actions .mw-button--primary");
    let state = save_state;

    setValue(&get(&b.root, "#mw-goal-measure"), "Session run, with a plan agreed by all leads");
    save(&b.root);
    until(&b.root, "Ben's save", || state(&b.root) == "saved").await;
    // (The first save moves Ben's status from empty to "saved": the wait is real.)
    setValue(&get(&a.root, "#mw-goal-achievable"), "I ran two smaller sessions already");
    save(&a.root);
    until(&a.root, "Ana's merged save", || state(&a.root) == "saved").await;
    let stored = promise(rawGet(&ana, &format!("mw/v1/rel/rel1/goals/{}", goal_id(&a.root)))).await.as_string().unwrap();
    assert!(stored.contains("plan agreed by all leads") && stored.contains("two smaller sessions"), "{stored}");

    // Same field, both ways: Ana has typed hers when Ben's save reaches her
    // open editor, which names the clash at once and keeps hers on screen.
    setValue(&get(&a.root, "#mw-goal-relevant"), "Ana's reason");
    setValue(&get(&b.root, "#mw-goal-relevant"), "Ben's reason");
    save(&b.root);
    until(&a.root, "the clash", || state(&a.root) == "clashed").await;
    assert!(text(&a.root).contains("Why it matters (Relevant)"), "the clash names the field");
    let relevant: web_sys::HtmlInputElement = get(&a.root, "#mw-goal-relevant").unchecked_into();
    assert_eq!(relevant.value(), "Ana's reason");
    save(&a.root);
    until(&a.root, "Ana keeps hers", || state(&a.root) == "saved").await;
    let stored = promise(rawGet(&ana, &format!("mw/v1/rel/rel1/goals/{}", goal_id(&a.root)))).await.as_string().unwrap();
    assert!(stored.contains("Ana's reason") && stored.contains("plan agreed by all leads"), "{stored}");
}

/// The goal editor's save status (`saved`, `clashed`, …).
fn save_state(root: &ShadowRoot) -> String {
    find(root, ".mw-goal-editor .mw-save-status").and_then(|e| e.get_attribute("data-state")).unwrap_or_default()
}

fn editor_value(root: &ShadowRoot, id: &str) -> String {
    get(root, id).unchecked_into::<web_sys::HtmlInputElement>().value()
}

// Pins (issue 13, 2: a partner's edit shows in every open view): Ben's save
// of the goal Ana has open reaches her editor: the heading and the title
// take his, the measure she is typing stays hers, and her save keeps both,
// without a clash.
#[wasm_bindgen_test]
async fn an_open_editor_follows_a_partners_save() {
    let (ana, ben, m) = two_goals_with_ben().await;
    until_text(&m.root, "Second goal").await;
    assert_eq!(editor_value(&m.root, "#mw-goal-title"), "Second goal", "the new goal is open");
    setValue(&get(&m.root, "#mw-goal-measure"), "Two dry runs, timed");
    let key = partner_retitles(&ben, &m.root, "Second goal", "Second goal, as Ben put it").await;
    until(&m.root, "Ben's title in the editor", || editor_value(&m.root, "#mw-goal-title") == "Second goal, as Ben put it").await;
    assert_eq!(get(&m.root, "#mw-goal-editor-heading").text_content().unwrap_or_default(), "Second goal, as Ben put it");
    assert_eq!(editor_value(&m.root, "#mw-goal-measure"), "Two dry runs, timed", "what Ana typed stays");
    let state = || save_state(&m.root);
    assert_ne!(state(), "clashed", "different fields are no clash");
    click(&m.root, ".mw-goal-editor .mw-actions .mw-button--primary");
    until(&m.root, "Ana's save", || state() == "saved").await;
    let stored = promise(rawGet(&ana, &key)).await.as_string().unwrap();
    assert!(stored.contains("as Ben put it") && stored.contains("Two dry runs, timed"), "{stored}");
}

// Pins (the same, interleaved): Ben's save lands while Ana's is on its way
// to a slow host, and her board reads his while hers is in flight. Her save
// meets his revision and carries hers over it. The board's read of her own
// save answers late, so for a while the board shows his copy, older than
// what she holds: the editor must not go back to it (her measure stays, his
// title stays), and ends with both.
#[wasm_bindgen_test]
async fn a_partners_save_during_mine_ends_with_both_in_the_editor() {
    let (ana, ben, m) = two_goals_with_ben().await;
    until_text(&m.root, "Second goal").await;
    let key = format!("mw/v1/rel/rel1/goals/{}", card(&m.root, "Second goal").get_attribute("data-goal").unwrap());
    setValue(&get(&m.root, "#mw-goal-measure"), "Two dry runs, timed");
    let puts = callCount(&ana, "put");
    slowNext(&ana, "put", 400);
    click(&m.root, ".mw-goal-editor .mw-actions .mw-button--primary");
    partner_retitles(&ben, &m.root, "Second goal", "Second goal, as Ben put it").await;
    until(&m.root, "Ben's title on the card", || titles(&m.root).iter().any(|t| t == "Second goal, as Ben put it")).await;
    // The save's own read after its conflict passes; the board's read of the
    // save that follows answers a second late.
    passNext(&ana, "get");
    lateNextOn(&ana, "get", &key, 1000);
    let state = || save_state(&m.root);
    until(&m.root, "Ana's save", || state() == "saved").await;
    assert_eq!(callCount(&ana, "put") - puts, 2, "her first put met Ben's revision, the second carried hers over it");
    TimeoutFuture::new(150).await;
    assert_eq!(lateAnswered(&ana), 0, "still within the window where the board shows Ben's copy");
    assert_eq!(editor_value(&m.root, "#mw-goal-measure"), "Two dry runs, timed", "the editor did not go back to the board's older copy");
    assert_eq!(editor_value(&m.root, "#mw-goal-title"), "Second goal, as Ben put it");
    until(&m.root, "the late answer", || lateAnswered(&ana) == 1).await;
    TimeoutFuture::new(100).await;
    assert_eq!(editor_value(&m.root, "#mw-goal-title"), "Second goal, as Ben put it");
    assert_eq!(editor_value(&m.root, "#mw-goal-measure"), "Two dry runs, timed");
    let stored = promise(rawGet(&ana, &key)).await.as_string().unwrap();
    assert!(stored.contains("as Ben put it") && stored.contains("Two dry runs, timed"), "{stored}");
}

// Pins: a number typed into the progress field, not yet committed (it
// enters the goal on `change`), stays when a partner's save of the title
// reaches the open editor.
#[wasm_bindgen_test]
async fn a_progress_being_typed_stays_through_a_partners_save() {
    let (_ana, ben, m) = two_goals_with_ben().await;
    until_text(&m.root, "Second goal").await;
    setValue(&get(&m.root, "#mw-goal-progress"), "60");
    partner_retitles(&ben, &m.root, "Second goal", "Second goal, as Ben put it").await;
    until(&m.root, "Ben's title in the editor", || editor_value(&m.root, "#mw-goal-title") == "Second goal, as Ben put it").await;
    TimeoutFuture::new(50).await;
    assert_eq!(editor_value(&m.root, "#mw-goal-progress"), "60");
}

/// Ana's widget on the Goals view with a new goal open in the editor, one
/// milestone added to it.
async fn editor_with_a_milestone() -> Mounted {
    let storage: JsValue = MemoryStorage::new().into();
    let ana = bridge_on(&storage, "u-ana");
    promise(rawPut(&ana, "mw/v1/rel/rel1", REL)).await;
    let m = mount_in_slot(&ana);
    add_goal(&m.root, "Lead the Q1 planning session").await;
    setValue(&get(&m.root, "#mw-ms-new"), "Draft the agenda");
    pressKey(&get(&m.root, "#mw-ms-new"), "Enter");
    until(&m.root, "the milestone", || find(&m.root, ".mw-milestone input").is_some()).await;
    m
}

fn goal_id(root: &ShadowRoot) -> String {
    get(root, ".mw-goal").get_attribute("data-goal").unwrap()
}

// Pins (issue 12, 4): the widget destroyed while a goal's write is in flight
// on a slow host: nothing panics, the write lands, and a new mount shows it.
#[wasm_bindgen_test]
async fn destroy_while_saving_a_goal() {
    let panicked = panics();
    let storage: JsValue = MemoryStorage::new().into();
    let ana = bridge_on(&storage, "u-ana");
    promise(rawPut(&ana, "mw/v1/rel/rel1", REL)).await;
    let mut m = mount_view(&ana, "{}", "relationship/rel1/goals");
    add_goal(&m.root, "Lead the Q1 planning session").await;
    setValue(&get(&m.root, "#mw-goal-measure"), "A plan agreed by all leads");
    slowNext(&ana, "put", 300);
    click(&m.root, ".mw-goal-editor .mw-actions .mw-button--primary");
    TimeoutFuture::new(30).await;
    m.widget.destroy();
    TimeoutFuture::new(700).await;
    let again = mount_in_slot(&ana);
    until(&again.root, "the card", || find(&again.root, ".mw-goal .mw-card__open").is_some()).await;
    let stored = promise(rawGet(&ana, &format!("mw/v1/rel/rel1/goals/{}", goal_id(&again.root)))).await.as_string().unwrap();
    assert!(stored.contains("A plan agreed by all leads"), "{stored}");
    click(&again.root, ".mw-goal .mw-card__open");
    until(&again.root, "the editor", || find(&again.root, "#mw-goal-measure").is_some()).await;
    assert_eq!(get(&again.root, "#mw-goal-measure").unchecked_into::<web_sys::HtmlInputElement>().value(), "A plan agreed by all leads");
    assert_eq!(panics(), panicked, "code after an await ran on the destroyed widget without a panic");
}

// Pins (issue 12, interleavings of the goal editor): a save whose answer
// was lost reads back as saved, and saving again writes nothing twice.
#[wasm_bindgen_test]
async fn a_goal_save_survives_a_lost_answer() {
    let storage: JsValue = MemoryStorage::new().into();
    let ana = bridge_on(&storage, "u-ana");
    promise(rawPut(&ana, "mw/v1/rel/rel1", REL)).await;
    let m = mount_in_slot(&ana);
    add_goal(&m.root, "Lead the Q1 planning session").await;
    setValue(&get(&m.root, "#mw-goal-measure"), "A plan agreed by all leads");
    loseAnswerNext(&ana, "put");
    click(&m.root, ".mw-goal-editor .mw-actions .mw-button--primary");
    until(&m.root, "saved", || find(&m.root, ".mw-goal-editor .mw-save-status").and_then(|e| e.get_attribute("data-state")).as_deref() == Some("saved")).await;
    let stored = promise(rawGet(&ana, &format!("mw/v1/rel/rel1/goals/{}", goal_id(&m.root)))).await.as_string().unwrap();
    assert!(stored.contains("A plan agreed by all leads"), "{stored}");
}

// Pins (issue 11): the goal's rules are the domain's (`Goal::validate`) and
// the editor shows each at its field: the control is marked invalid and
// names its error, focus lands on the first, nothing is written, and the
// error goes as soon as the field is mended. A dropped goal asks for its
// reason the same way.
#[wasm_bindgen_test]
async fn goal_errors_are_tied_to_their_fields() {
    let storage: JsValue = MemoryStorage::new().into();
    let ana = bridge_on(&storage, "u-ana");
    promise(rawPut(&ana, "mw/v1/rel/rel1", REL)).await;
    let m = mount_in_slot(&ana);
    add_goal(&m.root, "Lead the Q1 planning session").await;
    let save = || click(&m.root, ".mw-goal-editor .mw-actions .mw-button--primary");
    let state = || save_state(&m.root);
    setValue(&get(&m.root, "#mw-goal-title"), "   ");
    save();
    until(&m.root, "the title's error", || find(&m.root, "#mw-goal-title-error").is_some()).await;
    let title = get(&m.root, "#mw-goal-title");
    assert_eq!(title.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert!(title.get_attribute("aria-describedby").unwrap_or_default().split(' ').any(|id| id == "mw-goal-title-error"));
    assert!(get(&m.root, "#mw-goal-title-error").text_content().unwrap_or_default().contains("Give the goal a title."));
    until(&m.root, "focus on the title", || activeElementId(&m.root) == "mw-goal-title").await;
    TimeoutFuture::new(50).await;
    assert!(!matches!(state().as_str(), "saving" | "saved"), "a refused save does not start: {}", state());

    setValue(&get(&m.root, "#mw-goal-title"), "Lead the Q1 planning session");
    until(&m.root, "the error gone", || find(&m.root, "#mw-goal-title-error").is_none()).await;
    assert_eq!(get(&m.root, "#mw-goal-title").get_attribute("aria-invalid"), None);

    setCommitted(&get(&m.root, "#mw-goal-status"), "goal.status.dropped");
    until(&m.root, "the reason field", || find(&m.root, "#mw-goal-drop").is_some()).await;
    save();
    until(&m.root, "the reason's error", || find(&m.root, "#mw-goal-drop-error").is_some()).await;
    assert_eq!(get(&m.root, "#mw-goal-drop").get_attribute("aria-invalid").as_deref(), Some("true"));
    until(&m.root, "focus on the reason", || activeElementId(&m.root) == "mw-goal-drop").await;
    setValue(&get(&m.root, "#mw-goal-drop"), "Planning moved to another team");
    save();
    until(&m.root, "saved", || state() == "saved").await;
    until(&m.root, "the card", || find(&m.root, ".mw-goal").is_some()).await;
    let stored = promise(rawGet(&ana, &format!("mw/v1/rel/rel1/goals/{}", goal_id(&m.root)))).await.as_string().unwrap_or_default();
    assert!(stored.contains("Planning moved to another team") && stored.contains("\"dropped\""), "{stored}");
    assert!(stored.contains("Lead the Q1 planning session") && !stored.contains("\"title\":\"   \""), "the blank title never reached the store: {stored}");
}

// Pins (issue 11): the goal editor's parts each read only what they show. A
// keystroke in the title leaves the milestones, the progress chart's place
// and the sign-off exactly as they were (the same nodes, not rebuilt);
// ticking a milestone still updates the parts that show it.
#[wasm_bindgen_test]
async fn typing_the_title_rebuilds_no_other_part() {
    let m = editor_with_a_milestone().await;
    // An element of the editor by its exact text.
    let by_text = |selector: &str, words: &str| {
        let all = m.root.query_selector_all(selector).unwrap();
        (0..all.length()).map(|i| all.item(i).unwrap().unchecked_into::<Element>()).find(|e| e.text_content().as_deref() == Some(words))
    };
    let milestone = get(&m.root, ".mw-milestone");
    let by_steps = by_text(".mw-goal-editor p", "Progress follows the steps you tick.").expect("the progress part");
    let no_history = by_text(".mw-goal-editor p", "No progress recorded yet.").expect("the chart's place");
    let mark = by_text(".mw-goal-editor button", "Mark as achieved").expect("the sign-off button");

    for title in ["Lead the Q1 planning session well", "Lead the Q1 planning session very well"] {
        setValue(&get(&m.root, "#mw-goal-title"), title);
        TimeoutFuture::new(30).await;
    }
    assert!(milestone.is_connected(), "the milestones were rebuilt by a title keystroke");
    assert!(by_steps.is_connected(), "the progress part was rebuilt by a title keystroke");
    assert!(no_history.is_connected(), "the chart was rebuilt by a title keystroke");
    assert!(mark.is_connected(), "the sign-off was rebuilt by a title keystroke");

    // What a part shows still follows: a ticked milestone moves the progress.
    click(&m.root, ".mw-milestone input");
    until_text(&m.root, "100% done").await;
    assert!(!milestone.is_connected(), "the milestones follow their own change");
}

// Pins: a milestone tick the goal refuses (it is dropped) does not stay
// ticked on screen: the checkbox follows the goal, not the browser's click.
#[wasm_bindgen_test]
async fn a_refused_tick_does_not_stay_ticked() {
    let m = editor_with_a_milestone().await;
    setCommitted(&get(&m.root, "#mw-goal-status"), "goal.status.dropped");
    until(&m.root, "the reason field", || find(&m.root, "#mw-goal-drop").is_some()).await;
    click(&m.root, ".mw-milestone input");
    let tick = || get(&m.root, ".mw-milestone input").unchecked_into::<web_sys::HtmlInputElement>().checked();
    until(&m.root, "the tick undone", || !tick()).await;
    TimeoutFuture::new(50).await;
    assert!(!tick(), "a dropped goal's milestone shows as not done");
}
