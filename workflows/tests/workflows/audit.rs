//! Every automatic action is recorded as `system` with the workflow's name
//! and the triggering event, and redelivery never issues a command twice.

use chrono::Duration;
use returns_eventstore::contract_tests;
use returns_eventstore::db::Statement;
use returns_eventstore::testing::TestDatabase;

use super::helpers::{Application, Harness};

contract_tests!(
    automatic_actions_name_the_system_the_workflow_and_the_trigger,
    redelivered_events_and_refired_timers_write_nothing,
);

async fn automatic_actions_name_the_system_the_workflow_and_the_trigger(db: TestDatabase) {
    let h = Harness::start(db).await;
    let id = h.open(Application::default()).await;
    h.advance(Duration::hours(49)).await;
    let history = h.history(id).await;
    let opened = &history[0];
    for automatic in &history[1..] {
        let m = &automatic.metadata;
        assert_eq!(m.actor, "system");
        assert_eq!(m.role, "system");
        assert_eq!(m.source.as_deref(), Some("workflow:review_deadline"));
        assert_eq!(m.causation_id, Some(opened.event_id));
        assert_eq!(m.correlation_id, Some(opened.event_id));
        assert!(m.command_id.is_some());
    }
    assert_eq!(history.len(), 3);

    let refund = h.open(Application::default()).await;
    h.inspect(refund, 2).await;
    h.run().await;
    let history = h.history(refund).await;
    let completed = history
        .iter()
        .find(|e| e.event_type == "InspectionCompleted")
        .unwrap();
    let requested = history
        .iter()
        .find(|e| e.event_type == "RefundRequested")
        .unwrap();
    assert_eq!(
        requested.metadata.source.as_deref(),
        Some("workflow:auto_refund")
    );
    assert_eq!(requested.metadata.causation_id, Some(completed.event_id));
    let approved = history
        .iter()
        .find(|e| e.event_type == "RefundApproved")
        .unwrap();
    let issued = history
        .iter()
        .find(|e| e.event_type == "RefundIssued")
        .unwrap();
    assert_eq!(
        issued.metadata.source.as_deref(),
        Some("workflow:refund_payout")
    );
    assert_eq!(issued.metadata.causation_id, Some(approved.event_id));
}

async fn redelivered_events_and_refired_timers_write_nothing(db: TestDatabase) {
    let h = Harness::start(db).await;
    let escalated = h.open(Application::default()).await;
    let refunded = h.open(Application::default()).await;
    h.inspect(refunded, 2).await;
    h.advance(Duration::hours(49)).await;
    let head = h.store.head_position().await.unwrap();

    // Forget every checkpoint and put every fired timer back, as if the
    // process had crashed before recording any of it.
    let reset = [
        "DELETE FROM workflow_checkpoints",
        "UPDATE timers SET state = 'scheduled', fired_at = NULL WHERE state = 'fired'",
    ];
    for sql in reset {
        h.store
            .db()
            .execute(&Statement::new(sql, Vec::new()))
            .await
            .unwrap();
    }
    let progress = h.run().await;
    assert!(
        progress.events > 0 && progress.timers_fired > 0,
        "{progress:?}"
    );
    assert_eq!(
        h.store.head_position().await.unwrap(),
        head,
        "nothing new written"
    );
    assert_eq!(h.gateway.charges().len(), 1, "paid once");
    assert_eq!(h.count(escalated, "TicketAssigned").await, 1);
}
