//! Follow-up calls: open ones by due time (overdue flagged), done ones with
//! their outcomes.

use chrono::{DateTime, Utc};
use returns_domain::TicketStatus;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{decode_cursor, encode_cursor, page_size, paginate, Page, Queries};
use crate::error::Result;
use crate::read_models::follow_ups::FOLLOW_UPS;
use returns_eventstore::db::{Arg, Filter, Micros, OptMicros, Statement};

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

/// One follow-up call: a row of the follow-ups table, plus whether it is
/// overdue now.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct FollowUpItem {
    /// The follow-up.
    #[sqlx(try_from = "String")]
    pub follow_up_id: Uuid,
    /// Its ticket.
    #[sqlx(try_from = "String")]
    pub ticket_id: Uuid,
    /// Customer to call.
    pub customer: String,
    /// Channel.
    pub channel: String,
    /// The ticket's assignee.
    pub assignee: Option<String>,
    /// The ticket's status.
    #[sqlx(try_from = "String")]
    pub ticket_status: TicketStatus,
    /// What the call is for.
    pub purpose: String,
    /// When due.
    #[sqlx(try_from = "Micros")]
    pub due_at: DateTime<Utc>,
    /// When scheduled.
    #[sqlx(try_from = "Micros")]
    pub scheduled_at: DateTime<Utc>,
    /// Not done and past due now.
    pub overdue: bool,
    /// When done.
    #[sqlx(try_from = "OptMicros")]
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

impl Queries {
    /// A page of follow-ups, optionally for one assignee.
    pub async fn follow_ups(
        &self,
        list: FollowUpList,
        assignee: Option<&str>,
        after: Option<&str>,
        first: u32,
    ) -> Result<Page<FollowUpItem>> {
        let (table, _) = self.table(&FOLLOW_UPS, &FOLLOW_UPS.tables[0]).await?;
        let mut w = Filter::default();
        let now = w.arg(Arg::Int(self.now()));
        let (key_column, order, compare) = match list {
            FollowUpList::Completed => {
                ("completed_at", "completed_at DESC, follow_up_id DESC", "<")
            }
            _ => ("due_at", "due_at, follow_up_id", ">"),
        };
        match list {
            FollowUpList::Completed => w.and("is_open = FALSE".into()),
            FollowUpList::Open => w.and("is_open = TRUE".into()),
            FollowUpList::Due => w.and(format!("is_open = TRUE AND due_at <= {now}")),
            FollowUpList::Overdue => w.and(format!("is_open = TRUE AND due_at < {now}")),
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
            "SELECT {}, (is_open = TRUE AND due_at < {now}) AS overdue FROM {table}{} \
             ORDER BY {order} LIMIT {limit}",
            FOLLOW_UPS.tables[0].shape.select_list(),
            w.where_clause()
        );
        let rows: Vec<FollowUpItem> = self
            .store()
            .db()
            .fetch_all(&Statement::new(sql, w.args))
            .await?;
        Ok(paginate(rows, size, |r| {
            let key = match list {
                FollowUpList::Completed => r.completed_at.map_or(0, |at| at.timestamp_micros()),
                _ => r.due_at.timestamp_micros(),
            };
            encode_cursor(key, &r.follow_up_id.to_string())
        }))
    }

    /// Completed follow-ups per outcome, most frequent first.
    pub async fn follow_up_outcomes(&self) -> Result<Vec<OutcomeCount>> {
        let (table, _) = self.table(&FOLLOW_UPS, &FOLLOW_UPS.tables[0]).await?;
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
