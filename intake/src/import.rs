//! Importing one platform record (the `importAftersale` mutation) and the
//! set-up every import needs: the intake tables and the custom fields its
//! mapping fills.

use returns_eventstore::{EventStore, Metadata};
use returns_tickets::Tickets;
use serde_json::Value;

use super::custom_fields::{
    define_if_missing, list_definitions, CustomFieldDefinition, DefinitionError, Definitions,
};
use super::error::ImportError;
use super::mapping::{Mapping, Mappings};
use super::preview::preview;
use super::sync::{apply, ImportOutcome};
use crate::records;

/// The definitions in force for imports with `mapping`: a custom field the
/// mapping fills and no admin has defined yet is defined from the mapping's
/// declaration (type, options), so a shipped mapping works on a fresh
/// database; an admin's own definition always wins.
pub async fn prepare_definitions(
    store: &EventStore,
    mapping: &Mapping,
) -> Result<Definitions, ImportError> {
    let mut definitions = list_definitions(store).await?;
    let mut added = false;
    for (name, target) in &mapping.custom_fields {
        if definitions.contains_key(name) {
            continue;
        }
        let mut definition = CustomFieldDefinition::new(name.clone(), target.field_type, false);
        definition.options = target.options.clone();
        definition.description = format!("mapped from {}", mapping.platform);
        match define_if_missing(store, &definition).await {
            Ok(()) => added = true,
            Err(DefinitionError::Database(e)) => return Err(e.into()),
            Err(DefinitionError::Invalid(e)) => return Err(e.into()),
        }
    }
    if added {
        definitions = list_definitions(store).await?;
    }
    Ok(definitions)
}

/// Imports one platform record: opens its ticket, updates it from a newer
/// platform version, or does nothing and says why. On any error (mapping,
/// custom field, refused command) nothing is written.
pub async fn import_one(
    tickets: &Tickets,
    mappings: &Mappings,
    platform: &str,
    payload: &Value,
    metadata: Metadata,
) -> Result<ImportOutcome, ImportError> {
    let store = tickets.store();
    let mapping = mappings
        .get(platform)
        .ok_or_else(|| ImportError::UnknownPlatform(platform.to_owned()))?;
    let mapped = preview(&mapping, payload, store.clock().now()).map_err(ImportError::Mapping)?;
    let definitions = prepare_definitions(store, &mapping).await?;
    let prior = records::find(store, &mapped.platform, &mapped.aftersale_id).await?;
    let (outcome, row) = apply(
        tickets,
        &mapping,
        &mapped,
        prior.as_ref(),
        &definitions,
        &metadata,
    )
    .await?;
    if let Some(row) = row {
        records::save(store, &[row]).await?;
    }
    Ok(outcome)
}
