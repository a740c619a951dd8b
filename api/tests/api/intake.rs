//! Intake through the API: preview a platform record, import it, and
//! import it again without writing twice.

use returns_domain::Role;
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use serde_json::{json, Value};

use crate::helpers::{error_code, TestApp};

contract_tests!(
    a_douyin_record_is_previewed_then_imported_once,
    a_record_that_does_not_fit_lists_every_problem,
    the_platforms_arbitration_shows_on_the_ticket_open_then_decided,
);

fn douyin_record() -> Value {
    json!({
        "aftersale_id": "7311234567890299999", "order_id": "6929876543210399999",
        "sku_order_id": "6929876543210499999", "shop_sku_code": "TEE-BLK-M",
        "product_name": "纯棉短袖T恤 黑色 M", "aftersale_num": 1, "aftersale_type": 0,
        "aftersale_status": 6, "refund_amount": 5990,
        "reason_second_labels": [{ "code": 100, "name": "质量问题" }],
        "apply_time": 1763618580, "update_time": 1763618580, "refund_post_amount": 800,
        "status_deadline": 1763791380, "buyer_nickname": "抖音用户_小王",
        "reason_remark": "收到后发现有问题，申请售后"
    })
}

const PREVIEW: &str = "mutation($p: JSON!) { previewImport(platform: \"douyin\", payload: $p) {
  ok ticketId aftersaleId platformStatus openTicket problems { path field expected found } } }";
const IMPORT: &str = "mutation($p: JSON!) { importAftersale(platform: \"douyin\", payload: $p) {
  action commands reason version position ticket { id status kind channel customer reasonCode } } }";

async fn a_douyin_record_is_previewed_then_imported_once(db: TestDatabase) {
    let app = TestApp::new(db).await;
    let vars = json!({ "p": douyin_record() });
    let preview = app
        .run_as(Some(Role::CustomerService), PREVIEW, vars.clone())
        .await;
    let preview = &preview["data"]["previewImport"];
    assert_eq!(preview["ok"], true, "{preview}");
    assert_eq!(preview["aftersaleId"], "7311234567890299999");
    assert_eq!(preview["openTicket"]["kind"], "RETURN_AND_REFUND");
    assert_eq!(
        app.state.store.head_position().await.unwrap(),
        0,
        "a preview writes nothing"
    );

    let first = app
        .run_as(Some(Role::CustomerService), IMPORT, vars.clone())
        .await;
    let first = &first["data"]["importAftersale"];
    assert_eq!(first["action"], "CREATED", "{first}");
    assert_eq!(first["commands"][0], "OpenTicket");
    assert_eq!(first["ticket"]["id"], preview["ticketId"]);
    assert_eq!(first["ticket"]["channel"], "douyin");
    assert_eq!(first["ticket"]["reasonCode"], "quality_issue");

    let again = app.run_as(Some(Role::Admin), IMPORT, vars.clone()).await;
    let again = &again["data"]["importAftersale"];
    assert_eq!(again["action"], "UNCHANGED", "{again}");
    assert_eq!(again["version"], first["version"]);

    let warehouse = app.run_as(Some(Role::Warehouse), IMPORT, vars).await;
    assert_eq!(error_code(&warehouse).as_deref(), Some("FORBIDDEN"));
}

async fn a_record_that_does_not_fit_lists_every_problem(db: TestDatabase) {
    let app = TestApp::new(db).await;
    let mut record = douyin_record();
    record["aftersale_type"] = json!(42);
    record.as_object_mut().unwrap().remove("order_id");
    let vars = json!({ "p": record });
    let preview = app
        .run_as(Some(Role::CustomerService), PREVIEW, vars.clone())
        .await;
    let preview = &preview["data"]["previewImport"];
    assert_eq!(preview["ok"], false);
    let fields: Vec<&str> = preview["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"ticket.kind") && fields.contains(&"ticket.platform_order_id"),
        "{fields:?}"
    );
    let import = app.run_as(Some(Role::CustomerService), IMPORT, vars).await;
    assert_eq!(
        error_code(&import).as_deref(),
        Some("VALIDATION"),
        "{import}"
    );
    let unknown = app
        .run_as(
            Some(Role::CustomerService),
            "mutation { previewImport(platform: \"ebay\", payload: {}) { ok } }",
            json!({}),
        )
        .await;
    assert_eq!(error_code(&unknown).as_deref(), Some("VALIDATION"));
}

async fn the_platforms_arbitration_shows_on_the_ticket_open_then_decided(db: TestDatabase) {
    const TICKET: &str = "query($id: UUID!) { ticket(id: $id) {
      arbitration { platform open since deadline outcome } } }";
    let app = TestApp::new(db).await;
    let mut record = douyin_record();
    let imported = app
        .run_as(Some(Role::CustomerService), IMPORT, json!({ "p": record }))
        .await;
    let id = imported["data"]["importAftersale"]["ticket"]["id"].clone();
    let arbitration = |v: &Value| v["data"]["ticket"]["arbitration"].clone();
    let none = app
        .run_as(Some(Role::CustomerService), TICKET, json!({ "id": id }))
        .await;
    assert_eq!(arbitration(&none), Value::Null, "{none}");

    record["arbitrate_status"] = json!(1);
    record["update_time"] = json!(1763620000);
    let opened = app
        .run_as(Some(Role::CustomerService), IMPORT, json!({ "p": record }))
        .await;
    assert_eq!(
        opened["data"]["importAftersale"]["action"], "UPDATED",
        "{opened}"
    );
    let open = app
        .run_as(Some(Role::CustomerService), TICKET, json!({ "id": id }))
        .await;
    let open = arbitration(&open);
    assert_eq!(open["platform"], "douyin", "{open}");
    assert_eq!(open["open"], true);
    assert_eq!(open["outcome"], Value::Null);
    let deadline = open["deadline"]
        .as_str()
        .map(|d| chrono::DateTime::parse_from_rfc3339(d).unwrap().timestamp());
    assert_eq!(deadline, Some(1763791380), "the platform's deadline");

    record["arbitrate_status"] = json!(3);
    record["update_time"] = json!(1763630000);
    app.run_as(Some(Role::CustomerService), IMPORT, json!({ "p": record }))
        .await;
    let decided = app
        .run_as(Some(Role::CustomerService), TICKET, json!({ "id": id }))
        .await;
    let decided = arbitration(&decided);
    assert_eq!(decided["open"], false, "{decided}");
    assert_eq!(decided["outcome"], "FOR_SELLER");
}
