//! The workflows' tables and the only SQL in this crate: each workflow's
//! position in the log ([`checkpoints`]), the durable timers ([`timers`]),
//! finance's payout queue ([`payouts`]) and the webhook endpoints and
//! delivery outbox ([`webhooks`]), and the platform actions waiting to be
//! sent through a shop's open API ([`platform_outbox`]).

pub mod checkpoints;
pub mod payouts;
pub mod platform_outbox;
pub mod timers;
pub mod webhooks;

use returns_eventstore::db::{Db, Migrations};

use crate::error::Result;

/// The workflows' tables: `workflow_checkpoints`, `timers`, `payouts`,
/// `webhook_endpoints`, `webhook_deliveries`, `platform_outbox`.
pub static MIGRATIONS: Migrations = returns_eventstore::migrations!("workflows");

/// Creates or updates the workflows' tables (idempotent; safe to run from
/// several servers at once), and the tickets' tables they read (the
/// `parcel_match` workflow reads the parcel pool, which a runtime on a
/// plaintext test handle would otherwise never have created).
pub async fn migrate(db: &Db) -> Result<()> {
    returns_tickets::storage::migrate(db).await?;
    Ok(db.migrate(&MIGRATIONS).await?)
}
