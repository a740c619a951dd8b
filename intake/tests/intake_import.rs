//! Importing platform records onto tickets, on both backends: the first
//! import opens, a newer version updates, an older or identical one writes
//! nothing, and any error writes nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{TimeZone, Utc};
use returns_domain::command::ApproveApplication;
use returns_domain::ticket::ReturnAddress;
use returns_domain::{Command, CommandKind, TicketStatus};
use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{contract_tests, EventStore, Metadata};
use returns_intake::custom_fields::{self, CustomFieldDefinition, FieldType};
use returns_intake::{
    import_one, mapping_store, records, ticket_id_for, ImportAction, ImportError, Mappings,
};
use returns_tickets::{stream_id, Tickets};
use serde_json::{json, Value};
use uuid::Uuid;

mod common;
use common::{fixture, meta, store};

fn shipped(mut payload: Value, version: i64) -> Value {
    payload["aftersale_status"] = json!(11);
    payload["update_time"] = json!(version);
    payload["return_logistics_company_name"] = json!("顺丰速运");
    payload["return_logistics_code"] = json!("SF1400012345678");
    payload
}

async fn approve(store: &EventStore, ticket_id: Uuid) {
    let at = Utc.with_ymd_and_hms(2025, 11, 20, 8, 0, 0).unwrap();
    Tickets::plaintext(store.clone())
        .execute(
            ticket_id.into(),
            None,
            &Command::ApproveApplication(ApproveApplication {
                return_address: Some(ReturnAddress {
                    recipient: "Returns desk".into(),
                    phone: "021-5555-0100".into(),
                    address: "上海市 仓库路 1 号".into(),
                }),
                ship_back_deadline: Some(at + chrono::Duration::days(7)),
                at,
            }),
            Metadata::new("alice", "customer_service"),
        )
        .await
        .unwrap();
}

async fn event_count(store: &EventStore) -> usize {
    store.read_all(0, 10_000).await.unwrap().len()
}

contract_tests!(
    first_import_opens_the_ticket_with_its_custom_fields,
    identical_import_writes_nothing_and_says_so,
    older_version_writes_nothing_and_says_so,
    buyer_shipped_registers_the_return_shipment,
    platform_closed_cancels_the_ticket,
    a_ticket_behind_the_platform_is_brought_there_as_the_platform,
    unknown_code_writes_nothing,
    a_custom_field_that_does_not_fit_is_a_warning_naming_the_field,
    changed_custom_fields_are_carried_onto_the_ticket,
    concurrent_imports_of_one_record_open_one_ticket,
    a_crash_between_ticket_and_intake_row_is_repaired_by_the_next_import,
    record_first_seen_closed_opens_and_cancels,
    every_platform_sample_imports,
    saved_mappings_replace_the_shipped_ones,
    intake_rows_never_move_back_to_an_older_version,
    custom_field_definitions_round_trip,
);

async fn first_import_opens_the_ticket_with_its_custom_fields(db: TestDatabase) {
    let store = store(&db).await;
    let mappings = Mappings::builtin().unwrap();
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "douyin",
        &fixture("douyin_return"),
        meta(),
    )
    .await
    .unwrap();
    assert_eq!(
        outcome.action,
        ImportAction::Created {
            commands: vec![CommandKind::OpenTicket]
        }
    );
    assert_eq!(
        outcome.ticket_id,
        ticket_id_for("douyin", "7311234567890123456")
    );
    assert_eq!(outcome.state.status, TicketStatus::Applied);
    assert_eq!(outcome.state.custom_fields["return_postage"], json!(800));
    assert!(outcome.position > 0);
    let events = store
        .read_stream(&stream_id(outcome.ticket_id), 1)
        .await
        .unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].metadata.source.as_deref(), Some("intake:douyin"));
    let row = records::find(&store, "douyin", "7311234567890123456")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.ticket_uuid(), Some(outcome.ticket_id));
    assert_eq!(row.platform_version, Some(1_763_618_580));
    assert_eq!(row.platform_status.as_deref(), Some("awaiting_seller"));
    assert_eq!(
        row.platform_deadline,
        Some(Utc.with_ymd_and_hms(2025, 11, 22, 6, 3, 0).unwrap())
    );
    // The mapping's custom fields were defined on first use, with their types.
    let defs = custom_fields::list_definitions(&store).await.unwrap();
    assert_eq!(defs["return_postage"].field_type, FieldType::Money);
    assert_eq!(defs["goods_shipped"].field_type, FieldType::Boolean);
}

