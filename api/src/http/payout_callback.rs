//! `POST /payouts/callback`, where the webhook payout receiver settles
//! refunds it answered `pending` for.
//!
//! The callback is signed like the request it answers
//! ([`returns_workflows::signature`]): a bad or missing signature, or a
//! timestamp outside the tolerance (a replay), is refused with 401; an
//! unknown refund with 404 (also when webhook payouts are not configured);
//! a contradiction of what the log holds (paid
//! twice with different references, failed after paid) with 409. A refused
//! callback writes nothing. The same callback repeated writes nothing either
//! (its command id is derived from its content). Refusals are
//! [`HttpError`]s.

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
use returns_workflows::{PayoutMode, PayoutState};
use serde::Deserialize;
use serde_json::json;
use uuid::Uuid;

use crate::http::error::HttpError;
use crate::http::HttpState;

/// The actor callbacks are recorded as.
pub const CALLBACK_ACTOR: &str = "payout-callback";

/// A callback's body.
#[derive(Debug, Deserialize)]
struct Callback {
    /// The key of the payout request it answers.
    idempotency_key: String,
    #[serde(flatten)]
    answer: PayoutAnswer,
}

/// `POST /payouts/callback`.
pub async fn callback(
    State(state): State<HttpState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, HttpError> {
    let request_id = Uuid::now_v7();
    let internal = |error: &dyn std::fmt::Display| HttpError::internal(request_id, error);
    let app = &state.app;
    let Some(secret) = app.payout.callback_secret.as_deref() else {
        return Err(HttpError::not_found(
            request_id,
            "webhook payouts are not configured on this server",
        ));
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
        tracing::warn!(%request_id, %error, "payout callback refused");
        return Err(HttpError::unauthenticated(request_id, error.to_string()));
    }
    let callback: Callback = serde_json::from_slice(&body)
        .map_err(|error| HttpError::validation(request_id, error.to_string()))?;
    let queue = PayoutQueue::new(app.store.db().clone());
    let payout = match queue.by_key(&callback.idempotency_key).await {
        // Only a refund that was asked of the receiver is the receiver's to
        // settle: a manual or platform one is not, whatever it signs.
        Ok(Some(payout)) if payout.mode == PayoutMode::Webhook => payout,
        Ok(_) => {
            return Err(HttpError::not_found(
                request_id,
                format!("no payout with key {}", callback.idempotency_key),
            ))
        }
        Err(error) => return Err(internal(&error)),
    };
    let ticket = match app.tickets.load(payout.ticket_id.into()).await {
        Ok(ticket) => ticket.state,
        Err(error) => return Err(internal(&error)),
    };
    let Some(refund) = ticket.refund(payout.refund_id) else {
        return Err(HttpError::not_found(request_id, "no such refund"));
    };
    let (step, command) = match &callback.answer {
        PayoutAnswer::Pending => {
            if refund.status == RefundStatus::Issued {
                return Err(HttpError::conflict(
                    request_id,
                    "the refund is paid already",
                ));
            }
            if let Err(error) = queue
                .mark(payout.refund_id, PayoutState::Pending, None, None, now)
                .await
            {
                return Err(internal(&error));
            }
            return Ok((StatusCode::ACCEPTED, Json(json!({ "recorded": false }))).into_response());
        }
        PayoutAnswer::Paid { reference } => {
            if reference.trim().is_empty() {
                return Err(HttpError::validation(request_id, "reference is empty"));
            }
            if refund.status == RefundStatus::Issued {
                // Answering twice is harmless; claiming a second payout is not.
                return if refund.gateway_reference.as_deref() == Some(reference.as_str()) {
                    Ok((StatusCode::OK, Json(json!({ "recorded": false }))).into_response())
                } else {
                    tracing::error!(%request_id, refund_id = %payout.refund_id, %reference, "payout callback reports a second payout of a paid refund");
                    Err(HttpError::conflict(
                        request_id,
                        "the refund is paid already under another reference",
                    ))
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
    match app
        .tickets
        .execute(payout.ticket_id.into(), None, &command, metadata)
        .await
    {
        Ok(done) => {
            if !done.repeated {
                let events = done.append.last_position - done.append.first_position + 1;
                app.metrics
                    .record_command(kind.name(), u64::try_from(events).unwrap_or(0));
            }
            Ok((
                StatusCode::OK,
                Json(json!({ "recorded": !done.repeated, "position": done.append.last_position })),
            )
                .into_response())
        }
        Err(ExecuteError::Rejected(refusal)) => {
            Err(HttpError::conflict(request_id, refusal.to_string()))
        }
        Err(error) => Err(internal(&error)),
    }
}
