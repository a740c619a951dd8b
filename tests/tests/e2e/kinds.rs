//! Reship, repair, price protection and a conversion through HTTP on the
//! real binary with the workflows off (`--no-workflows`), so a person does
//! every step; each kind's main path to its close, and the history showing
//! what was asked beside what was done.

use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use serde_json::{json, Value};

use crate::helpers::{
    cmd, code, event_types as history, in_order, mutation, open_input, step, wait_for_data,
    wait_for_ticket, Server, Tokens, OPEN,
};

/// Waits until the warehouse's `queue` lists `id`.
async fn in_queue(server: &Server, token: &str, queue: &str, id: &str) {
    let query = format!("{{ warehouseQueue(queue: {queue}) {{ nodes {{ ticketId kind }} }} }}");
    let found = wait_for_data(server, token, &query, json!({}), |d| {
        d["warehouseQueue"]["nodes"]
            .as_array()
            .is_some_and(|n| n.iter().any(|t| t["ticketId"] == id))
    })
    .await;
    assert!(found["warehouseQueue"]["nodes"].as_array().is_some());
}

contract_tests!(
    a_reship_ships_the_part_and_the_receipt_closes_it,
    a_repair_comes_back_is_repaired_and_ships_back,
    price_protection_pays_the_stated_difference,
    an_exchange_out_of_stock_converts_to_a_refund,
    price_protection_within_policy_is_approved_and_paid_by_the_engine,
    a_negotiated_partial_refund_caps_the_refund_and_shows_on_the_ticket,
    an_exchange_for_a_cheaper_variant_refunds_the_difference_and_closes_exchanged,
);

