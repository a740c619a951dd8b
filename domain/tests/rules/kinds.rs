//! Reship (补寄), repair (维修), price protection (价保 / 退差价) and the
//! conversions between kinds: each kind's steps come from the one transition
//! table, and a conversion is its own event beside the unchanged kind.

use returns_domain::command::{CommandKind, DifferenceSource};
use returns_domain::event::*;
use returns_domain::ticket::*;
use returns_domain::*;

use crate::common::*;

fn offered(state: &TicketState) -> Vec<CommandKind> {
    state.allowed_commands()
}

// ---- reship ----

#[test]
fn a_reship_ships_the_part_and_the_buyers_receipt_closes_it() {
    let approved = Ticket::opened(TicketKind::Reship).approved();
    let state = approved.state();
    assert_eq!(state.return_address, None, "nothing comes back");
    assert!(offered(&state).contains(&CommandKind::ShipReshipment));
    let shipped = given(approved.events())
        .when(ship_reshipment())
        .then_expect_events([Event::ReshipmentShipped(ReshipmentShipped {
            carrier: "ZTO".into(),
            tracking_number: "ZT000333".into(),
            contents: "1 x cap (the missing one)".into(),
            shipped_at: at(24 * 60),
        })]);
    assert_eq!(shipped.status, TicketStatus::Reshipped);
    let closed = given(approved.run(ship_reshipment()).events())
        .when(confirm_reshipment(ReceiptBy::Buyer))
        .then_expect_events([
            Event::ReshipmentReceived(ReshipmentReceived {
                confirmed_by: ReceiptBy::Buyer,
                received_at: at(3 * 24 * 60),
            }),
            Event::TicketClosed(TicketClosed {
                resolution: Resolution::Reshipped,
                note: None,
                closed_at: at(3 * 24 * 60),
            }),
        ]);
    assert_eq!(closed.status, TicketStatus::Closed);
    assert_eq!(closed.resolution, Some(Resolution::Reshipped));
    assert_eq!(
        closed.reshipment.and_then(|r| r.received_by),
        Some(ReceiptBy::Buyer)
    );
}

#[test]
fn a_reship_takes_no_goods_back_and_pays_no_money() {
    let approved = Ticket::opened(TicketKind::Reship).approved();
    given(approved.events())
        .when(register_shipment())
        .then_expect_error_code("INVALID_TRANSITION");
    given(approved.events())
        .when(request_refund(id(1), 100))
        .then_expect_error_code("INVALID_TRANSITION");
    given(Ticket::opened(TicketKind::Reship).events())
        .when(ship_reshipment())
        .then_expect_error_code("INVALID_TRANSITION");
    // An approval with an address would start a ship-back timer for nothing.
    given(Ticket::opened(TicketKind::Reship).events())
        .when(approve(TicketKind::ReturnAndRefund))
        .then_expect_error_code("VALIDATION");
}

#[test]
fn a_reship_without_a_receipt_is_closed_by_a_person_as_reshipped_only_once_shipped() {
    let approved = Ticket::opened(TicketKind::Reship).approved();
    given(approved.events())
        .when(close(Resolution::Reshipped))
        .then_expect_error_code("VALIDATION");
    let state = given(approved.run(ship_reshipment()).events())
        .when(close(Resolution::Reshipped))
        .then_accept();
    assert_eq!(state.resolution, Some(Resolution::Reshipped));
}

