//! Ship-back deadline: an approved return whose goods did not ship back by
//! the deadline is recorded as late and closed as `expired`.

use returns_domain::command::{CloseTicket, RecordMissedDeadline};
use returns_domain::ticket::DeadlineKind;
use returns_domain::{Command, Event, Resolution, TicketStatus};

use super::Trigger;
use crate::error::Result;
use crate::runtime::context::{Cause, Context};
use crate::timers::{Timer, TimerKind};

pub(crate) const NAME: &str = "ship_back_deadline";

pub(crate) async fn on_event(ctx: &Context, t: &Trigger<'_>) -> Result<()> {
    match t.event {
        Event::ApplicationApproved(e) => {
            if let Some(deadline) = e.ship_back_deadline {
                let cause = Cause::event(NAME, t.recorded);
                let timer = cause.new_timer(
                    TimerKind::ShipBackDeadline,
                    t.ticket_id,
                    String::new(),
                    0,
                    deadline,
                );
                ctx.timers.schedule(&timer, ctx.now()).await?;
            }
        }
        Event::ReturnShipmentRegistered(_) | Event::TicketClosed(_) | Event::TicketCancelled(_) => {
            ctx.timers
                .cancel(t.ticket_id, TimerKind::ShipBackDeadline, None, ctx.now())
                .await?;
        }
        _ => {}
    }
    Ok(())
}

pub(crate) async fn on_timer(ctx: &Context, timer: &Timer) -> Result<()> {
    let cause = Cause::timer(NAME, timer);
    let ticket_id = timer.ticket_id;
    let mut state = ctx.load(ticket_id).await?;
    let now = ctx.now();
    if state.running_deadline().map(|(kind, _)| kind) == Some(DeadlineKind::ShipBack) {
        let missed = Command::RecordMissedDeadline(RecordMissedDeadline {
            deadline: DeadlineKind::ShipBack,
            at: now,
        });
        match ctx
            .issue(&cause, ticket_id, "record_missed", missed)
            .await?
        {
            Some(next) => state = next,
            None => return Ok(()),
        }
    }
    if state.status != TicketStatus::Approved
        || !state.missed_deadlines.contains(&DeadlineKind::ShipBack)
    {
        return Ok(());
    }
    let close = Command::CloseTicket(CloseTicket {
        resolution: Resolution::Expired,
        note: Some("goods were not shipped back by the deadline".to_owned()),
        at: now,
    });
    ctx.issue(&cause, ticket_id, "expire", close).await?;
    Ok(())
}
