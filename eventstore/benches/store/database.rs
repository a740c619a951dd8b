//! The database a run measures: a temporary SQLite file, or a fresh
//! PostgreSQL database on the configured server, dropped afterwards; plus a
//! plain sqlx pool on the same database for the baselines.

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use returns_eventstore::testing::replace_database;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection, PgPool, SqlitePool};
use uuid::Uuid;

/// Which database a run uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// SQLite file, WAL, synchronous=FULL (the store's default).
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

impl Kind {
    /// The name printed in the report.
    pub fn name(self) -> &'static str {
        match self {
            Self::Sqlite => "SQLite",
            Self::Postgres => "PostgreSQL",
        }
    }
}

/// A database that lives for one run.
pub struct BenchDatabase {
    /// The backend.
    pub kind: Kind,
    /// The URL the store connects to.
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    Sqlite(tempfile::TempDir),
    Postgres { server: String, name: String },
}

/// A plain sqlx pool on the benchmark database, for the baselines.
#[derive(Clone)]
pub enum Plain {
    /// SQLite, with the store's connection settings.
    Sqlite(SqlitePool),
    /// PostgreSQL.
    Postgres(PgPool),
}

/// The PostgreSQL server to measure, if one is configured.
pub fn postgres_server() -> Option<String> {
    ["BENCH_DATABASE_URL", "TEST_DATABASE_URL", "DATABASE_URL"]
        .iter()
        .find_map(|name| std::env::var(name).ok())
        .filter(|url| url.starts_with("postgres"))
}

impl BenchDatabase {
    /// A new SQLite file in a temporary directory.
    pub fn sqlite() -> anyhow::Result<Self> {
        let dir = tempfile::tempdir().context("temporary directory")?;
        let url = format!("sqlite://{}", dir.path().join("bench.db").display());
        Ok(Self {
            kind: Kind::Sqlite,
            url,
            cleanup: Cleanup::Sqlite(dir),
        })
    }

    /// A new, empty database on the PostgreSQL server at `server`.
    pub async fn postgres(server: &str) -> anyhow::Result<Self> {
        let name = format!("returns_bench_{}", Uuid::new_v4().simple());
        let mut admin = PgConnectOptions::from_str(server)?.connect().await?;
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .context("create the benchmark database")?;
        admin.close().await?;
        Ok(Self {
            kind: Kind::Postgres,
            url: replace_database(server, &name),
            cleanup: Cleanup::Postgres {
                server: server.to_owned(),
                name,
            },
        })
    }

    /// A pool of `connections` plain connections to this database, set up as
    /// the store sets up its own (WAL, synchronous=FULL on SQLite).
    pub async fn plain(&self, connections: u32) -> anyhow::Result<Plain> {
        Ok(match self.kind {
            Kind::Sqlite => {
                let options = SqliteConnectOptions::from_str(&self.url)?
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Full)
                    .busy_timeout(Duration::from_secs(10));
                Plain::Sqlite(
                    SqlitePoolOptions::new()
                        .max_connections(connections)
                        .connect_with(options)
                        .await?,
                )
            }
            Kind::Postgres => Plain::Postgres(
                PgPoolOptions::new()
                    .max_connections(connections)
                    .connect_with(PgConnectOptions::from_str(&self.url)?)
                    .await?,
            ),
        })
    }

    /// Removes the database (the SQLite directory goes with `self`).
    pub async fn drop_database(self) -> anyhow::Result<()> {
        match self.cleanup {
            Cleanup::Sqlite(dir) => dir.close()?,
            Cleanup::Postgres { server, name } => {
                let mut admin = PgConnectOptions::from_str(&server)?.connect().await?;
                sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&mut admin)
                    .await?;
                admin.close().await?;
            }
        }
        Ok(())
    }
}

impl Plain {
    /// Runs one statement that returns nothing.
    pub async fn execute(&self, sql: &str) -> anyhow::Result<()> {
        match self {
            Self::Sqlite(pool) => sqlx::query(sql).execute(pool).await.map(|_| ())?,
            Self::Postgres(pool) => sqlx::query(sql).execute(pool).await.map(|_| ())?,
        }
        Ok(())
    }

    /// Runs a query returning one integer.
    pub async fn scalar(&self, sql: &str) -> anyhow::Result<i64> {
        Ok(match self {
            Self::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await?,
            Self::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await?,
        })
    }

    /// The server's version string.
    pub async fn version(&self) -> anyhow::Result<String> {
        Ok(match self {
            Self::Sqlite(pool) => {
                let v: String = sqlx::query_scalar("SELECT sqlite_version()")
                    .fetch_one(pool)
                    .await?;
                format!("SQLite {v}")
            }
            Self::Postgres(pool) => {
                sqlx::query_scalar("SELECT version()")
                    .fetch_one(pool)
                    .await?
            }
        })
    }

    /// Closes the pool's connections.
    pub async fn close(&self) {
        match self {
            Self::Sqlite(pool) => pool.close().await,
            Self::Postgres(pool) => pool.close().await,
        }
    }
}
