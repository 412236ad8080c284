//! Who may do what: the access rules of store protocol v1, as plain
//! functions over the caller and the stored JSON, so they are tested without
//! a database or a socket.
//!
//! The service reads only the few fields of a stored envelope that decide
//! access (`{schema, kind, data}`; the widget's `src/domain` holds the full
//! shapes):
//! - a relationship's parties: `data.mentor` and `data.mentee`, each
//!   `{id, displayName, email}`, where `id` may be `null` when the partner was
//!   typed in by hand; such a party is recognised by email, as the widget does;
//! - who an attestation names: `by` of every signature
//!   (`data.agreement.versions[].signatures[]`, `data.agreement.draft.signatures[]`),
//!   of every closing reflection (`data.life.closing.reflections[]`), of every
//!   pulse rating (`data.pulses[]` of a check-in), and a goal's `achievedBy`
//!   and `confirmedBy`;
//! - the agreement versions in force, `data.agreement.versions[]`, which only
//!   ever grow at the end.
//!
//! Invariant: every write is checked against the document as stored, never
//! against what the caller claims it was.

use mentoring_widget::domain::keys::{self, KeyKind};
use serde_json::Value;

/// The signed-in person, as the service's authentication names them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Caller {
    pub id: String,
    pub display_name: String,
    pub email: Option<String>,
    pub locale: Option<String>,
    pub time_zone: Option<String>,
}

impl Caller {
    pub fn new(id: &str) -> Caller {
        Caller { id: id.to_string(), display_name: id.to_string(), email: None, locale: None, time_zone: None }
    }
}

/// The largest stored value the service accepts: the widget refuses to open
/// anything larger, so storing it would only make an unreadable document.
pub const MAX_VALUE_BYTES: usize = 512 * 1024;

/// What a key names, from the widget's key scheme:
/// `mw/v1/rel/{rel}`, `mw/v1/rel/{rel}/goals/{goal}`,
/// `mw/v1/rel/{rel}/checkins/{checkin}`, `mw/v1/private/{user}/...`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    Relationship {
        rel: String,
    },
    Goal {
        rel: String,
    },
    CheckIn {
        rel: String,
    },
    /// `user` is the key segment: the user id escaped as the widget escapes it.
    Private {
        user: String,
    },
}

impl Key {
    /// The widget's own key parser (`mentoring_widget::domain::keys`), so the
    /// service and the widget can never disagree on what a key names; private
    /// keys, which the widget only builds, are read here.
    pub fn parse(key: &str) -> Option<Key> {
        if key.len() > 512 {
            return None;
        }
        match keys::parse(key) {
            KeyKind::Relationship(rel) => return Some(Key::Relationship { rel: rel.to_string() }),
            KeyKind::Goal { relationship, .. } => return Some(Key::Goal { rel: relationship.to_string() }),
            KeyKind::CheckIn { relationship, .. } => return Some(Key::CheckIn { rel: relationship.to_string() }),
            KeyKind::Other => {}
        }
        let rest = key.strip_prefix(keys::PRIVATE)?;
        let mut parts = rest.split('/');
        let user = parts.next().unwrap_or("");
        let tail: Vec<&str> = parts.collect();
        let escaped = user.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_~".contains(&b));
        (!user.is_empty() && escaped && !tail.is_empty() && tail.iter().all(|p| keys::is_valid_id(p))).then(|| Key::Private { user: user.to_string() })
    }

    /// The relationship this key belongs to, if any.
    pub fn rel(&self) -> Option<&str> {
        match self {
            Key::Relationship { rel } | Key::Goal { rel } | Key::CheckIn { rel } => Some(rel),
            Key::Private { .. } => None,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Key::Relationship { .. } => "relationship",
            Key::Goal { .. } => "goal",
            Key::CheckIn { .. } => "checkin",
            Key::Private { .. } => "private_note",
        }
    }
}

/// A user id as a key segment, escaped exactly as the widget does.
pub use mentoring_widget::domain::keys::segment;

/// Why a request is refused. `Forbidden` becomes 403, `Invalid` 400,
/// `TooLarge` 413; the text is the message the caller reads.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    Forbidden(String),
    Invalid(String),
    TooLarge(String),
}

