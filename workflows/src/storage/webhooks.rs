//! The `webhook_endpoints` and `webhook_deliveries` tables: endpoints an
//! admin registered, and the outbox of deliveries with their attempts.

use chrono::{DateTime, Utc};
use returns_eventstore::db::{Db, Dialect, Tx};
use returns_eventstore::statement;
use uuid::Uuid;

use crate::error::{Result, WorkflowError};

/// A registered endpoint (never its secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    /// Its id.
    pub endpoint_id: Uuid,
    /// Where deliveries go.
    pub url: String,
    /// Event types it receives (`*` for all).
    pub events: Vec<String>,
    /// Whether deliveries are written and sent for it.
    pub enabled: bool,
    /// What it receives of personal fields.
    pub personal_data: PersonalData,
    /// Who registered it.
    pub created_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
    /// When it was last changed (disabled, secret rotated).
    pub updated_at: DateTime<Utc>,
}

impl Endpoint {
    /// Whether it receives events of `event_type`.
    pub fn wants(&self, event_type: &str) -> bool {
        self.events.iter().any(|e| e == "*" || e == event_type)
    }
}

/// What an endpoint receives of a ticket's personal fields (the ones
/// `returns_domain::personal` lists). Never the stored ciphertext: a
/// receiver cannot use it, and it would hold data erasure must reach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PersonalData {
    /// Left out of the event's data (the default).
    #[default]
    Omit,
    /// As warehouse and finance see them: `李*`, `138****0000`, `***`.
    Mask,
    /// The values: an admin's explicit grant to this receiver.
    Full,
}

impl PersonalData {
    /// The stored (and delivered) name.
    pub fn as_str(self) -> &'static str {
        match self {
            PersonalData::Omit => "omit",
            PersonalData::Mask => "mask",
            PersonalData::Full => "full",
        }
    }

    /// The mode a stored name names.
    pub fn parse(name: &str) -> Option<Self> {
        [Self::Omit, Self::Mask, Self::Full]
            .into_iter()
            .find(|m| m.as_str() == name)
    }
}

/// Where a delivery stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeliveryState {
    /// Waiting for its (next) attempt.
    Pending,
    /// The endpoint answered 2xx.
    Delivered,
    /// Retried for the whole window without success: dead-lettered.
    Dead,
}

impl DeliveryState {
    /// Every state.
    pub const ALL: [DeliveryState; 3] = [Self::Pending, Self::Delivered, Self::Dead];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            DeliveryState::Pending => "pending",
            DeliveryState::Delivered => "delivered",
            DeliveryState::Dead => "dead",
        }
    }

    fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// One event for one endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    /// Its id: the `Idempotency-Key` of every attempt.
    pub delivery_id: Uuid,
    /// The endpoint.
    pub endpoint_id: Uuid,
    /// The ticket the event belongs to.
    pub ticket_id: Uuid,
    /// The event's log position (deliveries of a ticket go in this order).
    pub position: i64,
    /// The event.
    pub event_id: Uuid,
    /// Its type.
    pub event_type: String,
    /// The JSON body sent.
    pub body: String,
    /// Where it stands.
    pub state: DeliveryState,
    /// Attempts so far.
    pub attempts: i64,
    /// When it is (next) due.
    pub next_attempt_at: DateTime<Utc>,
    /// The last HTTP status, if an answer came.
    pub last_status: Option<i64>,
    /// The last error.
    pub last_error: Option<String>,
    /// When it was written (the retry window starts here).
    pub created_at: DateTime<Utc>,
    /// When it was delivered.
    pub delivered_at: Option<DateTime<Utc>>,
    /// When it was dead-lettered.
    pub dead_at: Option<DateTime<Utc>>,
}

/// A delivery to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDelivery {
    /// Derived from the endpoint and event.
    pub delivery_id: Uuid,
    /// The endpoint.
    pub endpoint_id: Uuid,
    /// The ticket.
    pub ticket_id: Uuid,
    /// The event's position.
    pub position: i64,
    /// The event.
    pub event_id: Uuid,
    /// Its type.
    pub event_type: String,
    /// The JSON body.
    pub body: String,
}

const ENDPOINT_COLUMNS: &str =
    "endpoint_id, url, events, enabled, personal_data, created_by, created_at, updated_at";
const DELIVERY_COLUMNS: &str =
    "d.delivery_id, d.endpoint_id, d.ticket_id, d.position, d.event_id, \
     d.event_type, d.body, d.state, d.attempts, d.next_attempt_at, d.last_status, d.last_error, \
     d.created_at, d.delivered_at, d.dead_at";

