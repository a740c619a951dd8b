//! The one way every crate reaches the database: a handle that runs a
//! [`Statement`] on whichever backend the store was opened on, one migrate
//! routine every crate registers its migrations with, and one leader lease.
//!
//! Crates that own tables write their SQL once, with `$N` placeholders and
//! SQL both backends accept, in a storage module of their own; where the two
//! dialects differ they ask [`Db::dialect`] for the text, never for a pool.
//! Which pool runs it stays the store's business.
//!
//! - [`statement`]: [`Statement`] and [`Arg`], multi-row upserts, filters;
//! - [`Tx`]: a write transaction on either backend;
//! - [`migrate`]: [`Migrations`] and the routine that applies them;
//! - [`lease`]: [`Lease`], one holder of a named duty across processes.

pub mod lease;
pub mod migrate;
pub mod schema;
pub mod statement;

use futures::future::BoxFuture;
use sqlx::postgres::{PgArguments, PgRow};
use sqlx::sqlite::{SqliteArguments, SqliteRow};
use sqlx::{Arguments, Postgres, Sqlite, Transaction};

use crate::backend::Backend;
use crate::error::Result;

pub use crate::backend::postgres_append_lock_key;
pub use lease::Lease;
pub use migrate::Migrations;
pub use schema::{Index, IndexKind, Micros, OptMicros, OptText, SqlType, Table};
pub use statement::{in_list, placeholder, upsert, Arg, Col, Column, Filter, Statement};

/// Which SQL dialect a database speaks, for the few statements that must
/// differ (DDL types, list binding, JSON). Other crates pass it on to the
/// helpers here ([`upsert`], [`in_list`], [`Table::ddl`],
/// [`Filter::json_field_equals`]) and never match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// SQLite.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

impl Dialect {
    /// The dialect a database URL names.
    pub fn of_url(url: &str) -> Result<Self> {
        if url.starts_with("sqlite:") {
            Ok(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Self::Postgres)
        } else {
            Err(crate::error::Error::UnsupportedUrl(url.to_owned()))
        }
    }
}

/// How long [`Db::purge_deleted`] waits for a table's exclusive lock on
/// PostgreSQL before it lets the writers queued behind it go and tries again.
pub const PURGE_LOCK_TIMEOUT: std::time::Duration = std::time::Duration::from_millis(2_000);

/// How many times [`Db::purge_deleted`] tries to get each lock.
pub const PURGE_ATTEMPTS: u32 = 5;

/// PostgreSQL's SQLSTATE lock_not_available (a `lock_timeout` expired).
fn is_lock_timeout(err: &sqlx::Error) -> bool {
    matches!(err, sqlx::Error::Database(db) if db.code().as_deref() == Some("55P03"))
}

