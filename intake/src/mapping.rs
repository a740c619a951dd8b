//! The mapping file: one TOML document per platform that says how its
//! after-sale record becomes a ticket (see `intake/mappings/README.md`).
//!
//! Nothing here knows a platform: Taobao, Douyin and Kuaishou differ only in
//! their files, so a new platform or field is configuration, not code.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use returns_domain::{CommandKind, Currency, TicketStatus};
use serde::{Deserialize, Serialize};
use serde_json_path::JsonPath;

use super::custom_fields::FieldType;
use super::error::MappingFileError;
use super::field::{Field, FieldSpec};

/// The shipped mappings, embedded so the binary works from any directory.
const BUILTIN: [(&str, &str); 3] = [
    ("taobao.toml", include_str!("../mappings/taobao.toml")),
    ("douyin.toml", include_str!("../mappings/douyin.toml")),
    ("kuaishou.toml", include_str!("../mappings/kuaishou.toml")),
];

/// Hours from opening to the review deadline when the platform gives none.
const DEFAULT_REVIEW_HOURS: i64 = 48;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    platform: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    channel: Option<String>,
    currency: String,
    #[serde(default = "default_review_hours")]
    review_hours: i64,
    key: FieldSpec,
    #[serde(default)]
    version: Option<FieldSpec>,
    #[serde(default)]
    status: Option<FieldSpec>,
    ticket: TicketFile,
    lines: LinesFile,
    #[serde(default)]
    custom_fields: BTreeMap<String, CustomFieldFile>,
    #[serde(default)]
    sync: Vec<SyncFile>,
}

