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
    /// The marketplace takes this step only from a person in its back
    /// office; the message says where and why.
    #[error("{0}")]
    NeedsPerson(String),
    /// A read model has not reached the position asked for; retry.
    #[error("{message}")]
    NotYetConsistent {
        /// What happened, in words.
        message: String,
        /// The position the read model has reached.
        reached: i64,
    },
    /// Too many failed sign-ins from one name or address: wait (HTTP 429).
    #[error("too many failed sign-ins; try again in {retry_after_secs} s")]
    Throttled {
        /// How long to wait, sent as `Retry-After`.
        retry_after_secs: u64,
    },
    /// The database cannot be reached; retry shortly (HTTP 503).
    #[error("the database cannot be reached; retry shortly")]
    Unavailable,
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
            ApiError::NeedsPerson(_) => "NEEDS_PERSON",
            ApiError::NotYetConsistent { .. } => "NOT_YET_CONSISTENT",
            ApiError::Throttled { .. } => "THROTTLED",
            ApiError::Unavailable => "UNAVAILABLE",
            ApiError::Internal { .. } => "INTERNAL",
        }
    }

    /// Every code a client can receive, over GraphQL (`extensions.code`)
    /// or from the other routes (`code`), with when it happens: the
    /// README's table is tested against this list.
    pub const CODES: [(&'static str, &'static str); 11] = [
        ("UNAUTHENTICATED", "no token, or one that is unknown, revoked or expired; a wrong name or password; a missing, stale or wrong request signature"),
        ("FORBIDDEN", "the token's role may not do this"),
        ("NOT_FOUND", "the ticket (or other named thing) does not exist, or a version past its head; a route not enabled on this server (push intake without the platform's secret, payout callbacks without webhook payouts)"),
        ("VALIDATION", "a malformed request or argument, including a command id already used for another command"),
        ("INVALID_TRANSITION", "the command does not fit where the ticket is"),
        ("CONFLICT", "`expectedVersion` given and the ticket is at another version; or the thing exists already"),
        ("NEEDS_PERSON", "the marketplace takes this step only from a person in its back office (no open-API credentials, no documented call, or the platform refused the files); the message says where, and nothing was recorded"),
        ("NOT_YET_CONSISTENT", "the read model has not reached `atLeastPosition` (`extensions.reached`); retry"),
        ("THROTTLED", "too many failed sign-ins (HTTP 429); wait the `Retry-After` seconds"),
        ("UNAVAILABLE", "the database cannot be reached (HTTP 503, `Retry-After`); retry with the same request"),
        ("INTERNAL", "a fault in the server; the `requestId` finds it in the log"),
    ];

    /// Logs `error` under `request_id` and returns the opaque client error,
    /// or `Unavailable` when the error is the database being unreachable.
    pub fn internal(request_id: Uuid, error: &dyn std::fmt::Display) -> Self {
        tracing::error!(%request_id, %error, "internal error");
        ApiError::Internal { request_id }
    }

    /// [`ApiError::internal`] for an error value, except that a database
    /// that cannot be reached, anywhere in its chain of causes, is
    /// `Unavailable`: a read that fails in an outage must tell the client
    /// to retry, not report a fault.
    pub fn from_error<E: std::error::Error + 'static>(request_id: Uuid, error: &E) -> Self {
        let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error);
        while let Some(now) = cause {
            let unreachable = now
                .downcast_ref::<returns_eventstore::Error>()
                .is_some_and(is_unreachable)
                || now
                    .downcast_ref::<ExecuteError<DomainError>>()
                    .is_some_and(|e| matches!(e, ExecuteError::Store(s) if is_unreachable(s)))
                || now
                    .downcast_ref::<sqlx::Error>()
                    .is_some_and(sqlx_unreachable);
            if unreachable {
                tracing::warn!(%request_id, %error, "database unreachable");
                return ApiError::Unavailable;
            }
            cause = now.source();
        }
        Self::internal(request_id, error)
    }

    /// The client error for a store failure outside a command.
    pub fn from_store(request_id: Uuid, error: &returns_eventstore::Error) -> Self {
        if is_unreachable(error) {
            tracing::warn!(%request_id, %error, "database unreachable");
            return ApiError::Unavailable;
        }
        Self::internal(request_id, error)
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
            // Not CONFLICT: that code tells a client to reload and retry,
            // and no retry with this id can ever succeed. The request
            // itself is wrong (as the IETF Idempotency-Key draft answers
            // 422): a new command needs a new id.
            ExecuteError::Store(reused @ returns_eventstore::Error::CommandIdReused { .. }) => {
                ApiError::Validation(reused.to_string())
            }
            ExecuteError::Store(store) => Self::from_store(request_id, &store),
            other => Self::internal(request_id, &other),
        }
    }
}

impl ErrorExtensions for ApiError {
    fn extend(&self) -> async_graphql::Error {
        async_graphql::Error::new(self.to_string()).extend_with(|_, ext| {
            ext.set("code", self.code());
            match self {
                ApiError::Internal { request_id } => ext.set("requestId", request_id.to_string()),
                ApiError::NotYetConsistent { reached, .. } => ext.set("reached", *reached),
                // What an HTTP client reads from `Retry-After`, for the
                // clients (subscriptions) that have no headers to read.
                ApiError::Unavailable => ext.set("retryAfter", RETRY_AFTER_SECS),
                _ => {}
            }
        })
    }
}

/// How long a client should wait before retrying when the store cannot be
/// reached (seconds): long enough for a pool to reconnect after a restart.
/// HTTP sends it as `Retry-After`, GraphQL as `extensions.retryAfter`.
pub const RETRY_AFTER_SECS: u64 = 2;

/// Whether a store error means the database could not be reached (a
/// connection refused, reset or timed out, a pool closed or exhausted), as
/// opposed to a fault in a statement.
pub fn is_unreachable(error: &returns_eventstore::Error) -> bool {
    match error {
        returns_eventstore::Error::Database(db) => sqlx_unreachable(db),
        returns_eventstore::Error::WriterStopped => true,
        _ => false,
    }
}

/// The sqlx errors that mean no usable connection, including PostgreSQL's
/// "admin shutdown" and "cannot connect now" classes (57P01-57P03), sent
/// while it restarts, "too many connections" (53300), and the refusal of a
/// database closed to connections (55000, `ALLOW_CONNECTIONS false`: the
/// statements Returns runs raise that code for nothing else).
pub fn sqlx_unreachable(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Io(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed
        | sqlx::Error::Tls(_) => true,
        sqlx::Error::Database(db) => db.code().is_some_and(|c| {
            c.starts_with("57P") || c.starts_with("08") || c == "53300" || c == "55000"
        }),
        _ => false,
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
