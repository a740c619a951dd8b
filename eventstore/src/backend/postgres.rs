//! PostgreSQL SQL. Lists are bound as arrays; batches are inserted with one
//! `UNNEST` statement so a group commit is one round trip.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::postgres::{PgDatabaseError, PgRow};
use sqlx::types::Json;
use sqlx::{Executor, PgPool, Postgres, Row};
use uuid::Uuid;

use super::{CommandRow, EventRow, StreamQuery};
use crate::db::{postgres_args, Arg};
use crate::error::Result;
use crate::event::{AppendResult, CommandRecord, RawEvent, SideWrite};
use crate::verify::Seal;

/// The advisory lock every append takes while it gets its transaction id and
/// draws its positions, so the two orders agree (see [`SETTLED`]). The same
/// number is written out in `returns_append` (migration 0003).
pub const APPEND_LOCK_KEY: i64 = 0x0072_6574_7572_6e73; // "returns" in ASCII

/// Rows of appends older than every transaction still running. Appends draw
/// their xid and positions under the append lock but commit after releasing
/// it (migration 0003), so a younger append may commit first; a reader takes
/// rows in position order while they leave no gap, and past a gap only
/// settled ones, so it never skips a position that commits late. The
/// snapshot's xmin is the whole server's, so another database's long writing
/// transaction delays rows past a gap, never the gap-free common case.
pub(crate) const SETTLED: &str = "tx_id < pg_snapshot_xmin(pg_current_snapshot())";

/// The channel appends are announced on.
pub const NOTIFY_CHANNEL: &str = "returns_events";

const COLUMNS: &str = "position, stream_id, stream_version, event_id, event_type, \
                       schema_version, payload, metadata::text AS metadata, recorded_at, hash";

fn decode(row: &PgRow) -> Result<RawEvent> {
    let payload: Json<serde_json::Value> = row.try_get("payload")?;
    Ok(RawEvent {
        position: row.try_get("position")?,
        stream_id: row.try_get("stream_id")?,
        stream_version: row.try_get("stream_version")?,
        event_id: row.try_get("event_id")?,
        event_type: row.try_get("event_type")?,
        schema_version: row.try_get("schema_version")?,
        payload: payload.0,
        metadata: row.try_get("metadata")?,
        recorded_at: row.try_get("recorded_at")?,
        hash: row.try_get("hash")?,
    })
}

pub(crate) async fn read_stream(pool: &PgPool, q: &StreamQuery<'_>) -> Result<Vec<RawEvent>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM events WHERE stream_id = $1 AND stream_version >= $2 \
         AND stream_version <= $3 AND ($4::timestamptz IS NULL OR recorded_at <= $4) \
         ORDER BY stream_version"
    );
    let rows = sqlx::query(&sql)
        .bind(q.stream)
        .bind(q.from_version)
        .bind(q.to_version.unwrap_or(i64::MAX))
        .bind(q.until)
        .fetch_all(pool)
        .await?;
    rows.iter().map(decode).collect()
}

pub(crate) async fn read_all(pool: &PgPool, after: i64, limit: i64) -> Result<Vec<RawEvent>> {
    let sql = format!(
        "SELECT {COLUMNS}, {SETTLED} AS settled FROM events WHERE position > $1 \
         ORDER BY position LIMIT $2"
    );
    let rows = sqlx::query(&sql)
        .bind(after)
        .bind(limit)
        .fetch_all(pool)
        .await?;
    let mut events = Vec::with_capacity(rows.len());
    let mut last = after;
    for row in &rows {
        let position: i64 = row.try_get("position")?;
        if !final_after(last, position, row.try_get("settled")?) {
            break;
        }
        events.push(decode(row)?);
        last = position;
    }
    Ok(events)
}

/// Whether a visible row at `position`, read after everything up to `last`,
/// can be handed out without ever skipping a lower position. With no gap
/// below it, nothing can appear in between. Past a gap, only when the row
/// is settled ([`SETTLED`]): then whatever drew the missing positions is
/// older and finished, so the gap is an aborted append's and stays a gap.
fn final_after(last: i64, position: i64, settled: bool) -> bool {
    position == last + 1 || settled
}

/// The last position up to which the log is final (see [`final_after`]).
pub(crate) async fn head_position(pool: &PgPool) -> Result<i64> {
    let sql = format!(
        "WITH s AS (SELECT COALESCE(MAX(position), 0) AS p FROM events WHERE {SETTLED}) \
         SELECT s.p, e.position, e.settled FROM s LEFT JOIN LATERAL \
             (SELECT position, {SETTLED} AS settled FROM events WHERE position > s.p \
              ORDER BY position LIMIT 10000) e ON true \
         ORDER BY e.position"
    );
    let rows: Vec<(i64, Option<i64>, Option<bool>)> = sqlx::query_as(&sql).fetch_all(pool).await?;
    let mut head = rows.first().map_or(0, |row| row.0);
    for (_, position, settled) in rows {
        let (Some(position), Some(settled)) = (position, settled) else {
            break;
        };
        if !final_after(head, position, settled) {
            break;
        }
        head = position;
    }
    Ok(head)
}

