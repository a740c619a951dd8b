//! The store's error type: what a caller can act on, with database details
//! kept for the log.

use crate::event::ExpectedVersion;

/// Everything an event store operation can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The stream was not at the expected version; nothing was written.
    #[error("conflict on stream {stream}: expected {expected}, actual version {actual}")]
    Conflict {
        /// The stream appended to.
        stream: String,
        /// What the caller expected.
        expected: ExpectedVersion,
        /// The stream's version when the append was checked (0 = no stream).
        actual: i64,
    },
    /// The command id was already used for another command (another
    /// stream, kind or input); nothing was written. A new command needs a
    /// new id.
    #[error("command id {command_id} was already used for {used_for} on stream {stream}; a different command needs a new id")]
    CommandIdReused {
        /// The reused id.
        command_id: uuid::Uuid,
        /// The stream of its first use.
        stream: String,
        /// The kind of its first use (`another command` when unknown).
        used_for: String,
    },
    /// The append was malformed (no events, empty stream id …); nothing was written.
    #[error("invalid append: {0}")]
    Invalid(String),
    /// An upcaster could not turn a stored payload into the current version.
    #[error("cannot upcast event at position {position}: {message}")]
    Upcast {
        /// Position of the stored event.
        position: i64,
        /// What the upcaster said.
        message: String,
    },
    /// A stored row could not be decoded (corrupt JSON, unknown format).
    #[error("corrupt event row at position {position}: {message}")]
    Corrupt {
        /// Position of the row.
        position: i64,
        /// What was wrong.
        message: String,
    },
    /// An event's personal data could not be encrypted (no key could be
    /// made or unwrapped); nothing was written.
    #[error("cannot encrypt personal data: {0}")]
    Encryption(String),
    /// A [`crate::event::SideWrite`] affected another number of rows than it
    /// must; nothing was written. The caller decides again (another writer
    /// claimed the row first).
    #[error("the append's side write {what} affected {affected} rows, not {expected}")]
    SideWriteRefused {
        /// The side write's name.
        what: String,
        /// The rows it had to affect.
        expected: u64,
        /// The rows it affected.
        affected: u64,
    },
    /// The group-commit writer has stopped (the store is shutting down).
    #[error("the event store writer has stopped")]
    WriterStopped,
    /// The database URL names no backend this store speaks.
    #[error("unsupported database url {0:?}: use sqlite:… or postgres://…")]
    UnsupportedUrl(String),
    /// A database error not otherwise classified.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    /// A migration failed at start-up.
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// An applied migration's file was edited afterwards; migrations are
    /// append-only, so the database and the code disagree.
    #[error("migration {version} of {owner} was changed after it was applied")]
    MigrationChanged {
        /// The crate that owns the migration.
        owner: String,
        /// Its version.
        version: i64,
    },
}

/// Results of event store operations.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// SQLite's extended code for a UNIQUE constraint, PostgreSQL's SQLSTATE for
/// unique_violation, and SQLite's for PRIMARY KEY: the only errors that mean
/// "somebody else wrote this first".
const UNIQUE_VIOLATION_CODES: [&str; 3] = ["2067", "23505", "1555"];

/// Whether `err` is a unique-key violation, by the backend's own code.
pub fn is_unique_violation(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::Database(db) => db
            .code()
            .is_some_and(|code| UNIQUE_VIOLATION_CODES.contains(&code.as_ref())),
        _ => false,
    }
}
