//! Intake follows the platform's truth (issue 14), on both backends: no
//! application is lost for a secondary field, a ticket behind the platform
//! is brought there step by step, a contradiction becomes a conflict for a
//! person, and versions converge whatever order they arrive in.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use returns_domain::command::{PlatformSyncIssueKind, ReceiveReturn};
use returns_domain::ticket::{PackageCondition, ReceivedLine};
use returns_domain::{Command, CommandKind, TicketState, TicketStatus};
use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{contract_tests, Metadata};
use returns_intake::{import_one, ImportAction, Mappings};
use returns_tickets::{self as ticket, stream_id, Tickets};
use serde_json::{json, Value};

mod common;
use common::{fixture, meta, store};

fn douyin(status: i64, version: i64) -> Value {
    let mut p = fixture("douyin_return");
    p["aftersale_status"] = json!(status);
    p["update_time"] = json!(version);
    p
}

fn with_tracking(mut p: Value) -> Value {
    p["return_logistics_company_name"] = json!("顺丰速运");
    p["return_logistics_code"] = json!("SF1400012345678");
    p
}

contract_tests!(
    douyin_buyer_shipped_without_logistics_opens_and_waits_for_them,
    kuaishou_exports_without_undocumented_fields_open_tickets,
    an_unknown_status_code_opens_the_ticket_with_a_warning,
    a_platform_refund_is_recorded_as_paid_by_the_platform,
    taobao_refunds_are_what_went_back_to_the_buyer,
    a_platform_refund_beyond_what_was_paid_is_a_conflict,
    documented_statuses_the_platform_decided_move_the_ticket_or_flag_it,
    arbitration_is_a_state_of_the_ticket_with_the_platforms_deadline,
    custom_fields_the_newest_version_no_longer_carries_are_dropped,
    a_contradiction_is_recorded_as_a_conflict_and_nothing_is_forced,
    only_lines_that_cannot_be_a_ticket_are_rejected,
    versions_in_any_order_converge_to_the_same_ticket,
    a_later_version_corrects_the_waybill_and_the_buyers_contact,
    a_newer_record_confirms_the_platform_actions_its_status_shows_done,
    a_newer_record_contradicting_an_action_reported_done_is_a_conflict,
);

async fn douyin_buyer_shipped_without_logistics_opens_and_waits_for_them(db: TestDatabase) {
    let store = store(&db).await;
    let mappings = Mappings::builtin().unwrap();
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "douyin",
        &douyin(11, 100),
        meta(),
    )
    .await
    .unwrap();
    // Approved (the platform did), the shipment waits for its fields.
    assert_eq!(
        outcome.action,
        ImportAction::Created {
            commands: vec![
                CommandKind::OpenTicket,
                CommandKind::RecordPlatformApproval,
                CommandKind::RecordPlatformDeadline,
                CommandKind::RecordPlatformSyncIssue
            ]
        }
    );
    assert_eq!(outcome.state.status, TicketStatus::Approved);
    let fields: Vec<&str> = outcome.warnings.iter().map(|w| w.field.as_str()).collect();
    assert_eq!(
        fields,
        vec![
            "sync.RegisterReturnShipment.carrier",
            "sync.RegisterReturnShipment.tracking_number"
        ]
    );
    let sync = outcome.state.platform_sync.clone().unwrap();
    assert_eq!(sync.issue, PlatformSyncIssueKind::Pending);
    assert_eq!(sync.platform_status.as_deref(), Some("return_shipped"));
    assert_eq!(sync.details.len(), 2);
    // The platform's clock for this step is on the ticket for the timer.
    let deadline = outcome.state.platform_deadline.clone().unwrap();
    assert_eq!(deadline.platform_status.as_deref(), Some("return_shipped"));
    assert_eq!(deadline.due_at.timestamp(), 1_763_791_380);
    // The next version brings the logistics: the shipment is registered and
    // the pending issue settled.
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "douyin",
        &with_tracking(douyin(11, 200)),
        meta(),
    )
    .await
    .unwrap();
    assert_eq!(
        outcome.action,
        ImportAction::Updated {
            commands: vec![
                CommandKind::RegisterReturnShipment,
                CommandKind::ResolvePlatformSync
            ]
        }
    );
    assert_eq!(outcome.state.status, TicketStatus::ReturnShipped);
    assert_eq!(outcome.state.platform_sync, None);
}

async fn kuaishou_exports_without_undocumented_fields_open_tickets(db: TestDatabase) {
    let store = store(&db).await;
    let mappings = Mappings::builtin().unwrap();
    let mut payload = fixture("kuaishou_return");
    for field in [
        "buyerId",
        "skuId",
        "relSkuId",
        "num",
        "itemTitle",
        "refundReasonDesc",
    ] {
        payload.as_object_mut().unwrap().remove(field);
    }
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "kuaishou",
        &payload,
        meta(),
    )
    .await
    .unwrap();
    assert!(matches!(outcome.action, ImportAction::Created { .. }));
    assert!(outcome.warnings.is_empty(), "{:?}", outcome.warnings);
    let info = outcome.state.info.clone().unwrap();
    assert_eq!(info.customer, "kuaishou buyer");
    assert_eq!(info.reason_code, "other");
    let line = &outcome.state.lines[0].line;
    assert_eq!(
        line.line_id, "2100123456789-1",
        "derived from key and position"
    );
    assert_eq!(line.sku, "unknown");
    assert_eq!((line.qty, line.paid.amount_minor), (1, 19_900));
    // The derived id is stable: the same record meets the same line.
    payload["refundVersion"] = json!(1_763_618_590_000_i64);
    payload["negotiateStatus"] = json!(2);
    let again = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "kuaishou",
        &payload,
        meta(),
    )
    .await
    .unwrap();
    assert_eq!(again.state.lines[0].line.line_id, "2100123456789-1");
}

