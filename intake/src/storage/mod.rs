//! Intake's tables, and the only SQL in this crate: which ticket each
//! platform record opened ([`records`]), the custom fields admins defined
//! ([`custom_fields`]) and the mappings they saved ([`mappings`]).

pub mod custom_fields;
pub mod mappings;
pub mod records;

use returns_eventstore::db::Migrations;
use returns_eventstore::EventStore;

/// Intake's tables: `intake_records`, `custom_field_definitions`,
/// `intake_mappings`.
pub static MIGRATIONS: Migrations = returns_eventstore::migrations!("intake");

/// Creates or updates intake's tables. Safe to call at every start and from
/// several servers at once.
pub async fn migrate(store: &EventStore) -> returns_eventstore::Result<()> {
    store.db().migrate(&MIGRATIONS).await
}
