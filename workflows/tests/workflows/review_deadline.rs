//! Review deadline: escalate or auto-approve applications nobody reviewed.

use chrono::Duration;
use returns_domain::ticket::DeadlineKind;
use returns_domain::{Event, TicketKind, TicketStatus};
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use returns_workflows::timers::{TimerKind, TimerState};

use super::helpers::{Application, Harness};

contract_tests!(
    unreviewed_application_is_escalated_to_the_supervisor_after_48_hours,
    platform_application_is_auto_approved_with_a_ship_back_deadline,
    review_in_time_cancels_the_deadline,
    a_late_review_seen_before_the_timer_fires_cancels_it,
);

async fn unreviewed_application_is_escalated_to_the_supervisor_after_48_hours(db: TestDatabase) {
    let h = Harness::start(db).await;
    let id = h.open(Application::default()).await;
    h.run().await;
    h.advance(Duration::hours(47)).await;
    assert_eq!(h.count(id, "DeadlineMissed").await, 0, "not due yet");

    h.advance(Duration::hours(2)).await;
    let events = h.events(id).await;
    assert!(matches!(
        &events[1],
        Event::DeadlineMissed(e) if e.deadline == DeadlineKind::Review
    ));
    let state = h.state(id).await;
    assert_eq!(state.assignee.as_deref(), Some("supervisor"));
    assert_eq!(
        state.status,
        TicketStatus::Applied,
        "escalated, not decided"
    );
    let timers = h.workflows.timers().for_ticket(id).await.unwrap();
    assert_eq!(timers.len(), 1);
    assert_eq!(timers[0].state, TimerState::Fired);

    h.advance(Duration::hours(100)).await;
    assert_eq!(h.history(id).await.len(), 3, "fires once");
}

async fn platform_application_is_auto_approved_with_a_ship_back_deadline(db: TestDatabase) {
    let h = Harness::start(db).await;
    let id = h
        .open(Application {
            channel: "taobao",
            ..Application::default()
        })
        .await;
    h.advance(Duration::hours(49)).await;
    let state = h.state(id).await;
    assert_eq!(state.status, TicketStatus::Approved);
    let now = h.clock_now();
    assert_eq!(state.ship_back_deadline, Some(now + Duration::days(7)));
    assert_eq!(
        state.return_address,
        Some(h.policies.for_channel("taobao").return_address.clone())
    );
    let refund_only = h
        .open(Application {
            channel: "douyin",
            kind: TicketKind::RefundOnly,
            ..Application::default()
        })
        .await;
    h.advance(Duration::hours(49)).await;
    let state = h.state(refund_only).await;
    assert_eq!(state.status, TicketStatus::Approved);
    assert_eq!(state.ship_back_deadline, None, "nothing to ship back");
}

async fn review_in_time_cancels_the_deadline(db: TestDatabase) {
    let h = Harness::start(db).await;
    let id = h.open(Application::default()).await;
    h.run().await;
    h.advance(Duration::hours(1)).await;
    h.approve(id).await;
    h.advance(Duration::hours(60)).await;
    assert_eq!(h.count(id, "DeadlineMissed").await, 0);
    let review = h
        .workflows
        .timers()
        .for_ticket(id)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.kind == TimerKind::ReviewDeadline)
        .unwrap();
    assert_eq!(review.state, TimerState::Cancelled);
}

async fn a_late_review_seen_before_the_timer_fires_cancels_it(db: TestDatabase) {
    let h = Harness::start(db).await;
    let id = h.open(Application::default()).await;
    h.run().await;
    // The agent approves after the deadline, before the runtime's next pass:
    // the pass reads the approval before it fires timers.
    h.clock.advance(Duration::hours(50));
    h.approve(id).await;
    let progress = h.run().await;
    assert_eq!(progress.timers_fired, 0);
    assert_eq!(h.count(id, "DeadlineMissed").await, 0);
    assert!(h.by_system(id, "TicketAssigned").await.is_empty());
    assert_eq!(h.state(id).await.status, TicketStatus::Approved);
}
