//! Mutations carry domain errors to the client with `extensions.code` and a
//! readable message; `commandId` makes retries safe; tokens authenticate.

use returns_domain::Role;
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use serde_json::json;
use uuid::Uuid;

use crate::helpers::{error_code, open_input, TestApp, OPEN_TICKET};

contract_tests!(
    a_command_out_of_order_is_an_invalid_transition,
    a_malformed_currency_is_a_validation_error,
    a_command_to_an_unknown_ticket_is_not_found,
    a_stale_expected_version_is_a_conflict,
    retrying_a_command_id_returns_the_first_result,
    tokens_authenticate_until_revoked,
    text_with_a_nul_character_is_a_validation_error_on_both_backends,
    malformed_requests_carry_the_validation_code,
    a_correction_keeps_the_recorded_notes_it_cannot_read,
);

const COMPLETE: &str = "mutation($id: UUID!, $cmd: UUID!, $v: Int) {
  completeInspection(ticketId: $id, commandId: $cmd, expectedVersion: $v) { version }
}";
const NOTE: &str = "mutation($id: UUID!, $cmd: UUID!, $v: Int) {
  addNote(ticketId: $id, commandId: $cmd, expectedVersion: $v, input: {text: \"called the customer\"}) {
    version position repeated ticket { notes { author text } }
  }
}";

async fn a_command_out_of_order_is_an_invalid_transition(db: TestDatabase) {
    let app = TestApp::new(db).await;
    let id = app.open_ticket().await;
    let response = app
        .run_as(
            Some(Role::Warehouse),
            COMPLETE,
            json!({ "id": id, "cmd": Uuid::now_v7() }),
        )
        .await;
    assert_eq!(error_code(&response).as_deref(), Some("INVALID_TRANSITION"));
    let message = response["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("CompleteInspection is not allowed while the ticket is applied"),
        "{message}"
    );
}

