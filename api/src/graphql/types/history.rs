//! Stored events as auditors see them.

use async_graphql::{ComplexObject, Context, Json, Result, SimpleObject};
use chrono::{DateTime, Utc};
use returns_eventstore::RecordedEvent;
use uuid::Uuid;

/// One event of the log with its metadata and hash.
#[derive(SimpleObject, Debug, Clone)]
#[graphql(complex)]
pub struct HistoryEvent {
    /// Global position in the log.
    pub position: i64,
    /// The stream (`ticket-<id>`).
    pub stream_id: String,
    /// The ticket, for ticket streams.
    pub ticket_id: Option<Uuid>,
    /// Version within the stream (1-based).
    pub version: i64,
    /// The event's id.
    pub event_id: Uuid,
    /// Its type, e.g. `LineInspected`.
    pub event_type: String,
    /// The payload's schema version.
    pub schema_version: i32,
    /// The payload as stored (personal fields sealed).
    #[graphql(skip)]
    pub payload: Json<serde_json::Value>,
    /// Who acted.
    pub actor: String,
    /// In which role.
    pub role: String,
    /// The command that produced it.
    pub command_id: Option<Uuid>,
    /// The request or flow it belongs to.
    pub correlation_id: Option<Uuid>,
    /// What directly caused it.
    pub causation_id: Option<Uuid>,
    /// Where the command came from (`graphql`, `intake:…`, `workflow:…`).
    pub source: Option<String>,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
    /// SHA-256 chain hash, lowercase hex.
    pub hash: String,
}

impl From<RecordedEvent> for HistoryEvent {
    fn from(e: RecordedEvent) -> Self {
        Self {
            position: e.position,
            ticket_id: returns_tickets::ticket_id_of(&e.stream_id),
            hash: e.hash_hex(),
            stream_id: e.stream_id,
            version: e.stream_version,
            event_id: e.event_id,
            event_type: e.event_type,
            schema_version: e.schema_version,
            payload: Json(e.payload),
            actor: e.metadata.actor,
            role: e.metadata.role,
            command_id: e.metadata.command_id,
            correlation_id: e.metadata.correlation_id,
            causation_id: e.metadata.causation_id,
            source: e.metadata.source,
            recorded_at: e.recorded_at,
        }
    }
}

#[ComplexObject]
impl HistoryEvent {
    /// The payload; personal fields as the caller's role may see them
    /// (auditors: `[present]` or `[erased]`).
    async fn payload(&self, ctx: &Context<'_>) -> Result<Json<serde_json::Value>> {
        let mut payload = self.payload.0.clone();
        crate::graphql::personal::open_value(ctx, &mut payload)
            .await
            .map_err(|e| async_graphql::ErrorExtensions::extend(&e))?;
        Ok(Json(payload))
    }
}
