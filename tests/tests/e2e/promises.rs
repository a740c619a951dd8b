//! The API keeps its promises (issue 12), each checked through the real
//! binary on both backends: command ids are scoped to one command on one
//! ticket, GET never writes, codes say what happened, every queue a
//! workflow fills can be listed and agrees with the subscription, and no
//! workflow takes a person's step away.

use std::collections::BTreeSet;
use std::time::Duration;

use futures::StreamExt;
use returns::auth::principal::TOKEN_ROLES;
use returns::cli::demo::example_query;
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::Message;

use crate::helpers::{
    cmd, code, mutation, open_input, step, wait_for_data, wait_for_ticket, Server, Tokens, OPEN,
};
use crate::subscriptions::{connect, receive, subscribe, Socket};

contract_tests!(
    a_command_id_reused_for_another_command_is_refused_and_writes_nothing,
    get_never_mutates_post_takes_json_and_bearer_is_case_insensitive,
    unreachable_positions_and_versions_have_their_own_answers,
    every_warehouse_queue_is_listable_and_agrees_with_the_subscription,
    after_a_partial_inspection_feedback_stays_possible_and_the_ticket_closes_by_itself,
    the_demo_prints_a_query_each_role_may_run,
    amounts_beyond_32_bits_travel_as_minor_units,
);

const ADDRESS: &str = r#"{ "returnAddress": { "recipient": "Returns desk", "phone": "021-1", "address": "Jiading" } }"#;

fn address() -> Value {
    serde_json::from_str(ADDRESS).unwrap()
}

async fn open(server: &Server, token: &str, kind: &str, order: &str) -> (String, i64) {
    let data = server
        .ok(
            token,
            OPEN,
            json!({ "cmd": cmd(), "input": open_input(kind, order) }),
        )
        .await;
    (
        data["openTicket"]["ticket"]["id"]
            .as_str()
            .unwrap()
            .to_owned(),
        data["openTicket"]["position"].as_i64().unwrap(),
    )
}

async fn head(server: &Server, token: &str) -> i64 {
    let data = server
        .ok(token, "{ projectionLag { head } }", json!(null))
        .await;
    data["projectionLag"][0]["head"].as_i64().unwrap()
}

async fn a_command_id_reused_for_another_command_is_refused_and_writes_nothing(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let server = Server::start(&db, &["serve", "--no-workflows"]).await;
    let cs = &tokens.customer_service;
    let (a, _) = open(&server, cs, "RETURN_AND_REFUND", "CMD-A").await;
    let (b, _) = open(&server, cs, "RETURN_AND_REFUND", "CMD-B").await;
    let approve = mutation("approveApplication", Some("ApproveApplicationInput"));
    let note = mutation("addNote", Some("AddNoteInput"));
    let id = cmd();

    let first = server
        .ok(
            cs,
            &approve,
            json!({ "id": a, "cmd": id, "input": address() }),
        )
        .await;
    // The same command again, its input spelled in another order: the first result.
    let again = server
        .ok(
            cs,
            "mutation($id: UUID!, $cmd: UUID!) { approveApplication(ticketId: $id, commandId: $cmd, input: { returnAddress: { address: \"Jiading\", phone: \"021-1\", recipient: \"Returns desk\" } }) { version position repeated } }",
            json!({ "id": a, "cmd": id }),
        )
        .await;
    assert_eq!(again["approveApplication"]["repeated"], true, "{again}");
    assert_eq!(
        again["approveApplication"]["position"],
        first["approveApplication"]["position"]
    );

    let head_before = head(&server, &tokens.admin).await;
    let refusals = [
        // The same command on another ticket.
        (
            approve.clone(),
            json!({ "id": b, "cmd": id, "input": address() }),
        ),
        // Another command on the same ticket.
        (
            note.clone(),
            json!({ "id": a, "cmd": id, "input": { "text": "hello" } }),
        ),
        // The same command with another input.
        (
            approve.clone(),
            json!({ "id": a, "cmd": id, "input": { "returnAddress": { "recipient": "Other desk", "phone": "021-1", "address": "Jiading" } } }),
        ),
    ];
    for (query, variables) in refusals {
        let response = server.gql(cs, &query, variables.clone()).await;
        assert_eq!(
            code(&response),
            Some("VALIDATION"),
            "{variables} → {response}"
        );
        let message = response["errors"][0]["message"].as_str().unwrap();
        assert!(
            message.contains("already used for ApproveApplication"),
            "{message}"
        );
    }
    assert_eq!(
        head(&server, &tokens.admin).await,
        head_before,
        "a refusal wrote"
    );
    let b_now = server
        .ok(
            cs,
            "query($id: UUID!) { ticket(id: $id) { status version } }",
            json!({ "id": b }),
        )
        .await;
    assert_eq!(b_now["ticket"]["status"], "APPLIED");
    assert_eq!(b_now["ticket"]["version"], 1);
    assert!(server.terminate().await);
}

