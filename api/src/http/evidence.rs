//! `POST /evidence/{ticket}` (the photo's bytes as the body) and
//! `GET /evidence/{ticket}/{sha256}`: evidence goes only to callers who may
//! see the ticket that references it. A photo is uploaded for a ticket
//! because it is encrypted under that ticket's customer's key (see
//! [`crate::evidence`]); `POST /evidence` without one is refused and says so.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use returns_domain::Role;
use serde::Serialize;
use uuid::Uuid;

use crate::auth::{Principal, View};
use crate::evidence::{ticket_evidence, EvidenceError, Owner, EVIDENCE_REF_PREFIX};
use crate::http::error::HttpError;
use crate::http::{authenticate, bearer, HttpState};

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

/// The response header carrying the SHA-256 (hex) of an evidence pack.
pub const PACK_DIGEST_HEADER: &str = "x-evidence-pack-sha256";

/// The roles that take photos: those who record inspections.
const UPLOADERS: [Role; 2] = [Role::Warehouse, Role::Admin];

/// The caller of a request, who must be signed in.
async fn caller(
    state: &HttpState,
    headers: &HeaderMap,
    request_id: Uuid,
) -> Result<Principal, HttpError> {
    let Ok(found) = authenticate(&state.app, bearer(headers), request_id).await else {
        return Err(HttpError::unavailable(request_id));
    };
    found.ok_or_else(|| HttpError::unauthenticated(request_id, "sign in first"))
}

/// The caller, who must be one who takes photos.
async fn uploader(
    state: &HttpState,
    headers: &HeaderMap,
    request_id: Uuid,
) -> Result<Principal, HttpError> {
    let principal = caller(state, headers, request_id).await?;
    if UPLOADERS.contains(&principal.role) {
        Ok(principal)
    } else {
        Err(HttpError::forbidden(
            request_id,
            "only the warehouse uploads evidence",
        ))
    }
}

/// `POST /evidence`, which names no ticket: refused, naming the route.
pub async fn upload_without_ticket(
    State(state): State<HttpState>,
    headers: HeaderMap,
) -> Result<Response, HttpError> {
    let request_id = Uuid::now_v7();
    caller(&state, &headers, request_id).await?;
    Err(HttpError::validation(
        request_id,
        "name the ticket the photo is evidence for: POST /evidence/{ticketId} \
         (the photo is encrypted under that ticket's customer's key)",
    ))
}

/// The data subject of `ticket` (`None` when its customer is in the
/// clear) and the photos it references, from one read of its stream;
/// "not found" for a ticket that does not exist.
async fn ticket_subject(
    state: &HttpState,
    ticket: Uuid,
    request_id: Uuid,
) -> Result<crate::evidence::TicketEvidence, HttpError> {
    let found = ticket_evidence(&state.app.store, ticket)
        .await
        .map_err(|e| HttpError::internal(request_id, &e))?;
    if !found.exists {
        return Err(HttpError::not_found(request_id, "no such ticket"));
    }
    Ok(found)
}

/// The owner to encrypt for, when the ticket has a subject and the server
/// a key ring.
fn owner<'a>(state: &'a HttpState, subject: &'a Option<String>) -> Option<Owner<'a>> {
    Some(Owner {
        keys: state.app.tickets.keys()?,
        subject: subject.as_deref()?,
    })
}

fn erased(request_id: Uuid) -> HttpError {
    HttpError::not_found(
        request_id,
        "the ticket's customer was erased: its evidence was shredded and none can be added",
    )
    .with_status(StatusCode::GONE)
}

/// Stores one photo of `ticket` and answers its reference.
pub async fn upload(
    State(state): State<HttpState>,
    headers: HeaderMap,
    Path(ticket): Path<Uuid>,
    body: Bytes,
) -> Result<Response, HttpError> {
    let request_id = Uuid::now_v7();
    uploader(&state, &headers, request_id).await?;
    let subject = ticket_subject(&state, ticket, request_id).await?.subject;
    store_photo(&state, &body, owner(&state, &subject), request_id).await
}

/// Stores `body` for `owner` and answers its reference, or why not.
async fn store_photo(
    state: &HttpState,
    body: &[u8],
    owner: Option<Owner<'_>>,
    request_id: Uuid,
) -> Result<Response, HttpError> {
    match state.app.evidence.store(body, owner).await {
        Ok(stored) => Ok((
            StatusCode::CREATED,
            Json(Uploaded {
                reference: stored.reference,
                content_type: stored.content_type,
                bytes: stored.bytes,
            }),
        )
            .into_response()),
        Err(EvidenceError::TooLarge(max)) => Err(HttpError::validation(
            request_id,
            format!("evidence is larger than {max} bytes"),
        )
        .with_status(StatusCode::PAYLOAD_TOO_LARGE)),
        Err(e @ (EvidenceError::UnsupportedType | EvidenceError::Empty)) => {
            Err(HttpError::validation(request_id, e.to_string())
                .with_status(StatusCode::UNSUPPORTED_MEDIA_TYPE))
        }
        Err(EvidenceError::Erased) => Err(erased(request_id)),
        Err(e) => Err(HttpError::internal(request_id, &e)),
    }
}

