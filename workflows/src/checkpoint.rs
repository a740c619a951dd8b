//! Each workflow's position in the log (`workflow_checkpoints`).

use chrono::{DateTime, Utc};
use returns_eventstore::backend::Backend;

use crate::db::with_pool;
use crate::error::Result;

/// The last log position `workflow` has fully handled (0 before the first event).
pub async fn load(backend: &Backend, workflow: &str) -> Result<i64> {
    let sql = "SELECT position FROM workflow_checkpoints WHERE name = $1";
    let position: Option<i64> = with_pool!(backend, pool => {
        sqlx::query_scalar(sql).bind(workflow).fetch_optional(pool).await?
    });
    Ok(position.unwrap_or(0))
}

/// Records that `workflow` has handled every event up to `position`.
pub async fn save(
    backend: &Backend,
    workflow: &str,
    position: i64,
    now: DateTime<Utc>,
) -> Result<()> {
    let sql = "INSERT INTO workflow_checkpoints (name, position, updated_at) VALUES ($1, $2, $3) \
               ON CONFLICT (name) DO UPDATE SET position = excluded.position, \
               updated_at = excluded.updated_at";
    with_pool!(backend, pool => {
        sqlx::query(sql)
            .bind(workflow)
            .bind(position)
            .bind(now.timestamp_micros())
            .execute(pool)
            .await?;
    });
    Ok(())
}
