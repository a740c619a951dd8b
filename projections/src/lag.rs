//! How far behind each projection is, and waiting for one to catch up so a
//! query can see its caller's own writes.

use std::time::{Duration, Instant};

use returns_eventstore::EventStore;
use serde::Serialize;

use crate::checkpoint;
use crate::error::{Error, Result};
use crate::registry;

/// One projection's checkpoint against the log head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Lag {
    /// The projection's versioned name.
    pub name: String,
    /// The last position applied.
    pub checkpoint: i64,
    /// The log head now.
    pub head: i64,
    /// `head - checkpoint`.
    pub behind: i64,
    /// Whether it has ever reached the head (queries may use it).
    pub caught_up: bool,
}

/// Every installed projection's lag.
pub async fn lag(store: &EventStore) -> Result<Vec<Lag>> {
    let head = store.head_position().await?;
    Ok(checkpoint::all(store.db())
        .await?
        .into_iter()
        .map(|c| Lag {
            behind: (head - c.position).max(0),
            name: c.name,
            checkpoint: c.position,
            head,
            caught_up: c.caught_up_at.is_some(),
        })
        .collect())
}

/// How often a waiter looks at the checkpoints.
const POLL: Duration = Duration::from_millis(10);

/// Waits until the projection `name` has applied `position`, or fails
/// with [`Error::Timeout`] after `timeout`.
pub async fn wait_for_projection(
    store: &EventStore,
    name: &str,
    position: i64,
    timeout: Duration,
) -> Result<()> {
    let deadline = Instant::now() + timeout;
    loop {
        let reached = checkpoint::get(store.db(), name)
            .await?
            .map_or(0, |c| c.position);
        if reached >= position {
            return Ok(());
        }
        if Instant::now() >= deadline {
            return Err(Error::Timeout {
                name: name.to_owned(),
                wanted: position,
                reached,
            });
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Waits until every read model's serving version has applied `position`
/// (read-your-writes for a caller who just appended at `position`).
pub async fn wait_for(store: &EventStore, position: i64, timeout: Duration) -> Result<()> {
    let deadline = Instant::now() + timeout;
    for read_model in registry::READ_MODELS {
        let version = registry::serving_version(store, read_model).await?;
        let left = deadline.saturating_duration_since(Instant::now());
        wait_for_projection(store, &format!("{read_model}_v{version}"), position, left).await?;
    }
    Ok(())
}

/// Waits until the serving version of `read_model` has applied `position`.
pub async fn wait_for_read_model(
    store: &EventStore,
    read_model: &str,
    position: i64,
    timeout: Duration,
) -> Result<()> {
    let version = registry::serving_version(store, read_model).await?;
    wait_for_projection(
        store,
        &format!("{read_model}_v{version}"),
        position,
        timeout,
    )
    .await
}
