//! Mutations: one per domain command, named for what the person does, plus
//! `sealLog` and the platform intake (`previewImport`, `importAftersale`).
//! Each file holds one department's steps.
//!
//! Every ticket mutation takes `commandId` (required: a retry with the same
//! id returns the first result and writes nothing, which a server-generated
//! id could never give) and an optional `expectedVersion`. The time of a
//! command is the server clock's, never the client's.

mod application;
mod follow_up;
mod housekeeping;
mod inspection;
mod intake;
mod platform_sync;
mod refund;
mod seal;
mod shipping;

use async_graphql::{Context, MergedObject};
use chrono::{DateTime, Utc};
use returns_domain::{Command, CommandKind};
use returns_eventstore::Metadata;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::context::{app, request_id, require_command};
use super::types::{Ticket, TicketResult};
use crate::error::ApiError;
use crate::state::AppState;

pub use application::{ApplicationMutation, OpenTicketInput, TicketLineInput};
pub use follow_up::FollowUpMutation;
pub use housekeeping::HousekeepingMutation;
pub use inspection::InspectionMutation;
pub use intake::IntakeMutation;
pub use platform_sync::PlatformSyncMutation;
pub use refund::RefundMutation;
pub use seal::SealMutation;
pub use shipping::{ShipmentInput, ShippingMutation};

/// Every mutation of the API.
#[derive(MergedObject, Default)]
pub struct Mutation(
    ApplicationMutation,
    ShippingMutation,
    InspectionMutation,
    RefundMutation,
    FollowUpMutation,
    HousekeepingMutation,
    SealMutation,
    IntakeMutation,
    PlatformSyncMutation,
);

/// An id derived from a command id, so a retried command creates the same
/// ticket, refund or follow-up instead of a second one.
pub fn derived_id(command_id: Uuid, what: &str) -> Uuid {
    let digest = Sha256::new()
        .chain_update(what.as_bytes())
        .chain_update(command_id.as_bytes())
        .finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

/// Authorizes, builds and executes one ticket command.
///
/// The role check comes first, so a forbidden caller learns nothing about
/// the ticket; `build` receives the server's time.
pub(crate) async fn run(
    ctx: &Context<'_>,
    kind: CommandKind,
    ticket_id: Uuid,
    command_id: Uuid,
    expected_version: Option<i64>,
    build: impl FnOnce(&AppState, DateTime<Utc>) -> Result<Command, ApiError>,
) -> Result<TicketResult, ApiError> {
    let who = require_command(ctx, kind)?;
    let app = app(ctx)?;
    let request = request_id(ctx);
    let at = app.store.clock().now();
    let command = build(app, at)?;
    debug_assert_eq!(command.kind(), kind);
    reject_nul(&command)?;
    let metadata = Metadata {
        actor: who.actor,
        role: who.role.as_str().to_owned(),
        command_id: Some(command_id),
        correlation_id: Some(request),
        causation_id: None,
        source: Some("graphql".to_owned()),
    };
    let done =
        returns_tickets::execute(&app.store, ticket_id, expected_version, &command, metadata)
            .await
            .map_err(|e| ApiError::from_execute(e, ticket_id, request))?;
    if !done.repeated {
        let events = done.append.last_position - done.append.first_position + 1;
        app.metrics
            .record_command(kind.name(), u64::try_from(events).unwrap_or(0));
    }
    Ok(TicketResult {
        ticket: Ticket {
            id: ticket_id,
            state: done.state,
        },
        version: done.version,
        position: done.append.last_position,
        repeated: done.repeated,
    })
}

/// Refuses text containing NUL (U+0000): PostgreSQL cannot store it in text
/// or JSON, so it would fail there and not on SQLite; both refuse it here.
pub(crate) fn reject_nul(value: &impl serde::Serialize) -> Result<(), ApiError> {
    match serde_json::to_string(value) {
        Ok(json) if json.contains("\\u0000") => Err(ApiError::Validation(
            "text must not contain the NUL character (U+0000)".to_owned(),
        )),
        _ => Ok(()),
    }
}
