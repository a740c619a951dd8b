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

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::time::Instant;

use returns_eventstore::db::Lease;
use returns_eventstore::{EventStore, Subscription};
use serde::Serialize;
use tokio::sync::watch;
use tokio::task::{JoinHandle, JoinSet};

use crate::apply::{execute_shares, prepare, share, Share};
use crate::checkpoint;
use crate::error::Error;
use crate::projection::Projection;
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
    /// When the lease was last found held: checked once a lease period, not
    /// before every batch (the checkpoint's compare-and-set keeps a batch
    /// from landing twice whatever the lease says).
    checked: Instant,
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

impl Pass {
    fn names(&self) -> Vec<String> {
        self.led.iter().map(|l| l.name().to_owned()).collect()
    }
}

/// The log as a pass reads it: from the lowest checkpoint it leads.
struct Reader {
    subscription: Subscription,
    /// The last event read.
    position: i64,
    states: ReplayStates,
}

/// Why a batch was rolled back, and whose it was.
struct Failure {
    blame: Blame,
    error: Error,
}

enum Blame {
    /// One projection's statements, lease or checkpoint.
    One(String),
    /// Reading, decoding or folding the log: every projection in the pass.
    All,
}

impl Failure {
    fn of(name: &str, error: impl Into<Error>) -> Self {
        Self {
            blame: Blame::One(name.to_owned()),
            error: error.into(),
        }
    }

    fn all(error: impl Into<Error>) -> Self {
        Self {
            blame: Blame::All,
            error: error.into(),
        }
    }
}

/// What one read of a pass came to.
enum Step<T> {
    /// A batch was applied (or there was nothing to apply).
    Applied,
    /// A batch failed and was rolled back.
    Failed(Failure),
    /// Something else happened first: no batch was read.
    Interrupted(T),
}

/// What a catch-up task ends with.
enum CaughtUp {
    /// Within a batch of the live pass: it joins it.
    Joined(Led),
    /// It failed (its lock is released) and rests.
    Failed(Vec<String>),
    /// The runner stopped (its lock is released).
    Stopped,
}