#[test]
fn a_reship_converts_to_a_refund_when_the_part_is_unavailable() {
    let approved = Ticket::opened(TicketKind::Reship).approved();
    let converted = given(approved.events())
        .when(convert(Conversion::ReshipToRefund, Some(5_000)))
        .then_expect_events([Event::TicketConverted(TicketConverted {
            conversion: Conversion::ReshipToRefund,
            refund_amount: Some(fen(5_000)),
            reason: "out of stock".into(),
            converted_at: at(3 * 24 * 60 + 100),
        })]);
    assert_eq!(converted.kind(), Some(TicketKind::Reship), "the kind stays");
    assert_eq!(converted.status, TicketStatus::Converted);
    assert!(!offered(&converted).contains(&CommandKind::ShipReshipment));
    let history = approved
        .clone()
        .run(convert(Conversion::ReshipToRefund, Some(5_000)));
    given(history.events())
        .when(request_refund(id(1), 5_001))
        .then_expect_error_code("VALIDATION");
    let refunded = history
        .run(request_refund(id(1), 5_000))
        .run(approve_refund(id(1)))
        .run(issue_refund(id(1)));
    let state = given(refunded.events())
        .when(close(Resolution::Refunded))
        .then_accept();
    assert_eq!(state.refunded_minor(), 5_000);
    // Once shipped, the part is on its way: no conversion.
    given(approved.run(ship_reshipment()).events())
        .when(convert(Conversion::ReshipToRefund, Some(5_000)))
        .then_expect_error_code("INVALID_TRANSITION");
}

// ---- repair ----

#[test]
fn a_repair_with_return_receives_repairs_and_ships_the_goods_back() {
    let received = Ticket::opened(TicketKind::Repair).received();
    let state = received.state();
    assert!(state.return_address.is_some());
    // A repair's goods are judged by the repair, not graded.
    given(received.events())
        .when(inspect("L1", 2, 2, 0))
        .then_expect_error_code("INVALID_TRANSITION");
    let repaired = given(received.events())
        .when(record_repair(RepairMethod::Workshop))
        .then_expect_events([Event::RepairRecorded(RepairRecorded {
            method: RepairMethod::Workshop,
            work_done: "replaced the zip".into(),
            parts: vec!["zip 20cm".into()],
            cost: fen(800),
            parts_shipment: None,
            repaired_at: at(3 * 24 * 60 + 120),
        })]);
    assert_eq!(repaired.status, TicketStatus::Repaired);
    let history = received.run(record_repair(RepairMethod::Workshop));
    // The goods are here: the ticket cannot end before they ship back.
    given(history.events())
        .when(close(Resolution::Repaired))
        .then_expect_error_code("INVALID_TRANSITION");
    let shipped = given(history.events())
        .when(ship_repaired_goods())
        .then_expect_events([Event::RepairedGoodsShipped(RepairedGoodsShipped {
            carrier: "SF".into(),
            tracking_number: "SF000444".into(),
            shipped_at: at(4 * 24 * 60),
        })]);
    assert_eq!(shipped.status, TicketStatus::RepairShippedBack);
    let closed = given(history.run(ship_repaired_goods()).events())
        .when(close(Resolution::Repaired))
        .then_accept();
    assert_eq!(closed.resolution, Some(Resolution::Repaired));
    assert_eq!(closed.refunded_minor(), 0);
}

#[test]
fn a_repaired_or_reshipped_ticket_offers_its_own_resolution_to_the_close_form() {
    let repaired = Ticket::opened(TicketKind::Repair)
        .received()
        .run(record_repair(RepairMethod::Workshop))
        .run(ship_repaired_goods());
    assert!(repaired.state().allows(CommandKind::CloseTicket));
    assert_eq!(
        repaired.state().allowed_resolutions(),
        vec![Resolution::Repaired]
    );
    let visited = Ticket::opened(TicketKind::Repair)
        .approved()
        .run(record_repair(RepairMethod::Visit));
    assert_eq!(
        visited.state().allowed_resolutions(),
        vec![Resolution::Repaired]
    );
    let reshipped = Ticket::opened(TicketKind::Reship)
        .approved()
        .run(ship_reshipment());
    assert_eq!(
        reshipped.state().allowed_resolutions(),
        vec![Resolution::Reshipped]
    );
}

