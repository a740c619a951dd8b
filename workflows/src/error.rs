//! The workflows' error type: what stops a workflow step for now (it is
//! retried later); a domain refusal of a workflow's command is not an error.

use returns_eventstore::aggregate::ExecuteError;

use crate::policies::PolicyError;

/// Why a workflow step could not run; nothing past the last checkpoint is lost.
#[derive(Debug, thiserror::Error)]
pub enum WorkflowError {
    /// The event store failed (or a ticket kept changing under the command).
    #[error(transparent)]
    Store(#[from] returns_eventstore::Error),
    /// The workflows' own tables could not be read or written.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    /// The workflows' migrations failed.
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A stored ticket event could not be decoded; the event is skipped.
    #[error("ticket event at position {position} cannot be decoded: {message}")]
    Decode {
        /// Where in the log.
        position: i64,
        /// Why.
        message: String,
    },
    /// A timer row holds something this version cannot read.
    #[error("timer {timer_id} is corrupt: {message}")]
    CorruptTimer {
        /// The timer.
        timer_id: String,
        /// What was wrong.
        message: String,
    },
    /// The policy file is missing or wrong.
    #[error(transparent)]
    Policy(#[from] PolicyError),
}

impl<E: std::error::Error + 'static> From<ExecuteError<E>> for WorkflowError {
    fn from(err: ExecuteError<E>) -> Self {
        match err {
            ExecuteError::Store(err) => WorkflowError::Store(err),
            ExecuteError::Decode { position, message } => {
                WorkflowError::Decode { position, message }
            }
            // Callers match `Rejected` before converting; reaching here is a bug
            // in this crate, reported as a decode-class error rather than a panic.
            ExecuteError::Rejected(err) => WorkflowError::Decode {
                position: 0,
                message: format!("unexpected refusal: {err}"),
            },
        }
    }
}

/// Results of workflow operations.
pub type Result<T, E = WorkflowError> = std::result::Result<T, E>;