pub(crate) async fn lookup_commands<'c, E>(
    executor: E,
    ids: &[Uuid],
) -> Result<super::KnownCommands>
where
    E: Executor<'c, Database = Postgres>,
{
    let rows = sqlx::query(
        "SELECT command_id, stream_id, first_position, last_position, next_version, \
                command_kind, input_hash FROM commands \
         WHERE command_id = ANY($1)",
    )
    .bind(ids)
    .fetch_all(executor)
    .await?;
    let mut found = HashMap::with_capacity(rows.len());
    for row in rows {
        let record = CommandRecord {
            stream: row.try_get(1)?,
            result: AppendResult {
                first_position: row.try_get(2)?,
                last_position: row.try_get(3)?,
                next_version: row.try_get(4)?,
                repeated: true,
            },
            kind: row.try_get(5)?,
            input_hash: row.try_get(6)?,
        };
        found.insert(row.try_get(0)?, record);
    }
    Ok(found)
}

pub(crate) async fn heads_and_commands(
    pool: &PgPool,
    streams: &[String],
    ids: &[Uuid],
) -> Result<(super::Heads, super::KnownCommands)> {
    // One index probe per stream (LATERAL … LIMIT 1): a DISTINCT ON over the
    // streams' rows read every version of a long stream on every append.
    let rows = sqlx::query(
        "SELECT 0 AS k, s.id AS id, h.stream_version AS a, NULL::int8 AS b, NULL::int8 AS c, \
                h.hash AS h, NULL::text AS s, NULL::text AS ck, NULL::text AS ih \
         FROM unnest($1::text[]) AS s (id) CROSS JOIN LATERAL \
              (SELECT stream_version, hash FROM events WHERE stream_id = s.id \
               ORDER BY stream_version DESC LIMIT 1) h \
         UNION ALL \
         SELECT 1, command_id::text, first_position, last_position, next_version, NULL::bytea, stream_id, \
                command_kind, input_hash \
         FROM commands WHERE command_id = ANY($2)",
    )
    .bind(streams)
    .bind(ids)
    .fetch_all(pool)
    .await?;
    let mut heads = super::Heads::new();
    let mut known = super::KnownCommands::new();
    for row in rows {
        let kind: i32 = row.try_get(0)?;
        let id: String = row.try_get(1)?;
        if kind == 0 {
            heads.insert(id, (row.try_get(2)?, row.try_get(5)?));
        } else if let Ok(command_id) = Uuid::parse_str(&id) {
            let result = AppendResult {
                first_position: row.try_get(2)?,
                last_position: row.try_get::<Option<i64>, _>(3)?.unwrap_or_default(),
                next_version: row.try_get::<Option<i64>, _>(4)?.unwrap_or_default(),
                repeated: true,
            };
            let text = |at: usize| -> Result<String> {
                Ok(row.try_get::<Option<String>, _>(at)?.unwrap_or_default())
            };
            known.insert(
                command_id,
                CommandRecord {
                    stream: text(6)?,
                    kind: text(7)?,
                    input_hash: text(8)?,
                    result,
                },
            );
        }
    }
    Ok((heads, known))
}

pub(crate) async fn heads_as_of(
    pool: &PgPool,
    position: i64,
) -> Result<Vec<(String, i64, Vec<u8>)>> {
    let rows = sqlx::query(
        "SELECT DISTINCT ON (stream_id) stream_id, stream_version, hash FROM events \
         WHERE position <= $1 ORDER BY stream_id, stream_version DESC",
    )
    .bind(position)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)))
        .collect()
}

