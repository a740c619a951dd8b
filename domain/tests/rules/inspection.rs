use returns_domain::command::*;
use returns_domain::event::*;
use returns_domain::ticket::*;
use returns_domain::*;

use crate::common::*;

fn received() -> Vec<Event> {
    Ticket::opened(TicketKind::ReturnAndRefund)
        .received()
        .events()
}

#[test]
fn inspection_starts_only_after_goods_arrive() {
    given(
        Ticket::opened(TicketKind::ReturnAndRefund)
            .shipped()
            .events(),
    )
    .when(inspect("L1", 1, 1, 0))
    .then_expect_error_code("INVALID_TRANSITION");
}

#[test]
fn a_line_inspection_records_grade_verdict_deduction_notes_and_photos() {
    let command = Command::RecordInspection(RecordInspection {
        line_id: "L1".into(),
        qty_inspected: 2,
        qty_accepted: 2,
        grade: Grade::Opened,
        verdict: Verdict::Pass,
        deduction: fen(500),
        notes: "tags removed".into(),
        photo_refs: vec!["photo://1".into()],
        at: at(5000),
    });
    let state = given(received())
        .when(command)
        .then_expect_events([Event::LineInspected(LineInspected {
            line_id: "L1".into(),
            qty_inspected: 2,
            qty_accepted: 2,
            grade: Grade::Opened,
            verdict: Verdict::Pass,
            deduction: fen(500),
            notes: "tags removed".into(),
            photo_refs: vec!["photo://1".into()],
            inspected_at: at(5000),
        })]);
    assert_eq!(state.status, TicketStatus::Inspecting);
    assert_eq!(state.inspection_round, 1);
    assert_eq!(state.line("L1").map(|l| l.refundable_minor()), Some(19_498));
}

#[test]
fn inspected_quantity_never_exceeds_received() {
    let partly = Ticket::opened(TicketKind::ReturnAndRefund)
        .shipped()
        .run(receive(&[("L1", 1)]))
        .events();
    given(partly.clone())
        .when(inspect("L1", 2, 2, 0))
        .then_expect_error(DomainError::LimitExceeded {
            what: "inspected quantity of line L1".into(),
            limit: 1,
            requested: 2,
        });
    // A line that did not arrive cannot be inspected at all.
    given(partly)
        .when(inspect("L2", 1, 1, 0))
        .then_expect_error(DomainError::validation(
            "line_id",
            "nothing of line L2 was received",
        ));
}

#[test]
fn accepted_quantity_never_exceeds_inspected() {
    given(received())
        .when(Command::RecordInspection(RecordInspection {
            line_id: "L1".into(),
            qty_inspected: 1,
            qty_accepted: 2,
            grade: Grade::New,
            verdict: Verdict::Pass,
            deduction: fen(0),
            notes: String::new(),
            photo_refs: vec![],
            at: at(5000),
        }))
        .then_expect_error(DomainError::LimitExceeded {
            what: "accepted quantity of line L1".into(),
            limit: 1,
            requested: 2,
        });
}

#[test]
fn verdict_and_accepted_quantity_must_agree() {
    let mut c = RecordInspection {
        line_id: "L2".into(),
        qty_inspected: 1,
        qty_accepted: 1,
        grade: Grade::Damaged,
        verdict: Verdict::Fail,
        deduction: fen(0),
        notes: String::new(),
        photo_refs: vec![],
        at: at(5000),
    };
    given(received())
        .when(Command::RecordInspection(c.clone()))
        .then_expect_error_code("VALIDATION");
    c.verdict = Verdict::Pass;
    c.qty_accepted = 0;
    given(received())
        .when(Command::RecordInspection(c))
        .then_expect_error_code("VALIDATION");
}

#[test]
fn deduction_cannot_exceed_the_accepted_part_and_must_be_in_ticket_currency() {
    given(received())
        .when(inspect("L1", 2, 1, 10_000))
        .then_expect_error(DomainError::LimitExceeded {
            what: "deduction on line L1 (minor units)".into(),
            limit: 9_999,
            requested: 10_000,
        });
    let Command::RecordInspection(mut c) = inspect("L1", 2, 2, 0) else {
        unreachable!()
    };
    c.deduction = Money::new(100, usd());
    given(received())
        .when(Command::RecordInspection(c))
        .then_expect_error(DomainError::CurrencyMismatch {
            expected: cny(),
            found: usd(),
        });
}

