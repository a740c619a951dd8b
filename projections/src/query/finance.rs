//! Finance: refunds by status and payout totals per day and channel.

use chrono::{DateTime, NaiveDate, Utc};
use returns_domain::{RefundStatus, TicketKind};
use serde::Serialize;
use uuid::Uuid;

use super::{decode_cursor, encode_cursor, page_size, paginate, Page, Queries};
use crate::error::Result;
use crate::read_models::finance::{DAILY, FINANCE, REFUNDS};
use crate::read_models::serde_name;
use returns_eventstore::db::{Arg, Filter, Micros, OptMicros, Statement};

/// One refund: a row of the refunds table.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct RefundItem {
    /// The refund.
    #[sqlx(try_from = "String")]
    pub refund_id: Uuid,
    /// Its ticket.
    #[sqlx(try_from = "String")]
    pub ticket_id: Uuid,
    /// Channel.
    pub channel: String,
    /// The ticket's kind.
    #[sqlx(try_from = "String")]
    pub kind: TicketKind,
    /// Customer.
    pub customer: String,
    /// `requested` (awaiting approval), `approved`, `issued` or `failed`.
    #[sqlx(try_from = "String")]
    pub status: RefundStatus,
    /// Amount in minor units.
    pub amount_minor: i64,
    /// Currency.
    pub currency: String,
    /// When requested.
    #[sqlx(try_from = "Micros")]
    pub requested_at: DateTime<Utc>,
    /// When approved.
    #[sqlx(try_from = "OptMicros")]
    pub approved_at: Option<DateTime<Utc>>,
    /// When paid out.
    #[sqlx(try_from = "OptMicros")]
    pub issued_at: Option<DateTime<Utc>>,
    /// When the gateway last failed it.
    #[sqlx(try_from = "OptMicros")]
    pub failed_at: Option<DateTime<Utc>>,
    /// How often the gateway failed it.
    pub failures: i64,
    /// The last failure's reason.
    pub last_failure: Option<String>,
    /// Gateway reference once paid.
    pub gateway_reference: Option<String>,
    /// Who recorded the payout: a person, or the workflow that paid it.
    pub issued_by: Option<String>,
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

/// Refunds of one kind and currency: paid out, and still to pay (requested,
/// approved or failed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct KindRefundTotal {
    /// The tickets' kind.
    #[sqlx(try_from = "String")]
    pub kind: TicketKind,
    /// Currency.
    pub currency: String,
    /// Refunds paid out.
    pub issued_count: i64,
    /// Amount paid out, minor units.
    pub issued_minor: i64,
    /// Refunds not paid out yet.
    pub open_count: i64,
    /// Their amount, minor units.
    pub open_minor: i64,
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
        let (table, _) = self.table(&FINANCE, REFUNDS).await?;
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
            "SELECT {} FROM {table}{} ORDER BY requested_at, refund_id LIMIT {limit}",
            REFUNDS.shape.select_list(),
            w.where_clause()
        );
        let rows: Vec<RefundItem> = self
            .store()
            .db()
            .fetch_all(&Statement::new(sql, w.args))
            .await?;
        Ok(paginate(rows, size, |r| {
            encode_cursor(r.requested_at.timestamp_micros(), &r.refund_id.to_string())
        }))
    }

    /// Payout totals per day, channel and currency, days `from..=to` (UTC)
    /// when given, optionally for one channel; ordered by day then channel.
    pub async fn refund_totals(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        channel: Option<&str>,
    ) -> Result<Vec<DailyRefundTotal>> {
        let (table, _) = self.table(&FINANCE, DAILY).await?;
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
            "SELECT {} FROM {table}{} ORDER BY day, channel, currency",
            DAILY.shape.select_list(),
            w.where_clause()
        );
        Ok(self
            .store()
            .db()
            .fetch_all(&Statement::new(sql, w.args))
            .await?)
    }

    /// Refund totals per kind and currency, optionally for one channel;
    /// ordered by kind then currency.
    pub async fn refunds_by_kind(&self, channel: Option<&str>) -> Result<Vec<KindRefundTotal>> {
        let (table, _) = self.table(&FINANCE, REFUNDS).await?;
        let mut w = Filter::default();
        if let Some(channel) = channel {
            let p = w.arg(Arg::Text(channel.to_owned()));
            w.and(format!("channel = {p}"));
        }
        let issued = w.arg(Arg::Text(serde_name(&RefundStatus::Issued)));
        // PostgreSQL sums BIGINT to NUMERIC: cast back so both backends
        // answer in the same type.
        let sql = format!(
            "SELECT kind, currency, \
             CAST(SUM(CASE WHEN status = {issued} THEN 1 ELSE 0 END) AS BIGINT) AS issued_count, \
             CAST(SUM(CASE WHEN status = {issued} THEN amount_minor ELSE 0 END) AS BIGINT) \
             AS issued_minor, \
             CAST(SUM(CASE WHEN status = {issued} THEN 0 ELSE 1 END) AS BIGINT) AS open_count, \
             CAST(SUM(CASE WHEN status = {issued} THEN 0 ELSE amount_minor END) AS BIGINT) \
             AS open_minor \
             FROM {table}{} GROUP BY kind, currency ORDER BY kind, currency",
            w.where_clause()
        );
        Ok(self
            .store()
            .db()
            .fetch_all(&Statement::new(sql, w.args))
            .await?)
    }
}