fn forbidden(s: &str) -> Refusal {
    Refusal::Forbidden(s.to_string())
}

fn invalid(s: &str) -> Refusal {
    Refusal::Invalid(s.to_string())
}

/// One party of a relationship, as far as access goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Party {
    pub id: Option<String>,
    /// Lower-cased (ASCII), for matching an id-less party.
    pub email: Option<String>,
}

impl Party {
    fn matches(&self, caller: &Caller) -> bool {
        match &self.id {
            Some(id) => *id == caller.id,
            None => match (&self.email, &caller.email) {
                (Some(mine), Some(theirs)) => *mine == theirs.trim().to_ascii_lowercase(),
                _ => false,
            },
        }
    }

    /// How the members table names this party: `id:…` or `email:…`.
    pub fn member_name(&self) -> Option<String> {
        match (&self.id, &self.email) {
            (Some(id), _) => Some(format!("id:{id}")),
            (None, Some(email)) => Some(format!("email:{email}")),
            (None, None) => None,
        }
    }
}

/// How a caller is looked up in the members table.
pub fn member_names(caller: &Caller) -> (String, String) {
    let email = caller.email.as_deref().map(|e| format!("email:{}", e.trim().to_ascii_lowercase())).unwrap_or_default();
    (format!("id:{}", caller.id), email)
}

fn party(data: &Value, role: &str) -> Result<Party, Refusal> {
    let p = data.get(role).filter(|p| p.is_object()).ok_or_else(|| invalid(&format!("a relationship names its {role}")))?;
    let text = |f: &str| p.get(f).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    // ASCII case only, as the widget compares emails.
    let party = Party { id: text("id"), email: text("email").map(|e| e.to_ascii_lowercase()) };
    if party.id.is_none() && party.email.is_none() {
        return Err(invalid(&format!("the {role} has neither an id nor an email")));
    }
    Ok(party)
}

/// The two parties of a stored relationship value.
pub fn parties(value: &Value) -> Result<[Party; 2], Refusal> {
    let data = value.get("data").ok_or_else(|| invalid("a stored value is an envelope with data"))?;
    Ok([party(data, "mentor")?, party(data, "mentee")?])
}

pub fn is_party(parties: &[Party; 2], caller: &Caller) -> bool {
    parties.iter().any(|p| p.matches(caller))
}

/// May the caller read (or list, or hear about) this key? `rel_parties` are
/// the parties of the key's relationship as stored, `None` when it does not
/// exist.
pub fn may_read(key: &Key, caller: &Caller, rel_parties: Option<&[Party; 2]>) -> bool {
    match key {
        Key::Private { user } => *user == segment(&caller.id),
        _ => rel_parties.is_some_and(|p| is_party(p, caller)),
    }
}

/// Parses and checks a value for a key: JSON, an envelope of the kind the key
/// holds, no larger than the limit.
pub fn parse_value(key: &Key, text: &str) -> Result<Value, Refusal> {
    if text.len() > MAX_VALUE_BYTES {
        return Err(Refusal::TooLarge(format!("a stored value may be at most {} KiB; this one is {} KiB", MAX_VALUE_BYTES / 1024, text.len() / 1024)));
    }
    let value: Value = serde_json::from_str(text).map_err(|e| invalid(&format!("the value is not JSON: {e}")))?;
    let kind = value.get("kind").and_then(Value::as_str).ok_or_else(|| invalid("the value is not an envelope {schema, kind, data}"))?;
    if !value.get("schema").is_some_and(Value::is_u64) || !value.get("data").is_some_and(Value::is_object) {
        return Err(invalid("the value is not an envelope {schema, kind, data}"));
    }
    if !["relationship", "goal", "checkin", "private_note"].contains(&kind) {
        return Err(invalid(&format!("unknown kind \"{kind}\"")));
    }
    if kind != key.kind() {
        return Err(invalid(&format!("a {} cannot be stored under this key, which holds a {}", kind, key.kind())));
    }
    if let Some(rel) = key.rel() {
        let data = &value["data"];
        let field = if matches!(key, Key::Relationship { .. }) { "id" } else { "relationshipId" };
        if data.get(field).and_then(Value::as_str) != Some(rel) {
            return Err(invalid(&format!("data.{field} must be \"{rel}\", the relationship of the key")));
        }
    }
    Ok(value)
}

