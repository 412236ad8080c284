//! Every access rule of the store, in both directions (the person it allows
//! is let in, everyone else is refused), through the real router, on SQLite
//! and on a real PostgreSQL started by the test.

mod support;

use axum::http::StatusCode;
use axum::Router;
use mentoring_store::store::Store;
use serde_json::{json, Value};
use support::{call, Answer};

const REL: &str = "/v1/docs/mw/v1/rel/r1";
const GOAL: &str = "/v1/docs/mw/v1/rel/r1/goals/g1";
const CHECKIN: &str = "/v1/docs/mw/v1/rel/r1/checkins/c1";
const ANA_NOTE: &str = "/v1/docs/mw/v1/private/u-ana/r1/checkins/c1";

/// Ana (mentee, by id) and Ben (mentor, typed in by hand: no id, known by email).
fn relationship() -> Value {
    json!({"schema": 3, "kind": "relationship", "data": {
        "id": "r1", "kind": "traditional",
        "mentor": {"id": null, "displayName": "Ben Okafor", "email": "Ben@Example.com"},
        "mentee": {"id": "u-ana", "displayName": "Ana Li", "email": null},
        "state": "proposed", "createdBy": "u-ana", "createdAt": "t",
        "agreement": {"versions": [], "draft": null}, "life": {"events": [], "closing": null}}})
}

fn signature(by: &str, role: &str) -> Value {
    json!({"by": by, "name": by, "role": role, "at": "t", "hash": "ab", "hashVersion": 2})
}

fn goal(extra: Value) -> Value {
    let mut g = json!({"schema": 1, "kind": "goal", "data": {"id": "g1", "relationshipId": "r1", "owner": "u-ana", "title": "Talk", "achievedBy": null, "confirmedBy": null, "confirmedAt": null}});
    for (k, v) in extra.as_object().unwrap() {
        g["data"][k] = v.clone();
    }
    g
}

async fn put(router: &Router, user: &str, path: &str, value: &Value, base: Option<&str>) -> Answer {
    let text = value.to_string();
    let header = match base {
        Some(rev) => ("if-match", rev),
        None => ("if-none-match", "*"),
    };
    call(router, user, "PUT", path, &[header], Some(&text)).await
}

async fn get(router: &Router, user: &str, path: &str) -> Answer {
    call(router, user, "GET", path, &[], None).await
}

async fn keys(router: &Router, user: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut after = String::new();
    loop {
        let a = get(router, user, &format!("/v1/docs?prefix={prefix}&after={after}&limit=2")).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let page = a.json();
        out.extend(page["items"].as_array().unwrap().iter().map(|i| i["key"].as_str().unwrap().to_string()));
        match page["next"].as_str() {
            Some(next) => after = next.to_string(),
            None => return out,
        }
    }
}

