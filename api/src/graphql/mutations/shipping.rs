//! Parcels moving: the customer's return parcel, its arrival at the
//! warehouse, the exchange's replacement, rejected goods going back.

use async_graphql::{Context, InputObject, Object, Result};
use returns_domain::command as c;
use returns_domain::ticket::ReceivedLine;

use uuid::Uuid;

use super::{run, Target};
use crate::error::IntoGql;
use crate::graphql::types::enums::PackageCondition;
use crate::graphql::types::TicketResult;

/// A parcel handed to a carrier.
#[derive(InputObject, Debug, Clone)]
pub struct ShipmentInput {
    /// Carrier code or name, e.g. `SF`.
    pub carrier: String,
    /// The carrier's tracking number.
    pub tracking_number: String,
}

/// Units of one line received in a parcel.
#[derive(InputObject, Debug, Clone)]
pub struct ReceivedLineInput {
    /// The ticket line.
    pub line_id: String,
    /// Units received in this parcel.
    pub qty: u32,
}

/// A parcel arriving at the warehouse.
#[derive(InputObject, Debug, Clone)]
pub struct ReceiveReturnInput {
    /// Units received per line.
    pub lines: Vec<ReceivedLineInput>,
    /// The parcel's condition on arrival.
    pub package_condition: PackageCondition,
}

/// Parcels moving between customer and warehouse.
#[derive(Default)]
pub struct ShippingMutation;

#[Object]
impl ShippingMutation {
    /// Records the parcel the customer sent back (carrier and tracking number).
    async fn register_return_shipment(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: ShipmentInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::RegisterReturnShipment {
                    carrier: input.carrier,
                    tracking_number: input.tracking_number,
                    at,
                })
            },
        )
        .await
        .gql()
    }

    /// Records goods arriving at the warehouse (may be repeated per parcel).
    async fn receive_return(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: ReceiveReturnInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::ReceiveReturn {
                    lines: input
                        .lines
                        .into_iter()
                        .map(|l| ReceivedLine {
                            line_id: l.line_id,
                            qty: l.qty,
                        })
                        .collect(),
                    package_condition: input.package_condition.into(),
                    at,
                })
            },
        )
        .await
        .gql()
    }

    /// Ships the exchange's replacement.
    async fn ship_replacement(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: ShipmentInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::ShipReplacement {
                    carrier: input.carrier,
                    tracking_number: input.tracking_number,
                    at,
                })
            },
        )
        .await
        .gql()
    }

    /// Sends rejected goods back to the customer after a failed inspection.
    async fn return_goods_to_customer(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: ShipmentInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::ReturnGoodsToCustomer {
                    carrier: input.carrier,
                    tracking_number: input.tracking_number,
                    at,
                })
            },
        )
        .await
        .gql()
    }
}
