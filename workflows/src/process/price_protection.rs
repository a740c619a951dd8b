//! Price protection (价保 / 退差价): once the difference is stated (by the
//! platform's record or by the merchant's policy) the ticket owes at most
//! that much, so a difference within the channel's
//! `auto_approve_price_difference_below` is approved. A difference the
//! merchant's policy stated is the merchant's to pay: its refund is
//! requested and approved in one go, and `refund_payout` pays it in the
//! channel's payout mode (in production manual: a task for finance). One
//! the platform's record stated is paid by the platform (PLATFORMS.md:
//! marketplace refunds are paid by the platform once agreed), so no refund
//! of ours is requested: the platform's record of it, through intake,
//! settles the ticket, and a second payout can never arise. A difference at
//! or above the limit is assigned to the supervisor, who decides as on any
//! refund-only ticket.

use returns_domain::command::{
    ApproveApplication, ApproveRefund, AssignTicket, DifferenceSource, RequestRefund,
};
use returns_domain::{Command, Event, Money, RefundStatus, TicketKind, TicketStatus};

use super::Trigger;
use crate::error::Result;
use crate::runtime::context::{Cause, Context};

pub(crate) const NAME: &str = "price_protection";

pub(crate) async fn on_event(ctx: &Context, t: &Trigger<'_>) -> Result<()> {
    let Event::PriceDifferenceStated(stated) = t.event else {
        return Ok(());
    };
    let mut state = ctx.load(t.ticket_id).await?;
    let (Some(info), Some(difference)) = (state.info.clone(), state.price_difference.clone())
    else {
        return Ok(());
    };
    if info.kind != TicketKind::PriceProtection {
        return Ok(());
    }
    // A difference stated again while the application waited replaces this
    // one: only the latest statement is judged, so a low first figure never
    // approves a ticket whose final figure is above the limit.
    if difference.amount != stated.amount || difference.basis != stated.basis {
        return Ok(());
    }
    let cause = Cause::event(NAME, t.recorded);
    let policy = ctx.policies.for_channel(&info.channel);
    if !policy.auto_approves_price_difference(difference.amount) {
        if state.status == TicketStatus::Applied
            && state.assignee.as_deref() != Some(policy.supervisor.as_str())
        {
            let assign = Command::AssignTicket(AssignTicket {
                assignee: Some(policy.supervisor.clone()),
                at: ctx.now(),
            });
            ctx.issue(&cause, t.ticket_id, "escalate", assign).await?;
        }
        return Ok(());
    }
    // Issued even when the ticket moved on: a repeat (after a crash between
    // the steps below) is answered from the log, while an approval or a
    // rejection by a person or the platform refuses it and the refund stays
    // theirs to take on.
    let approve = Command::ApproveApplication(ApproveApplication {
        return_address: None,
        ship_back_deadline: None,
        at: ctx.now(),
    });
    match ctx.issue(&cause, t.ticket_id, "approve", approve).await? {
        Some(next) => state = next,
        None => return Ok(()),
    }
    if difference.source == DifferenceSource::Platform {
        return Ok(());
    }
    // Derived from the trigger, so a redelivery finds the refund it already
    // requested instead of requesting another.
    let refund_id = cause.derived_id("refund");
    if state.refund(refund_id).is_none() {
        let remaining = state.remaining_refundable_minor();
        if remaining == 0 {
            return Ok(());
        }
        let request = Command::RequestRefund(RequestRefund {
            refund_id,
            amount: Money::new(remaining, difference.amount.currency),
            at: ctx.now(),
        });
        match ctx.issue(&cause, t.ticket_id, "request", request).await? {
            Some(next) => state = next,
            None => return Ok(()),
        }
    }
    if state.refund(refund_id).map(|r| r.status) == Some(RefundStatus::Requested) {
        let approve = Command::ApproveRefund(ApproveRefund {
            refund_id,
            at: ctx.now(),
        });
        ctx.issue(&cause, t.ticket_id, "approve_refund", approve)
            .await?;
    }
    Ok(())
}
