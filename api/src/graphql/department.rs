//! Each department's queries, read from the projections' read models.
//!
//! Every query takes `atLeastPosition`: a mutation's `position`, so the
//! caller sees their own write (the server waits, bounded, for the read
//! model to reach it).

use std::time::Duration;

use async_graphql::{Context, Enum, InputObject, Json, Object, Result};
use chrono::NaiveDate;
use returns_projections::query::follow_ups as fu;
use returns_projections::query::management as mg;
use returns_projections::query::warehouse as w;
use returns_projections::query::worklist as wl;
use returns_projections::{names, Queries};

use super::audit::page_size;
use super::context::{app, principal, request_id, require_view};
use super::types::department::{
    DailyRefundTotal, FollowUpItem, KindRefundTotal, ManagementStats, OutcomeCount, ProjectionLag,
    RefundItem, WarehouseTicket, WorklistItem,
};
use super::types::enums::{RefundStatus, TicketKind, TicketStatus};
use super::types::page::Page;
use crate::auth::View;
use crate::error::{ApiError, IntoGql};

/// How long a query waits for a read model to reach `atLeastPosition`.
pub const READ_YOUR_WRITES_TIMEOUT: Duration = Duration::from_secs(5);

/// The order of the worklist.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WorklistSort {
    /// Next action due soonest first.
    #[default]
    DueFirst,
    /// Newest application first.
    Newest,
}

/// A custom field equal to a JSON scalar.
#[derive(InputObject, Debug, Clone)]
pub struct CustomFieldFilter {
    /// The field's name.
    pub key: String,
    /// A string, integer or boolean.
    pub value: Json<serde_json::Value>,
}

/// Worklist filters; all optional, combined with AND.
#[derive(InputObject, Debug, Clone, Default)]
pub struct WorklistFilter {
    /// Only this status.
    pub status: Option<TicketStatus>,
    /// Only this kind.
    pub kind: Option<TicketKind>,
    /// Only this channel.
    pub channel: Option<String>,
    /// Only this assignee.
    pub assignee: Option<String>,
    /// Only this reason code.
    pub reason_code: Option<String>,
    /// true: next action overdue; false: not overdue.
    pub sla_breached: Option<bool>,
    /// Part of the customer's name (exact name or phone when customers are
    /// sealed), an exact platform order or after-sale id, a parcel's tracking
    /// number (spaces and case ignored), or a short (8-character) ticket id.
    pub search: Option<String>,
    /// A custom field equal to a value.
    pub custom_field: Option<CustomFieldFilter>,
    /// true: only tickets the platform is arbitrating or whose platform record is pending or in conflict.
    pub needs_attention: Option<bool>,
    /// Only tickets whose next action is this one, e.g.
    /// `platform_intervening` (the cases a platform is arbitrating).
    pub next_action: Option<String>,
    /// Order (default: due first).
    pub sort: Option<WorklistSort>,
}

/// A warehouse queue.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarehouseQueue {
    /// Parcels registered and not fully received.
    ExpectedInbound,
    /// Goods received, awaiting inspection.
    AwaitingInspection,
    /// Exchanges whose replacement may ship.
    ReplacementsToShip,
    /// Rejected goods (failed or partial inspection) to send back to the
    /// customer: the queue `warehouse:returns_to_customer` that workflows
    /// assign such tickets to.
    ReturnsToCustomer,
    /// Reship parts (补寄) to ship, oldest application first.
    ReshipsToShip,
    /// Repairs whose goods are here, oldest receipt first.
    RepairsToDo,
    /// Repaired goods to ship back to the buyer.
    RepairsToShipBack,
}

/// Which follow-ups to list.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUpList {
    /// Not done and due now (missed included).
    Due,
    /// Not done and past due.
    Overdue,
    /// Not done, whenever due.
    Open,
    /// Done, most recent first.
    Completed,
}

pub(crate) fn read_error(ctx: &Context<'_>, error: returns_projections::Error) -> ApiError {
    match error {
        returns_projections::Error::InvalidQuery(message) => ApiError::Validation(message),
        returns_projections::Error::Timeout {
            name,
            wanted,
            reached,
        } => ApiError::NotYetConsistent {
            message: format!(
                "{name} has reached position {reached}, not {wanted}, within {}s; retry",
                READ_YOUR_WRITES_TIMEOUT.as_secs()
            ),
            reached,
        },
        returns_projections::Error::Store(store) => ApiError::from_store(request_id(ctx), &store),
        returns_projections::Error::Database(db) if crate::error::sqlx_unreachable(&db) => {
            ApiError::Unavailable
        }
        other => ApiError::internal(request_id(ctx), &other),
    }
}