/// Checks a write (create when `old` is `None`) of `new` under `key`.
/// `rel_parties` are the stored parties of the key's relationship (for a
/// relationship key, of the stored relationship itself).
pub fn check_write(key: &Key, caller: &Caller, old: Option<&Value>, new: &Value, rel_parties: Option<&[Party; 2]>) -> Result<(), Refusal> {
    match key {
        Key::Private { .. } => {
            if !may_read(key, caller, None) {
                return Err(forbidden("private notes belong to their author"));
            }
            return Ok(());
        }
        Key::Relationship { .. } => {
            let new_parties = parties(new)?;
            match rel_parties {
                None => {
                    if !is_party(&new_parties, caller) {
                        return Err(forbidden("a new relationship must name you as its mentor or mentee"));
                    }
                    // A new relationship starts with no history: its creator
                    // is the caller and nothing is in force yet.
                    if new.pointer("/data/createdBy").and_then(Value::as_str).is_some_and(|c| c != caller.id) {
                        return Err(forbidden("a new relationship names you as its creator"));
                    }
                    if !versions(new).is_empty() {
                        return Err(forbidden("a new relationship has no agreement in force yet"));
                    }
                }
                Some(stored) => {
                    if !is_party(stored, caller) {
                        return Err(forbidden("only the two people in this relationship can change it"));
                    }
                    if new_parties != *stored {
                        return Err(forbidden("the people in a relationship cannot be changed"));
                    }
                }
            }
            versions_append_only(old, new)?;
        }
        Key::Goal { .. } | Key::CheckIn { .. } => {
            if !rel_parties.is_some_and(|p| is_party(p, caller)) {
                return Err(forbidden("only the two people in this relationship can write its goals and check-ins"));
            }
        }
    }
    for (what, by) in new_attestations(old, new) {
        if by != caller.id {
            return Err(Refusal::Forbidden(format!("only the person it names can add {what} (this one names someone else)")));
        }
    }
    Ok(())
}

/// May the caller delete this key? Relationships are never deleted (their
/// versions in force are a record; a relationship is closed instead).
pub fn check_delete(key: &Key, caller: &Caller, rel_parties: Option<&[Party; 2]>) -> Result<(), Refusal> {
    match key {
        Key::Relationship { .. } => Err(forbidden("a relationship is closed, never deleted: its agreement versions in force are a record")),
        Key::Private { .. } if may_read(key, caller, None) => Ok(()),
        Key::Private { .. } => Err(forbidden("private notes belong to their author")),
        _ if rel_parties.is_some_and(|p| is_party(p, caller)) => Ok(()),
        _ => Err(forbidden("only the two people in this relationship can delete its goals and check-ins")),
    }
}

