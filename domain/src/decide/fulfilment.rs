//! ShipReplacement and ReturnGoodsToCustomer: parcels the warehouse sends out.

use super::validate;
use crate::command::{ReturnGoodsToCustomer, ShipReplacement};
use crate::error::DomainError;
use crate::event::{Event, GoodsReturnedToCustomer, ReplacementShipped};

pub(super) fn ship_replacement(c: &ShipReplacement) -> Result<Vec<Event>, DomainError> {
    validate::short_text("carrier", &c.carrier)?;
    validate::short_text("tracking_number", &c.tracking_number)?;
    Ok(vec![Event::ReplacementShipped(ReplacementShipped {
        carrier: c.carrier.clone(),
        tracking_number: c.tracking_number.clone(),
        shipped_at: c.at,
    })])
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
