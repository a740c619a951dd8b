//! The two backends behind one enum. Each submodule holds its own SQL; the
//! logic that decides what to write lives in [`crate::writer`] and is shared.

pub(crate) mod postgres;
pub(crate) mod sqlite;

use std::borrow::Cow;
use std::collections::HashMap;
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};
use uuid::Uuid;

use crate::db::{Dialect, Migrations, Statement};
use crate::error::Result;
use crate::event::{CommandRecord, RawEvent, RowShape, SideWrite};
use crate::verify::Seal;

/// A connection pool to one of the supported databases. Projections and
/// other crates that own tables in the same database match on it to run their
/// own SQL.
#[derive(Debug, Clone)]
pub enum Backend {
    /// Embedded SQLite (WAL mode).
    Sqlite(SqlitePool),
    /// PostgreSQL.
    Postgres(PgPool),
}

/// The log's own tables.
static MIGRATIONS: Migrations = Migrations::new(
    "eventstore",
    sqlx::migrate!("./migrations/sqlite"),
    sqlx::migrate!("./migrations/postgres"),
);

/// How to open a database.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    /// SQLite: fsync on every commit (`synchronous=FULL`) when true, else `NORMAL`.
    pub sqlite_synchronous_full: bool,
    /// Connections in the read pool.
    pub max_read_connections: u32,
    /// Prepared statements each connection keeps (least recently used
    /// closed first). On SQLite a prepared statement holds its compiled
    /// program, tens of KiB for the projections' upserts; sqlx keeps 100 by
    /// default, which on 9 connections reached 11 MiB and still grew
    /// (issue #28). The statements run on the hot paths are far fewer.
    pub statement_cache_capacity: usize,
    /// SQLite's page cache per connection, in KiB (`PRAGMA cache_size`).
    /// The OS page cache holds the file as well, so a small one costs a
    /// copy from it, not a disk read.
    pub sqlite_page_cache_kib: u32,
}

/// The default of [`ConnectOptions::statement_cache_capacity`].
pub const DEFAULT_STATEMENT_CACHE: usize = 32;
/// The default of [`ConnectOptions::sqlite_page_cache_kib`].
pub const DEFAULT_SQLITE_PAGE_CACHE_KIB: u32 = 1024;
/// The default of [`ConnectOptions::max_read_connections`].
pub const DEFAULT_READ_CONNECTIONS: u32 = 8;

impl Default for ConnectOptions {
    fn default() -> Self {
        Self {
            sqlite_synchronous_full: true,
            max_read_connections: DEFAULT_READ_CONNECTIONS,
            statement_cache_capacity: DEFAULT_STATEMENT_CACHE,
            sqlite_page_cache_kib: DEFAULT_SQLITE_PAGE_CACHE_KIB,
        }
    }
}

/// Append batches a PostgreSQL writer keeps in flight, each on its own
/// connection: appends commit outside the append lock (migration 0003), so
/// while one batch waits for its fsync the next can insert, and PostgreSQL
/// flushes their commits together.
pub(crate) const POSTGRES_WRITE_PIPELINE: usize = 4;

/// A pooled connection used within this long is taken as working.
const PING_IF_IDLE_FOR: Duration = Duration::from_secs(1);

/// sqlx pings every connection it hands out (`test_before_acquire`), which
/// on PostgreSQL is a round trip before every statement: as much as the one
/// round trip an append costs. A connection that just worked is not pinged;
/// one idle for a while (where a restart or a dropped link shows) still is.
/// A connection that dies in between fails its statement, and sqlx drops it.
fn ping_if_idle<C: sqlx::Connection>(
    connection: &mut C,
    meta: sqlx::pool::PoolConnectionMetadata,
) -> futures::future::BoxFuture<'_, std::result::Result<bool, sqlx::Error>> {
    Box::pin(async move {
        if meta.idle_for >= PING_IF_IDLE_FOR {
            connection.ping().await?;
        }
        Ok(true)
    })
}

