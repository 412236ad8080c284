//! The stored envelope `{ "schema": N, "kind": "...", "data": {...} }`.
//!
//! Reading a stored value is parsing untrusted input: the host, another
//! version of this widget or a person with dev tools may have written it.
//! Every way it can be wrong is a typed [`DecodeError`]; nothing here panics.

use miniserde::json::{self, Number, Value};
use miniserde::{Deserialize, Serialize};

/// Values larger than this are refused before parsing: no document of ours
/// comes near it, and parsing megabytes on the UI thread would freeze the page.
pub const MAX_DOCUMENT_BYTES: usize = 512 * 1024;

/// A kind of stored document.
pub trait Document: Serialize + Deserialize {
    const KIND: &'static str;
    /// The schema this build writes.
    const SCHEMA: u32;
    /// Reads `data` written at an older `schema` (1 ≤ schema < SCHEMA).
    /// Implementations go one step at a time through typed structs of each
    /// old schema (N → N+1 → … → SCHEMA), each step with a fixture test.
    fn upgrade(schema: u32, data: &str) -> Result<Self, String> {
        let _ = data;
        Err(format!("no upgrade from schema {schema}"))
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    TooLarge { bytes: usize },
    NotJson,
    NotAnEnvelope,
    UnexpectedKind { expected: &'static str, found: String },
    /// Written by a newer build: shown, never overwritten.
    NewerSchema { found: u32, supported: u32 },
    MigrationFailed { from: u32, reason: String },
    InvalidData,
}

impl DecodeError {
    pub fn message_key(&self) -> &'static str {
        match self {
            DecodeError::TooLarge { .. } => "error.doc_too_large",
            DecodeError::NotJson => "error.doc_not_json",
            DecodeError::NotAnEnvelope => "error.doc_not_envelope",
            DecodeError::UnexpectedKind { .. } => "error.doc_unknown_kind",
            DecodeError::NewerSchema { .. } => "error.doc_newer_schema",
            DecodeError::MigrationFailed { .. } => "error.doc_migration_failed",
            DecodeError::InvalidData => "error.doc_invalid",
        }
    }

    /// A technical line for the console and for support, never shown as the
    /// person's message (that comes from the key).
    pub fn detail(&self) -> String {
        match self {
            DecodeError::TooLarge { bytes } => format!("{bytes} bytes"),
            DecodeError::NotJson => "not JSON".into(),
            DecodeError::NotAnEnvelope => "not a { schema, kind, data } envelope".into(),
            DecodeError::UnexpectedKind { expected, found } => format!("expected {expected}, found {found:?}"),
            DecodeError::NewerSchema { found, supported } => format!("schema {found}, this build reads up to {supported}"),
            DecodeError::MigrationFailed { from, reason } => format!("from schema {from}: {reason}"),
            DecodeError::InvalidData => "data does not match its schema".into(),
        }
    }
}

/// The text to store for `doc`.
pub fn encode<T: Document>(doc: &T) -> String {
    // KIND is one of our own constants: plain letters, nothing to escape.
    format!("{{\"schema\":{},\"kind\":\"{}\",\"data\":{}}}", T::SCHEMA, T::KIND, json::to_string(doc))
}

/// Reads a stored value as a `T`, upgrading older schemas step by step.
pub fn decode<T: Document>(text: &str) -> Result<T, DecodeError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(DecodeError::TooLarge { bytes: text.len() });
    }
    let value: Value = json::from_str(text).map_err(|_| DecodeError::NotJson)?;
    let Value::Object(mut envelope) = value else { return Err(DecodeError::NotAnEnvelope) };
    let schema = match envelope.get("schema") {
        Some(Value::Number(Number::U64(n))) => u32::try_from(*n).ok().filter(|n| *n > 0).ok_or(DecodeError::NotAnEnvelope)?,
        _ => return Err(DecodeError::NotAnEnvelope),
    };
    let kind = match envelope.get("kind") {
        Some(Value::String(k)) => k.clone(),
        _ => return Err(DecodeError::NotAnEnvelope),
    };
    let data = envelope.remove("data").ok_or(DecodeError::NotAnEnvelope)?;
    if kind != T::KIND {
        return Err(DecodeError::UnexpectedKind { expected: T::KIND, found: kind.chars().take(40).collect() });
    }
    if schema > T::SCHEMA {
        return Err(DecodeError::NewerSchema { found: schema, supported: T::SCHEMA });
    }
    // The data is read again as its own type: documents are small, and this
    // keeps one typed reader per schema.
    let data = json::to_string(&data);
    if schema < T::SCHEMA {
        return T::upgrade(schema, &data).map_err(|reason| DecodeError::MigrationFailed { from: schema, reason });
    }
    json::from_str(&data).map_err(|_| DecodeError::InvalidData)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::relationship::Relationship;
    use proptest::prelude::*;

    /// A document at schema 3 whose history renamed a field (1 → 2) and then
    /// split a name (2 → 3): it exercises step-by-step typed upgrades.
    #[derive(Clone, Debug, PartialEq, miniserde::Serialize, miniserde::Deserialize)]
    struct Note {
        title: String,
        first: String,
        last: String,
    }

    #[derive(miniserde::Deserialize)]
    struct NoteV1 {
        heading: String,
        author: String,
    }

    #[derive(miniserde::Deserialize)]
    struct NoteV2 {
        title: String,
        author: String,
    }

    impl From<NoteV1> for NoteV2 {
        fn from(v: NoteV1) -> NoteV2 {
            NoteV2 { title: v.heading, author: v.author }
        }
    }

    impl TryFrom<NoteV2> for Note {
        type Error = String;
        fn try_from(v: NoteV2) -> Result<Note, String> {
            let (first, last) = v.author.split_once(' ').ok_or("author has no last name")?;
            Ok(Note { title: v.title, first: first.into(), last: last.into() })
        }
    }

    impl Document for Note {
        const KIND: &'static str = "note";
        const SCHEMA: u32 = 3;
        fn upgrade(schema: u32, data: &str) -> Result<Note, String> {
            let v2: NoteV2 = match schema {
                1 => json::from_str::<NoteV1>(data).map_err(|_| "not a schema-1 note")?.into(),
                2 => json::from_str(data).map_err(|_| "not a schema-2 note")?,
                _ => return Err(format!("no upgrade from schema {schema}")),
            };
            Note::try_from(v2)
        }
    }

    const REL_V1: &str = r#"{"schema":1,"kind":"relationship","data":{"id":"r1","kind":"peer","mentor":{"id":"u1","displayName":"Ana"},"mentee":{"displayName":"Ben","email":"ben@example.com"},"state":"proposed","createdBy":"u1","createdAt":"2026-11-24T10:00:00Z"}}"#;

    const REL_V2: &str = r#"{"schema":2,"kind":"relationship","data":{"id":"r1","kind":"peer","mentor":{"id":"u1","displayName":"Ana","email":null},"mentee":{"id":null,"displayName":"Ben","email":"ben@example.com"},"state":"proposed","createdBy":"u1","createdAt":"2026-11-24T10:00:00Z","agreement":{"versions":[],"draft":null}}}"#;

    const REL_V3: &str = r#"{"schema":3,"kind":"relationship","data":{"id":"r1","kind":"peer","mentor":{"id":"u1","displayName":"Ana","email":null},"mentee":{"id":null,"displayName":"Ben","email":"ben@example.com"},"state":"proposed","createdBy":"u1","createdAt":"2026-11-24T10:00:00Z","agreement":{"versions":[],"draft":null},"life":{"events":[],"closing":null}}}"#;

    // Pins: schema 1 → 2 → 3 (the agreement arrives empty, then an empty life
    // record): both older fixtures read as the same relationship and are
    // written back as the schema-3 fixture.
    #[test]
    fn relationship_fixture_upgrades() {
        let rel: Relationship = decode(REL_V1).unwrap();
        assert_eq!(rel.mentee.email.as_deref(), Some("ben@example.com"));
        assert!(rel.agreement.versions.is_empty() && rel.agreement.draft.is_none());
        assert_eq!(decode::<Relationship>(REL_V2), Ok(rel.clone()));
        assert!(rel.life.events.is_empty() && rel.life.closing.is_none());
        assert_eq!(encode(&rel), REL_V3);
        assert_eq!(decode::<Relationship>(REL_V3), Ok(rel));
    }

    // Pins: each migration step runs in order from the stored schema up.
    #[test]
    fn migrations_run_step_by_step() {
        let v1 = r#"{"schema":1,"kind":"note","data":{"heading":"Hi","author":"Ana Li"}}"#;
        let v2 = r#"{"schema":2,"kind":"note","data":{"title":"Hi","author":"Ana Li"}}"#;
        let v3 = r#"{"schema":3,"kind":"note","data":{"title":"Hi","first":"Ana","last":"Li"}}"#;
        let want = Note { title: "Hi".into(), first: "Ana".into(), last: "Li".into() };
        for text in [v1, v2, v3] {
            assert_eq!(decode::<Note>(text), Ok(want.clone()));
        }
    }

    // Pins: a migration that cannot make sense of old data is an error, not a panic.
    #[test]
    fn failing_migration_is_reported() {
        let bad = r#"{"schema":1,"kind":"note","data":{"heading":"Hi","author":"Ana"}}"#;
        assert_eq!(
            decode::<Note>(bad),
            Err(DecodeError::MigrationFailed { from: 1, reason: "author has no last name".into() })
        );
        let garbled = r#"{"schema":2,"kind":"note","data":{"title":7}}"#;
        assert_eq!(decode::<Note>(garbled).unwrap_err().message_key(), "error.doc_migration_failed");
    }

    // Pins: each kind of bad stored value maps to its own typed error.
    #[test]
    fn bad_values_get_typed_errors() {
        let cases: &[(&str, &str)] = &[
            ("not json at all", "error.doc_not_json"),
            ("", "error.doc_not_json"),
            ("[1,2]", "error.doc_not_envelope"),
            (r#"{"schema":"1","kind":"relationship","data":{}}"#, "error.doc_not_envelope"),
            (r#"{"schema":0,"kind":"relationship","data":{}}"#, "error.doc_not_envelope"),
            (r#"{"schema":1,"kind":"recipe","data":{}}"#, "error.doc_unknown_kind"),
            (r#"{"schema":4,"kind":"relationship","data":{}}"#, "error.doc_newer_schema"),
            (r#"{"schema":3,"kind":"relationship","data":{"id":"r1"}}"#, "error.doc_invalid"),
            (r#"{"schema":2,"kind":"relationship","data":{"id":"r1"}}"#, "error.doc_migration_failed"),
            (r#"{"schema":1,"kind":"relationship","data":{"id":"r1"}}"#, "error.doc_migration_failed"),
            (r#"{"schema":3,"kind":"relationship","data":{"id":"r1","kind":"buddy","mentor":{"displayName":"A"},"mentee":{"displayName":"B"},"state":"proposed","createdBy":"u","createdAt":"t","agreement":{"versions":[],"draft":null},"life":{"events":[],"closing":null}}}"#, "error.doc_invalid"),
        ];
        for (text, key) in cases {
            let err = decode::<Relationship>(text).unwrap_err();
            assert_eq!(err.message_key(), *key, "{text}");
        }
        let huge = format!("\"{}\"", "x".repeat(MAX_DOCUMENT_BYTES));
        assert_eq!(decode::<Relationship>(&huge).unwrap_err().message_key(), "error.doc_too_large");
    }

    // Pins: a newer schema names both versions so support can tell what happened.
    #[test]
    fn newer_schema_says_which() {
        let err = decode::<Relationship>(r#"{"schema":7,"kind":"relationship","data":{}}"#).unwrap_err();
        assert_eq!(err, DecodeError::NewerSchema { found: 7, supported: 3 });
        assert!(err.detail().contains('7'));
    }

    // Pins: absurdly deep nesting is an error, not a stack overflow (the parser
    // does not recurse).
    #[test]
    fn deep_nesting_is_survived() {
        let deep = format!("{}{}", "[".repeat(200_000), "]".repeat(200_000));
        assert_eq!(decode::<Relationship>(&deep).unwrap_err().message_key(), "error.doc_not_envelope");
    }

    proptest! {
        // Pins: no input text, however mangled, makes the decoder panic.
        #[test]
        fn decoder_never_panics(text in ".{0,200}") {
            let _ = decode::<Relationship>(&text);
            let _ = decode::<Note>(&text);
        }

        // Pins: single-character corruptions of a good document never panic and
        // either still decode or give a typed error.
        #[test]
        fn corrupted_fixture_is_handled(pos in 0usize..REL_V1.len(), c in any::<char>()) {
            let mut s: Vec<char> = REL_V1.chars().collect();
            if pos < s.len() { s[pos] = c; }
            let text: String = s.into_iter().collect();
            match decode::<Relationship>(&text) {
                Ok(_) => {}
                Err(e) => prop_assert!(!e.message_key().is_empty()),
            }
        }
    }
}
