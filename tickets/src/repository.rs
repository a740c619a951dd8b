//! The ticket plugged into the store's load–decide–append loop.
//!
//! Lives here rather than in the domain (which must not know the store) or
//! the store (which must not know the domain): this crate sees both, and
//! every writer of tickets goes through it.

use returns_domain::{decide, evolve, Command, DomainError, Event, TicketState};
use returns_eventstore::aggregate::{self, Decider, ExecuteError, Loaded};
use returns_eventstore::EventStore;
use uuid::Uuid;

use crate::event::fold;
use crate::stream::stream_id;

/// The ticket decider as the store sees it.
#[derive(Debug, Clone, Copy)]
pub struct TicketDecider;

impl Decider for TicketDecider {
    type State = TicketState;
    type Command = Command;
    type Event = Event;
    type Error = DomainError;

    fn decide(state: &TicketState, command: &Command) -> Result<Vec<Event>, DomainError> {
        decide(state, command)
    }

    fn evolve(state: TicketState, event: &Event) -> TicketState {
        evolve(state, event)
    }

    fn event_type(event: &Event) -> &'static str {
        event.event_type()
    }

    fn schema_version(event: &Event) -> i32 {
        event.schema_version()
    }

    fn decode_stored(event_type: &str, json: &str) -> serde_json::Result<Event> {
        Event::from_stored(event_type, json)
    }
}

/// Why a ticket command failed; nothing was written.
pub type TicketError = ExecuteError<DomainError>;

/// Loads a ticket's current state and version (version 0: no such ticket).
pub async fn load(store: &EventStore, ticket_id: Uuid) -> Result<Loaded<TicketState>, TicketError> {
    aggregate::load::<TicketDecider>(store, &stream_id(ticket_id)).await
}

/// The ticket as it was after its first `version` events (the state before
/// anything happened for 0), e.g. to tell what an event changed.
pub async fn state_at(
    store: &EventStore,
    ticket_id: Uuid,
    version: i64,
) -> Result<TicketState, TicketError> {
    if version < 1 {
        return Ok(TicketState::default());
    }
    let events = store
        .read_stream_to_version(&stream_id(ticket_id), version)
        .await?;
    fold(&events)
        .map(|loaded| loaded.state)
        .map_err(|e| ExecuteError::Decode {
            position: e.position,
            message: e.message,
        })
}
