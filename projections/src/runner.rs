//! [`ProjectionRunner`]: keeps projections up to date in-process.
//!
//! One task per projection: take the projection's lock (PostgreSQL), read
//! its checkpoint, then follow the log through the store's subscription
//! (catch-up pages, then live), applying each batch and the new checkpoint
//! in one transaction. On an error the task rolls back, waits, and starts
//! over from the stored checkpoint: no event is lost or applied twice.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use returns_eventstore::db::Lease;
use returns_eventstore::EventStore;
use serde::Serialize;
use tokio::sync::{watch, OnceCell};
use tokio::task::JoinHandle;

use crate::apply::{commit_batch, prepare};
use crate::checkpoint;
use crate::error::Result;
use crate::projection::Projection;
use returns_tickets::{ReplayStates, SharedStates, Tickets};

/// The lease a projection's runner holds while it applies the projection.
pub fn lease_name(projection: &str) -> String {
    format!("returns-projection:{projection}")
}

/// Events a live runner applies in one transaction. A runner that has fallen
/// behind holds a full batch: its events, the folded state of every ticket
/// they touch, and the read model's rows. Under the bench's soak on SQLite
/// that is what moves the server's memory (RSS 120 → 180 MiB whenever the
/// six runners lagged by 2,000 events), but a smaller batch costs more than
/// it saves there: with 250, each batch's transaction waits for SQLite's one
/// write lock beside the appends, and the runners fell behind for good
/// (15,000 events after eight minutes, issue #28). Less memory per lagging
/// runner needs the runners to share their reading and folding instead.
pub const BATCH_SIZE: usize = 1000;

/// How a runner paces itself.
#[derive(Debug, Clone)]
pub struct RunnerOptions {
    /// Most events applied in one transaction.
    pub batch_size: usize,
    /// How often a runner without the lock tries again.
    pub lock_retry: Duration,
    /// Pause after a failed batch before starting over.
    pub error_backoff: Duration,
}

impl Default for RunnerOptions {
    fn default() -> Self {
        Self {
            batch_size: BATCH_SIZE,
            lock_retry: returns_eventstore::db::lease::PERIOD,
            error_backoff: Duration::from_secs(1),
        }
    }
}

/// What one projection's task is doing, for operators and tests.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ProjectionStatus {
    /// The projection's versioned name.
    pub name: String,
    /// Whether this runner holds the projection's lock and applies it.
    pub leading: bool,
    /// The checkpoint this runner last committed.
    pub position: i64,
    /// Ticket events this runner applied (across restarts of the task).
    pub applied_events: u64,
    /// Batches that failed and were rolled back.
    pub failures: u64,
    /// The most recent failure.
    pub last_error: Option<String>,
}

type Statuses = Arc<Mutex<BTreeMap<String, ProjectionStatus>>>;

/// Starts runners.
#[derive(Debug, Clone, Copy)]
pub struct ProjectionRunner;

impl ProjectionRunner {
    /// Runs `projections` against the log of `tickets` with default options.
    pub fn spawn(tickets: &Tickets, projections: Vec<Arc<dyn Projection>>) -> RunnerHandle {
        Self::spawn_with(tickets, projections, RunnerOptions::default())
    }

    /// Runs `projections` against the log of `tickets` with `options`; the
    /// states the runners fold go to the process's shared cache, where
    /// commands find them.
    pub fn spawn_with(
        tickets: &Tickets,
        projections: Vec<Arc<dyn Projection>>,
        options: RunnerOptions,
    ) -> RunnerHandle {
        let store = tickets.store();
        let (stop, stopped) = watch::channel(false);
        let statuses: Statuses = Arc::default();
        let migrated: Arc<OnceCell<()>> = Arc::default();
        let tasks = projections
            .into_iter()
            .map(|projection| {
                if let Ok(mut map) = statuses.lock() {
                    map.insert(
                        projection.name().to_owned(),
                        ProjectionStatus {
                            name: projection.name().to_owned(),
                            ..ProjectionStatus::default()
                        },
                    );
                }
                let task = Task {
                    store: store.clone(),
                    states: tickets.states().clone(),
                    projection,
                    options: options.clone(),
                    stopped: stopped.clone(),
                    statuses: statuses.clone(),
                    migrated: migrated.clone(),
                };
                tokio::spawn(task.run())
            })
            .collect();
        RunnerHandle {
            stop,
            tasks,
            statuses,
        }
    }
}

/// A running set of projection tasks.
pub struct RunnerHandle {
    stop: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
    statuses: Statuses,
}

