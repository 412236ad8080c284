//! A small static file server for the demo portal and the end-to-end tests:
//! `/pkg/...` from the distributable, everything else from `www/`. It serves
//! loopback only and nothing outside those two folders.
//!
//! With a store (`cargo xtask demo --server`, and the tests of the HTTP
//! bridge) it also plays the portal's reverse proxy: `/v1/...` goes to the
//! store service, so the portal and its store share one origin, as most
//! intranets deploy them, and `/demo-config.json` tells the portal to use
//! `bridges/http.js`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};

use crate::root;

pub struct Server {
    pub port: u16,
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "ts" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Maps a request path to a file, refusing anything that climbs out.
pub fn resolve(url_path: &str, www: &Path, pkg: &Path) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next().unwrap_or("/");
    let (base, rest) = match path.strip_prefix("/pkg/") {
        Some(rest) => (pkg, rest),
        None => (www, path.trim_start_matches('/')),
    };
    let rest = if rest.is_empty() { "index.html" } else { rest };
    let rel = Path::new(rest);
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    Some(base.join(rel))
}

fn handle(mut stream: TcpStream, www: &Path, pkg: &Path, store: Option<SocketAddr>) {
    let mut line = String::new();
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut headers = Vec::new();
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        headers.push(std::mem::take(&mut header));
    }
    if let Some(store) = store {
        let target = line.split_whitespace().nth(1).unwrap_or("/");
        if target.starts_with("/v1/") || target == "/healthz" {
            proxy(&line, &headers, &mut reader, &mut stream, store);
            return;
        }
        if target.split('?').next() == Some("/demo-config.json") {
            let body = r#"{"bridge":"http"}"#;
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            return;
        }
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let found = resolve(target, www, pkg).and_then(|p| std::fs::read(&p).ok().map(|b| (p, b)));
    let response = match (method, found) {
        ("GET" | "HEAD", Some((path, body))) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
                content_type(&path),
                body.len()
            );
            let mut out = head.into_bytes();
            if method == "GET" {
                out.extend_from_slice(&body);
            }
            out
        }
        _ => b"HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found".to_vec(),
    };
    let _ = stream.write_all(&response);
}

/// Passes one request to the store and its answer back, as it streams (the
/// events stream stays open until the browser leaves).
fn proxy(line: &str, headers: &[String], reader: &mut BufReader<TcpStream>, client: &mut TcpStream, store: SocketAddr) {
    let Ok(mut upstream) = TcpStream::connect(store) else {
        let _ = client.write_all(b"HTTP/1.1 502 Bad Gateway\r\nContent-Type: application/json\r\nContent-Length: 63\r\nConnection: close\r\n\r\n{\"code\":\"unavailable\",\"message\":\"the store is not running\"}");
        return;
    };
    let mut head = line.to_string();
    let mut length = 0usize;
    for h in headers {
        let lower = h.to_ascii_lowercase();
        if lower.starts_with("connection:") || lower.starts_with("keep-alive:") {
            continue;
        }
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
        head.push_str(h);
    }
    head.push_str("Connection: close\r\n\r\n");
    let mut body = vec![0u8; length];
    if reader.read_exact(&mut body).is_err() || upstream.write_all(head.as_bytes()).is_err() || upstream.write_all(&body).is_err() {
        return;
    }
    let _ = std::io::copy(&mut upstream, client);
}

fn listen(port: u16) -> Result<TcpListener, String> {
    TcpListener::bind(("127.0.0.1", port)).map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))
}

fn accept_loop(listener: TcpListener, store: Option<SocketAddr>) {
    let (www, pkg) = (root().join("www"), root().join("pkg"));
    for stream in listener.incoming().flatten() {
        let (www, pkg) = (www.clone(), pkg.clone());
        std::thread::spawn(move || handle(stream, &www, &pkg, store));
    }
}

/// Serves in a background thread (port 0 picks a free port); it ends with
/// the process. With `store`, `/v1/...` is passed to that store service.
pub fn spawn(port: u16, store: Option<SocketAddr>) -> Result<Server, String> {
    let listener = listen(port)?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    std::thread::spawn(move || accept_loop(listener, store));
    Ok(Server { port })
}

pub fn serve_forever(port: u16, store: Option<SocketAddr>) -> Result<(), String> {
    accept_loop(listen(port)?, store);
    Ok(())
}

/// A running `mentoring-store` (stopped when dropped).
pub struct Store {
    pub addr: SocketAddr,
    child: std::process::Child,
}

impl Drop for Store {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Builds and starts the store service on a free loopback port, with dev
/// auth and the demo's people, on a fresh SQLite file `db` (under target/).
pub fn start_store(db: &Path) -> Result<Store, String> {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    start_store_keeping(db)
}

/// The same, keeping what `db` already holds (the demo's records).
pub fn start_store_keeping(db: &Path) -> Result<Store, String> {
    launch_store(db, false)
}

/// A release build on a fresh `db`, for measuring.
pub fn start_store_release(db: &Path) -> Result<Store, String> {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    launch_store(db, true)
}

fn launch_store(db: &Path, release: bool) -> Result<Store, String> {
    let mut build = std::process::Command::new("cargo");
    build.args(["build", "--quiet", "-p", "mentoring-store"]);
    if release {
        build.arg("--release");
    }
    crate::run(&mut build)?;
    let bin = root().join(if release { "target/release/mentoring-store" } else { "target/debug/mentoring-store" });
    let mut child = std::process::Command::new(&bin)
        .arg("--db")
        .arg(db)
        .args(["--listen", "127.0.0.1:0", "--auth", "dev", "--rate", "100000", "--log", "warn,request=warn", "--people"])
        .arg(root().join("www/demo-people.json"))
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start {}: {e}", bin.display()))?;
    let mut out = BufReader::new(child.stdout.take().ok_or("no stdout from the store")?);
    let mut first = String::new();
    out.read_line(&mut first).map_err(|e| e.to_string())?;
    let Some(addr) = first.trim().strip_prefix("listening on ").and_then(|a| a.parse().ok()) else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(format!("the store did not start (it said {first:?}; its log is above)"));
    };
    // Keep reading its output so it never blocks on a full pipe.
    std::thread::spawn(move || {
        let mut sink = String::new();
        while out.read_line(&mut sink).is_ok_and(|n| n > 0) {
            sink.clear();
        }
    });
    Ok(Store { addr, child })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Pins: requests map into www/ or pkg/ and never outside them.
    #[test]
    fn paths_stay_inside() {
        let (www, pkg) = (Path::new("/w"), Path::new("/p"));
        assert_eq!(resolve("/", www, pkg), Some(PathBuf::from("/w/index.html")));
        assert_eq!(resolve("/portal.js?v=1", www, pkg), Some(PathBuf::from("/w/portal.js")));
        assert_eq!(resolve("/pkg/loader.js", www, pkg), Some(PathBuf::from("/p/loader.js")));
        assert_eq!(resolve("/pkg/bridges/local.js", www, pkg), Some(PathBuf::from("/p/bridges/local.js")));
        assert_eq!(resolve("/../etc/passwd", www, pkg), None);
        assert_eq!(resolve("/pkg/../../x", www, pkg), None);
    }
}
