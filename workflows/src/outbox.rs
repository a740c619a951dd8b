//! Outbound webhooks: the durable outbox and its delivery.
//!
//! [`Outbox::fill`] reads the log from its own checkpoint like a projection
//! and writes one delivery per (enabled endpoint that wants the event type,
//! ticket event), the rows and the checkpoint in one transaction. Only the
//! leading runtime fills. [`Outbox::deliver_due`] runs on every server: it
//! claims due deliveries (`FOR UPDATE SKIP LOCKED` on PostgreSQL), each the
//! oldest undelivered one of its endpoint and ticket, so a ticket's events
//! arrive in order; sends each signed ([`crate::signature`]) with its
//! delivery id as `Idempotency-Key`; and on failure retries with exponential
//! backoff and jitter until the retry window closes, then dead-letters it for
//! an admin to inspect and replay. At least once: a crash after sending and
//! before recording sends again with the same id.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use rand::Rng;
use returns_domain::personal::personal_fields;
use returns_eventstore::EventStore;
use returns_tickets::privacy::{cipher, Access, KeyRing};
use returns_tickets::ticket_id_of;
use serde_json::{json, Value};

use crate::error::Result;
use crate::ids;
use crate::signature::{
    self, EVENT_HEADER, IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER,
};
use crate::storage::checkpoints;
use crate::storage::webhooks::{Attempt, NewDelivery, PersonalData, Webhooks};

/// The outbox runner's checkpoint name (in `workflow_checkpoints`).
pub const CHECKPOINT: &str = "webhook_outbox";

/// Header with the attempt number (1 for the first send).
pub const ATTEMPT_HEADER: &str = "returns-delivery-attempt";

/// How deliveries are retried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutboxOptions {
    /// The wait after the first failed attempt; doubled after each further one.
    pub retry_base: Duration,
    /// The longest wait between attempts.
    pub retry_max: Duration,
    /// How long after it was written a delivery is retried before it is dead-lettered.
    pub window: Duration,
    /// How long to wait for an endpoint's answer.
    pub timeout: Duration,
    /// Deliveries claimed per pass.
    pub batch: i64,
}

impl Default for OutboxOptions {
    fn default() -> Self {
        Self {
            retry_base: Duration::from_secs(10),
            retry_max: Duration::from_secs(3600),
            window: Duration::from_secs(24 * 3600),
            timeout: Duration::from_secs(10),
            batch: 32,
        }
    }
}

impl OutboxOptions {
    /// The wait after the `attempts`-th failed attempt (1-based), with up to
    /// 20 % jitter either way so endpoints coming back are not hit in lockstep.
    pub fn backoff(&self, attempts: i64) -> Duration {
        let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 30)).unwrap_or(30);
        let wait = self
            .retry_base
            .saturating_mul(1u32 << doublings)
            .min(self.retry_max);
        let jitter = rand::rng().random_range(0.8..=1.2);
        wait.mul_f64(jitter)
    }
}

fn span(d: Duration) -> chrono::Duration {
    chrono::Duration::from_std(d).unwrap_or_else(|_| chrono::Duration::days(365))
}

/// What a receiver gets in place of a value it may not have.
pub const WITHHELD: &str = "[withheld]";

/// The outbox of one runtime.
pub(crate) struct Outbox {
    webhooks: Webhooks,
    http: reqwest::Client,
    options: OutboxOptions,
    /// Opens personal fields for endpoints that receive them masked or in
    /// full; `None` only for tickets kept in the clear (tests).
    keys: Option<Arc<KeyRing>>,
}

/// Replaces every encrypted string left in `value` with [`WITHHELD`]: a
/// receiver can do nothing with ciphertext, and the outbox must not hand
/// out what erasure is meant to reach.
fn withhold_encrypted(value: &mut Value) {
    match value {
        Value::String(text) if cipher::is_encrypted(text) => *text = WITHHELD.to_owned(),
        Value::Array(items) => items.iter_mut().for_each(withhold_encrypted),
        Value::Object(map) => map.values_mut().for_each(withhold_encrypted),
        _ => {}
    }
}

impl Outbox {
    /// `body` (as the outbox stored it: the event's data as recorded, its
    /// personal fields encrypted) as an endpoint receiving `mode` may see
    /// it, saying which mode it was sent with.
    async fn shown_body(&self, body: &str, mode: PersonalData) -> Result<String> {
        let mut value: Value = serde_json::from_str(body).map_err(|e| {
            crate::WorkflowError::Task(format!("a stored webhook body is not JSON: {e}"))
        })?;
        let event_type = value["type"].as_str().unwrap_or_default().to_owned();
        if let Some(data) = value.get_mut("data") {
            match (mode, &self.keys) {
                (PersonalData::Omit, _) => {
                    if let Value::Object(map) = data {
                        for field in personal_fields(&event_type) {
                            map.remove(field.path.trim_end_matches("[]"));
                        }
                    }
                }
                (PersonalData::Mask, Some(keys)) => keys.open_value(data, Access::Masked).await?,
                (PersonalData::Full, Some(keys)) => keys.open_value(data, Access::Full).await?,
                (_, None) => {}
            }
            withhold_encrypted(data);
        }
        value["personal_data"] = Value::String(mode.as_str().to_owned());
        Ok(value.to_string())
    }

    pub fn new(
        webhooks: Webhooks,
        options: OutboxOptions,
        keys: Option<Arc<KeyRing>>,
    ) -> Result<Self> {
        let http = reqwest::Client::builder()
            .timeout(options.timeout)
            .build()
            .map_err(|e| {
                crate::WorkflowError::Task(format!("cannot build the HTTP client: {e}"))
            })?;
        Ok(Self {
            webhooks,
            http,
            options,
            keys,
        })
    }

