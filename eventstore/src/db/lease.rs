//! One holder at a time of a named duty (a projection's runner, the
//! workflow runtime) across every process sharing the database.
//!
//! PostgreSQL: a session-level `pg_try_advisory_lock` on a connection of the
//! lease's own (taken out of the pool, so the lock lives exactly as long as
//! that connection). When the holder dies its connection closes and the lock
//! goes; a contender asking again takes over. SQLite serves one process
//! (DESIGN.md §8): the lease is always granted there, and what the lease
//! guards keeps its own compare-and-set (checkpoints) for the rare second
//! process such as `returns rebuild`.

use std::time::Duration;

use sqlx::{Connection, PgConnection};

use super::Db;
use crate::backend::Backend;
use crate::error::Result;

/// How often a contender asks for a lease again: the longest a duty waits
/// for a new holder once the old one is gone, whether it released the lease
/// or died.
pub const PERIOD: Duration = Duration::from_secs(1);

/// The right to do one named duty, held until released or dropped.
#[derive(Debug)]
pub struct Lease {
    held: Held,
}

#[derive(Debug)]
enum Held {
    Local,
    Postgres { connection: PgConnection, key: i64 },
}

/// The advisory lock key of a lease name: FNV-1a, stable across processes
/// and builds (Rust's own hasher is randomly seeded), so two versions of the
/// server agree on who holds what.
pub fn key_of(name: &str) -> i64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in name.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    i64::from_ne_bytes(hash.to_ne_bytes())
}

impl Lease {
    /// Takes the lease `name` if no one holds it; `None` otherwise.
    pub async fn try_acquire(db: &Db, name: &str) -> Result<Option<Self>> {
        match db.backend() {
            Backend::Sqlite(_) => Ok(Some(Self { held: Held::Local })),
            Backend::Postgres(pool) => {
                let mut connection = pool.acquire().await?.detach();
                let key = key_of(name);
                let got: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
                    .bind(key)
                    .fetch_one(&mut connection)
                    .await?;
                if got {
                    Ok(Some(Self {
                        held: Held::Postgres { connection, key },
                    }))
                } else {
                    let _ = connection.close().await;
                    Ok(None)
                }
            }
        }
    }

    /// Fails if the lease's connection is gone (and with it the lock), so
    /// the holder stops before a successor starts.
    pub async fn check(&mut self) -> Result<()> {
        if let Held::Postgres { connection, .. } = &mut self.held {
            connection.ping().await?;
        }
        Ok(())
    }

    /// Gives the lease up now. Unlocked explicitly before closing: the
    /// server frees a closed session's locks only once its backend process
    /// exits, a moment later, and a successor asking right away would miss
    /// it.
    pub async fn release(self) {
        if let Held::Postgres {
            mut connection,
            key,
        } = self.held
        {
            let _ = sqlx::query("SELECT pg_advisory_unlock($1)")
                .bind(key)
                .execute(&mut connection)
                .await;
            let _ = connection.close().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_stable_across_builds_and_distinct_per_name() {
        // Pinned: two builds of the server must agree on the key.
        assert_eq!(
            key_of("returns-projection:worklist_v1"),
            -9_145_937_269_949_423_557
        );
        assert_ne!(
            key_of("returns-projection:worklist_v1"),
            key_of("returns-projection:worklist_v2")
        );
    }
}
