//! Follow-up calls: which are due (or overdue), and what came of the done
//! ones. One row per scheduled follow-up, copied from the domain's fold of
//! its ticket with the ticket's customer, channel, assignee and status.

use returns_eventstore::db::Dialect;

use super::{micros, opening};
use crate::error::Result;
use crate::projection::{Batch, Projection};
use returns_eventstore::db::{upsert, Arg, Col, Statement};

/// The follow-ups projection at a version.
#[derive(Debug, Clone)]
pub struct FollowUps {
    version: u32,
    name: String,
    table: String,
}

impl FollowUps {
    /// The version this build serves.
    pub const CURRENT: u32 = 1;

    /// The follow-ups projection at `version`.
    pub fn at_version(version: u32) -> Self {
        Self {
            version,
            name: format!("follow_ups_v{version}"),
            table: format!("rm_follow_ups_v{version}"),
        }
    }

    /// The current version.
    pub fn current() -> Self {
        Self::at_version(Self::CURRENT)
    }
}

const COLUMNS: [(&str, Col); 13] = [
    ("follow_up_id", Col::Plain),
    ("ticket_id", Col::Plain),
    ("customer", Col::Plain),
    ("channel", Col::Plain),
    ("assignee", Col::Plain),
    ("ticket_status", Col::Plain),
    ("purpose", Col::Plain),
    ("due_at", Col::Plain),
    ("scheduled_at", Col::Plain),
    ("is_open", Col::Plain),
    ("completed_at", Col::Plain),
    ("outcome", Col::Plain),
    ("last_position", Col::Plain),
];

impl Projection for FollowUps {
    fn name(&self) -> &str {
        &self.name
    }

    fn read_model(&self) -> &str {
        "follow_ups"
    }

    fn version(&self) -> u32 {
        self.version
    }

    fn tables(&self) -> Vec<String> {
        vec![self.table.clone()]
    }

    fn schema(&self, dialect: Dialect) -> String {
        let t = &self.table;
        let (int, boolean) = match dialect {
            Dialect::Sqlite => ("INTEGER", "INTEGER"),
            Dialect::Postgres => ("BIGINT", "BOOLEAN"),
        };
        format!(
            "CREATE TABLE IF NOT EXISTS {t} (
                follow_up_id  TEXT PRIMARY KEY,
                ticket_id     TEXT NOT NULL,
                customer      TEXT NOT NULL,
                channel       TEXT NOT NULL,
                assignee      TEXT,
                ticket_status TEXT NOT NULL,
                purpose       TEXT NOT NULL,
                due_at        {int} NOT NULL,
                scheduled_at  {int} NOT NULL,
                is_open       {boolean} NOT NULL,
                completed_at  {int},
                outcome       TEXT,
                last_position {int} NOT NULL
            );
            CREATE INDEX IF NOT EXISTS {t}_due ON {t} (is_open, due_at, follow_up_id);
            CREATE INDEX IF NOT EXISTS {t}_completed ON {t} (completed_at, follow_up_id);
            CREATE INDEX IF NOT EXISTS {t}_ticket ON {t} (ticket_id);
            CREATE INDEX IF NOT EXISTS {t}_assignee ON {t} (assignee, is_open, due_at);"
        )
    }

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
            &self.table,
            &COLUMNS,
            &["follow_up_id"],
            None,
            rows,
        ))
    }
}
