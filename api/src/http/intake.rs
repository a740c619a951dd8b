//! Push intake: `POST /intake/{platform}` takes one after-sale record or
//! JSON lines from an ERP or middleware and imports them like
//! `returns import`.
//!
//! Authentication is the signature every signed request carries, in and
//! out ([`returns_workflows::signature`]), keyed with the platform's own
//! secret (`RETURNS_INTAKE_SECRET_<PLATFORM>`, read once at start-up into
//! [`crate::settings::IntakeSecrets`]):
//!
//! - `Returns-Timestamp`: unix seconds when the request was signed; more
//!   than [`signature::TOLERANCE_SECS`] from the server's clock is refused,
//!   so a captured request cannot be replayed later.
//! - `Returns-Signature`: `v1=` and the lowercase hex of
//!   HMAC-SHA256(secret, `"{timestamp}.{raw body}"`), compared in constant time.
//!
//! The headers of before are still accepted for one release
//! ([`deprecated_signature`]), answered with `Deprecation: true`.
//!
//! The answer is 200 only once every accepted record's events are durable,
//! with one result per record; a retry of the same body imports nothing
//! twice (intake is idempotent per record version), so senders may retry
//! any failure. Bodies over the server's limit get 413 and write nothing.
//! Refusals are [`HttpError`]s.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use returns_eventstore::Metadata;
use returns_intake::mapping_store::load_mappings;
use returns_intake::{import_one, ImportAction, ImportError, MappingError};
use returns_workflows::signature::{self, SignatureError, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use serde::Serialize;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::http::deprecated_signature;
use crate::http::error::HttpError;
use crate::http::HttpState;

/// A request's signature headers, in the current scheme.
struct Signed {
    timestamp: Option<String>,
    signature: Option<String>,
    /// Sent in the headers of before (answered with `Deprecation: true`).
    deprecated: bool,
}

impl Signed {
    fn of(headers: &HeaderMap) -> Self {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let (timestamp, signature) = (header(TIMESTAMP_HEADER), header(SIGNATURE_HEADER));
        if timestamp.is_none() && signature.is_none() {
            if let Some(old) = deprecated_signature::translate(headers) {
                return Self {
                    timestamp: old.timestamp,
                    signature: old.signature,
                    deprecated: true,
                };
            }
        }
        Self {
            timestamp,
            signature,
            deprecated: false,
        }
    }

    /// Checks the signature of `body` against `secret` at `now` (unix seconds).
    fn verify(&self, secret: &str, body: &[u8], now: i64) -> Result<(), SignatureError> {
        signature::verify(
            secret,
            self.timestamp.as_deref(),
            self.signature.as_deref(),
            body,
            now,
        )
    }
}

/// What happened to one record of a push.
#[derive(Debug, Serialize)]
struct RecordResult {
    /// 1-based line of the body.
    line: usize,
    /// `created`, `updated`, `unchanged` or `rejected`.
    result: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    ticket_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    notes: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<MappingError>,
    #[serde(skip_serializing_if = "Option::is_none")]
    code: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<MappingError>,
}

impl RecordResult {
    fn rejected(
        line: usize,
        code: &'static str,
        reason: String,
        errors: Vec<MappingError>,
    ) -> Self {
        Self {
            line,
            result: "rejected",
            ticket_id: None,
            reason: Some(reason),
            notes: Vec::new(),
            warnings: Vec::new(),
            code: Some(code),
            errors,
        }
    }
}

/// `POST /intake/{platform}`.
pub async fn receive(
    State(state): State<HttpState>,
    Path(platform): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let signed = Signed::of(&headers);
    let content_type = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let mut response = match import(&state, &platform, &signed, content_type, &body).await {
        Ok(answer) => answer,
        Err(refusal) => refusal.into_response(),
    };
    if signed.deprecated {
        deprecated_signature::mark(&platform, &mut response);
    }
    response
}

async fn import(
    state: &HttpState,
    platform: &str,
    signed: &Signed,
    content_type: Option<&str>,
    body: &[u8],
) -> Result<Response, HttpError> {
    let request_id = Uuid::now_v7();
    let store = &state.app.store;
    let not_enabled =
        || HttpError::not_found(request_id, "push intake is not enabled for this platform");
    let Some(secret) = state.app.intake_secrets.get(platform) else {
        return Err(not_enabled());
    };
    let now = store.clock().now().timestamp();
    if let Err(error) = signed.verify(secret, body, now) {
        tracing::warn!(%request_id, %platform, %error, "push intake refused");
        return Err(HttpError::unauthenticated(request_id, error.to_string()));
    }
    let mappings = load_mappings(store)
        .await
        .map_err(|error| internal(request_id, &error))?;
    if mappings.get(platform).is_none() {
        return Err(not_enabled());
    }
    // Decoded by the request's charset, line by line: a line that does not
    // decode is one rejected record, never a lost body.
    let lines = returns_intake::encoding::push_records(content_type, body)
        .map_err(|error| HttpError::validation(request_id, error))?;
    let mut results = Vec::new();
    for (line, decoded) in lines {
        let raw = match decoded {
            Ok(text) => text,
            Err(error) => {
                results.push(RecordResult::rejected(
                    line,
                    "VALIDATION",
                    error.to_string(),
                    vec![error],
                ));
                continue;
            }
        };
        let payload: Value = match serde_json::from_str(&raw) {
            Ok(p) => p,
            Err(e) => {
                let error = MappingError {
                    path: "$".to_owned(),
                    field: "payload".to_owned(),
                    expected: "a JSON object".to_owned(),
                    found: format!("malformed JSON: {e}"),
                };
                results.push(RecordResult::rejected(
                    line,
                    "VALIDATION",
                    error.to_string(),
                    vec![error],
                ));
                continue;
            }
        };
        let metadata = Metadata {
            actor: format!("push:{platform}"),
            role: "system".to_owned(),
            command_id: None,
            correlation_id: Some(request_id),
            causation_id: None,
            source: Some(format!("push:{platform}")),
            // Intake derives each step's command id from the record version
            // and the step, which already says what the command is for.
            fingerprint: None,
        };
        match import_one(&state.app.tickets, &mappings, platform, &payload, metadata).await {
            Ok(outcome) => {
                let (result, reason) = match outcome.action {
                    ImportAction::Created { .. } => ("created", None),
                    ImportAction::Updated { .. } => ("updated", None),
                    ImportAction::Unchanged { reason } => ("unchanged", Some(reason)),
                };
                results.push(RecordResult {
                    line,
                    result,
                    ticket_id: Some(outcome.ticket_id),
                    reason,
                    notes: outcome.notes,
                    warnings: outcome.warnings,
                    code: None,
                    errors: Vec::new(),
                });
            }
            Err(error @ (ImportError::Ticket(_) | ImportError::Database(_))) => {
                // Nothing after this record was tried: the sender retries the
                // whole body, and what was already imported repeats as unchanged.
                return Err(internal(request_id, &error));
            }
            Err(error) => {
                let errors = error.mapping_errors().to_vec();
                results.push(RecordResult::rejected(
                    line,
                    error.code(),
                    error.to_string(),
                    errors,
                ));
            }
        }
    }
    Ok((
        StatusCode::OK,
        Json(json!({ "requestId": request_id, "results": results })),
    )
        .into_response())
}

/// The records could not be stored: 503 (with `Retry-After`), since the
/// sender may retry the whole body safely.
fn internal(request_id: Uuid, error: &dyn std::fmt::Display) -> HttpError {
    HttpError::internal(request_id, error)
        .with_status(StatusCode::SERVICE_UNAVAILABLE)
        .with_message(format!(
            "the records could not be stored; retry the request (request id {request_id})"
        ))
}
