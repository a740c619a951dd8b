//! Catch-up then live reading of the whole log.
//!
//! A subscription reads pages after its last delivered position until it
//! finds nothing, then waits for the head to move (in-process signal, or
//! NOTIFY from other processes on PostgreSQL) or for the poll interval. It
//! never skips: positions become visible in order (advisory lock on
//! PostgreSQL, the single writer on SQLite), so "everything after N" read now
//! can never later gain a position below what it returned. It never repeats:
//! it only asks for positions after the last one it delivered.

use std::collections::VecDeque;
use std::time::Duration;

use tokio::sync::watch;

use crate::error::Result;
use crate::event::RecordedEvent;
use crate::store::EventStore;

/// Events read per round trip.
const PAGE: i64 = 1000;

/// A cursor over the log that waits for new events at its end.
pub struct Subscription {
    store: EventStore,
    position: i64,
    buffer: VecDeque<RecordedEvent>,
    head: watch::Receiver<i64>,
    poll: Duration,
}

impl Subscription {
    pub(crate) fn new(
        store: EventStore,
        after: i64,
        head: watch::Receiver<i64>,
        poll: Duration,
    ) -> Self {
        Self {
            store,
            position: after,
            buffer: VecDeque::new(),
            head,
            poll,
        }
    }

    /// The position of the last event delivered (the checkpoint to resume from).
    pub fn position(&self) -> i64 {
        self.position
    }

    /// The next event, waiting for one if the log has no more yet.
    pub async fn next(&mut self) -> Result<RecordedEvent> {
        loop {
            if let Some(event) = self.buffer.pop_front() {
                self.position = event.position;
                return Ok(event);
            }
            self.fill(PAGE).await?;
        }
    }

    /// Up to `max` events at once, waiting until at least one exists: for
    /// consumers that apply a batch in one transaction.
    pub async fn next_batch(&mut self, max: usize) -> Result<Vec<RecordedEvent>> {
        // Reading no more than the batch keeps a consumer's memory at one
        // batch of events, however far behind it is.
        let page = i64::try_from(max).unwrap_or(PAGE).clamp(1, PAGE);
        while self.buffer.is_empty() {
            self.fill(page).await?;
        }
        let take = max.max(1).min(self.buffer.len());
        let batch: Vec<RecordedEvent> = self.buffer.drain(..take).collect();
        if let Some(last) = batch.last() {
            self.position = last.position;
        }
        Ok(batch)
    }

    /// Reads the next `page` events, or waits for the log to grow if there
    /// is none.
    async fn fill(&mut self, page: i64) -> Result<()> {
        // Mark the current head seen *before* reading, so an append that
        // commits after the read still wakes the wait below.
        self.head.borrow_and_update();
        let after = self.buffer.back().map_or(self.position, |e| e.position);
        let events = self.store.read_all(after, page).await?;
        if events.is_empty() {
            let _ = tokio::time::timeout(self.poll, self.head.changed()).await;
        } else {
            self.buffer.extend(events);
        }
        Ok(())
    }
}
