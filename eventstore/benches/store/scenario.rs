//! The store's side: filling the log, concurrent appenders, and reading the
//! whole log in pages.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use returns_eventstore::{EventStore, ExpectedVersion};

use crate::baseline::Done;
use crate::database::Plain;
use crate::payload;

/// Streams are left for new ones at this version: tickets are short streams.
const EVENTS_PER_STREAM: i64 = 20;

/// Events per `read_all` page: the subscription's page size.
pub const READ_PAGE: i64 = 1000;

/// What an append scenario measured.
#[derive(Debug, Clone)]
pub struct Appended {
    /// Events and wall time.
    pub done: Done,
    /// Per-append latency, sorted.
    pub latencies: Vec<Duration>,
    /// Write transactions the store committed (one `recorded_at` each).
    pub commits: i64,
}

impl Appended {
    /// Two slices of the same scenario taken as one.
    pub fn plus(mut self, other: Appended) -> Appended {
        self.done = self.done.plus(other.done);
        self.latencies.extend(other.latencies);
        self.latencies.sort_unstable();
        self.commits += other.commits;
        self
    }

    /// The latency below which `q` of the appends finished.
    pub fn latency(&self, q: f64) -> Duration {
        if self.latencies.is_empty() {
            return Duration::ZERO;
        }
        let index = ((self.latencies.len() - 1) as f64 * q).round() as usize;
        self.latencies[index.min(self.latencies.len() - 1)]
    }
}

/// Fills the log with `count` events: streams of ten, one append of ten
/// events each, from 32 concurrent tasks (so it goes through group commit).
pub async fn prefill(store: &EventStore, count: u64) -> anyhow::Result<()> {
    let streams = count.div_ceil(10);
    let next = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::new();
    for _ in 0..32 {
        let store = store.clone();
        let next = next.clone();
        tasks.push(tokio::spawn(async move {
            loop {
                let stream = next.fetch_add(1, Ordering::Relaxed);
                if stream >= streams {
                    return anyhow::Ok(());
                }
                let first = stream * 10;
                let size = 10.min(count - first);
                let events = (first..first + size).map(payload::event).collect();
                store
                    .append(
                        &format!("prefill-{stream}"),
                        ExpectedVersion::NoStream,
                        events,
                        payload::metadata(),
                    )
                    .await?;
            }
        }));
    }
    for task in tasks {
        task.await??;
    }
    Ok(())
}

/// `writers` concurrent tasks appending `per_append` events per call, each
/// to its own streams with an exact expected version, for `duration`.
pub async fn append(
    store: &EventStore,
    plain: &Plain,
    label: &str,
    writers: usize,
    per_append: usize,
    duration: Duration,
) -> anyhow::Result<Appended> {
    let head_before = store.head_position().await?;
    let start = Instant::now();
    let deadline = start + duration;
    let mut tasks = Vec::with_capacity(writers);
    for writer in 0..writers {
        let store = store.clone();
        let label = label.to_owned();
        tasks.push(tokio::spawn(async move {
            let mut latencies = Vec::new();
            let mut events = 0u64;
            let mut stream_no = 0u64;
            let mut version = 0i64;
            while Instant::now() < deadline {
                if version >= EVENTS_PER_STREAM {
                    stream_no += 1;
                    version = 0;
                }
                let stream = format!("{label}-w{writer}-s{stream_no}");
                let batch = (0..per_append as u64)
                    .map(|i| payload::event(events + i))
                    .collect();
                let began = Instant::now();
                let result = store
                    .append(
                        &stream,
                        ExpectedVersion::Exact(version),
                        batch,
                        payload::metadata(),
                    )
                    .await?;
                latencies.push(began.elapsed());
                version = result.next_version;
                events += per_append as u64;
            }
            anyhow::Ok((events, latencies))
        }));
    }
    let mut events = 0;
    let mut latencies = Vec::new();
    for task in tasks {
        let (n, mut l) = task.await??;
        events += n;
        latencies.append(&mut l);
    }
    let elapsed = start.elapsed();
    latencies.sort_unstable();
    // Every group commit stamps its rows with one recorded_at, so distinct
    // stamps count the transactions the writer committed.
    let commits = plain
        .scalar(&format!(
            "SELECT COUNT(DISTINCT recorded_at) FROM events WHERE position > {head_before}"
        ))
        .await?;
    Ok(Appended {
        done: Done {
            rows: events,
            elapsed,
        },
        latencies,
        commits,
    })
}

/// Reads the first `limit` events of the log through `read_all`, page by page.
pub async fn read_all(store: &EventStore, limit: i64) -> anyhow::Result<Done> {
    let start = Instant::now();
    let mut after = 0;
    let mut rows = 0u64;
    while (after) < limit {
        let page = store.read_all(after, READ_PAGE.min(limit - after)).await?;
        let Some(last) = page.last() else { break };
        after = last.position;
        rows += page.len() as u64;
    }
    Ok(Done {
        rows,
        elapsed: start.elapsed(),
    })
}
