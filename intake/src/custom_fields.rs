//! Admin-defined custom fields: a name, a type, whether it is required and
//! which departments see it. Values mapped by intake or set by hand are
//! checked against the definition; a bad value is a `VALIDATION` error that
//! names the field (`custom_fields.<name>`).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use returns_domain::{CustomFields, DomainError, Role};
use returns_eventstore::EventStore;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::storage::custom_fields as storage;

/// The type of a custom field's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    /// A string.
    Text,
    /// A JSON number.
    Number,
    /// An integer amount in minor units of the ticket's currency.
    Money,
    /// An ISO date `YYYY-MM-DD`.
    Date,
    /// One of the definition's `options`.
    Enum,
    /// `true` or `false`.
    Boolean,
}

impl FieldType {
    /// The snake_case name, as stored.
    pub fn as_str(&self) -> &'static str {
        match self {
            FieldType::Text => "text",
            FieldType::Number => "number",
            FieldType::Money => "money",
            FieldType::Date => "date",
            FieldType::Enum => "enum",
            FieldType::Boolean => "boolean",
        }
    }

    /// Parses a stored name.
    pub fn parse(name: &str) -> Option<Self> {
        [
            FieldType::Text,
            FieldType::Number,
            FieldType::Money,
            FieldType::Date,
            FieldType::Enum,
            FieldType::Boolean,
        ]
        .into_iter()
        .find(|t| t.as_str() == name)
    }
}

/// What an admin declared about one custom field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomFieldDefinition {
    /// The field's key in `custom_fields`.
    pub name: String,
    /// Its type.
    pub field_type: FieldType,
    /// Whether a new ticket must carry it.
    pub required: bool,
    /// Allowed values for `enum` (empty otherwise).
    #[serde(default)]
    pub options: Vec<String>,
    /// Roles (departments) that see it; empty: everyone.
    #[serde(default)]
    pub visible_to: Vec<Role>,
    /// A line for people about what it holds.
    #[serde(default)]
    pub description: String,
}

/// Longest text value, in characters.
const MAX_TEXT_CHARS: usize = 4000;

fn invalid(name: &str, message: impl Into<String>) -> DomainError {
    DomainError::validation(format!("custom_fields.{name}"), message)
}

impl CustomFieldDefinition {
    /// A definition with no options, visible to everyone.
    pub fn new(name: impl Into<String>, field_type: FieldType, required: bool) -> Self {
        Self {
            name: name.into(),
            field_type,
            required,
            options: Vec::new(),
            visible_to: Vec::new(),
            description: String::new(),
        }
    }

    /// Whether `role` sees the field (admins and auditors see every field).
    pub fn visible_for(&self, role: Role) -> bool {
        self.visible_to.is_empty()
            || matches!(role, Role::Admin | Role::Auditor | Role::System)
            || self.visible_to.contains(&role)
    }

    /// Checks the definition itself: a usable name, options only (and always) for enums.
    pub fn check(&self) -> Result<(), DomainError> {
        let name = self.name.trim();
        if name.is_empty() || name.len() > 64 || name != self.name {
            return Err(DomainError::validation(
                "name",
                "must be 1–64 characters without surrounding spaces",
            ));
        }
        match (self.field_type, self.options.is_empty()) {
            (FieldType::Enum, true) => Err(invalid(name, "an enum needs at least one option")),
            (FieldType::Enum, false) => Ok(()),
            (_, false) => Err(invalid(name, "only enums take options")),
            (_, true) => Ok(()),
        }
    }

    /// Checks one value; `null` (removal) passes here and is judged by [`validate_fields`].
    pub fn validate(&self, value: &Value) -> Result<(), DomainError> {
        let name = &self.name;
        let ok = match (self.field_type, value) {
            (_, Value::Null) => return Ok(()),
            (FieldType::Text, Value::String(s)) => {
                if s.chars().count() > MAX_TEXT_CHARS {
                    return Err(invalid(
                        name,
                        format!("text longer than {MAX_TEXT_CHARS} characters"),
                    ));
                }
                true
            }
            (FieldType::Number, Value::Number(_)) => true,
            (FieldType::Money, Value::Number(n)) => {
                if n.as_i64().is_none_or(|v| v < 0) {
                    return Err(invalid(
                        name,
                        format!("money is a non-negative integer in minor units, found {n}"),
                    ));
                }
                true
            }
            (FieldType::Date, Value::String(s)) => {
                if s.len() != 10 || NaiveDate::parse_from_str(s, "%Y-%m-%d").is_err() {
                    return Err(invalid(
                        name,
                        format!("expected a date YYYY-MM-DD, found {s:?}"),
                    ));
                }
                true
            }
            (FieldType::Enum, Value::String(s)) => {
                if !self.options.contains(s) {
                    return Err(invalid(
                        name,
                        format!("{s:?} is not one of {}", self.options.join(", ")),
                    ));
                }
                true
            }
            (FieldType::Boolean, Value::Bool(_)) => true,
            _ => false,
        };
        if ok {
            Ok(())
        } else {
            Err(invalid(
                name,
                format!("expected {}, found {value}", self.field_type.as_str()),
            ))
        }
    }
}

/// The definitions in force, by name.
pub type Definitions = BTreeMap<String, CustomFieldDefinition>;

