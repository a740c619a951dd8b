//! Customer service's worklist: filters, text search, custom-field
//! equality, SLA breach, keyset pages.

use chrono::{DateTime, Utc};
use returns_domain::{TicketKind, TicketStatus};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{decode_cursor, encode_cursor, page_size, paginate, Page, Queries};
use crate::error::{Error, Result};
use crate::read_models::worklist::{tracking_key, NEEDS_ATTENTION, WORKLIST};
use returns_eventstore::db::{in_list, Arg, Filter, Micros, OptMicros, Statement};

/// The order of the worklist.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum WorklistSort {
    /// Next action due soonest first; nothing due last.
    #[default]
    DueFirst,
    /// Newest application first.
    Newest,
}

/// What to show; every filter is optional and they combine with AND.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
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
    /// `Some(true)`: next action overdue now; `Some(false)`: not overdue.
    pub sla_breached: Option<bool>,
    /// Part of the customer (case-insensitive; only where the customer is
    /// stored in the clear), an exact platform order or after-sale id, a
    /// return or outbound parcel's tracking number (spaces and case
    /// ignored), or the start of the ticket id (the 8-character short id
    /// every screen shows).
    pub search: Option<String>,
    /// Tickets that also match `search`: those the blind index found for
    /// it (customers are stored sealed, so the read model cannot match them).
    #[serde(default)]
    pub search_tickets: Vec<Uuid>,
    /// Set for a reader who may not learn personal values (an auditor):
    /// `search` then never matches a customer, so an exact-name search
    /// cannot reveal that a person is a customer.
    #[serde(default)]
    pub search_not_personal: bool,
    /// A custom field equal to a JSON scalar (string, integer or boolean).
    pub custom_field: Option<(String, serde_json::Value)>,
    /// `Some(true)`: only tickets the platform is arbitrating or whose
    /// platform record is pending or in conflict (customer service's queue
    /// of them); `Some(false)`: none of them.
    pub needs_attention: Option<bool>,
    /// Only tickets whose next action is this one (e.g.
    /// `platform_intervening`: the cases a platform is arbitrating).
    #[serde(default)]
    pub next_action: Option<String>,
    /// Order.
    pub sort: WorklistSort,
}

/// One ticket on the worklist: a row of the worklist's table, plus what
/// the query works out against the clock (`sla_breached`) and the next
/// action (`needs_attention`).
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct WorklistItem {
    /// The ticket.
    #[sqlx(try_from = "String")]
    pub ticket_id: Uuid,
    /// Status.
    #[sqlx(try_from = "String")]
    pub status: TicketStatus,
    /// Kind.
    #[sqlx(try_from = "String")]
    pub kind: TicketKind,
    /// Channel.
    pub channel: String,
    /// Customer.
    pub customer: String,
    /// Platform order id.
    pub platform_order_id: Option<String>,
    /// Platform after-sale id.
    pub platform_after_sale_id: Option<String>,
    /// Reason code.
    pub reason_code: String,
    /// Reason category (quality, logistics …).
    pub reason_category: String,
    /// Currency of every amount.
    pub currency: String,
    /// Paid for the lines applied for, minor units.
    pub paid_minor: i64,
    /// Refundable so far, minor units.
    pub refundable_minor: i64,
    /// Refunded so far, minor units.
    pub refunded_minor: i64,
    /// Assignee.
    pub assignee: Option<String>,
    /// What is due next: `platform_intervening`, `platform_sync_pending`,
    /// `platform_sync_conflict`, `platform_decides`, `review`, `ship_back`
    /// or `follow_up`.
    pub next_action: Option<String>,
    /// When it is due.
    #[sqlx(try_from = "OptMicros")]
    pub next_action_due: Option<DateTime<Utc>>,
    /// The key the worklist sorts and pages on (open arbitrations first,
    /// then by due time, nothing due last).
    #[serde(skip)]
    pub due_sort: i64,
    /// Whether it is overdue now.
    pub sla_breached: bool,
    /// Whether the platform is arbitrating, or its record is pending or
    /// contradicts the ticket (a person must look; see `next_action`).
    pub needs_attention: bool,
    /// Commands the ticket accepts now.
    #[sqlx(json)]
    pub allowed_commands: Vec<String>,
    /// Custom fields.
    #[sqlx(json)]
    pub custom_fields: serde_json::Value,
    /// When the application was made.
    #[sqlx(try_from = "Micros")]
    pub opened_at: DateTime<Utc>,
    /// When the last event happened.
    #[sqlx(try_from = "Micros")]
    pub last_event_at: DateTime<Utc>,
    /// The ticket's stream version.
    pub version: i64,
}

