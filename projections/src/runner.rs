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
//! A projection more than a batch behind the others (a new version building
//! from nothing, or one whose server was down) catches up in a task of its
//! own and joins the others once within a batch of them, so a long rebuild
//! never holds back the read models people are working from.
//!
//! Projections still fail alone. A batch whose statements fail for one
//! projection rolls back; that projection lets its lock go and rests for
//! the error backoff, the others read the batch again and go on without it,
//! and it rejoins from its own checkpoint (the reader then starts again from
//! the lowest checkpoint it leads, handing each projection only the events
//! after its own). A failure nobody can be blamed for alone (the log cannot
//! be read, an event cannot be decoded) rests them all. No event is lost or
//! applied twice: a checkpoint moves only with its rows.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

use returns_eventstore::db::Lease;
use returns_eventstore::{EventStore, Subscription};
use serde::Serialize;
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};

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

impl Led {
    fn name(&self) -> &str {
        self.projection.name()
    }
}

/// Projections read from one place in the log: the live pass, or one
/// projection catching up on its own.
#[derive(Default)]
struct Pass {
    led: Vec<Led>,
    reader: Option<Reader>,
}

/// The log as a pass reads it: from the lowest checkpoint it leads.
struct Reader {
    subscription: Subscription,
    /// The last event read.
    position: i64,
    states: ReplayStates,
}

/// Why projections stopped being led: their names and the error.
struct Failure(Vec<String>, Error);

/// What a catch-up task ends with.
enum CaughtUp {
    /// Within a batch of the live pass: it joins it.
    Joined(Led),
    /// It failed (its lock is released) and rests.
    Failed(Vec<String>),
    /// The runner stopped (its lock is released).
    Stopped,
}

/// What woke the live pass.
enum Wake {
    Stop,
    Claim,
    Returned(Result<(tokio::task::Id, CaughtUp), tokio::task::JoinError>),
    Batch(Vec<returns_eventstore::RecordedEvent>),
    Failed(Failure),
}

