//! RecordPlatformSyncIssue and ResolvePlatformSync: what intake could not
//! carry from a platform record onto the ticket, kept on the ticket until a
//! later record or a person settles it, so nothing the platform said is lost;
//! RecordPlatformDeadline and RecordPlatformDeadlineNear: the platform's own
//! clock, after which it approves or refunds by itself;
//! RecordPlatformArbitration: the platform intervening in the case and
//! deciding it; RecordPlatformCorrection: what a later version of the
//! record corrected (the return waybill, the buyer's contact);
//! RecordEvidenceSubmission: the merchant's evidence pack handed to the
//! platform that arbitrates; ConfirmPlatformAction: a platform action
//! carried out by a person in the back office; RecordPlatformConfirmation:
//! the platform's record showing platform actions done.

use super::validate;
use crate::command::{
    ArbitrationStage, PlatformSyncIssueKind, RecordPlatformArbitration, RecordPlatformCorrection,
    RecordPlatformDeadline, RecordPlatformDeadlineNear, RecordPlatformSyncIssue,
    ResolvePlatformSync,
};
use crate::error::DomainError;
use crate::event::{
    ArbitrationOutcome, CustomerContactCorrected, Event, PlatformArbitrationDecided,
    PlatformArbitrationOpened, PlatformDeadlineNear, PlatformDeadlineSet, PlatformSyncConflicted,
    PlatformSyncPending, PlatformSyncResolved, ReturnShipmentCorrected,
};
use crate::state::{TicketState, TicketStatus};

pub(super) fn record_sync_issue(c: &RecordPlatformSyncIssue) -> Result<Vec<Event>, DomainError> {
    validate::short_text("platform", &c.platform)?;
    if c.details.is_empty() {
        return Err(DomainError::validation(
            "details",
            "name at least one thing that is missing or contradictory",
        ));
    }
    for (i, detail) in c.details.iter().enumerate() {
        validate::long_text(&format!("details[{i}]"), detail)?;
    }
    Ok(vec![match c.issue {
        PlatformSyncIssueKind::Pending => Event::PlatformSyncPending(PlatformSyncPending {
            platform: c.platform.clone(),
            platform_version: c.platform_version,
            platform_status: c.platform_status.clone(),
            missing: c.details.clone(),
            recorded_at: c.at,
        }),
        PlatformSyncIssueKind::Conflict => Event::PlatformSyncConflicted(PlatformSyncConflicted {
            platform: c.platform.clone(),
            platform_version: c.platform_version,
            platform_status: c.platform_status.clone(),
            details: c.details.clone(),
            recorded_at: c.at,
        }),
    }])
}

pub(super) fn resolve_sync(c: &ResolvePlatformSync) -> Result<Vec<Event>, DomainError> {
    validate::long_text("note", &c.note)?;
    Ok(vec![Event::PlatformSyncResolved(PlatformSyncResolved {
        note: c.note.clone(),
        resolved_at: c.at,
    })])
}

pub(super) fn record_deadline(c: &RecordPlatformDeadline) -> Result<Vec<Event>, DomainError> {
    validate::short_text("platform", &c.platform)?;
    Ok(vec![Event::PlatformDeadlineSet(PlatformDeadlineSet {
        platform: c.platform.clone(),
        platform_status: c.platform_status.clone(),
        due_at: c.due_at,
        recorded_at: c.at,
    })])
}

pub(super) fn record_deadline_near(
    state: &TicketState,
    c: &RecordPlatformDeadlineNear,
) -> Result<Vec<Event>, DomainError> {
    // A timer for a deadline the platform has since moved must not flag the ticket.
    let recorded = state.platform_deadline.as_ref().map(|d| d.due_at);
    if recorded != Some(c.due_at) {
        return Err(DomainError::validation(
            "due_at",
            format!(
                "the platform deadline on the ticket is {recorded:?}, not {}",
                c.due_at
            ),
        ));
    }
    Ok(vec![Event::PlatformDeadlineNear(PlatformDeadlineNear {
        due_at: c.due_at,
        noticed_at: c.at,
    })])
}

