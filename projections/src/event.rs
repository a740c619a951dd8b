//! Log rows decoded into ticket events: the only input projections see.
//!
//! The stream id gives the ticket (`ticket-<uuid>`). Events of types this
//! build does not know are skipped (logged at debug) so a newer writer never
//! stops an older reader; an event of a known type that fails to decode is an
//! error, because skipping it would silently corrupt every read model.

use chrono::{DateTime, Utc};
use returns_domain::Event;
use returns_eventstore::RecordedEvent;
use uuid::Uuid;

use crate::error::{Error, Result};

/// The prefix of every ticket stream id.
pub const TICKET_STREAM_PREFIX: &str = "ticket-";

/// One decoded event of one ticket.
#[derive(Debug, Clone)]
pub struct TicketEvent {
    /// Global log position.
    pub position: i64,
    /// The ticket.
    pub ticket_id: Uuid,
    /// The event's version within the ticket's stream.
    pub stream_version: i64,
    /// When the store recorded it.
    pub recorded_at: DateTime<Utc>,
    /// The fact.
    pub event: Event,
}

/// The ticket a stream id names, if it is a ticket stream.
pub fn ticket_id_of(stream_id: &str) -> Option<Uuid> {
    stream_id
        .strip_prefix(TICKET_STREAM_PREFIX)
        .and_then(|id| Uuid::parse_str(id).ok())
}

/// Decodes `recorded`: `Ok(None)` for other streams and unknown event types.
pub fn decode(recorded: RecordedEvent) -> Result<Option<TicketEvent>> {
    let Some(ticket_id) = ticket_id_of(&recorded.stream_id) else {
        tracing::debug!(stream = %recorded.stream_id, position = recorded.position, "not a ticket stream");
        return Ok(None);
    };
    if !Event::TYPES.contains(&recorded.event_type.as_str()) {
        tracing::debug!(
            event_type = %recorded.event_type,
            position = recorded.position,
            "event type unknown to this build; skipped"
        );
        return Ok(None);
    }
    let position = recorded.position;
    let event_type = recorded.event_type;
    let mut payload = recorded.payload;
    // The log keeps the type in its own column; the serde tag is added back
    // when a writer left it out of the payload.
    if let serde_json::Value::Object(map) = &mut payload {
        map.entry("type")
            .or_insert_with(|| serde_json::Value::String(event_type.clone()));
    }
    let event: Event = serde_json::from_value(payload).map_err(|e| Error::Decode {
        position,
        event_type: event_type.clone(),
        message: e.to_string(),
    })?;
    Ok(Some(TicketEvent {
        position,
        ticket_id,
        stream_version: recorded.stream_version,
        recorded_at: recorded.recorded_at,
        event,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_ticket_streams_name_a_ticket() {
        let id = Uuid::now_v7();
        assert_eq!(ticket_id_of(&format!("ticket-{id}")), Some(id));
        assert_eq!(ticket_id_of(&format!("timer-{id}")), None);
        assert_eq!(ticket_id_of("ticket-not-a-uuid"), None);
    }
}
