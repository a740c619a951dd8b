//! Records of the kinds beyond refund, return and exchange become tickets of
//! their kind through the real import, on both backends: price protection
//! states its difference and is refunded by the platform; a reship the
//! platform says arrived closes; a repair's return parcel is registered.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{TimeZone, Utc};
use returns_domain::command::ShipReshipment;
use returns_domain::ticket::ReceiptBy;
use returns_domain::{Command, CommandKind, Resolution, TicketKind, TicketStatus};
use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{contract_tests, EventStore, Metadata};
use returns_intake::{import_one, ImportAction, Mappings};
use returns_tickets::Tickets;
use serde_json::{json, Value};

mod common;
use common::{fixture, meta, store};

fn douyin(kind: i64, status: i64, version: i64) -> Value {
    let mut record = fixture("douyin_return");
    record["aftersale_type"] = json!(kind);
    record["aftersale_status"] = json!(status);
    record["update_time"] = json!(version);
    record
}

async fn import(
    store: &EventStore,
    platform: &str,
    record: &Value,
) -> returns_intake::ImportOutcome {
    import_one(
        &Tickets::plaintext(store.clone()),
        &Mappings::builtin().unwrap(),
        platform,
        record,
        meta(),
    )
    .await
    .unwrap()
}

contract_tests!(
    douyin_price_protection_states_the_difference_and_the_platform_refunds_it,
    taobao_price_protection_opens_with_its_difference,
    douyin_reship_received_on_the_platform_closes_the_ticket,
    kuaishou_reship_and_repair_open_tickets_of_their_kind,
);

async fn douyin_price_protection_states_the_difference_and_the_platform_refunds_it(
    db: TestDatabase,
) {
    let store = store(&db).await;
    let opened = import(&store, "douyin", &douyin(6, 6, 1_763_618_580)).await;
    assert_eq!(
        opened.action,
        ImportAction::Created {
            commands: vec![CommandKind::OpenTicket, CommandKind::StatePriceDifference]
        }
    );
    assert_eq!(opened.state.kind(), Some(TicketKind::PriceProtection));
    assert_eq!(opened.state.status, TicketStatus::Applied);
    let difference = opened.state.price_difference.clone().unwrap();
    assert_eq!(difference.amount.amount_minor, 11_980);
    // 12 succeeded: the platform approved and paid the difference.
    let paid = import(&store, "douyin", &douyin(6, 12, 1_763_700_000)).await;
    assert_eq!(
        paid.action,
        ImportAction::Updated {
            commands: vec![
                CommandKind::RecordPlatformApproval,
                CommandKind::RecordPlatformRefund,
                // The platform's clock for the new step (status_deadline).
                CommandKind::RecordPlatformDeadline
            ]
        }
    );
    assert_eq!(paid.state.status, TicketStatus::Refunded);
    assert_eq!(paid.state.refunded_minor(), 11_980);
    assert_eq!(paid.state.return_shipment, None, "money only");
}

async fn taobao_price_protection_opens_with_its_difference(db: TestDatabase) {
    let store = store(&db).await;
    let mut record = fixture("taobao_refund_only");
    record["special_refund_type"] = json!("priceProtect");
    let opened = import(&store, "taobao", &record).await;
    assert_eq!(opened.state.kind(), Some(TicketKind::PriceProtection));
    assert_eq!(
        opened
            .state
            .price_difference
            .as_ref()
            .map(|d| d.amount.amount_minor),
        Some(1_990)
    );
    // What was paid for the line is the trade's total, above the difference.
    assert_eq!(opened.state.paid_minor(), 5_970);
}

async fn douyin_reship_received_on_the_platform_closes_the_ticket(db: TestDatabase) {
    let store = store(&db).await;
    // 8: awaiting the seller's shipment: the platform approved.
    let opened = import(&store, "douyin", &douyin(7, 8, 1_763_618_580)).await;
    assert_eq!(opened.state.kind(), Some(TicketKind::Reship));
    assert_eq!(opened.state.status, TicketStatus::Approved);
    // The warehouse ships the part.
    let at = Utc.with_ymd_and_hms(2025, 11, 21, 8, 0, 0).unwrap();
    Tickets::plaintext(store.clone())
        .execute(
            opened.ticket_id.into(),
            None,
            &Command::ShipReshipment(ShipReshipment {
                carrier: "ZTO".into(),
                tracking_number: "ZT7700001".into(),
                contents: "1 x T-shirt".into(),
                at,
            }),
            Metadata::new("wang", "warehouse"),
        )
        .await
        .unwrap();
    // 14: the buyer received it, on the platform's word.
    let received = import(&store, "douyin", &douyin(7, 14, 1_763_800_000)).await;
    assert_eq!(
        received.action,
        ImportAction::Updated {
            commands: vec![
                CommandKind::ConfirmReshipmentReceived,
                // The buyer's receipt shows our reshipment's waybill reached Douyin.
                CommandKind::RecordPlatformConfirmation
            ]
        }
    );
    assert!(received
        .state
        .platform_actions
        .iter()
        .all(|a| a.confirmed.is_some()));
    assert_eq!(received.state.status, TicketStatus::Closed);
    assert_eq!(received.state.resolution, Some(Resolution::Reshipped));
    assert_eq!(
        received.state.reshipment.and_then(|r| r.received_by),
        Some(ReceiptBy::Platform)
    );
}

async fn kuaishou_reship_and_repair_open_tickets_of_their_kind(db: TestDatabase) {
    let store = store(&db).await;
    for (code, kind, id) in [
        (4, TicketKind::Reship, 2_100_123_456_701_i64),
        (5, TicketKind::Repair, 2_100_123_456_702),
    ] {
        let mut record = fixture("kuaishou_return");
        record["handlingWay"] = json!(code);
        record["refundId"] = json!(id);
        let opened = import(&store, "kuaishou", &record).await;
        assert!(matches!(opened.action, ImportAction::Created { .. }));
        assert_eq!(opened.state.kind(), Some(kind), "handlingWay {code}");
        assert_eq!(opened.state.status, TicketStatus::Applied);
    }
}
