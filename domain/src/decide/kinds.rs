//! The steps of the kinds beyond refund, return and exchange: price
//! protection (StatePriceDifference), reship (ShipReshipment,
//! ConfirmReshipmentReceived), repair (RecordRepair, ShipRepairedGoods), and
//! ConvertTicket, which changes what a ticket does without rewriting its kind.

use super::{info, validate};
use crate::command::{
    ConfirmReshipmentReceived, ConvertTicket, RecordRepair, ShipRepairedGoods, ShipReshipment,
    StatePriceDifference,
};
use crate::error::DomainError;
use crate::event::{
    Event, PriceDifferenceStated, RepairRecorded, RepairedGoodsShipped, ReshipmentReceived,
    ReshipmentShipped, TicketClosed, TicketConverted,
};
use crate::state::TicketState;
use crate::ticket::{Conversion, RepairMethod, Resolution};

/// Most parts one repair may list.
pub const MAX_PARTS: usize = 50;

/// The difference is money the buyer overpaid, so it is positive and never
/// more than what the lines cost.
pub(super) fn state_price_difference(
    state: &TicketState,
    c: &StatePriceDifference,
) -> Result<Vec<Event>, DomainError> {
    let currency = info(state)?.currency;
    validate::positive("amount", &c.amount, currency)?;
    validate::long_text("basis", &c.basis)?;
    let paid = state.paid_minor();
    if c.amount.amount_minor > paid {
        return Err(DomainError::limit(
            "price difference (minor units)",
            paid,
            c.amount.amount_minor,
        ));
    }
    Ok(vec![Event::PriceDifferenceStated(PriceDifferenceStated {
        amount: c.amount,
        source: c.source,
        basis: c.basis.clone(),
        stated_at: c.at,
    })])
}

pub(super) fn ship_reshipment(c: &ShipReshipment) -> Result<Vec<Event>, DomainError> {
    validate::short_text("carrier", &c.carrier)?;
    validate::short_text("tracking_number", &c.tracking_number)?;
    validate::long_text("contents", &c.contents)?;
    Ok(vec![Event::ReshipmentShipped(ReshipmentShipped {
        carrier: c.carrier.clone(),
        tracking_number: c.tracking_number.clone(),
        contents: c.contents.clone(),
        shipped_at: c.at,
    })])
}

/// The receipt is what a reship waits for, so it closes the ticket in the
/// same append: nothing is left to decide once the part arrived.
pub(super) fn confirm_reshipment_received(
    state: &TicketState,
    c: &ConfirmReshipmentReceived,
) -> Result<Vec<Event>, DomainError> {
    if let Some(r) = &state.reshipment {
        if c.at < r.shipped_at {
            return Err(DomainError::validation(
                "at",
                "the part cannot arrive before it shipped",
            ));
        }
    }
    Ok(vec![
        Event::ReshipmentReceived(ReshipmentReceived {
            confirmed_by: c.by,
            received_at: c.at,
        }),
        Event::TicketClosed(TicketClosed {
            resolution: Resolution::Reshipped,
            note: None,
            closed_at: c.at,
        }),
    ])
}

