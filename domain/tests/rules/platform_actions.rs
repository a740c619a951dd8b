//! What the marketplace must hear of: a person's or a workflow's decision on
//! a marketplace ticket records its platform action in the same append, and
//! a person may confirm it carried out in the back office.

use crate::common::*;
use returns_domain::command::*;
use returns_domain::event::*;
use returns_domain::platform_action::{PlatformAction, PlatformActionParams};
use returns_domain::{decide, Command, CommandKind, Event, TicketKind, TicketState, TicketStatus};

/// A ticket opened from a Douyin after-sale record.
fn marketplace(kind: TicketKind) -> Ticket {
    let Command::OpenTicket(mut c) = open(kind) else {
        unreachable!()
    };
    c.channel = "douyin".into();
    c.platform_after_sale_id = Some("7300000000000000001".into());
    Ticket {
        kind,
        events: Vec::new(),
    }
    .run(Command::OpenTicket(c))
}

fn requested(events: &[Event]) -> Vec<&PlatformActionRequested> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::PlatformActionRequested(r) => Some(r),
            _ => None,
        })
        .collect()
}

fn confirm(seq: u32) -> Command {
    Command::ConfirmPlatformAction(ConfirmPlatformAction { seq, at: at(90) })
}

#[test]
fn an_approval_on_a_marketplace_ticket_asks_the_platform_in_the_same_append() {
    let opened = marketplace(TicketKind::ReturnAndRefund);
    let state = given(opened.events())
        .when(approve(TicketKind::ReturnAndRefund))
        .then_expect_events([
            Event::ApplicationApproved(ApplicationApproved {
                return_address: Some(address()),
                ship_back_deadline: Some(at(7 * 24 * 60)),
                approved_at: at(10),
                by_platform: None,
            }),
            Event::PlatformActionRequested(PlatformActionRequested {
                seq: 1,
                platform: "douyin".into(),
                after_sale_id: "7300000000000000001".into(),
                action: PlatformAction::ApproveApplication,
                params: PlatformActionParams::default(),
                // The review deadline the platform's application gave.
                due_by: Some(at(48 * 60)),
                requested_at: at(10),
            }),
        ]);
    assert_eq!(state.platform_actions.len(), 1);
    assert!(state.allows(CommandKind::ConfirmPlatformAction));
}

#[test]
fn a_ticket_without_a_platform_after_sale_asks_nothing() {
    let ticket = Ticket::opened(TicketKind::Exchange)
        .inspected_passed()
        .run(ship_replacement());
    assert!(requested(&ticket.events).is_empty());
    assert!(!ticket.state().allows(CommandKind::ConfirmPlatformAction));
}

#[test]
fn what_the_platform_did_itself_is_never_echoed_back() {
    let ticket = marketplace(TicketKind::ReturnAndRefund).run(Command::RecordPlatformApproval(
        RecordPlatformApproval {
            platform: "douyin".into(),
            at: at(10),
        },
    ));
    assert_eq!(ticket.state().status, TicketStatus::Approved);
    assert!(requested(&ticket.events).is_empty());
}

#[test]
fn each_seller_step_names_its_action_with_the_waybill_or_amount_the_platform_needs() {
    let exchange = marketplace(TicketKind::Exchange)
        .inspected_passed()
        .run(ship_replacement());
    let asked = requested(&exchange.events);
    let actions: Vec<_> = asked.iter().map(|r| (r.seq, r.action)).collect();
    assert_eq!(
        actions,
        [
            (1, PlatformAction::ApproveApplication),
            (2, PlatformAction::ConfirmReturnReceived),
            (3, PlatformAction::ShipExchange),
        ]
    );
    let Command::ShipReplacement(shipped) = ship_replacement() else {
        unreachable!()
    };
    assert_eq!(
        asked[2].params.carrier.as_deref(),
        Some(shipped.carrier.as_str())
    );
    assert_eq!(
        asked[2].params.tracking_number.as_deref(),
        Some(shipped.tracking_number.as_str())
    );

    let refund = id(7);
    let returned = marketplace(TicketKind::ReturnAndRefund)
        .inspected_passed()
        .run(request_refund(refund, 5_000))
        .run(approve_refund(refund));
    let last = *requested(&returned.events).last().unwrap();
    assert_eq!(last.action, PlatformAction::AgreeRefund);
    assert_eq!(last.params.amount, Some(fen(5_000)));

    let refused =
        marketplace(TicketKind::RefundOnly).run(Command::RejectApplication(RejectApplication {
            reason: "the order was never paid".into(),
            reason_code: None,
            at: at(10),
        }));
    let asked = requested(&refused.events);
    assert_eq!(asked[0].action, PlatformAction::RefuseApplication);
    // The free-text reason is the buyer's case, kept on the ticket only.
    assert_eq!(asked[0].params, PlatformActionParams::default());
}

#[test]
fn a_person_confirms_an_action_done_once_even_after_the_ticket_ended() {
    let refused =
        marketplace(TicketKind::RefundOnly).run(Command::RejectApplication(RejectApplication {
            reason: "duplicate application".into(),
            reason_code: None,
            at: at(10),
        }));
    let state = given(refused.events())
        .when(confirm(1))
        .then_expect_events([Event::PlatformActionDone(PlatformActionDone {
            seq: 1,
            action: PlatformAction::RefuseApplication,
            done_at: at(90),
        })]);
    assert_eq!(state.platform_actions[0].done_at, Some(at(90)));
    assert!(!state.allows(CommandKind::ConfirmPlatformAction));

    let mut history = refused.events();
    history.extend(decide(&TicketState::fold(&history), &confirm(1)).unwrap());
    let err = given(history.clone())
        .when(confirm(1))
        .then_expect_error_code("INVALID_TRANSITION");
    assert!(format!("{err:?}").contains("ConfirmPlatformAction"));
}

