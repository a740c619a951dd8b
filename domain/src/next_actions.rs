//! Which commands a ticket accepts now: the transition table.
//!
//! `decide` consults the same table before any command-specific check, so
//! what `next_actions` offers and what `decide` accepts can never disagree
//! about order (command data may still fail validation).

use serde::Serialize;

use crate::command::CommandKind;
use crate::decide::resolution_fits;
use crate::role::Role;
use crate::state::{RefundStatus, TicketState, TicketStatus};
use crate::ticket::{Conversion, DeadlineKind, InspectionOutcome, Resolution, TicketKind};

/// A command allowed now, with the roles that may issue it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct NextAction {
    /// The command.
    pub command: CommandKind,
    /// Who may issue it (from [`CommandKind::roles`]).
    pub roles: &'static [Role],
}

impl TicketState {
    /// Whether the ticket accepts commands of `kind` in its current state.
    pub fn allows(&self, kind: CommandKind) -> bool {
        use CommandKind as C;
        use TicketStatus as S;
        let status = self.status;
        if status == S::NotOpened {
            return kind == C::OpenTicket;
        }
        // An offer left open when the ticket ended still runs out: its
        // timer records that nobody answered, so the history says so.
        if kind == C::ExpireCounterOffer {
            return self.open_offer().is_some();
        }
        // The platform must hear of a refusal or a cancellation as much as
        // of anything else, so its tasks outlive the ticket's end.
        if kind == C::ConfirmPlatformAction {
            return self.platform_actions.iter().any(|a| a.is_open());
        }
        if kind == C::RecordPlatformConfirmation {
            return self.platform_actions.iter().any(|a| a.confirmed.is_none());
        }
        if kind == C::RecordPlatformActionOutcome {
            return self.platform_actions.iter().any(|a| a.is_open());
        }
        if status == S::Cancelled {
            return kind == C::AddNote;
        }
        // After-sale care follows the close by definition: the follow-up call
        // asks how the refund or replacement worked out, so it can only happen
        // once the ticket is closed. A cancelled ticket had no outcome to ask about.
        if status == S::Closed {
            return match kind {
                C::AddNote | C::ScheduleFollowUp => true,
                C::CompleteFollowUp => self.open_follow_ups().next().is_some(),
                _ => false,
            };
        }
        let Some(ticket_kind) = self.kind() else {
            return false;
        };
        let goods_back = ticket_kind.needs_goods_back();
        let may_take_goods = ticket_kind.may_take_goods_back();
        let converted_to_refund = self.converted_to_refund();
        let outcome = self.inspection_outcome;
        let q = self.quantities();
        let any_refund =
            |wanted: &[RefundStatus]| self.refunds.iter().any(|r| wanted.contains(&r.status));
        match kind {
            C::OpenTicket => false,
            // A price-protection ticket is judged on its stated difference,
            // so it must be stated before anyone approves.
            C::ApproveApplication => {
                status == S::Applied
                    && (ticket_kind != TicketKind::PriceProtection
                        || self.price_difference.is_some())
            }
            C::RejectApplication => status == S::Applied,
            C::RegisterReturnShipment => may_take_goods && status == S::Approved,
            // A parcel from the pool may be the one the buyer never
            // registered (approved, no waybill) or registered wrongly.
            C::ReceiveMatchedParcel => {
                may_take_goods
                    && matches!(status, S::Approved | S::ReturnShipped | S::Received)
                    && q.received < q.applied
            }
            // Evidence is the merchant's answer to an open arbitration.
            C::RecordEvidenceSubmission => self.arbitration.as_ref().is_some_and(|a| a.open),
            // Decided above, before the ticket's status counts.
            C::ConfirmPlatformAction
            | C::RecordPlatformConfirmation
            | C::RecordPlatformActionOutcome => false,
            C::ReceiveReturn => {
                may_take_goods
                    && matches!(status, S::ReturnShipped | S::Received)
                    && q.received < q.applied
            }
            // A repair's goods are judged by the repair, not graded.
            C::RecordInspection => {
                ticket_kind.inspects_goods()
                    && matches!(status, S::Received | S::Inspecting | S::Disputed)
            }
            C::CompleteInspection => status == S::Inspecting,
            // Telling the customer the result is a person's step that a
            // workflow must never take away: auto-refund, payout or the
            // return of rejected goods may move the ticket on first, so it
            // stays open from the inspection until the close, once a round.
            C::SendInspectionFeedback => {
                self.inspection_outcome.is_some() && self.inspection_feedback.is_none()
            }
            // Once money moves, the inspection result it was based on is final.
            C::DisputeInspection => {
                matches!(status, S::Inspected | S::FeedbackSent)
                    && !self.has_refunds()
                    && self.replacement_shipment.is_none()
                    && self.goods_returned_shipment.is_none()
            }
            C::RequestRefund => {
                let step_ok = match ticket_kind {
                    TicketKind::RefundOnly | TicketKind::PriceProtection => {
                        matches!(status, S::Approved | S::Refunding | S::Refunded)
                    }
                    TicketKind::ReturnAndRefund => matches!(
                        status,
                        S::Inspected | S::FeedbackSent | S::Refunding | S::Refunded
                    ),
                    // An exchange is refunded only a cheaper variant's
                    // difference, once the replacement shipped.
                    TicketKind::Exchange => {
                        status == S::ReplacementShipped && self.variant_difference_minor() < 0
                    }
                    TicketKind::Reship | TicketKind::Repair => false,
                };
                // A conversion to a refund opens the refund whatever the kind.
                let converted_ok = converted_to_refund
                    && matches!(status, S::Converted | S::Refunding | S::Refunded);
                (step_ok || converted_ok) && self.remaining_refundable_minor() > 0
            }
            C::ApproveRefund => any_refund(&[RefundStatus::Requested]),
            C::IssueRefund => any_refund(&[RefundStatus::Approved, RefundStatus::Failed]),
            C::RecordRefundFailure => any_refund(&[RefundStatus::Approved, RefundStatus::Failed]),
            C::ShipReplacement => {
                let exchange_ok = ticket_kind == TicketKind::Exchange
                    && matches!(status, S::Inspected | S::FeedbackSent)
                    && matches!(
                        outcome,
                        Some(InspectionOutcome::Passed | InspectionOutcome::Partial)
                    );
                exchange_ok || (self.converted_to_exchange() && status == S::Converted)
            }
            C::ReturnGoodsToCustomer => {
                goods_back
                    && self.goods_returned_shipment.is_none()
                    && matches!(
                        outcome,
                        Some(InspectionOutcome::Failed | InspectionOutcome::Partial)
                    )
                    && matches!(
                        status,
                        S::Inspected
                            | S::FeedbackSent
                            | S::Refunding
                            | S::Refunded
                            | S::ReplacementShipped
                            | S::Converted
                    )
            }
            C::CloseTicket => {
                matches!(
                    status,
                    S::Applied
                        | S::Approved
                        | S::Rejected
                        | S::Refunded
                        | S::GoodsReturned
                        | S::Reshipped
                        | S::RepairShippedBack
                ) || (status == S::Repaired && q.received == 0)
                    // A variant's difference under way is paid before the close.
                    || (status == S::ReplacementShipped
                        && !any_refund(&[
                            RefundStatus::Requested,
                            RefundStatus::Approved,
                            RefundStatus::Failed,
                        ]))
            }
            // Once goods are at the warehouse, walking away is a close with a resolution.
            C::CancelTicket => matches!(status, S::Applied | S::Approved | S::ReturnShipped),
            C::AssignTicket | C::AddNote | C::UpdateCustomFields | C::ScheduleFollowUp => true,
            C::CompleteFollowUp => self.open_follow_ups().next().is_some(),
            C::RecordMissedDeadline => self.running_deadline().is_some(),
            // The platform may overturn the seller's refusal (it decides
            // an intervention for the buyer: Douyin 27 then 12, Taobao
            // SELLER_REFUSE_BUYER then SUCCESS), so its approval is taken
            // over a rejection too.
            C::RecordPlatformApproval => matches!(status, S::Applied | S::Rejected),
            // Goods still on their way or at the warehouse do not stop the
            // platform from refunding; an exchange, a reship or a repair is
            // refunded only once converted to a refund.
            C::RecordPlatformRefund => {
                (matches!(
                    ticket_kind,
                    TicketKind::RefundOnly
                        | TicketKind::ReturnAndRefund
                        | TicketKind::PriceProtection
                ) || converted_to_refund)
                    && matches!(
                        status,
                        S::Approved
                            | S::ReturnShipped
                            | S::Received
                            | S::Inspecting
                            | S::Inspected
                            | S::FeedbackSent
                            | S::Disputed
                            | S::Refunding
                            | S::Refunded
                            | S::Converted
                    )
                    && self.platform_refundable_minor() > 0
            }
            C::RecordPlatformSyncIssue => true,
            C::ResolvePlatformSync => self.platform_sync.is_some(),
            C::RecordPlatformDeadline | C::RecordPlatformArbitration => true,
            // A later record may correct the waybill of a parcel already
            // registered, or the buyer's contact, whatever the ticket's step.
            C::RecordPlatformCorrection => status != S::NotOpened,
            C::RecordPlatformDeadlineNear => {
                self.platform_deadline.as_ref().is_some_and(|d| !d.near)
            }
            C::StatePriceDifference => {
                ticket_kind == TicketKind::PriceProtection && status == S::Applied
            }
            C::ShipReshipment => ticket_kind == TicketKind::Reship && status == S::Approved,
            C::ConfirmReshipmentReceived => status == S::Reshipped,
            // In the workshop once goods arrived; parts or a visit before any did.
            C::RecordRepair => {
                ticket_kind == TicketKind::Repair
                    && (status == S::Received || (status == S::Approved && q.received == 0))
            }
            C::ShipRepairedGoods => {
                ticket_kind == TicketKind::Repair && status == S::Repaired && q.received > 0
            }
            C::ConvertTicket => Conversion::ALL.iter().any(|c| self.conversion_fits(*c)),
            // One offer at a time: a second would leave the buyer two
            // answers that may contradict each other.
            C::MakeCounterOffer => {
                self.open_offer().is_none()
                    && (self.partial_refund_fits()
                        || self.return_address_offer_fits()
                        || Conversion::ALL.iter().any(|c| self.conversion_fits(*c)))
            }
            C::RecordOfferAnswer | C::ExpireCounterOffer => self.open_offer().is_some(),
            // Until the replacement ships, its variant may still change.
            C::ChooseReplacementVariant => {
                ticket_kind == TicketKind::Exchange
                    && self.conversion.is_none()
                    && self.replacement_shipment.is_none()
                    && !matches!(status, S::Rejected)
            }
        }
    }

