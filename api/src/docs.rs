//! The book's reference tables (`docs/src/api/`), generated from the code
//! that enforces them: the error codes ([`ApiError::CODES`]), who may issue
//! each mutation ([`CommandKind::roles`], the table `next_actions` and the
//! resolvers read) and the workflow policies ([`Policies::default`], equal
//! to `workflows/policies.toml`) and, per platform, what each documented
//! status code does in the shipped mapping ([`returns_intake::Mapping::status_table`],
//! what `returns mapping check` prints). A test compares them with the book,
//! so the documentation cannot drift from the behaviour.

use returns_domain::{CommandKind, Role};
use returns_workflows::policies::Policies;
use serde_json::Value;

use crate::auth::principal::TOKEN_ROLES;
use crate::error::ApiError;

/// `| code | when |` for every `extensions.code` a client can receive.
pub fn error_codes() -> String {
    let mut out = String::from("| code | when |\n|---|---|\n");
    for (code, when) in ApiError::CODES {
        out.push_str(&format!("| `{code}` | {when} |\n"));
    }
    out
}

/// The GraphQL mutation of a command: its name in camelCase, except a
/// pool parcel's receipt, which `matchParcel` issues with the parcel's claim.
pub fn mutation_name(kind: CommandKind) -> String {
    if kind == CommandKind::ReceiveMatchedParcel {
        return "matchParcel".to_owned();
    }
    let name = kind.name();
    let mut chars = name.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect::<String>()
    })
}

/// `| mutation | roles |`: which token roles may issue each command.
/// Workflows act as `system`, which may issue every command.
pub fn roles_per_mutation() -> String {
    let mut out = String::from("| mutation | may be issued by |\n|---|---|\n");
    for kind in CommandKind::ALL
        .into_iter()
        .filter(|k| !k.is_platform_fact())
    {
        let roles: Vec<String> = TOKEN_ROLES
            .iter()
            .filter(|r| r.may_issue(kind))
            .map(|r| format!("`{}`", r.as_str()))
            .collect();
        let by_workflows = if Role::System.may_issue(kind) {
            ", workflows"
        } else {
            ""
        };
        out.push_str(&format!(
            "| `{}` | {}{by_workflows} |\n",
            mutation_name(kind),
            roles.join(", ")
        ));
    }
    out
}

/// Per shipped platform mapping, `| code | documented meaning | status | what it does |`
/// for every status code the platform documents (PLATFORMS.md).
pub fn platform_statuses() -> String {
    let mut out = String::new();
    let Ok(mappings) = returns_intake::Mappings::builtin() else {
        return out;
    };
    for mapping in mappings.iter() {
        out.push_str(&format!(
            "**{}**

| code | documented meaning | status | what it does |
|---|---|---|---|
",
            mapping.platform
        ));
        for row in mapping.status_table(&Default::default()) {
            let does = if row.does.is_empty() {
                "**not handled**".to_owned()
            } else {
                row.does.join("; ")
            };
            out.push_str(&format!(
                "| `{}` | {} | `{}` | {} |\n",
                row.code,
                row.meaning,
                row.status.as_deref().unwrap_or("-"),
                does
            ));
        }
        out.push('\n');
    }
    out
}

/// What each policy key changes, in the order of `policies.toml`.
pub const POLICY_KEYS: [(&str, &str); 17] = [
    ("refund_retry.base_seconds", "wait after a refund's first payout failure; doubles per failure"),
    ("refund_retry.max_seconds", "longest wait between payout retries"),
    ("refund_retry.max_retries", "failures after which the refund stays failed for finance"),
    ("review_deadline_hours", "an application must be reviewed within this many hours (`review_deadline` workflow)"),
    ("review_timeout_action", "when it is not: `escalate` (assign to the supervisor) or `auto_approve`"),
    ("supervisor", "who escalated applications are assigned to"),
    ("ship_back_days", "an approved return must ship back within this many days, else it closes as expired"),
    ("auto_approve_refund_below", "per currency: refunds strictly below this many minor units are approved without finance"),
    ("auto_approve_price_difference_below", "per currency: a price-protection difference strictly below this many minor units is approved and paid without a person (`price_protection` workflow); above it the supervisor decides"),
    ("replacement_queue", "assignee queue of exchanges whose replacement may ship"),
    ("return_to_customer_queue", "assignee queue of rejected goods to send back (failed or partial inspection)"),
    ("auto_close_when_settled", "close a refunded or replaced ticket with no goods left to return; `false` leaves it to an agent"),
    ("follow_up_delay_hours", "a follow-up call is due this long after the close"),
    ("follow_up_grace_hours", "an open follow-up counts as missed this long after its due time"),
    ("logistics_follow_up_percent", "share of logistics complaints that get a call (quality complaints always do)"),
    ("return_address", "where auto-approved returns are sent"),
    ("platform_deadline_margin_hours", "a ticket is flagged `platform_decides` this many hours before the platform's own deadline (`platform_deadline` workflow)"),
];

/// `| policy | default | overridden for | changes |` from the shipped
/// policies; an override names the channels whose value differs.
pub fn policies() -> String {
    let shipped = Policies::default();
    let defaults = serde_json::to_value(&shipped.defaults).unwrap_or_default();
    let retry = serde_json::to_value(shipped.refund_retry).unwrap_or_default();
    let channels: Vec<(String, Value)> = shipped
        .channels
        .iter()
        .map(|(name, policy)| {
            (
                name.clone(),
                serde_json::to_value(policy).unwrap_or_default(),
            )
        })
        .collect();
    let mut out =
        String::from("| policy | default | overridden for | changes |\n|---|---|---|---|\n");
    for (key, changes) in POLICY_KEYS {
        let (value, overrides) = match key.strip_prefix("refund_retry.") {
            Some(field) => (retry[field].clone(), String::new()),
            None => {
                let default = defaults[key].clone();
                let differing: Vec<String> = channels
                    .iter()
                    .filter(|(_, policy)| policy[key] != default)
                    .map(|(name, policy)| format!("{name}: `{}`", policy[key]))
                    .collect();
                (default, differing.join("; "))
            }
        };
        out.push_str(&format!(
            "| `{key}` | `{value}` | {overrides} | {changes} |\n"
        ));
    }
    out
}

/// Every key the policy types have, for the test that keeps
/// [`POLICY_KEYS`] complete.
pub fn policy_keys_in_code() -> Vec<String> {
    let shipped = Policies::default();
    let mut keys = Vec::new();
    if let Ok(Value::Object(retry)) = serde_json::to_value(shipped.refund_retry) {
        keys.extend(retry.keys().map(|k| format!("refund_retry.{k}")));
    }
    if let Ok(Value::Object(defaults)) = serde_json::to_value(&shipped.defaults) {
        keys.extend(defaults.keys().cloned());
    }
    keys
}
