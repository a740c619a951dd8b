//! Applying a mapping to one payload, without writing anything: the
//! `OpenTicket` the record opens, its key, version, status and deadline, and
//! the command its status implies on an existing ticket. Every problem is
//! collected, so an admin testing a mapping sees all of them at once.

use chrono::{DateTime, Duration, Utc};
use returns_domain::command::{OpenTicket, UpdateCustomFields};
use returns_domain::ticket::TicketLine;
use returns_domain::{Command, CommandKind, CustomFields, DomainError, Money, TicketKind};
use returns_tickets::ids::{derive_str, IdSpace};
use serde::Serialize;
use serde_json::{Map, Value};
use uuid::Uuid;

use super::convert::{integer, utc_text};
use super::custom_fields::CustomFieldDefinition;
use super::error::MappingError;
use super::field::{describe, Field, Found};
use super::mapping::{FlagRule, Mapping, SyncRule, NO_ARBITRATION};
use returns_domain::command::ArbitrationStage;

/// A platform record mapped onto our model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MappedTicket {
    /// The platform (mapping) name.
    pub platform: String,
    /// The platform's after-sale id.
    pub aftersale_id: String,
    /// The ticket's id, derived from (platform, after-sale id) so every import of a record meets the same ticket.
    pub ticket_id: Uuid,
    /// The record's version, if the mapping has one.
    pub platform_version: Option<i64>,
    /// The record's status (after conversion and map), if the mapping has one.
    pub platform_status: Option<String>,
    /// The platform's deadline for the current step.
    pub deadline: Option<DateTime<Utc>>,
    /// When the platform last changed the record (the time of sync commands).
    pub updated_at: DateTime<Utc>,
    /// The command that opens the ticket.
    pub open: OpenTicket,
    /// The command the record's status implies on an existing ticket, if a
    /// rule matches and the record has every field it needs.
    pub status_command: Option<StatusCommand>,
    /// The command the record's status implies (even when a field it needs is missing).
    pub target: Option<CommandKind>,
    /// What the record's status asks a person to look at, unless the ticket shows it.
    pub flags: Vec<FlagRule>,
    /// The platform actions the record's status shows done (the mapping's `[confirms]`).
    pub confirms: Vec<returns_domain::platform_action::PlatformAction>,
    /// The platform actions the record's status shows not done (the mapping's `[contradicts]`).
    pub contradicts: Vec<returns_domain::platform_action::PlatformAction>,
    /// The platform's intervention as the record states it (`None`: it
    /// does not intervene, or the mapping does not read it).
    pub arbitration: Option<ArbitrationStage>,
    /// The decision the record's status implies for an intervention the
    /// record no longer shows open.
    pub arbitration_by_status: Option<ArbitrationStage>,
    /// Every platform step the mapping knows, as far as this record fills it
    /// (intake catches a ticket up through them; see [`super::sync`]).
    pub steps: Vec<PlatformStep>,
    /// Problems that did not stop the record from opening or updating its
    /// ticket (a missing secondary field, an unknown code): each is reported,
    /// recorded on the ticket and shown in the worklist until settled.
    pub warnings: Vec<MappingError>,
}

/// One step the platform may have taken, filled from the record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlatformStep {
    /// The command.
    pub kind: CommandKind,
    /// The command, when the record has every field it needs.
    pub command: Option<Command>,
    /// What the record lacks for it.
    pub missing: Vec<MappingError>,
    /// Ticket statuses in which it is already reflected.
    pub satisfied_by: Vec<returns_domain::TicketStatus>,
}

impl MappedTicket {
    /// The step for `kind`, if the mapping has a rule for it.
    pub fn step(&self, kind: CommandKind) -> Option<&PlatformStep> {
        self.steps.iter().find(|s| s.kind == kind)
    }
}

/// A command implied by the platform's status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusCommand {
    /// The command.
    pub command: Command,
    /// Ticket statuses in which it is already reflected.
    pub satisfied_by: Vec<returns_domain::TicketStatus>,
}