async fn rules_hold(router: Router, store: Store) {
    // Who is calling: nobody, or someone the directory does not know.
    assert_eq!(get(&router, "", REL).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(get(&router, "u-nobody", REL).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(get(&router, "u-ana", "/healthz").await.status, StatusCode::OK);

    // A create must name the caller as a party.
    assert_eq!(get(&router, "u-ana", REL).await.status, StatusCode::NOT_FOUND);
    assert_eq!(put(&router, "u-eve", REL, &relationship(), None).await.status, StatusCode::FORBIDDEN);
    let created = put(&router, "u-ana", REL, &relationship(), None).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let rev1 = created.etag.clone().unwrap();
    assert_eq!(put(&router, "u-ana", REL, &relationship(), None).await.status, StatusCode::PRECONDITION_FAILED, "a create over an existing key");

    // Reading: both parties (Ben by his email), nobody else.
    let as_ben = get(&router, "u-ben", REL).await;
    assert_eq!((as_ben.status, as_ben.etag.as_deref()), (StatusCode::OK, Some(rev1.as_str())));
    assert_eq!(as_ben.json(), relationship(), "stored opaquely, read back as written");
    assert_eq!(get(&router, "u-eve", REL).await.status, StatusCode::FORBIDDEN);

    // Writing: a stranger is refused before any conflict is told.
    assert_eq!(put(&router, "u-eve", REL, &relationship(), Some(&rev1)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(put(&router, "u-eve", REL, &relationship(), Some("\"99\"")).await.status, StatusCode::FORBIDDEN);

    // Signatures: each person adds only their own.
    let mut ana_signed = relationship();
    ana_signed["data"]["agreement"]["draft"] =
        json!({"content": {"purpose": "Grow"}, "basedOn": null, "signatures": [signature("u-ana", "mentee")], "updatedAt": "t", "updatedBy": "u-ana"});
    assert_eq!(put(&router, "u-ben", REL, &ana_signed, Some(&rev1)).await.status, StatusCode::FORBIDDEN, "Ben signs for Ana");
    let a = put(&router, "u-ana", REL, &ana_signed, Some(&rev1)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let rev2 = a.etag.unwrap();
    assert_ne!(rev1, rev2);
    assert_eq!(put(&router, "u-ben", REL, &ana_signed, Some(&rev1)).await.status, StatusCode::PRECONDITION_FAILED, "a stale revision");

    let mut in_force = ana_signed.clone();
    in_force["data"]["agreement"]["draft"] = Value::Null;
    in_force["data"]["state"] = json!("active");
    in_force["data"]["agreement"]["versions"] =
        json!([{"number": 1, "content": {"purpose": "Grow"}, "signatures": [signature("u-ana", "mentee"), signature("u-ben", "mentor")], "inForceAt": "t"}]);
    assert_eq!(put(&router, "u-ana", REL, &in_force, Some(&rev2)).await.status, StatusCode::FORBIDDEN, "Ana adds Ben's signature");
    let b = put(&router, "u-ben", REL, &in_force, Some(&rev2)).await;
    assert_eq!(b.status, StatusCode::OK, "{}", b.body);
    let rev3 = b.etag.unwrap();

    // Versions in force are append-only; parties never change.
    let mut rewritten = in_force.clone();
    rewritten["data"]["agreement"]["versions"][0]["content"]["purpose"] = json!("Something else");
    assert_eq!(put(&router, "u-ana", REL, &rewritten, Some(&rev3)).await.status, StatusCode::FORBIDDEN);
    let mut swapped = in_force.clone();
    swapped["data"]["mentor"]["email"] = json!("eve@example.com");
    assert_eq!(put(&router, "u-ana", REL, &swapped, Some(&rev3)).await.status, StatusCode::FORBIDDEN);
    assert_eq!(call(&router, "u-ana", "DELETE", REL, &[("if-match", &rev3)], None).await.status, StatusCode::FORBIDDEN, "never deleted");

    // Goals: the parties only; a confirmation only by the person it names.
    assert_eq!(put(&router, "u-eve", GOAL, &goal(json!({})), None).await.status, StatusCode::FORBIDDEN);
    let g = put(&router, "u-ana", GOAL, &goal(json!({})), None).await;
    assert_eq!(g.status, StatusCode::CREATED, "{}", g.body);
    assert_eq!(get(&router, "u-eve", GOAL).await.status, StatusCode::FORBIDDEN);
    assert_eq!(get(&router, "u-ben", GOAL).await.status, StatusCode::OK);
    let achieved = goal(json!({"achievedBy": "u-ana"}));
    let g2 = put(&router, "u-ana", GOAL, &achieved, g.etag.as_deref()).await;
    assert_eq!(g2.status, StatusCode::OK, "{}", g2.body);
    let confirmed = goal(json!({"achievedBy": "u-ana", "confirmedBy": "u-ben", "confirmedAt": "t"}));
    assert_eq!(put(&router, "u-ana", GOAL, &confirmed, g2.etag.as_deref()).await.status, StatusCode::FORBIDDEN, "Ana confirms in Ben's name");
    assert_eq!(put(&router, "u-ben", GOAL, &confirmed, g2.etag.as_deref()).await.status, StatusCode::OK);

    // Check-ins: a pulse rating only by the person it names.
    let checkin = |pulses: Value| json!({"schema": 1, "kind": "checkin", "data": {"id": "c1", "relationshipId": "r1", "date": "2026-12-01", "pulses": pulses}});
    let c = put(&router, "u-ben", CHECKIN, &checkin(json!([])), None).await;
    assert_eq!(c.status, StatusCode::CREATED, "{}", c.body);
    assert_eq!(
        put(&router, "u-ben", CHECKIN, &checkin(json!([{"by": "u-ana", "useful": 5, "progress": 5}])), c.etag.as_deref()).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(put(&router, "u-ana", CHECKIN, &checkin(json!([{"by": "u-ana", "useful": 5, "progress": 5}])), c.etag.as_deref()).await.status, StatusCode::OK);

    // Private notes: their author only, in every verb.
    let note = json!({"schema": 1, "kind": "private_note", "data": {"checkinId": "c1", "text": "Ask about the budget", "updatedAt": "t"}});
    assert_eq!(put(&router, "u-ben", ANA_NOTE, &note, None).await.status, StatusCode::FORBIDDEN);
    let n = put(&router, "u-ana", ANA_NOTE, &note, None).await;
    assert_eq!(n.status, StatusCode::CREATED, "{}", n.body);
    assert_eq!(get(&router, "u-ben", ANA_NOTE).await.status, StatusCode::FORBIDDEN);
    assert_eq!(put(&router, "u-ben", ANA_NOTE, &note, n.etag.as_deref()).await.status, StatusCode::FORBIDDEN);
    assert_eq!(call(&router, "u-ben", "DELETE", ANA_NOTE, &[("if-match", n.etag.as_deref().unwrap())], None).await.status, StatusCode::FORBIDDEN);
    assert_eq!(get(&router, "u-ana", ANA_NOTE).await.status, StatusCode::OK);

    // Listing: each person sees what they may read, nothing else, across pages.
    let other = json!({"schema": 3, "kind": "relationship", "data": {"id": "r2", "mentor": {"id": "u-eve", "email": null}, "mentee": {"id": "u-dan", "email": null}, "agreement": {"versions": []}}});
    assert_eq!(put(&router, "u-eve", "/v1/docs/mw/v1/rel/r2", &other, None).await.status, StatusCode::CREATED);
    assert_eq!(
        keys(&router, "u-ana", "mw/v1/").await,
        ["mw/v1/private/u-ana/r1/checkins/c1", "mw/v1/rel/r1", "mw/v1/rel/r1/checkins/c1", "mw/v1/rel/r1/goals/g1"]
    );
    assert_eq!(keys(&router, "u-ben", "mw/v1/").await, ["mw/v1/rel/r1", "mw/v1/rel/r1/checkins/c1", "mw/v1/rel/r1/goals/g1"]);
    assert_eq!(keys(&router, "u-eve", "mw/v1/rel/").await, ["mw/v1/rel/r2"]);
    assert_eq!(keys(&router, "u-ben", "mw/v1/private/").await, Vec::<String>::new());

    // Deleting a goal: the parties, at the right revision; then it is gone.
    let stored = get(&router, "u-ben", GOAL).await.etag.unwrap();
    assert_eq!(call(&router, "u-eve", "DELETE", GOAL, &[("if-match", &stored)], None).await.status, StatusCode::FORBIDDEN);
    assert_eq!(call(&router, "u-ben", "DELETE", GOAL, &[("if-match", "\"1\"")], None).await.status, StatusCode::PRECONDITION_FAILED);
    assert_eq!(call(&router, "u-ben", "DELETE", GOAL, &[("if-match", &stored)], None).await.status, StatusCode::NO_CONTENT);
    assert_eq!(get(&router, "u-ana", GOAL).await.status, StatusCode::NOT_FOUND);
    assert_eq!(call(&router, "u-ben", "DELETE", GOAL, &[("if-match", &stored)], None).await.status, StatusCode::NOT_FOUND);

    // Bad input: a clear 4xx with a message, and nothing stored.
    let bad = |body: &'static str| {
        let router = router.clone();
        async move { call(&router, "u-ana", "PUT", "/v1/docs/mw/v1/rel/r1/goals/g9", &[("if-none-match", "*")], Some(body)).await }
    };
    for (body, status, words) in [
        ("{not json", StatusCode::BAD_REQUEST, "not JSON"),
        (r#"{"schema":1,"kind":"poem","data":{}}"#, StatusCode::BAD_REQUEST, "unknown kind"),
        (r#"{"schema":1,"kind":"goal","data":{"relationshipId":"r2"}}"#, StatusCode::BAD_REQUEST, "relationshipId"),
    ] {
        let a = bad(body).await;
        assert_eq!(a.status, status, "{body}: {}", a.body);
        assert!(a.json()["message"].as_str().unwrap().contains(words), "{}", a.body);
    }
    let huge = goal(json!({"title": "x".repeat(600 * 1024)})).to_string();
    let a = call(&router, "u-ana", "PUT", "/v1/docs/mw/v1/rel/r1/goals/g9", &[("if-none-match", "*")], Some(&huge)).await;
    assert_eq!((a.status, a.json()["code"].as_str()), (StatusCode::PAYLOAD_TOO_LARGE, Some("quota")));
    assert_eq!(get(&router, "u-ana", "/v1/docs/mw/v1/rel/r1/goals/g9").await.status, StatusCode::NOT_FOUND);
    assert_eq!(call(&router, "u-ana", "PUT", GOAL, &[], Some(&goal(json!({})).to_string())).await.status, StatusCode::PRECONDITION_REQUIRED);
    assert_eq!(get(&router, "u-ana", "/v1/docs/host/own/key").await.status, StatusCode::FORBIDDEN);

    // Identity and directory.
    assert_eq!(get(&router, "u-ben", "/v1/me").await.json()["displayName"], "Ben Okafor");
    let found = get(&router, "u-ana", "/v1/people?q=oka").await.json();
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["id"], "u-ben");

    // The audit trail: who wrote which revision.
    let trail = store.audit_of("mw/v1/rel/r1").await.unwrap();
    let who: Vec<(&str, String)> = trail.iter().map(|(u, r, _)| (u.as_str(), format!("\"{r}\""))).collect();
    assert_eq!(who, [("u-ana", rev1.clone()), ("u-ana", rev2.clone()), ("u-ben", rev3.clone())]);

    // A revision is never used twice: a deleted and re-created key does not
    // take the old one back, so a stale writer cannot land on the new document.
    let again = put(&router, "u-ana", GOAL, &goal(json!({})), None).await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_ne!(again.etag.as_deref(), Some(stored.as_str()));
    assert_eq!(put(&router, "u-ana", GOAL, &goal(json!({"title": "stale"})), Some(&stored)).await.status, StatusCode::PRECONDITION_FAILED);
}

/// Many writers on one revision: exactly one lands, the rest hear `conflict`.
async fn one_writer_wins(router: Router) {
    let rel = relationship();
    let first = put(&router, "u-ana", REL, &rel, None).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let base = first.etag.unwrap();
    let writers = (0..12).map(|i| {
        let router = router.clone();
        let base = base.clone();
        let mut value = rel.clone();
        value["data"]["createdAt"] = json!(format!("writer {i}"));
        let user = if i % 2 == 0 { "u-ana" } else { "u-ben" };
        tokio::spawn(async move { put(&router, user, REL, &value, Some(&base)).await.status })
    });
    let mut statuses = Vec::new();
    for w in writers {
        statuses.push(w.await.unwrap());
    }
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 1, "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == StatusCode::OK || *s == StatusCode::PRECONDITION_FAILED), "{statuses:?}");
    assert_ne!(get(&router, "u-ana", REL).await.etag, Some(base), "the winner's write is stored");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_rules() {
    let (router, store) = support::router(&support::sqlite_file("rules")).await;
    rules_hold(router, store).await;
    let (router, _) = support::router(&support::sqlite_file("race")).await;
    one_writer_wins(router).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_rules() {
    let pg = support::Postgres::start();
    let (router, store) = support::router(&pg.database("rules").await).await;
    rules_hold(router, store).await;
    let (router, _) = support::router(&pg.database("race").await).await;
    one_writer_wins(router).await;
}
