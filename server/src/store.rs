//! The documents on a real database: SQLite (one file, the embedded default)
//! or PostgreSQL, through one code path (sqlx's `Any` driver; every statement
//! is written so both accept it).
//!
//! Tables:
//! - `docs(key, rel_id, owner, value, rev, updated_at)`: one row per stored key;
//!   `rev` is the number of the change that wrote it (the audit row's `seq`),
//!   the revision the protocol shows: it only grows, so a revision is never
//!   reused, not even after a delete and a create of the same key.
//! - `members(rel_id, who)`: who may read a relationship's keys (`id:…` or
//!   `email:…`), written with the relationship and never changed, so listing
//!   and events filter in SQL without parsing documents.
//! - `audit(seq, at, user_id, key, rev, action)`: who wrote which key at
//!   which revision, when. `seq` also numbers the change events, so a client
//!   that reconnects resumes after the last event it saw.
//!
//! Invariant: a write lands only if the revision it was based on is still the
//! stored one (a conditional UPDATE, or an INSERT that does nothing when the
//! key exists), checked in the same transaction as its members and audit rows.

use serde_json::Value;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row};
use tokio::sync::broadcast;

use crate::rules::{self, Caller, Key, Party, Refusal};

/// One change, as the events stream tells it.
#[derive(Clone, Debug)]
pub struct Change {
    pub seq: i64,
    pub key: String,
}

/// What a write expects to find.
#[derive(Clone, Copy, Debug)]
pub enum Expect {
    /// `If-None-Match: *`: the key must not exist.
    Absent,
    /// `If-Match: <rev>`: the key must be at this revision.
    Revision(i64),
}

#[derive(Debug)]
pub enum StoreError {
    /// 412: the revision moved on, or the key exists already.
    Conflict(String),
    NotFound,
    Refused(Refusal),
    Db(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        StoreError::Db(e)
    }
}

impl From<Refusal> for StoreError {
    fn from(r: Refusal) -> Self {
        StoreError::Refused(r)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Store {
    pool: AnyPool,
    pub backend: Backend,
    changes: broadcast::Sender<Change>,
    /// Held from numbering a write (its audit row) until it is committed and
    /// announced, so change numbers are committed and heard in order: a
    /// client resuming after change N has seen every change up to N. (One
    /// service process; events are heard by the clients of that process.)
    write_order: std::sync::Arc<tokio::sync::Mutex<()>>,
}

/// A write that landed: its revision, and whether it made the key.
pub struct Written {
    pub rev: i64,
    pub created: bool,
}

/// A document as stored.
pub struct Doc {
    pub value: String,
    pub rev: i64,
}

fn schema(backend: Backend) -> [&'static str; 4] {
    match backend {
        Backend::Sqlite => [
            "CREATE TABLE IF NOT EXISTS docs (key TEXT PRIMARY KEY, rel_id TEXT, owner TEXT, value TEXT NOT NULL, rev INTEGER NOT NULL, updated_at TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS members (rel_id TEXT NOT NULL, who TEXT NOT NULL, PRIMARY KEY (rel_id, who))",
            "CREATE TABLE IF NOT EXISTS audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, user_id TEXT NOT NULL, key TEXT NOT NULL, rev INTEGER NOT NULL, action TEXT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS members_who ON members (who)",
        ],
        // COLLATE "C": keys sort by bytes, so paging with `key > after`
        // agrees with ORDER BY whatever the database's locale is.
        Backend::Postgres => [
            "CREATE TABLE IF NOT EXISTS docs (key TEXT COLLATE \"C\" PRIMARY KEY, rel_id TEXT, owner TEXT, value TEXT NOT NULL, rev BIGINT NOT NULL, updated_at TEXT NOT NULL)",
            "CREATE TABLE IF NOT EXISTS members (rel_id TEXT NOT NULL, who TEXT NOT NULL, PRIMARY KEY (rel_id, who))",
            "CREATE TABLE IF NOT EXISTS audit (seq BIGSERIAL PRIMARY KEY, at TEXT NOT NULL, user_id TEXT NOT NULL, key TEXT NOT NULL, rev BIGINT NOT NULL, action TEXT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS members_who ON members (who)",
        ],
    }
}

/// Now, as RFC 3339 UTC to the second (for `updated_at` and the audit),
/// with the widget's own calendar arithmetic.
pub fn now_rfc3339() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let date = mentoring_widget::domain::dates::Date::from_days(days);
    format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", date.year, date.month, date.day, rem / 3600, rem % 3600 / 60, rem % 60)
}

impl Store {
    /// Opens (and if new, creates) the store. `db` is a file path or
    /// `sqlite:` URL for SQLite, or a `postgres://` URL.
    pub async fn open(db: &str) -> Result<Store, String> {
        sqlx::any::install_default_drivers();
        let (url, backend) = if db.starts_with("postgres://") || db.starts_with("postgresql://") {
            (db.to_string(), Backend::Postgres)
        } else {
            let path = db.strip_prefix("sqlite:").unwrap_or(db);
            (format!("sqlite://{path}?mode=rwc"), Backend::Sqlite)
        };
        // SQLite allows one writer at a time; one connection makes every
        // transaction wait its turn instead of failing as "database is locked".
        let max = if backend == Backend::Sqlite { 1 } else { 16 };
        let pool = AnyPoolOptions::new().max_connections(max).connect(&url).await.map_err(|e| format!("cannot open the database {db}: {e}"))?;
        if backend == Backend::Sqlite {
            for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL"] {
                sqlx::query(pragma).execute(&pool).await.map_err(|e| e.to_string())?;
            }
        }
        for statement in schema(backend) {
            sqlx::query(statement).execute(&pool).await.map_err(|e| format!("cannot create the tables: {e}"))?;
        }
        let (changes, _) = broadcast::channel(1024);
        Ok(Store { pool, backend, changes, write_order: Default::default() })
    }

