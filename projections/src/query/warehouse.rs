//! The warehouse's queues and the parcel lookup by tracking number.

use chrono::{DateTime, Utc};
use returns_domain::ticket::InspectionOutcome;
use returns_domain::{TicketKind, TicketStatus};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    decode_cursor, encode_cursor, json_select, opt_time, page_size, paginate, Page, Queries,
};
use crate::error::{Error, Result};
use crate::read_models::warehouse::WarehouseLine;
use returns_eventstore::db::{Arg, Filter, Statement};

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
}

impl WarehouseQueue {
    fn columns(self) -> (&'static str, &'static str) {
        match self {
            Self::ExpectedInbound => ("expecting_inbound", "registered_at"),
            Self::AwaitingInspection => ("awaiting_inspection", "received_at"),
            Self::ReplacementsToShip => ("replacement_to_ship", "inspected_at"),
            Self::ReturnsToCustomer => ("goods_to_return", "inspected_at"),
        }
    }
}

/// A ticket as the warehouse sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WarehouseTicket {
    /// The ticket.
    pub ticket_id: Uuid,
    /// Status.
    pub status: TicketStatus,
    /// Kind.
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
    /// The current round's inspection outcome.
    pub inspection_outcome: Option<InspectionOutcome>,
    /// Units applied for.
    pub qty_applied: i64,
    /// Units received.
    pub qty_received: i64,
    /// Lines with their quantities.
    pub lines: Vec<WarehouseLine>,
    /// When the return parcel was registered.
    pub registered_at: Option<DateTime<Utc>>,
    /// When goods last arrived.
    pub received_at: Option<DateTime<Utc>>,
    /// When the last inspection round completed.
    pub inspected_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct Row {
    ticket_id: String,
    status: String,
    kind: String,
    channel: String,
    customer: String,
    carrier: Option<String>,
    tracking_number: Option<String>,
    expecting_inbound: bool,
    awaiting_inspection: bool,
    replacement_to_ship: bool,
    goods_to_return: bool,
    inspection_outcome: Option<String>,
    qty_applied: i64,
    qty_received: i64,
    lines: String,
    registered_at: Option<i64>,
    received_at: Option<i64>,
    inspected_at: Option<i64>,
}

const SELECT: &str = "ticket_id, status, kind, channel, customer, carrier, tracking_number, \
    expecting_inbound, awaiting_inspection, replacement_to_ship, goods_to_return, \
    inspection_outcome, qty_applied, qty_received";

impl Queries {
    /// Every ticket whose return parcel has `tracking_number` (usually one):
    /// what the receiving desk scans.
    pub async fn inbound_parcel(&self, tracking_number: &str) -> Result<Vec<WarehouseTicket>> {
        let table = format!("rm_warehouse_v{}", self.version("warehouse").await?);
        let sql = format!(
            "SELECT {SELECT}, {}, registered_at, received_at, inspected_at FROM {table} \
             WHERE tracking_number = $1 ORDER BY ticket_id",
            json_select(self.dialect(), "lines")
        );
        let rows: Vec<Row> = self
            .store()
            .db()
            .fetch_all(&Statement::new(
                sql,
                vec![Arg::Text(tracking_number.to_owned())],
            ))
            .await?;
        rows.into_iter().map(ticket).collect()
    }

    /// A page of one warehouse queue, oldest first.
    pub async fn warehouse_queue(
        &self,
        queue: WarehouseQueue,
        after: Option<&str>,
        first: u32,
    ) -> Result<Page<WarehouseTicket>> {
        let version = self.version("warehouse").await?;
        if queue == WarehouseQueue::ReturnsToCustomer && version < 2 {
            // Only while v2 is still being built beside v1 after an upgrade.
            return Err(Error::InvalidQuery(
                "the returns-to-customer queue is still being built (warehouse_v2); retry shortly"
                    .to_owned(),
            ));
        }
        let table = format!("rm_warehouse_v{version}");
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
            "SELECT {SELECT}, {}, registered_at, received_at, inspected_at FROM {table}{} \
             ORDER BY COALESCE({since}, 0), ticket_id LIMIT {limit}",
            json_select(self.dialect(), "lines"),
            w.where_clause()
        );
        let rows: Vec<Row> = self
            .store()
            .db()
            .fetch_all(&Statement::new(sql, w.args))
            .await?;
        paginate(
            rows,
            size,
            |r| {
                let key = match queue {
                    WarehouseQueue::ExpectedInbound => r.registered_at,
                    WarehouseQueue::AwaitingInspection => r.received_at,
                    WarehouseQueue::ReplacementsToShip | WarehouseQueue::ReturnsToCustomer => {
                        r.inspected_at
                    }
                };
                encode_cursor(key.unwrap_or(0), &r.ticket_id)
            },
            ticket,
        )
    }
}

fn ticket(r: Row) -> Result<WarehouseTicket> {
    Ok(WarehouseTicket {
        ticket_id: Uuid::parse_str(&r.ticket_id)
            .map_err(|e| Error::InvalidQuery(format!("stored ticket id: {e}")))?,
        status: r.status.try_into()?,
        kind: r.kind.try_into()?,
        channel: r.channel,
        customer: r.customer,
        carrier: r.carrier,
        tracking_number: r.tracking_number,
        expecting_inbound: r.expecting_inbound,
        awaiting_inspection: r.awaiting_inspection,
        replacement_to_ship: r.replacement_to_ship,
        goods_to_return: r.goods_to_return,
        inspection_outcome: r
            .inspection_outcome
            .map(InspectionOutcome::try_from)
            .transpose()?,
        qty_applied: r.qty_applied,
        qty_received: r.qty_received,
        lines: serde_json::from_str(&r.lines).unwrap_or_default(),
        registered_at: opt_time(r.registered_at)?,
        received_at: opt_time(r.received_at)?,
        inspected_at: opt_time(r.inspected_at)?,
    })
}
