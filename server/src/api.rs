//! Store protocol v1 over HTTP (the README's "Store protocol v1" is the
//! reference; `bridges/http.js` is its client):
//!
//! | request | answer |
//! |---|---|
//! | `GET /v1/docs/{key}` | 200, the value, `ETag: "<rev>"`; 404 |
//! | `PUT /v1/docs/{key}` + `If-Match: "<rev>"` or `If-None-Match: *` | 200/201, `ETag`; 412 stale or existing; 428 with neither |
//! | `DELETE /v1/docs/{key}` + `If-Match` | 204; 412; 404 |
//! | `GET /v1/docs?prefix=…&after=…&limit=…` | `{items: [{key, revision}], next}` |
//! | `GET /v1/events?prefix=…` | server-sent events `change`, `id` = sequence, data = key; resumes after `Last-Event-ID` |
//! | `GET /v1/me` | the identity |
//! | `GET /v1/people?q=…` | the directory |
//! | `GET /healthz` | 200 `ok` when the database answers |
//!
//! Errors are `{code, message}` JSON: 400 `invalid`, 401 `unauthorized`,
//! 403 `forbidden`, 404 `not_found`, 412 `conflict`, 413 `quota`,
//! 428 `precondition_required`, 429 `rate_limited`, 5xx `unavailable`.

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Json, Router};
use serde::Deserialize;
use serde_json::json;
use tokio_stream::wrappers::ReceiverStream;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::auth::{Auth, People};
use crate::rules::{Caller, Key, Refusal};
use crate::store::{Expect, Store, StoreError};

pub struct App {
    pub store: Store,
    pub auth: Auth,
    pub people: People,
    pub limiter: Limiter,
    /// Turns `true` when the service stops: open event streams end, so a
    /// graceful shutdown does not wait for browsers to leave.
    pub stopping: tokio::sync::watch::Receiver<bool>,
}

/// Requests per user per second, with a burst of twice that: a person's
/// widget makes a handful; a runaway script is slowed, not the service.
pub struct Limiter {
    per_second: f64,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl Limiter {
    pub fn new(per_second: u32) -> Limiter {
        Limiter { per_second: f64::from(per_second.max(1)), buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes one token for `user`; `Err(seconds)` to wait when none is left.
    pub fn take(&self, user: &str) -> Result<(), u64> {
        self.take_at(user, Instant::now())
    }

    /// Past this many users, buckets that have refilled are dropped: a full
    /// bucket is the same as none, so forgetting it changes no answer, and
    /// the map stays as large as the users active in the last few seconds.
    const PRUNE_ABOVE: usize = 4096;

    fn take_at(&self, user: &str, now: Instant) -> Result<(), u64> {
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        let burst = self.per_second * 2.0;
        if buckets.len() > Self::PRUNE_ABOVE && !buckets.contains_key(user) {
            let refill = std::time::Duration::from_secs_f64(burst / self.per_second);
            buckets.retain(|_, (_, last)| now.saturating_duration_since(*last) < refill);
        }
        let (tokens, last) = buckets.entry(user.to_string()).or_insert((burst, now));
        *tokens = (*tokens + now.duration_since(*last).as_secs_f64() * self.per_second).min(burst);
        *last = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - *tokens) / self.per_second).ceil() as u64)
        }
    }
}

fn error(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    (status, Json(json!({"code": code, "message": message.into()}))).into_response()
}

impl IntoResponse for StoreError {
    fn into_response(self) -> Response {
        match self {
            StoreError::Conflict(m) => error(StatusCode::PRECONDITION_FAILED, "conflict", m),
            StoreError::NotFound => error(StatusCode::NOT_FOUND, "not_found", "no such key"),
            StoreError::Refused(Refusal::Forbidden(m)) => error(StatusCode::FORBIDDEN, "forbidden", m),
            StoreError::Refused(Refusal::Invalid(m)) => error(StatusCode::BAD_REQUEST, "invalid", m),
            StoreError::Refused(Refusal::TooLarge(m)) => error(StatusCode::PAYLOAD_TOO_LARGE, "quota", m),
            StoreError::Db(e) => {
                tracing::error!(error = %e, "database error");
                error(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "the store's database did not answer")
            }
        }
    }
}

