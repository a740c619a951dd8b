//! Durable timers: rows with a due time, scheduled by workflows when an
//! event starts a deadline, cancelled by the events that make it moot, and
//! fired exactly once by the scheduler ([`crate::runtime`]).
//!
//! A timer's id is derived from what it is for (kind, ticket, subject,
//! attempt), so scheduling it again is a no-op; `INSERT … ON CONFLICT DO
//! NOTHING` is right here because this table is bookkeeping, not the log.

use chrono::{DateTime, Utc};
use returns_eventstore::backend::Backend;
use sqlx::Row;
use uuid::Uuid;

use crate::db::with_pool;
use crate::error::{Result, WorkflowError};
use crate::ids;

/// What a timer watches; each kind belongs to one workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimerKind {
    /// The application must be reviewed by then.
    ReviewDeadline,
    /// The approved return must ship back by then.
    ShipBackDeadline,
    /// A failed refund is tried again then.
    RefundRetry,
    /// A follow-up call still open by then is missed.
    FollowUpDeadline,
}

impl TimerKind {
    /// Every kind.
    pub const ALL: [TimerKind; 4] = [
        TimerKind::ReviewDeadline,
        TimerKind::ShipBackDeadline,
        TimerKind::RefundRetry,
        TimerKind::FollowUpDeadline,
    ];

    /// The name stored in the `kind` column.
    pub fn as_str(&self) -> &'static str {
        match self {
            TimerKind::ReviewDeadline => "review_deadline",
            TimerKind::ShipBackDeadline => "ship_back_deadline",
            TimerKind::RefundRetry => "refund_retry",
            TimerKind::FollowUpDeadline => "follow_up_deadline",
        }
    }

    /// The kind stored as `name`.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// Where a timer is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimerState {
    /// Waiting for its due time.
    Scheduled,
    /// Fired (once).
    Fired,
    /// Made moot by an event before it fired.
    Cancelled,
}

impl TimerState {
    /// The name stored in the `state` column.
    pub fn as_str(&self) -> &'static str {
        match self {
            TimerState::Scheduled => "scheduled",
            TimerState::Fired => "fired",
            TimerState::Cancelled => "cancelled",
        }
    }

    fn parse(name: &str) -> Option<Self> {
        [Self::Scheduled, Self::Fired, Self::Cancelled]
            .into_iter()
            .find(|s| s.as_str() == name)
    }
}

/// A timer to schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTimer {
    /// What it watches.
    pub kind: TimerKind,
    /// The ticket.
    pub ticket_id: Uuid,
    /// What within the ticket (a refund or follow-up id), empty for none.
    pub subject: String,
    /// Which attempt (refund retries), 0 otherwise.
    pub attempt: u32,
    /// When it fires.
    pub due_at: DateTime<Utc>,
    /// The correlation id its commands carry.
    pub correlation_id: Option<Uuid>,
    /// The event that scheduled it (its commands' causation id).
    pub causation_id: Option<Uuid>,
}

impl NewTimer {
    /// The timer's deterministic id.
    pub fn timer_id(&self) -> Uuid {
        ids::derive(&[
            "timer",
            self.kind.as_str(),
            &self.ticket_id.to_string(),
            &self.subject,
            &self.attempt.to_string(),
        ])
    }
}

/// A stored timer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timer {
    /// Its id.
    pub timer_id: Uuid,
    /// The ticket.
    pub ticket_id: Uuid,
    /// What it watches.
    pub kind: TimerKind,
    /// What within the ticket, empty for none.
    pub subject: String,
    /// Which attempt.
    pub attempt: u32,
    /// When it fires.
    pub due_at: DateTime<Utc>,
    /// Where it is.
    pub state: TimerState,
    /// The correlation id its commands carry.
    pub correlation_id: Option<Uuid>,
    /// The event that scheduled it.
    pub causation_id: Option<Uuid>,
    /// When it was scheduled.
    pub scheduled_at: DateTime<Utc>,
    /// When it fired.
    pub fired_at: Option<DateTime<Utc>>,
    /// When it was cancelled.
    pub cancelled_at: Option<DateTime<Utc>>,
}

pub(crate) const COLUMNS: &str = "timer_id, ticket_id, kind, subject, attempt, due_at, state, \
     correlation_id, causation_id, scheduled_at, fired_at, cancelled_at";

