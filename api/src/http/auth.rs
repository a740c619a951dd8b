//! `POST /auth/sign-in`, `POST /auth/sign-out`, `GET /auth/session`: how
//! people get and end the session the console sends as a bearer token.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{Extensions, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::auth::SignInError;
use crate::error::ApiError;
use crate::http::error::HttpError;
use crate::http::{authenticate, bearer, HttpState};

/// What the sign-in form sends.
#[derive(Debug, Deserialize)]
pub struct SignInRequest {
    /// The account name.
    pub name: String,
    /// The password.
    pub password: String,
}

/// Who a valid credential stands for.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionView {
    /// The session secret (only in the sign-in answer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// The account (the events' actor).
    pub actor: String,
    /// The role, as the GraphQL `Role` enum spells it.
    pub role: String,
    /// Seconds of inactivity after which the session ends.
    pub idle_timeout_secs: i64,
}

/// The caller's address: the socket peer (the server is meant to be reached
/// directly or through a proxy that it trusts no header from).
fn address(extensions: &Extensions) -> String {
    extensions.get::<ConnectInfo<SocketAddr>>().map_or_else(
        || "unknown".to_owned(),
        |ConnectInfo(peer)| peer.ip().to_string(),
    )
}

/// Checks a name and password and opens a session.
pub async fn sign_in(
    State(state): State<HttpState>,
    extensions: Extensions,
    Json(request): Json<SignInRequest>,
) -> Result<Json<SessionView>, HttpError> {
    let request_id = Uuid::now_v7();
    let sessions = &state.app.sessions;
    match sessions
        .sign_in(&request.name, &request.password, &address(&extensions))
        .await
    {
        Ok(issued) => Ok(Json(SessionView {
            token: Some(issued.token),
            actor: issued.principal.actor,
            role: issued.principal.role.as_str().to_ascii_uppercase(),
            idle_timeout_secs: sessions.policy().idle_timeout.num_seconds(),
        })),
        Err(SignInError::Rejected) => Err(HttpError::unauthenticated(
            request_id,
            "wrong name or password",
        )),
        Err(SignInError::Throttled { retry_after }) => {
            let now = state.app.store.clock().now();
            let secs = (retry_after - now).num_seconds().max(1);
            let retry_after_secs = u64::try_from(secs).unwrap_or(1);
            Err(HttpError::new(
                request_id,
                ApiError::Throttled { retry_after_secs },
            ))
        }
        Err(SignInError::Database(error)) => Err(HttpError::internal(request_id, &error)),
    }
}

/// Ends the session the request carries.
pub async fn sign_out(
    State(state): State<HttpState>,
    headers: HeaderMap,
) -> Result<Response, HttpError> {
    let request_id = Uuid::now_v7();
    let Some(token) = bearer(&headers) else {
        return Err(HttpError::unauthenticated(request_id, "no session"));
    };
    match state.app.sessions.sign_out(token).await {
        Ok(_) => Ok(StatusCode::NO_CONTENT.into_response()),
        Err(error) => Err(HttpError::internal(request_id, &error)),
    }
}

/// Who the request's credential stands for (the console resumes with it).
pub async fn session(
    State(state): State<HttpState>,
    headers: HeaderMap,
) -> Result<Json<SessionView>, HttpError> {
    let request_id = Uuid::now_v7();
    let Ok(found) = authenticate(&state.app, bearer(&headers), request_id).await else {
        return Err(HttpError::unavailable(request_id));
    };
    match found {
        Some(principal) => Ok(Json(SessionView {
            token: None,
            actor: principal.actor,
            role: principal.role.as_str().to_ascii_uppercase(),
            idle_timeout_secs: state.app.sessions.policy().idle_timeout.num_seconds(),
        })),
        None => Err(HttpError::unauthenticated(request_id, "no valid session")),
    }
}