/// Sends a photo the ticket references, to a caller who may see the ticket.
pub async fn download(
    State(state): State<HttpState>,
    headers: HeaderMap,
    Path((ticket, digest)): Path<(Uuid, String)>,
) -> Result<Response, HttpError> {
    let request_id = Uuid::now_v7();
    let principal = caller(&state, &headers, request_id).await?;
    if !View::Ticket.allows(principal.role) {
        return Err(HttpError::forbidden(request_id, "may not read tickets"));
    }
    let reference = format!("{EVIDENCE_REF_PREFIX}{digest}");
    let found = ticket_subject(&state, ticket, request_id).await?;
    // A photo not on this ticket is "not found", whether or not it exists,
    // so a caller cannot probe for other tickets' evidence.
    if !found.references.contains(&reference) {
        return Err(HttpError::not_found(
            request_id,
            "no such evidence on this ticket",
        ));
    }
    let subject = found.subject;
    send_photo(&state, &reference, owner(&state, &subject), request_id).await
}

/// Sends the photo `reference` names, opened for `owner`.
async fn send_photo(
    state: &HttpState,
    reference: &str,
    owner: Option<Owner<'_>>,
    request_id: Uuid,
) -> Result<Response, HttpError> {
    match state.app.evidence.read(reference, owner).await {
        Ok(Some((bytes, content_type))) => Ok((
            [
                (header::CONTENT_TYPE, content_type),
                (header::CACHE_CONTROL, "private, max-age=86400, immutable"),
            ],
            bytes,
        )
            .into_response()),
        Ok(None) => Err(HttpError::not_found(request_id, "evidence file missing")),
        Err(EvidenceError::Erased) => Err(erased(request_id)),
        Err(EvidenceError::BadReference(r)) => Err(HttpError::not_found(
            request_id,
            format!("not evidence: {r}"),
        )),
        Err(e) => Err(HttpError::internal(request_id, &e)),
    }
}

/// `POST /evidence/parcels/{parcel}`: a photo of a parcel nobody announced
/// (its label, its contents), taken before or after it is registered,
/// encrypted under the parcel's own subject: the label prints its sender.
pub async fn upload_parcel(
    State(state): State<HttpState>,
    headers: HeaderMap,
    Path(parcel): Path<Uuid>,
    body: Bytes,
) -> Result<Response, HttpError> {
    let request_id = Uuid::now_v7();
    uploader(&state, &headers, request_id).await?;
    let subject = state.app.tickets.keys().map(|k| k.parcel_subject(parcel));
    store_photo(&state, &body, owner(&state, &subject), request_id).await
}

/// `GET /evidence/parcels/{parcel}/{sha256}`: a photo the registered parcel
/// references, to the roles that read the pool.
pub async fn download_parcel(
    State(state): State<HttpState>,
    headers: HeaderMap,
    Path((parcel, digest)): Path<(Uuid, String)>,
) -> Result<Response, HttpError> {
    let request_id = Uuid::now_v7();
    let principal = caller(&state, &headers, request_id).await?;
    if !View::ParcelPool.allows(principal.role) {
        return Err(HttpError::forbidden(
            request_id,
            "may not read the parcel pool",
        ));
    }
    let reference = format!("{EVIDENCE_REF_PREFIX}{digest}");
    let loaded = state
        .app
        .tickets
        .load_parcel(parcel)
        .await
        .map_err(|e| HttpError::internal(request_id, &e))?;
    let named = loaded
        .state
        .registered
        .as_ref()
        .is_some_and(|r| r.photo_refs.contains(&reference));
    if !named {
        return Err(HttpError::not_found(
            request_id,
            "no such evidence on this parcel",
        ));
    }
    let subject = state.app.tickets.keys().map(|k| k.parcel_subject(parcel));
    send_photo(&state, &reference, owner(&state, &subject), request_id).await
}

/// `GET /evidence-pack/{ticket}`: the ticket's evidence pack (see
/// [`crate::pack`]) for any role that may read the ticket, personal fields
/// in its readable view as that role sees them. Built on request, never
/// kept.
pub async fn pack(
    State(state): State<HttpState>,
    headers: HeaderMap,
    Path(ticket): Path<Uuid>,
) -> Result<Response, HttpError> {
    let request_id = Uuid::now_v7();
    let principal = caller(&state, &headers, request_id).await?;
    if !View::Ticket.allows(principal.role) {
        return Err(HttpError::forbidden(request_id, "may not read tickets"));
    }
    let built = crate::pack::build_and_record(
        crate::pack::PackRequest {
            store: &state.app.store,
            keys: state.app.tickets.keys().map(|k| &**k),
            evidence: &state.app.evidence,
            ticket,
            access: crate::graphql::personal::access(principal.role),
            made_by: &principal.actor,
        },
        principal.role.as_str(),
    )
    .await;
    match built {
        // The digest of exactly these bytes: what the person records when
        // they upload the pack to the platform (`recordEvidenceSubmission`),
        // computed where no browser crypto is needed.
        Ok((bytes, digest)) => Ok((
            [
                (header::CONTENT_TYPE, "application/zip".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"evidence-{ticket}.zip\""),
                ),
                (header::CACHE_CONTROL, "no-store".to_owned()),
                (header::HeaderName::from_static(PACK_DIGEST_HEADER), digest),
            ],
            bytes,
        )
            .into_response()),
        Err(crate::pack::PackError::NotFound(_)) => {
            Err(HttpError::not_found(request_id, "no such ticket"))
        }
        Err(e) => Err(HttpError::internal(request_id, &e)),
    }
}
