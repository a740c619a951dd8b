//! `GET /healthz`: `ok` and the payout mode while the database answers,
//! else `UNAVAILABLE` (503 with `Retry-After`).

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use returns_workflows::PayoutMode;
use uuid::Uuid;

use crate::http::error::HttpError;
use crate::http::HttpState;
use crate::settings::PayoutSetup;

/// `GET /healthz`.
pub async fn healthz(State(state): State<HttpState>) -> Result<Response, HttpError> {
    match state.app.store.head_position().await {
        Ok(_) => Ok((StatusCode::OK, health_line(&state.app.payout)).into_response()),
        Err(error) => {
            let request_id = Uuid::now_v7();
            tracing::error!(%request_id, %error, "health check failed");
            Err(HttpError::unavailable(request_id))
        }
    }
}

/// The `/healthz` body: `ok`, then the payout mode, shouted when simulated.
fn health_line(payout: &PayoutSetup) -> String {
    match payout.mode {
        PayoutMode::Simulated => {
            "ok\npayout: simulated (SIMULATED GATEWAY: no money moves)\n".to_owned()
        }
        mode => format!("ok\npayout: {mode}\n"),
    }
}
