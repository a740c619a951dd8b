//! Negotiation (协商): customer service offers a partial refund, another
//! resolution or another return address; the buyer's answer, not the offer,
//! changes the ticket, and an unanswered offer expires at its deadline.

use returns_domain::command::{CommandKind, MakeCounterOffer};
use returns_domain::event::*;
use returns_domain::ticket::*;
use returns_domain::*;
use uuid::Uuid;

use crate::common::*;

fn other_address() -> ReturnAddress {
    ReturnAddress {
        recipient: "North desk".into(),
        phone: "010-5555-0200".into(),
        address: "9 Depot St, Daxing, Beijing".into(),
    }
}

fn partial(minor: i64) -> CounterOffer {
    CounterOffer::PartialRefund { amount: fen(minor) }
}

#[test]
fn an_offer_is_recorded_and_changes_nothing_until_the_buyer_answers() {
    let opened = Ticket::opened(TicketKind::RefundOnly);
    assert!(opened
        .state()
        .allowed_commands()
        .contains(&CommandKind::MakeCounterOffer));
    let state = given(opened.events())
        .when(offer(id(1), partial(10_000)))
        .then_expect_events([Event::CounterOfferMade(CounterOfferMade {
            offer_id: id(1),
            offer: partial(10_000),
            respond_by: at(2 * 24 * 60),
            note: "we can refund part and you keep it".into(),
            made_at: at(20),
        })]);
    assert_eq!(state.status, TicketStatus::Applied);
    assert_eq!(state.agreed_refund_minor, None);
    assert_eq!(state.open_offer().map(|n| n.offer_id), Some(id(1)));
    let offered = state.allowed_commands();
    assert!(offered.contains(&CommandKind::RecordOfferAnswer));
    assert!(
        !offered.contains(&CommandKind::MakeCounterOffer),
        "one open offer at a time"
    );
}

#[test]
fn an_accepted_partial_refund_caps_a_refund_only_ticket_before_and_after_approval() {
    // Accepted while the application waits: the approval owes the agreed amount.
    let agreed = Ticket::opened(TicketKind::RefundOnly)
        .run(offer(id(1), partial(10_000)))
        .run(answer_offer(id(1), OfferAnswer::Accepted));
    assert_eq!(agreed.state().agreed_refund_minor, Some(10_000));
    let approved = agreed.run(approve(TicketKind::RefundOnly));
    assert_eq!(approved.state().remaining_refundable_minor(), 10_000);
    given(approved.events())
        .when(request_refund(id(9), 10_001))
        .then_expect_error_code("VALIDATION");
    given(approved.events())
        .when(request_refund(id(9), 10_000))
        .then_accept();

    // Accepted after approval: the refundable amount drops to it at once.
    let state = given(
        Ticket::opened(TicketKind::RefundOnly)
            .approved()
            .run(offer(id(1), partial(7_000)))
            .events(),
    )
    .when(answer_offer(id(1), OfferAnswer::Accepted))
    .then_expect_events([Event::CounterOfferAnswered(CounterOfferAnswered {
        offer_id: id(1),
        answer: OfferAnswer::Accepted,
        answered_at: at(60),
    })]);
    assert_eq!(state.remaining_refundable_minor(), 7_000);
    assert_eq!(state.negotiation[0].status, OfferStatus::Accepted);
}

#[test]
fn a_declined_offer_leaves_the_ticket_as_it_was_and_another_may_follow() {
    let approved = Ticket::opened(TicketKind::RefundOnly).approved();
    let state = given(approved.clone().run(offer(id(1), partial(7_000))).events())
        .when(answer_offer(id(1), OfferAnswer::Declined))
        .then_accept();
    assert_eq!(state.remaining_refundable_minor(), PAID_TOTAL);
    assert_eq!(state.negotiation[0].status, OfferStatus::Declined);
    assert_eq!(state.negotiation[0].settled_at, Some(at(60)));
    assert!(state
        .allowed_commands()
        .contains(&CommandKind::MakeCounterOffer));
    // The settled offer takes no second answer.
    let declined = approved
        .run(offer(id(1), partial(7_000)))
        .run(answer_offer(id(1), OfferAnswer::Declined))
        .run(offer(id(2), partial(9_000)));
    given(declined.events())
        .when(answer_offer(id(1), OfferAnswer::Accepted))
        .then_expect_error(DomainError::InvalidOfferState {
            offer_id: id(1),
            status: OfferStatus::Declined,
        });
    given(declined.events())
        .when(answer_offer(id(3), OfferAnswer::Accepted))
        .then_expect_error_code("NOT_FOUND");
    given(declined.events())
        .when(offer(id(1), partial(9_000)))
        .then_expect_error_code("INVALID_TRANSITION");
}

