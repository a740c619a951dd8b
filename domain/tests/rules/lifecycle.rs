use returns_domain::command::*;
use returns_domain::event::*;
use returns_domain::ticket::*;
use returns_domain::*;

use crate::common::*;

fn follow_up_call(follow_up_id: uuid::Uuid) -> Command {
    Command::ScheduleFollowUp(ScheduleFollowUp {
        follow_up_id,
        due_at: at(8 * 24 * 60),
        purpose: "quality_complaint".into(),
        at: at(5 * 24 * 60 + 1),
    })
}

fn call_outcome(follow_up_id: uuid::Uuid) -> Command {
    Command::CompleteFollowUp(CompleteFollowUp {
        follow_up_id,
        outcome: "customer happy with the refund".into(),
        at: at(8 * 24 * 60),
    })
}

/// After-sale care happens after close: the follow-up call is scheduled and
/// its outcome recorded on the closed ticket; nothing else moves.
#[test]
fn a_closed_ticket_accepts_notes_and_follow_ups_only() {
    let closed =
        Ticket::opened(TicketKind::RefundOnly).run(close(Resolution::ResolvedWithoutReturn));
    let state = closed.state();
    assert_eq!(
        state.allowed_commands(),
        vec![CommandKind::AddNote, CommandKind::ScheduleFollowUp]
    );
    for command in [
        approve(TicketKind::RefundOnly),
        cancel(),
        close(Resolution::Expired),
        request_refund(id(1), 1),
        Command::AssignTicket(AssignTicket {
            assignee: Some("agent_wang".into()),
            at: at(1),
        }),
        Command::UpdateCustomFields(UpdateCustomFields {
            fields: [("vip".to_owned(), serde_json::json!(true))].into(),
            at: at(1),
        }),
        call_outcome(id(7)),
    ] {
        given(closed.events())
            .when(command)
            .then_expect_error_code("INVALID_TRANSITION");
    }
    let state = given(closed.events())
        .when(note("customer called to say thanks"))
        .then_expect_events([Event::NoteAdded(NoteAdded {
            author: "agent_wang".into(),
            text: "customer called to say thanks".into(),
            added_at: at(6 * 24 * 60),
        })]);
    assert_eq!(state.status, TicketStatus::Closed);
    assert_eq!(state.notes.len(), 1);

    let state = given(closed.events())
        .when(follow_up_call(id(7)))
        .then_expect_events([Event::FollowUpScheduled(FollowUpScheduled {
            follow_up_id: id(7),
            due_at: at(8 * 24 * 60),
            purpose: "quality_complaint".into(),
            scheduled_at: at(5 * 24 * 60 + 1),
        })]);
    assert_eq!(state.status, TicketStatus::Closed);
    assert_eq!(
        state.allowed_commands(),
        vec![
            CommandKind::AddNote,
            CommandKind::ScheduleFollowUp,
            CommandKind::CompleteFollowUp,
        ]
    );
    let called = closed.run(follow_up_call(id(7)));
    let state = given(called.events())
        .when(call_outcome(id(7)))
        .then_expect_events([Event::FollowUpCompleted(FollowUpCompleted {
            follow_up_id: id(7),
            outcome: "customer happy with the refund".into(),
            completed_at: at(8 * 24 * 60),
        })]);
    assert_eq!(state.status, TicketStatus::Closed);
    assert_eq!(state.resolution, Some(Resolution::ResolvedWithoutReturn));
    assert!(!state.allows(CommandKind::CompleteFollowUp));
}

#[test]
fn a_cancelled_ticket_accepts_notes_only() {
    let cancelled = Ticket::opened(TicketKind::Exchange)
        .approved()
        .run(cancel());
    let state = cancelled.state();
    assert_eq!(state.status, TicketStatus::Cancelled);
    assert_eq!(state.cancel_reason.as_deref(), Some("customer withdrew"));
    assert_eq!(state.allowed_commands(), vec![CommandKind::AddNote]);
    given(cancelled.events())
        .when(register_shipment())
        .then_expect_error(DomainError::InvalidTransition {
            command: CommandKind::RegisterReturnShipment,
            status: TicketStatus::Cancelled,
            allowed: vec![CommandKind::AddNote],
        });
    // Nothing happened to ask the customer about: no follow-up call either.
    given(cancelled.events())
        .when(follow_up_call(id(7)))
        .then_expect_error_code("INVALID_TRANSITION");
}

#[test]
fn cancelling_is_possible_only_before_goods_reach_the_warehouse() {
    given(
        Ticket::opened(TicketKind::ReturnAndRefund)
            .shipped()
            .events(),
    )
    .when(cancel())
    .then_accept();
    given(
        Ticket::opened(TicketKind::ReturnAndRefund)
            .received()
            .events(),
    )
    .when(cancel())
    .then_expect_error_code("INVALID_TRANSITION");
}

