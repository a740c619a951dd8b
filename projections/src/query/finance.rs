//! Finance: refunds by status and payout totals per day and channel.

use chrono::{DateTime, NaiveDate, Utc};
use returns_domain::RefundStatus;
use serde::Serialize;
use uuid::Uuid;

use super::{decode_cursor, encode_cursor, opt_time, page_size, paginate, time, Page, Queries};
use crate::error::{Error, Result};
use crate::read_models::serde_name;
use returns_eventstore::db::{Arg, Filter, Statement};

/// One refund.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RefundItem {
    /// The refund.
    pub refund_id: Uuid,
    /// Its ticket.
    pub ticket_id: Uuid,
    /// Channel.
    pub channel: String,
    /// Customer.
    pub customer: String,
    /// `requested` (awaiting approval), `approved`, `issued` or `failed`.
    pub status: RefundStatus,
    /// Amount in minor units.
    pub amount_minor: i64,
    /// Currency.
    pub currency: String,
    /// When requested.
    pub requested_at: DateTime<Utc>,
    /// When approved.
    pub approved_at: Option<DateTime<Utc>>,
    /// When paid out.
    pub issued_at: Option<DateTime<Utc>>,
    /// When the gateway last failed it.
    pub failed_at: Option<DateTime<Utc>>,
    /// How often the gateway failed it.
    pub failures: i64,
    /// The last failure's reason.
    pub last_failure: Option<String>,
    /// Gateway reference once paid.
    pub gateway_reference: Option<String>,
}

/// Payouts of one day, channel and currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct DailyRefundTotal {
    /// The UTC day, `YYYY-MM-DD`.
    pub day: String,
    /// Channel.
    pub channel: String,
    /// Currency.
    pub currency: String,
    /// Refunds paid out.
    pub issued_count: i64,
    /// Amount paid out, minor units.
    pub issued_minor: i64,
    /// Payout failures recorded.
    pub failed_count: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    refund_id: String,
    ticket_id: String,
    channel: String,
    customer: String,
    status: String,
    amount_minor: i64,
    currency: String,
    requested_at: i64,
    approved_at: Option<i64>,
    issued_at: Option<i64>,
    failed_at: Option<i64>,
    failures: i64,
    last_failure: Option<String>,
    gateway_reference: Option<String>,
}

impl Queries {
    /// A page of refunds, oldest request first, optionally of one status and channel.
    pub async fn refunds(
        &self,
        status: Option<RefundStatus>,
        channel: Option<&str>,
        after: Option<&str>,
        first: u32,
    ) -> Result<Page<RefundItem>> {
        let table = format!("rm_finance_refunds_v{}", self.version("finance").await?);
        let mut w = Filter::default();
        if let Some(status) = status {
            let p = w.arg(Arg::Text(serde_name(&status)));
            w.and(format!("status = {p}"));
        }
        if let Some(channel) = channel {
            let p = w.arg(Arg::Text(channel.to_owned()));
            w.and(format!("channel = {p}"));
        }
        if let Some(cursor) = after {
            let (key, id) = decode_cursor(cursor)?;
            let k = w.arg(Arg::Int(key));
            let i = w.arg(Arg::Text(id));
            w.and(format!("(requested_at, refund_id) > ({k}, {i})"));
        }
        let size = page_size(first);
        let limit = w.arg(Arg::Int(size + 1));
        let sql = format!(
            "SELECT refund_id, ticket_id, channel, customer, status, amount_minor, currency, \
             requested_at, approved_at, issued_at, failed_at, failures, last_failure, \
             gateway_reference FROM {table}{} ORDER BY requested_at, refund_id LIMIT {limit}",
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
            |r| encode_cursor(r.requested_at, &r.refund_id),
            refund,
        )
    }

    /// Payout totals per day, channel and currency, days `from..=to` (UTC)
    /// when given, optionally for one channel; ordered by day then channel.
    pub async fn refund_totals(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        channel: Option<&str>,
    ) -> Result<Vec<DailyRefundTotal>> {
        let table = format!("rm_finance_daily_v{}", self.version("finance").await?);
        let mut w = Filter::default();
        if let Some(from) = from {
            let p = w.arg(Arg::Text(from.to_string()));
            w.and(format!("day >= {p}"));
        }
        if let Some(to) = to {
            let p = w.arg(Arg::Text(to.to_string()));
            w.and(format!("day <= {p}"));
        }
        if let Some(channel) = channel {
            let p = w.arg(Arg::Text(channel.to_owned()));
            w.and(format!("channel = {p}"));
        }
        let sql = format!(
            "SELECT day, channel, currency, issued_count, issued_minor, failed_count FROM {table}{} \
             ORDER BY day, channel, currency",
            w.where_clause()
        );
        Ok(self
            .store()
            .db()
            .fetch_all(&Statement::new(sql, w.args))
            .await?)
    }
}

fn refund(r: Row) -> Result<RefundItem> {
    let id = |s: &str| {
        Uuid::parse_str(s).map_err(|e| Error::InvalidQuery(format!("stored id {s}: {e}")))
    };
    Ok(RefundItem {
        refund_id: id(&r.refund_id)?,
        ticket_id: id(&r.ticket_id)?,
        channel: r.channel,
        customer: r.customer,
        status: r.status.try_into()?,
        amount_minor: r.amount_minor,
        currency: r.currency,
        requested_at: time(r.requested_at)?,
        approved_at: opt_time(r.approved_at)?,
        issued_at: opt_time(r.issued_at)?,
        failed_at: opt_time(r.failed_at)?,
        failures: r.failures,
        last_failure: r.last_failure,
        gateway_reference: r.gateway_reference,
    })
}
