//! Platform deadline: platforms approve or refund by themselves when the
//! merchant misses their deadline (Douyin `status_deadline`, Kuaishou
//! `expireTime`, Taobao's timeout). Intake records that deadline on the
//! ticket; this workflow flags the ticket the channel's margin before it
//! (default 6 h), so it rises to the top of the worklist while there is
//! still time to act.

use chrono::{DateTime, Duration, Utc};
use returns_domain::command::RecordPlatformDeadlineNear;
use returns_domain::{Command, Event};

use super::Trigger;
use crate::error::Result;
use crate::runtime::context::{Cause, Context};
use crate::timers::{Timer, TimerKind};

pub(crate) const NAME: &str = "platform_deadline";

pub(crate) async fn on_event(ctx: &Context, t: &Trigger<'_>) -> Result<()> {
    match t.event {
        Event::PlatformDeadlineSet(e) => {
            // A new deadline replaces the one watched so far.
            ctx.timers
                .cancel(t.ticket_id, TimerKind::PlatformDeadline, None, ctx.now())
                .await?;
            let state = ctx.load(t.ticket_id).await?;
            let Some(info) = state.info.as_ref() else {
                return Ok(());
            };
            let margin = i64::from(
                ctx.policies
                    .for_channel(&info.channel)
                    .platform_deadline_margin_hours,
            );
            let cause = Cause::event(NAME, t.recorded);
            let timer = cause.new_timer(
                TimerKind::PlatformDeadline,
                t.ticket_id,
                e.due_at.to_rfc3339(),
                0,
                e.due_at - Duration::hours(margin),
            );
            ctx.timers.schedule(&timer, ctx.now()).await?;
        }
        Event::TicketClosed(_) | Event::TicketCancelled(_) => {
            ctx.timers
                .cancel(t.ticket_id, TimerKind::PlatformDeadline, None, ctx.now())
                .await?;
        }
        _ => {}
    }
    Ok(())
}

pub(crate) async fn on_timer(ctx: &Context, timer: &Timer) -> Result<()> {
    let Ok(due_at) = DateTime::parse_from_rfc3339(&timer.subject) else {
        return Ok(());
    };
    let due_at = due_at.with_timezone(&Utc);
    let state = ctx.load(timer.ticket_id).await?;
    // Checked on the state: a deadline the platform moved since, or one
    // already flagged, is left alone.
    let current = state
        .platform_deadline
        .as_ref()
        .is_some_and(|d| d.due_at == due_at && !d.near);
    if !current || state.status.is_terminal() {
        return Ok(());
    }
    let cause = Cause::timer(NAME, timer);
    let near = Command::RecordPlatformDeadlineNear(RecordPlatformDeadlineNear {
        due_at,
        at: ctx.now(),
    });
    ctx.issue(&cause, timer.ticket_id, "near", near).await?;
    Ok(())
}