async fn a_malformed_currency_is_a_validation_error(db: TestDatabase) {
    let app = TestApp::new(db).await;
    let mut input = open_input("RETURN_AND_REFUND");
    input["currency"] = json!("cny");
    let response = app
        .run_as(
            Some(Role::CustomerService),
            OPEN_TICKET,
            json!({ "commandId": Uuid::now_v7(), "input": input }),
        )
        .await;
    assert_eq!(
        error_code(&response).as_deref(),
        Some("VALIDATION"),
        "{response}"
    );
    assert!(response["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("ISO 4217"));
}

async fn a_command_to_an_unknown_ticket_is_not_found(db: TestDatabase) {
    let app = TestApp::new(db).await;
    let unknown = Uuid::now_v7();
    let response = app
        .run_as(
            Some(Role::Warehouse),
            COMPLETE,
            json!({ "id": unknown, "cmd": Uuid::now_v7() }),
        )
        .await;
    assert_eq!(error_code(&response).as_deref(), Some("NOT_FOUND"));
    let query = app
        .run_as(
            Some(Role::Finance),
            "query($id: UUID!) { ticket(id: $id) { id } }",
            json!({ "id": unknown }),
        )
        .await;
    assert_eq!(error_code(&query).as_deref(), Some("NOT_FOUND"));
}

async fn a_stale_expected_version_is_a_conflict(db: TestDatabase) {
    let app = TestApp::new(db).await;
    let id = app.open_ticket().await;
    let first = app
        .run_as(
            Some(Role::Finance),
            NOTE,
            json!({ "id": id, "cmd": Uuid::now_v7(), "v": 1 }),
        )
        .await;
    assert_eq!(first["data"]["addNote"]["version"], 2, "{first}");
    let stale = app
        .run_as(
            Some(Role::Warehouse),
            NOTE,
            json!({ "id": id, "cmd": Uuid::now_v7(), "v": 1 }),
        )
        .await;
    assert_eq!(error_code(&stale).as_deref(), Some("CONFLICT"), "{stale}");
    assert!(stale["errors"][0]["message"]
        .as_str()
        .unwrap()
        .contains("now at version 2"));
}

async fn retrying_a_command_id_returns_the_first_result(db: TestDatabase) {
    let app = TestApp::new(db).await;
    let id = app.open_ticket().await;
    let cmd = Uuid::now_v7();
    let first = app
        .run_as(Some(Role::Finance), NOTE, json!({ "id": id, "cmd": cmd }))
        .await;
    let retry = app
        .run_as(Some(Role::Finance), NOTE, json!({ "id": id, "cmd": cmd }))
        .await;
    assert_eq!(first["data"]["addNote"]["repeated"], false, "{first}");
    assert_eq!(retry["data"]["addNote"]["repeated"], true, "{retry}");
    assert_eq!(
        retry["data"]["addNote"]["position"],
        first["data"]["addNote"]["position"]
    );
    assert_eq!(
        retry["data"]["addNote"]["ticket"]["notes"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        retry["data"]["addNote"]["ticket"]["notes"][0]["author"],
        "test-finance"
    );

    // The note's id cannot open a ticket: it is another command.
    let reused = app
        .run_as(
            Some(Role::CustomerService),
            OPEN_TICKET,
            json!({ "commandId": cmd, "input": open_input("EXCHANGE") }),
        )
        .await;
    assert_eq!(
        reused["errors"][0]["extensions"]["code"], "VALIDATION",
        "{reused}"
    );

    // Opening without a ticket id twice with one command id opens one ticket.
    let open = json!({ "commandId": Uuid::now_v7(), "input": open_input("EXCHANGE") });
    let a = app
        .run_as(Some(Role::CustomerService), OPEN_TICKET, open.clone())
        .await;
    let b = app
        .run_as(Some(Role::CustomerService), OPEN_TICKET, open)
        .await;
    assert_eq!(
        a["data"]["openTicket"]["ticket"]["id"], b["data"]["openTicket"]["ticket"]["id"],
        "{a} {b}"
    );
    assert_eq!(b["data"]["openTicket"]["repeated"], true);
}

async fn tokens_authenticate_until_revoked(db: TestDatabase) {
    let app = TestApp::new(db).await;
    let (token, info) = app
        .state
        .tokens
        .create("wu", "warehouse", None)
        .await
        .unwrap();
    let who = app
        .state
        .tokens
        .authenticate(&token)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((who.actor.as_str(), who.role), ("wu", Role::Warehouse));
    let body = json!({ "query": "{ seals { sealId } }" }).to_string();
    let (_, forbidden) = app.post(Some(&token), body.clone()).await;
    assert_eq!(error_code(&forbidden).as_deref(), Some("FORBIDDEN"));
    let (_, bad) = app.post(Some("rt_not-a-token"), body.clone()).await;
    assert_eq!(error_code(&bad).as_deref(), Some("UNAUTHENTICATED"));
    assert_eq!(app.state.tokens.revoke(&info.id).await.unwrap(), 1);
    assert!(app
        .state
        .tokens
        .authenticate(&token)
        .await
        .unwrap()
        .is_none());
    let (_, revoked) = app.post(Some(&token), body).await;
    assert_eq!(error_code(&revoked).as_deref(), Some("UNAUTHENTICATED"));
    assert!(app.state.tokens.create("x", "system", None).await.is_err());
}

async fn text_with_a_nul_character_is_a_validation_error_on_both_backends(db: TestDatabase) {
    let app = TestApp::new(db).await;
    let id = app.open_ticket().await;
    let note = "mutation($id: UUID!, $cmd: UUID!, $text: String!) {
      addNote(ticketId: $id, commandId: $cmd, input: {text: $text}) { version } }";
    let response = app
        .run_as(
            Some(Role::Finance),
            note,
            json!({ "id": id, "cmd": Uuid::now_v7(), "text": "x\u{0}y" }),
        )
        .await;
    assert_eq!(
        error_code(&response).as_deref(),
        Some("VALIDATION"),
        "{response}"
    );
    assert_eq!(
        app.state
            .store
            .stream_version(&format!("ticket-{id}"))
            .await
            .unwrap(),
        1
    );
}

async fn malformed_requests_carry_the_validation_code(db: TestDatabase) {
    let app = TestApp::new(db).await;
    for (query, variables) in [
        ("mutation { addNote(", json!({})),
        ("{ ticket(id: \"nope\") { id } }", json!({})),
        ("query($id: UUID!) { ticket(id: $id) { password } }", json!({ "id": Uuid::now_v7() })),
        ("mutation($cmd: UUID!) { openTicket(commandId: $cmd, input: {kind: GIFT_CARD}) { version } }", json!({ "cmd": Uuid::now_v7() })),
    ] {
        let response = app.run_as(Some(Role::Admin), query, variables).await;
        assert_eq!(error_code(&response).as_deref(), Some("VALIDATION"), "{query} → {response}");
        assert!(!response["errors"][0]["message"].as_str().unwrap().is_empty());
    }
}

async fn a_correction_keeps_the_recorded_notes_it_cannot_read(db: TestDatabase) {
    let app = TestApp::new(db).await;
    let id = app.open_ticket().await;
    let steps = [
        (Role::CustomerService, "mutation($t: UUID!, $c: UUID!) { approveApplication(ticketId: $t, commandId: $c, input: { returnAddress: { recipient: \"R\", phone: \"1\", address: \"A\" } }) { version } }"),
        (Role::CustomerService, "mutation($t: UUID!, $c: UUID!) { registerReturnShipment(ticketId: $t, commandId: $c, input: { carrier: \"SF\", trackingNumber: \"SF1\" }) { version } }"),
        (Role::Warehouse, "mutation($t: UUID!, $c: UUID!) { receiveReturn(ticketId: $t, commandId: $c, input: { lines: [{ lineId: \"L1\", qty: 1 }], packageCondition: INTACT }) { version } }"),
        (Role::Warehouse, "mutation($t: UUID!, $c: UUID!) { recordInspection(ticketId: $t, commandId: $c, input: { lineId: \"L1\", qtyInspected: 1, qtyAccepted: 1, grade: NEW, verdict: PASS, deduction: { amountMinor: 0, currency: \"CNY\" }, notes: \"tags removed\" }) { version } }"),
        // The correction: a different grade, the notes kept though the warehouse sees them masked.
        (Role::Warehouse, "mutation($t: UUID!, $c: UUID!) { recordInspection(ticketId: $t, commandId: $c, input: { lineId: \"L1\", qtyInspected: 1, qtyAccepted: 1, grade: OPENED, verdict: PASS, deduction: { amountMinor: 100, currency: \"CNY\" }, keepRecordedNotes: true }) { version } }"),
    ];
    for (role, query) in steps {
        let answer = app
            .run_as(Some(role), query, json!({ "t": id, "c": Uuid::now_v7() }))
            .await;
        assert!(answer["errors"].is_null(), "{answer}");
    }
    let read = "query($t: UUID!) { ticket(id: $t) { lines { inspection { grade notes } } } }";
    let answer = app
        .run_as(Some(Role::Admin), read, json!({ "t": id }))
        .await;
    let inspection = &answer["data"]["ticket"]["lines"][0]["inspection"];
    assert_eq!(inspection["grade"], "OPENED", "{answer}");
    assert_eq!(inspection["notes"], "tags removed", "{answer}");

    // Without the flag, the notes given replace the recorded ones.
    let replace = "mutation($t: UUID!, $c: UUID!) { recordInspection(ticketId: $t, commandId: $c, input: { lineId: \"L1\", qtyInspected: 1, qtyAccepted: 1, grade: OPENED, verdict: PASS, deduction: { amountMinor: 0, currency: \"CNY\" }, notes: \"re-checked\" }) { version } }";
    let answer = app
        .run_as(
            Some(Role::Warehouse),
            replace,
            json!({ "t": id, "c": Uuid::now_v7() }),
        )
        .await;
    assert!(answer["errors"].is_null(), "{answer}");
    let answer = app
        .run_as(Some(Role::Admin), read, json!({ "t": id }))
        .await;
    assert_eq!(
        answer["data"]["ticket"]["lines"][0]["inspection"]["notes"],
        "re-checked"
    );
}
