//! The group-commit writer: one task per store that takes every append
//! waiting at the moment, checks each against its stream's version, and
//! commits them in one transaction. Throughput then grows with the number of
//! concurrent writers instead of stopping at one fsync per append.
//!
//! Each append keeps its own expected-version check and gets its own result:
//! a conflict in one never fails another. If the shared transaction fails as
//! a whole, the batch is retried one append at a time so only the guilty
//! append sees the error. An append is acknowledged only after its commit.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use tokio::sync::{mpsc, oneshot, watch};
use uuid::Uuid;

use crate::backend::{Backend, EventRow};
use crate::clock::Clock;
use crate::error::{is_unique_violation, Error, Result};
use crate::event::{AppendResult, CommandRecord, ExpectedVersion, Metadata, NewEvent};
use crate::hash::{chain_hash, to_micros, HashInput};

/// One caller's append, waiting for the writer.
pub(crate) struct AppendRequest {
    pub stream: String,
    pub expected: ExpectedVersion,
    pub events: Vec<NewEvent>,
    pub metadata: Metadata,
    pub reply: oneshot::Sender<Result<AppendResult>>,
}

/// What the writer needs, shared with nothing else.
pub(crate) struct Writer {
    pub backend: Backend,
    pub clock: Arc<dyn Clock>,
    pub head: Arc<watch::Sender<i64>>,
    pub max_batch: usize,
}

impl Writer {
    /// Starts the writer task; it ends when every sender is dropped.
    pub(crate) fn spawn(self) -> mpsc::Sender<AppendRequest> {
        let (tx, rx) = mpsc::channel(self.max_batch * 4);
        tokio::spawn(self.run(rx));
        tx
    }

    async fn run(self, mut rx: mpsc::Receiver<AppendRequest>) {
        while let Some(first) = rx.recv().await {
            let mut batch = vec![first];
            // Let callers woken by the previous commit enqueue their next
            // append before the batch is cut: measured 4.8 -> 7.7 appends per
            // commit with 8 writers, at no cost to a lone writer's latency.
            tokio::task::yield_now().await;
            while batch.len() < self.max_batch {
                match rx.try_recv() {
                    Ok(request) => batch.push(request),
                    Err(_) => break,
                }
            }
            match self.write(&batch).await {
                Ok(results) => reply_all(batch, results),
                Err(err) if batch.len() == 1 => {
                    let result = Err(self.classify(&batch[0], err).await);
                    reply_all(batch, vec![result]);
                }
                Err(err) => {
                    tracing::warn!(error = %err, size = batch.len(), "group commit failed; retrying appends one by one");
                    for request in batch {
                        let result = match self.write(std::slice::from_ref(&request)).await {
                            Ok(mut results) => results.pop().unwrap_or(Err(Error::WriterStopped)),
                            Err(err) => Err(self.classify(&request, err).await),
                        };
                        reply_all(vec![request], vec![result]);
                    }
                }
            }
        }
    }

    /// Turns a transaction failure of a single append into what the caller
    /// can act on: a unique-key violation means another writer took the
    /// version first.
    async fn classify(&self, request: &AppendRequest, err: Error) -> Error {
        match &err {
            Error::Database(db) if is_unique_violation(db) => {
                if let Some(id) = request.metadata.command_id {
                    if let Ok(Some(_)) = self.backend.command_record(id).await {
                        // The same command committed elsewhere meanwhile;
                        // the caller's retry will return its result.
                        return err;
                    }
                }
                match self.backend.stream_version(&request.stream).await {
                    Ok(actual) => Error::Conflict {
                        stream: request.stream.clone(),
                        expected: request.expected,
                        actual,
                    },
                    Err(_) => err,
                }
            }
            _ => err,
        }
    }

