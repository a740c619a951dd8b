//! SQLite SQL. `$N` placeholders work here as in PostgreSQL; lists are passed
//! as one JSON array and expanded with `json_each`, the SQLite way to bind a
//! variable-length `IN` list.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::{Executor, QueryBuilder, Row, Sqlite, SqlitePool};
use uuid::Uuid;

use super::{CommandRow, EventRow, StreamQuery};
use crate::db::sqlite_args;
use crate::error::{Error, Result};
use crate::event::SideWrite;
use crate::event::{AppendResult, CommandRecord, RawEvent};
use crate::verify::Seal;

const COLUMNS: &str = "position, stream_id, stream_version, event_id, event_type, \
                       schema_version, payload, metadata, recorded_at, hash";

/// Rows per INSERT statement: far below SQLite's bound-parameter limit.
const INSERT_CHUNK: usize = 500;

use super::PERSISTENT_ROWS;

fn decode(row: &SqliteRow) -> Result<RawEvent> {
    let position: i64 = row.try_get("position")?;
    let corrupt = |message: String| Error::Corrupt { position, message };
    let event_id: String = row.try_get("event_id")?;
    let payload: String = row.try_get("payload")?;
    let metadata: String = row.try_get("metadata")?;
    let recorded_at: i64 = row.try_get("recorded_at")?;
    Ok(RawEvent {
        position,
        stream_id: row.try_get("stream_id")?,
        stream_version: row.try_get("stream_version")?,
        event_id: Uuid::parse_str(&event_id).map_err(|e| corrupt(e.to_string()))?,
        event_type: row.try_get("event_type")?,
        schema_version: row.try_get("schema_version")?,
        payload: serde_json::from_str(&payload).map_err(|e| corrupt(e.to_string()))?,
        metadata,
        recorded_at: DateTime::from_timestamp_micros(recorded_at)
            .ok_or_else(|| corrupt(format!("recorded_at {recorded_at} out of range")))?,
        hash: row.try_get("hash")?,
    })
}

fn json_list<T: serde::Serialize>(items: &[T]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".to_owned())
}

pub(crate) async fn read_stream(pool: &SqlitePool, q: &StreamQuery<'_>) -> Result<Vec<RawEvent>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM events WHERE stream_id = $1 AND stream_version >= $2 \
         AND stream_version <= $3 AND recorded_at <= $4 ORDER BY stream_version"
    );
    let rows = sqlx::query(&sql)
        .bind(q.stream)
        .bind(q.from_version)
        .bind(q.to_version.unwrap_or(i64::MAX))
        .bind(q.until.map_or(i64::MAX, |t| t.timestamp_micros()))
        .fetch_all(pool)
        .await?;
    rows.iter().map(decode).collect()
}

pub(crate) async fn read_all(pool: &SqlitePool, after: i64, limit: i64) -> Result<Vec<RawEvent>> {
    let sql =
        format!("SELECT {COLUMNS} FROM events WHERE position > $1 ORDER BY position LIMIT $2");
    let rows = sqlx::query(&sql)
        .bind(after)
        .bind(limit)
        .fetch_all(pool)
        .await?;
    rows.iter().map(decode).collect()
}

pub(crate) async fn lookup_commands<'c, E>(
    executor: E,
    ids: &[Uuid],
) -> Result<super::KnownCommands>
where
    E: Executor<'c, Database = Sqlite>,
{
    let ids: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    let rows = sqlx::query(
        "SELECT command_id, stream_id, first_position, last_position, next_version, \
                command_kind, input_hash FROM commands \
         WHERE command_id IN (SELECT value FROM json_each($1))",
    )
    .bind(json_list(&ids))
    .fetch_all(executor)
    .await?;
    let mut found = HashMap::with_capacity(rows.len());
    for row in rows {
        let id: String = row.try_get(0)?;
        let Ok(id) = Uuid::parse_str(&id) else {
            continue;
        };
        found.insert(id, command_record(&row, 1)?);
    }
    Ok(found)
}

/// A `commands` row read from column `at` on: stream, first, last, next
/// version, kind, input hash.
fn command_record(row: &SqliteRow, at: usize) -> Result<CommandRecord> {
    Ok(CommandRecord {
        stream: row.try_get(at)?,
        result: AppendResult {
            first_position: row.try_get(at + 1)?,
            last_position: row.try_get(at + 2)?,
            next_version: row.try_get(at + 3)?,
            repeated: true,
        },
        kind: row.try_get(at + 4)?,
        input_hash: row.try_get(at + 5)?,
    })
}

