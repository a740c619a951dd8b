//! Malformed GraphQL and malformed platform payloads, table-driven: each
//! gets a clear error with the right code, the server stays up, and the log
//! is unchanged.

use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use returns_eventstore::Metadata;
use returns_intake::{import_one, migrate, Mappings};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::support::{
    assert_none_written, cmd, code, command_id_of, mutation, open_input, open_ticket, step, store,
    token, Server, OPEN,
};

contract_tests!(
    malformed_values_get_validation_codes_and_change_nothing,
    malformed_graphql_documents_are_refused_clearly_and_change_nothing,
    oversized_and_broken_bodies_are_refused_and_the_server_stays_up,
    malformed_platform_payloads_are_refused_with_validation_and_write_nothing,
);

/// One malformed request and the code it must get.
struct Case {
    name: &'static str,
    role: &'static str,
    query: String,
    variables: Value,
    code: &'static str,
}

/// A ticket inspected and passed (757.00 CNY refundable), ready for refunds.
async fn inspected_ticket(server: &Server, cs: &str, wh: &str) -> String {
    let id = open_ticket(server, cs, "BAD-1").await;
    step(server, cs, "approveApplication", Some("ApproveApplicationInput"), &id,
        json!({ "returnAddress": { "recipient": "Returns desk", "phone": "021-1", "address": "Jiading, Shanghai" } })).await;
    step(
        server,
        cs,
        "registerReturnShipment",
        Some("ShipmentInput"),
        &id,
        json!({ "carrier": "SF", "trackingNumber": "SF1" }),
    )
    .await;
    step(server, wh, "receiveReturn", Some("ReceiveReturnInput"), &id,
        json!({ "lines": [{ "lineId": "L1", "qty": 1 }, { "lineId": "L2", "qty": 2 }], "packageCondition": "INTACT" })).await;
    for (line, qty) in [("L1", 1), ("L2", 2)] {
        step(server, wh, "recordInspection", Some("RecordInspectionInput"), &id, json!({ "lineId": line, "qtyInspected": qty,
            "qtyAccepted": qty, "grade": "NEW", "verdict": "PASS", "deduction": { "amountMinor": 0, "currency": "CNY" } })).await;
    }
    step(server, wh, "completeInspection", None, &id, Value::Null).await;
    id
}

/// How strictly a table is judged.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Judge {
    /// The error must carry the case's `extensions.code`.
    Code,
    /// A clear error (a message, no data) suffices.
    Message,
}

async fn run_cases(db: &TestDatabase, server: &Server, cases: Vec<Case>, judge: Judge) {
    let store = store(db).await;
    let head = store.head_position().await.unwrap();
    let mut tokens = std::collections::HashMap::new();
    for role in [
        "customer_service",
        "warehouse",
        "finance",
        "auditor",
        "admin",
    ] {
        tokens.insert(role, token(db, role, &format!("{role}-bad-input")).await);
    }
    let mut failures = Vec::new();
    let mut sent = Vec::new();
    for case in cases {
        sent.extend(command_id_of(&case.variables));
        let response = server
            .gql(&tokens[case.role], &case.query, case.variables.clone())
            .await;
        let message = response["errors"][0]["message"].as_str().unwrap_or("");
        let code_ok = judge == Judge::Message || code(&response) == Some(case.code);
        if !code_ok || message.trim().is_empty() || data_has_payload(&response) {
            failures.push(format!(
                "{}: wanted {} → {}",
                case.name, case.code, response
            ));
        }
        assert!(server.healthy().await, "{} took the server down", case.name);
    }
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // Workflows may write on their own meanwhile; none of ours may have.
    assert_none_written(&store, head, &sent).await;
}

/// Whether any top-level field of `data` carries a result (a refused mutation must not).
fn data_has_payload(response: &Value) -> bool {
    response["data"]
        .as_object()
        .is_some_and(|d| d.values().any(|v| !v.is_null()))
}

fn money(amount: Value, currency: &str) -> Value {
    json!({ "amountMinor": amount, "currency": currency })
}

