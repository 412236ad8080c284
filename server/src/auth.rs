//! Who is calling. Three modes, chosen with `--auth`:
//! - `proxy-header:<Name>`: the portal's reverse proxy signs people in and
//!   names the user in a header; the header is believed only on connections
//!   from `--trusted-proxy <addr>`, so nobody can name themselves by going
//!   around the proxy.
//! - `jwt:<key file>`: a bearer token, HS256 (the file holds the shared
//!   secret) or RS256 (the file holds a PEM public key); `sub` is the user id
//!   and `exp` is enforced; `name`, `locale` and `zoneinfo` fill the identity
//!   when present, and `email` when `email_verified` is true.
//! - `dev`: the caller is whoever the `X-Remote-User` header or the `mw_user`
//!   cookie says, among `--people`. Anyone can claim to be anyone: for demos
//!   and tests only, and the log says so at start.

use std::net::IpAddr;

use axum::http::HeaderMap;
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;

use crate::rules::Caller;

/// One person of a `--people` file (the same shape as the widget's identity).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub id: String,
    pub display_name: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub locale: Option<String>,
    #[serde(default)]
    pub time_zone: Option<String>,
}

impl Person {
    pub fn caller(&self) -> Caller {
        Caller {
            id: self.id.clone(),
            display_name: self.display_name.clone(),
            email: self.email.clone(),
            locale: self.locale.clone(),
            time_zone: self.time_zone.clone(),
        }
    }
}

/// The directory: who `/v1/people` finds, and the names behind user ids.
#[derive(Clone, Debug, Default)]
pub struct People(pub Vec<Person>);

impl People {
    pub fn load(path: &str) -> Result<People, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read the people file {path}: {e}"))?;
        let list: Vec<Person> =
            serde_json::from_str(&text).map_err(|e| format!("the people file {path} is not a JSON list of {{id, displayName, email?}}: {e}"))?;
        Ok(People(list))
    }

    pub fn find(&self, id: &str) -> Option<&Person> {
        self.0.iter().find(|p| p.id == id)
    }

    /// Up to 20 people whose name, email or id contains the query, any case.
    pub fn search(&self, query: &str) -> Vec<&Person> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        self.0
            .iter()
            .filter(|p| {
                p.display_name.to_lowercase().contains(&q)
                    || p.id.to_lowercase().contains(&q)
                    || p.email.as_deref().is_some_and(|e| e.to_lowercase().contains(&q))
            })
            .take(20)
            .collect()
    }

    /// The caller named `id`: from the directory when it knows them.
    fn caller(&self, id: &str) -> Caller {
        self.find(id).map(Person::caller).unwrap_or_else(|| Caller::new(id))
    }
}

pub enum Auth {
    ProxyHeader {
        header: String,
        trusted: IpAddr,
    },
    /// `issuer` and `audience`, when set, must match the token's `iss` and
    /// `aud`: a key shared by several services (or an identity provider that
    /// signs tokens for many apps) must not let a token meant for another
    /// one in.
    Jwt {
        key: DecodingKey,
        algorithm: Algorithm,
        issuer: Option<String>,
        audience: Option<String>,
    },
    Dev,
}

#[derive(Deserialize)]
struct Claims {
    sub: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    email_verified: Option<bool>,
    #[serde(default)]
    locale: Option<String>,
    #[serde(default)]
    zoneinfo: Option<String>,
}

