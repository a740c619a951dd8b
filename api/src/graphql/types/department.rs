//! The departments' read-model rows as GraphQL types.

use async_graphql::{ComplexObject, Context, Json, Result, SimpleObject};
use chrono::{DateTime, Utc};
use returns_domain::{Currency, Money as DomainMoney};
use returns_projections::query::{finance, follow_ups, management, warehouse, worklist};
use uuid::Uuid;

use super::enums::{InspectionOutcome, RefundStatus, TicketKind, TicketStatus};
use super::money::Money;

/// `amount` minor units in the currency named `code` (kept as stored if it
/// is not a valid code, which the read models never write).
fn money(amount_minor: i64, code: &str) -> Money {
    match Currency::parse(code) {
        Ok(c) => DomainMoney::new(amount_minor, c).into(),
        Err(_) => Money {
            amount_minor: amount_minor.into(),
            currency: code.to_owned(),
        },
    }
}

/// A ticket on customer service's worklist.
#[derive(SimpleObject, Debug, Clone)]
#[graphql(complex)]
pub struct WorklistItem {
    /// The ticket.
    pub ticket_id: Uuid,
    /// Its status.
    pub status: TicketStatus,
    /// Its kind.
    pub kind: TicketKind,
    /// Channel.
    pub channel: String,
    /// Customer.
    #[graphql(skip)]
    pub customer: String,
    /// Platform order id.
    pub platform_order_id: Option<String>,
    /// Platform after-sale id.
    pub platform_after_sale_id: Option<String>,
    /// Reason code.
    pub reason_code: String,
    /// Reason category (quality, logistics, …).
    pub reason_category: String,
    /// Paid for the lines applied for.
    pub paid: Money,
    /// Refundable so far.
    pub refundable: Money,
    /// Refunded so far.
    pub refunded: Money,
    /// Assignee.
    pub assignee: Option<String>,
    /// What is due next: `platform_intervening` (the platform is
    /// arbitrating, due at its deadline), `platform_sync_pending` /
    /// `platform_sync_conflict` (a person must look), `platform_decides`,
    /// `review`, `ship_back` or `follow_up`.
    pub next_action: Option<String>,
    /// When it is due.
    pub next_action_due: Option<DateTime<Utc>>,
    /// Whether it is overdue now.
    pub sla_breached: bool,
    /// Whether the platform is arbitrating, or its record is pending or
    /// contradicts the ticket.
    pub needs_attention: bool,
    /// Commands the ticket accepts now.
    pub allowed_commands: Vec<String>,
    /// Custom fields.
    pub custom_fields: Json<serde_json::Value>,
    /// When the application was made.
    pub opened_at: DateTime<Utc>,
    /// When the last event happened.
    pub last_event_at: DateTime<Utc>,
    /// The ticket's version.
    pub version: i64,
}

impl From<worklist::WorklistItem> for WorklistItem {
    fn from(i: worklist::WorklistItem) -> Self {
        Self {
            ticket_id: i.ticket_id,
            status: i.status.into(),
            kind: i.kind.into(),
            paid: money(i.paid_minor, &i.currency),
            refundable: money(i.refundable_minor, &i.currency),
            refunded: money(i.refunded_minor, &i.currency),
            channel: i.channel,
            customer: i.customer,
            platform_order_id: i.platform_order_id,
            platform_after_sale_id: i.platform_after_sale_id,
            reason_code: i.reason_code,
            reason_category: i.reason_category,
            assignee: i.assignee,
            next_action: i.next_action,
            next_action_due: i.next_action_due,
            sla_breached: i.sla_breached,
            needs_attention: i.needs_attention,
            allowed_commands: i.allowed_commands,
            custom_fields: Json(i.custom_fields),
            opened_at: i.opened_at,
            last_event_at: i.last_event_at,
            version: i.version,
        }
    }
}

/// One line as the warehouse sees it.
#[derive(SimpleObject, Debug, Clone)]
pub struct WarehouseLine {
    /// Line id.
    pub line_id: String,
    /// SKU.
    pub sku: String,
    /// Product name.
    pub name: String,
    /// Units applied for.
    pub qty_applied: u32,
    /// Units received.
    pub qty_received: u32,
    /// Units inspected this round.
    pub qty_inspected: u32,
    /// Units accepted this round.
    pub qty_accepted: u32,
}

