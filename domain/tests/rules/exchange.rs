use returns_domain::event::*;
use returns_domain::ticket::*;
use returns_domain::*;

use crate::common::*;

#[test]
fn an_exchange_ends_in_a_replacement_not_a_refund() {
    let inspected = Ticket::opened(TicketKind::Exchange).inspected_passed();
    let err = given(inspected.events())
        .when(request_refund(id(1), 100))
        .then_expect_error_code("INVALID_TRANSITION");
    let DomainError::InvalidTransition { allowed, .. } = err else {
        unreachable!()
    };
    assert!(allowed.contains(&CommandKind::ShipReplacement));
    let state = given(inspected.events())
        .when(ship_replacement())
        .then_expect_events([Event::ReplacementShipped(ReplacementShipped {
            carrier: "YTO".into(),
            tracking_number: "YT000111".into(),
            shipped_at: at(4 * 24 * 60),
        })]);
    assert_eq!(state.status, TicketStatus::ReplacementShipped);
    let state = given(inspected.run(ship_replacement()).events())
        .when(close(Resolution::Exchanged))
        .then_accept();
    assert_eq!(state.resolution, Some(Resolution::Exchanged));
    assert_eq!(state.refunded_minor(), 0);
}

#[test]
fn no_replacement_ships_before_inspection_or_after_it_failed() {
    given(Ticket::opened(TicketKind::Exchange).received().events())
        .when(ship_replacement())
        .then_expect_error_code("INVALID_TRANSITION");
    given(
        Ticket::opened(TicketKind::Exchange)
            .inspected_failed()
            .events(),
    )
    .when(ship_replacement())
    .then_expect_error_code("INVALID_TRANSITION");
}

#[test]
fn replacement_ships_only_for_exchanges() {
    given(
        Ticket::opened(TicketKind::ReturnAndRefund)
            .inspected_passed()
            .events(),
    )
    .when(ship_replacement())
    .then_expect_error_code("INVALID_TRANSITION");
}
