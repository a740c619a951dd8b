//! One active runner per projection across processes sharing PostgreSQL.
//!
//! A session-level `pg_try_advisory_lock` on a connection of its own (taken
//! out of the pool, so the lock lives exactly as long as that connection);
//! when the holder stops or dies, the connection closes, the lock goes and a
//! waiting runner takes over. SQLite needs no lock: it serves one process
//! (DESIGN.md §8), and the checkpoint's compare-and-set still refuses a
//! batch applied twice.

use returns_eventstore::backend::Backend;
use sqlx::{Connection, PgConnection};

use crate::error::Result;

/// The advisory lock key of a projection: FNV-1a of its name, stable
/// across processes and builds (Rust's own hasher is randomly seeded).
pub fn lock_key(name: &str) -> i64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in format!("returns-projection:{name}").bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    i64::from_ne_bytes(hash.to_ne_bytes())
}

/// The right to apply one projection, held until dropped or released.
pub enum Leadership {
    /// SQLite: one process, nothing to hold.
    Local,
    /// PostgreSQL: the connection holding the advisory lock, and its key.
    Postgres(PgConnection, i64),
}

impl Leadership {
    /// Takes the lock for `name` if no one holds it; `None` otherwise.
    pub async fn try_acquire(backend: &Backend, name: &str) -> Result<Option<Self>> {
        match backend {
            Backend::Sqlite(_) => Ok(Some(Self::Local)),
            Backend::Postgres(pool) => {
                let mut conn = pool.acquire().await?.detach();
                let key = lock_key(name);
                let got: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
                    .bind(key)
                    .fetch_one(&mut conn)
                    .await?;
                if got {
                    Ok(Some(Self::Postgres(conn, key)))
                } else {
                    let _ = conn.close().await;
                    Ok(None)
                }
            }
        }
    }

    /// Fails if the lock's connection is gone (and with it the lock), so
    /// the holder stops applying before someone else starts.
    pub async fn check(&mut self) -> Result<()> {
        if let Self::Postgres(conn, _) = self {
            conn.ping().await?;
        }
        Ok(())
    }

    /// Gives the lock up now. Unlocked explicitly before closing: the
    /// server frees a closed session's locks only once its backend exits,
    /// a moment later, and a successor trying right away would miss it.
    pub async fn release(self) {
        if let Self::Postgres(mut conn, key) = self {
            let _ = sqlx::query("SELECT pg_advisory_unlock($1)")
                .bind(key)
                .execute(&mut conn)
                .await;
            let _ = conn.close().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_keys_are_stable_across_builds_and_distinct_per_name() {
        // Pinned: two builds of the runner must agree on the key.
        assert_eq!(lock_key("worklist_v1"), lock_key("worklist_v1"));
        assert_ne!(lock_key("worklist_v1"), lock_key("worklist_v2"));
        assert_eq!(lock_key("worklist_v1"), -9_145_937_269_949_423_557);
    }
}