/// A ticket as the warehouse sees it.
#[derive(SimpleObject, Debug, Clone)]
#[graphql(complex)]
pub struct WarehouseTicket {
    /// The ticket.
    pub ticket_id: Uuid,
    /// Its status.
    pub status: TicketStatus,
    /// Its kind.
    pub kind: TicketKind,
    /// Channel.
    pub channel: String,
    /// Customer.
    #[graphql(skip)]
    pub customer: String,
    /// The return parcel's carrier.
    pub carrier: Option<String>,
    /// The return parcel's tracking number.
    pub tracking_number: Option<String>,
    /// Registered and not fully received.
    pub expecting_inbound: bool,
    /// Received and awaiting inspection.
    pub awaiting_inspection: bool,
    /// An exchange whose replacement may ship.
    pub replacement_to_ship: bool,
    /// Rejected goods are to go back to the customer.
    pub goods_to_return: bool,
    /// A reship's part may ship.
    pub reship_to_ship: bool,
    /// A repair's goods are here to repair.
    pub repair_to_do: bool,
    /// Repaired goods are to ship back.
    pub repair_to_ship_back: bool,
    /// The last inspection's outcome.
    pub inspection_outcome: Option<InspectionOutcome>,
    /// Units applied for.
    pub qty_applied: i64,
    /// Units received.
    pub qty_received: i64,
    /// The lines.
    pub lines: Vec<WarehouseLine>,
    /// When the parcel was registered.
    pub registered_at: Option<DateTime<Utc>>,
    /// When goods were received.
    pub received_at: Option<DateTime<Utc>>,
    /// When inspection completed.
    pub inspected_at: Option<DateTime<Utc>>,
}

impl From<warehouse::WarehouseTicket> for WarehouseTicket {
    fn from(t: warehouse::WarehouseTicket) -> Self {
        Self {
            ticket_id: t.ticket_id,
            status: t.status.into(),
            kind: t.kind.into(),
            channel: t.channel,
            customer: t.customer,
            carrier: t.carrier,
            tracking_number: t.tracking_number,
            expecting_inbound: t.expecting_inbound,
            awaiting_inspection: t.awaiting_inspection,
            replacement_to_ship: t.replacement_to_ship,
            goods_to_return: t.goods_to_return,
            reship_to_ship: t.reship_to_ship,
            repair_to_do: t.repair_to_do,
            repair_to_ship_back: t.repair_to_ship_back,
            inspection_outcome: t.inspection_outcome.map(Into::into),
            qty_applied: t.qty_applied,
            qty_received: t.qty_received,
            lines: t
                .lines
                .into_iter()
                .map(|l| WarehouseLine {
                    line_id: l.line_id,
                    sku: l.sku,
                    name: l.name,
                    qty_applied: l.qty_applied,
                    qty_received: l.qty_received,
                    qty_inspected: l.qty_inspected,
                    qty_accepted: l.qty_accepted,
                })
                .collect(),
            registered_at: t.registered_at,
            received_at: t.received_at,
            inspected_at: t.inspected_at,
        }
    }
}

/// A refund as finance sees it.
#[derive(SimpleObject, Debug, Clone)]
#[graphql(complex)]
pub struct RefundItem {
    /// The refund.
    pub refund_id: Uuid,
    /// Its ticket.
    pub ticket_id: Uuid,
    /// Channel.
    pub channel: String,
    /// The ticket's kind.
    pub kind: TicketKind,
    /// Customer.
    #[graphql(skip)]
    pub customer: String,
    /// Status.
    pub status: RefundStatus,
    /// Amount.
    pub amount: Money,
    /// When requested.
    pub requested_at: DateTime<Utc>,
    /// When approved.
    pub approved_at: Option<DateTime<Utc>>,
    /// When issued.
    pub issued_at: Option<DateTime<Utc>>,
    /// When it last failed.
    pub failed_at: Option<DateTime<Utc>>,
    /// Gateway failures so far.
    pub failures: i64,
    /// The last gateway failure.
    pub last_failure: Option<String>,
    /// The gateway's payout reference.
    pub gateway_reference: Option<String>,
    /// Who recorded the payout: a person, or the workflow
    /// (`workflow:refund_payout`) that paid it through the gateway.
    pub issued_by: Option<String>,
}

