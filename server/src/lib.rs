//! `mentoring-store`: the reference store service for the mentoring widget.
//!
//! A team runs it as it is, or reads it as the specification of store
//! protocol v1 (README, "Store protocol v1"). Rooms:
//! - `rules`: who may do what, as plain functions over the caller and the
//!   stored JSON (the security boundary; tested without a database);
//! - `store`: the documents, members, and audit trail on SQLite or
//!   PostgreSQL, with every write conditional on the revision it was based on;
//! - `auth`: who is calling (proxy header, JWT, or dev);
//! - `api`: the HTTP routes, errors, rate limits, events and request logs.
//!
//! Invariant: the widget's own checks are for honest mistakes; this service
//! is where access is enforced.

pub mod api;
pub mod auth;
pub mod rules;
pub mod store;
pub mod throwaway_postgres;

use std::net::SocketAddr;
use std::sync::Arc;

/// Everything the command line sets.
pub struct Config {
    pub db: String,
    pub listen: String,
    pub auth: auth::Auth,
    pub people: auth::People,
    pub allow_origins: Vec<String>,
    pub rate_per_second: u32,
}

/// Opens the store and serves until the process is stopped. `ready` hears
/// the bound address (tests listen on port 0).
pub async fn serve(config: Config, ready: impl FnOnce(SocketAddr)) -> Result<(), String> {
    let store = store::Store::open(&config.db).await?;
    let (stop, stopping) = tokio::sync::watch::channel(false);
    let app = Arc::new(api::App { store, auth: config.auth, people: config.people, limiter: api::Limiter::new(config.rate_per_second), stopping });
    let router = api::router(app, &config.allow_origins);
    let listener = tokio::net::TcpListener::bind(&config.listen).await.map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    ready(addr);
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async move {
            stop_signal().await;
            tracing::info!("stopping: finishing requests in flight");
            let _ = stop.send(true);
        })
        .await
        .map_err(|e| e.to_string())
}

/// Ctrl-C, or SIGTERM (how systemd and container runtimes ask a service to stop).
async fn stop_signal() {
    #[cfg(unix)]
    {
        let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(t) => t,
            Err(_) => return std::future::pending().await,
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}