pub fn router(app: Arc<App>, allow_origins: &[String]) -> Router {
    let api = Router::new()
        .route("/v1/docs", get(list))
        .route("/v1/docs/{*key}", get(get_doc).put(put_doc).delete(delete_doc))
        .route("/v1/events", get(events))
        .route("/v1/me", get(me))
        .route("/v1/people", get(people))
        .layer(middleware::from_fn_with_state(app.clone(), authenticate));
    let mut router = Router::new()
        .merge(api)
        .route("/healthz", get(healthz))
        .layer(axum::extract::DefaultBodyLimit::max(1024 * 1024))
        .layer(middleware::from_fn(log_request))
        .with_state(app);
    if !allow_origins.is_empty() {
        let origins: Vec<HeaderValue> = allow_origins.iter().filter_map(|o| o.parse().ok()).collect();
        router = router.layer(
            CorsLayer::new()
                .allow_origin(AllowOrigin::list(origins))
                .allow_credentials(true)
                .allow_methods([Method::GET, Method::PUT, Method::DELETE])
                .allow_headers([
                    header::AUTHORIZATION,
                    header::CONTENT_TYPE,
                    header::IF_MATCH,
                    header::IF_NONE_MATCH,
                    "last-event-id".parse().unwrap(),
                    "x-remote-user".parse().unwrap(),
                ])
                .expose_headers([header::ETAG])
                .max_age(Duration::from_secs(600)),
        );
    }
    router
}

/// One structured log line per request: method, path, status, user, time.
async fn log_request(request: Request, next: Next) -> Response {
    let (method, path) = (request.method().clone(), request.uri().path().to_string());
    let started = Instant::now();
    let response = next.run(request).await;
    let user = response.extensions().get::<Caller>().map(|c| c.id.clone()).unwrap_or_default();
    tracing::info!(target: "request", method = %method, path = %path, status = response.status().as_u16(), user = %user, ms = started.elapsed().as_secs_f64() * 1000.0);
    response
}

async fn authenticate(State(app): State<Arc<App>>, ConnectInfo(peer): ConnectInfo<SocketAddr>, mut request: Request, next: Next) -> Response {
    let caller = match app.auth.caller(request.headers(), peer.ip(), &app.people) {
        Ok(c) => c,
        Err(why) => return error(StatusCode::UNAUTHORIZED, "unauthorized", why),
    };
    if let Err(wait) = app.limiter.take(&caller.id) {
        let mut r = error(StatusCode::TOO_MANY_REQUESTS, "rate_limited", "too many requests; try again shortly");
        r.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait.max(1)));
        return r;
    }
    request.extensions_mut().insert(caller.clone());
    let mut response = next.run(request).await;
    response.extensions_mut().insert(caller);
    response
}

async fn healthz(State(app): State<Arc<App>>) -> Response {
    if app.store.healthy().await {
        (StatusCode::OK, "ok").into_response()
    } else {
        error(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "the database does not answer")
    }
}

// The error is the response itself, as axum handlers return it; boxing it
// would only add an allocation on the refused path.
#[allow(clippy::result_large_err)]
fn parse_key(key: &str) -> Result<Key, Response> {
    Key::parse(key).ok_or_else(|| error(StatusCode::FORBIDDEN, "forbidden", format!("\"{key}\" is not a key of the mentoring widget's scheme")))
}

fn etag(rev: i64) -> HeaderValue {
    HeaderValue::from_str(&format!("\"{rev}\"")).expect("digits are a valid header")
}

/// A revision from `If-Match`: `"7"`, `W/"7"` or `7`. Anything else matches
/// no stored revision (a conflict, so the client reads again).
fn revision(value: &str) -> i64 {
    value.trim().trim_start_matches("W/").trim_matches('"').parse().unwrap_or(-1)
}