impl From<finance::RefundItem> for RefundItem {
    fn from(r: finance::RefundItem) -> Self {
        Self {
            refund_id: r.refund_id,
            ticket_id: r.ticket_id,
            channel: r.channel,
            kind: r.kind.into(),
            customer: r.customer,
            status: r.status.into(),
            amount: money(r.amount_minor, &r.currency),
            requested_at: r.requested_at,
            approved_at: r.approved_at,
            issued_at: r.issued_at,
            failed_at: r.failed_at,
            failures: r.failures,
            last_failure: r.last_failure,
            gateway_reference: r.gateway_reference,
            issued_by: r.issued_by,
        }
    }
}

/// Payouts of one day and channel.
#[derive(SimpleObject, Debug, Clone)]
pub struct DailyRefundTotal {
    /// The day (UTC), `YYYY-MM-DD`.
    pub day: String,
    /// Channel.
    pub channel: String,
    /// Refunds issued.
    pub issued_count: i64,
    /// Amount issued.
    pub issued: Money,
    /// Payout failures.
    pub failed_count: i64,
}

impl From<finance::DailyRefundTotal> for DailyRefundTotal {
    fn from(t: finance::DailyRefundTotal) -> Self {
        Self {
            issued: money(t.issued_minor, &t.currency),
            day: t.day,
            channel: t.channel,
            issued_count: t.issued_count,
            failed_count: t.failed_count,
        }
    }
}

/// Refunds of one kind and currency.
#[derive(SimpleObject, Debug, Clone)]
pub struct KindRefundTotal {
    /// The tickets' kind.
    pub kind: TicketKind,
    /// Refunds paid out.
    pub issued_count: i64,
    /// Amount paid out.
    pub issued: Money,
    /// Refunds not paid out yet (awaiting approval, approved or failed).
    pub open_count: i64,
    /// Their amount.
    pub open: Money,
}

impl From<finance::KindRefundTotal> for KindRefundTotal {
    fn from(t: finance::KindRefundTotal) -> Self {
        Self {
            kind: t.kind.into(),
            issued_count: t.issued_count,
            issued: money(t.issued_minor, &t.currency),
            open_count: t.open_count,
            open: money(t.open_minor, &t.currency),
        }
    }
}

/// A follow-up call on the list.
#[derive(SimpleObject, Debug, Clone)]
#[graphql(complex)]
pub struct FollowUpItem {
    /// The follow-up.
    pub follow_up_id: Uuid,
    /// Its ticket.
    pub ticket_id: Uuid,
    /// Customer.
    #[graphql(skip)]
    pub customer: String,
    /// Channel.
    pub channel: String,
    /// The ticket's assignee.
    pub assignee: Option<String>,
    /// The ticket's status.
    pub ticket_status: TicketStatus,
    /// What the call is for.
    pub purpose: String,
    /// When due.
    pub due_at: DateTime<Utc>,
    /// When scheduled.
    pub scheduled_at: DateTime<Utc>,
    /// Whether it is overdue now.
    pub overdue: bool,
    /// When done.
    pub completed_at: Option<DateTime<Utc>>,
    /// What came of it.
    pub outcome: Option<String>,
}

impl From<follow_ups::FollowUpItem> for FollowUpItem {
    fn from(f: follow_ups::FollowUpItem) -> Self {
        Self {
            follow_up_id: f.follow_up_id,
            ticket_id: f.ticket_id,
            customer: f.customer,
            channel: f.channel,
            assignee: f.assignee,
            ticket_status: f.ticket_status.into(),
            purpose: f.purpose,
            due_at: f.due_at,
            scheduled_at: f.scheduled_at,
            overdue: f.overdue,
            completed_at: f.completed_at,
            outcome: f.outcome,
        }
    }
}

/// How often calls ended one way.
#[derive(SimpleObject, Debug, Clone)]
pub struct OutcomeCount {
    /// The outcome.
    pub outcome: String,
    /// How many calls.
    pub count: i64,
}

/// Tickets per status and kind.
#[derive(SimpleObject, Debug, Clone)]
pub struct StatusCount {
    /// Status.
    pub status: TicketStatus,
    /// Kind.
    pub kind: TicketKind,
    /// Tickets.
    pub count: i64,
}

/// The average time one step takes.
#[derive(SimpleObject, Debug, Clone)]
pub struct StepCycleTime {
    /// The step (`review`, `ship_back`, `transit`, `inspection`, `refund`, `replacement`, `resolution`).
    pub step: String,
    /// Tickets that went through it.
    pub tickets: i64,
    /// Average duration in seconds.
    pub average_seconds: i64,
}

