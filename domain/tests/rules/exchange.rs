use returns_domain::command::{ChooseReplacementVariant, CommandKind};
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

// ---- exchange for another variant (换货换款) ----

#[test]
fn a_replacement_may_be_another_variant_chosen_again_until_it_ships() {
    let approved = Ticket::opened(TicketKind::Exchange).approved();
    let state = given(approved.events())
        .when(choose_variant(1_000))
        .then_expect_events([Event::ReplacementVariantChosen(ReplacementVariantChosen {
            line_id: "L1".into(),
            sku: "SKU-TEE-L".into(),
            name: "T-shirt L".into(),
            price_difference: fen(1_000),
            chosen_at: at(30),
        })]);
    assert_eq!(state.status, TicketStatus::Approved, "the main line stays");
    // Chosen again: the line's variant is replaced, not added.
    let state = given(approved.run(choose_variant(1_000)).events())
        .when(choose_variant(-2_000))
        .then_accept();
    assert_eq!(state.replacement_variants.len(), 1);
    assert_eq!(state.variant_difference_minor(), -2_000);
    let shipped = Ticket::opened(TicketKind::Exchange)
        .inspected_passed()
        .run(ship_replacement());
    given(shipped.events())
        .when(choose_variant(0))
        .then_expect_error_code("INVALID_TRANSITION");
    given(Ticket::opened(TicketKind::ReturnAndRefund).events())
        .when(choose_variant(0))
        .then_expect_error_code("INVALID_TRANSITION");
}

#[test]
fn a_dearer_variant_is_a_charge_request_when_it_ships_and_moves_no_money() {
    let inspected = Ticket::opened(TicketKind::Exchange)
        .run(choose_variant(1_500))
        .inspected_passed();
    let state = given(inspected.events())
        .when(ship_replacement())
        .then_expect_events([
            Event::ReplacementShipped(ReplacementShipped {
                carrier: "YTO".into(),
                tracking_number: "YT000111".into(),
                shipped_at: at(4 * 24 * 60),
            }),
            Event::PriceDifferenceChargeRequested(PriceDifferenceChargeRequested {
                amount: fen(1_500),
                requested_at: at(4 * 24 * 60),
            }),
        ]);
    assert_eq!(state.variant_charge, Some(fen(1_500)));
    assert!(state.refunds.is_empty());
    assert!(!state.allows(CommandKind::RequestRefund));
    assert!(state.allows(CommandKind::CloseTicket));
}

#[test]
fn a_cheaper_variant_is_refunded_beside_the_exchange_which_closes_as_exchanged() {
    let shipped = Ticket::opened(TicketKind::Exchange)
        .run(choose_variant(-3_000))
        .inspected_passed()
        .run(ship_replacement());
    let state = shipped.state();
    assert_eq!(state.remaining_refundable_minor(), 3_000);
    assert!(state.allows(CommandKind::RequestRefund));
    given(shipped.events())
        .when(request_refund(id(7), 3_001))
        .then_expect_error_code("VALIDATION");
    let requested = shipped.run(request_refund(id(7), 3_000));
    assert_eq!(
        requested.state().status,
        TicketStatus::ReplacementShipped,
        "the refund runs beside the exchange"
    );
    // Not closed while the difference is under way.
    given(requested.events())
        .when(close(Resolution::Exchanged))
        .then_expect_error_code("INVALID_TRANSITION");
    let paid = requested
        .run(approve_refund(id(7)))
        .run(issue_refund(id(7)));
    let state = paid.state();
    assert_eq!(state.status, TicketStatus::ReplacementShipped);
    assert_eq!(state.refunded_minor(), 3_000);
    given(paid.events())
        .when(close(Resolution::Exchanged))
        .then_accept();
}

#[test]
fn a_variant_must_differ_and_a_cheaper_one_gives_back_at_most_the_line() {
    let approved = Ticket::opened(TicketKind::Exchange).approved();
    let same = Command::ChooseReplacementVariant(ChooseReplacementVariant {
        line_id: "L1".into(),
        sku: "SKU-TEE-M".into(),
        name: "T-shirt M".into(),
        price_difference: fen(0),
        at: at(30),
    });
    given(approved.events())
        .when(same)
        .then_expect_error_code("VALIDATION");
    given(approved.events())
        .when(choose_variant(-19_999))
        .then_expect_error(DomainError::limit(
            "cheaper variant's difference (minor units)",
            19_998,
            19_999,
        ));
    let mut unknown = ChooseReplacementVariant {
        line_id: "L9".into(),
        sku: "SKU-X".into(),
        name: "X".into(),
        price_difference: fen(0),
        at: at(30),
    };
    given(approved.events())
        .when(Command::ChooseReplacementVariant(unknown.clone()))
        .then_expect_error_code("NOT_FOUND");
    unknown.line_id = "L1".into();
    unknown.price_difference = Money::new(100, usd());
    given(approved.events())
        .when(Command::ChooseReplacementVariant(unknown))
        .then_expect_error_code("VALIDATION");
}