#[test]
fn a_partial_refund_accepted_on_a_return_is_its_conversion_with_the_goods_kept() {
    let approved = Ticket::opened(TicketKind::ReturnAndRefund).approved();
    let state = given(approved.run(offer(id(1), partial(12_000))).events())
        .when(answer_offer(id(1), OfferAnswer::Accepted))
        .then_expect_events([
            Event::CounterOfferAnswered(CounterOfferAnswered {
                offer_id: id(1),
                answer: OfferAnswer::Accepted,
                answered_at: at(60),
            }),
            Event::TicketConverted(TicketConverted {
                conversion: Conversion::ReturnToPartialRefund,
                refund_amount: Some(fen(12_000)),
                reason: format!("counter-offer {} accepted", id(1)),
                converted_at: at(60),
            }),
        ]);
    assert_eq!(
        state.kind(),
        Some(TicketKind::ReturnAndRefund),
        "the kind stays"
    );
    assert_eq!(state.status, TicketStatus::Converted);
    assert_eq!(state.remaining_refundable_minor(), 12_000);
}

#[test]
fn another_resolution_is_a_conversion_that_takes_effect_on_acceptance() {
    let received = Ticket::opened(TicketKind::Repair).received();
    let conversion = CounterOffer::Conversion {
        conversion: Conversion::RepairToExchange,
        refund_amount: None,
    };
    let offered = received.run(offer(id(1), conversion));
    assert_eq!(offered.state().conversion, None);
    let state = given(offered.events())
        .when(answer_offer(id(1), OfferAnswer::Accepted))
        .then_accept();
    assert_eq!(
        state.conversion.as_ref().map(|c| c.conversion),
        Some(Conversion::RepairToExchange)
    );
    assert!(state
        .allowed_commands()
        .contains(&CommandKind::ShipReplacement));
}

#[test]
fn another_return_address_replaces_the_approved_one_once_accepted() {
    let approved = Ticket::opened(TicketKind::ReturnAndRefund).approved();
    let offered = approved.run(offer(
        id(1),
        CounterOffer::ReturnAddress {
            address: other_address(),
        },
    ));
    assert_eq!(offered.state().return_address, Some(address()));
    let state = given(offered.events())
        .when(answer_offer(id(1), OfferAnswer::Accepted))
        .then_accept();
    assert_eq!(state.return_address, Some(other_address()));
    assert_eq!(state.status, TicketStatus::Approved);
}

#[test]
fn an_offer_that_does_not_fit_the_kind_or_step_is_refused_and_writes_nothing() {
    // No address to replace before approval, nor once the parcel shipped.
    let address_offer = CounterOffer::ReturnAddress {
        address: other_address(),
    };
    given(Ticket::opened(TicketKind::ReturnAndRefund).events())
        .when(offer(id(1), address_offer.clone()))
        .then_expect_error(DomainError::InvalidOffer {
            offer: "return_address",
            kind: TicketKind::ReturnAndRefund,
            status: TicketStatus::Applied,
        });
    given(
        Ticket::opened(TicketKind::ReturnAndRefund)
            .shipped()
            .events(),
    )
    .when(offer(id(1), address_offer))
    .then_expect_error_code("INVALID_TRANSITION");
    // An exchange takes no partial refund; a conversion from another kind is refused.
    given(
        Ticket::opened(TicketKind::Exchange)
            .inspected_passed()
            .events(),
    )
    .when(offer(id(1), partial(100)))
    .then_expect_error_code("INVALID_TRANSITION");
    given(Ticket::opened(TicketKind::RefundOnly).events())
        .when(offer(
            id(1),
            CounterOffer::Conversion {
                conversion: Conversion::RepairToRefund,
                refund_amount: Some(fen(100)),
            },
        ))
        .then_expect_error_code("INVALID_TRANSITION");
    // A reship is neither refunded in part nor moved while it ships.
    given(
        Ticket::opened(TicketKind::Reship)
            .approved()
            .run(ship_reshipment())
            .events(),
    )
    .when(offer(id(1), partial(100)))
    .then_expect_error_code("INVALID_TRANSITION");
}