async fn an_unknown_status_code_opens_the_ticket_with_a_warning(db: TestDatabase) {
    let store = store(&db).await;
    let mappings = Mappings::builtin().unwrap();
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "douyin",
        &douyin(99, 100),
        meta(),
    )
    .await
    .unwrap();
    assert_eq!(outcome.state.status, TicketStatus::Applied);
    assert_eq!(outcome.warnings[0].field, "status");
    assert_eq!(outcome.warnings[0].found, "\"99\"");
    let sync = outcome.state.platform_sync.unwrap();
    assert!(sync.details[0].contains("status"), "{sync:?}");
}

async fn a_platform_refund_is_recorded_as_paid_by_the_platform(db: TestDatabase) {
    let store = store(&db).await;
    let mappings = Mappings::builtin().unwrap();
    let mut payload = fixture("taobao_refund_only");
    payload["status"] = json!("SUCCESS");
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "taobao",
        &payload,
        meta(),
    )
    .await
    .unwrap();
    assert_eq!(
        outcome.action,
        ImportAction::Created {
            commands: vec![
                CommandKind::OpenTicket,
                CommandKind::RecordPlatformApproval,
                CommandKind::RecordPlatformRefund
            ]
        }
    );
    assert_eq!(outcome.state.status, TicketStatus::Refunded);
    // `refund_fee` is what went back to the buyer, `total_fee` what was paid.
    let paid: i64 = outcome
        .state
        .lines
        .iter()
        .map(|l| l.line.paid.amount_minor)
        .sum();
    assert_eq!(paid, 5_970);
    assert_eq!(outcome.state.refunded_minor(), 1_990);
    let events = store
        .read_stream(&stream_id(outcome.ticket_id), 0)
        .await
        .unwrap();
    let issued = events
        .iter()
        .find(|e| e.event_type == "RefundIssued")
        .unwrap();
    assert_eq!(issued.payload["payer"], json!("taobao"));
    assert_eq!(issued.metadata.actor, "platform:taobao");
    assert!(
        !events.iter().any(|e| e.event_type == "RefundRequested"),
        "nothing for our gateway to pay"
    );
    // Importing a newer version of the same state pays nothing twice.
    payload["refund_version"] = json!(payload["refund_version"].as_i64().unwrap() + 1);
    let again = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "taobao",
        &payload,
        meta(),
    )
    .await
    .unwrap();
    assert_eq!(again.state.refunds.len(), 1);
}

fn taobao_refund(id: &str, total: &str, refund: &str, payment: &str) -> Value {
    let mut p = fixture("taobao_return");
    p["refund_id"] = json!(id);
    p["total_fee"] = json!(total);
    p["refund_fee"] = json!(refund);
    p["payment"] = json!(payment);
    p["status"] = json!("SUCCESS");
    p
}

async fn taobao_refunds_are_what_went_back_to_the_buyer(db: TestDatabase) {
    let store = store(&db).await;
    let mappings = Mappings::builtin().unwrap();
    // A 50.00 partial refund on a 199.00 item: 50.00 refunded, not 149.00.
    let partial = taobao_refund("TB-PARTIAL", "199.00", "50.00", "149.00");
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "taobao",
        &partial,
        meta(),
    )
    .await
    .unwrap();
    assert_eq!(outcome.state.lines[0].line.paid.amount_minor, 19_900);
    assert_eq!(outcome.state.refunded_minor(), 5_000);
    assert_eq!(outcome.state.status, TicketStatus::Refunded);
    // A full refund: the seller keeps 0.00, the buyer gets 199.00 back.
    let full = taobao_refund("TB-FULL", "199.00", "199.00", "0.00");
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "taobao",
        &full,
        meta(),
    )
    .await
    .unwrap();
    assert_eq!(outcome.state.lines[0].line.paid.amount_minor, 19_900);
    assert_eq!(outcome.state.refunded_minor(), 19_900);
    assert_eq!(outcome.state.status, TicketStatus::Refunded);
    assert!(outcome.state.platform_sync.is_none());
}

async fn a_platform_refund_beyond_what_was_paid_is_a_conflict(db: TestDatabase) {
    let store = store(&db).await;
    let mappings = Mappings::builtin().unwrap();
    let mut over = taobao_refund("TB-OVER", "199.00", "250.00", "0.00");
    over["status"] = json!("WAIT_SELLER_AGREE");
    let opened = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "taobao",
        &over,
        meta(),
    )
    .await
    .unwrap();
    over["status"] = json!("SUCCESS");
    over["refund_version"] = json!(opened.state.info.as_ref().map(|_| 1_763_618_590_000_i64));
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "taobao",
        &over,
        meta(),
    )
    .await
    .unwrap();
    // Never more than was paid, and a person sees the mismatch.
    assert_eq!(outcome.state.refunded_minor(), 19_900);
    let sync = outcome.state.platform_sync.clone().unwrap();
    assert_eq!(sync.issue, PlatformSyncIssueKind::Conflict);
    assert!(sync.details[0].contains("25000"), "{sync:?}");
    assert!(sync.details[0].contains("19900"), "{sync:?}");
}