/// How long [`Db::purge_deleted`] waits on PostgreSQL for transactions
/// that began before the delete to end.
pub const PURGE_SNAPSHOT_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Waits until no other session of this database holds a snapshot taken
/// before now. `VACUUM FULL` copies a deleted row that such a snapshot may
/// still see ("recently dead") into the new file, so compacting while a
/// concurrent transaction (a writer, a projection) is open would carry the
/// deleted key over. Fails after [`PURGE_SNAPSHOT_WAIT`]. (Compares 32-bit
/// transaction ids without wraparound: a wrap during the wait only ends it
/// early, and the scan in the tests would see the row.) A writer between
/// two statements of its transaction holds no snapshot (`backend_xmin` is
/// null under READ COMMITTED), but its assigned xid still holds the horizon
/// back, as PostgreSQL computes it from both: so both count.
///
/// Transactions of other databases count too, by their xid: a snapshot
/// taken here after this check gets as its xmin the oldest transaction
/// running anywhere in the cluster, so one older transaction in another
/// database (another tenant, a long report) would let a writer here take a
/// snapshot that still sees the deleted row, and `VACUUM FULL` would keep
/// it. (Seen under load: the key survived in the new file.) A role that
/// may not read other databases' sessions sees their xids as null, and
/// the wait is then as good as this database's alone.
async fn wait_for_older_snapshots(conn: &mut sqlx::PgConnection) -> Result<()> {
    let (horizon,): (i64,) = sqlx::query_as(
        "SELECT (pg_snapshot_xmax(pg_current_snapshot())::text::bigint % 4294967296)",
    )
    .fetch_one(&mut *conn)
    .await?;
    let started = std::time::Instant::now();
    loop {
        let (older,): (i64,) = sqlx::query_as(
            "SELECT count(*) FROM pg_stat_activity \
             WHERE pid <> pg_backend_pid() AND (backend_xid::text::bigint < $1 \
               OR (datname = current_database() AND backend_xmin::text::bigint < $1))",
        )
        .bind(horizon)
        .fetch_one(&mut *conn)
        .await?;
        if older == 0 {
            return Ok(());
        }
        if started.elapsed() > PURGE_SNAPSHOT_WAIT {
            return Err(crate::error::Error::Invalid(format!(
                "{older} transaction(s) older than the delete are still open after {}s; \
                 the deleted rows stay until they end: run the erasure again",
                PURGE_SNAPSHOT_WAIT.as_secs()
            )));
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// `name` as a quoted SQL identifier.
fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A row type decodable from either backend (derive `sqlx::FromRow`).
pub trait FromRow:
    for<'r> sqlx::FromRow<'r, SqliteRow> + for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin
{
}

impl<R> FromRow for R where
    R: for<'r> sqlx::FromRow<'r, SqliteRow> + for<'r> sqlx::FromRow<'r, PgRow> + Send + Unpin
{
}

/// Runs `$statement` through `sqlx::$query` on whichever backend a pool
/// (`pool:`, a [`Backend`]) or a transaction (`tx:`, a [`Tx`]) holds, ending
/// in `.$finish(…)`; `$then` maps a backend-specific result (rows affected)
/// to a common one. One body for both backends, whose argument types differ.
macro_rules! run {
    (pool: $on:expr, $query:ident, $statement:expr, $finish:ident $(, $then:ident)?) => {
        match $on {
            Backend::Sqlite(pool) => sqlx::$query(&$statement.sql, sqlite_args(&$statement.args)?)
                .persistent($statement.persistent)
                .$finish(pool)
                .await?$(.$then())?,
            Backend::Postgres(pool) => sqlx::$query(&$statement.sql, postgres_args(&$statement.args)?)
                .persistent($statement.persistent)
                .$finish(pool)
                .await?$(.$then())?,
        }
    };
    (tx: $on:expr, $query:ident, $statement:expr, $finish:ident $(, $then:ident)?) => {
        match $on {
            Tx::Sqlite(tx) => sqlx::$query(&$statement.sql, sqlite_args(&$statement.args)?)
                .persistent($statement.persistent)
                .$finish(&mut **tx)
                .await?$(.$then())?,
            Tx::Postgres(tx) => sqlx::$query(&$statement.sql, postgres_args(&$statement.args)?)
                .persistent($statement.persistent)
                .$finish(&mut **tx)
                .await?$(.$then())?,
        }
    };
}

/// A handle on the store's database (its read pool), cheap to clone.
#[derive(Debug, Clone)]
pub struct Db {
    backend: Backend,
}

impl Db {
    pub(crate) fn new(backend: Backend) -> Self {
        Self { backend }
    }

    /// The dialect of the database behind this handle.
    pub fn dialect(&self) -> Dialect {
        self.backend.kind()
    }

    /// Runs `statement`; returns the rows it affected.
    pub async fn execute(&self, statement: &Statement) -> Result<u64> {
        Ok(run!(pool: &self.backend, query_with, statement, execute, rows_affected))
    }

    /// Every row `statement` selects, decoded as `R`.
    pub async fn fetch_all<R: FromRow>(&self, statement: &Statement) -> Result<Vec<R>> {
        Ok(run!(pool: &self.backend, query_as_with, statement, fetch_all))
    }

    /// The first row `statement` selects, if any.
    pub async fn fetch_optional<R: FromRow>(&self, statement: &Statement) -> Result<Option<R>> {
        Ok(run!(pool: &self.backend, query_as_with, statement, fetch_optional))
    }

    /// The one row `statement` selects (an error if there is none).
    pub async fn fetch_one<R: FromRow>(&self, statement: &Statement) -> Result<R> {
        Ok(run!(pool: &self.backend, query_as_with, statement, fetch_one))
    }

    /// Begins a write transaction (see [`Tx::begin`]).
    pub async fn begin(&self) -> Result<Tx> {
        Tx::begin(self).await
    }

    /// Applies `migrations` (see [`migrate`]).
    pub async fn migrate(&self, migrations: &Migrations) -> Result<()> {
        migrate::run(&self.backend, migrations).await
    }

    /// Closes the pool: every later call fails (tests use it to play a
    /// server whose database went away).
    pub async fn close(&self) {
        match &self.backend {
            Backend::Sqlite(pool) => pool.close().await,
            Backend::Postgres(pool) => pool.close().await,
        }
    }

    pub(crate) fn backend(&self) -> &Backend {
        &self.backend
    }

    /// Makes the rows deleted from `tables` so far leave the database's
    /// files now, not whenever the database next reuses their space.
    ///
    /// SQLite runs with `secure_delete`, which zeroes them in the database
    /// file, but the WAL still holds the page images written before:
    /// checkpoint and truncate it (`tables` does not matter).
    ///
    /// PostgreSQL never overwrites a row in place: a deleted or updated row
    /// stays in its page, and a plain `VACUUM` only marks the space free,
    /// leaving the bytes (and an index's entries) where they were. `VACUUM
    /// FULL` writes each table and its indexes to new files and truncates
    /// the old ones at commit. It holds the table's exclusive lock while it
    /// copies, so it is meant for small tables (the key and index tables),
    /// and it waits at most [`PURGE_LOCK_TIMEOUT`] for that lock, so the
    /// queue of writers behind it stays short; it tries
    /// [`PURGE_ATTEMPTS`] times before it gives up with the error.
    /// `pg_wal` and backups keep what they kept (see the book).
    pub async fn purge_deleted(&self, tables: &[&str]) -> Result<()> {
        match &self.backend {
            Backend::Sqlite(pool) => {
                sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                    .execute(pool)
                    .await?;
            }
            Backend::Postgres(pool) => {
                let mut conn = pool.acquire().await?;
                wait_for_older_snapshots(&mut conn).await?;
                sqlx::query(&format!(
                    "SET lock_timeout = '{}ms'",
                    PURGE_LOCK_TIMEOUT.as_millis()
                ))
                .execute(&mut *conn)
                .await?;
                let mut outcome: Result<()> = Ok(());
                'tables: for table in tables {
                    let sql = format!("VACUUM FULL {}", quote_ident(table));
                    for attempt in 1..=PURGE_ATTEMPTS {
                        match sqlx::query(&sql).execute(&mut *conn).await {
                            Ok(_) => break,
                            Err(err) if attempt < PURGE_ATTEMPTS && is_lock_timeout(&err) => {
                                tracing::warn!(
                                    table,
                                    attempt,
                                    "VACUUM FULL waited too long for its lock; trying again"
                                );
                                tokio::time::sleep(PURGE_LOCK_TIMEOUT).await;
                            }
                            Err(err) => {
                                outcome = Err(err.into());
                                break 'tables;
                            }
                        }
                    }
                }
                // The connection goes back to the pool: leave it as found.
                sqlx::query("RESET lock_timeout")
                    .execute(&mut *conn)
                    .await?;
                outcome?;
            }
        }
        Ok(())
    }

    /// What the catalog says of `table`'s columns, in order: for comparing a
    /// table with its declaration. Empty if there is no such table.
    pub async fn table_columns(&self, table: &str) -> Result<Vec<TableColumn>> {
        let sql = match self.dialect() {
            Dialect::Sqlite => {
                r#"SELECT name, UPPER(type) AS data_type, "notnull" = 0 AS nullable, pk > 0 AS in_key
                   FROM pragma_table_info($1) ORDER BY cid"#
            }
            Dialect::Postgres => {
                "SELECT c.column_name::text AS name, UPPER(c.data_type::text) AS data_type,
                        c.is_nullable = 'YES' AS nullable,
                        EXISTS (SELECT 1 FROM information_schema.table_constraints t
                                JOIN information_schema.key_column_usage k
                                  ON k.constraint_name = t.constraint_name
                                 AND k.table_schema = t.table_schema
                                WHERE t.constraint_type = 'PRIMARY KEY'
                                  AND t.table_schema = c.table_schema
                                  AND t.table_name = c.table_name
                                  AND k.column_name = c.column_name) AS in_key
                   FROM information_schema.columns c
                  WHERE c.table_schema = current_schema() AND c.table_name = $1
                  ORDER BY c.ordinal_position"
            }
        };
        self.fetch_all(&Statement::new(sql, vec![Arg::Text(table.to_owned())]))
            .await
    }

    /// The names of `table`'s indexes other than its primary key's, sorted.
    pub async fn table_indexes(&self, table: &str) -> Result<Vec<String>> {
        let sql = match self.dialect() {
            Dialect::Sqlite => {
                "SELECT name FROM pragma_index_list($1) WHERE origin = 'c' ORDER BY name"
            }
            Dialect::Postgres => {
                "SELECT i.indexname::text FROM pg_indexes i
                  WHERE i.schemaname = current_schema() AND i.tablename::text = $1
                    AND i.indexname::text <> $1 || '_pkey'
                  ORDER BY i.indexname"
            }
        };
        let rows: Vec<(String,)> = self
            .fetch_all(&Statement::new(sql, vec![Arg::Text(table.to_owned())]))
            .await?;
        Ok(rows.into_iter().map(|(name,)| name).collect())
    }

    /// Every row of `table` as the text of one JSON object (column name to
    /// value), in no particular order: for comparing two builds of a table.
    pub async fn rows_as_json(&self, table: &str) -> Result<Vec<String>> {
        let sql = match self.dialect() {
            Dialect::Postgres => format!("SELECT row_to_json(t)::text FROM {table} t"),
            Dialect::Sqlite => {
                let pairs = self
                    .table_columns(table)
                    .await?
                    .iter()
                    .map(|c| format!("'{0}', {0}", c.name))
                    .collect::<Vec<_>>()
                    .join(", ");
                format!("SELECT json_object({pairs}) FROM {table}")
            }
        };
        let rows: Vec<(String,)> = self.fetch_all(&Statement::new(sql, Vec::new())).await?;
        Ok(rows.into_iter().map(|(row,)| row).collect())
    }
}

/// One column of a table as the database's catalog describes it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct TableColumn {
    /// Its name.
    pub name: String,
    /// Its type as the catalog spells it, upper case (`INTEGER`, `BIGINT`,
    /// `TEXT`, `JSONB` …).
    pub data_type: String,
    /// Whether it may be NULL.
    pub nullable: bool,
    /// Whether it is part of the primary key.
    pub in_key: bool,
}

/// An open write transaction on either backend.
pub enum Tx {
    /// SQLite.
    Sqlite(Transaction<'static, Sqlite>),
    /// PostgreSQL.
    Postgres(Transaction<'static, Postgres>),
}

impl std::fmt::Debug for Tx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tx").finish_non_exhaustive()
    }
}

impl Tx {
    /// Begins a write transaction. SQLite takes its write lock up front
    /// (`BEGIN IMMEDIATE`) so the event writer and other writers queue on
    /// the busy timeout instead of failing a lock upgrade halfway through.
    pub async fn begin(db: &Db) -> Result<Self> {
        Ok(match &db.backend {
            Backend::Sqlite(pool) => Self::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Backend::Postgres(pool) => Self::Postgres(pool.begin().await?),
        })
    }

    /// Lets this transaction commit without waiting for the WAL flush on
    /// PostgreSQL, for writes that can always be re-derived (read models,
    /// whose checkpoint moves in the same transaction). SQLite keeps its
    /// connection's durability setting.
    pub async fn relax_durability(&mut self) -> Result<()> {
        if let Self::Postgres(tx) = self {
            sqlx::query("SET LOCAL synchronous_commit = off")
                .execute(&mut **tx)
                .await?;
        }
        Ok(())
    }

    /// The dialect of this transaction's database.
    pub fn dialect(&self) -> Dialect {
        match self {
            Self::Sqlite(_) => Dialect::Sqlite,
            Self::Postgres(_) => Dialect::Postgres,
        }
    }

    /// Runs one statement; returns the rows it affected. (Boxed: the
    /// executor's higher-ranked bounds otherwise defeat the `Send` check of
    /// the tasks that await it.)
    pub fn run<'a>(&'a mut self, statement: &'a Statement) -> BoxFuture<'a, Result<u64>> {
        Box::pin(async move { Ok(run!(tx: self, query_with, statement, execute, rows_affected)) })
    }

    /// Every row `statement` selects inside this transaction.
    pub fn fetch_all<'a, R: FromRow + 'a>(
        &'a mut self,
        statement: &'a Statement,
    ) -> BoxFuture<'a, Result<Vec<R>>> {
        Box::pin(async move { Ok(run!(tx: self, query_as_with, statement, fetch_all)) })
    }

    /// Runs DDL: several statements separated by `;`, no arguments, none
    /// containing a `;` of its own. (One at a time: `raw_sql`'s future is not
    /// `Send` in sqlx 0.8, which a spawned runner needs.)
    pub async fn run_script(&mut self, sql: &str) -> Result<()> {
        for part in sql.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            self.run(&Statement::new(part, Vec::new())).await?;
        }
        Ok(())
    }

    /// Commits.
    pub async fn commit(self) -> Result<()> {
        match self {
            Self::Sqlite(tx) => tx.commit().await?,
            Self::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }
}