fn versions(value: &Value) -> &[Value] {
    value.pointer("/data/agreement/versions").and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

/// Versions in force only grow at the end, each exactly as it was.
fn versions_append_only(old: Option<&Value>, new: &Value) -> Result<(), Refusal> {
    let Some(old) = old else { return Ok(()) };
    let (before, after) = (versions(old), versions(new));
    if after.len() < before.len() || after[..before.len()] != *before {
        return Err(forbidden("agreement versions in force cannot be changed or removed; agree an amendment instead"));
    }
    Ok(())
}

/// Every attestation in `new` that `old` does not hold at the same place:
/// (what, the user id it names). Removing one is not an attestation (an
/// edited draft drops its signatures); versions in force are guarded
/// separately.
///
/// A signature is judged where it sits: one in the draft counts as kept only
/// if the draft held it over the same content; one in a newly added version
/// only if the draft held it over exactly that version's content (the second
/// signature moving the draft into force). Copying a partner's signature to
/// other content is therefore a new signature in their name, and refused.
fn new_attestations(old: Option<&Value>, new: &Value) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let by = |entry: &Value| entry.get("by").and_then(Value::as_str).unwrap_or("").to_string();
    let old_draft = old.and_then(|o| o.pointer("/data/agreement/draft")).filter(|d| d.is_object());
    let held_over = |content: Option<&Value>, sig: &Value| old_draft.is_some_and(|d| d.get("content") == content && items(d, "/signatures").contains(&sig));
    if let Some(draft) = new.pointer("/data/agreement/draft").filter(|d| d.is_object()) {
        let same_base = old_draft.is_some_and(|d| d.get("basedOn") == draft.get("basedOn"));
        for sig in items(draft, "/signatures") {
            if !(same_base && held_over(draft.get("content"), sig)) {
                out.push(("a signature", by(sig)));
            }
        }
    }
    let kept = old.map(|o| versions(o).len()).unwrap_or(0);
    for version in versions(new).iter().skip(kept) {
        for sig in items(version, "/signatures") {
            if !held_over(version.get("content"), sig) {
                out.push(("a signature", by(sig)));
            }
        }
    }
    for (what, pointer) in [("a closing reflection", "/data/life/closing/reflections"), ("a pulse rating", "/data/pulses")] {
        if pointer == "/data/pulses" && new.get("kind").and_then(Value::as_str) != Some("checkin") {
            continue;
        }
        let before: Vec<&Value> = old.map(|o| items(o, pointer)).unwrap_or_default();
        for entry in items(new, pointer) {
            if !before.contains(&entry) {
                out.push((what, by(entry)));
            }
        }
    }
    // A goal's sign-off: who marked it achieved, and who confirmed it.
    for field in ["achievedBy", "confirmedBy"] {
        let pointer = format!("/data/{field}");
        let now = new.pointer(&pointer).and_then(Value::as_str);
        let was = old.and_then(|o| o.pointer(&pointer)).and_then(Value::as_str);
        let at_changed = field == "confirmedBy" && old.and_then(|o| o.pointer("/data/confirmedAt")) != new.pointer("/data/confirmedAt");
        if let Some(now) = now {
            if Some(now) != was || at_changed {
                out.push((if field == "achievedBy" { "an achieved mark" } else { "a goal confirmation" }, now.to_string()));
            }
        }
    }
    out
}