/// What interrupted the live pass.
enum Wake {
    Stop,
    Claim,
    Returned(Result<(tokio::task::Id, CaughtUp), tokio::task::JoinError>),
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
        // The projections catching up, by their task.
        let mut away: HashMap<tokio::task::Id, String> = HashMap::new();
        let front = Arc::new(AtomicI64::new(0));
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
                        away.insert(task.id(), name);
                    } else {
                        live.led.push(l);
                    }
                }
                next_claim = Instant::now() + self.options.lock_retry;
            }
            if let Some(reach) = live.led.iter().map(|l| l.position).max() {
                front.store(reach, Ordering::SeqCst);
            }
            let claim_due =
                live.led.is_empty() || live.led.len() + away.len() < self.projections.len();
            let mut stopped = self.stopped.clone();
            let interrupt = async {
                tokio::select! {
                    _ = stopped.wait_for(|s| *s) => Wake::Stop,
                    _ = tokio::time::sleep_until(next_claim), if claim_due => Wake::Claim,
                    Some(back) = catching_up.join_next_with_id() => Wake::Returned(back),
                }
            };
            let step = if live.led.is_empty() {
                Step::Interrupted(interrupt.await)
            } else {
                self.step(&mut live, interrupt).await
            };
            match step {
                Step::Applied | Step::Interrupted(Wake::Claim) => {}
                Step::Interrupted(Wake::Stop) => break,
                Step::Failed(failure) => {
                    self.fail(&mut live, failure, &mut resting).await;
                }
                Step::Interrupted(Wake::Returned(Err(panicked))) => {
                    // Its lock went with the task; it rests like any failure.
                    if let Some(name) = away.remove(&panicked.id()) {
                        tracing::error!(projection = %name, error = %panicked, "catching up failed");
                        self.update(&name, |s| {
                            s.leading = false;
                            s.failures += 1;
                            s.last_error = Some(panicked.to_string());
                        });
                        resting.insert(name, Instant::now() + self.options.error_backoff);
                    }
                }
                Step::Interrupted(Wake::Returned(Ok((id, back)))) => {
                    away.remove(&id);
                    match back {
                        CaughtUp::Joined(l) => live.led.push(l),
                        CaughtUp::Failed(names) => {
                            let until = Instant::now() + self.options.error_backoff;
                            for name in names {
                                resting.insert(name, until);
                            }
                        }
                        CaughtUp::Stopped => {}
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
            let mut stopped = self.stopped.clone();
            let stop = async move {
                let _ = stopped.wait_for(|s| *s).await;
            };
            match self.step(&mut pass, stop).await {
                Step::Applied => {}
                Step::Interrupted(_) => {
                    for l in pass.led.drain(..) {
                        self.let_go(l).await;
                    }
                    return CaughtUp::Stopped;
                }
                Step::Failed(failure) => {
                    let names = self.fail(&mut pass, failure, &mut BTreeMap::new()).await;
                    return CaughtUp::Failed(names);
                }
            }
        }
    }

    /// Reads the next batch of `pass` and applies it, unless `interrupt`
    /// comes first; a batch once read is applied whatever happens meanwhile.
    async fn step<T>(&self, pass: &mut Pass, interrupt: impl Future<Output = T>) -> Step<T> {
        let batch = match self.follow(pass).await {
            Ok(reader) => tokio::select! {
                t = interrupt => return Step::Interrupted(t),
                batch = reader.subscription.next_batch(self.options.batch_size) => batch,
            },
            Err(failure) => return Step::Failed(failure),
        };
        let applied = match batch {
            Ok(batch) => self.apply(pass, batch).await,
            Err(e) => Err(Failure::all(e)),
        };
        match applied {
            Ok(()) => Step::Applied,
            Err(failure) => Step::Failed(failure),
        }
    }

    /// Takes the locks of the projections neither led, catching up nor
    /// resting, and reads their checkpoints.
    async fn claim(
        &self,
        live: &Pass,
        away: &HashMap<tokio::task::Id, String>,
        resting: &BTreeMap<String, Instant>,
    ) -> Vec<Led> {
        let mut claimed = Vec::new();
        for projection in &self.projections {
            let name = projection.name();
            if resting.contains_key(name)
                || away.values().any(|n| n == name)
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
                        checked: Instant::now(),
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
        if pass.led.iter().any(|l| !l.caught_up) {
            let head = self.store.head_position().await.map_err(Failure::all)?;
            for l in pass
                .led
                .iter_mut()
                .filter(|l| !l.caught_up && l.position >= head)
            {
                let now = self.store.clock().now().timestamp_micros();
                checkpoint::mark_caught_up(self.store.db(), l.projection.name(), now)
                    .await
                    .map_err(|e| Failure::of(l.name(), e))?;
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
        let Some(to) = recorded.last().map(|e| e.position) else {
            return Ok(());
        };
        let Some(reader) = pass.reader.as_mut() else {
            return Ok(());
        };
        for l in pass.led.iter_mut() {
            if l.checked.elapsed() >= returns_eventstore::db::lease::PERIOD {
                l.lease
                    .check()
                    .await
                    .map_err(|e| Failure::of(l.name(), e))?;
                l.checked = Instant::now();
            }
        }
        let events = prepare(&self.store, &mut reader.states, recorded)
            .await
            .map_err(Failure::all)?;
        let mut work = Vec::with_capacity(pass.led.len());
        for (at, l) in pass.led.iter().enumerate().filter(|(_, l)| l.position < to) {
            let (statements, applied) = share(
                &self.store,
                l.projection.as_ref(),
                &events,
                l.position,
                &reader.states,
            )
            .map_err(|e| Failure::of(l.name(), e))?;
            work.push((at, statements, applied));
        }
        let shares: Vec<Share<'_>> = work
            .iter()
            .map(|(at, statements, _)| Share {
                name: pass.led[*at].name(),
                statements,
                from: pass.led[*at].position,
            })
            .collect();
        if let Err(error) = execute_shares(&self.store, &shares, to).await {
            let blame = match &error {
                Error::Projection { name, .. } | Error::CheckpointMoved { name, .. } => {
                    Blame::One(name.clone())
                }
                _ => Blame::All,
            };
            return Err(Failure { blame, error });
        }
        drop(shares);
        reader.position = to;
        reader.states.trim();
        for (at, _, applied) in work {
            let l = &mut pass.led[at];
            l.position = to;
            self.update(l.name(), |s| {
                s.position = to;
                s.applied_events += applied as u64;
            });
        }
        Ok(())
    }

    /// The batch was rolled back: the failed projections let their locks go
    /// and rest; the others read it again. Returns who failed.
    async fn fail(
        &self,
        pass: &mut Pass,
        Failure { blame, error }: Failure,
        resting: &mut BTreeMap<String, Instant>,
    ) -> Vec<String> {
        pass.reader = None;
        let names = match blame {
            Blame::One(name) => vec![name],
            Blame::All => pass.names(),
        };
        tracing::error!(projections = ?names, error = %error, "projection batch failed; rolled back, will resume from the checkpoint");
        let message = error.to_string();
        let until = Instant::now() + self.options.error_backoff;
        for name in &names {
            if let Some(at) = pass.led.iter().position(|l| l.name() == name) {
                let gone = pass.led.swap_remove(at);
                gone.lease.release().await;
            }
            self.update(name, |s| {
                s.leading = false;
                s.failures += 1;
                s.last_error = Some(message.clone());
            });
            resting.insert(name.clone(), until);
        }
        names
    }
}