async fn get_never_mutates_post_takes_json_and_bearer_is_case_insensitive(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let server = Server::start(&db, &["serve", "--no-workflows"]).await;
    let cs = &tokens.customer_service;
    let (id, _) = open(&server, cs, "RETURN_AND_REFUND", "GET-1").await;
    let http = reqwest::Client::new();
    let url = format!("{}/graphql", server.base);
    let before = head(&server, &tokens.admin).await;

    let mutation = format!(
        "mutation {{ addNote(ticketId: \"{id}\", commandId: \"{}\", input: {{ text: \"via GET\" }}) {{ version }} }}",
        cmd()
    );
    let response = http
        .get(&url)
        .query(&[("query", mutation.as_str())])
        .bearer_auth(cs)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 405);
    assert_eq!(response.headers()["allow"], "POST");
    let body: Value = response.json().await.unwrap();
    assert_eq!(code(&body), Some("VALIDATION"), "{body}");

    // A query by GET still works.
    let query = format!("{{ ticket(id: \"{id}\") {{ version }} }}");
    let response = http
        .get(&url)
        .query(&[("query", query.as_str())])
        .bearer_auth(cs)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["data"]["ticket"]["version"], 1, "{body}");

    // A cross-site form or text/plain POST never reaches the schema.
    let as_json = json!({ "query": mutation }).to_string();
    for content_type in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
    ] {
        let response = http
            .post(&url)
            .bearer_auth(cs)
            .header("content-type", content_type)
            .body(as_json.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 415, "{content_type}");
    }
    assert_eq!(
        head(&server, &tokens.admin).await,
        before,
        "GET or a non-JSON POST wrote"
    );

    // The scheme is case-insensitive (RFC 7235); JSON with a charset is JSON.
    for scheme in ["bearer", "BEARER", "Bearer"] {
        let response = http
            .post(&url)
            .header("authorization", format!("{scheme} {cs}"))
            .header("content-type", "application/json; charset=utf-8")
            .body(json!({ "query": query }).to_string())
            .send()
            .await
            .unwrap();
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["data"]["ticket"]["version"], 1, "{scheme}: {body}");
    }
    assert!(server.terminate().await);
}

