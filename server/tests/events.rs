//! The change events: a party hears each change of what they may read, a
//! stranger hears nothing, and a client that reconnects with `Last-Event-ID`
//! gets what it missed, once. On SQLite and on a real PostgreSQL.

mod support;

use std::time::Duration;

use axum::body::Body;
use axum::http::Request;
use axum::Router;
use futures_util::StreamExt;
use serde_json::json;
use support::call;
use tower::ServiceExt;

/// Opens the events stream as `user` and collects `(id, key)` of the change
/// events that arrive within `wait`.
async fn hear(
    router: &Router,
    user: &str,
    prefix: &str,
    last_id: Option<&str>,
    wait: Duration,
    during: impl std::future::Future<Output = ()>,
) -> Vec<(String, String)> {
    let mut req = Request::builder().uri(format!("/v1/events?prefix={prefix}")).header("x-remote-user", user);
    if let Some(id) = last_id {
        req = req.header("last-event-id", id);
    }
    let response = router.clone().oneshot(req.body(Body::empty()).unwrap()).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    let mut body = response.into_body().into_data_stream();
    during.await;
    let mut text = String::new();
    let deadline = tokio::time::Instant::now() + wait;
    while let Ok(Some(Ok(chunk))) = tokio::time::timeout_at(deadline, body.next()).await {
        text.push_str(&String::from_utf8_lossy(&chunk));
    }
    text.split("\n\n")
        .filter_map(|event| {
            let field = |name: &str| event.lines().find_map(|l| l.strip_prefix(name)).map(|v| v.trim().to_string());
            Some((field("id:")?, field("data:")?))
        })
        .collect()
}

fn rel(id: &str, mentor: &str, mentee: &str) -> String {
    json!({"schema": 3, "kind": "relationship", "data": {"id": id, "mentor": {"id": mentor, "email": null}, "mentee": {"id": mentee, "email": null}, "agreement": {"versions": []}}}).to_string()
}

async fn events_reach_the_parties_only(router: Router) {
    let create = |user: &'static str, id: &'static str, mentor: &'static str, mentee: &'static str| {
        let router = router.clone();
        async move {
            let a = call(&router, user, "PUT", &format!("/v1/docs/mw/v1/rel/{id}"), &[("if-none-match", "*")], Some(&rel(id, mentor, mentee))).await;
            assert_eq!(a.status, 201, "{}", a.body);
        }
    };
    // Live: Ben hears r1 (his) but not r2 (Eve and Dan's).
    let heard = hear(&router, "u-ben", "mw/v1/rel/", None, Duration::from_millis(600), async {
        create("u-ana", "r1", "u-ben", "u-ana").await;
        create("u-eve", "r2", "u-eve", "u-dan").await;
    })
    .await;
    assert_eq!(heard.iter().map(|(_, k)| k.as_str()).collect::<Vec<_>>(), ["mw/v1/rel/r1"]);
    let first_id = heard[0].0.clone();

    // Eve hears nothing of r1, live or on catching up from the start.
    let eve = hear(&router, "u-eve", "mw/v1/rel/", Some("0"), Duration::from_millis(300), async {}).await;
    assert_eq!(eve.iter().map(|(_, k)| k.as_str()).collect::<Vec<_>>(), ["mw/v1/rel/r2"]);

    // Ben was away while Ana wrote a goal and a private note: on reconnecting
    // after the last id he saw, he gets the goal once, and never the note.
    let goal = json!({"schema": 1, "kind": "goal", "data": {"relationshipId": "r1"}}).to_string();
    assert_eq!(call(&router, "u-ana", "PUT", "/v1/docs/mw/v1/rel/r1/goals/g1", &[("if-none-match", "*")], Some(&goal)).await.status, 201);
    let note = json!({"schema": 1, "kind": "private_note", "data": {"checkinId": "c1", "text": "mine", "updatedAt": "t"}}).to_string();
    assert_eq!(call(&router, "u-ana", "PUT", "/v1/docs/mw/v1/private/u-ana/r1/checkins/c1", &[("if-none-match", "*")], Some(&note)).await.status, 201);
    let resumed = hear(&router, "u-ben", "mw/v1/", Some(&first_id), Duration::from_millis(300), async {}).await;
    assert_eq!(resumed.iter().map(|(_, k)| k.as_str()).collect::<Vec<_>>(), ["mw/v1/rel/r1/goals/g1"]);
    let ana = hear(&router, "u-ana", "mw/v1/private/", Some(&first_id), Duration::from_millis(300), async {}).await;
    assert_eq!(ana.iter().map(|(_, k)| k.as_str()).collect::<Vec<_>>(), ["mw/v1/private/u-ana/r1/checkins/c1"]);

    // An id from the future (a restored database) is treated as a new client:
    // it hears live changes again instead of waiting for that number.
    let goal2 = json!({"schema": 1, "kind": "goal", "data": {"relationshipId": "r1"}}).to_string();
    let later = hear(&router, "u-ben", "mw/v1/rel/", Some("999999"), Duration::from_millis(600), async {
        assert_eq!(call(&router, "u-ana", "PUT", "/v1/docs/mw/v1/rel/r1/goals/g2", &[("if-none-match", "*")], Some(&goal2)).await.status, 201);
    })
    .await;
    assert_eq!(later.iter().map(|(_, k)| k.as_str()).collect::<Vec<_>>(), ["mw/v1/rel/r1/goals/g2"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_events() {
    let (router, _) = support::router(&support::sqlite_file("events")).await;
    events_reach_the_parties_only(router).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_events() {
    let pg = support::Postgres::start();
    let (router, _) = support::router(&pg.database("events").await).await;
    events_reach_the_parties_only(router).await;
}
