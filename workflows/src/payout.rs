//! Payout modes: how an approved refund gets paid, chosen explicitly per
//! server (`--payout`) and overridable per channel (`payout = "…"` in the
//! policies file). Nothing is recorded as paid that was not:
//!
//! - [`PayoutMode::Manual`] (the server's default): the refund waits in
//!   finance's payout queue until a person pays it and records `issueRefund`;
//! - [`PayoutMode::Webhook`]: a signed request goes to the merchant's ERP or
//!   payment middleware, whose answer (or later callback) is recorded;
//! - [`PayoutMode::Platform`]: a marketplace refunds the buyer itself; the
//!   refund counts as paid when the platform's record says so (intake);
//! - [`PayoutMode::Simulated`]: an in-memory gateway for tests and the demo,
//!   which warns at every payout and marks its events `simulated`.

use std::fmt;
use std::sync::Arc;

use returns_domain::state::TicketInfo;
use serde::{Deserialize, Serialize};

use crate::gateway::RefundGateway;
use crate::policies::Policies;

/// How approved refunds are paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PayoutMode {
    /// A person pays and records it.
    Manual,
    /// A signed request to a configured URL; its answer or callback settles it.
    Webhook,
    /// The marketplace pays; its record settles it.
    Platform,
    /// Nothing moves: tests and the demo only.
    Simulated,
}

impl PayoutMode {
    /// Every mode.
    pub const ALL: [PayoutMode; 4] = [
        PayoutMode::Manual,
        PayoutMode::Webhook,
        PayoutMode::Platform,
        PayoutMode::Simulated,
    ];

    /// The name in settings, tables and the API.
    pub fn as_str(self) -> &'static str {
        match self {
            PayoutMode::Manual => "manual",
            PayoutMode::Webhook => "webhook",
            PayoutMode::Platform => "platform",
            PayoutMode::Simulated => "simulated",
        }
    }

    /// The mode named `text`.
    pub fn parse(text: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|m| m.as_str() == text.trim())
            .ok_or_else(|| {
                format!("unknown payout mode {text:?}: one of manual, webhook, platform, simulated")
            })
    }
}

impl fmt::Display for PayoutMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where one refund's payout stands (finance's payout queue).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PayoutState {
    /// Manual mode: waiting for a person to pay and record it.
    AwaitingPerson,
    /// Platform mode: waiting for the marketplace's record.
    AwaitingPlatform,
    /// The request went out; no answer recorded yet.
    Sent,
    /// The receiver accepted it and will call back.
    Pending,
    /// Paid (`RefundIssued`).
    Paid,
    /// The last attempt failed (`RefundFailed`); a retry may follow.
    Failed,
    /// Failed more often than the retry policy allows: a person must act.
    DeadLettered,
}

impl PayoutState {
    /// Every state.
    pub const ALL: [PayoutState; 7] = [
        PayoutState::AwaitingPerson,
        PayoutState::AwaitingPlatform,
        PayoutState::Sent,
        PayoutState::Pending,
        PayoutState::Paid,
        PayoutState::Failed,
        PayoutState::DeadLettered,
    ];

    /// The name stored in the `payouts` table.
    pub fn as_str(self) -> &'static str {
        match self {
            PayoutState::AwaitingPerson => "awaiting_person",
            PayoutState::AwaitingPlatform => "awaiting_platform",
            PayoutState::Sent => "sent",
            PayoutState::Pending => "pending",
            PayoutState::Paid => "paid",
            PayoutState::Failed => "failed",
            PayoutState::DeadLettered => "dead_lettered",
        }
    }

    /// The state named `text`, if any.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// Why a payout configuration cannot start.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayoutConfigError {
    /// A mode is chosen (by the server or a channel) whose gateway is not configured.
    #[error("payout mode {mode} is chosen for {scope} but not configured{hint}")]
    NotConfigured {
        /// The mode.
        mode: PayoutMode,
        /// `the server` or `channel X`.
        scope: String,
        /// What to set.
        hint: &'static str,
    },
}

/// The payout modes a server can use and the gateways behind them. Cheap to clone.
#[derive(Clone)]
pub struct Payouts {
    default_mode: PayoutMode,
    webhook: Option<Arc<dyn RefundGateway>>,
    simulated: Option<Arc<dyn RefundGateway>>,
}

impl Payouts {
    /// Every refund waits for a person (the default of `returns serve`).
    pub fn manual() -> Self {
        Self {
            default_mode: PayoutMode::Manual,
            webhook: None,
            simulated: None,
        }
    }

    /// `mode` by default, with no gateway yet.
    pub fn new(default_mode: PayoutMode) -> Self {
        Self {
            default_mode,
            ..Self::manual()
        }
    }

    /// Every refund paid through `gateway`, marked simulated (tests, demo).
    pub fn simulated(gateway: Arc<dyn RefundGateway>) -> Self {
        Self::new(PayoutMode::Simulated).with_simulated(gateway)
    }

    /// Every refund paid through the webhook `gateway`.
    pub fn webhook(gateway: Arc<dyn RefundGateway>) -> Self {
        Self::new(PayoutMode::Webhook).with_webhook(gateway)
    }