/// Checks `fields` against `definitions`: every field must be defined and
/// valid; on a new ticket (`opening`) every required field must be present and
/// not null, and on an update a required field cannot be removed.
pub fn validate_fields(
    definitions: &Definitions,
    fields: &CustomFields,
    opening: bool,
) -> Result<(), DomainError> {
    for (name, value) in fields {
        let definition = definitions
            .get(name)
            .ok_or_else(|| invalid(name, "no such custom field is defined"))?;
        if definition.required && value.is_null() {
            return Err(invalid(name, "is required and cannot be removed"));
        }
        definition.validate(value)?;
    }
    if opening {
        if let Some(missing) = definitions
            .values()
            .find(|d| d.required && !fields.contains_key(&d.name))
        {
            return Err(invalid(&missing.name, "is required"));
        }
    }
    Ok(())
}

/// Every definition, by name.
pub async fn list_definitions(
    store: &EventStore,
) -> Result<Definitions, returns_eventstore::Error> {
    storage::all(store).await
}

/// Why a definition could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum DefinitionError {
    /// The definition is not acceptable (code `VALIDATION`).
    #[error(transparent)]
    Invalid(#[from] DomainError),
    /// The database failed.
    #[error("custom field definitions: {0}")]
    Database(#[from] returns_eventstore::Error),
}

/// Creates or replaces a definition (admin). Values already on tickets are
/// not rewritten: the log is the truth; new values are checked against it.
pub async fn define(
    store: &EventStore,
    definition: &CustomFieldDefinition,
) -> Result<(), DefinitionError> {
    definition.check()?;
    storage::upsert(store, definition, store.clock().now()).await?;
    Ok(())
}

/// Creates a definition only if none exists with its name (an admin's own wins).
pub async fn define_if_missing(
    store: &EventStore,
    definition: &CustomFieldDefinition,
) -> Result<(), DefinitionError> {
    definition.check()?;
    storage::insert_if_missing(store, definition, store.clock().now()).await?;
    Ok(())
}

/// Removes a definition; returns whether there was one. Tickets keep their values.
pub async fn remove(store: &EventStore, name: &str) -> Result<bool, returns_eventstore::Error> {
    storage::remove(store, name).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn defs() -> Definitions {
        let mut color = CustomFieldDefinition::new("color", FieldType::Enum, false);
        color.options = vec!["red".into(), "blue".into()];
        [
            CustomFieldDefinition::new("note", FieldType::Text, false),
            CustomFieldDefinition::new("weight", FieldType::Number, false),
            CustomFieldDefinition::new("postage", FieldType::Money, false),
            CustomFieldDefinition::new("bought_on", FieldType::Date, false),
            CustomFieldDefinition::new("gift", FieldType::Boolean, true),
            color,
        ]
        .into_iter()
        .map(|d| (d.name.clone(), d))
        .collect()
    }

    fn fields(v: Value) -> CustomFields {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn valid_values_of_every_type_pass() {
        let f = fields(json!({"note": "x", "weight": 1.5, "postage": 800,
            "bought_on": "2026-11-20", "gift": true, "color": "red"}));
        assert_eq!(validate_fields(&defs(), &f, true), Ok(()));
    }

    #[test]
    fn an_invalid_value_is_a_validation_error_naming_the_field() {
        let cases = [
            json!({"gift": true, "postage": 8.5}),
            json!({"gift": true, "postage": -1}),
            json!({"gift": true, "bought_on": "20/11/2026"}),
            json!({"gift": true, "color": "green"}),
            json!({"gift": "yes"}),
            json!({"gift": true, "note": 3}),
            json!({"gift": true, "weight": "heavy"}),
        ];
        for case in cases {
            let name = case
                .as_object()
                .and_then(|o| o.keys().find(|k| *k != "gift" || o.len() == 1))
                .cloned()
                .unwrap();
            let err = validate_fields(&defs(), &fields(case.clone()), true).unwrap_err();
            assert_eq!(err.code(), "VALIDATION");
            match err {
                DomainError::Validation { field, .. } => {
                    assert_eq!(field, format!("custom_fields.{name}"), "{case}")
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn required_fields_must_be_present_on_open_and_never_removed() {
        let err = validate_fields(&defs(), &fields(json!({"note": "x"})), true).unwrap_err();
        assert!(err.to_string().contains("custom_fields.gift"), "{err}");
        assert_eq!(
            validate_fields(&defs(), &fields(json!({"note": "x"})), false),
            Ok(())
        );
        assert!(validate_fields(&defs(), &fields(json!({"gift": null})), false).is_err());
    }

    #[test]
    fn undefined_fields_are_refused() {
        let err = validate_fields(&defs(), &fields(json!({"gift": true, "size": "L"})), true)
            .unwrap_err();
        assert!(err.to_string().contains("custom_fields.size"), "{err}");
    }

    #[test]
    fn visibility_follows_departments() {
        let mut d = CustomFieldDefinition::new("cost", FieldType::Money, false);
        assert!(d.visible_for(Role::Warehouse));
        d.visible_to = vec![Role::Finance];
        assert!(d.visible_for(Role::Finance));
        assert!(!d.visible_for(Role::Warehouse));
        assert!(d.visible_for(Role::Admin));
    }
}
