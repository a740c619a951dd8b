//! The mapping file: one TOML document per platform that says how its
//! after-sale record becomes a ticket (see `intake/mappings/README.md`).
//!
//! Nothing here knows a platform: Taobao, Douyin and Kuaishou differ only in
//! their files, so a new platform or field is configuration, not code.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use returns_domain::command::ArbitrationStage;
use returns_domain::platform_action::PlatformAction;
use returns_domain::{CommandKind, Currency, TicketKind, TicketStatus};
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
    #[serde(default)]
    flag: Vec<FlagFile>,
    #[serde(default)]
    statuses: StatusesFile,
    #[serde(default)]
    documented_statuses: BTreeMap<String, String>,
    #[serde(default)]
    arbitration: Option<ArbitrationFile>,
    #[serde(default)]
    confirms: BTreeMap<PlatformAction, Vec<String>>,
    #[serde(default)]
    contradicts: BTreeMap<PlatformAction, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArbitrationFile {
    stage: FieldSpec,
    #[serde(default)]
    decided_by_status: BTreeMap<String, ArbitrationStage>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StatusesFile {
    #[serde(default)]
    noted: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FlagFile {
    when_status: Vec<String>,
    #[serde(default)]
    when_kind: Vec<TicketKind>,
    #[serde(default)]
    satisfied_by: Vec<TicketStatus>,
    says: String,
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
    #[serde(default)]
    refunded: Option<FieldSpec>,
    #[serde(default)]
    customer_phone: Option<FieldSpec>,
    #[serde(default)]
    customer_address: Option<FieldSpec>,
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
    #[serde(default)]
    when_kind: Vec<TicketKind>,
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
    /// What the platform says went back to the buyer (minor units): the
    /// amount of `RecordPlatformRefund`. Without it, the lines' paid total.
    pub refunded: Option<Field>,
    /// → `OpenTicket.customer_phone` (personal data, encrypted); a later
    /// version that changes it records `CustomerContactCorrected`.
    pub customer_phone: Option<Field>,
    /// → `OpenTicket.customer_address` (personal data, encrypted), likewise.
    pub customer_address: Option<Field>,
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
    /// The ticket kinds it applies to (empty: every kind), for a status the
    /// platform documents per kind (Douyin 14 "buyer received").
    pub when_kind: Vec<TicketKind>,
    /// The command to issue.
    pub command: CommandKind,
    /// Ticket statuses in which the command's effect is already there (nothing to do).
    pub satisfied_by: Vec<TicketStatus>,
    /// The command's fields (dotted names nest: `return_address.phone`); `at` is added.
    pub fields: BTreeMap<String, Field>,
}

/// A platform status a person must look at unless the ticket already shows
/// it (the platform says something intake has no command for, e.g. the
/// seller refused the returned goods on the platform).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlagRule {
    /// The platform statuses (after conversion and map) it is about.
    pub when_status: Vec<String>,
    /// The ticket kinds it applies to (empty: every kind).
    pub when_kind: Vec<TicketKind>,
    /// Ticket statuses that already show it (no flag then).
    pub satisfied_by: Vec<TicketStatus>,
    /// What the person is told (recorded as a conflict on the ticket).
    pub says: String,
}

/// How a mapping handles a documented status code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusHandling {
    /// The code as the status field's conversion gives it.
    pub code: String,
    /// The platform's documented meaning.
    pub meaning: String,
    /// Intake's neutral name for it, when the mapping has one.
    pub status: Option<String>,
    /// What it does: the commands, flags and notes it leads to (empty: not handled).
    pub does: Vec<String>,
}