/// Return reasons per SKU and channel.
#[derive(SimpleObject, Debug, Clone)]
pub struct ReasonCount {
    /// SKU.
    pub sku: String,
    /// Channel.
    pub channel: String,
    /// Reason code.
    pub reason_code: String,
    /// Tickets.
    pub tickets: i64,
    /// Units.
    pub units: i64,
}

/// How often the platform intervened (arbitration) for one reason, SKU and
/// channel, and where those interventions stand.
#[derive(SimpleObject, Debug, Clone)]
pub struct ArbitrationCount {
    /// Reason code the buyer applied with.
    pub reason_code: String,
    /// SKU.
    pub sku: String,
    /// Channel (platform).
    pub channel: String,
    /// Tickets the platform intervened in.
    pub arbitrations: i64,
    /// Still open: the platform is deciding.
    pub open: i64,
    /// Decided for the buyer.
    pub for_buyer: i64,
    /// Decided for the seller.
    pub for_seller: i64,
    /// Finished without the platform's record saying for whom.
    pub not_stated: i64,
    /// Tickets applied for with this reason, SKU and channel, arbitrated
    /// or not (the arbitration rate is `arbitrations / tickets`).
    pub tickets: i64,
    /// What the buyers paid for the lines still in arbitration: the most
    /// the platform can still order refunded.
    pub at_stake: Money,
    /// What the buyers paid for the lines decided for the buyer.
    pub lost: Money,
}

impl From<management::ArbitrationCount> for ArbitrationCount {
    fn from(a: management::ArbitrationCount) -> Self {
        Self {
            reason_code: a.reason_code,
            sku: a.sku,
            channel: a.channel,
            arbitrations: a.arbitrations,
            open: a.open,
            for_buyer: a.for_buyer,
            for_seller: a.for_seller,
            not_stated: a.not_stated,
            tickets: a.tickets,
            at_stake: money(a.at_stake_minor, &a.currency),
            lost: money(a.lost_minor, &a.currency),
        }
    }
}

/// Platform arbitrations over the SKUs one person inspected: which
/// inspections the platform upheld, and the money in them.
#[derive(SimpleObject, Debug, Clone)]
pub struct InspectorArbitrations {
    /// Who recorded the inspection; empty for arbitrations of goods nobody
    /// inspected here.
    pub inspector: String,
    /// Arbitrated ticket SKUs.
    pub arbitrations: i64,
    /// Still open.
    pub open: i64,
    /// Decided for the buyer.
    pub for_buyer: i64,
    /// Decided for the seller.
    pub for_seller: i64,
    /// Finished without the platform's record saying for whom.
    pub not_stated: i64,
    /// Paid for the lines still in arbitration.
    pub at_stake: Money,
    /// Paid for the lines decided for the buyer.
    pub lost: Money,
}

impl From<management::InspectorArbitrations> for InspectorArbitrations {
    fn from(a: management::InspectorArbitrations) -> Self {
        Self {
            inspector: a.inspector,
            arbitrations: a.arbitrations,
            open: a.open,
            for_buyer: a.for_buyer,
            for_seller: a.for_seller,
            not_stated: a.not_stated,
            at_stake: money(a.at_stake_minor, &a.currency),
            lost: money(a.lost_minor, &a.currency),
        }
    }
}

/// Management's figures.
#[derive(SimpleObject, Debug, Clone)]
pub struct ManagementStats {
    /// Tickets per status and kind.
    pub status_counts: Vec<StatusCount>,
    /// Average time per step.
    pub cycle_times: Vec<StepCycleTime>,
    /// Return reasons per SKU and channel, most tickets first.
    pub reasons: Vec<ReasonCount>,
    /// Platform arbitrations and their outcomes by reason, SKU and channel,
    /// most first.
    pub arbitrations: Vec<ArbitrationCount>,
    /// The same arbitrations by who inspected the goods, most first.
    pub arbitrations_by_inspector: Vec<InspectorArbitrations>,
    /// Per kind (and currency): tickets, open and ended, average time to
    /// the end, money refunded.
    pub by_kind: Vec<KindSummary>,
}

/// One kind's tickets in the stats' scope.
#[derive(SimpleObject, Debug, Clone)]
pub struct KindSummary {
    /// The kind.
    pub kind: TicketKind,
    /// Tickets.
    pub tickets: i64,
    /// Not closed or cancelled yet.
    pub open: i64,
    /// Closed or cancelled.
    pub ended: i64,
    /// Average time from application to close or cancel, seconds (0 when none ended).
    pub average_resolution_seconds: i64,
    /// Refunded over these tickets.
    pub refunded: Money,
}