impl RunnerHandle {
    /// Stops after the batches in flight commit, and releases the locks.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        for task in self.tasks {
            let _ = task.await;
        }
    }

    /// Kills the tasks wherever they are, as a crash would: a transaction
    /// in flight rolls back. For tests and emergencies.
    pub fn abort(self) {
        for task in &self.tasks {
            task.abort();
        }
    }

    /// Each projection's status, by name.
    pub fn status(&self) -> Vec<ProjectionStatus> {
        self.statuses
            .lock()
            .map(|map| map.values().cloned().collect())
            .unwrap_or_default()
    }
}

struct Task {
    store: EventStore,
    states: Arc<SharedStates>,
    projection: Arc<dyn Projection>,
    options: RunnerOptions,
    stopped: watch::Receiver<bool>,
    statuses: Statuses,
    /// The checkpoint table is created once per runner, not by every task at once.
    migrated: Arc<OnceCell<()>>,
}

impl Task {
    fn update(&self, f: impl FnOnce(&mut ProjectionStatus)) {
        if let Ok(mut map) = self.statuses.lock() {
            if let Some(status) = map.get_mut(self.projection.name()) {
                f(status);
            }
        }
    }

    fn is_stopped(&self) -> bool {
        *self.stopped.borrow()
    }

    /// Sleeps `pause` or until stopped; true when stopped.
    async fn pause(&mut self, pause: Duration) -> bool {
        let mut stopped = self.stopped.clone();
        let _ = tokio::time::timeout(pause, stopped.wait_for(|s| *s)).await;
        self.is_stopped()
    }

    async fn run(mut self) {
        let name = self.projection.name().to_owned();
        while !self.is_stopped() {
            let leadership = match Lease::try_acquire(self.store.db(), &lease_name(&name)).await {
                Ok(Some(leadership)) => leadership,
                Ok(None) => {
                    if self.pause(self.options.lock_retry).await {
                        return;
                    }
                    continue;
                }
                Err(err) => {
                    tracing::warn!(projection = %name, error = %err, "cannot take projection lock");
                    if self.pause(self.options.error_backoff).await {
                        return;
                    }
                    continue;
                }
            };
            tracing::info!(projection = %name, "applying projection");
            self.update(|s| s.leading = true);
            let mut leadership = leadership;
            let outcome = self.lead(&mut leadership).await;
            leadership.release().await;
            self.update(|s| s.leading = false);
            match outcome {
                Ok(()) => return,
                Err(err) => {
                    tracing::error!(projection = %name, error = %err, "projection batch failed; rolled back, will resume from the checkpoint");
                    let message = err.to_string();
                    self.update(|s| {
                        s.failures += 1;
                        s.last_error = Some(message);
                    });
                    if self.pause(self.options.error_backoff).await {
                        return;
                    }
                }
            }
        }
    }

    /// Applies the projection until stopped (Ok) or a batch fails (Err).
    async fn lead(&mut self, leadership: &mut Lease) -> Result<()> {
        let store = self.store.clone();
        let projection = self.projection.clone();
        let name = projection.name().to_owned();
        self.migrated
            .get_or_try_init(|| checkpoint::migrate(&store))
            .await?;
        checkpoint::install(&store, projection.as_ref()).await?;
        let start = checkpoint::get(store.db(), &name).await?;
        let mut position = start.as_ref().map_or(0, |c| c.position);
        let mut caught_up = start.is_some_and(|c| c.caught_up_at.is_some());
        let mut subscription = store.subscribe(position);
        let mut states = ReplayStates::shared(self.states.clone());
        let mut stopped = self.stopped.clone();
        loop {
            if !caught_up && position >= store.head_position().await? {
                checkpoint::mark_caught_up(
                    store.db(),
                    &name,
                    store.clock().now().timestamp_micros(),
                )
                .await?;
                caught_up = true;
            }
            let recorded = tokio::select! {
                _ = stopped.wait_for(|s| *s) => return Ok(()),
                batch = subscription.next_batch(self.options.batch_size) => batch?,
            };
            let Some(to) = recorded.last().map(|e| e.position) else {
                continue;
            };
            leadership.check().await?;
            let events = prepare(&store, &mut states, recorded).await?;
            commit_batch(
                &store,
                &[projection.as_ref()],
                &events,
                &states,
                position,
                to,
            )
            .await?;
            position = to;
            let applied = events.len() as u64;
            self.update(|s| {
                s.position = to;
                s.applied_events += applied;
            });
            states.trim();
        }
    }
}
