//! [`Application`]: opens the store, binds the socket, runs the projections
//! and workflows beside the server, and stops in order so nothing
//! acknowledged is lost.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use returns_eventstore::{ConnectOptions, EventStore, StoreOptions};
use returns_projections::{registry, ProjectionRunner, RunnerOptions};
use returns_tickets::Tickets;
use returns_workflows::gateway::{SimulatedGateway, WebhookGateway};
use returns_workflows::{PayoutMode, Payouts, Policies, RuntimeOptions, Workflows};
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::auth::{TokenError, TokenStore};
use crate::graphql::{build_schema, AppSchema};
use crate::seal::{seal_on_shutdown, spawn_sealer};
use crate::settings::Settings;
use crate::state::AppState;

/// Why the server could not start or stopped with an error.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// The event store could not be opened.
    #[error("cannot open the event store: {0}")]
    Store(#[from] returns_eventstore::Error),
    /// The token table could not be opened.
    #[error("cannot open the token table: {0}")]
    Tokens(#[from] TokenError),
    /// The read models could not be prepared.
    #[error("cannot prepare the read models: {0}")]
    Projections(#[from] returns_projections::Error),
    /// The workflows could not start.
    #[error("cannot start the workflows: {0}")]
    Workflows(#[from] returns_workflows::WorkflowError),
    /// The policies file is unreadable or invalid.
    #[error("policies: {0}")]
    Policies(String),
    /// A payout mode in use is not configured.
    #[error("payouts: {0}")]
    Payouts(String),
    /// The platform credentials file is unreadable or invalid.
    #[error("platform actions: {0}")]
    Platforms(String),
    /// No master key was configured, so personal data could not be encrypted.
    #[error("{}", crate::cli::privacy::NO_MASTER_KEY)]
    NoMasterKey,
    /// The socket could not be bound or served.
    #[error("network: {0}")]
    Io(#[from] std::io::Error),
}

/// A built server, bound to its port, not yet serving.
pub struct Application {
    listener: TcpListener,
    address: SocketAddr,
    state: AppState,
    schema: AppSchema,
    shutdown: watch::Sender<bool>,
    settings: Settings,
    payouts: Payouts,
    platforms: crate::platforms::PlatformSetup,
}

/// Opens the store and the token table at `database_url`.
pub async fn open(database_url: &str) -> Result<(EventStore, TokenStore), StartupError> {
    open_with(database_url, &ConnectOptions::default()).await
}

/// [`open`] with `connect`'s pool and per-connection cache sizes.
pub async fn open_with(
    database_url: &str,
    connect: &ConnectOptions,
) -> Result<(EventStore, TokenStore), StartupError> {
    let options = StoreOptions {
        connect: connect.clone(),
        ..StoreOptions::default()
    };
    open_store(EventStore::connect_with(database_url, options).await?).await
}

/// The token table and the tables the API reads, beside an opened `store`.
pub async fn open_store(store: EventStore) -> Result<(EventStore, TokenStore), StartupError> {
    let tokens = TokenStore::open(store.db().clone(), store.clock()).await?;
    returns_intake::migrate(&store).await?;
    // The payout queue and webhook tables are read by the API even where
    // this process runs no workflows.
    returns_workflows::storage::migrate(store.db()).await?;
    Ok((store, tokens))
}

/// The policies of `settings`: the file given, or the built-in defaults.
pub fn load_policies(settings: &Settings) -> Result<Policies, StartupError> {
    match &settings.policies_file {
        Some(path) => Policies::load(path).map_err(|e| StartupError::Policies(e.to_string())),
        None => Ok(Policies::default()),
    }
}

impl Application {
    /// Opens the database named in `settings` and binds its address.
    pub async fn build(settings: Settings) -> Result<Self, StartupError> {
        let (store, tokens) = open_with(&settings.database_url, &settings.connect).await?;
        Self::build_with(settings, store, tokens).await
    }

    /// Binds `settings.listen` and serves `store` (tests pass their own store).
    pub async fn build_with(
        settings: Settings,
        store: EventStore,
        tokens: TokenStore,
    ) -> Result<Self, StartupError> {
        // Without a master key personal data would be stored in a form that
        // can never be erased: the handle cannot be built without one.
        let master_key = settings
            .master_key
            .clone()
            .ok_or(StartupError::NoMasterKey)?;
        let tickets = Tickets::open(store.clone(), master_key, settings.tickets).await?;
        let policies = load_policies(&settings)?;
        let payouts = payouts(&settings, &store)?;
        let platforms = crate::platforms::setup(&settings, &store).await?;
        payouts
            .check(&policies)
            .map_err(|e| StartupError::Payouts(e.to_string()))?;
        // The read models' tables must exist before the first query, not
        // only once the runner gets to them.
        returns_projections::migrate(&store).await?;
        for projection in registry::current() {
            returns_projections::checkpoint::install(&store, projection.as_ref()).await?;
        }
        let listener = TcpListener::bind(settings.listen).await?;
        let address = listener.local_addr()?;
        let (mut state, shutdown) = AppState::new(tickets, tokens, policies);
        state.evidence = settings.evidence.clone();
        state.intake_secrets = Arc::new(settings.intake_secrets.clone());
        state.platforms = platforms.api.clone();
        let state = state
            .with_credential_cache(
                crate::auth::SessionPolicy {
                    idle_timeout: settings.session_idle,
                    ..crate::auth::SessionPolicy::default()
                },
                // A revocation from the command line (another process)
                // reaches the cache by NOTIFY on PostgreSQL and through the
                // file's announcements table on SQLite, within the store's
                // poll interval.
                settings.credential_cache_bytes,
            )
            .with_payout(settings.payout_setup());
        let schema = build_schema(state.clone());
        Ok(Self {
            listener,
            address,
            state,
            schema,
            shutdown,
            settings,
            payouts,
            platforms,
        })
    }

    /// The bound port (useful with port 0).
    pub fn port(&self) -> u16 {
        self.address.port()
    }

    /// The bound address.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The shared state (store, tokens, policies, metrics).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `stop` resolves, with the projections and (unless
    /// disabled) the workflows running beside the server. Then: stop taking
    /// connections and let requests in flight finish (their appends commit
    /// before they answer), end subscriptions, let the workflows and
    /// projections finish their current step, and seal the log.
    pub async fn run_until(
        self,
        stop: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), StartupError> {
        let store = self.state.store.clone();
        let tickets = self.state.tickets.clone();
        let projections = ProjectionRunner::spawn_with(
            &tickets,
            registry::current(),
            RunnerOptions {
                batch_size: self.settings.projection_batch,
                ..RunnerOptions::default()
            },
        );
        let workflows = if self.settings.run_workflows {
            let policies = (*self.state.policies).clone();
            let options = RuntimeOptions {
                outbox: self.settings.outbox,
                ..RuntimeOptions::default()
            };
            Some(
                Workflows::spawn(
                    tickets.clone(),
                    policies,
                    self.payouts.clone(),
                    store.clock(),
                    options,
                    self.platforms.api.clone(),
                )
                .await?,
            )
        } else {
            None
        };
        let sealer = spawn_sealer(
            store.clone(),
            self.settings.seal_interval,
            self.state.shutdown.clone(),
        );
        let upkeep = self.state.metrics.spawn_upkeep();
        let router = crate::http::router(self.state.clone(), self.schema.clone());
        let shutdown = self.shutdown;
        // The peer address feeds sign-in throttling per address.
        let router = router.into_make_service_with_connect_info::<SocketAddr>();
        let served = axum::serve(self.listener, router)
            .with_graceful_shutdown(async move {
                stop.await;
                tracing::info!("shutting down: draining requests");
                let _ = shutdown.send(true);
            })
            .await;
        if let Some(workflows) = workflows {
            workflows.stop().await;
        }
        projections.stop().await;
        upkeep.abort();
        if let Err(error) = sealer.await {
            tracing::warn!(%error, "sealer task failed");
        }
        // Every request and workflow step has finished, so this seal covers them all.
        seal_on_shutdown(&store).await;
        tracing::info!("stopped");
        Ok(served?)
    }
}

/// The payout modes of `settings` and their gateways. The simulated gateway
/// exists only when asked for (`returns demo`, `--payout simulated`), and
/// says so loudly.
fn payouts(settings: &Settings, store: &EventStore) -> Result<Payouts, StartupError> {
    let mut payouts = Payouts::new(settings.payout);
    if let Some(target) = &settings.payout_webhook {
        let gateway = WebhookGateway::new(target.clone(), store.clock())
            .map_err(|e| StartupError::Payouts(format!("webhook client: {e}")))?;
        payouts = payouts.with_webhook(Arc::new(gateway));
    }
    if settings.payout == PayoutMode::Simulated {
        tracing::warn!(
            "SIMULATED payouts: approved refunds are recorded as paid and NO MONEY MOVES; \
             for demos and tests only (see /healthz and returns_payout_mode in /metrics)"
        );
        payouts = payouts.with_simulated(Arc::new(SimulatedGateway::new()));
    }
    Ok(payouts)
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM. The handlers are installed when
/// this is called, not when the future is first polled, so a signal that
/// arrives as soon as the server says it listens is still a graceful stop.
pub fn shutdown_signal() -> impl Future<Output = ()> + Send + 'static {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let interrupt = signal(SignalKind::interrupt());
        let terminate = signal(SignalKind::terminate());
        async move {
            match (interrupt, terminate) {
                (Ok(mut interrupt), Ok(mut terminate)) => {
                    tokio::select! {
                        _ = interrupt.recv() => {},
                        _ = terminate.recv() => {},
                    }
                }
                (interrupt, terminate) => {
                    let error = interrupt.err().or(terminate.err());
                    tracing::warn!(?error, "cannot listen for signals; stop with SIGKILL");
                    std::future::pending::<()>().await;
                }
            }
        }
    }
    #[cfg(not(unix))]
    {
        async {
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        }
    }
}