impl From<management::KindSummary> for KindSummary {
    fn from(k: management::KindSummary) -> Self {
        Self {
            kind: k.kind.into(),
            tickets: k.tickets,
            open: k.open,
            ended: k.ended,
            average_resolution_seconds: k.average_resolution_seconds,
            refunded: money(k.refunded_minor, &k.currency),
        }
    }
}

impl From<management::StatusCount> for StatusCount {
    fn from(s: management::StatusCount) -> Self {
        Self {
            status: s.status.into(),
            kind: s.kind.into(),
            count: s.count,
        }
    }
}

impl From<management::StepCycleTime> for StepCycleTime {
    fn from(s: management::StepCycleTime) -> Self {
        Self {
            step: s.step,
            tickets: s.tickets,
            average_seconds: s.average_seconds,
        }
    }
}

impl From<management::ReasonCount> for ReasonCount {
    fn from(r: management::ReasonCount) -> Self {
        Self {
            sku: r.sku,
            channel: r.channel,
            reason_code: r.reason_code,
            tickets: r.tickets,
            units: r.units,
        }
    }
}

/// How far a projection is behind the log.
#[derive(SimpleObject, Debug, Clone)]
pub struct ProjectionLag {
    /// The projection's versioned name.
    pub name: String,
    /// The last position it applied.
    pub checkpoint: i64,
    /// The log head.
    pub head: i64,
    /// Events behind.
    pub behind: i64,
    /// Whether it ever caught up.
    pub caught_up: bool,
}

impl From<returns_projections::Lag> for ProjectionLag {
    fn from(l: returns_projections::Lag) -> Self {
        Self {
            name: l.name,
            checkpoint: l.checkpoint,
            head: l.head,
            behind: l.behind,
            caught_up: l.caught_up,
        }
    }
}

#[ComplexObject]
impl WorklistItem {
    /// The customer (masked for warehouse and finance, `[present]` for
    /// auditors, `[erased]` once erased).
    async fn customer(&self, ctx: &Context<'_>) -> Result<String> {
        crate::graphql::personal::shown_text(ctx, &self.customer)
            .await
            .map_err(|e| async_graphql::ErrorExtensions::extend(&e))
    }
}

#[ComplexObject]
impl WarehouseTicket {
    /// The customer (masked for warehouse and finance, `[present]` for
    /// auditors, `[erased]` once erased).
    async fn customer(&self, ctx: &Context<'_>) -> Result<String> {
        crate::graphql::personal::shown_text(ctx, &self.customer)
            .await
            .map_err(|e| async_graphql::ErrorExtensions::extend(&e))
    }
}

#[ComplexObject]
impl RefundItem {
    /// The customer (masked for warehouse and finance, `[present]` for
    /// auditors, `[erased]` once erased).
    async fn customer(&self, ctx: &Context<'_>) -> Result<String> {
        crate::graphql::personal::shown_text(ctx, &self.customer)
            .await
            .map_err(|e| async_graphql::ErrorExtensions::extend(&e))
    }
    /// How it is (or was) paid (`SIMULATED`: nothing moved, the demo's and
    /// tests' payouts): the payout queue's mode once the refund entered it,
    /// else the mode this server sets for the refund's channel.
    async fn payout_mode(&self, ctx: &Context<'_>) -> Result<crate::graphql::payouts::PayoutMode> {
        let app = crate::graphql::context::app(ctx)
            .map_err(|e| async_graphql::ErrorExtensions::extend(&e))?;
        let queue = returns_workflows::storage::payouts::PayoutQueue::new(app.store.db().clone());
        let record = queue.get(self.refund_id).await.map_err(|e| {
            let request = crate::graphql::context::request_id(ctx);
            async_graphql::ErrorExtensions::extend(&crate::error::ApiError::internal(request, &e))
        })?;
        let mode = match record {
            Some(r) => r.mode,
            None => app
                .policies
                .for_channel(&self.channel)
                .payout
                .unwrap_or(app.payout.mode),
        };
        Ok(mode.into())
    }
}

#[ComplexObject]
impl FollowUpItem {
    /// The customer (masked for warehouse and finance, `[present]` for
    /// auditors, `[erased]` once erased).
    async fn customer(&self, ctx: &Context<'_>) -> Result<String> {
        crate::graphql::personal::shown_text(ctx, &self.customer)
            .await
            .map_err(|e| async_graphql::ErrorExtensions::extend(&e))
    }
}