    /// Whether a partial refund may be offered now: on a refund-only ticket
    /// before any money moved, or on a return and refund where it is the
    /// conversion to a partial refund with the goods kept.
    pub fn partial_refund_fits(&self) -> bool {
        use TicketStatus as S;
        match self.kind() {
            Some(TicketKind::RefundOnly) => {
                matches!(self.status, S::Applied | S::Approved) && !self.has_refunds()
            }
            Some(TicketKind::ReturnAndRefund) => {
                self.conversion_fits(Conversion::ReturnToPartialRefund)
            }
            _ => false,
        }
    }

    /// Whether another return address may be offered now: the goods are to
    /// come back to an address already given and have not shipped yet.
    pub fn return_address_offer_fits(&self) -> bool {
        self.status == TicketStatus::Approved
            && self.return_address.is_some()
            && self.kind().is_some_and(|k| k.may_take_goods_back())
    }

    /// Whether `conversion` fits the ticket now: it starts from the ticket's
    /// kind, the ticket was never converted, and nothing it would undo has
    /// happened (no replacement shipped, no repair done, no part reshipped,
    /// no goods on their way for a return the buyer keeps).
    pub fn conversion_fits(&self, conversion: Conversion) -> bool {
        use TicketStatus as S;
        if self.kind() != Some(conversion.from_kind()) || self.conversion.is_some() {
            return false;
        }
        let status = self.status;
        match conversion {
            Conversion::ExchangeToRefund => {
                matches!(status, S::Inspected | S::FeedbackSent)
                    && matches!(
                        self.inspection_outcome,
                        Some(InspectionOutcome::Passed | InspectionOutcome::Partial)
                    )
            }
            Conversion::RepairToRefund => matches!(status, S::Approved | S::Received),
            Conversion::RepairToExchange => status == S::Received,
            Conversion::ReshipToRefund => status == S::Approved,
            Conversion::ReturnToPartialRefund => matches!(status, S::Applied | S::Approved),
        }
    }

