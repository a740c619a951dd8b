//! The folded ticket states this process holds, **shared** by every command
//! (the API's, the workflows', intake's) and every projection runner, with
//! one memory bound for all of them. (A reader replaying the log keeps its
//! own batch of states in [`crate::replay_states`] and hands them here.)
//!
//! Entries are keyed by (ticket, version) and immutable, so readers at
//! different positions of the log share them: a command leaves the state
//! after its events, which is exactly the state a runner needs before the
//! next event of that ticket. An entry is never ahead of the log; a command
//! that decides on a stale one fails its append on the version and reloads
//! (see `returns_eventstore::aggregate::StateCache`).

use std::sync::Arc;

use quick_cache::sync::Cache;
use quick_cache::Weighter;
use returns_domain::TicketState;
use returns_eventstore::aggregate::{self, Loaded};
use uuid::Uuid;

use crate::stream::ticket_id_of;

/// The memory all states together may take, by the estimate below. Under
/// the bench's soak load (5,000 tickets, 8 writers, 4 readers) the server's
/// RSS was 113–131 MiB with this budget and 165–187 MiB with the 24 MiB it
/// had before (under the old, halved estimate), at the same request rates:
/// the states beyond this rarely came back before they were evicted.
pub const DEFAULT_BUDGET_BYTES: u64 = 16 << 20;

/// What a state costs in memory, estimated from its version without walking
/// it (the weigher runs during eviction and must be trivial): a fixed part
/// for the struct and the ticket's opening data, and a part per event for the
/// notes, inspections and refunds it adds. Calibrated on the soak: 16 MiB of
/// the earlier estimate (1,536 + 192 per event) held states that cost
/// about 35 MiB of resident memory with the allocator's overhead, so the
/// estimate is twice that, and a budget means what it says within the
/// accuracy a budget needs.
#[derive(Debug, Clone, Copy)]
struct EstimatedBytes;

const BASE_BYTES: u64 = 3_072;
const BYTES_PER_EVENT: u64 = 384;

impl Weighter<(Uuid, i64), Arc<TicketState>> for EstimatedBytes {
    fn weight(&self, key: &(Uuid, i64), _: &Arc<TicketState>) -> u64 {
        BASE_BYTES + BYTES_PER_EVENT * u64::try_from(key.1).unwrap_or(0)
    }
}

/// Ticket states by (ticket, version), least recently used evicted first
/// once over budget; and the newest version held of each ticket.
pub struct SharedStates {
    states: Cache<(Uuid, i64), Arc<TicketState>, EstimatedBytes>,
    newest: Cache<Uuid, i64>,
    budget: u64,
}

impl std::fmt::Debug for SharedStates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SharedStates")
            .field("entries", &self.states.len())
            .field("weight", &self.states.weight())
            .finish()
    }
}

impl SharedStates {
    /// An empty cache holding at most about `bytes` of states (the
    /// operator's setting; [`DEFAULT_BUDGET_BYTES`] when unset).
    pub fn with_budget(bytes: u64) -> Self {
        let items = usize::try_from(bytes / (BASE_BYTES + 4 * BYTES_PER_EVENT)).unwrap_or(1024);
        Self {
            states: Cache::with_weighter(items.max(16), bytes.max(BASE_BYTES), EstimatedBytes),
            newest: Cache::new(items.max(16)),
            budget: bytes,
        }
    }

    /// The entries held, their estimated bytes and the budget (for `/metrics`).
    pub fn usage(&self) -> (usize, u64, u64) {
        (self.states.len(), self.states.weight(), self.budget)
    }

    /// `ticket`'s state after its first `version` events, if held.
    pub fn at(&self, ticket: Uuid, version: i64) -> Option<Arc<TicketState>> {
        self.states.get(&(ticket, version))
    }

    /// Remembers `ticket` at `version`.
    pub fn insert(&self, ticket: Uuid, version: i64, state: Arc<TicketState>) {
        self.states.insert((ticket, version), state);
        // Two racing inserts may leave the lower one as "newest": harmless,
        // it is only a stale entry, which costs a reload.
        if self.newest.get(&ticket).is_none_or(|held| held < version) {
            self.newest.insert(ticket, version);
        }
    }

    /// The newest state held of `ticket`.
    pub fn newest(&self, ticket: Uuid) -> Option<(i64, Arc<TicketState>)> {
        let version = self.newest.get(&ticket)?;
        self.at(ticket, version).map(|state| (version, state))
    }
}

impl aggregate::StateCache<TicketState> for SharedStates {
    fn get(&self, stream: &str) -> Option<Loaded<TicketState>> {
        let (version, state) = self.newest(ticket_id_of(stream)?)?;
        Some(Loaded {
            state: TicketState::clone(&state),
            version,
        })
    }

    fn put(&self, stream: &str, loaded: Loaded<TicketState>) {
        if let Some(ticket) = ticket_id_of(stream) {
            self.insert(ticket, loaded.version, Arc::new(loaded.state));
        }
    }

    fn forget(&self, stream: &str) {
        if let Some(ticket) = ticket_id_of(stream) {
            self.newest.remove(&ticket);
        }
    }
}
