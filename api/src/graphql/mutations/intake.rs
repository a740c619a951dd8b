//! Platform intake: preview how a platform's after-sale record maps onto a
//! ticket, and import it (opening the ticket, or bringing it in step with a
//! newer version of the record).

use async_graphql::{Context, Enum, Json, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use returns_domain::CommandKind;
use returns_eventstore::Metadata;
use returns_intake::mapping_store::load_mappings;
use returns_intake::{import_one, preview, ImportAction, ImportError, Mappings};
use serde_json::Value;
use uuid::Uuid;

use crate::error::{ApiError, IntoGql};
use crate::graphql::context::{app, request_id, require_command};
use crate::graphql::types::Ticket;

/// A value that does not fit the platform's mapping.
#[derive(SimpleObject, Debug, Clone)]
pub struct MappingProblem {
    /// Where in the payload (JSONPath).
    pub path: String,
    /// The target, e.g. `ticket.kind`.
    pub field: String,
    /// What the mapping expects.
    pub expected: String,
    /// What the payload holds (`missing` when nothing).
    pub found: String,
}

impl From<returns_intake::MappingError> for MappingProblem {
    fn from(e: returns_intake::MappingError) -> Self {
        Self {
            path: e.path,
            field: e.field,
            expected: e.expected,
            found: e.found,
        }
    }
}

/// A platform record mapped without writing anything.
#[derive(SimpleObject, Debug, Clone)]
pub struct ImportPreview {
    /// Whether the record can open or update a ticket (then `openTicket` is
    /// set); `problems` may still list fields that do not fit (warnings).
    pub ok: bool,
    /// Everything that does not fit, all at once: when `ok`, warnings the
    /// import would record on the ticket; otherwise why no ticket can exist.
    pub problems: Vec<MappingProblem>,
    /// The ticket the record belongs to (derived from platform and after-sale id).
    pub ticket_id: Option<Uuid>,
    /// The platform's after-sale id.
    pub aftersale_id: Option<String>,
    /// The record's version, if the mapping reads one.
    pub platform_version: Option<i64>,
    /// The record's status (after the mapping's value map).
    pub platform_status: Option<String>,
    /// The platform's deadline for the current step.
    pub deadline: Option<DateTime<Utc>>,
    /// The `OpenTicket` command the record becomes (JSON).
    pub open_ticket: Option<Json<Value>>,
    /// The command the record's status implies on an existing ticket (JSON).
    pub status_command: Option<Json<Value>>,
}

/// What an import did.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportActionKind {
    /// A new record: the ticket was opened.
    Created,
    /// A newer version changed the ticket.
    Updated,
    /// Nothing was written.
    Unchanged,
}

/// The result of importing one record.
#[derive(SimpleObject, Debug, Clone)]
pub struct ImportResult {
    /// What happened.
    pub action: ImportActionKind,
    /// The commands issued, in order.
    pub commands: Vec<String>,
    /// Why nothing was written, when unchanged.
    pub reason: Option<String>,
    /// Things worth knowing that did not stop the import (steps waiting for
    /// a field, conflicts recorded for a person).
    pub notes: Vec<String>,
    /// Fields of the record that did not fit: the ticket still opened or
    /// updated, and records them until a later version or a person settles them.
    pub warnings: Vec<MappingProblem>,
    /// The ticket after the import.
    pub ticket: Ticket,
    /// Its version.
    pub version: i64,
    /// Log position of the last event written (0: none), for `atLeastPosition`.
    pub position: i64,
}

async fn mappings(ctx: &Context<'_>) -> Result<Mappings, ApiError> {
    let app = app(ctx)?;
    load_mappings(&app.store)
        .await
        .map_err(|e| ApiError::from_error(request_id(ctx), &e))
}

