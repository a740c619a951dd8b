//! The webhook gateway: asks the merchant's ERP or payment middleware to pay
//! a refund with one signed HTTP request per attempt, and reads its answer.
//!
//! Every attempt at one refund carries the same `Idempotency-Key`, so a
//! receiver that paid but whose answer was lost pays nothing the second time
//! and answers with its first reference.

use std::sync::Arc;
use std::time::Duration;

use returns_domain::Money;
use returns_eventstore::Clock;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{GatewayError, GatewayFuture, Payout, RefundGateway, RefundOrder};
use crate::signature::{
    self, EVENT_HEADER, IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER,
};

/// The event name of a payout request (`Returns-Event` header, `type` field).
pub const PAYOUT_REQUESTED: &str = "refund.payout_requested";

/// Where payout requests go and how they are signed.
#[derive(Clone, PartialEq, Eq)]
pub struct WebhookTarget {
    /// The receiver's URL (`http://` or `https://`).
    pub url: String,
    /// The shared secret both sides sign with.
    pub secret: String,
    /// How long to wait for an answer before counting the attempt failed.
    pub timeout: Duration,
}

impl std::fmt::Debug for WebhookTarget {
    // The secret stays out of every log line and panic message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookTarget")
            .field("url", &self.url)
            .field("secret", &"<redacted>")
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// The body of a payout request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PayoutRequest {
    /// Always `refund.payout_requested`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The same for every attempt at this refund.
    pub idempotency_key: String,
    /// The refund.
    pub refund_id: Uuid,
    /// Its ticket.
    pub ticket_id: Uuid,
    /// How much to pay, in minor units.
    pub amount: Money,
}

/// What a receiver answers (to a request, or in a callback).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum PayoutAnswer {
    /// Paid; recorded as `RefundIssued` with the reference.
    Paid {
        /// The receiver's reference for the payout.
        reference: String,
    },
    /// Not paid; recorded as `RefundFailed` with the reason.
    Failed {
        /// Why, for finance.
        reason: String,
    },
    /// Accepted; a callback settles it later.
    Pending,
}

/// A [`RefundGateway`] that posts signed payout requests to one URL.
pub struct WebhookGateway {
    target: WebhookTarget,
    http: reqwest::Client,
    clock: Arc<dyn Clock>,
}

impl WebhookGateway {
    /// A gateway posting to `target`, timestamping with `clock`.
    pub fn new(target: WebhookTarget, clock: Arc<dyn Clock>) -> Result<Self, reqwest::Error> {
        let http = reqwest::Client::builder().timeout(target.timeout).build()?;
        Ok(Self {
            target,
            http,
            clock,
        })
    }

    async fn send(&self, order: &RefundOrder) -> Result<Payout, GatewayError> {
        let request = PayoutRequest {
            kind: PAYOUT_REQUESTED.to_owned(),
            idempotency_key: order.idempotency_key.clone(),
            refund_id: order.refund_id,
            ticket_id: order.ticket_id,
            amount: order.amount,
        };
        let body = serde_json::to_vec(&request)
            .map_err(|e| GatewayError::Unavailable(format!("cannot encode the request: {e}")))?;
        let timestamp = self.clock.now().timestamp();
        let response = self
            .http
            .post(&self.target.url)
            .header("content-type", "application/json")
            .header(IDEMPOTENCY_HEADER, &order.idempotency_key)
            .header(EVENT_HEADER, PAYOUT_REQUESTED)
            .header(TIMESTAMP_HEADER, timestamp.to_string())
            .header(
                SIGNATURE_HEADER,
                signature::sign(&self.target.secret, timestamp, &body),
            )
            .body(body)
            .send()
            .await
            .map_err(|e| GatewayError::Unavailable(format!("no answer from the receiver: {e}")))?;
        let status = response.status();
        if !status.is_success() {
            return Err(GatewayError::Unavailable(format!(
                "the receiver answered HTTP {}",
                status.as_u16()
            )));
        }
        let answer: PayoutAnswer = response.json().await.map_err(|e| {
            GatewayError::Unavailable(format!("unreadable answer from the receiver: {e}"))
        })?;
        match answer {
            PayoutAnswer::Paid { reference } if !reference.trim().is_empty() => {
                Ok(Payout { reference })
            }
            PayoutAnswer::Paid { .. } => Err(GatewayError::Unavailable(
                "the receiver answered paid without a reference".to_owned(),
            )),
            PayoutAnswer::Failed { reason } => Err(GatewayError::Refused(reason)),
            PayoutAnswer::Pending => Err(GatewayError::Pending),
        }
    }
}

impl RefundGateway for WebhookGateway {
    fn refund<'a>(&'a self, order: &'a RefundOrder) -> GatewayFuture<'a> {
        Box::pin(self.send(order))
    }
}