impl Queries {
    /// A page of the worklist.
    pub async fn worklist(
        &self,
        filter: &WorklistFilter,
        after: Option<&str>,
        first: u32,
    ) -> Result<Page<WorklistItem>> {
        let (table, _) = self.table(&WORKLIST, &WORKLIST.tables[0]).await?;
        let dialect = self.dialect();
        let mut w = Filter::default();
        let computed = computed_columns(&mut w, self.now());
        if let Some(status) = filter.status {
            let p = w.arg(Arg::Text(status.as_str().to_owned()));
            w.and(format!("status = {p}"));
        }
        if let Some(kind) = filter.kind {
            let p = w.arg(Arg::Text(kind.as_str().to_owned()));
            w.and(format!("kind = {p}"));
        }
        for (column, value) in [
            ("channel", &filter.channel),
            ("assignee", &filter.assignee),
            ("reason_code", &filter.reason_code),
            ("next_action", &filter.next_action),
        ] {
            if let Some(value) = value {
                let p = w.arg(Arg::Text(value.clone()));
                w.and(format!("{column} = {p}"));
            }
        }
        // On the due time itself, not `due_sort`: open arbitrations sort
        // ahead of every time without being overdue.
        match filter.sla_breached {
            Some(true) => w.and(computed.sla_breached.clone()),
            Some(false) => w.and(format!("NOT {}", computed.sla_breached)),
            None => {}
        }
        if let Some(search) = filter
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let exact = w.arg(Arg::Text(search.to_owned()));
            let tracking = w.arg(Arg::Text(tracking_key(search)));
            let mut any = format!(
                "platform_order_id = {exact} OR platform_after_sale_id = {exact} \
                 OR return_tracking = {tracking} OR outbound_tracking = {tracking}"
            );
            if !filter.search_not_personal {
                let like = w.arg(Arg::Text(format!(
                    "%{}%",
                    escape_like(&search.to_lowercase())
                )));
                any.push_str(&format!(" OR customer_lc LIKE {like} ESCAPE '\\'"));
            }
            if let Some(prefix) = short_id(search) {
                let starts = w.arg(Arg::Text(format!("{prefix}%")));
                any.push_str(&format!(" OR ticket_id LIKE {starts}"));
            }
            let ids: Vec<String> = filter.search_tickets.iter().map(Uuid::to_string).collect();
            let n = w.args.len() + 1;
            let (found, list) = in_list(dialect, "ticket_id", n, &ids);
            w.arg(list);
            w.and(format!("({any} OR {found})"));
        }
        if let Some(wanted) = filter.needs_attention {
            let attention = &computed.needs_attention;
            w.and(if wanted {
                attention.clone()
            } else {
                format!("NOT {attention}")
            });
        }
        if let Some((key, value)) = &filter.custom_field {
            let condition = custom_field_condition(dialect, &mut w, key, value)?;
            w.and(condition);
        }
        let (order, compare) = match filter.sort {
            WorklistSort::DueFirst => ("due_sort ASC, ticket_id ASC", ">"),
            WorklistSort::Newest => ("opened_at DESC, ticket_id DESC", "<"),
        };
        let key_column = match filter.sort {
            WorklistSort::DueFirst => "due_sort",
            WorklistSort::Newest => "opened_at",
        };
        if let Some(cursor) = after {
            let (key, id) = decode_cursor(cursor)?;
            let k = w.arg(Arg::Int(key));
            let i = w.arg(Arg::Text(id));
            w.and(format!("({key_column}, ticket_id) {compare} ({k}, {i})"));
        }
        let size = page_size(first);
        let limit = w.arg(Arg::Int(size + 1));
        let sql = format!(
            "SELECT {}, {} FROM {table}{} ORDER BY {order} LIMIT {limit}",
            WORKLIST.tables[0].shape.select_list(),
            computed.select,
            w.where_clause(),
        );
        let rows: Vec<WorklistItem> = self
            .store()
            .db()
            .fetch_all(&Statement::new(sql, w.args))
            .await?;
        let sort = filter.sort;
        Ok(paginate(rows, size, |r| {
            let key = match sort {
                WorklistSort::DueFirst => r.due_sort,
                WorklistSort::Newest => r.opened_at.timestamp_micros(),
            };
            encode_cursor(key, &r.ticket_id.to_string())
        }))
    }

    /// One ticket's worklist row, if it exists.
    pub async fn worklist_item(&self, ticket_id: Uuid) -> Result<Option<WorklistItem>> {
        let (table, _) = self.table(&WORKLIST, &WORKLIST.tables[0]).await?;
        let mut w = Filter::default();
        let computed = computed_columns(&mut w, self.now());
        let id = w.arg(Arg::Text(ticket_id.to_string()));
        w.and(format!("ticket_id = {id}"));
        let sql = format!(
            "SELECT {}, {} FROM {table}{}",
            WORKLIST.tables[0].shape.select_list(),
            computed.select,
            w.where_clause(),
        );
        Ok(self
            .store()
            .db()
            .fetch_optional(&Statement::new(sql, w.args))
            .await?)
    }
}

