//! `intake_mappings`: mapping files saved by admins, by platform.

use returns_eventstore::{statement, EventStore, Result};

/// Saves `source` as `platform`'s mapping, replacing an earlier one.
pub async fn save(store: &EventStore, platform: &str, source: &str) -> Result<()> {
    let now = store.clock().now();
    store
        .db()
        .execute(&statement!(
            "INSERT INTO intake_mappings (platform, source, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (platform) DO UPDATE SET source = excluded.source, \
             updated_at = excluded.updated_at",
            platform,
            source,
            now
        ))
        .await?;
    Ok(())
}

/// Removes `platform`'s saved mapping; whether there was one.
pub async fn delete(store: &EventStore, platform: &str) -> Result<bool> {
    let removed = store
        .db()
        .execute(&statement!(
            "DELETE FROM intake_mappings WHERE platform = $1",
            platform
        ))
        .await?;
    Ok(removed > 0)
}

/// Every saved mapping as (platform, TOML source), by platform.
pub async fn all(store: &EventStore) -> Result<Vec<(String, String)>> {
    store
        .db()
        .fetch_all(&statement!(
            "SELECT platform, source FROM intake_mappings ORDER BY platform"
        ))
        .await
}