/// Reads a timer row on either backend.
pub(crate) fn decode<R>(row: &R) -> Result<Timer>
where
    R: Row,
    for<'r> &'r str: sqlx::ColumnIndex<R>,
    for<'r> String: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> i64: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<i64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    let timer_id: String = row.try_get("timer_id")?;
    let corrupt = |message: String| WorkflowError::CorruptTimer {
        timer_id: timer_id.clone(),
        message,
    };
    let uuid = |text: &str| Uuid::parse_str(text).map_err(|e| corrupt(e.to_string()));
    let time = |micros: i64| {
        DateTime::from_timestamp_micros(micros).ok_or_else(|| corrupt(format!("time {micros}")))
    };
    let kind: String = row.try_get("kind")?;
    let state: String = row.try_get("state")?;
    let attempt: i64 = row.try_get("attempt")?;
    let ticket_id: String = row.try_get("ticket_id")?;
    let correlation_id: Option<String> = row.try_get("correlation_id")?;
    let causation_id: Option<String> = row.try_get("causation_id")?;
    let fired_at: Option<i64> = row.try_get("fired_at")?;
    let cancelled_at: Option<i64> = row.try_get("cancelled_at")?;
    Ok(Timer {
        timer_id: uuid(&timer_id)?,
        ticket_id: uuid(&ticket_id)?,
        kind: TimerKind::parse(&kind).ok_or_else(|| corrupt(format!("kind {kind}")))?,
        subject: row.try_get("subject")?,
        attempt: u32::try_from(attempt).map_err(|e| corrupt(e.to_string()))?,
        due_at: time(row.try_get("due_at")?)?,
        state: TimerState::parse(&state).ok_or_else(|| corrupt(format!("state {state}")))?,
        correlation_id: correlation_id.as_deref().map(uuid).transpose()?,
        causation_id: causation_id.as_deref().map(uuid).transpose()?,
        scheduled_at: time(row.try_get("scheduled_at")?)?,
        fired_at: fired_at.map(time).transpose()?,
        cancelled_at: cancelled_at.map(time).transpose()?,
    })
}

/// The timers table.
#[derive(Debug, Clone)]
pub struct Timers {
    backend: Backend,
}

impl Timers {
    /// The timers in the database behind `backend` (migrated by [`crate::db::migrate`]).
    pub fn new(backend: Backend) -> Self {
        Self { backend }
    }

    /// Schedules `timer` unless a timer with its id exists (in any state);
    /// returns the timer's id.
    pub async fn schedule(&self, timer: &NewTimer, now: DateTime<Utc>) -> Result<Uuid> {
        let timer_id = timer.timer_id();
        let sql = "INSERT INTO timers (timer_id, ticket_id, kind, subject, attempt, due_at, \
                   state, correlation_id, causation_id, scheduled_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, 'scheduled', $7, $8, $9) \
                   ON CONFLICT (timer_id) DO NOTHING";
        with_pool!(&self.backend, pool => {
            sqlx::query(sql)
                .bind(timer_id.to_string())
                .bind(timer.ticket_id.to_string())
                .bind(timer.kind.as_str())
                .bind(&timer.subject)
                .bind(i64::from(timer.attempt))
                .bind(timer.due_at.timestamp_micros())
                .bind(timer.correlation_id.map(|id| id.to_string()))
                .bind(timer.causation_id.map(|id| id.to_string()))
                .bind(now.timestamp_micros())
                .execute(pool)
                .await?;
        });
        Ok(timer_id)
    }

    /// Cancels the ticket's scheduled timers of `kind` (only those about
    /// `subject`, when given); returns how many were cancelled.
    pub async fn cancel(
        &self,
        ticket_id: Uuid,
        kind: TimerKind,
        subject: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        let sql = "UPDATE timers SET state = 'cancelled', cancelled_at = $1 \
                   WHERE ticket_id = $2 AND kind = $3 AND state = 'scheduled' \
                   AND ($4 IS NULL OR subject = $4)";
        let done = with_pool!(&self.backend, pool => {
            sqlx::query(sql)
                .bind(now.timestamp_micros())
                .bind(ticket_id.to_string())
                .bind(kind.as_str())
                .bind(subject)
                .execute(pool)
                .await?
                .rows_affected()
        });
        Ok(done)
    }

    /// Every timer of a ticket, in due order: what is pending, fired or cancelled.
    pub async fn for_ticket(&self, ticket_id: Uuid) -> Result<Vec<Timer>> {
        let sql =
            format!("SELECT {COLUMNS} FROM timers WHERE ticket_id = $1 ORDER BY due_at, timer_id");
        with_pool!(&self.backend, pool => {
            sqlx::query(&sql)
                .bind(ticket_id.to_string())
                .fetch_all(pool)
                .await?
                .iter()
                .map(decode)
                .collect()
        })
    }

    /// Timers of `kind` in `state`, in due order (e.g. missed follow-up calls:
    /// fired `FollowUpDeadline` timers).
    pub async fn of_kind(&self, kind: TimerKind, state: TimerState) -> Result<Vec<Timer>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM timers WHERE kind = $1 AND state = $2 \
             ORDER BY due_at, timer_id"
        );
        with_pool!(&self.backend, pool => {
            sqlx::query(&sql)
                .bind(kind.as_str())
                .bind(state.as_str())
                .fetch_all(pool)
                .await?
                .iter()
                .map(decode)
                .collect()
        })
    }
}
