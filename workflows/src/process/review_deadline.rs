//! Review deadline: an application nobody reviewed by its deadline is
//! recorded as late, then escalated to the supervisor or approved,
//! per the channel's policy.

use returns_domain::command::{ApproveApplication, AssignTicket, RecordMissedDeadline};
use returns_domain::ticket::DeadlineKind;
use returns_domain::{Command, Event, TicketStatus};

use super::Trigger;
use crate::error::Result;
use crate::policies::ReviewTimeoutAction;
use crate::runtime::context::{Cause, Context};
use crate::timers::{Timer, TimerKind};

pub(crate) const NAME: &str = "review_deadline";

pub(crate) async fn on_event(ctx: &Context, t: &Trigger<'_>) -> Result<()> {
    match t.event {
        Event::TicketOpened(e) => {
            let cause = Cause::event(NAME, t.recorded);
            let timer = cause.new_timer(
                TimerKind::ReviewDeadline,
                t.ticket_id,
                String::new(),
                0,
                e.review_deadline,
            );
            ctx.timers.schedule(&timer, ctx.now()).await?;
        }
        Event::ApplicationApproved(_)
        | Event::ApplicationRejected(_)
        | Event::TicketClosed(_)
        | Event::TicketCancelled(_) => {
            ctx.timers
                .cancel(t.ticket_id, TimerKind::ReviewDeadline, None, ctx.now())
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
    if state.running_deadline().map(|(kind, _)| kind) == Some(DeadlineKind::Review) {
        let missed = Command::RecordMissedDeadline(RecordMissedDeadline {
            deadline: DeadlineKind::Review,
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
    // Checked on the state, not on the step above, so a fire repeated after a
    // crash between the two commands still escalates.
    if state.status != TicketStatus::Applied
        || !state.missed_deadlines.contains(&DeadlineKind::Review)
    {
        return Ok(());
    }
    let (Some(info), Some(kind)) = (state.info.as_ref(), state.kind()) else {
        return Ok(());
    };
    let policy = ctx.policies.for_channel(&info.channel);
    match policy.review_timeout_action {
        ReviewTimeoutAction::Escalate => {
            let assign = Command::AssignTicket(AssignTicket {
                assignee: Some(policy.supervisor.clone()),
                at: now,
            });
            ctx.issue(&cause, ticket_id, "escalate", assign).await?;
        }
        ReviewTimeoutAction::AutoApprove => {
            let goods_back = kind.needs_goods_back();
            let approve = Command::ApproveApplication(ApproveApplication {
                return_address: goods_back.then(|| policy.return_address.clone()),
                ship_back_deadline: goods_back
                    .then(|| ctx.policies.ship_back_deadline(&info.channel, now)),
                at: now,
            });
            ctx.issue(&cause, ticket_id, "auto_approve", approve)
                .await?;
        }
    }
    Ok(())
}
