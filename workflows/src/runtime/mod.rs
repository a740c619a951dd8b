//! The workflow runtime: runs every process manager over the log from its
//! own checkpoint and fires due timers.
//!
//! The server starts it once with [`Workflows::spawn`] (or
//! [`Workflows::new`] then [`Workflows::start`]) and stops it with
//! [`WorkflowsHandle::stop`]. Tests drive it step by step with
//! [`Workflows::run_until_idle`] and a [`returns_eventstore::ManualClock`].

pub(crate) mod context;
mod leader;
mod parallel;
mod scheduler;

use std::sync::Arc;
use std::time::Duration;

use returns_eventstore::{Clock, RecordedEvent};
use returns_tickets::Tickets;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::error::{Result, WorkflowError};
use crate::outbox::{Outbox, OutboxOptions};
use crate::payout::Payouts;
use crate::platform_outbox::{PlatformApi, PlatformOutbox};
use crate::policies::Policies;
use crate::process::{Trigger, Workflow};
use crate::storage::payouts::PayoutQueue;
use crate::storage::platform_outbox::PlatformOutboxTable;
use crate::storage::webhooks::Webhooks;
use crate::storage::{self, checkpoints};
use crate::timers::Timers;
use context::Context;
use leader::Leadership;
use returns_tickets::ticket_id_of;

/// How the runtime paces itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuntimeOptions {
    /// How often a running runtime looks for due timers (and, if the log's
    /// notification was missed, for new events).
    pub tick: Duration,
    /// Events read per page.
    pub page: i64,
    /// Tickets handled at once within a page of events or a batch of timers.
    pub concurrency: usize,
    /// Retries of outbound webhook deliveries.
    pub outbox: OutboxOptions,
}

impl Default for RuntimeOptions {
    fn default() -> Self {
        Self {
            tick: Duration::from_secs(1),
            page: 256,
            concurrency: 16,
            outbox: OutboxOptions::default(),
        }
    }
}

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Events handed to workflows (summed over workflows).
    pub events: usize,
    /// Timers this runtime fired.
    pub timers_fired: usize,
    /// Webhook delivery attempts this runtime made.
    pub deliveries: usize,
    /// Whether this runtime ran the event-driven workflows (PostgreSQL:
    /// held the leader lock; SQLite: always).
    pub leader: bool,
}

impl Progress {
    fn add(&mut self, other: Progress) {
        self.events += other.events;
        self.timers_fired += other.timers_fired;
        self.deliveries += other.deliveries;
        self.leader |= other.leader;
    }
}

/// Where one workflow stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkflowStatus {
    /// The workflow's name.
    pub name: &'static str,
    /// The last log position it has handled.
    pub checkpoint: i64,
    /// Events in the log after its checkpoint.
    pub lag: i64,
}

/// The process managers and the timer scheduler of one server. Cheap to clone.
#[derive(Clone)]
pub struct Workflows {
    inner: Arc<Inner>,
}

struct Inner {
    ctx: Context,
    leadership: Leadership,
    options: RuntimeOptions,
    outbox: Outbox,
    webhooks: Webhooks,
    platform_outbox: PlatformOutbox,
}

/// A running runtime; [`WorkflowsHandle::stop`] ends it after its current step.
pub struct WorkflowsHandle {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

impl WorkflowsHandle {
    /// Stops the runtime and waits for it to finish its current step.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        if let Err(err) = self.task.await {
            tracing::error!(error = %err, "workflow runtime ended abnormally");
        }
    }
}

impl Workflows {
    /// A runtime over the log of `tickets` (migrating the workflows'
    /// tables), not yet running.
    pub async fn new(
        tickets: Tickets,
        policies: Policies,
        payouts: Payouts,
        clock: Arc<dyn Clock>,
    ) -> Result<Self> {
        Self::with_options(tickets, policies, payouts, clock, RuntimeOptions::default()).await
    }

    /// [`Workflows::new`] with explicit pacing. Fails when a payout mode in
    /// use (the server's or a channel's) has no gateway configured.
    pub async fn with_options(
        tickets: Tickets,
        policies: Policies,
        payouts: Payouts,
        clock: Arc<dyn Clock>,
        options: RuntimeOptions,
    ) -> Result<Self> {
        Self::with_platform_api(
            tickets,
            policies,
            payouts,
            clock,
            options,
            PlatformApi::manual(),
        )
        .await
    }

