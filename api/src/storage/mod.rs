//! The api's own tables and the only SQL in this crate: bearer tokens
//! ([`tokens`]), people's accounts, sessions and failed sign-ins
//! ([`accounts`]), agents' saved console views ([`saved_views`]).

pub mod accounts;
pub mod saved_views;
pub mod tokens;

use returns_eventstore::db::{Db, Migrations};

/// The api's tables (`api_tokens`, `users`, `sessions`, `sign_in_failures`, `saved_views`).
pub static MIGRATIONS: Migrations = returns_eventstore::migrations!("api");

/// Creates or updates the api's tables.
pub async fn migrate(db: &Db) -> returns_eventstore::Result<()> {
    db.migrate(&MIGRATIONS).await
}
