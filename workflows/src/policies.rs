//! Workflow policies: deadlines, escalation, refund approval limits, queues,
//! closing settled tickets and follow-up sampling, with defaults and
//! per-channel overrides, read from a TOML file (`workflows/policies.toml`
//! ships the defaults).
//!
//! The API and intake compute the deadlines they put into commands
//! ([`Policies::review_deadline`], [`Policies::ship_back_deadline`]) from the
//! same policy the timers enforce.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use returns_domain::ticket::ReturnAddress;
use returns_domain::{Currency, Money, ReasonCategory};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::ids;
use crate::payout::PayoutMode;

/// The policy file that ships with the crate (equal to [`Policies::default`]).
pub const DEFAULT_POLICY_FILE: &str = include_str!("../policies.toml");

/// Why a policy file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum PolicyError {
    /// The file could not be read.
    #[error("cannot read policy file {path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The TOML is malformed or has unknown or missing keys.
    #[error("policy file: {0}")]
    Parse(String),
    /// A value is out of range.
    #[error("policy {field}: {message}")]
    Invalid {
        /// Which setting (with the channel, if any).
        field: String,
        /// What is wrong.
        message: String,
    },
}

/// What happens to an application nobody reviewed in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewTimeoutAction {
    /// Assign the ticket to the supervisor.
    Escalate,
    /// Approve it (with the channel's return address for returned goods).
    AutoApprove,
}

/// The policy for one channel (the defaults merged with its overrides).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelPolicy {
    /// Hours from opening until the application must be reviewed.
    pub review_deadline_hours: u32,
    /// What happens when it is not.
    pub review_timeout_action: ReviewTimeoutAction,
    /// Who escalated applications are assigned to.
    pub supervisor: String,
    /// Days from approval until goods must ship back.
    pub ship_back_days: u32,
    /// Per currency code: refunds strictly below this many minor units are auto-approved.
    pub auto_approve_refund_below: BTreeMap<String, i64>,
    /// Per currency code: a price-protection ticket whose stated difference
    /// is strictly below this many minor units is approved and its refund
    /// approved without a person; currencies not listed always wait for one.
    #[serde(default)]
    pub auto_approve_price_difference_below: BTreeMap<String, i64>,
    /// The assignee queue for replacements to ship.
    pub replacement_queue: String,
    /// The assignee queue for rejected goods to send back.
    pub return_to_customer_queue: String,
    /// Whether the engine closes a settled ticket (refunded, or replacement
    /// shipped, with no goods left to send back) instead of leaving it to an agent.
    pub auto_close_when_settled: bool,
    /// Hours from the ticket's close until a follow-up call is due.
    pub follow_up_delay_hours: u32,
    /// Hours after the due time until an open follow-up counts as missed.
    pub follow_up_grace_hours: u32,
    /// Percent (0–100) of logistics complaints that get a follow-up call.
    pub logistics_follow_up_percent: u8,
    /// Hours before a platform's own deadline (after which the platform
    /// approves or refunds by itself) that the ticket is flagged in the worklist.
    pub platform_deadline_margin_hours: u32,
    /// Where auto-approved returns are sent.
    pub return_address: ReturnAddress,
    /// How this channel's refunds are paid, when not the server's `--payout`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payout: Option<PayoutMode>,
}

impl ChannelPolicy {
    /// Whether a refund of `amount` is approved without finance.
    pub fn auto_approves_refund(&self, amount: Money) -> bool {
        self.auto_approve_refund_below
            .get(amount.currency.as_str())
            .is_some_and(|limit| amount.amount_minor < *limit)
    }

    /// Whether a price-protection ticket owing `difference` is approved and
    /// paid without a person.
    pub fn auto_approves_price_difference(&self, difference: Money) -> bool {
        self.auto_approve_price_difference_below
            .get(difference.currency.as_str())
            .is_some_and(|limit| difference.amount_minor < *limit)
    }

    /// The follow-up call's purpose for a ticket with `reason_code`, or `None`
    /// when it gets no call (logistics complaints are sampled by ticket id).
    pub fn follow_up_purpose(&self, reason_code: &str, ticket_id: Uuid) -> Option<&'static str> {
        match ReasonCategory::of(reason_code) {
            ReasonCategory::Quality => Some("quality_complaint"),
            ReasonCategory::Logistics
                if ids::sample_percent(ticket_id) < self.logistics_follow_up_percent =>
            {
                Some("logistics_complaint")
            }
            _ => None,
        }
    }

    fn validate(&self, channel: &str) -> Result<(), PolicyError> {
        let invalid = |field: &str, message: &str| PolicyError::Invalid {
            field: format!("{channel}.{field}"),
            message: message.to_owned(),
        };
        if self.review_deadline_hours == 0 {
            return Err(invalid("review_deadline_hours", "must be at least 1"));
        }
        if self.ship_back_days == 0 {
            return Err(invalid("ship_back_days", "must be at least 1"));
        }
        if self.logistics_follow_up_percent > 100 {
            return Err(invalid("logistics_follow_up_percent", "must be 0..=100"));
        }
        for (field, limits) in [
            ("auto_approve_refund_below", &self.auto_approve_refund_below),
            (
                "auto_approve_price_difference_below",
                &self.auto_approve_price_difference_below,
            ),
        ] {
            for (code, limit) in limits {
                Currency::parse(code).map_err(|_| invalid(field, "keys are ISO 4217 codes"))?;
                if *limit < 0 {
                    return Err(invalid(field, "limits are >= 0"));
                }
            }
        }
        for (field, value) in [
            ("supervisor", &self.supervisor),
            ("replacement_queue", &self.replacement_queue),
            ("return_to_customer_queue", &self.return_to_customer_queue),
        ] {
            if value.trim().is_empty() {
                return Err(invalid(field, "must not be empty"));
            }
        }
        Ok(())
    }
}