pub(crate) async fn heads_and_commands(
    pool: &SqlitePool,
    streams: &[String],
    ids: &[Uuid],
) -> Result<(super::Heads, super::KnownCommands)> {
    let ids: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    // The head row found by MAX on the (stream_id, stream_version) key, one
    // index probe per stream (a GROUP BY read every version of the stream);
    // NULLs pad the columns one side of the UNION does not have.
    let rows = sqlx::query(
        "SELECT 0 AS k, e.stream_id AS id, e.stream_version AS a, NULL AS b, NULL AS c, e.hash AS h, \
                NULL AS s, NULL AS ck, NULL AS ih \
         FROM json_each($1) AS j JOIN events e ON e.stream_id = j.value \
              AND e.stream_version = (SELECT MAX(stream_version) FROM events WHERE stream_id = j.value) \
         UNION ALL \
         SELECT 1, command_id, first_position, last_position, next_version, NULL, stream_id, \
                command_kind, input_hash \
         FROM commands WHERE command_id IN (SELECT value FROM json_each($2))",
    )
    .bind(json_list(streams))
    .bind(json_list(&ids))
    .fetch_all(pool)
    .await?;
    let mut heads = super::Heads::new();
    let mut known = super::KnownCommands::new();
    for row in rows {
        let kind: i64 = row.try_get(0)?;
        let id: String = row.try_get(1)?;
        if kind == 0 {
            heads.insert(id, (row.try_get(2)?, row.try_get(5)?));
        } else if let Ok(command_id) = Uuid::parse_str(&id) {
            known.insert(
                command_id,
                CommandRecord {
                    stream: row.try_get(6)?,
                    kind: row.try_get(7)?,
                    input_hash: row.try_get(8)?,
                    result: AppendResult {
                        first_position: row.try_get(2)?,
                        last_position: row.try_get(3)?,
                        next_version: row.try_get(4)?,
                        repeated: true,
                    },
                },
            );
        }
    }
    Ok((heads, known))
}

pub(crate) async fn heads_as_of(
    pool: &SqlitePool,
    position: i64,
) -> Result<Vec<(String, i64, Vec<u8>)>> {
    let rows = sqlx::query(
        "SELECT stream_id, MAX(stream_version), hash FROM events WHERE position <= $1 GROUP BY stream_id",
    )
    .bind(position)
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)))
        .collect()
}

/// The batch in one `BEGIN IMMEDIATE` transaction on the writer's own
/// connection: the events, then the command records pointing at them.
pub(crate) async fn append_batch(
    pool: &SqlitePool,
    rows: &[EventRow],
    commands: &[CommandRow],
    side_writes: &[&SideWrite],
) -> Result<HashMap<Uuid, i64>> {
    // IMMEDIATE takes the write lock up front, so the transaction can never
    // fail to upgrade its lock halfway through.
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let mut positions = HashMap::with_capacity(rows.len());
    for chunk in rows.chunks(INSERT_CHUNK) {
        let mut insert = QueryBuilder::<Sqlite>::new(
            "INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, \
             payload, metadata, recorded_at, hash) ",
        );
        insert.push_values(chunk, |mut row, event| {
            row.push_bind(event.stream_id.clone())
                .push_bind(event.stream_version)
                .push_bind(event.event_id.to_string())
                .push_bind(event.event_type.clone())
                .push_bind(event.schema_version)
                .push_bind(event.payload.to_string())
                .push_bind(event.metadata.to_string())
                .push_bind(event.recorded_at.timestamp_micros())
                .push_bind(event.hash.clone());
        });
        insert.push(" RETURNING event_id, position");
        // One statement text per batch size: only the small, frequent sizes
        // are worth a slot in the connection's statement cache.
        let persistent = chunk.len() <= PERSISTENT_ROWS;
        for row in insert
            .build()
            .persistent(persistent)
            .fetch_all(&mut *tx)
            .await?
        {
            let id: String = row.try_get(0)?;
            let id = Uuid::parse_str(&id).map_err(|e| sqlx::Error::Decode(Box::new(e)))?;
            positions.insert(id, row.try_get(1)?);
        }
    }
    let position = |id: &Uuid| {
        positions.get(id).copied().ok_or_else(|| {
            sqlx::Error::Protocol(format!("insert returned no position for event {id}"))
        })
    };
    for chunk in commands.chunks(INSERT_CHUNK) {
        let mut resolved = Vec::with_capacity(chunk.len());
        for command in chunk {
            resolved.push((
                command,
                position(&command.first_event)?,
                position(&command.last_event)?,
            ));
        }
        let mut insert = QueryBuilder::<Sqlite>::new(
            "INSERT INTO commands (command_id, stream_id, first_position, last_position, next_version, \
             command_kind, input_hash) ",
        );
        insert.push_values(resolved, |mut row, (command, first, last)| {
            row.push_bind(command.command_id.to_string())
                .push_bind(command.stream_id.clone())
                .push_bind(first)
                .push_bind(last)
                .push_bind(command.next_version)
                .push_bind(command.kind.clone())
                .push_bind(command.input_hash.clone());
        });
        insert
            .build()
            .persistent(chunk.len() <= PERSISTENT_ROWS)
            .execute(&mut *tx)
            .await?;
    }
    for write in super::merged_side_writes(side_writes) {
        let statement = &write.statement;
        let affected = sqlx::query_with(&statement.sql, sqlite_args(&statement.args)?)
            .persistent(statement.persistent)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        // Returning drops the transaction: SQLite rolls it back.
        super::check_side_write(&write, affected)?;
    }
    tx.commit().await?;
    Ok(positions)
}