async fn get_doc(State(app): State<Arc<App>>, Extension(caller): Extension<Caller>, Path(key_text): Path<String>) -> Response {
    let key = match parse_key(&key_text) {
        Ok(k) => k,
        Err(r) => return r,
    };
    let doc = match app.store.get(&key_text).await {
        Ok(d) => d,
        Err(e) => return StoreError::Db(e).into_response(),
    };
    // A relationship that does not exist is a 404 for anyone (its id is
    // random, so nothing is learnt); one that exists is the parties' alone.
    match app.store.may_read(&key, &caller).await {
        Ok(true) => {}
        Ok(false) if doc.is_none() && matches!(key, Key::Relationship { .. }) => return StoreError::NotFound.into_response(),
        Ok(false) => return error(StatusCode::FORBIDDEN, "forbidden", "only the people this belongs to can read it"),
        Err(e) => return e.into_response(),
    }
    match doc {
        Some(d) => (
            [
                (header::ETAG, etag(d.rev)),
                (header::CONTENT_TYPE, HeaderValue::from_static("application/json")),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
            d.value,
        )
            .into_response(),
        None => StoreError::NotFound.into_response(),
    }
}

async fn put_doc(
    State(app): State<Arc<App>>,
    Extension(caller): Extension<Caller>,
    Path(key_text): Path<String>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let key = match parse_key(&key_text) {
        Ok(k) => k,
        Err(r) => return r,
    };
    let text = |h: header::HeaderName| headers.get(h).and_then(|v| v.to_str().ok()).map(str::to_string);
    let expect = match (text(header::IF_MATCH), text(header::IF_NONE_MATCH)) {
        (Some(rev), _) => Expect::Revision(revision(&rev)),
        (None, Some(star)) if star.trim() == "*" => Expect::Absent,
        _ => {
            return error(
                StatusCode::PRECONDITION_REQUIRED,
                "precondition_required",
                "a write names the revision it is based on (If-Match) or that it creates (If-None-Match: *)",
            )
        }
    };
    match app.store.put(&caller, &key_text, &key, &body, expect).await {
        Ok(w) => {
            let status = if w.created { StatusCode::CREATED } else { StatusCode::OK };
            (status, [(header::ETAG, etag(w.rev))], Json(json!({"revision": w.rev.to_string()}))).into_response()
        }
        Err(e) => e.into_response(),
    }
}

async fn delete_doc(State(app): State<Arc<App>>, Extension(caller): Extension<Caller>, Path(key_text): Path<String>, headers: HeaderMap) -> Response {
    let key = match parse_key(&key_text) {
        Ok(k) => k,
        Err(r) => return r,
    };
    let Some(rev) = headers.get(header::IF_MATCH).and_then(|v| v.to_str().ok()).map(revision) else {
        return error(StatusCode::PRECONDITION_REQUIRED, "precondition_required", "a delete names the revision it removes (If-Match)");
    };
    match app.store.delete(&caller, &key_text, &key, rev).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => e.into_response(),
    }
}

#[derive(Deserialize)]
struct ListQuery {
    #[serde(default)]
    prefix: String,
    #[serde(default)]
    after: String,
    limit: Option<i64>,
}

async fn list(State(app): State<Arc<App>>, Extension(caller): Extension<Caller>, Query(q): Query<ListQuery>) -> Response {
    let limit = q.limit.unwrap_or(500).clamp(1, 1000);
    match app.store.list(&caller, &q.prefix, &q.after, limit + 1).await {
        Ok(mut rows) => {
            let more = rows.len() as i64 > limit;
            rows.truncate(limit as usize);
            let next = if more { rows.last().map(|(k, _)| k.clone()) } else { None };
            let items: Vec<_> = rows.into_iter().map(|(key, rev)| json!({"key": key, "revision": rev.to_string()})).collect();
            Json(json!({"items": items, "next": next})).into_response()
        }
        Err(e) => StoreError::Db(e).into_response(),
    }
}

#[derive(Deserialize)]
struct EventsQuery {
    #[serde(default)]
    prefix: String,
}

