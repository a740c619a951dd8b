//! Follow-up calls: every quality complaint, and a deterministic share of
//! logistics complaints, gets a call scheduled after the ticket is closed
//! (after-sale care: the call asks how the refund or replacement worked out);
//! an agent records its outcome on the closed ticket, and a call still open
//! after its due time plus grace is reported missed on the ticket.

use chrono::Duration;
use returns_domain::command::{AddNote, ScheduleFollowUp};
use returns_domain::{Command, Event, Resolution};
use uuid::Uuid;

use super::Trigger;
use crate::error::{Result, WorkflowError};
use crate::ids;
use crate::runtime::context::{Cause, Context, SYSTEM_ACTOR};
use crate::timers::{Timer, TimerKind};

pub(crate) const NAME: &str = "follow_up";

/// The one follow-up call this workflow schedules for a ticket.
fn follow_up_id(ticket_id: Uuid) -> Uuid {
    ids::derive(&["follow_up", NAME, &ticket_id.to_string()])
}

pub(crate) async fn on_event(ctx: &Context, t: &Trigger<'_>) -> Result<()> {
    match t.event {
        // An expired ticket never had goods or money move (the customer never
        // shipped), so there is nothing to ask the customer about.
        Event::TicketClosed(e) if e.resolution != Resolution::Expired => {
            schedule_call(ctx, t).await
        }
        Event::FollowUpScheduled(e) => {
            let cause = Cause::event(NAME, t.recorded);
            let state = ctx.load(t.ticket_id).await?;
            let channel = state.info.as_ref().map_or("", |i| i.channel.as_str());
            let grace = ctx.policies.for_channel(channel).follow_up_grace_hours;
            let timer = cause.new_timer(
                TimerKind::FollowUpDeadline,
                t.ticket_id,
                e.follow_up_id.to_string(),
                0,
                e.due_at + Duration::hours(i64::from(grace)),
            );
            ctx.timers.schedule(&timer, ctx.now()).await?;
            Ok(())
        }
        Event::FollowUpCompleted(e) => {
            let subject = e.follow_up_id.to_string();
            ctx.timers
                .cancel(
                    t.ticket_id,
                    TimerKind::FollowUpDeadline,
                    Some(&subject),
                    ctx.now(),
                )
                .await?;
            Ok(())
        }
        _ => Ok(()),
    }
}

async fn schedule_call(ctx: &Context, t: &Trigger<'_>) -> Result<()> {
    let state = ctx.load(t.ticket_id).await?;
    let Some(info) = state.info.as_ref() else {
        return Ok(());
    };
    let policy = ctx.policies.for_channel(&info.channel);
    let Some(purpose) = policy.follow_up_purpose(&info.reason_code, t.ticket_id) else {
        return Ok(());
    };
    let follow_up_id = follow_up_id(t.ticket_id);
    if state.follow_up(follow_up_id).is_some() {
        return Ok(());
    }
    let now = ctx.now();
    let delay = Duration::hours(i64::from(policy.follow_up_delay_hours));
    let due_at = (t.event.occurred_at() + delay).max(now);
    let schedule = Command::ScheduleFollowUp(ScheduleFollowUp {
        follow_up_id,
        due_at,
        purpose: purpose.to_owned(),
        at: now,
    });
    ctx.issue(
        &Cause::event(NAME, t.recorded),
        t.ticket_id,
        "schedule",
        schedule,
    )
    .await?;
    Ok(())
}

pub(crate) async fn on_timer(ctx: &Context, timer: &Timer) -> Result<()> {
    let follow_up_id =
        Uuid::parse_str(&timer.subject).map_err(|e| WorkflowError::CorruptTimer {
            timer_id: timer.timer_id.to_string(),
            message: format!("subject is not a follow-up id: {e}"),
        })?;
    let state = ctx.load(timer.ticket_id).await?;
    let Some(call) = state.follow_up(follow_up_id) else {
        return Ok(());
    };
    if call.completed_at.is_some() {
        return Ok(());
    }
    let note = Command::AddNote(AddNote {
        author: SYSTEM_ACTOR.to_owned(),
        text: format!(
            "Missed follow-up call {follow_up_id} ({}): due {}, no outcome recorded.",
            call.purpose,
            call.due_at.to_rfc3339()
        ),
        at: ctx.now(),
    });
    ctx.issue(&Cause::timer(NAME, timer), timer.ticket_id, "missed", note)
        .await?;
    Ok(())
}
