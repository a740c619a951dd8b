//! The steps of reship (补寄), repair (维修) and price protection (价保),
//! conversions between kinds, and negotiation (协商). Each mutation issues one domain command;
//! who may issue it and when come from the domain's one table.

use async_graphql::{Context, Enum, InputObject, Object, Result};
use returns_domain::command as c;
use returns_domain::ticket as t;

use uuid::Uuid;

use super::{run, Target};
use crate::error::ApiError;
use crate::error::IntoGql;
use crate::graphql::mutations::application::ReturnAddressInput;
use crate::graphql::mutations::ShipmentInput;
use crate::graphql::types::enums::{Conversion, OfferAnswer, ReceiptBy, RepairMethod};
use crate::graphql::types::{MoneyInput, TicketResult};

/// Who states a price difference.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum DifferenceSource {
    /// The platform's record.
    Platform,
    /// The merchant's price-protection policy.
    Policy,
}

impl From<DifferenceSource> for c::DifferenceSource {
    fn from(s: DifferenceSource) -> Self {
        match s {
            DifferenceSource::Platform => c::DifferenceSource::Platform,
            DifferenceSource::Policy => c::DifferenceSource::Policy,
        }
    }
}

/// The price difference a price-protection ticket may pay back.
#[derive(InputObject, Debug, Clone)]
pub struct StatePriceDifferenceInput {
    /// The difference, in the ticket's currency.
    pub amount: MoneyInput,
    /// The platform or the merchant's policy.
    pub source: DifferenceSource,
    /// What it rests on, e.g. "listed 199.00 on 03-01, 179.00 on 03-05".
    pub basis: String,
}

/// The reship parcel.
#[derive(InputObject, Debug, Clone)]
pub struct ShipReshipmentInput {
    /// Carrier code or name.
    pub carrier: String,
    /// The carrier's tracking number.
    pub tracking_number: String,
    /// What the parcel holds.
    pub contents: String,
}

/// Who says the reshipped part arrived.
#[derive(InputObject, Debug, Clone)]
pub struct ConfirmReshipmentReceivedInput {
    /// The buyer, the platform or the carrier.
    pub by: ReceiptBy,
}

/// A repair.
#[derive(InputObject, Debug, Clone)]
pub struct RecordRepairInput {
    /// Workshop (the goods came back), parts sent or a visit.
    pub method: RepairMethod,
    /// What was done.
    pub work_done: String,
    /// Parts used or sent.
    #[graphql(default)]
    pub parts: Vec<String>,
    /// What it cost the merchant.
    pub cost: MoneyInput,
    /// The parcel carrying parts to the buyer (parts sent only).
    pub parts_shipment: Option<ShipmentInput>,
}

/// A conversion of what the ticket does.
#[derive(InputObject, Debug, Clone)]
pub struct ConvertTicketInput {
    /// Which conversion.
    pub conversion: Conversion,
    /// For conversions to a refund: the ticket's whole refund from now on.
    pub refund_amount: Option<MoneyInput>,
    /// Why, e.g. "out of stock".
    pub reason: String,
}

/// Another resolution offered: one of the conversions.
#[derive(InputObject, Debug, Clone)]
pub struct ConversionOfferInput {
    /// Which conversion.
    pub conversion: Conversion,
    /// For conversions to a refund: the ticket's whole refund once accepted.
    pub refund_amount: Option<MoneyInput>,
}

/// A counter-offer (协商): exactly one of `partialRefund`, `conversion` and
/// `returnAddress`.
#[derive(InputObject, Debug, Clone)]
pub struct MakeCounterOfferInput {
    /// A refund of this much, the buyer keeping the goods.
    pub partial_refund: Option<MoneyInput>,
    /// Another resolution.
    pub conversion: Option<ConversionOfferInput>,
    /// Another of the merchant's return addresses.
    pub return_address: Option<ReturnAddressInput>,
    /// The buyer must answer by then, else the offer expires.
    pub respond_by: chrono::DateTime<chrono::Utc>,
    /// What the buyer is told.
    pub note: String,
}

impl MakeCounterOfferInput {
    fn offer(self) -> Result<t::CounterOffer, ApiError> {
        match (self.partial_refund, self.conversion, self.return_address) {
            (Some(amount), None, None) => Ok(t::CounterOffer::PartialRefund {
                amount: amount.to_domain()?,
            }),
            (None, Some(c), None) => Ok(t::CounterOffer::Conversion {
                conversion: c.conversion.into(),
                refund_amount: c.refund_amount.map(|m| m.to_domain()).transpose()?,
            }),
            (None, None, Some(a)) => Ok(t::CounterOffer::ReturnAddress {
                address: t::ReturnAddress {
                    recipient: a.recipient,
                    phone: a.phone,
                    address: a.address,
                },
            }),
            _ => Err(ApiError::from_domain(
                &returns_domain::DomainError::validation(
                    "input",
                    "exactly one of partialRefund, conversion and returnAddress",
                ),
            )),
        }
    }
}

