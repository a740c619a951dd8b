//! `decide`: judge a command against the ticket's state and return the facts
//! it produces. Every business rule of the domain lives in this folder, one
//! file per group of commands.
//!
//! Order of checks: the transition table ([`TicketState::allows`]) first, so
//! a command out of order is always `InvalidTransition` whatever its data;
//! then the command's own data and the ticket's limits.

mod fulfilment;
mod housekeeping;
mod inspection;
mod kinds;
mod lifecycle;
mod negotiation;
mod open;
mod platform;
mod refund;
mod review;
mod shipping;
pub mod validate;

pub use lifecycle::resolution_fits;

use crate::command::{Command, CommandKind};
use crate::error::DomainError;
use crate::event::Event;
use crate::state::{TicketInfo, TicketState, TicketStatus};

/// The events `command` produces on `state`, or why it is refused. Pure: the
/// same state and command always give the same answer.
pub fn decide(state: &TicketState, command: &Command) -> Result<Vec<Event>, DomainError> {
    let kind = command.kind();
    if kind == CommandKind::OpenTicket && state.status != TicketStatus::NotOpened {
        return Err(DomainError::AlreadyExists {
            what: "ticket",
            id: state
                .info
                .as_ref()
                .map(|i| i.ticket_id.to_string())
                .unwrap_or_default(),
        });
    }
    if !state.allows(kind) {
        return Err(DomainError::InvalidTransition {
            command: kind,
            status: state.status,
            allowed: state.allowed_commands(),
        });
    }
    let mut events = match command {
        Command::OpenTicket(c) => open::open_ticket(c),
        Command::ApproveApplication(c) => review::approve(state, c),
        Command::RejectApplication(c) => review::reject(c),
        Command::RegisterReturnShipment(c) => shipping::register_return_shipment(c),
        Command::ReceiveReturn(c) => shipping::receive_return(state, c),
        Command::RecordInspection(c) => inspection::record_inspection(state, c),
        Command::CompleteInspection(c) => inspection::complete_inspection(state, c),
        Command::SendInspectionFeedback(c) => inspection::send_feedback(c),
        Command::DisputeInspection(c) => inspection::dispute(c),
        Command::RequestRefund(c) => refund::request(state, c),
        Command::ApproveRefund(c) => refund::approve(state, c),
        Command::IssueRefund(c) => refund::issue(state, c),
        Command::RecordRefundFailure(c) => refund::record_failure(state, c),
        Command::ShipReplacement(c) => fulfilment::ship_replacement(state, c),
        Command::ReturnGoodsToCustomer(c) => fulfilment::return_goods(c),
        Command::CloseTicket(c) => lifecycle::close(state, c),
        Command::CancelTicket(c) => lifecycle::cancel(c),
        Command::AssignTicket(c) => housekeeping::assign(c),
        Command::AddNote(c) => housekeeping::add_note(c),
        Command::UpdateCustomFields(c) => housekeeping::update_custom_fields(c),
        Command::ScheduleFollowUp(c) => housekeeping::schedule_follow_up(state, c),
        Command::CompleteFollowUp(c) => housekeeping::complete_follow_up(state, c),
        Command::RecordMissedDeadline(c) => housekeeping::record_missed_deadline(state, c),
        Command::RecordPlatformApproval(c) => review::record_platform_approval(c),
        Command::RecordPlatformRefund(c) => refund::record_platform_refund(state, c),
        Command::RecordPlatformSyncIssue(c) => platform::record_sync_issue(c),
        Command::ResolvePlatformSync(c) => platform::resolve_sync(c),
        Command::RecordPlatformDeadline(c) => platform::record_deadline(c),
        Command::RecordPlatformArbitration(c) => platform::record_arbitration(state, c),
        Command::RecordPlatformDeadlineNear(c) => platform::record_deadline_near(state, c),
        Command::RecordPlatformCorrection(c) => platform::record_correction(state, c),
        Command::StatePriceDifference(c) => kinds::state_price_difference(state, c),
        Command::ShipReshipment(c) => kinds::ship_reshipment(c),
        Command::ConfirmReshipmentReceived(c) => kinds::confirm_reshipment_received(state, c),
        Command::RecordRepair(c) => kinds::record_repair(state, c),
        Command::ShipRepairedGoods(c) => kinds::ship_repaired_goods(c),
        Command::ConvertTicket(c) => kinds::convert(state, c),
        Command::MakeCounterOffer(c) => negotiation::make(state, c),
        Command::RecordOfferAnswer(c) => negotiation::answer(state, c),
        Command::ExpireCounterOffer(c) => negotiation::expire(state, c),
        Command::ChooseReplacementVariant(c) => fulfilment::choose_variant(state, c),
        Command::ReceiveMatchedParcel(c) => shipping::receive_matched_parcel(state, c),
        Command::RecordEvidenceSubmission(c) => platform::record_evidence_submission(state, c),
        Command::ConfirmPlatformAction(c) => platform::confirm_action(state, c),
        Command::RecordPlatformConfirmation(c) => platform::record_confirmation(state, c),
        Command::RecordPlatformActionOutcome(c) => platform::record_action_outcome(state, c),
    }?;
    let actions = crate::platform_action::requested(state, command, &events);
    events.extend(actions);
    Ok(events)
}

/// The opened ticket's facts; the transition table already refused every
/// command but `OpenTicket` before opening, so this only guards against misuse.
fn info(state: &TicketState) -> Result<&TicketInfo, DomainError> {
    state.info.as_ref().ok_or(DomainError::InvalidTransition {
        command: CommandKind::OpenTicket,
        status: state.status,
        allowed: vec![CommandKind::OpenTicket],
    })
}