async fn documented_statuses_the_platform_decided_move_the_ticket_or_flag_it(db: TestDatabase) {
    let store = store(&db).await;
    let mappings = Mappings::builtin().unwrap();
    // Douyin 29: the return came back and was refused. The ticket catches up
    // to the parcel, and a person sees the refusal.
    let mut refused = with_tracking(douyin(29, 100));
    refused["aftersale_id"] = json!("DY-29");
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "douyin",
        &refused,
        meta(),
    )
    .await
    .unwrap();
    assert_eq!(outcome.state.status, TicketStatus::ReturnShipped);
    let sync = outcome.state.platform_sync.clone().unwrap();
    assert_eq!(sync.issue, PlatformSyncIssueKind::Conflict);
    assert!(
        sync.details.iter().any(|d| d.contains("Douyin 29")),
        "{sync:?}"
    );
    // Douyin 53: the reverse transaction completed; the refund was paid.
    let mut completed = douyin(53, 100);
    completed["aftersale_id"] = json!("DY-53");
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "douyin",
        &completed,
        meta(),
    )
    .await
    .unwrap();
    assert_eq!(outcome.state.status, TicketStatus::Refunded);
    // Kuaishou 22: the platform confirmed the return and refund.
    let mut confirmed = fixture("kuaishou_return");
    confirmed["status"] = json!(22);
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "kuaishou",
        &confirmed,
        meta(),
    )
    .await
    .unwrap();
    assert_eq!(outcome.state.status, TicketStatus::Approved);
    // Kuaishou 20: the platform is intervening: a person sees it at once.
    let mut intervening = fixture("kuaishou_return");
    intervening["refundId"] = json!(2100123456790_i64);
    intervening["status"] = json!(20);
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "kuaishou",
        &intervening,
        meta(),
    )
    .await
    .unwrap();
    let arbitration = outcome.state.arbitration.clone().unwrap();
    assert!(arbitration.open);
    assert!(arbitration.due_at.is_some(), "the platform's deadline");
}

async fn arbitration_is_a_state_of_the_ticket_with_the_platforms_deadline(db: TestDatabase) {
    use returns_domain::event::ArbitrationOutcome;
    let store = store(&db).await;
    let mappings = Mappings::builtin().unwrap();
    // Douyin arbitrate_status 1: the platform arbitrates until status_deadline.
    let mut arbitrating = with_tracking(douyin(11, 100));
    arbitrating["arbitrate_status"] = json!(1);
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "douyin",
        &arbitrating,
        meta(),
    )
    .await
    .unwrap();
    let open = outcome.state.arbitration.clone().unwrap();
    assert!(open.open);
    assert_eq!(
        open.due_at.map(|d| d.timestamp()),
        arbitrating["status_deadline"].as_i64()
    );
    // 2: decided for the buyer.
    let mut decided = arbitrating.clone();
    decided["arbitrate_status"] = json!(2);
    decided["update_time"] = json!(200);
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "douyin",
        &decided,
        meta(),
    )
    .await
    .unwrap();
    let arbitration = outcome.state.arbitration.clone().unwrap();
    assert!(!arbitration.open);
    assert_eq!(arbitration.outcome, Some(ArbitrationOutcome::ForBuyer));
    // The same record again adds nothing.
    let again = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "douyin",
        &decided,
        meta(),
    )
    .await
    .unwrap();
    assert_eq!(again.version, outcome.version);

    // Taobao cs_status 3 opens it; 6 with SUCCESS is decided for the buyer.
    let mut taobao = fixture("taobao_return");
    taobao["cs_status"] = json!(3);
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "taobao",
        &taobao,
        meta(),
    )
    .await
    .unwrap();
    assert!(outcome.state.arbitration.clone().unwrap().open);
    taobao["cs_status"] = json!(6);
    taobao["status"] = json!("SUCCESS");
    taobao["refund_version"] = json!(taobao["refund_version"].as_i64().unwrap() + 1);
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "taobao",
        &taobao,
        meta(),
    )
    .await
    .unwrap();
    assert_eq!(
        outcome.state.arbitration.clone().unwrap().outcome,
        Some(ArbitrationOutcome::ForBuyer)
    );
    assert_eq!(outcome.state.status, TicketStatus::Refunded);

    // Every documented value: Taobao 10 (evidence being given) and 11
    // (appeal open) keep it open, 8 and 9 decide it; Douyin 4 (waiting for
    // the seller's evidence) and 5 (negotiation period) keep it open.
    for (platform, field, open_value, decided_value, outcome) in [
        (
            "taobao_return",
            "cs_status",
            10,
            8,
            ArbitrationOutcome::ForBuyer,
        ),
        (
            "taobao_return",
            "cs_status",
            11,
            9,
            ArbitrationOutcome::ForSeller,
        ),
        (
            "douyin_return",
            "arbitrate_status",
            4,
            3,
            ArbitrationOutcome::ForSeller,
        ),
        (
            "douyin_return",
            "arbitrate_status",
            5,
            2,
            ArbitrationOutcome::ForBuyer,
        ),
    ] {
        let mut record = fixture(platform);
        let (id, version) = if platform.starts_with("taobao") {
            ("refund_id", "refund_version")
        } else {
            ("aftersale_id", "update_time")
        };
        record[id] = json!(format!(
            "9{open_value}{decided_value}{}",
            record[id].as_str().unwrap_or("1")
        ));
        record[field] = json!(open_value);
        let name = platform.split('_').next().unwrap();
        let opened = import_one(
            &Tickets::plaintext(store.clone()),
            &mappings,
            name,
            &record,
            meta(),
        )
        .await
        .unwrap();
        assert!(
            opened.state.arbitration.clone().unwrap().open,
            "{platform} {field} {open_value}"
        );
        record[field] = json!(decided_value);
        record[version] = json!(record[version].as_i64().unwrap() + 1);
        let decided = import_one(
            &Tickets::plaintext(store.clone()),
            &mappings,
            name,
            &record,
            meta(),
        )
        .await
        .unwrap();
        let arbitration = decided.state.arbitration.clone().unwrap();
        assert!(!arbitration.open, "{platform} {field} {decided_value}");
        assert_eq!(
            arbitration.outcome,
            Some(outcome),
            "{platform} {field} {decided_value}"
        );
    }

    // Kuaishou 21 opens it; the case then refunded is decided for the buyer.
    let mut kuaishou = fixture("kuaishou_return");
    kuaishou["status"] = json!(21);
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "kuaishou",
        &kuaishou,
        meta(),
    )
    .await
    .unwrap();
    assert!(outcome.state.arbitration.clone().unwrap().open);
    kuaishou["status"] = json!(60);
    kuaishou["refundVersion"] = json!(kuaishou["refundVersion"].as_i64().unwrap() + 1);
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "kuaishou",
        &kuaishou,
        meta(),
    )
    .await
    .unwrap();
    assert_eq!(
        outcome.state.arbitration.clone().unwrap().outcome,
        Some(ArbitrationOutcome::ForBuyer)
    );
}