    /// Writes a batch in one transaction; `Err` means nothing was written.
    async fn write(&self, batch: &[AppendRequest]) -> Result<Vec<Result<AppendResult>>> {
        let mut tx = self.backend.begin_write().await?;
        let command_ids: Vec<Uuid> = batch.iter().filter_map(|r| r.metadata.command_id).collect();
        let mut streams: Vec<String> = batch.iter().map(|r| r.stream.clone()).collect();
        streams.sort_unstable();
        streams.dedup();
        let (mut heads, known) = tx.heads_and_commands(&streams, &command_ids).await?;
        let recorded_at = to_micros(self.clock.now());

        let mut rows: Vec<EventRow> = Vec::new();
        let mut plans: Vec<Plan> = Vec::with_capacity(batch.len());
        let mut planned_commands: HashMap<Uuid, usize> = HashMap::new();
        for (index, request) in batch.iter().enumerate() {
            let command_id = request.metadata.command_id;
            if let Some(id) = command_id {
                if let Some(first) = known.get(&id) {
                    plans.push(Plan::Done(repeat_or_refusal(id, first, request)));
                    continue;
                }
                if let Some(&earlier) = planned_commands.get(&id) {
                    let first = record_of(&batch[earlier], AppendResult::default());
                    plans.push(
                        if first.admits(&request.stream, request.metadata.fingerprint.as_ref()) {
                            Plan::SameAs(earlier)
                        } else {
                            Plan::Done(repeat_or_refusal(id, &first, request))
                        },
                    );
                    continue;
                }
            }
            let (version, previous) = heads
                .get(&request.stream)
                .cloned()
                .unwrap_or((0, Vec::new()));
            if !request.expected.admits(version) {
                plans.push(Plan::Done(Err(Error::Conflict {
                    stream: request.stream.clone(),
                    expected: request.expected,
                    actual: version,
                })));
                continue;
            }
            let metadata = serde_json::to_value(&request.metadata)
                .map_err(|e| Error::Invalid(format!("metadata: {e}")))?;
            let start = rows.len();
            let mut previous = previous;
            let mut stream_version = version;
            for event in &request.events {
                stream_version += 1;
                let event_id = Uuid::now_v7();
                let hash = chain_hash(
                    &previous,
                    &HashInput {
                        stream_id: &request.stream,
                        stream_version,
                        event_id,
                        event_type: &event.event_type,
                        schema_version: event.schema_version,
                        payload: &event.payload,
                        metadata: &metadata,
                        recorded_at,
                    },
                );
                rows.push(EventRow {
                    stream_id: request.stream.clone(),
                    stream_version,
                    event_id,
                    event_type: event.event_type.clone(),
                    schema_version: event.schema_version,
                    payload: event.payload.clone(),
                    metadata: metadata.clone(),
                    recorded_at,
                    hash: hash.clone(),
                });
                previous = hash;
            }
            heads.insert(request.stream.clone(), (stream_version, previous));
            if let Some(id) = command_id {
                planned_commands.insert(id, index);
            }
            plans.push(Plan::New(start..rows.len()));
        }

        if rows.is_empty() {
            // Nothing to write: conflicts and repeats only. Dropping the
            // transaction rolls it back.
            return Ok(plans.into_iter().map(Plan::into_done).collect());
        }

        let positions = tx.insert_events(&rows).await?;
        let position_of = |row: &EventRow| {
            positions
                .get(&row.event_id)
                .copied()
                .ok_or_else(|| Error::Invalid("insert returned no position".into()))
        };
        let mut results: Vec<Result<AppendResult>> = Vec::with_capacity(plans.len());
        let mut command_rows = Vec::new();
        let mut last_position = 0;
        for (index, plan) in plans.into_iter().enumerate() {
            let result = match plan {
                Plan::Done(result) => result,
                Plan::SameAs(earlier) => match &results[earlier] {
                    Ok(first) => Ok(AppendResult {
                        repeated: true,
                        ..*first
                    }),
                    Err(_) => Err(Error::Invalid("repeated command failed".into())),
                },
                Plan::New(range) => {
                    let first = &rows[range.start];
                    let last = &rows[range.end - 1];
                    let result = AppendResult {
                        first_position: position_of(first)?,
                        last_position: position_of(last)?,
                        next_version: last.stream_version,
                        repeated: false,
                    };
                    last_position = last_position.max(result.last_position);
                    if let Some(id) = batch[index].metadata.command_id {
                        command_rows.push((id, record_of(&batch[index], result)));
                    }
                    Ok(result)
                }
            };
            results.push(result);
        }
        tx.record_commands_and_notify(&command_rows, last_position)
            .await?;
        tx.commit().await?;
        self.head
            .send_modify(|head| *head = (*head).max(last_position));
        Ok(results)
    }
}

/// What the writer decided for one request of a batch.
enum Plan {
    /// Answered without writing: a repeat or a conflict.
    Done(Result<AppendResult>),
    /// A repeat of a command planned earlier in the same batch.
    SameAs(usize),
    /// Writes these rows of the batch.
    New(Range<usize>),
}

impl Plan {
    fn into_done(self) -> Result<AppendResult> {
        match self {
            Plan::Done(result) => result,
            // Unreachable when no rows are written, but never panic.
            Plan::SameAs(_) | Plan::New(_) => Err(Error::Invalid("nothing was written".into())),
        }
    }
}

/// What the store remembers of `request`'s command id once it wrote `result`.
fn record_of(request: &AppendRequest, result: AppendResult) -> CommandRecord {
    let fingerprint = request.metadata.fingerprint.clone().unwrap_or_default();
    CommandRecord {
        stream: request.stream.clone(),
        kind: fingerprint.kind,
        input_hash: fingerprint.input_hash,
        result,
    }
}

/// The answer to a known command id: its first result when `request` is
/// the same command again, else a refusal (the id belongs to another).
fn repeat_or_refusal(
    id: Uuid,
    first: &CommandRecord,
    request: &AppendRequest,
) -> Result<AppendResult> {
    if first.admits(&request.stream, request.metadata.fingerprint.as_ref()) {
        Ok(AppendResult {
            repeated: true,
            ..first.result
        })
    } else {
        Err(first.reused(id))
    }
}

fn reply_all(batch: Vec<AppendRequest>, results: Vec<Result<AppendResult>>) {
    for (request, result) in batch.into_iter().zip(results) {
        // A caller that gave up waiting is not an error: its append stands.
        let _ = request.reply.send(result);
    }
}
