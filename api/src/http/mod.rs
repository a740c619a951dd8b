//! The HTTP edge: every route the server answers, one file per group.
//!
//! - [`graphql`] — `/graphql` (POST, and GET for queries) and `/graphql/ws`
//!   (graphql-transport-ws); failures in GraphQL's `errors` list;
//! - [`auth`] — `/auth/sign-in`, `/auth/sign-out`, `/auth/session`;
//! - [`evidence`] — `POST /evidence/{ticket}`, `GET /evidence/{ticket}/{sha256}`,
//!   `GET /evidence-pack/{ticket}`, and a pool parcel's photos under
//!   `/evidence/parcels/{parcel}`;
//! - [`intake`] — `POST /intake/{platform}` (push intake), with
//!   [`deprecated_signature`] accepting the old signature header for one release;
//! - [`payout_callback`] — `POST /payouts/callback`;
//! - [`health`] — `/healthz`; [`metrics`] — `/metrics`;
//! - the console at `/` and GraphiQL at `/graphiql` ([`crate::console`]).
//!
//! Every route but GraphQL's answers a failure with [`error::HttpError`]:
//! one JSON shape, one code table ([`crate::error::ApiError::CODES`]).
//! Signed requests, in and out, use [`returns_workflows::signature`].
//!
//! Nothing below [`crate::state`] depends on this module: it sits on top of
//! the state and the schema and wires them to sockets.

pub mod auth;
pub mod deprecated_signature;
pub mod error;
pub mod evidence;
pub mod graphql;
pub mod health;
pub mod intake;
pub mod metrics;
pub mod payout_callback;

use axum::http::{header, HeaderMap};
use axum::middleware;
use axum::routing::{get, post};
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use uuid::Uuid;

use crate::auth::Principal;
use crate::graphql::AppSchema;
use crate::state::AppState;

/// The largest request body accepted (bytes); larger ones get 413.
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// What every handler shares.
#[derive(Clone)]
pub struct HttpState {
    /// The server's shared handles.
    pub app: AppState,
    /// The schema.
    pub schema: AppSchema,
}

/// All routes with the body limits applied.
pub fn router(app: AppState, schema: AppSchema) -> Router {
    let graphql = Router::new()
        .route(
            "/graphql",
            get(graphql::graphql)
                .post(graphql::graphql)
                .layer(middleware::from_fn(graphql::require_json)),
        )
        .route("/graphql/ws", get(graphql::graphql_ws))
        .route("/graphiql", get(crate::console::graphiql))
        .fallback(get(crate::console::asset))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES));
    // Photos are far larger than any other request: their own limit.
    let evidence_limit = app.evidence.max_bytes() + 1;
    let photos = Router::new()
        .route("/evidence", post(evidence::upload_without_ticket))
        .route("/evidence/{ticket}", post(evidence::upload))
        .route("/evidence/parcels/{parcel}", post(evidence::upload_parcel))
        .layer(RequestBodyLimitLayer::new(evidence_limit));
    let rest = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/metrics", get(metrics::metrics))
        .route("/payouts/callback", post(payout_callback::callback))
        .route("/auth/sign-in", post(auth::sign_in))
        .route("/auth/sign-out", post(auth::sign_out))
        .route("/auth/session", get(auth::session))
        .route("/evidence/{ticket}/{digest}", get(evidence::download))
        .route(
            "/evidence/parcels/{parcel}/{digest}",
            get(evidence::download_parcel),
        )
        .route("/evidence-pack/{ticket}", get(evidence::pack))
        .route("/intake/{platform}", post(intake::receive))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .merge(photos)
        // Outside the body limits, so their 413s get the one shape too.
        .layer(middleware::from_fn(error::shape_bare_errors));
    graphql.merge(rest).with_state(HttpState { app, schema })
}

pub use crate::error::RETRY_AFTER_SECS;

/// The token of an `Authorization: Bearer …` header.
pub(crate) fn bearer(headers: &HeaderMap) -> Option<&str> {
    credentials(headers.get(header::AUTHORIZATION)?.to_str().ok()?)
}

/// The token of an authorization value `Bearer <token>`: the scheme name is
/// case-insensitive (RFC 7235 §2.1), so `bearer` and `BEARER` work too.
pub(crate) fn credentials(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(char::is_whitespace)?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| token.trim())
        .filter(|t| !t.is_empty())
}

/// The token table could not be read: the caller is neither known nor
/// unknown, and the request must be retried, not signed out.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StoreUnavailable;

/// The caller a token stands for (`None` when there is no token or it is
/// unknown, revoked or expired). A failing token lookup is not a verdict
/// on the credential: it is `StoreUnavailable`.
pub(crate) async fn authenticate(
    app: &AppState,
    token: Option<&str>,
    request: Uuid,
) -> Result<Option<Principal>, StoreUnavailable> {
    let Some(token) = token else {
        return Ok(None);
    };
    let found = if token.starts_with(crate::auth::sessions::SESSION_PREFIX) {
        app.sessions
            .authenticate(token)
            .await
            .map_err(|e| e.to_string())
    } else {
        app.tokens
            .authenticate(token)
            .await
            .map_err(|e| e.to_string())
    };
    found.map_err(|error| {
        tracing::error!(%request, %error, "token lookup failed");
        StoreUnavailable
    })
}
