//! The periodic seal: a fingerprint of the log head recorded at an interval,
//! so `verify --all` can tell when newest events were deleted.

use std::time::Duration;

use returns_eventstore::EventStore;
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// Seals the log every `every` while it grows, until shutdown begins (the
/// last seal comes from [`seal_on_shutdown`], once requests have drained).
pub fn spawn_sealer(
    store: EventStore,
    every: Duration,
    mut shutdown: watch::Receiver<bool>,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut last_sealed = match store.seals().await {
            Ok(seals) => seals.last().map_or(0, |s| s.head_position),
            Err(error) => {
                tracing::warn!(%error, "cannot read seals; sealing from scratch");
                0
            }
        };
        loop {
            tokio::select! {
                _ = tokio::time::sleep(every) => {}
                _ = shutdown.wait_for(|s| *s) => break,
            }
            last_sealed = seal_if_grown(&store, last_sealed).await;
        }
    })
}

/// Seals the final head after the last request was answered, if it moved
/// since the last seal.
pub async fn seal_on_shutdown(store: &EventStore) {
    let last_sealed = match store.seals().await {
        Ok(seals) => seals.last().map_or(0, |s| s.head_position),
        Err(error) => {
            tracing::warn!(%error, "cannot read seals at shutdown");
            0
        }
    };
    seal_if_grown(store, last_sealed).await;
}

/// Records a seal if the head moved past `last_sealed`; returns the new last sealed head.
async fn seal_if_grown(store: &EventStore, last_sealed: i64) -> i64 {
    match store.head_position().await {
        Ok(head) if head > last_sealed => match store.seal().await {
            Ok(seal) => {
                tracing::info!(
                    seal_id = seal.seal_id,
                    head = seal.head_position,
                    "log sealed"
                );
                seal.head_position
            }
            Err(error) => {
                tracing::warn!(%error, "sealing failed; will retry");
                last_sealed
            }
        },
        Ok(_) => last_sealed,
        Err(error) => {
            tracing::warn!(%error, "cannot read the log head; will retry");
            last_sealed
        }
    }
}
