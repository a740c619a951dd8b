//! The refund gateway: idempotent payouts, retries with backoff, and a crash
//! between the gateway call and the append.

use returns_tickets::Tickets;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use chrono::Duration;
use returns_domain::{Event, RefundStatus};
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use returns_workflows::gateway::{
    idempotency_key, FailureMode, GatewayError, GatewayFuture, RefundGateway, RefundOrder,
    SimulatedGateway,
};
use returns_workflows::timers::{TimerKind, TimerState};
use returns_workflows::{PayoutState, Payouts, Policies, Workflows};
use uuid::Uuid;

use super::helpers::{cny, connect, Application, Harness};

contract_tests!(
    gateway_failing_after_charging_is_retried_with_the_same_key_and_pays_once,
    failures_before_charging_are_retried_with_growing_backoff,
    retries_stop_after_the_configured_number_of_failures,
    crash_between_gateway_call_and_append_pays_once_after_restart,
);

fn order(key: &str, minor: i64) -> RefundOrder {
    RefundOrder {
        idempotency_key: key.into(),
        ticket_id: Uuid::nil(),
        refund_id: Uuid::nil(),
        amount: cny(minor),
    }
}

#[tokio::test]
async fn simulated_gateway_never_pays_one_key_twice() {
    let gateway = SimulatedGateway::new();
    let first = gateway.refund(&order("k1", 500)).await.unwrap();
    let again = gateway.refund(&order("k1", 500)).await.unwrap();
    assert_eq!(first, again);
    assert_eq!(gateway.charges().len(), 1);
    assert!(matches!(
        gateway.refund(&order("k1", 600)).await,
        Err(GatewayError::Refused(_))
    ));
    gateway.fail_next(FailureMode::AfterCharge, 1);
    assert!(gateway.refund(&order("k2", 700)).await.is_err());
    assert_eq!(gateway.charges().len(), 2, "charged although it failed");
    gateway.refund(&order("k2", 700)).await.unwrap();
    assert_eq!(gateway.charges().len(), 2);
    assert_eq!(gateway.calls(), 5);
}

async fn gateway_failing_after_charging_is_retried_with_the_same_key_and_pays_once(
    db: TestDatabase,
) {
    let h = Harness::start(db).await;
    h.gateway.fail_next(FailureMode::AfterCharge, 1);
    let id = h.open(Application::default()).await;
    h.inspect(id, 2).await;
    h.run().await;
    let state = h.state(id).await;
    assert_eq!(state.refunds[0].status, RefundStatus::Failed);
    assert_eq!(h.gateway.charges().len(), 1, "the money moved already");

    h.advance(Duration::seconds(61)).await;
    let state = h.state(id).await;
    assert_eq!(state.refunds[0].status, RefundStatus::Issued);
    let charges = h.gateway.charges();
    assert_eq!(charges.len(), 1, "paid once");
    assert_eq!(
        charges[0].idempotency_key,
        idempotency_key(state.refunds[0].refund_id)
    );
    assert_eq!(
        state.refunds[0].gateway_reference.as_deref(),
        Some(charges[0].reference.as_str())
    );
    assert_eq!(h.gateway.calls(), 2);
}

async fn failures_before_charging_are_retried_with_growing_backoff(db: TestDatabase) {
    let h = Harness::start(db).await;
    h.gateway.fail_next(FailureMode::BeforeCharge, 2);
    let id = h.open(Application::default()).await;
    h.inspect(id, 2).await;
    h.run().await;
    assert_eq!(h.count(id, "RefundFailed").await, 1);

    h.advance(Duration::seconds(59)).await;
    assert_eq!(h.gateway.calls(), 1, "first retry waits 60 s");
    h.advance(Duration::seconds(2)).await;
    assert_eq!(h.count(id, "RefundFailed").await, 2);

    h.advance(Duration::seconds(100)).await;
    assert_eq!(h.gateway.calls(), 2, "second retry waits 120 s");
    h.advance(Duration::seconds(21)).await;
    assert!(h.state(id).await.all_refunds_issued());
    assert_eq!(h.gateway.charges().len(), 1);
    let retries: Vec<_> = h
        .workflows
        .timers()
        .for_ticket(id)
        .await
        .unwrap()
        .into_iter()
        .filter(|t| t.kind == TimerKind::RefundRetry)
        .collect();
    assert_eq!(retries.len(), 2);
    assert!(retries.iter().all(|t| t.state == TimerState::Fired));
}