fn default_review_hours() -> i64 {
    DEFAULT_REVIEW_HOURS
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TicketFile {
    kind: FieldSpec,
    #[serde(default)]
    platform_order_id: Option<FieldSpec>,
    customer: FieldSpec,
    reason_code: FieldSpec,
    #[serde(default)]
    reason_text: Option<FieldSpec>,
    #[serde(default)]
    opened_at: Option<FieldSpec>,
    #[serde(default)]
    updated_at: Option<FieldSpec>,
    #[serde(default)]
    deadline: Option<FieldSpec>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LinesFile {
    #[serde(default)]
    each: Option<String>,
    #[serde(default)]
    line_id: Option<FieldSpec>,
    sku: FieldSpec,
    #[serde(default)]
    name: Option<FieldSpec>,
    qty: FieldSpec,
    paid: FieldSpec,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CustomFieldFile {
    #[serde(rename = "type", default = "text_type")]
    field_type: FieldType,
    #[serde(default)]
    options: Vec<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    convert: Option<super::convert::Convert>,
    #[serde(default)]
    map: Option<BTreeMap<String, serde_json::Value>>,
    #[serde(default)]
    otherwise: Option<serde_json::Value>,
    #[serde(default)]
    default: Option<serde_json::Value>,
    #[serde(default)]
    required: bool,
}

fn text_type() -> FieldType {
    FieldType::Text
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SyncFile {
    when_status: Vec<String>,
    command: String,
    #[serde(default)]
    satisfied_by: Vec<TicketStatus>,
    #[serde(default)]
    fields: BTreeMap<String, FieldSpec>,
}

/// The ticket-level targets of a mapping.
#[derive(Debug, Clone)]
pub struct TicketTargets {
    /// → `OpenTicket.kind` (`REFUND_ONLY`, `RETURN_AND_REFUND`, `EXCHANGE`).
    pub kind: Field,
    /// → `OpenTicket.platform_order_id`.
    pub platform_order_id: Option<Field>,
    /// → `OpenTicket.customer`.
    pub customer: Field,
    /// → `OpenTicket.reason_code`.
    pub reason_code: Field,
    /// → `OpenTicket.reason_text`.
    pub reason_text: Option<Field>,
    /// → `OpenTicket.at` (when the buyer applied); the import time when absent.
    pub opened_at: Option<Field>,
    /// When the platform last changed the record: the `at` of sync commands.
    pub updated_at: Option<Field>,
    /// The platform's deadline for the current step; becomes the review deadline on open.
    pub deadline: Option<Field>,
}

/// How a record's order lines are found.
#[derive(Debug, Clone)]
pub struct LineTargets {
    /// Selects one node per line; none: the record itself is the one line.
    pub each: Option<(String, JsonPath)>,
    /// → `TicketLine.line_id`, relative to the line; the 1-based position when absent.
    pub line_id: Option<Field>,
    /// → `TicketLine.sku`.
    pub sku: Field,
    /// → `TicketLine.name`.
    pub name: Option<Field>,
    /// → `TicketLine.qty`.
    pub qty: Field,
    /// → `TicketLine.paid` in minor units of the mapping's currency.
    pub paid: Field,
}

/// A custom field a mapping fills, with the type it declares for it.
#[derive(Debug, Clone)]
pub struct CustomFieldTarget {
    /// Where the value comes from.
    pub field: Field,
    /// The type the mapping expects; an admin's definition takes precedence.
    pub field_type: FieldType,
    /// Allowed values for `enum`.
    pub options: Vec<String>,
}

/// A platform status that implies a command on an existing ticket.
#[derive(Debug, Clone)]
pub struct SyncRule {
    /// The platform statuses (after the status field's conversion and map) that trigger it.
    pub when_status: Vec<String>,
    /// The command to issue.
    pub command: CommandKind,
    /// Ticket statuses in which the command's effect is already there (nothing to do).
    pub satisfied_by: Vec<TicketStatus>,
    /// The command's fields (dotted names nest: `return_address.phone`); `at` is added.
    pub fields: BTreeMap<String, Field>,
}

/// One platform's mapping, parsed and checked.
#[derive(Debug, Clone)]
pub struct Mapping {
    /// The platform's name as used in imports (`douyin`).
    pub platform: String,
    /// A line for admins about the mapping.
    pub description: Option<String>,
    /// The ticket's channel (defaults to the platform).
    pub channel: String,
    /// The currency of every amount.
    pub currency: Currency,
    /// Hours to the review deadline when the record has no deadline.
    pub review_hours: i64,
    /// The platform's after-sale id: with the platform, the record's key.
    pub key: Field,
    /// The record's version (an integer); newer versions update the ticket.
    pub version: Option<Field>,
    /// The record's status; changes trigger the sync rules.
    pub status: Option<Field>,
    /// Ticket targets.
    pub ticket: TicketTargets,
    /// Line targets.
    pub lines: LineTargets,
    /// Custom fields by name.
    pub custom_fields: BTreeMap<String, CustomFieldTarget>,
    /// Status rules, first match wins.
    pub sync: Vec<SyncRule>,
    source: String,
}

fn compile(target: &str, spec: FieldSpec) -> Result<Field, String> {
    Field::compile(target, spec)
}

fn compile_opt(target: &str, spec: Option<FieldSpec>) -> Result<Option<Field>, String> {
    spec.map(|s| compile(target, s)).transpose()
}

impl Mapping {
    /// Parses and checks a mapping file; `name` is used in error messages.
    pub fn from_toml(name: &str, text: &str) -> Result<Self, MappingFileError> {
        let invalid = |message: String| MappingFileError::Invalid {
            file: name.to_owned(),
            message,
        };
        let file: MappingFile = toml::from_str(text).map_err(|e| invalid(e.to_string()))?;
        Self::build(file, text.to_owned()).map_err(invalid)
    }

    fn build(file: MappingFile, source: String) -> Result<Self, String> {
        if file.platform.trim().is_empty() {
            return Err("platform must not be blank".to_owned());
        }
        let currency = Currency::parse(&file.currency).map_err(|e| e.to_string())?;
        if file.review_hours <= 0 {
            return Err("review_hours must be positive".to_owned());
        }
        let t = file.ticket;
        let ticket = TicketTargets {
            kind: compile("ticket.kind", t.kind)?,
            platform_order_id: compile_opt("ticket.platform_order_id", t.platform_order_id)?,
            customer: compile("ticket.customer", t.customer)?,
            reason_code: compile("ticket.reason_code", t.reason_code)?,
            reason_text: compile_opt("ticket.reason_text", t.reason_text)?,
            opened_at: compile_opt("ticket.opened_at", t.opened_at)?,
            updated_at: compile_opt("ticket.updated_at", t.updated_at)?,
            deadline: compile_opt("ticket.deadline", t.deadline)?,
        };
        let l = file.lines;
        let each = match l.each {
            Some(text) => {
                let path = JsonPath::parse(&text)
                    .map_err(|e| format!("lines.each: bad JSONPath `{text}`: {e}"))?;
                Some((text, path))
            }
            None => None,
        };
        let lines = LineTargets {
            each,
            line_id: compile_opt("lines.line_id", l.line_id)?,
            sku: compile("lines.sku", l.sku)?,
            name: compile_opt("lines.name", l.name)?,
            qty: compile("lines.qty", l.qty)?,
            paid: compile("lines.paid", l.paid)?,
        };
        let mut custom_fields = BTreeMap::new();
        for (name, c) in file.custom_fields {
            let target = format!("custom_fields.{name}");
            if name.trim().is_empty() {
                return Err("custom field names must not be blank".to_owned());
            }
            if c.field_type == FieldType::Enum && c.options.is_empty() {
                return Err(format!("{target}: an enum needs `options`"));
            }
            let spec = FieldSpec {
                path: c.path,
                convert: c.convert,
                map: c.map,
                otherwise: c.otherwise,
                default: c.default,
                required: c.required,
            };
            custom_fields.insert(
                name,
                CustomFieldTarget {
                    field: compile(&target, spec)?,
                    field_type: c.field_type,
                    options: c.options,
                },
            );
        }
        let mut sync = Vec::new();
        for (i, rule) in file.sync.into_iter().enumerate() {
            let command = CommandKind::ALL
                .into_iter()
                .find(|k| k.name() == rule.command && *k != CommandKind::OpenTicket)
                .ok_or_else(|| format!("sync[{i}]: unknown command `{}`", rule.command))?;
            if rule.when_status.is_empty() {
                return Err(format!("sync[{i}]: when_status must list statuses"));
            }
            let mut fields = BTreeMap::new();
            for (name, spec) in rule.fields {
                let target = format!("sync.{}.{name}", rule.command);
                fields.insert(name, compile(&target, spec)?);
            }
            sync.push(SyncRule {
                when_status: rule.when_status,
                command,
                satisfied_by: rule.satisfied_by,
                fields,
            });
        }
        Ok(Self {
            channel: file.channel.unwrap_or_else(|| file.platform.clone()),
            platform: file.platform,
            description: file.description,
            currency,
            review_hours: file.review_hours,
            key: compile("key", file.key)?,
            version: compile_opt("version", file.version)?,
            status: compile_opt("status", file.status)?,
            ticket,
            lines,
            custom_fields,
            sync,
            source,
        })
    }

    /// The TOML the mapping was read from (what an admin sees and edits).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The sync rule for a platform status, if any.
    pub fn rule_for(&self, status: &str) -> Option<&SyncRule> {
        self.sync
            .iter()
            .find(|r| r.when_status.iter().any(|s| s == status))
    }
}

/// The mappings in use, by platform.
#[derive(Debug, Clone, Default)]
pub struct Mappings {
    by_platform: BTreeMap<String, Arc<Mapping>>,
}

impl Mappings {
    /// The mappings shipped in `intake/mappings/` (Taobao, Douyin, Kuaishou).
    pub fn builtin() -> Result<Self, MappingFileError> {
        let mut mappings = Self::default();
        for (name, text) in BUILTIN {
            mappings.add(Mapping::from_toml(name, text)?)?;
        }
        Ok(mappings)
    }

    /// Every `*.toml` file in `dir`, one platform each.
    pub fn load_dir(dir: impl AsRef<Path>) -> Result<Self, MappingFileError> {
        let dir = dir.as_ref();
        let io = |source| MappingFileError::Io {
            file: dir.display().to_string(),
            source,
        };
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        let mut mappings = Self::default();
        for file in files {
            let name = file.display().to_string();
            let text = std::fs::read_to_string(&file).map_err(|source| MappingFileError::Io {
                file: name.clone(),
                source,
            })?;
            mappings.add(Mapping::from_toml(&name, &text)?)?;
        }
        Ok(mappings)
    }

    /// Adds a mapping; a second one for the same platform is an error.
    pub fn add(&mut self, mapping: Mapping) -> Result<(), MappingFileError> {
        if self.by_platform.contains_key(&mapping.platform) {
            return Err(MappingFileError::Duplicate(mapping.platform));
        }
        self.by_platform
            .insert(mapping.platform.clone(), Arc::new(mapping));
        Ok(())
    }

    /// Adds or replaces the mapping for its platform.
    pub fn replace(&mut self, mapping: Mapping) {
        self.by_platform
            .insert(mapping.platform.clone(), Arc::new(mapping));
    }

    /// The mapping for `platform`.
    pub fn get(&self, platform: &str) -> Option<Arc<Mapping>> {
        self.by_platform.get(platform).cloned()
    }

    /// The platforms mapped, sorted.
    pub fn platforms(&self) -> Vec<String> {
        self.by_platform.keys().cloned().collect()
    }

    /// Every mapping, sorted by platform.
    pub fn iter(&self) -> impl Iterator<Item = &Arc<Mapping>> {
        self.by_platform.values()
    }
}

/// A mapping's shape as JSON, for admins reading it through the API.
#[derive(Debug, Clone, Serialize)]
pub struct MappingSummary {
    /// Platform.
    pub platform: String,
    /// Description.
    pub description: Option<String>,
    /// The TOML source.
    pub source: String,
}

impl From<&Mapping> for MappingSummary {
    fn from(m: &Mapping) -> Self {
        Self {
            platform: m.platform.clone(),
            description: m.description.clone(),
            source: m.source.clone(),
        }
    }
}