#[test]
fn a_repair_without_return_sends_parts_or_a_technician_and_closes() {
    let approved = Ticket::opened(TicketKind::Repair).approved();
    assert_eq!(approved.state().ship_back_deadline, None);
    let visited = approved.clone().run(record_repair(RepairMethod::Visit));
    given(visited.events())
        .when(ship_repaired_goods())
        .then_expect_error_code("INVALID_TRANSITION");
    let state = given(visited.events())
        .when(close(Resolution::Repaired))
        .then_accept();
    assert_eq!(state.repair.map(|r| r.method), Some(RepairMethod::Visit));
    let mut parts = record_repair(RepairMethod::PartsSent);
    if let Command::RecordRepair(r) = &mut parts {
        r.parts_shipment = Some(Shipment {
            carrier: "ZTO".into(),
            tracking_number: "ZT55".into(),
        });
    }
    let state = given(approved.events()).when(parts).then_accept();
    assert_eq!(
        state
            .repair
            .and_then(|r| r.parts_shipment)
            .map(|s| s.tracking_number),
        Some("ZT55".to_owned())
    );
}

#[test]
fn a_workshop_repair_needs_the_goods_and_parts_or_a_visit_need_none_received() {
    given(Ticket::opened(TicketKind::Repair).approved().events())
        .when(record_repair(RepairMethod::Workshop))
        .then_expect_error_code("VALIDATION");
    given(Ticket::opened(TicketKind::Repair).received().events())
        .when(record_repair(RepairMethod::Visit))
        .then_expect_error_code("VALIDATION");
    let mut negative = record_repair(RepairMethod::Workshop);
    if let Command::RecordRepair(r) = &mut negative {
        r.cost = fen(-1);
    }
    given(Ticket::opened(TicketKind::Repair).received().events())
        .when(negative)
        .then_expect_error_code("VALIDATION");
    let mut visit_with_parcel = record_repair(RepairMethod::Visit);
    if let Command::RecordRepair(r) = &mut visit_with_parcel {
        r.parts_shipment = Some(Shipment {
            carrier: "ZTO".into(),
            tracking_number: "ZT1".into(),
        });
    }
    given(Ticket::opened(TicketKind::Repair).approved().events())
        .when(visit_with_parcel)
        .then_expect_error_code("VALIDATION");
}

#[test]
fn a_repair_that_cannot_be_done_converts_to_a_refund() {
    let received = Ticket::opened(TicketKind::Repair).received();
    given(received.events())
        .when(convert(Conversion::RepairToRefund, Some(PAID_TOTAL + 1)))
        .then_expect_error_code("VALIDATION");
    let converted = received.run(convert(Conversion::RepairToRefund, Some(PAID_TOTAL)));
    let state = given(converted.events())
        .when(request_refund(id(1), PAID_TOTAL))
        .then_accept();
    assert_eq!(state.status, TicketStatus::Refunding);
    assert_eq!(state.kind(), Some(TicketKind::Repair));
}

#[test]
fn a_repair_that_cannot_be_done_converts_to_an_exchange_once_the_goods_are_here() {
    // Nothing to swap before the goods arrive.
    let err = given(Ticket::opened(TicketKind::Repair).approved().events())
        .when(convert(Conversion::RepairToExchange, None))
        .then_expect_error_code("INVALID_TRANSITION");
    assert_eq!(
        err,
        DomainError::InvalidConversion {
            conversion: Conversion::RepairToExchange,
            kind: TicketKind::Repair,
            status: TicketStatus::Approved,
        }
    );
    let received = Ticket::opened(TicketKind::Repair).received();
    given(received.events())
        .when(convert(Conversion::RepairToExchange, Some(100)))
        .then_expect_error_code("VALIDATION");
    let converted = received.run(convert(Conversion::RepairToExchange, None));
    given(converted.events())
        .when(request_refund(id(1), 100))
        .then_expect_error_code("INVALID_TRANSITION");
    let state = given(converted.run(ship_replacement()).events())
        .when(close(Resolution::Exchanged))
        .then_accept();
    assert_eq!(state.resolution, Some(Resolution::Exchanged));
    assert!(state.repair.is_none());
}

#[test]
fn a_repaired_ticket_no_longer_converts() {
    let repaired = Ticket::opened(TicketKind::Repair)
        .received()
        .run(record_repair(RepairMethod::Workshop));
    given(repaired.events())
        .when(convert(Conversion::RepairToRefund, Some(100)))
        .then_expect_error_code("INVALID_TRANSITION");
}