async fn custom_fields_the_newest_version_no_longer_carries_are_dropped(db: TestDatabase) {
    let store = store(&db).await;
    let mappings = Mappings::builtin().unwrap();
    let first = douyin(6, 100);
    let mut newer = douyin(7, 200);
    newer.as_object_mut().unwrap().remove("status_deadline");
    // In order: the older deadline is dropped by the newer version.
    let mut a = first.clone();
    a["aftersale_id"] = json!("DROP-A");
    let mut b = newer.clone();
    b["aftersale_id"] = json!("DROP-A");
    import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "douyin",
        &a,
        meta(),
    )
    .await
    .unwrap();
    let in_order = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "douyin",
        &b,
        meta(),
    )
    .await
    .unwrap();
    assert!(!in_order
        .state
        .custom_fields
        .contains_key("platform_deadline"));
    // Newest first: the older version changes nothing; the same fields.
    a["aftersale_id"] = json!("DROP-B");
    b["aftersale_id"] = json!("DROP-B");
    import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "douyin",
        &b,
        meta(),
    )
    .await
    .unwrap();
    let shuffled = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "douyin",
        &a,
        meta(),
    )
    .await
    .unwrap();
    assert_eq!(shuffled.state.custom_fields, in_order.state.custom_fields);
}

async fn a_contradiction_is_recorded_as_a_conflict_and_nothing_is_forced(db: TestDatabase) {
    let store = store(&db).await;
    let mappings = Mappings::builtin().unwrap();
    let opened = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "douyin",
        &with_tracking(douyin(11, 100)),
        meta(),
    )
    .await
    .unwrap();
    // The warehouse receives the parcel.
    let at = opened.state.info.as_ref().unwrap().opened_at + chrono::Duration::days(2);
    Tickets::plaintext(store.clone())
        .execute(
            opened.ticket_id.into(),
            None,
            &Command::ReceiveReturn(ReceiveReturn {
                lines: vec![ReceivedLine {
                    line_id: opened.state.lines[0].line.line_id.clone(),
                    qty: 2,
                }],
                package_condition: PackageCondition::Intact,
                at,
            }),
            Metadata::new("wh", "warehouse"),
        )
        .await
        .unwrap();
    // Then the platform says the application was refused.
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "douyin",
        &douyin(27, 200),
        meta(),
    )
    .await
    .unwrap();
    assert_eq!(
        outcome.state.status,
        TicketStatus::Received,
        "nothing forced"
    );
    let sync = outcome.state.platform_sync.clone().unwrap();
    assert_eq!(sync.issue, PlatformSyncIssueKind::Conflict);
    assert!(sync.details[0].contains("refused"), "{sync:?}");
    assert!(sync.details[0].contains("received"), "{sync:?}");
    assert!(outcome.notes.iter().any(|n| n.starts_with("conflict:")));
    // Customer service sees it: ResolvePlatformSync is their step.
    assert!(outcome.state.allows(CommandKind::ResolvePlatformSync));
}

async fn only_lines_that_cannot_be_a_ticket_are_rejected(db: TestDatabase) {
    let store = store(&db).await;
    let mapping = Mappings::builtin().unwrap().get("douyin").unwrap();
    let mut no_key = douyin(6, 100);
    no_key.as_object_mut().unwrap().remove("aftersale_id");
    let mut no_kind = douyin(6, 100);
    no_kind["aftersale_id"] = json!("NOKIND");
    no_kind.as_object_mut().unwrap().remove("aftersale_type");
    let mut sparse = douyin(11, 100);
    sparse["aftersale_id"] = json!("SPARSE");
    for field in [
        "sku_order_id",
        "shop_sku_code",
        "aftersale_num",
        "buyer_nickname",
        "reason_second_labels",
    ] {
        sparse.as_object_mut().unwrap().remove(field);
    }
    let input = [
        "{not json".to_owned(),
        no_key.to_string(),
        no_kind.to_string(),
        sparse.to_string(),
    ]
    .join("\n");
    let mut rejects = Vec::new();
    let summary = returns_intake::import_jsonl(
        &Tickets::plaintext(store.clone()),
        mapping,
        meta(),
        input.as_bytes(),
        &mut rejects,
        returns_intake::BulkOptions::default(),
        |_| {},
    )
    .await
    .unwrap();
    assert_eq!((summary.created, summary.rejected), (1, 3));
    assert_eq!(summary.warned, 1);
    let rejects: Vec<Value> = String::from_utf8(rejects)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let reasons: Vec<&str> = rejects
        .iter()
        .map(|r| r["errors"][0]["field"].as_str().unwrap())
        .collect();
    assert_eq!(reasons, vec!["payload", "key", "ticket.kind"]);
    assert!(rejects
        .iter()
        .all(|r| !r["error"].as_str().unwrap().is_empty()));
}