    /// The commands the ticket accepts now, in [`CommandKind::ALL`] order.
    pub fn allowed_commands(&self) -> Vec<CommandKind> {
        CommandKind::ALL
            .into_iter()
            .filter(|k| self.allows(*k))
            .collect()
    }

    /// The resolutions a close may state now: none unless the ticket may be
    /// closed, else those [`resolution_fits`] its status (what a form may
    /// offer is exactly what `decide` accepts).
    pub fn allowed_resolutions(&self) -> Vec<Resolution> {
        if !self.allows(CommandKind::CloseTicket) {
            return Vec::new();
        }
        Resolution::ALL
            .into_iter()
            .filter(|r| resolution_fits(*r, self.status))
            .collect()
    }

    /// The commands allowed now, each with the roles that may issue it.
    pub fn next_actions(&self) -> Vec<NextAction> {
        self.allowed_commands()
            .into_iter()
            .map(|command| NextAction {
                command,
                roles: command.roles(),
            })
            .collect()
    }

    /// The deadline a timer is watching now, with its due time, if it has not
    /// been recorded as missed yet: review while applied, ship-back while approved.
    pub fn running_deadline(&self) -> Option<(DeadlineKind, chrono::DateTime<chrono::Utc>)> {
        let candidate = match self.status {
            TicketStatus::Applied => self.review_deadline.map(|d| (DeadlineKind::Review, d)),
            TicketStatus::Approved => self.ship_back_deadline.map(|d| (DeadlineKind::ShipBack, d)),
            _ => None,
        };
        candidate.filter(|(kind, _)| !self.missed_deadlines.contains(kind))
    }
}