    /// [`Workflows::with_options`] that also sends platform actions for the
    /// shops `platforms` has clients for (api mode).
    pub async fn with_platform_api(
        tickets: Tickets,
        policies: Policies,
        payouts: Payouts,
        clock: Arc<dyn Clock>,
        options: RuntimeOptions,
        platforms: PlatformApi,
    ) -> Result<Self> {
        payouts.check(&policies)?;
        let store = tickets.store().clone();
        storage::migrate(store.db()).await?;
        let timers = Timers::new(store.db().clone());
        let webhooks = Webhooks::new(store.db().clone());
        let outbox = Outbox::new(webhooks.clone(), options.outbox, tickets.keys().cloned())?;
        let store_db = store.db().clone();
        Ok(Self {
            inner: Arc::new(Inner {
                ctx: Context {
                    payouts_queue: PayoutQueue::new(store.db().clone()),
                    store,
                    tickets,
                    policies,
                    payouts,
                    clock,
                    timers,
                },
                leadership: Leadership::default(),
                options,
                outbox,
                webhooks,
                platform_outbox: PlatformOutbox::new(PlatformOutboxTable::new(store_db), platforms),
            }),
        })
    }

    /// The entry point for `returns serve`: migrates, then runs every
    /// workflow and the timer scheduler in the background until stopped.
    /// Start it once per server process; on PostgreSQL any number of servers
    /// may run it (one leads the workflows, all fire timers, each timer once).
    pub async fn spawn(
        tickets: Tickets,
        policies: Policies,
        payouts: Payouts,
        clock: Arc<dyn Clock>,
        options: RuntimeOptions,
        platforms: PlatformApi,
    ) -> Result<WorkflowsHandle> {
        Ok(
            Self::with_platform_api(tickets, policies, payouts, clock, options, platforms)
                .await?
                .start(),
        )
    }

    /// Runs this runtime in the background until [`WorkflowsHandle::stop`].
    pub fn start(self) -> WorkflowsHandle {
        let (stop, mut stopped) = watch::channel(false);
        let task = tokio::spawn(async move {
            let mut head = self.inner.ctx.store.head_watch();
            let tick = self.inner.options.tick;
            loop {
                if *stopped.borrow() {
                    break;
                }
                match self.step().await {
                    // More may be waiting (events our own commands appended).
                    Ok(progress)
                        if progress.events + progress.timers_fired + progress.deliveries > 0 =>
                    {
                        continue
                    }
                    Ok(_) => {}
                    Err(err) => tracing::warn!(error = %err, "workflow step failed; retrying"),
                }
                tokio::select! {
                    biased;
                    _ = stopped.changed() => break,
                    changed = head.changed() => {
                        if changed.is_err() {
                            tokio::time::sleep(tick).await;
                        }
                    }
                    _ = tokio::time::sleep(tick) => {}
                }
            }
            self.inner.leadership.release().await;
        });
        WorkflowsHandle { stop, task }
    }

    /// Runs passes until one finds nothing to do: every workflow caught up
    /// with the log and no timer due by the clock. For tests and the CLI.
    pub async fn run_until_idle(&self) -> Result<Progress> {
        let mut total = Progress::default();
        loop {
            let pass = self.step().await?;
            total.add(pass);
            if pass.events == 0 && pass.timers_fired == 0 && pass.deliveries == 0 {
                return Ok(total);
            }
        }
    }

    /// Each workflow's checkpoint and how far it trails the log's head:
    /// for `/metrics` and health checks.
    pub async fn status(&self) -> Result<Vec<WorkflowStatus>> {
        let ctx = &self.inner.ctx;
        let head = ctx.store.head_position().await?;
        let mut statuses = Vec::with_capacity(Workflow::ALL.len());
        for workflow in Workflow::ALL {
            let checkpoint = checkpoints::load(ctx.store.db(), workflow.name()).await?;
            statuses.push(WorkflowStatus {
                name: workflow.name(),
                checkpoint,
                lag: (head - checkpoint).max(0),
            });
        }
        Ok(statuses)
    }

