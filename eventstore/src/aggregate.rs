//! Load–decide–append for any Decider, with optimistic concurrency.
//!
//! The domain crate cannot depend on the store and the store must not know
//! the domain, so the store defines the shape of a decider and the crates
//! above (which see both) plug the ticket into it.

use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::Deserialize as _;
use serde::Serialize;

use crate::error::Error;
use crate::event::{
    AppendResult, ExpectedVersion, Metadata, NewEvent, Payload, RecordedEvent, SideWrite,
};
use crate::store::EventStore;

/// A pure decision model: state folded from events, commands decided against it.
pub trait Decider {
    /// The folded state; `Default` is "nothing happened yet".
    type State: Default + Clone + Send;
    /// What a caller asks for.
    type Command: Sync;
    /// What happened; stored as JSON.
    type Event: Serialize + DeserializeOwned + Send;
    /// Why a command cannot apply.
    type Error: std::error::Error + Send + Sync + 'static;

    /// The events a command produces in `state`, or why it cannot apply.
    fn decide(
        state: &Self::State,
        command: &Self::Command,
    ) -> Result<Vec<Self::Event>, Self::Error>;
    /// The state after `event`.
    fn evolve(state: Self::State, event: &Self::Event) -> Self::State;
    /// The stored name of an event.
    fn event_type(event: &Self::Event) -> &'static str;
    /// The stored schema version of an event.
    fn schema_version(event: &Self::Event) -> i32;
    /// An event from its stored name and JSON text. The default parses the
    /// text as `Event`; a decider whose event type is a tagged enum can go
    /// straight to the named variant.
    fn decode_stored(event_type: &str, json: &str) -> serde_json::Result<Self::Event> {
        let _ = event_type;
        serde_json::from_str(json)
    }
}

/// Turns an event's JSON into what is stored, after the decision and before
/// the append (so the chain hashes what this returns): the tickets encrypt
/// personal fields here. Async because it may need to create a key.
///
/// Called "encrypt" rather than "seal": a seal, in this store, is the
/// record of the log head that `verify` checks ([`crate::EventStore::seal`]).
pub trait Encryptor<D: Decider>: Sync {
    /// The payload to store for `event`, decided against `state` (the state
    /// before `event`), and the rows to write with the append (a new key, an
    /// index entry): see [`SideWrite`].
    fn encrypt(
        &self,
        state: &D::State,
        event: &D::Event,
        payload: serde_json::Value,
    ) -> impl std::future::Future<Output = Result<Encrypted, Error>> + Send;
}

/// What an [`Encryptor`] makes of one event.
#[derive(Debug, Clone, PartialEq)]
pub struct Encrypted {
    /// The payload to store.
    pub payload: serde_json::Value,
    /// Written in the append's transaction.
    pub side_writes: Vec<SideWrite>,
}

impl Encrypted {
    /// `payload` stored as it is, with nothing beside it.
    pub fn plain(payload: serde_json::Value) -> Self {
        Self {
            payload,
            side_writes: Vec::new(),
        }
    }
}

/// Stores payloads as the decider serialises them: for deciders whose
/// events hold no personal data.
#[derive(Debug, Clone, Copy, Default)]
pub struct Plaintext;

impl<D: Decider> Encryptor<D> for Plaintext {
    fn encrypt(
        &self,
        _state: &D::State,
        _event: &D::Event,
        payload: serde_json::Value,
    ) -> impl std::future::Future<Output = Result<Encrypted, Error>> + Send {
        std::future::ready(Ok(Encrypted::plain(payload)))
    }
}

/// Why executing a command failed; nothing was written in every case.
#[derive(Debug, thiserror::Error)]
pub enum ExecuteError<E: std::error::Error + 'static> {
    /// The decider refused the command.
    #[error(transparent)]
    Rejected(E),
    /// The store failed, or the stream moved on (`Error::Conflict`) twice.
    #[error(transparent)]
    Store(#[from] Error),
    /// A stored event could not be read back as the decider's event type.
    #[error("stored event {position} cannot be decoded: {message}")]
    Decode {
        /// The event's position.
        position: i64,
        /// Why.
        message: String,
    },
}

/// A successful execution: the new state and where its events landed.
#[derive(Debug, Clone)]
pub struct Executed<S> {
    /// The state after the command.
    pub state: S,
    /// The stream version after the command.
    pub version: i64,
    /// Where the events landed (the first result, when this was a repeat).
    pub append: AppendResult,
    /// Whether this call was a repeat of an earlier command id (nothing written).
    pub repeated: bool,
}

/// A stream loaded and folded.
#[derive(Debug, Clone)]
pub struct Loaded<S> {
    /// The folded state.
    pub state: S,
    /// The stream's version (0 if it does not exist).
    pub version: i64,
}