async fn identical_import_writes_nothing_and_says_so(db: TestDatabase) {
    let store = store(&db).await;
    let mappings = Mappings::builtin().unwrap();
    let payload = fixture("taobao_return");
    import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "taobao",
        &payload,
        meta(),
    )
    .await
    .unwrap();
    let before = event_count(&store).await;
    let again = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "taobao",
        &payload,
        meta(),
    )
    .await
    .unwrap();
    match again.action {
        ImportAction::Unchanged { reason } => assert!(reason.contains("identical"), "{reason}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(event_count(&store).await, before);
}

async fn older_version_writes_nothing_and_says_so(db: TestDatabase) {
    let store = store(&db).await;
    let mappings = Mappings::builtin().unwrap();
    let newer = fixture("taobao_return");
    import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "taobao",
        &newer,
        meta(),
    )
    .await
    .unwrap();
    let mut older = newer.clone();
    older["refund_version"] = json!(1_763_618_000_000_i64);
    older["status"] = json!("CLOSED");
    let before = event_count(&store).await;
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "taobao",
        &older,
        meta(),
    )
    .await
    .unwrap();
    match outcome.action {
        ImportAction::Unchanged { reason } => assert!(reason.contains("older"), "{reason}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(event_count(&store).await, before);
    assert_eq!(outcome.state.status, TicketStatus::Applied);
    let row = records::find(&store, "taobao", "212345678901234567")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.platform_version, Some(1_763_618_580_123));
}

async fn buyer_shipped_registers_the_return_shipment(db: TestDatabase) {
    let store = store(&db).await;
    let mappings = Mappings::builtin().unwrap();
    let first = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "douyin",
        &fixture("douyin_return"),
        meta(),
    )
    .await
    .unwrap();
    approve(&store, first.ticket_id).await;
    let update = shipped(fixture("douyin_return"), 1_763_700_000);
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "douyin",
        &update,
        meta(),
    )
    .await
    .unwrap();
    assert_eq!(
        outcome.action,
        ImportAction::Updated {
            commands: vec![
                CommandKind::RegisterReturnShipment,
                // The buyer shipping shows our approval done on Douyin.
                CommandKind::RecordPlatformConfirmation,
                // The platform's clock for the new step (status_deadline).
                CommandKind::RecordPlatformDeadline
            ]
        }
    );
    assert_eq!(outcome.state.status, TicketStatus::ReturnShipped);
    let shipment = outcome.state.return_shipment.unwrap();
    assert_eq!(shipment.carrier, "顺丰速运");
    assert_eq!(shipment.tracking_number, "SF1400012345678");
    let row = records::find(&store, "douyin", "7311234567890123456")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.platform_version, Some(1_763_700_000));
    assert_eq!(row.platform_status.as_deref(), Some("return_shipped"));
    // The same update again is identical: nothing more.
    let again = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "douyin",
        &update,
        meta(),
    )
    .await
    .unwrap();
    assert!(matches!(again.action, ImportAction::Unchanged { .. }));
}

async fn platform_closed_cancels_the_ticket(db: TestDatabase) {
    let store = store(&db).await;
    let mappings = Mappings::builtin().unwrap();
    let payload = fixture("kuaishou_return");
    import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "kuaishou",
        &payload,
        meta(),
    )
    .await
    .unwrap();
    let mut closed = payload.clone();
    closed["status"] = json!(70);
    closed["refundVersion"] = json!(1_763_700_000_000_i64);
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "kuaishou",
        &closed,
        meta(),
    )
    .await
    .unwrap();
    assert_eq!(
        outcome.action,
        ImportAction::Updated {
            commands: vec![CommandKind::CancelTicket]
        }
    );
    assert_eq!(outcome.state.status, TicketStatus::Cancelled);
    assert_eq!(
        outcome.state.cancel_reason.as_deref(),
        Some("refund closed on Kuaishou")
    );
}

