//! The role matrix: every query, mutation and subscription, called by every
//! token role and without a token. Forbidden calls must say FORBIDDEN;
//! allowed calls must get past the guard (they may still fail later, e.g.
//! INVALID_TRANSITION); no token must say UNAUTHENTICATED.
//!
//! Authorization happens before any database work, so one backend suffices.

use std::collections::BTreeSet;
use std::time::Duration;

use futures::StreamExt;
use returns::auth::principal::TOKEN_ROLES;
use returns::auth::Principal;
use returns::graphql::context::{Auth, RequestId};
use returns_domain::Role;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{error_code, open_input, TestApp};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Query,
    Mutation,
    Subscription,
}

struct Operation {
    field: &'static str,
    kind: Kind,
    document: &'static str,
    /// C customer service, W warehouse, F finance, U auditor, A admin.
    allowed: &'static str,
}

const fn op(
    field: &'static str,
    kind: Kind,
    document: &'static str,
    allowed: &'static str,
) -> Operation {
    Operation {
        field,
        kind,
        document,
        allowed,
    }
}

fn operations() -> Vec<Operation> {
    use Kind::*;
    vec![
        op("ticket", Query, "query($id: UUID!) { ticket(id: $id) { id } }", "CWFUA"),
        op("ticketHistory", Query, "query($id: UUID!) { ticketHistory(id: $id) { position } }", "UA"),
        op("ticketAsOf", Query, "query($id: UUID!) { ticketAsOf(id: $id, version: 1) { id } }", "UA"),
        op("verifyTicket", Query, "query($id: UUID!) { verifyTicket(id: $id) { intact } }", "UA"),
        op("verifyLog", Query, "{ verifyLog { intact } }", "UA"),
        op("seals", Query, "{ seals { sealId } }", "UA"),
        op("auditLog", Query, "{ auditLog(first: 5) { nodes { position } } }", "UA"),
        op("worklist", Query, "{ worklist(first: 5, filter: {search: \"buyer\"}) { nodes { ticketId } } }", "CUA"),
        op("followUps", Query, "{ followUps(list: OPEN) { nodes { followUpId } } }", "CUA"),
        op("followUpOutcomes", Query, "{ followUpOutcomes { outcome } }", "CUA"),
        op("inboundParcel", Query, "{ inboundParcel(trackingNumber: \"SF1\") { ticketId } }", "WUA"),
        op("warehouseQueue", Query, "{ warehouseQueue(queue: EXPECTED_INBOUND) { nodes { ticketId } } }", "WUA"),
        op("refunds", Query, "{ refunds(status: REQUESTED) { nodes { refundId } } }", "FUA"),
        op("refundTotals", Query, "{ refundTotals { day } }", "FUA"),
        op("refundsByKind", Query, "{ refundsByKind { kind issuedCount } }", "FUA"),
        op("managementStats", Query, "{ managementStats { reasons { sku } } }", "UA"),
        op("projectionLag", Query, "{ projectionLag { name } }", "UA"),
        op("openTicket", Mutation, "mutation($cmd: UUID!, $open: OpenTicketInput!) { openTicket(commandId: $cmd, input: $open) { version } }", "CA"),
        op("approveApplication", Mutation, "mutation($id: UUID!, $cmd: UUID!) { approveApplication(ticketId: $id, commandId: $cmd, input: {returnAddress: {recipient: \"R\", phone: \"1\", address: \"A\"}}) { version } }", "CA"),
        op("rejectApplication", Mutation, "mutation($id: UUID!, $cmd: UUID!) { rejectApplication(ticketId: $id, commandId: $cmd, input: {reason: \"no\"}) { version } }", "CA"),
        op("registerReturnShipment", Mutation, "mutation($id: UUID!, $cmd: UUID!) { registerReturnShipment(ticketId: $id, commandId: $cmd, input: {carrier: \"SF\", trackingNumber: \"SF1\"}) { version } }", "CA"),
        op("receiveReturn", Mutation, "mutation($id: UUID!, $cmd: UUID!) { receiveReturn(ticketId: $id, commandId: $cmd, input: {lines: [{lineId: \"L1\", qty: 1}], packageCondition: INTACT}) { version } }", "WA"),
        op("recordInspection", Mutation, "mutation($id: UUID!, $cmd: UUID!) { recordInspection(ticketId: $id, commandId: $cmd, input: {lineId: \"L1\", qtyInspected: 1, qtyAccepted: 1, grade: NEW, verdict: PASS, deduction: {amountMinor: 0, currency: \"CNY\"}}) { version } }", "WA"),
        op("completeInspection", Mutation, "mutation($id: UUID!, $cmd: UUID!) { completeInspection(ticketId: $id, commandId: $cmd) { version } }", "WA"),
        op("sendInspectionFeedback", Mutation, "mutation($id: UUID!, $cmd: UUID!) { sendInspectionFeedback(ticketId: $id, commandId: $cmd, input: {message: \"ok\"}) { version } }", "CA"),
        op("disputeInspection", Mutation, "mutation($id: UUID!, $cmd: UUID!) { disputeInspection(ticketId: $id, commandId: $cmd, input: {reason: \"no\"}) { version } }", "CA"),
        op("requestRefund", Mutation, "mutation($id: UUID!, $cmd: UUID!) { requestRefund(ticketId: $id, commandId: $cmd, input: {amount: {amountMinor: 100, currency: \"CNY\"}}) { version } }", "FA"),
        op("approveRefund", Mutation, "mutation($id: UUID!, $cmd: UUID!) { approveRefund(ticketId: $id, commandId: $cmd, input: {refundId: $cmd}) { version } }", "FA"),
        op("issueRefund", Mutation, "mutation($id: UUID!, $cmd: UUID!) { issueRefund(ticketId: $id, commandId: $cmd, input: {refundId: $cmd, gatewayReference: \"P\"}) { version } }", "FA"),
        op("recordRefundFailure", Mutation, "mutation($id: UUID!, $cmd: UUID!) { recordRefundFailure(ticketId: $id, commandId: $cmd, input: {refundId: $cmd, reason: \"declined\"}) { version } }", "FA"),
        op("shipReplacement", Mutation, "mutation($id: UUID!, $cmd: UUID!) { shipReplacement(ticketId: $id, commandId: $cmd, input: {carrier: \"SF\", trackingNumber: \"SF2\"}) { version } }", "WA"),
        op("returnGoodsToCustomer", Mutation, "mutation($id: UUID!, $cmd: UUID!) { returnGoodsToCustomer(ticketId: $id, commandId: $cmd, input: {carrier: \"SF\", trackingNumber: \"SF3\"}) { version } }", "WA"),
        op("statePriceDifference", Mutation, "mutation($id: UUID!, $cmd: UUID!) { statePriceDifference(ticketId: $id, commandId: $cmd, input: {amount: {amountMinor: 100, currency: \"CNY\"}, source: POLICY, basis: \"b\"}) { version } }", "CA"),
        op("shipReshipment", Mutation, "mutation($id: UUID!, $cmd: UUID!) { shipReshipment(ticketId: $id, commandId: $cmd, input: {carrier: \"SF\", trackingNumber: \"SF4\", contents: \"c\"}) { version } }", "WA"),
        op("confirmReshipmentReceived", Mutation, "mutation($id: UUID!, $cmd: UUID!) { confirmReshipmentReceived(ticketId: $id, commandId: $cmd, input: {by: BUYER}) { version } }", "CA"),
        op("recordRepair", Mutation, "mutation($id: UUID!, $cmd: UUID!) { recordRepair(ticketId: $id, commandId: $cmd, input: {method: WORKSHOP, workDone: \"w\", cost: {amountMinor: 0, currency: \"CNY\"}}) { version } }", "CWA"),
        op("shipRepairedGoods", Mutation, "mutation($id: UUID!, $cmd: UUID!) { shipRepairedGoods(ticketId: $id, commandId: $cmd, input: {carrier: \"SF\", trackingNumber: \"SF5\"}) { version } }", "WA"),
        op("convertTicket", Mutation, "mutation($id: UUID!, $cmd: UUID!) { convertTicket(ticketId: $id, commandId: $cmd, input: {conversion: EXCHANGE_TO_REFUND, reason: \"r\"}) { version } }", "CA"),
        op("makeCounterOffer", Mutation, "mutation($id: UUID!, $cmd: UUID!) { makeCounterOffer(ticketId: $id, commandId: $cmd, input: {partialRefund: {amountMinor: 100, currency: \"CNY\"}, respondBy: \"2030-01-01T00:00:00Z\", note: \"n\"}) { version } }", "CA"),
        op("recordOfferAnswer", Mutation, "mutation($id: UUID!, $cmd: UUID!) { recordOfferAnswer(ticketId: $id, commandId: $cmd, input: {offerId: $cmd, answer: ACCEPTED}) { version } }", "CA"),
        op("expireCounterOffer", Mutation, "mutation($id: UUID!, $cmd: UUID!) { expireCounterOffer(ticketId: $id, commandId: $cmd, input: {offerId: $cmd}) { version } }", "A"),
        op("chooseReplacementVariant", Mutation, "mutation($id: UUID!, $cmd: UUID!) { chooseReplacementVariant(ticketId: $id, commandId: $cmd, input: {lineId: \"L1\", sku: \"S2\", name: \"n\", priceDifference: {amountMinor: 0, currency: \"CNY\"}}) { version } }", "CA"),
        op("closeTicket", Mutation, "mutation($id: UUID!, $cmd: UUID!) { closeTicket(ticketId: $id, commandId: $cmd, input: {resolution: REJECTED}) { version } }", "CA"),
        op("cancelTicket", Mutation, "mutation($id: UUID!, $cmd: UUID!) { cancelTicket(ticketId: $id, commandId: $cmd, input: {reason: \"withdrawn\"}) { version } }", "CA"),
        op("assignTicket", Mutation, "mutation($id: UUID!, $cmd: UUID!) { assignTicket(ticketId: $id, commandId: $cmd, input: {assignee: \"alice\"}) { version } }", "CA"),
        op("addNote", Mutation, "mutation($id: UUID!, $cmd: UUID!) { addNote(ticketId: $id, commandId: $cmd, input: {text: \"hello\"}) { version } }", "CWFA"),
        op("updateCustomFields", Mutation, "mutation($id: UUID!, $cmd: UUID!) { updateCustomFields(ticketId: $id, commandId: $cmd, input: {fields: {vip: true}}) { version } }", "CA"),
        op("scheduleFollowUp", Mutation, "mutation($id: UUID!, $cmd: UUID!) { scheduleFollowUp(ticketId: $id, commandId: $cmd, input: {dueAt: \"2030-01-01T00:00:00Z\", purpose: \"call\"}) { version } }", "CA"),
        op("completeFollowUp", Mutation, "mutation($id: UUID!, $cmd: UUID!) { completeFollowUp(ticketId: $id, commandId: $cmd, input: {followUpId: $cmd, outcome: \"ok\"}) { version } }", "CA"),
        op("recordMissedDeadline", Mutation, "mutation($id: UUID!, $cmd: UUID!) { recordMissedDeadline(ticketId: $id, commandId: $cmd, input: {deadline: REVIEW}) { version } }", "A"),
        op("resolvePlatformSync", Mutation, "mutation($id: UUID!, $cmd: UUID!) { resolvePlatformSync(ticketId: $id, commandId: $cmd, input: {note: \"checked\"}) { version } }", "CA"),
        op("previewImport", Mutation, "mutation { previewImport(platform: \"douyin\", payload: {}) { ok } }", "CA"),
        op("importAftersale", Mutation, "mutation { importAftersale(platform: \"douyin\", payload: {}) { version } }", "CA"),
        op("sealLog", Mutation, "mutation { sealLog { sealId } }", "A"),
        op("revealPersonalData", Mutation, "mutation($id: UUID!) { revealPersonalData(ticketId: $id, reason: \"call the buyer\") { id } }", "WFA"),
        op("grantPersonalDataAccess", Mutation, "mutation($id: UUID!) { grantPersonalDataAccess(ticketId: $id, grantee: \"audit-1\", hours: 2) { until } }", "A"),
        op("eraseDataSubject", Mutation, "mutation { eraseDataSubject(subject: \"taobao:nobody\", reason: DATA_SUBJECT_REQUEST) { subject } }", "A"),
        op("recordEvidenceSubmission", Mutation, "mutation($id: UUID!, $cmd: UUID!) { recordEvidenceSubmission(ticketId: $id, commandId: $cmd, input: {packSha256: \"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"}) { version } }", "CA"),
        op("confirmPlatformAction", Mutation, "mutation($id: UUID!, $cmd: UUID!) { confirmPlatformAction(ticketId: $id, commandId: $cmd, input: {seq: 1}) { version } }", "CWFA"),
        op("platformTasks", Query, "{ platformTasks { nodes { seq } } }", "CWFUA"),
        op("platformTaskCounts", Query, "{ platformTaskCounts { platform } }", "UA"),
        op("submitEvidenceThroughPlatform", Mutation, "mutation($id: UUID!, $cmd: UUID!) { submitEvidenceThroughPlatform(ticketId: $id, commandId: $cmd, input: {comment: \"见质检照片\"}) { version } }", "CA"),
        op("platformRefusalReasons", Query, "query($id: UUID!) { platformRefusalReasons(ticketId: $id) { mode } }", "CA"),
        op("parcelPool", Query, "{ parcelPool { id } }", "CWFUA"),
        op("parcel", Query, "query($id: UUID!) { parcel(id: $id) { id } }", "CWFUA"),
        op("parcelPoolStats", Query, "{ parcelPoolStats { unmatched } }", "CWFUA"),
        op("parcelCandidates", Query, "{ parcelCandidates(search: \"SKU-1\") { ticketId } }", "CWA"),
        op("registerUnmatchedParcel", Mutation, "mutation($id: UUID!, $cmd: UUID!) { registerUnmatchedParcel(parcelId: $cmd, commandId: $id, input: {carrier: \"SF\", trackingNumber: \"SF-ROLE-1\", contents: \"a box\"}) { id } }", "WA"),
        op("matchParcel", Mutation, "mutation($id: UUID!, $cmd: UUID!) { matchParcel(parcelId: $cmd, ticketId: $id, commandId: $cmd) { version } }", "CWA"),
        op("requestParcelDisposition", Mutation, "mutation($id: UUID!, $cmd: UUID!) { requestParcelDisposition(parcelId: $id, commandId: $cmd, input: {disposition: KEEP, reason: \"nobody\"}) { id } }", "WA"),
        op("decideParcelDisposition", Mutation, "mutation($id: UUID!, $cmd: UUID!) { decideParcelDisposition(parcelId: $id, commandId: $cmd, approve: true) { id } }", "A"),
        op("payoutMode", Query, "{ payoutMode }", "FUA"),
        op("payouts", Query, "{ payouts(first: 5) { refundId state } }", "FUA"),
        op("payout", Query, "query($id: UUID!) { payout(refundId: $id) { state } }", "FUA"),
        op("savedViews", Query, "{ savedViews { name query } }", "CUA"),
        op("saveView", Mutation, "mutation { saveView(name: \"mine\", query: \"status=APPLIED\") { name } }", "CUA"),
        op("deleteView", Mutation, "mutation { deleteView(name: \"mine\") }", "CUA"),
        op("webhooks", Query, "{ webhooks { id } }", "UA"),
        op("webhookDeliveries", Query, "query($id: UUID!) { webhookDeliveries(ticketId: $id) { id } }", "UA"),
        op("webhookDeadLetters", Query, "{ webhookDeadLetters(first: 5) { id } }", "UA"),
        op("createWebhook", Mutation, "mutation { createWebhook(input: {url: \"http://127.0.0.1:9/hook\", events: [\"*\"], secret: \"0123456789abcdef\"}) { id } }", "A"),
        op("disableWebhook", Mutation, "mutation($id: UUID!) { disableWebhook(id: $id) { id } }", "A"),
        op("rotateWebhookSecret", Mutation, "mutation($id: UUID!) { rotateWebhookSecret(id: $id, secret: \"0123456789abcdef\") { id } }", "A"),
        op("replayWebhookDelivery", Mutation, "mutation($id: UUID!) { replayWebhookDelivery(id: $id) }", "A"),
        op("ticketEvents", Subscription, "subscription($id: UUID!) { ticketEvents(ticketId: $id) { position } }", "CWFUA"),
        op("departmentQueue", Subscription, "subscription { departmentQueue(department: CUSTOMER_SERVICE) { position } }", "CUA"),
        op("departmentQueue", Subscription, "subscription { departmentQueue(department: WAREHOUSE) { position } }", "WUA"),
        op("departmentQueue", Subscription, "subscription { departmentQueue(department: FINANCE) { position } }", "FUA"),
    ]
}

