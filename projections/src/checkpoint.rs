//! `projection_checkpoints`: how far each projection version has applied
//! the log, moved in the same transaction as its rows.

use returns_eventstore::db::{Arg, Db, Migrations, Statement, Tx};
use returns_eventstore::EventStore;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::projection::{ddl_part, drop_script, Projection};

/// The projections' own tables (the checkpoint table; read models create
/// theirs from [`Projection::schema`]).
pub static MIGRATIONS: Migrations = returns_eventstore::migrations!("projections");

/// Creates the checkpoint table if needed.
pub async fn migrate(store: &EventStore) -> Result<()> {
    Ok(store.db().migrate(&MIGRATIONS).await?)
}

/// Begins a read-model transaction. A read model can always be re-derived
/// from the log, and a commit lost in a crash loses its checkpoint move with
/// it (same transaction): the batch is simply applied again. So there is no
/// need to wait for the WAL flush.
pub async fn begin(db: &Db) -> Result<Tx> {
    let mut tx = db.begin().await?;
    tx.relax_durability().await?;
    Ok(tx)
}

/// A projection's checkpoint row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Checkpoint {
    /// The projection's versioned name.
    pub name: String,
    /// The last log position whose effect is in its tables.
    pub position: i64,
    /// When it first reached the log head (microseconds, UTC), if ever.
    pub caught_up_at: Option<i64>,
}

/// Every checkpoint row.
pub async fn all(db: &Db) -> Result<Vec<Checkpoint>> {
    Ok(db
        .fetch_all(&Statement::new(
            "SELECT name, position, caught_up_at FROM projection_checkpoints ORDER BY name",
            Vec::new(),
        ))
        .await?)
}

/// The checkpoint of `name`, if the projection was ever installed.
pub async fn get(db: &Db, name: &str) -> Result<Option<Checkpoint>> {
    Ok(db
        .fetch_optional(&Statement::new(
            "SELECT name, position, caught_up_at FROM projection_checkpoints WHERE name = $1",
            vec![Arg::Text(name.to_owned())],
        ))
        .await?)
}

/// Creates the projection's tables and its checkpoint row (at 0) if missing.
pub async fn install(store: &EventStore, projection: &dyn Projection) -> Result<()> {
    let mut tx = begin(store.db()).await?;
    tx.run_script(&projection.schema(store.db().dialect()))
        .await?;
    tx.run(&Statement::new(
        "INSERT INTO projection_checkpoints (name, position, caught_up_at, updated_at) \
         VALUES ($1, 0, NULL, $2) ON CONFLICT (name) DO NOTHING",
        vec![
            Arg::Text(projection.name().to_owned()),
            Arg::Int(store.clock().now().timestamp_micros()),
        ],
    ))
    .await?;
    Ok(tx.commit().await?)
}

/// Drops the projection's tables, recreates them empty and without
/// indexes (see [`create_indexes`]) and sets its checkpoint back to 0 (not
/// caught up), in one transaction.
pub async fn reset(store: &EventStore, projection: &dyn Projection) -> Result<()> {
    let mut tx = begin(store.db()).await?;
    tx.run_script(&drop_script(projection)).await?;
    tx.run_script(&ddl_part(&projection.schema(store.db().dialect()), false))
        .await?;
    tx.run(&Statement::new(
        "INSERT INTO projection_checkpoints (name, position, caught_up_at, updated_at) \
         VALUES ($1, 0, NULL, $2) \
         ON CONFLICT (name) DO UPDATE SET position = 0, caught_up_at = NULL, updated_at = $2",
        vec![
            Arg::Text(projection.name().to_owned()),
            Arg::Int(store.clock().now().timestamp_micros()),
        ],
    ))
    .await?;
    Ok(tx.commit().await?)
}

/// Creates the projection's indexes (after a rebuild filled its tables).
pub async fn create_indexes(store: &EventStore, projection: &dyn Projection) -> Result<()> {
    let mut tx = begin(store.db()).await?;
    tx.run_script(&ddl_part(&projection.schema(store.db().dialect()), true))
        .await?;
    Ok(tx.commit().await?)
}

/// Moves `name` from `from` to `to` inside `tx`. Fails with
/// [`Error::CheckpointMoved`] when the row is no longer at `from`: another
/// runner got there first, and the caller's transaction must roll back.
pub async fn advance(tx: &mut Tx, name: &str, from: i64, to: i64, now_micros: i64) -> Result<()> {
    let moved = tx
        .run(&Statement::new(
            "UPDATE projection_checkpoints SET position = $3, updated_at = $4 \
             WHERE name = $1 AND position = $2",
            vec![
                Arg::Text(name.to_owned()),
                Arg::Int(from),
                Arg::Int(to),
                Arg::Int(now_micros),
            ],
        ))
        .await?;
    if moved == 1 {
        Ok(())
    } else {
        Err(Error::CheckpointMoved {
            name: name.to_owned(),
            expected: from,
        })
    }
}

/// Records that `name` has reached the log head (once; later calls keep the first time).
pub async fn mark_caught_up(db: &Db, name: &str, now_micros: i64) -> Result<()> {
    let statement = Statement::new(
        "UPDATE projection_checkpoints SET caught_up_at = $2 \
         WHERE name = $1 AND caught_up_at IS NULL",
        vec![Arg::Text(name.to_owned()), Arg::Int(now_micros)],
    );
    let mut tx = begin(db).await?;
    tx.run(&statement).await?;
    Ok(tx.commit().await?)
}
