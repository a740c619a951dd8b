//! The group-commit writer: one task per store that takes every append
//! waiting at the moment, checks each against its stream's version, and
//! commits them in one transaction. Throughput then grows with the number of
//! concurrent writers instead of stopping at one fsync per append.
//!
//! Each append keeps its own expected-version check and gets its own result:
//! a conflict in one never fails another. If the shared transaction fails as
//! a whole, the batch is retried one append at a time so only the guilty
//! append sees the error. An append is acknowledged only after its commit.
//!
//! The writer remembers the head (version, hash) of the streams it wrote
//! last. A batch whose every append expects exactly a remembered head (or no
//! stream yet) is written without reading first: one round trip on
//! PostgreSQL. A remembered head can only be behind the truth (another
//! server appended since), never ahead, so a stale one makes the insert hit
//! the `(stream_id, stream_version)` key; the batch is then planned again
//! from heads read from the database, and only what that finds is answered.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use tokio::sync::{mpsc, oneshot, watch};
use uuid::Uuid;

use crate::backend::{Backend, CommandRow, EventRow, Heads, KnownCommands};
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
/// Streams whose heads the writer remembers: about 150 bytes each, and a
/// miss costs one read, so a few thousand recently written tickets suffice.
const REMEMBERED_HEADS: usize = 16_384;

/// The heads the writer wrote last, least recently used forgotten first.
type HeadCache = quick_cache::unsync::Cache<String, (i64, Vec<u8>)>;

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
        let mut remembered = HeadCache::new(REMEMBERED_HEADS);
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
            match self.write(&mut remembered, &batch).await {
                Ok(results) => reply_all(batch, results),
                Err(err) if batch.len() == 1 => {
                    let result = Err(self.classify(&batch[0], err).await);
                    reply_all(batch, vec![result]);
                }
                Err(err) => {
                    tracing::warn!(error = %err, size = batch.len(), "group commit failed; retrying appends one by one");
                    for request in batch {
                        let result = match self
                            .write(&mut remembered, std::slice::from_ref(&request))
                            .await
                        {
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

    /// Writes a batch atomically; `Err` means nothing was written.
    async fn write(
        &self,
        remembered: &mut HeadCache,
        batch: &[AppendRequest],
    ) -> Result<Vec<Result<AppendResult>>> {
        if let Some(heads) = remembered_heads(remembered, batch) {
            match self
                .plan_and_write(batch, heads, KnownCommands::new())
                .await
            {
                Ok((results, heads)) => {
                    remember(remembered, heads);
                    return Ok(results);
                }
                Err(err) => {
                    // A head moved on elsewhere, or a command id is known:
                    // both need what the database holds.
                    tracing::debug!(error = %err, "append from remembered heads failed; reading heads");
                    for request in batch {
                        remembered.remove(&request.stream);
                    }
                }
            }
        }
        let command_ids: Vec<Uuid> = batch.iter().filter_map(|r| r.metadata.command_id).collect();
        let mut streams: Vec<String> = batch.iter().map(|r| r.stream.clone()).collect();
        streams.sort_unstable();
        streams.dedup();
        let (heads, known) = self
            .backend
            .heads_and_commands(&streams, &command_ids)
            .await?;
        let (results, heads) = self.plan_and_write(batch, heads, known).await?;
        remember(remembered, heads);
        Ok(results)
    }

    /// Decides each append of the batch against `heads` and `known`, writes
    /// what is new, and returns each append's result with the heads after
    /// the batch.
    async fn plan_and_write(
        &self,
        batch: &[AppendRequest],
        mut heads: Heads,
        known: KnownCommands,
    ) -> Result<(Vec<Result<AppendResult>>, Heads)> {
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
            // Nothing to write: conflicts and repeats only.
            return Ok((plans.into_iter().map(Plan::into_done).collect(), heads));
        }

        let command_rows: Vec<CommandRow> = plans
            .iter()
            .enumerate()
            .filter_map(|(index, plan)| match plan {
                Plan::New(range) => {
                    let request = &batch[index];
                    let id = request.metadata.command_id?;
                    let fingerprint = request.metadata.fingerprint.clone().unwrap_or_default();
                    Some(CommandRow {
                        command_id: id,
                        stream_id: request.stream.clone(),
                        first_event: rows[range.start].event_id,
                        last_event: rows[range.end - 1].event_id,
                        next_version: rows[range.end - 1].stream_version,
                        kind: fingerprint.kind,
                        input_hash: fingerprint.input_hash,
                    })
                }
                _ => None,
            })
            .collect();
        let positions = self.backend.append_batch(&rows, &command_rows).await?;
        let position_of = |row: &EventRow| {
            positions
                .get(&row.event_id)
                .copied()
                .ok_or_else(|| Error::Invalid("insert returned no position".into()))
        };
        let mut results: Vec<Result<AppendResult>> = Vec::with_capacity(plans.len());
        let mut last_position = 0;
        for plan in plans {
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
                    Ok(result)
                }
            };
            results.push(result);
        }
        self.head
            .send_modify(|head| *head = (*head).max(last_position));
        Ok((results, heads))
    }
}

/// The heads of every stream in `batch` when the writer remembers enough to
/// write it without reading: each append expects exactly a remembered head,
/// or no stream where none is remembered. `Any` always reads, since a stale
/// head would turn it into a conflict it must never see.
fn remembered_heads(remembered: &HeadCache, batch: &[AppendRequest]) -> Option<Heads> {
    let mut heads = Heads::with_capacity(batch.len());
    for request in batch {
        if heads.contains_key(&request.stream) {
            // Planned after the earlier append to the same stream.
            continue;
        }
        let head = match (request.expected, remembered.peek(&request.stream)) {
            (ExpectedVersion::NoStream, None) => (0, Vec::new()),
            (ExpectedVersion::Exact(want), Some(head)) if head.0 == want => head.clone(),
            _ => return None,
        };
        heads.insert(request.stream.clone(), head);
    }
    Some(heads)
}

/// Remembers the heads a committed batch left (or read and found).
fn remember(remembered: &mut HeadCache, heads: Heads) {
    for (stream, head) in heads {
        if head.0 > 0 {
            remembered.insert(stream, head);
        }
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