/// Authorizes `view`, waits for `read_model` to reach `at_least`, and
/// returns the query handle.
pub(crate) async fn queries(
    ctx: &Context<'_>,
    view: View,
    read_model: &str,
    at_least: Option<i64>,
) -> Result<Queries, ApiError> {
    require_view(ctx, view)?;
    let app = app(ctx)?;
    if let Some(position) = at_least.filter(|p| *p > 0) {
        let head = app
            .store
            .head_position()
            .await
            .map_err(|e| ApiError::from_store(request_id(ctx), &e))?;
        // A position no event has yet cannot be a write the caller saw:
        // waiting for it would only delay the same answer.
        let timeout = if position > head {
            Duration::ZERO
        } else {
            READ_YOUR_WRITES_TIMEOUT
        };
        returns_projections::wait_for_read_model(&app.store, read_model, position, timeout)
            .await
            .map_err(|e| match read_error(ctx, e) {
                ApiError::NotYetConsistent { reached, .. } if position > head => {
                    ApiError::NotYetConsistent {
                        message: format!(
                            "position {position} is beyond the log head {head}; \
                             pass a position a mutation returned"
                        ),
                        reached,
                    }
                }
                other => other,
            })?;
    }
    Ok(Queries::new(app.store.clone()))
}

pub(crate) fn first_u32(first: i32) -> Result<u32, ApiError> {
    Ok(u32::try_from(page_size(first)?).unwrap_or(1))
}

/// The departments' views.
#[derive(Default)]
pub struct DepartmentQuery;

#[Object]
impl DepartmentQuery {
    /// Customer service's worklist, filtered, a page at a time.
    async fn worklist(
        &self,
        ctx: &Context<'_>,
        filter: Option<WorklistFilter>,
        #[graphql(default = 20)] first: i32,
        after: Option<String>,
        at_least_position: Option<i64>,
    ) -> Result<Page<WorklistItem>> {
        async {
            let q = queries(
                ctx,
                View::CustomerService,
                names::WORKLIST,
                at_least_position,
            )
            .await?;
            let first = first_u32(first)?;
            let filter = filter.unwrap_or_default();
            // Customers are stored sealed: a search term is also looked up
            // as an exact name or phone through the blind index, but never
            // for a reader who may not see personal values (an auditor):
            // a hit would tell them that the person is a customer.
            let personal = crate::graphql::personal::access(principal(ctx)?.role)
                != returns_tickets::privacy::Access::Presence;
            let search_tickets = match (&filter.search, app(ctx)?.tickets.keys()) {
                (Some(term), Some(keys)) if personal && !term.trim().is_empty() => keys
                    .search(term)
                    .await
                    .map_err(|e| ApiError::from_store(request_id(ctx), &e))?
                    .iter()
                    .filter_map(|stream| returns_tickets::ticket_id_of(stream))
                    .collect(),
                _ => Vec::new(),
            };
            let filter = wl::WorklistFilter {
                search_tickets,
                search_not_personal: !personal,
                status: filter.status.map(Into::into),
                kind: filter.kind.map(Into::into),
                channel: filter.channel,
                assignee: filter.assignee,
                reason_code: filter.reason_code,
                sla_breached: filter.sla_breached,
                search: filter.search,
                custom_field: filter.custom_field.map(|c| (c.key, c.value.0)),
                needs_attention: filter.needs_attention,
                next_action: filter.next_action,
                sort: match filter.sort.unwrap_or_default() {
                    WorklistSort::DueFirst => wl::WorklistSort::DueFirst,
                    WorklistSort::Newest => wl::WorklistSort::Newest,
                },
            };
            let page = q
                .worklist(&filter, after.as_deref(), first)
                .await
                .map_err(|e| read_error(ctx, e))?;
            Ok(Page::from_read_model(page, Into::into))
        }
        .await
        .gql()
    }