fn import_error(ctx: &Context<'_>, error: ImportError) -> ApiError {
    let message = error.to_string();
    match error {
        ImportError::UnknownPlatform(_) | ImportError::Mapping(_) => ApiError::Validation(message),
        ImportError::Rejected(domain) => ApiError::from_domain(&domain),
        ImportError::Ticket(e) => ApiError::from_execute(e, Uuid::nil(), request_id(ctx)),
        other => ApiError::internal(request_id(ctx), &other),
    }
}

/// Intake through the API.
#[derive(Default)]
pub struct IntakeMutation;

#[Object]
impl IntakeMutation {
    /// Maps a platform record without writing: what ticket it would open,
    /// or every field that does not fit. For people writing mappings.
    async fn preview_import(
        &self,
        ctx: &Context<'_>,
        platform: String,
        payload: Json<Value>,
    ) -> Result<ImportPreview> {
        async {
            require_command(ctx, CommandKind::OpenTicket)?;
            let app = app(ctx)?;
            let mapping = mappings(ctx).await?.get(&platform).ok_or_else(|| {
                ApiError::Validation(format!("no mapping for platform `{platform}`"))
            })?;
            Ok(
                match preview(&mapping, &payload.0, app.store.clock().now()) {
                    Ok(mapped) => ImportPreview {
                        ok: true,
                        problems: mapped
                            .warnings
                            .iter()
                            .cloned()
                            .map(MappingProblem::from)
                            .collect(),
                        ticket_id: Some(mapped.ticket_id),
                        aftersale_id: Some(mapped.aftersale_id.clone()),
                        platform_version: mapped.platform_version,
                        platform_status: mapped.platform_status.clone(),
                        deadline: mapped.deadline,
                        open_ticket: serde_json::to_value(&mapped.open).ok().map(Json),
                        status_command: mapped
                            .status_command
                            .as_ref()
                            .and_then(|c| serde_json::to_value(&c.command).ok())
                            .map(Json),
                    },
                    Err(errors) => ImportPreview {
                        ok: false,
                        problems: errors.into_iter().map(MappingProblem::from).collect(),
                        ticket_id: None,
                        aftersale_id: None,
                        platform_version: None,
                        platform_status: None,
                        deadline: None,
                        open_ticket: None,
                        status_command: None,
                    },
                },
            )
        }
        .await
        .gql()
    }

    /// Imports one platform after-sale record: opens its ticket, or carries
    /// a newer version of the record onto it. Safe to repeat.
    async fn import_aftersale(
        &self,
        ctx: &Context<'_>,
        platform: String,
        payload: Json<Value>,
    ) -> Result<ImportResult> {
        async {
            let who = require_command(ctx, CommandKind::OpenTicket)?;
            super::reject_nul(&payload.0)?;
            let app = app(ctx)?;
            let mappings = mappings(ctx).await?;
            let metadata = Metadata {
                actor: who.actor,
                role: who.role.as_str().to_owned(),
                command_id: None,
                correlation_id: Some(request_id(ctx)),
                causation_id: None,
                source: Some(format!("graphql:intake:{platform}")),
                fingerprint: None,
            };
            let outcome = import_one(&app.tickets, &mappings, &platform, &payload.0, metadata)
                .await
                .map_err(|e| import_error(ctx, e))?;
            let (action, commands, reason) = match outcome.action {
                ImportAction::Created { commands } => (ImportActionKind::Created, commands, None),
                ImportAction::Updated { commands } => (ImportActionKind::Updated, commands, None),
                ImportAction::Unchanged { reason } => {
                    (ImportActionKind::Unchanged, Vec::new(), Some(reason))
                }
            };
            Ok(ImportResult {
                action,
                commands: commands.iter().map(|c| c.name().to_owned()).collect(),
                reason,
                notes: outcome.notes,
                warnings: outcome
                    .warnings
                    .into_iter()
                    .map(MappingProblem::from)
                    .collect(),
                ticket: Ticket::new(outcome.ticket_id, outcome.state),
                version: outcome.version,
                position: outcome.position,
            })
        }
        .await
        .gql()
    }
}
