//! [`Tickets`]: the one handle on a log's tickets, built once at start-up
//! and passed to every caller (the API, the workflows, intake, the
//! projections, the CLI and the demo).
//!
//! It holds what used to hide in the store as type-erased extensions: the
//! process's cache of folded states and the personal-data key ring. Because
//! the key ring is a required part of the handle, a ticket command cannot
//! be executed without encrypting its personal fields: the only way to
//! build a handle is [`Tickets::open`] with the master key. Tests of the
//! crates above that are not about personal data may build one with
//! [`Tickets::plaintext`], behind the `testing` feature, which production
//! builds never enable.

use std::sync::Arc;

use returns_domain::{Command, TicketId, TicketState, Version};
use returns_eventstore::aggregate::{self, Executed, Loaded};
use returns_eventstore::{EventStore, Metadata, Result};

use crate::privacy::{KeyRing, MasterKey};
use crate::repository::{self, TicketDecider, TicketError};
use crate::shared_states::{SharedStates, DEFAULT_BUDGET_BYTES};
use crate::stream::stream_id;

/// What the operator may set about the tickets of a process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TicketSettings {
    /// The memory the shared cache of folded states may take, in bytes.
    pub state_cache_bytes: u64,
    /// The memory the cache of unwrapped data keys may take, in bytes.
    pub key_cache_bytes: u64,
}

impl Default for TicketSettings {
    fn default() -> Self {
        Self {
            state_cache_bytes: DEFAULT_BUDGET_BYTES,
            key_cache_bytes: crate::privacy::DEFAULT_KEY_CACHE_BYTES,
        }
    }
}

/// The store, the shared state cache and the key ring of one log; cheap to
/// clone, and every clone shares all three.
#[derive(Clone)]
pub struct Tickets {
    store: EventStore,
    states: Arc<SharedStates>,
    encryption: Encryption,
}

#[derive(Clone)]
enum Encryption {
    Keys(Arc<KeyRing>),
    #[cfg(feature = "testing")]
    Plaintext,
}

impl std::fmt::Debug for Tickets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tickets")
            .field("store", &self.store)
            .field("states", &self.states)
            .field("encrypted", &self.keys().is_some())
            .finish()
    }
}

impl Tickets {
    /// The tickets of `store`, personal fields encrypted under keys wrapped
    /// by `master`. Migrates the key tables and fails when the stored keys
    /// are wrapped under another master key.
    pub async fn open(
        store: EventStore,
        master: MasterKey,
        settings: TicketSettings,
    ) -> Result<Self> {
        let keys = Arc::new(
            KeyRing::open_with_budget(store.db(), store.clock(), master, settings.key_cache_bytes)
                .await?,
        );
        keys.follow_erasures(&store);
        Ok(Self {
            states: Arc::new(SharedStates::with_budget(settings.state_cache_bytes)),
            store,
            encryption: Encryption::Keys(keys),
        })
    }

    /// The tickets of `store` with personal fields stored in the clear: for
    /// tests whose subject is not personal data.
    #[cfg(feature = "testing")]
    pub fn plaintext(store: EventStore) -> Self {
        Self {
            states: Arc::new(SharedStates::with_budget(DEFAULT_BUDGET_BYTES)),
            store,
            encryption: Encryption::Plaintext,
        }
    }

    /// The event store under the tickets.
    pub fn store(&self) -> &EventStore {
        &self.store
    }

    /// The process's cache of folded states.
    pub fn states(&self) -> &Arc<SharedStates> {
        &self.states
    }

    /// The key ring (absent only in a plaintext test handle).
    pub fn keys(&self) -> Option<&Arc<KeyRing>> {
        match &self.encryption {
            Encryption::Keys(keys) => Some(keys),
            #[cfg(feature = "testing")]
            Encryption::Plaintext => None,
        }
    }

    /// The ticket's current state and version (version 0: no such ticket).
    pub async fn load(&self, ticket: TicketId) -> Result<Loaded<TicketState>, TicketError> {
        repository::load(&self.store, ticket.uuid()).await
    }

    /// The ticket as it was after its first `version` events.
    pub async fn state_at(
        &self,
        ticket: TicketId,
        version: Version,
    ) -> Result<TicketState, TicketError> {
        repository::state_at(&self.store, ticket.uuid(), version.get()).await
    }

    /// Decides `command` against the ticket (as this process last saw it,
    /// when it holds it, else loaded) and appends the result, personal
    /// fields encrypted after the decision and before the append, so the
    /// chain hashes the ciphertext and erasure never has to touch the log.
    /// With `expected`, the ticket must be at that version; without, a
    /// concurrent change is decided again against the new state.
    pub async fn execute(
        &self,
        ticket: TicketId,
        expected: Option<Version>,
        command: &Command,
        metadata: Metadata,
    ) -> Result<Executed<TicketState>, TicketError> {
        let stream = stream_id(ticket.uuid());
        let expected = expected.map(Version::get);
        let states = self.states.as_ref();
        match &self.encryption {
            Encryption::Keys(keys) => {
                let mut metadata = metadata;
                metadata.fingerprint = metadata.fingerprint.map(|f| keys.keyed_fingerprint(f));
                aggregate::execute_cached::<TicketDecider, _>(
                    &self.store,
                    states,
                    &stream,
                    expected,
                    command,
                    metadata,
                    keys.as_ref(),
                )
                .await
            }
            #[cfg(feature = "testing")]
            Encryption::Plaintext => {
                aggregate::execute_cached::<TicketDecider, _>(
                    &self.store,
                    states,
                    &stream,
                    expected,
                    command,
                    metadata,
                    &aggregate::Plaintext,
                )
                .await
            }
        }
    }
}