/// What two tickets of the same record history must agree on (ids and
/// event times aside): status, amounts, the return parcel, custom fields,
/// arbitration, flags and the contact.
fn view(state: &TicketState) -> Value {
    json!({
        "status": state.status,
        "lines": state.lines.iter().map(|l| (&l.line.line_id, &l.line.sku, l.line.qty, l.line.paid.amount_minor)).collect::<Vec<_>>(),
        "custom_fields": state.custom_fields,
        "shipment": state.return_shipment,
        "refunds": state.refunds.iter().map(|r| (r.amount.amount_minor, r.status)).collect::<Vec<_>>(),
        "refundable": state.refundable_minor,
        "rejection": state.rejection_reason,
        "cancel": state.cancel_reason,
        "sync": state.platform_sync.as_ref().map(|s| (s.issue, &s.details, s.platform_version, &s.platform_status)),
        "review_deadline": state.review_deadline,
        // Whether the platform intervenes and how it decided (the deadline
        // an intervention ran to is history only an older version can tell).
        "arbitration": state.arbitration.as_ref().map(|a| (a.open, a.outcome)),
        "contact": state.info.as_ref().map(|i| (&i.customer_phone, &i.customer_address)),
    })
}

/// One version of a record in the model: the platform's status code, the
/// return waybill it names (if any), its intervention code (Douyin
/// `arbitrate_status`, Taobao `cs_status`; Kuaishou states it in `status`),
/// and whether it carries the platform's deadline.
#[derive(Debug, Clone, Copy)]
struct Step {
    status: &'static str,
    waybill: Option<&'static str>,
    intervention: i64,
    deadline: bool,
}

const fn step(status: &'static str, waybill: Option<&'static str>, intervention: i64) -> Step {
    Step {
        status,
        waybill,
        intervention,
        deadline: true,
    }
}

/// A record's whole life as the platform documents it (PLATFORMS.md): the
/// platform, the after-sale kind code, and its versions in order.
struct Lifecycle {
    name: &'static str,
    platform: &'static str,
    kind: &'static str,
    steps: Vec<Step>,
}

/// The model of each platform's documented state machine (PLATFORMS.md):
/// Douyin `aftersale_status` with `arbitrate_status`, Taobao `status` with
/// `cs_status`, Kuaishou `status` (20/21/23 intervening, 22 confirmed for
/// the buyer). The deadline is dropped by some versions, so a custom field
/// an older version filled must go when the newest lacks it.
fn lifecycles() -> Vec<Lifecycle> {
    let no_deadline = |mut s: Step| {
        s.deadline = false;
        s
    };
    vec![
        Lifecycle {
            name: "douyin return, waybill corrected, refunded",
            platform: "douyin",
            kind: "0",
            steps: vec![
                step("6", None, 0),
                step("7", None, 0),
                no_deadline(step("11", None, 0)),
                step("11", Some("SF1400000000001"), 0),
                step("11", Some("SF1400000000002"), 0),
                no_deadline(step("12", Some("SF1400000000002"), 0)),
            ],
        },
        Lifecycle {
            name: "douyin refused, platform arbitrates for the buyer, refunded",
            platform: "douyin",
            kind: "1",
            steps: vec![
                step("6", None, 0),
                step("27", None, 0),
                step("27", None, 1),
                no_deadline(step("12", None, 2)),
            ],
        },
        Lifecycle {
            name: "douyin exchange shipped and received",
            platform: "douyin",
            kind: "3",
            steps: vec![
                step("6", None, 0),
                step("7", None, 0),
                step("11", Some("SF1400000000003"), 0),
                step("13", Some("SF1400000000003"), 0),
                no_deadline(step("14", Some("SF1400000000003"), 0)),
            ],
        },
        Lifecycle {
            name: "douyin return arbitrated for the seller, refused after receipt",
            platform: "douyin",
            kind: "0",
            steps: vec![
                step("6", None, 0),
                step("7", None, 0),
                step("11", Some("SF1400000000004"), 0),
                step("11", Some("SF1400000000004"), 1),
                no_deadline(step("29", Some("SF1400000000004"), 3)),
            ],
        },
        Lifecycle {
            name: "douyin withdrawn by the buyer",
            platform: "douyin",
            kind: "0",
            steps: vec![step("6", None, 0), step("7", None, 0), step("28", None, 0)],
        },
        Lifecycle {
            name: "taobao return, sid corrected, refunded",
            platform: "taobao",
            kind: "return_bill",
            steps: vec![
                step("WAIT_SELLER_AGREE", None, 1),
                step("WAIT_BUYER_RETURN_GOODS", None, 1),
                step("WAIT_SELLER_CONFIRM_GOODS", Some("YT7000000001"), 1),
                no_deadline(step("WAIT_SELLER_CONFIRM_GOODS", Some("YT7000000002"), 1)),
                no_deadline(step("SUCCESS", Some("YT7000000002"), 1)),
            ],
        },
        Lifecycle {
            name: "taobao refused, customer service intervenes, refunded",
            platform: "taobao",
            kind: "refund_bill",
            steps: vec![
                step("WAIT_SELLER_AGREE", None, 1),
                step("SELLER_REFUSE_BUYER", None, 1),
                step("SELLER_REFUSE_BUYER", None, 3),
                no_deadline(step("SUCCESS", None, 6)),
            ],
        },
        Lifecycle {
            name: "taobao exchange",
            platform: "taobao",
            kind: "replace_bill",
            steps: vec![
                step("WAIT_SELLER_AGREE", None, 1),
                step("WAIT_BUYER_RETURN_GOODS", None, 1),
                step("WAIT_SELLER_CONFIRM_GOODS", Some("YT7000000003"), 1),
                no_deadline(step("SUCCESS", Some("YT7000000003"), 1)),
            ],
        },
        Lifecycle {
            name: "taobao closed by the buyer",
            platform: "taobao",
            kind: "return_bill",
            steps: vec![
                step("WAIT_SELLER_AGREE", None, 1),
                no_deadline(step("CLOSED", None, 1)),
            ],
        },
        Lifecycle {
            name: "kuaishou return, express number corrected, refunded",
            platform: "kuaishou",
            kind: "1",
            steps: vec![
                step("11", None, 0),
                step("30", None, 0),
                step("40", Some("7700000001"), 0),
                step("40", Some("7700000002"), 0),
                no_deadline(step("50", Some("7700000002"), 0)),
                no_deadline(step("60", Some("7700000002"), 0)),
            ],
        },
        Lifecycle {
            name: "kuaishou refund-only, platform intervenes and confirms",
            platform: "kuaishou",
            kind: "10",
            steps: vec![
                step("10", None, 0),
                step("20", None, 0),
                step("22", None, 0),
                no_deadline(step("60", None, 0)),
            ],
        },
        Lifecycle {
            name: "kuaishou exchange shipped",
            platform: "kuaishou",
            kind: "3",
            steps: vec![
                step("11", None, 0),
                step("30", None, 0),
                step("40", Some("7700000003"), 0),
                no_deadline(step("45", Some("7700000003"), 0)),
            ],
        },
        Lifecycle {
            name: "kuaishou closed",
            platform: "kuaishou",
            kind: "1",
            steps: vec![step("11", None, 0), step("70", None, 0)],
        },
    ]
}

