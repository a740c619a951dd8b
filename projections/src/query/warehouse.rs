//! The warehouse's queues and the parcel lookup by tracking number.

use chrono::{DateTime, Utc};
use returns_domain::ticket::InspectionOutcome;
use returns_domain::{TicketKind, TicketStatus};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{decode_cursor, encode_cursor, page_size, paginate, Page, Queries};
use crate::error::{Error, Result};
use crate::read_models::warehouse::{WarehouseLine, WAREHOUSE};
use returns_eventstore::db::{Arg, Dialect, Filter, Micros, OptMicros, OptText, Statement};

/// A warehouse queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum WarehouseQueue {
    /// Parcels registered and not fully received, oldest registration first.
    ExpectedInbound,
    /// Goods received and awaiting inspection, oldest receipt first.
    AwaitingInspection,
    /// Exchanges whose replacement may ship, oldest inspection first.
    ReplacementsToShip,
    /// Rejected goods (a failed or partial inspection) to send back to the
    /// customer, oldest inspection first.
    ReturnsToCustomer,
    /// Reship parts to ship (补寄), oldest application first.
    ReshipsToShip,
    /// Repairs whose goods are here, oldest receipt first.
    RepairsToDo,
    /// Repaired goods to ship back, oldest receipt first.
    RepairsToShipBack,
}

impl WarehouseQueue {
    fn columns(self) -> (&'static str, &'static str) {
        match self {
            Self::ExpectedInbound => ("expecting_inbound", "registered_at"),
            Self::AwaitingInspection => ("awaiting_inspection", "received_at"),
            Self::ReplacementsToShip => ("replacement_to_ship", "inspected_at"),
            Self::ReturnsToCustomer => ("goods_to_return", "inspected_at"),
            Self::ReshipsToShip => ("reship_to_ship", "opened_at"),
            Self::RepairsToDo => ("repair_to_do", "received_at"),
            Self::RepairsToShipBack => ("repair_to_ship_back", "received_at"),
        }
    }
}

/// A ticket as the warehouse sees it: a row of the warehouse's table.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct WarehouseTicket {
    /// The ticket.
    #[sqlx(try_from = "String")]
    pub ticket_id: Uuid,
    /// Status.
    #[sqlx(try_from = "String")]
    pub status: TicketStatus,
    /// Kind.
    #[sqlx(try_from = "String")]
    pub kind: TicketKind,
    /// Channel.
    pub channel: String,
    /// Customer.
    pub customer: String,
    /// Return carrier.
    pub carrier: Option<String>,
    /// Return tracking number.
    pub tracking_number: Option<String>,
    /// Still expecting (more of) the parcel.
    pub expecting_inbound: bool,
    /// Received and awaiting inspection.
    pub awaiting_inspection: bool,
    /// The replacement may ship.
    pub replacement_to_ship: bool,
    /// Rejected goods are to go back to the customer.
    pub goods_to_return: bool,
    /// A reship's part may ship.
    pub reship_to_ship: bool,
    /// A repair's goods are here to repair.
    pub repair_to_do: bool,
    /// Repaired goods are to ship back.
    pub repair_to_ship_back: bool,
    /// The current round's inspection outcome.
    #[sqlx(try_from = "OptText")]
    pub inspection_outcome: Option<InspectionOutcome>,
    /// Units applied for.
    pub qty_applied: i64,
    /// Units received.
    pub qty_received: i64,
    /// Lines with their quantities.
    #[sqlx(json)]
    pub lines: Vec<WarehouseLine>,
    /// When the return parcel was registered.
    #[sqlx(try_from = "OptMicros")]
    pub registered_at: Option<DateTime<Utc>>,
    /// When goods last arrived.
    #[sqlx(try_from = "OptMicros")]
    pub received_at: Option<DateTime<Utc>>,
    /// When the last inspection round completed.
    #[sqlx(try_from = "OptMicros")]
    pub inspected_at: Option<DateTime<Utc>>,
    /// When the application was made.
    #[sqlx(try_from = "Micros")]
    pub opened_at: DateTime<Utc>,
}

