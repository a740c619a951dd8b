//! RequestRefund, ApproveRefund, IssueRefund and RecordRefundFailure.
//!
//! A failed refund is retried by issuing it again (no second approval): the
//! refund id is the gateway's idempotency key, so a retry can never pay twice,
//! and an issued refund refuses every further command.

use uuid::Uuid;

use super::{info, validate};
use crate::command::{
    ApproveRefund, CommandKind, IssueRefund, RecordPlatformRefund, RecordRefundFailure,
    RequestRefund,
};
use crate::error::DomainError;
use crate::event::{Event, RefundApproved, RefundFailed, RefundIssued, RefundRequested};
use crate::state::{RefundState, RefundStatus, TicketState};

pub(super) fn request(state: &TicketState, c: &RequestRefund) -> Result<Vec<Event>, DomainError> {
    let currency = info(state)?.currency;
    if c.refund_id.is_nil() {
        return Err(DomainError::validation("refund_id", "must not be nil"));
    }
    if state.refund(c.refund_id).is_some() {
        return Err(DomainError::AlreadyExists {
            what: "refund",
            id: c.refund_id.to_string(),
        });
    }
    validate::positive("amount", &c.amount, currency)?;
    let remaining = state.remaining_refundable_minor();
    if c.amount.amount_minor > remaining {
        return Err(DomainError::limit(
            "refund total (minor units)",
            remaining,
            c.amount.amount_minor,
        ));
    }
    Ok(vec![Event::RefundRequested(RefundRequested {
        refund_id: c.refund_id,
        amount: c.amount,
        requested_at: c.at,
    })])
}

pub(super) fn approve(state: &TicketState, c: &ApproveRefund) -> Result<Vec<Event>, DomainError> {
    refund_in(
        state,
        c.refund_id,
        CommandKind::ApproveRefund,
        &[RefundStatus::Requested],
    )?;
    Ok(vec![Event::RefundApproved(RefundApproved {
        refund_id: c.refund_id,
        approved_at: c.at,
    })])
}

pub(super) fn issue(state: &TicketState, c: &IssueRefund) -> Result<Vec<Event>, DomainError> {
    let refund = refund_in(
        state,
        c.refund_id,
        CommandKind::IssueRefund,
        &[RefundStatus::Approved, RefundStatus::Failed],
    )?;
    validate::short_text("gateway_reference", &c.gateway_reference)?;
    Ok(vec![Event::RefundIssued(RefundIssued {
        refund_id: c.refund_id,
        amount: refund.amount,
        gateway_reference: c.gateway_reference.clone(),
        issued_at: c.at,
        payer: None,
    })])
}

pub(super) fn record_failure(
    state: &TicketState,
    c: &RecordRefundFailure,
) -> Result<Vec<Event>, DomainError> {
    refund_in(
        state,
        c.refund_id,
        CommandKind::RecordRefundFailure,
        // A retry after a failure may fail again: each failure is recorded.
        &[RefundStatus::Approved, RefundStatus::Failed],
    )?;
    validate::long_text("reason", &c.reason)?;
    Ok(vec![Event::RefundFailed(RefundFailed {
        refund_id: c.refund_id,
        reason: c.reason.clone(),
        failed_at: c.at,
    })])
}

fn refund_in<'a>(
    state: &'a TicketState,
    refund_id: Uuid,
    command: CommandKind,
    wanted: &[RefundStatus],
) -> Result<&'a RefundState, DomainError> {
    let Some(refund) = state.refund(refund_id) else {
        return Err(DomainError::NotFound {
            what: "refund",
            id: refund_id.to_string(),
        });
    };
    if !wanted.contains(&refund.status) {
        return Err(DomainError::InvalidRefundState {
            command,
            refund_id,
            status: refund.status,
        });
    }
    Ok(refund)
}

/// The platform refunded the buyer itself. Not bounded by our inspection
/// (the platform decided), but never beyond what was paid for the ticket's
/// lines minus every other refund.
pub(super) fn record_platform_refund(
    state: &TicketState,
    c: &RecordPlatformRefund,
) -> Result<Vec<Event>, DomainError> {
    let currency = info(state)?.currency;
    if c.refund_id.is_nil() {
        return Err(DomainError::validation("refund_id", "must not be nil"));
    }
    if state.refund(c.refund_id).is_some() {
        return Err(DomainError::AlreadyExists {
            what: "refund",
            id: c.refund_id.to_string(),
        });
    }
    validate::short_text("platform", &c.platform)?;
    validate::short_text("reference", &c.reference)?;
    validate::positive("amount", &c.amount, currency)?;
    let remaining = state.platform_refundable_minor();
    if c.amount.amount_minor > remaining {
        return Err(DomainError::limit(
            "platform refund total (minor units)",
            remaining,
            c.amount.amount_minor,
        ));
    }
    Ok(vec![Event::RefundIssued(RefundIssued {
        refund_id: c.refund_id,
        amount: c.amount,
        gateway_reference: c.reference.clone(),
        issued_at: c.at,
        payer: Some(c.platform.clone()),
    })])
}
