//! Finance: every refund with its status (awaiting approval, approved,
//! issued, failed), and payout totals per day, channel and currency.
//!
//! Refund rows copy the domain's fold of the ticket (`TicketState::refunds`);
//! totals add up `RefundIssued` / `RefundFailed` events by the UTC day they
//! happened. Amounts stay integer minor units with their currency.

use std::collections::{BTreeMap, HashMap};

use returns_domain::Event;
use returns_eventstore::db::schema::Column;
use returns_eventstore::db::SqlType::{Int, Micros, Text};
use returns_eventstore::db::{upsert, Arg, Dialect, Index, Statement, Table};
use uuid::Uuid;

use super::{micros, opening, serde_name};
use crate::declaration::{declared_projection, names, ReadModel, TableDecl, Versioned};
use crate::error::Result;
use crate::projection::{Batch, Projection};

/// The finance read model, declared once: refunds, then daily totals.
pub const FINANCE: ReadModel = ReadModel {
    name: names::FINANCE,
    // v2: who recorded each payout (`issued_by`), for reconciliation.
    // v3: the ticket's kind on each refund, so finance sees what each kind pays.
    version: 3,
    tables: &[
        TableDecl {
            stem: "rm_finance_refunds",
            shape: Table {
                columns: &[
                    Column::new("refund_id", Text),
                    Column::new("ticket_id", Text),
                    Column::new("channel", Text),
                    Column::new("kind", Text),
                    Column::new("customer", Text),
                    Column::new("status", Text),
                    Column::new("amount_minor", Int),
                    Column::new("currency", Text),
                    Column::new("requested_at", Micros),
                    Column::new("approved_at", Micros).null(),
                    Column::new("issued_at", Micros).null(),
                    Column::new("failed_at", Micros).null(),
                    Column::new("failures", Int),
                    Column::new("last_failure", Text).null(),
                    Column::new("gateway_reference", Text).null(),
                    Column::new("issued_by", Text).null(),
                    Column::new("last_position", Int),
                ],
                key: &["refund_id"],
                indexes: &[
                    Index::new("status", &["status", "requested_at", "refund_id"]),
                    Index::new("ticket", &["ticket_id"]),
                    Index::new("channel", &["channel", "status"]),
                    Index::new("kind", &["kind", "status"]),
                ],
            },
        },
        TableDecl {
            stem: "rm_finance_daily",
            shape: Table {
                columns: &[
                    Column::new("day", Text),
                    Column::new("channel", Text),
                    Column::new("currency", Text),
                    Column::new("issued_count", Int),
                    Column::new("issued_minor", Int),
                    Column::new("failed_count", Int),
                ],
                key: &["day", "channel", "currency"],
                indexes: &[Index::new("channel", &["channel", "day"])],
            },
        },
    ],
};

/// The refunds table's declaration.
pub const REFUNDS: &TableDecl = &FINANCE.tables[0];
/// The daily totals table's declaration.
pub const DAILY: &TableDecl = &FINANCE.tables[1];

/// The finance projection at a version.
#[derive(Debug, Clone)]
pub struct Finance {
    at: Versioned,
}

impl Finance {
    /// The version this build serves.
    pub const CURRENT: u32 = FINANCE.version;

    /// The finance projection at `version`.
    pub fn at_version(version: u32) -> Self {
        Self {
            at: Versioned::new(&FINANCE, version),
        }
    }

    /// The current version.
    pub fn current() -> Self {
        Self::at_version(Self::CURRENT)
    }
}

/// Issued count, issued amount, failed count.
type DayTotals = (i64, i64, i64);

impl Projection for Finance {
    declared_projection!();

    fn apply(&self, dialect: Dialect, batch: &Batch<'_>) -> Result<Vec<Statement>> {
        // The last refund event per ticket: its position tags the rows it rewrote.
        let mut touched: HashMap<Uuid, i64> = HashMap::new();
        let mut approved: HashMap<Uuid, i64> = HashMap::new();
        let mut failed: HashMap<Uuid, i64> = HashMap::new();
        let mut issued_by: HashMap<Uuid, String> = HashMap::new();
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
                    issued_by.insert(r.refund_id, e.actor.clone());
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
                    Arg::Text(open.kind.to_owned()),
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
                    Arg::OptText(issued_by.get(&refund.refund_id).cloned()),
                    Arg::Int(position),
                ]);
            }
        }
        let r = &self.at.tables[0];
        let refund_set = REFUNDS
            .shape
            .columns
            .iter()
            .map(|c| c.name)
            .filter(|c| *c != "refund_id")
            .map(|c| match c {
                // Only in the batch that saw the event: keep the stored time otherwise.
                "approved_at" | "failed_at" | "issued_by" => {
                    format!("{c} = COALESCE(excluded.{c}, {r}.{c})")
                }
                _ => format!("{c} = excluded.{c}"),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let mut statements = upsert(
            dialect,
            r,
            &REFUNDS.upsert_columns(),
            &["refund_id"],
            Some(&refund_set),
            refund_rows,
        );
        let d = &self.at.tables[1];
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
            &DAILY.upsert_columns(),
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
