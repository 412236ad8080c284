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
    /// The rules the types alone cannot hold (numbers in range, versions in
    /// order), checked on every read: a value outside them was not written
    /// by this widget's rules, so the document reads as
    /// [`DecodeError::InvalidData`] (shown on that item, never overwritten)
    /// instead of reaching arithmetic that assumes them. `Err` names the rule
    /// broken, for tests and support.
    fn check(&self) -> Result<(), &'static str> {
        Ok(())
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    TooLarge {
        bytes: usize,
    },
    NotJson,
    NotAnEnvelope,
    UnexpectedKind {
        expected: &'static str,
        found: String,
    },
    /// Written by a newer build: shown, never overwritten.
    NewerSchema {
        found: u32,
        supported: u32,
    },
    MigrationFailed {
        from: u32,
        reason: String,
    },
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
            DecodeError::UnexpectedKind { expected, found } => format!("expected {expected}, found \"{found}\""),
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
    let (schema, data) = open(text, T::KIND, T::SCHEMA)?;
    let doc: T = if schema < T::SCHEMA {
        T::upgrade(schema, &data).map_err(|reason| DecodeError::MigrationFailed { from: schema, reason })?
    } else {
        json::from_str(&data).map_err(|_| DecodeError::InvalidData)?
    };
    // Upgraded documents too: an old schema is no licence for a pulse of 9.
    doc.check().map_err(|_| DecodeError::InvalidData)?;
    Ok(doc)
}

