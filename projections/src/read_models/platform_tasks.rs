//! Platform actions: what the marketplaces were asked to hear of, one row
//! per action, open until a person confirms it carried out in the platform's
//! back office, the platform's open API carried it out (api mode), or the
//! platform's own record shows it done. In manual mode (every shop's
//! default), and for what the open API handed to a person, this is the
//! platform tasks queue; it also gives management its counts per platform.

use returns_eventstore::db::schema::Column;
use returns_eventstore::db::SqlType::{Bool, Int, Micros, Text};
use returns_eventstore::db::{upsert, Arg, Dialect, Index, Statement, Table};

use super::{json_text, micros};
use crate::declaration::{declared_projection, names, ReadModel, TableDecl, Versioned};
use crate::error::Result;
use crate::projection::{Batch, Projection};

/// The platform tasks read model, declared once.
pub const PLATFORM_TASKS: ReadModel = ReadModel {
    name: names::PLATFORM_TASKS,
    // 2: what the platform's own record confirmed; 3: the open API's
    // answer (api mode).
    version: 3,
    tables: &[TableDecl {
        stem: "rm_platform_tasks",
        shape: Table {
            columns: &[
                // `<ticket>:<seq>`, zero-padded so it sorts like the pair.
                Column::new("task_id", Text),
                Column::new("ticket_id", Text),
                Column::new("seq", Int),
                Column::new("platform", Text),
                Column::new("after_sale_id", Text),
                Column::new("action", Text),
                Column::new("department", Text),
                Column::new("params", Text),
                Column::new("ticket_status", Text),
                Column::new("requested_at", Micros),
                // The platform's deadline for it, if known.
                Column::new("due_at", Micros).null(),
                // Open tasks' order: the deadline, else the decision's time.
                Column::new("sort_at", Micros),
                Column::new("is_open", Bool),
                Column::new("done_at", Micros).null(),
                Column::new("confirmed_at", Micros).null(),
                Column::new("confirmed_status", Text).null(),
                // The open API's last answer, as the domain's JSON.
                Column::new("answer", Text).null(),
                Column::new("answered_at", Micros).null(),
                Column::new("last_position", Int),
            ],
            key: &["task_id"],
            indexes: &[
                Index::new("open", &["is_open", "sort_at", "task_id"]),
                Index::new("department", &["department", "is_open", "sort_at"]),
                Index::new("ticket", &["ticket_id"]),
                Index::new("platform", &["platform", "is_open"]),
            ],
        },
    }],
};

/// The key of action `seq` of `ticket_id`.
pub fn task_id(ticket_id: &str, seq: u32) -> String {
    format!("{ticket_id}:{seq:010}")
}

/// The platform tasks projection at a version.
#[derive(Debug, Clone)]
pub struct PlatformTasks {
    at: Versioned,
}

impl PlatformTasks {
    /// The version this build serves.
    pub const CURRENT: u32 = PLATFORM_TASKS.version;

    /// The platform tasks projection at `version`.
    pub fn at_version(version: u32) -> Self {
        Self {
            at: Versioned::new(&PLATFORM_TASKS, version),
        }
    }

    /// The current version.
    pub fn current() -> Self {
        Self::at_version(Self::CURRENT)
    }
}

impl Projection for PlatformTasks {
    declared_projection!();

    fn apply(&self, dialect: Dialect, batch: &Batch<'_>) -> Result<Vec<Statement>> {
        let mut rows = Vec::new();
        for (last, state) in batch.touched() {
            let ticket = last.ticket_id.to_string();
            for a in &state.platform_actions {
                let r = &a.requested;
                rows.push(vec![
                    Arg::Text(task_id(&ticket, r.seq)),
                    Arg::Text(ticket.clone()),
                    Arg::Int(i64::from(r.seq)),
                    Arg::Text(r.platform.clone()),
                    Arg::Text(r.after_sale_id.clone()),
                    Arg::Text(r.action.as_str().to_owned()),
                    Arg::Text(r.action.department().as_str().to_owned()),
                    Arg::Text(json_text(&r.params)),
                    Arg::Text(state.status.as_str().to_owned()),
                    Arg::Int(micros(r.requested_at)),
                    Arg::OptInt(r.due_by.map(micros)),
                    Arg::Int(micros(r.due_by.unwrap_or(r.requested_at))),
                    Arg::Bool(a.is_open()),
                    Arg::OptInt(a.done_at.map(micros)),
                    Arg::OptInt(a.confirmed.as_ref().map(|c| micros(c.confirmed_at))),
                    Arg::OptText(a.confirmed.as_ref().map(|c| c.platform_status.clone())),
                    Arg::OptText(a.answer.as_ref().map(json_text)),
                    Arg::OptInt(a.answered_at.map(micros)),
                    Arg::Int(last.position),
                ]);
            }
        }
        Ok(upsert(
            dialect,
            &self.at.tables[0],
            &PLATFORM_TASKS.tables[0].upsert_columns(),
            &["task_id"],
            None,
            rows,
        ))
    }
}
