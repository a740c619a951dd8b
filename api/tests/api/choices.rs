//! `Ticket.allowedConversions` and `Ticket.allowedOffers`: what the
//! conversion and counter-offer forms may propose now, as the domain's
//! rules say (the console shows exactly these choices).

use returns_domain::Role;
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{open_input, TestApp, OPEN_TICKET};

contract_tests!(
    conversions_and_offers_follow_the_kind_and_the_step,
    no_offer_is_proposed_while_one_is_open,
);

const CHOICES: &str =
    "query($id: UUID!) { ticket(id: $id) { status allowedConversions allowedOffers } }";

async fn open(app: &TestApp, kind: &str) -> String {
    let response = app
        .run_as(
            Some(Role::CustomerService),
            OPEN_TICKET,
            json!({ "commandId": Uuid::now_v7(), "input": open_input(kind) }),
        )
        .await;
    response["data"]["openTicket"]["ticket"]["id"]
        .as_str()
        .unwrap_or_else(|| panic!("open failed: {response}"))
        .to_owned()
}

async fn act(app: &TestApp, role: Role, mutation: &str, id: &str) {
    let response = app
        .run_as(
            Some(role),
            mutation,
            json!({ "id": id, "cmd": Uuid::now_v7() }),
        )
        .await;
    assert!(response["errors"].is_null(), "{response}");
}

async fn choices(app: &TestApp, id: &str) -> (Value, Value) {
    let response = app
        .run_as(Some(Role::CustomerService), CHOICES, json!({ "id": id }))
        .await;
    let ticket = &response["data"]["ticket"];
    (
        ticket["allowedConversions"].clone(),
        ticket["allowedOffers"].clone(),
    )
}

const APPROVE_WITHOUT_RETURN: &str = "mutation($id: UUID!, $cmd: UUID!) {
  approveApplication(ticketId: $id, commandId: $cmd, input: {}) { version }
}";
const APPROVE_WITH_RETURN: &str = "mutation($id: UUID!, $cmd: UUID!) {
  approveApplication(ticketId: $id, commandId: $cmd, input: { returnAddress: { recipient: \"R\", phone: \"1\", address: \"A\" } }) { version }
}";
const SHIP_BACK: &str = "mutation($id: UUID!, $cmd: UUID!) {
  registerReturnShipment(ticketId: $id, commandId: $cmd, input: { carrier: \"SF\", trackingNumber: \"SF-CHOICES\" }) { version }
}";
const RECEIVE: &str = "mutation($id: UUID!, $cmd: UUID!) {
  receiveReturn(ticketId: $id, commandId: $cmd, input: { lines: [{ lineId: \"L1\", qty: 1 }], packageCondition: INTACT }) { version }
}";
const OFFER: &str = "mutation($id: UUID!, $cmd: UUID!) {
  makeCounterOffer(ticketId: $id, commandId: $cmd, input: { partialRefund: { amountMinor: 10000, currency: \"CNY\" }, respondBy: \"2099-01-01T00:00:00Z\", note: \"keep it, 100 back\" }) { version }
}";

async fn conversions_and_offers_follow_the_kind_and_the_step(db: TestDatabase) {
    let app = TestApp::new(db).await;

    // A return and refund, applied: the buyer may keep the goods for part of the money.
    let ret = open(&app, "RETURN_AND_REFUND").await;
    assert_eq!(
        choices(&app, &ret).await,
        (
            json!(["RETURN_TO_PARTIAL_REFUND"]),
            json!(["PARTIAL_REFUND", "CONVERSION"])
        )
    );
    // Approved with an address: another address may be offered too.
    act(&app, Role::CustomerService, APPROVE_WITH_RETURN, &ret).await;
    assert_eq!(
        choices(&app, &ret).await.1,
        json!(["PARTIAL_REFUND", "CONVERSION", "RETURN_ADDRESS"])
    );
    // Once the goods move, nothing of that fits any more.
    act(&app, Role::CustomerService, SHIP_BACK, &ret).await;
    assert_eq!(choices(&app, &ret).await, (json!([]), json!([])));

    // A repair: nothing to convert while applied; to a refund once approved;
    // to a refund or an exchange once the goods are here.
    let repair = open(&app, "REPAIR").await;
    assert_eq!(choices(&app, &repair).await, (json!([]), json!([])));
    act(&app, Role::CustomerService, APPROVE_WITH_RETURN, &repair).await;
    assert_eq!(
        choices(&app, &repair).await,
        (
            json!(["REPAIR_TO_REFUND"]),
            json!(["CONVERSION", "RETURN_ADDRESS"])
        )
    );
    act(&app, Role::CustomerService, SHIP_BACK, &repair).await;
    act(&app, Role::Warehouse, RECEIVE, &repair).await;
    assert_eq!(
        choices(&app, &repair).await,
        (
            json!(["REPAIR_TO_REFUND", "REPAIR_TO_EXCHANGE"]),
            json!(["CONVERSION"])
        )
    );

    // A reship converts to a refund once approved, before the part ships.
    let reship = open(&app, "RESHIP").await;
    act(&app, Role::CustomerService, APPROVE_WITHOUT_RETURN, &reship).await;
    assert_eq!(
        choices(&app, &reship).await,
        (json!(["RESHIP_TO_REFUND"]), json!(["CONVERSION"]))
    );

    // Price protection converts to nothing and takes no counter-offer.
    let price = open(&app, "PRICE_PROTECTION").await;
    assert_eq!(choices(&app, &price).await, (json!([]), json!([])));
}

async fn no_offer_is_proposed_while_one_is_open(db: TestDatabase) {
    let app = TestApp::new(db).await;
    let id = open(&app, "REFUND_ONLY").await;
    assert_eq!(choices(&app, &id).await.1, json!(["PARTIAL_REFUND"]));
    act(&app, Role::CustomerService, OFFER, &id).await;
    assert_eq!(choices(&app, &id).await.1, json!([]));
}
