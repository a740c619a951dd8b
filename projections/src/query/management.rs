//! Management: tickets per status, average cycle time per step, return
//! reasons by SKU and channel, platform arbitrations and their outcomes by
//! reason, SKU and channel.

use chrono::{DateTime, Utc};
use returns_domain::{TicketKind, TicketStatus};
use serde::Serialize;

use super::Queries;
use crate::error::Result;
use crate::read_models::management::{ARBITRATIONS, INSPECTIONS, MANAGEMENT, REASONS, TICKETS};
use returns_eventstore::db::{Arg, Filter, Statement};

/// How many tickets are in one status (of one kind).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct StatusCount {
    /// Status.
    #[sqlx(try_from = "String")]
    pub status: TicketStatus,
    /// Kind.
    #[sqlx(try_from = "String")]
    pub kind: TicketKind,
    /// Tickets.
    pub count: i64,
}

/// The average time one step took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepCycleTime {
    /// The step: `review`, `ship_back`, `transit`, `inspection`, `refund`,
    /// `replacement` or `resolution` (opened to closed/cancelled).
    pub step: String,
    /// Tickets that completed the step.
    pub tickets: i64,
    /// Their average duration, whole seconds.
    pub average_seconds: i64,
}

/// Tickets and units returned for one SKU, channel and reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ReasonCount {
    /// SKU.
    pub sku: String,
    /// Channel.
    pub channel: String,
    /// Reason code.
    pub reason_code: String,
    /// Tickets.
    pub tickets: i64,
    /// Units applied for.
    pub units: i64,
}

/// How often the platform intervened (arbitration) for one reason, SKU and
/// channel, and where those interventions stand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
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
    /// Tickets applied for with this reason, SKU and channel, arbitrated or
    /// not: the arbitration rate's denominator.
    pub tickets: i64,
    /// The currency of the amounts below.
    pub currency: String,
    /// What the buyers paid for the lines of the arbitrations still open.
    pub at_stake_minor: i64,
    /// What the buyers paid for the lines of those decided for the buyer.
    pub lost_minor: i64,
}

/// Platform arbitrations over the SKUs one person inspected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct InspectorArbitrations {
    /// The person who recorded the inspection (empty: arbitrated before or
    /// without one).
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
    /// The currency of the amounts below.
    pub currency: String,
    /// Paid for the lines still in arbitration.
    pub at_stake_minor: i64,
    /// Paid for the lines decided for the buyer.
    pub lost_minor: i64,
}

/// One kind's tickets in a scope, per currency: how many, how many still
/// open, how long the ended ones took, and what was refunded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct KindSummary {
    /// The kind.
    #[sqlx(try_from = "String")]
    pub kind: TicketKind,
    /// The tickets' currency.
    pub currency: String,
    /// Tickets.
    pub tickets: i64,
    /// Not closed or cancelled yet.
    pub open: i64,
    /// Closed or cancelled.
    pub ended: i64,
    /// Average time from application to close or cancel, whole seconds
    /// (0 when none ended).
    pub average_resolution_seconds: i64,
    /// Refunded over these tickets, minor units.
    pub refunded_minor: i64,
}

#[derive(sqlx::FromRow)]
struct KindRow {
    #[sqlx(try_from = "String")]
    kind: TicketKind,
    currency: String,
    tickets: i64,
    ended: i64,
    average: Option<i64>,
    refunded_minor: i64,
}

/// Each step: its name, and the columns it starts and ends at.
const STEP_SPANS: [(&str, &str, &str); 7] = [
    ("review", "opened_at", "reviewed_at"),
    ("ship_back", "reviewed_at", "return_shipped_at"),
    ("transit", "return_shipped_at", "received_at"),
    ("inspection", "received_at", "inspected_at"),
    ("refund", "refund_requested_at", "refunded_at"),
    ("replacement", "inspected_at", "replacement_shipped_at"),
    ("resolution", "opened_at", "ended_at"),
];

#[derive(sqlx::FromRow)]
struct SpanRow {
    tickets: i64,
    average: Option<i64>,
}

/// Which tickets management's counts and cycle times cover; every part
/// optional, combined with AND.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketScope {
    /// Only this channel.
    pub channel: Option<String>,
    /// Only this kind.
    pub kind: Option<TicketKind>,
    /// Only tickets applied for at or after this instant.
    pub opened_from: Option<DateTime<Utc>>,
    /// Only tickets applied for before this instant.
    pub opened_before: Option<DateTime<Utc>>,
}

impl TicketScope {
    /// Only `channel` (the scope before kinds and periods existed).
    pub fn channel(channel: Option<&str>) -> Self {
        Self {
            channel: channel.map(str::to_owned),
            ..Self::default()
        }
    }