#[derive(sqlx::FromRow)]
struct EndpointRow {
    endpoint_id: String,
    url: String,
    events: String,
    enabled: i64,
    personal_data: String,
    created_by: String,
    created_at: i64,
    updated_at: i64,
}

fn corrupt(table: &'static str, key: &str, message: impl Into<String>) -> WorkflowError {
    WorkflowError::CorruptRow {
        table,
        key: key.to_owned(),
        message: message.into(),
    }
}

fn time(table: &'static str, key: &str, micros: i64) -> Result<DateTime<Utc>> {
    DateTime::from_timestamp_micros(micros)
        .ok_or_else(|| corrupt(table, key, format!("time {micros}")))
}

fn uuid(table: &'static str, key: &str, text: &str) -> Result<Uuid> {
    Uuid::parse_str(text).map_err(|e| corrupt(table, key, e.to_string()))
}

impl EndpointRow {
    fn decode(self) -> Result<Endpoint> {
        let t = "webhook_endpoints";
        let key = self.endpoint_id.clone();
        Ok(Endpoint {
            endpoint_id: uuid(t, &key, &self.endpoint_id)?,
            url: self.url,
            events: self
                .events
                .split(',')
                .filter(|e| !e.is_empty())
                .map(str::to_owned)
                .collect(),
            enabled: self.enabled != 0,
            personal_data: PersonalData::parse(&self.personal_data)
                .ok_or_else(|| corrupt(t, &key, format!("personal_data {}", self.personal_data)))?,
            created_by: self.created_by,
            created_at: time(t, &key, self.created_at)?,
            updated_at: time(t, &key, self.updated_at)?,
        })
    }
}

#[derive(sqlx::FromRow)]
struct DeliveryRow {
    delivery_id: String,
    endpoint_id: String,
    ticket_id: String,
    position: i64,
    event_id: String,
    event_type: String,
    body: String,
    state: String,
    attempts: i64,
    next_attempt_at: i64,
    last_status: Option<i64>,
    last_error: Option<String>,
    created_at: i64,
    delivered_at: Option<i64>,
    dead_at: Option<i64>,
}

impl DeliveryRow {
    fn decode(self) -> Result<Delivery> {
        let t = "webhook_deliveries";
        let key = self.delivery_id.clone();
        Ok(Delivery {
            delivery_id: uuid(t, &key, &self.delivery_id)?,
            endpoint_id: uuid(t, &key, &self.endpoint_id)?,
            ticket_id: uuid(t, &key, &self.ticket_id)?,
            position: self.position,
            event_id: uuid(t, &key, &self.event_id)?,
            event_type: self.event_type,
            body: self.body,
            state: DeliveryState::parse(&self.state)
                .ok_or_else(|| corrupt(t, &key, format!("state {}", self.state)))?,
            attempts: self.attempts,
            next_attempt_at: time(t, &key, self.next_attempt_at)?,
            last_status: self.last_status,
            last_error: self.last_error,
            created_at: time(t, &key, self.created_at)?,
            delivered_at: self.delivered_at.map(|m| time(t, &key, m)).transpose()?,
            dead_at: self.dead_at.map(|m| time(t, &key, m)).transpose()?,
        })
    }
}

fn decode_deliveries(rows: Vec<DeliveryRow>) -> Result<Vec<Delivery>> {
    rows.into_iter().map(DeliveryRow::decode).collect()
}

/// The endpoints and the outbox.
#[derive(Debug, Clone)]
pub struct Webhooks {
    db: Db,
}

impl Webhooks {
    /// The webhook tables in `db` (migrated by [`crate::storage::migrate`]).
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// Registers an endpoint.
    pub async fn create(&self, endpoint: &Endpoint, secret: &str) -> Result<()> {
        self.db
            .execute(&statement!(
                "INSERT INTO webhook_endpoints (endpoint_id, url, events, secret, enabled, \
                 personal_data, created_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
                endpoint.endpoint_id.to_string(),
                endpoint.url.as_str(),
                endpoint.events.join(","),
                secret,
                i64::from(endpoint.enabled),
                endpoint.personal_data.as_str(),
                endpoint.created_by.as_str(),
                endpoint.created_at.timestamp_micros()
            ))
            .await?;
        Ok(())
    }

    /// Every endpoint, oldest first.
    pub async fn endpoints(&self) -> Result<Vec<Endpoint>> {
        let sql = format!(
            "SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints ORDER BY created_at, endpoint_id"
        );
        let rows: Vec<EndpointRow> = self.db.fetch_all(&statement!(sql)).await?;
        rows.into_iter().map(EndpointRow::decode).collect()
    }

