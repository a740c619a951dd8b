//! Mappings managed by admins through the API or CLI: saved in the
//! `intake_mappings` table and laid over the shipped ones, so an admin can fix
//! a code or add a platform without a release.

use returns_eventstore::EventStore;

use crate::error::MappingFileError;
use crate::mapping::{Mapping, Mappings};
use crate::storage::mappings;

/// Why a mapping could not be saved or loaded.
#[derive(Debug, thiserror::Error)]
pub enum MappingStoreError {
    /// The TOML is not a valid mapping (code `VALIDATION`).
    #[error(transparent)]
    Invalid(#[from] MappingFileError),
    /// The database failed.
    #[error("intake mappings: {0}")]
    Database(#[from] returns_eventstore::Error),
}

/// Checks and saves a mapping (replacing the platform's previous one); returns it parsed.
pub async fn save_mapping(store: &EventStore, source: &str) -> Result<Mapping, MappingStoreError> {
    let mapping = Mapping::from_toml("mapping", source)?;
    mappings::save(store, &mapping.platform, source).await?;
    Ok(mapping)
}

/// Removes a saved mapping (the shipped one, if any, applies again); returns whether one existed.
pub async fn delete_mapping(
    store: &EventStore,
    platform: &str,
) -> Result<bool, returns_eventstore::Error> {
    mappings::delete(store, platform).await
}

/// The mappings in force: the shipped ones, replaced or extended by saved ones.
pub async fn load_mappings(store: &EventStore) -> Result<Mappings, MappingStoreError> {
    let rows = mappings::all(store).await?;
    let mut mappings = Mappings::builtin()?;
    for (platform, source) in rows {
        mappings.replace(Mapping::from_toml(&platform, &source)?);
    }
    Ok(mappings)
}
