//! [`Application`]: opens the store, binds the socket, and serves until told
//! to stop, draining requests in flight so nothing acknowledged is lost.

use returns_eventstore::EventStore;
use std::future::Future;
use std::net::SocketAddr;
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
}

/// Opens the store and the token table at `database_url`.
pub async fn open(database_url: &str) -> Result<(EventStore, TokenStore), StartupError> {
    let store = EventStore::connect(database_url).await?;
    let tokens = TokenStore::open(store.backend().clone(), store.clock()).await?;
    Ok((store, tokens))
}

impl Application {
    /// Opens the database named in `settings` and binds its address.
    pub async fn build(settings: Settings) -> Result<Self, StartupError> {
        let (store, tokens) = open(&settings.database_url).await?;
        Self::build_with(settings, store, tokens).await
    }

    /// Binds `settings.listen` and serves `store` (tests pass their own store).
    pub async fn build_with(
        settings: Settings,
        store: EventStore,
        tokens: TokenStore,
    ) -> Result<Self, StartupError> {
        let listener = TcpListener::bind(settings.listen).await?;
        let address = listener.local_addr()?;
        let (state, shutdown) = AppState::new(store, tokens);
        let schema = build_schema(state.clone());
        Ok(Self {
            listener,
            address,
            state,
            schema,
            shutdown,
            settings,
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

    /// The shared state (store, tokens, metrics).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until SIGINT or SIGTERM.
    pub async fn run_until_stopped(self) -> Result<(), StartupError> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `stop` resolves, then stops taking connections, lets
    /// requests in flight finish (their appends are committed before they
    /// answer), ends subscriptions, and then seals the log once more.
    pub async fn run_until(
        self,
        stop: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), StartupError> {
        let sealer = spawn_sealer(
            self.state.store.clone(),
            self.settings.seal_interval,
            self.state.shutdown.clone(),
        );
        let router = crate::http::router(self.state.clone(), self.schema.clone());
        let shutdown = self.shutdown;
        let served = axum::serve(self.listener, router)
            .with_graceful_shutdown(async move {
                stop.await;
                tracing::info!("shutting down: draining requests");
                let _ = shutdown.send(true);
            })
            .await;
        if let Err(error) = sealer.await {
            tracing::warn!(%error, "sealer task failed");
        }
        // Every request has been answered now, so this seal covers all of them.
        seal_on_shutdown(&self.state.store).await;
        tracing::info!("stopped");
        Ok(served?)
    }
}

/// Resolves on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::warn!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}
