//! Carrying one mapped record onto its ticket: open it the first time, bring
//! it in step with a newer platform version later, or do nothing and say why.
//!
//! Order of writes and crash safety: the ticket's events are written first,
//! the `intake_records` row after them (by the caller, possibly batched).
//! Every command carries a command id derived from (platform, after-sale id,
//! what the command is for), so if the process dies between the two writes,
//! the next import of the record recomputes the same commands with the same
//! ids, the store answers them as repeats without writing, and the row is
//! written then. Nothing is lost and nothing is applied twice.

use returns_domain::{decide, evolve, Command, CommandKind, DomainError, TicketState};
use returns_eventstore::{EventStore, Metadata};
use serde::Serialize;
use uuid::Uuid;

use super::custom_fields::{validate_fields, Definitions};
use super::error::{ImportError, MappingError};
use super::field::describe;
use super::mapping::Mapping;
use super::preview::{name_uuid, MappedTicket};
use super::records::IntakeRecord;
use returns_tickets::{self as ticket, TicketError};

/// What an import did to the ticket.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum ImportAction {
    /// The record was new: the ticket was opened (and the commands its status implies issued).
    Created {
        /// Commands issued, `OpenTicket` first.
        commands: Vec<CommandKind>,
    },
    /// A newer platform version changed the ticket.
    Updated {
        /// Commands issued.
        commands: Vec<CommandKind>,
    },
    /// Nothing was written to the ticket.
    Unchanged {
        /// Why: older or identical version, or the ticket already reflects it.
        reason: String,
    },
}

/// The result of importing one record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportOutcome {
    /// The platform.
    pub platform: String,
    /// The platform's after-sale id.
    pub aftersale_id: String,
    /// The ticket.
    pub ticket_id: Uuid,
    /// What happened.
    pub action: ImportAction,
    /// Things worth knowing that did not stop the import (a status command
    /// the ticket does not accept yet, custom fields a closed ticket keeps).
    pub notes: Vec<String>,
    /// The ticket's state after the import.
    pub state: TicketState,
    /// The ticket's stream version after the import.
    pub version: i64,
    /// The log position of the last event written (0: none), for read-your-writes.
    pub position: i64,
}

/// The id of the command a record issues for `purpose`.
fn command_id(mapped: &MappedTicket, purpose: &[&str]) -> Uuid {
    let mut parts = vec![mapped.platform.as_str(), mapped.aftersale_id.as_str()];
    parts.extend_from_slice(purpose);
    name_uuid(&parts)
}

/// Turns a custom-field validation error into a mapping error at the field's path.
fn field_error(mapping: &Mapping, mapped: &MappedTicket, err: DomainError) -> ImportError {
    let DomainError::Validation { field, message } = &err else {
        return ImportError::Rejected(err);
    };
    let name = field.strip_prefix("custom_fields.").unwrap_or(field);
    let path = mapping
        .custom_fields
        .get(name)
        .and_then(|t| t.field.spec().path.clone())
        .unwrap_or_else(|| "default".to_owned());
    let found = mapped
        .open
        .custom_fields
        .get(name)
        .map_or_else(|| "missing".to_owned(), describe);
    ImportError::Mapping(vec![MappingError {
        path,
        field: field.clone(),
        expected: message.clone(),
        found,
    }])
}

/// Runs `command` through the domain without writing: the state after it, or why not.
fn dry_run(state: &TicketState, command: &Command) -> Result<TicketState, DomainError> {
    let events = decide(state, command)?;
    Ok(events.iter().fold(state.clone(), evolve))
}

struct Run {
    state: TicketState,
    version: i64,
    position: i64,
    commands: Vec<CommandKind>,
}

async fn run(
    store: &EventStore,
    mapped: &MappedTicket,
    command: &Command,
    id: Uuid,
    metadata: &Metadata,
    acc: &mut Run,
) -> Result<(), ImportError> {
    let executed = ticket::execute(
        store,
        mapped.ticket_id,
        None,
        command,
        metadata.clone().with_command_id(id),
    )
    .await?;
    acc.state = executed.state;
    acc.version = executed.version;
    if !executed.repeated {
        acc.position = executed.append.last_position;
    }
    acc.commands.push(command.kind());
    Ok(())
}