// ---- price protection ----

#[test]
fn price_protection_pays_the_stated_difference_and_no_more() {
    let opened = Ticket::opened(TicketKind::PriceProtection);
    let state = opened.state();
    assert!(offered(&state).contains(&CommandKind::StatePriceDifference));
    assert!(!offered(&state).contains(&CommandKind::ApproveApplication));
    given(opened.events())
        .when(approve(TicketKind::PriceProtection))
        .then_expect_error_code("INVALID_TRANSITION");
    let stated = given(opened.events())
        .when(state_difference(DIFFERENCE))
        .then_expect_events([Event::PriceDifferenceStated(PriceDifferenceStated {
            amount: fen(DIFFERENCE),
            source: DifferenceSource::Platform,
            basis: "listed 99.99, now 89.99".into(),
            stated_at: at(5),
        })]);
    assert!(offered(&stated).contains(&CommandKind::ApproveApplication));
    let approved = opened.approved();
    assert_eq!(approved.state().refundable_minor, DIFFERENCE);
    given(approved.events())
        .when(request_refund(id(1), DIFFERENCE + 1))
        .then_expect_error(DomainError::limit(
            "refund total (minor units)",
            DIFFERENCE,
            DIFFERENCE + 1,
        ));
    let paid = approved
        .run(request_refund(id(1), DIFFERENCE))
        .run(approve_refund(id(1)))
        .run(issue_refund(id(1)));
    let state = given(paid.events())
        .when(close(Resolution::Refunded))
        .then_accept();
    assert_eq!(state.refunded_minor(), DIFFERENCE);
}

#[test]
fn a_price_difference_is_positive_and_within_what_was_paid() {
    let opened = Ticket::opened(TicketKind::PriceProtection);
    given(opened.events())
        .when(state_difference(0))
        .then_expect_error_code("VALIDATION");
    given(opened.events())
        .when(state_difference(PAID_TOTAL + 1))
        .then_expect_error(DomainError::limit(
            "price difference (minor units)",
            PAID_TOTAL,
            PAID_TOTAL + 1,
        ));
    // Stated again while waiting, the later statement holds.
    let state = given(opened.run(state_difference(500)).events())
        .when(state_difference(700))
        .then_accept();
    assert_eq!(state.price_difference.map(|d| d.amount), Some(fen(700)));
}

#[test]
fn price_protection_is_money_only_and_only_price_protection_states_a_difference() {
    let approved = Ticket::opened(TicketKind::PriceProtection).approved();
    given(approved.events())
        .when(register_shipment())
        .then_expect_error_code("INVALID_TRANSITION");
    given(Ticket::opened(TicketKind::RefundOnly).events())
        .when(state_difference(100))
        .then_expect_error_code("INVALID_TRANSITION");
    given(approved.events())
        .when(state_difference(100))
        .then_expect_error_code("INVALID_TRANSITION");
}

// ---- conversions of today's kinds ----

#[test]
fn an_exchange_out_of_stock_converts_to_a_refund_of_what_inspection_accepted() {
    let inspected = Ticket::opened(TicketKind::Exchange).inspected_passed();
    given(inspected.events())
        .when(convert(Conversion::ExchangeToRefund, Some(PAID_TOTAL + 1)))
        .then_expect_error_code("VALIDATION");
    let converted = inspected.run(convert(Conversion::ExchangeToRefund, Some(PAID_TOTAL)));
    given(converted.events())
        .when(ship_replacement())
        .then_expect_error_code("INVALID_TRANSITION");
    let refunded = converted
        .run(request_refund(id(1), PAID_TOTAL))
        .run(approve_refund(id(1)))
        .run(issue_refund(id(1)));
    let state = given(refunded.events())
        .when(close(Resolution::Refunded))
        .then_accept();
    // The history shows both what was asked and what was done.
    let history = refunded.events();
    assert!(matches!(&history[0], Event::TicketOpened(o) if o.kind == TicketKind::Exchange));
    assert!(history
        .iter()
        .any(|e| matches!(e, Event::TicketConverted(_))));
    assert_eq!(state.kind(), Some(TicketKind::Exchange));
    assert_eq!(state.refunded_minor(), PAID_TOTAL);
}