#[test]
fn the_resolution_must_fit_what_happened() {
    given(Ticket::opened(TicketKind::RefundOnly).events())
        .when(close(Resolution::Refunded))
        .then_expect_error_code("VALIDATION");
    given(Ticket::opened(TicketKind::RefundOnly).events())
        .when(close(Resolution::Expired))
        .then_accept();
    let rejected =
        Ticket::opened(TicketKind::Exchange).run(Command::RejectApplication(RejectApplication {
            reason: "no proof of purchase".into(),
            reason_code: None,
            at: at(5),
        }));
    given(rejected.events())
        .when(close(Resolution::Expired))
        .then_expect_error_code("VALIDATION");
    let state = given(rejected.events())
        .when(close(Resolution::Rejected))
        .then_accept();
    assert_eq!(state.resolution, Some(Resolution::Rejected));
}

#[test]
fn a_ticket_in_progress_cannot_be_closed() {
    for history in [
        Ticket::opened(TicketKind::ReturnAndRefund)
            .shipped()
            .events(),
        Ticket::opened(TicketKind::ReturnAndRefund)
            .received()
            .events(),
        Ticket::opened(TicketKind::ReturnAndRefund)
            .inspected_passed()
            .events(),
    ] {
        given(history)
            .when(close(Resolution::ResolvedWithoutReturn))
            .then_expect_error_code("INVALID_TRANSITION");
    }
}

#[test]
fn next_actions_list_allowed_commands_with_their_roles() {
    let state = Ticket::opened(TicketKind::ReturnAndRefund).state();
    let actions = state.next_actions();
    let approve = actions
        .iter()
        .find(|a| a.command == CommandKind::ApproveApplication)
        .unwrap();
    assert_eq!(
        approve.roles,
        &[Role::CustomerService, Role::Admin, Role::System]
    );
    assert!(actions
        .iter()
        .all(|a| a.command != CommandKind::ReceiveReturn));

    let state = Ticket::opened(TicketKind::ReturnAndRefund)
        .received()
        .state();
    let commands: Vec<_> = state.next_actions().iter().map(|a| a.command).collect();
    assert!(commands.contains(&CommandKind::RecordInspection));
    let inspect = state
        .next_actions()
        .into_iter()
        .find(|a| a.command == CommandKind::RecordInspection)
        .unwrap();
    assert!(inspect.roles.contains(&Role::Warehouse));
    assert!(!inspect.roles.contains(&Role::CustomerService));
}

#[test]
fn decide_and_next_actions_agree_about_order() {
    // Every command kind that next_actions does not offer is refused as a transition.
    let state = Ticket::opened(TicketKind::Exchange).shipped().state();
    let allowed = state.allowed_commands();
    assert_eq!(
        allowed,
        vec![
            CommandKind::ReceiveReturn,
            CommandKind::CancelTicket,
            CommandKind::AssignTicket,
            CommandKind::AddNote,
            CommandKind::UpdateCustomFields,
            CommandKind::ScheduleFollowUp,
            CommandKind::RecordPlatformSyncIssue,
            CommandKind::RecordPlatformDeadline,
            CommandKind::RecordPlatformArbitration,
            CommandKind::RecordPlatformCorrection,
            // The replacement's variant may change until it ships.
            CommandKind::ChooseReplacementVariant,
            CommandKind::ReceiveMatchedParcel,
        ]
    );
    for kind in CommandKind::ALL {
        if allowed.contains(&kind) || kind == CommandKind::OpenTicket {
            continue;
        }
        assert!(!state.allows(kind));
    }
}

#[test]
fn version_counts_the_events_folded() {
    let ticket = Ticket::opened(TicketKind::ReturnAndRefund).inspected_passed();
    assert_eq!(ticket.state().version, ticket.events.len() as u64);
}

#[test]
fn error_codes_are_stable() {
    let cases = [
        (
            DomainError::InvalidTransition {
                command: CommandKind::AddNote,
                status: TicketStatus::Applied,
                allowed: vec![],
            },
            "INVALID_TRANSITION",
        ),
        (
            DomainError::InvalidRefundState {
                command: CommandKind::IssueRefund,
                refund_id: id(1),
                status: RefundStatus::Issued,
            },
            "INVALID_TRANSITION",
        ),
        (DomainError::validation("f", "m"), "VALIDATION"),
        (DomainError::limit("x", 1, 2), "VALIDATION"),
        (
            DomainError::CurrencyMismatch {
                expected: cny(),
                found: usd(),
            },
            "VALIDATION",
        ),
        (
            DomainError::NotFound {
                what: "line",
                id: "L".into(),
            },
            "NOT_FOUND",
        ),
        (
            DomainError::AlreadyExists {
                what: "refund",
                id: "R".into(),
            },
            "CONFLICT",
        ),
    ];
    for (error, code) in cases {
        assert_eq!(error.code(), code, "{error}");
    }
}

#[test]
fn commands_serialize_tagged_with_their_name() {
    let command = inspect("L1", 2, 1, 100);
    let json = serde_json::to_value(&command).unwrap();
    assert_eq!(json["type"], "RecordInspection");
    assert_eq!(json["qty_accepted"], 1);
    assert_eq!(json["deduction"]["amount_minor"], 100);
    assert_eq!(json["deduction"]["currency"], "CNY");
    let back: Command = serde_json::from_value(json).unwrap();
    assert_eq!(back, command);
    assert_eq!(command.name(), "RecordInspection");
    for kind in CommandKind::ALL {
        assert_eq!(
            serde_json::to_value(kind).unwrap(),
            kind.name(),
            "CommandKind serializes as its name"
        );
    }
}
