//! `intake_records`: which ticket each platform record opened, and how far
//! the platform's version and status have been carried onto it. This table is
//! what makes a later import of the same record an update (or nothing).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use returns_eventstore::backend::Backend;
use returns_eventstore::EventStore;
use serde::Serialize;
use sqlx::QueryBuilder;
use uuid::Uuid;

/// One platform record as intake last left it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct IntakeRecord {
    /// The platform.
    pub platform: String,
    /// The platform's after-sale id.
    pub aftersale_id: String,
    /// The ticket it opened (as text: both backends store it the same way).
    pub ticket_id: String,
    /// The newest platform version carried onto the ticket.
    pub platform_version: Option<i64>,
    /// The platform status whose command is reflected on the ticket; `None`
    /// while a status command is still waiting for the ticket to allow it.
    pub platform_status: Option<String>,
    /// The platform's deadline for the current step.
    pub platform_deadline: Option<DateTime<Utc>>,
    /// When intake last wrote this row.
    pub updated_at: DateTime<Utc>,
}

impl IntakeRecord {
    /// The ticket id, if the stored text is a UUID.
    pub fn ticket_uuid(&self) -> Option<Uuid> {
        Uuid::parse_str(&self.ticket_id).ok()
    }
}

const COLUMNS: &str =
    "platform, aftersale_id, ticket_id, platform_version, platform_status, platform_deadline, updated_at";

/// The record for (platform, after-sale id), if intake has seen it.
pub async fn find(
    store: &EventStore,
    platform: &str,
    aftersale_id: &str,
) -> Result<Option<IntakeRecord>, sqlx::Error> {
    let sql =
        format!("SELECT {COLUMNS} FROM intake_records WHERE platform = $1 AND aftersale_id = $2");
    match store.backend() {
        Backend::Sqlite(pool) => {
            sqlx::query_as(&sql)
                .bind(platform)
                .bind(aftersale_id)
                .fetch_optional(pool)
                .await
        }
        Backend::Postgres(pool) => {
            sqlx::query_as(&sql)
                .bind(platform)
                .bind(aftersale_id)
                .fetch_optional(pool)
                .await
        }
    }
}

/// The records of `aftersale_ids` on `platform` that intake has seen, by after-sale id.
pub async fn find_many(
    store: &EventStore,
    platform: &str,
    aftersale_ids: &[String],
) -> Result<HashMap<String, IntakeRecord>, sqlx::Error> {
    let rows: Vec<IntakeRecord> = match store.backend() {
        Backend::Sqlite(pool) => {
            // SQLite binds a list as one JSON array expanded by json_each.
            let sql = format!(
                "SELECT {COLUMNS} FROM intake_records WHERE platform = $1 \
                 AND aftersale_id IN (SELECT value FROM json_each($2))"
            );
            let ids = serde_json::to_string(aftersale_ids).unwrap_or_else(|_| "[]".to_owned());
            sqlx::query_as(&sql)
                .bind(platform)
                .bind(ids)
                .fetch_all(pool)
                .await?
        }
        Backend::Postgres(pool) => {
            let sql = format!(
                "SELECT {COLUMNS} FROM intake_records WHERE platform = $1 AND aftersale_id = ANY($2)"
            );
            sqlx::query_as(&sql)
                .bind(platform)
                .bind(aftersale_ids)
                .fetch_all(pool)
                .await?
        }
    };
    Ok(rows
        .into_iter()
        .map(|r| (r.aftersale_id.clone(), r))
        .collect())
}

/// Every record of one platform, by after-sale id (for admins and tests).
pub async fn list(store: &EventStore, platform: &str) -> Result<Vec<IntakeRecord>, sqlx::Error> {
    let sql =
        format!("SELECT {COLUMNS} FROM intake_records WHERE platform = $1 ORDER BY aftersale_id");
    match store.backend() {
        Backend::Sqlite(pool) => sqlx::query_as(&sql).bind(platform).fetch_all(pool).await,
        Backend::Postgres(pool) => sqlx::query_as(&sql).bind(platform).fetch_all(pool).await,
    }
}

/// Rows per statement: far below both databases' bound-parameter limits.
const CHUNK: usize = 500;

/// Writes `records` in as few statements as possible. A row only moves
/// forward: a stored newer platform version is never overwritten by an older
/// one, whatever order concurrent importers finish in. Each key must appear
/// at most once in `records`.
pub async fn save(store: &EventStore, records: &[IntakeRecord]) -> Result<(), sqlx::Error> {
    for chunk in records.chunks(CHUNK) {
        // One statement per backend: the builder is typed by its database.
        macro_rules! upsert {
            ($db:ty, $pool:expr) => {{
                let mut qb: QueryBuilder<'_, $db> =
                    QueryBuilder::new(format!("INSERT INTO intake_records ({COLUMNS}) "));
                qb.push_values(chunk, |mut row, r| {
                    row.push_bind(r.platform.clone())
                        .push_bind(r.aftersale_id.clone())
                        .push_bind(r.ticket_id.clone())
                        .push_bind(r.platform_version)
                        .push_bind(r.platform_status.clone())
                        .push_bind(r.platform_deadline)
                        .push_bind(r.updated_at);
                });
                qb.push(UPSERT_TAIL);
                qb.build().execute($pool).await?.rows_affected()
            }};
        }
        match store.backend() {
            Backend::Sqlite(pool) => upsert!(sqlx::Sqlite, pool),
            Backend::Postgres(pool) => upsert!(sqlx::Postgres, pool),
        };
    }
    Ok(())
}

const UPSERT_TAIL: &str = " ON CONFLICT (platform, aftersale_id) DO UPDATE SET \
     ticket_id = excluded.ticket_id, platform_version = excluded.platform_version, \
     platform_status = excluded.platform_status, \
     platform_deadline = excluded.platform_deadline, updated_at = excluded.updated_at \
     WHERE intake_records.platform_version IS NULL OR excluded.platform_version IS NULL \
     OR excluded.platform_version >= intake_records.platform_version";
