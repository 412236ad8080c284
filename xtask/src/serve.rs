//! A small static file server for the demo portal and the end-to-end tests:
//! `/pkg/...` from the distributable, everything else from `www/`. It serves
//! loopback only and nothing outside those two folders.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
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

fn handle(mut stream: TcpStream, www: &Path, pkg: &Path) {
    let mut line = String::new();
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // Drain the headers; we need none of them.
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
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

fn listen(port: u16) -> Result<TcpListener, String> {
    TcpListener::bind(("127.0.0.1", port)).map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))
}

fn accept_loop(listener: TcpListener) {
    let (www, pkg) = (root().join("www"), root().join("pkg"));
    for stream in listener.incoming().flatten() {
        let (www, pkg) = (www.clone(), pkg.clone());
        std::thread::spawn(move || handle(stream, &www, &pkg));
    }
}

/// Serves in a background thread (port 0 picks a free port); it ends with the process.
pub fn spawn(port: u16) -> Result<Server, String> {
    let listener = listen(port)?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    std::thread::spawn(move || accept_loop(listener));
    Ok(Server { port })
}

pub fn serve_forever(port: u16) -> Result<(), String> {
    accept_loop(listen(port)?);
    Ok(())
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
