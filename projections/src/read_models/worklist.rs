//! Customer service's worklist: one row per ticket with what an agent
//! filters and sorts on: status, kind, channel, customer, reason, amounts,
//! assignee, the next action and when it is due, custom fields.
//!
//! Every column reflects the domain's fold of the ticket (status, allowed
//! commands, the running review or ship-back deadline) or the events' own
//! data (follow-up due times): no rule is re-derived here.

use returns_domain::{ReasonCategory, TicketState};
use returns_eventstore::db::schema::Column;
use returns_eventstore::db::SqlType::{Int, Json, Micros, Text};
use returns_eventstore::db::{upsert, Arg, Dialect, Index, Statement, Table};

use super::{json_text, micros, opening, serde_name};
use crate::declaration::{declared_projection, names, ReadModel, TableDecl, Versioned};
use crate::error::Result;
use crate::projection::{Batch, Projection};

/// The worklist, declared once.
pub const WORKLIST: ReadModel = ReadModel {
    name: names::WORKLIST,
    // v2: an open platform arbitration is `platform_intervening`, sorted
    // ahead of every other row (see [`due_sort`]).
    // v3: the parcels' tracking numbers, normalised as a scanner's (see
    // [`tracking_key`]), so one search box finds a ticket by them.
    version: 3,
    tables: &[TableDecl {
        stem: "rm_worklist",
        shape: Table {
            columns: &[
                Column::new("ticket_id", Text),
                Column::new("status", Text),
                Column::new("kind", Text),
                Column::new("channel", Text),
                Column::new("customer", Text),
                Column::new("customer_lc", Text),
                Column::new("platform_order_id", Text).null(),
                Column::new("platform_after_sale_id", Text).null(),
                Column::new("return_tracking", Text).null(),
                Column::new("outbound_tracking", Text).null(),
                Column::new("reason_code", Text),
                Column::new("reason_category", Text),
                Column::new("currency", Text),
                Column::new("paid_minor", Int),
                Column::new("refundable_minor", Int),
                Column::new("refunded_minor", Int),
                Column::new("assignee", Text).null(),
                Column::new("next_action", Text).null(),
                Column::new("next_action_due", Micros).null(),
                Column::new("due_sort", Int),
                Column::new("allowed_commands", Json),
                Column::new("custom_fields", Json),
                Column::new("opened_at", Micros),
                Column::new("last_event_at", Micros),
                Column::new("version", Int),
                Column::new("last_position", Int),
            ],
            key: &["ticket_id"],
            indexes: &[
                Index::new("status", &["status", "due_sort", "ticket_id"]),
                Index::new("kind", &["kind"]),
                Index::new("channel", &["channel"]),
                Index::new("assignee", &["assignee", "due_sort", "ticket_id"]),
                Index::new("reason", &["reason_code"]),
                Index::new("due", &["due_sort", "ticket_id"]),
                Index::new("opened", &["opened_at", "ticket_id"]),
                Index::new("order", &["platform_order_id"]),
                Index::new("after_sale", &["platform_after_sale_id"]),
                Index::new("return_tracking", &["return_tracking"]),
                Index::new("outbound_tracking", &["outbound_tracking"]),
                Index::new("customer", &["customer_lc"]),
                // Custom-field equality filters use containment, which
                // PostgreSQL serves with a GIN index.
                Index::json_contains("custom", &["custom_fields"]),
            ],
        },
    }],
};

/// The worklist projection at a version (the current one is [`Worklist::CURRENT`]).
#[derive(Debug, Clone)]
pub struct Worklist {
    at: Versioned,
}

impl Worklist {
    /// The version this build serves.
    pub const CURRENT: u32 = WORKLIST.version;

    /// The worklist at `version`, with tables named for it.
    pub fn at_version(version: u32) -> Self {
        Self {
            at: Versioned::new(&WORKLIST, version),
        }
    }

    /// The current version.
    pub fn current() -> Self {
        Self::at_version(Self::CURRENT)
    }
}

/// Sort key for rows with no action due, so they sort last under keyset paging.
pub const NOT_DUE: i64 = i64::MAX;

impl Projection for Worklist {
    declared_projection!();

    fn apply(&self, dialect: Dialect, batch: &Batch<'_>) -> Result<Vec<Statement>> {
        let rows = batch
            .touched()
            .into_iter()
            .filter_map(|(last, state)| row(state, micros(last.event.occurred_at()), last.position))
            .collect();
        Ok(upsert(
            dialect,
            &self.at.tables[0],
            &WORKLIST.tables[0].upsert_columns(),
            &["ticket_id"],
            None,
            rows,
        ))
    }
}

/// The `next_action` of a ticket the platform is arbitrating: the platform
/// decides, and the merchant's window to contest closes at its deadline.
pub const PLATFORM_INTERVENING: &str = "platform_intervening";

/// The `next_action`s that need a person: an open arbitration, or a platform
/// record pending or in conflict. They show ahead of every deadline; sync
/// issues sort as due since they were recorded, arbitrations before them.
pub const NEEDS_ATTENTION: [&str; 3] = [
    PLATFORM_INTERVENING,
    "platform_sync_pending",
    "platform_sync_conflict",
];

