//! Finance's steps: request, approve, issue, record a gateway failure.

use async_graphql::{Context, InputObject, Object, Result};
use returns_domain::command as c;

use uuid::Uuid;

use returns_tickets::ids;

use super::{run, Target};
use crate::error::IntoGql;
use crate::graphql::types::{MoneyInput, TicketResult};

/// A refund request.
#[derive(InputObject, Debug, Clone)]
pub struct RequestRefundInput {
    /// The new refund's id; derived from `commandId` when absent.
    pub refund_id: Option<Uuid>,
    /// Amount to refund, in the ticket's currency.
    pub amount: MoneyInput,
}

/// A refund approval.
#[derive(InputObject, Debug, Clone)]
pub struct ApproveRefundInput {
    /// The refund.
    pub refund_id: Uuid,
}

/// A refund paid out.
#[derive(InputObject, Debug, Clone)]
pub struct IssueRefundInput {
    /// The refund.
    pub refund_id: Uuid,
    /// The gateway's reference for the payout.
    pub gateway_reference: String,
}

/// A refund the gateway refused.
#[derive(InputObject, Debug, Clone)]
pub struct RecordRefundFailureInput {
    /// The refund.
    pub refund_id: Uuid,
    /// The gateway's error.
    pub reason: String,
}

/// Finance's refund steps.
#[derive(Default)]
pub struct RefundMutation;

#[Object]
impl RefundMutation {
    /// Requests a refund (never more than what remains refundable).
    async fn request_refund(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: RequestRefundInput,
    ) -> Result<TicketResult> {
        let refund_id = input
            .refund_id
            .unwrap_or_else(|| ids::from_command(command_id, "refund"));
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::RequestRefund {
                    refund_id,
                    amount: input.amount.to_domain()?,
                    at,
                })
            },
        )
        .await
        .gql()
    }

    /// Approves a requested refund.
    async fn approve_refund(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: ApproveRefundInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::ApproveRefund {
                    refund_id: input.refund_id,
                    at,
                })
            },
        )
        .await
        .gql()
    }

    /// Records that the gateway paid the refund out.
    async fn issue_refund(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: IssueRefundInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::IssueRefund {
                    refund_id: input.refund_id,
                    gateway_reference: input.gateway_reference,
                    at,
                })
            },
        )
        .await
        .gql()
    }

    /// Records that the gateway failed the payout (it may be issued again).
    async fn record_refund_failure(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: RecordRefundFailureInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::RecordRefundFailure {
                    refund_id: input.refund_id,
                    reason: input.reason,
                    at,
                })
            },
        )
        .await
        .gql()
    }
}
