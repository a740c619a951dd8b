//! [`ApiError`]: every failure a client can see, each with one
//! `extensions.code`. Internal details go to the log with the request id,
//! never to the client.

use async_graphql::ErrorExtensions;
use returns_domain::{DomainError, TicketStatus};
use returns_eventstore::aggregate::ExecuteError;
use uuid::Uuid;

/// What went wrong, in the client's terms.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No token, or a token that is unknown, revoked or expired.
    #[error("authentication required: send `Authorization: Bearer <token>`")]
    Unauthenticated,
    /// The token's role may not do this.
    #[error("the role {role} may not {action}")]
    Forbidden {
        /// The caller's role.
        role: String,
        /// What was attempted, in words.
        action: String,
    },
    /// The ticket (or another named thing) does not exist.
    #[error("{0}")]
    NotFound(String),
    /// An argument is unacceptable.
    #[error("{0}")]
    Validation(String),
    /// The command does not fit where the ticket is.
    #[error("{0}")]
    InvalidTransition(String),
    /// Someone else changed the ticket first, or the thing exists already.
    #[error("{0}")]
    Conflict(String),
    /// A read model did not reach the position asked for in time; retry.
    #[error("{0}")]
    NotCaughtUp(String),
    /// A failure inside the server; the details are in the log under `request_id`.
    #[error("internal error; quote request id {request_id} to support")]
    Internal {
        /// The request whose log lines hold the details.
        request_id: Uuid,
    },
}

impl ApiError {
    /// The stable code clients switch on.
    pub fn code(&self) -> &'static str {
        match self {
            ApiError::Unauthenticated => "UNAUTHENTICATED",
            ApiError::Forbidden { .. } => "FORBIDDEN",
            ApiError::NotFound(_) => "NOT_FOUND",
            ApiError::Validation(_) => "VALIDATION",
            ApiError::InvalidTransition(_) => "INVALID_TRANSITION",
            ApiError::Conflict(_) => "CONFLICT",
            // Not one of the client's own mistakes; a retry will do.
            ApiError::NotCaughtUp(_) | ApiError::Internal { .. } => "INTERNAL",
        }
    }

    /// Logs `error` under `request_id` and returns the opaque client error.
    pub fn internal(request_id: Uuid, error: &dyn std::fmt::Display) -> Self {
        tracing::error!(%request_id, %error, "internal error");
        ApiError::Internal { request_id }
    }

    /// The client error for a domain refusal.
    pub fn from_domain(error: &DomainError) -> Self {
        let message = error.to_string();
        match error.code() {
            "INVALID_TRANSITION" => ApiError::InvalidTransition(message),
            "NOT_FOUND" => ApiError::NotFound(message),
            "CONFLICT" => ApiError::Conflict(message),
            _ => ApiError::Validation(message),
        }
    }

    /// The client error for a failed ticket command on `ticket_id`.
    pub fn from_execute(
        error: ExecuteError<DomainError>,
        ticket_id: Uuid,
        request_id: Uuid,
    ) -> Self {
        match error {
            // A command to a ticket that was never opened: the ticket is
            // missing, which says more than "not allowed while not_opened".
            ExecuteError::Rejected(DomainError::InvalidTransition {
                status: TicketStatus::NotOpened,
                ..
            }) => ApiError::NotFound(format!("ticket {ticket_id} not found")),
            ExecuteError::Rejected(domain) => Self::from_domain(&domain),
            ExecuteError::Store(returns_eventstore::Error::Conflict {
                expected, actual, ..
            }) => ApiError::Conflict(format!(
                "ticket {ticket_id} changed: expected {expected}, it is now at version {actual}; reload and retry"
            )),
            ExecuteError::Store(returns_eventstore::Error::Invalid(message)) => {
                ApiError::Validation(message)
            }
            other => Self::internal(request_id, &other),
        }
    }
}

impl ErrorExtensions for ApiError {
    fn extend(&self) -> async_graphql::Error {
        async_graphql::Error::new(self.to_string()).extend_with(|_, ext| {
            ext.set("code", self.code());
            if let ApiError::Internal { request_id } = self {
                ext.set("requestId", request_id.to_string());
            }
        })
    }
}

/// Turns an `ApiError` result into the GraphQL error with its code.
pub trait IntoGql<T> {
    /// The same result with the error carrying `extensions.code`.
    fn gql(self) -> async_graphql::Result<T>;
}

impl<T> IntoGql<T> for Result<T, ApiError> {
    fn gql(self) -> async_graphql::Result<T> {
        self.map_err(|e| e.extend())
    }
}