    pub async fn healthy(&self) -> bool {
        sqlx::query("SELECT 1").execute(&self.pool).await.is_ok()
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.changes.subscribe()
    }

    pub async fn get(&self, key: &str) -> Result<Option<Doc>, sqlx::Error> {
        let row = sqlx::query("SELECT value, rev FROM docs WHERE key = $1").bind(key).fetch_optional(&self.pool).await?;
        Ok(row.map(|r| Doc { value: r.get(0), rev: r.get(1) }))
    }

    /// The stored parties of a relationship, `None` when it does not exist.
    pub async fn parties(&self, rel: &str) -> Result<Option<[Party; 2]>, StoreError> {
        let Some(doc) = self.get(&format!("mw/v1/rel/{rel}")).await? else { return Ok(None) };
        let value: Value = serde_json::from_str(&doc.value).map_err(|e| StoreError::Refused(Refusal::Invalid(e.to_string())))?;
        Ok(Some(rules::parties(&value)?))
    }

    /// May this caller read this key (for a GET, or an event)?
    pub async fn may_read(&self, key: &Key, caller: &Caller) -> Result<bool, StoreError> {
        match key.rel() {
            Some(rel) => {
                let (id, email) = rules::member_names(caller);
                let row = sqlx::query("SELECT 1 FROM members WHERE rel_id = $1 AND (who = $2 OR who = $3)")
                    .bind(rel)
                    .bind(id)
                    .bind(email)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.is_some())
            }
            None => Ok(rules::may_read(key, caller, None)),
        }
    }

    /// Writes `text` under `key` as `caller`, if the revision is as expected
    /// and the rules allow it.
    pub async fn put(&self, caller: &Caller, key_text: &str, key: &Key, text: &str, expect: Expect) -> Result<Written, StoreError> {
        let new = rules::parse_value(key, text)?;
        let mut tx = self.pool.begin().await?;
        let current = sqlx::query("SELECT value, rev FROM docs WHERE key = $1").bind(key_text).fetch_optional(&mut *tx).await?;
        let current: Option<(String, i64)> = current.map(|r: AnyRow| (r.get(0), r.get(1)));
        let parties = match key.rel() {
            Some(rel) => {
                let own = format!("mw/v1/rel/{rel}");
                let row = if own == key_text {
                    current.as_ref().map(|(v, _)| v.clone())
                } else {
                    sqlx::query("SELECT value FROM docs WHERE key = $1").bind(&own).fetch_optional(&mut *tx).await?.map(|r: AnyRow| r.get::<String, _>(0))
                };
                match row {
                    Some(v) => Some(rules::parties(&serde_json::from_str(&v).map_err(|e| Refusal::Invalid(e.to_string()))?)?),
                    None => None,
                }
            }
            None => None,
        };
        // Someone who may not read the key learns nothing, not even whether
        // it exists: refused before any conflict is reported.
        let allowed = match key {
            Key::Private { .. } => rules::may_read(key, caller, None),
            Key::Relationship { .. } => parties.as_ref().is_none_or(|p| rules::is_party(p, caller)),
            Key::Goal { .. } | Key::CheckIn { .. } => parties.as_ref().is_some_and(|p| rules::is_party(p, caller)),
        };
        if !allowed {
            return Err(Refusal::Forbidden("only the people this belongs to can write it".into()).into());
        }
        let old = match (&current, expect) {
            (Some(_), Expect::Absent) => return Err(StoreError::Conflict("the key exists already".into())),
            (None, Expect::Revision(_)) => return Err(StoreError::Conflict("the key does not exist (any more)".into())),
            (Some((_, rev)), Expect::Revision(want)) if *rev != want => return Err(StoreError::Conflict(format!("the stored revision is {rev}, not {want}"))),
            (Some((value, _)), _) => Some(serde_json::from_str::<Value>(value).map_err(|e| Refusal::Invalid(format!("the stored value is damaged: {e}")))?),
            (None, _) => None,
        };
        rules::check_write(key, caller, old.as_ref(), &new, parties.as_ref())?;

        let at = now_rfc3339();
        let owner = match key {
            Key::Private { user } => Some(user.clone()),
            _ => None,
        };
        let order = self.write_order.lock().await;
        let rev = self.audit(&mut tx, caller, key_text, "put", None, &at).await?;
        let created = current.is_none();
        match current {
            Some((_, old_rev)) => {
                let done = sqlx::query("UPDATE docs SET value = $1, rev = $2, updated_at = $3 WHERE key = $4 AND rev = $5")
                    .bind(text)
                    .bind(rev)
                    .bind(&at)
                    .bind(key_text)
                    .bind(old_rev)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::Conflict("someone else wrote this key at the same time".into()));
                }
            }
            None => {
                let done =
                    sqlx::query("INSERT INTO docs (key, rel_id, owner, value, rev, updated_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (key) DO NOTHING")
                        .bind(key_text)
                        .bind(key.rel().map(str::to_string))
                        .bind(owner)
                        .bind(text)
                        .bind(rev)
                        .bind(&at)
                        .execute(&mut *tx)
                        .await?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::Conflict("someone else created this key at the same time".into()));
                }
                if let Key::Relationship { rel } = key {
                    for party in rules::parties(&new)? {
                        if let Some(who) = party.member_name() {
                            sqlx::query("INSERT INTO members (rel_id, who) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                                .bind(rel)
                                .bind(who)
                                .execute(&mut *tx)
                                .await?;
                        }
                    }
                }
            }
        }
        tx.commit().await?;
        let _ = self.changes.send(Change { seq: rev, key: key_text.to_string() });
        drop(order);
        Ok(Written { rev, created })
    }

    pub async fn delete(&self, caller: &Caller, key_text: &str, key: &Key, want: i64) -> Result<(), StoreError> {
        let parties = match key.rel() {
            Some(rel) => self.parties(rel).await?,
            None => None,
        };
        rules::check_delete(key, caller, parties.as_ref())?;
        let mut tx = self.pool.begin().await?;
        let current = sqlx::query("SELECT rev FROM docs WHERE key = $1").bind(key_text).fetch_optional(&mut *tx).await?;
        let Some(rev) = current.map(|r: AnyRow| r.get::<i64, _>(0)) else { return Err(StoreError::NotFound) };
        if rev != want {
            return Err(StoreError::Conflict(format!("the stored revision is {rev}, not {want}")));
        }
        let order = self.write_order.lock().await;
        let done = sqlx::query("DELETE FROM docs WHERE key = $1 AND rev = $2").bind(key_text).bind(rev).execute(&mut *tx).await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Conflict("someone else wrote this key at the same time".into()));
        }
        let at = now_rfc3339();
        let seq = self.audit(&mut tx, caller, key_text, "delete", Some(rev), &at).await?;
        tx.commit().await?;
        let _ = self.changes.send(Change { seq, key: key_text.to_string() });
        drop(order);
        Ok(())
    }

    /// The audit row of a write, numbered; for a put that number is also the
    /// new revision (`rev` is filled in to match).
    /// A delete records the revision it removed.
    async fn audit(
        &self,
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        caller: &Caller,
        key: &str,
        action: &str,
        removed: Option<i64>,
        at: &str,
    ) -> Result<i64, sqlx::Error> {
        let row = sqlx::query("INSERT INTO audit (at, user_id, key, rev, action) VALUES ($1, $2, $3, 0, $4) RETURNING seq")
            .bind(at)
            .bind(&caller.id)
            .bind(key)
            .bind(action)
            .fetch_one(&mut **tx)
            .await?;
        let seq: i64 = row.get(0);
        sqlx::query("UPDATE audit SET rev = $1 WHERE seq = $2").bind(removed.unwrap_or(seq)).bind(seq).execute(&mut **tx).await?;
        Ok(seq)
    }

    /// The keys under `prefix` the caller may read, after `after`, in key
    /// order, at most `limit`.
    pub async fn list(&self, caller: &Caller, prefix: &str, after: &str, limit: i64) -> Result<Vec<(String, i64)>, sqlx::Error> {
        let (id, email) = rules::member_names(caller);
        let own = rules::segment(&caller.id);
        let rows = sqlx::query(
            "SELECT key, rev FROM docs WHERE substr(key, 1, CAST($1 AS INTEGER)) = $2 AND key > $3 \
             AND ((rel_id IS NOT NULL AND rel_id IN (SELECT rel_id FROM members WHERE who = $4 OR who = $5)) OR owner = $6) \
             ORDER BY key LIMIT $7",
        )
        .bind(prefix.chars().count() as i64)
        .bind(prefix)
        .bind(after)
        .bind(id)
        .bind(email)
        .bind(own)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|r| (r.get(0), r.get(1))).collect())
    }

    /// Up to 1000 changes after `seq` under `prefix`, oldest first (for a
    /// client that resumes with `Last-Event-ID`; call again after the last
    /// one until none is left); filtered by the caller's access later.
    pub async fn changes_since(&self, seq: i64, prefix: &str) -> Result<Vec<Change>, sqlx::Error> {
        let rows = sqlx::query("SELECT seq, key FROM audit WHERE seq > $1 AND substr(key, 1, CAST($2 AS INTEGER)) = $3 ORDER BY seq LIMIT 1000")
            .bind(seq)
            .bind(prefix.chars().count() as i64)
            .bind(prefix)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.into_iter().map(|r| Change { seq: r.get(0), key: r.get(1) }).collect())
    }

    /// The number of the latest change (0 when there is none).
    pub async fn last_seq(&self) -> Result<i64, sqlx::Error> {
        let row = sqlx::query("SELECT COALESCE(MAX(seq), 0) FROM audit").fetch_one(&self.pool).await?;
        Ok(row.get(0))
    }

    /// The audit trail of one key, oldest first: (user, rev, action).
    pub async fn audit_of(&self, key: &str) -> Result<Vec<(String, i64, String)>, sqlx::Error> {
        let rows = sqlx::query("SELECT user_id, rev, action FROM audit WHERE key = $1 ORDER BY seq").bind(key).fetch_all(&self.pool).await?;
        Ok(rows.into_iter().map(|r| (r.get(0), r.get(1), r.get(2))).collect())
    }
}

#[cfg(test)]
mod tests {
    // Pins: the clock formats as RFC 3339 (checked against a known instant's shape).
    #[test]
    fn rfc3339_shape() {
        let now = super::now_rfc3339();
        assert_eq!(now.len(), 20, "{now}");
        assert!(now.ends_with('Z') && now.as_bytes()[10] == b'T', "{now}");
        assert!(now.as_str() > "2024-01-01", "{now}");
    }
}
