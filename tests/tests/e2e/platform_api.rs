//! Platform actions in api mode, through the real binary and the contract
//! simulator (`returns_platforms::simulator`), which checks each platform's
//! signature, parameters and record version the way its documents define
//! them: a person's decision reaches the marketplace once, with the
//! record's version; a refusal carries its reason; a rate limit is retried;
//! a stale version, a back-office-only step and a call the platform lacks
//! become a person's task; a server killed mid-way sends nothing twice, nor
//! do two servers on one PostgreSQL; and in manual mode nothing leaves.

use std::time::Duration;

use chrono::Utc;
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use returns_platforms::simulator::{test_shop, Applied, Fault, Simulator};
use returns_platforms::{Platform, ShopCredentials};
use serde_json::{json, Value};

use crate::helpers::{cmd, mutation, step, Server, Tokens};

contract_tests!(
    decisions_reach_each_platform_once_with_the_records_version,
    an_exchange_is_confirmed_received_and_shipped_through_the_api,
    a_refusal_carries_the_platforms_reason_and_one_needing_evidence_goes_to_a_person,
    what_the_api_cannot_do_becomes_a_persons_task_with_the_platforms_words,
    a_server_killed_after_sending_sends_nothing_twice,
    a_batch_with_one_failing_item_hands_it_over_and_sends_the_rest_alone,
    in_manual_mode_nothing_leaves_the_server,
);

fn shops() -> Vec<ShopCredentials> {
    Platform::ALL.into_iter().map(test_shop).collect()
}

/// The simulator, and a credentials file naming it as every shop's endpoint
/// (the secrets through the environment, as production would).
async fn simulator() -> (Simulator, tempfile::TempDir, Vec<(String, String)>) {
    simulator_with(true).await
}

/// As [`simulator`]; `address` gives every shop a return address.
async fn simulator_with(address: bool) -> (Simulator, tempfile::TempDir, Vec<(String, String)>) {
    let sim = Simulator::start(shops(), false).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    let mut env = Vec::new();
    for shop in shops() {
        let var = format!("TEST_{}_SECRET", shop.shop.to_uppercase());
        text.push_str(&format!(
            "[shops.{p}]\nplatform = \"{p}\"\napp_key = \"{k}\"\napp_secret = \"env:{var}\"\n\
             access_token = \"{t}\"\nendpoint = \"{e}\"\n\n{a}",
            a = if address {
                format!(
                    "[shops.{}.return_address]\nid = 6600001\nname = \"退货仓\"\n\n",
                    shop.shop
                )
            } else {
                String::new()
            },
            p = shop.shop,
            k = shop.app_key,
            t = shop.access_token.expose(),
            e = sim.endpoint(),
        ));
        env.push((var, shop.app_secret.expose().to_owned()));
    }
    std::fs::write(dir.path().join("platforms.toml"), text).unwrap();
    (sim, dir, env)
}

async fn start(db: &TestDatabase, dir: &tempfile::TempDir, env: &[(String, String)]) -> Server {
    start_with(db, dir, env, &[]).await
}

/// As [`start`], with `extra` arguments to `serve`.
async fn start_with(
    db: &TestDatabase,
    dir: &tempfile::TempDir,
    env: &[(String, String)],
    extra: &[&str],
) -> Server {
    let path = dir.path().join("platforms.toml");
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut args = vec!["serve", "--platform-credentials", path.to_str().unwrap()];
    args.extend_from_slice(extra);
    Server::start_with_env(db, &args, &env).await
}

/// A Kuaishou return awaiting the seller, applied just now.
fn kuaishou(id: i64, version: i64) -> Value {
    let now = Utc::now().timestamp_millis();
    json!({
        "refundId": id, "orderId": id + 1, "relSkuId": "EAR-NC-BLK", "refundAmount": 19900,
        "handlingWay": 1, "negotiateStatus": 1, "status": 11, "refundDesc": "左耳没有声音",
        "createTime": now, "updateTime": now, "expireTime": now + 172_800_000,
        "refundVersion": version
    })
}

