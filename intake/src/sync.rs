//! Carrying one mapped record onto its ticket: open it the first time, bring
//! it to where the platform is on a newer version, or do nothing and say why.
//!
//! The rules (README, "How imports behave"):
//! 1. **Never lose an application.** A record whose core fits (key, order,
//!    kind, a line with an amount) always opens or updates its ticket; every
//!    other problem is a warning, returned and recorded on the ticket as
//!    `PlatformSyncPending` until a later version or a person settles it.
//! 2. **Follow the platform.** When the platform is ahead, each missing step
//!    is issued in lifecycle order as actor `platform:<name>` (an `applied`
//!    ticket whose record says "buyer shipped" gets `RecordPlatformApproval`,
//!    then `RegisterReturnShipment`); when it contradicts the ticket nothing
//!    is forced and a `PlatformSyncConflicted` is recorded for a person.
//! 3. **Order does not matter.** The newest version imported decides the
//!    ticket (its steps, custom fields, flags, arbitration, waybill and
//!    contact), planned from the ticket's state and that version alone; an
//!    older version arriving later adds only what it proves happened and the
//!    ticket lacks (the platform's refund, the return parcel's waybill), and
//!    never overrides the newer one. So a ticket's state after a set of a
//!    record's versions is a function of the set, whatever the order
//!    (proven by the convergence property test in `tests/intake_platform.rs`).
//!
//! Order of writes and crash safety: the ticket's events are written first,
//! the `intake_records` row after them (by the caller, possibly batched).
//! Every command carries a command id derived from (platform, after-sale id,
//! what the command is for), and every step is planned from the ticket's
//! state, so if the process dies between the two writes the next import
//! finds the steps done, writes nothing twice, and writes the row.

use returns_domain::command::{
    ArbitrationStage, CorrectedWaybill, PlatformSyncIssueKind, RecordPlatformApproval,
    RecordPlatformArbitration, RecordPlatformConfirmation, RecordPlatformCorrection,
    RecordPlatformDeadline, RecordPlatformSyncIssue, ResolvePlatformSync,
};
use returns_domain::{
    decide, evolve, Command, CommandKind, CustomFields, DomainError, TicketState,
};
use returns_eventstore::Metadata;
use serde::Serialize;
use uuid::Uuid;

use super::custom_fields::{validate_fields, Definitions};
use super::error::{ImportError, MappingError};
use super::field::describe;
use super::mapping::Mapping;
use super::preview::{name_uuid, MappedTicket};
use super::records::IntakeRecord;
use returns_tickets::{self as ticket, TicketError, Tickets};

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
    /// Things worth knowing that did not stop the import (a step waiting for
    /// a field, a conflict recorded for a person, custom fields a closed
    /// ticket keeps).
    pub notes: Vec<String>,
    /// Fields of the record that did not fit; the ticket records them until settled.
    pub warnings: Vec<MappingError>,
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

/// The custom fields that fit the admin's definitions, and a warning for each that does not.
fn fitting_fields(
    mapping: &Mapping,
    definitions: &Definitions,
    fields: &CustomFields,
    opening: bool,
) -> (CustomFields, Vec<MappingError>) {
    let mut kept = CustomFields::new();
    let mut warnings = Vec::new();
    for (name, value) in fields {
        let one = CustomFields::from([(name.clone(), value.clone())]);
        match validate_fields(definitions, &one, false) {
            Ok(()) => {
                kept.insert(name.clone(), value.clone());
            }
            Err(err) => warnings.push(field_warning(mapping, name, Some(value), &err)),
        }
    }
    if opening {
        if let Err(err) = validate_fields(definitions, &kept, true) {
            let name = match &err {
                DomainError::Validation { field, .. } => field
                    .strip_prefix("custom_fields.")
                    .unwrap_or(field)
                    .to_owned(),
                _ => String::new(),
            };
            warnings.push(field_warning(mapping, &name, None, &err));
        }
    }
    (kept, warnings)
}

fn field_warning(
    mapping: &Mapping,
    name: &str,
    value: Option<&serde_json::Value>,
    err: &DomainError,
) -> MappingError {
    let expected = match err {
        DomainError::Validation { message, .. } => message.clone(),
        other => other.to_string(),
    };
    MappingError {
        path: mapping
            .custom_fields
            .get(name)
            .and_then(|t| t.field.spec().path.clone())
            .unwrap_or_else(|| "default".to_owned()),
        field: format!("custom_fields.{name}"),
        expected,
        found: value.map_or_else(|| "missing".to_owned(), describe),
    }
}

