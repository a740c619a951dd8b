//! [`ProjectionRunner`]: keeps projections up to date in-process.
//!
//! One task per process leads every projection whose lock (a lease, on
//! PostgreSQL) it can take. It reads the log once through the store's
//! subscription (catch-up pages, then live), decodes and folds each batch
//! once, and commits every led projection's rows and new checkpoint in one
//! transaction. Before, each projection had a task of its own, and six tasks
//! read, decoded and folded the same events and tickets: six batches in
//! memory at once whenever they lagged (what kept the soak's RSS above its
//! goal, issue #28), and on SQLite six transactions queueing for the one
//! write lock beside the appends.
//!
//! Projections still fail alone. A batch whose statements fail for one
//! projection rolls back; that projection lets its lock go and rests for
//! the error backoff, the others read the batch again and go on without it,
//! and it rejoins from its own checkpoint (the reader then starts again from
//! the lowest checkpoint it leads, handing each projection only the events
//! after its own). A failure nobody can be blamed for alone (the log cannot
//! be read, an event cannot be decoded) rests them all. No event is lost or
//! applied twice: a checkpoint moves only with its rows.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

use returns_eventstore::db::Lease;
use returns_eventstore::{EventStore, Subscription};
use serde::Serialize;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::apply::{execute_shares, prepare, Share};
use crate::checkpoint;
use crate::error::Error;
use crate::projection::{Batch, Projection};
use returns_tickets::{ReplayStates, SharedStates, Tickets};

/// The lease a projection's runner holds while it applies the projection.
pub fn lease_name(projection: &str) -> String {
    format!("returns-projection:{projection}")
}

