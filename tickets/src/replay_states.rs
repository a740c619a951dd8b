//! Each ticket's state as the domain folds it, kept in memory by a reader
//! **replaying** the log (a projection runner, a rebuild), checked against
//! each event's version. (Commands and runners share finished states
//! through [`crate::shared_states`].)
//!
//! Read models reflect the domain's own fold (`returns_domain::evolve`)
//! instead of re-deriving statuses from events: a status, an allowed next
//! step or a running deadline means exactly what the domain says it means.
//! The cache is an optimisation only: an entry is used when it is at the
//! version just before the event being applied, and otherwise reloaded from
//! the ticket's stream in the store, so a rolled-back batch or a restart can
//! never leave a stale state behind.
//!
//! A live runner keeps only the tickets of its current batch here and hands
//! them to the process's shared [`SharedStates`] when the batch is done,
//! where commands and the other runners find them: one memory bound for all,
//! evicting least recently used states, instead of one cache per runner
//! filling up and being cleared whole (which made the server's memory saw
//! between 118 and 200 MiB under steady load). A rebuild keeps its own
//! larger map, since it replays tickets nobody else is working on.

use std::collections::HashMap;
use std::sync::Arc;

use returns_domain::{evolve, TicketState};
use returns_eventstore::EventStore;
use uuid::Uuid;

use crate::event::TicketEvent;
use crate::repository::{state_at, TicketError};
use crate::shared_states::SharedStates;

/// Tickets a cache without a shared store keeps before it sheds entries
/// (terminal tickets first).
const DEFAULT_CAPACITY: usize = 5_000;

/// Tickets one rebuild keeps: a single cache serves every projection, and a
/// replay touches tickets further apart than live traffic does.
pub const REBUILD_CAPACITY: usize = 50_000;

/// Ticket states by ticket id, each with the stream version it reflects.
#[derive(Debug)]
pub struct ReplayStates {
    states: HashMap<Uuid, (i64, TicketState)>,
    shared: Option<Arc<SharedStates>>,
    capacity: usize,
    reloads: u64,
}

impl Default for ReplayStates {
    fn default() -> Self {
        Self::with_capacity(DEFAULT_CAPACITY)
    }
}

impl ReplayStates {
    /// An empty cache holding at most about `capacity` tickets.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            states: HashMap::new(),
            shared: None,
            capacity: capacity.max(1),
            reloads: 0,
        }
    }

    /// A live runner's cache: this batch's tickets, backed by the
    /// process's [`SharedStates`].
    pub fn shared(states: Arc<SharedStates>) -> Self {
        Self {
            shared: Some(states),
            ..Self::default()
        }
    }

    /// The state of `ticket` after the events applied so far.
    pub fn get(&self, ticket: &Uuid) -> Option<&TicketState> {
        self.states.get(ticket).map(|(_, state)| state)
    }

    /// How many times a state had to be read back from the store.
    pub fn reloads(&self) -> u64 {
        self.reloads
    }

    /// Folds `event` into its ticket's state, loading the state the event
    /// follows from the store first when the cache does not hold it.
    pub async fn apply(
        &mut self,
        store: &EventStore,
        event: &TicketEvent,
    ) -> Result<(), TicketError> {
        let before = event.stream_version - 1;
        let cached = self
            .states
            .get(&event.ticket_id)
            .is_some_and(|(version, _)| *version == before);
        if !cached {
            let held = self
                .shared
                .as_ref()
                .and_then(|shared| shared.at(event.ticket_id, before));
            let state = if before <= 0 {
                TicketState::default()
            } else if let Some(held) = held {
                TicketState::clone(&held)
            } else {
                self.reloads += 1;
                state_at(store, event.ticket_id, before).await?
            };
            self.states.insert(event.ticket_id, (before, state));
        }
        if let Some(entry) = self.states.get_mut(&event.ticket_id) {
            let state = std::mem::take(&mut entry.1);
            *entry = (event.stream_version, evolve(state, &event.event));
        }
        Ok(())
    }

    /// Called after each batch. A live cache hands its states to the shared
    /// cache and starts the next batch empty; an own cache sheds entries once
    /// over capacity: finished tickets first (they rarely get more events),
    /// everything if that is not enough.
    pub fn trim(&mut self) {
        if let Some(shared) = &self.shared {
            for (ticket, (version, state)) in self.states.drain() {
                shared.insert(ticket, version, Arc::new(state));
            }
            return;
        }
        if self.states.len() <= self.capacity {
            return;
        }
        self.states
            .retain(|_, (_, state)| !state.status.is_terminal());
        if self.states.len() > self.capacity {
            self.states.clear();
        }
    }

    /// Forgets everything (after a failed batch, to start from the store).
    pub fn clear(&mut self) {
        self.states.clear();
    }
}
