//! Tamper evidence: the per-stream hash chain and the seals over the log head.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::Result;
use crate::event::RawEvent;
use crate::hash::{chain_hash, heads_hash, to_micros, HashInput};
use crate::store::EventStore;

/// The first event of a stream that does not match its chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainBreak {
    /// The stream.
    pub stream_id: String,
    /// Global position of the event.
    pub position: i64,
    /// Its version in the stream.
    pub stream_version: i64,
    /// Its id.
    pub event_id: uuid::Uuid,
    /// What does not match.
    pub reason: String,
}

/// The outcome of verifying one stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StreamReport {
    /// The stream.
    pub stream_id: String,
    /// Events read.
    pub events_checked: u64,
    /// The first bad event, if any.
    pub first_break: Option<ChainBreak>,
}

impl StreamReport {
    /// Whether every event matched its chain.
    pub fn is_intact(&self) -> bool {
        self.first_break.is_none()
    }
}

/// One event exactly as stored, with everything its hash covers: what a
/// stream is exported as, so that someone without the database (a platform,
/// a court) can recompute its chain ([`check_stored_chain`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredEvent {
    /// Global position.
    pub position: i64,
    /// Stream id.
    pub stream_id: String,
    /// Version in the stream.
    pub stream_version: i64,
    /// Event id.
    pub event_id: Uuid,
    /// Event type.
    pub event_type: String,
    /// Payload schema version as stored.
    pub schema_version: i32,
    /// Payload as stored (personal fields encrypted).
    pub payload: serde_json::Value,
    /// Metadata as stored.
    pub metadata: serde_json::Value,
    /// Recording time, microseconds since the Unix epoch: what the hash covers.
    pub recorded_at_us: i64,
    /// The chain hash, hex.
    pub hash: String,
}

/// Recomputes the chain of one stream's events, from its first: the first
/// event that does not hash to its stored hash, or follows a gap, is the
/// error. Needs no database.
pub fn check_stored_chain(events: &[StoredEvent]) -> std::result::Result<(), String> {
    let mut previous: Vec<u8> = Vec::new();
    let mut version = 0;
    for event in events {
        if event.stream_version != version + 1 {
            return Err(format!(
                "version {} follows version {version}: events are missing",
                event.stream_version
            ));
        }
        let recorded_at = DateTime::from_timestamp_micros(event.recorded_at_us)
            .ok_or_else(|| format!("version {}: no such time", event.stream_version))?;
        let expected = chain_hash(
            &previous,
            &HashInput {
                stream_id: &event.stream_id,
                stream_version: event.stream_version,
                event_id: event.event_id,
                event_type: &event.event_type,
                schema_version: event.schema_version,
                payload: &event.payload,
                metadata: &event.metadata,
                recorded_at,
            },
        );
        if hex::encode(&expected) != event.hash {
            return Err(format!(
                "version {} ({}) does not hash to its recorded hash: it was altered",
                event.stream_version, event.event_type
            ));
        }
        previous = expected;
        version = event.stream_version;
    }
    Ok(())
}

/// A recorded fingerprint of the whole log at one head position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seal {
    /// Its id (0 before it is stored).
    pub seal_id: i64,
    /// The log head it covers.
    pub head_position: i64,
    /// Streams that existed then.
    pub stream_count: i64,
    /// SHA-256 over every stream's head (id, version, hash), sorted by id.
    pub heads_hash: Vec<u8>,
    /// When it was taken.
    pub sealed_at: DateTime<Utc>,
}

/// A seal the log no longer matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealBreak {
    /// The seal.
    pub seal_id: i64,
    /// The head it covered.
    pub head_position: i64,
    /// What no longer matches.
    pub reason: String,
}

/// The outcome of verifying the whole log.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogReport {
    /// Streams seen.
    pub streams_checked: u64,
    /// Events read.
    pub events_checked: u64,
    /// The first bad event of each broken stream, in log order.
    pub chain_breaks: Vec<ChainBreak>,
    /// Seals checked.
    pub seals_checked: u64,
    /// Seals the log no longer matches.
    pub seal_breaks: Vec<SealBreak>,
}

impl LogReport {
    /// Whether nothing was found altered or missing.
    pub fn is_intact(&self) -> bool {
        self.chain_breaks.is_empty() && self.seal_breaks.is_empty()
    }
}

/// Checks one stored row against the head before it; `None` if it matches.
fn check(previous: Option<&(i64, Vec<u8>)>, row: &RawEvent) -> Option<String> {
    let (version, hash) = previous.map_or((0, &[][..]), |(v, h)| (*v, h.as_slice()));
    if row.stream_version != version + 1 {
        return Some(format!(
            "version {} follows version {version}: events are missing",
            row.stream_version
        ));
    }
    let metadata: serde_json::Value = match serde_json::from_str(&row.metadata) {
        Ok(value) => value,
        Err(e) => return Some(format!("metadata is not JSON: {e}")),
    };
    let expected = chain_hash(
        hash,
        &HashInput {
            stream_id: &row.stream_id,
            stream_version: row.stream_version,
            event_id: row.event_id,
            event_type: &row.event_type,
            schema_version: row.schema_version,
            payload: &row.payload,
            metadata: &metadata,
            recorded_at: row.recorded_at,
        },
    );
    (expected != row.hash).then(|| {
        format!(
            "stored hash {} does not match the event's content (expected {})",
            hex::encode(&row.hash),
            hex::encode(&expected)
        )
    })
}