#[test]
fn confirming_an_action_the_ticket_never_asked_for_is_refused() {
    let approved = marketplace(TicketKind::ReturnAndRefund).approved();
    given(approved.events())
        .when(confirm(2))
        .then_expect_error_code("VALIDATION");
}

#[test]
fn a_retried_decision_on_the_same_state_names_the_same_action() {
    let opened = marketplace(TicketKind::RefundOnly);
    let state = opened.state();
    let first = decide(&state, &approve(TicketKind::RefundOnly)).unwrap();
    let again = decide(&state, &approve(TicketKind::RefundOnly)).unwrap();
    assert_eq!(requested(&first), requested(&again));
    assert_eq!(requested(&first)[0].seq, 1);
}

fn platform_shows(seqs: &[u32], status: &str) -> Command {
    Command::RecordPlatformConfirmation(RecordPlatformConfirmation {
        seqs: seqs.to_vec(),
        platform_status: status.into(),
        platform_version: Some(1_763_618_900),
        at: at(120),
    })
}

/// What [`platform_shows`] records for action `seq`.
fn shown_done(seq: u32) -> Event {
    Event::PlatformActionConfirmed(PlatformActionConfirmed {
        seq,
        platform_status: "awaiting_return".into(),
        platform_version: Some(1_763_618_900),
        confirmed_at: at(120),
    })
}

#[test]
fn the_platforms_record_showing_an_action_done_closes_it_without_a_person() {
    let approved = marketplace(TicketKind::ReturnAndRefund).approved();
    let state = given(approved.events())
        .when(platform_shows(&[1], "awaiting_return"))
        .then_expect_events([shown_done(1)]);
    assert!(!state.platform_actions[0].is_open());
    // Nothing is left for a person, and the platform says it once.
    assert!(!state.allows(CommandKind::ConfirmPlatformAction));
    assert!(!state.allows(CommandKind::RecordPlatformConfirmation));

    // A person's confirmation first: the platform's record still proves it.
    let done = approved.run(confirm(1));
    let state = given(done.events())
        .when(platform_shows(&[1], "awaiting_return"))
        .then_expect_events([shown_done(1)]);
    assert_eq!(state.platform_actions[0].done_at, Some(at(90)));
}

#[test]
fn the_platform_confirms_only_actions_the_ticket_asked_for_once() {
    let approved = marketplace(TicketKind::ReturnAndRefund).approved();
    given(approved.events())
        .when(platform_shows(&[2], "awaiting_return"))
        .then_expect_error_code("VALIDATION");
    given(approved.events())
        .when(platform_shows(&[1, 1], "awaiting_return"))
        .then_expect_error_code("VALIDATION");
    given(approved.events())
        .when(platform_shows(&[], "awaiting_return"))
        .then_expect_error_code("VALIDATION");
}

fn answer(seq: u32, outcome: PlatformActionOutcome) -> Command {
    Command::RecordPlatformActionOutcome(RecordPlatformActionOutcome {
        seq,
        outcome,
        at: at(95),
    })
}

#[test]
fn the_platforms_answer_to_our_call_closes_the_action_or_hands_it_to_a_person() {
    let approved = marketplace(TicketKind::ReturnAndRefund).approved();
    let back_office = PlatformActionOutcome::NeedsPerson {
        reason: "back_office_only".into(),
        code: Some("isv.business-failed:11001".into()),
        message: "请到抖店后台操作".into(),
    };
    let state = given(approved.events())
        .when(answer(1, back_office.clone()))
        .then_expect_events([Event::PlatformActionNeedsPerson(
            PlatformActionNeedsPerson {
                seq: 1,
                reason: "back_office_only".into(),
                code: Some("isv.business-failed:11001".into()),
                message: "请到抖店后台操作".into(),
                since: at(95),
            },
        )]);
    // Still a person's task: open, and confirmable.
    assert!(state.platform_actions[0].is_open());
    assert!(state.allows(CommandKind::ConfirmPlatformAction));

    let done = PlatformActionOutcome::Succeeded {
        platform_version: Some(7),
        reference: Some("log-1".into()),
        already_done: true,
    };
    let state = given(approved.events())
        .when(answer(1, done.clone()))
        .then_expect_events([Event::PlatformActionSucceeded(PlatformActionSucceeded {
            seq: 1,
            platform_version: Some(7),
            reference: Some("log-1".into()),
            already_done: true,
            succeeded_at: at(95),
        })]);
    assert!(!state.platform_actions[0].is_open());
    assert!(!state.allows(CommandKind::ConfirmPlatformAction));

    // Once done, no second answer is recorded, whatever it says.
    let mut history = approved.events();
    history.extend(decide(&TicketState::fold(&history), &answer(1, done)).unwrap());
    given(history)
        .when(answer(1, back_office))
        .then_expect_error_code("INVALID_TRANSITION");
    given(approved.events())
        .when(answer(
            5,
            PlatformActionOutcome::Refused {
                code: "x".into(),
                message: "y".into(),
            },
        ))
        .then_expect_error_code("VALIDATION");
}