async fn malformed_values_get_validation_codes_and_change_nothing(db: TestDatabase) {
    let (cs, wh) = (
        token(&db, "customer_service", "alice").await,
        token(&db, "warehouse", "wang").await,
    );
    let server = Server::start_without_workflows(&db).await;
    let id = inspected_ticket(&server, &cs, &wh).await;
    let refund = mutation("requestRefund", Some("RequestRefundInput"));
    let note = mutation("addNote", Some("AddNoteInput"));
    let with_input = |input: Value| json!({ "id": id, "cmd": cmd(), "input": input });
    let open = |f: &dyn Fn(&mut Value)| {
        let mut input = open_input("RETURN_AND_REFUND", "BAD-OPEN");
        f(&mut input);
        json!({ "cmd": cmd(), "input": input })
    };
    let cases = vec![
        Case {
            name: "negative refund",
            role: "finance",
            query: refund.clone(),
            variables: with_input(json!({ "amount": money(json!(-100), "CNY") })),
            code: "VALIDATION",
        },
        Case {
            name: "zero refund",
            role: "finance",
            query: refund.clone(),
            variables: with_input(json!({ "amount": money(json!(0), "CNY") })),
            code: "VALIDATION",
        },
        Case {
            name: "refund above what was paid",
            role: "finance",
            query: refund.clone(),
            variables: with_input(json!({ "amount": money(json!(75_701), "CNY") })),
            code: "VALIDATION",
        },
        Case {
            name: "wrong-currency refund",
            role: "finance",
            query: refund.clone(),
            variables: with_input(json!({ "amount": money(json!(100), "USD") })),
            code: "VALIDATION",
        },
        Case {
            name: "lowercase currency",
            role: "finance",
            query: refund.clone(),
            variables: with_input(json!({ "amount": money(json!(100), "cny") })),
            code: "VALIDATION",
        },
        Case {
            name: "note of 5,000 characters",
            role: "customer_service",
            query: note.clone(),
            variables: with_input(json!({ "text": "x".repeat(5_000) })),
            code: "VALIDATION",
        },
        Case {
            name: "note of 200 KB",
            role: "customer_service",
            query: note.clone(),
            variables: with_input(json!({ "text": "长".repeat(60_000) })),
            code: "VALIDATION",
        },
        Case {
            name: "empty note",
            role: "customer_service",
            query: note.clone(),
            variables: with_input(json!({ "text": "" })),
            code: "VALIDATION",
        },
        Case {
            name: "note on a ticket that does not exist",
            role: "customer_service",
            query: note.clone(),
            variables: json!({ "id": Uuid::now_v7(), "cmd": cmd(), "input": { "text": "hello" } }),
            code: "NOT_FOUND",
        },
        Case {
            name: "open with no lines",
            role: "customer_service",
            query: OPEN.into(),
            variables: open(&|i| i["lines"] = json!([])),
            code: "VALIDATION",
        },
        Case {
            name: "open with a zero quantity",
            role: "customer_service",
            query: OPEN.into(),
            variables: open(&|i| i["lines"][0]["qty"] = json!(0)),
            code: "VALIDATION",
        },
        Case {
            name: "open with a negative paid amount",
            role: "customer_service",
            query: OPEN.into(),
            variables: open(&|i| i["lines"][0]["paid"]["amountMinor"] = json!(-1)),
            code: "VALIDATION",
        },
        Case {
            name: "open with lines in two currencies",
            role: "customer_service",
            query: OPEN.into(),
            variables: open(&|i| i["lines"][1]["paid"]["currency"] = json!("USD")),
            code: "VALIDATION",
        },
        Case {
            name: "open with duplicate line ids",
            role: "customer_service",
            query: OPEN.into(),
            variables: open(&|i| i["lines"][1]["lineId"] = json!("L1")),
            code: "VALIDATION",
        },
        Case {
            name: "receive after the inspection is complete",
            role: "warehouse",
            query: mutation("receiveReturn", Some("ReceiveReturnInput")),
            variables: with_input(
                json!({ "lines": [{ "lineId": "L1", "qty": 5 }], "packageCondition": "INTACT" }),
            ),
            code: "INVALID_TRANSITION",
        },
        Case {
            name: "page of 100,000 audit events",
            role: "auditor",
            query: "query { auditLog(first: 100000) { edges { cursor } } }".into(),
            variables: json!({}),
            code: "VALIDATION",
        },
        Case {
            name: "page of 0 audit events",
            role: "auditor",
            query: "query { auditLog(first: 0) { edges { cursor } } }".into(),
            variables: json!({}),
            code: "VALIDATION",
        },
        Case {
            name: "SQL in a stale expected version",
            role: "customer_service",
            query: note.clone(),
            variables: json!({ "id": id, "cmd": cmd(), "expected": 1, "input": { "text": "'; DELETE FROM events; --" } }),
            code: "CONFLICT",
        },
    ];
    run_cases(&db, &server, cases, Judge::Code).await;
    server.stop().await;
}