/// The read pool and the writer's own single-connection pool: the writer
/// never waits behind readers for a connection.
pub(crate) async fn connect(url: &str, options: &ConnectOptions) -> Result<(Backend, Backend)> {
    match Dialect::of_url(url)? {
        Dialect::Sqlite => {
            let base = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(if options.sqlite_synchronous_full {
                    SqliteSynchronous::Full
                } else {
                    SqliteSynchronous::Normal
                })
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
                // Deleted content is overwritten with zeros instead of left
                // in free pages: an erased data key or a dropped read-model
                // row must not be recoverable from the file (issue #17).
                .pragma("secure_delete", "ON")
                // Negative: a size in KiB rather than in pages.
                .pragma("cache_size", format!("-{}", options.sqlite_page_cache_kib))
                .statement_cache_capacity(options.statement_cache_capacity);
            let writer = SqlitePoolOptions::new()
                .max_connections(1)
                .test_before_acquire(false)
                .before_acquire(ping_if_idle)
                .connect_with(base.clone())
                .await?;
            crate::db::migrate::run(&Backend::Sqlite(writer.clone()), &MIGRATIONS).await?;
            let reader = SqlitePoolOptions::new()
                .max_connections(options.max_read_connections)
                .test_before_acquire(false)
                .before_acquire(ping_if_idle)
                .connect_with(base)
                .await?;
            Ok((Backend::Sqlite(reader), Backend::Sqlite(writer)))
        }
        Dialect::Postgres => {
            let base = PgConnectOptions::from_str(url)?
                .statement_cache_capacity(options.statement_cache_capacity);
            let reader = PgPoolOptions::new()
                .max_connections(options.max_read_connections)
                .test_before_acquire(false)
                .before_acquire(ping_if_idle)
                .connect_with(base.clone())
                .await?;
            crate::db::migrate::run(&Backend::Postgres(reader.clone()), &MIGRATIONS).await?;
            let writer = PgPoolOptions::new()
                .max_connections(POSTGRES_WRITE_PIPELINE as u32)
                .test_before_acquire(false)
                .before_acquire(ping_if_idle)
                .connect_with(base)
                .await?;
            Ok((Backend::Postgres(reader), Backend::Postgres(writer)))
        }
    }
}

impl Backend {
    /// Which database this is.
    pub fn kind(&self) -> Dialect {
        match self {
            Self::Sqlite(_) => Dialect::Sqlite,
            Self::Postgres(_) => Dialect::Postgres,
        }
    }

    pub(crate) async fn read_stream(&self, q: &StreamQuery<'_>) -> Result<Vec<RawEvent>> {
        match self {
            Self::Sqlite(pool) => sqlite::read_stream(pool, q).await,
            Self::Postgres(pool) => postgres::read_stream(pool, q).await,
        }
    }

    /// (position, version, type, schema version, payload text) of a whole stream.
    pub(crate) async fn read_stream_payloads(
        &self,
        stream: &str,
    ) -> Result<Vec<(i64, i64, String, i32, String)>> {
        Ok(match self {
            Self::Sqlite(pool) => {
                sqlx::query_as(
                    "SELECT position, stream_version, event_type, schema_version, payload \
                     FROM events WHERE stream_id = $1 ORDER BY stream_version",
                )
                .bind(stream)
                .fetch_all(pool)
                .await?
            }
            Self::Postgres(pool) => {
                sqlx::query_as(
                    "SELECT position, stream_version, event_type, schema_version, payload::text \
                     FROM events WHERE stream_id = $1 ORDER BY stream_version",
                )
                .bind(stream)
                .fetch_all(pool)
                .await?
            }
        })
    }

    pub(crate) async fn read_all(&self, after: i64, limit: i64) -> Result<Vec<RawEvent>> {
        match self {
            Self::Sqlite(pool) => sqlite::read_all(pool, after, limit).await,
            Self::Postgres(pool) => postgres::read_all(pool, after, limit).await,
        }
    }

