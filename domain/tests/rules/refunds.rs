use returns_domain::event::*;
use returns_domain::ticket::*;
use returns_domain::*;

use crate::common::*;

fn refund_only_approved() -> Ticket {
    Ticket::opened(TicketKind::RefundOnly).approved()
}

#[test]
fn refund_only_goes_from_approval_straight_to_refund() {
    let state = given(refund_only_approved().events())
        .when(request_refund(id(1), PAID_TOTAL))
        .then_expect_events([Event::RefundRequested(RefundRequested {
            refund_id: id(1),
            amount: fen(PAID_TOTAL),
            requested_at: at(4 * 24 * 60),
        })]);
    assert_eq!(state.status, TicketStatus::Refunding);
    assert_eq!(
        state.refund(id(1)).map(|r| r.status),
        Some(RefundStatus::Requested)
    );
}

#[test]
fn refund_only_refunds_at_most_the_paid_amount() {
    given(refund_only_approved().events())
        .when(request_refund(id(1), PAID_TOTAL + 1))
        .then_expect_error(DomainError::LimitExceeded {
            what: "refund total (minor units)".into(),
            limit: PAID_TOTAL,
            requested: PAID_TOTAL + 1,
        });
}

#[test]
fn refunds_in_total_never_exceed_the_refundable_amount() {
    let history = refund_only_approved()
        .run(request_refund(id(1), 20_000))
        .run(approve_refund(id(1)))
        .run(issue_refund(id(1)))
        .events();
    given(history)
        .when(request_refund(id(2), 5_000))
        .then_expect_error(DomainError::LimitExceeded {
            what: "refund total (minor units)".into(),
            limit: PAID_TOTAL - 20_000,
            requested: 5_000,
        });
}

#[test]
fn a_returned_ticket_refunds_only_after_inspection() {
    for history in [
        Ticket::opened(TicketKind::ReturnAndRefund)
            .approved()
            .events(),
        Ticket::opened(TicketKind::ReturnAndRefund)
            .received()
            .events(),
    ] {
        given(history)
            .when(request_refund(id(1), 100))
            .then_expect_error_code("INVALID_TRANSITION");
    }
}

#[test]
fn a_refund_is_approved_before_it_is_issued() {
    given(
        refund_only_approved()
            .run(request_refund(id(1), 100))
            .events(),
    )
    .when(issue_refund(id(1)))
    .then_expect_error_code("INVALID_TRANSITION");
    // With another refund approved the ticket accepts IssueRefund, but this refund does not.
    given(
        refund_only_approved()
            .run(request_refund(id(1), 100))
            .run(request_refund(id(2), 100))
            .run(approve_refund(id(2)))
            .events(),
    )
    .when(issue_refund(id(1)))
    .then_expect_error(DomainError::InvalidRefundState {
        command: CommandKind::IssueRefund,
        refund_id: id(1),
        status: RefundStatus::Requested,
    });
}

#[test]
fn a_refund_is_issued_at_most_once() {
    let issued = refund_only_approved()
        .run(request_refund(id(1), 100))
        .run(request_refund(id(2), 100))
        .run(approve_refund(id(1)))
        .run(approve_refund(id(2)))
        .run(issue_refund(id(1)));
    // Refund 2 is still approved, so IssueRefund is allowed on the ticket,
    // yet refund 1 refuses a second payout.
    given(issued.events())
        .when(issue_refund(id(1)))
        .then_expect_error(DomainError::InvalidRefundState {
            command: CommandKind::IssueRefund,
            refund_id: id(1),
            status: RefundStatus::Issued,
        });
    given(issued.events())
        .when(fail_refund(id(1)))
        .then_expect_error_code("INVALID_TRANSITION");
}