/// Two lines each paid `i64::MAX` minor units: their total cannot be
/// represented: the domain caps every amount (10^13 minor units), so the
/// command is refused before any sum is taken.
#[tokio::test]
async fn lines_whose_total_overflows_64_bits_are_refused() {
    let db = TestDatabase::sqlite();
    let server = Server::start(&db).await;
    let mut input = open_input("RETURN_AND_REFUND", "OVERFLOW-1");
    input["lines"][0]["paid"]["amountMinor"] = json!(i64::MAX);
    input["lines"][1]["paid"]["amountMinor"] = json!(i64::MAX);
    let cases = vec![Case {
        name: "open with lines whose total overflows 64 bits",
        role: "customer_service",
        query: OPEN.into(),
        variables: json!({ "cmd": cmd(), "input": input }),
        code: "VALIDATION",
    }];
    run_cases(&db, &server, cases, Judge::Code).await;
    server.stop().await;
}

async fn malformed_graphql_documents_are_refused_clearly_and_change_nothing(db: TestDatabase) {
    let server = Server::start(&db).await;
    let cases = document_cases(&db, &server).await;
    run_cases(&db, &server, cases, Judge::Message).await;
    server.stop().await;
}

/// The same table judged by code: the GraphQL engine's own errors (parse,
/// variable coercion, unknown fields, depth) reach the client without an
/// `extensions.code` of their own; the API gives them `VALIDATION`.
#[tokio::test]
async fn malformed_graphql_documents_carry_a_validation_code() {
    let db = TestDatabase::sqlite();
    let server = Server::start(&db).await;
    let cases = document_cases(&db, &server).await;
    run_cases(&db, &server, cases, Judge::Code).await;
    server.stop().await;
}

async fn document_cases(db: &TestDatabase, server: &Server) -> Vec<Case> {
    let cs = token(db, "customer_service", "alice").await;
    let id = open_ticket(server, &cs, "BAD-2").await;
    let note = mutation("addNote", Some("AddNoteInput"));
    let open_with = |f: &dyn Fn(&mut Value)| {
        let mut input = open_input("RETURN_AND_REFUND", "BAD-DOC");
        f(&mut input);
        json!({ "cmd": cmd(), "input": input })
    };
    let deep = format!(
        "query {{ __schema {{ types {{ {} name {} }} }} }}",
        "fields { type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType { ofType {",
        "}".repeat(17)
    );
    vec![
        Case {
            name: "quantity as a string",
            role: "customer_service",
            query: OPEN.into(),
            variables: open_with(&|i| i["lines"][0]["qty"] = json!("two")),
            code: "VALIDATION",
        },
        Case {
            name: "unknown enum value",
            role: "customer_service",
            query: OPEN.into(),
            variables: open_with(&|i| i["kind"] = json!("GIFT_CARD")),
            code: "VALIDATION",
        },
        Case {
            name: "amount beyond a 64-bit integer",
            role: "customer_service",
            query: OPEN.into(),
            variables: open_with(&|i| i["lines"][0]["paid"]["amountMinor"] = json!(u64::MAX)),
            code: "VALIDATION",
        },
        Case {
            name: "fractional amount",
            role: "customer_service",
            query: OPEN.into(),
            variables: open_with(&|i| i["lines"][0]["paid"]["amountMinor"] = json!(12.5)),
            code: "VALIDATION",
        },
        Case {
            name: "invalid ticket UUID",
            role: "customer_service",
            query: note.clone(),
            variables: json!({ "id": "not-a-uuid", "cmd": cmd(), "input": { "text": "hi" } }),
            code: "VALIDATION",
        },
        Case {
            name: "invalid command UUID",
            role: "customer_service",
            query: note.clone(),
            variables: json!({ "id": id, "cmd": "1234", "input": { "text": "hi" } }),
            code: "VALIDATION",
        },
        Case {
            name: "missing required variable",
            role: "customer_service",
            query: note.clone(),
            variables: json!({ "id": id, "input": { "text": "hi" } }),
            code: "VALIDATION",
        },
        Case {
            name: "syntax error",
            role: "customer_service",
            query: "mutation { addNote(".into(),
            variables: json!({}),
            code: "VALIDATION",
        },
        Case {
            name: "unknown field",
            role: "customer_service",
            query: "query { ticket(id: \"00000000-0000-7000-8000-000000000000\") { password } }"
                .into(),
            variables: json!({}),
            code: "VALIDATION",
        },
        Case {
            name: "nesting deeper than the limit",
            role: "customer_service",
            query: deep,
            variables: json!({}),
            code: "VALIDATION",
        },
    ]
}

