//! The runtime as the server runs it: in the background, on its own ticks,
//! every policy at once.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::Duration;
use returns_domain::command::{ReturnGoodsToCustomer, ShipReplacement};
use returns_domain::{Command, Resolution, TicketKind, TicketStatus};
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use returns_workflows::{Payouts, Policies, RuntimeOptions, Workflows};

use super::helpers::{Application, Harness};

contract_tests!(spawned_runtime_applies_every_policy_by_itself);

/// Polls `done` until it holds (at most ~10 s).
async fn eventually<F, Fut>(what: &str, done: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..500 {
        if done().await {
            return;
        }
        tokio::time::sleep(StdDuration::from_millis(20)).await;
    }
    panic!("the background runtime did not {what}");
}

async fn spawned_runtime_applies_every_policy_by_itself(db: TestDatabase) {
    let h = Harness::start(db).await;
    let handle = Workflows::with_options(
        h.tickets.clone(),
        Policies::default(),
        Payouts::webhook(h.gateway.clone()),
        Arc::new(h.clock.clone()),
        RuntimeOptions {
            tick: StdDuration::from_millis(20),
            ..RuntimeOptions::default()
        },
    )
    .await
    .unwrap()
    .start();

    let escalate = h.open(Application::default()).await;
    let auto_approve = h
        .open(Application {
            channel: "douyin",
            ..Application::default()
        })
        .await;
    let expire = h.open(Application::default()).await;
    h.approve(expire).await;
    let refund = h
        .open(Application {
            reason_code: "quality_issue",
            ..Application::default()
        })
        .await;
    h.inspect(refund, 2).await;
    let exchange = h
        .open(Application {
            kind: TicketKind::Exchange,
            ..Application::default()
        })
        .await;
    h.inspect(exchange, 2).await;
    let failed = h.open(Application::default()).await;
    h.inspect(failed, 0).await;

    eventually("refund the inspected return and close it", || async {
        h.state(refund).await.resolution == Some(Resolution::Refunded)
    })
    .await;
    eventually("schedule the quality follow-up", || async {
        !h.state(refund).await.follow_ups.is_empty()
    })
    .await;
    eventually("queue the replacement", || async {
        h.state(exchange).await.assignee.as_deref() == Some("warehouse:replacements")
    })
    .await;
    let at = h.clock_now();
    h.act(
        exchange,
        "warehouse",
        Command::ShipReplacement(ShipReplacement {
            carrier: "SF".into(),
            tracking_number: "SF8".into(),
            at,
        }),
    )
    .await;
    eventually("close the shipped exchange", || async {
        h.state(exchange).await.resolution == Some(Resolution::Exchanged)
    })
    .await;
    eventually("queue the failed goods", || async {
        h.state(failed).await.assignee.as_deref() == Some("warehouse:returns_to_customer")
    })
    .await;
    let at = h.clock_now();
    h.act(
        failed,
        "warehouse",
        Command::ReturnGoodsToCustomer(ReturnGoodsToCustomer {
            carrier: "SF".into(),
            tracking_number: "SF9".into(),
            at,
        }),
    )
    .await;
    eventually("close the failed ticket", || async {
        h.state(failed).await.resolution == Some(Resolution::RejectedAfterInspection)
    })
    .await;

    h.clock.advance(Duration::days(8));
    eventually("escalate the unreviewed application", || async {
        h.state(escalate).await.assignee.as_deref() == Some("supervisor")
    })
    .await;
    eventually("auto-approve the platform application", || async {
        h.state(auto_approve).await.status == TicketStatus::Approved
    })
    .await;
    eventually("expire the return never shipped", || async {
        h.state(expire).await.resolution == Some(Resolution::Expired)
    })
    .await;
    eventually("note the missed follow-up call", || async {
        !h.state(refund).await.notes.is_empty()
    })
    .await;
    handle.stop().await;
    assert_eq!(h.gateway.charges().len(), 1);
}
