//! ShipReplacement and ReturnGoodsToCustomer: parcels the warehouse sends out.

use super::{info, validate};
use crate::command::{ChooseReplacementVariant, ReturnGoodsToCustomer, ShipReplacement};
use crate::error::DomainError;
use crate::event::{
    Event, GoodsReturnedToCustomer, PriceDifferenceChargeRequested, ReplacementShipped,
    ReplacementVariantChosen,
};
use crate::money::Money;
use crate::state::TicketState;

/// A dearer variant is settled as a charge request when it ships (the
/// variant is final then); a cheaper one becomes the refund the exchange owes.
pub(super) fn ship_replacement(
    state: &TicketState,
    c: &ShipReplacement,
) -> Result<Vec<Event>, DomainError> {
    validate::short_text("carrier", &c.carrier)?;
    validate::short_text("tracking_number", &c.tracking_number)?;
    let mut events = vec![Event::ReplacementShipped(ReplacementShipped {
        carrier: c.carrier.clone(),
        tracking_number: c.tracking_number.clone(),
        shipped_at: c.at,
    })];
    let difference = state.variant_difference_minor();
    if difference > 0 {
        let currency = info(state)?.currency;
        events.push(Event::PriceDifferenceChargeRequested(
            PriceDifferenceChargeRequested {
                amount: Money::new(difference, currency),
                requested_at: c.at,
            },
        ));
    }
    Ok(events)
}

/// The difference is for the whole line; a cheaper variant never gives back
/// more than the line cost.
pub(super) fn choose_variant(
    state: &TicketState,
    c: &ChooseReplacementVariant,
) -> Result<Vec<Event>, DomainError> {
    let currency = info(state)?.currency;
    let Some(line) = state.line(&c.line_id) else {
        return Err(DomainError::NotFound {
            what: "line",
            id: c.line_id.clone(),
        });
    };
    validate::short_text("sku", &c.sku)?;
    validate::short_text("name", &c.name)?;
    if c.sku == line.line.sku {
        return Err(DomainError::validation(
            "sku",
            "the same SKU as the returned line is a plain exchange",
        ));
    }
    let magnitude = Money::new(
        c.price_difference.amount_minor.saturating_abs(),
        c.price_difference.currency,
    );
    validate::non_negative("price_difference", &magnitude, currency)?;
    if c.price_difference.amount_minor < 0 && magnitude.amount_minor > line.line.paid.amount_minor {
        return Err(DomainError::limit(
            "cheaper variant's difference (minor units)",
            line.line.paid.amount_minor,
            magnitude.amount_minor,
        ));
    }
    Ok(vec![Event::ReplacementVariantChosen(
        ReplacementVariantChosen {
            line_id: c.line_id.clone(),
            sku: c.sku.clone(),
            name: c.name.clone(),
            price_difference: c.price_difference,
            chosen_at: c.at,
        },
    )])
}

pub(super) fn return_goods(c: &ReturnGoodsToCustomer) -> Result<Vec<Event>, DomainError> {
    validate::short_text("carrier", &c.carrier)?;
    validate::short_text("tracking_number", &c.tracking_number)?;
    Ok(vec![Event::GoodsReturnedToCustomer(
        GoodsReturnedToCustomer {
            carrier: c.carrier.clone(),
            tracking_number: c.tracking_number.clone(),
            returned_at: c.at,
        },
    )])
}
