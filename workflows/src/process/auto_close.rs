//! Auto close: a settled ticket is closed with the resolution that says what
//! happened, so its after-sale care (the follow-up call) can start and the
//! worklist only shows tickets someone still has to act on.
//!
//! Settled means the domain offers no further step that moves goods or
//! money: the ticket is `Refunded` (every requested refund issued) or
//! `ReplacementShipped`, and neither `ReturnGoodsToCustomer` (the rejected
//! part of a partial inspection still has to go back) nor `RequestRefund`
//! (money is still owed) is allowed. A closed ticket takes no refund and no
//! parcel, so closing any earlier would strand what the customer is owed;
//! such a ticket closes once the last parcel or refund event arrives.
//!
//! The resolution follows the status as `resolution_fits` in the domain
//! demands (`Refunded` → `refunded`, `ReplacementShipped` → `exchanged`); the
//! domain still judges the close, and a refusal (an agent closed it first)
//! is only logged. Per channel, `auto_close_when_settled = false` leaves
//! settled tickets to an agent.

use returns_domain::command::CloseTicket;
use returns_domain::{Command, CommandKind, Event, Resolution, TicketState, TicketStatus};

use super::Trigger;
use crate::error::Result;
use crate::runtime::context::{Cause, Context};

pub(crate) const NAME: &str = "auto_close";

pub(crate) async fn on_event(ctx: &Context, t: &Trigger<'_>) -> Result<()> {
    // The events after which a ticket can become settled: the last refund
    // paid, the replacement shipped, the rejected part sent back.
    if !matches!(
        t.event,
        Event::RefundIssued(_) | Event::ReplacementShipped(_) | Event::GoodsReturnedToCustomer(_)
    ) {
        return Ok(());
    }
    let state = ctx.load(t.ticket_id).await?;
    let Some(info) = state.info.as_ref() else {
        return Ok(());
    };
    if !ctx
        .policies
        .for_channel(&info.channel)
        .auto_close_when_settled
    {
        return Ok(());
    }
    let Some((resolution, note)) = settlement(&state) else {
        return Ok(());
    };
    let close = Command::CloseTicket(CloseTicket {
        resolution,
        note: Some(note.to_owned()),
        at: ctx.now(),
    });
    ctx.issue(&Cause::event(NAME, t.recorded), t.ticket_id, "close", close)
        .await?;
    Ok(())
}

/// The resolution (and the close's note) of a ticket the domain considers
/// settled, or `None` while something is still to happen on it.
fn settlement(state: &TicketState) -> Option<(Resolution, &'static str)> {
    let settled = match state.status {
        TicketStatus::Refunded => (
            Resolution::Refunded,
            "closed by the engine: every requested refund issued",
        ),
        TicketStatus::ReplacementShipped => (
            Resolution::Exchanged,
            "closed by the engine: the replacement shipped",
        ),
        _ => return None,
    };
    let still_open = [
        CommandKind::ReturnGoodsToCustomer,
        CommandKind::RequestRefund,
    ]
    .into_iter()
    .any(|step| state.allows(step));
    (state.allows(CommandKind::CloseTicket) && !still_open).then_some(settled)
}
