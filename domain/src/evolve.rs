//! `evolve`: apply one recorded fact to the state.
//!
//! Events are facts already decided, so `evolve` never refuses one; an event
//! that refers to something unknown (which `decide` cannot produce) is
//! counted in `version` and otherwise ignored, so replay never panics.

use crate::command::PlatformSyncIssueKind;
use crate::event::Event;
use crate::state::{
    ConversionRecord, FollowUp, LineInspection, LineState, Negotiation, Note, PlatformArbitration,
    PlatformDeadline, PlatformSyncIssue, PriceDifference, RefundState, RefundStatus, Repair,
    ReplacementVariant, Reshipment, TicketInfo, TicketState, TicketStatus,
};
use crate::ticket::{
    CounterOffer, InspectionOutcome, OfferAnswer, OfferStatus, Shipment, TicketKind,
};
use chrono::{DateTime, Utc};

/// The state after `event`.
pub fn evolve(mut state: TicketState, event: &Event) -> TicketState {
    state.version += 1;
    match event {
        Event::TicketOpened(e) => {
            state.info = Some(TicketInfo {
                ticket_id: e.ticket_id,
                kind: e.kind,
                channel: e.channel.clone(),
                platform_order_id: e.platform_order_id.clone(),
                platform_after_sale_id: e.platform_after_sale_id.clone(),
                customer: e.customer.clone(),
                customer_phone: e.customer_phone.clone(),
                customer_address: e.customer_address.clone(),
                reason_code: e.reason_code.clone(),
                reason_text: e.reason_text.clone(),
                currency: e.currency,
                opened_at: e.opened_at,
            });
            state.lines = e
                .lines
                .iter()
                .map(|line| LineState {
                    line: line.clone(),
                    qty_received: 0,
                    inspection: None,
                })
                .collect();
            state.custom_fields = e.custom_fields.clone();
            state.review_deadline = Some(e.review_deadline);
            state.status = TicketStatus::Applied;
        }
        Event::ApplicationApproved(e) => {
            state.return_address = e.return_address.clone();
            state.ship_back_deadline = e.ship_back_deadline;
            // Refund-only tickets owe what was paid as soon as they are
            // approved, or the partial refund the buyer agreed to before.
            if state.kind() == Some(TicketKind::RefundOnly) {
                state.refundable_minor = state.agreed_refund_minor.unwrap_or_else(|| {
                    crate::state::sum_minor(state.lines.iter().map(|l| l.line.paid.amount_minor))
                });
            }
            // An approval after a rejection is the platform overturning it.
            state.rejection_reason = None;
            // A price-protection ticket owes the stated difference, no more.
            if state.kind() == Some(TicketKind::PriceProtection) {
                if let Some(d) = &state.price_difference {
                    state.refundable_minor = d.amount.amount_minor.max(state.refunded_minor());
                }
            }
            state.status = TicketStatus::Approved;
        }
        Event::ApplicationRejected(e) => {
            state.rejection_reason = Some(e.reason.clone());
            state.status = TicketStatus::Rejected;
        }
        Event::ReturnShipmentRegistered(e) => {
            state.return_shipment = Some(Shipment {
                carrier: e.carrier.clone(),
                tracking_number: e.tracking_number.clone(),
            });
            state.status = TicketStatus::ReturnShipped;
        }
        Event::ReturnReceived(e) => {
            for received in &e.lines {
                if let Some(line) = line_mut(&mut state, &received.line_id) {
                    line.qty_received = line.qty_received.saturating_add(received.qty);
                }
            }
            state.package_conditions.push(e.package_condition);
            state.status = TicketStatus::Received;
        }
        Event::LineInspected(e) => {
            if state.inspection_round == 0 {
                state.inspection_round = 1;
            }
            if let Some(line) = line_mut(&mut state, &e.line_id) {
                line.inspection = Some(LineInspection {
                    qty_inspected: e.qty_inspected,
                    qty_accepted: e.qty_accepted,
                    grade: e.grade,
                    verdict: e.verdict,
                    deduction: e.deduction,
                    notes: e.notes.clone(),
                    photo_refs: e.photo_refs.clone(),
                    inspected_at: e.inspected_at,
                });
            }
            state.status = TicketStatus::Inspecting;
        }
        Event::InspectionCompleted(e) => {
            state.inspection_outcome = Some(e.outcome);
            // A refund the platform already paid stays owed whatever the
            // inspection found: the money has moved.
            state.refundable_minor = e.refundable_amount.amount_minor.max(state.refunded_minor());
            state.status = TicketStatus::Inspected;
        }
        Event::InspectionFeedbackSent(e) => {
            state.inspection_feedback = Some(e.message.clone());
            // Sent later (the refund already under way, the goods already
            // back), the feedback is recorded without moving the ticket back.
            if state.status == TicketStatus::Inspected {
                state.status = TicketStatus::FeedbackSent;
            }
        }
        Event::InspectionDisputed(_) => {
            // Re-inspection replaces the earlier result: the round's findings are void.
            for line in &mut state.lines {
                line.inspection = None;
            }
            state.inspection_outcome = None;
            state.inspection_feedback = None;
            state.refundable_minor = 0;
            state.inspection_round += 1;
            state.status = TicketStatus::Disputed;
        }
        Event::RefundRequested(e) => {
            state.refunds.push(RefundState {
                refund_id: e.refund_id,
                amount: e.amount,
                status: RefundStatus::Requested,
                requested_at: e.requested_at,
                gateway_reference: None,
                issued_at: None,
                last_failure: None,
                failures: 0,
            });
            if !state.refunds_beside_main_line() {
                state.status = refund_status(&state);
            }
        }
        Event::RefundApproved(e) => {
            if let Some(refund) = refund_mut(&mut state, e.refund_id) {
                refund.status = RefundStatus::Approved;
            }
        }
        Event::RefundIssued(e) if e.payer.is_some() => {
            // A platform refund was never requested here: it arrives paid.
            if refund_mut(&mut state, e.refund_id).is_none() {
                state.refunds.push(RefundState {
                    refund_id: e.refund_id,
                    amount: e.amount,
                    status: RefundStatus::Issued,
                    requested_at: e.issued_at,
                    gateway_reference: Some(e.gateway_reference.clone()),
                    issued_at: Some(e.issued_at),
                    last_failure: None,
                    failures: 0,
                });
            }
            // What the platform paid is owed by definition, so what was
            // refunded never exceeds what is refundable. A refund of ours
            // still under way stays owed beside it (a person fails or pays
            // it); counting it keeps what is committed within what is
            // refundable. (Reached when the refundable amount is below what
            // was paid: inspection deductions, a partial-refund conversion.)
            state.refundable_minor = state.refundable_minor.max(state.committed_refund_minor());
            // Goods still on their way or being inspected keep their course:
            // the warehouse must still receive and inspect them.
            if !matches!(
                state.status,
                TicketStatus::ReturnShipped
                    | TicketStatus::Received
                    | TicketStatus::Inspecting
                    | TicketStatus::Disputed
            ) {
                state.status = refund_status(&state);
            }
        }
        Event::RefundIssued(e) => {
            if let Some(refund) = refund_mut(&mut state, e.refund_id) {
                refund.status = RefundStatus::Issued;
                refund.gateway_reference = Some(e.gateway_reference.clone());
                refund.issued_at = Some(e.issued_at);
            }
            if !state.refunds_beside_main_line() {
                state.status = refund_status(&state);
            }
        }
        Event::RefundFailed(e) => {
            if let Some(refund) = refund_mut(&mut state, e.refund_id) {
                refund.status = RefundStatus::Failed;
                refund.last_failure = Some(e.reason.clone());
                refund.failures += 1;
            }
        }
        Event::ReplacementShipped(e) => {
            state.replacement_shipment = Some(Shipment {
                carrier: e.carrier.clone(),
                tracking_number: e.tracking_number.clone(),
            });
            state.status = TicketStatus::ReplacementShipped;
            // A cheaper variant shipped: its difference is what the
            // exchange still owes (the conversion the inspection's amount
            // was kept for can no longer happen).
            let difference = state.variant_difference_minor();
            if state.kind() == Some(TicketKind::Exchange) && difference < 0 {
                state.refundable_minor = difference.saturating_neg().max(state.refunded_minor());
            }
        }
        Event::GoodsReturnedToCustomer(e) => {
            state.goods_returned_shipment = Some(Shipment {
                carrier: e.carrier.clone(),
                tracking_number: e.tracking_number.clone(),
            });
            // After a partial inspection the accepted part still runs its
            // course; only a wholly failed inspection ends here.
            if state.inspection_outcome == Some(InspectionOutcome::Failed) {
                state.status = TicketStatus::GoodsReturned;
            }
        }
        Event::TicketClosed(e) => {
            state.resolution = Some(e.resolution);
            state.ended_at = Some(e.closed_at);
            state.status = TicketStatus::Closed;
        }
        Event::TicketCancelled(e) => {
            state.cancel_reason = Some(e.reason.clone());
            state.ended_at = Some(e.cancelled_at);
            state.status = TicketStatus::Cancelled;
        }
        Event::TicketAssigned(e) => state.assignee = e.assignee.clone(),
        Event::NoteAdded(e) => state.notes.push(Note {
            author: e.author.clone(),
            text: e.text.clone(),
            added_at: e.added_at,
        }),
        Event::CustomFieldsUpdated(e) => {
            for (key, value) in &e.fields {
                if value.is_null() {
                    state.custom_fields.remove(key);
                } else {
                    state.custom_fields.insert(key.clone(), value.clone());
                }
            }
        }
        Event::FollowUpScheduled(e) => state.follow_ups.push(FollowUp {
            follow_up_id: e.follow_up_id,
            due_at: e.due_at,
            purpose: e.purpose.clone(),
            scheduled_at: e.scheduled_at,
            outcome: None,
            completed_at: None,
        }),
        Event::FollowUpCompleted(e) => {
            if let Some(f) = state
                .follow_ups
                .iter_mut()
                .find(|f| f.follow_up_id == e.follow_up_id)
            {
                f.outcome = Some(e.outcome.clone());
                f.completed_at = Some(e.completed_at);
            }
        }
        Event::DeadlineMissed(e) => state.missed_deadlines.push(e.deadline),
        Event::PlatformSyncPending(e) => {
            state.platform_sync = Some(PlatformSyncIssue {
                issue: PlatformSyncIssueKind::Pending,
                platform: e.platform.clone(),
                platform_version: e.platform_version,
                platform_status: e.platform_status.clone(),
                details: e.missing.clone(),
                since: e.recorded_at,
            });
        }
        Event::PlatformSyncConflicted(e) => {
            state.platform_sync = Some(PlatformSyncIssue {
                issue: PlatformSyncIssueKind::Conflict,
                platform: e.platform.clone(),
                platform_version: e.platform_version,
                platform_status: e.platform_status.clone(),
                details: e.details.clone(),
                since: e.recorded_at,
            });
        }
        Event::PlatformSyncResolved(_) => state.platform_sync = None,
        Event::PlatformDeadlineSet(e) => {
            state.platform_deadline = Some(PlatformDeadline {
                platform: e.platform.clone(),
                platform_status: e.platform_status.clone(),
                due_at: e.due_at,
                near: false,
            });
        }
        Event::PlatformArbitrationOpened(e) => {
            state.arbitration = Some(PlatformArbitration {
                platform: e.platform.clone(),
                open: true,
                outcome: None,
                due_at: e.due_at,
                since: e.opened_at,
            });
        }
        Event::PlatformArbitrationDecided(e) => {
            let due_at = state.arbitration.as_ref().and_then(|a| a.due_at);
            state.arbitration = Some(PlatformArbitration {
                platform: e.platform.clone(),
                open: false,
                outcome: Some(e.outcome),
                due_at,
                since: e.decided_at,
            });
        }
        // The status stays: the parcel is the same, only its label changed.
        Event::ReturnShipmentCorrected(e) => {
            state.return_shipment = Some(Shipment {
                carrier: e.carrier.clone(),
                tracking_number: e.tracking_number.clone(),
            });
        }
        Event::CustomerContactCorrected(e) => {
            if let Some(info) = state.info.as_mut() {
                if let Some(phone) = &e.customer_phone {
                    info.customer_phone = Some(phone.clone());
                }
                if let Some(address) = &e.customer_address {
                    info.customer_address = Some(address.clone());
                }
            }
        }
        Event::PlatformDeadlineNear(e) => {
            if let Some(d) = state
                .platform_deadline
                .as_mut()
                .filter(|d| d.due_at == e.due_at)
            {
                d.near = true;
            }
        }
        Event::PriceDifferenceStated(e) => {
            state.price_difference = Some(PriceDifference {
                amount: e.amount,
                source: e.source,
                basis: e.basis.clone(),
            });
        }
        Event::ReshipmentShipped(e) => {
            state.reshipment = Some(Reshipment {
                shipment: Shipment {
                    carrier: e.carrier.clone(),
                    tracking_number: e.tracking_number.clone(),
                },
                contents: e.contents.clone(),
                shipped_at: e.shipped_at,
                received_by: None,
            });
            state.status = TicketStatus::Reshipped;
        }
        Event::ReshipmentReceived(e) => {
            if let Some(r) = state.reshipment.as_mut() {
                r.received_by = Some(e.confirmed_by);
            }
        }
        Event::RepairRecorded(e) => {
            state.repair = Some(Repair {
                method: e.method,
                work_done: e.work_done.clone(),
                parts: e.parts.clone(),
                cost: e.cost,
                parts_shipment: e.parts_shipment.clone(),
                repaired_at: e.repaired_at,
            });
            state.status = TicketStatus::Repaired;
        }
        Event::RepairedGoodsShipped(e) => {
            state.repair_return_shipment = Some(Shipment {
                carrier: e.carrier.clone(),
                tracking_number: e.tracking_number.clone(),
            });
            state.status = TicketStatus::RepairShippedBack;
        }
        Event::TicketConverted(e) => {
            state.conversion = Some(ConversionRecord {
                conversion: e.conversion,
                refund_amount: e.refund_amount,
                reason: e.reason.clone(),
                converted_at: e.converted_at,
            });
            if let Some(amount) = e.refund_amount {
                // Money the platform already paid stays owed.
                state.refundable_minor = amount.amount_minor.max(state.refunded_minor());
            }
            state.status = TicketStatus::Converted;
        }
        Event::CounterOfferMade(e) => {
            state.negotiation.push(Negotiation {
                offer_id: e.offer_id,
                offer: e.offer.clone(),
                respond_by: e.respond_by,
                note: e.note.clone(),
                made_at: e.made_at,
                status: OfferStatus::Open,
                settled_at: None,
            });
        }
        Event::CounterOfferAnswered(e) => {
            let Some(n) = state
                .negotiation
                .iter_mut()
                .find(|n| n.offer_id == e.offer_id)
            else {
                return state;
            };
            n.settled_at = Some(e.answered_at);
            n.status = match e.answer {
                OfferAnswer::Accepted => OfferStatus::Accepted,
                OfferAnswer::Declined => OfferStatus::Declined,
            };
            if e.answer == OfferAnswer::Accepted {
                match n.offer.clone() {
                    CounterOffer::PartialRefund { amount }
                        if state.kind() == Some(TicketKind::RefundOnly) =>
                    {
                        state.agreed_refund_minor = Some(amount.amount_minor);
                        if state.status != TicketStatus::Applied {
                            state.refundable_minor =
                                amount.amount_minor.max(state.refunded_minor());
                        }
                    }
                    CounterOffer::ReturnAddress { address } => {
                        state.return_address = Some(address);
                    }
                    // A return's partial refund and a conversion take
                    // effect by the TicketConverted that follows.
                    CounterOffer::PartialRefund { .. } | CounterOffer::Conversion { .. } => {}
                }
            }
        }
        Event::ReplacementVariantChosen(e) => {
            let variant = ReplacementVariant {
                line_id: e.line_id.clone(),
                sku: e.sku.clone(),
                name: e.name.clone(),
                price_difference: e.price_difference,
            };
            match state
                .replacement_variants
                .iter_mut()
                .find(|v| v.line_id == e.line_id)
            {
                Some(existing) => *existing = variant,
                None => state.replacement_variants.push(variant),
            }
        }
        Event::PriceDifferenceChargeRequested(e) => {
            state.variant_charge = Some(e.amount);
        }
        Event::PoolParcelMatched(e) => {
            state.pool_parcels.push(e.parcel_id);
        }
        Event::EvidenceSubmitted(e) => {
            state.evidence_submissions.push(e.clone());
        }
        Event::PlatformActionRequested(e) => {
            state
                .platform_actions
                .push(crate::state::PlatformActionState {
                    requested: e.clone(),
                    done_at: None,
                    confirmed: None,
                    answer: None,
                    answered_at: None,
                });
        }
        Event::PlatformActionDone(e) => {
            if let Some(a) = state
                .platform_actions
                .iter_mut()
                .find(|a| a.requested.seq == e.seq)
            {
                a.done_at = Some(e.done_at);
            }
        }
        Event::PlatformActionSucceeded(e) => {
            answer(
                &mut state,
                e.seq,
                crate::command::PlatformActionOutcome::Succeeded {
                    platform_version: e.platform_version,
                    reference: e.reference.clone(),
                    already_done: e.already_done,
                },
                e.succeeded_at,
            );
        }
        Event::PlatformActionRefused(e) => {
            answer(
                &mut state,
                e.seq,
                crate::command::PlatformActionOutcome::Refused {
                    code: e.code.clone(),
                    message: e.message.clone(),
                },
                e.refused_at,
            );
        }
        Event::PlatformActionNeedsPerson(e) => {
            answer(
                &mut state,
                e.seq,
                crate::command::PlatformActionOutcome::NeedsPerson {
                    reason: e.reason.clone(),
                    code: e.code.clone(),
                    message: e.message.clone(),
                },
                e.since,
            );
        }
        Event::PlatformActionConfirmed(e) => {
            if let Some(a) = state
                .platform_actions
                .iter_mut()
                .find(|a| a.requested.seq == e.seq)
            {
                a.confirmed = Some(e.clone());
            }
        }
        Event::CounterOfferExpired(e) => {
            if let Some(n) = state
                .negotiation
                .iter_mut()
                .find(|n| n.offer_id == e.offer_id)
            {
                n.status = OfferStatus::Expired;
                n.settled_at = Some(e.expired_at);
            }
        }
    }
    state
}

fn line_mut<'a>(state: &'a mut TicketState, line_id: &str) -> Option<&'a mut LineState> {
    state.lines.iter_mut().find(|l| l.line.line_id == line_id)
}

fn refund_mut(state: &mut TicketState, refund_id: uuid::Uuid) -> Option<&mut RefundState> {
    state.refunds.iter_mut().find(|r| r.refund_id == refund_id)
}

fn refund_status(state: &TicketState) -> TicketStatus {
    if state.all_refunds_issued() {
        TicketStatus::Refunded
    } else {
        TicketStatus::Refunding
    }
}

fn answer(
    state: &mut TicketState,
    seq: u32,
    outcome: crate::command::PlatformActionOutcome,
    at: DateTime<Utc>,
) {
    if let Some(a) = state
        .platform_actions
        .iter_mut()
        .find(|a| a.requested.seq == seq)
    {
        a.answer = Some(outcome);
        a.answered_at = Some(at);
    }
}
