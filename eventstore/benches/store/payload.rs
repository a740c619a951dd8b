//! The rows every scenario writes: ticket-like events of 200–300 bytes of
//! JSON with production-shaped metadata, so the store and the baselines move
//! the same bytes.

use chrono::{DateTime, Utc};
use returns_eventstore::hash::{chain_hash, HashInput};
use returns_eventstore::{Metadata, NewEvent};
use serde_json::{json, Value};
use uuid::Uuid;

const REASONS: [&str; 4] = [
    "SIZE_TOO_SMALL",
    "QUALITY_DEFECT",
    "NOT_AS_DESCRIBED",
    "DAMAGED_IN_TRANSIT",
];
const CHANNELS: [&str; 3] = ["taobao", "douyin", "kuaishou"];

/// The payload of the `n`-th event: a return line with money, a reason and a
/// free-text note, as a ticket event carries.
pub fn payload(n: u64) -> Value {
    json!({
        "ticket_id": Uuid::from_u64_pair(0x5eed, n).to_string(),
        "order_id": format!("TB2026112500{n:08}"),
        "line": {
            "sku": format!("SKU-{:06}-BLK-XL", n % 100_000),
            "qty": 1 + n % 3,
            "paid": { "amount_minor": 1_990 + (n % 50) * 1_000, "currency": "CNY" }
        },
        "reason": REASONS[(n % 4) as usize],
        "channel": CHANNELS[(n % 3) as usize],
        "note": "customer reports the sleeves are too short and asks for a larger size"
    })
}

/// The event appended as the `n`-th of a run.
pub fn event(n: u64) -> NewEvent {
    NewEvent::new("LineInspected", 1, payload(n))
}

/// Metadata as the API writes it: a fresh command id (so the store also
/// records it for idempotency), a correlation id and a source.
pub fn metadata() -> Metadata {
    let mut metadata = Metadata::new("agent-0042", "customer_service")
        .with_command_id(Uuid::now_v7())
        .with_source("graphql");
    metadata.correlation_id = Some(Uuid::now_v7());
    metadata
}

/// One fully prepared row for the baseline table: the columns of `events`.
#[derive(Debug, Clone)]
pub struct Row {
    /// Stream id.
    pub stream_id: String,
    /// Version in the stream.
    pub stream_version: i64,
    /// Event id.
    pub event_id: Uuid,
    /// Event type.
    pub event_type: &'static str,
    /// Payload schema version.
    pub schema_version: i32,
    /// Payload JSON.
    pub payload: Value,
    /// Metadata JSON.
    pub metadata: Value,
    /// Recording time.
    pub recorded_at: DateTime<Utc>,
    /// SHA-256 chain hash, computed as the store computes it.
    pub hash: Vec<u8>,
}

/// The row the baseline writes as event `n`, version `version` of `stream`.
pub fn row(stream: &str, version: i64, n: u64, now: DateTime<Utc>) -> anyhow::Result<Row> {
    let payload = payload(n);
    let metadata = serde_json::to_value(metadata())?;
    let event_id = Uuid::now_v7();
    let hash = chain_hash(
        &[],
        &HashInput {
            stream_id: stream,
            stream_version: version,
            event_id,
            event_type: "LineInspected",
            schema_version: 1,
            payload: &payload,
            metadata: &metadata,
            recorded_at: now,
        },
    );
    Ok(Row {
        stream_id: stream.to_owned(),
        stream_version: version,
        event_id,
        event_type: "LineInspected",
        schema_version: 1,
        payload,
        metadata,
        recorded_at: now,
        hash,
    })
}

/// Bytes of JSON per event (payload, metadata), for the report.
pub fn sizes() -> anyhow::Result<(usize, usize)> {
    let payload = payload(123_456).to_string().len();
    let metadata = serde_json::to_string(&metadata())?.len();
    Ok((payload, metadata))
}