async fn a_ticket_behind_the_platform_is_brought_there_as_the_platform(db: TestDatabase) {
    let store = store(&db).await;
    let mappings = Mappings::builtin().unwrap();
    import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "douyin",
        &fixture("douyin_return"),
        meta(),
    )
    .await
    .unwrap();
    // Approved in Douyin's back office, never here: the record says "buyer
    // shipped" while the ticket is still applied.
    let mut update = shipped(fixture("douyin_return"), 1_763_700_000);
    update["refund_post_amount"] = json!(1200);
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "douyin",
        &update,
        meta(),
    )
    .await
    .unwrap();
    assert_eq!(
        outcome.action,
        ImportAction::Updated {
            commands: vec![
                CommandKind::UpdateCustomFields,
                CommandKind::RecordPlatformApproval,
                CommandKind::RegisterReturnShipment,
                CommandKind::RecordPlatformDeadline
            ]
        }
    );
    assert_eq!(outcome.state.status, TicketStatus::ReturnShipped);
    assert_eq!(outcome.state.custom_fields["return_postage"], json!(1200));
    // Each step is the platform's, caused by the record's version.
    let events = store
        .read_stream(&stream_id(outcome.ticket_id), 0)
        .await
        .unwrap();
    let approval = events
        .iter()
        .find(|e| e.event_type == "ApplicationApproved")
        .unwrap();
    assert_eq!(approval.metadata.actor, "platform:douyin");
    assert_eq!(approval.payload["by_platform"], json!("douyin"));
    let shipment = events
        .iter()
        .find(|e| e.event_type == "ReturnShipmentRegistered")
        .unwrap();
    assert_eq!(shipment.metadata.actor, "platform:douyin");
    assert!(shipment.metadata.causation_id.is_some());
    assert_eq!(
        shipment.metadata.causation_id,
        approval.metadata.causation_id
    );
    let row = records::find(&store, "douyin", "7311234567890123456")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.platform_version, Some(1_763_700_000));
}

async fn unknown_code_writes_nothing(db: TestDatabase) {
    let store = store(&db).await;
    let mappings = Mappings::builtin().unwrap();
    let mut payload = fixture("taobao_return");
    payload["bill_type"] = json!("gift_bill");
    let err = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "taobao",
        &payload,
        meta(),
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "VALIDATION");
    let errors = err.mapping_errors();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].field, "ticket.kind");
    assert_eq!(errors[0].found, "\"gift_bill\"");
    assert_eq!(event_count(&store).await, 0);
    assert!(records::find(&store, "taobao", "212345678901234567")
        .await
        .unwrap()
        .is_none());
    let err = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "shopee",
        &payload,
        meta(),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, ImportError::UnknownPlatform(_)));
}

async fn a_custom_field_that_does_not_fit_is_a_warning_naming_the_field(db: TestDatabase) {
    let store = store(&db).await;
    let mappings = Mappings::builtin().unwrap();
    // The admin narrows a mapped field: goods_status may only be "received" now.
    let mut definition = CustomFieldDefinition::new("goods_status", FieldType::Enum, false);
    definition.options = vec!["received".into()];
    custom_fields::define(&store, &definition).await.unwrap();
    let mut payload = fixture("taobao_return");
    payload["good_status"] = json!("BUYER_RETURNED_GOODS");
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "taobao",
        &payload,
        meta(),
    )
    .await
    .unwrap();
    assert_eq!(outcome.warnings[0].field, "custom_fields.goods_status");
    assert_eq!(outcome.warnings[0].path, "$.good_status");
    assert_eq!(outcome.warnings[0].found, "\"returned\"");
    assert!(!outcome.state.custom_fields.contains_key("goods_status"));
    let sync = outcome.state.platform_sync.clone().unwrap();
    assert!(
        sync.details[0].contains("custom_fields.goods_status"),
        "{sync:?}"
    );
    // A required field the mapping does not fill no longer stops a new
    // ticket: the ticket opens and says which field is missing.
    custom_fields::define(
        &store,
        &CustomFieldDefinition::new("store_code", FieldType::Text, true),
    )
    .await
    .unwrap();
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "kuaishou",
        &fixture("kuaishou_return"),
        meta(),
    )
    .await
    .unwrap();
    assert_eq!(outcome.warnings[0].field, "custom_fields.store_code");
    assert!(matches!(outcome.action, ImportAction::Created { .. }));
    // A boolean field given a string is left out, with a warning.
    custom_fields::remove(&store, "store_code").await.unwrap();
    let mut payload = fixture("taobao_refund_only");
    payload["has_good_return"] = json!("yes");
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
        outcome.warnings[0].field,
        "custom_fields.goods_return_required"
    );
    assert!(!outcome
        .state
        .custom_fields
        .contains_key("goods_return_required"));
}

async fn changed_custom_fields_are_carried_onto_the_ticket(db: TestDatabase) {
    let store = store(&db).await;
    let mappings = Mappings::builtin().unwrap();
    let payload = fixture("taobao_return");
    import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "taobao",
        &payload,
        meta(),
    )
    .await
    .unwrap();
    let mut update = payload.clone();
    update["refund_version"] = json!(1_763_618_590_000_i64);
    update["refund_fee"] = json!("200.00");
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "taobao",
        &update,
        meta(),
    )
    .await
    .unwrap();
    assert_eq!(
        outcome.action,
        ImportAction::Updated {
            commands: vec![CommandKind::UpdateCustomFields]
        }
    );
    assert_eq!(
        outcome.state.custom_fields["refund_requested"],
        json!(20_000)
    );
    // A newer version that changes nothing moves the row but not the ticket.
    let mut same = update.clone();
    same["refund_version"] = json!(1_763_618_600_000_i64);
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "taobao",
        &same,
        meta(),
    )
    .await
    .unwrap();
    assert!(matches!(outcome.action, ImportAction::Unchanged { .. }));
    let row = records::find(&store, "taobao", "212345678901234567")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.platform_version, Some(1_763_618_600_000));
}