/// Where the platform's intervention (arbitration) is read from.
#[derive(Debug, Clone)]
pub struct ArbitrationTargets {
    /// The stage: `none`, `open`, `for_buyer`, `for_seller` or `finished`
    /// (after the field's conversion and map).
    pub stage: Field,
    /// For an intervention the ticket shows open and the record no longer
    /// does (or calls finished): the decision the record's status implies
    /// (Taobao SUCCESS after `cs_status` 6: for the buyer).
    pub decided_by_status: BTreeMap<String, ArbitrationStage>,
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
    /// Statuses a person must see unless the ticket already shows them.
    pub flags: Vec<FlagRule>,
    /// Statuses recorded (on the intake row, with the platform's deadline)
    /// that ask nothing of the ticket (e.g. the application waits for us).
    pub noted: Vec<String>,
    /// The platform's documented status codes and their meanings, as the
    /// mapping states them; `returns mapping check` lists those not handled.
    pub documented_statuses: BTreeMap<String, String>,
    /// The platform's intervention (arbitration), if the mapping reads it.
    pub arbitration: Option<ArbitrationTargets>,
    /// Per platform action we ask for, the statuses that show it done on
    /// the platform (a newer record in one of them confirms it).
    pub confirms: BTreeMap<PlatformAction, Vec<String>>,
    /// Per platform action, the statuses that show it not done, or undone:
    /// a newer record in one of them, after the action was reported done
    /// (by the open API or a person), is a conflict a person sees.
    pub contradicts: BTreeMap<PlatformAction, Vec<String>>,
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
            refunded: compile_opt("ticket.refunded", t.refunded)?,
            customer_phone: compile_opt("ticket.customer_phone", t.customer_phone)?,
            customer_address: compile_opt("ticket.customer_address", t.customer_address)?,
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
                sum_of: None,
                aliases: None,
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
                when_kind: rule.when_kind,
                command,
                satisfied_by: rule.satisfied_by,
                fields,
            });
        }
        let mut flags = Vec::new();
        for (i, flag) in file.flag.into_iter().enumerate() {
            if flag.when_status.is_empty() {
                return Err(format!("flag[{i}]: when_status must list statuses"));
            }
            if flag.says.trim().is_empty() {
                return Err(format!(
                    "flag[{i}]: `says` must tell a person what happened"
                ));
            }
            flags.push(FlagRule {
                when_status: flag.when_status,
                when_kind: flag.when_kind,
                satisfied_by: flag.satisfied_by,
                says: flag.says,
            });
        }
        let arbitration = match file.arbitration {
            Some(a) => Some(ArbitrationTargets {
                stage: compile("arbitration.stage", a.stage)?,
                decided_by_status: a.decided_by_status,
            }),
            None => None,
        };
        Ok(Self {
            arbitration,
            confirms: file.confirms,
            contradicts: file.contradicts,
            flags,
            noted: file.statuses.noted,
            documented_statuses: file.documented_statuses,
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

    /// The sync rule for a platform status on a ticket of `kind`, if any.
    pub fn rule_for(&self, status: &str, kind: Option<TicketKind>) -> Option<&SyncRule> {
        self.sync
            .iter()
            .find(|r| r.when_status.iter().any(|s| s == status) && applies(&r.when_kind, kind))
    }

    /// The flags for a platform status on a ticket of `kind`.
    pub fn flags_for(&self, status: &str, kind: Option<TicketKind>) -> Vec<&FlagRule> {
        self.flags
            .iter()
            .filter(|f| f.when_status.iter().any(|s| s == status) && applies(&f.when_kind, kind))
            .collect()
    }

    /// Every documented status code with what this mapping does with it:
    /// the mapping's own `documented_statuses`, or `fallback` (the shipped
    /// mapping's, for a merchant's file that lists none).
    pub fn status_table(&self, fallback: &BTreeMap<String, String>) -> Vec<StatusHandling> {
        let documented = if self.documented_statuses.is_empty() {
            fallback
        } else {
            &self.documented_statuses
        };
        documented
            .iter()
            .map(|(code, meaning)| {
                let status = self.neutral_status(code);
                let mut does = Vec::new();
                if let Some(status) = &status {
                    for rule in self.sync.iter().filter(|r| r.when_status.contains(status)) {
                        does.push(format!("{}{}", rule.command.name(), kinds(&rule.when_kind)));
                    }
                    for flag in self.flags.iter().filter(|f| f.when_status.contains(status)) {
                        does.push(format!("flag for a person{}", kinds(&flag.when_kind)));
                    }
                    if self.noted.contains(status) {
                        does.push("recorded (asks nothing of the ticket)".to_owned());
                    }
                }
                if let Some(stage) = self.arbitration_stage_of_status(code) {
                    does.push(format!("arbitration: {stage}"));
                }
                StatusHandling {
                    code: code.clone(),
                    meaning: meaning.clone(),
                    status,
                    does,
                }
            })
            .collect()
    }

    /// The arbitration stage a status code itself means, when the mapping
    /// reads arbitration from the status field (Kuaishou 20, 21, 23).
    fn arbitration_stage_of_status(&self, code: &str) -> Option<String> {
        let stage = self.arbitration.as_ref()?.stage.spec();
        let status = self.status.as_ref()?.spec();
        if stage.path != status.path {
            return None;
        }
        let value = stage.map.as_ref()?.get(code).or(stage.otherwise.as_ref())?;
        value
            .as_str()
            .filter(|v| *v != NO_ARBITRATION)
            .map(str::to_owned)
    }

    /// The neutral status the status field's map gives `code`.
    fn neutral_status(&self, code: &str) -> Option<String> {
        let spec = self.status.as_ref()?.spec();
        match &spec.map {
            Some(map) => map
                .get(code)
                .or(spec.otherwise.as_ref())
                .and_then(|v| v.as_str().map(str::to_owned)),
            None => Some(code.to_owned()),
        }
    }
}

/// The arbitration stage that means the platform never intervened.
pub const NO_ARBITRATION: &str = "none";

fn applies(kinds: &[TicketKind], kind: Option<TicketKind>) -> bool {
    kinds.is_empty() || kind.is_some_and(|k| kinds.contains(&k))
}

fn kinds(kinds: &[TicketKind]) -> String {
    if kinds.is_empty() {
        String::new()
    } else {
        let names: Vec<&str> = kinds.iter().map(TicketKind::as_str).collect();
        format!(" ({})", names.join(", "))
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
