//! Platform actions: what the marketplaces were asked to hear of, one row
//! per action, open until a person confirms it carried out in the platform's
//! back office. In manual mode (every shop's default) this is the platform
//! tasks queue; it also gives management its counts per platform.

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
    version: 1,
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
                Column::new("is_open", Bool),
                Column::new("done_at", Micros).null(),
                Column::new("last_position", Int),
            ],
            key: &["task_id"],
            indexes: &[
                Index::new("open", &["is_open", "requested_at", "task_id"]),
                Index::new("department", &["department", "is_open", "requested_at"]),
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
                    Arg::Bool(a.done_at.is_none()),
                    Arg::OptInt(a.done_at.map(micros)),
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
