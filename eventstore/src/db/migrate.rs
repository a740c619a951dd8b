//! One migrate routine for every crate that owns tables in the store's
//! database.
//!
//! Each crate registers its migrations under its own name (its *owner*):
//! `schema_migrations` is keyed by (owner, version), so two crates never have
//! to share a number range, and a migration missing from one crate's list is
//! never mistaken for another crate's. Several servers may migrate at once:
//! PostgreSQL serialises them on an advisory lock, SQLite on its write lock.
//!
//! Databases created before this routine recorded their migrations in sqlx's
//! `_sqlx_migrations` (one table for all crates, numbers kept apart by
//! convention); a migration found there with the same version and checksum
//! is adopted as applied instead of being run twice.

use sqlx::migrate::Migrator;
use sqlx::{Connection, Executor, PgConnection, Postgres, Sqlite, SqliteConnection, Transaction};

use crate::backend::Backend;
use crate::error::{Error, Result};

/// One crate's migrations, for both dialects.
#[derive(Debug)]
pub struct Migrations {
    owner: &'static str,
    sqlite: Migrator,
    postgres: Migrator,
}

/// The calling crate's [`Migrations`], owned by `$owner`: its
/// `migrations/sqlite` and `migrations/postgres` directories (embedded at
/// compile time), so the owning crate names no backend.
#[macro_export]
macro_rules! migrations {
    ($owner:expr) => {
        $crate::db::Migrations::new(
            $owner,
            ::sqlx::migrate!("./migrations/sqlite"),
            ::sqlx::migrate!("./migrations/postgres"),
        )
    };
}

impl Migrations {
    /// `owner`'s migrations: `sqlx::migrate!("./migrations/sqlite")` and
    /// `sqlx::migrate!("./migrations/postgres")` of the owning crate
    /// ([`crate::migrations!`] writes both).
    pub const fn new(owner: &'static str, sqlite: Migrator, postgres: Migrator) -> Self {
        Self {
            owner,
            sqlite,
            postgres,
        }
    }

    /// The crate these migrations belong to.
    pub fn owner(&self) -> &'static str {
        self.owner
    }
}

/// Session advisory lock that serialises migrations across servers
/// ("returns-migrate" in ASCII, truncated).
const POSTGRES_LOCK_KEY: i64 = 0x7265_7475_726e_736d;

const SQLITE_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    owner TEXT NOT NULL,
    version INTEGER NOT NULL,
    description TEXT NOT NULL,
    checksum BLOB NOT NULL,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    PRIMARY KEY (owner, version)
)";

const POSTGRES_TABLE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    owner TEXT NOT NULL,
    version BIGINT NOT NULL,
    description TEXT NOT NULL,
    checksum BYTEA NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (owner, version)
)";

const APPLIED: &str = "SELECT checksum FROM schema_migrations WHERE owner = $1 AND version = $2";
const RECORD: &str =
    "INSERT INTO schema_migrations (owner, version, description, checksum) VALUES ($1, $2, $3, $4)";

pub(crate) async fn run(backend: &Backend, migrations: &Migrations) -> Result<()> {
    match backend {
        Backend::Sqlite(pool) => {
            let mut conn = pool.acquire().await?;
            conn.execute(SQLITE_TABLE).await?;
            let legacy = sqlite_has_legacy(&mut conn).await?;
            for migration in migrations.sqlite.iter() {
                // Each migration in its own IMMEDIATE transaction: the write
                // lock is taken before "is it applied?" is asked, so a second
                // process waits and then finds it applied.
                let mut tx: Transaction<'_, Sqlite> =
                    Connection::begin_with(&mut *conn, "BEGIN IMMEDIATE").await?;
                let applied: Option<(Vec<u8>,)> = sqlx::query_as(APPLIED)
                    .bind(migrations.owner)
                    .bind(migration.version)
                    .fetch_optional(&mut *tx)
                    .await?;
                if let Some((checksum,)) = applied {
                    check_checksum(migrations.owner, migration, &checksum)?;
                    continue;
                }
                if !(legacy && sqlite_adopt(&mut tx, migration).await?) {
                    tx.execute(&*migration.sql).await?;
                }
                sqlx::query(RECORD)
                    .bind(migrations.owner)
                    .bind(migration.version)
                    .bind(&*migration.description)
                    .bind(&*migration.checksum)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
            }
            Ok(())
        }
        Backend::Postgres(pool) => {
            let mut conn = pool.acquire().await?;
            sqlx::query("SELECT pg_advisory_lock($1)")
                .bind(POSTGRES_LOCK_KEY)
                .execute(&mut *conn)
                .await?;
            let outcome = postgres_run(&mut conn, migrations).await;
            // Unlocked explicitly: the connection goes back to the pool,
            // where a session lock would otherwise outlive this call.
            let unlocked = sqlx::query("SELECT pg_advisory_unlock($1)")
                .bind(POSTGRES_LOCK_KEY)
                .execute(&mut *conn)
                .await;
            outcome?;
            unlocked?;
            Ok(())
        }
    }
}

async fn postgres_run(conn: &mut PgConnection, migrations: &Migrations) -> Result<()> {
    conn.execute(POSTGRES_TABLE).await?;
    let legacy: bool = sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations') IS NOT NULL")
        .fetch_one(&mut *conn)
        .await?;
    for migration in migrations.postgres.iter() {
        let applied: Option<(Vec<u8>,)> = sqlx::query_as(APPLIED)
            .bind(migrations.owner)
            .bind(migration.version)
            .fetch_optional(&mut *conn)
            .await?;
        if let Some((checksum,)) = applied {
            check_checksum(migrations.owner, migration, &checksum)?;
            continue;
        }
        let mut tx: Transaction<'_, Postgres> = Connection::begin(&mut *conn).await?;
        let adopted = legacy
            && sqlx::query_scalar::<_, bool>(
                "SELECT EXISTS (SELECT 1 FROM _sqlx_migrations \
                 WHERE version = $1 AND checksum = $2 AND success)",
            )
            .bind(migration.version)
            .bind(&*migration.checksum)
            .fetch_one(&mut *tx)
            .await?;
        if !adopted {
            tx.execute(&*migration.sql).await?;
        }
        sqlx::query(RECORD)
            .bind(migrations.owner)
            .bind(migration.version)
            .bind(&*migration.description)
            .bind(&*migration.checksum)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
    }
    Ok(())
}

async fn sqlite_has_legacy(conn: &mut SqliteConnection) -> Result<bool> {
    let found: Option<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(found.is_some())
}

async fn sqlite_adopt(
    tx: &mut Transaction<'_, Sqlite>,
    migration: &sqlx::migrate::Migration,
) -> Result<bool> {
    let found: Option<(i64,)> = sqlx::query_as(
        "SELECT version FROM _sqlx_migrations WHERE version = $1 AND checksum = $2 AND success",
    )
    .bind(migration.version)
    .bind(&*migration.checksum)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(found.is_some())
}

fn check_checksum(owner: &str, migration: &sqlx::migrate::Migration, applied: &[u8]) -> Result<()> {
    if applied == &*migration.checksum {
        Ok(())
    } else {
        Err(Error::MigrationChanged {
            owner: owner.to_owned(),
            version: migration.version,
        })
    }
}
