//! Management: counts per status, cycle time per step, return reasons by
//! SKU and channel, platform arbitrations and their outcomes by reason, SKU
//! and channel (v2); per kind, the money refunded (v3).
//!
//! Each ticket keeps the time it reached each step (from the events'
//! own times): the first review, shipment, receipt, refund request,
//! replacement and end; the last inspection and payout (a dispute re-runs
//! inspection, a failed payout is retried). Cycle times are differences of
//! these, averaged at query time. Reasons count tickets and units per SKU,
//! channel and reason code from each `TicketOpened`. Arbitrations keep one
//! row per arbitrated ticket and SKU with where the platform's intervention
//! stands (open, for the buyer, for the seller), counted at query time.

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

/// The management read model, declared once: one row per ticket with the
/// time it reached each step, then reasons per SKU, then arbitrations.
/// v2 added `rm_mgmt_arbitrations`: management could not see how often the
/// platform intervened, on what, and for whom it decided. v3 added each
/// ticket's currency and refunded amount: management could count the kinds
/// but not what each cost. v4 added what each arbitration puts at stake
/// (what the buyer paid for the lines in dispute, with the currency) and
/// `rm_mgmt_inspections`, who inspected each ticket's SKU: management could
/// count arbitrations but not the money in them, nor which inspections the
/// platform upheld.
pub const MANAGEMENT: ReadModel = ReadModel {
    name: names::MANAGEMENT,
    version: 4,
    tables: &[
        TableDecl {
            stem: "rm_mgmt_tickets",
            shape: Table {
                columns: &[
                    Column::new("ticket_id", Text),
                    Column::new("status", Text),
                    Column::new("kind", Text),
                    Column::new("channel", Text),
                    Column::new("reason_code", Text),
                    Column::new("opened_at", Micros),
                    // The steps, in the order of `STEPS`.
                    Column::new("reviewed_at", Micros).null(),
                    Column::new("return_shipped_at", Micros).null(),
                    Column::new("received_at", Micros).null(),
                    Column::new("inspected_at", Micros).null(),
                    Column::new("refund_requested_at", Micros).null(),
                    Column::new("refunded_at", Micros).null(),
                    Column::new("replacement_shipped_at", Micros).null(),
                    Column::new("ended_at", Micros).null(),
                    Column::new("currency", Text),
                    // Every refund issued so far, ours or the platform's.
                    Column::new("refunded_minor", Int),
                    Column::new("last_position", Int),
                ],
                key: &["ticket_id"],
                indexes: &[
                    Index::new("status", &["status"]),
                    Index::new("channel", &["channel", "kind"]),
                    Index::new("opened", &["opened_at"]),
                ],
            },
        },
        TableDecl {
            stem: "rm_mgmt_reasons",
            shape: Table {
                columns: &[
                    Column::new("sku", Text),
                    Column::new("channel", Text),
                    Column::new("reason_code", Text),
                    Column::new("tickets", Int),
                    Column::new("units", Int),
                ],
                key: &["sku", "channel", "reason_code"],
                indexes: &[
                    Index::new("channel", &["channel", "reason_code"]),
                    Index::new("reason", &["reason_code"]),
                ],
            },
        },
        TableDecl {
            stem: "rm_mgmt_arbitrations",
            shape: Table {
                columns: &[
                    Column::new("ticket_id", Text),
                    Column::new("sku", Text),
                    Column::new("channel", Text),
                    Column::new("reason_code", Text),
                    // `open`, or the outcome: `for_buyer`, `for_seller`, `not_stated`.
                    Column::new("outcome", Text),
                    Column::new("currency", Text),
                    // What the buyer paid for this SKU's lines on the ticket:
                    // the most the platform can order refunded.
                    Column::new("paid_minor", Int),
                    Column::new("last_position", Int),
                ],
                key: &["ticket_id", "sku"],
                indexes: &[
                    Index::new("channel", &["channel", "reason_code"]),
                    Index::new("sku", &["sku"]),
                ],
            },
        },
        TableDecl {
            stem: "rm_mgmt_inspections",
            shape: Table {
                columns: &[
                    Column::new("ticket_id", Text),
                    Column::new("sku", Text),
                    // The person who recorded the newest inspection of a
                    // line of this SKU.
                    Column::new("inspector", Text),
                    Column::new("last_position", Int),
                ],
                key: &["ticket_id", "sku"],
                indexes: &[Index::new("inspector", &["inspector"])],
            },
        },
    ],
};

