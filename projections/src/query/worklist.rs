//! Customer service's worklist: filters, text search, custom-field
//! equality, SLA breach, keyset pages.

use chrono::{DateTime, Utc};
use returns_domain::{TicketKind, TicketStatus};
use returns_eventstore::db::Dialect;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{
    decode_cursor, encode_cursor, json_select, opt_time, page_size, paginate, time, Page, Queries,
};
use crate::error::{Error, Result};
use crate::read_models::worklist::NEEDS_ATTENTION;
use returns_eventstore::db::{in_list, Arg, Filter, Statement};

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
    /// stored in the clear), or an exact platform order or after-sale id.
    pub search: Option<String>,
    /// Tickets that also match `search`: those the blind index found for
    /// it (customers are stored sealed, so the read model cannot match them).
    #[serde(default)]
    pub search_tickets: Vec<Uuid>,
    /// A custom field equal to a JSON scalar (string, integer or boolean).
    pub custom_field: Option<(String, serde_json::Value)>,
    /// `Some(true)`: only tickets whose platform record is pending or in
    /// conflict (customer service's queue of them); `Some(false)`: none of them.
    pub needs_attention: Option<bool>,
    /// Order.
    pub sort: WorklistSort,
}

/// One ticket on the worklist.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorklistItem {
    /// The ticket.
    pub ticket_id: Uuid,
    /// Status.
    pub status: TicketStatus,
    /// Kind.
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
    /// What is due next: `review`, `ship_back` or `follow_up`.
    pub next_action: Option<String>,
    /// When it is due.
    pub next_action_due: Option<DateTime<Utc>>,
    /// Whether it is overdue now.
    pub sla_breached: bool,
    /// Whether the platform's record is pending or contradicts the ticket
    /// (a person must look; see `next_action`).
    pub needs_attention: bool,
    /// Commands the ticket accepts now.
    pub allowed_commands: Vec<String>,
    /// Custom fields.
    pub custom_fields: serde_json::Value,
    /// When the application was made.
    pub opened_at: DateTime<Utc>,
    /// When the last event happened.
    pub last_event_at: DateTime<Utc>,
    /// The ticket's stream version.
    pub version: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    ticket_id: String,
    status: String,
    kind: String,
    channel: String,
    customer: String,
    platform_order_id: Option<String>,
    platform_after_sale_id: Option<String>,
    reason_code: String,
    reason_category: String,
    currency: String,
    paid_minor: i64,
    refundable_minor: i64,
    refunded_minor: i64,
    assignee: Option<String>,
    next_action: Option<String>,
    next_action_due: Option<i64>,
    due_sort: i64,
    allowed_commands: String,
    custom_fields: String,
    opened_at: i64,
    last_event_at: i64,
    version: i64,
}