async fn oversized_and_broken_bodies_are_refused_and_the_server_stays_up(db: TestDatabase) {
    let cs = token(&db, "customer_service", "alice").await;
    let server = Server::start(&db).await;
    let store = store(&db).await;
    let id = open_ticket(&server, &cs, "BAD-3").await;
    let head = store.head_position().await.unwrap();
    let huge_cmd = cmd();
    let huge = json!({ "query": mutation("addNote", Some("AddNoteInput")),
        "variables": { "id": id, "cmd": huge_cmd, "input": { "text": "x".repeat(400_000) } } });
    // Refused before parsing: a 413, or the connection closed mid-upload.
    match server
        .post_raw(&cs, serde_json::to_vec(&huge).unwrap())
        .await
    {
        Ok((status, _)) => assert_eq!(status, 413, "a body over the limit is refused"),
        Err(err) => assert!(!err.is_timeout(), "{err}"),
    }
    let (status, body) = server
        .post_raw(&cs, b"{\"query\": \"mutation {".to_vec())
        .await
        .unwrap();
    assert_eq!(status, 400, "broken JSON is a bad request: {body}");
    let (status, body) = server
        .post_raw(&cs, vec![0xff, 0xfe, 0x00, 0x01])
        .await
        .unwrap();
    assert_eq!(status, 400, "binary garbage is a bad request: {body}");
    assert!(server.healthy().await);
    assert_none_written(&store, head, &[huge_cmd]).await;
    server.stop().await;
}

async fn malformed_platform_payloads_are_refused_with_validation_and_write_nothing(
    db: TestDatabase,
) {
    let store = store(&db).await;
    migrate(&store).await.unwrap();
    let mappings = Mappings::builtin().unwrap();
    let path = format!(
        "{}/../intake/tests/fixtures/douyin_return.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let good: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let meta = || Metadata::new("intake", "admin").with_command_id(cmd());
    let mut bad: Vec<(&str, &str, Value)> = vec![
        ("not an object", "douyin", json!([1, 2, 3])),
        ("empty object", "douyin", json!({})),
        ("unknown platform", "jd", good.clone()),
    ];
    // Every top-level field of a good record removed, or replaced by a wrong type.
    let fields: Vec<String> = good.as_object().unwrap().keys().cloned().collect();
    let mut broken = Vec::new();
    for field in &fields {
        for replacement in [
            Value::Null,
            json!({ "nested": true }),
            json!(-1),
            json!("🙃"),
            json!(i64::MAX),
        ] {
            let mut payload = good.clone();
            payload[field.as_str()] = replacement.clone();
            broken.push((field.clone(), replacement, payload));
        }
    }
    for (name, platform, payload) in bad.drain(..) {
        let head = store.head_position().await.unwrap();
        let err = import_one(
            &returns_tickets::Tickets::plaintext(store.clone()),
            &mappings,
            platform,
            &payload,
            meta(),
        )
        .await
        .unwrap_err();
        assert_eq!(err.code(), "VALIDATION", "{name}: {err}");
        assert!(!err.to_string().is_empty());
        assert_eq!(
            store.head_position().await.unwrap(),
            head,
            "{name} wrote to the log"
        );
    }
    // Issue 14: only the core of an application (key, order, kind, a line
    // with an amount) may refuse a record; anything else broken becomes a
    // warning on a ticket that still opens.
    let core = [
        "aftersale_id",
        "order_id",
        "aftersale_type",
        "refund_amount",
    ];
    let mut refused = 0;
    for (field, replacement, payload) in &broken {
        let head = store.head_position().await.unwrap();
        match import_one(
            &returns_tickets::Tickets::plaintext(store.clone()),
            &mappings,
            "douyin",
            payload,
            meta(),
        )
        .await
        {
            Err(err) => {
                refused += 1;
                assert!(
                    core.contains(&field.as_str()),
                    "{field} = {replacement} refused: {err}"
                );
                assert_eq!(err.code(), "VALIDATION", "{err}");
                assert_eq!(
                    store.head_position().await.unwrap(),
                    head,
                    "a refused record wrote: {err}"
                );
            }
            Ok(_) => assert!(
                !(core.contains(&field.as_str()) && replacement.is_null()),
                "a record without {field} cannot be a ticket"
            ),
        }
    }
    assert!(
        refused >= core.len(),
        "each core field refuses when missing ({refused})"
    );
}
