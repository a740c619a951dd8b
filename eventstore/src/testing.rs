//! Fresh databases for tests, on either backend (feature `testing`).
//!
//! SQLite: a new file in a temporary directory. PostgreSQL: a new database
//! on the server named by `TEST_DATABASE_URL` (or `DATABASE_URL`), dropped
//! when the handle is dropped. Without either variable the PostgreSQL half of
//! a contract suite is skipped, and says so.

use std::str::FromStr;

use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, Connection};

/// The server URL PostgreSQL tests use, if any.
pub fn postgres_server_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL")
        .or_else(|_| std::env::var("DATABASE_URL"))
        .ok()
        .filter(|url| url.starts_with("postgres"))
}

/// A database that exists for one test.
#[derive(Debug)]
pub struct TestDatabase {
    url: String,
    cleanup: Cleanup,
}

#[derive(Debug)]
enum Cleanup {
    Sqlite(#[allow(dead_code)] tempfile::TempDir),
    Postgres { server: String, name: String },
}

impl TestDatabase {
    /// A new, empty SQLite database file.
    pub fn sqlite() -> Self {
        let dir = tempfile::tempdir()
            .unwrap_or_else(|e| panic!("cannot create a temporary directory: {e}"));
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        Self {
            url,
            cleanup: Cleanup::Sqlite(dir),
        }
    }

    /// A new, empty PostgreSQL database, or `None` (with a note on stderr)
    /// when no server is configured.
    pub async fn postgres() -> Option<Self> {
        let Some(server) = postgres_server_url() else {
            eprintln!("PostgreSQL tests skipped: set TEST_DATABASE_URL to run them");
            return None;
        };
        let name = format!("returns_test_{}", uuid::Uuid::new_v4().simple());
        let mut admin = PgConnectOptions::from_str(&server)
            .unwrap_or_else(|e| panic!("bad TEST_DATABASE_URL: {e}"))
            .connect()
            .await
            .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at TEST_DATABASE_URL: {e}"));
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut admin)
            .await
            .unwrap_or_else(|e| panic!("cannot create test database: {e}"));
        let _ = admin.close().await;
        let url = replace_database(&server, &name);
        Some(Self {
            url,
            cleanup: Cleanup::Postgres { server, name },
        })
    }

    /// The database's URL.
    pub fn url(&self) -> &str {
        &self.url
    }
}

/// `server` with its database path replaced by `name`.
pub fn replace_database(server: &str, name: &str) -> String {
    let (base, query) = match server.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (server, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    let mut url = format!("{}/{name}", &base[..host_end]);
    if let Some(query) = query {
        url.push('?');
        url.push_str(query);
    }
    url
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Cleanup::Postgres { server, name } = &self.cleanup {
            let server = server.clone();
            let name = name.clone();
            // Drop runs inside the test's runtime, which cannot be blocked
            // on; a thread with its own runtime does the cleanup.
            let _ = std::thread::spawn(move || {
                let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                else {
                    return;
                };
                runtime.block_on(async move {
                    let Ok(options) = PgConnectOptions::from_str(&server) else {
                        return;
                    };
                    if let Ok(mut admin) = options.connect().await {
                        let _ =
                            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                                .execute(&mut admin)
                                .await;
                    }
                });
            })
            .join();
        }
    }
}

/// Declares each listed `async fn name(db: TestDatabase)` as two tests, one
/// per backend, in modules `sqlite` and `postgres`.
#[macro_export]
macro_rules! contract_tests {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    super::$name($crate::testing::TestDatabase::sqlite()).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $name() {
                    if let Some(db) = $crate::testing::TestDatabase::postgres().await {
                        super::$name(db).await;
                    }
                }
            )*
        }
    };
}