/// The envelope's part of [`decode`], the same for every kind of document
/// and so compiled once, not once per type: its schema and its data as
/// JSON text, once it is known to be a `kind` at most at schema `newest`.
fn open(text: &str, kind: &'static str, newest: u32) -> Result<(u32, String), DecodeError> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(DecodeError::TooLarge { bytes: text.len() });
    }
    let value: Value = json::from_str(text).map_err(|_| DecodeError::NotJson)?;
    let Value::Object(mut envelope) = value else { return Err(DecodeError::NotAnEnvelope) };
    let schema = match envelope.get("schema") {
        Some(Value::Number(Number::U64(n))) => u32::try_from(*n).ok().filter(|n| *n > 0).ok_or(DecodeError::NotAnEnvelope)?,
        _ => return Err(DecodeError::NotAnEnvelope),
    };
    let found = match envelope.get("kind") {
        Some(Value::String(k)) => k.clone(),
        _ => return Err(DecodeError::NotAnEnvelope),
    };
    let data = envelope.remove("data").ok_or(DecodeError::NotAnEnvelope)?;
    if found != kind {
        return Err(DecodeError::UnexpectedKind { expected: kind, found: found.chars().take(40).collect() });
    }
    if schema > newest {
        return Err(DecodeError::NewerSchema { found: schema, supported: newest });
    }
    // The data is read again as its own type: documents are small, and this
    // keeps one typed reader per schema.
    Ok((schema, json::to_string(&data)))
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
        assert_eq!(decode::<Note>(bad), Err(DecodeError::MigrationFailed { from: 1, reason: "author has no last name".into() }));
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
            (
                r#"{"schema":3,"kind":"relationship","data":{"id":"r1","kind":"buddy","mentor":{"displayName":"A"},"mentee":{"displayName":"B"},"state":"proposed","createdBy":"u","createdAt":"t","agreement":{"versions":[],"draft":null},"life":{"events":[],"closing":null}}}"#,
                "error.doc_invalid",
            ),
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
    /// Every stored document type, as valid values and as mangled text:
    /// decoding is reading untrusted input, so it must end in the document or
    /// a typed error for anything at all, and give back what was written.
    mod every_document {
        use super::super::*;
        use crate::domain::agreement::record::{Draft, HASH_VERSION};
        use crate::domain::agreement::{AgreementRecord, Content, Signature, Version};
        use crate::domain::checkins::actions::ActionItem;
        use crate::domain::checkins::record::{AgendaItem, CheckIn, CheckInDate, CheckInKind, GoalUpdate, PrivateNote, Pulse, Review};
        use crate::domain::goals::model::MAX_PRIORITY;
        use crate::domain::goals::{Goal, GoalStatus, Milestone, ProgressEntry};
        use crate::domain::relationship::life::{Closing, GoalOutcome, Happened, Life, LifeEvent, Outcome, Reflection};
        use crate::domain::relationship::{Kind, Party, Relationship, Role, State};
        use miniserde::json::{self, Value};
        use proptest::prelude::*;

        /// Text as people and hosts write it, with what JSON escapes and what
        /// splits lines elsewhere.
        fn text() -> impl Strategy<Value = String> {
            let special =
                prop::sample::select(vec!['"', '\\', '/', '\n', '\r', '\t', '\u{0}', '\u{1e}', '\u{1f}', '\u{85}', '\u{2028}', '\u{2029}', '\u{feff}']);
            prop::collection::vec(prop_oneof![4 => any::<char>(), 1 => special], 0..12).prop_map(String::from_iter)
        }
        fn opt<T: std::fmt::Debug + Clone>(s: impl Strategy<Value = T>) -> impl Strategy<Value = Option<T>> {
            prop::option::of(s)
        }
        fn party() -> impl Strategy<Value = Party> {
            (opt(text()), text(), opt(text())).prop_map(|(id, display_name, email)| Party { id, display_name, email })
        }
        fn content() -> impl Strategy<Value = Content> {
            prop::collection::btree_map(text(), text(), 0..4).prop_map(|m| m.into_iter().collect())
        }
        fn signature() -> impl Strategy<Value = Signature> {
            let role = prop::sample::select(vec![Role::Mentor, Role::Mentee]);
            (text(), text(), role, text(), "[0-9a-f]{64}", opt(1..=HASH_VERSION)).prop_map(|(by, name, role, at, hash, hash_version)| Signature {
                by,
                name,
                role,
                at,
                hash,
                hash_version,
            })
        }
        fn agreement() -> impl Strategy<Value = AgreementRecord> {
            let version = (content(), prop::collection::vec(signature(), 0..3), text());
            (prop::collection::vec(version, 0..3), opt((content(), any::<bool>(), prop::collection::vec(signature(), 0..3), text(), text()))).prop_map(
                |(versions, draft)| {
                    let n = versions.len() as u32;
                    let versions = versions
                        .into_iter()
                        .zip(1..)
                        .map(|((content, signatures, in_force_at), number)| Version { number, content, signatures, in_force_at })
                        .collect();
                    let draft = draft.map(|(content, amends, signatures, updated_at, updated_by)| Draft {
                        content,
                        based_on: (amends && n > 0).then_some(n),
                        signatures,
                        updated_at,
                        updated_by,
                    });
                    AgreementRecord { versions, draft }
                },
            )
        }
        fn life() -> impl Strategy<Value = Life> {
            let happened = prop::sample::select(vec![
                Happened::Paused,
                Happened::Resumed,
                Happened::ReviewStarted,
                Happened::ReviewContinued,
                Happened::ClosingStarted,
                Happened::Closed,
            ]);
            let event = (text(), text(), happened).prop_map(|(at, by, what)| LifeEvent { at, by, what });
            let outcome = (text(), text(), prop::sample::select(Outcome::ALL.to_vec()), text()).prop_map(|(goal_id, title, outcome, by)| GoalOutcome {
                goal_id,
                title,
                outcome,
                by,
            });
            let reflection = (text(), text(), text(), 1u8..=5, text()).prop_map(|(by, worked, change, effectiveness, at)| Reflection {
                by,
                worked,
                change,
                effectiveness,
                at,
            });
            let closing =
                (text(), text(), text(), prop::collection::vec(outcome, 0..3), prop::collection::vec(reflection, 0..3), text(), any::<bool>(), opt(text()))
                    .prop_map(|(reason, started_by, started_at, outcomes, reflections, next_steps, rematch, closed_at)| Closing {
                        reason,
                        started_by,
                        started_at,
                        outcomes,
                        reflections,
                        next_steps,
                        rematch,
                        closed_at,
                    });
            (prop::collection::vec(event, 0..3), opt(closing)).prop_map(|(events, closing)| Life { events, closing })
        }
        fn relationship() -> impl Strategy<Value = Relationship> {
            let kind = prop::sample::select(Kind::ALL.to_vec());
            let state = prop::sample::select(vec![State::Proposed, State::Active, State::MidpointReview, State::Paused, State::Closing, State::Closed]);
            (text(), kind, party(), party(), state, text(), text(), agreement(), life()).prop_map(
                |(id, kind, mentor, mentee, state, created_by, created_at, agreement, life)| Relationship {
                    id,
                    kind,
                    mentor,
                    mentee,
                    state,
                    created_by,
                    created_at,
                    agreement,
                    life,
                },
            )
        }
        fn goal() -> impl Strategy<Value = Goal> {
            let milestone = (text(), text(), opt(text()), any::<bool>()).prop_map(|(id, text, due, done)| Milestone { id, text, due, done });
            let entry = (text(), text(), 0u8..=100, text()).prop_map(|(at, by, value, note)| ProgressEntry { at, by, value, note, check_in: None });
            let words = prop::collection::vec(text(), 8);
            let who = (opt(text()), opt(text()), opt(text()), opt(text()));
            (
                words,
                opt(text()),
                prop::collection::vec(milestone, 0..3),
                0u8..=100,
                prop::sample::select(GoalStatus::ALL.to_vec()),
                0..=MAX_PRIORITY,
                prop::collection::vec(entry, 0..3),
                who,
                text(),
            )
                .prop_map(
                    |(w, due, milestones, manual_progress, status, priority, history, (drop_reason, achieved_by, confirmed_by, confirmed_at), updated_at)| {
                        Goal {
                            id: w[0].clone(),
                            relationship_id: w[1].clone(),
                            owner: w[2].clone(),
                            title: w[3].clone(),
                            description: w[4].clone(),
                            specific: w[5].clone(),
                            measure: w[6].clone(),
                            achievable: w[7].clone(),
                            relevant: String::new(),
                            due,
                            milestones,
                            manual_progress,
                            status,
                            drop_reason,
                            priority,
                            history,
                            achieved_by,
                            confirmed_by,
                            confirmed_at,
                            updated_at,
                        }
                    },
                )
        }
        fn checkin() -> impl Strategy<Value = CheckIn> {
            let agenda = (text(), text(), text(), text()).prop_map(|(id, text, source, by)| AgendaItem { id, text, source, by });
            // Any length and progress value: an unsaved check-in holds them while typed.
            let update = (text(), any::<u8>(), text(), text()).prop_map(|(goal_id, value, note, by)| GoalUpdate { goal_id, value, note, by });
            let action = (text(), text(), text(), opt(text()), opt(text()), any::<bool>()).prop_map(|(id, text, owner, due, goal_id, done)| ActionItem {
                id,
                text,
                owner,
                due,
                goal_id,
                done,
            });
            let pulse = (text(), 1u8..=5, 1u8..=5).prop_map(|(by, useful, progress)| Pulse { by, useful, progress });
            let review =
                (text(), text(), any::<bool>(), text()).prop_map(|(working, goals_right, amend, decision)| Review { working, goals_right, amend, decision });
            let words = prop::collection::vec(text(), 11);
            let kind = prop::sample::select(vec![CheckInKind::Regular, CheckInKind::MidpointReview]);
            let lists = (
                prop::collection::vec(agenda, 0..3),
                prop::collection::vec(update, 0..3),
                prop::collection::vec(action, 0..3),
                prop::collection::vec(pulse, 0..3),
            );
            (words, kind, any::<u32>(), lists, opt(review)).prop_map(|(w, kind, minutes, (agenda, progress, actions, pulses), review)| CheckIn {
                id: w[0].clone(),
                relationship_id: w[1].clone(),
                kind,
                date: w[2].clone(),
                time: w[3].clone(),
                minutes,
                format: w[4].clone(),
                agenda,
                notes: w[5].clone(),
                wins: w[6].clone(),
                challenges: w[7].clone(),
                feedback: w[8].clone(),
                progress,
                actions,
                pulses,
                review,
                created_by: w[9].clone(),
                updated_at: w[10].clone(),
            })
        }

        /// A value of another type, or an awkward one of the same, as JSON
        /// text: what a broken host, another build or a person with dev
        /// tools might store. (Text, not a `Value`: cloning a deeply nested
        /// `Value` recurses.)
        fn odd_value() -> impl Strategy<Value = String> {
            prop_oneof![
                Just("null".to_string()),
                Just("true".to_string()),
                any::<u64>().prop_map(|n| n.to_string()),
                Just("18446744073709551616".to_string()),
                any::<i64>().prop_map(|n| n.min(-1).to_string()),
                Just("1.5".to_string()),
                Just("-1e400".to_string()),
                text().prop_map(|t| json::to_string(&t)),
                (1usize..10_000).prop_map(|n| json::to_string(&"é\u{2028}".repeat(n))),
                Just("[]".to_string()),
                Just("{}".to_string()),
                (1usize..10_000).prop_map(|n| format!("{}{}", "[".repeat(n), "]".repeat(n))),
                (1usize..5_000).prop_map(|n| format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n))),
            ]
        }

        /// Every place in `v` (an object's key, an array's item), by path.
        fn places(v: &Value) -> Vec<Vec<Step>> {
            let mut out = Vec::new();
            let mut todo: Vec<(Vec<Step>, &Value)> = vec![(Vec::new(), v)];
            while let Some((path, v)) = todo.pop() {
                match v {
                    Value::Object(o) => {
                        for (k, child) in o.iter() {
                            let mut p = path.clone();
                            p.push(Step::Key(k.clone()));
                            out.push(p.clone());
                            todo.push((p, child));
                        }
                    }
                    Value::Array(a) => {
                        for (i, child) in a.iter().enumerate() {
                            let mut p = path.clone();
                            p.push(Step::Item(i));
                            out.push(p.clone());
                            todo.push((p, child));
                        }
                    }
                    _ => {}
                }
            }
            out
        }

        #[derive(Clone, Debug)]
        enum Step {
            Key(String),
            Item(usize),
        }

        #[derive(Clone, Debug)]
        enum Mutation {
            Drop,
            Replace(String),
            /// The key written twice, the second time with another value.
            Duplicate(String),
        }

        fn mutation() -> impl Strategy<Value = Mutation> {
            prop_oneof![Just(Mutation::Drop), odd_value().prop_map(Mutation::Replace), odd_value().prop_map(Mutation::Duplicate)]
        }

        /// The stored text of one valid document of any kind.
        fn any_document() -> impl Strategy<Value = String> {
            prop_oneof![
                relationship().prop_map(|r| encode(&r)),
                goal().prop_map(|g| encode(&g)),
                checkin().prop_map(|c| encode(&c)),
                text().prop_map(|date| encode(&CheckInDate { date })),
                (text(), text(), text()).prop_map(|(checkin_id, text, updated_at)| encode(&PrivateNote { checkin_id, text, updated_at })),
            ]
        }

        /// `text` (a stored document) with one place changed by `m`. A
        /// marker string goes where the change is, then is replaced as text.
        fn mutate(text: &str, pick: usize, m: &Mutation) -> String {
            const MARK: &str = "\u{e000}mark\u{e000}";
            let Ok(mut root) = json::from_str::<Value>(text) else { return text.to_string() };
            let all = places(&root);
            let Some(path) = all.get(pick % all.len().max(1)) else { return text.to_string() };
            let (last, parent_path) = path.split_last().expect("places are never empty paths");
            let mut parent = &mut root;
            for step in parent_path {
                parent = match (parent, step) {
                    (Value::Object(o), Step::Key(k)) => o.get_mut(k).expect("path from places"),
                    (Value::Array(a), Step::Item(i)) => &mut a[*i],
                    _ => unreachable!("path from places"),
                };
            }
            let mark = || Value::String(MARK.into());
            let odd = match (parent, last, m) {
                (Value::Object(o), Step::Key(k), Mutation::Drop) => {
                    o.remove(k);
                    return json::to_string(&root);
                }
                (Value::Array(a), Step::Item(i), Mutation::Drop) => {
                    a.remove(*i);
                    return json::to_string(&root);
                }
                (Value::Object(o), Step::Key(k), Mutation::Replace(odd)) => {
                    o.insert(k.clone(), mark());
                    odd.clone()
                }
                (Value::Array(a), Step::Item(i), Mutation::Replace(odd) | Mutation::Duplicate(odd)) => {
                    a[*i] = mark();
                    odd.clone()
                }
                (Value::Object(o), Step::Key(k), Mutation::Duplicate(odd)) => {
                    // A JSON object here holds a key once: the twin is written as text.
                    o.insert(MARK.into(), mark());
                    format!("{}:{odd}", json::to_string(k))
                }
                _ => unreachable!("a key is in an object, an item in an array"),
            };
            let marked = json::to_string(&root);
            let mark = json::to_string(&MARK);
            match m {
                Mutation::Duplicate(_) if marked.contains(&format!("{mark}:{mark}")) => marked.replacen(&format!("{mark}:{mark}"), &odd, 1),
                _ => marked.replacen(&mark, &odd, 1),
            }
        }

        /// Whatever `text` holds, decoding ends in a document that checks
        /// and stores back the same, or in a typed error.
        fn survives<T: Document + PartialEq + std::fmt::Debug>(text: &str) -> Result<(), TestCaseError> {
            match decode::<T>(text) {
                Ok(doc) => {
                    prop_assert_eq!(doc.check(), Ok(()));
                    prop_assert_eq!(decode::<T>(&encode(&doc)), Ok(doc));
                }
                Err(e) => prop_assert!(!e.message_key().is_empty() && !e.detail().is_empty()),
            }
            Ok(())
        }

        fn survives_all(text: &str) -> Result<(), TestCaseError> {
            survives::<Relationship>(text)?;
            survives::<Goal>(text)?;
            survives::<CheckIn>(text)?;
            survives::<CheckInDate>(text)?;
            survives::<PrivateNote>(text)
        }

        proptest! {
            // proptest's default 256 cases each keep `cargo test` quick; for a
            // longer hunt: PROPTEST_CASES=20000 cargo test -p mentoring-widget --lib every_document

            // Pins: no text at all (arbitrary, or JSON-shaped) makes any
            // document decoder panic.
            #[test]
            fn any_text_decodes_or_errs(text in "\\PC{0,300}", jsonish in "[\\[\\]{}\":,0-9a-z.eE+\\- ]{0,300}") {
                survives_all(&text)?;
                survives_all(&jsonish)?;
                let enveloped = format!("{{\"schema\":1,\"kind\":\"checkin\",\"data\":{jsonish}}}");
                survives_all(&enveloped)?;
            }

            // Pins: every valid document round-trips through its envelope.
            #[test]
            fn valid_documents_round_trip(r in relationship(), g in goal(), c in checkin(), date in text(), note in (text(), text(), text())) {
                prop_assert_eq!(decode::<Relationship>(&encode(&r)), Ok(r));
                prop_assert_eq!(decode::<Goal>(&encode(&g)), Ok(g));
                prop_assert_eq!(decode::<CheckIn>(&encode(&c)), Ok(c));
                let d = CheckInDate { date };
                prop_assert_eq!(decode::<CheckInDate>(&encode(&d)), Ok(d));
                let n = PrivateNote { checkin_id: note.0, text: note.1, updated_at: note.2 };
                prop_assert_eq!(decode::<PrivateNote>(&encode(&n)), Ok(n));
            }

            // Pins: a valid document with one key dropped or written twice, one
            // value of the wrong type, a huge or negative number, deep nesting
            // or a long string decodes or gives a typed error, never a panic;
            // what decodes is in range and stores back the same.
            #[test]
            fn mutated_documents_decode_or_err(doc in any_document(), pick in any::<usize>(), m in mutation()) {
                survives_all(&mutate(&doc, pick, &m))?;
            }
        }
    }
}
