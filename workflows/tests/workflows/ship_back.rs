//! Ship-back deadline: approved returns not shipped in 7 days expire.

use chrono::Duration;
use returns_domain::{Resolution, TicketStatus};
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use returns_workflows::timers::{TimerKind, TimerState};

use super::helpers::{Application, Harness};

contract_tests!(
    approved_return_not_shipped_in_7_days_closes_as_expired,
    return_shipped_in_time_does_not_expire,
);

async fn approved_return_not_shipped_in_7_days_closes_as_expired(db: TestDatabase) {
    let h = Harness::start(db).await;
    let id = h.open(Application::default()).await;
    h.approve(id).await;
    h.advance(Duration::days(6)).await;
    assert_eq!(h.state(id).await.status, TicketStatus::Approved);

    h.advance(Duration::days(1) + Duration::seconds(1)).await;
    let state = h.state(id).await;
    assert_eq!(state.status, TicketStatus::Closed);
    assert_eq!(state.resolution, Some(Resolution::Expired));
    let types: Vec<String> = h
        .history(id)
        .await
        .into_iter()
        .map(|e| e.event_type)
        .collect();
    assert_eq!(
        types,
        [
            "TicketOpened",
            "ApplicationApproved",
            "DeadlineMissed",
            "TicketClosed"
        ]
    );
}

async fn return_shipped_in_time_does_not_expire(db: TestDatabase) {
    let h = Harness::start(db).await;
    let id = h.open(Application::default()).await;
    h.approve(id).await;
    h.run().await;
    h.advance(Duration::days(2)).await;
    h.ship_back(id).await;
    h.advance(Duration::days(30)).await;
    assert_eq!(h.state(id).await.status, TicketStatus::ReturnShipped);
    let timer = h
        .workflows
        .timers()
        .for_ticket(id)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.kind == TimerKind::ShipBackDeadline)
        .unwrap();
    assert_eq!(timer.state, TimerState::Cancelled);
}