async fn concurrent_imports_of_one_record_open_one_ticket(db: TestDatabase) {
    let store = store(&db).await;
    let mappings = Mappings::builtin().unwrap();
    let payload = fixture("douyin_exchange");
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let (store, mappings, payload) = (store.clone(), mappings.clone(), payload.clone());
            tokio::spawn(async move {
                import_one(
                    &Tickets::plaintext(store.clone()),
                    &mappings,
                    "douyin",
                    &payload,
                    meta(),
                )
                .await
            })
        })
        .collect();
    let mut created = 0;
    for task in tasks {
        match task.await.unwrap() {
            Ok(o) if matches!(o.action, ImportAction::Created { .. }) => created += 1,
            Ok(_) => {}
            Err(e) => panic!("{e}"),
        }
    }
    assert!(created >= 1);
    let id = ticket_id_for("douyin", "7311234567890129999");
    assert_eq!(store.read_stream(&stream_id(id), 1).await.unwrap().len(), 1);
    assert_eq!(event_count(&store).await, 1);
}

async fn a_crash_between_ticket_and_intake_row_is_repaired_by_the_next_import(db: TestDatabase) {
    let store = store(&db).await;
    let mappings = Mappings::builtin().unwrap();
    let payload = fixture("douyin_return");
    let first = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "douyin",
        &payload,
        meta(),
    )
    .await
    .unwrap();
    approve(&store, first.ticket_id).await;
    let update = shipped(payload.clone(), 1_763_700_000);
    import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "douyin",
        &update,
        meta(),
    )
    .await
    .unwrap();
    let before = event_count(&store).await;
    // Simulate a crash after the events and before the row: put the old row back.
    let mut row = records::find(&store, "douyin", "7311234567890123456")
        .await
        .unwrap()
        .unwrap();
    row.platform_version = Some(1_763_618_580);
    row.platform_status = Some("awaiting_seller".into());
    sqlx_delete_row(&store).await;
    records::save(&store, &[row]).await.unwrap();
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "douyin",
        &update,
        meta(),
    )
    .await
    .unwrap();
    assert!(
        matches!(outcome.action, ImportAction::Unchanged { .. }),
        "{:?}",
        outcome.action
    );
    assert_eq!(event_count(&store).await, before, "no second shipment");
    let row = records::find(&store, "douyin", "7311234567890123456")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.platform_version, Some(1_763_700_000));
    assert_eq!(row.platform_status.as_deref(), Some("return_shipped"));
}

async fn sqlx_delete_row(store: &EventStore) {
    store
        .db()
        .execute(&returns_eventstore::statement!(
            "DELETE FROM intake_records"
        ))
        .await
        .unwrap();
}

async fn record_first_seen_closed_opens_and_cancels(db: TestDatabase) {
    let store = store(&db).await;
    let mappings = Mappings::builtin().unwrap();
    let mut payload = fixture("taobao_refund_only");
    payload["status"] = json!("CLOSED");
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
            commands: vec![CommandKind::OpenTicket, CommandKind::CancelTicket]
        }
    );
    assert_eq!(outcome.state.status, TicketStatus::Cancelled);
    // First seen already shipped: opened and caught up to the shipment.
    let mut payload = fixture("taobao_return");
    payload["status"] = json!("WAIT_SELLER_CONFIRM_GOODS");
    payload["company_name"] = json!("中通快递");
    payload["sid"] = json!("75012345678901");
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
                CommandKind::RegisterReturnShipment,
                CommandKind::RecordPlatformDeadline
            ]
        }
    );
    assert_eq!(outcome.state.status, TicketStatus::ReturnShipped);
    let row = records::find(&store, "taobao", "212345678901234567")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.platform_status.as_deref(), Some("return_shipped"));
}