/// Runs `command` through the domain without writing: the state after it, or why not.
fn dry_run(state: &TicketState, command: &Command) -> Result<TicketState, DomainError> {
    let events = decide(state, command)?;
    Ok(events.iter().fold(state.clone(), evolve))
}

/// A command to issue, with its id and whether the platform is its actor.
struct Planned {
    command: Command,
    id: Uuid,
    by_platform: bool,
}

/// What the record's status asks of the ticket.
#[derive(Default)]
struct CatchUp {
    steps: Vec<Planned>,
    /// What a step needs and the record lacks.
    pending: Vec<String>,
    /// What the platform says that contradicts the ticket.
    conflict: Vec<String>,
    notes: Vec<String>,
}

/// Plans the platform's steps the ticket has not taken, in lifecycle order,
/// from `state` (already including any planned custom-field update).
fn plan_catch_up(mapped: &MappedTicket, mut state: TicketState) -> (CatchUp, TicketState) {
    let mut out = CatchUp::default();
    plan_price_difference(mapped, &mut state, &mut out);
    let Some(target) = mapped.target else {
        return (out, state);
    };
    let status = mapped.platform_status.clone().unwrap_or_default();
    let Some(kind) = state.kind() else {
        return (out, state);
    };
    if target == CommandKind::RecordPlatformRefund && kind == returns_domain::TicketKind::Exchange {
        out.notes.push(format!(
            "platform status {status}: an exchange is settled by shipping the replacement, not by a refund"
        ));
        return (out, state);
    }
    // (step, optional): an optional step is taken when the record has what
    // it needs, and skipped otherwise (the platform may refund a return
    // whose parcel it never told us about).
    let chain: Vec<(CommandKind, bool)> = match target {
        CommandKind::RegisterReturnShipment => vec![
            (CommandKind::RecordPlatformApproval, false),
            (CommandKind::RegisterReturnShipment, false),
        ],
        CommandKind::RecordPlatformRefund => vec![
            (CommandKind::RecordPlatformApproval, false),
            (CommandKind::RegisterReturnShipment, true),
            (CommandKind::RecordPlatformRefund, false),
        ],
        other => vec![(other, false)],
    };
    let refund_id = name_uuid(&[&mapped.platform, &mapped.aftersale_id, "platform_refund"]);
    for (step_kind, optional) in chain {
        let step = mapped.step(step_kind);
        let done = match step_kind {
            // Reviewed already, one way or the other; a rejection is not an
            // approval, so the next step finds the contradiction.
            CommandKind::RecordPlatformApproval => !matches!(
                state.status,
                returns_domain::TicketStatus::Applied | returns_domain::TicketStatus::Rejected
            ),
            CommandKind::RegisterReturnShipment => {
                state.return_shipment.is_some() || !kind.needs_goods_back()
            }
            CommandKind::RecordPlatformRefund => {
                state.refund(refund_id).is_some() || state.platform_refundable_minor() == 0
            }
            CommandKind::StatePriceDifference => state.price_difference.is_some(),
            _ => false,
        } || (step_kind == target
            && step.is_some_and(|s| s.satisfied_by.contains(&state.status)));
        if done {
            continue;
        }
        if !state.allows(step_kind) {
            if optional {
                continue;
            }
            out.conflict.push(format!(
                "the platform says {status}, which needs {}; the ticket is {} and does not allow it",
                step_kind.name(),
                state.status
            ));
            break;
        }
        let command = match (step_kind, step.and_then(|s| s.command.clone())) {
            (CommandKind::RecordPlatformApproval, None) => {
                Some(Command::RecordPlatformApproval(RecordPlatformApproval {
                    platform: mapped.platform.clone(),
                    at: mapped.updated_at,
                }))
            }
            (_, command) => command,
        };
        let Some(mut command) = command else {
            if optional {
                out.notes.push(format!(
                    "platform status {status}: {} skipped, the record does not say",
                    step_kind.name()
                ));
                continue;
            }
            let missing = step.map(|s| s.missing.clone()).unwrap_or_default();
            out.pending.extend(missing.iter().map(ToString::to_string));
            if missing.is_empty() {
                out.pending
                    .push(format!("{}: the record lacks its fields", step_kind.name()));
            }
            break;
        };
        if let Command::RecordPlatformRefund(refund) = &mut command {
            // A platform refund never exceeds what was paid: the part beyond
            // what is left is not recorded, and the mismatch is a conflict a
            // person sees (the record or the ticket's paid amounts are wrong).
            let left = state.platform_refundable_minor();
            let said = refund.amount.amount_minor;
            if said > left {
                out.conflict.push(format!(
                    "the platform says {status} with {said} (minor units) back to the buyer, \
                     more than the {left} paid and not yet refunded"
                ));
                refund.amount.amount_minor = left;
            }
            if refund.amount.amount_minor == 0 {
                out.notes.push(format!(
                    "platform status {status}: the platform refunded nothing"
                ));
                continue;
            }
        }
        match dry_run(&state, &command) {
            Ok(next) => {
                state = next;
                let id = command_id(mapped, &["step", step_kind.name()]);
                out.steps.push(Planned {
                    command,
                    id,
                    by_platform: true,
                });
            }
            Err(err) => {
                out.pending.push(format!("{}: {err}", step_kind.name()));
                break;
            }
        }
    }
    (out, state)
}

