//! The projections' error type.

/// Everything the runner, a rebuild or a query can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The event store failed (reading the log or a stream).
    #[error(transparent)]
    Store(#[from] returns_eventstore::Error),
    /// A read-model statement failed.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    /// Creating the checkpoint table failed.
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// An event of a type this build knows could not be decoded: the runner
    /// stops rather than skip it, since skipping would silently corrupt the read model.
    #[error("cannot decode {event_type} at position {position}: {message}")]
    Decode {
        /// Position of the event in the log.
        position: i64,
        /// Its type.
        event_type: String,
        /// What serde said.
        message: String,
    },
    /// Another runner moved this projection's checkpoint since it was read:
    /// the batch was rolled back rather than applied twice.
    #[error("checkpoint of {name} moved under this runner (expected {expected})")]
    CheckpointMoved {
        /// The projection.
        name: String,
        /// The position this runner expected.
        expected: i64,
    },
    /// A name that no registered projection or read model carries.
    #[error("unknown projection or read model {0:?}")]
    UnknownProjection(String),
    /// `wait_for` gave up before the projection reached the position.
    #[error("{name} reached {reached}, not {wanted}, within the timeout")]
    Timeout {
        /// The projection waited on.
        name: String,
        /// The position asked for.
        wanted: i64,
        /// Where it was when the wait ended.
        reached: i64,
    },
    /// A read-model row holds a name the domain does not know: the tables
    /// were written by a newer build or altered by hand; rebuild them.
    #[error("read model row: {0}")]
    Stored(#[from] returns_domain::UnknownName),
    /// A query argument was out of range (e.g. a malformed cursor).
    #[error("invalid query: {0}")]
    InvalidQuery(String),
    /// A projection step failed on purpose or by a bug in its own code.
    #[error("projection {name} failed: {message}")]
    Projection {
        /// The projection.
        name: String,
        /// What went wrong.
        message: String,
    },
}

/// Results of projection operations.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<returns_tickets::DecodeError> for Error {
    fn from(err: returns_tickets::DecodeError) -> Self {
        Error::Decode {
            position: err.position,
            event_type: err.event_type,
            message: err.message,
        }
    }
}

impl From<returns_tickets::TicketError> for Error {
    fn from(err: returns_tickets::TicketError) -> Self {
        match err {
            returns_tickets::TicketError::Store(store) => Error::Store(store),
            returns_tickets::TicketError::Decode { position, message } => Error::Decode {
                position,
                event_type: String::new(),
                message,
            },
            returns_tickets::TicketError::Rejected(rejected) => Error::Projection {
                name: String::new(),
                message: rejected.to_string(),
            },
        }
    }
}