#[test]
fn inspection_completes_only_when_every_received_line_is_inspected() {
    let history = Ticket::opened(TicketKind::ReturnAndRefund)
        .received()
        .run(inspect("L1", 2, 2, 0))
        .events();
    given(history)
        .when(complete_inspection())
        .then_expect_error(DomainError::validation(
            "lines",
            "line L2 was received but not inspected",
        ));
}

#[test]
fn a_full_pass_refunds_the_paid_amount() {
    let history = Ticket::opened(TicketKind::ReturnAndRefund)
        .received()
        .run(inspect("L1", 2, 2, 0))
        .run(inspect("L2", 1, 1, 0))
        .events();
    let state = given(history)
        .when(complete_inspection())
        .then_expect_events([Event::InspectionCompleted(InspectionCompleted {
            outcome: InspectionOutcome::Passed,
            refundable_amount: fen(PAID_TOTAL),
            completed_at: at(3 * 24 * 60 + 60),
        })]);
    assert_eq!(state.status, TicketStatus::Inspected);
}

#[test]
fn a_partial_inspection_refunds_only_the_accepted_part_minus_deductions() {
    // One of two shirts accepted with 10.00 deducted, the cap rejected.
    let history = Ticket::opened(TicketKind::ReturnAndRefund)
        .received()
        .run(inspect("L1", 2, 1, 1_000))
        .run(inspect("L2", 1, 0, 0))
        .events();
    let state = given(history)
        .when(complete_inspection())
        .then_expect_events([Event::InspectionCompleted(InspectionCompleted {
            outcome: InspectionOutcome::Partial,
            refundable_amount: fen(9_999 - 1_000),
            completed_at: at(3 * 24 * 60 + 60),
        })]);
    assert_eq!(state.refundable_minor, 8_999);
    given(
        Ticket::opened(TicketKind::ReturnAndRefund)
            .received()
            .run(inspect("L1", 2, 1, 1_000))
            .run(inspect("L2", 1, 0, 0))
            .run(complete_inspection())
            .events(),
    )
    .when(request_refund(id(1), 9_000))
    .then_expect_error(DomainError::LimitExceeded {
        what: "refund total (minor units)".into(),
        limit: 8_999,
        requested: 9_000,
    });
}

#[test]
fn goods_that_never_arrived_make_the_outcome_partial() {
    let history = Ticket::opened(TicketKind::ReturnAndRefund)
        .shipped()
        .run(receive(&[("L1", 2)]))
        .run(inspect("L1", 2, 2, 0))
        .events();
    given(history)
        .when(complete_inspection())
        .then_expect_events([Event::InspectionCompleted(InspectionCompleted {
            outcome: InspectionOutcome::Partial,
            refundable_amount: fen(19_998),
            completed_at: at(3 * 24 * 60 + 60),
        })]);
}

#[test]
fn inspecting_a_line_again_before_completion_replaces_its_result() {
    let history = Ticket::opened(TicketKind::ReturnAndRefund)
        .received()
        .run(inspect("L1", 2, 0, 0))
        .run(inspect("L1", 2, 2, 0))
        .events();
    let state = TicketState::fold(&history);
    assert_eq!(state.line("L1").map(|l| l.qty_accepted()), Some(2));
}

#[test]
fn feedback_is_recorded_and_comes_after_completion() {
    given(received())
        .when(Command::SendInspectionFeedback(SendInspectionFeedback {
            message: "all good".into(),
            at: at(5000),
        }))
        .then_expect_error_code("INVALID_TRANSITION");
    let state = given(
        Ticket::opened(TicketKind::ReturnAndRefund)
            .inspected_passed()
            .events(),
    )
    .when(Command::SendInspectionFeedback(SendInspectionFeedback {
        message: "all good, refund on its way".into(),
        at: at(5000),
    }))
    .then_expect_events([Event::InspectionFeedbackSent(InspectionFeedbackSent {
        message: "all good, refund on its way".into(),
        sent_at: at(5000),
    })]);
    assert_eq!(state.status, TicketStatus::FeedbackSent);
}

