//! What can go wrong in intake: a mapping that does not fit a payload (a
//! list of field errors, nothing written) and the failures of a write.

use returns_domain::DomainError;
use serde::{Deserialize, Serialize};

use returns_tickets::TicketError;

/// One reason a payload does not fit its mapping: where, what was expected, what was there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappingError {
    /// The JSONPath (normalized where a node was found) the problem is at.
    pub path: String,
    /// The target the value was meant for, e.g. `ticket.kind` or `custom_fields.color`.
    pub field: String,
    /// What the mapping expects there.
    pub expected: String,
    /// What the payload holds there (`missing` when nothing).
    pub found: String,
}

impl std::fmt::Display for MappingError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} at {}: expected {}, found {}",
            self.field, self.path, self.expected, self.found
        )
    }
}

/// Why a mapping file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum MappingFileError {
    /// The file could not be read.
    #[error("cannot read mapping {file}: {source}")]
    Io {
        /// The file.
        file: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The TOML is malformed or has unknown keys.
    #[error("mapping {file} is not valid: {message}")]
    Invalid {
        /// The file (or platform).
        file: String,
        /// What is wrong.
        message: String,
    },
    /// Two files claim the same platform.
    #[error("platform `{0}` is mapped twice")]
    Duplicate(String),
}

/// Why an import wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// No mapping is loaded for the platform.
    #[error("no mapping for platform `{0}`")]
    UnknownPlatform(String),
    /// The payload does not fit the mapping (or a custom field its definition).
    #[error("{} mapping error(s): {}", .0.len(), list(.0))]
    Mapping(Vec<MappingError>),
    /// The ticket refused the command the record maps to.
    #[error(transparent)]
    Rejected(#[from] DomainError),
    /// The event store failed or the ticket moved on concurrently.
    #[error("ticket store: {0}")]
    Ticket(#[source] TicketError),
    /// The intake tables could not be read or written.
    #[error("intake database: {0}")]
    Database(#[from] returns_eventstore::Error),
}

fn list(errors: &[MappingError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl From<TicketError> for ImportError {
    fn from(err: TicketError) -> Self {
        match err {
            TicketError::Rejected(domain) => ImportError::Rejected(domain),
            other => ImportError::Ticket(other),
        }
    }
}

impl ImportError {
    /// The API's `extensions.code` for this error.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::UnknownPlatform(_) | ImportError::Mapping(_) => "VALIDATION",
            ImportError::Rejected(domain) => domain.code(),
            ImportError::Ticket(TicketError::Store(returns_eventstore::Error::Conflict {
                ..
            })) => "CONFLICT",
            ImportError::Ticket(_) | ImportError::Database(_) => "INTERNAL",
        }
    }

    /// The mapping errors, if that is what this is.
    pub fn mapping_errors(&self) -> &[MappingError] {
        match self {
            ImportError::Mapping(errors) => errors,
            _ => &[],
        }
    }
}