fn chain_break(row: &RawEvent, reason: String) -> ChainBreak {
    ChainBreak {
        stream_id: row.stream_id.clone(),
        position: row.position,
        stream_version: row.stream_version,
        event_id: row.event_id,
        reason,
    }
}

fn seal_of(heads: &HashMap<String, (i64, Vec<u8>)>) -> (i64, Vec<u8>) {
    let mut sorted: Vec<_> = heads.iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    let hash = heads_hash(
        sorted
            .iter()
            .map(|(s, (v, h))| (s.as_str(), *v, h.as_slice())),
    );
    (sorted.len() as i64, hash)
}

impl EventStore {
    /// Recomputes the stream's hash chain and names the first event that
    /// does not match (altered content, or a version gap).
    pub async fn verify_stream(&self, stream: &str) -> Result<StreamReport> {
        let rows = self.read_stream_raw(stream).await?;
        let mut head: Option<(i64, Vec<u8>)> = None;
        for row in &rows {
            if let Some(reason) = check(head.as_ref(), row) {
                return Ok(StreamReport {
                    stream_id: stream.to_owned(),
                    events_checked: rows.len() as u64,
                    first_break: Some(chain_break(row, reason)),
                });
            }
            head = Some((row.stream_version, row.hash.clone()));
        }
        Ok(StreamReport {
            stream_id: stream.to_owned(),
            events_checked: rows.len() as u64,
            first_break: None,
        })
    }

    /// Verifies every stream's chain and every seal in one pass over the log.
    pub async fn verify_all(&self) -> Result<LogReport> {
        let seals = self.backend().seals().await?;
        let mut seals = seals.into_iter().peekable();
        let mut report = LogReport::default();
        let mut heads: HashMap<String, (i64, Vec<u8>)> = HashMap::new();
        let mut broken: HashMap<String, ()> = HashMap::new();
        let mut after = 0;
        loop {
            let page = self.read_all_raw(after, 5000).await?;
            let Some(last) = page.last() else { break };
            after = last.position;
            for row in &page {
                while let Some(seal) = seals.next_if(|s| s.head_position < row.position) {
                    check_seal(&seal, &heads, &mut report);
                }
                report.events_checked += 1;
                if !broken.contains_key(&row.stream_id) {
                    if let Some(reason) = check(heads.get(&row.stream_id), row) {
                        report.chain_breaks.push(chain_break(row, reason));
                        broken.insert(row.stream_id.clone(), ());
                    }
                }
                heads.insert(
                    row.stream_id.clone(),
                    (row.stream_version, row.hash.clone()),
                );
            }
        }
        let last_position = after;
        for seal in seals {
            if seal.head_position > last_position {
                report.seals_checked += 1;
                report.seal_breaks.push(SealBreak {
                    seal_id: seal.seal_id,
                    head_position: seal.head_position,
                    reason: format!(
                        "the log ends at position {last_position}, before the sealed head {}: newest events were deleted",
                        seal.head_position
                    ),
                });
            } else {
                check_seal(&seal, &heads, &mut report);
            }
        }
        report.streams_checked = heads.len() as u64;
        Ok(report)
    }

    /// `stream`'s events exactly as stored, for export ([`StoredEvent`]).
    pub async fn stored_stream(&self, stream: &str) -> Result<Vec<StoredEvent>> {
        self.read_stream_raw(stream)
            .await?
            .into_iter()
            .map(|row| {
                let metadata = serde_json::from_str(&row.metadata).map_err(|e| {
                    crate::Error::Invalid(format!(
                        "the metadata of {} is not JSON: {e}",
                        row.event_id
                    ))
                })?;
                Ok(StoredEvent {
                    position: row.position,
                    stream_id: row.stream_id,
                    stream_version: row.stream_version,
                    event_id: row.event_id,
                    event_type: row.event_type,
                    schema_version: row.schema_version,
                    payload: row.payload,
                    metadata,
                    recorded_at_us: row.recorded_at.timestamp_micros(),
                    hash: hex::encode(&row.hash),
                })
            })
            .collect()
    }

    /// Every stream's head (id, version, hash) at log position `position`,
    /// sorted by stream id: what a seal at that position covers.
    pub async fn heads_as_of(&self, position: i64) -> Result<Vec<(String, i64, Vec<u8>)>> {
        self.backend().heads_as_of(position).await
    }

    /// Records a seal of the current log head.
    pub async fn seal(&self) -> Result<Seal> {
        let head_position = self.head_position().await?;
        let heads = self.backend().heads_as_of(head_position).await?;
        let hash = heads_hash(heads.iter().map(|(s, v, h)| (s.as_str(), *v, h.as_slice())));
        let seal = Seal {
            seal_id: 0,
            head_position,
            stream_count: heads.len() as i64,
            heads_hash: hash,
            sealed_at: to_micros(self.clock().now()),
        };
        self.backend().insert_seal(&seal).await
    }

    /// Every seal recorded, oldest first.
    pub async fn seals(&self) -> Result<Vec<Seal>> {
        self.backend().seals().await
    }
}

fn check_seal(seal: &Seal, heads: &HashMap<String, (i64, Vec<u8>)>, report: &mut LogReport) {
    report.seals_checked += 1;
    let (count, hash) = seal_of(heads);
    if count != seal.stream_count || hash != seal.heads_hash {
        report.seal_breaks.push(SealBreak {
            seal_id: seal.seal_id,
            head_position: seal.head_position,
            reason: format!(
                "stream heads at position {} no longer match the seal ({count} streams now, {} sealed): events were altered or deleted",
                seal.head_position, seal.stream_count
            ),
        });
    }
}
