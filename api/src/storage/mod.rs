//! The api's own tables and the only SQL in this crate: bearer tokens
//! ([`tokens`]).

pub mod tokens;

use returns_eventstore::db::{Db, Migrations};

/// The api's tables (`api_tokens`).
pub static MIGRATIONS: Migrations = Migrations::new(
    "api",
    sqlx::migrate!("./migrations/sqlite"),
    sqlx::migrate!("./migrations/postgres"),
);

/// Creates or updates the api's tables.
pub async fn migrate(db: &Db) -> returns_eventstore::Result<()> {
    db.migrate(&MIGRATIONS).await
}