async fn unreachable_positions_and_versions_have_their_own_answers(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let server = Server::start(&db, &["serve", "--no-workflows"]).await;
    let cs = &tokens.customer_service;
    let (id, position) = open(&server, cs, "RETURN_AND_REFUND", "POS-1").await;

    let beyond = position + 1_000_000;
    let response = server
        .gql(
            cs,
            "query($p: Int!) { worklist(atLeastPosition: $p) { nodes { ticketId } } }",
            json!({ "p": beyond }),
        )
        .await;
    assert_eq!(code(&response), Some("NOT_YET_CONSISTENT"), "{response}");
    let extensions = &response["errors"][0]["extensions"];
    assert!(
        extensions["reached"].as_i64().unwrap() <= position,
        "{response}"
    );
    assert!(
        response["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("beyond the log head"),
        "{response}"
    );

    // A position that exists is waited for and answered.
    let data = server
        .ok(
            cs,
            "query($p: Int!) { worklist(atLeastPosition: $p) { nodes { ticketId } } }",
            json!({ "p": position }),
        )
        .await;
    assert_eq!(data["worklist"]["nodes"][0]["ticketId"], id.as_str());

    // A version past the head is not the head.
    let as_of =
        "query($id: UUID!, $v: Int!) { ticketAsOf(id: $id, version: $v) { version status } }";
    let response = server
        .gql(&tokens.auditor, as_of, json!({ "id": id, "v": 999 }))
        .await;
    assert_eq!(code(&response), Some("NOT_FOUND"), "{response}");
    let data = server
        .ok(&tokens.auditor, as_of, json!({ "id": id, "v": 1 }))
        .await;
    assert_eq!(data["ticketAsOf"]["version"], 1);
    assert!(server.terminate().await);
}

/// Drives a ticket of `kind` as far as `until` goes: `shipped`,
/// `received`, `failed`, `partial` or `passed`.
async fn drive(server: &Server, tokens: &Tokens, kind: &str, order: &str, until: &str) -> String {
    let (cs, wh) = (&tokens.customer_service, &tokens.warehouse);
    let (id, _) = open(server, cs, kind, order).await;
    step(
        server,
        cs,
        "approveApplication",
        Some("ApproveApplicationInput"),
        &id,
        address(),
    )
    .await;
    step(
        server,
        cs,
        "registerReturnShipment",
        Some("ShipmentInput"),
        &id,
        json!({ "carrier": "SF", "trackingNumber": format!("SF-{order}") }),
    )
    .await;
    if until == "shipped" {
        return id;
    }
    step(server, wh, "receiveReturn", Some("ReceiveReturnInput"), &id,
        json!({ "lines": [{ "lineId": "L1", "qty": 1 }, { "lineId": "L2", "qty": 2 }], "packageCondition": "INTACT" })).await;
    if until == "received" {
        return id;
    }
    let verdicts = match until {
        "failed" => [("L1", 1, "FAIL"), ("L2", 2, "FAIL")],
        "partial" => [("L1", 1, "PASS"), ("L2", 2, "FAIL")],
        _ => [("L1", 1, "PASS"), ("L2", 2, "PASS")],
    };
    for (line, qty, verdict) in verdicts {
        let accepted = if verdict == "PASS" { qty } else { 0 };
        let grade = if verdict == "PASS" { "NEW" } else { "DAMAGED" };
        step(
            server,
            wh,
            "recordInspection",
            Some("RecordInspectionInput"),
            &id,
            json!({
            "lineId": line, "qtyInspected": qty, "qtyAccepted": accepted, "grade": grade,
            "verdict": verdict, "deduction": { "amountMinor": 0, "currency": "CNY" } }),
        )
        .await;
    }
    step(server, wh, "completeInspection", None, &id, json!(null)).await;
    id
}

/// The next message within `wait`, if any.
async fn next_within(socket: &mut Socket, wait: Duration) -> Option<Value> {
    loop {
        let message = tokio::time::timeout(wait, socket.next())
            .await
            .ok()??
            .ok()?;
        if let Message::Text(text) = message {
            let value: Value = serde_json::from_str(&text).ok()?;
            if value["type"] == "next" {
                return Some(value);
            }
        }
    }
}

const QUEUES: [&str; 4] = [
    "EXPECTED_INBOUND",
    "AWAITING_INSPECTION",
    "REPLACEMENTS_TO_SHIP",
    "RETURNS_TO_CUSTOMER",
];

async fn queue_list(server: &Server, token: &str, queue: &str) -> BTreeSet<String> {
    let data = server
        .ok(
            token,
            "query($q: WarehouseQueue!) { warehouseQueue(queue: $q, first: 100) { nodes { ticketId } } }",
            json!({ "q": queue }),
        )
        .await;
    data["warehouseQueue"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["ticketId"].as_str().unwrap().to_owned())
        .collect()
}

/// Follows the subscription and the lists until the set the subscription
/// built up equals the union of the warehouse's lists; the lists by queue.
async fn converge(
    server: &Server,
    token: &str,
    socket: &mut Socket,
    waiting: &mut BTreeSet<String>,
) -> Vec<BTreeSet<String>> {
    let mut lists = Vec::new();
    for _ in 0..100 {
        while let Some(message) = next_within(socket, Duration::from_millis(200)).await {
            let change = &message["payload"]["data"]["departmentQueue"];
            let ticket = change["ticket"]["id"].as_str().unwrap().to_owned();
            match change["change"].as_str().unwrap() {
                "LEFT" => waiting.remove(&ticket),
                _ => waiting.insert(ticket),
            };
        }
        lists = Vec::new();
        for queue in QUEUES {
            lists.push(queue_list(server, token, queue).await);
        }
        let union: BTreeSet<String> = lists.iter().flatten().cloned().collect();
        if &union == waiting {
            return lists;
        }
    }
    panic!("the subscription's queue {waiting:?} never matched the lists {lists:?}");
}

async fn every_warehouse_queue_is_listable_and_agrees_with_the_subscription(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let server = Server::start(&db, &["serve"]).await;
    let wh = &tokens.warehouse;

    let mut queue = connect(&server, wh).await;
    subscribe(&mut queue, "w", "subscription { departmentQueue(department: WAREHOUSE, afterPosition: 0) { change ticket { id } } }", json!(null)).await;
    let mut desk = connect(&server, &tokens.customer_service).await;
    subscribe(&mut desk, "c", "subscription { departmentQueue(department: CUSTOMER_SERVICE, afterPosition: 0) { change eventType ticket { id } } }", json!(null)).await;
    // From position 0 of a fresh log, so the subscription sees every change.
    let (first, _) = open(
        &server,
        &tokens.customer_service,
        "RETURN_AND_REFUND",
        "Q-0",
    )
    .await;
    let entered = receive(&mut desk).await;
    let change = &entered["payload"]["data"]["departmentQueue"];
    assert_eq!(change["ticket"]["id"], first.as_str(), "{entered}");
    assert_eq!(change["eventType"], "TicketOpened");
    assert_eq!(
        change["change"], "ENTERED",
        "a new ticket enters the queue: {entered}"
    );

    let shipped = drive(&server, &tokens, "RETURN_AND_REFUND", "Q-1", "shipped").await;
    let received = drive(&server, &tokens, "RETURN_AND_REFUND", "Q-2", "received").await;
    let failed = drive(&server, &tokens, "RETURN_AND_REFUND", "Q-3", "failed").await;
    let partial = drive(&server, &tokens, "RETURN_AND_REFUND", "Q-4", "partial").await;
    let exchange = drive(&server, &tokens, "EXCHANGE", "Q-5", "passed").await;

    let mut waiting = BTreeSet::new();
    let lists = converge(&server, wh, &mut queue, &mut waiting).await;
    let expected = [
        vec![&shipped],
        vec![&received],
        vec![&exchange],
        vec![&failed, &partial],
    ];
    for ((name, list), want) in QUEUES.iter().zip(&lists).zip(expected) {
        let want: BTreeSet<String> = want.into_iter().cloned().collect();
        assert_eq!(list, &want, "{name}");
    }
    // The workflow assigned the rejected goods to the queue that lists them.
    for id in [&failed, &partial] {
        let data = wait_for_data(
            &server,
            wh,
            "query($id: UUID!) { ticket(id: $id) { assignee } }",
            json!({ "id": id }),
            |d| d["ticket"]["assignee"] == "warehouse:returns_to_customer",
        )
        .await;
        assert_eq!(data["ticket"]["assignee"], "warehouse:returns_to_customer");
    }

    // Sending the failed goods back takes the ticket out of both, alike.
    step(
        &server,
        wh,
        "returnGoodsToCustomer",
        Some("ShipmentInput"),
        &failed,
        json!({ "carrier": "SF", "trackingNumber": "SF-BACK-3" }),
    )
    .await;
    let lists = converge(&server, wh, &mut queue, &mut waiting).await;
    assert!(!lists[3].contains(&failed), "{lists:?}");
    assert!(!waiting.contains(&failed));
    assert!(server.terminate().await);
}

async fn after_a_partial_inspection_feedback_stays_possible_and_the_ticket_closes_by_itself(
    db: TestDatabase,
) {
    let tokens = Tokens::create(&db).await;
    let server = Server::start(&db, &["serve"]).await;
    let (cs, wh, fi) = (&tokens.customer_service, &tokens.warehouse, &tokens.finance);
    let id = drive(&server, &tokens, "RETURN_AND_REFUND", "PART-1", "partial").await;
    // Right after completeInspection, racing the auto-refund workflow.
    let feedback = step(
        &server,
        cs,
        "sendInspectionFeedback",
        Some("SendInspectionFeedbackInput"),
        &id,
        json!({ "message": "the jacket passed; the T-shirts were damaged and come back to you" }),
    )
    .await;
    assert_eq!(feedback["ticket"]["inspectionOutcome"], "PARTIAL");

    // The accepted jacket is refunded (finance approves: above the
    // automatic limit); `serve` pays nothing by itself, so finance records
    // the payout it made.
    let requested = wait_for_ticket(&server, fi, &id, |t| {
        !t["refunds"].as_array().unwrap().is_empty()
    })
    .await;
    assert_eq!(requested["refunds"][0]["amount"]["amountMinor"], 59900);
    let refund_id = requested["refunds"][0]["refundId"].clone();
    step(
        &server,
        fi,
        "approveRefund",
        Some("ApproveRefundInput"),
        &id,
        json!({ "refundId": refund_id }),
    )
    .await;
    step(
        &server,
        fi,
        "issueRefund",
        Some("IssueRefundInput"),
        &id,
        json!({ "refundId": refund_id, "gatewayReference": "BANK-PART-1" }),
    )
    .await;
    let refunded = wait_for_ticket(&server, fi, &id, |t| t["status"] == "REFUNDED").await;
    assert_eq!(
        refunded["resolution"],
        Value::Null,
        "closed before the goods went back"
    );

    // The failed T-shirts wait in the warehouse's list; once sent back the
    // ticket closes without anyone having to notice it.
    let listed = wait_for_data(
        &server,
        wh,
        "{ warehouseQueue(queue: RETURNS_TO_CUSTOMER) { nodes { ticketId goodsToReturn } } }",
        json!(null),
        |d| {
            d["warehouseQueue"]["nodes"]
                .as_array()
                .is_some_and(|n| !n.is_empty())
        },
    )
    .await;
    assert_eq!(
        listed["warehouseQueue"]["nodes"][0]["ticketId"],
        id.as_str()
    );
    step(
        &server,
        wh,
        "returnGoodsToCustomer",
        Some("ShipmentInput"),
        &id,
        json!({ "carrier": "SF", "trackingNumber": "SF-BACK-PART" }),
    )
    .await;
    let closed = wait_for_ticket(&server, cs, &id, |t| t["status"] == "CLOSED").await;
    assert_eq!(closed["resolution"], "REFUNDED");
    assert!(server.terminate().await);
}

async fn the_demo_prints_a_query_each_role_may_run(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let server = Server::start(&db, &["serve"]).await;
    for role in TOKEN_ROLES {
        let token = match role.as_str() {
            "customer_service" => &tokens.customer_service,
            "warehouse" => &tokens.warehouse,
            "finance" => &tokens.finance,
            "auditor" => &tokens.auditor,
            _ => &tokens.admin,
        };
        let response = server.gql(token, example_query(role), json!(null)).await;
        assert!(
            response["errors"].is_null(),
            "{}: {response}",
            role.as_str()
        );
    }
    assert!(server.terminate().await);
}

async fn amounts_beyond_32_bits_travel_as_minor_units(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let server = Server::start(&db, &["serve", "--no-workflows"]).await;
    let cs = &tokens.customer_service;
    let mut input = open_input("REFUND_ONLY", "BIG-1");
    // 10^11 fen: far beyond a 32-bit Int, what graphql-js refused.
    input["lines"][0]["paid"]["amountMinor"] = json!(100_000_000_000i64);
    input["lines"][1]["paid"]["amountMinor"] = json!("200000000000");
    let data = server
        .ok(cs, "mutation($cmd: UUID!, $input: OpenTicketInput!) { openTicket(commandId: $cmd, input: $input) { ticket { lines { paid { amountMinor } } } } }",
            json!({ "cmd": cmd(), "input": input }))
        .await;
    let ticket = &data["openTicket"]["ticket"];
    assert_eq!(
        ticket["lines"][0]["paid"]["amountMinor"],
        json!(100_000_000_000i64)
    );
    assert_eq!(
        ticket["lines"][1]["paid"]["amountMinor"],
        json!(200_000_000_000i64)
    );
    let types = server
        .ok(
            cs,
            "{ __type(name: \"Money\") { fields { name type { ofType { name } } } } }",
            json!(null),
        )
        .await;
    assert_eq!(
        types["__type"]["fields"][0]["type"]["ofType"]["name"], "MinorUnits",
        "{types}"
    );
    let mut bad = open_input("REFUND_ONLY", "BIG-2");
    bad["lines"][0]["paid"]["amountMinor"] = json!(12.5);
    let response = server
        .gql(cs, OPEN, json!({ "cmd": cmd(), "input": bad }))
        .await;
    assert_eq!(code(&response), Some("VALIDATION"), "{response}");
    assert!(server.terminate().await);
}
