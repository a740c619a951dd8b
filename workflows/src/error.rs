//! The workflows' error type: what stops a workflow step for now (it is
//! retried later); a domain refusal of a workflow's command is not an error.

use returns_domain::DomainError;
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
    /// A row of the workflows' tables holds something this version cannot read.
    #[error("{table} row {key} is corrupt: {message}")]
    CorruptRow {
        /// The table.
        table: &'static str,
        /// The row's key.
        key: String,
        /// What was wrong.
        message: String,
    },
    /// The payout configuration is incomplete.
    #[error(transparent)]
    Payout(#[from] crate::payout::PayoutConfigError),
    /// The policy file is missing or wrong.
    #[error(transparent)]
    Policy(#[from] PolicyError),
    /// The domain refused a command on a path where refusals are not expected
    /// (workflow commands' refusals are handled where they are issued).
    #[error("unexpected refusal: {0}")]
    Refused(DomainError),
    /// A workflow task panicked or was cancelled.
    #[error("workflow task failed: {0}")]
    Task(String),
}

impl From<ExecuteError<DomainError>> for WorkflowError {
    fn from(err: ExecuteError<DomainError>) -> Self {
        match err {
            ExecuteError::Store(err) => WorkflowError::Store(err),
            ExecuteError::Decode { position, message } => {
                WorkflowError::Decode { position, message }
            }
            ExecuteError::Rejected(err) => WorkflowError::Refused(err),
        }
    }
}

/// Results of workflow operations.
pub type Result<T, E = WorkflowError> = std::result::Result<T, E>;