/// The platform's record `key` at version `i` of `life`, in the platform's
/// own field names (PLATFORMS.md).
fn record(life: &Lifecycle, key: &str, i: usize) -> Value {
    let s = life.steps[i];
    let n = i as i64;
    let (mut p, status_path, deadline_path): (Value, &str, &str) = match life.platform {
        "douyin" => {
            let mut p = fixture("douyin_return");
            p["aftersale_id"] = json!(key);
            p["aftersale_type"] = json!(life.kind.parse::<i64>().unwrap());
            p["update_time"] = json!(1_763_618_580 + n * 600);
            p["arbitrate_status"] = json!(s.intervention);
            if let Some(code) = s.waybill {
                p["return_logistics_company_name"] = json!("顺丰速运");
                p["return_logistics_code"] = json!(code);
            }
            (p, "aftersale_status", "status_deadline")
        }
        "taobao" => {
            let mut p = fixture("taobao_return");
            p["refund_id"] = json!(key);
            p["bill_type"] = json!(life.kind);
            p["refund_version"] = json!(1_763_618_580_123_i64 + n);
            p["cs_status"] = json!(s.intervention);
            if let Some(sid) = s.waybill {
                p["company_name"] = json!("圆通速递");
                p["sid"] = json!(sid);
            }
            (p, "status", "refund_remind_timeout")
        }
        _ => {
            let mut p = fixture("kuaishou_return");
            p["refundId"] = json!(key);
            p["handlingWay"] = json!(life.kind.parse::<i64>().unwrap());
            p["refundVersion"] = json!(1_763_618_580_000_i64 + n);
            p["updateTime"] = json!(1_763_618_580_000_i64 + n * 600_000);
            if let Some(no) = s.waybill {
                p["expressNo"] = json!(no);
                p["expressCode"] = json!(4);
            }
            (p, "status", "expireTime")
        }
    };
    p[status_path] = match s.status.parse::<i64>() {
        Ok(code) => json!(code),
        Err(_) => json!(s.status),
    };
    if !s.deadline {
        p.as_object_mut().unwrap().remove(deadline_path);
    }
    p
}

async fn versions_in_any_order_converge_to_the_same_ticket(db: TestDatabase) {
    let store = store(&db).await;
    let mappings = Mappings::builtin().unwrap();
    let lives = lifecycles();
    // A lifecycle, a subset of its versions (gaps, at least one), and their
    // arrival: in any order, some repeated.
    let count = lives.len();
    let strategy = (
        0..count,
        prop::collection::vec(any::<bool>(), 6),
        prop::collection::vec(0usize..6, 0..4),
    )
        .prop_flat_map(move |(life, keep, repeats)| {
            let len = lifecycles()[life].steps.len();
            let mut versions: Vec<usize> = (0..len).filter(|i| keep[*i]).collect();
            if versions.is_empty() {
                versions.push(len - 1);
            }
            let mut arrivals = versions.clone();
            arrivals.extend(repeats.iter().map(|r| versions[r % versions.len()]));
            (Just(life), Just(versions), Just(arrivals).prop_shuffle())
        });
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        proptest::test_runner::TestRng::deterministic_rng(
            proptest::test_runner::RngAlgorithm::ChaCha,
        ),
    );
    // Every lifecycle once whole and shuffled, then random cases: modest, so
    // the PostgreSQL half stays well under a minute.
    let mut cases: Vec<(usize, Vec<usize>, Vec<usize>)> = (0..count)
        .map(|life| {
            let all: Vec<usize> = (0..lives[life].steps.len()).collect();
            let mut reversed = all.clone();
            reversed.reverse();
            reversed.push(all[all.len() / 2]);
            (life, all, reversed)
        })
        .collect();
    for _ in 0..40 {
        cases.push(strategy.new_tree(&mut runner).unwrap().current());
    }
    for (case, (life, versions, arrivals)) in cases.into_iter().enumerate() {
        let life = &lives[life];
        let tickets = Tickets::plaintext(store.clone());
        let import = |key: String, i: usize| {
            let payload = record(life, &key, i);
            let (tickets, mappings) = (&tickets, &mappings);
            async move {
                import_one(tickets, mappings, life.platform, &payload, meta())
                    .await
                    .unwrap_or_else(|e| panic!("case {case} ({}) v{i}: {e}", life.name))
            }
        };
        // In order, once each: the reference.
        let in_order = format!("ORDERED-{case}");
        for i in &versions {
            import(in_order.clone(), *i).await;
        }
        // Shuffled, repeated: must end the same, and a version delivered
        // again writes nothing.
        let shuffled = format!("SHUFFLED-{case}");
        let mut seen = Vec::new();
        for i in &arrivals {
            let id = returns_intake::ticket_id_for(life.platform, &shuffled);
            let before = ticket::load(&store, id).await.unwrap().version;
            let outcome = import(shuffled.clone(), *i).await;
            if seen.contains(i) {
                assert_eq!(
                    outcome.version, before,
                    "case {case} ({}): version {i} again wrote",
                    life.name
                );
            }
            seen.push(*i);
        }
        let a = ticket::load(
            &store,
            returns_intake::ticket_id_for(life.platform, &in_order),
        )
        .await
        .unwrap();
        let b = ticket::load(
            &store,
            returns_intake::ticket_id_for(life.platform, &shuffled),
        )
        .await
        .unwrap();
        assert_eq!(
            view(&a.state),
            view(&b.state),
            "case {case} ({}): versions={versions:?} arrivals={arrivals:?}",
            life.name
        );
    }
}