async fn open(server: &Server, token: &str, kind: &str, order: &str) -> String {
    let opened = server
        .ok(
            token,
            OPEN,
            json!({ "cmd": cmd(), "input": open_input(kind, order) }),
        )
        .await;
    assert_eq!(opened["openTicket"]["ticket"]["kind"], kind);
    opened["openTicket"]["ticket"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn next_actions(ticket: &Value) -> Vec<&str> {
    ticket["nextActions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["command"].as_str().unwrap())
        .collect()
}

async fn a_reship_ships_the_part_and_the_receipt_closes_it(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let server = Server::start(&db, &["serve", "--no-workflows"]).await;
    let (cs, wh) = (&tokens.customer_service, &tokens.warehouse);
    let id = open(&server, cs, "RESHIP", "DY-RS-1").await;
    let approved = step(
        &server,
        cs,
        "approveApplication",
        Some("ApproveApplicationInput"),
        &id,
        json!({}),
    )
    .await;
    assert_eq!(approved["ticket"]["status"], "APPROVED");
    assert!(next_actions(&approved["ticket"]).contains(&"ShipReshipment"));
    // The warehouse's outbound queue lists the reship.
    in_queue(&server, wh, "RESHIPS_TO_SHIP", &id).await;
    // Customer service does not ship; the warehouse does.
    let refused = server
        .gql(cs, &mutation("shipReshipment", Some("ShipReshipmentInput")), json!({
            "id": id, "cmd": cmd(),
            "input": { "carrier": "ZTO", "trackingNumber": "ZT-RS-1", "contents": "1 x T-shirt" } }))
        .await;
    assert_eq!(code(&refused), Some("FORBIDDEN"), "{refused}");
    let shipped = step(
        &server,
        wh,
        "shipReshipment",
        Some("ShipReshipmentInput"),
        &id,
        json!({ "carrier": "ZTO", "trackingNumber": "ZT-RS-1", "contents": "1 x T-shirt" }),
    )
    .await;
    assert_eq!(shipped["ticket"]["status"], "RESHIPPED");
    let closed = step(
        &server,
        cs,
        "confirmReshipmentReceived",
        Some("ConfirmReshipmentReceivedInput"),
        &id,
        json!({ "by": "BUYER" }),
    )
    .await;
    assert_eq!(closed["ticket"]["status"], "CLOSED");
    assert_eq!(closed["ticket"]["resolution"], "RESHIPPED");
    let t = server
        .ok(cs, "query($id: UUID!) { ticket(id: $id) { reshipment { contents receivedBy shipment { trackingNumber } } } }",
            json!({ "id": id }))
        .await;
    assert_eq!(t["ticket"]["reshipment"]["receivedBy"], "BUYER");
    assert_eq!(
        t["ticket"]["reshipment"]["shipment"]["trackingNumber"],
        "ZT-RS-1"
    );
    let types = history(&server, &tokens.auditor, &id).await;
    let types: Vec<&str> = types.iter().map(String::as_str).collect();
    assert!(
        in_order(
            &types,
            &[
                "TicketOpened",
                "ApplicationApproved",
                "ReshipmentShipped",
                "ReshipmentReceived",
                "TicketClosed"
            ]
        ),
        "{types:?}"
    );
    assert!(server.terminate().await);
}

async fn a_repair_comes_back_is_repaired_and_ships_back(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let server = Server::start(&db, &["serve", "--no-workflows"]).await;
    let (cs, wh) = (&tokens.customer_service, &tokens.warehouse);
    let id = open(&server, cs, "REPAIR", "DY-RP-1").await;
    step(&server, cs, "approveApplication", Some("ApproveApplicationInput"), &id,
        json!({ "returnAddress": { "recipient": "Repair desk", "phone": "021-2", "address": "Jiading" } })).await;
    step(
        &server,
        cs,
        "registerReturnShipment",
        Some("ShipmentInput"),
        &id,
        json!({ "carrier": "SF", "trackingNumber": "SF-RP-1" }),
    )
    .await;
    let received = step(
        &server,
        wh,
        "receiveReturn",
        Some("ReceiveReturnInput"),
        &id,
        json!({ "lines": [{ "lineId": "L1", "qty": 1 }], "packageCondition": "INTACT" }),
    )
    .await;
    let next = next_actions(&received["ticket"]);
    assert!(next.contains(&"RecordRepair"), "{next:?}");
    assert!(
        !next.contains(&"RecordInspection"),
        "a repair is not graded: {next:?}"
    );
    in_queue(&server, wh, "REPAIRS_TO_DO", &id).await;
    let repaired = step(
        &server,
        wh,
        "recordRepair",
        Some("RecordRepairInput"),
        &id,
        json!({
        "method": "WORKSHOP", "workDone": "replaced the zip", "parts": ["zip 60cm"],
        "cost": { "amountMinor": 1200, "currency": "CNY" } }),
    )
    .await;
    assert_eq!(repaired["ticket"]["status"], "REPAIRED");
    in_queue(&server, wh, "REPAIRS_TO_SHIP_BACK", &id).await;
    // The goods are here: no close before they ship back.
    let early = server
        .gql(
            cs,
            &mutation("closeTicket", Some("CloseTicketInput")),
            json!({ "id": id, "cmd": cmd(), "input": { "resolution": "REPAIRED" } }),
        )
        .await;
    assert_eq!(code(&early), Some("INVALID_TRANSITION"), "{early}");
    let back = step(
        &server,
        wh,
        "shipRepairedGoods",
        Some("ShipmentInput"),
        &id,
        json!({ "carrier": "SF", "trackingNumber": "SF-RP-BACK" }),
    )
    .await;
    assert_eq!(back["ticket"]["status"], "REPAIR_SHIPPED_BACK");
    let closed = step(
        &server,
        cs,
        "closeTicket",
        Some("CloseTicketInput"),
        &id,
        json!({ "resolution": "REPAIRED" }),
    )
    .await;
    assert_eq!(closed["ticket"]["resolution"], "REPAIRED");
    let t = server
        .ok(cs, "query($id: UUID!) { ticket(id: $id) { repair { method workDone parts cost { amountMinor } } repairReturnShipment { trackingNumber } } }",
            json!({ "id": id }))
        .await;
    assert_eq!(t["ticket"]["repair"]["method"], "WORKSHOP");
    assert_eq!(t["ticket"]["repair"]["cost"]["amountMinor"], 1200);
    assert_eq!(
        t["ticket"]["repairReturnShipment"]["trackingNumber"],
        "SF-RP-BACK"
    );
    assert!(server.terminate().await);
}

async fn price_protection_pays_the_stated_difference(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let server = Server::start(&db, &["serve", "--no-workflows"]).await;
    let (cs, fin) = (&tokens.customer_service, &tokens.finance);
    let id = open(&server, cs, "PRICE_PROTECTION", "TB-PP-1").await;
    // Approval waits for the difference.
    let early = server
        .gql(
            cs,
            &mutation("approveApplication", Some("ApproveApplicationInput")),
            json!({ "id": id, "cmd": cmd(), "input": {} }),
        )
        .await;
    assert_eq!(code(&early), Some("INVALID_TRANSITION"), "{early}");
    step(
        &server,
        cs,
        "statePriceDifference",
        Some("StatePriceDifferenceInput"),
        &id,
        json!({
        "amount": { "amountMinor": 3000, "currency": "CNY" }, "source": "POLICY",
        "basis": "599.00 on 11-01, 569.00 on 11-05" }),
    )
    .await;
    let approved = step(
        &server,
        cs,
        "approveApplication",
        Some("ApproveApplicationInput"),
        &id,
        json!({}),
    )
    .await;
    assert_eq!(approved["ticket"]["refundable"]["amountMinor"], 3000);
    let too_much = server
        .gql(fin, &mutation("requestRefund", Some("RequestRefundInput")), json!({
            "id": id, "cmd": cmd(), "input": { "amount": { "amountMinor": 3001, "currency": "CNY" } } }))
        .await;
    assert_eq!(code(&too_much), Some("VALIDATION"), "{too_much}");
    let requested = step(
        &server,
        fin,
        "requestRefund",
        Some("RequestRefundInput"),
        &id,
        json!({ "amount": { "amountMinor": 3000, "currency": "CNY" } }),
    )
    .await;
    let refund_id = requested["ticket"]["refunds"][0]["refundId"]
        .as_str()
        .unwrap()
        .to_owned();
    step(
        &server,
        fin,
        "approveRefund",
        Some("ApproveRefundInput"),
        &id,
        json!({ "refundId": refund_id }),
    )
    .await;
    let issued = step(
        &server,
        fin,
        "issueRefund",
        Some("IssueRefundInput"),
        &id,
        json!({ "refundId": refund_id, "gatewayReference": "GW-PP-1" }),
    )
    .await;
    assert_eq!(issued["ticket"]["status"], "REFUNDED");
    let closed = step(
        &server,
        cs,
        "closeTicket",
        Some("CloseTicketInput"),
        &id,
        json!({ "resolution": "REFUNDED" }),
    )
    .await;
    assert_eq!(closed["ticket"]["refunded"]["amountMinor"], 3000);
    assert!(server.terminate().await);
}

async fn an_exchange_out_of_stock_converts_to_a_refund(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let server = Server::start(&db, &["serve", "--no-workflows"]).await;
    let (cs, wh, fin) = (&tokens.customer_service, &tokens.warehouse, &tokens.finance);
    let id = open(&server, cs, "EXCHANGE", "KS-CV-1").await;
    step(&server, cs, "approveApplication", Some("ApproveApplicationInput"), &id,
        json!({ "returnAddress": { "recipient": "Returns desk", "phone": "021-1", "address": "Jiading" } })).await;
    step(
        &server,
        cs,
        "registerReturnShipment",
        Some("ShipmentInput"),
        &id,
        json!({ "carrier": "YTO", "trackingNumber": "YT-CV-1" }),
    )
    .await;
    step(&server, wh, "receiveReturn", Some("ReceiveReturnInput"), &id,
        json!({ "lines": [{ "lineId": "L1", "qty": 1 }, { "lineId": "L2", "qty": 2 }], "packageCondition": "INTACT" })).await;
    for (line, qty) in [("L1", 1), ("L2", 2)] {
        step(&server, wh, "recordInspection", Some("RecordInspectionInput"), &id, json!({
            "lineId": line, "qtyInspected": qty, "qtyAccepted": qty, "grade": "NEW", "verdict": "PASS",
            "deduction": { "amountMinor": 0, "currency": "CNY" } })).await;
    }
    step(&server, wh, "completeInspection", None, &id, json!(null)).await;
    // The warehouse may not convert; customer service does.
    let refused = server
        .gql(wh, &mutation("convertTicket", Some("ConvertTicketInput")), json!({
            "id": id, "cmd": cmd(),
            "input": { "conversion": "EXCHANGE_TO_REFUND", "refundAmount": { "amountMinor": 75700, "currency": "CNY" }, "reason": "out of stock" } }))
        .await;
    assert_eq!(code(&refused), Some("FORBIDDEN"), "{refused}");
    // A conversion from another kind is refused with a typed code.
    let wrong = server
        .gql(cs, &mutation("convertTicket", Some("ConvertTicketInput")), json!({
            "id": id, "cmd": cmd(),
            "input": { "conversion": "REPAIR_TO_REFUND", "refundAmount": { "amountMinor": 100, "currency": "CNY" }, "reason": "x" } }))
        .await;
    assert_eq!(code(&wrong), Some("INVALID_TRANSITION"), "{wrong}");
    let converted = step(&server, cs, "convertTicket", Some("ConvertTicketInput"), &id, json!({
        "conversion": "EXCHANGE_TO_REFUND", "refundAmount": { "amountMinor": 75700, "currency": "CNY" },
        "reason": "out of stock" })).await;
    assert_eq!(converted["ticket"]["status"], "CONVERTED");
    assert_eq!(
        converted["ticket"]["kind"], "EXCHANGE",
        "the kind stays what was asked"
    );
    assert!(!next_actions(&converted["ticket"]).contains(&"ShipReplacement"));
    let requested = step(
        &server,
        fin,
        "requestRefund",
        Some("RequestRefundInput"),
        &id,
        json!({ "amount": { "amountMinor": 75700, "currency": "CNY" } }),
    )
    .await;
    let refund_id = requested["ticket"]["refunds"][0]["refundId"]
        .as_str()
        .unwrap()
        .to_owned();
    step(
        &server,
        fin,
        "approveRefund",
        Some("ApproveRefundInput"),
        &id,
        json!({ "refundId": refund_id }),
    )
    .await;
    step(
        &server,
        fin,
        "issueRefund",
        Some("IssueRefundInput"),
        &id,
        json!({ "refundId": refund_id, "gatewayReference": "GW-CV-1" }),
    )
    .await;
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
    let t = server
        .ok(cs, "query($id: UUID!) { ticket(id: $id) { conversion { conversion reason refundAmount { amountMinor } } } }",
            json!({ "id": id }))
        .await;
    assert_eq!(
        t["ticket"]["conversion"]["conversion"],
        "EXCHANGE_TO_REFUND"
    );
    let types = history(&server, &tokens.auditor, &id).await;
    let types: Vec<&str> = types.iter().map(String::as_str).collect();
    assert!(
        in_order(
            &types,
            &[
                "TicketOpened",
                "InspectionCompleted",
                "TicketConverted",
                "RefundRequested",
                "RefundIssued",
                "TicketClosed"
            ]
        ),
        "{types:?}"
    );
    assert!(server.terminate().await);
}

async fn price_protection_within_policy_is_approved_and_paid_by_the_engine(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let server = Server::start(&db, &["serve", "--payout", "simulated"]).await;
    let cs = &tokens.customer_service;
    let id = open(&server, cs, "PRICE_PROTECTION", "DY-PP-2").await;
    // 20.00 by the merchant's policy is below the shipped 50.00 limit:
    // nobody else acts, the merchant's payout path pays it.
    step(
        &server,
        cs,
        "statePriceDifference",
        Some("StatePriceDifferenceInput"),
        &id,
        json!({
        "amount": { "amountMinor": 2000, "currency": "CNY" }, "source": "POLICY",
        "basis": "listed 599.00 on 11-01, 579.00 on 11-05" }),
    )
    .await;
    let closed = wait_for_ticket(&server, cs, &id, |t| t["status"] == "CLOSED").await;
    assert_eq!(closed["resolution"], "REFUNDED");
    assert_eq!(closed["refunded"]["amountMinor"], 2000);
    assert_eq!(closed["refunds"][0]["status"], "ISSUED");
    let types = history(&server, &tokens.auditor, &id).await;
    let types: Vec<&str> = types.iter().map(String::as_str).collect();
    assert!(
        in_order(
            &types,
            &[
                "PriceDifferenceStated",
                "ApplicationApproved",
                "RefundRequested",
                "RefundApproved",
                "RefundIssued",
                "TicketClosed"
            ]
        ),
        "{types:?}"
    );
    // Management and finance see the kind and its money.
    let stats = wait_for_data(
        &server,
        &tokens.auditor,
        "{ managementStats(kind: PRICE_PROTECTION) { byKind { kind tickets open ended refunded { amountMinor currency } } } }",
        json!({}),
        |d| d["managementStats"]["byKind"][0]["ended"] == 1,
    )
    .await;
    let by_kind = &stats["managementStats"]["byKind"][0];
    assert_eq!(by_kind["kind"], "PRICE_PROTECTION");
    assert_eq!(by_kind["tickets"], 1);
    assert_eq!(by_kind["open"], 0);
    assert_eq!(by_kind["refunded"]["amountMinor"], 2000);
    let finance = wait_for_data(
        &server,
        &tokens.finance,
        "{ refundsByKind { kind issuedCount issued { amountMinor } openCount } }",
        json!({}),
        |d| d["refundsByKind"][0]["issuedCount"] == 1,
    )
    .await;
    assert_eq!(finance["refundsByKind"][0]["kind"], "PRICE_PROTECTION");
    assert_eq!(finance["refundsByKind"][0]["issued"]["amountMinor"], 2000);
    assert_eq!(finance["refundsByKind"][0]["openCount"], 0);
    assert!(server.terminate().await);
}

async fn a_negotiated_partial_refund_caps_the_refund_and_shows_on_the_ticket(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let server = Server::start(&db, &["serve", "--no-workflows"]).await;
    let (cs, fin) = (&tokens.customer_service, &tokens.finance);
    let id = open(&server, cs, "REFUND_ONLY", "TB-NG-1").await;
    let offered = server
        .ok(
            cs,
            &mutation("makeCounterOffer", Some("MakeCounterOfferInput")),
            json!({ "id": id, "cmd": cmd(), "input": {
                "partialRefund": { "amountMinor": 20000, "currency": "CNY" },
                "respondBy": "2099-01-01T00:00:00Z",
                "note": "keep the jacket, we refund 200.00" } }),
        )
        .await;
    assert!(next_actions(&offered["makeCounterOffer"]["ticket"]).contains(&"RecordOfferAnswer"));
    // Exactly one kind of offer at a time.
    let both = server
        .gql(
            cs,
            &mutation("makeCounterOffer", Some("MakeCounterOfferInput")),
            json!({
            "id": id, "cmd": cmd(), "input": {
                "partialRefund": { "amountMinor": 100, "currency": "CNY" },
                "returnAddress": { "recipient": "r", "phone": "1", "address": "a" },
                "respondBy": "2099-01-01T00:00:00Z", "note": "n" } }),
        )
        .await;
    assert_eq!(code(&both), Some("VALIDATION"), "{both}");
    let query = "query($id: UUID!) { ticket(id: $id) { negotiation { offerId type amount { amountMinor } status note settledAt } } }";
    let t = server.ok(cs, query, json!({ "id": id })).await;
    let offer = &t["ticket"]["negotiation"][0];
    assert_eq!(offer["type"], "PARTIAL_REFUND");
    assert_eq!(offer["status"], "OPEN");
    assert_eq!(offer["note"], "keep the jacket, we refund 200.00");
    let offer_id = offer["offerId"].as_str().unwrap().to_owned();
    // Finance does not negotiate.
    let refused = server
        .gql(
            fin,
            &mutation("recordOfferAnswer", Some("RecordOfferAnswerInput")),
            json!({
            "id": id, "cmd": cmd(), "input": { "offerId": offer_id, "answer": "ACCEPTED" } }),
        )
        .await;
    assert_eq!(code(&refused), Some("FORBIDDEN"), "{refused}");
    step(
        &server,
        cs,
        "recordOfferAnswer",
        Some("RecordOfferAnswerInput"),
        &id,
        json!({ "offerId": offer_id, "answer": "ACCEPTED" }),
    )
    .await;
    let approved = step(
        &server,
        cs,
        "approveApplication",
        Some("ApproveApplicationInput"),
        &id,
        json!({}),
    )
    .await;
    assert_eq!(approved["ticket"]["refundable"]["amountMinor"], 20000);
    let too_much = server
        .gql(fin, &mutation("requestRefund", Some("RequestRefundInput")), json!({
            "id": id, "cmd": cmd(), "input": { "amount": { "amountMinor": 20001, "currency": "CNY" } } }))
        .await;
    assert_eq!(code(&too_much), Some("VALIDATION"), "{too_much}");
    let t = server.ok(cs, query, json!({ "id": id })).await;
    assert_eq!(t["ticket"]["negotiation"][0]["status"], "ACCEPTED");
    assert!(t["ticket"]["negotiation"][0]["settledAt"].is_string());
    let types = history(&server, &tokens.auditor, &id).await;
    let types: Vec<&str> = types.iter().map(String::as_str).collect();
    assert!(
        in_order(
            &types,
            &[
                "TicketOpened",
                "CounterOfferMade",
                "CounterOfferAnswered",
                "ApplicationApproved"
            ]
        ),
        "{types:?}"
    );
    assert!(server.terminate().await);
}

async fn an_exchange_for_a_cheaper_variant_refunds_the_difference_and_closes_exchanged(
    db: TestDatabase,
) {
    let tokens = Tokens::create(&db).await;
    // Workflows on: the engine pays the refund and closes the ticket.
    let server = Server::start(&db, &["serve", "--payout", "simulated"]).await;
    let (cs, wh, fin) = (&tokens.customer_service, &tokens.warehouse, &tokens.finance);
    let id = open(&server, cs, "EXCHANGE", "KS-VA-1").await;
    let chosen = step(
        &server,
        cs,
        "chooseReplacementVariant",
        Some("ChooseReplacementVariantInput"),
        &id,
        json!({ "lineId": "L1", "sku": "SKU-JACKET-LITE", "name": "Jacket (lite)",
            "priceDifference": { "amountMinor": -10000, "currency": "CNY" } }),
    )
    .await;
    assert_eq!(chosen["ticket"]["status"], "APPLIED");
    step(&server, cs, "approveApplication", Some("ApproveApplicationInput"), &id,
        json!({ "returnAddress": { "recipient": "Returns desk", "phone": "021-1", "address": "Jiading" } })).await;
    step(
        &server,
        cs,
        "registerReturnShipment",
        Some("ShipmentInput"),
        &id,
        json!({ "carrier": "YTO", "trackingNumber": "YT-VA-1" }),
    )
    .await;
    step(&server, wh, "receiveReturn", Some("ReceiveReturnInput"), &id,
        json!({ "lines": [{ "lineId": "L1", "qty": 1 }, { "lineId": "L2", "qty": 2 }], "packageCondition": "INTACT" })).await;
    for (line, qty) in [("L1", 1), ("L2", 2)] {
        step(&server, wh, "recordInspection", Some("RecordInspectionInput"), &id, json!({
            "lineId": line, "qtyInspected": qty, "qtyAccepted": qty, "grade": "NEW", "verdict": "PASS",
            "deduction": { "amountMinor": 0, "currency": "CNY" } })).await;
    }
    step(&server, wh, "completeInspection", None, &id, json!(null)).await;
    let shipped = step(
        &server,
        wh,
        "shipReplacement",
        Some("ShipmentInput"),
        &id,
        json!({ "carrier": "SF", "trackingNumber": "SF-VA-1" }),
    )
    .await;
    assert_eq!(shipped["ticket"]["status"], "REPLACEMENT_SHIPPED");
    assert_eq!(shipped["ticket"]["refundable"]["amountMinor"], 10000);
    // Not closed while the cheaper variant's difference is owed.
    let t = server
        .ok(cs, "query($id: UUID!) { ticket(id: $id) { status replacementVariants { sku priceDifference { amountMinor } } variantCharge { amountMinor } } }",
            json!({ "id": id }))
        .await;
    assert_eq!(t["ticket"]["status"], "REPLACEMENT_SHIPPED");
    assert_eq!(
        t["ticket"]["replacementVariants"][0]["sku"],
        "SKU-JACKET-LITE"
    );
    assert!(t["ticket"]["variantCharge"].is_null());
    step(
        &server,
        fin,
        "requestRefund",
        Some("RequestRefundInput"),
        &id,
        json!({ "amount": { "amountMinor": 10000, "currency": "CNY" } }),
    )
    .await;
    let requested = server
        .ok(
            fin,
            "query($id: UUID!) { ticket(id: $id) { refunds { refundId } } }",
            json!({ "id": id }),
        )
        .await;
    let refund_id = requested["ticket"]["refunds"][0]["refundId"]
        .as_str()
        .unwrap()
        .to_owned();
    // 100.00 is at the shipped auto-approval limit: finance approves, the engine pays.
    step(
        &server,
        fin,
        "approveRefund",
        Some("ApproveRefundInput"),
        &id,
        json!({ "refundId": refund_id }),
    )
    .await;
    let closed = wait_for_ticket(&server, cs, &id, |t| t["status"] == "CLOSED").await;
    assert_eq!(closed["resolution"], "EXCHANGED");
    assert_eq!(closed["refunded"]["amountMinor"], 10000);
    assert!(server.terminate().await);
}