/// Carries `mapped` onto its ticket. `prior` is the record's intake row (if
/// any); returns the outcome and the row to store, `None` when nothing changed.
pub async fn apply(
    store: &EventStore,
    mapping: &Mapping,
    mapped: &MappedTicket,
    prior: Option<&IntakeRecord>,
    definitions: &Definitions,
    metadata: &Metadata,
) -> Result<(ImportOutcome, Option<IntakeRecord>), ImportError> {
    let mut metadata = metadata.clone();
    if metadata.source.is_none() {
        metadata.source = Some(format!("intake:{}", mapped.platform));
    }
    let mut notes = Vec::new();
    let outcome = |action, notes, acc: Run| ImportOutcome {
        platform: mapped.platform.clone(),
        aftersale_id: mapped.aftersale_id.clone(),
        ticket_id: mapped.ticket_id,
        action,
        notes,
        state: acc.state,
        version: acc.version,
        position: acc.position,
    };
    let mut acc = Run {
        state: TicketState::default(),
        version: 0,
        position: 0,
        commands: Vec::new(),
    };
    let row = |status: Option<String>| IntakeRecord {
        platform: mapped.platform.clone(),
        aftersale_id: mapped.aftersale_id.clone(),
        ticket_id: mapped.ticket_id.to_string(),
        platform_version: mapped.platform_version,
        platform_status: status,
        platform_deadline: mapped.deadline,
        updated_at: store.clock().now(),
    };

    let exists = match prior {
        Some(_) => {
            let loaded = ticket::load(store, mapped.ticket_id).await?;
            acc.state = loaded.state;
            acc.version = loaded.version;
            loaded.version > 0
        }
        None => false,
    };
    let mut created = false;
    if !exists {
        // Without an intake row the record is almost always new: open straight
        // away (one read, one append) and look closer only if the ticket
        // turns out to exist (a concurrent import, or a crash before the row).
        validate_fields(definitions, &mapped.open.custom_fields, true)
            .map_err(|e| field_error(mapping, mapped, e))?;
        let open = Command::OpenTicket(mapped.open.clone());
        let id = command_id(mapped, &["open"]);
        match ticket::execute(
            store,
            mapped.ticket_id,
            None,
            &open,
            metadata.clone().with_command_id(id),
        )
        .await
        {
            Ok(executed) => {
                created = !executed.repeated;
                acc.state = executed.state;
                acc.version = executed.version;
                if created {
                    acc.position = executed.append.last_position;
                    acc.commands.push(CommandKind::OpenTicket);
                }
            }
            Err(TicketError::Rejected(err)) => {
                let loaded = ticket::load(store, mapped.ticket_id).await?;
                if loaded.version == 0 {
                    return Err(ImportError::Rejected(err));
                }
                acc.state = loaded.state;
                acc.version = loaded.version;
            }
            Err(other) => return Err(other.into()),
        }
    }

    if created {
        let mut reflected = mapped.platform_status.clone();
        if let (Some(status), Some(sc)) = (&mapped.platform_status, &mapped.status_command) {
            // A record first seen late in its life: apply what its status says
            // if the fresh ticket accepts it; otherwise keep the status
            // unreflected so the next import tries again.
            match dry_run(&acc.state, &sc.command) {
                Ok(_) => {
                    let id = command_id(mapped, &["status", status]);
                    run(store, mapped, &sc.command, id, &metadata, &mut acc).await?;
                }
                Err(_) if sc.satisfied_by.contains(&acc.state.status) => {}
                Err(err) => {
                    notes.push(format!(
                        "platform status {status}: {} deferred: {err}",
                        sc.command.name()
                    ));
                    reflected = None;
                }
            }
        }
        let commands = std::mem::take(&mut acc.commands);
        return Ok((
            outcome(ImportAction::Created { commands }, notes, acc),
            Some(row(reflected)),
        ));
    }

    if let Some(prior) = prior {
        if let (Some(new), Some(old)) = (mapped.platform_version, prior.platform_version) {
            if new < old {
                let reason = format!("older platform version {new} (imported: {old})");
                return Ok((
                    outcome(ImportAction::Unchanged { reason }, notes, acc),
                    None,
                ));
            }
        }
        let same_version = mapped.platform_version == prior.platform_version;
        if same_version && mapped.platform_status == prior.platform_status {
            let reason = format!(
                "identical platform version {} and status {}",
                show(mapped.platform_version.map(|v| v.to_string())),
                show(mapped.platform_status.clone())
            );
            return Ok((
                outcome(ImportAction::Unchanged { reason }, notes, acc),
                None,
            ));
        }
    }

    // Plan every command against the loaded state first: if any is refused,
    // nothing is written.
    let mut plan: Vec<(Command, Uuid)> = Vec::new();
    let mut state = acc.state.clone();
    let version_text = show(mapped.platform_version.map(|v| v.to_string()));
    let status_text = show(mapped.platform_status.clone());
    if let Some(update) = mapped.custom_fields_update(&state.custom_fields) {
        if state.allows(CommandKind::UpdateCustomFields) {
            if let Command::UpdateCustomFields(u) = &update {
                validate_fields(definitions, &u.fields, false)
                    .map_err(|e| field_error(mapping, mapped, e))?;
            }
            let changes = serde_json::to_string(&update).unwrap_or_default();
            let id = command_id(mapped, &["fields", &version_text, &status_text, &changes]);
            state = dry_run(&state, &update)?;
            plan.push((update, id));
        } else {
            notes.push(format!(
                "custom fields not updated: the ticket is {}",
                state.status
            ));
        }
    }
    let status_changed = prior.is_none_or(|p| p.platform_status != mapped.platform_status);
    if let (true, Some(status), Some(sc)) = (
        status_changed,
        &mapped.platform_status,
        &mapped.status_command,
    ) {
        // One id per (record, status): a status's command is issued at most
        // once per record, so a record that returns to an earlier status does
        // not, say, register the same shipment twice.
        let id = command_id(mapped, &["status", status]);
        if store
            .command_result(id)
            .await
            .map_err(|e| ImportError::Ticket(e.into()))?
            .is_some()
        {
            // Already issued (possibly by an import that died before writing
            // its intake row): the ticket reflects it.
        } else {
            match dry_run(&state, &sc.command) {
                Ok(_) => plan.push((sc.command.clone(), id)),
                Err(_) if sc.satisfied_by.contains(&state.status) => {}
                Err(err) => return Err(ImportError::Rejected(err)),
            }
        }
    }
    for (command, id) in &plan {
        run(store, mapped, command, *id, &metadata, &mut acc).await?;
    }
    let commands = std::mem::take(&mut acc.commands);
    let action = if commands.is_empty() {
        ImportAction::Unchanged {
            reason: "the ticket already reflects the platform record".to_owned(),
        }
    } else {
        ImportAction::Updated { commands }
    };
    Ok((
        outcome(action, notes, acc),
        Some(row(mapped.platform_status.clone())),
    ))
}

fn show(value: Option<String>) -> String {
    value.unwrap_or_else(|| "-".to_owned())
}