async fn every_platform_sample_imports(db: TestDatabase) {
    let store = store(&db).await;
    let mappings = Mappings::builtin().unwrap();
    for (platform, name) in [
        ("douyin", "douyin_return"),
        ("douyin", "douyin_exchange"),
        ("douyin", "douyin_refund_before_shipping"),
        ("taobao", "taobao_return"),
        ("taobao", "taobao_refund_only"),
        ("taobao", "taobao_exchange"),
        ("kuaishou", "kuaishou_return"),
        ("kuaishou", "kuaishou_refund_only"),
    ] {
        let outcome = import_one(
            &Tickets::plaintext(store.clone()),
            &mappings,
            platform,
            &fixture(name),
            meta(),
        )
        .await
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(
            matches!(outcome.action, ImportAction::Created { .. }),
            "{name}"
        );
    }
    assert_eq!(event_count(&store).await, 8);
}

async fn saved_mappings_replace_the_shipped_ones(db: TestDatabase) {
    let store = store(&db).await;
    let builtin = Mappings::builtin().unwrap();
    let source = builtin.get("douyin").unwrap().source().replace(
        "\"物流太慢\" = \"logistics_delay\"",
        "\"物流太慢\" = \"logistics_delay\", \"拍错了\" = \"changed_mind\"",
    );
    mapping_store::save_mapping(&store, &source).await.unwrap();
    let mappings = mapping_store::load_mappings(&store).await.unwrap();
    let outcome = import_one(
        &Tickets::plaintext(store.clone()),
        &mappings,
        "douyin",
        &fixture("douyin_refund_before_shipping"),
        meta(),
    )
    .await
    .unwrap();
    let info = outcome.state.info.unwrap();
    assert_eq!(info.reason_code, "changed_mind");
    assert!(mapping_store::save_mapping(&store, "platform = 1")
        .await
        .is_err());
    assert!(mapping_store::delete_mapping(&store, "douyin")
        .await
        .unwrap());
}

async fn intake_rows_never_move_back_to_an_older_version(db: TestDatabase) {
    let store = store(&db).await;
    let at = Utc.with_ymd_and_hms(2026, 11, 25, 9, 0, 0).unwrap();
    let row = |version: i64, status: &str| records::IntakeRecord {
        platform: "douyin".into(),
        aftersale_id: "A-1".into(),
        ticket_id: ticket_id_for("douyin", "A-1").to_string(),
        platform_version: Some(version),
        platform_status: Some(status.into()),
        platform_deadline: Some(at),
        updated_at: at,
    };
    records::save(&store, &[row(200, "closed")]).await.unwrap();
    // A slower concurrent importer finishing last with an older version loses.
    records::save(&store, &[row(100, "awaiting_seller")])
        .await
        .unwrap();
    let stored = records::find(&store, "douyin", "A-1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored, row(200, "closed"));
    records::save(&store, &[row(300, "succeeded")])
        .await
        .unwrap();
    let found = records::find_many(&store, "douyin", &["A-1".into(), "A-2".into()])
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found["A-1"], row(300, "succeeded"));
}

async fn custom_field_definitions_round_trip(db: TestDatabase) {
    use returns_domain::Role;
    let store = store(&db).await;
    let mut grade = CustomFieldDefinition::new("vip_grade", FieldType::Enum, true);
    grade.options = vec!["gold".into(), "silver".into()];
    grade.visible_to = vec![Role::CustomerService, Role::Finance];
    grade.description = "the buyer's membership grade".into();
    custom_fields::define(&store, &grade).await.unwrap();
    custom_fields::define(
        &store,
        &CustomFieldDefinition::new("weight_kg", FieldType::Number, false),
    )
    .await
    .unwrap();
    let defs = custom_fields::list_definitions(&store).await.unwrap();
    assert_eq!(
        defs.keys().collect::<Vec<_>>(),
        vec!["vip_grade", "weight_kg"]
    );
    assert_eq!(defs["vip_grade"], grade);
    assert!(!defs["vip_grade"].visible_for(Role::Warehouse));
    // Redefining replaces; define_if_missing never overrides an admin's definition.
    grade.options.push("bronze".into());
    custom_fields::define(&store, &grade).await.unwrap();
    let mut other = CustomFieldDefinition::new("vip_grade", FieldType::Text, false);
    other.description = "from a mapping".into();
    custom_fields::define_if_missing(&store, &other)
        .await
        .unwrap();
    let defs = custom_fields::list_definitions(&store).await.unwrap();
    assert_eq!(defs["vip_grade"], grade);
    // An enum without options is refused with VALIDATION.
    let err = custom_fields::define(
        &store,
        &CustomFieldDefinition::new("size", FieldType::Enum, false),
    )
    .await
    .unwrap_err();
    assert!(err.to_string().contains("custom_fields.size"), "{err}");
    assert!(custom_fields::remove(&store, "weight_kg").await.unwrap());
    assert!(!custom_fields::remove(&store, "weight_kg").await.unwrap());
}
