use std::collections::BTreeMap;

use returns_domain::command::*;
use returns_domain::event::*;
use returns_domain::ticket::*;
use returns_domain::*;
use serde_json::json;

use crate::common::*;

#[test]
fn assignment_can_be_set_and_cleared_at_any_step() {
    let state = given(
        Ticket::opened(TicketKind::ReturnAndRefund)
            .received()
            .events(),
    )
    .when(Command::AssignTicket(AssignTicket {
        assignee: Some("agent_wang".into()),
        at: at(5),
    }))
    .then_expect_events([Event::TicketAssigned(TicketAssigned {
        assignee: Some("agent_wang".into()),
        assigned_at: at(5),
    })]);
    assert_eq!(state.assignee.as_deref(), Some("agent_wang"));
    let ticket = Ticket::opened(TicketKind::RefundOnly)
        .run(Command::AssignTicket(AssignTicket {
            assignee: Some("agent_wang".into()),
            at: at(5),
        }))
        .run(Command::AssignTicket(AssignTicket {
            assignee: None,
            at: at(6),
        }));
    assert_eq!(ticket.state().assignee, None);
}

#[test]
fn custom_fields_merge_and_null_removes_a_key() {
    let state = given(Ticket::opened(TicketKind::RefundOnly).events())
        .when(Command::UpdateCustomFields(UpdateCustomFields {
            fields: BTreeMap::from([
                ("vip".to_owned(), serde_json::Value::Null),
                ("priority".to_owned(), json!("high")),
            ]),
            at: at(5),
        }))
        .then_accept();
    assert_eq!(
        state.custom_fields,
        BTreeMap::from([("priority".to_owned(), json!("high"))])
    );
    given(Ticket::opened(TicketKind::RefundOnly).events())
        .when(Command::UpdateCustomFields(UpdateCustomFields {
            fields: BTreeMap::new(),
            at: at(5),
        }))
        .then_expect_error(DomainError::validation("fields", "nothing to update"));
}

fn schedule(follow_up_id: uuid::Uuid) -> Command {
    Command::ScheduleFollowUp(ScheduleFollowUp {
        follow_up_id,
        due_at: at(3 * 24 * 60),
        purpose: "quality_complaint".into(),
        at: at(5),
    })
}

fn complete(follow_up_id: uuid::Uuid) -> Command {
    Command::CompleteFollowUp(CompleteFollowUp {
        follow_up_id,
        outcome: "customer satisfied".into(),
        at: at(3 * 24 * 60 + 5),
    })
}

#[test]
fn follow_ups_are_scheduled_then_completed_once() {
    let opened = Ticket::opened(TicketKind::ReturnAndRefund);
    assert!(!opened.state().allows(CommandKind::CompleteFollowUp));
    let state = given(opened.events())
        .when(schedule(id(7)))
        .then_expect_events([Event::FollowUpScheduled(FollowUpScheduled {
            follow_up_id: id(7),
            due_at: at(3 * 24 * 60),
            purpose: "quality_complaint".into(),
            scheduled_at: at(5),
        })]);
    assert_eq!(state.open_follow_ups().count(), 1);
    let scheduled = opened.run(schedule(id(7)));
    given(scheduled.events())
        .when(schedule(id(7)))
        .then_expect_error_code("CONFLICT");
    given(scheduled.events())
        .when(complete(id(8)))
        .then_expect_error(DomainError::NotFound {
            what: "follow_up",
            id: id(8).to_string(),
        });
    let state = given(scheduled.events())
        .when(complete(id(7)))
        .then_accept();
    assert_eq!(state.open_follow_ups().count(), 0);
    assert_eq!(
        state.follow_up(id(7)).and_then(|f| f.outcome.as_deref()),
        Some("customer satisfied")
    );
    let twice = scheduled.run(complete(id(7))).run(schedule(id(9)));
    given(twice.events())
        .when(complete(id(7)))
        .then_expect_error_code("VALIDATION");
}

#[test]
fn a_missed_deadline_is_recorded_only_once_it_is_due() {
    let opened = Ticket::opened(TicketKind::ReturnAndRefund);
    given(opened.events())
        .when(Command::RecordMissedDeadline(RecordMissedDeadline {
            deadline: DeadlineKind::Review,
            at: at(60),
        }))
        .then_expect_error_code("VALIDATION");
    given(opened.events())
        .when(Command::RecordMissedDeadline(RecordMissedDeadline {
            deadline: DeadlineKind::ShipBack,
            at: at(50 * 60),
        }))
        .then_expect_error_code("VALIDATION");
    let state = given(opened.events())
        .when(Command::RecordMissedDeadline(RecordMissedDeadline {
            deadline: DeadlineKind::Review,
            at: at(50 * 60),
        }))
        .then_expect_events([Event::DeadlineMissed(DeadlineMissed {
            deadline: DeadlineKind::Review,
            due_at: at(48 * 60),
            missed_at: at(50 * 60),
        })]);
    assert_eq!(state.missed_deadlines, vec![DeadlineKind::Review]);
    assert!(!state.allows(CommandKind::RecordMissedDeadline));
    // The workflow's next move after a missed ship-back deadline: close as expired.
    let approved =
        Ticket::opened(TicketKind::ReturnAndRefund)
            .approved()
            .run(Command::RecordMissedDeadline(RecordMissedDeadline {
                deadline: DeadlineKind::ShipBack,
                at: at(8 * 24 * 60),
            }));
    given(approved.events())
        .when(close(Resolution::Expired))
        .then_accept();
}

#[test]
fn notes_need_an_author_and_text_within_limits() {
    given(Ticket::opened(TicketKind::RefundOnly).events())
        .when(note(""))
        .then_expect_error(DomainError::validation("text", "must not be blank"));
    let long = "x".repeat(4001);
    given(Ticket::opened(TicketKind::RefundOnly).events())
        .when(note(&long))
        .then_expect_error(DomainError::LimitExceeded {
            what: "text length (characters)".into(),
            limit: 4000,
            requested: 4001,
        });
}