/// Events a live runner applies in one transaction. A runner that has fallen
/// behind holds a full batch: its events, the folded state of every ticket
/// they touch, and the read models' rows. A smaller batch costs more than it
/// saves on SQLite: with 250, each batch's transaction waited for the one
/// write lock beside the appends and the runners fell behind for good
/// (15,000 events after eight minutes of the soak, issue #28).
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
        let (stop, stopped) = watch::channel(false);
        let statuses: Statuses = Arc::default();
        if let Ok(mut map) = statuses.lock() {
            for projection in &projections {
                map.insert(
                    projection.name().to_owned(),
                    ProjectionStatus {
                        name: projection.name().to_owned(),
                        ..ProjectionStatus::default()
                    },
                );
            }
        }
        let group = Group {
            store: tickets.store().clone(),
            states: tickets.states().clone(),
            projections,
            options,
            stopped,
            statuses: statuses.clone(),
        };
        RunnerHandle {
            stop,
            tasks: vec![tokio::spawn(group.run())],
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

/// A projection this process leads.
struct Led {
    projection: Arc<dyn Projection>,
    lease: Lease,
    /// Its checkpoint: every event up to here is in its rows.
    position: i64,
    caught_up: bool,
}

/// The log as the group reads it: from the lowest checkpoint it leads.
struct Reader {
    subscription: Subscription,
    /// The last event read.
    position: i64,
    states: ReplayStates,
}

/// Why a projection stopped being led.
enum Failure {
    /// Its own statements or checkpoint: it rests, the others go on.
    One(String, Error),
    /// Everyone's (the log, decoding): all rest.
    All(Error),
}

struct Group {
    store: EventStore,
    states: Arc<SharedStates>,
    projections: Vec<Arc<dyn Projection>>,
    options: RunnerOptions,
    stopped: watch::Receiver<bool>,
    statuses: Statuses,
}

impl Group {
    fn update(&self, name: &str, f: impl FnOnce(&mut ProjectionStatus)) {
        if let Ok(mut map) = self.statuses.lock() {
            if let Some(status) = map.get_mut(name) {
                f(status);
            }
        }
    }

    fn is_stopped(&self) -> bool {
        *self.stopped.borrow()
    }

    /// Sleeps `pause` or until stopped; true when stopped.
    async fn pause(&self, pause: Duration) -> bool {
        let mut stopped = self.stopped.clone();
        let _ = tokio::time::timeout(pause, stopped.wait_for(|s| *s)).await;
        self.is_stopped()
    }

    async fn run(self) {
        // The checkpoint table, once, before any projection is led.
        while let Err(err) = checkpoint::migrate(&self.store).await {
            tracing::warn!(error = %err, "cannot create the projection checkpoints");
            if self.pause(self.options.error_backoff).await {
                return;
            }
        }
        let mut led: Vec<Led> = Vec::new();
        // Projections resting after a failure, until when.
        let mut resting: BTreeMap<String, Instant> = BTreeMap::new();
        let mut reader: Option<Reader> = None;
        let mut next_claim = Instant::now();
        loop {
            if self.is_stopped() {
                break;
            }
            if led.len() < self.projections.len() && Instant::now() >= next_claim {
                resting.retain(|_, until| *until > Instant::now());
                self.claim(&mut led, &resting).await;
                next_claim = Instant::now() + self.options.lock_retry;
            }
            let Some(from) = led.iter().map(|l| l.position).min() else {
                if self.pause(self.options.lock_retry).await {
                    break;
                }
                continue;
            };
            // The reader follows the lowest checkpoint: a projection that
            // joined behind it is read for again, and when the lowest one
            // left, the events only it needed are skipped.
            if reader.as_ref().is_none_or(|r| r.position != from) {
                reader = Some(Reader {
                    subscription: self.store.subscribe(from),
                    position: from,
                    states: ReplayStates::shared(self.states.clone()),
                });
            }
            let Some(current) = reader.as_mut() else {
                continue;
            };
            let outcome = self.step(&mut led, current, next_claim).await;
            match outcome {
                Ok(true) => {}
                Ok(false) => break,
                Err(failure) => {
                    // The batch was rolled back; whoever goes on reads it again.
                    reader = None;
                    let (names, err) = match failure {
                        Failure::One(name, err) => (vec![name], err),
                        Failure::All(err) => (led.iter().map(name_of).collect(), err),
                    };
                    tracing::error!(projections = ?names, error = %err, "projection batch failed; rolled back, will resume from the checkpoint");
                    let message = err.to_string();
                    let until = Instant::now() + self.options.error_backoff;
                    for name in names {
                        if let Some(at) = led.iter().position(|l| name_of(l) == name) {
                            let gone = led.swap_remove(at);
                            gone.lease.release().await;
                        }
                        self.update(&name, |s| {
                            s.leading = false;
                            s.failures += 1;
                            s.last_error = Some(message.clone());
                        });
                        resting.insert(name, until);
                    }
                    if led.is_empty() && self.pause(self.options.error_backoff).await {
                        break;
                    }
                }
            }
        }
        for l in led {
            let name = name_of(&l);
            l.lease.release().await;
            self.update(&name, |s| s.leading = false);
        }
    }

    /// Takes the locks of the projections not led and not resting.
    async fn claim(&self, led: &mut Vec<Led>, resting: &BTreeMap<String, Instant>) {
        for projection in &self.projections {
            let name = projection.name();
            if resting.contains_key(name) || led.iter().any(|l| l.projection.name() == name) {
                continue;
            }
            let lease = match Lease::try_acquire(self.store.db(), &lease_name(name)).await {
                Ok(Some(lease)) => lease,
                Ok(None) => continue,
                Err(err) => {
                    tracing::warn!(projection = %name, error = %err, "cannot take projection lock");
                    continue;
                }
            };
            let start = async {
                checkpoint::install(&self.store, projection.as_ref()).await?;
                checkpoint::get(self.store.db(), name).await
            };
            match start.await {
                Ok(start) => {
                    tracing::info!(projection = %name, "applying projection");
                    let position = start.as_ref().map_or(0, |c| c.position);
                    self.update(name, |s| {
                        s.leading = true;
                        s.position = position;
                    });
                    led.push(Led {
                        projection: projection.clone(),
                        lease,
                        position,
                        caught_up: start.is_some_and(|c| c.caught_up_at.is_some()),
                    });
                }
                Err(err) => {
                    tracing::warn!(projection = %name, error = %err, "cannot install projection");
                    lease.release().await;
                }
            }
        }
    }

    /// Records, once, that each led projection at or past `head` caught up.
    async fn mark_caught_up(&self, led: &mut [Led], head: i64) -> Result<(), Failure> {
        for l in led
            .iter_mut()
            .filter(|l| !l.caught_up && l.position >= head)
        {
            let now = self.store.clock().now().timestamp_micros();
            checkpoint::mark_caught_up(self.store.db(), l.projection.name(), now)
                .await
                .map_err(|e| Failure::One(name_of(l), e))?;
            l.caught_up = true;
        }
        Ok(())
    }

    /// Applies the next batch to every led projection behind its end: Ok(false)
    /// when stopped, Ok(true) to go on (also when no batch came before the
    /// next claim is due).
    async fn step(
        &self,
        led: &mut [Led],
        reader: &mut Reader,
        next_claim: Instant,
    ) -> Result<bool, Failure> {
        let store = &self.store;
        if led.iter().any(|l| !l.caught_up) {
            let head = store
                .head_position()
                .await
                .map_err(|e| Failure::All(e.into()))?;
            self.mark_caught_up(led, head).await?;
        }

        let claim_due = led.len() < self.projections.len();
        let mut stopped = self.stopped.clone();
        let recorded = tokio::select! {
            _ = stopped.wait_for(|s| *s) => return Ok(false),
            _ = tokio::time::sleep_until(next_claim), if claim_due => return Ok(true),
            batch = reader.subscription.next_batch(self.options.batch_size) => {
                batch.map_err(|e| Failure::All(e.into()))?
            }
        };
        let Some(to) = recorded.last().map(|e| e.position) else {
            return Ok(true);
        };
        for l in led.iter_mut() {
            l.lease
                .check()
                .await
                .map_err(|e| Failure::One(name_of(l), e.into()))?;
        }
        let events = prepare(store, &mut reader.states, recorded)
            .await
            .map_err(Failure::All)?;
        let dialect = store.db().dialect();
        let mut work = Vec::with_capacity(led.len());
        for l in led.iter().filter(|l| l.position < to) {
            // Only the events after this projection's own checkpoint.
            let after = events.partition_point(|e| e.position <= l.position);
            let batch = Batch {
                events: &events[after..],
                states: &reader.states,
            };
            let statements = l
                .projection
                .apply(dialect, &batch)
                .map_err(|e| Failure::One(name_of(l), e))?;
            work.push((name_of(l), statements, l.position, events.len() - after));
        }
        let shares: Vec<Share<'_>> = work
            .iter()
            .map(|(name, statements, from, _)| Share {
                name,
                statements,
                from: *from,
            })
            .collect();
        execute_shares(store, &shares, to)
            .await
            .map_err(|err| match &err {
                Error::Projection { name, .. } | Error::CheckpointMoved { name, .. } => {
                    Failure::One(name.clone(), err)
                }
                _ => Failure::All(err),
            })?;
        reader.position = to;
        for (name, _, _, applied) in &work {
            if let Some(l) = led.iter_mut().find(|l| l.projection.name() == name) {
                l.position = to;
            }
            self.update(name, |s| {
                s.position = to;
                s.applied_events += *applied as u64;
            });
        }
        reader.states.trim();
        Ok(true)
    }
}

fn name_of(led: &Led) -> String {
    led.projection.name().to_owned()
}
