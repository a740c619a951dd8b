//! The refund gateway port: how the engine pays refunds out; the webhook
//! gateway that asks the merchant's ERP or payment middleware, and the
//! simulated gateway that tests and demos use.
//!
//! A gateway must be idempotent by key: a second call with a key it has paid
//! returns the first payout instead of paying again. The engine derives the
//! key from the refund id ([`idempotency_key`]), so every retry of one refund,
//! after a failure or a crash, presents the same key.

mod simulated;
mod webhook;

use std::future::Future;
use std::pin::Pin;

use returns_domain::Money;
use uuid::Uuid;

pub use simulated::{Charge, FailureMode, SimulatedGateway};
pub use webhook::{PayoutAnswer, PayoutRequest, WebhookGateway, WebhookTarget};

/// A refund to pay out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefundOrder {
    /// The same for every attempt at one refund; see [`idempotency_key`].
    pub idempotency_key: String,
    /// The ticket the refund belongs to.
    pub ticket_id: Uuid,
    /// The refund.
    pub refund_id: Uuid,
    /// How much to pay.
    pub amount: Money,
}

/// A payout the gateway made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payout {
    /// The gateway's reference, recorded in `RefundIssued`.
    pub reference: String,
}

/// Why the gateway did not confirm a payout. The money may still have moved
/// (a timeout after charging), which is why retries re-use the key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GatewayError {
    /// The gateway could not be reached or did not answer in time.
    #[error("gateway unavailable: {0}")]
    Unavailable(String),
    /// The gateway refused the payout.
    #[error("gateway refused: {0}")]
    Refused(String),
    /// The receiver accepted the request and will settle it later (by
    /// callback): nothing is recorded yet.
    #[error("payout pending at the receiver")]
    Pending,
}

/// The future a gateway call returns.
pub type GatewayFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Payout, GatewayError>> + Send + 'a>>;

/// A payment provider that refunds customers.
pub trait RefundGateway: Send + Sync + 'static {
    /// Pays `order` out once per idempotency key: a repeated key returns the
    /// first payout and moves no money.
    fn refund<'a>(&'a self, order: &'a RefundOrder) -> GatewayFuture<'a>;
}

/// The gateway idempotency key of a refund.
pub fn idempotency_key(refund_id: Uuid) -> String {
    format!("refund-{refund_id}")
}