/// A workshop repair needs the goods here; parts or a visit need none to
/// have come in (they would otherwise be stranded at the warehouse).
pub(super) fn record_repair(
    state: &TicketState,
    c: &RecordRepair,
) -> Result<Vec<Event>, DomainError> {
    let currency = info(state)?.currency;
    let received = state.quantities().received;
    match c.method {
        RepairMethod::Workshop if received == 0 => {
            return Err(DomainError::validation(
                "method",
                "a workshop repair needs the goods received first",
            ))
        }
        RepairMethod::PartsSent | RepairMethod::Visit if received > 0 => {
            return Err(DomainError::validation(
                "method",
                "the goods are at the warehouse: repair them in the workshop",
            ))
        }
        _ => {}
    }
    if c.parts_shipment.is_some() && c.method != RepairMethod::PartsSent {
        return Err(DomainError::validation(
            "parts_shipment",
            "only parts sent travel in a parcel",
        ));
    }
    if let Some(shipment) = &c.parts_shipment {
        validate::short_text("parts_shipment.carrier", &shipment.carrier)?;
        validate::short_text("parts_shipment.tracking_number", &shipment.tracking_number)?;
    }
    validate::long_text("work_done", &c.work_done)?;
    if c.parts.len() > MAX_PARTS {
        return Err(DomainError::limit(
            "parts",
            validate::to_i64(MAX_PARTS),
            validate::to_i64(c.parts.len()),
        ));
    }
    for (i, part) in c.parts.iter().enumerate() {
        validate::short_text(&format!("parts[{i}]"), part)?;
    }
    validate::non_negative("cost", &c.cost, currency)?;
    Ok(vec![Event::RepairRecorded(RepairRecorded {
        method: c.method,
        work_done: c.work_done.clone(),
        parts: c.parts.clone(),
        cost: c.cost,
        parts_shipment: c.parts_shipment.clone(),
        repaired_at: c.at,
    })])
}

pub(super) fn ship_repaired_goods(c: &ShipRepairedGoods) -> Result<Vec<Event>, DomainError> {
    validate::short_text("carrier", &c.carrier)?;
    validate::short_text("tracking_number", &c.tracking_number)?;
    Ok(vec![Event::RepairedGoodsShipped(RepairedGoodsShipped {
        carrier: c.carrier.clone(),
        tracking_number: c.tracking_number.clone(),
        shipped_at: c.at,
    })])
}

/// What a conversion to a refund may make refundable in all at most: for an
/// exchange, what its inspection accepted; for a return the buyer keeps, less
/// than all that was paid (all of it would be a refund-only ticket);
/// otherwise all that was paid.
fn refund_limit(state: &TicketState, conversion: Conversion) -> i64 {
    let paid = state.paid_minor();
    match conversion {
        Conversion::ExchangeToRefund => state.refundable_minor,
        Conversion::ReturnToPartialRefund => paid.saturating_sub(1),
        Conversion::RepairToRefund | Conversion::ReshipToRefund => paid,
        Conversion::RepairToExchange => 0,
    }
}

pub(super) fn convert(state: &TicketState, c: &ConvertTicket) -> Result<Vec<Event>, DomainError> {
    let info = info(state)?;
    if !state.conversion_fits(c.conversion) {
        return Err(DomainError::InvalidConversion {
            conversion: c.conversion,
            kind: info.kind,
            status: state.status,
        });
    }
    validate::long_text("reason", &c.reason)?;
    match (c.conversion.to_refund(), &c.refund_amount) {
        (true, None) => {
            return Err(DomainError::validation(
                "refund_amount",
                "required for a conversion to a refund",
            ))
        }
        (false, Some(_)) => {
            return Err(DomainError::validation(
                "refund_amount",
                "must be absent for a conversion to an exchange",
            ))
        }
        (true, Some(amount)) => {
            validate::positive("refund_amount", amount, info.currency)?;
            let limit = refund_limit(state, c.conversion);
            if amount.amount_minor > limit {
                return Err(DomainError::limit(
                    "converted refund (minor units)",
                    limit,
                    amount.amount_minor,
                ));
            }
            // The amount is the ticket's whole refund: money already paid
            // or under way (e.g. by the platform) stays within it.
            if amount.amount_minor < state.committed_refund_minor() {
                return Err(DomainError::validation(
                    "refund_amount",
                    "less than what is already refunded or under way",
                ));
            }
        }
        (false, None) => {}
    }
    Ok(vec![Event::TicketConverted(TicketConverted {
        conversion: c.conversion,
        refund_amount: c.refund_amount,
        reason: c.reason.clone(),
        converted_at: c.at,
    })])
}