impl Queries {
    /// Every ticket whose return parcel has `tracking_number` (usually one):
    /// what the receiving desk scans.
    pub async fn inbound_parcel(&self, tracking_number: &str) -> Result<Vec<WarehouseTicket>> {
        let (table, _) = self.table(&WAREHOUSE, &WAREHOUSE.tables[0]).await?;
        let sql = format!(
            "SELECT {} FROM {table} WHERE tracking_number = $1 ORDER BY ticket_id",
            WAREHOUSE.tables[0].shape.select_list(),
        );
        Ok(self
            .store()
            .db()
            .fetch_all(&Statement::new(
                sql,
                vec![Arg::Text(tracking_number.to_owned())],
            ))
            .await?)
    }

    /// Tickets waiting for goods (approved, parcel on its way or partly
    /// received) that name `sku` on one of their lines, newest first: how
    /// a person finds the ticket of a parcel nobody announced by what is
    /// inside it.
    pub async fn tickets_expecting_sku(&self, sku: &str, limit: i64) -> Result<Vec<Uuid>> {
        let (table, _) = self.table(&WAREHOUSE, &WAREHOUSE.tables[0]).await?;
        let has_sku = match self.dialect() {
            Dialect::Postgres => "lines @> jsonb_build_array(jsonb_build_object('sku', $1::text))",
            Dialect::Sqlite => {
                "EXISTS (SELECT 1 FROM json_each(lines) WHERE json_extract(value, '$.sku') = $1)"
            }
        };
        let sql = format!(
            "SELECT ticket_id FROM {table} WHERE status IN ('approved', 'return_shipped', 'received') \
             AND {has_sku} ORDER BY opened_at DESC, ticket_id LIMIT $2"
        );
        let rows: Vec<(String,)> = self
            .store()
            .db()
            .fetch_all(&Statement::new(
                sql,
                vec![Arg::Text(sku.trim().to_owned()), Arg::Int(limit)],
            ))
            .await?;
        Ok(rows
            .iter()
            .filter_map(|(id,)| Uuid::parse_str(id).ok())
            .collect())
    }

    /// A page of one warehouse queue, oldest first.
    pub async fn warehouse_queue(
        &self,
        queue: WarehouseQueue,
        after: Option<&str>,
        first: u32,
    ) -> Result<Page<WarehouseTicket>> {
        let (table, version) = self.table(&WAREHOUSE, &WAREHOUSE.tables[0]).await?;
        let reship_or_repair = matches!(
            queue,
            WarehouseQueue::ReshipsToShip
                | WarehouseQueue::RepairsToDo
                | WarehouseQueue::RepairsToShipBack
        );
        if reship_or_repair && version < 3 {
            // Only while v3 is still being built beside v2 after an upgrade.
            return Err(Error::InvalidQuery(
                "the reship and repair queues are still being built (warehouse_v3); retry shortly"
                    .to_owned(),
            ));
        }
        if queue == WarehouseQueue::ReturnsToCustomer && version < 2 {
            // Only while v2 is still being built beside v1 after an upgrade.
            return Err(Error::InvalidQuery(
                "the returns-to-customer queue is still being built (warehouse_v2); retry shortly"
                    .to_owned(),
            ));
        }
        let (flag, since) = queue.columns();
        let mut w = Filter::default();
        w.and(format!("{flag} = TRUE"));
        if let Some(cursor) = after {
            let (key, id) = decode_cursor(cursor)?;
            let k = w.arg(Arg::Int(key));
            let i = w.arg(Arg::Text(id));
            w.and(format!("(COALESCE({since}, 0), ticket_id) > ({k}, {i})"));
        }
        let size = page_size(first);
        let limit = w.arg(Arg::Int(size + 1));
        let sql = format!(
            "SELECT {} FROM {table}{} ORDER BY COALESCE({since}, 0), ticket_id LIMIT {limit}",
            WAREHOUSE.tables[0].shape.select_list(),
            w.where_clause()
        );
        let rows: Vec<WarehouseTicket> = self
            .store()
            .db()
            .fetch_all(&Statement::new(sql, w.args))
            .await?;
        Ok(paginate(rows, size, |r| {
            let key = match queue {
                WarehouseQueue::ExpectedInbound => r.registered_at,
                WarehouseQueue::AwaitingInspection => r.received_at,
                WarehouseQueue::ReplacementsToShip | WarehouseQueue::ReturnsToCustomer => {
                    r.inspected_at
                }
                WarehouseQueue::ReshipsToShip => Some(r.opened_at),
                WarehouseQueue::RepairsToDo | WarehouseQueue::RepairsToShipBack => r.received_at,
            };
            encode_cursor(
                key.map_or(0, |at| at.timestamp_micros()),
                &r.ticket_id.to_string(),
            )
        }))
    }
}
