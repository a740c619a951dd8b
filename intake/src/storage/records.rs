//! `intake_records`: which ticket each platform record opened, and how far
//! the platform's version and status have been carried onto it. This table is
//! what makes a later import of the same record an update (or nothing).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use returns_eventstore::db::{in_list, upsert, Arg, Col, Statement};
use returns_eventstore::{statement, EventStore, Result};
use serde::Serialize;
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
) -> Result<Option<IntakeRecord>> {
    let sql =
        format!("SELECT {COLUMNS} FROM intake_records WHERE platform = $1 AND aftersale_id = $2");
    store
        .db()
        .fetch_optional(&statement!(sql, platform, aftersale_id))
        .await
}

/// The records of `aftersale_ids` on `platform` that intake has seen, by after-sale id.
pub async fn find_many(
    store: &EventStore,
    platform: &str,
    aftersale_ids: &[String],
) -> Result<HashMap<String, IntakeRecord>> {
    let (ids, list) = in_list(store.db().dialect(), "aftersale_id", 2, aftersale_ids);
    let sql = format!("SELECT {COLUMNS} FROM intake_records WHERE platform = $1 AND {ids}");
    let rows: Vec<IntakeRecord> = store
        .db()
        .fetch_all(&Statement::new(sql, vec![Arg::from(platform), list]))
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.aftersale_id.clone(), r))
        .collect())
}

/// Every record of one platform, by after-sale id (for admins and tests).
pub async fn list(store: &EventStore, platform: &str) -> Result<Vec<IntakeRecord>> {
    let sql =
        format!("SELECT {COLUMNS} FROM intake_records WHERE platform = $1 ORDER BY aftersale_id");
    store.db().fetch_all(&statement!(sql, platform)).await
}

/// Rows per statement: far below both databases' bound-parameter limits.
const CHUNK: usize = 500;

const NAMES: [(&str, Col); 7] = [
    ("platform", Col::Plain),
    ("aftersale_id", Col::Plain),
    ("ticket_id", Col::Plain),
    ("platform_version", Col::Plain),
    ("platform_status", Col::Plain),
    ("platform_deadline", Col::Plain),
    ("updated_at", Col::Plain),
];

/// Writes `records` in as few statements as possible. A row only moves
/// forward: a stored newer platform version is never overwritten by an older
/// one, whatever order concurrent importers finish in. Each key must appear
/// at most once in `records`.
pub async fn save(store: &EventStore, records: &[IntakeRecord]) -> Result<()> {
    let db = store.db();
    for chunk in records.chunks(CHUNK) {
        let rows = chunk
            .iter()
            .map(|r| {
                vec![
                    Arg::from(r.platform.as_str()),
                    Arg::from(r.aftersale_id.as_str()),
                    Arg::from(r.ticket_id.as_str()),
                    Arg::from(r.platform_version),
                    Arg::from(r.platform_status.clone()),
                    Arg::from(r.platform_deadline),
                    Arg::from(r.updated_at),
                ]
            })
            .collect();
        for statement in upsert(
            db.dialect(),
            "intake_records",
            &NAMES,
            &["platform", "aftersale_id"],
            Some(UPDATE),
            rows,
        ) {
            db.execute(&statement).await?;
        }
    }
    Ok(())
}

const UPDATE: &str =
    "ticket_id = excluded.ticket_id, platform_version = excluded.platform_version, \
     platform_status = excluded.platform_status, \
     platform_deadline = excluded.platform_deadline, updated_at = excluded.updated_at \
     WHERE intake_records.platform_version IS NULL OR excluded.platform_version IS NULL \
     OR excluded.platform_version >= intake_records.platform_version";