/// A price-protection ticket is judged on the difference the platform
/// states: whatever the record's status, the difference is stated first
/// (once) while the application waits, so the review or the auto-approval
/// policy has it. A record without the amount leaves it to a person.
fn plan_price_difference(mapped: &MappedTicket, state: &mut TicketState, out: &mut CatchUp) {
    if state.kind() != Some(returns_domain::TicketKind::PriceProtection)
        || state.price_difference.is_some()
        || !state.allows(CommandKind::StatePriceDifference)
    {
        return;
    }
    let Some(command) = mapped
        .step(CommandKind::StatePriceDifference)
        .and_then(|s| s.command.clone())
    else {
        return;
    };
    match dry_run(state, &command) {
        Ok(next) => {
            *state = next;
            out.steps.push(Planned {
                command,
                id: command_id(mapped, &["step", CommandKind::StatePriceDifference.name()]),
                by_platform: true,
            });
        }
        Err(err) => out.pending.push(format!(
            "{}: {err}",
            CommandKind::StatePriceDifference.name()
        )),
    }
}

/// The arbitration step the record implies on `state`, if it changes it:
/// the record's own stage; a finished intervention decided as the record's
/// status implies; and an intervention the ticket shows open and the
/// record no longer does, decided as the status implies (if it does).
fn plan_arbitration(mapped: &MappedTicket, state: &TicketState) -> Option<(Command, Uuid)> {
    let open_now = state.arbitration.as_ref().is_some_and(|a| a.open);
    let stage = match mapped.arbitration {
        Some(ArbitrationStage::Finished) => mapped
            .arbitration_by_status
            .filter(|s| *s != ArbitrationStage::Open)
            .unwrap_or(ArbitrationStage::Finished),
        Some(stage) => stage,
        None if open_now => mapped
            .arbitration_by_status
            .filter(|s| *s != ArbitrationStage::Open)?,
        None => return None,
    };
    let due_at = (stage == ArbitrationStage::Open)
        .then_some(mapped.deadline)
        .flatten();
    let command = Command::RecordPlatformArbitration(RecordPlatformArbitration {
        platform: mapped.platform.clone(),
        stage,
        platform_status: mapped.platform_status.clone(),
        due_at,
        at: mapped.updated_at,
    });
    let stage_text = serde_json::to_string(&stage).unwrap_or_default();
    let due_text = due_at.map(|d| d.to_rfc3339()).unwrap_or_default();
    let id = command_id(
        mapped,
        &[
            "arbitration",
            &show(mapped.platform_version.map(|v| v.to_string())),
            &stage_text,
            &due_text,
        ],
    );
    Some((command, id))
}

struct Run {
    state: TicketState,
    version: i64,
    position: i64,
    commands: Vec<CommandKind>,
}

/// The metadata of a step the platform took: the platform acts, and the
/// record version it comes from is the cause.
fn platform_metadata(mapped: &MappedTicket, metadata: &Metadata) -> Metadata {
    let mut m = metadata.clone();
    m.actor = format!("platform:{}", mapped.platform);
    m.role = "system".to_owned();
    let version = show(mapped.platform_version.map(|v| v.to_string()));
    m.causation_id = Some(command_id(mapped, &["version", &version]));
    m
}