impl MappedTicket {
    /// The custom fields as a command that brings an existing ticket's values in step,
    /// or `None` when they already match.
    pub fn custom_fields_update(&self, current: &CustomFields) -> Option<Command> {
        let changed: CustomFields = self
            .open
            .custom_fields
            .iter()
            .filter(|(k, v)| current.get(*k) != Some(*v))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        (!changed.is_empty()).then_some(Command::UpdateCustomFields(UpdateCustomFields {
            fields: changed,
            at: self.updated_at,
        }))
    }
}

/// The ticket id of a platform record: a name-based UUID of platform and
/// id, so concurrent imports of one record converge.
pub fn ticket_id_for(platform: &str, aftersale_id: &str) -> Uuid {
    name_uuid(&[platform, aftersale_id])
}

/// Intake's id named by `parts` (see [`returns_tickets::ids`]).
pub(crate) fn name_uuid(parts: &[&str]) -> Uuid {
    derive_str(IdSpace::Intake, parts)
}

struct Ctx<'a> {
    errors: Vec<MappingError>,
    root: &'a Value,
}

impl Ctx<'_> {
    fn get(&mut self, field: &Field, target: &str) -> Option<Found> {
        field.extract(self.root, "$", target, &mut self.errors)
    }

    fn get_opt(&mut self, field: Option<&Field>, target: &str) -> Option<Found> {
        field.and_then(|f| self.get(f, target))
    }

    fn wrong(&mut self, found: &Found, target: &str, expected: &str) {
        self.errors.push(MappingError {
            path: found.path.clone(),
            field: target.to_owned(),
            expected: expected.to_owned(),
            found: describe(&found.value),
        });
    }

    fn text(&mut self, found: Option<Found>, target: &str) -> Option<String> {
        let found = found?;
        match &found.value {
            Value::String(s) => Some(s.clone()),
            _ => {
                self.wrong(&found, target, "a string (add convert = \"to_string\")");
                None
            }
        }
    }

    fn time(&mut self, found: Option<Found>, target: &str) -> Option<DateTime<Utc>> {
        let found = found?;
        let parsed = found
            .value
            .as_str()
            .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
            .map(|t| t.with_timezone(&Utc));
        if parsed.is_none() {
            self.wrong(&found, target, "a UTC timestamp (use a *_to_utc convert)");
        }
        parsed
    }
}

