//! `POST /evidence` (the photo's bytes as the body) and
//! `GET /evidence/{ticket}/{sha256}`: evidence goes only to callers who may
//! see the ticket that references it.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use returns_domain::Role;
use serde::Serialize;
use uuid::Uuid;

use crate::auth::View;
use crate::evidence::{ticket_references, EvidenceError, EVIDENCE_REF_PREFIX};
use crate::http::{authenticate, bearer, unavailable, HttpState};

/// A stored photo, as the upload answers.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Uploaded {
    /// `sha256:<hex>`: what `recordInspection`'s `photoRefs` takes.
    pub reference: String,
    /// The detected type.
    pub content_type: &'static str,
    /// Its size.
    pub bytes: usize,
}

#[derive(Debug, Serialize)]
struct Refusal {
    code: &'static str,
    message: String,
}

fn refuse(status: StatusCode, code: &'static str, message: impl Into<String>) -> Response {
    let body = Json(Refusal {
        code,
        message: message.into(),
    });
    (status, body).into_response()
}

fn internal(error: &dyn std::fmt::Display) -> Response {
    let request = Uuid::now_v7();
    tracing::error!(%request, %error, "evidence failed");
    refuse(
        StatusCode::INTERNAL_SERVER_ERROR,
        "INTERNAL",
        format!("internal error (request {request})"),
    )
}

/// The roles that take photos: those who record inspections.
const UPLOADERS: [Role; 2] = [Role::Warehouse, Role::Admin];

/// Stores one photo and answers its reference.
pub async fn upload(State(state): State<HttpState>, headers: HeaderMap, body: Bytes) -> Response {
    let request = Uuid::now_v7();
    let Ok(found) = authenticate(&state.app, bearer(&headers), request).await else {
        return unavailable(request);
    };
    let Some(principal) = found else {
        return refuse(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED", "sign in first");
    };
    if !UPLOADERS.contains(&principal.role) {
        return refuse(
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
            "only the warehouse uploads evidence",
        );
    }
    match state.app.evidence.store(&body).await {
        Ok(stored) => (
            StatusCode::CREATED,
            Json(Uploaded {
                reference: stored.reference,
                content_type: stored.content_type,
                bytes: stored.bytes,
            }),
        )
            .into_response(),
        Err(EvidenceError::TooLarge(max)) => refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "VALIDATION",
            format!("evidence is larger than {max} bytes"),
        ),
        Err(e @ (EvidenceError::UnsupportedType | EvidenceError::Empty)) => refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "VALIDATION",
            e.to_string(),
        ),
        Err(e) => internal(&e),
    }
}

/// Sends a photo the ticket references, to a caller who may see the ticket.
pub async fn download(
    State(state): State<HttpState>,
    headers: HeaderMap,
    Path((ticket, digest)): Path<(Uuid, String)>,
) -> Response {
    let request = Uuid::now_v7();
    let Ok(found) = authenticate(&state.app, bearer(&headers), request).await else {
        return unavailable(request);
    };
    let Some(principal) = found else {
        return refuse(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED", "sign in first");
    };
    if !View::Ticket.allows(principal.role) {
        return refuse(StatusCode::FORBIDDEN, "FORBIDDEN", "may not read tickets");
    }
    let reference = format!("{EVIDENCE_REF_PREFIX}{digest}");
    let references = match ticket_references(&state.app.store, ticket).await {
        Ok(references) => references,
        Err(e) => return internal(&e),
    };
    // A photo not on this ticket is "not found", whether or not it exists,
    // so a caller cannot probe for other tickets' evidence.
    if !references.contains(&reference) {
        return refuse(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            "no such evidence on this ticket",
        );
    }
    match state.app.evidence.read(&reference).await {
        Ok(Some((bytes, content_type))) => (
            [
                (header::CONTENT_TYPE, content_type),
                (header::CACHE_CONTROL, "private, max-age=86400, immutable"),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => refuse(StatusCode::NOT_FOUND, "NOT_FOUND", "evidence file missing"),
        Err(EvidenceError::BadReference(r)) => refuse(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            format!("not evidence: {r}"),
        ),
        Err(e) => internal(&e),
    }
}
