//! Every mutation and query without a token, with an expired or revoked
//! token, and with each role the policy does not allow; SQL-looking strings
//! stored and returned verbatim; a tampered event row found by `verify`.

use returns_domain::{CommandKind, Role};
use returns_eventstore::contract_tests;
use returns_eventstore::db::{Dialect, Statement};
use returns_eventstore::statement;
use returns_eventstore::testing::TestDatabase;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::support::{
    assert_none_written, cli, cmd, code, command_id_of, mutation, open_input, open_ticket,
    read_log, read_log_opened, store, token, token_with, Server, OPEN,
};

contract_tests!(
    every_operation_refuses_missing_expired_and_revoked_tokens_and_wrong_roles,
    sql_looking_strings_are_stored_and_returned_verbatim,
    a_tampered_event_row_is_found_by_verify,
);

/// The GraphQL mutation of a command kind, e.g. `recordInspection`.
fn mutation_name(kind: CommandKind) -> String {
    let name = kind.name();
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_ascii_lowercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// A well-formed request for every mutation (the guard must refuse it
/// before the ticket or the input matter).
fn request(kind: CommandKind, ticket: &str) -> (String, Value) {
    use CommandKind::*;
    if kind == OpenTicket {
        return (
            OPEN.to_owned(),
            json!({ "cmd": cmd(), "input": open_input("RETURN_AND_REFUND", "SEC-X") }),
        );
    }
    if kind == ReceiveMatchedParcel {
        return (
            "mutation($id: UUID!, $cmd: UUID!, $parcel: UUID!) { matchParcel(ticketId: $id, commandId: $cmd, parcelId: $parcel) { version } }".to_owned(),
            json!({ "id": ticket, "cmd": cmd(), "parcel": Uuid::now_v7() }),
        );
    }
    let shipment = json!({ "carrier": "SF", "trackingNumber": "SF9" });
    let (input_type, input) = match kind {
        ApproveApplication => (
            Some("ApproveApplicationInput"),
            json!({ "returnAddress": { "recipient": "r", "phone": "1", "address": "a" } }),
        ),
        RejectApplication => (Some("RejectApplicationInput"), json!({ "reason": "no" })),
        RegisterReturnShipment => (Some("ShipmentInput"), shipment),
        ReceiveReturn => (
            Some("ReceiveReturnInput"),
            json!({ "lines": [{ "lineId": "L1", "qty": 1 }], "packageCondition": "INTACT" }),
        ),
        RecordInspection => (
            Some("RecordInspectionInput"),
            json!({ "lineId": "L1", "qtyInspected": 1, "qtyAccepted": 1,
            "grade": "NEW", "verdict": "PASS", "deduction": { "amountMinor": 0, "currency": "CNY" } }),
        ),
        CompleteInspection => (None, Value::Null),
        SendInspectionFeedback => (
            Some("SendInspectionFeedbackInput"),
            json!({ "message": "ok" }),
        ),
        DisputeInspection => (Some("DisputeInspectionInput"), json!({ "reason": "no" })),
        RequestRefund => (
            Some("RequestRefundInput"),
            json!({ "amount": { "amountMinor": 100, "currency": "CNY" } }),
        ),
        ApproveRefund => (
            Some("ApproveRefundInput"),
            json!({ "refundId": Uuid::now_v7() }),
        ),
        IssueRefund => (
            Some("IssueRefundInput"),
            json!({ "refundId": Uuid::now_v7(), "gatewayReference": "G" }),
        ),
        RecordRefundFailure => (
            Some("RecordRefundFailureInput"),
            json!({ "refundId": Uuid::now_v7(), "reason": "r" }),
        ),
        ShipReplacement | ReturnGoodsToCustomer => (Some("ShipmentInput"), shipment),
        CloseTicket => (
            Some("CloseTicketInput"),
            json!({ "resolution": "REFUNDED" }),
        ),
        CancelTicket => (Some("CancelTicketInput"), json!({ "reason": "r" })),
        AssignTicket => (Some("AssignTicketInput"), json!({ "assignee": "bob" })),
        AddNote => (Some("AddNoteInput"), json!({ "text": "t" })),
        UpdateCustomFields => (
            Some("UpdateCustomFieldsInput"),
            json!({ "fields": { "vip": true } }),
        ),
        ScheduleFollowUp => (
            Some("ScheduleFollowUpInput"),
            json!({ "dueAt": "2030-01-01T00:00:00Z", "purpose": "call" }),
        ),
        CompleteFollowUp => (
            Some("CompleteFollowUpInput"),
            json!({ "followUpId": Uuid::now_v7(), "outcome": "ok" }),
        ),
        RecordMissedDeadline => (
            Some("RecordMissedDeadlineInput"),
            json!({ "deadline": "REVIEW" }),
        ),
        ResolvePlatformSync => (
            Some("ResolvePlatformSyncInput"),
            json!({ "note": "checked" }),
        ),
        StatePriceDifference => (
            Some("StatePriceDifferenceInput"),
            json!({ "amount": { "amountMinor": 100, "currency": "CNY" },
            "basis": "b", "source": "POLICY" }),
        ),
        ShipReshipment => (
            Some("ShipReshipmentInput"),
            json!({ "carrier": "SF", "trackingNumber": "SF9", "contents": "c" }),
        ),
        ConfirmReshipmentReceived => (
            Some("ConfirmReshipmentReceivedInput"),
            json!({ "by": "BUYER" }),
        ),
        RecordRepair => (
            Some("RecordRepairInput"),
            json!({ "method": "WORKSHOP", "workDone": "w",
            "cost": { "amountMinor": 0, "currency": "CNY" } }),
        ),
        ShipRepairedGoods => (Some("ShipmentInput"), shipment),
        ConvertTicket => (
            Some("ConvertTicketInput"),
            json!({ "conversion": "EXCHANGE_TO_REFUND", "reason": "r" }),
        ),
        MakeCounterOffer => (
            Some("MakeCounterOfferInput"),
            json!({ "partialRefund": { "amountMinor": 100, "currency": "CNY" },
            "respondBy": "2030-01-01T00:00:00Z", "note": "n" }),
        ),
        RecordOfferAnswer => (
            Some("RecordOfferAnswerInput"),
            json!({ "offerId": Uuid::now_v7(), "answer": "ACCEPTED" }),
        ),
        ExpireCounterOffer => (
            Some("ExpireCounterOfferInput"),
            json!({ "offerId": Uuid::now_v7() }),
        ),
        RecordEvidenceSubmission => (
            Some("RecordEvidenceSubmissionInput"),
            json!({ "packSha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" }),
        ),
        ConfirmPlatformAction => (Some("ConfirmPlatformActionInput"), json!({ "seq": 1 })),
        ChooseReplacementVariant => (
            Some("ChooseReplacementVariantInput"),
            json!({ "lineId": "L1", "sku": "S2", "name": "n",
            "priceDifference": { "amountMinor": 0, "currency": "CNY" } }),
        ),
        OpenTicket
        | ReceiveMatchedParcel
        | RecordPlatformApproval
        | RecordPlatformRefund
        | RecordPlatformSyncIssue
        | RecordPlatformDeadline
        | RecordPlatformDeadlineNear
        | RecordPlatformArbitration
        | RecordPlatformCorrection
        | RecordPlatformConfirmation
        | RecordPlatformActionOutcome => unreachable!(),
    };
    (
        mutation(&mutation_name(kind), input_type),
        json!({ "id": ticket, "cmd": cmd(), "input": input }),
    )
}

/// Every query, with the roles that may run it.
fn queries(ticket: &str) -> Vec<(&'static str, String, Value, &'static [Role])> {
    use Role::*;
    let all: &'static [Role] = &[CustomerService, Warehouse, Finance, Auditor, Admin];
    let audit: &'static [Role] = &[Auditor, Admin];
    let id = json!({ "id": ticket });
    vec![
        (
            "ticket",
            "query($id: UUID!) { ticket(id: $id) { id } }".into(),
            id.clone(),
            all,
        ),
        (
            "ticketHistory",
            "query($id: UUID!) { ticketHistory(id: $id) { position } }".into(),
            id.clone(),
            audit,
        ),
        (
            "ticketAsOf",
            "query($id: UUID!) { ticketAsOf(id: $id, version: 1) { id } }".into(),
            id.clone(),
            audit,
        ),
        (
            "verifyTicket",
            "query($id: UUID!) { verifyTicket(id: $id) { __typename } }".into(),
            id,
            audit,
        ),
        (
            "auditLog",
            "query { auditLog(first: 5) { __typename } }".into(),
            json!({}),
            audit,
        ),
        (
            "verifyLog",
            "query { verifyLog { __typename } }".into(),
            json!({}),
            audit,
        ),
        (
            "seals",
            "query { seals { __typename } }".into(),
            json!({}),
            &[Admin, Auditor],
        ),
    ]
}

const ROLES: [Role; 5] = [
    Role::CustomerService,
    Role::Warehouse,
    Role::Finance,
    Role::Auditor,
    Role::Admin,
];

async fn every_operation_refuses_missing_expired_and_revoked_tokens_and_wrong_roles(
    db: TestDatabase,
) {
    let mut tokens = std::collections::HashMap::new();
    for role in ROLES {
        tokens.insert(
            role,
            token(&db, role.as_str(), &format!("{}-1", role.as_str())).await,
        );
    }
    let expired = token_with(&db, "admin", "expired-admin", &["--expires-in-days=-1"]).await;
    let revoked = token(&db, "admin", "revoked-admin").await;
    let (ok, listing, _) = cli(&db, &["token", "list"]).await;
    assert!(ok);
    let revoked_id = listing
        .lines()
        .find(|l| l.contains("revoked-admin"))
        .and_then(|l| l.split_whitespace().next())
        .unwrap()
        .to_owned();
    let (ok, _, stderr) = cli(&db, &["token", "revoke", &revoked_id]).await;
    assert!(ok, "{stderr}");

    let server = Server::start(&db).await;
    let ticket = open_ticket(&server, &tokens[&Role::CustomerService], "SEC-1").await;
    let store = store(&db).await;
    let head = store.head_position().await.unwrap();
    let mut failures = Vec::new();
    let mut sent = Vec::new();
    let mut check = |what: String, response: Option<Value>, want: &str| {
        let response = response.unwrap_or(Value::Null);
        if code(&response) != Some(want) || data_has_payload(&response) {
            failures.push(format!("{what}: wanted {want} → {response}"));
        }
    };
    // The platform's own steps are recorded by intake only: no mutation to guard.
    let platform_only = [
        CommandKind::RecordPlatformApproval,
        CommandKind::RecordPlatformRefund,
        CommandKind::RecordPlatformSyncIssue,
        CommandKind::RecordPlatformDeadline,
        CommandKind::RecordPlatformDeadlineNear,
        CommandKind::RecordPlatformArbitration,
        CommandKind::RecordPlatformCorrection,
        CommandKind::RecordPlatformConfirmation,
        CommandKind::RecordPlatformActionOutcome,
    ];
    for kind in CommandKind::ALL
        .into_iter()
        .filter(|k| !platform_only.contains(k))
    {
        for (label, bad) in [
            ("no token", None),
            ("expired token", Some(expired.as_str())),
            ("revoked token", Some(revoked.as_str())),
            ("unknown token", Some("rt_not_a_real_token")),
        ] {
            let (query, vars) = request(kind, &ticket);
            sent.extend(command_id_of(&vars));
            check(
                format!("{kind} with {label}"),
                server.try_gql(bad, &query, vars).await,
                "UNAUTHENTICATED",
            );
        }
        for role in ROLES.into_iter().filter(|r| !r.may_issue(kind)) {
            let (query, vars) = request(kind, &ticket);
            sent.extend(command_id_of(&vars));
            check(
                format!("{kind} as {}", role.as_str()),
                server.try_gql(Some(&tokens[&role]), &query, vars).await,
                "FORBIDDEN",
            );
        }
    }
    for (name, query, vars, allowed) in queries(&ticket) {
        for (label, bad) in [
            ("no token", None),
            ("expired token", Some(expired.as_str())),
            ("revoked token", Some(revoked.as_str())),
        ] {
            check(
                format!("{name} with {label}"),
                server.try_gql(bad, &query, vars.clone()).await,
                "UNAUTHENTICATED",
            );
        }
        for role in ROLES.into_iter().filter(|r| !allowed.contains(r)) {
            check(
                format!("{name} as {}", role.as_str()),
                server
                    .try_gql(Some(&tokens[&role]), &query, vars.clone())
                    .await,
                "FORBIDDEN",
            );
        }
        // The allowed roles do get through (so the refusals above are the guard, not a broken query).
        for role in allowed {
            let response = server.gql(&tokens[role], &query, vars.clone()).await;
            assert!(
                response["errors"].is_null(),
                "{name} as {}: {response}",
                role.as_str()
            );
        }
    }
    assert!(
        failures.is_empty(),
        "{} refusal(s) wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_none_written(&store, head, &sent).await;
    server.stop().await;
}

fn data_has_payload(response: &Value) -> bool {
    response["data"]
        .as_object()
        .is_some_and(|d| d.values().any(|v| !v.is_null()))
}

async fn sql_looking_strings_are_stored_and_returned_verbatim(db: TestDatabase) {
    let cs = token(&db, "customer_service", "alice").await;
    let server = Server::start(&db).await;
    let hostile = [
        "'; DROP TABLE events; --",
        "Robert'); DELETE FROM events WHERE ('1'='1",
        "\" OR 1=1 --",
        "$1; SELECT pg_sleep(10); --",
        "🙂 \u{202E} 退货 \\ % _",
    ];
    let mut input = open_input("RETURN_AND_REFUND", hostile[1]);
    input["customer"] = json!(hostile[0]);
    input["reasonText"] = json!(hostile[2]);
    let opened = server
        .ok(&cs, OPEN, json!({ "cmd": cmd(), "input": input }))
        .await;
    let id = opened["openTicket"]["ticket"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let note = mutation("addNote", Some("AddNoteInput"));
    for text in &hostile {
        let response = server
            .gql(
                &cs,
                &note,
                json!({ "id": id, "cmd": cmd(), "input": { "text": text } }),
            )
            .await;
        assert!(response["errors"].is_null(), "{text:?}: {response}");
    }
    let shown = server
        .ok(&cs, "query($id: UUID!) { ticket(id: $id) { customer reasonText platformOrderId notes { text } } }", json!({ "id": id }))
        .await;
    assert_eq!(shown["ticket"]["customer"], json!(hostile[0]));
    assert_eq!(shown["ticket"]["platformOrderId"], json!(hostile[1]));
    assert_eq!(shown["ticket"]["reasonText"], json!(hostile[2]));
    let notes: Vec<&str> = shown["ticket"]["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    for text in &hostile {
        assert!(
            notes.contains(text),
            "{text:?} not returned verbatim: {notes:?}"
        );
    }
    let store = store(&db).await;
    let raw = read_log(&store).await;
    assert!(
        !raw.iter()
            .any(|e| e.payload["customer"] == json!(hostile[0])),
        "the customer is stored sealed"
    );
    let log = read_log_opened(&store).await;
    assert!(
        log.iter()
            .any(|e| e.payload["customer"] == json!(hostile[0])),
        "stored verbatim under the seal"
    );
    assert!(store.verify_all().await.unwrap().is_intact());
    server.stop().await;
}

/// A NUL character cannot be stored in PostgreSQL text or JSONB: it must be
/// refused as VALIDATION, not fail deep in the store as INTERNAL.
#[tokio::test]
async fn a_nul_character_is_refused_as_validation_on_postgres() {
    let Some(db) = TestDatabase::postgres().await else {
        return;
    };
    let cs = token(&db, "customer_service", "alice").await;
    let server = Server::start(&db).await;
    let id = open_ticket(&server, &cs, "NUL-1").await;
    let note = mutation("addNote", Some("AddNoteInput"));
    let response = server
        .gql(
            &cs,
            &note,
            json!({ "id": id, "cmd": cmd(), "input": { "text": "x\u{0}y" } }),
        )
        .await;
    assert_eq!(code(&response), Some("VALIDATION"), "{response}");
    server.stop().await;
}

async fn a_tampered_event_row_is_found_by_verify(db: TestDatabase) {
    let cs = token(&db, "customer_service", "alice").await;
    let auditor = token(&db, "auditor", "audrey").await;
    let server = Server::start(&db).await;
    let id = open_ticket(&server, &cs, "TAMPER-1").await;
    let note = mutation("addNote", Some("AddNoteInput"));
    for text in ["first", "second"] {
        server
            .ok(
                &cs,
                &note,
                json!({ "id": id, "cmd": cmd(), "input": { "text": text } }),
            )
            .await;
    }
    let (ok, _, stderr) = cli(&db, &["verify", &id]).await;
    assert!(ok, "an untouched ticket verifies: {stderr}");

    // A deliberate, visible act: drop the immutability guard, rewrite a payload.
    let store = store(&db).await;
    let stream = format!("ticket-{id}");
    let (guard, rewrite) = match store.db().dialect() {
        Dialect::Sqlite => (
            "DROP TRIGGER events_no_update",
            // The note's text is sealed: tamper with its ciphertext.
            "UPDATE events SET payload = replace(payload, '$enc:v1:', '$enc:v9:') WHERE stream_id = $1 AND stream_version = 2",
        ),
        Dialect::Postgres => (
            "ALTER TABLE events DISABLE TRIGGER events_immutable",
            "UPDATE events SET payload = jsonb_set(payload, '{text}', '\"FIRST\"') WHERE stream_id = $1 AND stream_version = 2",
        ),
    };
    store
        .db()
        .execute(&Statement::new(guard, Vec::new()))
        .await
        .unwrap();
    store
        .db()
        .execute(&statement!(rewrite, stream.as_str()))
        .await
        .unwrap();
    let (ok, stdout, stderr) = cli(&db, &["verify", &id]).await;
    assert!(!ok, "verify must fail on a tampered row: {stdout} {stderr}");
    let (ok, _, _) = cli(&db, &["verify", "--all"]).await;
    assert!(!ok, "verify --all must fail on a tampered row");
    let report = store.verify_all().await.unwrap();
    assert_eq!(report.chain_breaks.len(), 1, "{report:?}");
    assert_eq!(report.chain_breaks[0].stream_id, stream);
    let shown = server
        .ok(
            &auditor,
            "query($id: UUID!) { verifyTicket(id: $id) { intact firstBreak { __typename } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(shown["verifyTicket"]["intact"], json!(false), "{shown}");
    server.stop().await;
}
