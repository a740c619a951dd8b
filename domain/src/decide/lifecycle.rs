//! CloseTicket and CancelTicket: how a ticket ends.

use super::validate;
use crate::command::{CancelTicket, CloseTicket};
use crate::error::DomainError;
use crate::event::{Event, TicketCancelled, TicketClosed};
use crate::state::{TicketState, TicketStatus};
use crate::ticket::Resolution;

/// The statuses each resolution may close from: a resolution states what
/// happened, so it must match what the events say happened.
pub fn resolution_fits(resolution: Resolution, status: TicketStatus) -> bool {
    use TicketStatus as S;
    match resolution {
        Resolution::Refunded => status == S::Refunded,
        Resolution::Exchanged => status == S::ReplacementShipped,
        Resolution::Rejected => status == S::Rejected,
        Resolution::RejectedAfterInspection => status == S::GoodsReturned,
        Resolution::Expired | Resolution::ResolvedWithoutReturn => {
            matches!(status, S::Applied | S::Approved)
        }
        // A reship normally closes on its receipt; a person closes it when
        // no receipt ever comes (the platform confirms by itself later).
        Resolution::Reshipped => status == S::Reshipped,
        // The transition table already keeps a repair whose goods came in
        // open until they ship back.
        Resolution::Repaired => matches!(status, S::Repaired | S::RepairShippedBack),
    }
}

pub(super) fn close(state: &TicketState, c: &CloseTicket) -> Result<Vec<Event>, DomainError> {
    if !resolution_fits(c.resolution, state.status) {
        return Err(DomainError::validation(
            "resolution",
            format!(
                "{:?} does not fit a ticket that is {}",
                c.resolution, state.status
            ),
        ));
    }
    if let Some(note) = &c.note {
        validate::optional_text("note", note)?;
    }
    Ok(vec![Event::TicketClosed(TicketClosed {
        resolution: c.resolution,
        note: c.note.clone(),
        closed_at: c.at,
    })])
}

pub(super) fn cancel(c: &CancelTicket) -> Result<Vec<Event>, DomainError> {
    validate::long_text("reason", &c.reason)?;
    Ok(vec![Event::TicketCancelled(TicketCancelled {
        reason: c.reason.clone(),
        cancelled_at: c.at,
    })])
}