    /// The timers table (pending, fired and cancelled timers per ticket).
    pub fn timers(&self) -> &Timers {
        &self.inner.ctx.timers
    }

    /// Finance's payout queue.
    pub fn payout_queue(&self) -> &PayoutQueue {
        &self.inner.ctx.payouts_queue
    }

    /// The webhook endpoints and the delivery outbox.
    pub fn webhooks(&self) -> &Webhooks {
        &self.inner.webhooks
    }

    /// Platform actions still to send through a shop's open API.
    pub async fn platform_actions_pending(&self) -> Result<i64> {
        self.inner.platform_outbox.table().pending().await
    }

    /// The payout modes this runtime pays in.
    pub fn payouts(&self) -> &Payouts {
        &self.inner.ctx.payouts
    }

    /// The policies this runtime enforces.
    pub fn policies(&self) -> &Policies {
        &self.inner.ctx.policies
    }

    /// One pass: each workflow catches up with the log (if this runtime
    /// leads), then due timers fire.
    async fn step(&self) -> Result<Progress> {
        let ctx = &self.inner.ctx;
        let mut progress = Progress::default();
        if self.inner.leadership.acquire(ctx.store.db()).await {
            progress.leader = true;
            for workflow in Workflow::ALL {
                progress.events += self.catch_up(workflow).await?;
            }
            progress.events += self
                .inner
                .outbox
                .fill(&ctx.store, ctx.now(), self.inner.options.page)
                .await?;
            progress.events += self
                .inner
                .platform_outbox
                .fill(&ctx.store, ctx.now(), self.inner.options.page)
                .await?;
        }
        progress.timers_fired += scheduler::fire_due(self).await?;
        let clock = ctx.clock.clone();
        progress.deliveries += self.inner.outbox.deliver_due(|| clock.now()).await?;
        progress.deliveries += self.inner.platform_outbox.send_due(ctx).await?;
        Ok(progress)
    }

    /// Hands `workflow` every event after its checkpoint, page by page,
    /// saving the checkpoint after each page's commands are appended.
    async fn catch_up(&self, workflow: Workflow) -> Result<usize> {
        let ctx = &self.inner.ctx;
        let db = ctx.store.db();
        let name = workflow.name();
        let mut position = checkpoints::load(db, name).await?;
        let mut handled = 0;
        loop {
            let page = ctx
                .store
                .read_all(position, self.inner.options.page)
                .await?;
            let Some(last) = page.last().map(|e| e.position) else {
                return Ok(handled);
            };
            handled += page.len();
            let tickets = page
                .into_iter()
                .filter_map(|e| ticket_id_of(&e.stream_id).map(|id| (id, e)))
                .collect();
            parallel::per_ticket(self, tickets, move |runtime, recorded| async move {
                runtime.handle(workflow, &recorded).await
            })
            .await?;
            position = last;
            checkpoints::save(db, name, position, ctx.now()).await?;
        }
    }

    /// Hands one ticket event to `workflow`; an event that cannot be decoded
    /// (or whose ticket cannot be loaded) is logged and skipped rather than
    /// blocking the workflow forever.
    async fn handle(&self, workflow: Workflow, recorded: &RecordedEvent) -> Result<()> {
        let name = workflow.name();
        let (ticket_id, event) = match returns_tickets::decode(recorded.clone()) {
            Ok(Some(decoded)) => (decoded.ticket_id, decoded.event),
            Ok(None) => return Ok(()),
            Err(err) => {
                tracing::error!(
                    workflow = name,
                    position = recorded.position,
                    error = %err,
                    "undecodable ticket event skipped"
                );
                return Ok(());
            }
        };
        let trigger = Trigger {
            recorded,
            ticket_id,
            event: &event,
        };
        match workflow.on_event(&self.inner.ctx, &trigger).await {
            Err(err @ WorkflowError::Decode { .. }) => {
                tracing::error!(
                    workflow = name,
                    position = recorded.position,
                    error = %err,
                    "ticket cannot be loaded; event skipped"
                );
                Ok(())
            }
            other => other,
        }
    }
}