#[test]
fn an_offer_s_amounts_and_texts_are_checked() {
    let opened = Ticket::opened(TicketKind::RefundOnly);
    // Everything that was paid is the application itself, not an offer.
    given(opened.events())
        .when(offer(id(1), partial(PAID_TOTAL)))
        .then_expect_error(DomainError::limit(
            "partial refund (minor units)",
            PAID_TOTAL - 1,
            PAID_TOTAL,
        ));
    given(opened.events())
        .when(offer(id(1), partial(0)))
        .then_expect_error_code("VALIDATION");
    given(opened.events())
        .when(offer(
            id(1),
            CounterOffer::PartialRefund {
                amount: Money::new(100, usd()),
            },
        ))
        .then_expect_error_code("VALIDATION");
    given(opened.events())
        .when(offer(Uuid::nil(), partial(100)))
        .then_expect_error_code("VALIDATION");
    let mut late = MakeCounterOffer {
        offer_id: id(1),
        offer: partial(100),
        respond_by: at(20),
        note: "n".into(),
        at: at(20),
    };
    given(opened.events())
        .when(Command::MakeCounterOffer(late.clone()))
        .then_expect_error_code("VALIDATION");
    late.respond_by = at(21);
    late.note = "  ".into();
    given(opened.events())
        .when(Command::MakeCounterOffer(late))
        .then_expect_error_code("VALIDATION");
    // A conversion offered with the wrong amount fails as ConvertTicket would.
    given(Ticket::opened(TicketKind::ReturnAndRefund).events())
        .when(offer(id(1), partial(PAID_TOTAL)))
        .then_expect_error_code("VALIDATION");
}

#[test]
fn acceptance_is_judged_on_the_ticket_as_it_is_then() {
    // The goods shipped while the buyer thought: keeping them is too late.
    let moved = Ticket::opened(TicketKind::ReturnAndRefund)
        .approved()
        .run(offer(id(1), partial(12_000)))
        .run(register_shipment());
    given(moved.events())
        .when(answer_offer(id(1), OfferAnswer::Accepted))
        .then_expect_error_code("INVALID_TRANSITION");
    // Declining it is still recorded.
    given(moved.events())
        .when(answer_offer(id(1), OfferAnswer::Declined))
        .then_accept();
}

#[test]
fn an_unanswered_offer_expires_only_at_its_deadline_even_after_the_ticket_ended() {
    let offered = Ticket::opened(TicketKind::RefundOnly).run(offer(id(1), partial(10_000)));
    given(offered.events())
        .when(expire_offer(id(1), 2 * 24 * 60 - 1))
        .then_expect_error_code("VALIDATION");
    let state = given(offered.events())
        .when(expire_offer(id(1), 2 * 24 * 60))
        .then_expect_events([Event::CounterOfferExpired(CounterOfferExpired {
            offer_id: id(1),
            expired_at: at(2 * 24 * 60),
        })]);
    assert_eq!(state.negotiation[0].status, OfferStatus::Expired);
    assert_eq!(state.agreed_refund_minor, None);
    assert!(state.open_offer().is_none());
    // Cancelled meanwhile: the offer still runs out, and nothing else moves.
    let cancelled = offered.run(cancel());
    let state = given(cancelled.events())
        .when(expire_offer(id(1), 2 * 24 * 60))
        .then_accept();
    assert_eq!(state.status, TicketStatus::Cancelled);
    given(cancelled.events())
        .when(answer_offer(id(1), OfferAnswer::Accepted))
        .then_expect_error_code("INVALID_TRANSITION");
}

#[test]
fn only_customer_service_negotiates_and_only_the_timer_expires() {
    for (command, roles) in [
        (CommandKind::MakeCounterOffer, vec![Role::CustomerService]),
        (CommandKind::RecordOfferAnswer, vec![Role::CustomerService]),
    ] {
        for role in roles {
            assert!(role.may_issue(command), "{role:?} {command:?}");
        }
        assert!(!Role::Warehouse.may_issue(command));
        assert!(!Role::Finance.may_issue(command));
    }
    assert!(!Role::CustomerService.may_issue(CommandKind::ExpireCounterOffer));
    assert!(Role::System.may_issue(CommandKind::ExpireCounterOffer));
}