/// Where an open arbitration sorts: below every real time, so it leads
/// customer service's queue while its own deadline still orders it among
/// the others (instants are within ±2^62 µs of 1970).
const INTERVENING_SORT_BASE: i64 = i64::MIN / 2;

/// The `next_action` of a ticket whose platform deadline is near.
pub const PLATFORM_DECIDES: &str = "platform_decides";

/// The next thing due on the ticket: the platform's open arbitration (due
/// at its deadline, if it gave one), else a platform sync issue waiting for
/// a person, else the running review or ship-back deadline (as the domain
/// reports it) or the earliest open follow-up.
pub fn next_action(state: &TicketState) -> Option<(String, Option<i64>)> {
    if let Some(arbitration) = state.arbitration.as_ref().filter(|a| a.open) {
        return Some((
            PLATFORM_INTERVENING.to_owned(),
            arbitration.due_at.map(micros),
        ));
    }
    next_ordinary_action(state).map(|(what, due)| (what, Some(due)))
}

/// The worklist's sort key for a ticket: its next action's due time, open
/// arbitrations ahead of everything (by deadline, then since when), and
/// nothing due last.
pub fn due_sort(state: &TicketState) -> i64 {
    if let Some(arbitration) = state.arbitration.as_ref().filter(|a| a.open) {
        let at = arbitration.due_at.unwrap_or(arbitration.since);
        return INTERVENING_SORT_BASE.saturating_add(micros(at));
    }
    next_ordinary_action(state).map_or(NOT_DUE, |(_, due)| due)
}

fn next_ordinary_action(state: &TicketState) -> Option<(String, i64)> {
    if let Some(sync) = &state.platform_sync {
        // Existing rows never had this event, so the column's meaning only
        // widens: no new projection version is needed.
        let what = format!("platform_sync_{}", serde_name(&sync.issue));
        return Some((what, micros(sync.since)));
    }
    // The timer flagged the platform's deadline: the platform decides by
    // itself at `due_at` unless someone acts first.
    if let Some(deadline) = state
        .platform_deadline
        .as_ref()
        .filter(|d| d.near && !state.status.is_terminal())
    {
        return Some((PLATFORM_DECIDES.to_owned(), micros(deadline.due_at)));
    }
    let deadline = state
        .running_deadline()
        .map(|(kind, due)| (serde_name(&kind), micros(due)));
    let follow_up = state
        .open_follow_ups()
        .map(|f| ("follow_up".to_owned(), micros(f.due_at)))
        .min_by_key(|(_, due)| *due);
    match (deadline, follow_up) {
        (Some(d), Some(f)) => Some(if f.1 < d.1 { f } else { d }),
        (d, f) => d.or(f),
    }
}

/// A tracking number as the worklist keeps and searches it: without any
/// space, in upper case (carriers print digits and capital letters; a
/// scanner or an agent may add spaces or type lower case).
pub fn tracking_key(tracking_number: &str) -> String {
    tracking_number
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

fn row(state: &TicketState, last_event_at: i64, last_position: i64) -> Option<Vec<Arg>> {
    let info = state.info.as_ref()?;
    let open = opening(state)?;
    let next = next_action(state);
    let paid: i64 = state.lines.iter().map(|l| l.line.paid.amount_minor).sum();
    Some(vec![
        Arg::Text(info.ticket_id.to_string()),
        Arg::Text(state.status.as_str().to_owned()),
        Arg::Text(open.kind.to_owned()),
        Arg::Text(open.channel.to_owned()),
        Arg::Text(open.customer.to_owned()),
        Arg::Text(open.customer.to_lowercase()),
        Arg::OptText(info.platform_order_id.clone()),
        Arg::OptText(info.platform_after_sale_id.clone()),
        Arg::OptText(
            state
                .return_shipment
                .as_ref()
                .map(|s| tracking_key(&s.tracking_number)),
        ),
        // What went out last: rejected goods going back, else the replacement.
        Arg::OptText(
            state
                .goods_returned_shipment
                .as_ref()
                .or(state.replacement_shipment.as_ref())
                .map(|s| tracking_key(&s.tracking_number)),
        ),
        Arg::Text(open.reason_code.to_owned()),
        Arg::Text(serde_name(&ReasonCategory::of(open.reason_code))),
        Arg::Text(open.currency),
        Arg::Int(paid),
        Arg::Int(state.refundable_minor),
        Arg::Int(state.refunded_minor()),
        Arg::OptText(state.assignee.clone()),
        Arg::OptText(next.as_ref().map(|(what, _)| what.clone())),
        Arg::OptInt(next.as_ref().and_then(|(_, due)| *due)),
        Arg::Int(due_sort(state)),
        Arg::Text(json_text(&state.allowed_commands())),
        Arg::Text(json_text(&state.custom_fields)),
        Arg::Int(open.opened_at),
        Arg::Int(last_event_at),
        Arg::Int(i64::try_from(state.version).unwrap_or(i64::MAX)),
        Arg::Int(last_position),
    ])
}