/// The per-ticket table's declaration.
pub const TICKETS: &TableDecl = &MANAGEMENT.tables[0];
/// The reasons table's declaration.
pub const REASONS: &TableDecl = &MANAGEMENT.tables[1];
/// The arbitrations table's declaration.
pub const ARBITRATIONS: &TableDecl = &MANAGEMENT.tables[2];
/// The inspections table's declaration (v4).
pub const INSPECTIONS: &TableDecl = &MANAGEMENT.tables[3];

/// The management projection at a version.
#[derive(Debug, Clone)]
pub struct Management {
    at: Versioned,
}

impl Management {
    /// The version this build serves.
    pub const CURRENT: u32 = MANAGEMENT.version;

    /// The management projection at `version`.
    pub fn at_version(version: u32) -> Self {
        Self {
            at: Versioned::new(&MANAGEMENT, version),
        }
    }

    /// The current version.
    pub fn current() -> Self {
        Self::at_version(Self::CURRENT)
    }
}

/// Step columns and whether the first (true) or last (false) time wins.
pub const STEPS: [(&str, bool); 8] = [
    ("reviewed_at", true),
    ("return_shipped_at", true),
    ("received_at", true),
    ("inspected_at", false),
    ("refund_requested_at", true),
    ("refunded_at", false),
    ("replacement_shipped_at", true),
    ("ended_at", true),
];

/// The step an event marks, if any.
fn step_of(event: &Event) -> Option<usize> {
    Some(match event {
        Event::ApplicationApproved(_) | Event::ApplicationRejected(_) => 0,
        Event::ReturnShipmentRegistered(_) => 1,
        Event::ReturnReceived(_) => 2,
        Event::InspectionCompleted(_) => 3,
        Event::RefundRequested(_) => 4,
        Event::RefundIssued(_) => 5,
        Event::ReplacementShipped(_) => 6,
        Event::TicketClosed(_) | Event::TicketCancelled(_) => 7,
        _ => return None,
    })
}

impl Projection for Management {
    declared_projection!();