/// The Douyin mapping as a merchant extends it with the buyer's contact
/// from its own export (the shipped mappings read none: PLATFORMS.md
/// documents no buyer contact field).
fn douyin_with_contact() -> std::sync::Arc<returns_intake::Mapping> {
    let shipped = Mappings::builtin().unwrap().get("douyin").unwrap();
    let text = shipped.source().replacen(
        "[ticket]\n",
        "[ticket]\ncustomer_phone = { path = \"$.buyer_phone\" }\ncustomer_address = { path = \"$.buyer_address\" }\n",
        1,
    );
    std::sync::Arc::new(returns_intake::Mapping::from_toml("douyin.toml", &text).unwrap())
}

async fn a_later_version_corrects_the_waybill_and_the_buyers_contact(db: TestDatabase) {
    use returns_tickets::privacy::{Access, MasterKey};
    use returns_tickets::TicketSettings;
    let store = store(&db).await;
    let tickets = Tickets::open(
        store.clone(),
        MasterKey::generate(),
        TicketSettings::default(),
    )
    .await
    .unwrap();
    let mapping = douyin_with_contact();
    let version = |update: i64, tracking: &str, phone: &str| {
        let mut p = with_tracking(douyin(11, update));
        p["aftersale_id"] = json!("CORRECTED-1");
        p["return_logistics_code"] = json!(tracking);
        p["buyer_phone"] = json!(phone);
        p["buyer_address"] = json!("上海市浦东新区世纪大道100号");
        p
    };
    let first = version(100, "SF1400000000001", "13800000001");
    let second = version(200, "SF1400000000002", "13800000002");
    // Both versions in one file, end to end through the bulk import.
    let input = format!("{first}\n{second}\n");
    let mut rejects = Vec::new();
    let summary = returns_intake::import_jsonl(
        &tickets,
        mapping.clone(),
        meta(),
        input.as_bytes(),
        &mut rejects,
        returns_intake::BulkOptions::default(),
        |_| {},
    )
    .await
    .unwrap();
    assert_eq!(
        (summary.created, summary.updated, summary.rejected),
        (1, 1, 0)
    );
    let id = returns_intake::ticket_id_for("douyin", "CORRECTED-1");
    let loaded = ticket::load(&store, id).await.unwrap();
    let state = loaded.state;
    assert_eq!(state.status, TicketStatus::ReturnShipped, "the same parcel");
    assert_eq!(
        state.return_shipment.as_ref().unwrap().tracking_number,
        "SF1400000000002",
        "the warehouse scans the corrected number"
    );
    // The corrected contact is stored encrypted under the buyer's key …
    let info = state.info.clone().unwrap();
    assert!(info.customer_phone.as_deref().unwrap().starts_with("$enc:"));
    let keys = tickets.keys().unwrap();
    let opened = keys.open_state(&state, Access::Full).await.unwrap();
    let opened = opened.info.unwrap();
    assert_eq!(opened.customer_phone.as_deref(), Some("13800000002"));
    assert_eq!(
        opened.customer_address.as_deref(),
        Some("上海市浦东新区世纪大道100号"),
        "only what changed is corrected"
    );
    // … and found by the blind index, like a phone given at opening.
    assert_eq!(
        keys.search("13800000002").await.unwrap(),
        vec![stream_id(id)]
    );
    // Recorded as platform facts, once each.
    let events: Vec<String> = store
        .read_stream(&stream_id(id), 0)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.event_type)
        .collect();
    assert_eq!(
        events
            .iter()
            .filter(|t| *t == "ReturnShipmentCorrected" || *t == "CustomerContactCorrected")
            .count(),
        2,
        "{events:?}"
    );
    // Either version again changes nothing: the newer is in, the older is older.
    let mut mappings = Mappings::builtin().unwrap();
    mappings.replace((*mapping).clone());
    for again in [&second, &first] {
        let outcome = import_one(&tickets, &mappings, "douyin", again, meta())
            .await
            .unwrap();
        assert_eq!(outcome.version, loaded.version, "{:?}", outcome.action);
        assert_eq!(
            outcome.state.return_shipment.unwrap().tracking_number,
            "SF1400000000002"
        );
    }
}

