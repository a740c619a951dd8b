//! Exchange and failed inspection: warehouse queues and the automatic close
//! of a failed inspection (settled refunds and exchanges: auto_close.rs).

use returns_domain::command::ReturnGoodsToCustomer;
use returns_domain::{Command, CommandKind, Resolution, TicketKind, TicketStatus};
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;

use super::helpers::{Application, Harness};

contract_tests!(
    passed_exchange_goes_to_the_replacement_queue,
    failed_inspection_queues_the_return_and_closes_once_shipped,
);

async fn passed_exchange_goes_to_the_replacement_queue(db: TestDatabase) {
    let h = Harness::start(db).await;
    let id = h
        .open(Application {
            kind: TicketKind::Exchange,
            ..Application::default()
        })
        .await;
    h.inspect(id, 2).await;
    h.run().await;
    let state = h.state(id).await;
    assert_eq!(state.assignee.as_deref(), Some("warehouse:replacements"));
    assert!(state.allows(CommandKind::ShipReplacement));
    assert!(state.refunds.is_empty(), "an exchange is not refunded");
    assert_eq!(h.by_system(id, "TicketAssigned").await.len(), 1);
    // What happens once it ships: auto_close.rs.
}

async fn failed_inspection_queues_the_return_and_closes_once_shipped(db: TestDatabase) {
    let h = Harness::start(db).await;
    let id = h.open(Application::default()).await;
    h.inspect(id, 0).await;
    h.run().await;
    let state = h.state(id).await;
    assert_eq!(
        state.assignee.as_deref(),
        Some("warehouse:returns_to_customer")
    );
    assert!(state.refunds.is_empty());

    let at = h.clock_now();
    h.act(
        id,
        "warehouse",
        Command::ReturnGoodsToCustomer(ReturnGoodsToCustomer {
            carrier: "SF".into(),
            tracking_number: "SF300".into(),
            at,
        }),
    )
    .await;
    h.run().await;
    let state = h.state(id).await;
    assert_eq!(state.status, TicketStatus::Closed);
    assert_eq!(state.resolution, Some(Resolution::RejectedAfterInspection));
    assert_eq!(h.by_system(id, "TicketClosed").await.len(), 1);
}