    /// One endpoint.
    pub async fn endpoint(&self, endpoint_id: Uuid) -> Result<Option<Endpoint>> {
        let sql =
            format!("SELECT {ENDPOINT_COLUMNS} FROM webhook_endpoints WHERE endpoint_id = $1");
        let row: Option<EndpointRow> = self
            .db
            .fetch_optional(&statement!(sql, endpoint_id.to_string()))
            .await?;
        row.map(EndpointRow::decode).transpose()
    }

    /// Stops writing and sending deliveries for an endpoint; false if unknown.
    pub async fn disable(&self, endpoint_id: Uuid, now: DateTime<Utc>) -> Result<bool> {
        Ok(self
            .db
            .execute(&statement!(
                "UPDATE webhook_endpoints SET enabled = 0, updated_at = $1 WHERE endpoint_id = $2",
                now.timestamp_micros(),
                endpoint_id.to_string()
            ))
            .await?
            > 0)
    }

    /// Replaces an endpoint's secret (later attempts sign with it); false if unknown.
    pub async fn rotate_secret(
        &self,
        endpoint_id: Uuid,
        secret: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        Ok(self
            .db
            .execute(&statement!(
                "UPDATE webhook_endpoints SET secret = $1, updated_at = $2 WHERE endpoint_id = $3",
                secret,
                now.timestamp_micros(),
                endpoint_id.to_string()
            ))
            .await?
            > 0)
    }