/// One call of `returns_append` (migrations 0003 and 0004) in autocommit:
/// lock, insert, record commands and write the side writes in a single round
/// trip. Side writes that are not all rows of [`SideWrite::insert`] with
/// values JSON can carry run after the call in one transaction instead
/// (BEGIN and COMMIT cost two more round trips, paid only by the appends
/// that carry them). Either way the side writes come after the events: the
/// function assigns the transaction's id under the append lock, before
/// anything else writes, so readers' xid-order guarantee holds.
pub(crate) async fn append_batch(
    pool: &PgPool,
    rows: &[EventRow],
    commands: &[CommandRow],
    side_writes: &[&SideWrite],
) -> Result<HashMap<Uuid, i64>> {
    let n = rows.len();
    let mut stream_ids = Vec::with_capacity(n);
    let mut versions = Vec::with_capacity(n);
    let mut event_ids = Vec::with_capacity(n);
    let mut types = Vec::with_capacity(n);
    let mut schema_versions = Vec::with_capacity(n);
    let mut payloads = Vec::with_capacity(n);
    let mut metadata = Vec::with_capacity(n);
    let mut recorded = Vec::with_capacity(n);
    let mut hashes = Vec::with_capacity(n);
    for row in rows {
        stream_ids.push(row.stream_id.as_str());
        versions.push(row.stream_version);
        event_ids.push(row.event_id);
        types.push(row.event_type.as_str());
        schema_versions.push(row.schema_version);
        payloads.push(Json(&row.payload));
        metadata.push(Json(&row.metadata));
        recorded.push(row.recorded_at);
        hashes.push(row.hash.as_slice());
    }
    let planned = super::plan(side_writes);
    let side = if planned.is_empty() {
        Side::Nothing
    } else {
        match SideRows::of(&planned) {
            Some(rows) => Side::Carried(rows),
            None => Side::Transaction(planned),
        }
    };
    let sql = match side {
        Side::Carried(_) => {
            "SELECT appended_event_id, appended_position FROM returns_append(\
             $1::text[], $2::int8[], $3::uuid[], $4::text[], $5::int4[], $6::jsonb[], $7::jsonb[], \
             $8::timestamptz[], $9::bytea[], $10::uuid[], $11::text[], $12::uuid[], $13::uuid[], \
             $14::int8[], $15::text[], $16::text[], $17::text[], $18::jsonb[], $19::int8[], $20::text[])"
        }
        Side::Nothing | Side::Transaction(_) => {
            "SELECT appended_event_id, appended_position FROM returns_append(\
             $1::text[], $2::int8[], $3::uuid[], $4::text[], $5::int4[], $6::jsonb[], $7::jsonb[], \
             $8::timestamptz[], $9::bytea[], $10::uuid[], $11::text[], $12::uuid[], $13::uuid[], \
             $14::int8[], $15::text[], $16::text[])"
        }
    };
    let call = sqlx::query(sql)
        .bind(&stream_ids)
        .bind(&versions)
        .bind(&event_ids)
        .bind(&types)
        .bind(&schema_versions)
        .bind(&payloads)
        .bind(&metadata)
        .bind(&recorded)
        .bind(&hashes)
        .bind(commands.iter().map(|c| c.command_id).collect::<Vec<_>>())
        .bind(
            commands
                .iter()
                .map(|c| c.stream_id.as_str())
                .collect::<Vec<_>>(),
        )
        .bind(commands.iter().map(|c| c.first_event).collect::<Vec<_>>())
        .bind(commands.iter().map(|c| c.last_event).collect::<Vec<_>>())
        .bind(commands.iter().map(|c| c.next_version).collect::<Vec<_>>())
        .bind(commands.iter().map(|c| c.kind.as_str()).collect::<Vec<_>>())
        .bind(
            commands
                .iter()
                .map(|c| c.input_hash.as_str())
                .collect::<Vec<_>>(),
        );
    let returned = match side {
        Side::Nothing => call.fetch_all(pool).await?,
        Side::Carried(side) => call
            .bind(side.sql)
            .bind(side.rows)
            .bind(side.expect)
            .bind(side.what)
            .fetch_all(pool)
            .await
            .map_err(refusal)?,
        Side::Transaction(planned) => {
            let mut tx = pool.begin().await?;
            let returned = call.fetch_all(&mut *tx).await?;
            for write in super::merged(planned) {
                let statement = &write.statement;
                let affected = sqlx::query_with(&statement.sql, postgres_args(&statement.args)?)
                    .persistent(statement.persistent)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
                // Returning drops the transaction, which rolls it back.
                super::check_side_write(&write, affected)?;
            }
            tx.commit().await?;
            returned
        }
    };
    returned
        .iter()
        .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
        .collect()
}

/// How an append's side writes reach the database.
enum Side<'a> {
    Nothing,
    /// In `returns_append`'s own call.
    Carried(SideRows),
    /// After the call, in a transaction with it.
    Transaction(Vec<super::Planned<'a>>),
}

/// Side writes as `returns_append` takes them (migration 0004): per group of
/// rows of one shape, a statement reading its rows from `$1`, the rows as a
/// JSON array of objects keyed by column, the rows it must affect, and what
/// it writes.
struct SideRows {
    sql: Vec<String>,
    rows: Vec<Json<Value>>,
    expect: Vec<Option<i64>>,
    what: Vec<String>,
}

