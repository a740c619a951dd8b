//! RecordPlatformSyncIssue and ResolvePlatformSync: what intake could not
//! carry from a platform record onto the ticket, kept on the ticket until a
//! later record or a person settles it, so nothing the platform said is lost;
//! RecordPlatformDeadline and RecordPlatformDeadlineNear: the platform's own
//! clock, after which it approves or refunds by itself;
//! RecordPlatformArbitration: the platform intervening in the case and
//! deciding it.

use super::validate;
use crate::command::{
    ArbitrationStage, PlatformSyncIssueKind, RecordPlatformArbitration, RecordPlatformDeadline,
    RecordPlatformDeadlineNear, RecordPlatformSyncIssue, ResolvePlatformSync,
};
use crate::error::DomainError;
use crate::event::{
    ArbitrationOutcome, Event, PlatformArbitrationDecided, PlatformArbitrationOpened,
    PlatformDeadlineNear, PlatformDeadlineSet, PlatformSyncConflicted, PlatformSyncPending,
    PlatformSyncResolved,
};
use crate::state::TicketState;

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