/// Loads and folds `stream` for decider `D`.
pub async fn load<D: Decider>(
    store: &EventStore,
    stream: &str,
) -> Result<Loaded<D::State>, ExecuteError<D::Error>> {
    let rows = store.read_stream_payloads(stream).await?;
    let mut state = D::State::default();
    let mut version = 0;
    for row in &rows {
        let decoded = match &row.payload {
            Payload::Stored(json) => D::decode_stored(&row.event_type, json),
            Payload::Upcast(value) => D::Event::deserialize(value),
        };
        let event: D::Event = decoded.map_err(|e| ExecuteError::Decode {
            position: row.position,
            message: e.to_string(),
        })?;
        state = D::evolve(state, &event);
        version = row.stream_version;
    }
    Ok(Loaded { state, version })
}

/// Folds recorded events for decider `D`.
pub fn fold<D: Decider>(
    events: &[RecordedEvent],
) -> Result<Loaded<D::State>, ExecuteError<D::Error>> {
    let mut state = D::State::default();
    let mut version = 0;
    for recorded in events {
        let event: D::Event =
            serde_json::from_value(recorded.payload.clone()).map_err(|e| ExecuteError::Decode {
                position: recorded.position,
                message: e.to_string(),
            })?;
        state = D::evolve(state, &event);
        version = recorded.stream_version;
    }
    Ok(Loaded { state, version })
}

/// Folded states a process keeps so a command need not reload its stream.
///
/// An entry may be stale (another server appended since) but never ahead of
/// the log, so deciding on it is safe: the append expects exactly its
/// version, and a stale entry costs a conflict and a reload, never a wrong
/// decision.
pub trait StateCache<S>: Send + Sync {
    /// The newest state held for `stream`, if any.
    fn get(&self, stream: &str) -> Option<Loaded<S>>;
    /// Remembers `stream` at `loaded.version`.
    fn put(&self, stream: &str, loaded: Loaded<S>);
    /// Forgets `stream` (its entry proved stale).
    fn forget(&self, stream: &str);
}

/// No cache: every command loads its stream.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoCache;

impl<S> StateCache<S> for NoCache {
    fn get(&self, _: &str) -> Option<Loaded<S>> {
        None
    }
    fn put(&self, _: &str, _: Loaded<S>) {}
    fn forget(&self, _: &str) {}
}

/// How many times a command without an expected version is decided before
/// a stream that keeps moving is reported as a conflict.
pub const MAX_ATTEMPTS: u32 = 16;

/// The longest pause between two attempts.
const MAX_BACKOFF: Duration = Duration::from_millis(200);

/// Loads `stream`, decides `command`, and appends the events at the loaded
/// version. When `expected` is given the stream must be at that version
/// (the client's own optimistic check, never retried). Otherwise a conflict
/// reloads and decides again against the new state, up to [`MAX_ATTEMPTS`]
/// times with jittered exponential backoff, until the events apply or the
/// decider refuses: the caller asked for the change whatever the version,
/// so another writer's success is no reason to fail it.
///
/// A command id seen before returns its first result and writes nothing when
/// it is the same command (same stream and fingerprint); any other use of it
/// is [`Error::CommandIdReused`]. The id is checked only when the command
/// would otherwise fail or when the store reports the append as a repeat, so
/// the common path costs one read and one append.
pub async fn execute<D: Decider>(
    store: &EventStore,
    stream: &str,
    expected: Option<i64>,
    command: &D::Command,
    metadata: Metadata,
) -> Result<Executed<D::State>, ExecuteError<D::Error>> {
    execute_cached::<D, _>(
        store, &NoCache, stream, expected, command, metadata, &Plaintext,
    )
    .await
}

/// [`execute`], with each payload passed through `encryptor` before the append.
pub async fn execute_encrypted<D: Decider, S: Encryptor<D>>(
    store: &EventStore,
    stream: &str,
    expected: Option<i64>,
    command: &D::Command,
    metadata: Metadata,
    encryptor: &S,
) -> Result<Executed<D::State>, ExecuteError<D::Error>> {
    execute_cached::<D, S>(
        store, &NoCache, stream, expected, command, metadata, encryptor,
    )
    .await
}

