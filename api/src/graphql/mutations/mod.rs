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
mod kinds;
mod platform_sync;
mod refund;
mod seal;
mod shipping;

use async_graphql::{Context, MergedObject};
use chrono::{DateTime, Utc};
use returns_domain::{Command, CommandId, CommandKind, TicketCommand, TicketId, Version};
use returns_eventstore::{CommandFingerprint, Metadata};
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
pub use kinds::KindsMutation;
pub use platform_sync::PlatformSyncMutation;
pub use refund::RefundMutation;
pub use seal::SealMutation;
pub use shipping::{ReceivedLineInput, ShipmentInput, ShippingMutation};

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
    crate::graphql::webhooks::WebhookMutation,
    PlatformSyncMutation,
    crate::graphql::personal::PersonalDataMutation,
    crate::graphql::saved_views::SavedViewMutation,
    KindsMutation,
    crate::graphql::parcels::ParcelMutation,
    crate::graphql::platform_tasks::PlatformTaskMutation,
);

/// What every ticket mutation acts on: the ticket, the idempotency key,
/// and the version the client expects, if it names one. Typed, so the two
/// ids cannot be swapped on the way to the store.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Target {
    pub ticket: TicketId,
    pub command: CommandId,
    pub expected: Option<Version>,
}

impl Target {
    /// The target of a mutation's `ticketId`, `commandId` and
    /// `expectedVersion` arguments.
    pub fn new(ticket_id: Uuid, command_id: Uuid, expected_version: Option<i64>) -> Self {
        Self {
            ticket: TicketId::new(ticket_id),
            command: CommandId::new(command_id),
            expected: expected_version.map(Version::new),
        }
    }
}

/// Authorizes, builds and executes one ticket command of type `C`, whose
/// kind the command table states ([`TicketCommand::KIND`]).
///
/// The role check comes first, so a forbidden caller learns nothing about
/// the ticket; `build` receives the server's time.
pub(crate) async fn run<C: TicketCommand>(
    ctx: &Context<'_>,
    target: Target,
    build: impl FnOnce(&AppState, DateTime<Utc>) -> Result<C, ApiError>,
) -> Result<TicketResult, ApiError> {
    let kind = C::KIND;
    let who = require_command(ctx, kind)?;
    let app = app(ctx)?;
    let request = request_id(ctx);
    let at = app.store.clock().now();
    let command: Command = build(app, at)?.into();
    reject_nul(&command)?;
    let metadata = Metadata {
        actor: who.actor,
        role: who.role.as_str().to_owned(),
        command_id: Some(target.command.uuid()),
        correlation_id: Some(request),
        causation_id: None,
        source: Some("graphql".to_owned()),
        fingerprint: Some(fingerprint(ctx, kind)?),
    };
    let ticket_id = target.ticket.uuid();
    let done = app
        .tickets
        .execute(target.ticket, target.expected, &command, metadata)
        .await
        .map_err(|e| ApiError::from_execute(e, ticket_id, request))?;
    if !done.repeated {
        let events = done.append.last_position - done.append.first_position + 1;
        app.metrics
            .record_command(kind.name(), u64::try_from(events).unwrap_or(0));
    }
    Ok(TicketResult {
        ticket: Ticket::new(ticket_id, done.state),
        version: done.version,
        position: done.append.last_position,
        repeated: done.repeated,
    })
}

/// Arguments that are not the command's input: the idempotency key itself
/// and the optimistic check, which a retry after a conflict may change.
const NOT_INPUT: [&str; 2] = ["commandId", "expectedVersion"];

/// What this use of a command id is: the command's kind and a hash of the
/// mutation's arguments exactly as the client sent them (variables
/// substituted, object keys sorted, nulls dropped). Server-filled fields
/// (the clock's time, derived ids) are not in the arguments, so a genuine
/// retry hashes the same; any other input does not.
pub(crate) fn fingerprint(
    ctx: &Context<'_>,
    kind: CommandKind,
) -> Result<CommandFingerprint, ApiError> {
    let arguments = ctx
        .field()
        .arguments()
        .map_err(|e| ApiError::Validation(e.message))?;
    let input: serde_json::Map<String, serde_json::Value> = arguments
        .into_iter()
        .filter(|(name, _)| !NOT_INPUT.contains(&name.as_str()))
        .map(|(name, value)| {
            (
                name.to_string(),
                canonical(value.into_json().unwrap_or_default()),
            )
        })
        .filter(|(_, value)| !value.is_null())
        .collect();
    Ok(CommandFingerprint::new(
        kind.name(),
        input_hash(&serde_json::Value::Object(input)),
    ))
}

/// The SHA-256 (hex) of `input`'s canonical JSON.
pub(crate) fn input_hash(input: &serde_json::Value) -> String {
    hex::encode(Sha256::digest(
        canonical(input.clone()).to_string().as_bytes(),
    ))
}

/// `value` with object keys sorted and null members dropped, so the same
/// input hashes the same however the client ordered or spelled it out.
fn canonical(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let mut members: Vec<(String, Value)> = map
                .into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, canonical(v)))
                .collect();
            members.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(members.into_iter().collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(canonical).collect()),
        other => other,
    }
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
