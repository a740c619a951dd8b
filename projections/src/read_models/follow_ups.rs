//! Follow-up calls: which are due (or overdue), and what came of the done
//! ones. One row per scheduled follow-up, copied from the domain's fold of
//! its ticket with the ticket's customer, channel, assignee and status.

use returns_eventstore::db::schema::Column;
use returns_eventstore::db::SqlType::{Bool, Int, Micros, Text};
use returns_eventstore::db::{upsert, Arg, Dialect, Index, Statement, Table};

use super::{micros, opening};
use crate::declaration::{declared_projection, names, ReadModel, TableDecl, Versioned};
use crate::error::Result;
use crate::projection::{Batch, Projection};

/// The follow-ups read model, declared once.
pub const FOLLOW_UPS: ReadModel = ReadModel {
    name: names::FOLLOW_UPS,
    version: 1,
    tables: &[TableDecl {
        stem: "rm_follow_ups",
        shape: Table {
            columns: &[
                Column::new("follow_up_id", Text),
                Column::new("ticket_id", Text),
                Column::new("customer", Text),
                Column::new("channel", Text),
                Column::new("assignee", Text).null(),
                Column::new("ticket_status", Text),
                Column::new("purpose", Text),
                Column::new("due_at", Micros),
                Column::new("scheduled_at", Micros),
                Column::new("is_open", Bool),
                Column::new("completed_at", Micros).null(),
                Column::new("outcome", Text).null(),
                Column::new("last_position", Int),
            ],
            key: &["follow_up_id"],
            indexes: &[
                Index::new("due", &["is_open", "due_at", "follow_up_id"]),
                Index::new("completed", &["completed_at", "follow_up_id"]),
                Index::new("ticket", &["ticket_id"]),
                Index::new("assignee", &["assignee", "is_open", "due_at"]),
            ],
        },
    }],
};

/// The follow-ups projection at a version.
#[derive(Debug, Clone)]
pub struct FollowUps {
    at: Versioned,
}

impl FollowUps {
    /// The version this build serves.
    pub const CURRENT: u32 = FOLLOW_UPS.version;

    /// The follow-ups projection at `version`.
    pub fn at_version(version: u32) -> Self {
        Self {
            at: Versioned::new(&FOLLOW_UPS, version),
        }
    }

    /// The current version.
    pub fn current() -> Self {
        Self::at_version(Self::CURRENT)
    }
}

impl Projection for FollowUps {
    declared_projection!();

    fn apply(&self, dialect: Dialect, batch: &Batch<'_>) -> Result<Vec<Statement>> {
        let mut rows = Vec::new();
        for (last, state) in batch.touched() {
            let Some(open) = opening(state) else { continue };
            for f in &state.follow_ups {
                rows.push(vec![
                    Arg::Text(f.follow_up_id.to_string()),
                    Arg::Text(last.ticket_id.to_string()),
                    Arg::Text(open.customer.to_owned()),
                    Arg::Text(open.channel.to_owned()),
                    Arg::OptText(state.assignee.clone()),
                    Arg::Text(state.status.as_str().to_owned()),
                    Arg::Text(f.purpose.clone()),
                    Arg::Int(micros(f.due_at)),
                    Arg::Int(micros(f.scheduled_at)),
                    Arg::Bool(f.completed_at.is_none()),
                    Arg::OptInt(f.completed_at.map(micros)),
                    Arg::OptText(f.outcome.clone()),
                    Arg::Int(last.position),
                ]);
            }
        }
        Ok(upsert(
            dialect,
            &self.at.tables[0],
            &FOLLOW_UPS.tables[0].upsert_columns(),
            &["follow_up_id"],
            None,
            rows,
        ))
    }
}
