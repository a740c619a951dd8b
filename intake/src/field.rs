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
    /// When `path` finds nothing: the sum of the values at these paths, each
    /// converted like `path`'s (all must be there). For an amount a platform
    /// documents as the sum of two others (Taobao: `total_fee` = `payment` +
    /// `refund_fee`), so an export without it still reads the same amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sum_of: Option<Vec<String>>,
    /// Other names of the same documented field, tried in order when `path`
    /// finds nothing (Kuaishou's list view calls `refundAmount` `refundFee`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aliases: Option<Vec<String>>,
}

/// A [`FieldSpec`] with its path compiled.
#[derive(Debug, Clone)]
pub struct Field {
    spec: FieldSpec,
    path: Option<JsonPath>,
    sum_of: Vec<JsonPath>,
    aliases: Vec<JsonPath>,
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
        if spec.sum_of.as_ref().is_some_and(Vec::is_empty) {
            return Err(format!("{target}: `sum_of` must list paths"));
        }
        let sum_of = parse_paths(target, "sum_of", spec.sum_of.as_deref())?;
        let aliases = parse_paths(target, "aliases", spec.aliases.as_deref())?;
        Ok(Self {
            spec,
            path,
            sum_of,
            aliases,
        })
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
        let written_aliases = self.spec.aliases.clone().unwrap_or_default();
        let tried = self.path.iter().map(|p| (p, written)).chain(
            self.aliases
                .iter()
                .zip(written_aliases.iter().map(String::as_str)),
        );
        for (path, written) in tried {
            if located.is_some() {
                break;
            }
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
        if located.is_none() && !self.sum_of.is_empty() {
            return self.sum(root, base, target, errors);
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

impl Field {
    /// The sum of the `sum_of` paths' converted integer values; any missing
    /// part is reported as the field missing (with its `path`).
    fn sum(
        &self,
        root: &Value,
        base: &str,
        target: &str,
        errors: &mut Vec<MappingError>,
    ) -> Option<Found> {
        let written = self.spec.sum_of.clone().unwrap_or_default();
        let mut total: i64 = 0;
        let mut parts = Vec::new();
        for (path, text) in self.sum_of.iter().zip(&written) {
            let nodes = path.query_located(root).all();
            let one = match nodes.as_slice() {
                [one] if !one.node().is_null() => one,
                _ => {
                    if self.spec.required || self.spec.default.is_none() {
                        let main = self.spec.path.as_deref().unwrap_or("default");
                        errors.push(MappingError {
                            path: format!("{base}{}", strip_root(main)),
                            field: target.to_owned(),
                            expected: format!(
                                "a value (required), or every one of {}",
                                written.join(", ")
                            ),
                            found: format!("missing ({text} missing)"),
                        });
                    }
                    return self.spec.default.clone().map(|value| Found {
                        value,
                        path: "default".to_owned(),
                    });
                }
            };
            let location = format!("{base}{}", strip_root(&one.location().to_string()));
            let value = match self.spec.convert {
                Some(convert) => match convert.apply(one.node()) {
                    Ok(v) => v,
                    Err(e) => {
                        errors.push(MappingError {
                            path: location,
                            field: target.to_owned(),
                            expected: e.expected,
                            found: describe(one.node()),
                        });
                        return None;
                    }
                },
                None => one.node().clone(),
            };
            let Some(part) = value.as_i64().and_then(|v| total.checked_add(v)) else {
                errors.push(MappingError {
                    path: location,
                    field: target.to_owned(),
                    expected: "an integer amount to add up".to_owned(),
                    found: describe(&value),
                });
                return None;
            };
            total = part;
            parts.push(location);
        }
        Some(Found {
            value: Value::from(total),
            path: parts.join(" + "),
        })
    }
}

/// The compiled JSONPaths of a list (`sum_of`, `aliases`) of a target.
fn parse_paths(
    target: &str,
    what: &str,
    texts: Option<&[String]>,
) -> Result<Vec<JsonPath>, String> {
    texts
        .unwrap_or_default()
        .iter()
        .map(|text| {
            JsonPath::parse(text)
                .map_err(|e| format!("{target}: bad JSONPath `{text}` in {what}: {e}"))
        })
        .collect()
}

/// A path relative to a line node keeps its own `$`; under a base it is spliced in.
fn strip_root(path: &str) -> &str {
    path.strip_prefix('$').unwrap_or(path)
}
