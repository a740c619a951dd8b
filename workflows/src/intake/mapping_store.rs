//! Mappings managed by admins through the API or CLI: saved in the
//! `intake_mappings` table and laid over the shipped ones, so an admin can fix
//! a code or add a platform without a release.

use returns_eventstore::backend::Backend;
use returns_eventstore::EventStore;

use super::error::MappingFileError;
use super::mapping::{Mapping, Mappings};

/// Why a mapping could not be saved or loaded.
#[derive(Debug, thiserror::Error)]
pub enum MappingStoreError {
    /// The TOML is not a valid mapping (code `VALIDATION`).
    #[error(transparent)]
    Invalid(#[from] MappingFileError),
    /// The database failed.
    #[error("intake mappings: {0}")]
    Database(#[from] sqlx::Error),
}

const UPSERT: &str = "INSERT INTO intake_mappings (platform, source, updated_at) VALUES ($1, $2, $3) \
     ON CONFLICT (platform) DO UPDATE SET source = excluded.source, updated_at = excluded.updated_at";

/// Checks and saves a mapping (replacing the platform's previous one); returns it parsed.
pub async fn save_mapping(store: &EventStore, source: &str) -> Result<Mapping, MappingStoreError> {
    let mapping = Mapping::from_toml("mapping", source)?;
    let now = store.clock().now();
    match store.backend() {
        Backend::Sqlite(pool) => sqlx::query(UPSERT)
            .bind(&mapping.platform)
            .bind(source)
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected(),
        Backend::Postgres(pool) => sqlx::query(UPSERT)
            .bind(&mapping.platform)
            .bind(source)
            .bind(now)
            .execute(pool)
            .await?
            .rows_affected(),
    };
    Ok(mapping)
}

/// Removes a saved mapping (the shipped one, if any, applies again); returns whether one existed.
pub async fn delete_mapping(store: &EventStore, platform: &str) -> Result<bool, sqlx::Error> {
    let sql = "DELETE FROM intake_mappings WHERE platform = $1";
    let n = match store.backend() {
        Backend::Sqlite(pool) => sqlx::query(sql)
            .bind(platform)
            .execute(pool)
            .await?
            .rows_affected(),
        Backend::Postgres(pool) => sqlx::query(sql)
            .bind(platform)
            .execute(pool)
            .await?
            .rows_affected(),
    };
    Ok(n > 0)
}

/// The mappings in force: the shipped ones, replaced or extended by saved ones.
pub async fn load_mappings(store: &EventStore) -> Result<Mappings, MappingStoreError> {
    let sql = "SELECT platform, source FROM intake_mappings ORDER BY platform";
    let rows: Vec<(String, String)> = match store.backend() {
        Backend::Sqlite(pool) => sqlx::query_as(sql).fetch_all(pool).await?,
        Backend::Postgres(pool) => sqlx::query_as(sql).fetch_all(pool).await?,
    };
    let mut mappings = Mappings::builtin()?;
    for (platform, source) in rows {
        mappings.replace(Mapping::from_toml(&platform, &source)?);
    }
    Ok(mappings)
}
