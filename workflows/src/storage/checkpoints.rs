//! Each workflow's position in the log (`workflow_checkpoints`).

use chrono::{DateTime, Utc};
use returns_eventstore::db::Db;
use returns_eventstore::statement;

use crate::error::Result;

/// The last log position `workflow` has fully handled (0 before the first event).
pub async fn load(db: &Db, workflow: &str) -> Result<i64> {
    let row: Option<(i64,)> = db
        .fetch_optional(&statement!(
            "SELECT position FROM workflow_checkpoints WHERE name = $1",
            workflow
        ))
        .await?;
    Ok(row.map_or(0, |(position,)| position))
}

/// Records that `workflow` has handled every event up to `position`.
pub async fn save(db: &Db, workflow: &str, position: i64, now: DateTime<Utc>) -> Result<()> {
    db.execute(&statement!(
        "INSERT INTO workflow_checkpoints (name, position, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (name) DO UPDATE SET position = excluded.position, \
         updated_at = excluded.updated_at",
        workflow,
        position,
        now.timestamp_micros()
    ))
    .await?;
    Ok(())
}