/// Maps `payload` with `mapping`; `now` stands in for times the record does not give.
/// Returns every mapping error found, or the mapped ticket.
pub fn preview(
    mapping: &Mapping,
    payload: &Value,
    now: DateTime<Utc>,
) -> Result<MappedTicket, Vec<MappingError>> {
    if !payload.is_object() {
        return Err(vec![MappingError {
            path: "$".to_owned(),
            field: "payload".to_owned(),
            expected: "a JSON object".to_owned(),
            found: describe(payload),
        }]);
    }
    let mut cx = Ctx {
        errors: Vec::new(),
        root: payload,
    };
    let key = cx.get(&mapping.key, "key");
    let aftersale_id = cx.text(key, "key");
    let version = cx.get_opt(mapping.version.as_ref(), "version");
    let platform_version = version.and_then(|found| {
        let v = integer(&found.value);
        if v.is_none() {
            cx.wrong(&found, "version", "an integer version");
        }
        v
    });
    let status = cx.get_opt(mapping.status.as_ref(), "status");
    let platform_status = cx.text(status, "status");

    let t = &mapping.ticket;
    let kind_found = cx.get(&t.kind, "ticket.kind");
    let kind = kind_found.and_then(|found| {
        let kind = serde_json::from_value::<TicketKind>(found.value.clone()).ok();
        if kind.is_none() {
            // A kind the ticket does not have is named in the rejection.
            let known: Vec<&str> = TicketKind::ALL.iter().map(TicketKind::as_str).collect();
            cx.wrong(
                &found,
                "ticket.kind",
                &format!("a kind tickets have: {}", known.join(", ")),
            );
        }
        kind
    });
    let order = cx.get_opt(t.platform_order_id.as_ref(), "ticket.platform_order_id");
    let platform_order_id = cx.text(order, "ticket.platform_order_id");
    let customer = cx.get(&t.customer, "ticket.customer");
    let customer = cx
        .text(customer, "ticket.customer")
        .filter(|c| !c.trim().is_empty())
        .unwrap_or_else(|| format!("{} buyer", mapping.platform));
    let reason_code = cx.get(&t.reason_code, "ticket.reason_code");
    let reason_code = cx
        .text(reason_code, "ticket.reason_code")
        .filter(|c| !c.trim().is_empty())
        .unwrap_or_else(|| FALLBACK_REASON.to_owned());
    let reason_text = cx.get_opt(t.reason_text.as_ref(), "ticket.reason_text");
    let reason_text = cx
        .text(reason_text, "ticket.reason_text")
        .unwrap_or_default();
    // The buyer's contact (personal data: the tickets handle encrypts it
    // under the buyer's key); blank is the same as absent.
    let phone = cx.get_opt(t.customer_phone.as_ref(), "ticket.customer_phone");
    let customer_phone = cx
        .text(phone, "ticket.customer_phone")
        .map(|p| p.trim().to_owned())
        .filter(|p| !p.is_empty());
    let address = cx.get_opt(t.customer_address.as_ref(), "ticket.customer_address");
    let customer_address = cx
        .text(address, "ticket.customer_address")
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty());
    let opened = cx.get_opt(t.opened_at.as_ref(), "ticket.opened_at");
    let opened_at = cx.time(opened, "ticket.opened_at").unwrap_or(now);
    let updated = cx.get_opt(t.updated_at.as_ref(), "ticket.updated_at");
    let updated_at = cx.time(updated, "ticket.updated_at").unwrap_or(opened_at);
    let deadline = cx.get_opt(t.deadline.as_ref(), "ticket.deadline");
    let deadline = cx.time(deadline, "ticket.deadline");
    let refunded = cx
        .get_opt(t.refunded.as_ref(), "ticket.refunded")
        .and_then(|found| {
            let minor = found.value.as_i64().filter(|m| *m >= 0);
            if minor.is_none() {
                cx.wrong(
                    &found,
                    "ticket.refunded",
                    "integer minor units (use fen_to_minor or yuan_string_to_minor)",
                );
            }
            minor
        });

    let (arbitration, arbitration_by_status) = match &mapping.arbitration {
        Some(targets) => {
            let stage = cx
                .get(&targets.stage, "arbitration.stage")
                .and_then(|found| {
                    if found.value.as_str() == Some(NO_ARBITRATION) {
                        return None;
                    }
                    let stage =
                        serde_json::from_value::<ArbitrationStage>(found.value.clone()).ok();
                    if stage.is_none() {
                        cx.wrong(
                            &found,
                            "arbitration.stage",
                            "none, open, for_buyer, for_seller or finished",
                        );
                    }
                    stage
                });
            let by_status = platform_status
                .as_deref()
                .and_then(|s| targets.decided_by_status.get(s).copied());
            (stage, by_status)
        }
        None => (None, None),
    };

    let lines = map_lines(mapping, &mut cx, aftersale_id.as_deref().unwrap_or("line"));

    let mut custom_fields = CustomFields::new();
    for (name, target) in &mapping.custom_fields {
        let field = format!("custom_fields.{name}");
        if let Some(found) = cx.get(&target.field, &field) {
            // The mapping's own declaration; an admin's definition is checked at import.
            let mut declared = CustomFieldDefinition::new(name.clone(), target.field_type, false);
            declared.options = target.options.clone();
            match declared.validate(&found.value) {
                Ok(()) => {
                    custom_fields.insert(name.clone(), found.value);
                }
                Err(err) => {
                    let expected = match err {
                        DomainError::Validation { message, .. } => message,
                        other => other.to_string(),
                    };
                    cx.errors.push(MappingError {
                        path: found.path,
                        field,
                        expected,
                        found: describe(&found.value),
                    });
                }
            }
        }
    }

    // Fields of sync steps are never the core: a step that lacks one waits
    // (pending on the ticket), the record still opens its ticket.
    let mut sync_cx = Ctx {
        errors: Vec::new(),
        root: payload,
    };
    let paid_total: i64 = lines.iter().map(|l| l.paid.amount_minor).sum();
    let context = StepContext {
        platform: &mapping.platform,
        aftersale_id: aftersale_id.as_deref().unwrap_or_default(),
        currency: mapping.currency,
        refunded: refunded.unwrap_or(paid_total),
        stated_refund: refunded,
        at: updated_at,
    };
    let mut steps: Vec<PlatformStep> = Vec::new();
    for rule in &mapping.sync {
        let other_kind =
            !rule.when_kind.is_empty() && !kind.is_some_and(|k| rule.when_kind.contains(&k));
        if other_kind || steps.iter().any(|s| s.kind == rule.command) {
            continue;
        }
        let before = sync_cx.errors.len();
        let command = sync_command(rule, &mut sync_cx, &context);
        steps.push(PlatformStep {
            kind: rule.command,
            command,
            missing: sync_cx.errors.split_off(before),
            satisfied_by: rule.satisfied_by.clone(),
        });
    }
    let rule = platform_status
        .as_deref()
        .and_then(|s| mapping.rule_for(s, kind));
    let flags: Vec<FlagRule> = platform_status
        .as_deref()
        .map(|s| mapping.flags_for(s, kind).into_iter().cloned().collect())
        .unwrap_or_default();
    let shown = |table: &std::collections::BTreeMap<_, Vec<String>>| {
        platform_status
            .as_deref()
            .map(|s| {
                table
                    .iter()
                    .filter(|(_, statuses)| statuses.iter().any(|x| x == s))
                    .map(|(action, _)| *action)
                    .collect()
            })
            .unwrap_or_default()
    };
    let confirms = shown(&mapping.confirms);
    let contradicts = shown(&mapping.contradicts);
    let target = rule.map(|r| r.command);
    let status_command = rule.and_then(|r| {
        let step = steps.iter().find(|s| s.kind == r.command)?;
        Some(StatusCommand {
            command: step.command.clone()?,
            satisfied_by: r.satisfied_by.clone(),
        })
    });
    let mut warnings = Vec::new();
    if let Some(step) = target.and_then(|k| steps.iter().find(|s| s.kind == k)) {
        warnings.extend(step.missing.iter().cloned());
    }

    // A deadline is the review deadline only while the platform is still at
    // the application (no status rule applies): later deadlines belong to
    // later steps, and the ticket must not depend on which version opened it.
    let review_deadline = deadline
        .filter(|d| *d >= opened_at && target.is_none())
        .unwrap_or(opened_at + Duration::hours(mapping.review_hours));

    // The core of an application: without these no ticket can exist.
    if lines.is_empty() && !cx.errors.iter().any(|e| e.field == "lines") {
        cx.errors.push(MappingError {
            path: "$".to_owned(),
            field: "lines".to_owned(),
            expected: "at least one line with a paid amount".to_owned(),
            found: "missing".to_owned(),
        });
    }
    let (core, rest): (Vec<_>, Vec<_>) = cx
        .errors
        .into_iter()
        .partition(|e| is_core(&e.field, lines.is_empty()));
    warnings.splice(0..0, rest);
    match (aftersale_id, kind) {
        (Some(aftersale_id), Some(kind)) if core.is_empty() => {
            let ticket_id = ticket_id_for(&mapping.platform, &aftersale_id);
            Ok(MappedTicket {
                platform: mapping.platform.clone(),
                ticket_id,
                platform_version,
                platform_status,
                deadline,
                updated_at,
                open: OpenTicket {
                    ticket_id,
                    kind,
                    channel: mapping.channel.clone(),
                    platform_order_id,
                    platform_after_sale_id: Some(aftersale_id.clone()),
                    customer,
                    reason_code,
                    reason_text,
                    lines,
                    currency: mapping.currency,
                    custom_fields,
                    customer_phone,
                    customer_address,
                    review_deadline,
                    at: opened_at,
                },
                confirms,
                contradicts,
                aftersale_id,
                status_command,
                target,
                flags,
                arbitration,
                arbitration_by_status,
                steps,
                warnings,
            })
        }
        _ => {
            let mut all = core;
            all.extend(warnings);
            Err(all)
        }
    }
}

