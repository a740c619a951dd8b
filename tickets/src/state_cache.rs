//! Each ticket's state as the domain folds it, kept in memory by a reader
//! that follows the log (a projection runner, a rebuild).
//!
//! Read models reflect the domain's own fold (`returns_domain::evolve`)
//! instead of re-deriving statuses from events: a status, an allowed next
//! step or a running deadline means exactly what the domain says it means.
//! The cache is an optimisation only: an entry is used when it is at the
//! version just before the event being applied, and otherwise reloaded from
//! the ticket's stream in the store, so a rolled-back batch or a restart can
//! never leave a stale state behind.

use std::collections::HashMap;

use returns_domain::{evolve, TicketState};
use returns_eventstore::EventStore;
use uuid::Uuid;

use crate::event::TicketEvent;
use crate::repository::{state_at, TicketError};

/// Tickets a live runner keeps before the cache sheds entries (terminal
/// tickets first). Every projection's runner has its own cache, so this is
/// per projection: at 200,000 the five runners held every ticket of a
/// 1M-event log (about 1.5 GiB); live events come from the tickets being
/// worked on now, and a miss costs one stream read.
const DEFAULT_CAPACITY: usize = 5_000;

/// Tickets one rebuild keeps: a single cache serves every projection, and a
/// replay touches tickets further apart than live traffic does.
pub const REBUILD_CAPACITY: usize = 50_000;

/// Ticket states by ticket id, each with the stream version it reflects.
#[derive(Debug)]
pub struct StateCache {
    states: HashMap<Uuid, (i64, TicketState)>,
    capacity: usize,
    reloads: u64,
}

impl Default for StateCache {
    fn default() -> Self {
        Self::with_capacity(DEFAULT_CAPACITY)
    }
}

impl StateCache {
    /// An empty cache holding at most about `capacity` tickets.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            states: HashMap::new(),
            capacity: capacity.max(1),
            reloads: 0,
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
            let state = if before <= 0 {
                TicketState::default()
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

    /// Sheds entries once over capacity: finished tickets first (they rarely
    /// get more events), everything if that is not enough.
    pub fn trim(&mut self) {
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