    /// Adds the gateway of webhook mode (for channels that choose it).
    pub fn with_webhook(mut self, gateway: Arc<dyn RefundGateway>) -> Self {
        self.webhook = Some(gateway);
        self
    }

    /// Adds the simulated gateway.
    pub fn with_simulated(mut self, gateway: Arc<dyn RefundGateway>) -> Self {
        self.simulated = Some(gateway);
        self
    }

    /// The mode of channels without a `payout` policy.
    pub fn default_mode(&self) -> PayoutMode {
        self.default_mode
    }

    /// Fails when the default or a channel chooses a mode without its gateway.
    pub fn check(&self, policies: &Policies) -> Result<(), PayoutConfigError> {
        let scopes = std::iter::once(("the server".to_owned(), Some(self.default_mode)))
            .chain(std::iter::once((
                "the policy defaults".to_owned(),
                policies.defaults.payout,
            )))
            .chain(
                policies
                    .channels
                    .iter()
                    .map(|(name, p)| (format!("channel {name}"), p.payout)),
            );
        for (scope, mode) in scopes {
            let Some(mode) = mode else { continue };
            let missing = match mode {
                PayoutMode::Webhook if self.webhook.is_none() => {
                    Some(" (set RETURNS_PAYOUT_WEBHOOK_URL and RETURNS_PAYOUT_WEBHOOK_SECRET)")
                }
                PayoutMode::Simulated if self.simulated.is_none() => {
                    Some(" (only `returns demo` or `--payout simulated` pay nothing)")
                }
                _ => None,
            };
            if let Some(hint) = missing {
                return Err(PayoutConfigError::NotConfigured { mode, scope, hint });
            }
        }
        Ok(())
    }

    /// The mode of a ticket's refunds: its channel's policy, else the
    /// server's; platform mode applies to marketplace tickets only (others
    /// have no platform record to wait for and go to a person).
    pub fn mode_for(&self, policies: &Policies, info: &TicketInfo) -> PayoutMode {
        let mode = policies
            .for_channel(&info.channel)
            .payout
            .unwrap_or(self.default_mode);
        if mode == PayoutMode::Platform && info.platform_after_sale_id.is_none() {
            PayoutMode::Manual
        } else {
            mode
        }
    }

    /// The gateway that pays in `mode` (none for manual and platform).
    pub(crate) fn gateway(&self, mode: PayoutMode) -> Option<&Arc<dyn RefundGateway>> {
        match mode {
            PayoutMode::Webhook => self.webhook.as_ref(),
            PayoutMode::Simulated => self.simulated.as_ref(),
            PayoutMode::Manual | PayoutMode::Platform => None,
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::Utc;
    use returns_domain::{Currency, TicketKind};
    use uuid::Uuid;

    use super::*;
    use crate::gateway::SimulatedGateway;

    fn info(channel: &str, after_sale: Option<&str>) -> TicketInfo {
        TicketInfo {
            ticket_id: Uuid::nil(),
            kind: TicketKind::RefundOnly,
            channel: channel.to_owned(),
            platform_order_id: None,
            platform_after_sale_id: after_sale.map(str::to_owned),
            customer: "c".to_owned(),
            customer_phone: None,
            customer_address: None,
            reason_code: "other".to_owned(),
            reason_text: String::new(),
            currency: Currency::parse("CNY").unwrap(),
            opened_at: Utc::now(),
        }
    }

    #[test]
    fn a_channel_overrides_the_server_and_platform_mode_needs_a_platform_record() {
        let mut policies = Policies::default();
        policies.channels.get_mut("douyin").unwrap().payout = Some(PayoutMode::Platform);
        let payouts = Payouts::manual();
        assert_eq!(
            payouts.mode_for(&policies, &info("douyin", Some("AS-1"))),
            PayoutMode::Platform
        );
        // No after-sale id: nothing for the platform to settle, so a person pays.
        assert_eq!(
            payouts.mode_for(&policies, &info("douyin", None)),
            PayoutMode::Manual
        );
        assert_eq!(
            payouts.mode_for(&policies, &info("taobao", Some("AS-2"))),
            PayoutMode::Manual
        );
        assert_eq!(payouts.check(&policies), Ok(()));
    }

    #[test]
    fn a_mode_in_use_without_its_gateway_is_refused() {
        let mut policies = Policies::default();
        assert!(Payouts::new(PayoutMode::Webhook).check(&policies).is_err());
        policies.channels.get_mut("taobao").unwrap().payout = Some(PayoutMode::Simulated);
        let refused = Payouts::manual().check(&policies).unwrap_err();
        assert!(refused.to_string().contains("channel taobao"), "{refused}");
        let demo = Payouts::simulated(std::sync::Arc::new(SimulatedGateway::new()));
        assert_eq!(demo.check(&policies), Ok(()));
        assert_eq!(PayoutMode::parse("webhook"), Ok(PayoutMode::Webhook));
        assert!(PayoutMode::parse("free").is_err());
    }
}
