//! Fires due timers, each exactly once: on PostgreSQL a batch of due rows is
//! claimed with `FOR UPDATE SKIP LOCKED` inside a transaction that marks
//! them fired after their commands are appended, so two servers never fire
//! the same timer and a crash mid-batch rolls the claim back (the refire
//! writes nothing: its command ids derive from the timer id). On SQLite the
//! one process is the only scheduler.

use returns_eventstore::backend::Backend;

use super::context::Context;
use super::{parallel, Workflows};
use crate::error::{Result, WorkflowError};
use crate::process::Workflow;
use crate::timers::{self, Timer, COLUMNS};

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
    let mark = "UPDATE timers SET state = 'fired', fired_at = $1 \
                WHERE timer_id = $2 AND state = 'scheduled'";
    match ctx.store.backend() {
        Backend::Postgres(pool) => {
            let claim = format!(
                "SELECT {COLUMNS} FROM timers WHERE state = 'scheduled' AND due_at < $1 \
                 ORDER BY due_at, timer_id LIMIT $2 FOR UPDATE SKIP LOCKED"
            );
            let mut tx = pool.begin().await?;
            let rows = sqlx::query(&claim)
                .bind(now)
                .bind(BATCH)
                .fetch_all(&mut *tx)
                .await?;
            let due = decode_all(&rows)?;
            fire_all(runtime, &due).await?;
            for timer in &due {
                sqlx::query(mark)
                    .bind(now)
                    .bind(timer.timer_id.to_string())
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(due.len())
        }
        Backend::Sqlite(pool) => {
            let claim = format!(
                "SELECT {COLUMNS} FROM timers WHERE state = 'scheduled' AND due_at < $1 \
                 ORDER BY due_at, timer_id LIMIT $2"
            );
            let rows = sqlx::query(&claim)
                .bind(now)
                .bind(BATCH)
                .fetch_all(pool)
                .await?;
            let due = decode_all(&rows)?;
            fire_all(runtime, &due).await?;
            let mut fired = 0;
            for timer in &due {
                fired += sqlx::query(mark)
                    .bind(now)
                    .bind(timer.timer_id.to_string())
                    .execute(pool)
                    .await?
                    .rows_affected() as usize;
            }
            Ok(fired)
        }
    }
}

fn decode_all<R>(rows: &[R]) -> Result<Vec<Timer>>
where
    R: sqlx::Row,
    for<'r> &'r str: sqlx::ColumnIndex<R>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<i64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    rows.iter().map(timers::decode).collect()
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