/// [`execute_encrypted`], deciding the first attempt on `cache`'s state when it
/// holds one at the version the caller expects (or any, without an
/// expectation). Every retry reloads from the store: the conflict that
/// caused it may be the entry's staleness. What the cache keeps is the state
/// folded from the payloads as stored (encrypted), exactly what a load would
/// fold, never the state the caller gets back.
pub async fn execute_cached<D: Decider, S: Encryptor<D>>(
    store: &EventStore,
    cache: &dyn StateCache<D::State>,
    stream: &str,
    expected: Option<i64>,
    command: &D::Command,
    metadata: Metadata,
    encryptor: &S,
) -> Result<Executed<D::State>, ExecuteError<D::Error>> {
    let mut attempts = 0;
    loop {
        attempts += 1;
        let cached = if attempts == 1 {
            cache
                .get(stream)
                .filter(|hit| expected.is_none_or(|want| want == hit.version))
        } else {
            cache.forget(stream);
            None
        };
        let from_cache = cached.is_some();
        let loaded = match cached {
            Some(hit) => hit,
            None => load::<D>(store, stream).await?,
        };
        if let Some(want) = expected {
            if want != loaded.version {
                if let Some(done) = repeat_of::<D>(store, stream, &metadata).await? {
                    return Ok(done);
                }
                return Err(Error::Conflict {
                    stream: stream.to_owned(),
                    expected: ExpectedVersion::Exact(want),
                    actual: loaded.version,
                }
                .into());
            }
        }
        let events = match D::decide(&loaded.state, command) {
            Ok(events) => events,
            // A refusal is only as true as the state it was decided on; a
            // cached one may be stale, so ask the log before refusing.
            Err(_) if from_cache => continue,
            Err(rejection) => {
                // A retry of a command that already took effect is usually
                // refused by the new state; answer it with the first result.
                if let Some(done) = repeat_of::<D>(store, stream, &metadata).await? {
                    return Ok(done);
                }
                return Err(ExecuteError::Rejected(rejection));
            }
        };
        let mut state = loaded.state.clone();
        let mut stored_state = loaded.state;
        let mut stored = Vec::with_capacity(events.len());
        let mut side_writes = Vec::new();
        for event in &events {
            let decode_error = |e: serde_json::Error| ExecuteError::Decode {
                position: 0,
                message: e.to_string(),
            };
            let payload = serde_json::to_value(event).map_err(decode_error)?;
            let Encrypted {
                payload: encrypted,
                side_writes: side,
            } = encryptor.encrypt(&state, event, payload.clone()).await?;
            side_writes.extend(side);
            stored_state = if encrypted == payload {
                D::evolve(stored_state, event)
            } else {
                let as_stored: D::Event =
                    serde_json::from_value(encrypted.clone()).map_err(decode_error)?;
                D::evolve(stored_state, &as_stored)
            };
            let payload = encrypted;
            state = D::evolve(state, event);
            stored.push(NewEvent::new(
                D::event_type(event),
                D::schema_version(event),
                payload,
            ));
        }
        if stored.is_empty() && from_cache {
            // "Nothing to do" must be true of the log, not of the cache.
            continue;
        }
        if stored.is_empty() {
            // Nothing to record: the command was a no-op in this state.
            return Ok(Executed {
                state,
                version: loaded.version,
                append: AppendResult {
                    first_position: 0,
                    last_position: 0,
                    next_version: loaded.version,
                    repeated: false,
                },
                repeated: false,
            });
        }
        let expected_version = if loaded.version == 0 {
            ExpectedVersion::NoStream
        } else {
            ExpectedVersion::Exact(loaded.version)
        };
        match store
            .append_with(
                stream,
                expected_version,
                stored,
                metadata.clone(),
                side_writes,
            )
            .await
        {
            Ok(append) if append.repeated => {
                // Decided against a state that already held this command's
                // events from an earlier attempt: report the stored truth.
                let current = load::<D>(store, stream).await?;
                return Ok(Executed {
                    state: current.state,
                    version: current.version,
                    append,
                    repeated: true,
                });
            }
            Ok(append) => {
                cache.put(
                    stream,
                    Loaded {
                        state: stored_state,
                        version: append.next_version,
                    },
                );
                return Ok(Executed {
                    state,
                    version: append.next_version,
                    append,
                    repeated: false,
                });
            }
            // Another writer claimed a row the encryptor meant to write (a
            // subject's first key): deciding again encrypts under the
            // stored one. The stream itself did not move.
            Err(Error::SideWriteRefused { .. }) if attempts < MAX_ATTEMPTS => {
                tokio::time::sleep(backoff(attempts)).await;
                continue;
            }
            Err(Error::Conflict { .. }) if attempts < MAX_ATTEMPTS && expected.is_none() => {
                tokio::time::sleep(backoff(attempts)).await;
                continue;
            }
            Err(Error::Conflict { .. }) => {
                cache.forget(stream);
                if let Some(done) = repeat_of::<D>(store, stream, &metadata).await? {
                    return Ok(done);
                }
                return Err(Error::Conflict {
                    stream: stream.to_owned(),
                    expected: expected_version,
                    actual: store.stream_version(stream).await?,
                }
                .into());
            }
            Err(err) => return Err(err.into()),
        }
    }
}

/// A random pause before attempt `attempts + 1`: "full jitter" over an
/// exponentially growing window, so writers that collided spread out
/// instead of colliding again in step.
fn backoff(attempts: u32) -> Duration {
    let window = Duration::from_millis(2u64 << attempts.min(10)).min(MAX_BACKOFF);
    window.mul_f64(rand::random::<f64>())
}

/// The first result of `metadata`'s command id, with the stream's current
/// state, if that command was appended before; `CommandIdReused` if the id
/// was used for another command.
async fn repeat_of<D: Decider>(
    store: &EventStore,
    stream: &str,
    metadata: &Metadata,
) -> Result<Option<Executed<D::State>>, ExecuteError<D::Error>> {
    let Some(id) = metadata.command_id else {
        return Ok(None);
    };
    let Some(record) = store.command_record(id).await? else {
        return Ok(None);
    };
    if !record.admits(stream, metadata.fingerprint.as_ref()) {
        return Err(record.reused(id).into());
    }
    let first = record.result;
    let current = load::<D>(store, stream).await?;
    Ok(Some(Executed {
        state: current.state,
        version: current.version,
        append: first,
        repeated: true,
    }))
}
