//! A full return-and-refund through HTTP, each step by the role that owns
//! it and the workflows doing theirs (the refund requested after a passed
//! inspection, closing the settled ticket), finance paying the refund by hand
//! (`serve` pays nothing by itself), then every department's view and the
//! auditor's history.

use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use serde_json::json;

use crate::helpers::{
    cmd, code, in_order, metric, mutation, open_input, step, wait_for_data, wait_for_ticket,
    Server, Tokens, OPEN,
};

contract_tests!(a_return_is_received_inspected_and_refunded_through_http);

async fn a_return_is_received_inspected_and_refunded_through_http(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let server = Server::start(&db, &["serve"]).await;
    let (cs, wh, fi, au) = (
        &tokens.customer_service,
        &tokens.warehouse,
        &tokens.finance,
        &tokens.auditor,
    );

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

    // Customer service finds it on the worklist (read-your-writes).
    let worklist = server
        .ok(cs, "query($p: Int!) { worklist(filter: {search: \"DY-1\"}, atLeastPosition: $p) { nodes { ticketId status kind nextAction slaBreached paid { amountMinor } } pageInfo { hasNextPage } } }",
            json!({ "p": opened["openTicket"]["position"] }))
        .await;
    let row = &worklist["worklist"]["nodes"][0];
    assert_eq!(
        (row["ticketId"].as_str(), row["status"].as_str()),
        (Some(id.as_str()), Some("APPLIED")),
        "{worklist}"
    );
    assert_eq!(row["paid"]["amountMinor"], 75700);

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

    // The receiving desk scans the parcel.
    let parcel = server
        .ok(wh, "query($p: Int!) { inboundParcel(trackingNumber: \"SF123456789\", atLeastPosition: $p) { ticketId expectingInbound lines { lineId qtyApplied } } }",
            json!({ "p": shipped["position"] }))
        .await;
    assert_eq!(
        parcel["inboundParcel"][0]["ticketId"],
        id.as_str(),
        "{parcel}"
    );
    assert_eq!(parcel["inboundParcel"][0]["expectingInbound"], true);

    let received = step(&server, wh, "receiveReturn", Some("ReceiveReturnInput"), &id,
        json!({ "lines": [{ "lineId": "L1", "qty": 1 }, { "lineId": "L2", "qty": 2 }], "packageCondition": "INTACT" })).await;
    assert_eq!(received["ticket"]["status"], "RECEIVED");
    let queue = server
        .ok(wh, "query($p: Int!) { warehouseQueue(queue: AWAITING_INSPECTION, atLeastPosition: $p) { nodes { ticketId } } }", json!({ "p": received["position"] }))
        .await;
    assert_eq!(
        queue["warehouseQueue"]["nodes"][0]["ticketId"],
        id.as_str(),
        "{queue}"
    );

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

    // The auto-refund workflow requests what is refundable; above the
    // channel's auto-approval limit it waits for finance.
    let requested = wait_for_ticket(&server, fi, &id, |t| {
        !t["refunds"].as_array().unwrap().is_empty()
    })
    .await;
    let refund = &requested["refunds"][0];
    assert_eq!(refund["amount"]["amountMinor"], 74700);
    assert_eq!(refund["status"], "REQUESTED");
    let refund_id = refund["refundId"].as_str().unwrap().to_owned();
    let waiting = wait_for_data(&server, fi, "{ refunds(status: REQUESTED) { nodes { refundId ticketId amount { amountMinor currency } } } }", json!({}),
        |d| !d["refunds"]["nodes"].as_array().unwrap().is_empty()).await;
    assert_eq!(
        waiting["refunds"]["nodes"][0]["refundId"],
        refund_id.as_str()
    );

    // Customer service may not approve refunds; finance does.
    let not_cs = server
        .gql(
            cs,
            &mutation("approveRefund", Some("ApproveRefundInput")),
            json!({ "id": id, "cmd": cmd(), "input": { "refundId": refund_id } }),
        )
        .await;
    assert_eq!(code(&not_cs), Some("FORBIDDEN"));
    step(
        &server,
        fi,
        "approveRefund",
        Some("ApproveRefundInput"),
        &id,
        json!({ "refundId": refund_id }),
    )
    .await;

    // `serve` pays nothing by itself: the refund waits in finance's payout
    // queue until a person pays it and records the bank's reference; then
    // the auto-close workflow closes the settled ticket.
    let queued = wait_for_data(
        &server,
        fi,
        "query($r: UUID!) { payout(refundId: $r) { mode state } }",
        json!({ "r": refund_id }),
        |d| d["payout"]["state"] == "AWAITING_PERSON",
    )
    .await;
    assert_eq!(queued["payout"]["mode"], "MANUAL");
    step(
        &server,
        fi,
        "issueRefund",
        Some("IssueRefundInput"),
        &id,
        json!({ "refundId": refund_id, "gatewayReference": "BANK-0001" }),
    )
    .await;
    let closed = wait_for_ticket(&server, fi, &id, |t| t["status"] == "CLOSED").await;
    assert_eq!(closed["refunded"]["amountMinor"], 74700);
    assert_eq!(closed["resolution"], "REFUNDED");
    assert_eq!(closed["refunds"][0]["gatewayReference"], "BANK-0001");
    let closed_at = server
        .ok(
            au,
            "{ auditLog(first: 100) { pageInfo { endCursor } } }",
            json!({}),
        )
        .await["auditLog"]["pageInfo"]["endCursor"]
        .as_str()
        .unwrap()
        .parse::<i64>()
        .unwrap();

    // Issuing twice is refused with a reason a person understands.
    let twice = server
        .gql(fi, &mutation("issueRefund", Some("IssueRefundInput")),
            json!({ "id": id, "cmd": cmd(), "input": { "refundId": refund_id, "gatewayReference": "PAY-2" } }))
        .await;
    assert_eq!(code(&twice), Some("INVALID_TRANSITION"), "{twice}");
    assert!(
        twice["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("IssueRefund is not allowed"),
        "{twice}"
    );
    // Only a note may still be added, by any department.
    step(
        &server,
        wh,
        "addNote",
        Some("AddNoteInput"),
        &id,
        json!({ "text": "parcel shelved in returns area B" }),
    )
    .await;

    // Every role reads the ticket; it is current.
    for token in [cs, wh, fi, au, &tokens.admin] {
        let t = server
            .ok(
                token,
                "query($id: UUID!) { ticket(id: $id) { status resolution } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(
            (
                t["ticket"]["status"].as_str(),
                t["ticket"]["resolution"].as_str()
            ),
            (Some("CLOSED"), Some("REFUNDED"))
        );
    }

    // Each department's view, as of the close.
    let p = json!({ "p": closed_at });
    let totals = server.ok(fi, "query($p: Int!) { refundTotals(atLeastPosition: $p) { channel issuedCount issued { amountMinor currency } } }", p.clone()).await;
    assert_eq!(totals["refundTotals"][0]["channel"], "douyin");
    assert_eq!(totals["refundTotals"][0]["issued"]["amountMinor"], 74700);
    let issued = server.ok(fi, "query($p: Int!) { refunds(status: ISSUED, atLeastPosition: $p) { nodes { refundId gatewayReference } } }", p.clone()).await;
    assert_eq!(
        issued["refunds"]["nodes"][0]["refundId"],
        refund_id.as_str()
    );
    let done = server.ok(cs, "query($p: Int!) { worklist(filter: {status: CLOSED}, atLeastPosition: $p) { nodes { ticketId refunded { amountMinor } } } }", p.clone()).await;
    assert_eq!(
        done["worklist"]["nodes"][0]["refunded"]["amountMinor"],
        74700
    );
    let follow_ups = server.ok(cs, "query($p: Int!) { followUps(list: OPEN, atLeastPosition: $p) { nodes { ticketId purpose } } }", p.clone()).await;
    let follow_ups = follow_ups["followUps"]["nodes"].as_array().unwrap();
    assert!(follow_ups.iter().all(|f| f["ticketId"] == id.as_str()));
    let stats = server.ok(au, "query($p: Int!) { managementStats(atLeastPosition: $p) { statusCounts { status kind count } cycleTimes { step tickets } reasons { sku reasonCode tickets } } }", p.clone()).await;
    let stats = &stats["managementStats"];
    assert!(
        stats["statusCounts"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["status"] == "CLOSED" && s["count"] == 1),
        "{stats}"
    );
    assert!(
        stats["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["sku"] == "SKU-JACKET" && r["reasonCode"] == "quality_issue"),
        "{stats}"
    );
    assert!(
        stats["cycleTimes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["step"] == "inspection"),
        "{stats}"
    );

    // The auditor sees every event, who did it in which role, and its hash.
    let history = server
        .ok(au, "query($id: UUID!) { ticketHistory(id: $id) { version eventType actor role source commandId hash recordedAt payload } }", json!({ "id": id }))
        .await;
    let events = history["ticketHistory"].as_array().unwrap();
    let types: Vec<&str> = events
        .iter()
        .map(|e| e["eventType"].as_str().unwrap())
        .collect();
    assert!(
        in_order(
            &types,
            &[
                "TicketOpened",
                "ApplicationApproved",
                "ReturnShipmentRegistered",
                "ReturnReceived",
                "LineInspected",
                "LineInspected",
                "InspectionCompleted",
                "RefundRequested",
                "RefundApproved",
                "RefundIssued",
                "TicketClosed",
            ]
        ),
        "{types:?}"
    );
    let by_type = |t: &str| events.iter().find(|e| e["eventType"] == t).unwrap();
    assert_eq!(
        (
            by_type("ReturnReceived")["actor"].as_str(),
            by_type("ReturnReceived")["role"].as_str()
        ),
        (Some("wang"), Some("warehouse"))
    );
    assert_eq!(
        (
            by_type("RefundApproved")["actor"].as_str(),
            by_type("RefundApproved")["role"].as_str()
        ),
        (Some("fei"), Some("finance"))
    );
    assert_eq!(by_type("TicketOpened")["role"], "customer_service");
    assert_eq!(by_type("RefundRequested")["role"], "system");
    assert_eq!(
        (
            by_type("RefundIssued")["actor"].as_str(),
            by_type("RefundIssued")["source"].as_str()
        ),
        (Some("fei"), Some("graphql"))
    );
    assert_eq!(by_type("TicketClosed")["source"], "workflow:auto_close");
    assert_eq!(by_type("NoteAdded")["actor"], "wang");
    assert!(events
        .iter()
        .all(|e| e["hash"].as_str().unwrap().len() == 64 && !e["commandId"].is_null()));
    assert!(events
        .iter()
        .filter(|e| e["role"] != "system")
        .all(|e| e["source"] == "graphql"));

    // As of the receipt (its version, whatever came with the steps before).
    let received_at = by_type("ReturnReceived")["version"].as_i64().unwrap();
    let as_of = server
        .ok(
            au,
            "query($id: UUID!, $v: Int!) { ticketAsOf(id: $id, version: $v) { status } }",
            json!({ "id": id, "v": received_at }),
        )
        .await;
    assert_eq!(as_of["ticketAsOf"]["status"], "RECEIVED");
    let verified = server
        .ok(au, "query($id: UUID!) { verifyTicket(id: $id) { intact eventsChecked } verifyLog { intact } }", json!({ "id": id }))
        .await;
    assert_eq!(verified["verifyTicket"]["intact"], true);
    assert_eq!(verified["verifyLog"]["intact"], true);
    let log = server
        .ok(
            au,
            "{ auditLog(first: 100) { nodes { eventType } pageInfo { hasNextPage endCursor } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        log["auditLog"]["nodes"].as_array().unwrap().len(),
        events.len()
    );
    // The warehouse may not read the audit trail or finance's views.
    assert_eq!(
        code(&server.gql(wh, "{ verifyLog { intact } }", json!({})).await),
        Some("FORBIDDEN")
    );
    assert_eq!(
        code(&server.gql(wh, "{ refundTotals { day } }", json!({})).await),
        Some("FORBIDDEN")
    );

    let (status, metrics) = server.get("/metrics").await;
    assert_eq!(status, 200);
    assert!(
        metrics.contains("returns_commands_total{command=\"ApproveRefund\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("returns_graphql_errors_total{code=\"FORBIDDEN\"}"),
        "{metrics}"
    );
    assert!(
        metrics.contains("returns_projection_lag_events{projection=\"worklist_v"),
        "{metrics}"
    );
    assert!(metrics.contains("returns_log_head_position "), "{metrics}");
    // The binary's memory by kind: the live heap sits inside jemalloc's
    // resident pages (an upper bound by its own account: pages never
    // touched count too, so it is not compared with the process's).
    let bytes = |series: &str| {
        metric(&metrics, series).unwrap_or_else(|| panic!("no {series} in {metrics}"))
    };
    let allocated = bytes("returns_allocator_bytes{kind=\"allocated\"}");
    let resident = bytes("returns_allocator_bytes{kind=\"resident\"}");
    let anonymous = bytes("returns_process_resident_bytes{kind=\"anonymous\"}");
    assert!(bytes("returns_process_resident_bytes{kind=\"file\"}") > 0.0);
    assert!(
        0.0 < allocated && allocated < resident && anonymous > 0.0,
        "allocated {allocated}, resident {resident}, anonymous {anonymous}"
    );
    assert!(server.terminate().await);
}
