//! Auto close: a settled ticket (refunded, replacement shipped, nothing left
//! to refund or send back) is closed with the resolution that fits, per
//! channel policy.

use returns_domain::command::{ReturnGoodsToCustomer, ShipReplacement};
use returns_domain::{Command, Resolution, TicketKind, TicketStatus};
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use returns_workflows::policies::DEFAULT_POLICY_FILE;
use returns_workflows::Policies;
use uuid::Uuid;

use super::helpers::{Application, Harness};

contract_tests!(
    settled_tickets_are_closed_by_the_engine,
    goods_still_owed_to_the_customer_keep_a_settled_ticket_open,
);

/// The shipped policies plus a channel whose agents close tickets themselves.
fn policies_with_manual_close_channel() -> Policies {
    let text = DEFAULT_POLICY_FILE.to_owned()
        + "\n[channels.wholesale]\nauto_close_when_settled = false\n";
    Policies::from_toml_str(&text).unwrap()
}

async fn ship_replacement(h: &Harness, id: Uuid) {
    let at = h.clock_now();
    h.act(
        id,
        "warehouse",
        Command::ShipReplacement(ShipReplacement {
            carrier: "SF".into(),
            tracking_number: "SF200".into(),
            at,
        }),
    )
    .await;
}

async fn settled_tickets_are_closed_by_the_engine(db: TestDatabase) {
    let h = Harness::with_policies(db, policies_with_manual_close_channel()).await;
    let exchange = |channel| Application {
        kind: TicketKind::Exchange,
        channel,
        ..Application::default()
    };
    let refund = |channel| Application {
        channel,
        ..Application::default()
    };
    let refunded = h.open(refund("manual")).await;
    let exchanged = h.open(exchange("manual")).await;
    let refunded_by_hand = h.open(refund("wholesale")).await;
    let exchanged_by_hand = h.open(exchange("wholesale")).await;
    for id in [refunded, exchanged, refunded_by_hand, exchanged_by_hand] {
        h.inspect(id, 2).await;
    }
    h.run().await;
    for id in [exchanged, exchanged_by_hand] {
        ship_replacement(&h, id).await;
    }
    h.run().await;

    for (id, resolution) in [
        (refunded, Resolution::Refunded),
        (exchanged, Resolution::Exchanged),
    ] {
        let state = h.state(id).await;
        assert_eq!(state.status, TicketStatus::Closed);
        assert_eq!(state.resolution, Some(resolution));
        let closes = h.by_system(id, "TicketClosed").await;
        assert_eq!(closes.len(), 1);
        assert_eq!(
            closes[0].metadata.source.as_deref(),
            Some("workflow:auto_close")
        );
        // Caused by the event that settled the ticket.
        let history = h.history(id).await;
        let settling = history
            .iter()
            .rev()
            .find(|e| ["RefundIssued", "ReplacementShipped"].contains(&e.event_type.as_str()))
            .unwrap();
        assert_eq!(closes[0].metadata.causation_id, Some(settling.event_id));
    }

    // The channel's policy leaves settled tickets to its agents.
    assert_eq!(
        h.state(refunded_by_hand).await.status,
        TicketStatus::Refunded
    );
    assert_eq!(
        h.state(exchanged_by_hand).await.status,
        TicketStatus::ReplacementShipped
    );
    for id in [refunded_by_hand, exchanged_by_hand] {
        assert_eq!(h.count(id, "TicketClosed").await, 0);
    }
}

async fn goods_still_owed_to_the_customer_keep_a_settled_ticket_open(db: TestDatabase) {
    let h = Harness::start(db).await;
    let refunded = h.open(Application::default()).await;
    let exchanged = h
        .open(Application {
            kind: TicketKind::Exchange,
            ..Application::default()
        })
        .await;
    // One unit of two accepted: the other goes back to the customer.
    for id in [refunded, exchanged] {
        h.inspect(id, 1).await;
    }
    h.run().await;
    ship_replacement(&h, exchanged).await;
    h.run().await;
    let state = h.state(refunded).await;
    assert!(state.all_refunds_issued());
    assert_eq!(state.status, TicketStatus::Refunded);
    assert_eq!(
        h.state(exchanged).await.status,
        TicketStatus::ReplacementShipped
    );

    for id in [refunded, exchanged] {
        assert_eq!(h.count(id, "TicketClosed").await, 0, "goods still owed");
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
    }
    h.run().await;
    assert_eq!(
        h.state(refunded).await.resolution,
        Some(Resolution::Refunded)
    );
    assert_eq!(
        h.state(exchanged).await.resolution,
        Some(Resolution::Exchanged)
    );
}
