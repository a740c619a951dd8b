//! The shapes that go into and come out of the log.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

/// What the caller expects the stream's version to be before its append.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExpectedVersion {
    /// Append whatever the version is.
    Any,
    /// The stream must not exist yet.
    NoStream,
    /// The stream must be at exactly this version (0 means no stream).
    Exact(i64),
}

impl ExpectedVersion {
    /// Whether a stream at `actual` satisfies this expectation.
    pub fn admits(self, actual: i64) -> bool {
        match self {
            Self::Any => true,
            Self::NoStream => actual == 0,
            Self::Exact(v) => v == actual,
        }
    }
}

impl fmt::Display for ExpectedVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Any => f.write_str("any version"),
            Self::NoStream => f.write_str("no stream"),
            Self::Exact(v) => write!(f, "version {v}"),
        }
    }
}

/// An event to append: its type, payload and the payload's schema version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewEvent {
    /// The event's name, e.g. `TicketOpened`.
    pub event_type: String,
    /// The version of the payload's shape, for upcasting on read.
    pub schema_version: i32,
    /// The payload, stored as JSON.
    pub payload: Value,
}

impl NewEvent {
    /// An event of `event_type` at `schema_version` with `payload`.
    pub fn new(event_type: impl Into<String>, schema_version: i32, payload: Value) -> Self {
        Self {
            event_type: event_type.into(),
            schema_version,
            payload,
        }
    }
}

/// A write another crate makes in an append's own transaction, after the
/// events: rows that must exist exactly when the events do (a data key the
/// events are encrypted under, an index row that finds them). The store runs
/// the statement and knows nothing of what it writes.
///
/// The statement must not fail on a unique key (write `ON CONFLICT …`): a
/// unique violation is how the writer detects a stale stream version. To
/// refuse the append instead, give `must_affect`: when the statement affects
/// another number of rows, the whole append is rolled back with
/// [`crate::Error::SideWriteRefused`] (e.g. an upsert whose `WHERE` only
/// matches an identical row, so two writers can never both claim a key).
///
/// A write made with [`SideWrite::insert`] inserts one row, and the rows of
/// one shape (table, columns, conflict clause) that a batch of appends
/// carries go to the database as one multi-row `INSERT`: one statement
/// instead of one per append, which on PostgreSQL is one round trip instead
/// of one per row. Identical rows are written once. Merged rows must not
/// depend on the order of rows of other shapes, and a conflict clause that
/// updates must tolerate two rows of the batch naming one key (PostgreSQL
/// refuses that; the batch is then written one append at a time, as after
/// any failure). A refusal of the merged statement is likewise sorted out
/// one append at a time, so only the append that claimed wrongly fails.
#[derive(Debug, Clone, PartialEq)]
pub struct SideWrite {
    /// What to run, with `$N` placeholders valid on both backends.
    pub statement: crate::db::Statement,
    /// The rows the statement must affect, if any number will not do.
    pub must_affect: Option<u64>,
    /// Names the write in the refusal (a table, a purpose).
    pub what: String,
    /// The row's shape, when the statement inserts one row
    /// ([`SideWrite::insert`]): writes of one shape are merged.
    pub row: Option<RowShape>,
}

/// What rows inserted by side writes have in common, so that several can
/// be written by one statement: `INSERT INTO {table} ({columns}) VALUES (…),
/// (…) {then}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct RowShape {
    /// The table.
    pub table: String,
    /// The columns given, in the order of each row's values.
    pub columns: Vec<String>,
    /// What follows the values (`ON CONFLICT …`), without placeholders.
    pub then: String,
}

impl RowShape {
    /// `INSERT INTO table (a, b, c)`.
    pub fn insert_into(&self) -> String {
        format!("INSERT INTO {} ({})", self.table, self.columns.join(", "))
    }
}

