//! Shared by the service's tests: a real PostgreSQL started by the test
//! itself (Debian's package, in a throwaway data folder), SQLite files under
//! the target folder, and requests through the real router.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::Command;
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
    People(vec![p("u-ana", "Ana Li", "ana@example.com"), p("u-ben", "Ben Okafor", "ben@example.com"), p("u-eve", "Eve Stone", "eve@example.com"), p("u-dan", "Dan Ruiz", "dan@example.com")])
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

/// A PostgreSQL server of its own for one test binary, stopped on drop.
pub struct Postgres {
    pub url: String,
    dir: PathBuf,
    bin: PathBuf,
}

fn as_postgres_user(cmd: &str, args: &[&str]) -> Command {
    // initdb and postgres refuse to run as root; as root (CI, containers)
    // they run as Debian's `postgres` user.
    if unsafe_is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--", cmd]).args(args);
        c
    } else {
        let mut c = Command::new(cmd);
        c.args(args);
        c
    }
}

fn unsafe_is_root() -> bool {
    Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false)
}

impl Postgres {
    /// `MW_PG_URL` when set (a server someone already runs); otherwise a new
    /// cluster from Debian's packages on a free loopback port.
    pub fn start() -> Postgres {
        if let Ok(url) = std::env::var("MW_PG_URL") {
            return Postgres { url, dir: PathBuf::new(), bin: PathBuf::new() };
        }
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .ok()
            .and_then(|d| d.filter_map(Result::ok).map(|e| e.path().join("bin")).filter(|p| p.join("initdb").exists()).max())
            .expect("PostgreSQL is not installed: `cargo xtask test` installs Debian's postgresql package (or set MW_PG_URL to a server)");
        let dir = std::env::temp_dir().join(format!("mw-pg-{}-{}", std::process::id(), std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()));
        std::fs::create_dir_all(&dir).unwrap();
        if unsafe_is_root() {
            assert!(Command::new("chown").args(["-R", "postgres:postgres"]).arg(&dir).status().unwrap().success());
        }
        let data = dir.join("data");
        let out = as_postgres_user(bin.join("initdb").to_str().unwrap(), &["-D", data.to_str().unwrap(), "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"]).output().unwrap();
        assert!(out.status.success(), "initdb failed: {}", String::from_utf8_lossy(&out.stderr));
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let options = format!("-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off", dir.display());
        let log = dir.join("log");
        let out = as_postgres_user(bin.join("pg_ctl").to_str().unwrap(), &["-D", data.to_str().unwrap(), "-l", log.to_str().unwrap(), "-o", &options, "-w", "start"]).output().unwrap();
        assert!(out.status.success(), "pg_ctl start failed: {} {}", String::from_utf8_lossy(&out.stderr), std::fs::read_to_string(&log).unwrap_or_default());
        Postgres { url: format!("postgres://postgres@127.0.0.1:{port}/postgres"), dir, bin }
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

impl Drop for Postgres {
    fn drop(&mut self) {
        if self.dir.as_os_str().is_empty() {
            return;
        }
        let data = self.dir.join("data");
        let _ = as_postgres_user(self.bin.join("pg_ctl").to_str().unwrap(), &["-D", data.to_str().unwrap(), "-m", "immediate", "stop"]).output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
