//! The `payouts` table: finance's payout queue, one row per approved refund.

use chrono::{DateTime, Utc};
use returns_domain::{Currency, Money};
use returns_eventstore::db::Db;
use returns_eventstore::statement;
use uuid::Uuid;

use crate::error::{Result, WorkflowError};
use crate::payout::{PayoutMode, PayoutState};

const COLUMNS: &str = "refund_id, ticket_id, channel, mode, state, idempotency_key, \
     amount_minor, currency, attempts, reference, reason, created_at, updated_at";

/// One refund's payout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayoutRecord {
    /// The refund.
    pub refund_id: Uuid,
    /// Its ticket.
    pub ticket_id: Uuid,
    /// The ticket's channel.
    pub channel: String,
    /// How it is paid.
    pub mode: PayoutMode,
    /// Where it stands.
    pub state: PayoutState,
    /// The key every request for it carries.
    pub idempotency_key: String,
    /// How much.
    pub amount: Money,
    /// Requests sent so far (webhook and simulated modes).
    pub attempts: i64,
    /// The payout's reference once paid.
    pub reference: Option<String>,
    /// The last failure's reason.
    pub reason: Option<String>,
    /// When the payout workflow first saw it approved.
    pub created_at: DateTime<Utc>,
    /// When its state last changed.
    pub updated_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct Row {
    refund_id: String,
    ticket_id: String,
    channel: String,
    mode: String,
    state: String,
    idempotency_key: String,
    amount_minor: i64,
    currency: String,
    attempts: i64,
    reference: Option<String>,
    reason: Option<String>,
    created_at: i64,
    updated_at: i64,
}

impl Row {
    fn decode(self) -> Result<PayoutRecord> {
        let corrupt = |message: String| WorkflowError::CorruptRow {
            table: "payouts",
            key: self.refund_id.clone(),
            message,
        };
        let uuid = |text: &str| Uuid::parse_str(text).map_err(|e| corrupt(e.to_string()));
        let time = |micros: i64| {
            DateTime::from_timestamp_micros(micros).ok_or_else(|| corrupt(format!("time {micros}")))
        };
        Ok(PayoutRecord {
            refund_id: uuid(&self.refund_id)?,
            ticket_id: uuid(&self.ticket_id)?,
            mode: PayoutMode::parse(&self.mode).map_err(corrupt)?,
            state: PayoutState::parse(&self.state)
                .ok_or_else(|| corrupt(format!("state {}", self.state)))?,
            amount: Money::new(
                self.amount_minor,
                Currency::parse(&self.currency).map_err(|e| corrupt(e.to_string()))?,
            ),
            created_at: time(self.created_at)?,
            updated_at: time(self.updated_at)?,
            channel: self.channel,
            idempotency_key: self.idempotency_key,
            attempts: self.attempts,
            reference: self.reference,
            reason: self.reason,
        })
    }
}

/// The payout queue (the `payouts` table).
#[derive(Debug, Clone)]
pub struct PayoutQueue {
    db: Db,
}

impl PayoutQueue {
    /// The payouts in `db` (migrated by [`crate::storage::migrate`]).
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// Adds `record` unless its refund has a row already; returns the row as stored.
    pub async fn open(&self, record: &PayoutRecord) -> Result<PayoutRecord> {
        self.db
            .execute(&statement!(
                "INSERT INTO payouts (refund_id, ticket_id, channel, mode, state, \
                 idempotency_key, amount_minor, currency, attempts, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0, $9, $9) \
                 ON CONFLICT (refund_id) DO NOTHING",
                record.refund_id.to_string(),
                record.ticket_id.to_string(),
                record.channel.as_str(),
                record.mode.as_str(),
                record.state.as_str(),
                record.idempotency_key.as_str(),
                record.amount.amount_minor,
                record.amount.currency.as_str(),
                record.created_at.timestamp_micros()
            ))
            .await?;
        match self.get(record.refund_id).await? {
            Some(stored) => Ok(stored),
            None => Ok(record.clone()),
        }
    }

    /// Counts one more request sent for `refund_id` and marks it sent.
    pub async fn sent(&self, refund_id: Uuid, now: DateTime<Utc>) -> Result<()> {
        self.db
            .execute(&statement!(
                "UPDATE payouts SET state = 'sent', attempts = attempts + 1, updated_at = $1 \
                 WHERE refund_id = $2 AND state <> 'paid'",
                now.timestamp_micros(),
                refund_id.to_string()
            ))
            .await?;
        Ok(())
    }

    /// Moves `refund_id` to `state` with a reference or reason. A paid
    /// payout stays paid: the log says so and cannot be taken back.
    pub async fn mark(
        &self,
        refund_id: Uuid,
        state: PayoutState,
        reference: Option<&str>,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        Ok(self
            .db
            .execute(&statement!(
                "UPDATE payouts SET state = $1, reference = COALESCE($2, reference), \
                 reason = $3, updated_at = $4 WHERE refund_id = $5 AND state <> 'paid'",
                state.as_str(),
                reference,
                reason,
                now.timestamp_micros(),
                refund_id.to_string()
            ))
            .await?)
    }

    /// The payout of `refund_id`, if the workflow has seen it approved.
    pub async fn get(&self, refund_id: Uuid) -> Result<Option<PayoutRecord>> {
        let sql = format!("SELECT {COLUMNS} FROM payouts WHERE refund_id = $1");
        let row: Option<Row> = self
            .db
            .fetch_optional(&statement!(sql, refund_id.to_string()))
            .await?;
        row.map(Row::decode).transpose()
    }

    /// The payout carrying `idempotency_key`, if any.
    pub async fn by_key(&self, idempotency_key: &str) -> Result<Option<PayoutRecord>> {
        let sql = format!("SELECT {COLUMNS} FROM payouts WHERE idempotency_key = $1");
        let row: Option<Row> = self
            .db
            .fetch_optional(&statement!(sql, idempotency_key))
            .await?;
        row.map(Row::decode).transpose()
    }

    /// Payouts in `state` (all when `None`), oldest change first, at most `limit`.
    pub async fn list(&self, state: Option<PayoutState>, limit: i64) -> Result<Vec<PayoutRecord>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM payouts WHERE ($1 IS NULL OR state = $1) \
             ORDER BY updated_at, refund_id LIMIT $2"
        );
        let rows: Vec<Row> = self
            .db
            .fetch_all(&statement!(sql, state.map(PayoutState::as_str), limit))
            .await?;
        rows.into_iter().map(Row::decode).collect()
    }

    /// Payouts per state (for `/metrics`).
    pub async fn counts(&self) -> Result<Vec<(String, String, i64)>> {
        Ok(self
            .db
            .fetch_all(&statement!(
                "SELECT mode, state, COUNT(*) FROM payouts GROUP BY mode, state ORDER BY mode, state"
            ))
            .await?)
    }
}
