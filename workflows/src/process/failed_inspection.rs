//! Failed inspection: the rejected goods go to the warehouse's queue of
//! parcels back to customers. After a wholly failed inspection the ticket
//! closes as `rejected_after_inspection` once they have shipped; after a
//! partial one the accepted part runs on (refund or replacement) and
//! `auto_close` closes the ticket once both the money and the parcel are
//! settled, so no ticket waits for a person to notice it.

use returns_domain::command::{AssignTicket, CloseTicket};
use returns_domain::ticket::InspectionOutcome;
use returns_domain::{Command, CommandKind, Event, Resolution, TicketStatus};

use super::Trigger;
use crate::error::Result;
use crate::runtime::context::{Cause, Context};

pub(crate) const NAME: &str = "failed_inspection";

pub(crate) async fn on_event(ctx: &Context, t: &Trigger<'_>) -> Result<()> {
    match t.event {
        Event::InspectionCompleted(e)
            if matches!(
                e.outcome,
                InspectionOutcome::Failed | InspectionOutcome::Partial
            ) =>
        {
            let state = ctx.load(t.ticket_id).await?;
            let Some(info) = state.info.as_ref() else {
                return Ok(());
            };
            if !state.allows(CommandKind::ReturnGoodsToCustomer) {
                return Ok(());
            }
            let queue = ctx
                .policies
                .for_channel(&info.channel)
                .return_to_customer_queue
                .clone();
            let assign = Command::AssignTicket(AssignTicket {
                assignee: Some(queue),
                at: ctx.now(),
            });
            ctx.issue(
                &Cause::event(NAME, t.recorded),
                t.ticket_id,
                "queue_return",
                assign,
            )
            .await?;
        }
        Event::GoodsReturnedToCustomer(_) => {
            let state = ctx.load(t.ticket_id).await?;
            if state.status != TicketStatus::GoodsReturned {
                return Ok(());
            }
            let close = Command::CloseTicket(CloseTicket {
                resolution: Resolution::RejectedAfterInspection,
                note: Some("goods returned to the customer after a failed inspection".to_owned()),
                at: ctx.now(),
            });
            ctx.issue(&Cause::event(NAME, t.recorded), t.ticket_id, "close", close)
                .await?;
        }
        _ => {}
    }
    Ok(())
}
