//! [`AppState`]: what every request handler and resolver shares.

use std::sync::Arc;

use returns_eventstore::EventStore;
use tokio::sync::watch;

use crate::auth::TokenStore;
use crate::metrics::Metrics;
use crate::policy::Policy;

/// The server's shared handles; cheap to clone.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The event store.
    pub store: EventStore,
    /// The token table.
    pub tokens: TokenStore,
    /// Deadlines for new applications and approvals.
    pub policy: Policy,
    /// Counters for `/metrics`.
    pub metrics: Arc<Metrics>,
    /// Turns true when the server is shutting down, so subscriptions end.
    pub shutdown: watch::Receiver<bool>,
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
    /// State over `store` and `tokens` with default policy and fresh
    /// metrics; the sender ends subscriptions when it sends `true`.
    pub fn new(store: EventStore, tokens: TokenStore) -> (Self, watch::Sender<bool>) {
        let (shutdown, stopping) = watch::channel(false);
        let state = Self {
            store,
            tokens,
            policy: Policy::default(),
            metrics: Arc::new(Metrics::default()),
            shutdown: stopping,
        };
        (state, shutdown)
    }
}