/// A Taobao refund-only application awaiting the seller, made just now.
fn taobao(id: &str, version: i64) -> Value {
    let made = (Utc::now() + chrono::Duration::hours(8))
        .format("%Y-%m-%d %H:%M:%S")
        .to_string();
    json!({
        "refund_id": id, "tid": format!("T{id}"), "oid": format!("O{id}"), "outer_id": "SOCK-5PK",
        "num": "1", "total_fee": "59.70", "refund_fee": "19.90", "payment": "39.80",
        "reason": "快递/物流一直未送到", "has_good_return": false,
        "good_status": "BUYER_NOT_RECEIVED", "buyer_nick": "tb_buyer_99",
        "refund_version": version, "status": "WAIT_SELLER_AGREE", "bill_type": "refund_bill",
        "created": made, "modified": made
    })
}

/// A Douyin return awaiting the seller, applied just now.
fn douyin(id: &str, version: i64) -> Value {
    let now = Utc::now().timestamp();
    json!({
        "aftersale_id": id, "order_id": "6929876543210987654",
        "sku_order_id": 6929876543210987655_u64, "shop_sku_code": "TEE-BLK-M",
        "aftersale_num": 1, "aftersale_type": 0, "aftersale_status": 6,
        "refund_amount": 5990, "apply_time": now, "update_time": version
    })
}

