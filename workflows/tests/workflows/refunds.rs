//! Auto refund and payout: inspection → request → (auto) approval → gateway.

use returns_domain::{Event, RefundStatus};
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;

use super::helpers::{cny, Application, Harness};

contract_tests!(
    passed_inspection_refunds_a_small_amount_without_finance,
    large_refund_waits_for_finance_then_is_paid,
    partial_inspection_refunds_the_refundable_amount,
);

async fn passed_inspection_refunds_a_small_amount_without_finance(db: TestDatabase) {
    let h = Harness::start(db).await;
    let id = h.open(Application::default()).await;
    h.inspect(id, 2).await;
    h.run().await;

    let state = h.state(id).await;
    assert!(state.all_refunds_issued());
    assert_eq!(state.refunds.len(), 1);
    assert_eq!(state.refunds[0].amount, cny(8_000));
    let charges = h.gateway.charges();
    assert_eq!(charges.len(), 1);
    assert_eq!(charges[0].amount, cny(8_000));
    for event_type in ["RefundRequested", "RefundApproved", "RefundIssued"] {
        assert_eq!(h.by_system(id, event_type).await.len(), 1, "{event_type}");
    }
}

async fn large_refund_waits_for_finance_then_is_paid(db: TestDatabase) {
    let h = Harness::start(db).await;
    let id = h
        .open(Application {
            paid_minor: 30_000,
            ..Application::default()
        })
        .await;
    h.inspect(id, 2).await;
    h.run().await;
    let state = h.state(id).await;
    assert_eq!(state.refunds[0].status, RefundStatus::Requested);
    assert!(h.gateway.charges().is_empty());

    let refund_id = state.refunds[0].refund_id;
    let at = h.clock_now();
    h.act(
        id,
        "finance",
        returns_domain::Command::ApproveRefund(returns_domain::command::ApproveRefund {
            refund_id,
            at,
        }),
    )
    .await;
    h.run().await;
    assert!(h.state(id).await.all_refunds_issued());
    assert_eq!(h.gateway.charges().len(), 1);
    assert_eq!(h.gateway.charges()[0].amount, cny(30_000));
}

async fn partial_inspection_refunds_the_refundable_amount(db: TestDatabase) {
    let h = Harness::start(db).await;
    let id = h.open(Application::default()).await;
    h.inspect(id, 1).await;
    h.run().await;
    let requested: Vec<_> = h
        .events(id)
        .await
        .into_iter()
        .filter_map(|e| match e {
            Event::RefundRequested(r) => Some(r.amount),
            _ => None,
        })
        .collect();
    assert_eq!(requested, [cny(4_000)]);
    assert_eq!(h.state(id).await.refunded_minor(), 4_000);
}