/// The buyer's answer to a counter-offer.
#[derive(InputObject, Debug, Clone)]
pub struct RecordOfferAnswerInput {
    /// The offer answered.
    pub offer_id: Uuid,
    /// Accepted or declined.
    pub answer: OfferAnswer,
}

/// Which counter-offer ran out.
#[derive(InputObject, Debug, Clone)]
pub struct ExpireCounterOfferInput {
    /// The offer, unanswered past its deadline.
    pub offer_id: Uuid,
}

/// Another variant as an exchange's replacement for a line.
#[derive(InputObject, Debug, Clone)]
pub struct ChooseReplacementVariantInput {
    /// The returned line it replaces.
    pub line_id: String,
    /// The replacement's SKU (not the returned one's).
    pub sku: String,
    /// The replacement's name.
    pub name: String,
    /// For the whole line: positive the buyer is asked to pay it when the
    /// replacement ships, negative the buyer is refunded it.
    pub price_difference: MoneyInput,
}

/// Reship, repair, price protection and conversions.
#[derive(Default)]
pub struct KindsMutation;

#[Object]
impl KindsMutation {
    /// States the price difference a price-protection ticket may pay back
    /// (before the review; may be stated again while it waits).
    async fn state_price_difference(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: StatePriceDifferenceInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::StatePriceDifference {
                    amount: input.amount.to_domain()?,
                    source: input.source.into(),
                    basis: input.basis,
                    at,
                })
            },
        )
        .await
        .gql()
    }

    /// Ships the missing or damaged part of a reship ticket.
    async fn ship_reshipment(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: ShipReshipmentInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::ShipReshipment {
                    carrier: input.carrier,
                    tracking_number: input.tracking_number,
                    contents: input.contents,
                    at,
                })
            },
        )
        .await
        .gql()
    }

    /// Records that the reshipped part arrived; this closes the ticket.
    async fn confirm_reshipment_received(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: ConfirmReshipmentReceivedInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::ConfirmReshipmentReceived {
                    by: input.by.into(),
                    at,
                })
            },
        )
        .await
        .gql()
    }

    /// Records a repair: what was done, which parts, what it cost.
    async fn record_repair(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: RecordRepairInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::RecordRepair {
                    method: input.method.into(),
                    work_done: input.work_done,
                    parts: input.parts,
                    cost: input.cost.to_domain()?,
                    parts_shipment: input.parts_shipment.map(|s| t::Shipment {
                        carrier: s.carrier,
                        tracking_number: s.tracking_number,
                    }),
                    at,
                })
            },
        )
        .await
        .gql()
    }

    /// Ships the repaired goods back to the buyer.
    async fn ship_repaired_goods(
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
                Ok(c::ShipRepairedGoods {
                    carrier: input.carrier,
                    tracking_number: input.tracking_number,
                    at,
                })
            },
        )
        .await
        .gql()
    }

    /// Converts what the ticket does (exchange → refund, repair → refund or
    /// exchange, reship → refund, return → partial refund keeping the goods);
    /// the kind stays what was asked.
    async fn convert_ticket(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: ConvertTicketInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::ConvertTicket {
                    conversion: input.conversion.into(),
                    refund_amount: input.refund_amount.map(|m| m.to_domain()).transpose()?,
                    reason: input.reason,
                    at,
                })
            },
        )
        .await
        .gql()
    }

    /// Makes the buyer a counter-offer (协商). The offer's id is the
    /// command id, so a retry finds the same offer. It changes nothing until
    /// the buyer accepts; unanswered by `respondBy`, it expires.
    async fn make_counter_offer(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: MakeCounterOfferInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                let respond_by = input.respond_by;
                let note = input.note.clone();
                Ok(c::MakeCounterOffer {
                    offer_id: command_id,
                    offer: input.offer()?,
                    respond_by,
                    note,
                    at,
                })
            },
        )
        .await
        .gql()
    }

    /// Records the buyer's answer to an open counter-offer; an accepted
    /// offer takes effect now (a conversion it offered is recorded too).
    async fn record_offer_answer(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: RecordOfferAnswerInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::RecordOfferAnswer {
                    offer_id: input.offer_id,
                    answer: input.answer.into(),
                    at,
                })
            },
        )
        .await
        .gql()
    }

    /// Records that a counter-offer ran out unanswered. The `negotiation`
    /// workflow does this at the deadline; the mutation is for an admin
    /// repairing a missed timer.
    async fn expire_counter_offer(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: ExpireCounterOfferInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::ExpireCounterOffer {
                    offer_id: input.offer_id,
                    at,
                })
            },
        )
        .await
        .gql()
    }

    /// Chooses another variant as the exchange's replacement for a line
    /// (换货换款); may be chosen again until the replacement ships. A dearer
    /// one is requested from the buyer when it ships; a cheaper one is then
    /// refunded through the refund steps.
    async fn choose_replacement_variant(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: ChooseReplacementVariantInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::ChooseReplacementVariant {
                    line_id: input.line_id,
                    sku: input.sku,
                    name: input.name,
                    price_difference: input.price_difference.to_domain()?,
                    at,
                })
            },
        )
        .await
        .gql()
    }
}