async fn run(
    tickets: &Tickets,
    mapped: &MappedTicket,
    command: &Command,
    id: Uuid,
    metadata: &Metadata,
    acc: &mut Run,
) -> Result<(), ImportError> {
    let executed = tickets
        .execute(
            mapped.ticket_id.into(),
            None,
            command,
            metadata.clone().with_command_id(id),
        )
        .await?;
    acc.state = executed.state;
    acc.version = executed.version;
    if !executed.repeated {
        acc.position = executed.append.last_position;
        acc.commands.push(command.kind());
    }
    Ok(())
}

/// The return waybill the record names (its return-shipment step's carrier
/// and tracking number), if the mapping reads one and the record has both.
fn record_waybill(mapped: &MappedTicket) -> Option<CorrectedWaybill> {
    match mapped
        .step(CommandKind::RegisterReturnShipment)?
        .command
        .as_ref()?
    {
        Command::RegisterReturnShipment(r) => Some(CorrectedWaybill {
            carrier: r.carrier.clone(),
            tracking_number: r.tracking_number.clone(),
        }),
        _ => None,
    }
}

/// The waybill the record names that the ticket does not show: a ticket past
/// the shipping step without a parcel takes it (the platform moved on from
/// a version that did not name it); with `correct` (the newest version), a
/// different waybill replaces the registered one (the buyer corrected it).
/// A ticket still at review or waiting for the parcel registers it through
/// the status's steps instead, which also move it on.
fn waybill_fact(
    mapped: &MappedTicket,
    state: &TicketState,
    correct: bool,
) -> Option<CorrectedWaybill> {
    use returns_domain::TicketStatus as S;
    let waybill = record_waybill(mapped)?;
    if !state.kind().is_some_and(|k| k.needs_goods_back()) {
        return None;
    }
    match &state.return_shipment {
        Some(current) => (correct
            && (current.carrier != waybill.carrier
                || current.tracking_number != waybill.tracking_number))
            .then_some(waybill),
        None => {
            (!matches!(state.status, S::NotOpened | S::Applied | S::Approved)).then_some(waybill)
        }
    }
}

/// The buyer's contact the record gives that the ticket does not show yet
/// (phone, address): compared in the clear (the ticket holds it encrypted,
/// so it is opened with the key ring), never written twice. A contact whose
/// subject was erased is not written again from a platform record.
async fn contact_fact(
    tickets: &Tickets,
    mapped: &MappedTicket,
    state: &TicketState,
) -> Result<(Option<String>, Option<String>), ImportError> {
    let (phone, address) = (&mapped.open.customer_phone, &mapped.open.customer_address);
    if phone.is_none() && address.is_none() {
        return Ok((None, None));
    }
    let opened;
    let shown = match tickets.keys() {
        Some(keys) => {
            opened = keys
                .open_state(state, returns_tickets::privacy::Access::Full)
                .await?;
            &opened
        }
        None => state,
    };
    let Some(info) = shown.info.as_ref() else {
        return Ok((None, None));
    };
    let erased = |v: &Option<String>| v.as_deref() == Some(returns_domain::personal::ERASED);
    if erased(&info.customer_phone) || erased(&info.customer_address) {
        return Ok((None, None));
    }
    let changed = |new: &Option<String>, old: &Option<String>| {
        new.as_ref().filter(|n| old.as_ref() != Some(*n)).cloned()
    };
    Ok((
        changed(phone, &info.customer_phone),
        changed(address, &info.customer_address),
    ))
}

