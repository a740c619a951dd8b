//! The baselines: what plain sqlx does with the same rows in the same
//! database, so every store figure has a yardstick measured in the same run.
//!
//! `baseline_events` has the columns, unique keys and index of `events`
//! (not its update/delete triggers, which never fire on insert).
//! - (a) one row per transaction: `BEGIN; INSERT …; COMMIT`, one after another;
//! - (b) one multi-row `INSERT … VALUES (…), (…)` of [`BULK_ROWS`] rows per
//!   transaction;
//! - (c) one `SELECT … ORDER BY position` over the whole table, every column
//!   decoded, JSON only validated ([`RawValue`]), as the database hands it out;
//! - (c′) the same scan decoding JSON into `serde_json::Value`, as the store
//!   must: it separates the cost of building JSON trees from the store's own.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use futures::TryStreamExt;
use serde_json::value::RawValue;
use serde_json::Value;
use sqlx::types::Json;
use sqlx::{Postgres, QueryBuilder, Row, Sqlite};

use crate::database::Plain;
use crate::payload::{self, Row as EventRow};

/// Rows per multi-row insert in baseline (b) and in the prefill.
pub const BULK_ROWS: usize = 1000;

const SQLITE_DDL: &str = "CREATE TABLE baseline_events (
    position       INTEGER PRIMARY KEY AUTOINCREMENT,
    stream_id      TEXT    NOT NULL,
    stream_version INTEGER NOT NULL,
    event_id       TEXT    NOT NULL UNIQUE,
    event_type     TEXT    NOT NULL,
    schema_version INTEGER NOT NULL,
    payload        TEXT    NOT NULL,
    metadata       TEXT    NOT NULL,
    recorded_at    INTEGER NOT NULL,
    hash           BLOB    NOT NULL,
    CONSTRAINT baseline_stream_version UNIQUE (stream_id, stream_version)
)";

const POSTGRES_DDL: &str = "CREATE TABLE baseline_events (
    position       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream_id      TEXT        NOT NULL,
    stream_version BIGINT      NOT NULL,
    event_id       UUID        NOT NULL UNIQUE,
    event_type     TEXT        NOT NULL,
    schema_version INTEGER     NOT NULL,
    payload        JSONB       NOT NULL,
    metadata       JSONB       NOT NULL,
    recorded_at    TIMESTAMPTZ NOT NULL,
    hash           BYTEA       NOT NULL,
    CONSTRAINT baseline_stream_version UNIQUE (stream_id, stream_version)
)";

const INDEX_DDL: &str =
    "CREATE INDEX baseline_recorded_at ON baseline_events (stream_id, recorded_at)";

const INSERT: &str = "INSERT INTO baseline_events (stream_id, stream_version, event_id, \
                      event_type, schema_version, payload, metadata, recorded_at, hash) ";

const SCAN: &str = "SELECT position, stream_id, stream_version, event_id, event_type, \
                    schema_version, payload, metadata, recorded_at, hash \
                    FROM baseline_events ORDER BY position";

/// Creates `baseline_events`.
pub async fn create_table(plain: &Plain) -> anyhow::Result<()> {
    match plain {
        Plain::Sqlite(_) => plain.execute(SQLITE_DDL).await?,
        Plain::Postgres(_) => plain.execute(POSTGRES_DDL).await?,
    }
    plain.execute(INDEX_DDL).await
}

/// How much a timed loop did.
#[derive(Debug, Clone, Copy)]
pub struct Done {
    /// Rows written or read.
    pub rows: u64,
    /// Wall time.
    pub elapsed: Duration,
}

impl Done {
    /// Two measurements taken as one.
    pub fn plus(self, other: Done) -> Done {
        Done {
            rows: self.rows + other.rows,
            elapsed: self.elapsed + other.elapsed,
        }
    }

    /// Rows per second.
    pub fn per_second(self) -> f64 {
        self.rows as f64 / self.elapsed.as_secs_f64()
    }
}

/// Streams of ten rows each, named `prefix-<n>`, for the `count` rows from
/// the `first`-th on.
fn rows(prefix: &str, first: u64, count: usize) -> anyhow::Result<Vec<EventRow>> {
    let now = Utc::now();
    (first..first + count as u64)
        .map(|n| payload::row(&format!("{prefix}-{}", n / 10), (n % 10) as i64 + 1, n, now))
        .collect()
}

/// Inserts `rows` in one multi-row statement, in its own transaction.
async fn insert_bulk(plain: &Plain, rows: &[EventRow]) -> anyhow::Result<()> {
    match plain {
        Plain::Sqlite(pool) => {
            let mut tx = pool.begin().await?;
            let mut insert = QueryBuilder::<Sqlite>::new(INSERT);
            insert.push_values(rows, |mut b, r| {
                b.push_bind(r.stream_id.clone())
                    .push_bind(r.stream_version)
                    .push_bind(r.event_id.to_string())
                    .push_bind(r.event_type)
                    .push_bind(r.schema_version)
                    .push_bind(r.payload.to_string())
                    .push_bind(r.metadata.to_string())
                    .push_bind(r.recorded_at.timestamp_micros())
                    .push_bind(r.hash.clone());
            });
            insert.build().execute(&mut *tx).await?;
            tx.commit().await?;
        }
        Plain::Postgres(pool) => {
            let mut tx = pool.begin().await?;
            let mut insert = QueryBuilder::<Postgres>::new(INSERT);
            insert.push_values(rows, |mut b, r| {
                b.push_bind(r.stream_id.clone())
                    .push_bind(r.stream_version)
                    .push_bind(r.event_id)
                    .push_bind(r.event_type)
                    .push_bind(r.schema_version)
                    .push_bind(Json(r.payload.clone()))
                    .push_bind(Json(r.metadata.clone()))
                    .push_bind(r.recorded_at)
                    .push_bind(r.hash.clone());
            });
            insert.build().execute(&mut *tx).await?;
            tx.commit().await?;
        }
    }
    Ok(())
}

