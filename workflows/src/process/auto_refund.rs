//! Auto refund: a passed or partial inspection of a return-and-refund
//! ticket requests a refund of what is still refundable; below the channel's
//! limit the refund is approved at once, above it waits for finance.

use returns_domain::command::{ApproveRefund, RequestRefund};
use returns_domain::ticket::InspectionOutcome;
use returns_domain::{Command, Event, Money, RefundStatus, TicketKind};

use super::Trigger;
use crate::error::Result;
use crate::runtime::context::{Cause, Context};

pub(crate) const NAME: &str = "auto_refund";

pub(crate) async fn on_event(ctx: &Context, t: &Trigger<'_>) -> Result<()> {
    let Event::InspectionCompleted(e) = t.event else {
        return Ok(());
    };
    if e.outcome == InspectionOutcome::Failed {
        return Ok(());
    }
    let mut state = ctx.load(t.ticket_id).await?;
    let (Some(info), Some(currency)) = (state.info.clone(), state.currency()) else {
        return Ok(());
    };
    if info.kind != TicketKind::ReturnAndRefund {
        return Ok(());
    }
    let cause = Cause::event(NAME, t.recorded);
    // Derived from the trigger, so a redelivery finds the refund it already
    // requested instead of requesting another.
    let refund_id = cause.derived_id("refund");
    let amount = match state.refund(refund_id) {
        Some(existing) => existing.amount,
        None => {
            let remaining = state.remaining_refundable_minor();
            if remaining == 0 {
                return Ok(());
            }
            let amount = Money::new(remaining, currency);
            let request = Command::RequestRefund(RequestRefund {
                refund_id,
                amount,
                at: ctx.now(),
            });
            match ctx.issue(&cause, t.ticket_id, "request", request).await? {
                Some(next) => state = next,
                None => return Ok(()),
            }
            amount
        }
    };
    let still_requested =
        state.refund(refund_id).map(|r| r.status) == Some(RefundStatus::Requested);
    if still_requested
        && ctx
            .policies
            .for_channel(&info.channel)
            .auto_approves_refund(amount)
    {
        let approve = Command::ApproveRefund(ApproveRefund {
            refund_id,
            at: ctx.now(),
        });
        ctx.issue(&cause, t.ticket_id, "approve", approve).await?;
    }
    Ok(())
}