/// What an older version than the one imported proves happened that the
/// ticket lacks: the platform's refund (when every step before it is
/// already on the ticket), the return parcel's waybill, and an intervention
/// (decided as the newest version's status implies, as it would have been
/// had this version come first). Nothing else of it acts: the newer version
/// decided the ticket. `newest_status` is the newest imported version's.
fn plan_proven(
    mapping: &Mapping,
    mapped: &MappedTicket,
    newest_status: Option<&str>,
    state: &TicketState,
) -> Vec<Planned> {
    let mut plan = Vec::new();
    let mut state = state.clone();
    if let (None, Some(stage)) = (&state.arbitration, mapped.arbitration) {
        let decided = |s: &ArbitrationStage| *s != ArbitrationStage::Open;
        let by_newest = newest_status
            .and_then(|s| mapping.arbitration.as_ref()?.decided_by_status.get(s))
            .copied()
            .filter(decided);
        let stage = match stage {
            ArbitrationStage::Open => by_newest.unwrap_or(ArbitrationStage::Open),
            ArbitrationStage::Finished => mapped
                .arbitration_by_status
                .filter(decided)
                .or(by_newest)
                .unwrap_or(ArbitrationStage::Finished),
            stage => stage,
        };
        let command = Command::RecordPlatformArbitration(RecordPlatformArbitration {
            platform: mapped.platform.clone(),
            stage,
            platform_status: mapped.platform_status.clone(),
            due_at: (stage == ArbitrationStage::Open)
                .then_some(mapped.deadline)
                .flatten(),
            at: mapped.updated_at,
        });
        if let Ok(next) = dry_run(&state, &command) {
            state = next;
            let stage_text = serde_json::to_string(&stage).unwrap_or_default();
            plan.push(Planned {
                command,
                id: command_id(mapped, &["proven_arbitration", &stage_text]),
                by_platform: true,
            });
        }
    }
    if let Some(waybill) = waybill_fact(mapped, &state, false) {
        let command = Command::RecordPlatformCorrection(RecordPlatformCorrection {
            platform: mapped.platform.clone(),
            return_shipment: Some(waybill.clone()),
            customer_phone: None,
            customer_address: None,
            at: mapped.updated_at,
        });
        if let Ok(next) = dry_run(&state, &command) {
            state = next;
            plan.push(Planned {
                command,
                id: command_id(mapped, &["waybill", &waybill.tracking_number]),
                by_platform: true,
            });
        }
    }
    if mapped.target == Some(CommandKind::RecordPlatformRefund) {
        let (catch_up, _) = plan_catch_up(mapped, state);
        if !catch_up.steps.is_empty()
            && catch_up
                .steps
                .iter()
                .all(|s| s.command.kind() == CommandKind::RecordPlatformRefund)
        {
            plan.extend(catch_up.steps);
        }
    }
    plan
}

/// How many times a record is planned against the ticket before a refusal
/// is reported: a person or a workflow may move the ticket between the read
/// and the write (an auto-approval right after the application opened).
const PLAN_ATTEMPTS: u32 = 3;

/// Carries `mapped` onto its ticket. `prior` is the record's intake row (if
/// any); returns the outcome and the row to store, `None` when nothing changed.
///
/// The steps are planned from the ticket as read; when the domain refuses
/// one because the ticket moved meanwhile, the record is planned again from
/// the new state. Every step's command id is derived from the record and
/// the step, so the steps already written are not written twice.
pub async fn apply(
    tickets: &Tickets,
    mapping: &Mapping,
    mapped: &MappedTicket,
    prior: Option<&IntakeRecord>,
    definitions: &Definitions,
    metadata: &Metadata,
) -> Result<(ImportOutcome, Option<IntakeRecord>), ImportError> {
    let mut attempt = 1;
    loop {
        match apply_once(tickets, mapping, mapped, prior, definitions, metadata).await {
            Err(ImportError::Rejected(_)) if attempt < PLAN_ATTEMPTS => attempt += 1,
            done => return done,
        }
    }
}

