//! [`AppState`]: what every request handler and resolver shares.

use std::sync::Arc;

use returns_eventstore::EventStore;
use returns_tickets::Tickets;
use returns_workflows::Policies;
use tokio::sync::watch;

use crate::auth::{CredentialCache, SessionPolicy, Sessions, TokenStore, Users};
use crate::evidence::EvidenceStore;
use crate::metrics::Metrics;
use crate::settings::{IntakeSecrets, PayoutSetup};

/// The server's shared handles; cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The tickets: every command and every opening of personal data goes
    /// through this handle.
    pub tickets: Tickets,
    /// The log under `tickets` (the same store), for reads that are not
    /// about one ticket: history, verification, subscriptions.
    pub store: EventStore,
    /// The token table.
    pub tokens: TokenStore,
    /// Staff accounts.
    pub users: Users,
    /// People's sessions and sign-in throttling.
    pub sessions: Sessions,
    /// Recent verdicts on sessions and tokens, shared by `tokens`, `users`
    /// and `sessions` (see [`AppState::with_credential_cache`]).
    pub credentials: Arc<CredentialCache>,
    /// Evidence photos on disk.
    pub evidence: EvidenceStore,
    /// The shop's policies: deadlines for new applications and approvals.
    pub policies: Arc<Policies>,
    /// Counters for `/metrics` (the process's, shared by every server in it).
    pub metrics: Arc<Metrics>,
    /// Turns true when the server is shutting down, so subscriptions end.
    pub shutdown: watch::Receiver<bool>,
    /// How refunds are paid (manual unless set with [`AppState::with_payout`]).
    pub payout: Arc<PayoutSetup>,
    /// Each platform's push intake secret (none: push intake is off).
    pub intake_secrets: Arc<IntakeSecrets>,
    /// The shops in api mode and their platform clients (for the refusal
    /// reasons a platform accepts); every other shop is in manual mode.
    pub platforms: returns_workflows::PlatformApi,
}

impl AppState {
    /// A future that resolves once shutdown has begun.
    pub fn stopping(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut shutdown = self.shutdown.clone();
        async move {
            // An error means the sender is gone: the server is stopping too.
            let _ = shutdown.wait_for(|stopping| *stopping).await;
        }
    }
}

impl AppState {
    /// State over `tickets`, `tokens` and `policies` with the process's
    /// metrics (installing their recorder on first use); the sender ends
    /// subscriptions when it sends `true`.
    pub fn new(
        tickets: Tickets,
        tokens: TokenStore,
        policies: Policies,
    ) -> (Self, watch::Sender<bool>) {
        let store = tickets.store().clone();
        let (shutdown, stopping) = watch::channel(false);
        let credentials =
            CredentialCache::new(&store, crate::auth::cache::DEFAULT_CREDENTIAL_CACHE_BYTES);
        let users = Users::new(store.db().clone(), store.clock()).with_cache(credentials.clone());
        let sessions = Sessions::new(store.db().clone(), store.clock(), SessionPolicy::default())
            .with_cache(credentials.clone());
        let tokens = tokens.with_cache(credentials.clone());
        let state = Self {
            tickets,
            store,
            tokens,
            users,
            sessions,
            credentials,
            evidence: EvidenceStore::default(),
            policies: Arc::new(policies),
            metrics: Arc::new(Metrics::global()),
            shutdown: stopping,
            payout: Arc::new(PayoutSetup::default()),
            intake_secrets: Arc::new(IntakeSecrets::default()),
            platforms: returns_workflows::PlatformApi::manual(),
        };
        (state, shutdown)
    }

    /// The same state with its sessions under `policy` and a credential
    /// cache of `budget` bytes (0 keeps nothing: every request reads the
    /// token or session table).
    pub fn with_credential_cache(mut self, policy: SessionPolicy, budget: u64) -> Self {
        let credentials = CredentialCache::new(&self.store, budget);
        let (db, clock) = (self.store.db().clone(), self.store.clock());
        self.users = Users::new(db.clone(), clock.clone()).with_cache(credentials.clone());
        self.sessions = Sessions::new(db, clock, policy).with_cache(credentials.clone());
        self.tokens = self.tokens.with_cache(credentials.clone());
        self.credentials = credentials;
        self
    }

    /// The same state paying refunds as `payout` says.
    pub fn with_payout(mut self, payout: PayoutSetup) -> Self {
        self.payout = Arc::new(payout);
        self
    }
}
