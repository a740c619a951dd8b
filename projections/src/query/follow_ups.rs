//! Follow-up calls: open ones by due time (overdue flagged), done ones with
//! their outcomes.

use chrono::{DateTime, Utc};
use returns_domain::TicketStatus;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{decode_cursor, encode_cursor, opt_time, page_size, paginate, time, Page, Queries};
use crate::error::{Error, Result};
use returns_eventstore::db::{Arg, Filter, Statement};

/// Which follow-ups to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FollowUpList {
    /// Not done, due at or before now (missed ones included), earliest first.
    Due,
    /// Not done and past due now, earliest first.
    Overdue,
    /// Not done, whenever due, earliest first.
    Open,
    /// Done, most recently completed first.
    Completed,
}

/// One follow-up call.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowUpItem {
    /// The follow-up.
    pub follow_up_id: Uuid,
    /// Its ticket.
    pub ticket_id: Uuid,
    /// Customer to call.
    pub customer: String,
    /// Channel.
    pub channel: String,
    /// The ticket's assignee.
    pub assignee: Option<String>,
    /// The ticket's status.
    pub ticket_status: TicketStatus,
    /// What the call is for.
    pub purpose: String,
    /// When due.
    pub due_at: DateTime<Utc>,
    /// When scheduled.
    pub scheduled_at: DateTime<Utc>,
    /// Not done and past due now.
    pub overdue: bool,
    /// When done.
    pub completed_at: Option<DateTime<Utc>>,
    /// What came of it.
    pub outcome: Option<String>,
}

/// How many completed follow-ups had one outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct OutcomeCount {
    /// The outcome.
    pub outcome: String,
    /// How many.
    pub count: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    follow_up_id: String,
    ticket_id: String,
    customer: String,
    channel: String,
    assignee: Option<String>,
    ticket_status: String,
    purpose: String,
    due_at: i64,
    scheduled_at: i64,
    is_open: bool,
    completed_at: Option<i64>,
    outcome: Option<String>,
}

impl Queries {
    /// A page of follow-ups, optionally for one assignee.
    pub async fn follow_ups(
        &self,
        list: FollowUpList,
        assignee: Option<&str>,
        after: Option<&str>,
        first: u32,
    ) -> Result<Page<FollowUpItem>> {
        let table = format!("rm_follow_ups_v{}", self.version("follow_ups").await?);
        let now = self.now();
        let mut w = Filter::default();
        let (key_column, order, compare) = match list {
            FollowUpList::Completed => {
                ("completed_at", "completed_at DESC, follow_up_id DESC", "<")
            }
            _ => ("due_at", "due_at, follow_up_id", ">"),
        };
        match list {
            FollowUpList::Completed => w.and("is_open = FALSE".into()),
            FollowUpList::Open => w.and("is_open = TRUE".into()),
            FollowUpList::Due => {
                let p = w.arg(Arg::Int(now));
                w.and(format!("is_open = TRUE AND due_at <= {p}"));
            }
            FollowUpList::Overdue => {
                let p = w.arg(Arg::Int(now));
                w.and(format!("is_open = TRUE AND due_at < {p}"));
            }
        }
        if let Some(assignee) = assignee {
            let p = w.arg(Arg::Text(assignee.to_owned()));
            w.and(format!("assignee = {p}"));
        }
        if let Some(cursor) = after {
            let (key, id) = decode_cursor(cursor)?;
            let k = w.arg(Arg::Int(key));
            let i = w.arg(Arg::Text(id));
            w.and(format!("({key_column}, follow_up_id) {compare} ({k}, {i})"));
        }
        let size = page_size(first);
        let limit = w.arg(Arg::Int(size + 1));
        let sql = format!(
            "SELECT follow_up_id, ticket_id, customer, channel, assignee, ticket_status, purpose, \
             due_at, scheduled_at, is_open, completed_at, outcome FROM {table}{} \
             ORDER BY {order} LIMIT {limit}",
            w.where_clause()
        );
        let rows: Vec<Row> = self
            .store()
            .db()
            .fetch_all(&Statement::new(sql, w.args))
            .await?;
        paginate(
            rows,
            size,
            |r| match list {
                FollowUpList::Completed => {
                    encode_cursor(r.completed_at.unwrap_or(0), &r.follow_up_id)
                }
                _ => encode_cursor(r.due_at, &r.follow_up_id),
            },
            |r| item(r, now),
        )
    }

    /// Completed follow-ups per outcome, most frequent first.
    pub async fn follow_up_outcomes(&self) -> Result<Vec<OutcomeCount>> {
        let table = format!("rm_follow_ups_v{}", self.version("follow_ups").await?);
        let sql = format!(
            "SELECT outcome, COUNT(*) AS count FROM {table} \
             WHERE is_open = FALSE AND outcome IS NOT NULL \
             GROUP BY outcome ORDER BY count DESC, outcome"
        );
        Ok(self
            .store()
            .db()
            .fetch_all(&Statement::new(sql, Vec::new()))
            .await?)
    }
}

fn item(r: Row, now: i64) -> Result<FollowUpItem> {
    let id = |s: &str| {
        Uuid::parse_str(s).map_err(|e| Error::InvalidQuery(format!("stored id {s}: {e}")))
    };
    Ok(FollowUpItem {
        follow_up_id: id(&r.follow_up_id)?,
        ticket_id: id(&r.ticket_id)?,
        customer: r.customer,
        channel: r.channel,
        assignee: r.assignee,
        ticket_status: r.ticket_status.try_into()?,
        purpose: r.purpose,
        due_at: time(r.due_at)?,
        scheduled_at: time(r.scheduled_at)?,
        overdue: r.is_open && r.due_at < now,
        completed_at: opt_time(r.completed_at)?,
        outcome: r.outcome,
    })
}