fn letter(role: Role) -> char {
    match role {
        Role::CustomerService => 'C',
        Role::Warehouse => 'W',
        Role::Finance => 'F',
        Role::Auditor => 'U',
        Role::Admin => 'A',
        Role::System => 'S',
    }
}

/// The error code of `op` run as `role`; `None` when it got past the guard without error.
async fn outcome(
    app: &TestApp,
    op: &Operation,
    role: Option<Role>,
    ticket: Uuid,
) -> Option<String> {
    let variables =
        json!({ "id": ticket, "cmd": Uuid::now_v7(), "open": open_input("RETURN_AND_REFUND") });
    if op.kind != Kind::Subscription {
        let response = app.run_as(role, op.document, variables).await;
        return error_code(&response);
    }
    let auth = Auth(role.map(|role| Principal {
        actor: "matrix".into(),
        role,
    }));
    let request = async_graphql::Request::new(op.document)
        .variables(async_graphql::Variables::from_json(variables))
        .data(auth)
        .data(RequestId(Uuid::now_v7()));
    let mut stream = app.schema.execute_stream(request);
    // A guard failure is the stream's first item; an allowed subscription waits for events.
    match tokio::time::timeout(Duration::from_millis(300), stream.next()).await {
        Ok(Some(response)) => {
            let value: Value = serde_json::to_value(&response).unwrap();
            error_code(&value)
        }
        _ => None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_operation_is_guarded_for_every_role() {
    let app = TestApp::sqlite().await;
    let ticket = app.open_ticket().await;
    let mut failures = Vec::new();
    for op in operations() {
        let code = outcome(&app, &op, None, ticket).await;
        if code.as_deref() != Some("UNAUTHENTICATED") {
            failures.push(format!(
                "{} without token: {code:?}, expected UNAUTHENTICATED",
                op.field
            ));
        }
        for role in TOKEN_ROLES {
            let allowed = op.allowed.contains(letter(role));
            let code = outcome(&app, &op, Some(role), ticket).await;
            let denied = matches!(code.as_deref(), Some("FORBIDDEN"));
            if allowed && (denied || code.as_deref() == Some("UNAUTHENTICATED")) {
                failures.push(format!(
                    "{} as {}: {code:?}, expected allowed",
                    op.field,
                    role.as_str()
                ));
            }
            if !allowed && !denied {
                failures.push(format!(
                    "{} as {}: {code:?}, expected FORBIDDEN",
                    op.field,
                    role.as_str()
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "role matrix violations:\n{}",
        failures.join("\n")
    );
}

/// The matrix above must name every field of the schema, so a new
/// operation cannot escape it.
#[tokio::test]
async fn the_role_matrix_covers_every_operation_of_the_schema() {
    let app = TestApp::sqlite().await;
    let mut in_schema = BTreeSet::new();
    for root in ["Query", "Mutation", "Subscription"] {
        let query = format!("{{ __type(name: \"{root}\") {{ fields {{ name }} }} }}");
        let response = app.run_as(None, &query, json!({})).await;
        for field in response["data"]["__type"]["fields"].as_array().unwrap() {
            in_schema.insert(field["name"].as_str().unwrap().to_owned());
        }
    }
    let in_matrix: BTreeSet<String> = operations().iter().map(|o| o.field.to_owned()).collect();
    assert_eq!(in_matrix, in_schema);
}