async fn apply_once(
    tickets: &Tickets,
    mapping: &Mapping,
    mapped: &MappedTicket,
    prior: Option<&IntakeRecord>,
    definitions: &Definitions,
    metadata: &Metadata,
) -> Result<(ImportOutcome, Option<IntakeRecord>), ImportError> {
    let store = tickets.store();
    let mut metadata = metadata.clone();
    if metadata.source.is_none() {
        metadata.source = Some(format!("intake:{}", mapped.platform));
    }
    let mut warnings = mapped.warnings.clone();
    let mut notes = Vec::new();
    let mut acc = Run {
        state: TicketState::default(),
        version: 0,
        position: 0,
        commands: Vec::new(),
    };
    let row = IntakeRecord {
        platform: mapped.platform.clone(),
        aftersale_id: mapped.aftersale_id.clone(),
        ticket_id: mapped.ticket_id.to_string(),
        platform_version: mapped.platform_version,
        platform_status: mapped.platform_status.clone(),
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
        let mut open = mapped.open.clone();
        let (kept, unfit) = fitting_fields(mapping, definitions, &open.custom_fields, true);
        open.custom_fields = kept;
        warnings.extend(unfit);
        let id = command_id(mapped, &["open"]);
        match tickets
            .execute(
                mapped.ticket_id.into(),
                None,
                &Command::OpenTicket(open),
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

    let outcome = |action, notes, warnings, acc: Run| ImportOutcome {
        platform: mapped.platform.clone(),
        aftersale_id: mapped.aftersale_id.clone(),
        ticket_id: mapped.ticket_id,
        action,
        notes,
        warnings,
        state: acc.state,
        version: acc.version,
        position: acc.position,
    };

    if let (false, Some(prior)) = (created, prior) {
        if let (Some(new), Some(old)) = (mapped.platform_version, prior.platform_version) {
            if new < old {
                // The newer version decided the ticket; this one adds only
                // what it proves happened and the ticket lacks. The intake
                // row keeps the newer version.
                let proven = plan_proven(
                    mapping,
                    mapped,
                    prior.platform_status.as_deref(),
                    &acc.state,
                );
                if proven.is_empty() {
                    let reason = format!("older platform version {new} (imported: {old})");
                    return Ok((
                        outcome(ImportAction::Unchanged { reason }, notes, warnings, acc),
                        None,
                    ));
                }
                notes.push(format!(
                    "older platform version {new} (imported: {old}): only what it proves happened"
                ));
                let platform_meta = platform_metadata(mapped, &metadata);
                for planned in &proven {
                    run(
                        tickets,
                        mapped,
                        &planned.command,
                        planned.id,
                        &platform_meta,
                        &mut acc,
                    )
                    .await?;
                }
                let commands = std::mem::take(&mut acc.commands);
                let action = if commands.is_empty() {
                    ImportAction::Unchanged {
                        reason: "the ticket already shows what the older version proves".to_owned(),
                    }
                } else {
                    ImportAction::Updated { commands }
                };
                return Ok((outcome(action, notes, warnings, acc), None));
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
                outcome(ImportAction::Unchanged { reason }, notes, warnings, acc),
                None,
            ));
        }
    }

    // Plan every command against the loaded state first, then write them in order.
    let mut plan: Vec<Planned> = Vec::new();
    let mut state = acc.state.clone();
    let version_text = show(mapped.platform_version.map(|v| v.to_string()));
    let status_text = show(mapped.platform_status.clone());
    if !created {
        let (kept, unfit) = fitting_fields(mapping, definitions, &mapped.open.custom_fields, false);
        warnings.extend(unfit);
        let current = MappedTicket {
            open: returns_domain::command::OpenTicket {
                custom_fields: kept,
                customer_phone: None,
                customer_address: None,
                ..mapped.open.clone()
            },
            ..mapped.clone()
        };
        // Custom fields this mapping fills that the newest version no longer
        // carries are dropped, so the ticket's fields are the newest
        // version's whatever order the versions came in.
        let mut update = current.custom_fields_update(&state.custom_fields);
        let dropped: CustomFields = mapping
            .custom_fields
            .keys()
            .filter(|k| {
                state.custom_fields.contains_key(*k) && !current.open.custom_fields.contains_key(*k)
            })
            .map(|k| (k.clone(), serde_json::Value::Null))
            .collect();
        if !dropped.is_empty() {
            match &mut update {
                Some(Command::UpdateCustomFields(u)) => u.fields.extend(dropped),
                _ => {
                    update = Some(Command::UpdateCustomFields(
                        returns_domain::command::UpdateCustomFields {
                            fields: dropped,
                            at: mapped.updated_at,
                        },
                    ))
                }
            }
        }
        if let Some(update) = update {
            if state.allows(CommandKind::UpdateCustomFields) {
                let changes = serde_json::to_string(&update).unwrap_or_default();
                let id = command_id(mapped, &["fields", &version_text, &status_text, &changes]);
                state = dry_run(&state, &update)?;
                plan.push(Planned {
                    command: update,
                    id,
                    by_platform: false,
                });
            } else {
                notes.push(format!(
                    "custom fields not updated: the ticket is {}",
                    state.status
                ));
            }
        }
    }
    let (mut catch_up, mut state) = plan_catch_up(mapped, state);
    // What the platform says that no command carries: a person looks,
    // unless the ticket already shows it.
    let status = show(mapped.platform_status.clone());
    for flag in &mapped.flags {
        if !flag.satisfied_by.contains(&state.status) {
            catch_up.conflict.push(format!(
                "platform status {status}: {} (the ticket is {})",
                flag.says, state.status
            ));
        }
    }
    plan.extend(catch_up.steps);
    notes.extend(catch_up.notes);

    // The platform intervening (arbitration) is a state of the ticket, with
    // the platform's deadline: recorded when it opens and when it decides.
    if let Some((command, id)) = plan_arbitration(mapped, &state) {
        if let Ok(next) = dry_run(&state, &command) {
            state = next;
            plan.push(Planned {
                command,
                id,
                by_platform: true,
            });
        }
    }

    // What the platform's status shows done of the actions the ticket asked
    // for: confirmed, so their tasks close (or a person's "done" is proven).
    if let Some(platform_status) = mapped.platform_status.clone() {
        let seqs: Vec<u32> = state
            .platform_actions
            .iter()
            .filter(|a| a.confirmed.is_none() && mapped.confirms.contains(&a.requested.action))
            .map(|a| a.requested.seq)
            .collect();
        if !seqs.is_empty() {
            let named: Vec<String> = seqs.iter().map(ToString::to_string).collect();
            let command = Command::RecordPlatformConfirmation(RecordPlatformConfirmation {
                seqs,
                platform_status,
                platform_version: mapped.platform_version,
                at: mapped.updated_at,
            });
            if let Ok(next) = dry_run(&state, &command) {
                state = next;
                let id = command_id(
                    mapped,
                    &["confirms", &version_text, &status_text, &named.join(",")],
                );
                plan.push(Planned {
                    command,
                    id,
                    by_platform: true,
                });
            }
        }
    }

    // A later version updates what it may: the return waybill (the buyer
    // corrected it, or the ticket caught up past the shipping step without
    // it) and the buyer's contact, as one platform fact.
    let waybill = waybill_fact(mapped, &state, true);
    let (phone, address) = if created {
        (None, None)
    } else {
        contact_fact(tickets, mapped, &state).await?
    };
    if waybill.is_some() || phone.is_some() || address.is_some() {
        let tracking = waybill
            .as_ref()
            .map(|w| w.tracking_number.clone())
            .unwrap_or_default();
        // The id names the version and the waybill, never the contact
        // (command ids are kept in the clear).
        let contact = if phone.is_some() || address.is_some() {
            "contact"
        } else {
            ""
        };
        let command = Command::RecordPlatformCorrection(RecordPlatformCorrection {
            platform: mapped.platform.clone(),
            return_shipment: waybill,
            customer_phone: phone,
            customer_address: address,
            at: mapped.updated_at,
        });
        match dry_run(&state, &command) {
            Ok(next) => {
                state = next;
                let id = command_id(
                    mapped,
                    &[
                        "correction",
                        &version_text,
                        &status_text,
                        &tracking,
                        contact,
                    ],
                );
                plan.push(Planned {
                    command,
                    id,
                    by_platform: true,
                });
            }
            Err(err) => notes.push(format!("correction not recorded: {err}")),
        }
    }

    // The platform's own clock for its current step: a timer warns before
    // the platform decides by itself. Only a changed deadline is recorded.
    if let Some(due_at) = mapped.deadline {
        // While the application waits for review, the platform's deadline is
        // the ticket's review deadline, which the review timer already
        // watches: recording it again would cost every opened record an append.
        let known = state
            .platform_deadline
            .as_ref()
            .is_some_and(|d| d.due_at == due_at && d.platform_status == mapped.platform_status)
            || (state.status == returns_domain::TicketStatus::Applied
                && state.review_deadline == Some(due_at));
        let command = Command::RecordPlatformDeadline(RecordPlatformDeadline {
            platform: mapped.platform.clone(),
            platform_status: mapped.platform_status.clone(),
            due_at,
            at: mapped.updated_at,
        });
        if !known && state.allows(CommandKind::RecordPlatformDeadline) {
            if let Ok(next) = dry_run(&state, &command) {
                state = next;
                let id = command_id(
                    mapped,
                    &[
                        "deadline",
                        &version_text,
                        &status_text,
                        &due_at.to_rfc3339(),
                    ],
                );
                plan.push(Planned {
                    command,
                    id,
                    by_platform: true,
                });
            }
        }
    }

    // What does not fit stays visible on the ticket until settled.
    let mut details: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    // The status step's missing fields are already warnings; name each once.
    for pending in catch_up.pending {
        if !details.contains(&pending) {
            details.push(pending);
        }
    }
    // An action reported done (by the open API, or by a person) that a
    // later record shows not done is a conflict: the platform and the
    // ticket disagree, and a person must look.
    let mut conflict = catch_up.conflict;
    if let Some(status) = mapped.platform_status.as_deref() {
        for a in state
            .platform_actions
            .iter()
            .filter(|a| a.confirmed.is_none() && mapped.contradicts.contains(&a.requested.action))
        {
            let sent = match &a.answer {
                Some(returns_domain::command::PlatformActionOutcome::Succeeded {
                    platform_version,
                    ..
                }) => Some(*platform_version),
                _ => None,
            };
            let later = match (sent, a.done_at) {
                (Some(Some(sent)), _) => mapped.platform_version.is_some_and(|v| v > sent),
                (Some(None), _) => true,
                (None, Some(done_at)) => mapped.updated_at > done_at,
                (None, None) => false,
            };
            if later {
                conflict.push(format!(
                    "platform action {} ({}) was reported done, but the platform's record (version {version_text}) shows {status}",
                    a.requested.seq,
                    a.requested.action.as_str()
                ));
            }
        }
    }
    let issue = if !conflict.is_empty() {
        let mut all = conflict;
        all.extend(details);
        Some((PlatformSyncIssueKind::Conflict, all))
    } else if !details.is_empty() {
        Some((PlatformSyncIssueKind::Pending, details))
    } else {
        None
    };
    let sync_command = match issue {
        Some((kind, details)) => {
            notes.extend(details.iter().map(|d| match kind {
                PlatformSyncIssueKind::Conflict => format!("conflict: {d}"),
                PlatformSyncIssueKind::Pending => format!("pending: {d}"),
            }));
            let already = state.platform_sync.as_ref().is_some_and(|s| {
                s.issue == kind
                    && s.details == details
                    && s.platform_version == mapped.platform_version
                    && s.platform_status == mapped.platform_status
            });
            let command = Command::RecordPlatformSyncIssue(RecordPlatformSyncIssue {
                issue: kind,
                platform: mapped.platform.clone(),
                platform_version: mapped.platform_version,
                platform_status: mapped.platform_status.clone(),
                details: details.clone(),
                at: mapped.updated_at,
            });
            let joined = details.join("\n");
            (!already).then(|| {
                (
                    command,
                    command_id(
                        mapped,
                        &["sync_issue", &version_text, &status_text, &joined],
                    ),
                )
            })
        }
        None if state.platform_sync.is_some() => Some((
            Command::ResolvePlatformSync(ResolvePlatformSync {
                note: format!("platform version {version_text} ({status_text}) carried in full"),
                at: mapped.updated_at,
            }),
            command_id(mapped, &["resolve", &version_text, &status_text]),
        )),
        None => None,
    };
    if let Some((command, id)) = sync_command {
        match dry_run(&state, &command) {
            Ok(next) => {
                state = next;
                plan.push(Planned {
                    command,
                    id,
                    by_platform: true,
                });
            }
            // A closed or cancelled ticket takes no more platform steps; the
            // import result still says what did not fit.
            Err(err) => notes.push(format!("not recorded on the ticket: {err}")),
        }
    }
    let _ = state;

    let platform_meta = platform_metadata(mapped, &metadata);
    for planned in &plan {
        let meta = if planned.by_platform {
            &platform_meta
        } else {
            &metadata
        };
        run(
            tickets,
            mapped,
            &planned.command,
            planned.id,
            meta,
            &mut acc,
        )
        .await?;
    }
    let commands = std::mem::take(&mut acc.commands);
    let action = if created {
        ImportAction::Created { commands }
    } else if commands.is_empty() {
        ImportAction::Unchanged {
            reason: "the ticket already reflects the platform record".to_owned(),
        }
    } else {
        ImportAction::Updated { commands }
    };
    Ok((outcome(action, notes, warnings, acc), Some(row)))
}

fn show(value: Option<String>) -> String {
    value.unwrap_or_else(|| "-".to_owned())
}