#[derive(Clone)]
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

    /// Stops leading `l` and lets its lock go.
    async fn let_go(&self, l: Led) {
        let name = l.name().to_owned();
        l.lease.release().await;
        self.update(&name, |s| s.leading = false);
    }

    fn batch(&self) -> i64 {
        i64::try_from(self.options.batch_size).unwrap_or(i64::MAX)
    }

    /// The live pass: every projection led here within a batch of the
    /// front, read once. A projection further behind (a new version, a
    /// restart after long downtime) catches up in a task of its own, so it
    /// never holds the others back, and joins when it comes within a batch.
    async fn run(self) {
        // The checkpoint table, once, before any projection is led.
        while let Err(err) = checkpoint::migrate(&self.store).await {
            tracing::warn!(error = %err, "cannot create the projection checkpoints");
            if self.pause(self.options.error_backoff).await {
                return;
            }
        }
        let mut live = Pass::default();
        // Dropped with this task (also when it is aborted), which aborts them.
        let mut catching_up: JoinSet<CaughtUp> = JoinSet::new();
        let front = Arc::new(AtomicI64::new(0));
        let mut away: BTreeSet<String> = BTreeSet::new();
        let mut tasks: HashMap<tokio::task::Id, String> = HashMap::new();
        let mut resting: BTreeMap<String, Instant> = BTreeMap::new();
        let mut next_claim = Instant::now();
        loop {
            if self.is_stopped() {
                break;
            }
            let unled = live.led.len() + away.len() < self.projections.len();
            if unled && Instant::now() >= next_claim {
                resting.retain(|_, until| *until > Instant::now());
                let claimed = self.claim(&live, &away, &resting).await;
                let reach = claimed.iter().chain(&live.led).map(|l| l.position).max();
                for l in claimed {
                    if reach.is_some_and(|reach| l.position + self.batch() < reach) {
                        let name = l.name().to_owned();
                        let task = catching_up.spawn(self.clone().catch_up(l, front.clone()));
                        away.insert(name.clone());
                        tasks.insert(task.id(), name);
                    } else {
                        live.led.push(l);
                    }
                }
                next_claim = Instant::now() + self.options.lock_retry;
            }
            if let Some(reach) = live.led.iter().map(|l| l.position).max() {
                front.store(reach, Ordering::SeqCst);
            }
            let wake = if live.led.is_empty() {
                let mut stopped = self.stopped.clone();
                tokio::select! {
                    _ = stopped.wait_for(|s| *s) => Wake::Stop,
                    _ = tokio::time::sleep_until(next_claim) => Wake::Claim,
                    Some(back) = catching_up.join_next_with_id() => Wake::Returned(back),
                }
            } else {
                let unled = live.led.len() + away.len() < self.projections.len();
                let names: Vec<String> = live.led.iter().map(|l| l.name().to_owned()).collect();
                match self.follow(&mut live).await {
                    Ok(reader) => {
                        let mut stopped = self.stopped.clone();
                        tokio::select! {
                            _ = stopped.wait_for(|s| *s) => Wake::Stop,
                            _ = tokio::time::sleep_until(next_claim), if unled => Wake::Claim,
                            Some(back) = catching_up.join_next_with_id() => Wake::Returned(back),
                            batch = reader.subscription.next_batch(self.options.batch_size) => {
                                match batch {
                                    Ok(batch) => Wake::Batch(batch),
                                    Err(e) => Wake::Failed(Failure(names, e.into())),
                                }
                            }
                        }
                    }
                    Err(failure) => Wake::Failed(failure),
                }
            };
            match wake {
                Wake::Stop => break,
                Wake::Claim => {}
                Wake::Returned(Err(panicked)) => {
                    // Its lock went with the task; it rests like any failure.
                    if let Some(name) = tasks.remove(&panicked.id()) {
                        tracing::error!(projection = %name, error = %panicked, "catching up failed");
                        away.remove(&name);
                        self.update(&name, |s| {
                            s.leading = false;
                            s.failures += 1;
                            s.last_error = Some(panicked.to_string());
                        });
                        resting.insert(name, Instant::now() + self.options.error_backoff);
                    }
                }
                Wake::Returned(Ok((id, back))) => {
                    tasks.remove(&id);
                    match back {
                        CaughtUp::Joined(l) => {
                            away.remove(l.name());
                            live.led.push(l);
                        }
                        CaughtUp::Failed(names) => {
                            let until = Instant::now() + self.options.error_backoff;
                            for name in names {
                                away.remove(&name);
                                resting.insert(name, until);
                            }
                        }
                        CaughtUp::Stopped => {}
                    }
                }
                Wake::Failed(failure) => self.fail(&mut live, failure, &mut resting).await,
                Wake::Batch(recorded) => {
                    if let Err(failure) = self.apply(&mut live, recorded).await {
                        self.fail(&mut live, failure, &mut resting).await;
                    }
                }
            }
        }
        for l in live.led {
            self.let_go(l).await;
        }
        // Each catch-up task sees the stop and lets its lock go, unless it
        // caught up at that moment and handed its lock here.
        while let Some(back) = catching_up.join_next().await {
            if let Ok(CaughtUp::Joined(l)) = back {
                self.let_go(l).await;
            }
        }
    }

    /// One projection behind the live pass by more than a batch, applied on
    /// its own until it comes within a batch of `front`.
    async fn catch_up(self, led: Led, front: Arc<AtomicI64>) -> CaughtUp {
        tracing::info!(projection = %led.name(), from = led.position, "catching up on its own");
        let mut pass = Pass {
            led: vec![led],
            reader: None,
        };
        let mut stopped = self.stopped.clone();
        loop {
            let Some(position) = pass.led.first().map(|l| l.position) else {
                return CaughtUp::Stopped;
            };
            if position + self.batch() >= front.load(Ordering::SeqCst) {
                return match pass.led.pop() {
                    Some(l) => CaughtUp::Joined(l),
                    None => CaughtUp::Stopped,
                };
            }
            let names: Vec<String> = pass.led.iter().map(|l| l.name().to_owned()).collect();
            let outcome = match self.follow(&mut pass).await {
                Ok(reader) => tokio::select! {
                    _ = stopped.wait_for(|s| *s) => None,
                    batch = reader.subscription.next_batch(self.options.batch_size) => {
                        Some(batch.map_err(|e| Failure(names, e.into())))
                    }
                },
                Err(failure) => Some(Err(failure)),
            };
            let result = match outcome {
                None => {
                    for l in pass.led.drain(..) {
                        self.let_go(l).await;
                    }
                    return CaughtUp::Stopped;
                }
                Some(Ok(batch)) => self.apply(&mut pass, batch).await,
                Some(Err(failure)) => Err(failure),
            };
            if let Err(failure) = result {
                let names = failure.0.clone();
                self.fail(&mut pass, failure, &mut BTreeMap::new()).await;
                return CaughtUp::Failed(names);
            }
        }
    }

    /// Takes the locks of the projections neither led, catching up nor
    /// resting, and reads their checkpoints.
    async fn claim(
        &self,
        live: &Pass,
        away: &BTreeSet<String>,
        resting: &BTreeMap<String, Instant>,
    ) -> Vec<Led> {
        let mut claimed = Vec::new();
        for projection in &self.projections {
            let name = projection.name();
            if resting.contains_key(name)
                || away.contains(name)
                || live.led.iter().any(|l| l.name() == name)
            {
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
                    claimed.push(Led {
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
        claimed
    }

    /// The pass's reader, from its lowest checkpoint (a projection that
    /// joined behind it is read for again; when the lowest one left, what
    /// only it needed is skipped), after recording which projections have
    /// reached the head.
    async fn follow<'p>(&self, pass: &'p mut Pass) -> Result<&'p mut Reader, Failure> {
        let everyone = |e: Error, pass: &Pass| {
            Failure(pass.led.iter().map(|l| l.name().to_owned()).collect(), e)
        };
        if pass.led.iter().any(|l| !l.caught_up) {
            let head = match self.store.head_position().await {
                Ok(head) => head,
                Err(e) => return Err(everyone(e.into(), pass)),
            };
            for l in pass
                .led
                .iter_mut()
                .filter(|l| !l.caught_up && l.position >= head)
            {
                let now = self.store.clock().now().timestamp_micros();
                checkpoint::mark_caught_up(self.store.db(), l.projection.name(), now)
                    .await
                    .map_err(|e| Failure(vec![l.name().to_owned()], e))?;
                l.caught_up = true;
            }
        }
        let from = pass.led.iter().map(|l| l.position).min().unwrap_or(0);
        if pass.reader.as_ref().is_some_and(|r| r.position != from) {
            pass.reader = None;
        }
        Ok(pass.reader.get_or_insert_with(|| Reader {
            subscription: self.store.subscribe(from),
            position: from,
            states: ReplayStates::shared(self.states.clone()),
        }))
    }

    /// Decodes and folds `recorded` once, and writes every led projection's
    /// share of it (the events after its own checkpoint) and its new
    /// checkpoint in one transaction.
    async fn apply(
        &self,
        pass: &mut Pass,
        recorded: Vec<returns_eventstore::RecordedEvent>,
    ) -> Result<(), Failure> {
        let everyone = |pass: &Pass| pass.led.iter().map(|l| l.name().to_owned()).collect();
        let Some(to) = recorded.last().map(|e| e.position) else {
            return Ok(());
        };
        for l in pass.led.iter_mut() {
            l.lease
                .check()
                .await
                .map_err(|e| Failure(vec![l.name().to_owned()], e.into()))?;
        }
        let Some(reader) = pass.reader.as_mut() else {
            return Ok(());
        };
        let events = match prepare(&self.store, &mut reader.states, recorded).await {
            Ok(events) => events,
            Err(e) => return Err(Failure(everyone(pass), e)),
        };
        let dialect = self.store.db().dialect();
        let mut work = Vec::with_capacity(pass.led.len());
        for l in pass.led.iter().filter(|l| l.position < to) {
            let after = events.partition_point(|e| e.position <= l.position);
            let batch = Batch {
                events: &events[after..],
                states: &reader.states,
            };
            let statements = l
                .projection
                .apply(dialect, &batch)
                .map_err(|e| Failure(vec![l.name().to_owned()], e))?;
            work.push((
                l.name().to_owned(),
                statements,
                l.position,
                events.len() - after,
            ));
        }
        let shares: Vec<Share<'_>> = work
            .iter()
            .map(|(name, statements, from, _)| Share {
                name,
                statements,
                from: *from,
            })
            .collect();
        if let Err(err) = execute_shares(&self.store, &shares, to).await {
            let names = match &err {
                Error::Projection { name, .. } | Error::CheckpointMoved { name, .. } => {
                    vec![name.clone()]
                }
                _ => everyone(pass),
            };
            return Err(Failure(names, err));
        }
        reader.position = to;
        reader.states.trim();
        for (name, _, _, applied) in &work {
            if let Some(l) = pass.led.iter_mut().find(|l| l.name() == name) {
                l.position = to;
            }
            self.update(name, |s| {
                s.position = to;
                s.applied_events += *applied as u64;
            });
        }
        Ok(())
    }

    /// The batch was rolled back: the failed projections let their locks go
    /// and rest; the others read it again.
    async fn fail(
        &self,
        pass: &mut Pass,
        Failure(names, err): Failure,
        resting: &mut BTreeMap<String, Instant>,
    ) {
        pass.reader = None;
        tracing::error!(projections = ?names, error = %err, "projection batch failed; rolled back, will resume from the checkpoint");
        let message = err.to_string();
        let until = Instant::now() + self.options.error_backoff;
        for name in names {
            if let Some(at) = pass.led.iter().position(|l| l.name() == name) {
                let gone = pass.led.swap_remove(at);
                gone.lease.release().await;
            }
            self.update(&name, |s| {
                s.leading = false;
                s.failures += 1;
                s.last_error = Some(message.clone());
            });
            resting.insert(name, until);
        }
    }
}
