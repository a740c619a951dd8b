//! `custom_field_definitions`: the custom fields admins (or mappings, on
//! first import) defined.

use chrono::{DateTime, Utc};
use returns_domain::Role;
use returns_eventstore::db::{Arg, Statement};
use returns_eventstore::{statement, EventStore, Result};
use serde_json::json;
use sqlx::types::Json;

use crate::custom_fields::{CustomFieldDefinition, Definitions, FieldType};

#[derive(sqlx::FromRow)]
struct Row {
    name: String,
    field_type: String,
    required: bool,
    options: Json<Vec<String>>,
    visible_to: Json<Vec<Role>>,
    description: String,
}

impl Row {
    fn into_definition(self) -> Result<CustomFieldDefinition> {
        let field_type = FieldType::parse(&self.field_type).ok_or_else(|| {
            returns_eventstore::Error::from(sqlx::Error::Decode(
                format!("unknown custom field type {:?}", self.field_type).into(),
            ))
        })?;
        Ok(CustomFieldDefinition {
            name: self.name,
            field_type,
            required: self.required,
            options: self.options.0,
            visible_to: self.visible_to.0,
            description: self.description,
        })
    }
}

const SELECT: &str = "SELECT name, field_type, required, options, visible_to, description \
                      FROM custom_field_definitions ORDER BY name";

/// Every definition, by name.
pub async fn all(store: &EventStore) -> Result<Definitions> {
    let rows: Vec<Row> = store.db().fetch_all(&statement!(SELECT)).await?;
    rows.into_iter()
        .map(|r| r.into_definition().map(|d| (d.name.clone(), d)))
        .collect()
}

const COLUMNS: &str = "INSERT INTO custom_field_definitions \
     (name, field_type, required, options, visible_to, description, updated_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (name) DO ";

const REPLACE: &str = "UPDATE SET field_type = excluded.field_type, \
     required = excluded.required, options = excluded.options, \
     visible_to = excluded.visible_to, description = excluded.description, \
     updated_at = excluded.updated_at";

fn write(d: &CustomFieldDefinition, at: DateTime<Utc>, on_conflict: &str) -> Statement {
    Statement::new(
        format!("{COLUMNS}{on_conflict}"),
        vec![
            Arg::from(d.name.as_str()),
            Arg::from(d.field_type.as_str()),
            Arg::Bool(d.required),
            Arg::Json(json!(d.options)),
            Arg::Json(json!(d.visible_to)),
            Arg::from(d.description.as_str()),
            Arg::Time(at),
        ],
    )
}

/// Creates or replaces a definition.
pub async fn upsert(
    store: &EventStore,
    d: &CustomFieldDefinition,
    at: DateTime<Utc>,
) -> Result<()> {
    store.db().execute(&write(d, at, REPLACE)).await?;
    Ok(())
}

/// Creates a definition unless one with its name exists.
pub async fn insert_if_missing(
    store: &EventStore,
    d: &CustomFieldDefinition,
    at: DateTime<Utc>,
) -> Result<()> {
    store.db().execute(&write(d, at, "NOTHING")).await?;
    Ok(())
}

/// Removes a definition; whether there was one.
pub async fn remove(store: &EventStore, name: &str) -> Result<bool> {
    let removed = store
        .db()
        .execute(&statement!(
            "DELETE FROM custom_field_definitions WHERE name = $1",
            name
        ))
        .await?;
    Ok(removed > 0)
}