    /// Writes `deliveries` (skipping ones already written) and moves the
    /// outbox runner's checkpoint to `position`, in one transaction: each
    /// event becomes deliveries exactly once, also across crashes.
    pub async fn enqueue(
        &self,
        checkpoint: &str,
        deliveries: &[NewDelivery],
        position: i64,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        for d in deliveries {
            tx.run(&statement!(
                "INSERT INTO webhook_deliveries (delivery_id, endpoint_id, ticket_id, position, \
                 event_id, event_type, body, state, attempts, next_attempt_at, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', 0, $8, $8) \
                 ON CONFLICT (delivery_id) DO NOTHING",
                d.delivery_id.to_string(),
                d.endpoint_id.to_string(),
                d.ticket_id.to_string(),
                d.position,
                d.event_id.to_string(),
                d.event_type.as_str(),
                d.body.as_str(),
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

    /// A ticket's deliveries, in delivery order.
    pub async fn for_ticket(&self, ticket_id: Uuid) -> Result<Vec<Delivery>> {
        let sql = format!(
            "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries d WHERE d.ticket_id = $1 \
             ORDER BY d.position, d.endpoint_id"
        );
        decode_deliveries(
            self.db
                .fetch_all(&statement!(sql, ticket_id.to_string()))
                .await?,
        )
    }

    /// Dead-lettered deliveries, oldest first, at most `limit`.
    pub async fn dead_letters(&self, limit: i64) -> Result<Vec<Delivery>> {
        let sql = format!(
            "SELECT {DELIVERY_COLUMNS} FROM webhook_deliveries d WHERE d.state = 'dead' \
             ORDER BY d.dead_at, d.delivery_id LIMIT $1"
        );
        decode_deliveries(self.db.fetch_all(&statement!(sql, limit)).await?)
    }

    /// Puts a dead-lettered delivery back in the outbox, due now with a new
    /// retry window; false unless it was dead.
    pub async fn replay(&self, delivery_id: Uuid, now: DateTime<Utc>) -> Result<bool> {
        Ok(self
            .db
            .execute(&statement!(
                "UPDATE webhook_deliveries SET state = 'pending', next_attempt_at = $1, \
                 created_at = $1, dead_at = NULL WHERE delivery_id = $2 AND state = 'dead'",
                now.timestamp_micros(),
                delivery_id.to_string()
            ))
            .await?
            > 0)
    }

    /// Deliveries per state (for `/metrics`).
    pub async fn counts(&self) -> Result<Vec<(String, i64)>> {
        Ok(self
            .db
            .fetch_all(&statement!(
                "SELECT state, COUNT(*) FROM webhook_deliveries GROUP BY state ORDER BY state"
            ))
            .await?)
    }

    /// Claims up to `limit` due deliveries of enabled endpoints, each the
    /// oldest undelivered one of its (endpoint, ticket), so a ticket's events
    /// arrive in order. On PostgreSQL the rows stay locked (`FOR UPDATE OF d
    /// SKIP LOCKED`) until [`DeliveryClaim::finish`], so two servers never
    /// send the same delivery at once; SQLite has one process.
    pub(crate) async fn claim_due(&self, now: DateTime<Utc>, limit: i64) -> Result<DeliveryClaim> {
        let base = format!(
            "SELECT {DELIVERY_COLUMNS}, e.url, e.secret, e.personal_data FROM webhook_deliveries d \
             JOIN webhook_endpoints e ON e.endpoint_id = d.endpoint_id \
             WHERE d.state = 'pending' AND d.next_attempt_at <= $1 AND e.enabled = 1 \
             AND NOT EXISTS (SELECT 1 FROM webhook_deliveries p WHERE p.endpoint_id = d.endpoint_id \
             AND p.ticket_id = d.ticket_id AND p.state = 'pending' AND p.position < d.position) \
             ORDER BY d.position LIMIT $2"
        );
        let now = now.timestamp_micros();
        let (tx, rows): (Option<Tx>, Vec<ClaimRow>) = match self.db.dialect() {
            Dialect::Postgres => {
                let mut tx = self.db.begin().await?;
                let sql = format!("{base} FOR UPDATE OF d SKIP LOCKED");
                let rows = tx.fetch_all(&statement!(sql, now, limit)).await?;
                (Some(tx), rows)
            }
            Dialect::Sqlite => (
                None,
                self.db.fetch_all(&statement!(base, now, limit)).await?,
            ),
        };
        let mut claimed = Vec::with_capacity(rows.len());
        for row in rows {
            let (url, secret) = (row.url, row.secret);
            let personal_data = PersonalData::parse(&row.personal_data).ok_or_else(|| {
                corrupt(
                    "webhook_endpoints",
                    &row.delivery.endpoint_id,
                    format!("personal_data {}", row.personal_data),
                )
            })?;
            claimed.push(ClaimedDelivery {
                delivery: row.delivery.decode()?,
                url,
                secret,
                personal_data,
            });
        }
        Ok(DeliveryClaim {
            tx,
            db: self.db.clone(),
            deliveries: claimed,
        })
    }
}

#[derive(sqlx::FromRow)]
struct ClaimRow {
    #[sqlx(flatten)]
    delivery: DeliveryRow,
    url: String,
    secret: String,
    personal_data: String,
}

/// A claimed delivery with where and how to send it.
pub(crate) struct ClaimedDelivery {
    pub delivery: Delivery,
    pub url: String,
    pub secret: String,
    pub personal_data: PersonalData,
}

/// Due deliveries claimed by this runner.
pub(crate) struct DeliveryClaim {
    tx: Option<Tx>,
    db: Db,
    pub deliveries: Vec<ClaimedDelivery>,
}

/// What became of one attempt.
pub(crate) enum Attempt {
    /// 2xx.
    Delivered { status: i64 },
    /// Failed; try again at `next`.
    Retry {
        status: Option<i64>,
        error: String,
        next: DateTime<Utc>,
    },
    /// Failed and out of time.
    Dead { status: Option<i64>, error: String },
}

impl DeliveryClaim {
    /// Records one attempt's outcome.
    pub async fn record(
        &mut self,
        delivery_id: Uuid,
        attempt: Attempt,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let now = now.timestamp_micros();
        let id = delivery_id.to_string();
        let statement = match attempt {
            Attempt::Delivered { status } => statement!(
                "UPDATE webhook_deliveries SET state = 'delivered', attempts = attempts + 1, \
                 last_status = $1, last_error = NULL, delivered_at = $2 \
                 WHERE delivery_id = $3 AND state = 'pending'",
                status,
                now,
                id
            ),
            Attempt::Retry { status, error, next } => statement!(
                "UPDATE webhook_deliveries SET attempts = attempts + 1, last_status = $1, \
                 last_error = $2, next_attempt_at = $3 WHERE delivery_id = $4 AND state = 'pending'",
                status,
                error,
                next.timestamp_micros(),
                id
            ),
            Attempt::Dead { status, error } => statement!(
                "UPDATE webhook_deliveries SET state = 'dead', attempts = attempts + 1, \
                 last_status = $1, last_error = $2, dead_at = $3 \
                 WHERE delivery_id = $4 AND state = 'pending'",
                status,
                error,
                now,
                id
            ),
        };
        match &mut self.tx {
            Some(tx) => tx.run(&statement).await?,
            None => self.db.execute(&statement).await?,
        };
        Ok(())
    }

    /// Commits the outcomes and releases the claim.
    pub async fn finish(self) -> Result<()> {
        if let Some(tx) = self.tx {
            tx.commit().await?;
        }
        Ok(())
    }
}