    /// Writes deliveries for the events after the checkpoint; returns how many events it read.
    pub async fn fill(&self, store: &EventStore, now: DateTime<Utc>, page: i64) -> Result<usize> {
        let mut position = checkpoints::load(store.db(), CHECKPOINT).await?;
        // The head before the endpoints: every event up to it was recorded
        // before an endpoint missing from the list below was registered, so
        // no endpoint misses an event recorded after its registration.
        let head = store.head_position().await?;
        let endpoints: Vec<_> = self
            .webhooks
            .endpoints()
            .await?
            .into_iter()
            .filter(|e| e.enabled)
            .collect();
        if endpoints.is_empty() {
            // Nobody to deliver to: an endpoint registered later receives
            // the events from then on, not the whole history.
            if head > position {
                self.webhooks.enqueue(CHECKPOINT, &[], head, now).await?;
            }
            return Ok(0);
        }
        let mut read = 0;
        while position < head {
            let events: Vec<_> = store
                .read_all(position, page)
                .await?
                .into_iter()
                .filter(|e| e.position <= head)
                .collect();
            let Some(last) = events.last().map(|e| e.position) else {
                break;
            };
            read += events.len();
            let mut deliveries = Vec::new();
            for event in &events {
                let Some(ticket_id) = ticket_id_of(&event.stream_id) else {
                    continue;
                };
                for endpoint in endpoints.iter().filter(|e| e.wants(&event.event_type)) {
                    let delivery_id = ids::derive(&[
                        "webhook-delivery",
                        &endpoint.endpoint_id.to_string(),
                        &event.event_id.to_string(),
                    ]);
                    let body = json!({
                        "id": delivery_id,
                        "type": event.event_type,
                        "ticket_id": ticket_id,
                        "ticket_version": event.stream_version,
                        "position": event.position,
                        "event_id": event.event_id,
                        "recorded_at": event.recorded_at,
                        "data": event.payload,
                    });
                    deliveries.push(NewDelivery {
                        delivery_id,
                        endpoint_id: endpoint.endpoint_id,
                        ticket_id,
                        position: event.position,
                        event_id: event.event_id,
                        event_type: event.event_type.clone(),
                        body: body.to_string(),
                    });
                }
            }
            self.webhooks
                .enqueue(CHECKPOINT, &deliveries, last, now)
                .await?;
            position = last;
        }
        Ok(read)
    }

    /// Sends every due delivery once; returns how many attempts it made.
    pub async fn deliver_due(&self, now: impl Fn() -> DateTime<Utc>) -> Result<usize> {
        let mut claim = self.webhooks.claim_due(now(), self.options.batch).await?;
        let claimed = std::mem::take(&mut claim.deliveries);
        for c in &claimed {
            let d = &c.delivery;
            let attempt_no = d.attempts + 1;
            let body = self.shown_body(&d.body, c.personal_data).await?;
            let timestamp = now().timestamp();
            let sent = self
                .http
                .post(&c.url)
                .header("content-type", "application/json")
                .header(IDEMPOTENCY_HEADER, d.delivery_id.to_string())
                .header(EVENT_HEADER, &d.event_type)
                .header(ATTEMPT_HEADER, attempt_no.to_string())
                .header(TIMESTAMP_HEADER, timestamp.to_string())
                .header(
                    SIGNATURE_HEADER,
                    signature::sign(&c.secret, timestamp, body.as_bytes()),
                )
                .body(body)
                .send()
                .await;
            let (status, error) = match sent {
                Ok(r) if r.status().is_success() => (Some(i64::from(r.status().as_u16())), None),
                Ok(r) => (
                    Some(i64::from(r.status().as_u16())),
                    Some(format!("HTTP {}", r.status().as_u16())),
                ),
                Err(e) => (None, Some(e.to_string())),
            };
            let at = now();
            let outcome = match (status, error) {
                (Some(status), None) => Attempt::Delivered { status },
                (status, Some(error)) => {
                    let next = at + span(self.options.backoff(attempt_no));
                    let window_ends = d.created_at + span(self.options.window);
                    if next > window_ends {
                        tracing::warn!(delivery = %d.delivery_id, endpoint = %d.endpoint_id, %error, "webhook delivery dead-lettered");
                        Attempt::Dead { status, error }
                    } else {
                        tracing::info!(delivery = %d.delivery_id, endpoint = %d.endpoint_id, %error, attempt = attempt_no, "webhook delivery failed; retrying");
                        Attempt::Retry {
                            status,
                            error,
                            next,
                        }
                    }
                }
                (None, None) => Attempt::Retry {
                    status: None,
                    error: "no answer".to_owned(),
                    next: at + span(self.options.backoff(attempt_no)),
                },
            };
            claim.record(d.delivery_id, outcome, at).await?;
        }
        claim.finish().await?;
        Ok(claimed.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_within_twenty_percent_jitter_and_stops_at_the_maximum() {
        let options = OutboxOptions {
            retry_base: Duration::from_secs(10),
            retry_max: Duration::from_secs(60),
            ..OutboxOptions::default()
        };
        for (attempts, nominal) in [(1, 10.0), (2, 20.0), (3, 40.0), (4, 60.0), (40, 60.0)] {
            for _ in 0..50 {
                let wait = options.backoff(attempts).as_secs_f64();
                assert!(
                    (nominal * 0.8..=nominal * 1.2).contains(&wait),
                    "attempt {attempts}: {wait} s, expected about {nominal} s"
                );
            }
        }
    }
}
