//! Finance: every refund with its status (awaiting approval, approved,
//! issued, failed), and payout totals per day, channel and currency.
//!
//! Refund rows copy the domain's fold of the ticket (`TicketState::refunds`);
//! totals add up `RefundIssued` / `RefundFailed` events by the UTC day they
//! happened. Amounts stay integer minor units with their currency.

use std::collections::{BTreeMap, HashMap};

use returns_domain::Event;
use returns_eventstore::db::Dialect;
use uuid::Uuid;

use super::{micros, opening, serde_name};
use crate::error::Result;
use crate::projection::{Batch, Projection};
use returns_eventstore::db::{upsert, Arg, Col, Statement};

/// The finance projection at a version.
#[derive(Debug, Clone)]
pub struct Finance {
    version: u32,
    name: String,
    refunds: String,
    daily: String,
}

impl Finance {
    /// The version this build serves.
    pub const CURRENT: u32 = 1;

    /// The finance projection at `version`.
    pub fn at_version(version: u32) -> Self {
        Self {
            version,
            name: format!("finance_v{version}"),
            refunds: format!("rm_finance_refunds_v{version}"),
            daily: format!("rm_finance_daily_v{version}"),
        }
    }

    /// The current version.
    pub fn current() -> Self {
        Self::at_version(Self::CURRENT)
    }
}

const REFUND_COLUMNS: [(&str, Col); 15] = [
    ("refund_id", Col::Plain),
    ("ticket_id", Col::Plain),
    ("channel", Col::Plain),
    ("customer", Col::Plain),
    ("status", Col::Plain),
    ("amount_minor", Col::Plain),
    ("currency", Col::Plain),
    ("requested_at", Col::Plain),
    ("approved_at", Col::Plain),
    ("issued_at", Col::Plain),
    ("failed_at", Col::Plain),
    ("failures", Col::Plain),
    ("last_failure", Col::Plain),
    ("gateway_reference", Col::Plain),
    ("last_position", Col::Plain),
];

const DAILY_COLUMNS: [(&str, Col); 6] = [
    ("day", Col::Plain),
    ("channel", Col::Plain),
    ("currency", Col::Plain),
    ("issued_count", Col::Plain),
    ("issued_minor", Col::Plain),
    ("failed_count", Col::Plain),
];

/// Issued count, issued amount, failed count.
type DayTotals = (i64, i64, i64);

impl Projection for Finance {
    fn name(&self) -> &str {
        &self.name
    }

    fn read_model(&self) -> &str {
        "finance"
    }

    fn version(&self) -> u32 {
        self.version
    }

    fn tables(&self) -> Vec<String> {
        vec![self.refunds.clone(), self.daily.clone()]
    }

