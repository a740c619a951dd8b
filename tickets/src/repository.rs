//! The ticket plugged into the store's load–decide–append loop.
//!
//! Lives here rather than in the domain (which must not know the store) or
//! the store (which must not know the domain): this crate sees both, and
//! every writer of tickets goes through it.

use returns_domain::{decide, evolve, Command, DomainError, Event, TicketState};
use returns_eventstore::aggregate::{self, Decider, ExecuteError, Executed, Loaded};
use returns_eventstore::{EventStore, Metadata};
use uuid::Uuid;

use crate::event::fold;
use crate::states::TicketStates;
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

/// Decides `command` against the ticket (as this process last saw it, when
/// it holds it, else loaded) and appends the result, personal fields sealed
/// when the store carries a key ring ([`crate::privacy`]). With
/// `expected`, the ticket must be at that version; without, a concurrent
/// change is decided again against the new state (bounded, with jitter).
pub async fn execute(
    store: &EventStore,
    ticket_id: Uuid,
    expected: Option<i64>,
    command: &Command,
    metadata: Metadata,
) -> Result<Executed<TicketState>, TicketError> {
    let stream = stream_id(ticket_id);
    let states = TicketStates::of(store);
    match crate::privacy::of(store) {
        // Sealed after the decision and before the append, so the chain
        // hashes the ciphertext and erasure never has to touch the log.
        Some(privacy) => {
            aggregate::execute_cached::<TicketDecider, _>(
                store,
                states.as_ref(),
                &stream,
                expected,
                command,
                metadata,
                &*privacy,
            )
            .await
        }
        None => {
            aggregate::execute_cached::<TicketDecider, _>(
                store,
                states.as_ref(),
                &stream,
                expected,
                command,
                metadata,
                &aggregate::Unsealed,
            )
            .await
        }
    }
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