    /// The tickets whose return parcel has this tracking number: what the receiving desk scans.
    async fn inbound_parcel(
        &self,
        ctx: &Context<'_>,
        tracking_number: String,
        at_least_position: Option<i64>,
    ) -> Result<Vec<WarehouseTicket>> {
        async {
            let q = queries(ctx, View::Warehouse, names::WAREHOUSE, at_least_position).await?;
            let tickets = q
                .inbound_parcel(tracking_number.trim())
                .await
                .map_err(|e| read_error(ctx, e))?;
            Ok(tickets.into_iter().map(Into::into).collect())
        }
        .await
        .gql()
    }

    /// One of the warehouse's queues, oldest first.
    async fn warehouse_queue(
        &self,
        ctx: &Context<'_>,
        queue: WarehouseQueue,
        #[graphql(default = 20)] first: i32,
        after: Option<String>,
        at_least_position: Option<i64>,
    ) -> Result<Page<WarehouseTicket>> {
        async {
            let q = queries(ctx, View::Warehouse, names::WAREHOUSE, at_least_position).await?;
            let queue = match queue {
                WarehouseQueue::ExpectedInbound => w::WarehouseQueue::ExpectedInbound,
                WarehouseQueue::AwaitingInspection => w::WarehouseQueue::AwaitingInspection,
                WarehouseQueue::ReplacementsToShip => w::WarehouseQueue::ReplacementsToShip,
                WarehouseQueue::ReturnsToCustomer => w::WarehouseQueue::ReturnsToCustomer,
                WarehouseQueue::ReshipsToShip => w::WarehouseQueue::ReshipsToShip,
                WarehouseQueue::RepairsToDo => w::WarehouseQueue::RepairsToDo,
                WarehouseQueue::RepairsToShipBack => w::WarehouseQueue::RepairsToShipBack,
            };
            let page = q
                .warehouse_queue(queue, after.as_deref(), first_u32(first)?)
                .await
                .map_err(|e| read_error(ctx, e))?;
            Ok(Page::from_read_model(page, Into::into))
        }
        .await
        .gql()
    }

    /// Refunds, oldest request first, optionally of one status and channel.
    async fn refunds(
        &self,
        ctx: &Context<'_>,
        status: Option<RefundStatus>,
        channel: Option<String>,
        #[graphql(default = 20)] first: i32,
        after: Option<String>,
        at_least_position: Option<i64>,
    ) -> Result<Page<RefundItem>> {
        async {
            let q = queries(ctx, View::Finance, names::FINANCE, at_least_position).await?;
            let page = q
                .refunds(
                    status.map(Into::into),
                    channel.as_deref(),
                    after.as_deref(),
                    first_u32(first)?,
                )
                .await
                .map_err(|e| read_error(ctx, e))?;
            Ok(Page::from_read_model(page, Into::into))
        }
        .await
        .gql()
    }

    /// Payout totals per day (UTC) and channel, `from..=to` when given.
    async fn refund_totals(
        &self,
        ctx: &Context<'_>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        channel: Option<String>,
        at_least_position: Option<i64>,
    ) -> Result<Vec<DailyRefundTotal>> {
        async {
            let q = queries(ctx, View::Finance, names::FINANCE, at_least_position).await?;
            let totals = q
                .refund_totals(from, to, channel.as_deref())
                .await
                .map_err(|e| read_error(ctx, e))?;
            Ok(totals.into_iter().map(Into::into).collect())
        }
        .await
        .gql()
    }

    /// Refunds per kind: paid out and still owed, optionally for one channel.
    async fn refunds_by_kind(
        &self,
        ctx: &Context<'_>,
        channel: Option<String>,
        at_least_position: Option<i64>,
    ) -> Result<Vec<KindRefundTotal>> {
        async {
            let q = queries(ctx, View::Finance, names::FINANCE, at_least_position).await?;
            let totals = q
                .refunds_by_kind(channel.as_deref())
                .await
                .map_err(|e| read_error(ctx, e))?;
            Ok(totals.into_iter().map(Into::into).collect())
        }
        .await
        .gql()
    }

