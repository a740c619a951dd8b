//! The workflows' tables and the only SQL in this crate: each workflow's
//! position in the log ([`checkpoints`]) and the durable timers
//! ([`timers`]).

pub mod checkpoints;
pub mod timers;

use returns_eventstore::db::{Db, Migrations};

use crate::error::Result;

/// The workflows' tables: `workflow_checkpoints`, `timers`.
pub static MIGRATIONS: Migrations = Migrations::new(
    "workflows",
    sqlx::migrate!("./migrations/sqlite"),
    sqlx::migrate!("./migrations/postgres"),
);

/// Creates or updates the workflows' tables (idempotent; safe to run from
/// several servers at once).
pub async fn migrate(db: &Db) -> Result<()> {
    Ok(db.migrate(&MIGRATIONS).await?)
}
