//! The warehouse's queues, one row per ticket whose goods come back:
//! parcels expected (looked up by tracking number), goods received and
//! awaiting inspection, replacements to ship, rejected goods to send back
//! to the customer (v2).
//!
//! Queue membership is the domain's transition table asked directly
//! (`TicketState::allows`): a ticket is "awaiting inspection" exactly when
//! the domain would accept `RecordInspection` for it.

use std::collections::HashMap;

use returns_domain::{CommandKind, Event, TicketState};
use returns_eventstore::db::Dialect;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{json_text, micros, opening, serde_name};
use crate::error::Result;
use crate::projection::{Batch, Projection};
use returns_eventstore::db::{upsert, Arg, Col, Statement};

/// The warehouse projection at a version.
#[derive(Debug, Clone)]
pub struct Warehouse {
    version: u32,
    name: String,
    table: String,
}

impl Warehouse {
    /// The version this build serves.
    /// v2 added `goods_to_return`: the workflows queue rejected goods for
    /// the warehouse, which had no list to find them in.
    pub const CURRENT: u32 = 2;

    /// The warehouse projection at `version`.
    pub fn at_version(version: u32) -> Self {
        Self {
            version,
            name: format!("warehouse_v{version}"),
            table: format!("rm_warehouse_v{version}"),
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

const COLUMNS: [(&str, Col); 20] = [
    ("ticket_id", Col::Plain),
    ("status", Col::Plain),
    ("kind", Col::Plain),
    ("channel", Col::Plain),
    ("customer", Col::Plain),
    ("carrier", Col::Plain),
    ("tracking_number", Col::Plain),
    ("expecting_inbound", Col::Plain),
    ("awaiting_inspection", Col::Plain),
    ("replacement_to_ship", Col::Plain),
    ("goods_to_return", Col::Plain),
    ("inspection_outcome", Col::Plain),
    ("qty_applied", Col::Plain),
    ("qty_received", Col::Plain),
    ("lines", Col::Json),
    ("registered_at", Col::Plain),
    ("received_at", Col::Plain),
    ("inspected_at", Col::Plain),
    ("opened_at", Col::Plain),
    ("last_position", Col::Plain),
];

/// When each warehouse step last happened for a ticket within one batch.
#[derive(Default)]
struct Steps {
    registered_at: Option<i64>,
    received_at: Option<i64>,
    inspected_at: Option<i64>,
}

impl Projection for Warehouse {
    fn name(&self) -> &str {
        &self.name
    }

    fn read_model(&self) -> &str {
        "warehouse"
    }

    fn version(&self) -> u32 {
        self.version
    }

    fn tables(&self) -> Vec<String> {
        vec![self.table.clone()]
    }

    fn schema(&self, dialect: Dialect) -> String {
        let t = &self.table;
        let (int, boolean, json) = match dialect {
            Dialect::Sqlite => ("INTEGER", "INTEGER", "TEXT"),
            Dialect::Postgres => ("BIGINT", "BOOLEAN", "JSONB"),
        };
        format!(
            "CREATE TABLE IF NOT EXISTS {t} (
                ticket_id           TEXT PRIMARY KEY,
                status              TEXT NOT NULL,
                kind                TEXT NOT NULL,
                channel             TEXT NOT NULL,
                customer            TEXT NOT NULL,
                carrier             TEXT,
                tracking_number     TEXT,
                expecting_inbound   {boolean} NOT NULL,
                awaiting_inspection {boolean} NOT NULL,
                replacement_to_ship {boolean} NOT NULL,
                goods_to_return     {boolean} NOT NULL,
                inspection_outcome  TEXT,
                qty_applied         {int} NOT NULL,
                qty_received        {int} NOT NULL,
                lines               {json} NOT NULL,
                registered_at       {int},
                received_at         {int},
                inspected_at        {int},
                opened_at           {int} NOT NULL,
                last_position       {int} NOT NULL
            );
            CREATE INDEX IF NOT EXISTS {t}_tracking ON {t} (tracking_number);
            CREATE INDEX IF NOT EXISTS {t}_inbound ON {t} (expecting_inbound, registered_at, ticket_id);
            CREATE INDEX IF NOT EXISTS {t}_inspection ON {t} (awaiting_inspection, received_at, ticket_id);
            CREATE INDEX IF NOT EXISTS {t}_replacement ON {t} (replacement_to_ship, inspected_at, ticket_id);
            CREATE INDEX IF NOT EXISTS {t}_goods_back ON {t} (goods_to_return, inspected_at, ticket_id);"
        )
    }

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
        let set = COLUMNS
            .iter()
            .map(|(c, _)| *c)
            .filter(|c| *c != "ticket_id")
            .map(|c| {
                if c.ends_with("_at") && c != "opened_at" {
                    format!("{c} = COALESCE(excluded.{c}, {}.{c})", self.table)
                } else {
                    format!("{c} = excluded.{c}")
                }
            })
            .collect::<Vec<_>>()
            .join(", ");
        Ok(upsert(
            dialect,
            &self.table,
            &COLUMNS,
            &["ticket_id"],
            Some(&set),
            rows,
        ))
    }
}

fn row(state: &TicketState, steps: &Steps, last_position: i64) -> Option<Vec<Arg>> {
    let info = state.info.as_ref()?;
    if !info.kind.needs_goods_back() {
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
