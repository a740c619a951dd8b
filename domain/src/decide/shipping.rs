//! RegisterReturnShipment, ReceiveReturn and ReceiveMatchedParcel: goods
//! travel back to the warehouse.

use std::collections::BTreeMap;

use super::validate;
use crate::command::{ReceiveMatchedParcel, ReceiveReturn, RegisterReturnShipment};
use crate::error::DomainError;
use crate::event::{Event, PoolParcelMatched, ReturnReceived, ReturnShipmentRegistered};
use crate::state::{TicketState, TicketStatus};
use crate::ticket::ReceivedLine;

pub(super) fn register_return_shipment(
    c: &RegisterReturnShipment,
) -> Result<Vec<Event>, DomainError> {
    validate::short_text("carrier", &c.carrier)?;
    validate::short_text("tracking_number", &c.tracking_number)?;
    Ok(vec![Event::ReturnShipmentRegistered(
        ReturnShipmentRegistered {
            carrier: c.carrier.clone(),
            tracking_number: c.tracking_number.clone(),
            registered_at: c.at,
        },
    )])
}

pub(super) fn receive_return(
    state: &TicketState,
    c: &ReceiveReturn,
) -> Result<Vec<Event>, DomainError> {
    if c.lines.is_empty() {
        return Err(DomainError::validation(
            "lines",
            "at least one line is required",
        ));
    }
    // A parcel may list a line twice (two boxes); the limit applies to the sum.
    let mut per_line: BTreeMap<&str, u64> = BTreeMap::new();
    for (i, received) in c.lines.iter().enumerate() {
        if received.qty == 0 {
            return Err(DomainError::validation(
                format!("lines[{i}].qty"),
                "must be at least 1",
            ));
        }
        if state.line(&received.line_id).is_none() {
            return Err(DomainError::NotFound {
                what: "line",
                id: received.line_id.clone(),
            });
        }
        *per_line.entry(received.line_id.as_str()).or_default() += u64::from(received.qty);
    }
    for (line_id, qty) in per_line {
        let Some(line) = state.line(line_id) else {
            continue;
        };
        let open = u64::from(line.qty_applied()).saturating_sub(u64::from(line.qty_received));
        if qty > open {
            return Err(DomainError::limit(
                format!("received quantity of line {line_id}"),
                validate::to_i64(open),
                validate::to_i64(qty),
            ));
        }
    }
    Ok(vec![Event::ReturnReceived(ReturnReceived {
        lines: c.lines.clone(),
        package_condition: c.package_condition,
        received_at: c.at,
    })])
}

/// A parcel from the pool counts as this ticket's return received: with no
/// waybill registered, the parcel's is registered first (so the ship-back
/// timer stops as for any registration); the lines default to every unit
/// still expected.
pub(super) fn receive_matched_parcel(
    state: &TicketState,
    c: &ReceiveMatchedParcel,
) -> Result<Vec<Event>, DomainError> {
    validate::short_text("carrier", &c.carrier)?;
    validate::short_text("tracking_number", &c.tracking_number)?;
    if state.pool_parcels.contains(&c.parcel_id) {
        return Err(DomainError::AlreadyExists {
            what: "parcel",
            id: c.parcel_id.to_string(),
        });
    }
    let lines = if c.lines.is_empty() {
        state
            .lines
            .iter()
            .filter_map(|line| {
                let open = line.qty_applied().saturating_sub(line.qty_received);
                (open > 0).then(|| ReceivedLine {
                    line_id: line.line.line_id.clone(),
                    qty: open,
                })
            })
            .collect()
    } else {
        c.lines.clone()
    };
    let mut events = Vec::with_capacity(3);
    if state.status == TicketStatus::Approved {
        events.push(Event::ReturnShipmentRegistered(ReturnShipmentRegistered {
            carrier: c.carrier.clone(),
            tracking_number: c.tracking_number.clone(),
            registered_at: c.at,
        }));
    }
    events.push(Event::PoolParcelMatched(PoolParcelMatched {
        parcel_id: c.parcel_id,
        carrier: c.carrier.clone(),
        tracking_number: c.tracking_number.clone(),
        matched_by: c.matched_by,
        matched_at: c.at,
    }));
    events.extend(receive_return(
        state,
        &ReceiveReturn {
            lines,
            package_condition: c.package_condition,
            at: c.at,
        },
    )?);
    Ok(events)
}