    fn schema(&self, dialect: Dialect) -> String {
        let (r, d) = (&self.refunds, &self.daily);
        let int = match dialect {
            Dialect::Sqlite => "INTEGER",
            Dialect::Postgres => "BIGINT",
        };
        format!(
            "CREATE TABLE IF NOT EXISTS {r} (
                refund_id         TEXT PRIMARY KEY,
                ticket_id         TEXT NOT NULL,
                channel           TEXT NOT NULL,
                customer          TEXT NOT NULL,
                status            TEXT NOT NULL,
                amount_minor      {int} NOT NULL,
                currency          TEXT NOT NULL,
                requested_at      {int} NOT NULL,
                approved_at       {int},
                issued_at         {int},
                failed_at         {int},
                failures          {int} NOT NULL,
                last_failure      TEXT,
                gateway_reference TEXT,
                last_position     {int} NOT NULL
            );
            CREATE INDEX IF NOT EXISTS {r}_status ON {r} (status, requested_at, refund_id);
            CREATE INDEX IF NOT EXISTS {r}_ticket ON {r} (ticket_id);
            CREATE INDEX IF NOT EXISTS {r}_channel ON {r} (channel, status);
            CREATE TABLE IF NOT EXISTS {d} (
                day          TEXT NOT NULL,
                channel      TEXT NOT NULL,
                currency     TEXT NOT NULL,
                issued_count {int} NOT NULL,
                issued_minor {int} NOT NULL,
                failed_count {int} NOT NULL,
                PRIMARY KEY (day, channel, currency)
            );
            CREATE INDEX IF NOT EXISTS {d}_channel ON {d} (channel, day);"
        )
    }

    fn apply(&self, dialect: Dialect, batch: &Batch<'_>) -> Result<Vec<Statement>> {
        // The last refund event per ticket: its position tags the rows it rewrote.
        let mut touched: HashMap<Uuid, i64> = HashMap::new();
        let mut approved: HashMap<Uuid, i64> = HashMap::new();
        let mut failed: HashMap<Uuid, i64> = HashMap::new();
        let mut daily: BTreeMap<(String, String, String), DayTotals> = BTreeMap::new();
        for e in batch.events {
            let channel = || {
                batch
                    .state(&e.ticket_id)
                    .and_then(|s| s.info.as_ref())
                    .map(|i| i.channel.clone())
                    .unwrap_or_default()
            };
            match &e.event {
                Event::RefundRequested(_) => {}
                Event::RefundApproved(r) => {
                    approved.insert(r.refund_id, micros(r.approved_at));
                }
                Event::RefundIssued(r) => {
                    let key = (
                        r.issued_at.date_naive().to_string(),
                        channel(),
                        r.amount.currency.to_string(),
                    );
                    let totals = daily.entry(key).or_default();
                    totals.0 += 1;
                    totals.1 += r.amount.amount_minor;
                }
                Event::RefundFailed(r) => {
                    failed.insert(r.refund_id, micros(r.failed_at));
                    let currency = batch
                        .state(&e.ticket_id)
                        .and_then(|s| s.refund(r.refund_id))
                        .map(|f| f.amount.currency.to_string())
                        .unwrap_or_default();
                    let key = (r.failed_at.date_naive().to_string(), channel(), currency);
                    daily.entry(key).or_default().2 += 1;
                }
                _ => continue,
            }
            touched.insert(e.ticket_id, e.position);
        }
        let mut refund_rows = Vec::new();
        for (last, state) in batch.touched() {
            let Some(position) = touched.get(&last.ticket_id).copied() else {
                continue;
            };
            let Some(open) = opening(state) else { continue };
            for refund in &state.refunds {
                refund_rows.push(vec![
                    Arg::Text(refund.refund_id.to_string()),
                    Arg::Text(last.ticket_id.to_string()),
                    Arg::Text(open.channel.to_owned()),
                    Arg::Text(open.customer.to_owned()),
                    Arg::Text(serde_name(&refund.status)),
                    Arg::Int(refund.amount.amount_minor),
                    Arg::Text(refund.amount.currency.to_string()),
                    Arg::Int(micros(refund.requested_at)),
                    Arg::OptInt(approved.get(&refund.refund_id).copied()),
                    Arg::OptInt(refund.issued_at.map(micros)),
                    Arg::OptInt(failed.get(&refund.refund_id).copied()),
                    Arg::Int(i64::from(refund.failures)),
                    Arg::OptText(refund.last_failure.clone()),
                    Arg::OptText(refund.gateway_reference.clone()),
                    Arg::Int(position),
                ]);
            }
        }
        let r = &self.refunds;
        let refund_set = REFUND_COLUMNS
            .iter()
            .map(|(c, _)| *c)
            .filter(|c| *c != "refund_id")
            .map(|c| match c {
                // Only in the batch that saw the event: keep the stored time otherwise.
                "approved_at" | "failed_at" => format!("{c} = COALESCE(excluded.{c}, {r}.{c})"),
                _ => format!("{c} = excluded.{c}"),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let mut statements = upsert(
            dialect,
            r,
            &REFUND_COLUMNS,
            &["refund_id"],
            Some(&refund_set),
            refund_rows,
        );
        let d = &self.daily;
        let daily_rows = daily
            .into_iter()
            .map(|((day, channel, currency), (issued, minor, failed))| {
                vec![
                    Arg::Text(day),
                    Arg::Text(channel),
                    Arg::Text(currency),
                    Arg::Int(issued),
                    Arg::Int(minor),
                    Arg::Int(failed),
                ]
            })
            .collect();
        statements.extend(upsert(
            dialect,
            d,
            &DAILY_COLUMNS,
            &["day", "channel", "currency"],
            Some(&format!(
                "issued_count = {d}.issued_count + excluded.issued_count, \
                 issued_minor = {d}.issued_minor + excluded.issued_minor, \
                 failed_count = {d}.failed_count + excluded.failed_count"
            )),
            daily_rows,
        ));
        Ok(statements)
    }
}