    /// The last position below which the log is final: on PostgreSQL, an
    /// append may have committed above a lower position still in flight,
    /// and such rows are not the head yet.
    pub(crate) async fn head_position(&self) -> Result<i64> {
        Ok(match self {
            Self::Sqlite(pool) => {
                sqlx::query_scalar("SELECT COALESCE(MAX(position), 0) FROM events")
                    .fetch_one(pool)
                    .await?
            }
            Self::Postgres(pool) => postgres::head_position(pool).await?,
        })
    }

    pub(crate) async fn stream_version(&self, stream: &str) -> Result<i64> {
        let sql = "SELECT COALESCE(MAX(stream_version), 0) FROM events WHERE stream_id = $1";
        Ok(match self {
            Self::Sqlite(pool) => sqlx::query_scalar(sql).bind(stream).fetch_one(pool).await?,
            Self::Postgres(pool) => sqlx::query_scalar(sql).bind(stream).fetch_one(pool).await?,
        })
    }

    pub(crate) async fn command_record(&self, command_id: Uuid) -> Result<Option<CommandRecord>> {
        let mut found = match self {
            Self::Sqlite(pool) => sqlite::lookup_commands(pool, &[command_id]).await?,
            Self::Postgres(pool) => postgres::lookup_commands(pool, &[command_id]).await?,
        };
        Ok(found.remove(&command_id))
    }

    /// Every stream's head (id, version, hash) among events at or below `position`.
    pub(crate) async fn heads_as_of(&self, position: i64) -> Result<Vec<(String, i64, Vec<u8>)>> {
        let mut heads = match self {
            Self::Sqlite(pool) => sqlite::heads_as_of(pool, position).await?,
            Self::Postgres(pool) => postgres::heads_as_of(pool, position).await?,
        };
        // Sorted here, not in SQL: PostgreSQL's collation would order text
        // differently from SQLite's bytes, and the seal hash must agree.
        heads.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        Ok(heads)
    }

    pub(crate) async fn insert_seal(&self, seal: &Seal) -> Result<Seal> {
        match self {
            Self::Sqlite(pool) => sqlite::insert_seal(pool, seal).await,
            Self::Postgres(pool) => postgres::insert_seal(pool, seal).await,
        }
    }

    pub(crate) async fn seals(&self) -> Result<Vec<Seal>> {
        match self {
            Self::Sqlite(pool) => sqlite::seals(pool).await,
            Self::Postgres(pool) => postgres::seals(pool).await,
        }
    }
}

/// Each stream's version and last hash.
pub(crate) type Heads = HashMap<String, (i64, Vec<u8>)>;
/// What each known command id was first used for, and its first result.
pub(crate) type KnownCommands = HashMap<Uuid, CommandRecord>;

/// Filters for reading one stream.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StreamQuery<'a> {
    pub stream: &'a str,
    pub from_version: i64,
    pub to_version: Option<i64>,
    pub until: Option<DateTime<Utc>>,
}

/// A row to insert, fully prepared (version and hash computed).
#[derive(Debug, Clone)]
pub(crate) struct EventRow {
    pub stream_id: String,
    pub stream_version: i64,
    pub event_id: Uuid,
    pub event_type: String,
    pub schema_version: i32,
    pub payload: Value,
    pub metadata: Value,
    pub recorded_at: DateTime<Utc>,
    pub hash: Vec<u8>,
}

/// A command id to record with the batch, pointing at its first and last
/// event by event id (positions exist only once the rows are inserted).
#[derive(Debug, Clone)]
pub(crate) struct CommandRow {
    pub command_id: Uuid,
    pub stream_id: String,
    pub first_event: Uuid,
    pub last_event: Uuid,
    pub next_version: i64,
    pub kind: String,
    pub input_hash: String,
}

impl Backend {
    /// The heads of `streams` and the first results of `ids`, in one round
    /// trip. Read before the write, not inside it: whatever changes in
    /// between makes the write fail on a unique key, never succeed wrongly.
    pub(crate) async fn heads_and_commands(
        &self,
        streams: &[String],
        ids: &[Uuid],
    ) -> Result<(Heads, KnownCommands)> {
        match self {
            Self::Sqlite(pool) => sqlite::heads_and_commands(pool, streams, ids).await,
            Self::Postgres(pool) => postgres::heads_and_commands(pool, streams, ids).await,
        }
    }