    fn restrict(&self, w: &mut Filter) {
        if let Some(channel) = &self.channel {
            let p = w.arg(Arg::Text(channel.clone()));
            w.and(format!("channel = {p}"));
        }
        if let Some(kind) = self.kind {
            let p = w.arg(Arg::Text(kind.as_str().to_owned()));
            w.and(format!("kind = {p}"));
        }
        if let Some(from) = self.opened_from {
            let p = w.arg(Arg::Int(from.timestamp_micros()));
            w.and(format!("opened_at >= {p}"));
        }
        if let Some(before) = self.opened_before {
            let p = w.arg(Arg::Int(before.timestamp_micros()));
            w.and(format!("opened_at < {p}"));
        }
    }
}

impl Queries {
    /// Tickets per status and kind, of the tickets in `scope`.
    pub async fn status_counts(&self, scope: &TicketScope) -> Result<Vec<StatusCount>> {
        let (table, _) = self.table(&MANAGEMENT, TICKETS).await?;
        let mut w = Filter::default();
        scope.restrict(&mut w);
        let sql = format!(
            "SELECT status, kind, COUNT(*) AS count FROM {table}{} GROUP BY status, kind \
             ORDER BY status, kind",
            w.where_clause()
        );
        Ok(self
            .store()
            .db()
            .fetch_all(&Statement::new(sql, w.args))
            .await?)
    }

    /// Per kind and currency, of the tickets in `scope`: counts, the
    /// average resolution time and the money refunded.
    pub async fn kind_summaries(&self, scope: &TicketScope) -> Result<Vec<KindSummary>> {
        let (table, _) = self.table(&MANAGEMENT, TICKETS).await?;
        let mut w = Filter::default();
        scope.restrict(&mut w);
        // AVG skips the NULL durations of tickets still open; PostgreSQL
        // sums and averages BIGINT to NUMERIC, hence the casts.
        let sql = format!(
            "SELECT kind, currency, COUNT(*) AS tickets, \
             CAST(SUM(CASE WHEN ended_at IS NULL THEN 0 ELSE 1 END) AS BIGINT) AS ended, \
             CAST(AVG(ended_at - opened_at) AS BIGINT) AS average, \
             CAST(SUM(refunded_minor) AS BIGINT) AS refunded_minor \
             FROM {table}{} GROUP BY kind, currency ORDER BY kind, currency",
            w.where_clause()
        );
        let rows: Vec<KindRow> = self
            .store()
            .db()
            .fetch_all(&Statement::new(sql, w.args))
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| KindSummary {
                kind: r.kind,
                currency: r.currency,
                tickets: r.tickets,
                open: r.tickets - r.ended,
                ended: r.ended,
                average_resolution_seconds: r.average.unwrap_or(0) / 1_000_000,
                refunded_minor: r.refunded_minor,
            })
            .collect())
    }

    /// The average duration of each step over the tickets that completed
    /// it, of the tickets in `scope`. Steps nobody completed are left out.
    pub async fn cycle_times(&self, scope: &TicketScope) -> Result<Vec<StepCycleTime>> {
        let (table, _) = self.table(&MANAGEMENT, TICKETS).await?;
        let mut out = Vec::new();
        for (step, start, end) in STEP_SPANS {
            let mut w = Filter::default();
            w.and(format!("{start} IS NOT NULL AND {end} IS NOT NULL"));
            scope.restrict(&mut w);
            let sql = format!(
                "SELECT COUNT(*) AS tickets, CAST(AVG({end} - {start}) AS BIGINT) AS average \
                 FROM {table}{}",
                w.where_clause()
            );
            let rows: Vec<SpanRow> = self
                .store()
                .db()
                .fetch_all(&Statement::new(sql, w.args))
                .await?;
            if let Some(row) = rows.into_iter().next().filter(|r| r.tickets > 0) {
                out.push(StepCycleTime {
                    step: step.to_owned(),
                    tickets: row.tickets,
                    average_seconds: row.average.unwrap_or(0) / 1_000_000,
                });
            }
        }
        Ok(out)
    }

    /// Return reasons per SKU and channel, most tickets first, optionally
    /// for one channel or SKU.
    pub async fn reasons(
        &self,
        channel: Option<&str>,
        sku: Option<&str>,
    ) -> Result<Vec<ReasonCount>> {
        let (table, _) = self.table(&MANAGEMENT, REASONS).await?;
        let w = channel_and_sku(channel, sku);
        let sql = format!(
            "SELECT {} FROM {table}{} ORDER BY tickets DESC, sku, channel, reason_code",
            REASONS.shape.select_list(),
            w.where_clause()
        );
        Ok(self
            .store()
            .db()
            .fetch_all(&Statement::new(sql, w.args))
            .await?)
    }

    /// Platform arbitrations by reason, SKU and channel with their outcomes,
    /// most first, optionally for one channel or SKU.
    pub async fn arbitrations(
        &self,
        channel: Option<&str>,
        sku: Option<&str>,
    ) -> Result<Vec<ArbitrationCount>> {
        let (table, version) = self.table(&MANAGEMENT, ARBITRATIONS).await?;
        let (reasons, _) = self.table(&MANAGEMENT, REASONS).await?;
        let w = channel_and_sku_of("a.", channel, sku);
        let money = money_columns("a", version);
        let sql = format!(
            "SELECT a.reason_code, a.sku, a.channel, COUNT(*) AS arbitrations, {outcomes}, \
             CAST(COALESCE(MAX(r.tickets), 0) AS BIGINT) AS tickets, {money} \
             FROM {table} a LEFT JOIN {reasons} r \
             ON r.sku = a.sku AND r.channel = a.channel AND r.reason_code = a.reason_code{} \
             GROUP BY a.reason_code, a.sku, a.channel{group} \
             ORDER BY arbitrations DESC, a.reason_code, a.sku, a.channel",
            w.where_clause(),
            outcomes = outcome_counts("a"),
            group = if version >= 4 { ", a.currency" } else { "" },
        );
        Ok(self
            .store()
            .db()
            .fetch_all(&Statement::new(sql, w.args))
            .await?)
    }

    /// Platform arbitrations by the person who inspected the SKU's lines,
    /// with their outcomes and money, most first, optionally for one channel
    /// or SKU. Empty while the v4 tables build.
    pub async fn arbitrations_by_inspector(
        &self,
        channel: Option<&str>,
        sku: Option<&str>,
    ) -> Result<Vec<InspectorArbitrations>> {
        let (table, version) = self.table(&MANAGEMENT, ARBITRATIONS).await?;
        if version < 4 {
            return Ok(Vec::new());
        }
        let (inspections, _) = self.table(&MANAGEMENT, INSPECTIONS).await?;
        let w = channel_and_sku_of("a.", channel, sku);
        let sql = format!(
            "SELECT COALESCE(i.inspector, '') AS inspector, COUNT(*) AS arbitrations, {outcomes}, {money} \
             FROM {table} a LEFT JOIN {inspections} i ON i.ticket_id = a.ticket_id AND i.sku = a.sku{} \
             GROUP BY COALESCE(i.inspector, ''), a.currency \
             ORDER BY arbitrations DESC, inspector",
            w.where_clause(),
            outcomes = outcome_counts("a"),
            money = money_columns("a", version),
        );
        Ok(self
            .store()
            .db()
            .fetch_all(&Statement::new(sql, w.args))
            .await?)
    }
}

