//! The runtime as the server runs it: in the background, on its own ticks.

use std::sync::Arc;
use std::time::Duration as StdDuration;

use chrono::Duration;
use returns_domain::{Resolution, TicketStatus};
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use returns_workflows::{Policies, RuntimeOptions, Workflows};

use super::helpers::{Application, Harness};

contract_tests!(spawned_runtime_moves_tickets_on_by_itself);

async fn spawned_runtime_moves_tickets_on_by_itself(db: TestDatabase) {
    let h = Harness::start(db).await;
    let handle = Workflows::with_options(
        h.store.clone(),
        Policies::default(),
        h.gateway.clone(),
        Arc::new(h.clock.clone()),
        RuntimeOptions {
            tick: StdDuration::from_millis(20),
            ..RuntimeOptions::default()
        },
    )
    .await
    .unwrap()
    .start();

    let refund = h.open(Application::default()).await;
    h.inspect(refund, 2).await;
    let expire = h.open(Application::default()).await;
    h.approve(expire).await;
    h.clock.advance(Duration::days(8));

    let mut settled = false;
    for _ in 0..250 {
        let refunded = h.state(refund).await.status == TicketStatus::Refunded;
        let expired = h.state(expire).await.resolution == Some(Resolution::Expired);
        if refunded && expired {
            settled = true;
            break;
        }
        tokio::time::sleep(StdDuration::from_millis(20)).await;
    }
    handle.stop().await;
    assert!(
        settled,
        "the background runtime refunded and expired the tickets"
    );
    assert_eq!(h.gateway.charges().len(), 1);
}
