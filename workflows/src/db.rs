//! The workflows' tables (`workflow_checkpoints`, `timers`) in the store's
//! database, and the migrations that create them.

use returns_eventstore::backend::Backend;

use crate::error::Result;

/// Runs `$body` with `$pool` bound to whichever pool `$backend` holds: the
/// SQL here is written to run unchanged on both backends.
macro_rules! with_pool {
    ($backend:expr, $pool:ident => $body:expr) => {
        match $backend {
            returns_eventstore::backend::Backend::Sqlite($pool) => $body,
            returns_eventstore::backend::Backend::Postgres($pool) => $body,
        }
    };
}
pub(crate) use with_pool;

/// Creates or updates the workflows' tables (idempotent; safe to run from
/// several servers at once: sqlx takes a lock on PostgreSQL).
pub async fn migrate(backend: &Backend) -> Result<()> {
    match backend {
        Backend::Sqlite(pool) => {
            let mut migrator = sqlx::migrate!("./migrations/sqlite");
            // The event store and other crates keep their migrations in the same table.
            migrator.set_ignore_missing(true);
            migrator.run(pool).await?;
        }
        Backend::Postgres(pool) => {
            let mut migrator = sqlx::migrate!("./migrations/postgres");
            migrator.set_ignore_missing(true);
            migrator.run(pool).await?;
        }
    }
    Ok(())
}
