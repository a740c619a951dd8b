//! Log rows decoded into ticket events, and folded into a ticket's state:
//! the one decode-and-fold path of every ticket reader.
//!
//! The stream id gives the ticket (`ticket-<uuid>`). Events of types this
//! build does not know are skipped (logged at debug) so a newer writer never
//! stops an older reader; an event of a known type that fails to decode is an
//! error, because skipping it would silently corrupt every read model.

use chrono::{DateTime, Utc};
use returns_domain::Event;
use returns_eventstore::RecordedEvent;
use uuid::Uuid;

use returns_domain::{evolve, TicketState};
use returns_eventstore::aggregate::Loaded;

use crate::stream::ticket_id_of;

/// A stored event of a type this build knows that does not decode: readers
/// stop rather than skip it, since skipping would silently corrupt what they
/// build from it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot decode {event_type} at position {position}: {message}")]
pub struct DecodeError {
    /// Position of the event in the log.
    pub position: i64,
    /// Its type.
    pub event_type: String,
    /// What serde said.
    pub message: String,
}

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
    /// Who acted (the event's metadata): a person, or `workflow:…`.
    pub actor: String,
    /// The fact.
    pub event: Event,
}

/// Decodes `recorded`: `Ok(None)` for other streams and unknown event types.
pub fn decode(recorded: RecordedEvent) -> Result<Option<TicketEvent>, DecodeError> {
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
    let event: Event = serde_json::from_value(payload).map_err(|e| DecodeError {
        position,
        event_type: event_type.clone(),
        message: e.to_string(),
    })?;
    Ok(Some(TicketEvent {
        position,
        ticket_id,
        stream_version: recorded.stream_version,
        recorded_at: recorded.recorded_at,
        actor: recorded.metadata.actor,
        event,
    }))
}

/// Folds a ticket's recorded events (in stream order) into its state and
/// version; events of types this build does not know are skipped, as every
/// ticket reader skips them.
pub fn fold(events: &[RecordedEvent]) -> Result<Loaded<TicketState>, DecodeError> {
    let mut state = TicketState::default();
    let mut version = 0;
    for recorded in events {
        version = recorded.stream_version;
        if let Some(event) = decode(recorded.clone())? {
            state = evolve(state, &event.event);
        }
    }
    Ok(Loaded { state, version })
}
