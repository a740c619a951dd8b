//! Applying a mapping to one payload, without writing anything: the
//! `OpenTicket` the record opens, its key, version, status and deadline, and
//! the command its status implies on an existing ticket. Every problem is
//! collected, so an admin testing a mapping sees all of them at once.

use chrono::{DateTime, Duration, Utc};
use returns_domain::command::{OpenTicket, UpdateCustomFields};
use returns_domain::ticket::TicketLine;
use returns_domain::{Command, CustomFields, DomainError, Money, TicketKind};
use serde::Serialize;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::convert::{integer, utc_text};
use super::custom_fields::CustomFieldDefinition;
use super::error::MappingError;
use super::field::{describe, Field, Found};
use super::mapping::{Mapping, SyncRule};

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
    /// The command the record's status implies on an existing ticket, if a rule matches.
    pub status_command: Option<StatusCommand>,
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

/// Fixed namespace of intake ticket ids (random once; never change it).
const TICKET_NAMESPACE: Uuid = Uuid::from_u128(0x6f1c_7d2e_52b4_4c8e_9a51_3e0f_d1a2_b7c4);

/// The ticket id of a platform record: a name-based UUID (version 8, SHA-256
/// of namespace, platform and id), so concurrent imports of one record converge.
pub fn ticket_id_for(platform: &str, aftersale_id: &str) -> Uuid {
    name_uuid(&[platform, aftersale_id])
}

/// A name-based UUID (version 8 over SHA-256) of `parts` under the intake namespace.
pub(crate) fn name_uuid(parts: &[&str]) -> Uuid {
    let mut hasher = Sha256::new();
    hasher.update(TICKET_NAMESPACE.as_bytes());
    for part in parts {
        // Length-prefixed, so ("ab","c") and ("a","bc") differ.
        hasher.update((part.len() as u64).to_be_bytes());
        hasher.update(part.as_bytes());
    }
    let digest = hasher.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
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
            cx.wrong(
                &found,
                "ticket.kind",
                "REFUND_ONLY, RETURN_AND_REFUND or EXCHANGE",
            );
        }
        kind
    });
    let order = cx.get_opt(t.platform_order_id.as_ref(), "ticket.platform_order_id");
    let platform_order_id = cx.text(order, "ticket.platform_order_id");
    let customer = cx.get(&t.customer, "ticket.customer");
    let customer = cx.text(customer, "ticket.customer");
    let reason_code = cx.get(&t.reason_code, "ticket.reason_code");
    let reason_code = cx.text(reason_code, "ticket.reason_code");
    let reason_text = cx.get_opt(t.reason_text.as_ref(), "ticket.reason_text");
    let reason_text = cx
        .text(reason_text, "ticket.reason_text")
        .unwrap_or_default();
    let opened = cx.get_opt(t.opened_at.as_ref(), "ticket.opened_at");
    let opened_at = cx.time(opened, "ticket.opened_at").unwrap_or(now);
    let updated = cx.get_opt(t.updated_at.as_ref(), "ticket.updated_at");
    let updated_at = cx.time(updated, "ticket.updated_at").unwrap_or(opened_at);
    let deadline = cx.get_opt(t.deadline.as_ref(), "ticket.deadline");
    let deadline = cx.time(deadline, "ticket.deadline");

    let lines = map_lines(mapping, &mut cx);

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

    let status_command = platform_status
        .as_deref()
        .and_then(|s| mapping.rule_for(s))
        .and_then(|rule| sync_command(rule, &mut cx, updated_at));

    let review_deadline = deadline
        .filter(|d| *d >= opened_at)
        .unwrap_or(opened_at + Duration::hours(mapping.review_hours));

    match (aftersale_id, kind, customer, reason_code) {
        (Some(aftersale_id), Some(kind), Some(customer), Some(reason_code))
            if cx.errors.is_empty() =>
        {
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
                    review_deadline,
                    at: opened_at,
                },
                aftersale_id,
                status_command,
            })
        }
        _ => Err(cx.errors),
    }
}

fn map_lines(mapping: &Mapping, cx: &mut Ctx<'_>) -> Vec<TicketLine> {
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
        let line_id = l.line_id.as_ref().map(|f| get(f, "line_id"));
        let sku = get(&l.sku, "sku");
        let name = l.name.as_ref().map(|f| get(f, "name"));
        let qty = get(&l.qty, "qty");
        let paid = get(&l.paid, "paid");
        let line_id = match line_id {
            Some(found) => cx.text(found, &target("line_id")),
            None => Some((i + 1).to_string()),
        };
        let sku = cx.text(sku, &target("sku"));
        let name = name.and_then(|found| cx.text(found, &target("name")));
        let qty = qty.and_then(|found| {
            let qty = found.value.as_u64().and_then(|q| u32::try_from(q).ok());
            if qty.is_none() {
                cx.wrong(
                    &found,
                    &target("qty"),
                    "a whole quantity (use convert = \"to_integer\" for text)",
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
        if let (Some(line_id), Some(sku), Some(qty), Some(paid)) = (line_id, sku, qty, paid) {
            lines.push(TicketLine {
                line_id,
                sku,
                name: name.unwrap_or_default(),
                qty,
                paid: Money::new(paid, mapping.currency),
            });
        }
    }
    lines
}

fn sync_command(rule: &SyncRule, cx: &mut Ctx<'_>, at: DateTime<Utc>) -> Option<StatusCommand> {
    let name = rule.command.name();
    let before = cx.errors.len();
    let mut object = Map::new();
    object.insert("type".to_owned(), Value::from(name));
    object.insert("at".to_owned(), Value::from(utc_text(at)));
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
        Ok(command) => Some(StatusCommand {
            command,
            satisfied_by: rule.satisfied_by.clone(),
        }),
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
