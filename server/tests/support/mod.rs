//! Shared by the service's tests: a real PostgreSQL started by the test
//! itself (Debian's package, in a throwaway data folder), SQLite files under
//! the target folder, and requests through the real router.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Request, StatusCode};
use axum::Router;
use mentoring_store::api::{App, Limiter};
use mentoring_store::auth::{Auth, People, Person};
use mentoring_store::store::Store;
use tower::ServiceExt;

pub fn people() -> People {
    let p = |id: &str, name: &str, email: &str| Person { id: id.into(), display_name: name.into(), email: Some(email.into()), locale: None, time_zone: None };
    People(vec![
        p("u-ana", "Ana Li", "ana@example.com"),
        p("u-ben", "Ben Okafor", "ben@example.com"),
        p("u-eve", "Eve Stone", "eve@example.com"),
        p("u-dan", "Dan Ruiz", "dan@example.com"),
    ])
}

pub async fn router(db: &str) -> (Router, Store) {
    let store = Store::open(db).await.expect("store opens");
    let (_, stopping) = tokio::sync::watch::channel(false);
    let app = Arc::new(App { store: store.clone(), auth: Auth::Dev, people: people(), limiter: Limiter::new(10_000), stopping });
    let router = mentoring_store::api::router(app, &[]).layer(MockConnectInfo(SocketAddr::from(([127, 0, 0, 1], 9))));
    (router, store)
}

pub fn sqlite_file(name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("store-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
    }
    file.display().to_string()
}

/// A response as a test reads it.
pub struct Answer {
    pub status: StatusCode,
    pub etag: Option<String>,
    pub body: String,
}

impl Answer {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// One request as `user` (dev auth), with optional headers and body.
pub async fn call(router: &Router, user: &str, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&str>) -> Answer {
    let mut req = Request::builder().method(method).uri(path);
    if !user.is_empty() {
        req = req.header("x-remote-user", user);
    }
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let response = router.clone().oneshot(req.body(body.map(|b| Body::from(b.to_string())).unwrap_or_default()).unwrap()).await.unwrap();
    let status = response.status();
    let etag = response.headers().get("etag").map(|v| v.to_str().unwrap().to_string());
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    Answer { status, etag, body: String::from_utf8_lossy(&bytes).into_owned() }
}

/// The tests' PostgreSQL: `MW_PG_URL` when set (a server someone already
/// runs), otherwise a throwaway server of its own, stopped on drop.
pub struct Postgres {
    pub url: String,
    _own: Option<mentoring_store::throwaway_postgres::ThrowawayPostgres>,
}

impl Postgres {
    pub fn start() -> Postgres {
        if let Ok(url) = std::env::var("MW_PG_URL") {
            return Postgres { url, _own: None };
        }
        let own = mentoring_store::throwaway_postgres::ThrowawayPostgres::start().unwrap_or_else(|e| panic!("{e} (or set MW_PG_URL to a server)"));
        Postgres { url: own.url.clone(), _own: Some(own) }
    }

    /// A fresh database on this server, so tests do not see each other.
    pub async fn database(&self, name: &str) -> String {
        use sqlx::Connection;
        sqlx::any::install_default_drivers();
        let mut conn = sqlx::AnyConnection::connect(&self.url).await.expect("connect to PostgreSQL");
        sqlx::query(&format!("DROP DATABASE IF EXISTS {name}")).execute(&mut conn).await.unwrap();
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.unwrap();
        let base = self.url.rsplit_once('/').unwrap().0;
        format!("{base}/{name}")
    }
}
