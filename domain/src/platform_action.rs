//! What the marketplace must hear of: the seller-side steps a person or a
//! workflow takes on a marketplace ticket, recorded in the same append as
//! the decision itself (`PlatformActionRequested`), so no decision can exist
//! without its platform action, and none can be lost between the two.
//!
//! A marketplace ticket is one that names the platform's after-sale id. Only
//! the commands below produce actions; intake's own commands (what the
//! platform already did) never do, so nothing is echoed back to the platform.
//! Each action names what to do, not how a platform spells it: the adapters
//! and the console's back-office instructions translate it per platform.

use serde::{Deserialize, Serialize};

use crate::command::Command;
use crate::event::{Event, PlatformActionRequested};
use crate::money::Money;
use crate::role::Role;
use crate::state::TicketState;
use crate::ticket::{Conversion, CounterOffer};

/// A seller-side step on the marketplace's after-sale record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlatformAction {
    /// Agree to the buyer's application (refund, return, exchange, reship, repair).
    ApproveApplication,
    /// Refuse the buyer's application.
    RefuseApplication,
    /// Confirm the returned goods arrived.
    ConfirmReturnReceived,
    /// Enter the exchange's replacement waybill.
    ShipExchange,
    /// Enter the reshipped part's waybill.
    ShipReshipment,
    /// Enter the repaired goods' waybill back to the buyer.
    ShipRepairedGoods,
    /// Refuse the refund after inspection, the goods sent back to the buyer.
    RefuseAfterInspection,
    /// Agree to the refund (the platform then pays the buyer).
    AgreeRefund,
    /// Make the buyer a counter-offer (协商).
    CounterOffer,
    /// Turn the after-sale into another kind (e.g. an exchange into a refund).
    Convert,
}

impl PlatformAction {
    /// Every action.
    pub const ALL: [PlatformAction; 10] = [
        PlatformAction::ApproveApplication,
        PlatformAction::RefuseApplication,
        PlatformAction::ConfirmReturnReceived,
        PlatformAction::ShipExchange,
        PlatformAction::ShipReshipment,
        PlatformAction::ShipRepairedGoods,
        PlatformAction::RefuseAfterInspection,
        PlatformAction::AgreeRefund,
        PlatformAction::CounterOffer,
        PlatformAction::Convert,
    ];

    /// The name in the log and the read models.
    pub fn as_str(self) -> &'static str {
        use PlatformAction::*;
        match self {
            ApproveApplication => "approve_application",
            RefuseApplication => "refuse_application",
            ConfirmReturnReceived => "confirm_return_received",
            ShipExchange => "ship_exchange",
            ShipReshipment => "ship_reshipment",
            ShipRepairedGoods => "ship_repaired_goods",
            RefuseAfterInspection => "refuse_after_inspection",
            AgreeRefund => "agree_refund",
            CounterOffer => "counter_offer",
            Convert => "convert",
        }
    }

    /// The action named `text`.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == text)
    }

    /// The department whose decision it repeats, and so whose task it is
    /// when a person must carry it out in the back office.
    pub fn department(self) -> Role {
        use PlatformAction::*;
        match self {
            ApproveApplication | RefuseApplication | CounterOffer | Convert => {
                Role::CustomerService
            }
            ConfirmReturnReceived
            | ShipExchange
            | ShipReshipment
            | ShipRepairedGoods
            | RefuseAfterInspection => Role::Warehouse,
            AgreeRefund => Role::Finance,
        }
    }
}

/// What the platform needs besides the after-sale id. Only what the
/// platform's call takes and nothing personal: the buyer's address and
/// free-text reasons stay on the ticket, where a person reads them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformActionParams {
    /// The carrier of a parcel the seller sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub carrier: Option<String>,
    /// Its tracking number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tracking_number: Option<String>,
    /// The amount agreed or offered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// The conversion made or offered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversion: Option<Conversion>,
    /// The platform's code for a refusal's reason.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<String>,
}