impl Auth {
    /// From `--auth <mode>` (and `--trusted-proxy` for the proxy mode).
    pub fn parse(mode: &str, trusted_proxy: Option<IpAddr>) -> Result<Auth, String> {
        if mode == "dev" {
            return Ok(Auth::Dev);
        }
        if let Some(header) = mode.strip_prefix("proxy-header:") {
            let trusted =
                trusted_proxy.ok_or("--auth proxy-header:<Name> needs --trusted-proxy <addr>: the header is believed only from the portal's proxy")?;
            if header.is_empty() {
                return Err("--auth proxy-header:<Name> needs the header's name".into());
            }
            return Ok(Auth::ProxyHeader { header: header.to_ascii_lowercase(), trusted });
        }
        if let Some(file) = mode.strip_prefix("jwt:") {
            let raw = std::fs::read(file).map_err(|e| format!("cannot read the JWT key file {file}: {e}"))?;
            // Leading blank space or a byte-order mark must not turn a public
            // key into an HS256 secret (anyone could then sign with it).
            let text = String::from_utf8_lossy(&raw);
            let bytes = text.trim_start_matches('\u{feff}').trim().as_bytes().to_vec();
            if !bytes.starts_with(b"-----BEGIN") && text.contains("-----BEGIN") {
                return Err(format!("{file} holds a PEM block, but not at its start: refusing to use it as an HS256 secret"));
            }
            return if bytes.starts_with(b"-----BEGIN") {
                let key = DecodingKey::from_rsa_pem(&bytes).map_err(|e| format!("{file} is not an RSA public key in PEM: {e}"))?;
                Ok(Auth::Jwt { key, algorithm: Algorithm::RS256, issuer: None, audience: None })
            } else {
                let secret = String::from_utf8_lossy(&bytes).trim().to_string();
                if secret.len() < 32 {
                    return Err(format!("the HS256 secret in {file} is shorter than 32 bytes: too easy to guess"));
                }
                Ok(Auth::Jwt { key: DecodingKey::from_secret(secret.as_bytes()), algorithm: Algorithm::HS256, issuer: None, audience: None })
            };
        }
        Err(format!("unknown --auth mode \"{mode}\": use proxy-header:<Name>, jwt:<key file> or dev"))
    }

    /// Requires the token's `iss` and `aud` (`--jwt-issuer`, `--jwt-audience`);
    /// only for the JWT mode.
    pub fn with_token_claims(self, issuer: Option<String>, audience: Option<String>) -> Result<Auth, String> {
        match self {
            Auth::Jwt { key, algorithm, .. } => Ok(Auth::Jwt { key, algorithm, issuer, audience }),
            other if issuer.is_none() && audience.is_none() => Ok(other),
            _ => Err("--jwt-issuer and --jwt-audience go with --auth jwt:<key file>".into()),
        }
    }

    /// The caller of a request, or why there is none (a 401).
    pub fn caller(&self, headers: &HeaderMap, peer: IpAddr, people: &People) -> Result<Caller, String> {
        match self {
            Auth::ProxyHeader { header, trusted } => {
                // An IPv4 proxy seen through an IPv6 socket (::ffff:a.b.c.d) is the same proxy.
                if peer.to_canonical() != trusted.to_canonical() {
                    return Err(format!("requests must come through the portal's proxy ({trusted}), not from {peer}"));
                }
                let id = header_text(headers, header).ok_or_else(|| format!("the proxy did not name the user in {header}"))?;
                Ok(people.caller(&id))
            }
            Auth::Jwt { key, algorithm, issuer, audience } => {
                let token = header_text(headers, "authorization")
                    .and_then(|h| h.strip_prefix("Bearer ").map(str::to_string))
                    .ok_or("no bearer token (Authorization: Bearer …)")?;
                let mut validation = Validation::new(*algorithm);
                validation.set_required_spec_claims(&["exp", "sub"]);
                match audience {
                    Some(aud) => {
                        validation.set_audience(&[aud]);
                        validation.set_required_spec_claims(&["exp", "sub", "aud"]);
                    }
                    None => validation.validate_aud = false,
                }
                if let Some(iss) = issuer {
                    validation.set_issuer(&[iss]);
                    let mut required = vec!["exp", "sub", "iss"];
                    if audience.is_some() {
                        required.push("aud");
                    }
                    validation.set_required_spec_claims(&required);
                }
                let data = jsonwebtoken::decode::<Claims>(&token, key, &validation).map_err(|e| format!("the token is not accepted: {e}"))?;
                let c = data.claims;
                if c.sub.trim().is_empty() {
                    return Err("the token's sub is empty".into());
                }
                let mut caller = people.caller(&c.sub);
                if let Some(name) = c.name {
                    caller.display_name = name;
                }
                // An email decides who an id-less party is, so only a
                // verified one counts (or the directory's).
                if c.email_verified == Some(true) {
                    caller.email = c.email.or(caller.email);
                }
                caller.locale = c.locale.or(caller.locale);
                caller.time_zone = c.zoneinfo.or(caller.time_zone);
                Ok(caller)
            }
            Auth::Dev => {
                let id = header_text(headers, "x-remote-user")
                    .or_else(|| cookie(headers, "mw_user"))
                    .ok_or("dev auth: name the user with X-Remote-User or the mw_user cookie")?;
                people.find(&id).map(Person::caller).ok_or_else(|| format!("dev auth: {id} is not in the people file"))
            }
        }
    }
}

