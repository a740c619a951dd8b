//! RecordPlatformSyncIssue and ResolvePlatformSync: what intake could not
//! carry from a platform record onto the ticket, kept on the ticket until a
//! later record or a person settles it, so nothing the platform said is lost;
//! RecordPlatformDeadline and RecordPlatformDeadlineNear: the platform's own
//! clock, after which it approves or refunds by itself.

use super::validate;
use crate::command::{
    PlatformSyncIssueKind, RecordPlatformDeadline, RecordPlatformDeadlineNear,
    RecordPlatformSyncIssue, ResolvePlatformSync,
};
use crate::error::DomainError;
use crate::event::{
    Event, PlatformDeadlineNear, PlatformDeadlineSet, PlatformSyncConflicted, PlatformSyncPending,
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