    fn apply(&self, dialect: Dialect, batch: &Batch<'_>) -> Result<Vec<Statement>> {
        let mut steps: HashMap<Uuid, [Option<i64>; 8]> = HashMap::new();
        let mut reasons: BTreeMap<(String, String, String), (i64, i64)> = BTreeMap::new();
        let mut arbitrated: std::collections::HashSet<Uuid> = std::collections::HashSet::new();
        // Who inspected each ticket's SKU, the newest inspection in the batch winning.
        let mut inspected: BTreeMap<(Uuid, String), (String, i64)> = BTreeMap::new();
        for e in batch.events {
            if let Event::LineInspected(i) = &e.event {
                let sku = batch.state(&e.ticket_id).and_then(|s| {
                    s.lines
                        .iter()
                        .find(|l| l.line.line_id == i.line_id)
                        .map(|l| l.line.sku.clone())
                });
                if let Some(sku) = sku {
                    inspected.insert((e.ticket_id, sku), (e.actor.clone(), e.position));
                }
            }
            if matches!(
                e.event,
                Event::PlatformArbitrationOpened(_) | Event::PlatformArbitrationDecided(_)
            ) {
                arbitrated.insert(e.ticket_id);
            }
            if let Event::TicketOpened(o) = &e.event {
                // A ticket with two lines of one SKU counts once for that SKU.
                let mut per_sku: BTreeMap<&str, i64> = BTreeMap::new();
                for line in &o.lines {
                    *per_sku.entry(&line.sku).or_default() += i64::from(line.qty);
                }
                for (sku, units) in per_sku {
                    let key = (sku.to_owned(), o.channel.clone(), o.reason_code.clone());
                    let entry = reasons.entry(key).or_default();
                    entry.0 += 1;
                    entry.1 += units;
                }
            }
            if let Some(step) = step_of(&e.event) {
                let at = micros(e.event.occurred_at());
                let slot = &mut steps.entry(e.ticket_id).or_default()[step];
                if !STEPS[step].1 || slot.is_none() {
                    *slot = Some(at);
                }
            }
        }
        // Where each arbitrated ticket's intervention stands now, once per
        // SKU (a ticket with two lines of one SKU counts once for it).
        let mut arbitration_rows = Vec::new();
        for (last, state) in batch.touched() {
            let (Some(open), Some(arbitration)) = (opening(state), state.arbitration.as_ref())
            else {
                continue;
            };
            if !arbitrated.contains(&last.ticket_id) {
                continue;
            }
            let outcome = match (arbitration.open, arbitration.outcome) {
                (true, _) | (false, None) => "open".to_owned(),
                (false, Some(outcome)) => serde_name(&outcome),
            };
            let mut paid: BTreeMap<&str, i64> = BTreeMap::new();
            for l in &state.lines {
                *paid.entry(l.line.sku.as_str()).or_default() += l.line.paid.amount_minor;
            }
            let currency = state.currency().map(|c| c.to_string()).unwrap_or_default();
            for (sku, paid_minor) in paid {
                arbitration_rows.push(vec![
                    Arg::Text(last.ticket_id.to_string()),
                    Arg::Text(sku.to_owned()),
                    Arg::Text(open.channel.to_owned()),
                    Arg::Text(open.reason_code.to_owned()),
                    Arg::Text(outcome.clone()),
                    Arg::Text(currency.clone()),
                    Arg::Int(paid_minor),
                    Arg::Int(last.position),
                ]);
            }
        }
        let rows = batch
            .touched()
            .into_iter()
            .filter_map(|(last, state)| {
                let open = opening(state)?;
                let times = steps.get(&last.ticket_id).copied().unwrap_or_default();
                let mut row = vec![
                    Arg::Text(last.ticket_id.to_string()),
                    Arg::Text(state.status.as_str().to_owned()),
                    Arg::Text(open.kind.to_owned()),
                    Arg::Text(open.channel.to_owned()),
                    Arg::Text(open.reason_code.to_owned()),
                    Arg::Int(open.opened_at),
                ];
                row.extend(times.iter().map(|t| Arg::OptInt(*t)));
                row.push(Arg::Text(
                    state.currency().map(|c| c.to_string()).unwrap_or_default(),
                ));
                row.push(Arg::Int(state.refunded_minor()));
                row.push(Arg::Int(last.position));
                Some(row)
            })
            .collect();
        let t = &self.at.tables[0];
        let mut set = vec![
            "status = excluded.status".to_owned(),
            "currency = excluded.currency".to_owned(),
            "refunded_minor = excluded.refunded_minor".to_owned(),
            "last_position = excluded.last_position".to_owned(),
        ];
        set.extend(STEPS.iter().map(|(c, first_wins)| {
            if *first_wins {
                format!("{c} = COALESCE({t}.{c}, excluded.{c})")
            } else {
                format!("{c} = COALESCE(excluded.{c}, {t}.{c})")
            }
        }));
        let mut statements = upsert(
            dialect,
            t,
            &TICKETS.upsert_columns(),
            &["ticket_id"],
            Some(&set.join(", ")),
            rows,
        );
        let r = &self.at.tables[1];
        let reason_rows = reasons
            .into_iter()
            .map(|((sku, channel, reason), (tickets, units))| {
                vec![
                    Arg::Text(sku),
                    Arg::Text(channel),
                    Arg::Text(reason),
                    Arg::Int(tickets),
                    Arg::Int(units),
                ]
            })
            .collect();
        statements.extend(upsert(
            dialect,
            r,
            &REASONS.upsert_columns(),
            &["sku", "channel", "reason_code"],
            Some(&format!(
                "tickets = {r}.tickets + excluded.tickets, units = {r}.units + excluded.units"
            )),
            reason_rows,
        ));
        statements.extend(upsert(
            dialect,
            &self.at.tables[2],
            &ARBITRATIONS.upsert_columns(),
            &["ticket_id", "sku"],
            Some(
                "outcome = excluded.outcome, currency = excluded.currency, \
                 paid_minor = excluded.paid_minor, last_position = excluded.last_position",
            ),
            arbitration_rows,
        ));
        let inspection_rows = inspected
            .into_iter()
            .map(|((ticket, sku), (inspector, position))| {
                vec![
                    Arg::Text(ticket.to_string()),
                    Arg::Text(sku),
                    Arg::Text(inspector),
                    Arg::Int(position),
                ]
            })
            .collect();
        statements.extend(upsert(
            dialect,
            &self.at.tables[3],
            &INSPECTIONS.upsert_columns(),
            &["ticket_id", "sku"],
            Some("inspector = excluded.inspector, last_position = excluded.last_position"),
            inspection_rows,
        ));
        Ok(statements)
    }
}