pub(crate) async fn insert_seal(pool: &SqlitePool, seal: &Seal) -> Result<Seal> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO seals (head_position, stream_count, heads_hash, sealed_at) VALUES ($1, $2, $3, $4) \
         RETURNING seal_id",
    )
    .bind(seal.head_position)
    .bind(seal.stream_count)
    .bind(&seal.heads_hash)
    .bind(seal.sealed_at.timestamp_micros())
    .fetch_one(pool)
    .await?;
    Ok(Seal {
        seal_id: id,
        ..seal.clone()
    })
}

pub(crate) async fn seals(pool: &SqlitePool) -> Result<Vec<Seal>> {
    let rows = sqlx::query(
        "SELECT seal_id, head_position, stream_count, heads_hash, sealed_at FROM seals ORDER BY seal_id",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|row| {
            let at: i64 = row.try_get(4)?;
            Ok(Seal {
                seal_id: row.try_get(0)?,
                head_position: row.try_get(1)?,
                stream_count: row.try_get(2)?,
                heads_hash: row.try_get(3)?,
                sealed_at: DateTime::<Utc>::from_timestamp_micros(at).unwrap_or_default(),
            })
        })
        .collect()
}

/// The newest announcement on the file (migration 0005), 0 when none: a
/// store reads only those written after it opened.
pub(crate) async fn last_announcement(pool: &SqlitePool) -> Result<i64> {
    Ok(
        sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM announcements")
            .fetch_one(pool)
            .await?,
    )
}

/// Announcements after `after` written by processes other than `origin`:
/// (id, channel, payload), oldest first.
pub(crate) async fn announcements_after(
    pool: &SqlitePool,
    after: i64,
    origin: &str,
) -> Result<Vec<(i64, String, String)>> {
    Ok(sqlx::query_as(
        "SELECT id, channel, payload FROM announcements WHERE id > $1 AND origin <> $2 ORDER BY id",
    )
    .bind(after)
    .bind(origin)
    .fetch_all(pool)
    .await?)
}

/// Writes an announcement for the other processes on the file, and deletes
/// those written before `forget_before` (microseconds), which every process
/// polling the file has read long since.
pub(crate) async fn announce(
    pool: &SqlitePool,
    origin: &str,
    channel: &str,
    payload: &str,
    at: i64,
    forget_before: i64,
) -> Result<()> {
    let mut tx = pool.begin().await?;
    sqlx::query("DELETE FROM announcements WHERE at < $1")
        .bind(forget_before)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO announcements (origin, channel, payload, at) VALUES ($1, $2, $3, $4)")
        .bind(origin)
        .bind(channel)
        .bind(payload)
        .bind(at)
        .execute(&mut *tx)
        .await?;
    Ok(tx.commit().await?)
}