/// The reason code of an application whose reason is missing or unknown.
const FALLBACK_REASON: &str = "other";

/// Whether a problem with `field` stops the record from becoming a ticket:
/// the key, the order, the kind, and lines only when none has an amount.
fn is_core(field: &str, no_lines: bool) -> bool {
    match field {
        "payload" | "key" | "ticket.kind" | "ticket.platform_order_id" => true,
        "lines" => true,
        f if f.starts_with("lines[") => no_lines && f.ends_with(".paid"),
        _ => false,
    }
}

fn map_lines(mapping: &Mapping, cx: &mut Ctx<'_>, key: &str) -> Vec<TicketLine> {
    let l = &mapping.lines;
    let nodes: Vec<(String, &Value)> = match &l.each {
        Some((text, path)) => {
            let nodes: Vec<_> = path
                .query_located(cx.root)
                .into_iter()
                .map(|n| (n.location().to_string(), n.node()))
                .collect();
            if nodes.is_empty() {
                cx.errors.push(MappingError {
                    path: text.clone(),
                    field: "lines".to_owned(),
                    expected: "at least one line".to_owned(),
                    found: "missing".to_owned(),
                });
            }
            nodes
        }
        None => vec![("$".to_owned(), cx.root)],
    };
    let mut lines = Vec::with_capacity(nodes.len());
    for (i, (base, node)) in nodes.into_iter().enumerate() {
        let target = |name: &str| format!("lines[{i}].{name}");
        let errors = &mut cx.errors;
        let mut get = |field: &Field, name: &str| field.extract(node, &base, &target(name), errors);
        let line_id = l.line_id.as_ref().and_then(|f| get(f, "line_id"));
        let sku = get(&l.sku, "sku");
        let name = l.name.as_ref().and_then(|f| get(f, "name"));
        let qty = get(&l.qty, "qty");
        let paid = get(&l.paid, "paid");
        // Derived from the record's key and the line's position, so every
        // version of the record gives the line the same id.
        let derived = format!("{key}-{}", i + 1);
        let line_id = cx
            .text(line_id, &target("line_id"))
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| derived.clone());
        let sku = cx
            .text(sku, &target("sku"))
            .filter(|s| !s.trim().is_empty())
            .unwrap_or_else(|| UNKNOWN_SKU.to_owned());
        let name = cx.text(name, &target("name")).unwrap_or_default();
        let qty = qty.and_then(|found| {
            let qty = found
                .value
                .as_u64()
                .and_then(|q| u32::try_from(q).ok())
                .filter(|q| *q > 0);
            if qty.is_none() {
                cx.wrong(
                    &found,
                    &target("qty"),
                    "a whole quantity above 0 (use convert = \"to_integer\" for text)",
                );
            }
            qty
        });
        let paid = paid.and_then(|found| {
            let paid = found.value.as_i64().filter(|p| *p >= 0);
            if paid.is_none() {
                cx.wrong(
                    &found,
                    &target("paid"),
                    "integer minor units (use fen_to_minor or yuan_string_to_minor)",
                );
            }
            paid
        });
        // A line without an amount cannot be refunded against: it is left
        // out (a warning), and the record is refused only if no line is left.
        if let Some(paid) = paid {
            lines.push(TicketLine {
                line_id,
                sku,
                name,
                qty: qty.unwrap_or(1),
                paid: Money::new(paid, mapping.currency),
            });
        }
    }
    lines
}