#[test]
fn feedback_stays_possible_while_the_refund_runs_and_until_the_close() {
    let feedback = || {
        Command::SendInspectionFeedback(SendInspectionFeedback {
            message: "one line failed: scratched".into(),
            at: at(6000),
        })
    };
    // The auto-refund workflow requested, approved and paid before the agent
    // got to tell the customer: the agent's step is still there.
    let refunded = Ticket::opened(TicketKind::ReturnAndRefund)
        .inspected_passed()
        .run(request_refund(id(1), 1000));
    let state = given(refunded.events()).when(feedback()).then_accept();
    assert_eq!(
        state.status,
        TicketStatus::Refunding,
        "feedback moves nothing back"
    );
    assert!(state.inspection_feedback.is_some());
    let paid = refunded.run(approve_refund(id(1))).run(issue_refund(id(1)));
    assert_eq!(paid.state().status, TicketStatus::Refunded);
    let state = given(paid.events()).when(feedback()).then_accept();
    assert_eq!(state.status, TicketStatus::Refunded);
    // Once per round: a second feedback is refused, as is one after the close.
    given(state_events(&paid, feedback()))
        .when(feedback())
        .then_expect_error_code("INVALID_TRANSITION");
    given(paid.run(close(Resolution::Refunded)).events())
        .when(feedback())
        .then_expect_error_code("INVALID_TRANSITION");
}

fn state_events(ticket: &Ticket, command: Command) -> Vec<Event> {
    ticket.clone().run(command).events()
}

#[test]
fn a_dispute_sends_the_inspection_back_and_re_inspection_replaces_the_earlier_result() {
    let failed = Ticket::opened(TicketKind::ReturnAndRefund).inspected_failed();
    let state =
        given(failed.events())
            .when(dispute())
            .then_expect_events([Event::InspectionDisputed(InspectionDisputed {
                reason: "the cap was fine when I sent it".into(),
                disputed_at: at(3 * 24 * 60 + 90),
            })]);
    assert_eq!(state.status, TicketStatus::Disputed);
    assert_eq!(state.inspection_outcome, None);
    assert_eq!(state.inspection_round, 2);
    assert!(state.lines.iter().all(|l| l.inspection.is_none()));
    assert!(!state.allows(CommandKind::RequestRefund));

    let reinspected = failed
        .run(dispute())
        .run(inspect("L1", 2, 2, 0))
        .run(inspect("L2", 1, 1, 0));
    let state = given(reinspected.events())
        .when(complete_inspection())
        .then_accept();
    assert_eq!(state.inspection_outcome, Some(InspectionOutcome::Passed));
    assert_eq!(state.refundable_minor, PAID_TOTAL);
}

#[test]
fn a_dispute_is_too_late_once_a_refund_was_requested() {
    let history = Ticket::opened(TicketKind::ReturnAndRefund)
        .inspected_passed()
        .run(request_refund(id(1), 1_000))
        .events();
    given(history)
        .when(dispute())
        .then_expect_error_code("INVALID_TRANSITION");
}

#[test]
fn a_failed_inspection_returns_the_goods_and_closes_as_rejected_after_inspection() {
    let failed = Ticket::opened(TicketKind::ReturnAndRefund).inspected_failed();
    assert_eq!(failed.state().refundable_minor, 0);
    given(failed.events())
        .when(request_refund(id(1), 1))
        .then_expect_error_code("INVALID_TRANSITION");
    let state = given(failed.events())
        .when(return_goods())
        .then_expect_events([Event::GoodsReturnedToCustomer(GoodsReturnedToCustomer {
            carrier: "YTO".into(),
            tracking_number: "YT000222".into(),
            returned_at: at(4 * 24 * 60),
        })]);
    assert_eq!(state.status, TicketStatus::GoodsReturned);
    given(failed.clone().run(return_goods()).events())
        .when(close(Resolution::Refunded))
        .then_expect_error_code("VALIDATION");
    let state = given(failed.run(return_goods()).events())
        .when(close(Resolution::RejectedAfterInspection))
        .then_accept();
    assert_eq!(state.status, TicketStatus::Closed);
    assert_eq!(state.resolution, Some(Resolution::RejectedAfterInspection));
}

#[test]
fn goods_go_back_only_after_a_failed_or_partial_inspection() {
    given(
        Ticket::opened(TicketKind::ReturnAndRefund)
            .inspected_passed()
            .events(),
    )
    .when(return_goods())
    .then_expect_error_code("INVALID_TRANSITION");
}
