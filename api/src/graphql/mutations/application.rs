//! Customer service's steps on an application: open, approve, reject,
//! cancel, close.

use async_graphql::{Context, InputObject, Json, Object, Result};
use returns_domain::command as c;
use returns_domain::ticket::ReturnAddress;
use returns_domain::{CommandKind, CustomFields};
use uuid::Uuid;

use returns_tickets::ids;

use super::{run, Target};
use crate::error::{ApiError, IntoGql};
use crate::graphql::context::{app, request_id, require_command};
use crate::graphql::types::enums::{Resolution, TicketKind};
use crate::graphql::types::money::currency;
use crate::graphql::types::{MoneyInput, TicketResult};

/// One order line applied for.
#[derive(InputObject, Debug, Clone)]
pub struct TicketLineInput {
    /// Unique within the ticket.
    pub line_id: String,
    /// Stock keeping unit.
    pub sku: String,
    /// Product name.
    pub name: String,
    /// Units applied for (at least 1).
    pub qty: u32,
    /// What was paid for the whole line.
    pub paid: MoneyInput,
}

/// A new application.
#[derive(InputObject, Debug, Clone)]
pub struct OpenTicketInput {
    /// The new ticket's id; derived from `commandId` when absent, so a retry opens the same ticket.
    pub ticket_id: Option<Uuid>,
    /// The after-sale kind.
    pub kind: TicketKind,
    /// Source channel (`taobao`, `douyin`, `kuaishou`, `manual`, …).
    pub channel: String,
    /// The platform's order id.
    pub platform_order_id: Option<String>,
    /// The platform's after-sale id.
    pub platform_after_sale_id: Option<String>,
    /// Customer name or platform user id.
    pub customer: String,
    /// The customer's phone (personal data: sealed, masked for warehouse and finance).
    pub customer_phone: Option<String>,
    /// The customer's address (personal data).
    pub customer_address: Option<String>,
    /// Reason code (`quality_issue`, `size_issue`, …).
    pub reason_code: String,
    /// The customer's own words.
    pub reason_text: String,
    /// Lines applied for.
    pub lines: Vec<TicketLineInput>,
    /// The ticket's currency (ISO 4217).
    pub currency: String,
    /// Extra fields (JSON object).
    pub custom_fields: Option<Json<CustomFields>>,
}

/// Where the customer sends goods back.
#[derive(InputObject, Debug, Clone)]
pub struct ReturnAddressInput {
    /// Recipient at the warehouse.
    pub recipient: String,
    /// Contact phone.
    pub phone: String,
    /// Postal address.
    pub address: String,
}

/// An approval.
#[derive(InputObject, Debug, Clone)]
pub struct ApproveApplicationInput {
    /// Required for returns and exchanges, absent for refund-only; the
    /// ship-back deadline follows from the shop's policy.
    pub return_address: Option<ReturnAddressInput>,
}

/// A rejection.
#[derive(InputObject, Debug, Clone)]
pub struct RejectApplicationInput {
    /// Why, as told to the customer.
    pub reason: String,
    /// On a marketplace ticket, the platform's code for the reason, one of
    /// `platformRefusalReasons`; sent to the platform with the refusal.
    pub reason_code: Option<String>,
}

/// Closing a ticket.
#[derive(InputObject, Debug, Clone)]
pub struct CloseTicketInput {
    /// How it ended.
    pub resolution: Resolution,
    /// Optional closing remark.
    pub note: Option<String>,
}

/// Cancelling a ticket.
#[derive(InputObject, Debug, Clone)]
pub struct CancelTicketInput {
    /// Why (the customer withdrew it, …).
    pub reason: String,
}

/// The channel of `ticket_id` (empty when it does not exist: the command then
/// fails as NOT_FOUND), read only after the caller may approve.
async fn ticket_channel(ctx: &Context<'_>, ticket_id: Uuid) -> Result<String, ApiError> {
    require_command(ctx, CommandKind::ApproveApplication)?;
    let app = app(ctx)?;
    let loaded = app
        .tickets
        .load(ticket_id.into())
        .await
        .map_err(|e| ApiError::from_error(request_id(ctx), &e))?;
    Ok(loaded.state.info.map(|i| i.channel).unwrap_or_default())
}

/// Customer service's application steps.
#[derive(Default)]
pub struct ApplicationMutation;

#[Object]
impl ApplicationMutation {
    /// Opens a ticket for an after-sale application.
    async fn open_ticket(
        &self,
        ctx: &Context<'_>,
        command_id: Uuid,
        input: OpenTicketInput,
    ) -> Result<TicketResult> {
        let ticket_id = input
            .ticket_id
            .unwrap_or_else(|| ids::from_command(command_id, "ticket"));
        let channel = input.channel.clone();
        run(ctx, Target::new(ticket_id, command_id, None), |app, at| {
            let lines = input
                .lines
                .iter()
                .map(|l| {
                    Ok(returns_domain::ticket::TicketLine {
                        line_id: l.line_id.clone(),
                        sku: l.sku.clone(),
                        name: l.name.clone(),
                        qty: l.qty,
                        paid: l.paid.to_domain()?,
                    })
                })
                .collect::<Result<Vec<_>, ApiError>>()?;
            Ok(c::OpenTicket {
                ticket_id,
                kind: input.kind.into(),
                channel: channel.clone(),
                platform_order_id: input.platform_order_id,
                platform_after_sale_id: input.platform_after_sale_id,
                customer: input.customer,
                customer_phone: input.customer_phone,
                customer_address: input.customer_address,
                reason_code: input.reason_code,
                reason_text: input.reason_text,
                lines,
                currency: currency(&input.currency)?,
                custom_fields: input.custom_fields.map(|j| j.0).unwrap_or_default(),
                review_deadline: app.policies.review_deadline(&channel, at),
                at,
            })
        })
        .await
        .gql()
    }

    /// Approves the application; for returns and exchanges, tells the customer where to send goods.
    async fn approve_application(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: ApproveApplicationInput,
    ) -> Result<TicketResult> {
        // The ship-back deadline depends on the ticket's channel; the role
        // check still comes before the ticket is read.
        let channel = ticket_channel(ctx, ticket_id).await.gql()?;
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |app, at| {
                let return_address = input.return_address.map(|a| ReturnAddress {
                    recipient: a.recipient,
                    phone: a.phone,
                    address: a.address,
                });
                let ship_back_deadline = return_address
                    .as_ref()
                    .map(|_| app.policies.ship_back_deadline(&channel, at));
                Ok(c::ApproveApplication {
                    return_address,
                    ship_back_deadline,
                    at,
                })
            },
        )
        .await
        .gql()
    }

    /// Rejects the application.
    async fn reject_application(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: RejectApplicationInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::RejectApplication {
                    reason: input.reason,
                    reason_code: input.reason_code,
                    at,
                })
            },
        )
        .await
        .gql()
    }

    /// Cancels the ticket before goods reach the warehouse.
    async fn cancel_ticket(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: CancelTicketInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::CancelTicket {
                    reason: input.reason,
                    at,
                })
            },
        )
        .await
        .gql()
    }

    /// Closes the ticket with a resolution.
    async fn close_ticket(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: CloseTicketInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::CloseTicket {
                    resolution: input.resolution.into(),
                    note: input.note,
                    at,
                })
            },
        )
        .await
        .gql()
    }
}