/// The item's columns worked out at query time, with the placeholders
/// they bound.
struct Computed {
    /// `… AS sla_breached, … AS needs_attention`.
    select: String,
    /// The condition "next action overdue now" (never NULL).
    sla_breached: String,
    /// The condition "needs attention" (never NULL).
    needs_attention: String,
}

fn computed_columns(w: &mut Filter, now: i64) -> Computed {
    let now = w.arg(Arg::Int(now));
    let actions: Vec<String> = NEEDS_ATTENTION
        .iter()
        .map(|a| w.arg(Arg::Text((*a).to_owned())))
        .collect();
    let needs_attention = format!(
        "(next_action IS NOT NULL AND next_action IN ({}))",
        actions.join(", ")
    );
    let sla_breached = format!("(next_action_due IS NOT NULL AND next_action_due < {now})");
    Computed {
        select: format!("{sla_breached} AS sla_breached, {needs_attention} AS needs_attention"),
        sla_breached,
        needs_attention,
    }
}

/// The ticket-id prefix a search term can be: 8 to 36 hex digits and
/// dashes (a short id, or a whole id), in the lower case ids are stored in.
fn short_id(term: &str) -> Option<String> {
    let term = term.to_ascii_lowercase();
    let fits = (8..=36).contains(&term.len())
        && term.chars().all(|c| c.is_ascii_hexdigit() || c == '-')
        && term.chars().filter(char::is_ascii_hexdigit).count() >= 8;
    fits.then_some(term)
}

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// `custom_fields[key] = value`, for a JSON scalar value.
fn custom_field_condition(
    dialect: returns_eventstore::db::Dialect,
    w: &mut Filter,
    key: &str,
    value: &serde_json::Value,
) -> Result<String> {
    use serde_json::Value;
    let scalar_ok = matches!(value, Value::String(_) | Value::Bool(_)) || value.as_i64().is_some();
    if !scalar_ok {
        return Err(Error::InvalidQuery(
            "a custom-field filter compares with a string, integer or boolean".into(),
        ));
    }
    Ok(w.json_field_equals(dialect, "custom_fields", key, value))
}
