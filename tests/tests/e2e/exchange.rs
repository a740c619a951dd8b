//! A full exchange through HTTP with the workflows switched off
//! (`--no-workflows`), so a person does every step: returned goods
//! inspected, a replacement shipped, the ticket closed; then the views and
//! the history.

use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use serde_json::json;

use crate::helpers::{cmd, code, in_order, open_input, step, wait_for_data, Server, Tokens, OPEN};

contract_tests!(an_exchange_ships_a_replacement_through_http);

async fn an_exchange_ships_a_replacement_through_http(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    // Without workflows: people do every step, the close included.
    let server = Server::start(&db, &["serve", "--no-workflows"]).await;
    let (cs, wh) = (&tokens.customer_service, &tokens.warehouse);

    let opened = server
        .ok(
            cs,
            OPEN,
            json!({ "cmd": cmd(), "input": open_input("EXCHANGE", "KS-7") }),
        )
        .await;
    let id = opened["openTicket"]["ticket"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    step(&server, cs, "approveApplication", Some("ApproveApplicationInput"), &id,
        json!({ "returnAddress": { "recipient": "Returns desk", "phone": "021-1", "address": "Jiading" } })).await;
    step(
        &server,
        cs,
        "registerReturnShipment",
        Some("ShipmentInput"),
        &id,
        json!({ "carrier": "YTO", "trackingNumber": "YT777" }),
    )
    .await;
    step(&server, wh, "receiveReturn", Some("ReceiveReturnInput"), &id,
        json!({ "lines": [{ "lineId": "L1", "qty": 1 }, { "lineId": "L2", "qty": 2 }], "packageCondition": "DAMAGED" })).await;
    for (line, qty) in [("L1", 1), ("L2", 2)] {
        step(&server, wh, "recordInspection", Some("RecordInspectionInput"), &id, json!({
            "lineId": line, "qtyInspected": qty, "qtyAccepted": qty, "grade": "NEW", "verdict": "PASS",
            "deduction": { "amountMinor": 0, "currency": "CNY" } })).await;
    }
    step(&server, wh, "completeInspection", None, &id, json!(null)).await;
    step(
        &server,
        cs,
        "sendInspectionFeedback",
        Some("SendInspectionFeedbackInput"),
        &id,
        json!({ "message": "Replacement on its way" }),
    )
    .await;

    // Exchanges never refund.
    let refund = server
        .gql(&tokens.finance, &crate::helpers::mutation("requestRefund", Some("RequestRefundInput")),
            json!({ "id": id, "cmd": cmd(), "input": { "amount": { "amountMinor": 100, "currency": "CNY" } } }))
        .await;
    assert_eq!(code(&refund), Some("INVALID_TRANSITION"), "{refund}");

    // The read model puts the exchange in the warehouse's replacement queue.
    let queue = wait_for_data(
        &server,
        wh,
        "{ warehouseQueue(queue: REPLACEMENTS_TO_SHIP) { nodes { ticketId lines { lineId qtyAccepted } } } }",
        json!({}),
        |d| !d["warehouseQueue"]["nodes"].as_array().unwrap().is_empty(),
    )
    .await;
    assert_eq!(queue["warehouseQueue"]["nodes"][0]["ticketId"], id.as_str());
    let shipped = step(
        &server,
        wh,
        "shipReplacement",
        Some("ShipmentInput"),
        &id,
        json!({ "carrier": "SF", "trackingNumber": "SF-NEW-1" }),
    )
    .await;
    assert_eq!(shipped["ticket"]["status"], "REPLACEMENT_SHIPPED");
    assert_eq!(
        shipped["ticket"]["replacementShipment"]["trackingNumber"],
        "SF-NEW-1"
    );
    let closed = step(
        &server,
        cs,
        "closeTicket",
        Some("CloseTicketInput"),
        &id,
        json!({ "resolution": "EXCHANGED" }),
    )
    .await;
    assert_eq!(closed["ticket"]["status"], "CLOSED");
    // A closed ticket only takes notes, its after-sale follow-up calls, and
    // the confirmations of what its decisions asked of the platform.
    let next: Vec<&str> = closed["ticket"]["nextActions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["command"].as_str().unwrap())
        .collect();
    assert!(next.contains(&"AddNote"), "{next:?}");
    assert!(
        next.iter().all(|c| [
            "AddNote",
            "ScheduleFollowUp",
            "CompleteFollowUp",
            "ConfirmPlatformAction",
            "RecordPlatformConfirmation",
            "RecordPlatformActionOutcome"
        ]
        .contains(c)),
        "{next:?}"
    );

    let history = server
        .ok(
            &tokens.auditor,
            "query($id: UUID!) { ticketHistory(id: $id) { eventType actor role } }",
            json!({ "id": id }),
        )
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
                "InspectionFeedbackSent",
                "ReplacementShipped",
                "TicketClosed",
            ]
        ),
        "{types:?}"
    );
    let shipped = events
        .iter()
        .find(|e| e["eventType"] == "ReplacementShipped")
        .unwrap();
    assert_eq!(
        (shipped["actor"].as_str(), shipped["role"].as_str()),
        (Some("wang"), Some("warehouse"))
    );
    assert!(
        events.iter().all(|e| e["role"] != "system"),
        "no workflow ran: {types:?}"
    );
    for token in [cs, wh, &tokens.finance, &tokens.admin] {
        let t = server
            .ok(
                token,
                "query($id: UUID!) { ticket(id: $id) { status resolution } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(t["ticket"]["resolution"], "EXCHANGED");
    }
    assert!(server.terminate().await);
}