/// The platform opened or decided an intervention. Recording what the
/// ticket already shows is refused, so a repeated record adds nothing.
pub(super) fn record_arbitration(
    state: &TicketState,
    c: &RecordPlatformArbitration,
) -> Result<Vec<Event>, DomainError> {
    validate::short_text("platform", &c.platform)?;
    let current = state.arbitration.as_ref();
    let outcome = match c.stage {
        ArbitrationStage::Open => {
            if current.is_some_and(|a| a.open && a.due_at == c.due_at) {
                return Err(DomainError::validation(
                    "stage",
                    "the platform's intervention is already open with this deadline",
                ));
            }
            return Ok(vec![Event::PlatformArbitrationOpened(
                PlatformArbitrationOpened {
                    platform: c.platform.clone(),
                    platform_status: c.platform_status.clone(),
                    due_at: c.due_at,
                    opened_at: c.at,
                },
            )]);
        }
        ArbitrationStage::ForBuyer => ArbitrationOutcome::ForBuyer,
        ArbitrationStage::ForSeller => ArbitrationOutcome::ForSeller,
        ArbitrationStage::Finished => ArbitrationOutcome::NotStated,
    };
    if current.is_some_and(|a| !a.open && a.outcome == Some(outcome)) {
        return Err(DomainError::validation(
            "stage",
            "the platform's intervention is already decided so",
        ));
    }
    Ok(vec![Event::PlatformArbitrationDecided(
        PlatformArbitrationDecided {
            platform: c.platform.clone(),
            outcome,
            platform_status: c.platform_status.clone(),
            decided_at: c.at,
        },
    )])
}

/// A later record corrected the return waybill and/or the buyer's contact.
/// A waybill is recorded only when it differs from the registered one (or
/// none is, on a ticket past the shipping step); the contact is compared by
/// the caller (the ticket holds it encrypted). Nothing to record is refused.
pub(super) fn record_correction(
    state: &TicketState,
    c: &RecordPlatformCorrection,
) -> Result<Vec<Event>, DomainError> {
    validate::short_text("platform", &c.platform)?;
    let mut events = Vec::new();
    if let Some(waybill) = &c.return_shipment {
        validate::short_text("return_shipment.carrier", &waybill.carrier)?;
        validate::short_text("return_shipment.tracking_number", &waybill.tracking_number)?;
        let current = state.return_shipment.as_ref();
        if !state.kind().is_some_and(|k| k.needs_goods_back()) {
            return Err(DomainError::validation(
                "return_shipment",
                "this ticket's goods do not come back: there is no return parcel",
            ));
        }
        // Without a parcel, only a ticket past the shipping step (or ended
        // on the platform's word) takes the waybill as a fact: one still at
        // review or waiting for the parcel registers it (RegisterReturnShipment),
        // which moves it on.
        if current.is_none()
            && matches!(state.status, TicketStatus::Applied | TicketStatus::Approved)
        {
            return Err(DomainError::validation(
                "return_shipment",
                "no return parcel is registered yet: register it instead",
            ));
        }
        let same = current.is_some_and(|s| {
            s.carrier == waybill.carrier && s.tracking_number == waybill.tracking_number
        });
        if !same {
            events.push(Event::ReturnShipmentCorrected(ReturnShipmentCorrected {
                platform: c.platform.clone(),
                carrier: waybill.carrier.clone(),
                tracking_number: waybill.tracking_number.clone(),
                previous_tracking_number: current.map(|s| s.tracking_number.clone()),
                corrected_at: c.at,
            }));
        }
    }
    if let Some(phone) = &c.customer_phone {
        validate::short_text("customer_phone", phone)?;
    }
    if let Some(address) = &c.customer_address {
        validate::long_text("customer_address", address)?;
    }
    if c.customer_phone.is_some() || c.customer_address.is_some() {
        events.push(Event::CustomerContactCorrected(CustomerContactCorrected {
            platform: c.platform.clone(),
            customer_phone: c.customer_phone.clone(),
            customer_address: c.customer_address.clone(),
            corrected_at: c.at,
        }));
    }
    if events.is_empty() {
        return Err(DomainError::validation(
            "return_shipment",
            "nothing to correct: the ticket already shows this waybill",
        ));
    }
    Ok(events)
}

/// The pack handed to the platform that arbitrates (the transition table
/// allows it only while an arbitration is open), named by its SHA-256.
pub(super) fn record_evidence_submission(
    state: &TicketState,
    c: &crate::command::RecordEvidenceSubmission,
) -> Result<Vec<Event>, DomainError> {
    let hex = c.pack_sha256.trim().to_ascii_lowercase();
    if hex.len() != 64 || !hex.chars().all(|ch| ch.is_ascii_hexdigit()) {
        return Err(DomainError::validation(
            "pack_sha256",
            "must be the pack's SHA-256 in 64 hex digits",
        ));
    }
    match c.via {
        crate::command::SubmissionVia::BackOffice if !c.sent.is_empty() => {
            return Err(DomainError::validation(
                "sent",
                "an upload in the back office lists no files: the engine did not see them",
            ));
        }
        crate::command::SubmissionVia::OpenApi if c.sent.is_empty() => {
            return Err(DomainError::validation(
                "sent",
                "a submission through the open API names what the platform received",
            ));
        }
        _ => {}
    }
    for file in &c.sent {
        validate::short_text("sent.name", &file.name)?;
        if file.sha256.len() != 64 || !file.sha256.chars().all(|ch| ch.is_ascii_hexdigit()) {
            return Err(DomainError::validation(
                "sent.sha256",
                "must be the file's SHA-256 in 64 hex digits",
            ));
        }
    }
    let platform = state
        .arbitration
        .as_ref()
        .map(|a| a.platform.clone())
        .unwrap_or_default();
    Ok(vec![Event::EvidenceSubmitted(
        crate::event::EvidenceSubmitted {
            platform,
            via: c.via,
            pack_sha256: hex,
            sent: c.sent.clone(),
            submitted_at: c.at,
        },
    )])
}

