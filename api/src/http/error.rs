//! [`HttpError`]: the one failure answer of every route but GraphQL's
//! (which answers in GraphQL's own `errors` list).
//!
//! Every failure has one JSON body, [`ErrorBody`]:
//! `{"code": "<CODE>", "message": "<text for people>", "requestId": "<uuid>"}`,
//! the code one of [`ApiError::CODES`]. A 503 carries `Retry-After`, a
//! throttled sign-in the wait it was given. Internal details go to the log
//! under the request id, never into the message.
//!
//! Answers the framework makes before a handler runs (a body over the limit,
//! a method a route does not take, JSON that does not fit) get the same
//! shape from [`shape_bare_errors`].

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::ApiError;
use crate::http::RETRY_AFTER_SECS;

/// A refused request: a code of [`ApiError::CODES`], words for people, the
/// request id its log lines carry, and the HTTP status.
#[derive(Debug)]
pub struct HttpError {
    request_id: Uuid,
    code: &'static str,
    message: String,
    status: StatusCode,
    retry_after_secs: Option<u64>,
}

/// The body of every failure answer.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    /// One of [`ApiError::CODES`].
    pub code: String,
    /// What happened, for people.
    pub message: String,
    /// The id the server's log lines about this request carry.
    pub request_id: Uuid,
}

/// Marks a response whose body is already an [`ErrorBody`].
#[derive(Debug, Clone, Copy)]
struct Shaped;

impl HttpError {
    /// `error` answered for `request_id` with the status its code usually
    /// has; the code and words are the error's.
    pub fn new(request_id: Uuid, error: ApiError) -> Self {
        let (status, retry_after_secs) = match &error {
            ApiError::Unauthenticated => (StatusCode::UNAUTHORIZED, None),
            ApiError::Forbidden { .. } => (StatusCode::FORBIDDEN, None),
            ApiError::NotFound(_) => (StatusCode::NOT_FOUND, None),
            ApiError::Validation(_) => (StatusCode::BAD_REQUEST, None),
            ApiError::InvalidTransition(_) | ApiError::Conflict(_) | ApiError::NeedsPerson(_) => {
                (StatusCode::CONFLICT, None)
            }
            ApiError::Throttled { retry_after_secs } => {
                (StatusCode::TOO_MANY_REQUESTS, Some(*retry_after_secs))
            }
            ApiError::NotYetConsistent { .. } | ApiError::Unavailable => {
                (StatusCode::SERVICE_UNAVAILABLE, None)
            }
            ApiError::Internal { .. } => (StatusCode::INTERNAL_SERVER_ERROR, None),
        };
        Self {
            request_id,
            code: error.code(),
            message: error.to_string(),
            status,
            retry_after_secs,
        }
    }

    /// The same code answered with `status` (a 413 or 415 `VALIDATION`, say).
    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    /// The same code in the route's own words (an `UNAUTHENTICATED` of a
    /// signed route says what is wrong with the signature, not that a bearer
    /// token is missing).
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// Logs `error` under `request_id` and answers the opaque `INTERNAL`.
    pub fn internal(request_id: Uuid, error: &dyn std::fmt::Display) -> Self {
        Self::new(request_id, ApiError::internal(request_id, error))
    }

    /// The database could not be reached (503 with `Retry-After`).
    pub fn unavailable(request_id: Uuid) -> Self {
        Self::new(request_id, ApiError::Unavailable)
    }

    /// `UNAUTHENTICATED` (401) saying `why`.
    pub fn unauthenticated(request_id: Uuid, why: impl Into<String>) -> Self {
        Self::new(request_id, ApiError::Unauthenticated).with_message(why)
    }

    /// `FORBIDDEN` (403) saying `why`.
    pub fn forbidden(request_id: Uuid, why: impl Into<String>) -> Self {
        let error = ApiError::Forbidden {
            role: String::new(),
            action: String::new(),
        };
        Self::new(request_id, error).with_message(why)
    }

    /// `NOT_FOUND` (404).
    pub fn not_found(request_id: Uuid, what: impl Into<String>) -> Self {
        Self::new(request_id, ApiError::NotFound(what.into()))
    }