/// Retries of refunds the gateway failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefundRetryPolicy {
    /// Wait after the first failure, in seconds; doubled after each further one.
    pub base_seconds: u32,
    /// The longest wait, in seconds.
    pub max_seconds: u32,
    /// Failures after which no retry is scheduled.
    pub max_retries: u32,
}

impl RefundRetryPolicy {
    /// How long to wait after the `failures`-th failure (1-based).
    pub fn backoff(&self, failures: u32) -> Duration {
        let doublings = failures.saturating_sub(1).min(31);
        let seconds = u64::from(self.base_seconds).saturating_mul(1u64 << doublings);
        Duration::seconds(seconds.min(u64::from(self.max_seconds)) as i64)
    }
}

/// Every workflow policy: defaults, per-channel policies and refund retries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policies {
    /// The policy of channels without overrides.
    pub defaults: ChannelPolicy,
    /// Channels with overrides, already merged over the defaults.
    pub channels: BTreeMap<String, ChannelPolicy>,
    /// Refund retry backoff.
    pub refund_retry: RefundRetryPolicy,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    refund_retry: RefundRetryPolicy,
    defaults: ChannelPolicy,
    #[serde(default)]
    channels: BTreeMap<String, toml::Table>,
}

impl Policies {
    /// Reads policies from a TOML file.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, PolicyError> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| PolicyError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Self::from_toml_str(&text)
    }

    /// Parses policies from TOML text.
    pub fn from_toml_str(text: &str) -> Result<Self, PolicyError> {
        let file: PolicyFile =
            toml::from_str(text).map_err(|e| PolicyError::Parse(e.to_string()))?;
        file.defaults.validate("defaults")?;
        let base =
            toml::Table::try_from(&file.defaults).map_err(|e| PolicyError::Parse(e.to_string()))?;
        let mut channels = BTreeMap::new();
        for (name, overrides) in file.channels {
            let mut merged = base.clone();
            merge(&mut merged, overrides);
            let policy: ChannelPolicy = toml::Value::Table(merged)
                .try_into()
                .map_err(|e| PolicyError::Parse(format!("channels.{name}: {e}")))?;
            policy.validate(&format!("channels.{name}"))?;
            channels.insert(name, policy);
        }
        Ok(Self {
            defaults: file.defaults,
            channels,
            refund_retry: file.refund_retry,
        })
    }

    /// The policy for tickets from `channel`.
    pub fn for_channel(&self, channel: &str) -> &ChannelPolicy {
        self.channels.get(channel).unwrap_or(&self.defaults)
    }

    /// When an application opened at `opened_at` on `channel` must be reviewed by.
    pub fn review_deadline(&self, channel: &str, opened_at: DateTime<Utc>) -> DateTime<Utc> {
        opened_at + Duration::hours(i64::from(self.for_channel(channel).review_deadline_hours))
    }

    /// When goods of a return approved at `approved_at` on `channel` must ship back by.
    pub fn ship_back_deadline(&self, channel: &str, approved_at: DateTime<Utc>) -> DateTime<Utc> {
        approved_at + Duration::days(i64::from(self.for_channel(channel).ship_back_days))
    }
}

/// Overlays `overrides` on `base`, merging nested tables key by key.
fn merge(base: &mut toml::Table, overrides: toml::Table) {
    for (key, value) in overrides {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(inner)), toml::Value::Table(over)) => merge(inner, over),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

impl Default for Policies {
    /// The shipped defaults (equal to `workflows/policies.toml`).
    fn default() -> Self {
        let defaults = ChannelPolicy {
            review_deadline_hours: 48,
            review_timeout_action: ReviewTimeoutAction::Escalate,
            supervisor: "supervisor".to_owned(),
            ship_back_days: 7,
            auto_approve_refund_below: BTreeMap::from([("CNY".to_owned(), 10_000)]),
            auto_approve_price_difference_below: BTreeMap::from([("CNY".to_owned(), 5_000)]),
            replacement_queue: "warehouse:replacements".to_owned(),
            return_to_customer_queue: "warehouse:returns_to_customer".to_owned(),
            auto_close_when_settled: true,
            follow_up_delay_hours: 72,
            follow_up_grace_hours: 24,
            logistics_follow_up_percent: 70,
            platform_deadline_margin_hours: 6,
            return_address: ReturnAddress {
                recipient: "Returns desk".to_owned(),
                phone: "400-000-0000".to_owned(),
                address: "Returns warehouse, 1 Logistics Road, Hangzhou".to_owned(),
            },
            payout: None,
        };
        let platform = ChannelPolicy {
            review_timeout_action: ReviewTimeoutAction::AutoApprove,
            ..defaults.clone()
        };
        let channels = ["taobao", "douyin", "kuaishou"]
            .into_iter()
            .map(|name| (name.to_owned(), platform.clone()))
            .collect();
        Self {
            defaults,
            channels,
            refund_retry: RefundRetryPolicy {
                base_seconds: 60,
                max_seconds: 3600,
                max_retries: 5,
            },
        }
    }
}
