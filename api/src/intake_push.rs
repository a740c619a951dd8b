//! Push intake: `POST /intake/{platform}` takes one after-sale record or
//! JSON lines from an ERP or middleware and imports them like
//! `returns import`.
//!
//! Authentication is an HMAC-SHA256 of the timestamp and the raw body with
//! the platform's own secret (`RETURNS_INTAKE_SECRET_<PLATFORM>`):
//!
//! - `X-Returns-Timestamp`: unix seconds when the request was signed; more
//!   than [`REPLAY_WINDOW_SECS`] from the server's clock is refused, so a
//!   captured request cannot be replayed later.
//! - `X-Returns-Signature`: `sha256=` and the lowercase hex of
//!   HMAC-SHA256(secret, `"{timestamp}.{raw body}"`), compared in constant time.
//!
//! The answer is 200 only once every accepted record's events are durable,
//! with one result per record; a retry of the same body imports nothing
//! twice (intake is idempotent per record version), so senders may retry
//! any failure. Bodies over the server's limit get 413 and write nothing.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use hmac::{Hmac, Mac};
use returns_eventstore::Metadata;
use returns_intake::mapping_store::load_mappings;
use returns_intake::{import_one, ImportAction, ImportError, MappingError};
use serde::Serialize;
use serde_json::{json, Value};
use sha2::Sha256;
use uuid::Uuid;

use crate::http::HttpState;

/// The header carrying the signing time (unix seconds).
pub const TIMESTAMP_HEADER: &str = "x-returns-timestamp";
/// The header carrying `sha256=<hex>`.
pub const SIGNATURE_HEADER: &str = "x-returns-signature";
/// How far the signing time may be from the server's clock.
pub const REPLAY_WINDOW_SECS: i64 = 5 * 60;

/// The environment variable holding `platform`'s secret.
pub fn secret_variable(platform: &str) -> String {
    let name: String = platform
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("RETURNS_INTAKE_SECRET_{name}")
}

/// `platform`'s push secret; none (or empty): push intake is off for it.
fn secret_for(platform: &str) -> Option<String> {
    std::env::var(secret_variable(platform))
        .ok()
        .filter(|s| !s.is_empty())
}