impl SideWrite {
    /// Inserts one row of `values` into `columns` of `table` with
    /// `INSERT INTO {table} ({columns}) VALUES ($1, …) {then}`.
    pub fn insert(
        table: &str,
        columns: &[&str],
        values: Vec<crate::db::Arg>,
        then: &str,
        must_affect: Option<u64>,
        what: &str,
    ) -> Self {
        let shape = RowShape {
            table: table.to_owned(),
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            then: then.to_owned(),
        };
        let sql = format!(
            "{} VALUES {} {then}",
            shape.insert_into(),
            crate::db::statement::tuple(1, values.len())
        );
        Self {
            statement: crate::db::Statement::new(sql, values),
            must_affect,
            what: what.to_owned(),
            row: Some(shape),
        }
    }
}

/// Who caused an append and why; stored with every event of the append.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// The person or process that acted (`system` for workflows).
    pub actor: String,
    /// The role the actor acted in.
    pub role: String,
    /// The command's id; a repeated id returns the first result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command_id: Option<Uuid>,
    /// Groups everything that followed from one original request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correlation_id: Option<Uuid>,
    /// The event or command that directly caused this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub causation_id: Option<Uuid>,
    /// Where the command came from (`graphql`, `intake:douyin`, `workflow:auto_refund` …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// What the command id was used for, so a reuse for anything else is
    /// refused. Kept in the store's command table, not in the events.
    #[serde(skip)]
    pub fingerprint: Option<CommandFingerprint>,
}

/// The `input_hash` a command record keeps once the data subject whose
/// input it fingerprinted was erased.
pub const ERASED_INPUT: &str = "erased";

/// What one use of a command id is: the command's kind and a hash of the
/// caller's input. A repeat must match it (and the stream) to count as the
/// same command; the store compares the strings and knows nothing of their
/// meaning.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandFingerprint {
    /// The command's name (`ApproveApplication`).
    pub kind: String,
    /// A hash of the caller's input, as the caller computes it (hex).
    pub input_hash: String,
}

impl CommandFingerprint {
    /// A fingerprint of `kind` with `input_hash`.
    pub fn new(kind: impl Into<String>, input_hash: impl Into<String>) -> Self {
        Self {
            kind: kind.into(),
            input_hash: input_hash.into(),
        }
    }
}

/// What the store remembers of a command id: where and as what it was first
/// used, and what that use wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandRecord {
    /// The stream the command appended to.
    pub stream: String,
    /// The command's kind (empty for ids recorded before kinds were kept,
    /// or appended without a fingerprint).
    pub kind: String,
    /// The caller's input hash (empty as for `kind`).
    pub input_hash: String,
    /// The first result.
    pub result: AppendResult,
}

impl CommandRecord {
    /// Whether an append to `stream` with `fingerprint` is the same command
    /// as this one: a repeat that returns the first result. Anything else
    /// reusing the id is refused. Ids recorded before fingerprints existed
    /// compare by stream only.
    pub fn admits(&self, stream: &str, fingerprint: Option<&CommandFingerprint>) -> bool {
        if self.stream != stream {
            return false;
        }
        if self.kind.is_empty() && self.input_hash.is_empty() {
            return true;
        }
        // The input's fingerprint was forgotten when its data subject was
        // erased (it could confirm a guess of the erased values): the same
        // id for the same kind of command on the same stream is a repeat.
        if self.input_hash == ERASED_INPUT {
            return fingerprint.is_some_and(|f| f.kind == self.kind);
        }
        fingerprint.is_some_and(|f| f.kind == self.kind && f.input_hash == self.input_hash)
    }

    /// The refusal of another use of this record's `command_id`.
    pub fn reused(&self, command_id: Uuid) -> crate::Error {
        crate::Error::CommandIdReused {
            command_id,
            stream: self.stream.clone(),
            used_for: if self.kind.is_empty() {
                "another command".to_owned()
            } else {
                self.kind.clone()
            },
        }
    }
}