impl SideRows {
    /// `None` unless every write is a row of [`SideWrite::insert`] whose
    /// values JSON carries as its column's type reads them.
    fn of(planned: &[super::Planned<'_>]) -> Option<Self> {
        let mut side = Self {
            sql: Vec::with_capacity(planned.len()),
            rows: Vec::with_capacity(planned.len()),
            expect: Vec::with_capacity(planned.len()),
            what: Vec::with_capacity(planned.len()),
        };
        for slot in planned {
            let super::Planned::Rows(rows) = slot else {
                return None;
            };
            let first = rows.first()?;
            let shape = first.row.as_ref()?;
            let mut objects = Vec::with_capacity(rows.len());
            for row in rows {
                if row.statement.args.len() != shape.columns.len() {
                    return None;
                }
                let object = shape
                    .columns
                    .iter()
                    .zip(&row.statement.args)
                    .map(|(column, arg)| Some((column.clone(), json_of(arg)?)))
                    .collect::<Option<serde_json::Map<String, Value>>>()?;
                objects.push(Value::Object(object));
            }
            let columns = shape.columns.join(", ");
            side.sql.push(format!(
                "{} SELECT {columns} FROM jsonb_populate_recordset(NULL::{}, $1) {}",
                shape.insert_into(),
                shape.table,
                shape.then
            ));
            side.rows.push(Json(Value::Array(objects)));
            let expect: Option<u64> = rows.iter().map(|row| row.must_affect).sum();
            side.expect
                .push(expect.map(|n| i64::try_from(n).unwrap_or(i64::MAX)));
            side.what.push(first.what.clone());
        }
        Some(side)
    }
}

/// A value as `jsonb_populate_recordset` reads it into a column of the
/// argument's type: numbers and text as themselves, times in ISO 8601,
/// bytes in `bytea`'s hex input format. A column of values has no place in
/// a row.
fn json_of(arg: &Arg) -> Option<Value> {
    Some(match arg {
        Arg::Int(v) => Value::from(*v),
        Arg::OptInt(v) => v.map_or(Value::Null, Value::from),
        Arg::Text(v) => Value::from(v.as_str()),
        Arg::OptText(v) => v.as_deref().map_or(Value::Null, Value::from),
        Arg::Bool(v) => Value::from(*v),
        Arg::Time(v) => Value::from(v.to_rfc3339()),
        Arg::OptTime(v) => v.map_or(Value::Null, |t| Value::from(t.to_rfc3339())),
        Arg::Json(v) => v.clone(),
        Arg::Bytes(v) => Value::from(format!("\\x{}", hex::encode(v))),
        Arg::Column(_) => return None,
    })
}

/// `returns_append`'s refusal of a side write (SQLSTATE RS001, migration
/// 0004) as the store reports one; any other error as it is.
fn refusal(error: sqlx::Error) -> crate::Error {
    if let sqlx::Error::Database(db) = &error {
        if let Some(pg) = db.try_downcast_ref::<PgDatabaseError>() {
            if pg.code() == "RS001" {
                let count = |text: Option<&str>| {
                    text.and_then(|t| t.parse::<u64>().ok()).unwrap_or_default()
                };
                return crate::Error::SideWriteRefused {
                    what: pg.message().to_owned(),
                    expected: count(pg.detail()),
                    affected: count(pg.hint()),
                };
            }
        }
    }
    error.into()
}

pub(crate) async fn insert_seal(pool: &PgPool, seal: &Seal) -> Result<Seal> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO seals (head_position, stream_count, heads_hash, sealed_at) VALUES ($1, $2, $3, $4) \
         RETURNING seal_id",
    )
    .bind(seal.head_position)
    .bind(seal.stream_count)
    .bind(&seal.heads_hash)
    .bind(seal.sealed_at)
    .fetch_one(pool)
    .await?;
    Ok(Seal {
        seal_id: id,
        ..seal.clone()
    })
}

pub(crate) async fn seals(pool: &PgPool) -> Result<Vec<Seal>> {
    let rows = sqlx::query(
        "SELECT seal_id, head_position, stream_count, heads_hash, sealed_at FROM seals ORDER BY seal_id",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            let at: DateTime<Utc> = row.try_get(4)?;
            Ok(Seal {
                seal_id: row.try_get(0)?,
                head_position: row.try_get(1)?,
                stream_count: row.try_get(2)?,
                heads_hash: row.try_get(3)?,
                sealed_at: at,
            })
        })
        .collect()
}

/// Announces `position` to other processes' listeners.
pub(crate) async fn announce(pool: &PgPool, position: i64) -> Result<()> {
    sqlx::query("SELECT pg_notify($1, $2)")
        .bind(NOTIFY_CHANNEL)
        .bind(position.to_string())
        .execute(pool)
        .await?;
    Ok(())
}
