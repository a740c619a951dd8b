//! The warehouse's queues, one row per ticket whose goods come back or go
//! out: parcels expected (looked up by tracking number), goods received and
//! awaiting inspection, replacements to ship, rejected goods to send back
//! to the customer (v2), reship parts to ship, repairs to do and repaired
//! goods to ship back (v3).
//!
//! Queue membership is the domain's transition table asked directly
//! (`TicketState::allows`): a ticket is "awaiting inspection" exactly when
//! the domain would accept `RecordInspection` for it.

use std::collections::HashMap;

use returns_domain::{CommandKind, Event, TicketState};
use returns_eventstore::db::schema::Column;
use returns_eventstore::db::SqlType::{Bool, Int, Json, Micros, Text};
use returns_eventstore::db::{upsert, Arg, Dialect, Index, Statement, Table};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{json_text, micros, opening, serde_name};
use crate::declaration::{declared_projection, names, ReadModel, TableDecl, Versioned};
use crate::error::Result;
use crate::projection::{Batch, Projection};

/// The warehouse's read model, declared once.
/// v2 added `goods_to_return`: the workflows queue rejected goods for
/// the warehouse, which had no list to find them in. v3 added the reship
/// and repair queues (`reship_to_ship`, `repair_to_do`,
/// `repair_to_ship_back`) and the tickets of those kinds.
pub const WAREHOUSE: ReadModel = ReadModel {
    name: names::WAREHOUSE,
    version: 3,
    tables: &[TableDecl {
        stem: "rm_warehouse",
        shape: Table {
            columns: &[
                Column::new("ticket_id", Text),
                Column::new("status", Text),
                Column::new("kind", Text),
                Column::new("channel", Text),
                Column::new("customer", Text),
                Column::new("carrier", Text).null(),
                Column::new("tracking_number", Text).null(),
                Column::new("expecting_inbound", Bool),
                Column::new("awaiting_inspection", Bool),
                Column::new("replacement_to_ship", Bool),
                Column::new("goods_to_return", Bool),
                Column::new("reship_to_ship", Bool),
                Column::new("repair_to_do", Bool),
                Column::new("repair_to_ship_back", Bool),
                Column::new("inspection_outcome", Text).null(),
                Column::new("qty_applied", Int),
                Column::new("qty_received", Int),
                Column::new("lines", Json),
                Column::new("registered_at", Micros).null(),
                Column::new("received_at", Micros).null(),
                Column::new("inspected_at", Micros).null(),
                Column::new("opened_at", Micros),
                Column::new("last_position", Int),
            ],
            key: &["ticket_id"],
            indexes: &[
                Index::new("tracking", &["tracking_number"]),
                Index::new(
                    "inbound",
                    &["expecting_inbound", "registered_at", "ticket_id"],
                ),
                Index::new(
                    "inspection",
                    &["awaiting_inspection", "received_at", "ticket_id"],
                ),
                Index::new(
                    "replacement",
                    &["replacement_to_ship", "inspected_at", "ticket_id"],
                ),
                Index::new(
                    "goods_back",
                    &["goods_to_return", "inspected_at", "ticket_id"],
                ),
                Index::new("reship", &["reship_to_ship", "opened_at", "ticket_id"]),
                Index::new("repair", &["repair_to_do", "received_at", "ticket_id"]),
                Index::new(
                    "repair_back",
                    &["repair_to_ship_back", "received_at", "ticket_id"],
                ),
            ],
        },
    }],
};

/// The warehouse projection at a version.
#[derive(Debug, Clone)]
pub struct Warehouse {
    at: Versioned,
}

impl Warehouse {
    /// The version this build serves.
    pub const CURRENT: u32 = WAREHOUSE.version;

    /// The warehouse projection at `version`.
    pub fn at_version(version: u32) -> Self {
        Self {
            at: Versioned::new(&WAREHOUSE, version),
        }
    }

    /// The current version.
    pub fn current() -> Self {
        Self::at_version(Self::CURRENT)
    }
}

/// One line of a ticket as the warehouse sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarehouseLine {
    /// The ticket's line id.
    pub line_id: String,
    /// SKU.
    pub sku: String,
    /// Product name.
    pub name: String,
    /// Units applied for.
    pub qty_applied: u32,
    /// Units received so far.
    pub qty_received: u32,
    /// Units inspected in the current round.
    pub qty_inspected: u32,
    /// Units accepted in the current round.
    pub qty_accepted: u32,
}

