//! The relationship's older schemas and the typed steps that bring them to
//! the current one (3): schema 1 had no agreement, schema 2 no life record.
//! Each step fills what the older schema lacked with its empty value, so an
//! old document reads as one where nothing of that kind has happened yet.

use miniserde::Deserialize;

use super::life::Life;
use super::{Kind, Party, Relationship, State};
use crate::domain::agreement::AgreementRecord;

/// Reads `data`, stored under `schema` (older than the current one), as a
/// relationship of today's schema.
pub(super) fn upgrade(schema: u32, data: &str) -> Result<Relationship, String> {
    match schema {
        1 => miniserde::json::from_str::<RelationshipV1>(data)
            .map(|v1| Relationship::from(RelationshipV2::from(v1)))
            .map_err(|_| "not a schema-1 relationship".to_string()),
        2 => miniserde::json::from_str::<RelationshipV2>(data).map(Into::into).map_err(|_| "not a schema-2 relationship".to_string()),
        _ => Err(format!("no upgrade from schema {schema}")),
    }
}

/// A relationship as schema 2 stored it: before its life record.
#[derive(Deserialize)]
struct RelationshipV2 {
    id: String,
    kind: Kind,
    mentor: Party,
    mentee: Party,
    state: State,
    #[serde(rename = "createdBy")]
    created_by: String,
    #[serde(rename = "createdAt")]
    created_at: String,
    agreement: AgreementRecord,
}

impl From<RelationshipV2> for Relationship {
    fn from(v: RelationshipV2) -> Relationship {
        let RelationshipV2 { id, kind, mentor, mentee, state, created_by, created_at, agreement } = v;
        Relationship { id, kind, mentor, mentee, state, created_by, created_at, agreement, life: <Life as Default>::default() }
    }
}

/// A relationship as schema 1 stored it: before the agreement.
#[derive(Deserialize)]
struct RelationshipV1 {
    id: String,
    kind: Kind,
    mentor: Party,
    mentee: Party,
    state: State,
    #[serde(rename = "createdBy")]
    created_by: String,
    #[serde(rename = "createdAt")]
    created_at: String,
}

impl From<RelationshipV1> for RelationshipV2 {
    fn from(v: RelationshipV1) -> RelationshipV2 {
        let RelationshipV1 { id, kind, mentor, mentee, state, created_by, created_at } = v;
        RelationshipV2 { id, kind, mentor, mentee, state, created_by, created_at, agreement: <AgreementRecord as Default>::default() }
    }
}
