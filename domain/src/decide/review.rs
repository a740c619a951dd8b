//! ApproveApplication and RejectApplication: the agent reviews.

use super::{info, validate};
use crate::command::{ApproveApplication, RecordPlatformApproval, RejectApplication};
use crate::error::DomainError;
use crate::event::{ApplicationApproved, ApplicationRejected, Event};
use crate::state::TicketState;

pub(super) fn approve(
    state: &TicketState,
    c: &ApproveApplication,
) -> Result<Vec<Event>, DomainError> {
    let kind = info(state)?.kind;
    // A repair takes the goods back when it is approved with an address, and
    // sends parts or a technician when approved without one.
    let goods_back = kind.needs_goods_back()
        || (kind.may_take_goods_back()
            && (c.return_address.is_some() || c.ship_back_deadline.is_some()));
    if goods_back {
        let Some(address) = &c.return_address else {
            return Err(DomainError::validation(
                "return_address",
                format!("required for {}", kind.as_str()),
            ));
        };
        validate::short_text("return_address.recipient", &address.recipient)?;
        validate::short_text("return_address.phone", &address.phone)?;
        validate::long_text("return_address.address", &address.address)?;
        match c.ship_back_deadline {
            None => {
                return Err(DomainError::validation(
                    "ship_back_deadline",
                    format!("required for {}", kind.as_str()),
                ))
            }
            Some(deadline) if deadline <= c.at => {
                return Err(DomainError::validation(
                    "ship_back_deadline",
                    "must be after the approval time",
                ))
            }
            Some(_) => {}
        }
    } else if c.return_address.is_some() || c.ship_back_deadline.is_some() {
        // A refund-only ticket has no parcel; accepting these would start a timer for nothing.
        return Err(DomainError::validation(
            if c.return_address.is_some() {
                "return_address"
            } else {
                "ship_back_deadline"
            },
            format!("must be absent for {}", kind.as_str()),
        ));
    }
    Ok(vec![Event::ApplicationApproved(ApplicationApproved {
        return_address: c.return_address.clone(),
        ship_back_deadline: c.ship_back_deadline,
        approved_at: c.at,
        by_platform: None,
    })])
}

pub(super) fn reject(c: &RejectApplication) -> Result<Vec<Event>, DomainError> {
    validate::long_text("reason", &c.reason)?;
    Ok(vec![Event::ApplicationRejected(ApplicationRejected {
        reason: c.reason.clone(),
        rejected_at: c.at,
    })])
}

/// The platform approved by itself: no address or ship-back deadline of
/// ours applies (the platform holds them and runs its own clock).
pub(super) fn record_platform_approval(
    c: &RecordPlatformApproval,
) -> Result<Vec<Event>, DomainError> {
    validate::short_text("platform", &c.platform)?;
    Ok(vec![Event::ApplicationApproved(ApplicationApproved {
        return_address: None,
        ship_back_deadline: None,
        approved_at: c.at,
        by_platform: Some(c.platform.clone()),
    })])
}