/// When each warehouse step last happened for a ticket within one batch.
#[derive(Default)]
struct Steps {
    registered_at: Option<i64>,
    received_at: Option<i64>,
    inspected_at: Option<i64>,
}

impl Projection for Warehouse {
    declared_projection!();

    fn apply(&self, dialect: Dialect, batch: &Batch<'_>) -> Result<Vec<Statement>> {
        let mut steps: HashMap<Uuid, Steps> = HashMap::new();
        for e in batch.events {
            let at = micros(e.event.occurred_at());
            let step = steps.entry(e.ticket_id).or_default();
            match &e.event {
                Event::ReturnShipmentRegistered(_) => step.registered_at = Some(at),
                Event::ReturnReceived(_) => step.received_at = Some(at),
                Event::InspectionCompleted(_) => step.inspected_at = Some(at),
                _ => {}
            }
        }
        let rows = batch
            .touched()
            .into_iter()
            .filter_map(|(last, state)| {
                let step = steps.remove(&last.ticket_id).unwrap_or_default();
                row(state, &step, last.position)
            })
            .collect();
        // Step times keep the last value seen: a batch that did not contain
        // the step leaves the stored time alone.
        let table = &self.at.tables[0];
        let declared = &WAREHOUSE.tables[0];
        let set = declared
            .shape
            .columns
            .iter()
            .map(|c| c.name)
            .filter(|c| *c != "ticket_id")
            .map(|c| {
                if c.ends_with("_at") && c != "opened_at" {
                    format!("{c} = COALESCE(excluded.{c}, {table}.{c})")
                } else {
                    format!("{c} = excluded.{c}")
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        Ok(upsert(
            dialect,
            table,
            &declared.upsert_columns(),
            &["ticket_id"],
            Some(&set),
            rows,
        ))
    }
}

fn row(state: &TicketState, steps: &Steps, last_position: i64) -> Option<Vec<Arg>> {
    let info = state.info.as_ref()?;
    // Goods that come back, or a part that goes out (a reship).
    if !info.kind.may_take_goods_back() && info.kind != returns_domain::TicketKind::Reship {
        return None;
    }
    let open = opening(state)?;
    let lines: Vec<WarehouseLine> = state
        .lines
        .iter()
        .map(|l| WarehouseLine {
            line_id: l.line.line_id.clone(),
            sku: l.line.sku.clone(),
            name: l.line.name.clone(),
            qty_applied: l.qty_applied(),
            qty_received: l.qty_received,
            qty_inspected: l.qty_inspected(),
            qty_accepted: l.qty_accepted(),
        })
        .collect();
    let quantities = state.quantities();
    let shipment = state.return_shipment.as_ref();
    Some(vec![
        Arg::Text(info.ticket_id.to_string()),
        Arg::Text(state.status.as_str().to_owned()),
        Arg::Text(open.kind.to_owned()),
        Arg::Text(open.channel.to_owned()),
        Arg::Text(open.customer.to_owned()),
        Arg::OptText(shipment.map(|s| s.carrier.clone())),
        Arg::OptText(shipment.map(|s| s.tracking_number.clone())),
        Arg::Bool(shipment.is_some() && state.allows(CommandKind::ReceiveReturn)),
        Arg::Bool(state.allows(CommandKind::RecordInspection)),
        Arg::Bool(state.allows(CommandKind::ShipReplacement)),
        Arg::Bool(state.allows(CommandKind::ReturnGoodsToCustomer)),
        Arg::Bool(state.allows(CommandKind::ShipReshipment)),
        // The workshop's queue: goods here, not yet repaired (a repair by
        // parts or a visit is customer service's, not the warehouse's).
        Arg::Bool(state.allows(CommandKind::RecordRepair) && quantities.received > 0),
        Arg::Bool(state.allows(CommandKind::ShipRepairedGoods)),
        Arg::OptText(state.inspection_outcome.as_ref().map(serde_name)),
        Arg::Int(i64::try_from(quantities.applied).unwrap_or(i64::MAX)),
        Arg::Int(i64::try_from(quantities.received).unwrap_or(i64::MAX)),
        Arg::Text(json_text(&lines)),
        Arg::OptInt(steps.registered_at),
        Arg::OptInt(steps.received_at),
        Arg::OptInt(steps.inspected_at),
        Arg::Int(open.opened_at),
        Arg::Int(last_position),
    ])
}