/// Counts per outcome of the arbitrations aliased `a`.
fn outcome_counts(a: &str) -> String {
    ["open", "for_buyer", "for_seller", "not_stated"]
        .iter()
        .map(|o| {
            format!("CAST(SUM(CASE WHEN {a}.outcome = '{o}' THEN 1 ELSE 0 END) AS BIGINT) AS {o}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The currency and the money at stake and lost of the arbitrations aliased
/// `a`; a table older than v4 holds no amounts (while v4 builds beside it).
fn money_columns(a: &str, version: u32) -> String {
    if version < 4 {
        return "'' AS currency, CAST(0 AS BIGINT) AS at_stake_minor, CAST(0 AS BIGINT) AS lost_minor"
            .to_owned();
    }
    let sum = |o: &str| {
        format!("CAST(COALESCE(SUM(CASE WHEN {a}.outcome = '{o}' THEN {a}.paid_minor ELSE 0 END), 0) AS BIGINT)")
    };
    format!(
        "{a}.currency AS currency, {} AS at_stake_minor, {} AS lost_minor",
        sum("open"),
        sum("for_buyer")
    )
}

/// The filter of a per-SKU table to one channel and/or SKU.
fn channel_and_sku(channel: Option<&str>, sku: Option<&str>) -> Filter {
    channel_and_sku_of("", channel, sku)
}

/// As [`channel_and_sku`], on the table whose columns `prefix` qualifies.
fn channel_and_sku_of(prefix: &str, channel: Option<&str>, sku: Option<&str>) -> Filter {
    let mut w = Filter::default();
    if let Some(channel) = channel {
        let p = w.arg(Arg::Text(channel.to_owned()));
        w.and(format!("{prefix}channel = {p}"));
    }
    if let Some(sku) = sku {
        let p = w.arg(Arg::Text(sku.to_owned()));
        w.and(format!("{prefix}sku = {p}"));
    }
    w
}