    /// Inserts the rows, the command records and the side writes
    /// atomically and returns each event id's position. A stale version or
    /// a known command id fails the whole batch with a unique violation, a
    /// side write that affects the wrong number of rows with
    /// [`crate::Error::SideWriteRefused`].
    pub(crate) async fn append_batch(
        &self,
        rows: &[EventRow],
        commands: &[CommandRow],
        side_writes: &[&SideWrite],
    ) -> Result<HashMap<Uuid, i64>> {
        match self {
            Self::Sqlite(pool) => sqlite::append_batch(pool, rows, commands, side_writes).await,
            Self::Postgres(pool) => postgres::append_batch(pool, rows, commands, side_writes).await,
        }
    }
}

/// Checks a side write's affected rows against what it must affect.
/// Rows a statement with a varying number of them may have and still be
/// kept prepared: one statement text per row count, so only the small,
/// frequent counts are worth a slot in the connection's statement cache.
pub(crate) const PERSISTENT_ROWS: usize = 8;

/// Rows one merged side write inserts at most (far below either backend's
/// limit on bound parameters for any row a side write inserts).
const MERGED_ROWS: usize = 500;

/// A batch's side writes grouped as they are run, in order: each write of
/// [`SideWrite::insert`] joins the first write of its shape (and its kind of
/// `must_affect`); a row identical to one already there is dropped; any
/// other write stands alone. See [`SideWrite`] for what merged writes must
/// allow.
pub(crate) enum Planned<'a> {
    /// A write run as it is.
    One(&'a SideWrite),
    /// Rows of one shape, written together.
    Rows(Vec<&'a SideWrite>),
}

pub(crate) fn plan<'a>(writes: &[&'a SideWrite]) -> Vec<Planned<'a>> {
    let mut slots: Vec<Planned<'a>> = Vec::with_capacity(writes.len());
    let mut groups: HashMap<(&'a RowShape, bool), usize> = HashMap::new();
    for &write in writes {
        let Some(shape) = &write.row else {
            slots.push(Planned::One(write));
            continue;
        };
        let key = (shape, write.must_affect.is_some());
        match groups.get(&key) {
            Some(&at) => {
                // Linear, but a group holds one batch's rows of one shape
                // (arguments are JSON values, which cannot be hashed).
                if let Planned::Rows(rows) = &mut slots[at] {
                    if !rows.contains(&write) {
                        rows.push(write);
                    }
                }
            }
            None => {
                groups.insert(key, slots.len());
                slots.push(Planned::Rows(vec![write]));
            }
        }
    }
    slots
}

/// The side writes of a batch as they are run, in order ([`plan`]): each
/// group of rows becomes one multi-row `INSERT` (of at most
/// [`MERGED_ROWS`] rows), any other write runs as it is.
pub(crate) fn merged_side_writes<'a>(writes: &[&'a SideWrite]) -> Vec<Cow<'a, SideWrite>> {
    merged(plan(writes))
}