/// Inserts one row in its own explicit transaction.
async fn insert_one(plain: &Plain, r: &EventRow) -> anyhow::Result<()> {
    let sql = format!("{INSERT} VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)");
    match plain {
        Plain::Sqlite(pool) => {
            let mut tx = pool.begin().await?;
            sqlx::query(&sql)
                .bind(&r.stream_id)
                .bind(r.stream_version)
                .bind(r.event_id.to_string())
                .bind(r.event_type)
                .bind(r.schema_version)
                .bind(r.payload.to_string())
                .bind(r.metadata.to_string())
                .bind(r.recorded_at.timestamp_micros())
                .bind(&r.hash)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        }
        Plain::Postgres(pool) => {
            let mut tx = pool.begin().await?;
            sqlx::query(&sql)
                .bind(&r.stream_id)
                .bind(r.stream_version)
                .bind(r.event_id)
                .bind(r.event_type)
                .bind(r.schema_version)
                .bind(Json(&r.payload))
                .bind(Json(&r.metadata))
                .bind(r.recorded_at)
                .bind(&r.hash)
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        }
    }
    Ok(())
}

/// Fills `baseline_events` with `count` rows, as the store's log is filled.
pub async fn prefill(plain: &Plain, count: usize) -> anyhow::Result<()> {
    let mut first = 0;
    while first < count {
        let chunk = BULK_ROWS.min(count - first);
        insert_bulk(plain, &rows("prefill", first as u64, chunk)?).await?;
        first += chunk;
    }
    Ok(())
}

/// Baseline (a): one row per transaction for `duration`, to streams named
/// `label-<n>`.
pub async fn one_row_per_transaction(
    plain: &Plain,
    label: &str,
    duration: Duration,
) -> anyhow::Result<Done> {
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < duration {
        let row = payload::row(
            &format!("{label}-{}", n / 10),
            (n % 10) as i64 + 1,
            n,
            Utc::now(),
        )?;
        insert_one(plain, &row).await?;
        n += 1;
    }
    Ok(Done {
        rows: n,
        elapsed: start.elapsed(),
    })
}

/// Baseline (b): multi-row inserts of [`BULK_ROWS`] rows for `duration`, to
/// streams named `label-<n>`.
pub async fn multi_row_insert(
    plain: &Plain,
    label: &str,
    duration: Duration,
) -> anyhow::Result<Done> {
    let start = Instant::now();
    let mut n = 0u64;
    while start.elapsed() < duration {
        insert_bulk(plain, &rows(label, n, BULK_ROWS)?).await?;
        n += BULK_ROWS as u64;
    }
    Ok(Done {
        rows: n,
        elapsed: start.elapsed(),
    })
}

/// Baseline (c) (`parse_json` false) or (c′) (true): one ordered scan of
/// the first `limit` rows of the table.
pub async fn scan(plain: &Plain, limit: i64, parse_json: bool) -> anyhow::Result<Done> {
    let sql = format!("{SCAN} LIMIT {limit}");
    let start = Instant::now();
    let mut rows = 0u64;
    let mut bytes = 0usize;
    match plain {
        Plain::Sqlite(pool) => {
            let mut stream = sqlx::query(&sql).fetch(pool);
            while let Some(row) = stream.try_next().await? {
                let _position: i64 = row.try_get(0)?;
                let stream_id: String = row.try_get(1)?;
                let _version: i64 = row.try_get(2)?;
                let event_id: String = row.try_get(3)?;
                let _type: String = row.try_get(4)?;
                let _schema: i32 = row.try_get(5)?;
                bytes += if parse_json {
                    let p: Json<Value> = row.try_get(6)?;
                    let m: Json<Value> = row.try_get(7)?;
                    usize::from(p.0.is_object()) + usize::from(m.0.is_object())
                } else {
                    let p: Json<Box<RawValue>> = row.try_get(6)?;
                    let m: Json<Box<RawValue>> = row.try_get(7)?;
                    p.0.get().len() + m.0.get().len()
                };
                let _at: i64 = row.try_get(8)?;
                let hash: Vec<u8> = row.try_get(9)?;
                bytes += stream_id.len() + event_id.len() + hash.len();
                rows += 1;
            }
        }
        Plain::Postgres(pool) => {
            let mut stream = sqlx::query(&sql).fetch(pool);
            while let Some(row) = stream.try_next().await? {
                let _position: i64 = row.try_get(0)?;
                let stream_id: String = row.try_get(1)?;
                let _version: i64 = row.try_get(2)?;
                let _event_id: uuid::Uuid = row.try_get(3)?;
                let _type: String = row.try_get(4)?;
                let _schema: i32 = row.try_get(5)?;
                bytes += if parse_json {
                    let p: Json<Value> = row.try_get(6)?;
                    let m: Json<Value> = row.try_get(7)?;
                    usize::from(p.0.is_object()) + usize::from(m.0.is_object())
                } else {
                    let p: Json<Box<RawValue>> = row.try_get(6)?;
                    let m: Json<Box<RawValue>> = row.try_get(7)?;
                    p.0.get().len() + m.0.get().len()
                };
                let _at: DateTime<Utc> = row.try_get(8)?;
                let hash: Vec<u8> = row.try_get(9)?;
                bytes += stream_id.len() + hash.len();
                rows += 1;
            }
        }
    }
    // Keeps the decoded values observably used.
    std::hint::black_box(bytes);
    Ok(Done {
        rows,
        elapsed: start.elapsed(),
    })
}
