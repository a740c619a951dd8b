//! Management: counts per status, cycle time per step, return reasons by
//! SKU and channel.
//!
//! Each ticket keeps the time it reached each step (from the events'
//! own times): the first review, shipment, receipt, refund request,
//! replacement and end; the last inspection and payout (a dispute re-runs
//! inspection, a failed payout is retried). Cycle times are differences of
//! these, averaged at query time. Reasons count tickets and units per SKU,
//! channel and reason code from each `TicketOpened`.

use std::collections::{BTreeMap, HashMap};

use returns_domain::Event;
use returns_eventstore::db::Dialect;
use uuid::Uuid;

use super::{micros, opening};
use crate::error::Result;
use crate::projection::{Batch, Projection};
use returns_eventstore::db::{upsert, Arg, Col, Statement};

/// The management projection at a version.
#[derive(Debug, Clone)]
pub struct Management {
    version: u32,
    name: String,
    tickets: String,
    reasons: String,
}

impl Management {
    /// The version this build serves.
    pub const CURRENT: u32 = 1;

    /// The management projection at `version`.
    pub fn at_version(version: u32) -> Self {
        Self {
            version,
            name: format!("management_v{version}"),
            tickets: format!("rm_mgmt_tickets_v{version}"),
            reasons: format!("rm_mgmt_reasons_v{version}"),
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

const TICKET_COLUMNS: [(&str, Col); 15] = [
    ("ticket_id", Col::Plain),
    ("status", Col::Plain),
    ("kind", Col::Plain),
    ("channel", Col::Plain),
    ("reason_code", Col::Plain),
    ("opened_at", Col::Plain),
    ("reviewed_at", Col::Plain),
    ("return_shipped_at", Col::Plain),
    ("received_at", Col::Plain),
    ("inspected_at", Col::Plain),
    ("refund_requested_at", Col::Plain),
    ("refunded_at", Col::Plain),
    ("replacement_shipped_at", Col::Plain),
    ("ended_at", Col::Plain),
    ("last_position", Col::Plain),
];

const REASON_COLUMNS: [(&str, Col); 5] = [
    ("sku", Col::Plain),
    ("channel", Col::Plain),
    ("reason_code", Col::Plain),
    ("tickets", Col::Plain),
    ("units", Col::Plain),
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
    fn name(&self) -> &str {
        &self.name
    }

    fn read_model(&self) -> &str {
        "management"
    }

    fn version(&self) -> u32 {
        self.version
    }

    fn tables(&self) -> Vec<String> {
        vec![self.tickets.clone(), self.reasons.clone()]
    }

    fn schema(&self, dialect: Dialect) -> String {
        let (t, r) = (&self.tickets, &self.reasons);
        let int = match dialect {
            Dialect::Sqlite => "INTEGER",
            Dialect::Postgres => "BIGINT",
        };
        let steps = STEPS
            .iter()
            .map(|(c, _)| format!("{c} {int},"))
            .collect::<Vec<_>>()
            .join("\n                ");
        format!(
            "CREATE TABLE IF NOT EXISTS {t} (
                ticket_id   TEXT PRIMARY KEY,
                status      TEXT NOT NULL,
                kind        TEXT NOT NULL,
                channel     TEXT NOT NULL,
                reason_code TEXT NOT NULL,
                opened_at   {int} NOT NULL,
                {steps}
                last_position {int} NOT NULL
            );
            CREATE INDEX IF NOT EXISTS {t}_status ON {t} (status);
            CREATE INDEX IF NOT EXISTS {t}_channel ON {t} (channel, kind);
            CREATE INDEX IF NOT EXISTS {t}_opened ON {t} (opened_at);
            CREATE TABLE IF NOT EXISTS {r} (
                sku         TEXT NOT NULL,
                channel     TEXT NOT NULL,
                reason_code TEXT NOT NULL,
                tickets     {int} NOT NULL,
                units       {int} NOT NULL,
                PRIMARY KEY (sku, channel, reason_code)
            );
            CREATE INDEX IF NOT EXISTS {r}_channel ON {r} (channel, reason_code);
            CREATE INDEX IF NOT EXISTS {r}_reason ON {r} (reason_code);"
        )
    }

    fn apply(&self, dialect: Dialect, batch: &Batch<'_>) -> Result<Vec<Statement>> {
        let mut steps: HashMap<Uuid, [Option<i64>; 8]> = HashMap::new();
        let mut reasons: BTreeMap<(String, String, String), (i64, i64)> = BTreeMap::new();
        for e in batch.events {
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
                row.push(Arg::Int(last.position));
                Some(row)
            })
            .collect();
        let t = &self.tickets;
        let mut set = vec![
            "status = excluded.status".to_owned(),
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
            &TICKET_COLUMNS,
            &["ticket_id"],
            Some(&set.join(", ")),
            rows,
        );
        let r = &self.reasons;
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
            &REASON_COLUMNS,
            &["sku", "channel", "reason_code"],
            Some(&format!(
                "tickets = {r}.tickets + excluded.tickets, units = {r}.units + excluded.units"
            )),
            reason_rows,
        ));
        Ok(statements)
    }
}
