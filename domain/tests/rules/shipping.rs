use returns_domain::command::*;
use returns_domain::*;

use crate::common::*;

#[test]
fn refund_only_skips_shipping_receiving_and_inspection() {
    let history = Ticket::opened(TicketKind::RefundOnly).approved().events();
    for command in [
        register_shipment(),
        receive(&[("L1", 1)]),
        inspect("L1", 1, 1, 0),
        complete_inspection(),
    ] {
        let err = given(history.clone())
            .when(command)
            .then_expect_error_code("INVALID_TRANSITION");
        let DomainError::InvalidTransition { allowed, .. } = err else {
            unreachable!()
        };
        assert!(allowed.contains(&CommandKind::RequestRefund));
    }
}

#[test]
fn return_shipment_comes_after_approval() {
    given(Ticket::opened(TicketKind::ReturnAndRefund).events())
        .when(register_shipment())
        .then_expect_error_code("INVALID_TRANSITION");
    let state = given(
        Ticket::opened(TicketKind::ReturnAndRefund)
            .approved()
            .events(),
    )
    .when(register_shipment())
    .then_accept();
    assert_eq!(state.status, TicketStatus::ReturnShipped);
    assert_eq!(
        state
            .return_shipment
            .as_ref()
            .map(|s| s.tracking_number.as_str()),
        Some("SF1234567890")
    );
}

#[test]
fn goods_are_received_only_after_the_shipment_is_registered() {
    given(
        Ticket::opened(TicketKind::ReturnAndRefund)
            .approved()
            .events(),
    )
    .when(receive(&[("L1", 1)]))
    .then_expect_error_code("INVALID_TRANSITION");
}

#[test]
fn received_quantity_never_exceeds_applied() {
    given(
        Ticket::opened(TicketKind::ReturnAndRefund)
            .shipped()
            .events(),
    )
    .when(receive(&[("L1", 3)]))
    .then_expect_error(DomainError::LimitExceeded {
        what: "received quantity of line L1".into(),
        limit: 2,
        requested: 3,
    });
    // The limit holds over several parcels and over a line listed twice.
    given(
        Ticket::opened(TicketKind::ReturnAndRefund)
            .shipped()
            .run(receive(&[("L1", 1)]))
            .events(),
    )
    .when(receive(&[("L1", 1), ("L1", 1)]))
    .then_expect_error(DomainError::LimitExceeded {
        what: "received quantity of line L1".into(),
        limit: 1,
        requested: 2,
    });
}

#[test]
fn partial_receipts_accumulate_until_everything_arrived() {
    let state = given(
        Ticket::opened(TicketKind::ReturnAndRefund)
            .shipped()
            .run(receive(&[("L1", 1)]))
            .events(),
    )
    .when(receive(&[("L1", 1), ("L2", 1)]))
    .then_accept();
    assert_eq!(state.line("L1").map(|l| l.qty_received), Some(2));
    assert_eq!(state.line("L2").map(|l| l.qty_received), Some(1));
    assert_eq!(state.package_conditions.len(), 2);
    // Nothing more can arrive once every unit is in.
    assert!(!state.allows(CommandKind::ReceiveReturn));
}

#[test]
fn receiving_an_unknown_line_is_not_found() {
    given(Ticket::opened(TicketKind::Exchange).shipped().events())
        .when(receive(&[("L9", 1)]))
        .then_expect_error(DomainError::NotFound {
            what: "line",
            id: "L9".into(),
        });
}

#[test]
fn a_shipment_needs_carrier_and_tracking_number() {
    given(Ticket::opened(TicketKind::Exchange).approved().events())
        .when(Command::RegisterReturnShipment(RegisterReturnShipment {
            carrier: "SF".into(),
            tracking_number: "  ".into(),
            at: at(60),
        }))
        .then_expect_error(DomainError::validation(
            "tracking_number",
            "must not be blank",
        ));
}
