//! One mapped value: where it comes from in the platform's JSON (an RFC 9535
//! JSONPath), how it is converted and translated, and what happens when it
//! is missing. Every target in a mapping file is one of these.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use serde_json_path::JsonPath;

use super::convert::Convert;
use super::error::MappingError;

/// A field as written in a mapping file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// JSONPath into the payload (or into the line, for line fields); none: the default is used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Conversion applied to the found value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub convert: Option<Convert>,
    /// Platform code (as text) → our value; a code not listed is an error unless `otherwise` is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub map: Option<BTreeMap<String, Value>>,
    /// The value for codes `map` does not list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub otherwise: Option<Value>,
    /// The value when the path finds nothing (or `null`); used as is, not converted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    /// Whether a missing value (with no default) is an error.
    #[serde(default)]
    pub required: bool,
}

/// A [`FieldSpec`] with its path compiled.
#[derive(Debug, Clone)]
pub struct Field {
    spec: FieldSpec,
    path: Option<JsonPath>,
}

/// A value found (or defaulted) for a target, with the path it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// The converted, translated value.
    pub value: Value,
    /// The normalized path of the node, or the mapping's path (or `default`).
    pub path: String,
}

/// How much of a payload value an error message shows.
const FOUND_CHARS: usize = 80;

/// A short rendering of a payload value for error messages.
pub fn describe(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= FOUND_CHARS {
        text
    } else {
        let cut: String = text.chars().take(FOUND_CHARS).collect();
        format!("{cut}…")
    }
}

/// The text a code is looked up by in a `map`: strings as they are, numbers and booleans as written.
fn code_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

impl Field {
    /// Compiles `spec`; a malformed JSONPath is reported with the target's name.
    pub fn compile(target: &str, spec: FieldSpec) -> Result<Self, String> {
        let path = match &spec.path {
            Some(text) => Some(
                JsonPath::parse(text)
                    .map_err(|e| format!("{target}: bad JSONPath `{text}`: {e}"))?,
            ),
            None => None,
        };
        if path.is_none() && spec.default.is_none() {
            return Err(format!("{target}: needs a `path` or a `default`"));
        }
        Ok(Self { spec, path })
    }

    /// The field as written.
    pub fn spec(&self) -> &FieldSpec {
        &self.spec
    }

    /// Finds, converts and translates the value for `target` in `root`. Problems
    /// are pushed onto `errors`; `None` means no value (missing and optional, or failed).
    pub fn extract(
        &self,
        root: &Value,
        base: &str,
        target: &str,
        errors: &mut Vec<MappingError>,
    ) -> Option<Found> {
        let written = self.spec.path.as_deref().unwrap_or("default");
        let error = |path: String, expected: String, found: String| MappingError {
            path,
            field: target.to_owned(),
            expected,
            found,
        };
        let mut located = None;
        if let Some(path) = &self.path {
            let nodes = path.query_located(root).all();
            match nodes.as_slice() {
                [] => {}
                [one] => {
                    if !one.node().is_null() {
                        located = Some((
                            format!("{base}{}", strip_root(&one.location().to_string())),
                            one.node().clone(),
                        ));
                    }
                }
                many => {
                    errors.push(error(
                        format!("{base}{}", strip_root(written)),
                        "exactly one value".to_owned(),
                        format!("{} values", many.len()),
                    ));
                    return None;
                }
            }
        }
        let Some((path, raw)) = located else {
            if let Some(default) = &self.spec.default {
                return Some(Found {
                    value: default.clone(),
                    path: "default".to_owned(),
                });
            }
            if self.spec.required {
                errors.push(error(
                    format!("{base}{}", strip_root(written)),
                    "a value (required)".to_owned(),
                    "missing".to_owned(),
                ));
            }
            return None;
        };
        let converted = match self.spec.convert {
            Some(convert) => match convert.apply(&raw) {
                Ok(v) => v,
                Err(e) => {
                    errors.push(error(path, e.expected, describe(&raw)));
                    return None;
                }
            },
            None => raw,
        };
        let value = match &self.spec.map {
            Some(map) => {
                let hit = code_of(&converted).and_then(|code| map.get(&code));
                match (hit, &self.spec.otherwise) {
                    (Some(v), _) => v.clone(),
                    (None, Some(otherwise)) => otherwise.clone(),
                    (None, None) => {
                        let known: Vec<&str> = map.keys().map(String::as_str).collect();
                        errors.push(error(
                            path,
                            format!("a known code: one of {}", known.join(", ")),
                            describe(&converted),
                        ));
                        return None;
                    }
                }
            }
            None => converted,
        };
        Some(Found { value, path })
    }
}

/// A path relative to a line node keeps its own `$`; under a base it is spliced in.
fn strip_root(path: &str) -> &str {
    path.strip_prefix('$').unwrap_or(path)
}