fn header_text(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get_all("cookie").iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|pair| {
        let (k, v) = pair.trim().split_once('=')?;
        (k == name && !v.is_empty()).then(|| v.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jsonwebtoken::{EncodingKey, Header};

    fn people() -> People {
        People(vec![Person { id: "u-ana".into(), display_name: "Ana".into(), email: Some("ana@example.com".into()), locale: None, time_zone: None }])
    }

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(), v.parse().unwrap());
        }
        h
    }

    const LOOP: IpAddr = IpAddr::V4(std::net::Ipv4Addr::LOCALHOST);

    // Pins: the proxy header counts only from the trusted proxy.
    #[test]
    fn proxy_header_only_from_the_proxy() {
        let auth = Auth::parse("proxy-header:X-User", Some(LOOP)).unwrap();
        let h = headers(&[("x-user", "u-ana")]);
        assert_eq!(auth.caller(&h, LOOP, &people()).unwrap().email.as_deref(), Some("ana@example.com"));
        assert!(auth.caller(&h, "10.0.0.9".parse().unwrap(), &people()).is_err());
        assert!(auth.caller(&HeaderMap::new(), LOOP, &people()).is_err());
        assert!(Auth::parse("proxy-header:X-User", None).is_err());
        // The same proxy, reached over an IPv6 socket, is still the proxy.
        assert!(auth.caller(&h, "::ffff:127.0.0.1".parse().unwrap(), &people()).is_ok());
    }

    // Pins: HS256 tokens: sub names the user, exp is enforced, a wrong key fails.
    #[test]
    fn jwt_hs256() {
        let dir = std::env::temp_dir().join(format!("mw-jwt-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("secret");
        let secret = "a-test-secret-that-is-long-enough-0123456789";
        std::fs::write(&file, secret).unwrap();
        let auth = Auth::parse(&format!("jwt:{}", file.display()), None).unwrap();
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
        let token = |exp: u64, key: &str| {
            let claims = serde_json::json!({"sub": "u-ana", "exp": exp, "name": "Ana L."});
            jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(key.as_bytes())).unwrap()
        };
        let ok = headers(&[("authorization", &format!("Bearer {}", token(now + 60, secret)))]);
        let caller = auth.caller(&ok, LOOP, &people()).unwrap();
        assert_eq!((caller.id.as_str(), caller.display_name.as_str(), caller.email.as_deref()), ("u-ana", "Ana L.", Some("ana@example.com")));
        let expired = headers(&[("authorization", &format!("Bearer {}", token(now - 600, secret)))]);
        assert!(auth.caller(&expired, LOOP, &people()).is_err());
        let forged = headers(&[("authorization", &format!("Bearer {}", token(now + 60, "another-secret-that-is-also-long-enough")))]);
        assert!(auth.caller(&forged, LOOP, &people()).is_err());
        let unverified = serde_json::json!({"sub": "u-eve", "exp": now + 60, "email": "ana@example.com"});
        let t = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &unverified, &EncodingKey::from_secret(secret.as_bytes())).unwrap();
        assert_eq!(
            auth.caller(&headers(&[("authorization", &format!("Bearer {t}"))]), LOOP, &people()).unwrap().email,
            None,
            "an unverified email is not taken"
        );
        std::fs::write(
            &file,
            format!("\n  {}", std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/test-rs256-public.pem")).unwrap()),
        )
        .unwrap();
        assert!(
            matches!(Auth::parse(&format!("jwt:{}", file.display()), None), Ok(Auth::Jwt { algorithm: Algorithm::RS256, .. })),
            "a public key with leading space is still a public key"
        );
        std::fs::write(&file, "short").unwrap();
        assert!(Auth::parse(&format!("jwt:{}", file.display()), None).is_err());
    }

    // Pins: with --jwt-issuer and --jwt-audience, a token must name both; one
    // meant for another app (or from another issuer, or naming neither) is refused.
    #[test]
    fn jwt_issuer_and_audience() {
        let dir = std::env::temp_dir().join(format!("mw-jwt-aud-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("secret");
        let secret = "a-test-secret-that-is-long-enough-0123456789";
        std::fs::write(&file, secret).unwrap();
        let auth = Auth::parse(&format!("jwt:{}", file.display()), None)
            .unwrap()
            .with_token_claims(Some("https://idp.example".into()), Some("mentoring".into()))
            .unwrap();
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
        let with = |extra: serde_json::Value| {
            let mut claims = serde_json::json!({"sub": "u-ana", "exp": now + 60});
            claims.as_object_mut().unwrap().extend(extra.as_object().unwrap().clone());
            let t = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(secret.as_bytes())).unwrap();
            auth.caller(&headers(&[("authorization", &format!("Bearer {t}"))]), LOOP, &people())
        };
        assert!(with(serde_json::json!({"iss": "https://idp.example", "aud": "mentoring"})).is_ok());
        assert!(with(serde_json::json!({"iss": "https://idp.example", "aud": "payroll"})).is_err(), "another app's token");
        assert!(with(serde_json::json!({"iss": "https://evil.example", "aud": "mentoring"})).is_err(), "another issuer");
        assert!(with(serde_json::json!({"iss": "https://idp.example"})).is_err(), "no audience");
        assert!(with(serde_json::json!({"aud": "mentoring"})).is_err(), "no issuer");
        assert!(Auth::parse("dev", None).unwrap().with_token_claims(Some("x".into()), None).is_err(), "only with jwt");
    }

    // Pins: dev mode reads the header or the cookie, and only names known people.
    #[test]
    fn dev_mode() {
        let auth = Auth::parse("dev", None).unwrap();
        assert_eq!(auth.caller(&headers(&[("x-remote-user", "u-ana")]), LOOP, &people()).unwrap().id, "u-ana");
        assert_eq!(auth.caller(&headers(&[("cookie", "theme=dark; mw_user=u-ana")]), LOOP, &people()).unwrap().id, "u-ana");
        assert!(auth.caller(&headers(&[("x-remote-user", "u-nobody")]), LOOP, &people()).is_err());
        assert!(auth.caller(&HeaderMap::new(), LOOP, &people()).is_err());
    }

    // Pins: RS256 tokens are checked against the public key (a test-only pair in tests/fixtures).
    #[test]
    fn jwt_rs256() {
        let public = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/test-rs256-public.pem");
        let private = include_bytes!("../tests/fixtures/test-rs256-private.pem");
        let auth = Auth::parse(&format!("jwt:{public}"), None).unwrap();
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
        let claims = serde_json::json!({"sub": "u-ana", "exp": now + 60});
        let token = jsonwebtoken::encode(&Header::new(Algorithm::RS256), &claims, &EncodingKey::from_rsa_pem(private).unwrap()).unwrap();
        assert_eq!(auth.caller(&headers(&[("authorization", &format!("Bearer {token}"))]), LOOP, &people()).unwrap().id, "u-ana");
        // A token signed with HS256 using the public key as the secret is refused (algorithm confusion).
        let confused = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &EncodingKey::from_secret(&std::fs::read(public).unwrap())).unwrap();
        assert!(auth.caller(&headers(&[("authorization", &format!("Bearer {confused}"))]), LOOP, &people()).is_err());
    }
}