    /// `VALIDATION` (400).
    pub fn validation(request_id: Uuid, what: impl Into<String>) -> Self {
        Self::new(request_id, ApiError::Validation(what.into()))
    }

    /// `CONFLICT` (409).
    pub fn conflict(request_id: Uuid, what: impl Into<String>) -> Self {
        Self::new(request_id, ApiError::Conflict(what.into()))
    }

    /// The code clients switch on.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            code: self.code.to_owned(),
            message: self.message,
            request_id: self.request_id,
        };
        let mut response = (self.status, Json(body)).into_response();
        // Every 503 is worth retrying, and says after how long.
        let retry_after = self
            .retry_after_secs
            .or((self.status == StatusCode::SERVICE_UNAVAILABLE).then_some(RETRY_AFTER_SECS));
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        response.extensions_mut().insert(Shaped);
        response
    }
}

/// The largest framework answer whose words are passed on.
const MAX_BARE_BODY: usize = 1024;

/// Gives a failure answer the framework made (not an [`HttpError`]) the one
/// shape: a 413 from the body limit, a 405 of a route that takes another
/// method, a 400/415/422 of a body that is not the JSON a route takes. The
/// framework's words are kept for client errors (they say what to fix);
/// a server error's are logged, not sent.
pub async fn shape_bare_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error())
        || response.extensions().get::<Shaped>().is_some()
    {
        return response;
    }
    let request_id = Uuid::now_v7();
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, MAX_BARE_BODY)
        .await
        .map(|b| String::from_utf8_lossy(&b).trim().to_owned())
        .unwrap_or_default();
    let reason = status.canonical_reason().unwrap_or("refused").to_owned();
    let words = if text.is_empty() { reason } else { text };
    let error = match status {
        StatusCode::UNAUTHORIZED => HttpError::unauthenticated(request_id, words),
        StatusCode::FORBIDDEN => HttpError::forbidden(request_id, words),
        StatusCode::NOT_FOUND => HttpError::not_found(request_id, words),
        StatusCode::CONFLICT => HttpError::conflict(request_id, words),
        StatusCode::SERVICE_UNAVAILABLE => HttpError::unavailable(request_id),
        s if s.is_server_error() => HttpError::internal(request_id, &words),
        _ => HttpError::validation(request_id, words),
    }
    .with_status(status);
    let mut shaped = error.into_response();
    // Keep what the framework said besides the body (`Allow` on a 405).
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            shaped.headers_mut().entry(name).or_insert(value.clone());
        }
    }
    shaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_503_says_when_to_retry_and_a_throttle_how_long_to_wait() {
        let id = Uuid::now_v7();
        let down = HttpError::unavailable(id).into_response();
        assert_eq!(down.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(down.headers()[header::RETRY_AFTER], "2");
        let throttled = HttpError::new(
            id,
            ApiError::Throttled {
                retry_after_secs: 42,
            },
        );
        let throttled = throttled.into_response();
        assert_eq!(throttled.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(throttled.headers()[header::RETRY_AFTER], "42");
        let bytes = axum::body::to_bytes(throttled.into_body(), 4096)
            .await
            .unwrap();
        let body: ErrorBody = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(body.code, "THROTTLED");
        assert_eq!(body.request_id, id);
    }

    #[test]
    fn every_code_an_http_error_can_carry_is_in_the_table() {
        let id = Uuid::nil();
        let errors = [
            HttpError::unauthenticated(id, "x"),
            HttpError::forbidden(id, "x"),
            HttpError::not_found(id, "x"),
            HttpError::validation(id, "x"),
            HttpError::conflict(id, "x"),
            HttpError::unavailable(id),
            HttpError::new(
                id,
                ApiError::Throttled {
                    retry_after_secs: 1,
                },
            ),
            HttpError::new(id, ApiError::Internal { request_id: id }),
        ];
        for error in errors {
            assert!(
                ApiError::CODES
                    .iter()
                    .any(|(code, _)| *code == error.code()),
                "{} is not in ApiError::CODES",
                error.code()
            );
        }
    }
}