#[test]
fn issuing_records_the_gateway_reference_and_amount() {
    let state = given(
        refund_only_approved()
            .run(request_refund(id(1), PAID_TOTAL))
            .run(approve_refund(id(1)))
            .events(),
    )
    .when(issue_refund(id(1)))
    .then_expect_events([Event::RefundIssued(RefundIssued {
        refund_id: id(1),
        amount: fen(PAID_TOTAL),
        gateway_reference: "GW-REF-1".into(),
        issued_at: at(4 * 24 * 60 + 20),
        payer: None,
    })]);
    assert_eq!(state.status, TicketStatus::Refunded);
    assert_eq!(state.refunded_total(), Some(fen(PAID_TOTAL)));
    assert!(!state.allows(CommandKind::RequestRefund));
    assert!(state.allows(CommandKind::CloseTicket));
}

#[test]
fn a_failed_refund_is_retried_by_issuing_it_again() {
    let failed = refund_only_approved()
        .run(request_refund(id(1), PAID_TOTAL))
        .run(approve_refund(id(1)))
        .run(fail_refund(id(1)));
    let state = failed.state();
    let refund = state.refund(id(1)).unwrap();
    assert_eq!(refund.status, RefundStatus::Failed);
    assert_eq!(refund.failures, 1);
    assert_eq!(state.status, TicketStatus::Refunding);
    // The failed refund still holds its share: no second request for the same money.
    given(failed.events())
        .when(request_refund(id(2), 1))
        .then_expect_error_code("INVALID_TRANSITION");
    let state = given(failed.events())
        .when(issue_refund(id(1)))
        .then_accept();
    assert_eq!(state.refunded_minor(), PAID_TOTAL);
    assert_eq!(state.status, TicketStatus::Refunded);
}

#[test]
fn a_retry_that_fails_again_is_recorded_as_another_failure() {
    let failed_twice = refund_only_approved()
        .run(request_refund(id(1), PAID_TOTAL))
        .run(approve_refund(id(1)))
        .run(fail_refund(id(1)))
        .run(fail_refund(id(1)));
    let state = failed_twice.state();
    let refund = state.refund(id(1)).unwrap();
    assert_eq!(refund.status, RefundStatus::Failed);
    assert_eq!(refund.failures, 2);
    let state = given(failed_twice.events())
        .when(issue_refund(id(1)))
        .then_accept();
    assert_eq!(state.refunded_minor(), PAID_TOTAL);
}

#[test]
fn refund_ids_are_unique_and_amounts_positive_in_ticket_currency() {
    let requested = refund_only_approved().run(request_refund(id(1), 100));
    given(requested.events())
        .when(request_refund(id(1), 100))
        .then_expect_error(DomainError::AlreadyExists {
            what: "refund",
            id: id(1).to_string(),
        });
    given(requested.events())
        .when(request_refund(id(2), 0))
        .then_expect_error(DomainError::validation(
            "amount",
            "must be greater than zero",
        ));
    given(requested.events())
        .when(returns_domain::Command::RequestRefund(
            returns_domain::command::RequestRefund {
                refund_id: id(3),
                amount: Money::new(100, usd()),
                at: at(0),
            },
        ))
        .then_expect_error(DomainError::CurrencyMismatch {
            expected: cny(),
            found: usd(),
        });
    given(requested.events())
        .when(approve_refund(id(9)))
        .then_expect_error(DomainError::NotFound {
            what: "refund",
            id: id(9).to_string(),
        });
}

#[test]
fn return_and_refund_runs_from_application_to_closed_as_refunded() {
    let refunded = Ticket::opened(TicketKind::ReturnAndRefund)
        .inspected_passed()
        .run(request_refund(id(1), PAID_TOTAL))
        .run(approve_refund(id(1)))
        .run(issue_refund(id(1)));
    let state = given(refunded.events())
        .when(close(Resolution::Refunded))
        .then_expect_events([Event::TicketClosed(TicketClosed {
            resolution: Resolution::Refunded,
            note: None,
            closed_at: at(5 * 24 * 60),
        })]);
    assert_eq!(state.status, TicketStatus::Closed);
    assert_eq!(state.refunded_minor(), PAID_TOTAL);
}

#[test]
fn a_ticket_cannot_close_as_refunded_while_a_refund_is_open() {
    given(
        refund_only_approved()
            .run(request_refund(id(1), 100))
            .events(),
    )
    .when(close(Resolution::Refunded))
    .then_expect_error_code("INVALID_TRANSITION");
}