/// Customer service approves a Douyin application here; the platform's next
/// record (awaiting the buyer's return) shows the approval done there, so
/// its task closes with no one pressing anything, and an older or repeated
/// record confirms nothing twice.
async fn a_newer_record_confirms_the_platform_actions_its_status_shows_done(db: TestDatabase) {
    use returns_domain::command::ApproveApplication;
    use returns_domain::platform_action::PlatformAction;
    use returns_domain::ticket::ReturnAddress;

    let store = store(&db).await;
    let tickets = Tickets::plaintext(store.clone());
    let mappings = Mappings::builtin().unwrap();
    let opened = import_one(&tickets, &mappings, "douyin", &douyin(6, 100), meta())
        .await
        .unwrap();
    assert!(
        opened.state.platform_actions.is_empty(),
        "intake asks nothing"
    );
    let at = opened.state.info.as_ref().unwrap().opened_at + chrono::Duration::hours(2);
    let approved = tickets
        .execute(
            opened.ticket_id.into(),
            None,
            &Command::ApproveApplication(ApproveApplication {
                return_address: Some(ReturnAddress {
                    recipient: "Returns desk".into(),
                    phone: "021-5555-0100".into(),
                    address: "上海市仓库路88号".into(),
                }),
                ship_back_deadline: Some(at + chrono::Duration::days(7)),
                at,
            }),
            Metadata::new("li", "customer_service"),
        )
        .await
        .unwrap();
    let action = &approved.state.platform_actions[0];
    assert_eq!(action.requested.action, PlatformAction::ApproveApplication);
    assert_eq!(action.requested.after_sale_id, opened.aftersale_id);
    assert!(action.is_open());

    // The same version again changes nothing; the next one confirms.
    let again = import_one(&tickets, &mappings, "douyin", &douyin(6, 100), meta())
        .await
        .unwrap();
    assert!(again.state.platform_actions[0].is_open());
    let next = import_one(&tickets, &mappings, "douyin", &douyin(7, 200), meta())
        .await
        .unwrap();
    let confirmed = next.state.platform_actions[0].confirmed.clone().unwrap();
    assert_eq!(confirmed.platform_status, "awaiting_return");
    assert_eq!(confirmed.platform_version, Some(200));
    assert!(!next.state.platform_actions[0].is_open());
    assert!(!next.state.allows(CommandKind::ConfirmPlatformAction));
    let history = store
        .read_stream(&stream_id(opened.ticket_id), 0)
        .await
        .unwrap();
    let confirmations = history
        .iter()
        .filter(|e| e.event_type == "PlatformActionConfirmed")
        .count();
    assert_eq!(confirmations, 1);

    // A later status that shows it too adds nothing: the platform said it once.
    let later = import_one(
        &tickets,
        &mappings,
        "douyin",
        &with_tracking(douyin(11, 300)),
        meta(),
    )
    .await
    .unwrap();
    assert_eq!(later.state.status, TicketStatus::ReturnShipped);
    let history = store
        .read_stream(&stream_id(opened.ticket_id), 0)
        .await
        .unwrap();
    assert_eq!(
        history
            .iter()
            .filter(|e| e.event_type == "PlatformActionConfirmed")
            .count(),
        1
    );
}

async fn a_newer_record_contradicting_an_action_reported_done_is_a_conflict(db: TestDatabase) {
    use returns_domain::command::{
        ApproveApplication, PlatformActionOutcome, PlatformSyncIssueKind,
        RecordPlatformActionOutcome,
    };
    use returns_domain::ticket::ReturnAddress;

    let store = store(&db).await;
    let tickets = Tickets::plaintext(store.clone());
    let mappings = Mappings::builtin().unwrap();
    let opened = import_one(&tickets, &mappings, "douyin", &douyin(6, 100), meta())
        .await
        .unwrap();
    let at = opened.state.info.as_ref().unwrap().opened_at + chrono::Duration::hours(2);
    let id = opened.ticket_id.into();
    let approve = Command::ApproveApplication(ApproveApplication {
        return_address: Some(ReturnAddress {
            recipient: "Returns desk".into(),
            phone: "021-5555-0100".into(),
            address: "上海市仓库路88号".into(),
        }),
        ship_back_deadline: Some(at + chrono::Duration::days(7)),
        at,
    });
    tickets
        .execute(id, None, &approve, Metadata::new("li", "customer_service"))
        .await
        .unwrap();
    // The open API said it approved, on version 100.
    let answer = Command::RecordPlatformActionOutcome(RecordPlatformActionOutcome {
        seq: 1,
        outcome: PlatformActionOutcome::Succeeded {
            platform_version: Some(100),
            reference: Some("log-1".into()),
            already_done: false,
        },
        at,
    });
    tickets
        .execute(id, None, &answer, Metadata::new("system", "system"))
        .await
        .unwrap();

    // A newer record still awaiting the seller: the approval did not take.
    let newer = import_one(&tickets, &mappings, "douyin", &douyin(6, 200), meta())
        .await
        .unwrap();
    let sync = newer.state.platform_sync.clone().expect("a conflict");
    assert_eq!(sync.issue, PlatformSyncIssueKind::Conflict);
    assert!(
        sync.details
            .iter()
            .any(|d| d.contains("platform action 1 (approve_application)")
                && d.contains("awaiting_seller")),
        "{:?}",
        sync.details
    );
    // The record the approval was sent on says nothing against it.
    let same = import_one(&tickets, &mappings, "douyin", &douyin(6, 100), meta())
        .await
        .unwrap();
    assert_eq!(same.state.platform_sync, newer.state.platform_sync);

    // The platform's next record shows it approved: confirmed, and settled.
    let settled = import_one(&tickets, &mappings, "douyin", &douyin(7, 300), meta())
        .await
        .unwrap();
    assert!(settled.state.platform_actions[0].confirmed.is_some());
    assert!(
        settled.state.platform_sync.is_none(),
        "{:?}",
        settled.state.platform_sync
    );
}