#[test]
fn a_return_converts_to_a_partial_refund_and_the_buyer_keeps_the_goods() {
    let approved = Ticket::opened(TicketKind::ReturnAndRefund).approved();
    assert!(approved.state().running_deadline().is_some());
    // All of it would be a refund-only ticket, not a partial refund.
    given(approved.events())
        .when(convert(Conversion::ReturnToPartialRefund, Some(PAID_TOTAL)))
        .then_expect_error(DomainError::limit(
            "converted refund (minor units)",
            PAID_TOTAL - 1,
            PAID_TOTAL,
        ));
    let converted = approved.run(convert(Conversion::ReturnToPartialRefund, Some(5_000)));
    let state = converted.state();
    assert_eq!(
        state.running_deadline(),
        None,
        "no ship-back timer any more"
    );
    given(converted.events())
        .when(register_shipment())
        .then_expect_error_code("INVALID_TRANSITION");
    let state_after = given(converted.events())
        .when(request_refund(id(1), 5_000))
        .then_accept();
    assert_eq!(state_after.quantities().received, 0);
    // Once the goods are on their way, keeping them is no longer on offer.
    given(
        Ticket::opened(TicketKind::ReturnAndRefund)
            .shipped()
            .events(),
    )
    .when(convert(Conversion::ReturnToPartialRefund, Some(5_000)))
    .then_expect_error_code("INVALID_TRANSITION");
}

#[test]
fn a_ticket_converts_once_and_only_from_its_own_kind() {
    let converted = Ticket::opened(TicketKind::ReturnAndRefund)
        .approved()
        .run(convert(Conversion::ReturnToPartialRefund, Some(5_000)));
    given(converted.events())
        .when(convert(Conversion::ReturnToPartialRefund, Some(100)))
        .then_expect_error_code("INVALID_TRANSITION");
    let err = given(
        Ticket::opened(TicketKind::ReturnAndRefund)
            .approved()
            .events(),
    )
    .when(convert(Conversion::ExchangeToRefund, Some(100)))
    .then_expect_error_code("INVALID_TRANSITION");
    assert!(matches!(err, DomainError::InvalidConversion { .. }));
    // A refund-only ticket has nothing to convert.
    given(Ticket::opened(TicketKind::RefundOnly).approved().events())
        .when(convert(Conversion::ReturnToPartialRefund, Some(100)))
        .then_expect_error_code("INVALID_TRANSITION");
    given(
        Ticket::opened(TicketKind::ReturnAndRefund)
            .approved()
            .events(),
    )
    .when(convert(Conversion::ReturnToPartialRefund, None))
    .then_expect_error_code("VALIDATION");
}

#[test]
fn each_new_step_is_offered_with_the_roles_of_its_department() {
    let reship = Ticket::opened(TicketKind::Reship).approved().state();
    let action = reship
        .next_actions()
        .into_iter()
        .find(|a| a.command == CommandKind::ShipReshipment)
        .unwrap();
    assert!(action.roles.contains(&Role::Warehouse));
    assert!(!action.roles.contains(&Role::CustomerService));
    assert!(Role::CustomerService.may_issue(CommandKind::ConvertTicket));
    assert!(!Role::Warehouse.may_issue(CommandKind::ConvertTicket));
    assert!(Role::Warehouse.may_issue(CommandKind::RecordRepair));
    assert!(Role::CustomerService.may_issue(CommandKind::RecordRepair));
    assert!(!Role::Finance.may_issue(CommandKind::RecordRepair));
    assert!(Role::CustomerService.may_issue(CommandKind::StatePriceDifference));
    assert!(Role::Warehouse.may_issue(CommandKind::ShipRepairedGoods));
}
