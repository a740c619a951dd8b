//! `POST /auth/sign-in`, `POST /auth/sign-out`, `GET /auth/session`: how
//! people get and end the session the console sends as a bearer token.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{header, Extensions, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::auth::SignInError;
use crate::http::{authenticate, bearer, unavailable, HttpState};

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
) -> Response {
    let sessions = &state.app.sessions;
    match sessions
        .sign_in(&request.name, &request.password, &address(&extensions))
        .await
    {
        Ok(issued) => Json(SessionView {
            token: Some(issued.token),
            actor: issued.principal.actor,
            role: issued.principal.role.as_str().to_ascii_uppercase(),
            idle_timeout_secs: sessions.policy().idle_timeout.num_seconds(),
        })
        .into_response(),
        Err(SignInError::Rejected) => refuse(
            StatusCode::UNAUTHORIZED,
            "UNAUTHENTICATED",
            "wrong name or password",
        ),
        Err(SignInError::Throttled { retry_after }) => {
            let now = state.app.store.clock().now();
            let secs = (retry_after - now).num_seconds().max(1);
            let mut response = refuse(
                StatusCode::TOO_MANY_REQUESTS,
                "THROTTLED",
                "too many failed sign-ins; try again later",
            );
            if let Ok(value) = HeaderValue::from_str(&secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            response
        }
        Err(SignInError::Database(error)) => {
            let request = Uuid::now_v7();
            tracing::error!(%request, %error, "sign-in failed");
            refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "INTERNAL",
                format!("internal error (request {request})"),
            )
        }
    }
}

/// Ends the session the request carries.
pub async fn sign_out(State(state): State<HttpState>, headers: HeaderMap) -> Response {
    let Some(token) = bearer(&headers) else {
        return refuse(StatusCode::UNAUTHORIZED, "UNAUTHENTICATED", "no session");
    };
    match state.app.sessions.sign_out(token).await {
        Ok(_) => StatusCode::NO_CONTENT.into_response(),
        Err(error) => {
            let request = Uuid::now_v7();
            tracing::error!(%request, %error, "sign-out failed");
            refuse(
                StatusCode::INTERNAL_SERVER_ERROR,
                "INTERNAL",
                format!("internal error (request {request})"),
            )
        }
    }
}

/// Who the request's credential stands for (the console resumes with it).
pub async fn session(State(state): State<HttpState>, headers: HeaderMap) -> Response {
    let request = Uuid::now_v7();
    let Ok(found) = authenticate(&state.app, bearer(&headers), request).await else {
        return unavailable(request);
    };
    match found {
        Some(principal) => Json(SessionView {
            token: None,
            actor: principal.actor,
            role: principal.role.as_str().to_ascii_uppercase(),
            idle_timeout_secs: state.app.sessions.policy().idle_timeout.num_seconds(),
        })
        .into_response(),
        None => refuse(
            StatusCode::UNAUTHORIZED,
            "UNAUTHENTICATED",
            "no valid session",
        ),
    }
}