async fn retries_stop_after_the_configured_number_of_failures(db: TestDatabase) {
    let mut policies = Policies::default();
    policies.refund_retry.max_retries = 1;
    let h = Harness::with_policies(db, policies).await;
    h.gateway.fail_next(FailureMode::BeforeCharge, 5);
    let id = h.open(Application::default()).await;
    h.inspect(id, 2).await;
    h.run().await;
    h.advance(Duration::days(1)).await;
    h.advance(Duration::days(1)).await;
    assert_eq!(
        h.count(id, "RefundFailed").await,
        2,
        "first try and one retry"
    );
    let state = h.state(id).await;
    assert_eq!(
        state.refunds[0].status,
        RefundStatus::Failed,
        "left to finance"
    );
    assert!(h.gateway.charges().is_empty());
    // Finance's payout queue says a person must act, and why.
    let payout = h
        .workflows
        .payout_queue()
        .get(state.refunds[0].refund_id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(payout.state, PayoutState::DeadLettered);
    assert_eq!(payout.attempts, 2);
    assert!(payout.reason.unwrap().contains("simulated outage"));
}

/// Charges through the simulated gateway, then (while armed) never answers:
/// the process "dies" with the money moved and nothing recorded.
struct DiesAfterCharging {
    inner: Arc<SimulatedGateway>,
    armed: AtomicBool,
}

impl RefundGateway for DiesAfterCharging {
    fn refund<'a>(&'a self, order: &'a RefundOrder) -> GatewayFuture<'a> {
        Box::pin(async move {
            let payout = self.inner.refund(order).await;
            if self.armed.load(Ordering::SeqCst) {
                std::future::pending::<()>().await;
            }
            payout
        })
    }
}

async fn crash_between_gateway_call_and_append_pays_once_after_restart(db: TestDatabase) {
    let h = Harness::start(db).await;
    let id = h.open(Application::default()).await;
    h.inspect(id, 2).await;

    let dying = Arc::new(DiesAfterCharging {
        inner: h.gateway.clone(),
        armed: AtomicBool::new(true),
    });
    let doomed_store = connect(&h.db, &h.clock).await;
    let doomed = Workflows::new(
        Tickets::plaintext(doomed_store.clone()),
        Policies::default(),
        Payouts::webhook(dying.clone()),
        Arc::new(h.clock.clone()),
    )
    .await
    .unwrap();
    let crashed =
        tokio::time::timeout(std::time::Duration::from_secs(3), doomed.run_until_idle()).await;
    assert!(crashed.is_err(), "the runtime hung in the gateway");
    drop(doomed);
    drop(doomed_store);
    assert_eq!(h.gateway.charges().len(), 1, "charged before the crash");
    assert_eq!(h.count(id, "RefundIssued").await, 0, "nothing recorded");

    // Restart: a new runtime with a healthy gateway connection to the same provider.
    dying.armed.store(false, Ordering::SeqCst);
    let restarted = Workflows::new(
        Tickets::plaintext(connect(&h.db, &h.clock).await),
        Policies::default(),
        Payouts::webhook(dying.clone()),
        Arc::new(h.clock.clone()),
    )
    .await
    .unwrap();
    // On PostgreSQL the dead runtime's leader lock goes with its session,
    // which the server notices a moment later.
    for _ in 0..100 {
        if restarted.run_until_idle().await.unwrap().leader {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let state = h.state(id).await;
    assert_eq!(state.refunds[0].status, RefundStatus::Issued);
    assert_eq!(h.gateway.charges().len(), 1, "paid once");
    assert_eq!(h.count(id, "RefundIssued").await, 1);
    assert_eq!(h.count(id, "RefundFailed").await, 0);
    let issued = h.events(id).await.into_iter().find_map(|e| match e {
        Event::RefundIssued(e) => Some(e.gateway_reference),
        _ => None,
    });
    assert_eq!(issued, Some(h.gateway.charges()[0].reference.clone()));
}
