//! On PostgreSQL, one server at a time runs the event-driven workflows: the
//! holder of a session advisory lock. When it dies its connection closes,
//! the lock is released, and another server takes over on its next tick.
//! Timers need no leader: claiming with `FOR UPDATE SKIP LOCKED` lets every
//! server fire timers, each timer once. SQLite has one process: always leader.

use returns_eventstore::backend::Backend;
use sqlx::{ConnectOptions, PgConnection};
use tokio::sync::Mutex;

/// The advisory lock key of the workflow runner ("returns-workflows" in ASCII, truncated).
const LOCK_KEY: i64 = 0x7265_7475_726e_7377;

/// This process's claim to run the workflows.
#[derive(Default)]
pub(crate) struct Leadership {
    connection: Mutex<Option<PgConnection>>,
}

impl Leadership {
    /// Whether this process runs the workflows now (taking the lock if free).
    pub async fn acquire(&self, backend: &Backend) -> bool {
        let Backend::Postgres(pool) = backend else {
            return true;
        };
        let mut held = self.connection.lock().await;
        if held.is_none() {
            match pool.connect_options().connect().await {
                Ok(connection) => *held = Some(connection),
                Err(err) => {
                    tracing::warn!(error = %err, "workflow leader election cannot connect");
                    return false;
                }
            }
        }
        let Some(connection) = held.as_mut() else {
            return false;
        };
        // Re-taking a session lock this session holds succeeds, so the
        // leader simply asks again each tick; a broken connection drops it.
        match sqlx::query_scalar::<_, bool>("SELECT pg_try_advisory_lock($1)")
            .bind(LOCK_KEY)
            .fetch_one(connection)
            .await
        {
            Ok(leader) => leader,
            Err(err) => {
                tracing::warn!(error = %err, "workflow leader election failed");
                *held = None;
                false
            }
        }
    }

    /// Gives the lock up (closing the session releases it).
    pub async fn release(&self) {
        if let Some(connection) = self.connection.lock().await.take() {
            let _ = sqlx::Connection::close(connection).await;
        }
    }
}