async fn events(State(app): State<Arc<App>>, Extension(caller): Extension<Caller>, Query(q): Query<EventsQuery>, headers: HeaderMap) -> Response {
    let resume = headers.get("last-event-id").and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse::<i64>().ok());
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Event, Infallible>>(64);
    // Subscribed before the catch-up is read, so nothing falls in between;
    // live changes up to the last one the catch-up sent are skipped.
    let mut live = app.store.subscribe();
    let mut stopping = app.stopping.clone();
    tokio::spawn(async move {
        let send = |seq: i64, key: String| Event::default().event("change").id(seq.to_string()).data(key);
        let Ok(latest) = app.store.last_seq().await else { return };
        // An id from the future (the database was restored or moved) counts
        // as a new client, or it would wait for that number for ever.
        let resume = resume.filter(|r| *r <= latest);
        // Live changes at or below this were sent by the catch-up. A new
        // client has had none, and its subscription predates `latest`, so
        // every live change is news to it (at worst one it also got as part
        // of `ready`'s number, which a client treats as seen).
        let mut caught_up = resume.unwrap_or(0);
        match resume {
            // A new stream starts with `ready`, whose id is the latest change:
            // a client that loses the connection before any change resumes
            // from there instead of missing what happened while it reconnected.
            None => {
                if tx.send(Ok(Event::default().event("ready").id(latest.to_string()).data(""))).await.is_err() {
                    return;
                }
            }
            Some(mut after) => loop {
                let Ok(missed) = app.store.changes_since(after, &q.prefix).await else { return };
                let Some(last) = missed.last().map(|c| c.seq) else { break };
                for change in missed {
                    if readable(&app, &caller, &change.key).await && tx.send(Ok(send(change.seq, change.key))).await.is_err() {
                        return;
                    }
                }
                after = last;
                caught_up = last;
            },
        }
        loop {
            let change = tokio::select! {
                _ = tx.closed() => return,
                // Only a real stop ends it (a dropped sender disables the branch).
                Ok(()) = stopping.changed() => return,
                change = live.recv() => change,
            };
            match change {
                Ok(change) if change.seq > caught_up && change.key.starts_with(&q.prefix) => {
                    if readable(&app, &caller, &change.key).await && tx.send(Ok(send(change.seq, change.key))).await.is_err() {
                        return;
                    }
                }
                Ok(_) => {}
                // Fell behind: end the stream; the client reconnects with its
                // Last-Event-ID and catches up from the audit table.
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => return,
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
            }
        }
    });
    Sse::new(ReceiverStream::new(rx)).keep_alive(KeepAlive::new().interval(Duration::from_secs(20))).into_response()
}

async fn readable(app: &App, caller: &Caller, key: &str) -> bool {
    match Key::parse(key) {
        Some(k) => app.store.may_read(&k, caller).await.unwrap_or(false),
        None => false,
    }
}

async fn me(Extension(caller): Extension<Caller>) -> Response {
    Json(json!({"id": caller.id, "displayName": caller.display_name, "email": caller.email, "locale": caller.locale, "timeZone": caller.time_zone}))
        .into_response()
}

#[derive(Deserialize)]
struct PeopleQuery {
    #[serde(default)]
    q: String,
}

async fn people(State(app): State<Arc<App>>, Query(q): Query<PeopleQuery>) -> Response {
    let found: Vec<_> = app.people.search(&q.q).into_iter().map(|p| json!({"id": p.id, "displayName": p.display_name, "email": p.email})).collect();
    Json(found).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Pins: a user gets a burst of twice the rate, then waits; another user is not slowed.
    #[test]
    fn rate_limit_per_user() {
        let limiter = Limiter::new(5);
        for _ in 0..10 {
            assert!(limiter.take("u-ana").is_ok());
        }
        assert_eq!(limiter.take("u-ana"), Err(1));
        assert!(limiter.take("u-ben").is_ok());
    }

    // Pins: the buckets of users gone quiet are forgotten once there are many,
    // and one still waiting keeps its bucket (no reset by flooding the map).
    #[test]
    fn rate_limit_forgets_idle_users() {
        let limiter = Limiter::new(5);
        let start = Instant::now();
        for _ in 0..10 {
            assert!(limiter.take_at("u-busy", start).is_ok());
        }
        for i in 0..=Limiter::PRUNE_ABOVE {
            assert!(limiter.take_at(&format!("u-{i}"), start).is_ok());
        }
        let later = start + std::time::Duration::from_millis(500);
        assert!(limiter.take_at("u-new", later).is_ok());
        // Half a second later nobody's bucket has refilled: all are kept, and
        // the busy user still waits.
        assert!(limiter.buckets.lock().unwrap().len() > Limiter::PRUNE_ABOVE);
        assert!(limiter.take_at("u-busy", later).is_ok(), "2.5 tokens came back");
        assert!(limiter.take_at("u-busy", later).is_ok());
        assert!(limiter.take_at("u-busy", later).is_err());
        let much_later = start + std::time::Duration::from_secs(3);
        assert!(limiter.take_at("u-another", much_later).is_ok());
        assert!(limiter.buckets.lock().unwrap().len() <= 2, "only the newest buckets remain");
    }

    // Pins: If-Match revisions are read in the forms clients send.
    #[test]
    fn revisions_from_if_match() {
        assert_eq!(revision("\"7\""), 7);
        assert_eq!(revision("W/\"7\""), 7);
        assert_eq!(revision("7"), 7);
        assert_eq!(revision("foreign"), -1);
    }
}
