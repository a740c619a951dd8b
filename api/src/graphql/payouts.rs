//! Finance's payout queue: each approved refund's payout mode and where it
//! stands (awaiting a person or the platform, sent, pending at the receiver,
//! paid, failed with the reason, dead-lettered), and the server's mode.

use async_graphql::{Context, Enum, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use returns_workflows::storage::payouts::{PayoutQueue, PayoutRecord};
use uuid::Uuid;

use crate::auth::View;
use crate::error::{ApiError, IntoGql};
use crate::graphql::context::{app, request_id, require_view};
use crate::graphql::types::Money;
use crate::graphql::MAX_PAGE_SIZE;

/// How a refund is paid.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "returns_workflows::PayoutMode")]
pub enum PayoutMode {
    /// A person pays and records `issueRefund`.
    Manual,
    /// A signed request to the merchant's ERP or payment middleware.
    Webhook,
    /// The marketplace pays; its record settles the refund.
    Platform,
    /// Nothing moves: tests and the demo only.
    Simulated,
}

/// Where a refund's payout stands.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "returns_workflows::PayoutState")]
pub enum PayoutState {
    /// Waiting for a person to pay and record it.
    AwaitingPerson,
    /// Waiting for the marketplace's record.
    AwaitingPlatform,
    /// Requested from the receiver; no answer recorded yet.
    Sent,
    /// The receiver accepted it and will call back.
    Pending,
    /// Paid.
    Paid,
    /// The last attempt failed; a retry may follow.
    Failed,
    /// Failed more often than the retry policy allows: a person must act.
    DeadLettered,
}

/// One refund's payout.
#[derive(SimpleObject, Debug, Clone)]
pub struct Payout {
    /// The refund.
    pub refund_id: Uuid,
    /// Its ticket.
    pub ticket_id: Uuid,
    /// The ticket's channel.
    pub channel: String,
    /// How it is paid.
    pub mode: PayoutMode,
    /// Where it stands.
    pub state: PayoutState,
    /// The `Idempotency-Key` every request for it carries.
    pub idempotency_key: String,
    /// How much.
    pub amount: Money,
    /// Requests sent so far.
    pub attempts: i64,
    /// The payout's reference once paid.
    pub reference: Option<String>,
    /// Why the last attempt failed.
    pub reason: Option<String>,
    /// When the refund entered the payout queue.
    pub created_at: DateTime<Utc>,
    /// When its state last changed.
    pub updated_at: DateTime<Utc>,
}

impl From<PayoutRecord> for Payout {
    fn from(p: PayoutRecord) -> Self {
        Self {
            refund_id: p.refund_id,
            ticket_id: p.ticket_id,
            channel: p.channel,
            mode: p.mode.into(),
            state: p.state.into(),
            idempotency_key: p.idempotency_key,
            amount: p.amount.into(),
            attempts: p.attempts,
            reference: p.reference,
            reason: p.reason,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

/// Finance's payout queries.
#[derive(Default)]
pub struct PayoutQuery;

#[Object]
impl PayoutQuery {
    /// How this server pays refunds whose channel sets no payout mode.
    async fn payout_mode(&self, ctx: &Context<'_>) -> Result<PayoutMode> {
        async {
            require_view(ctx, View::Finance)?;
            Ok(app(ctx)?.payout.mode.into())
        }
        .await
        .gql()
    }

    /// Approved refunds' payouts, least recently changed first, optionally in one state.
    async fn payouts(
        &self,
        ctx: &Context<'_>,
        state: Option<PayoutState>,
        #[graphql(default = 50)] first: i32,
    ) -> Result<Vec<Payout>> {
        async {
            require_view(ctx, View::Finance)?;
            if first < 1 || i64::from(first) > MAX_PAGE_SIZE {
                return Err(ApiError::Validation(format!(
                    "first must be 1..={MAX_PAGE_SIZE}"
                )));
            }
            let queue = PayoutQueue::new(app(ctx)?.store.db().clone());
            let rows = queue
                .list(state.map(Into::into), i64::from(first))
                .await
                .map_err(|e| ApiError::from_error(request_id(ctx), &e))?;
            Ok(rows.into_iter().map(Payout::from).collect())
        }
        .await
        .gql()
    }

    /// One refund's payout, if it was approved.
    async fn payout(&self, ctx: &Context<'_>, refund_id: Uuid) -> Result<Option<Payout>> {
        async {
            require_view(ctx, View::Finance)?;
            let queue = PayoutQueue::new(app(ctx)?.store.db().clone());
            let row = queue
                .get(refund_id)
                .await
                .map_err(|e| ApiError::from_error(request_id(ctx), &e))?;
            Ok(row.map(Payout::from))
        }
        .await
        .gql()
    }
}
