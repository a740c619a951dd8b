//! The `timers` table: scheduling, cancelling, listing, and the scheduler's
//! claim on due timers.

use chrono::{DateTime, Utc};
use returns_eventstore::db::{Db, Dialect, Tx};
use returns_eventstore::statement;
use uuid::Uuid;

use crate::error::{Result, WorkflowError};
use crate::timers::{NewTimer, Timer, TimerKind, TimerState};

const COLUMNS: &str = "timer_id, ticket_id, kind, subject, attempt, due_at, state, \
     correlation_id, causation_id, scheduled_at, fired_at, cancelled_at";

/// A timer row as stored: ids as text and times as microseconds, the same
/// on both backends.
#[derive(sqlx::FromRow)]
struct Row {
    timer_id: String,
    ticket_id: String,
    kind: String,
    subject: String,
    attempt: i64,
    due_at: i64,
    state: String,
    correlation_id: Option<String>,
    causation_id: Option<String>,
    scheduled_at: i64,
    fired_at: Option<i64>,
    cancelled_at: Option<i64>,
}

impl Row {
    fn decode(self) -> Result<Timer> {
        let timer_id = self.timer_id;
        let corrupt = |message: String| WorkflowError::CorruptTimer {
            timer_id: timer_id.clone(),
            message,
        };
        let uuid = |text: &str| Uuid::parse_str(text).map_err(|e| corrupt(e.to_string()));
        let time = |micros: i64| {
            DateTime::from_timestamp_micros(micros).ok_or_else(|| corrupt(format!("time {micros}")))
        };
        Ok(Timer {
            timer_id: uuid(&timer_id)?,
            ticket_id: uuid(&self.ticket_id)?,
            kind: TimerKind::parse(&self.kind)
                .ok_or_else(|| corrupt(format!("kind {}", self.kind)))?,
            subject: self.subject,
            attempt: u32::try_from(self.attempt).map_err(|e| corrupt(e.to_string()))?,
            due_at: time(self.due_at)?,
            state: TimerState::parse(&self.state)
                .ok_or_else(|| corrupt(format!("state {}", self.state)))?,
            correlation_id: self.correlation_id.as_deref().map(uuid).transpose()?,
            causation_id: self.causation_id.as_deref().map(uuid).transpose()?,
            scheduled_at: time(self.scheduled_at)?,
            fired_at: self.fired_at.map(time).transpose()?,
            cancelled_at: self.cancelled_at.map(time).transpose()?,
        })
    }
}

fn decode_all(rows: Vec<Row>) -> Result<Vec<Timer>> {
    rows.into_iter().map(Row::decode).collect()
}

/// The timers table.
#[derive(Debug, Clone)]
pub struct Timers {
    db: Db,
}

impl Timers {
    /// The timers in `db` (migrated by [`crate::storage::migrate`]).
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// Schedules `timer` unless a timer with its id exists (in any state);
    /// returns the timer's id.
    pub async fn schedule(&self, timer: &NewTimer, now: DateTime<Utc>) -> Result<Uuid> {
        let timer_id = timer.timer_id();
        self.db
            .execute(&statement!(
                "INSERT INTO timers (timer_id, ticket_id, kind, subject, attempt, due_at, \
                 state, correlation_id, causation_id, scheduled_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, 'scheduled', $7, $8, $9) \
                 ON CONFLICT (timer_id) DO NOTHING",
                timer_id.to_string(),
                timer.ticket_id.to_string(),
                timer.kind.as_str(),
                timer.subject.as_str(),
                i64::from(timer.attempt),
                timer.due_at.timestamp_micros(),
                timer.correlation_id.map(|id| id.to_string()),
                timer.causation_id.map(|id| id.to_string()),
                now.timestamp_micros()
            ))
            .await?;
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
        Ok(self
            .db
            .execute(&statement!(
                "UPDATE timers SET state = 'cancelled', cancelled_at = $1 \
                 WHERE ticket_id = $2 AND kind = $3 AND state = 'scheduled' \
                 AND ($4 IS NULL OR subject = $4)",
                now.timestamp_micros(),
                ticket_id.to_string(),
                kind.as_str(),
                subject
            ))
            .await?)
    }

    /// Every timer of a ticket, in due order: what is pending, fired or cancelled.
    pub async fn for_ticket(&self, ticket_id: Uuid) -> Result<Vec<Timer>> {
        let sql =
            format!("SELECT {COLUMNS} FROM timers WHERE ticket_id = $1 ORDER BY due_at, timer_id");
        decode_all(
            self.db
                .fetch_all(&statement!(sql, ticket_id.to_string()))
                .await?,
        )
    }

    /// Timers of `kind` in `state`, in due order (e.g. missed follow-up calls:
    /// fired `FollowUpDeadline` timers).
    pub async fn of_kind(&self, kind: TimerKind, state: TimerState) -> Result<Vec<Timer>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM timers WHERE kind = $1 AND state = $2 \
             ORDER BY due_at, timer_id"
        );
        decode_all(
            self.db
                .fetch_all(&statement!(sql, kind.as_str(), state.as_str()))
                .await?,
        )
    }

    /// Claims up to `limit` timers due strictly before `now`. On PostgreSQL
    /// the rows stay locked (`FOR UPDATE SKIP LOCKED`) in the claim's
    /// transaction until [`Claim::mark_fired`], so two servers never fire
    /// the same timer and a crash rolls the claim back. SQLite has one
    /// process, and its one writer must stay free for the commands the
    /// timers issue: no transaction is held there.
    pub(crate) async fn claim_due(&self, now: i64, limit: i64) -> Result<Claim> {
        let due = "FROM timers WHERE state = 'scheduled' AND due_at < $1 \
                   ORDER BY due_at, timer_id LIMIT $2";
        match self.db.dialect() {
            Dialect::Postgres => {
                let mut tx = self.db.begin().await?;
                let sql = format!("SELECT {COLUMNS} {due} FOR UPDATE SKIP LOCKED");
                let rows: Vec<Row> = tx.fetch_all(&statement!(sql, now, limit)).await?;
                Ok(Claim {
                    tx: Some(tx),
                    timers: decode_all(rows)?,
                })
            }
            Dialect::Sqlite => {
                let sql = format!("SELECT {COLUMNS} {due}");
                let rows: Vec<Row> = self.db.fetch_all(&statement!(sql, now, limit)).await?;
                Ok(Claim {
                    tx: None,
                    timers: decode_all(rows)?,
                })
            }
        }
    }
}

/// Due timers claimed by this scheduler.
pub(crate) struct Claim {
    tx: Option<Tx>,
    /// The claimed timers, in due order.
    pub timers: Vec<Timer>,
}

impl Claim {
    /// Marks every claimed timer fired and releases the claim; returns how
    /// many were marked.
    pub async fn mark_fired(self, db: &Db, now: i64) -> Result<usize> {
        let mark = "UPDATE timers SET state = 'fired', fired_at = $1 \
                    WHERE timer_id = $2 AND state = 'scheduled'";
        let mut fired = 0;
        match self.tx {
            Some(mut tx) => {
                for timer in &self.timers {
                    tx.run(&statement!(mark, now, timer.timer_id.to_string()))
                        .await?;
                }
                tx.commit().await?;
                fired = self.timers.len();
            }
            None => {
                for timer in &self.timers {
                    let marked = db
                        .execute(&statement!(mark, now, timer.timer_id.to_string()))
                        .await?;
                    fired += usize::try_from(marked).unwrap_or(0);
                }
            }
        }
        Ok(fired)
    }
}
