//! Fresh databases for each part, dropped afterwards.

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, PgConnection, PgPool, SqlitePool};

/// Which database a part runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Embedded SQLite file in a temporary directory.
    Sqlite,
    /// A fresh database on the PostgreSQL server.
    Postgres,
}

impl Kind {
    /// The name shown in the report.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Sqlite => "SQLite",
            Kind::Postgres => "PostgreSQL",
        }
    }
}

/// A database created for one part of the run.
pub struct Database {
    /// Its URL, for `EventStore::connect`.
    pub url: String,
    /// Its backend.
    pub kind: Kind,
    admin_url: Option<String>,
    name: String,
    _dir: Option<tempfile::TempDir>,
}

impl Database {
    /// A fresh database of `kind`; `admin_url` names the PostgreSQL server.
    pub async fn create(kind: Kind, admin_url: &str, label: &str) -> anyhow::Result<Self> {
        let name = format!(
            "bench_{label}_{}_{}",
            std::process::id(),
            uuid::Uuid::new_v4()
                .simple()
                .to_string()
                .get(..8)
                .unwrap_or("x")
        );
        match kind {
            Kind::Sqlite => {
                let dir = tempfile::Builder::new().prefix("returns-bench").tempdir()?;
                let path = dir.path().join(format!("{name}.db"));
                Ok(Self {
                    url: format!("sqlite:{}", path.display()),
                    kind,
                    admin_url: None,
                    name,
                    _dir: Some(dir),
                })
            }
            Kind::Postgres => {
                let mut admin = PgConnection::connect(admin_url)
                    .await
                    .with_context(|| format!("connecting to {admin_url}"))?;
                sqlx::query(&format!("CREATE DATABASE \"{name}\""))
                    .execute(&mut admin)
                    .await?;
                admin.close().await?;
                Ok(Self {
                    url: with_database(admin_url, &name),
                    kind,
                    admin_url: Some(admin_url.to_owned()),
                    name,
                    _dir: None,
                })
            }
        }
    }

    /// A plain SQLite pool with the store's settings (WAL, synchronous=FULL).
    pub async fn sqlite_pool(&self, connections: u32) -> anyhow::Result<SqlitePool> {
        let options = SqliteConnectOptions::from_str(&self.url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(30));
        Ok(SqlitePoolOptions::new()
            .max_connections(connections)
            .connect_with(options)
            .await?)
    }

    /// A plain PostgreSQL pool.
    pub async fn pg_pool(&self, connections: u32) -> anyhow::Result<PgPool> {
        Ok(PgPoolOptions::new()
            .max_connections(connections)
            .connect_with(PgConnectOptions::from_str(&self.url)?)
            .await?)
    }

    /// `VACUUM ANALYZE` (PostgreSQL) or `ANALYZE` (SQLite), so plans see real sizes.
    pub async fn analyze(&self) -> anyhow::Result<()> {
        match self.kind {
            Kind::Postgres => {
                let mut conn = PgConnection::connect(&self.url).await?;
                sqlx::query("VACUUM ANALYZE").execute(&mut conn).await?;
                conn.close().await?;
            }
            Kind::Sqlite => {
                let pool = self.sqlite_pool(1).await?;
                sqlx::query("ANALYZE").execute(&pool).await?;
                pool.close().await;
            }
        }
        Ok(())
    }

    /// Drops the database (the SQLite file goes with its directory).
    pub async fn drop_now(self) -> anyhow::Result<()> {
        if let Some(admin_url) = &self.admin_url {
            let mut admin = PgConnection::connect(admin_url).await?;
            sqlx::query(&format!(
                "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                self.name
            ))
            .execute(&mut admin)
            .await?;
            admin.close().await?;
        }
        Ok(())
    }
}

/// `url` with its database name replaced by `name`.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let authority_start = base.find("://").map(|i| i + 3).unwrap_or(0);
    let base = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn database_name_is_replaced_and_query_kept() {
        assert_eq!(
            with_database("postgres://postgres@127.0.0.1:5432/postgres", "b1"),
            "postgres://postgres@127.0.0.1:5432/b1"
        );
        assert_eq!(
            with_database("postgres://u@h/db?sslmode=disable", "b2"),
            "postgres://u@h/b2?sslmode=disable"
        );
        assert_eq!(with_database("postgres://u@h", "b3"), "postgres://u@h/b3");
    }
}
