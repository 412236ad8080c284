//! The `mentoring-store` command: parses the command line and runs the
//! service (see `lib.rs` and the README's "The store service").

use std::process::ExitCode;

const USAGE: &str = "usage: mentoring-store --db <sqlite file | postgres://…> --listen <addr:port> --auth <mode> [options]

  --auth proxy-header:<Name>  trust the header <Name> as the user id, only from --trusted-proxy
  --auth jwt:<key file>       a bearer token: HS256 (file = secret) or RS256 (file = PEM public key)
  --auth dev                  the user is named by X-Remote-User or the mw_user cookie: demos and tests only
  --jwt-issuer <iss>          with jwt: the token's iss must be this (recommended)
  --jwt-audience <aud>        with jwt: the token's aud must name this service (recommended)
  --trusted-proxy <ip>        the portal's reverse proxy (with proxy-header)
  --people <file.json>        the directory: [{id, displayName, email?, locale?, timeZone?}] (required for dev)
  --allow-origin <origin>     a portal on another origin that may call the service (repeatable; enables CORS)
  --rate <n>                  requests per second per user (burst twice that), default 50
  --log <filter>              log filter (as RUST_LOG), default info";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mentoring-store: {e}\n\n{USAGE}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--help" || a == "-h") {
        println!("{USAGE}");
        return Ok(());
    }
    let mut db = None;
    let mut listen = None;
    let mut auth = None;
    let mut trusted = None;
    let mut people = None;
    let (mut jwt_issuer, mut jwt_audience) = (None, None);
    let mut origins = Vec::new();
    let mut rate = 50;
    let mut log = "info".to_string();
    let mut it = args.into_iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--db" => db = Some(value()?),
            "--listen" => listen = Some(value()?),
            "--auth" => auth = Some(value()?),
            "--trusted-proxy" => trusted = Some(value()?.parse().map_err(|e| format!("--trusted-proxy: {e}"))?),
            "--people" => people = Some(value()?),
            "--jwt-issuer" => jwt_issuer = Some(value()?),
            "--jwt-audience" => jwt_audience = Some(value()?),
            "--allow-origin" => origins.push(value()?),
            "--rate" => rate = value()?.parse().map_err(|e| format!("--rate: {e}"))?,
            "--log" => log = value()?,
            other => return Err(format!("unknown option {other}")),
        }
    }
    // Logs are JSON lines on stderr; stdout carries only "listening on …".
    tracing_subscriber::fmt()
        .json()
        .with_writer(std::io::stderr)
        .with_env_filter(tracing_subscriber::EnvFilter::try_new(&log).map_err(|e| format!("--log: {e}"))?)
        .init();
    let mode = auth.ok_or("--auth is required")?;
    let checks_claims = jwt_issuer.is_some() && jwt_audience.is_some();
    let auth = mentoring_store::auth::Auth::parse(&mode, trusted)?.with_token_claims(jwt_issuer, jwt_audience)?;
    if mode.starts_with("jwt:") && !checks_claims {
        tracing::warn!("JWT auth without --jwt-issuer and --jwt-audience: any unexpired token this key verifies is accepted, including one made for another service that shares the key or its issuer");
    }
    let people = match people {
        Some(path) => mentoring_store::auth::People::load(&path)?,
        None if mode == "dev" => return Err("--auth dev needs --people <file.json>: it names who may be chosen".into()),
        None => Default::default(),
    };
    if mode == "dev" {
        tracing::warn!(
            "DEV AUTH: anyone can claim to be anyone with the X-Remote-User header or the mw_user cookie. For demos and tests only; never expose this service."
        );
    }
    let config = mentoring_store::Config {
        db: db.ok_or("--db is required")?,
        listen: listen.ok_or("--listen is required")?,
        auth,
        people,
        allow_origins: origins,
        rate_per_second: rate,
    };
    let runtime = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    runtime.block_on(mentoring_store::serve(config, |addr| {
        tracing::info!(%addr, "mentoring-store is listening");
        // A line a script can wait for, whatever the log format.
        println!("listening on {addr}");
    }))
}