/// A person says they carried a platform action out in the back office.
/// An action confirmed before is refused, so the history says it once.
pub(super) fn confirm_action(
    state: &TicketState,
    c: &crate::command::ConfirmPlatformAction,
) -> Result<Vec<Event>, DomainError> {
    let Some(action) = state
        .platform_actions
        .iter()
        .find(|a| a.requested.seq == c.seq)
    else {
        return Err(DomainError::validation(
            "seq",
            format!("the ticket has no platform action {}", c.seq),
        ));
    };
    if action.done_at.is_some() {
        return Err(DomainError::validation(
            "seq",
            format!("platform action {} is already confirmed done", c.seq),
        ));
    }
    if action.confirmed.is_some() {
        return Err(DomainError::validation(
            "seq",
            format!(
                "the platform's record already shows platform action {} done",
                c.seq
            ),
        ));
    }
    Ok(vec![Event::PlatformActionDone(
        crate::event::PlatformActionDone {
            seq: c.seq,
            action: action.requested.action,
            done_at: c.at,
        },
    )])
}

/// The platform's record shows actions done. Each must be one the ticket
/// asked for and the platform has not shown before, so a repeated record
/// adds nothing; a person's confirmation does not stop the platform's.
pub(super) fn record_confirmation(
    state: &TicketState,
    c: &crate::command::RecordPlatformConfirmation,
) -> Result<Vec<Event>, DomainError> {
    validate::short_text("platform_status", &c.platform_status)?;
    if c.seqs.is_empty() {
        return Err(DomainError::validation(
            "seqs",
            "name at least one platform action",
        ));
    }
    let mut events: Vec<Event> = Vec::new();
    for seq in &c.seqs {
        let action = state
            .platform_actions
            .iter()
            .find(|a| a.requested.seq == *seq)
            .ok_or_else(|| {
                DomainError::validation("seqs", format!("the ticket has no platform action {seq}"))
            })?;
        let named_twice = events
            .iter()
            .any(|e| matches!(e, Event::PlatformActionConfirmed(p) if p.seq == *seq));
        if action.confirmed.is_some() || named_twice {
            return Err(DomainError::validation(
                "seqs",
                format!("the platform's record already showed platform action {seq} done"),
            ));
        }
        events.push(Event::PlatformActionConfirmed(
            crate::event::PlatformActionConfirmed {
                seq: *seq,
                platform_status: c.platform_status.clone(),
                platform_version: c.platform_version,
                confirmed_at: c.at,
            },
        ));
    }
    Ok(events)
}

/// The platform's open API answered for an action. An action the platform
/// has already carried out, or a person or the platform's record already
/// showed done, takes no further answer, so a runner that lost its place
/// cannot record a second one.
pub(super) fn record_action_outcome(
    state: &TicketState,
    c: &crate::command::RecordPlatformActionOutcome,
) -> Result<Vec<Event>, DomainError> {
    use crate::command::PlatformActionOutcome as O;
    let Some(action) = state
        .platform_actions
        .iter()
        .find(|a| a.requested.seq == c.seq)
    else {
        return Err(DomainError::validation(
            "seq",
            format!("the ticket has no platform action {}", c.seq),
        ));
    };
    if !action.is_open() {
        return Err(DomainError::validation(
            "seq",
            format!("platform action {} is already done", c.seq),
        ));
    }
    let event = match &c.outcome {
        O::Succeeded {
            platform_version,
            reference,
            already_done,
        } => {
            if let Some(reference) = reference {
                validate::short_text("reference", reference)?;
            }
            Event::PlatformActionSucceeded(crate::event::PlatformActionSucceeded {
                seq: c.seq,
                platform_version: *platform_version,
                reference: reference.clone(),
                already_done: *already_done,
                succeeded_at: c.at,
            })
        }
        O::Refused { code, message } => {
            validate::short_text("code", code)?;
            Event::PlatformActionRefused(crate::event::PlatformActionRefused {
                seq: c.seq,
                code: code.clone(),
                message: message.clone(),
                refused_at: c.at,
            })
        }
        O::NeedsPerson {
            reason,
            code,
            message,
        } => {
            validate::short_text("reason", reason)?;
            Event::PlatformActionNeedsPerson(crate::event::PlatformActionNeedsPerson {
                seq: c.seq,
                reason: reason.clone(),
                code: code.clone(),
                message: message.clone(),
                since: c.at,
            })
        }
    };
    Ok(vec![event])
}