fn items<'a>(value: &'a Value, pointer: &str) -> Vec<&'a Value> {
    value.pointer(pointer).and_then(Value::as_array).map(|a| a.iter().collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ana() -> Caller {
        Caller { email: Some("ana@example.com".into()), ..Caller::new("u-ana") }
    }
    fn ben() -> Caller {
        Caller { email: Some("Ben@Example.com".into()), ..Caller::new("u-ben") }
    }
    fn eve() -> Caller {
        Caller { email: Some("eve@example.com".into()), ..Caller::new("u-eve") }
    }

    fn rel(ben_id: Option<&str>) -> Value {
        json!({"schema": 3, "kind": "relationship", "data": {
            "id": "r1", "kind": "traditional",
            "mentor": {"id": ben_id, "displayName": "Ben", "email": "ben@example.com"},
            "mentee": {"id": "u-ana", "displayName": "Ana", "email": null},
            "agreement": {"versions": [], "draft": null}, "life": {"events": [], "closing": null}
        }})
    }

    fn sig(by: &str, hash: &str) -> Value {
        json!({"by": by, "name": by, "role": "mentor", "at": "t", "hash": hash})
    }

    fn key(k: &str) -> Key {
        Key::parse(k).unwrap()
    }

    // Pins: the key scheme is the widget's, and anything else is refused.
    #[test]
    fn parses_the_widgets_keys_only() {
        assert_eq!(Key::parse("mw/v1/rel/r1"), Some(Key::Relationship { rel: "r1".into() }));
        assert_eq!(Key::parse("mw/v1/rel/r1/goals/g1"), Some(Key::Goal { rel: "r1".into() }));
        assert_eq!(Key::parse("mw/v1/rel/r1/checkins/c1"), Some(Key::CheckIn { rel: "r1".into() }));
        assert_eq!(Key::parse("mw/v1/private/u-ana/r1/checkins/c1"), Some(Key::Private { user: "u-ana".into() }));
        for bad in ["mw/v1/rel/", "mw/v1/rel/r1/notes/x", "mw/v1/rel/../x", "other/key", "mw/v1/private/u-ana", "mw/v1/rel/r 1"] {
            assert_eq!(Key::parse(bad), None, "{bad}");
        }
    }

    // Pins: a user id is escaped into a key exactly as the widget does.
    #[test]
    fn segments_match_the_widget() {
        assert_eq!(segment("ana@x.org/../u-ben"), "ana~40x~2Eorg~2F~2E~2E~2Fu-ben");
        assert_eq!(segment("Zoë"), "Zo~C3~AB");
    }

    // Pins: only the parties read a relationship; an id-less party is known by email, case aside.
    #[test]
    fn parties_read_others_do_not() {
        let p = parties(&rel(None)).unwrap();
        assert!(may_read(&key("mw/v1/rel/r1"), &ana(), Some(&p)));
        assert!(may_read(&key("mw/v1/rel/r1/goals/g"), &ben(), Some(&p)));
        assert!(!may_read(&key("mw/v1/rel/r1"), &eve(), Some(&p)));
        assert!(!may_read(&key("mw/v1/rel/r1"), &ana(), None));
        let p = parties(&rel(Some("u-ben"))).unwrap();
        let impostor = Caller { email: Some("ben@example.com".into()), ..Caller::new("u-mallory") };
        assert!(!may_read(&key("mw/v1/rel/r1"), &impostor, Some(&p)), "a party with an id is never matched by email");
    }

    // Pins: private keys are their author's alone, in both directions.
    #[test]
    fn private_keys_are_the_authors() {
        let k = key("mw/v1/private/u-ana/r1/checkins/c1");
        assert!(may_read(&k, &ana(), None));
        assert!(!may_read(&k, &ben(), None));
        let note = json!({"schema":1,"kind":"private_note","data":{"checkinId":"c1","text":"x","updatedAt":"t"}});
        assert!(check_write(&k, &ana(), None, &note, None).is_ok());
        assert!(matches!(check_write(&k, &ben(), None, &note, None), Err(Refusal::Forbidden(_))));
        assert!(check_delete(&k, &ana(), None).is_ok());
        assert!(check_delete(&k, &ben(), None).is_err());
    }

    // Pins: a create must name the caller; parties never change afterwards.
    #[test]
    fn creating_and_changing_parties() {
        let k = key("mw/v1/rel/r1");
        assert!(check_write(&k, &ana(), None, &rel(None), None).is_ok());
        assert!(check_write(&k, &ben(), None, &rel(None), None).is_ok(), "the id-less mentor, by email");
        assert!(matches!(check_write(&k, &eve(), None, &rel(None), None), Err(Refusal::Forbidden(_))));
        let stored = parties(&rel(None)).unwrap();
        let mut swapped = rel(None);
        swapped["data"]["mentor"]["email"] = json!("eve@example.com");
        assert!(matches!(check_write(&k, &ana(), Some(&rel(None)), &swapped, Some(&stored)), Err(Refusal::Forbidden(_))));
        let mut renamed = rel(None);
        renamed["data"]["mentor"]["displayName"] = json!("Benjamin");
        assert!(check_write(&k, &ana(), Some(&rel(None)), &renamed, Some(&stored)).is_ok(), "a display name is not who a party is");
        assert!(matches!(check_write(&k, &eve(), Some(&rel(None)), &rel(None), Some(&stored)), Err(Refusal::Forbidden(_))));
    }

    // Pins: a signature is added only by the person it names, in a draft and in a version.
    #[test]
    fn signatures_only_by_their_signer() {
        let k = key("mw/v1/rel/r1");
        let old = rel(Some("u-ben"));
        let p = parties(&old).unwrap();
        let mut signed = old.clone();
        signed["data"]["agreement"]["draft"] = json!({"content": {}, "signatures": [sig("u-ana", "h1")]});
        assert!(check_write(&k, &ana(), Some(&old), &signed, Some(&p)).is_ok());
        assert!(matches!(check_write(&k, &ben(), Some(&old), &signed, Some(&p)), Err(Refusal::Forbidden(_))), "Ben cannot sign for Ana");
        // Ben signs second: the draft moves into force carrying Ana's signature.
        let mut in_force = signed.clone();
        in_force["data"]["agreement"]["draft"] = Value::Null;
        in_force["data"]["agreement"]["versions"] =
            json!([{"number": 1, "content": {}, "signatures": [sig("u-ana", "h1"), sig("u-ben", "h1")], "inForceAt": "t"}]);
        assert!(check_write(&k, &ben(), Some(&signed), &in_force, Some(&p)).is_ok());
        assert!(check_write(&k, &ana(), Some(&signed), &in_force, Some(&p)).is_err(), "Ana cannot add Ben's");
        // Editing the draft drops signatures: allowed.
        assert!(check_write(&k, &ben(), Some(&signed), &old, Some(&p)).is_ok());
    }

    // Pins: a partner's signature cannot be copied onto other content, in a draft or a new version.
    #[test]
    fn a_copied_signature_is_a_new_one() {
        let k = key("mw/v1/rel/r1");
        let mut v1 = rel(Some("u-ben"));
        v1["data"]["agreement"]["versions"] =
            json!([{"number": 1, "content": {"purpose": "Grow"}, "signatures": [sig("u-ana", "h"), sig("u-ben", "h")], "inForceAt": "t"}]);
        let p = parties(&v1).unwrap();
        let mut forged = v1.clone();
        forged["data"]["agreement"]["versions"] = json!([v1["data"]["agreement"]["versions"][0], {"number": 2, "content": {"purpose": "Shrink"}, "signatures": [sig("u-ana", "h2"), sig("u-ben", "h")], "inForceAt": "t"}]);
        assert!(matches!(check_write(&k, &ana(), Some(&v1), &forged, Some(&p)), Err(Refusal::Forbidden(_))), "Ben's v1 signature copied into v2");

        let mut signed = v1.clone();
        signed["data"]["agreement"]["draft"] = json!({"content": {"purpose": "Grow more"}, "basedOn": 1, "signatures": [sig("u-ben", "h3")]});
        let mut edited = signed.clone();
        edited["data"]["agreement"]["draft"]["content"]["purpose"] = json!("Something Ben never saw");
        assert!(check_write(&k, &ana(), Some(&signed), &edited, Some(&p)).is_err(), "Ben's draft signature kept over edited content");
        let mut unsigned = edited.clone();
        unsigned["data"]["agreement"]["draft"]["signatures"] = json!([]);
        assert!(check_write(&k, &ana(), Some(&signed), &unsigned, Some(&p)).is_ok(), "editing drops the signatures");
        let mut into_force = v1.clone();
        into_force["data"]["agreement"]["versions"] = json!([v1["data"]["agreement"]["versions"][0], {"number": 2, "content": {"purpose": "Grow more"}, "signatures": [sig("u-ben", "h3"), sig("u-ana", "h3")], "inForceAt": "t"}]);
        assert!(check_write(&k, &ana(), Some(&signed), &into_force, Some(&p)).is_ok(), "Ana's signature moves the signed draft into force");
        let mut other_content = into_force.clone();
        other_content["data"]["agreement"]["versions"][1]["content"]["purpose"] = json!("Not what Ben signed");
        assert!(check_write(&k, &ana(), Some(&signed), &other_content, Some(&p)).is_err());
    }

    // Pins: a new relationship has no invented history.
    #[test]
    fn a_create_has_no_history() {
        let k = key("mw/v1/rel/r1");
        let mut claimed = rel(None);
        claimed["data"]["createdBy"] = json!("u-ben");
        assert!(check_write(&k, &ana(), None, &claimed, None).is_err());
        let mut in_force = rel(None);
        in_force["data"]["agreement"]["versions"] = json!([{"number": 1, "content": {}, "signatures": [sig("u-ana", "h")], "inForceAt": "t"}]);
        assert!(check_write(&k, &ana(), None, &in_force, None).is_err());
    }

    // Pins: versions in force are append-only.
    #[test]
    fn versions_in_force_only_grow() {
        let k = key("mw/v1/rel/r1");
        let mut v1 = rel(Some("u-ben"));
        v1["data"]["agreement"]["versions"] =
            json!([{"number": 1, "content": {"purpose": "Grow"}, "signatures": [sig("u-ana", "h"), sig("u-ben", "h")], "inForceAt": "t"}]);
        let p = parties(&v1).unwrap();
        let mut edited = v1.clone();
        edited["data"]["agreement"]["versions"][0]["content"]["purpose"] = json!("Shrink");
        assert!(matches!(check_write(&k, &ana(), Some(&v1), &edited, Some(&p)), Err(Refusal::Forbidden(_))));
        let mut removed = v1.clone();
        removed["data"]["agreement"]["versions"] = json!([]);
        assert!(check_write(&k, &ana(), Some(&v1), &removed, Some(&p)).is_err());
        assert!(check_delete(&k, &ana(), Some(&p)).is_err(), "a relationship is never deleted");
    }

    // Pins: a goal confirmation and a reflection and a pulse name their writer.
    #[test]
    fn attestations_name_their_writer() {
        let p = parties(&rel(Some("u-ben"))).unwrap();
        let g = key("mw/v1/rel/r1/goals/g1");
        let goal = json!({"schema":1,"kind":"goal","data":{"relationshipId":"r1","achievedBy":"u-ana","confirmedBy":null,"confirmedAt":null}});
        let mut confirmed = goal.clone();
        confirmed["data"]["confirmedBy"] = json!("u-ben");
        confirmed["data"]["confirmedAt"] = json!("t");
        assert!(check_write(&g, &ben(), Some(&goal), &confirmed, Some(&p)).is_ok());
        assert!(check_write(&g, &ana(), Some(&goal), &confirmed, Some(&p)).is_err());
        assert!(check_write(&g, &eve(), Some(&goal), &goal, Some(&p)).is_err(), "not a party");
        assert!(check_write(&g, &ben(), None, &goal, Some(&p)).is_err(), "Ben cannot mark Ana's achievement");

        let c = key("mw/v1/rel/r1/checkins/c1");
        let checkin = json!({"schema":1,"kind":"checkin","data":{"relationshipId":"r1","pulses":[]}});
        let mut rated = checkin.clone();
        rated["data"]["pulses"] = json!([{"by": "u-ben", "useful": 4, "progress": 3}]);
        assert!(check_write(&c, &ben(), Some(&checkin), &rated, Some(&p)).is_ok());
        assert!(check_write(&c, &ana(), Some(&checkin), &rated, Some(&p)).is_err());
        assert!(check_write(&c, &ana(), Some(&rated), &rated, Some(&p)).is_ok(), "keeping the partner's rating as it is");

        let k = key("mw/v1/rel/r1");
        let old = rel(Some("u-ben"));
        let mut reflected = old.clone();
        reflected["data"]["life"]["closing"] = json!({"reflections": [{"by": "u-ana", "worked": "a", "change": "b", "effectiveness": 4, "at": "t"}]});
        assert!(check_write(&k, &ana(), Some(&old), &reflected, Some(&p)).is_ok());
        assert!(check_write(&k, &ben(), Some(&old), &reflected, Some(&p)).is_err());
    }

    // Pins: bad values are refused with a reason, by kind and by size.
    #[test]
    fn values_are_checked() {
        let k = key("mw/v1/rel/r1/goals/g1");
        assert!(matches!(parse_value(&k, "{not json"), Err(Refusal::Invalid(m)) if m.contains("not JSON")));
        assert!(matches!(parse_value(&k, r#"{"a":1}"#), Err(Refusal::Invalid(m)) if m.contains("envelope")));
        assert!(matches!(parse_value(&k, r#"{"schema":1,"kind":"poem","data":{}}"#), Err(Refusal::Invalid(m)) if m.contains("unknown kind")));
        assert!(matches!(parse_value(&k, r#"{"schema":1,"kind":"checkin","data":{"relationshipId":"r1"}}"#), Err(Refusal::Invalid(_))));
        assert!(
            matches!(parse_value(&k, r#"{"schema":1,"kind":"goal","data":{"relationshipId":"r2"}}"#), Err(Refusal::Invalid(m)) if m.contains("relationshipId"))
        );
        assert!(parse_value(&k, r#"{"schema":1,"kind":"goal","data":{"relationshipId":"r1"}}"#).is_ok());
        let big = format!(r#"{{"schema":1,"kind":"goal","data":{{"relationshipId":"r1","x":"{}"}}}}"#, "a".repeat(MAX_VALUE_BYTES));
        assert!(matches!(parse_value(&k, &big), Err(Refusal::TooLarge(_))));
    }
}