/// The SKU of a line whose record names none.
const UNKNOWN_SKU: &str = "unknown";

/// What every platform step knows besides its mapped fields.
struct StepContext<'a> {
    platform: &'a str,
    aftersale_id: &'a str,
    currency: returns_domain::Currency,
    /// What the platform says went back to the buyer (the paid total when
    /// the mapping does not say).
    refunded: i64,
    /// What the record itself says goes back, with no fallback.
    stated_refund: Option<i64>,
    at: DateTime<Utc>,
}

fn sync_command(rule: &SyncRule, cx: &mut Ctx<'_>, context: &StepContext<'_>) -> Option<Command> {
    let name = rule.command.name();
    let before = cx.errors.len();
    let mut object = Map::new();
    object.insert("type".to_owned(), Value::from(name));
    object.insert("at".to_owned(), Value::from(utc_text(context.at)));
    // The platform's own steps name the platform; a refund it paid is keyed
    // by the record, so importing the record again finds the same refund.
    match rule.command {
        CommandKind::RecordPlatformApproval => {
            object.insert("platform".to_owned(), Value::from(context.platform));
        }
        CommandKind::RecordPlatformRefund => {
            object.insert("platform".to_owned(), Value::from(context.platform));
            object.insert(
                "refund_id".to_owned(),
                Value::from(
                    name_uuid(&[context.platform, context.aftersale_id, "platform_refund"])
                        .to_string(),
                ),
            );
            object.insert("reference".to_owned(), Value::from(context.aftersale_id));
            object.insert(
                "amount".to_owned(),
                serde_json::json!({
                    "amount_minor": context.refunded,
                    "currency": context.currency.as_str(),
                }),
            );
        }
        // A price-protection record's amount back to the buyer is the
        // difference the platform states (Douyin `refund_amount` on an
        // `aftersale_type` 6 record; PLATFORMS.md).
        // Without the amount the difference is not known: the step waits
        // (a person states it) rather than assume all that was paid.
        CommandKind::StatePriceDifference => {
            object.insert("source".to_owned(), Value::from("platform"));
            match context.stated_refund {
                Some(amount) => {
                    object.insert(
                        "amount".to_owned(),
                        serde_json::json!({
                            "amount_minor": amount,
                            "currency": context.currency.as_str(),
                        }),
                    );
                }
                None => cx.errors.push(MappingError {
                    path: "ticket.refunded".to_owned(),
                    field: format!("sync.{name}.amount"),
                    expected: "the amount going back to the buyer (the price difference)"
                        .to_owned(),
                    found: "missing".to_owned(),
                }),
            }
        }
        _ => {}
    }
    for (field_name, field) in &rule.fields {
        let Some(found) = cx.get(field, &format!("sync.{name}.{field_name}")) else {
            continue;
        };
        insert_dotted(&mut object, field_name, found.value);
    }
    if cx.errors.len() > before {
        return None;
    }
    match serde_json::from_value::<Command>(Value::Object(object)) {
        Ok(command) => Some(command),
        Err(e) => {
            cx.errors.push(MappingError {
                path: format!("sync.{name}"),
                field: format!("sync.{name}"),
                expected: format!("the fields of {name}"),
                found: e.to_string(),
            });
            None
        }
    }
}

/// Sets `a.b.c` in a JSON object, creating the nested objects.
fn insert_dotted(object: &mut Map<String, Value>, dotted: &str, value: Value) {
    match dotted.split_once('.') {
        None => {
            object.insert(dotted.to_owned(), value);
        }
        Some((head, rest)) => {
            let child = object
                .entry(head.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if !child.is_object() {
                *child = Value::Object(Map::new());
            }
            if let Value::Object(child) = child {
                insert_dotted(child, rest, value);
            }
        }
    }
}
