//! Platform actions: the open ones a person must carry out in a back office
//! (oldest first, optionally one department's or one platform's), the done
//! ones, and the counts management reads.

use chrono::{DateTime, Utc};
use returns_domain::TicketStatus;
use serde::Serialize;
use uuid::Uuid;

use super::{decode_cursor, encode_cursor, page_size, paginate, Page, Queries};
use crate::error::Result;
use crate::read_models::platform_tasks::PLATFORM_TASKS;
use returns_eventstore::db::{Arg, Filter, Micros, OptMicros, Statement};

/// One platform action: a row of the platform tasks table.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct PlatformTaskItem {
    /// `<ticket>:<seq>`.
    pub task_id: String,
    /// Its ticket.
    #[sqlx(try_from = "String")]
    pub ticket_id: Uuid,
    /// The action's number on the ticket.
    pub seq: i64,
    /// The platform.
    pub platform: String,
    /// The platform's after-sale id.
    pub after_sale_id: String,
    /// The action's name (`approve_application` …).
    pub action: String,
    /// The department whose decision it repeats.
    pub department: String,
    /// What the platform needs besides the after-sale id, as JSON.
    pub params: String,
    /// The ticket's status now.
    #[sqlx(try_from = "String")]
    pub ticket_status: TicketStatus,
    /// When the decision was made.
    #[sqlx(try_from = "Micros")]
    pub requested_at: DateTime<Utc>,
    /// When the platform decides by itself, if known.
    #[sqlx(try_from = "OptMicros")]
    pub due_at: Option<DateTime<Utc>>,
    /// The open list's order: the deadline, else the decision's time.
    pub sort_at: i64,
    /// Neither a person nor the platform's record showed it done yet.
    pub is_open: bool,
    /// When a person confirmed it done.
    #[sqlx(try_from = "OptMicros")]
    pub done_at: Option<DateTime<Utc>>,
    /// When the platform's record showed it done.
    #[sqlx(try_from = "OptMicros")]
    pub confirmed_at: Option<DateTime<Utc>>,
    /// The platform's status that showed it.
    pub confirmed_status: Option<String>,
    /// The open API's last answer (the domain's `PlatformActionOutcome`, as JSON).
    pub answer: Option<String>,
    /// When it came.
    #[sqlx(try_from = "OptMicros")]
    pub answered_at: Option<DateTime<Utc>>,
    /// The log position of the ticket's last change (orders the done list).
    pub last_position: i64,
}

/// Which platform actions to list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlatformTaskFilter {
    /// Open ones (the platform's deadline first, else the oldest decision)
    /// or done ones (most recently changed first).
    pub done: bool,
    /// Only this department's (`customer_service`, `warehouse`, `finance`).
    pub department: Option<String>,
    /// Only this platform's.
    pub platform: Option<String>,
    /// Only this ticket's.
    pub ticket_id: Option<Uuid>,
}

/// Platform actions of one platform: how many, how many are still open,
/// and how long confirmed ones took from the decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct PlatformTaskCount {
    /// The platform.
    pub platform: String,
    /// The action's name.
    pub action: String,
    /// Requested.
    pub requested: i64,
    /// Still open.
    pub open: i64,
    /// Carried out by the platform's open API (api mode).
    pub sent: i64,
    /// Refused by the platform's open API.
    pub refused: i64,
    /// Handed by the open API to a person.
    pub handed_to_person: i64,
    /// Mean seconds from the decision to a person's confirmation.
    pub mean_seconds_to_done: Option<i64>,
    /// Mean seconds from the decision to the platform's record showing it.
    pub mean_seconds_to_confirmed: Option<i64>,
    /// Mean seconds from the decision to the open API's answer that it was
    /// done (api mode): the platform's own confirmation there.
    pub mean_seconds_to_sent: Option<i64>,
}

impl Queries {
    /// A page of platform actions.
    pub async fn platform_tasks(
        &self,
        filter: &PlatformTaskFilter,
        after: Option<&str>,
        first: u32,
    ) -> Result<Page<PlatformTaskItem>> {
        let (table, _) = self
            .table(&PLATFORM_TASKS, &PLATFORM_TASKS.tables[0])
            .await?;
        let mut w = Filter::default();
        // Done: by whichever showed it first, a person or the platform.
        let (key_column, order, compare) = if filter.done {
            w.and("is_open = FALSE".into());
            ("last_position", "last_position DESC, task_id DESC", "<")
        } else {
            w.and("is_open = TRUE".into());
            ("sort_at", "sort_at, task_id", ">")
        };
        for (column, value) in [
            ("department", filter.department.clone()),
            ("platform", filter.platform.clone()),
            ("ticket_id", filter.ticket_id.map(|t| t.to_string())),
        ] {
            if let Some(value) = value {
                let p = w.arg(Arg::Text(value));
                w.and(format!("{column} = {p}"));
            }
        }
        if let Some(cursor) = after {
            let (key, id) = decode_cursor(cursor)?;
            let k = w.arg(Arg::Int(key));
            let i = w.arg(Arg::Text(id));
            w.and(format!("({key_column}, task_id) {compare} ({k}, {i})"));
        }
        let size = page_size(first);
        let limit = w.arg(Arg::Int(size + 1));
        let sql = format!(
            "SELECT {} FROM {table}{} ORDER BY {order} LIMIT {limit}",
            PLATFORM_TASKS.tables[0].shape.select_list(),
            w.where_clause()
        );
        let rows: Vec<PlatformTaskItem> = self
            .store()
            .db()
            .fetch_all(&Statement::new(sql, w.args))
            .await?;
        let done = filter.done;
        Ok(paginate(rows, size, |r| {
            let key = if done { r.last_position } else { r.sort_at };
            encode_cursor(key, &r.task_id)
        }))
    }

    /// Platform actions per platform and action, most requested first.
    pub async fn platform_task_counts(&self) -> Result<Vec<PlatformTaskCount>> {
        let (table, _) = self
            .table(&PLATFORM_TASKS, &PLATFORM_TASKS.tables[0])
            .await?;
        // Micros to whole seconds after the mean, cast so both backends
        // return an integer (PostgreSQL's AVG of a bigint is numeric).
        let sql = format!(
            "SELECT platform, action, COUNT(*) AS requested, \
             CAST(SUM(CASE WHEN is_open THEN 1 ELSE 0 END) AS BIGINT) AS open, \
             CAST(SUM(CASE WHEN answer LIKE '{{\"outcome\":\"succeeded\"%' THEN 1 ELSE 0 END) AS BIGINT) AS sent, \
             CAST(SUM(CASE WHEN answer LIKE '{{\"outcome\":\"refused\"%' THEN 1 ELSE 0 END) AS BIGINT) AS refused, \
             CAST(SUM(CASE WHEN answer LIKE '{{\"outcome\":\"needs_person\"%' THEN 1 ELSE 0 END) AS BIGINT) AS handed_to_person, \
             CAST(AVG(done_at - requested_at) / 1000000 AS BIGINT) AS mean_seconds_to_done, \
             CAST(AVG(confirmed_at - requested_at) / 1000000 AS BIGINT) AS mean_seconds_to_confirmed, \
             CAST(AVG(CASE WHEN answer LIKE '{{\"outcome\":\"succeeded\"%' THEN answered_at - requested_at END) \
             / 1000000 AS BIGINT) AS mean_seconds_to_sent \
             FROM {table} GROUP BY platform, action ORDER BY requested DESC, platform, action"
        );
        Ok(self
            .store()
            .db()
            .fetch_all(&Statement::new(sql, Vec::new()))
            .await?)
    }
}