pub(crate) fn sqlite_args(args: &[Arg]) -> Result<SqliteArguments<'static>> {
    let mut out = SqliteArguments::default();
    for arg in args {
        let added = match arg {
            Arg::Int(v) => out.add(*v),
            Arg::OptInt(v) => out.add(*v),
            Arg::Text(v) => out.add(v.clone()),
            Arg::OptText(v) => out.add(v.clone()),
            Arg::Bool(v) => out.add(*v),
            Arg::Time(v) => out.add(*v),
            Arg::OptTime(v) => out.add(*v),
            Arg::Json(v) => out.add(sqlx::types::Json(v.clone())),
            Arg::Bytes(v) => out.add(v.clone()),
            // SQLite has no arrays: upserts never build one for it, and a
            // list filter is written with `json_each` over a JSON argument.
            Arg::Column(_) => out.add(None::<i64>),
        };
        added.map_err(sqlx::Error::Encode)?;
    }
    Ok(out)
}

pub(crate) fn postgres_args(args: &[Arg]) -> Result<PgArguments> {
    let mut out = PgArguments::default();
    for arg in args {
        let added = match arg {
            Arg::Int(v) => out.add(*v),
            Arg::OptInt(v) => out.add(*v),
            Arg::Text(v) => out.add(v.clone()),
            Arg::OptText(v) => out.add(v.clone()),
            Arg::Bool(v) => out.add(*v),
            Arg::Time(v) => out.add(*v),
            Arg::OptTime(v) => out.add(*v),
            Arg::Json(v) => out.add(sqlx::types::Json(v.clone())),
            Arg::Bytes(v) => out.add(v.clone()),
            Arg::Column(Column::Ints(v)) => out.add(v.clone()),
            Arg::Column(Column::Texts(v)) => out.add(v.clone()),
            Arg::Column(Column::Bools(v)) => out.add(v.clone()),
        };
        added.map_err(sqlx::Error::Encode)?;
    }
    Ok(out)
}
