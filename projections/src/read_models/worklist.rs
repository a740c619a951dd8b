//! Customer service's worklist: one row per ticket with what an agent
//! filters and sorts on: status, kind, channel, customer, reason, amounts,
//! assignee, the next action and when it is due, custom fields.
//!
//! Every column reflects the domain's fold of the ticket (status, allowed
//! commands, the running review or ship-back deadline) or the events' own
//! data (follow-up due times): no rule is re-derived here.

use returns_domain::{ReasonCategory, TicketState};
use returns_eventstore::db::Dialect;

use super::{json_text, micros, opening, serde_name};
use crate::error::Result;
use crate::projection::{Batch, Projection};
use returns_eventstore::db::{upsert, Arg, Col, Statement};

/// The worklist projection at a version (the current one is [`Worklist::CURRENT`]).
#[derive(Debug, Clone)]
pub struct Worklist {
    version: u32,
    name: String,
    table: String,
}

impl Worklist {
    /// The version this build serves.
    pub const CURRENT: u32 = 1;

    /// The worklist at `version`, with tables named for it.
    pub fn at_version(version: u32) -> Self {
        Self {
            version,
            name: format!("worklist_v{version}"),
            table: format!("rm_worklist_v{version}"),
        }
    }

    /// The current version.
    pub fn current() -> Self {
        Self::at_version(Self::CURRENT)
    }
}

/// Sort key for rows with no action due, so they sort last under keyset paging.
pub const NOT_DUE: i64 = i64::MAX;

const COLUMNS: [(&str, Col); 24] = [
    ("ticket_id", Col::Plain),
    ("status", Col::Plain),
    ("kind", Col::Plain),
    ("channel", Col::Plain),
    ("customer", Col::Plain),
    ("customer_lc", Col::Plain),
    ("platform_order_id", Col::Plain),
    ("platform_after_sale_id", Col::Plain),
    ("reason_code", Col::Plain),
    ("reason_category", Col::Plain),
    ("currency", Col::Plain),
    ("paid_minor", Col::Plain),
    ("refundable_minor", Col::Plain),
    ("refunded_minor", Col::Plain),
    ("assignee", Col::Plain),
    ("next_action", Col::Plain),
    ("next_action_due", Col::Plain),
    ("due_sort", Col::Plain),
    ("allowed_commands", Col::Json),
    ("custom_fields", Col::Json),
    ("opened_at", Col::Plain),
    ("last_event_at", Col::Plain),
    ("version", Col::Plain),
    ("last_position", Col::Plain),
];

impl Projection for Worklist {
    fn name(&self) -> &str {
        &self.name
    }

    fn read_model(&self) -> &str {
        "worklist"
    }

    fn version(&self) -> u32 {
        self.version
    }

    fn tables(&self) -> Vec<String> {
        vec![self.table.clone()]
    }

    fn schema(&self, dialect: Dialect) -> String {
        let t = &self.table;
        let (int, json) = match dialect {
            Dialect::Sqlite => ("INTEGER", "TEXT"),
            Dialect::Postgres => ("BIGINT", "JSONB"),
        };
        let mut ddl = format!(
            "CREATE TABLE IF NOT EXISTS {t} (
                ticket_id              TEXT PRIMARY KEY,
                status                 TEXT NOT NULL,
                kind                   TEXT NOT NULL,
                channel                TEXT NOT NULL,
                customer               TEXT NOT NULL,
                customer_lc            TEXT NOT NULL,
                platform_order_id      TEXT,
                platform_after_sale_id TEXT,
                reason_code            TEXT NOT NULL,
                reason_category        TEXT NOT NULL,
                currency               TEXT NOT NULL,
                paid_minor             {int} NOT NULL,
                refundable_minor       {int} NOT NULL,
                refunded_minor         {int} NOT NULL,
                assignee               TEXT,
                next_action            TEXT,
                next_action_due        {int},
                due_sort               {int} NOT NULL,
                allowed_commands       {json} NOT NULL,
                custom_fields          {json} NOT NULL,
                opened_at              {int} NOT NULL,
                last_event_at          {int} NOT NULL,
                version                {int} NOT NULL,
                last_position          {int} NOT NULL
            );
            CREATE INDEX IF NOT EXISTS {t}_status ON {t} (status, due_sort, ticket_id);
            CREATE INDEX IF NOT EXISTS {t}_kind ON {t} (kind);
            CREATE INDEX IF NOT EXISTS {t}_channel ON {t} (channel);
            CREATE INDEX IF NOT EXISTS {t}_assignee ON {t} (assignee, due_sort, ticket_id);
            CREATE INDEX IF NOT EXISTS {t}_reason ON {t} (reason_code);
            CREATE INDEX IF NOT EXISTS {t}_due ON {t} (due_sort, ticket_id);
            CREATE INDEX IF NOT EXISTS {t}_opened ON {t} (opened_at, ticket_id);
            CREATE INDEX IF NOT EXISTS {t}_order ON {t} (platform_order_id);
            CREATE INDEX IF NOT EXISTS {t}_after_sale ON {t} (platform_after_sale_id);
            CREATE INDEX IF NOT EXISTS {t}_customer ON {t} (customer_lc);"
        );
        if dialect == Dialect::Postgres {
            // Custom-field equality filters use `@>`, which a GIN index serves.
            ddl.push_str(&format!(
                "\nCREATE INDEX IF NOT EXISTS {t}_custom ON {t} USING GIN (custom_fields jsonb_path_ops);"
            ));
        }
        ddl
    }

    fn apply(&self, dialect: Dialect, batch: &Batch<'_>) -> Result<Vec<Statement>> {
        let rows = batch
            .touched()
            .into_iter()
            .filter_map(|(last, state)| row(state, micros(last.event.occurred_at()), last.position))
            .collect();
        Ok(upsert(
            dialect,
            &self.table,
            &COLUMNS,
            &["ticket_id"],
            None,
            rows,
        ))
    }
}

/// The `next_action` of a ticket whose platform record is pending or in
/// conflict: it needs a person, so it shows (and sorts, due since the issue
/// was recorded) ahead of every deadline.
pub const NEEDS_ATTENTION: [&str; 2] = ["platform_sync_pending", "platform_sync_conflict"];

/// The `next_action` of a ticket whose platform deadline is near.
pub const PLATFORM_DECIDES: &str = "platform_decides";

/// The next thing due on the ticket: a platform sync issue waiting for a
/// person, else the running review or ship-back deadline (as the domain
/// reports it) or the earliest open follow-up.
pub fn next_action(state: &TicketState) -> Option<(String, i64)> {
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
        Arg::Text(open.reason_code.to_owned()),
        Arg::Text(serde_name(&ReasonCategory::of(open.reason_code))),
        Arg::Text(open.currency),
        Arg::Int(paid),
        Arg::Int(state.refundable_minor),
        Arg::Int(state.refunded_minor()),
        Arg::OptText(state.assignee.clone()),
        Arg::OptText(next.as_ref().map(|(what, _)| what.clone())),
        Arg::OptInt(next.as_ref().map(|(_, due)| *due)),
        Arg::Int(next.as_ref().map_or(NOT_DUE, |(_, due)| *due)),
        Arg::Text(json_text(&state.allowed_commands())),
        Arg::Text(json_text(&state.custom_fields)),
        Arg::Int(open.opened_at),
        Arg::Int(last_event_at),
        Arg::Int(i64::try_from(state.version).unwrap_or(i64::MAX)),
        Arg::Int(last_position),
    ])
}