impl Queries {
    /// A page of the worklist.
    pub async fn worklist(
        &self,
        filter: &WorklistFilter,
        after: Option<&str>,
        first: u32,
    ) -> Result<Page<WorklistItem>> {
        let table = format!("rm_worklist_v{}", self.version("worklist").await?);
        let dialect = self.dialect();
        let now = self.now();
        let mut w = Filter::default();
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
        ] {
            if let Some(value) = value {
                let p = w.arg(Arg::Text(value.clone()));
                w.and(format!("{column} = {p}"));
            }
        }
        match filter.sla_breached {
            Some(true) => {
                let p = w.arg(Arg::Int(now));
                w.and(format!("due_sort < {p}"));
            }
            Some(false) => {
                let p = w.arg(Arg::Int(now));
                w.and(format!("due_sort >= {p}"));
            }
            None => {}
        }
        if let Some(search) = filter
            .search
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let like = w.arg(Arg::Text(format!(
                "%{}%",
                escape_like(&search.to_lowercase())
            )));
            let exact = w.arg(Arg::Text(search.to_owned()));
            let ids: Vec<String> = filter.search_tickets.iter().map(Uuid::to_string).collect();
            let n = w.args.len() + 1;
            let (found, list) = in_list(dialect, "ticket_id", n, &ids);
            w.arg(list);
            w.and(format!(
                "(customer_lc LIKE {like} ESCAPE '\\' OR platform_order_id = {exact} \
                 OR platform_after_sale_id = {exact} OR {found})"
            ));
        }
        if let Some(wanted) = filter.needs_attention {
            let a = w.arg(Arg::Text(NEEDS_ATTENTION[0].to_owned()));
            let b = w.arg(Arg::Text(NEEDS_ATTENTION[1].to_owned()));
            w.and(if wanted {
                format!("next_action IN ({a}, {b})")
            } else {
                format!("(next_action IS NULL OR next_action NOT IN ({a}, {b}))")
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
            "SELECT ticket_id, status, kind, channel, customer, platform_order_id, \
             platform_after_sale_id, reason_code, reason_category, currency, paid_minor, \
             refundable_minor, refunded_minor, assignee, next_action, next_action_due, due_sort, \
             {}, {}, opened_at, last_event_at, version FROM {table}{} ORDER BY {order} LIMIT {limit}",
            json_select(dialect, "allowed_commands"),
            json_select(dialect, "custom_fields"),
            w.where_clause(),
        );
        let rows: Vec<Row> = self
            .store()
            .db()
            .fetch_all(&Statement::new(sql, w.args))
            .await?;
        let sort = filter.sort;
        paginate(
            rows,
            size,
            |r| match sort {
                WorklistSort::DueFirst => encode_cursor(r.due_sort, &r.ticket_id),
                WorklistSort::Newest => encode_cursor(r.opened_at, &r.ticket_id),
            },
            |r| item(r, now),
        )
    }

    /// One ticket's worklist row, if it exists.
    pub async fn worklist_item(&self, ticket_id: Uuid) -> Result<Option<WorklistItem>> {
        let table = format!("rm_worklist_v{}", self.version("worklist").await?);
        let dialect = self.dialect();
        let sql = format!(
            "SELECT ticket_id, status, kind, channel, customer, platform_order_id, \
             platform_after_sale_id, reason_code, reason_category, currency, paid_minor, \
             refundable_minor, refunded_minor, assignee, next_action, next_action_due, due_sort, \
             {}, {}, opened_at, last_event_at, version FROM {table} WHERE ticket_id = $1",
            json_select(dialect, "allowed_commands"),
            json_select(dialect, "custom_fields"),
        );
        let rows: Vec<Row> = self
            .store()
            .db()
            .fetch_all(&Statement::new(sql, vec![Arg::Text(ticket_id.to_string())]))
            .await?;
        let now = self.now();
        rows.into_iter().next().map(|r| item(r, now)).transpose()
    }
}

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// `custom_fields[key] = value`, for a JSON scalar value.
fn custom_field_condition(
    dialect: Dialect,
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
    Ok(match dialect {
        Dialect::Postgres => {
            let mut object = serde_json::Map::new();
            object.insert(key.to_owned(), value.clone());
            let p = w.arg(Arg::Text(Value::Object(object).to_string()));
            format!("custom_fields @> {p}::jsonb")
        }
        Dialect::Sqlite => {
            let path = w.arg(Arg::Text(format!(
                "$.{}",
                serde_json::to_string(key).unwrap_or_default()
            )));
            let (arg, type_name) = match value {
                Value::String(s) => (Arg::Text(s.clone()), "text"),
                Value::Bool(b) => (Arg::Text(if *b { "true" } else { "false" }.into()), "bool"),
                other => (Arg::Int(other.as_i64().unwrap_or_default()), "integer"),
            };
            let v = w.arg(arg);
            match type_name {
                // json_type tells true from 1, which json_extract alone cannot.
                "bool" => format!(
                    "json_type(custom_fields, {path}) = {v}"
                ),
                "text" => format!(
                    "(json_type(custom_fields, {path}) = 'text' AND json_extract(custom_fields, {path}) = {v})"
                ),
                _ => format!(
                    "(json_type(custom_fields, {path}) = 'integer' AND json_extract(custom_fields, {path}) = {v})"
                ),
            }
        }
    })
}

fn item(r: Row, now: i64) -> Result<WorklistItem> {
    let ticket_id = Uuid::parse_str(&r.ticket_id)
        .map_err(|e| Error::InvalidQuery(format!("stored ticket id {}: {e}", r.ticket_id)))?;
    let allowed_commands = serde_json::from_str(&r.allowed_commands).unwrap_or_default();
    let custom_fields = serde_json::from_str(&r.custom_fields).unwrap_or(serde_json::Value::Null);
    Ok(WorklistItem {
        ticket_id,
        status: r.status.try_into()?,
        kind: r.kind.try_into()?,
        channel: r.channel,
        customer: r.customer,
        platform_order_id: r.platform_order_id,
        platform_after_sale_id: r.platform_after_sale_id,
        reason_code: r.reason_code,
        reason_category: r.reason_category,
        currency: r.currency,
        paid_minor: r.paid_minor,
        refundable_minor: r.refundable_minor,
        refunded_minor: r.refunded_minor,
        assignee: r.assignee,
        next_action_due: opt_time(r.next_action_due)?,
        sla_breached: r.next_action_due.is_some_and(|due| due < now),
        needs_attention: r
            .next_action
            .as_deref()
            .is_some_and(|a| NEEDS_ATTENTION.contains(&a)),
        next_action: r.next_action,
        allowed_commands,
        custom_fields,
        opened_at: time(r.opened_at)?,
        last_event_at: time(r.last_event_at)?,
        version: r.version,
    })
}