    /// Follow-up calls, optionally for one assignee.
    async fn follow_ups(
        &self,
        ctx: &Context<'_>,
        list: FollowUpList,
        assignee: Option<String>,
        #[graphql(default = 20)] first: i32,
        after: Option<String>,
        at_least_position: Option<i64>,
    ) -> Result<Page<FollowUpItem>> {
        async {
            let q = queries(
                ctx,
                View::CustomerService,
                names::FOLLOW_UPS,
                at_least_position,
            )
            .await?;
            let list = match list {
                FollowUpList::Due => fu::FollowUpList::Due,
                FollowUpList::Overdue => fu::FollowUpList::Overdue,
                FollowUpList::Open => fu::FollowUpList::Open,
                FollowUpList::Completed => fu::FollowUpList::Completed,
            };
            let page = q
                .follow_ups(
                    list,
                    assignee.as_deref(),
                    after.as_deref(),
                    first_u32(first)?,
                )
                .await
                .map_err(|e| read_error(ctx, e))?;
            Ok(Page::from_read_model(page, Into::into))
        }
        .await
        .gql()
    }

    /// How follow-up calls ended, by outcome.
    async fn follow_up_outcomes(
        &self,
        ctx: &Context<'_>,
        at_least_position: Option<i64>,
    ) -> Result<Vec<OutcomeCount>> {
        async {
            let q = queries(
                ctx,
                View::CustomerService,
                names::FOLLOW_UPS,
                at_least_position,
            )
            .await?;
            let counts = q
                .follow_up_outcomes()
                .await
                .map_err(|e| read_error(ctx, e))?;
            Ok(counts
                .into_iter()
                .map(|c| OutcomeCount {
                    outcome: c.outcome,
                    count: c.count,
                })
                .collect())
        }
        .await
        .gql()
    }

    /// Counts per status, cycle times per step, return reasons by SKU and
    /// channel, and platform arbitrations with their outcomes by reason, SKU
    /// and channel. Counts and cycle times cover the tickets of `channel`
    /// and `kind` applied for on the UTC days `from..=to`; reasons are
    /// totals of all time, by `channel` and `sku`.
    #[allow(clippy::too_many_arguments)]
    async fn management_stats(
        &self,
        ctx: &Context<'_>,
        channel: Option<String>,
        sku: Option<String>,
        kind: Option<TicketKind>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        at_least_position: Option<i64>,
    ) -> Result<ManagementStats> {
        async {
            let q = queries(ctx, View::Management, names::MANAGEMENT, at_least_position).await?;
            let scope = mg::TicketScope {
                channel: channel.clone(),
                kind: kind.map(Into::into),
                opened_from: from.map(|d| d.and_time(chrono::NaiveTime::MIN).and_utc()),
                opened_before: match to {
                    Some(day) => Some(
                        day.succ_opt()
                            .ok_or_else(|| ApiError::Validation("`to` is the last day".into()))?
                            .and_time(chrono::NaiveTime::MIN)
                            .and_utc(),
                    ),
                    None => None,
                },
            };
            let channel = channel.as_deref();
            let map = |e| read_error(ctx, e);
            Ok(ManagementStats {
                status_counts: q
                    .status_counts(&scope)
                    .await
                    .map_err(map)?
                    .into_iter()
                    .map(Into::into)
                    .collect(),
                cycle_times: q
                    .cycle_times(&scope)
                    .await
                    .map_err(map)?
                    .into_iter()
                    .map(Into::into)
                    .collect(),
                reasons: q
                    .reasons(channel, sku.as_deref())
                    .await
                    .map_err(map)?
                    .into_iter()
                    .map(Into::into)
                    .collect(),
                arbitrations: q
                    .arbitrations(channel, sku.as_deref())
                    .await
                    .map_err(map)?
                    .into_iter()
                    .map(Into::into)
                    .collect(),
                arbitrations_by_inspector: q
                    .arbitrations_by_inspector(channel, sku.as_deref())
                    .await
                    .map_err(map)?
                    .into_iter()
                    .map(Into::into)
                    .collect(),
                by_kind: q
                    .kind_summaries(&scope)
                    .await
                    .map_err(map)?
                    .into_iter()
                    .map(Into::into)
                    .collect(),
            })
        }
        .await
        .gql()
    }

    /// How far each projection is behind the log.
    async fn projection_lag(&self, ctx: &Context<'_>) -> Result<Vec<ProjectionLag>> {
        async {
            require_view(ctx, View::Management)?;
            let app = app(ctx)?;
            let lag = returns_projections::lag(&app.store)
                .await
                .map_err(|e| read_error(ctx, e))?;
            Ok(lag.into_iter().map(Into::into).collect())
        }
        .await
        .gql()
    }
}