impl Metadata {
    /// Metadata for `actor` acting as `role`.
    pub fn new(actor: impl Into<String>, role: impl Into<String>) -> Self {
        Self {
            actor: actor.into(),
            role: role.into(),
            ..Self::default()
        }
    }

    /// The same metadata with a command id.
    pub fn with_command_id(mut self, id: Uuid) -> Self {
        self.command_id = Some(id);
        self
    }

    /// The same metadata with a command fingerprint.
    pub fn with_fingerprint(mut self, fingerprint: CommandFingerprint) -> Self {
        self.fingerprint = Some(fingerprint);
        self
    }

    /// The same metadata with a source.
    pub fn with_source(mut self, source: impl Into<String>) -> Self {
        self.source = Some(source.into());
        self
    }
}

/// An event as stored in the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordedEvent {
    /// Global position, strictly increasing in commit order.
    pub position: i64,
    /// The stream (one per ticket).
    pub stream_id: String,
    /// 1-based, gap-free version within the stream.
    pub stream_version: i64,
    /// Unique id of the event (UUID v7).
    pub event_id: Uuid,
    /// The event's name.
    pub event_type: String,
    /// The payload's schema version (after upcasting, the current one).
    pub schema_version: i32,
    /// The payload.
    pub payload: Value,
    /// Who and why.
    pub metadata: Metadata,
    /// When the store recorded it, UTC, microsecond precision.
    pub recorded_at: DateTime<Utc>,
    /// SHA-256 of the previous event's hash and this event's canonical bytes.
    pub hash: Vec<u8>,
}

impl RecordedEvent {
    /// The hash as lowercase hex.
    pub fn hash_hex(&self) -> String {
        hex::encode(&self.hash)
    }
}

/// What an append wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppendResult {
    /// Position of the first event written.
    pub first_position: i64,
    /// Position of the last event written.
    pub last_position: i64,
    /// The stream's version after the append: pass it as `Exact` next time.
    pub next_version: i64,
    /// True when the command id had been appended before: this is the first
    /// result again and nothing was written now.
    #[serde(default)]
    pub repeated: bool,
}

impl AppendResult {
    /// Whether two results name the same write, ignoring `repeated`.
    pub fn same_write(&self, other: &AppendResult) -> bool {
        self.first_position == other.first_position
            && self.last_position == other.last_position
            && self.next_version == other.next_version
    }
}

/// A stored row before upcasting and metadata decoding: what verify hashes.
/// Metadata stays JSON text here: reads decode it straight into [`Metadata`],
/// and only verification needs it as a `Value`.
#[derive(Debug, Clone)]
pub(crate) struct RawEvent {
    pub position: i64,
    pub stream_id: String,
    pub stream_version: i64,
    pub event_id: Uuid,
    pub event_type: String,
    pub schema_version: i32,
    pub payload: Value,
    pub metadata: String,
    pub recorded_at: DateTime<Utc>,
    pub hash: Vec<u8>,
}

/// One event of a stream as a decider needs it to fold: its payload, still
/// JSON text unless an upcaster had to rewrite it. Decoding the text straight
/// into the decider's event type skips the `Value` tree and the metadata,
/// which a fold never reads.
#[derive(Debug, Clone, PartialEq)]
pub struct PayloadRow {
    /// Global position.
    pub position: i64,
    /// Version in the stream.
    pub stream_version: i64,
    /// The event's name.
    pub event_type: String,
    /// The payload at the current schema version.
    pub payload: Payload,
}

/// A payload as stored, or as an upcaster rewrote it.
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// The stored JSON text (already at the current schema version).
    Stored(String),
    /// Upgraded from an older schema version on read.
    Upcast(Value),
}

impl PayloadRow {
    /// Decodes the payload into `T`.
    pub fn decode<T: serde::de::DeserializeOwned>(&self) -> serde_json::Result<T> {
        match &self.payload {
            Payload::Stored(text) => serde_json::from_str(text),
            Payload::Upcast(value) => T::deserialize(value),
        }
    }
}
