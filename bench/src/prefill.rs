//! Filling a log with real tickets, fast: one append per ticket, many at
//! once, so the store's group commit batches them.

use futures::stream::{self, StreamExt, TryStreamExt};
use returns_eventstore::{EventStore, ExpectedVersion};
use returns_tickets::{stream_id, Tickets};
use uuid::Uuid;

use crate::workload;

/// Appends `tickets` new tickets of `len` events each; returns their ids.
pub async fn tickets(
    store: &EventStore,
    tickets: usize,
    len: usize,
    concurrency: usize,
) -> anyhow::Result<Vec<Uuid>> {
    stream::iter(0..tickets)
        .map(|_| async move {
            let id = Uuid::now_v7();
            let events = workload::history(id, len)?;
            store
                .append(
                    &stream_id(id),
                    ExpectedVersion::NoStream,
                    events,
                    workload::meta(),
                )
                .await?;
            anyhow::Ok(id)
        })
        .buffer_unordered(concurrency)
        .try_collect()
        .await
}

/// Appends `tickets` tickets that ran the whole main line (10 events each).
pub async fn main_line_tickets(
    store: &EventStore,
    tickets: usize,
    concurrency: usize,
) -> anyhow::Result<Vec<Uuid>> {
    stream::iter(0..tickets)
        .map(|_| async move {
            let id = Uuid::now_v7();
            let events = workload::main_line_history(id)?;
            store
                .append(
                    &stream_id(id),
                    ExpectedVersion::NoStream,
                    events,
                    workload::meta(),
                )
                .await?;
            anyhow::Ok(id)
        })
        .buffer_unordered(concurrency)
        .try_collect()
        .await
}

/// Opens `count` tickets through the domain (`Tickets::execute`, with the
/// encryption of personal fields the handle does, as a server's commands
/// do), each taken through the first `steps` commands of the main line;
/// returns their ids.
pub async fn executed(
    tickets: &Tickets,
    count: usize,
    steps: usize,
    concurrency: usize,
) -> anyhow::Result<Vec<Uuid>> {
    stream::iter(0..count)
        .map(|_| async move {
            let id = Uuid::now_v7();
            for command in workload::main_line(id).into_iter().take(steps) {
                tickets
                    .execute(id.into(), None, &command, workload::meta())
                    .await?;
            }
            anyhow::Ok(id)
        })
        .buffer_unordered(concurrency)
        .try_collect()
        .await
}
