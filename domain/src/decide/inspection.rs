//! RecordInspection, CompleteInspection, SendInspectionFeedback and
//! DisputeInspection: the warehouse judges the goods, the customer hears it.

use super::{info, validate};
use crate::command::{
    CompleteInspection, DisputeInspection, RecordInspection, SendInspectionFeedback,
};
use crate::error::DomainError;
use crate::event::{
    Event, InspectionCompleted, InspectionDisputed, InspectionFeedbackSent, LineInspected,
};
use crate::money::Money;
use crate::state::TicketState;
use crate::ticket::{InspectionOutcome, Verdict};

pub(super) fn record_inspection(
    state: &TicketState,
    c: &RecordInspection,
) -> Result<Vec<Event>, DomainError> {
    let currency = info(state)?.currency;
    let Some(line) = state.line(&c.line_id) else {
        return Err(DomainError::NotFound {
            what: "line",
            id: c.line_id.clone(),
        });
    };
    if line.qty_received == 0 {
        return Err(DomainError::validation(
            "line_id",
            format!("nothing of line {} was received", c.line_id),
        ));
    }
    if c.qty_inspected == 0 {
        return Err(DomainError::validation(
            "qty_inspected",
            "must be at least 1",
        ));
    }
    if c.qty_inspected > line.qty_received {
        return Err(DomainError::limit(
            format!("inspected quantity of line {}", c.line_id),
            i64::from(line.qty_received),
            i64::from(c.qty_inspected),
        ));
    }
    if c.qty_accepted > c.qty_inspected {
        return Err(DomainError::limit(
            format!("accepted quantity of line {}", c.line_id),
            i64::from(c.qty_inspected),
            i64::from(c.qty_accepted),
        ));
    }
    validate::non_negative("deduction", &c.deduction, currency)?;
    match c.verdict {
        Verdict::Pass if c.qty_accepted == 0 => {
            return Err(DomainError::validation(
                "qty_accepted",
                "a passed line accepts at least one unit",
            ));
        }
        Verdict::Fail if c.qty_accepted != 0 => {
            return Err(DomainError::validation(
                "qty_accepted",
                "a failed line accepts nothing",
            ));
        }
        Verdict::Fail if c.deduction.amount_minor != 0 => {
            return Err(DomainError::validation(
                "deduction",
                "a failed line refunds nothing, so it has nothing to deduct from",
            ));
        }
        _ => {}
    }
    let accepted_paid = line.line.paid_for(c.qty_accepted);
    if c.deduction.amount_minor > accepted_paid {
        return Err(DomainError::limit(
            format!("deduction on line {} (minor units)", c.line_id),
            accepted_paid,
            c.deduction.amount_minor,
        ));
    }
    validate::optional_text("notes", &c.notes)?;
    if c.photo_refs.len() > validate::MAX_PHOTOS {
        return Err(DomainError::limit(
            "photo_refs",
            validate::to_i64(validate::MAX_PHOTOS),
            validate::to_i64(c.photo_refs.len()),
        ));
    }
    for (i, photo) in c.photo_refs.iter().enumerate() {
        validate::short_text(&format!("photo_refs[{i}]"), photo)?;
    }
    Ok(vec![Event::LineInspected(LineInspected {
        line_id: c.line_id.clone(),
        qty_inspected: c.qty_inspected,
        qty_accepted: c.qty_accepted,
        grade: c.grade,
        verdict: c.verdict,
        deduction: c.deduction,
        notes: c.notes.clone(),
        photo_refs: c.photo_refs.clone(),
        inspected_at: c.at,
    })])
}

/// Passed only when every unit applied for came back and was accepted;
/// anything less that still accepts something is partial.
pub(super) fn complete_inspection(
    state: &TicketState,
    c: &CompleteInspection,
) -> Result<Vec<Event>, DomainError> {
    let currency = info(state)?.currency;
    if let Some(line) = state
        .lines
        .iter()
        .find(|l| l.qty_received > 0 && l.inspection.is_none())
    {
        return Err(DomainError::validation(
            "lines",
            format!("line {} was received but not inspected", line.line.line_id),
        ));
    }
    let q = state.quantities();
    let outcome = if q.accepted == 0 {
        InspectionOutcome::Failed
    } else if q.accepted == q.applied {
        InspectionOutcome::Passed
    } else {
        InspectionOutcome::Partial
    };
    let refundable = crate::state::sum_minor(state.lines.iter().map(|l| l.refundable_minor()));
    Ok(vec![Event::InspectionCompleted(InspectionCompleted {
        outcome,
        refundable_amount: Money::new(refundable, currency),
        completed_at: c.at,
    })])
}

pub(super) fn send_feedback(c: &SendInspectionFeedback) -> Result<Vec<Event>, DomainError> {
    validate::long_text("message", &c.message)?;
    Ok(vec![Event::InspectionFeedbackSent(
        InspectionFeedbackSent {
            message: c.message.clone(),
            sent_at: c.at,
        },
    )])
}

pub(super) fn dispute(c: &DisputeInspection) -> Result<Vec<Event>, DomainError> {
    validate::long_text("reason", &c.reason)?;
    Ok(vec![Event::InspectionDisputed(InspectionDisputed {
        reason: c.reason.clone(),
        disputed_at: c.at,
    })])
}
