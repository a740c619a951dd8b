//! One server at a time runs the event-driven workflows: the holder of the
//! `returns-workflows` lease ([`returns_eventstore::db::Lease`]). When it
//! dies its lease goes with its connection and another server takes over
//! on its next tick. Timers need no leader: claiming with `FOR UPDATE SKIP
//! LOCKED` lets every server fire timers, each timer once.

use returns_eventstore::db::{Db, Lease};
use tokio::sync::Mutex;

/// The lease's name, shared by every server of one database.
const LEASE: &str = "returns-workflows";

/// This process's claim to run the workflows.
#[derive(Default)]
pub(crate) struct Leadership {
    lease: Mutex<Option<Lease>>,
}

impl Leadership {
    /// Whether this process runs the workflows now: keeps a lease it holds
    /// while its connection lives, else tries to take it.
    pub async fn acquire(&self, db: &Db) -> bool {
        let mut held = self.lease.lock().await;
        if let Some(lease) = held.as_mut() {
            match lease.check().await {
                Ok(()) => return true,
                Err(err) => {
                    tracing::warn!(error = %err, "workflow lease lost");
                    if let Some(lost) = held.take() {
                        lost.release().await;
                    }
                }
            }
        }
        match Lease::try_acquire(db, LEASE).await {
            Ok(Some(lease)) => {
                *held = Some(lease);
                true
            }
            Ok(None) => false,
            Err(err) => {
                tracing::warn!(error = %err, "workflow leader election failed");
                false
            }
        }
    }

    /// Gives the lease up, explicitly, so a successor need not wait.
    pub async fn release(&self) {
        if let Some(lease) = self.lease.lock().await.take() {
            lease.release().await;
        }
    }
}
