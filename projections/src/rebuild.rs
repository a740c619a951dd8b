//! Rebuilding projections from position 0: drop their tables and
//! checkpoints, then replay the whole log in large batches, reading the next
//! batch while the current one is written.
//!
//! All projections given are rebuilt in one pass over the log (one read and
//! one fold of every ticket, however many read models there are).

use std::sync::Arc;
use std::time::{Duration, Instant};

use returns_eventstore::db::Lease;
use returns_eventstore::{EventStore, RecordedEvent};
use returns_tickets::ReplayStates;
use serde::Serialize;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::apply::{execute, prepare, statements};
use crate::checkpoint;
use crate::error::{Error, Result};
use crate::projection::Projection;
use crate::registry;
use crate::runner::lease_name;

/// Events per rebuild transaction: large enough that commits (and their
/// fsyncs) are a small part of the time.
pub const REBUILD_BATCH: i64 = 10_000;

/// What a rebuild did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RebuildReport {
    /// The projections rebuilt.
    pub projections: Vec<String>,
    /// Log rows replayed.
    pub events: u64,
    /// The position they reached.
    pub position: i64,
    /// Wall time.
    pub elapsed: Duration,
}

impl RebuildReport {
    /// Log rows replayed per second.
    pub fn events_per_second(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            self.events as f64 / secs
        } else {
            0.0
        }
    }
}

/// Rebuilds the current projections named `name` (a versioned name, a read
/// model, or `all`); `progress(done, total)` is called after each batch
/// with positions reached and the log head when the rebuild started.
pub async fn rebuild(
    store: &EventStore,
    name: &str,
    progress: impl FnMut(u64, u64),
) -> Result<RebuildReport> {
    let projections = registry::select(name)?;
    rebuild_projections(store, &projections, progress).await
}

/// Rebuilds `projections` together in one pass over the log.
///
/// On PostgreSQL it takes each projection's lock first and fails with
/// [`Error::Projection`] if a runner holds one: stop that runner first.
/// On SQLite the caller must make sure no runner applies them meanwhile
/// (the checkpoint compare-and-set would stop one that tried).
pub async fn rebuild_projections(
    store: &EventStore,
    projections: &[Arc<dyn Projection>],
    mut progress: impl FnMut(u64, u64),
) -> Result<RebuildReport> {
    let started = Instant::now();
    checkpoint::migrate(store).await?;
    let mut locks = Vec::new();
    for projection in projections {
        match Lease::try_acquire(store.db(), &lease_name(projection.name())).await? {
            Some(lock) => locks.push(lock),
            None => {
                for lock in locks {
                    lock.release().await;
                }
                return Err(Error::Projection {
                    name: projection.name().to_owned(),
                    message: "a runner is applying it; stop the runner before rebuilding".into(),
                });
            }
        }
    }
    let result = replay(store, projections, &mut progress, started).await;
    for lock in locks {
        lock.release().await;
    }
    result
}

async fn replay(
    store: &EventStore,
    projections: &[Arc<dyn Projection>],
    progress: &mut impl FnMut(u64, u64),
    started: Instant,
) -> Result<RebuildReport> {
    for projection in projections {
        checkpoint::reset(store, projection.as_ref()).await?;
    }
    let head = store.head_position().await?;
    let total = u64::try_from(head).unwrap_or(0);
    progress(0, total);
    let refs: Vec<&dyn Projection> = projections.iter().map(|p| p.as_ref()).collect();
    let mut pages = prefetch(store.clone(), head);
    let mut states = ReplayStates::with_capacity(returns_tickets::replay_states::REBUILD_CAPACITY);
    let mut position = 0;
    // The last event read: where the next page starts, while `position`
    // waits for the batch in flight.
    let mut read = 0;
    let mut events = 0u64;
    // The previous batch's transaction runs while the next batch is decoded,
    // folded and turned into SQL; batches still commit strictly in order.
    let mut in_flight: Option<JoinHandle<Result<i64>>> = None;
    while let Some(page) = pages.recv().await {
        let page = page?;
        let Some(to) = page.last().map(|e| e.position) else {
            break;
        };
        events += page.len() as u64;
        let decoded = prepare(store, &mut states, page).await?;
        let work = statements(store, &refs, &decoded, read, &states)?;
        read = to;
        if let Some(previous) = in_flight.take() {
            position = finish(previous).await?;
            progress(u64::try_from(position).unwrap_or(0).min(total), total);
        }
        let (store, from) = (store.clone(), position);
        in_flight = Some(tokio::spawn(async move {
            execute(&store, &work, from, to).await.map(|()| to)
        }));
        states.trim();
    }
    if let Some(last) = in_flight.take() {
        position = finish(last).await?;
        progress(u64::try_from(position).unwrap_or(0).min(total), total);
    }
    for projection in projections {
        checkpoint::create_indexes(store, projection.as_ref()).await?;
    }
    let now = store.clock().now().timestamp_micros();
    for projection in projections {
        checkpoint::mark_caught_up(store.db(), projection.name(), now).await?;
    }
    Ok(RebuildReport {
        projections: projections.iter().map(|p| p.name().to_owned()).collect(),
        events,
        position,
        elapsed: started.elapsed(),
    })
}

/// The position a spawned batch committed, or its error.
async fn finish(batch: JoinHandle<Result<i64>>) -> Result<i64> {
    batch.await.map_err(|e| Error::Projection {
        name: "rebuild".into(),
        message: format!("batch task failed: {e}"),
    })?
}

/// Reads pages up to `head` on a task of its own, one page ahead of the writer.
fn prefetch(store: EventStore, head: i64) -> mpsc::Receiver<Result<Vec<RecordedEvent>>> {
    let (send, receive) = mpsc::channel(2);
    tokio::spawn(async move {
        let mut after = 0;
        while after < head {
            let page = store
                .read_all(after, REBUILD_BATCH)
                .await
                .map_err(Error::from);
            let last = match &page {
                Ok(events) => events.last().map(|e| e.position),
                Err(_) => None,
            };
            let failed = page.is_err();
            if send.send(page).await.is_err() || failed {
                return;
            }
            match last {
                Some(last) => after = last,
                None => return,
            }
        }
    });
    receive
}

/// [`rebuild`] with an indicatif progress bar on stderr, for the CLI.
pub async fn rebuild_with_progress_bar(store: &EventStore, name: &str) -> Result<RebuildReport> {
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{msg} [{elapsed_precise}] {wide_bar} {pos}/{len} ({per_sec}, eta {eta})",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_message(format!("rebuilding {name}"));
    let report = rebuild(store, name, |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    })
    .await;
    bar.finish();
    report
}
