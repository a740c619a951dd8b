//! Exchange: a passed (or partly passed) inspection of an exchange puts the
//! ticket in the warehouse's replacement queue.

use returns_domain::command::AssignTicket;
use returns_domain::ticket::InspectionOutcome;
use returns_domain::{Command, CommandKind, Event, TicketKind};

use super::Trigger;
use crate::error::Result;
use crate::runtime::context::{Cause, Context};

pub(crate) const NAME: &str = "exchange";

pub(crate) async fn on_event(ctx: &Context, t: &Trigger<'_>) -> Result<()> {
    let Event::InspectionCompleted(e) = t.event else {
        return Ok(());
    };
    if e.outcome == InspectionOutcome::Failed {
        return Ok(());
    }
    let state = ctx.load(t.ticket_id).await?;
    let Some(info) = state.info.as_ref() else {
        return Ok(());
    };
    if info.kind != TicketKind::Exchange || !state.allows(CommandKind::ShipReplacement) {
        return Ok(());
    }
    let queue = ctx
        .policies
        .for_channel(&info.channel)
        .replacement_queue
        .clone();
    let assign = Command::AssignTicket(AssignTicket {
        assignee: Some(queue),
        at: ctx.now(),
    });
    ctx.issue(
        &Cause::event(NAME, t.recorded),
        t.ticket_id,
        "queue_replacement",
        assign,
    )
    .await?;
    Ok(())
}
