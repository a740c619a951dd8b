//! Payouts at the HTTP edge: the server's payout setup (for `/healthz`,
//! `/metrics` and the finance view) and `POST /payouts/callback`, where the
//! webhook payout receiver settles refunds it answered `pending` for.
//!
//! The callback is signed like the request it answers
//! ([`returns_workflows::signature`]): a bad or missing signature, or a
//! timestamp outside the tolerance (a replay), is refused with 401; an
//! unknown refund with 404; a contradiction of what the log holds (paid
//! twice with different references, failed after paid) with 409. A refused
//! callback writes nothing. The same callback repeated writes nothing either
//! (its command id is derived from its content).

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use returns_domain::command::{IssueRefund, RecordRefundFailure};
use returns_domain::{Command, RefundStatus, Role};
use returns_eventstore::aggregate::ExecuteError;
use returns_eventstore::{CommandFingerprint, Metadata};
use returns_workflows::gateway::PayoutAnswer;
use returns_workflows::signature::{self, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use returns_workflows::storage::payouts::PayoutQueue;
use returns_workflows::storage::webhooks::{DeliveryState, Webhooks};
use returns_workflows::{PayoutMode, PayoutState};
use serde::Deserialize;
use serde_json::json;

use crate::http::HttpState;

/// The actor callbacks are recorded as.
pub const CALLBACK_ACTOR: &str = "payout-callback";

/// How this server pays refunds.
#[derive(Clone, PartialEq, Eq)]
pub struct PayoutSetup {
    /// The mode of channels without their own.
    pub mode: PayoutMode,
    /// The secret callbacks are verified with (webhook mode configured).
    pub callback_secret: Option<String>,
}

impl std::fmt::Debug for PayoutSetup {
    // AppState is Debug; the secret stays out of what that prints.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PayoutSetup")
            .field("mode", &self.mode)
            .field(
                "callback_secret",
                &self.callback_secret.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

impl Default for PayoutSetup {
    fn default() -> Self {
        Self {
            mode: PayoutMode::Manual,
            callback_secret: None,
        }
    }
}

/// A callback's body.
#[derive(Debug, Deserialize)]
struct Callback {
    /// The key of the payout request it answers.
    idempotency_key: String,
    #[serde(flatten)]
    answer: PayoutAnswer,
}

fn refuse(status: StatusCode, code: &str, message: impl Into<String>) -> Response {
    (
        status,
        Json(json!({ "error": code, "message": message.into() })),
    )
        .into_response()
}

/// `POST /payouts/callback`.
pub async fn callback(State(state): State<HttpState>, headers: HeaderMap, body: Bytes) -> Response {
    let app = &state.app;
    let Some(secret) = app.payout.callback_secret.as_deref() else {
        return refuse(
            StatusCode::NOT_FOUND,
            "NOT_CONFIGURED",
            "webhook payouts are not configured on this server",
        );
    };
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let now = app.store.clock().now();
    if let Err(error) = signature::verify(
        secret,
        header(TIMESTAMP_HEADER),
        header(SIGNATURE_HEADER),
        &body,
        now.timestamp(),
    ) {
        tracing::warn!(%error, "payout callback refused");
        return refuse(StatusCode::UNAUTHORIZED, "BAD_SIGNATURE", error.to_string());
    }
    let callback: Callback = match serde_json::from_slice(&body) {
        Ok(callback) => callback,
        Err(error) => return refuse(StatusCode::BAD_REQUEST, "VALIDATION", error.to_string()),
    };
    let queue = PayoutQueue::new(app.store.db().clone());
    let payout = match queue.by_key(&callback.idempotency_key).await {
        // Only a refund that was asked of the receiver is the receiver's to
        // settle: a manual or platform one is not, whatever it signs.
        Ok(Some(payout)) if payout.mode == PayoutMode::Webhook => payout,
        Ok(_) => {
            return refuse(
                StatusCode::NOT_FOUND,
                "NOT_FOUND",
                format!("no payout with key {}", callback.idempotency_key),
            )
        }
        Err(error) => return internal(&error),
    };
    let ticket = match returns_tickets::load(&app.store, payout.ticket_id).await {
        Ok(ticket) => ticket.state,
        Err(error) => return internal(&error),
    };
    let Some(refund) = ticket.refund(payout.refund_id) else {
        return refuse(StatusCode::NOT_FOUND, "NOT_FOUND", "no such refund");
    };
    let (step, command) = match &callback.answer {
        PayoutAnswer::Pending => {
            if refund.status == RefundStatus::Issued {
                return refuse(
                    StatusCode::CONFLICT,
                    "CONFLICT",
                    "the refund is paid already",
                );
            }
            if let Err(error) = queue
                .mark(payout.refund_id, PayoutState::Pending, None, None, now)
                .await
            {
                return internal(&error);
            }
            return (StatusCode::ACCEPTED, Json(json!({ "recorded": false }))).into_response();
        }
        PayoutAnswer::Paid { reference } => {
            if reference.trim().is_empty() {
                return refuse(StatusCode::BAD_REQUEST, "VALIDATION", "reference is empty");
            }
            if refund.status == RefundStatus::Issued {
                // Answering twice is harmless; claiming a second payout is not.
                return if refund.gateway_reference.as_deref() == Some(reference.as_str()) {
                    (StatusCode::OK, Json(json!({ "recorded": false }))).into_response()
                } else {
                    tracing::error!(refund_id = %payout.refund_id, %reference, "payout callback reports a second payout of a paid refund");
                    refuse(
                        StatusCode::CONFLICT,
                        "CONFLICT",
                        "the refund is paid already under another reference",
                    )
                };
            }
            (
                format!("paid:{reference}"),
                Command::IssueRefund(IssueRefund {
                    refund_id: payout.refund_id,
                    gateway_reference: reference.clone(),
                    at: now,
                }),
            )
        }
        PayoutAnswer::Failed { reason } => (
            format!("failed:{reason}"),
            Command::RecordRefundFailure(RecordRefundFailure {
                refund_id: payout.refund_id,
                reason: reason.clone(),
                at: now,
            }),
        ),
    };
    let command_id =
        returns_workflows::ids::derive(&["payout-callback", &callback.idempotency_key, &step]);
    let kind = command.kind();
    let metadata = Metadata {
        actor: CALLBACK_ACTOR.to_owned(),
        role: Role::System.as_str().to_owned(),
        command_id: Some(command_id),
        correlation_id: Some(payout.refund_id),
        causation_id: None,
        source: Some("payout_callback".to_owned()),
        // The command id derives from the callback's key and outcome: the
        // same outcome is the same input.
        fingerprint: Some(CommandFingerprint::new(kind.name(), step.clone())),
    };
    match returns_tickets::execute(&app.store, payout.ticket_id, None, &command, metadata).await {
        Ok(done) => {
            if !done.repeated {
                let events = done.append.last_position - done.append.first_position + 1;
                app.metrics
                    .record_command(kind.name(), u64::try_from(events).unwrap_or(0));
            }
            (
                StatusCode::OK,
                Json(json!({ "recorded": !done.repeated, "position": done.append.last_position })),
            )
                .into_response()
        }
        Err(ExecuteError::Rejected(refusal)) => {
            refuse(StatusCode::CONFLICT, "CONFLICT", refusal.to_string())
        }
        Err(error) => internal(&error),
    }
}

fn internal(error: &dyn std::fmt::Display) -> Response {
    let request = uuid::Uuid::now_v7();
    tracing::error!(%request, %error, "payout callback failed");
    refuse(
        StatusCode::INTERNAL_SERVER_ERROR,
        "INTERNAL",
        format!("internal error; request {request}"),
    )
}

/// The `/healthz` body: `ok`, then the payout mode, shouted when simulated.
pub fn health_line(payout: &PayoutSetup) -> String {
    match payout.mode {
        PayoutMode::Simulated => {
            "ok\npayout: simulated (SIMULATED GATEWAY: no money moves)\n".to_owned()
        }
        mode => format!("ok\npayout: {mode}\n"),
    }
}

/// The payout and webhook figures of `/metrics`, read now. Every (mode,
/// state) and delivery state is reported, zero when empty, so a gauge never
/// keeps a count that has gone; a table that cannot be read is logged and
/// left out.
pub async fn gauges(app: &crate::state::AppState) -> crate::metrics::Gauges {
    let db = app.store.db().clone();
    let payouts = match PayoutQueue::new(db.clone()).counts().await {
        Ok(counts) => PayoutMode::ALL
            .iter()
            .flat_map(|mode| PayoutState::ALL.iter().map(move |state| (*mode, *state)))
            .map(|(mode, state)| {
                let n = counts
                    .iter()
                    .find(|(m, s, _)| m == mode.as_str() && s == state.as_str())
                    .map_or(0, |(_, _, n)| *n);
                (mode.as_str().to_owned(), state.as_str().to_owned(), n)
            })
            .collect(),
        Err(error) => {
            tracing::warn!(%error, "cannot count payouts");
            Vec::new()
        }
    };
    let deliveries = match Webhooks::new(db).counts().await {
        Ok(counts) => DeliveryState::ALL
            .iter()
            .map(|state| {
                let n = counts
                    .iter()
                    .find(|(s, _)| s == state.as_str())
                    .map_or(0, |(_, n)| *n);
                (state.as_str().to_owned(), n)
            })
            .collect(),
        Err(error) => {
            tracing::warn!(%error, "cannot count webhook deliveries");
            Vec::new()
        }
    };
    crate::metrics::Gauges {
        payout_mode: Some(app.payout.mode.as_str().to_owned()),
        payouts,
        webhook_deliveries: deliveries,
        ..Default::default()
    }
}