/// Imports `record` as customer service; the ticket's id.
async fn import(server: &Server, tokens: &Tokens, platform: &str, record: Value) -> String {
    let data = server
        .ok(
            &tokens.customer_service,
            "mutation($p: String!, $r: JSON!) { importAftersale(platform: $p, payload: $r) { action ticket { id } } }",
            json!({ "p": platform, "r": record }),
        )
        .await;
    data["importAftersale"]["ticket"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

const ACTIONS: &str = "query($id: UUID!) { ticket(id: $id) { platformActions { seq action \
    doneAt answer { outcome reason code message alreadyDone platformVersion } } } }";

/// Waits until the ticket's first platform action has an answer; returns it.
async fn answered(server: &Server, tokens: &Tokens, id: &str) -> Value {
    answered_nth(server, tokens, id, 0).await
}

/// Waits until the ticket's `n`th platform action has an answer; returns it.
async fn answered_nth(server: &Server, tokens: &Tokens, id: &str, n: usize) -> Value {
    for _ in 0..300 {
        let data = server
            .ok(&tokens.customer_service, ACTIONS, json!({ "id": id }))
            .await;
        let answer = &data["ticket"]["platformActions"][n]["answer"];
        if !answer.is_null() {
            return answer.clone();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("ticket {id}'s platform action got no answer within 30 s");
}

async fn approve(server: &Server, tokens: &Tokens, id: &str) {
    step(
        server,
        &tokens.customer_service,
        "approveApplication",
        Some("ApproveApplicationInput"),
        id,
        json!({ "returnAddress": { "recipient": "退货仓", "phone": "021-5", "address": "嘉定区" } }),
    )
    .await;
}

async fn reject(server: &Server, tokens: &Tokens, id: &str, reason: &str) {
    step(
        server,
        &tokens.customer_service,
        "rejectApplication",
        Some("RejectApplicationInput"),
        id,
        json!({ "reason": reason }),
    )
    .await;
}

fn applied_to(sim: &Simulator, id: &str) -> Vec<Applied> {
    sim.applied()
        .into_iter()
        .filter(|a| a.after_sale_id == id)
        .collect()
}

async fn decisions_reach_each_platform_once_with_the_records_version(db: TestDatabase) {
    let (sim, dir, env) = simulator().await;
    let server = start(&db, &dir, &env).await;
    let tokens = Tokens::create(&db).await;

    // Kuaishou: approving a return, with the record's refundVersion.
    sim.put_record(Platform::Kuaishou, "2100000000001", 1_764_800_000_000);
    let ks = import(
        &server,
        &tokens,
        "kuaishou",
        kuaishou(2_100_000_000_001, 1_764_800_000_000),
    )
    .await;
    approve(&server, &tokens, &ks).await;
    let answer = answered(&server, &tokens, &ks).await;
    assert_eq!(answer["outcome"], "SUCCEEDED", "{answer}");
    assert_eq!(answer["platformVersion"], json!(1_764_800_000_000_i64));
    let done = applied_to(&sim, "2100000000001");
    assert_eq!(done.len(), 1, "{done:?}");
    assert_eq!(done[0].version, Some(1_764_800_000_000));

    // Taobao: refusing, with the reason the buyer reads; rate-limited once
    // first, then sent again after the ban the platform names.
    sim.put_record(Platform::Taobao, "212300000000000001", 1_764_800_000_001);
    sim.fault(
        Platform::Taobao,
        "212300000000000001",
        Fault::RateLimited { times: 1 },
    );
    let tb = import(
        &server,
        &tokens,
        "taobao",
        taobao("212300000000000001", 1_764_800_000_001),
    )
    .await;
    reject(&server, &tokens, &tb, "商品已发出，请拒收后退款").await;
    let answer = answered(&server, &tokens, &tb).await;
    assert_eq!(answer["outcome"], "SUCCEEDED", "{answer}");
    let done = applied_to(&sim, "212300000000000001");
    assert_eq!(done.len(), 1, "{done:?}");
    assert_eq!(
        done[0].action,
        returns_domain::platform_action::PlatformAction::RefuseApplication
    );

    // Douyin: agreeing to a return names the shop's configured address (101).
    sim.put_record(Platform::Douyin, "7100000000000000009", 1_764_800_000);
    let dy = import(
        &server,
        &tokens,
        "douyin",
        douyin("7100000000000000009", 1_764_800_000),
    )
    .await;
    approve(&server, &tokens, &dy).await;
    let answer = answered(&server, &tokens, &dy).await;
    assert_eq!(answer["outcome"], "SUCCEEDED", "{answer}");
    let done = applied_to(&sim, "7100000000000000009");
    assert_eq!(done.len(), 1, "{done:?}");
    assert_eq!(done[0].operation, "afterSale.operate type=101");

    // Done by the platform's API: no task left for a person.
    let open = server
        .ok(
            &tokens.customer_service,
            "{ platformTasks { nodes { ticketId } } }",
            json!({}),
        )
        .await;
    let open: Vec<&str> = open["platformTasks"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["ticketId"].as_str())
        .collect();
    assert!(
        !open.contains(&ks.as_str()) && !open.contains(&tb.as_str()),
        "{open:?}"
    );
    server.stop().await;
}

/// The console's reason list comes from the platform; the chosen code goes
/// with the refusal, and a reason whose evidence no action can carry is a
/// person's task rather than a call the platform would bounce.
async fn a_refusal_carries_the_platforms_reason_and_one_needing_evidence_goes_to_a_person(
    db: TestDatabase,
) {
    let (sim, dir, env) = simulator().await;
    let server = start(&db, &dir, &env).await;
    let tokens = Tokens::create(&db).await;
    const REASONS: &str = "query($id: UUID!) { platformRefusalReasons(ticketId: $id) { mode problem reasons { code text needsEvidence } } }";
    let refuse = |id: String, code: String| {
        let server = &server;
        let tokens = &tokens;
        async move {
            step(
                server,
                &tokens.customer_service,
                "rejectApplication",
                Some("RejectApplicationInput"),
                &id,
                json!({ "reason": "不同意", "reasonCode": code }),
            )
            .await;
        }
    };

    for (platform, plain_id, proof_id) in [
        ("douyin", "7100000000000000001", "7100000000000000002"),
        ("kuaishou", "2100000000000101", "2100000000000102"),
    ] {
        let mut tickets = Vec::new();
        for id in [plain_id, proof_id] {
            let p = Platform::parse(platform).unwrap();
            sim.put_record(p, id, 1_764_800_000_000);
            let record = match p {
                Platform::Douyin => douyin(id, 1_764_800_000_000),
                _ => kuaishou(id.parse().unwrap(), 1_764_800_000_000),
            };
            tickets.push(import(&server, &tokens, platform, record).await);
        }
        let listed = server
            .ok(
                &tokens.customer_service,
                REASONS,
                json!({ "id": tickets[0] }),
            )
            .await;
        let listed = &listed["platformRefusalReasons"];
        assert_eq!(listed["mode"], "API", "{listed}");
        let reasons = listed["reasons"].as_array().unwrap();
        let code_of = |evidence: bool| {
            reasons
                .iter()
                .find(|r| r["needsEvidence"] == evidence)
                .and_then(|r| r["code"].as_str())
                .unwrap()
                .to_owned()
        };
        refuse(tickets[0].clone(), code_of(false)).await;
        refuse(tickets[1].clone(), code_of(true)).await;

        let sent = answered(&server, &tokens, &tickets[0]).await;
        assert_eq!(sent["outcome"], "SUCCEEDED", "{platform}: {sent}");
        assert_eq!(applied_to(&sim, plain_id).len(), 1);
        let handed = answered(&server, &tokens, &tickets[1]).await;
        assert_eq!(handed["outcome"], "NEEDS_PERSON", "{platform}: {handed}");
        assert_eq!(handed["reason"], "evidence_required", "{handed}");
        assert!(applied_to(&sim, proof_id).is_empty());
    }

    // Taobao lists its reasons too; each needs a proof (Tmall's refuse_proof).
    sim.put_record(Platform::Taobao, "212300000000000101", 5);
    let tb = import(&server, &tokens, "taobao", taobao("212300000000000101", 5)).await;
    let listed = server
        .ok(&tokens.customer_service, REASONS, json!({ "id": tb }))
        .await;
    let reasons = listed["platformRefusalReasons"]["reasons"]
        .as_array()
        .unwrap();
    assert!(!reasons.is_empty(), "{listed}");
    assert!(
        reasons.iter().all(|r| r["needsEvidence"] == true),
        "{listed}"
    );
    server.stop().await;
}

async fn an_exchange_is_confirmed_received_and_shipped_through_the_api(db: TestDatabase) {
    use returns_domain::platform_action::PlatformAction;
    let (sim, dir, env) = simulator().await;
    let server = start(&db, &dir, &env).await;
    let tokens = Tokens::create(&db).await;
    let refund = "2100000000006";
    let record = |status: i64, version: i64| {
        let mut r = kuaishou(2_100_000_000_006, version);
        r["handlingWay"] = json!(3);
        r["status"] = json!(status);
        r["skuId"] = json!(700_101);
        r["num"] = json!(1);
        if status >= 40 {
            r["expressNo"] = json!("SF1400099999");
            r["expressCode"] = json!(4);
        }
        r
    };
    sim.put_record(Platform::Kuaishou, refund, 1_764_800_000_000);
    let id = import(&server, &tokens, "kuaishou", record(11, 1_764_800_000_000)).await;
    approve(&server, &tokens, &id).await;
    assert_eq!(
        answered_nth(&server, &tokens, &id, 0).await["outcome"],
        "SUCCEEDED"
    );

    // The buyer ships the return; the platform's record (its version moved
    // with our approval) comes in, as it would by push.
    let shipped = sim.version(Platform::Kuaishou, refund).unwrap();
    import(&server, &tokens, "kuaishou", record(40, shipped)).await;
    step(
        &server,
        &tokens.warehouse,
        "receiveReturn",
        Some("ReceiveReturnInput"),
        &id,
        json!({ "lines": [{ "lineId": "700101", "qty": 1 }], "packageCondition": "INTACT" }),
    )
    .await;
    let received = answered_nth(&server, &tokens, &id, 1).await;
    assert_eq!(received["outcome"], "SUCCEEDED", "{received}");
    assert_eq!(received["platformVersion"], json!(shipped));

    step(
        &server,
        &tokens.warehouse,
        "recordInspection",
        Some("RecordInspectionInput"),
        &id,
        json!({
        "lineId": "700101", "qtyInspected": 1, "qtyAccepted": 1, "grade": "NEW", "verdict": "PASS",
        "deduction": { "amountMinor": 0, "currency": "CNY" } }),
    )
    .await;
    step(
        &server,
        &tokens.warehouse,
        "completeInspection",
        None,
        &id,
        json!(null),
    )
    .await;
    // The record after the seller confirmed receipt.
    let confirmed = sim.version(Platform::Kuaishou, refund).unwrap();
    import(&server, &tokens, "kuaishou", record(40, confirmed)).await;
    // Kuaishou's carrier code 4, as its express list numbers carriers.
    step(
        &server,
        &tokens.warehouse,
        "shipReplacement",
        Some("ShipmentInput"),
        &id,
        json!({ "carrier": "4", "trackingNumber": "SF1400012345" }),
    )
    .await;
    let sent = answered_nth(&server, &tokens, &id, 2).await;
    assert_eq!(sent["outcome"], "SUCCEEDED", "{sent}");

    let done: Vec<PlatformAction> = applied_to(&sim, refund).iter().map(|a| a.action).collect();
    assert_eq!(
        done,
        [
            PlatformAction::ApproveApplication,
            PlatformAction::ConfirmReturnReceived,
            PlatformAction::ShipExchange
        ]
    );
    server.stop().await;
}

async fn what_the_api_cannot_do_becomes_a_persons_task_with_the_platforms_words(db: TestDatabase) {
    let (sim, dir, env) = simulator_with(false).await;
    let server = start(&db, &dir, &env).await;
    let tokens = Tokens::create(&db).await;

    // The platform moved on since intake's record: re-read, still stale,
    // so a person.
    sim.put_record(Platform::Kuaishou, "2100000000002", 1_764_800_000_999);
    let stale = import(
        &server,
        &tokens,
        "kuaishou",
        kuaishou(2_100_000_000_002, 1_764_800_000_000),
    )
    .await;
    approve(&server, &tokens, &stale).await;
    let answer = answered(&server, &tokens, &stale).await;
    assert_eq!(answer["outcome"], "NEEDS_PERSON", "{answer}");
    assert_eq!(answer["reason"], "stale_version", "{answer}");
    assert!(answer["code"].as_str().is_some(), "{answer}");

    // Douyin lets this after-sale be handled in its back office only.
    sim.put_record(Platform::Douyin, "7300000000000000011", 1_764_800_100);
    sim.fault(
        Platform::Douyin,
        "7300000000000000011",
        Fault::BackOfficeOnly,
    );
    let office = import(
        &server,
        &tokens,
        "douyin",
        douyin("7300000000000000011", 1_764_800_100),
    )
    .await;
    reject(&server, &tokens, &office, "超出售后期").await;
    let answer = answered(&server, &tokens, &office).await;
    assert_eq!(answer["outcome"], "NEEDS_PERSON", "{answer}");
    assert_eq!(answer["reason"], "back_office_only", "{answer}");

    // Approving a Douyin return needs the shop's return-address id, which
    // this shop has not configured: a person does it, told so.
    sim.put_record(Platform::Douyin, "7300000000000000012", 1_764_800_200);
    let address = import(
        &server,
        &tokens,
        "douyin",
        douyin("7300000000000000012", 1_764_800_200),
    )
    .await;
    approve(&server, &tokens, &address).await;
    let answer = answered(&server, &tokens, &address).await;
    assert_eq!(answer["outcome"], "NEEDS_PERSON", "{answer}");
    assert_eq!(answer["reason"], "no_api_call", "{answer}");

    // The platform is down an hour before it decides by itself: no time
    // to wait for it, so a person, told how long is left.
    sim.put_record(Platform::Kuaishou, "2100000000005", 1_764_800_000_000);
    sim.fault(
        Platform::Kuaishou,
        "2100000000005",
        Fault::Unavailable { times: 5 },
    );
    let mut soon = kuaishou(2_100_000_000_005, 1_764_800_000_000);
    soon["expireTime"] = json!(Utc::now().timestamp_millis() + 3_600_000);
    let close = import(&server, &tokens, "kuaishou", soon).await;
    approve(&server, &tokens, &close).await;
    let answer = answered(&server, &tokens, &close).await;
    assert_eq!(answer["outcome"], "NEEDS_PERSON", "{answer}");
    assert_eq!(answer["reason"], "deadline_close", "{answer}");
    assert!(
        answer["message"]
            .as_str()
            .unwrap()
            .contains("left before the platform decides"),
        "{answer}"
    );

    // Negotiating (a counter-offer): no platform documents a seller call
    // for our offers (Taobao's taobao.refund.negotiatereturn proposes a
    // return and refund at an address from its own render call, which none
    // of a partial refund, a conversion or another address is), so a person
    // makes it in the back office, told where.
    sim.put_record(Platform::Taobao, "212300000000000201", 9);
    let offer = import(&server, &tokens, "taobao", taobao("212300000000000201", 9)).await;
    step(
        &server,
        &tokens.customer_service,
        "makeCounterOffer",
        Some("MakeCounterOfferInput"),
        &offer,
        json!({
            "partialRefund": { "amountMinor": 1000, "currency": "CNY" },
            "respondBy": (Utc::now() + chrono::Duration::days(2)).to_rfc3339(),
            "note": "退一半，商品不用寄回"
        }),
    )
    .await;
    let answer = answered(&server, &tokens, &offer).await;
    assert_eq!(answer["outcome"], "NEEDS_PERSON", "{answer}");
    assert_eq!(answer["reason"], "no_api_call", "{answer}");
    assert!(
        answer["message"].as_str().unwrap().contains("千牛"),
        "{answer}"
    );

    assert!(sim.applied().is_empty(), "{:?}", sim.applied());
    // Each is on the platform tasks queue, and a person closes it.
    let tasks = server
        .ok(
            &tokens.customer_service,
            "{ platformTasks { nodes { ticketId seq answer { reason } } } }",
            json!({}),
        )
        .await;
    let nodes = tasks["platformTasks"]["nodes"].as_array().unwrap().clone();
    for id in [&stale, &office, &address, &close, &offer] {
        assert!(
            nodes.iter().any(|n| n["ticketId"] == json!(id)),
            "{id} not queued: {nodes:?}"
        );
    }
    let confirmed = server
        .ok(
            &tokens.customer_service,
            &mutation("confirmPlatformAction", Some("ConfirmPlatformActionInput")),
            json!({ "id": office, "cmd": cmd(), "input": { "seq": 1 } }),
        )
        .await;
    assert!(!confirmed.is_null());
    let data = server
        .ok(&tokens.customer_service, ACTIONS, json!({ "id": office }))
        .await;
    assert!(data["ticket"]["platformActions"][0]["doneAt"].is_string());
    server.stop().await;
}

async fn a_server_killed_after_sending_sends_nothing_twice(db: TestDatabase) {
    let (sim, dir, env) = simulator().await;
    let server = start(&db, &dir, &env).await;
    let tokens = Tokens::create(&db).await;
    sim.put_record(Platform::Kuaishou, "2100000000003", 1_764_800_000_000);
    let id = import(
        &server,
        &tokens,
        "kuaishou",
        kuaishou(2_100_000_000_003, 1_764_800_000_000),
    )
    .await;
    approve(&server, &tokens, &id).await;
    // Killed the moment the platform has it: the answer may or may not be
    // in the log.
    for _ in 0..300 {
        if !applied_to(&sim, "2100000000003").is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    server.kill9().await;
    assert_eq!(applied_to(&sim, "2100000000003").len(), 1);

    // Restarted (twice over on PostgreSQL: two servers on one database),
    // with more decisions to send at once.
    let first = start(&db, &dir, &env).await;
    let second = if db.url().starts_with("postgres") {
        Some(start(&db, &dir, &env).await)
    } else {
        None
    };
    let mut ids = Vec::new();
    for n in 0..6_i64 {
        let server = match (&second, n % 2) {
            (Some(second), 1) => second,
            _ => &first,
        };
        let refund = 2_100_000_000_100 + n;
        sim.put_record(Platform::Kuaishou, &refund.to_string(), 1_764_800_000_000);
        let ticket = import(
            server,
            &tokens,
            "kuaishou",
            kuaishou(refund, 1_764_800_000_000),
        )
        .await;
        approve(server, &tokens, &ticket).await;
        ids.push((ticket, refund.to_string()));
    }
    let answer = answered(&first, &tokens, &id).await;
    assert_eq!(answer["outcome"], "SUCCEEDED", "{answer}");
    for (ticket, refund) in &ids {
        let answer = answered(&first, &tokens, ticket).await;
        assert_eq!(answer["outcome"], "SUCCEEDED", "{answer}");
        assert_eq!(applied_to(&sim, refund).len(), 1, "{refund}");
    }
    assert_eq!(applied_to(&sim, "2100000000003").len(), 1);
    assert_eq!(sim.applied().len(), 7, "{:?}", sim.applied());
    if let Some(second) = second {
        second.stop().await;
    }
    first.stop().await;
}

/// Three Douyin approvals decided while no workflow ran, so the runner finds
/// them at once and sends them in one `afterSale/operate` call; the platform
/// fails one item, which fails the call: that one is a person's task, the
/// other two are sent again on their own and done.
async fn a_batch_with_one_failing_item_hands_it_over_and_sends_the_rest_alone(db: TestDatabase) {
    let (sim, dir, env) = simulator().await;
    let paused = start_with(&db, &dir, &env, &["--no-workflows"]).await;
    let tokens = Tokens::create(&db).await;
    let mut tickets = Vec::new();
    for n in 0..3 {
        let after_sale = format!("710000000000000030{n}");
        sim.put_record(Platform::Douyin, &after_sale, 1_764_800_300);
        let id = import(
            &paused,
            &tokens,
            "douyin",
            douyin(&after_sale, 1_764_800_300),
        )
        .await;
        approve(&paused, &tokens, &id).await;
        tickets.push((id, after_sale));
    }
    sim.fault(Platform::Douyin, &tickets[1].1, Fault::ItemFails);
    paused.stop().await;
    assert_eq!(sim.calls(), 0, "nothing is sent without workflows");

    let server = start(&db, &dir, &env).await;
    let failed = answered(&server, &tokens, &tickets[1].0).await;
    assert_eq!(failed["outcome"], "NEEDS_PERSON", "{failed}");
    assert_eq!(failed["reason"], "batch_item_failed", "{failed}");
    for (id, after_sale) in [&tickets[0], &tickets[2]] {
        let answer = answered(&server, &tokens, id).await;
        assert_eq!(answer["outcome"], "SUCCEEDED", "{answer}");
        assert_eq!(applied_to(&sim, after_sale).len(), 1);
    }
    assert!(applied_to(&sim, &tickets[1].1).is_empty());
    server.stop().await;
}

async fn in_manual_mode_nothing_leaves_the_server(db: TestDatabase) {
    let (sim, _dir, _env) = simulator().await;
    let server = Server::start(&db, &["serve"]).await;
    let tokens = Tokens::create(&db).await;
    sim.put_record(Platform::Kuaishou, "2100000000004", 1_764_800_000_000);
    let id = import(
        &server,
        &tokens,
        "kuaishou",
        kuaishou(2_100_000_000_004, 1_764_800_000_000),
    )
    .await;
    approve(&server, &tokens, &id).await;
    let tasks = crate::helpers::wait_for_data(
        &server,
        &tokens.customer_service,
        "{ platformTasks { nodes { ticketId action afterSaleId answer { outcome } } } }",
        json!({}),
        |d| {
            d["platformTasks"]["nodes"]
                .as_array()
                .is_some_and(|n| n.iter().any(|t| t["ticketId"] == json!(id)))
        },
    )
    .await;
    let task = tasks["platformTasks"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["ticketId"] == json!(id))
        .unwrap()
        .clone();
    assert_eq!(task["afterSaleId"], "2100000000004");
    assert!(task["answer"].is_null());
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(sim.calls(), 0);
    server.stop().await;
}
