//! The ticket plugged into the store's load–decide–append loop.
//!
//! Lives here rather than in the domain (which must not know the store) or
//! the store (which must not know the domain): this crate sees both, and
//! every writer of tickets goes through it.

use returns_domain::{decide, evolve, Command, DomainError, Event, TicketState};
use returns_eventstore::aggregate::{self, Decider, ExecuteError, Executed, Loaded};
use returns_eventstore::{EventStore, Metadata};
use uuid::Uuid;

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
}

/// The prefix of every ticket stream id.
pub const STREAM_PREFIX: &str = "ticket-";

/// The stream that holds a ticket's events.
pub fn stream_id(ticket_id: Uuid) -> String {
    format!("{STREAM_PREFIX}{ticket_id}")
}

/// The ticket id of a ticket stream, `None` for other streams.
pub fn ticket_id_of(stream_id: &str) -> Option<Uuid> {
    stream_id
        .strip_prefix(STREAM_PREFIX)
        .and_then(|id| Uuid::parse_str(id).ok())
}

/// Why a ticket command failed; nothing was written.
pub type TicketError = ExecuteError<DomainError>;

/// Loads a ticket's current state and version (version 0: no such ticket).
pub async fn load(store: &EventStore, ticket_id: Uuid) -> Result<Loaded<TicketState>, TicketError> {
    aggregate::load::<TicketDecider>(store, &stream_id(ticket_id)).await
}

/// Decides `command` against the ticket and appends the result. With
/// `expected`, the ticket must be at that version; without, a concurrent
/// change is decided again against the new state (bounded, with jitter).
pub async fn execute(
    store: &EventStore,
    ticket_id: Uuid,
    expected: Option<i64>,
    command: &Command,
    metadata: Metadata,
) -> Result<Executed<TicketState>, TicketError> {
    aggregate::execute::<TicketDecider>(store, &stream_id(ticket_id), expected, command, metadata)
        .await
}