/// The actions the platform must hear of after `command` produced `events`
/// on `state` (the state before them): none on a ticket that names no
/// platform after-sale, and none for intake's commands.
pub fn requested(state: &TicketState, command: &Command, events: &[Event]) -> Vec<Event> {
    let Some(info) = state.info.as_ref() else {
        return Vec::new();
    };
    let Some(after_sale_id) = info.platform_after_sale_id.clone() else {
        return Vec::new();
    };
    let waybill = |carrier: &str, tracking: &str| PlatformActionParams {
        carrier: Some(carrier.to_owned()),
        tracking_number: Some(tracking.to_owned()),
        ..PlatformActionParams::default()
    };
    let received = || events.iter().any(|e| matches!(e, Event::ReturnReceived(_)));
    let (action, params) = match command {
        Command::ApproveApplication(_) => (
            PlatformAction::ApproveApplication,
            PlatformActionParams::default(),
        ),
        Command::RejectApplication(c) => (
            PlatformAction::RefuseApplication,
            PlatformActionParams {
                reason_code: c.reason_code.clone(),
                ..PlatformActionParams::default()
            },
        ),
        Command::ReceiveReturn(_) | Command::ReceiveMatchedParcel(_) if received() => (
            PlatformAction::ConfirmReturnReceived,
            PlatformActionParams::default(),
        ),
        Command::ShipReplacement(c) => (
            PlatformAction::ShipExchange,
            waybill(&c.carrier, &c.tracking_number),
        ),
        Command::ShipReshipment(c) => (
            PlatformAction::ShipReshipment,
            waybill(&c.carrier, &c.tracking_number),
        ),
        Command::ShipRepairedGoods(c) => (
            PlatformAction::ShipRepairedGoods,
            waybill(&c.carrier, &c.tracking_number),
        ),
        Command::ReturnGoodsToCustomer(c) => (
            PlatformAction::RefuseAfterInspection,
            waybill(&c.carrier, &c.tracking_number),
        ),
        Command::ApproveRefund(c) => (
            PlatformAction::AgreeRefund,
            PlatformActionParams {
                amount: state
                    .refunds
                    .iter()
                    .find(|r| r.refund_id == c.refund_id)
                    .map(|r| r.amount),
                ..PlatformActionParams::default()
            },
        ),
        Command::MakeCounterOffer(c) => (
            PlatformAction::CounterOffer,
            match &c.offer {
                CounterOffer::PartialRefund { amount } => PlatformActionParams {
                    amount: Some(*amount),
                    ..PlatformActionParams::default()
                },
                CounterOffer::Conversion {
                    conversion,
                    refund_amount,
                } => PlatformActionParams {
                    amount: *refund_amount,
                    conversion: Some(*conversion),
                    ..PlatformActionParams::default()
                },
                // The address is the merchant's, but it is typed in on the
                // ticket; the person or adapter reads it there.
                CounterOffer::ReturnAddress { .. } => PlatformActionParams::default(),
            },
        ),
        Command::ConvertTicket(c) => (
            PlatformAction::Convert,
            PlatformActionParams {
                amount: c.refund_amount,
                conversion: Some(c.conversion),
                ..PlatformActionParams::default()
            },
        ),
        _ => return Vec::new(),
    };
    // Numbered on the ticket by how many it asked for before, so the same
    // decision on the same state names the same action: a retried command
    // cannot ask the platform twice, and (ticket, number) is the key an
    // adapter sends as its idempotency key.
    // The platform's clock for the step the decision answers: the review
    // deadline for a review, else the platform's deadline for its step.
    let review = matches!(
        action,
        PlatformAction::ApproveApplication | PlatformAction::RefuseApplication
    );
    let due_by = review
        .then_some(state.review_deadline)
        .flatten()
        .or_else(|| state.platform_deadline.as_ref().map(|d| d.due_at));
    vec![Event::PlatformActionRequested(PlatformActionRequested {
        seq: state.platform_actions.len() as u32 + 1,
        platform: info.channel.clone(),
        after_sale_id,
        action,
        params,
        due_by,
        requested_at: command.at(),
    })]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_every_action_has_a_department() {
        for action in PlatformAction::ALL {
            assert_eq!(PlatformAction::parse(action.as_str()), Some(action));
            assert_ne!(action.department(), Role::Auditor);
        }
    }
}
