//! Fires due timers, each exactly once: on PostgreSQL a batch of due rows is
//! claimed with `FOR UPDATE SKIP LOCKED` inside a transaction that marks
//! them fired after their commands are appended, so two servers never fire
//! the same timer and a crash mid-batch rolls the claim back (the refire
//! writes nothing: its command ids derive from the timer id). On SQLite the
//! one process is the only scheduler.

use super::context::Context;
use super::{parallel, Workflows};
use crate::error::{Result, WorkflowError};
use crate::process::Workflow;
use crate::timers::Timer;

/// Timers claimed per transaction.
const BATCH: i64 = 32;

/// Fires the timers due now (strictly before the clock's time: a deadline is
/// missed only once it has passed); returns how many fired.
pub(crate) async fn fire_due(runtime: &Workflows) -> Result<usize> {
    let mut fired = 0;
    loop {
        let batch = fire_batch(runtime).await?;
        fired += batch;
        if batch == 0 {
            return Ok(fired);
        }
    }
}

async fn fire_batch(runtime: &Workflows) -> Result<usize> {
    let ctx = &runtime.inner.ctx;
    let now = ctx.now().timestamp_micros();
    let claim = ctx.timers.claim_due(now, BATCH).await?;
    fire_all(runtime, &claim.timers).await?;
    claim.mark_fired(ctx.store.db(), now).await
}

/// Fires a batch, tickets in parallel; the batch is marked fired only after
/// every timer's commands are appended.
async fn fire_all(runtime: &Workflows, due: &[Timer]) -> Result<()> {
    let timers = due.iter().map(|t| (t.ticket_id, t.clone())).collect();
    parallel::per_ticket(runtime, timers, |runtime, timer| async move {
        fire(&runtime.inner.ctx, &timer).await
    })
    .await
}

/// Runs the owning workflow's reaction; a timer whose row is unreadable is
/// logged and marked fired rather than blocking every timer behind it.
async fn fire(ctx: &Context, timer: &Timer) -> Result<()> {
    match Workflow::on_timer(ctx, timer).await {
        Err(err @ (WorkflowError::CorruptTimer { .. } | WorkflowError::Decode { .. })) => {
            tracing::error!(timer_id = %timer.timer_id, error = %err, "timer skipped");
            Ok(())
        }
        other => other,
    }
}