/// [`merged_side_writes`] of a batch already planned.
pub(crate) fn merged(planned: Vec<Planned<'_>>) -> Vec<Cow<'_, SideWrite>> {
    let mut out = Vec::with_capacity(planned.len());
    for slot in planned {
        match slot {
            Planned::One(write) => out.push(Cow::Borrowed(write)),
            Planned::Rows(rows) if rows.len() == 1 => out.push(Cow::Borrowed(rows[0])),
            Planned::Rows(rows) => out.extend(
                rows.chunks(MERGED_ROWS)
                    .map(|chunk| Cow::Owned(merge_rows(chunk))),
            ),
        }
    }
    out
}

/// One `INSERT` of every row in `rows`, which share one shape.
fn merge_rows(rows: &[&SideWrite]) -> SideWrite {
    let shape = rows
        .first()
        .and_then(|first| first.row.clone())
        .unwrap_or_default();
    let mut args = Vec::new();
    let mut tuples = Vec::with_capacity(rows.len());
    for row in rows {
        tuples.push(crate::db::statement::tuple(
            args.len() + 1,
            row.statement.args.len(),
        ));
        args.extend(row.statement.args.iter().cloned());
    }
    let mut statement = Statement::new(
        format!(
            "{} VALUES {} {}",
            shape.insert_into(),
            tuples.join(", "),
            shape.then
        ),
        args,
    );
    statement.persistent = rows.len() <= PERSISTENT_ROWS;
    SideWrite {
        statement,
        must_affect: rows.iter().map(|row| row.must_affect).sum(),
        what: rows.first().map(|r| r.what.clone()).unwrap_or_default(),
        row: Some(shape),
    }
}

pub(crate) fn check_side_write(write: &SideWrite, affected: u64) -> Result<()> {
    match write.must_affect {
        Some(expected) if expected != affected => Err(crate::Error::SideWriteRefused {
            what: write.what.clone(),
            expected,
            affected,
        }),
        _ => Ok(()),
    }
}

/// The advisory lock key PostgreSQL appends take: another process writing
/// to the same log must take it too (exposed for tests that play one).
pub fn postgres_append_lock_key() -> i64 {
    postgres::APPEND_LOCK_KEY
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::Arg;

    fn row(k: &str, must_affect: Option<u64>) -> SideWrite {
        SideWrite::insert(
            "t",
            &["k"],
            vec![Arg::from(k)],
            "ON CONFLICT (k) DO NOTHING",
            must_affect,
            "t",
        )
    }

    #[test]
    fn rows_of_one_shape_become_one_statement_and_others_keep_their_place() {
        let plain = SideWrite {
            statement: Statement::new("UPDATE u SET n = n + 1", vec![]),
            must_affect: None,
            what: "u".into(),
            row: None,
        };
        let writes = [
            row("a", None),
            plain.clone(),
            row("b", None),
            row("a", None),
            row("c", Some(1)),
            row("d", Some(1)),
        ];
        let refs: Vec<&SideWrite> = writes.iter().collect();
        let merged = merged_side_writes(&refs);
        assert_eq!(merged.len(), 3, "{merged:#?}");
        assert_eq!(
            merged[0].statement.sql,
            "INSERT INTO t (k) VALUES ($1), ($2) ON CONFLICT (k) DO NOTHING"
        );
        assert_eq!(
            merged[0].statement.args,
            vec![Arg::from("a"), Arg::from("b")],
            "the repeated row is written once"
        );
        assert_eq!(merged[0].must_affect, None);
        assert_eq!(*merged[1], plain);
        assert_eq!(
            merged[2].statement.args,
            vec![Arg::from("c"), Arg::from("d")]
        );
        assert_eq!(merged[2].must_affect, Some(2));
        assert!(merged[2].statement.persistent);
    }

    #[test]
    fn a_lone_row_runs_as_written_and_many_rows_are_not_kept_prepared() {
        let one = [row("a", Some(1))];
        let refs: Vec<&SideWrite> = one.iter().collect();
        let merged = merged_side_writes(&refs);
        assert_eq!(*merged[0], one[0]);
        assert_eq!(
            merged[0].statement.sql,
            "INSERT INTO t (k) VALUES ($1) ON CONFLICT (k) DO NOTHING"
        );

        let many: Vec<SideWrite> = (0..MERGED_ROWS + 3)
            .map(|n| row(&n.to_string(), None))
            .collect();
        let refs: Vec<&SideWrite> = many.iter().collect();
        let merged = merged_side_writes(&refs);
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].statement.args.len(), MERGED_ROWS);
        assert!(!merged[0].statement.persistent);
        assert_eq!(merged[1].statement.args.len(), 3);
        assert!(merged[1]
            .statement
            .sql
            .ends_with("($1), ($2), ($3) ON CONFLICT (k) DO NOTHING"));
    }
}
