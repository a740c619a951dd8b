//! The `platform_outbox` table: platform actions waiting to be sent through
//! a shop's open API, with their attempts.

use chrono::{DateTime, Utc};
use returns_eventstore::db::{Db, Dialect, Tx};
use returns_eventstore::statement;
use uuid::Uuid;

use crate::error::{Result, WorkflowError};

/// A platform action to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRow {
    /// Its ticket.
    pub ticket_id: Uuid,
    /// Its number on the ticket.
    pub seq: u32,
    /// The shop (the ticket's channel) whose client sends it.
    pub shop: String,
    /// The action's name.
    pub action: String,
    /// The platform's deadline for it, if known.
    pub due_by: Option<DateTime<Utc>>,
    /// Attempts so far.
    pub attempts: i64,
    /// How often the platform answered "stale version".
    pub stale_answers: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    ticket_id: String,
    seq: i64,
    shop: String,
    action: String,
    due_by: Option<i64>,
    attempts: i64,
    stale_answers: i64,
}

impl Row {
    fn decode(self) -> Result<OutboxRow> {
        let key = format!("{}:{}", self.ticket_id, self.seq);
        let corrupt = |message: String| WorkflowError::CorruptRow {
            table: "platform_outbox",
            key: key.clone(),
            message,
        };
        Ok(OutboxRow {
            ticket_id: Uuid::parse_str(&self.ticket_id).map_err(|e| corrupt(e.to_string()))?,
            seq: u32::try_from(self.seq).map_err(|e| corrupt(e.to_string()))?,
            shop: self.shop,
            action: self.action,
            due_by: self
                .due_by
                .map(|m| {
                    DateTime::from_timestamp_micros(m).ok_or_else(|| corrupt(format!("due_by {m}")))
                })
                .transpose()?,
            attempts: self.attempts,
            stale_answers: self.stale_answers,
        })
    }
}

/// The outbox of platform actions.
#[derive(Debug, Clone)]
pub struct PlatformOutboxTable {
    db: Db,
}

impl PlatformOutboxTable {
    /// The table in `db`.
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// Writes `rows` (skipping ones already written) and moves the filler's
    /// checkpoint to `position`, in one transaction: each requested action
    /// becomes one row, also across crashes.
    pub async fn enqueue(
        &self,
        checkpoint: &str,
        rows: &[OutboxRow],
        position: i64,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        for r in rows {
            tx.run(&statement!(
                "INSERT INTO platform_outbox (ticket_id, seq, shop, action, due_by, state, \
                 attempts, stale_answers, next_attempt_at, created_at) \
                 VALUES ($1, $2, $3, $4, $5, 'pending', 0, 0, $6, $6) \
                 ON CONFLICT (ticket_id, seq) DO NOTHING",
                r.ticket_id.to_string(),
                i64::from(r.seq),
                r.shop.as_str(),
                r.action.as_str(),
                r.due_by.map(|d| d.timestamp_micros()),
                now.timestamp_micros()
            ))
            .await?;
        }
        tx.run(&statement!(
            "INSERT INTO workflow_checkpoints (name, position, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (name) DO UPDATE SET position = excluded.position, \
             updated_at = excluded.updated_at",
            checkpoint,
            position,
            now.timestamp_micros()
        ))
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Claims up to `limit` due rows, the nearest platform deadline first.
    /// On PostgreSQL they stay locked (`FOR UPDATE SKIP LOCKED`) until
    /// [`OutboxClaim::commit`], so two servers never send one action at
    /// once; a server that dies mid-send releases them with its connection,
    /// and the next claim sends again with the same key. SQLite has one process.
    pub(crate) async fn claim_due(&self, now: DateTime<Utc>, limit: i64) -> Result<OutboxClaim> {
        let base = "SELECT ticket_id, seq, shop, action, due_by, attempts, stale_answers \
                    FROM platform_outbox WHERE state = 'pending' AND next_attempt_at <= $1 \
                    ORDER BY (due_by IS NULL), due_by, created_at, ticket_id, seq LIMIT $2";
        let now = now.timestamp_micros();
        let (tx, rows): (Option<Tx>, Vec<Row>) = match self.db.dialect() {
            Dialect::Postgres => {
                let mut tx = self.db.begin().await?;
                let sql = format!("{base} FOR UPDATE SKIP LOCKED");
                let rows = tx.fetch_all(&statement!(sql, now, limit)).await?;
                (Some(tx), rows)
            }
            Dialect::Sqlite => (
                None,
                self.db.fetch_all(&statement!(base, now, limit)).await?,
            ),
        };
        Ok(OutboxClaim {
            tx,
            db: self.db.clone(),
            rows: rows.into_iter().map(Row::decode).collect::<Result<_>>()?,
        })
    }

    /// Rows still to send: for metrics and tests.
    pub async fn pending(&self) -> Result<i64> {
        let (count,): (i64,) = self
            .db
            .fetch_one(&statement!(
                "SELECT COUNT(*) FROM platform_outbox WHERE state = 'pending'"
            ))
            .await?;
        Ok(count)
    }
}

/// Rows claimed by one runner.
pub(crate) struct OutboxClaim {
    tx: Option<Tx>,
    db: Db,
    pub rows: Vec<OutboxRow>,
}

impl OutboxClaim {
    async fn run(&mut self, statement: returns_eventstore::db::Statement) -> Result<()> {
        match &mut self.tx {
            Some(tx) => tx.run(&statement).await?,
            None => self.db.execute(&statement).await?,
        };
        Ok(())
    }

    /// Nothing more to send for this row: answered, handed to a person, or
    /// shown done some other way.
    pub async fn finish(&mut self, row: &OutboxRow, now: DateTime<Utc>) -> Result<()> {
        self.run(statement!(
            "UPDATE platform_outbox SET state = 'finished', attempts = attempts + 1, \
             finished_at = $1 WHERE ticket_id = $2 AND seq = $3",
            now.timestamp_micros(),
            row.ticket_id.to_string(),
            i64::from(row.seq)
        ))
        .await
    }

    /// Closed without a call (a person or the platform's record got there first).
    pub async fn drop_row(&mut self, row: &OutboxRow, now: DateTime<Utc>) -> Result<()> {
        self.run(statement!(
            "UPDATE platform_outbox SET state = 'finished', finished_at = $1 \
             WHERE ticket_id = $2 AND seq = $3",
            now.timestamp_micros(),
            row.ticket_id.to_string(),
            i64::from(row.seq)
        ))
        .await
    }

    /// Try again at `next`.
    pub async fn retry(
        &mut self,
        row: &OutboxRow,
        next: DateTime<Utc>,
        error: &str,
        stale: bool,
        counted: bool,
    ) -> Result<()> {
        self.run(statement!(
            "UPDATE platform_outbox SET attempts = attempts + $1, \
             stale_answers = stale_answers + $2, next_attempt_at = $3, last_error = $4 \
             WHERE ticket_id = $5 AND seq = $6",
            i64::from(counted),
            i64::from(stale),
            next.timestamp_micros(),
            error,
            row.ticket_id.to_string(),
            i64::from(row.seq)
        ))
        .await
    }

    /// Commits what was recorded and releases the claim.
    pub async fn commit(self) -> Result<()> {
        if let Some(tx) = self.tx {
            tx.commit().await?;
        }
        Ok(())
    }
}