/// The signature header a sender computes for `body` signed at `timestamp`.
pub fn sign(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    let mut mac = keyed(secret);
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

fn keyed(secret: &[u8]) -> Hmac<Sha256> {
    // HMAC takes a key of any length; `new_from_slice` cannot fail for it.
    match Hmac::<Sha256>::new_from_slice(secret) {
        Ok(mac) => mac,
        Err(_) => unreachable!("HMAC accepts keys of every length"),
    }
}

/// Why a push was refused before anything was imported.
#[derive(Debug, PartialEq, Eq)]
enum Refusal {
    NotEnabled,
    MissingHeaders,
    BadTimestamp,
    Stale,
    BadSignature,
}

impl Refusal {
    fn response(&self) -> Response {
        let (status, code, message) = match self {
            Refusal::NotEnabled => (
                StatusCode::NOT_FOUND,
                "NOT_FOUND",
                "push intake is not enabled for this platform",
            ),
            Refusal::MissingHeaders => (
                StatusCode::UNAUTHORIZED,
                "UNAUTHENTICATED",
                "X-Returns-Timestamp and X-Returns-Signature are required",
            ),
            Refusal::BadTimestamp => (
                StatusCode::UNAUTHORIZED,
                "UNAUTHENTICATED",
                "X-Returns-Timestamp must be unix seconds",
            ),
            Refusal::Stale => (
                StatusCode::UNAUTHORIZED,
                "UNAUTHENTICATED",
                "the signature is older (or newer) than the 5-minute replay window",
            ),
            Refusal::BadSignature => (
                StatusCode::UNAUTHORIZED,
                "UNAUTHENTICATED",
                "the signature does not match the body",
            ),
        };
        (status, Json(json!({ "code": code, "error": message }))).into_response()
    }
}

/// Checks the signature headers of `body` against `secret` at `now` (unix seconds).
fn verify(secret: &[u8], headers: &HeaderMap, body: &[u8], now: i64) -> Result<(), Refusal> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let (Some(timestamp), Some(signature)) = (header(TIMESTAMP_HEADER), header(SIGNATURE_HEADER))
    else {
        return Err(Refusal::MissingHeaders);
    };
    let timestamp: i64 = timestamp
        .trim()
        .parse()
        .map_err(|_| Refusal::BadTimestamp)?;
    if (now - timestamp).abs() > REPLAY_WINDOW_SECS {
        return Err(Refusal::Stale);
    }
    let given = signature
        .trim()
        .strip_prefix("sha256=")
        .and_then(|h| hex::decode(h).ok())
        .ok_or(Refusal::BadSignature)?;
    let mut mac = keyed(secret);
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    // `verify_slice` compares in constant time.
    mac.verify_slice(&given).map_err(|_| Refusal::BadSignature)
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
    let request_id = Uuid::now_v7();
    let store = &state.app.store;
    let Some(secret) = secret_for(&platform) else {
        return Refusal::NotEnabled.response();
    };
    let now = store.clock().now().timestamp();
    if let Err(refusal) = verify(secret.as_bytes(), &headers, &body, now) {
        tracing::warn!(%request_id, %platform, ?refusal, "push intake refused");
        return refusal.response();
    }
    let mappings = match load_mappings(store).await {
        Ok(m) => m,
        Err(error) => return internal(request_id, &error),
    };
    if mappings.get(&platform).is_none() {
        return Refusal::NotEnabled.response();
    }
    // Decoded by the request's charset, line by line: a line that does not
    // decode is one rejected record.
    let content_type = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    let lines = match returns_intake::encoding::push_records(content_type, &body) {
        Ok(lines) => lines,
        Err(error) => {
            return (
                StatusCode::BAD_REQUEST,
                Json(json!({ "code": "VALIDATION", "error": error })),
            )
                .into_response()
        }
    };
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
        match import_one(store, &mappings, &platform, &payload, metadata).await {
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
                return internal(request_id, &error);
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
    (
        StatusCode::OK,
        Json(json!({ "requestId": request_id, "results": results })),
    )
        .into_response()
}

fn internal(request_id: Uuid, error: &dyn std::fmt::Display) -> Response {
    tracing::error!(%request_id, %error, "push intake failed");
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Json(json!({
            "code": "INTERNAL",
            "error": "the records could not be stored; retry the request",
            "requestId": request_id,
        })),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(timestamp: &str, signature: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(TIMESTAMP_HEADER, timestamp.parse().unwrap());
        h.insert(SIGNATURE_HEADER, signature.parse().unwrap());
        h
    }

    #[test]
    fn a_signature_over_timestamp_and_body_verifies_within_the_window() {
        let body = br#"{"aftersale_id": "1"}"#;
        let signature = sign(b"s3cret", 1_000, body);
        let h = headers("1000", &signature);
        assert_eq!(
            verify(b"s3cret", &h, body, 1_000 + REPLAY_WINDOW_SECS),
            Ok(())
        );
        assert_eq!(
            verify(b"s3cret", &h, body, 1_000 + REPLAY_WINDOW_SECS + 1),
            Err(Refusal::Stale)
        );
        assert_eq!(
            verify(b"other", &h, body, 1_000),
            Err(Refusal::BadSignature)
        );
        assert_eq!(
            verify(b"s3cret", &h, b"{\"aftersale_id\": \"2\"}", 1_000),
            Err(Refusal::BadSignature)
        );
        // The timestamp is signed: moving it forward breaks the signature.
        let moved = headers("1001", &signature);
        assert_eq!(
            verify(b"s3cret", &moved, body, 1_000),
            Err(Refusal::BadSignature)
        );
        assert_eq!(
            verify(b"s3cret", &HeaderMap::new(), body, 1_000),
            Err(Refusal::MissingHeaders)
        );
    }

    #[test]
    fn secrets_are_read_per_platform() {
        assert_eq!(secret_variable("douyin"), "RETURNS_INTAKE_SECRET_DOUYIN");
        assert_eq!(secret_variable("my-shop"), "RETURNS_INTAKE_SECRET_MY_SHOP");
    }
}
