//! A full return-and-refund through HTTP, each step by the role that owns
//! it, then every department's view and the auditor's history.

use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use serde_json::json;

use crate::helpers::{cmd, code, mutation, open_input, step, Server, Tokens, OPEN};

contract_tests!(a_return_is_received_inspected_and_refunded_through_http);

async fn a_return_is_received_inspected_and_refunded_through_http(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let server = Server::start(&db, &["serve"]).await;
    let (cs, wh, fi) = (&tokens.customer_service, &tokens.warehouse, &tokens.finance);

    let opened = server
        .ok(
            cs,
            OPEN,
            json!({ "cmd": cmd(), "input": open_input("RETURN_AND_REFUND", "DY-1") }),
        )
        .await;
    let id = opened["openTicket"]["ticket"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(opened["openTicket"]["ticket"]["status"], "APPLIED");

    // The warehouse cannot approve applications.
    let forbidden = server
        .gql(
            wh,
            &mutation("approveApplication", Some("ApproveApplicationInput")),
            json!({ "id": id, "cmd": cmd(), "input": {} }),
        )
        .await;
    assert_eq!(code(&forbidden), Some("FORBIDDEN"), "{forbidden}");

    let address = json!({ "returnAddress": { "recipient": "Returns desk", "phone": "021-1", "address": "Jiading, Shanghai" } });
    let approved = step(
        &server,
        cs,
        "approveApplication",
        Some("ApproveApplicationInput"),
        &id,
        address,
    )
    .await;
    assert_eq!(approved["ticket"]["status"], "APPROVED");
    let shipped = step(
        &server,
        cs,
        "registerReturnShipment",
        Some("ShipmentInput"),
        &id,
        json!({ "carrier": "SF", "trackingNumber": "SF123456789" }),
    )
    .await;
    assert_eq!(
        shipped["ticket"]["returnShipment"]["trackingNumber"],
        "SF123456789"
    );

    let received = step(&server, wh, "receiveReturn", Some("ReceiveReturnInput"), &id,
        json!({ "lines": [{ "lineId": "L1", "qty": 1 }, { "lineId": "L2", "qty": 2 }], "packageCondition": "INTACT" })).await;
    assert_eq!(received["ticket"]["status"], "RECEIVED");
    step(
        &server,
        wh,
        "recordInspection",
        Some("RecordInspectionInput"),
        &id,
        json!({
        "lineId": "L1", "qtyInspected": 1, "qtyAccepted": 1, "grade": "NEW", "verdict": "PASS",
        "deduction": { "amountMinor": 0, "currency": "CNY" }, "photoRefs": ["p/1.jpg"] }),
    )
    .await;
    step(
        &server,
        wh,
        "recordInspection",
        Some("RecordInspectionInput"),
        &id,
        json!({
        "lineId": "L2", "qtyInspected": 2, "qtyAccepted": 2, "grade": "OPENED", "verdict": "PASS",
        "deduction": { "amountMinor": 1000, "currency": "CNY" }, "notes": "tags removed" }),
    )
    .await;
    let inspected = step(&server, wh, "completeInspection", None, &id, json!(null)).await;
    assert_eq!(inspected["ticket"]["inspectionOutcome"], "PASSED");
    // 599.00 + 158.00 - 10.00 deduction
    assert_eq!(inspected["ticket"]["refundable"]["amountMinor"], 74700);

    step(
        &server,
        cs,
        "sendInspectionFeedback",
        Some("SendInspectionFeedbackInput"),
        &id,
        json!({ "message": "Passed; 10 yuan withheld for removed tags" }),
    )
    .await;

    // Finance cannot be asked for more than is refundable.
    let too_much = server
        .gql(fi, &mutation("requestRefund", Some("RequestRefundInput")),
            json!({ "id": id, "cmd": cmd(), "input": { "amount": { "amountMinor": 74701, "currency": "CNY" } } }))
        .await;
    assert_eq!(code(&too_much), Some("VALIDATION"), "{too_much}");

    let requested = step(
        &server,
        fi,
        "requestRefund",
        Some("RequestRefundInput"),
        &id,
        json!({ "amount": { "amountMinor": 74700, "currency": "CNY" } }),
    )
    .await;
    let refund_id = requested["ticket"]["refunds"][0]["refundId"]
        .as_str()
        .unwrap()
        .to_owned();
    step(
        &server,
        fi,
        "approveRefund",
        Some("ApproveRefundInput"),
        &id,
        json!({ "refundId": refund_id }),
    )
    .await;
    let issued = step(
        &server,
        fi,
        "issueRefund",
        Some("IssueRefundInput"),
        &id,
        json!({ "refundId": refund_id, "gatewayReference": "PAY-1" }),
    )
    .await;
    assert_eq!(issued["ticket"]["status"], "REFUNDED");
    assert_eq!(issued["ticket"]["refunded"]["amountMinor"], 74700);

    // Issuing twice is refused with a reason a person understands.
    let twice = server
        .gql(fi, &mutation("issueRefund", Some("IssueRefundInput")),
            json!({ "id": id, "cmd": cmd(), "input": { "refundId": refund_id, "gatewayReference": "PAY-2" } }))
        .await;
    assert_eq!(code(&twice), Some("INVALID_TRANSITION"), "{twice}");

    let closed = step(
        &server,
        cs,
        "closeTicket",
        Some("CloseTicketInput"),
        &id,
        json!({ "resolution": "REFUNDED" }),
    )
    .await;
    assert_eq!(closed["ticket"]["status"], "CLOSED");
    let last_position = closed["position"].as_i64().unwrap();

    // Every role reads the ticket; it is current.
    for token in [cs, wh, fi, &tokens.auditor, &tokens.admin] {
        let t = server
            .ok(
                token,
                "query($id: UUID!) { ticket(id: $id) { status version resolution } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(t["ticket"]["status"], "CLOSED");
        assert_eq!(t["ticket"]["resolution"], "REFUNDED");
        assert_eq!(t["ticket"]["version"], 12);
    }

    // The auditor sees every event, who did it in which role, and its hash.
    let history = server
        .ok(&tokens.auditor, "query($id: UUID!) { ticketHistory(id: $id) { version eventType actor role source commandId hash recordedAt payload } }", json!({ "id": id }))
        .await;
    let events = history["ticketHistory"].as_array().unwrap();
    let types: Vec<&str> = events
        .iter()
        .map(|e| e["eventType"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        [
            "TicketOpened",
            "ApplicationApproved",
            "ReturnShipmentRegistered",
            "ReturnReceived",
            "LineInspected",
            "LineInspected",
            "InspectionCompleted",
            "InspectionFeedbackSent",
            "RefundRequested",
            "RefundApproved",
            "RefundIssued",
            "TicketClosed",
        ]
    );
    let by_type = |t: &str| events.iter().find(|e| e["eventType"] == t).unwrap();
    assert_eq!(by_type("ReturnReceived")["actor"], "wang");
    assert_eq!(by_type("ReturnReceived")["role"], "warehouse");
    assert_eq!(by_type("RefundIssued")["actor"], "fei");
    assert_eq!(by_type("TicketOpened")["role"], "customer_service");
    assert!(events.iter().all(|e| e["source"] == "graphql"
        && e["hash"].as_str().unwrap().len() == 64
        && !e["commandId"].is_null()));

    let as_of = server
        .ok(
            &tokens.auditor,
            "query($id: UUID!) { ticketAsOf(id: $id, version: 4) { status } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(as_of["ticketAsOf"]["status"], "RECEIVED");
    let verified = server
        .ok(&tokens.auditor, "query($id: UUID!) { verifyTicket(id: $id) { intact eventsChecked } verifyLog { intact } }", json!({ "id": id }))
        .await;
    assert_eq!(verified["verifyTicket"]["intact"], true);
    assert_eq!(verified["verifyLog"]["intact"], true);
    let log = server
        .ok(&tokens.auditor, "{ auditLog(first: 100) { edges { cursor node { eventType } } pageInfo { hasNextPage } } }", json!({}))
        .await;
    let edges = log["auditLog"]["edges"].as_array().unwrap();
    assert_eq!(edges.last().unwrap()["cursor"], last_position.to_string());
    // The warehouse may not read the audit trail.
    let denied = server.gql(wh, "{ verifyLog { intact } }", json!({})).await;
    assert_eq!(code(&denied), Some("FORBIDDEN"));

    let (status, metrics) = server.get("/metrics").await;
    assert_eq!(status, 200);
    assert!(
        metrics.contains("returns_commands_total{command=\"IssueRefund\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("returns_graphql_errors_total{code=\"FORBIDDEN\"}"),
        "{metrics}"
    );
    assert!(
        metrics.contains(&format!("returns_log_head_position {last_position}")),
        "{metrics}"
    );
    assert!(server.terminate().await);
}
