//! Follow-up calls after close: quality complaints always, logistics
//! sampled, expired tickets never; outcomes recorded on the closed ticket,
//! missed calls noted.

use chrono::Duration;
use returns_domain::command::{CloseTicket, CompleteFollowUp};
use returns_domain::{Command, Event, Resolution, TicketKind, TicketStatus};
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use returns_workflows::ids::sample_percent;
use returns_workflows::timers::{TimerKind, TimerState};
use returns_workflows::Policies;
use uuid::Uuid;

use super::helpers::{Application, Harness};

contract_tests!(
    quality_complaint_gets_a_call_and_a_missed_call_is_noted,
    follow_up_is_scheduled_after_close,
    an_agent_records_the_call_outcome_after_close,
    logistics_complaints_are_sampled_by_ticket_id,
    preference_complaints_get_no_call,
);

fn quality() -> Application {
    Application {
        reason_code: "quality_issue",
        ..Application::default()
    }
}

async fn quality_complaint_gets_a_call_and_a_missed_call_is_noted(db: TestDatabase) {
    let h = Harness::start(db).await;
    let id = h.open(quality()).await;
    h.inspect(id, 2).await;
    h.run().await;
    let state = h.state(id).await;
    assert_eq!(state.status, TicketStatus::Closed);
    assert_eq!(state.follow_ups.len(), 1);
    let call = state.follow_ups[0].clone();
    assert_eq!(call.purpose, "quality_complaint");
    assert_eq!(call.due_at, h.clock_now() + Duration::hours(72));

    h.advance(Duration::hours(72 + 23)).await;
    assert!(
        h.by_system(id, "NoteAdded").await.is_empty(),
        "still in grace"
    );
    h.advance(Duration::hours(2)).await;
    let notes = h.state(id).await.notes;
    assert_eq!(notes.len(), 1);
    assert!(notes[0].text.contains(&call.follow_up_id.to_string()));
    let missed = h
        .workflows
        .timers()
        .of_kind(TimerKind::FollowUpDeadline, TimerState::Fired)
        .await
        .unwrap();
    assert_eq!(missed.len(), 1);
    assert_eq!(missed[0].ticket_id, id);
}

async fn follow_up_is_scheduled_after_close(db: TestDatabase) {
    // Agents close this channel's tickets, so "settled" and "closed" are
    // hours apart: the call must wait for the close.
    let mut policies = Policies::default();
    policies.defaults.auto_close_when_settled = false;
    let h = Harness::with_policies(db, policies).await;
    let id = h.open(quality()).await;
    h.inspect(id, 2).await;
    h.run().await;
    let state = h.state(id).await;
    assert_eq!(state.status, TicketStatus::Refunded);
    assert!(state.follow_ups.is_empty(), "settled is not closed yet");

    h.advance(Duration::hours(5)).await;
    let closed_at = h.clock_now();
    h.act(
        id,
        "customer_service",
        Command::CloseTicket(CloseTicket {
            resolution: Resolution::Refunded,
            note: None,
            at: closed_at,
        }),
    )
    .await;
    h.run().await;
    let state = h.state(id).await;
    assert_eq!(state.status, TicketStatus::Closed);
    assert_eq!(state.follow_ups.len(), 1);
    assert_eq!(state.follow_ups[0].purpose, "quality_complaint");
    assert_eq!(state.follow_ups[0].due_at, closed_at + Duration::hours(72));
    let history = h.history(id).await;
    let close = history
        .iter()
        .position(|e| e.event_type == "TicketClosed")
        .unwrap();
    let call = history
        .iter()
        .position(|e| e.event_type == "FollowUpScheduled")
        .unwrap();
    assert!(close < call, "the call follows the close");
    assert_eq!(
        history[call].metadata.causation_id,
        Some(history[close].event_id)
    );

    // An expired return never moved goods or money: nobody calls about it.
    let expired = h.open(quality()).await;
    h.approve(expired).await;
    h.advance(Duration::days(8)).await;
    let state = h.state(expired).await;
    assert_eq!(state.resolution, Some(Resolution::Expired));
    assert!(state.follow_ups.is_empty());
}

async fn an_agent_records_the_call_outcome_after_close(db: TestDatabase) {
    let h = Harness::start(db).await;
    let id = h.open(quality()).await;
    h.inspect(id, 2).await;
    h.run().await;
    let state = h.state(id).await;
    assert_eq!(state.status, TicketStatus::Closed);
    let follow_up_id = state.follow_ups[0].follow_up_id;
    h.advance(Duration::hours(70)).await;
    let at = h.clock_now();
    let state = h
        .act(
            id,
            "customer_service",
            Command::CompleteFollowUp(CompleteFollowUp {
                follow_up_id,
                outcome: "happy with the refund".into(),
                at,
            }),
        )
        .await;
    assert_eq!(state.status, TicketStatus::Closed);
    assert_eq!(state.resolution, Some(Resolution::Refunded));
    let call = state.follow_up(follow_up_id).unwrap();
    assert_eq!(call.outcome.as_deref(), Some("happy with the refund"));
    assert_eq!(call.completed_at, Some(at));
    assert!(matches!(
        h.events(id).await.last(),
        Some(Event::FollowUpCompleted(_))
    ));

    // A completed call is not reported missed.
    h.advance(Duration::days(10)).await;
    assert!(h.state(id).await.notes.is_empty());
    let timers = h.workflows.timers().for_ticket(id).await.unwrap();
    let deadline = timers
        .iter()
        .find(|t| t.kind == TimerKind::FollowUpDeadline)
        .unwrap();
    assert_eq!(deadline.state, TimerState::Cancelled);
}

/// A ticket id whose sample falls in (or out of) the 70% share.
fn ticket_id_sampled(inside: bool) -> Uuid {
    loop {
        let id = Uuid::now_v7();
        if (sample_percent(id) < 70) == inside {
            return id;
        }
    }
}

async fn logistics_complaints_are_sampled_by_ticket_id(db: TestDatabase) {
    let h = Harness::start(db).await;
    let logistics = || Application {
        reason_code: "logistics_damage",
        kind: TicketKind::Exchange,
        ..Application::default()
    };
    let called = h.open_as(ticket_id_sampled(true), logistics()).await;
    let skipped = h.open_as(ticket_id_sampled(false), logistics()).await;
    for id in [called, skipped] {
        h.inspect(id, 2).await;
        h.run().await;
        let at = h.clock_now();
        h.act(
            id,
            "warehouse",
            Command::ShipReplacement(returns_domain::command::ShipReplacement {
                carrier: "SF".into(),
                tracking_number: "SF1".into(),
                at,
            }),
        )
        .await;
    }
    h.run().await;
    assert_eq!(h.state(called).await.follow_ups.len(), 1);
    assert_eq!(
        h.state(called).await.follow_ups[0].purpose,
        "logistics_complaint"
    );
    assert!(h.state(skipped).await.follow_ups.is_empty());
}

async fn preference_complaints_get_no_call(db: TestDatabase) {
    let h = Harness::start(db).await;
    let id = h.open(Application::default()).await;
    h.inspect(id, 2).await;
    h.advance(Duration::days(30)).await;
    assert!(h.state(id).await.follow_ups.is_empty());
}
