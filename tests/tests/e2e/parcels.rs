//! Parcels nobody announced (无头件) through HTTP on the real binary with
//! the workflows on: the warehouse registers a parcel no ticket expects;
//! the engine receives it on its ticket the moment customer service
//! registers the waybill; a person finds the ticket of another by SKU and
//! matches it; a parcel is claimed once; a parcel a ticket expects is not
//! pooled; a disposition waits 14 days and an admin's approval.

use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{
    cmd, code, event_types as history, in_order, open_input, step, wait_for_data, wait_for_ticket,
    Server, Tokens, OPEN,
};

contract_tests!(
    a_pooled_parcel_is_received_the_moment_its_ticket_names_it,
    a_person_finds_the_ticket_by_sku_and_the_parcel_is_claimed_once,
);

const PARCEL: &str = "id status carrier trackingNumber contents senderName senderPhone ageDays ticketId matchedBy version";

async fn open_approved(server: &Server, cs: &str, order: &str) -> String {
    let opened = server
        .ok(
            cs,
            OPEN,
            json!({ "cmd": cmd(), "input": open_input("RETURN_AND_REFUND", order) }),
        )
        .await;
    let id = opened["openTicket"]["ticket"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    step(server, cs, "approveApplication", Some("ApproveApplicationInput"), &id,
        json!({ "returnAddress": { "recipient": "Returns desk", "phone": "021-1", "address": "Jiading" } })).await;
    id
}

async fn register(server: &Server, token: &str, tracking: &str) -> Value {
    register_with(server, token, tracking, Uuid::now_v7(), &[]).await
}

async fn register_with(
    server: &Server,
    token: &str,
    tracking: &str,
    parcel: Uuid,
    photos: &[String],
) -> Value {
    server
        .gql(
            token,
            &format!("mutation($p: UUID!, $cmd: UUID!, $input: RegisterParcelInput!) {{ registerUnmatchedParcel(parcelId: $p, commandId: $cmd, input: $input) {{ {PARCEL} photoRefs }} }}"),
            json!({ "p": parcel, "cmd": cmd(), "input": {
                "carrier": "YTO", "trackingNumber": tracking, "contents": "1 x jacket, 2 x T-shirt",
                "senderName": "赵六", "senderPhone": "13700002222", "photoRefs": photos } }),
        )
        .await
}

/// A PNG's signature and header: enough for the magic-byte check.
const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

async fn parcel(server: &Server, token: &str, id: &str) -> Value {
    server
        .ok(
            token,
            &format!("query($id: UUID!) {{ parcel(id: $id) {{ {PARCEL} }} }}"),
            json!({ "id": id }),
        )
        .await["parcel"]
        .clone()
}

async fn a_pooled_parcel_is_received_the_moment_its_ticket_names_it(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let server = Server::start(&db, &["serve"]).await;
    let (cs, wh) = (&tokens.customer_service, &tokens.warehouse);
    // A photo of the label first: it prints the sender, so it is stored
    // under the parcel's own key.
    let new_parcel = Uuid::now_v7();
    let http = reqwest::Client::new();
    let uploaded = http
        .post(format!("{}/evidence/parcels/{new_parcel}", server.base))
        .bearer_auth(wh)
        .body(PNG.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(uploaded.status().as_u16(), 201);
    let reference = uploaded.json::<Value>().await.unwrap()["reference"]
        .as_str()
        .unwrap()
        .to_owned();
    let registered = register_with(
        &server,
        wh,
        "YT 3300-4411",
        new_parcel,
        std::slice::from_ref(&reference),
    )
    .await;
    assert!(registered["errors"].is_null(), "{registered}");
    let pooled = &registered["data"]["registerUnmatchedParcel"];
    assert_eq!(pooled["status"], "UNMATCHED");
    assert_eq!(pooled["ageDays"], 0);
    assert_ne!(
        pooled["senderPhone"], "13700002222",
        "the warehouse sees the phone masked"
    );
    let parcel_id = pooled["id"].as_str().unwrap().to_owned();
    assert_eq!(pooled["photoRefs"][0], reference.as_str());
    let full = parcel(&server, cs, &parcel_id).await;
    assert_eq!(full["senderName"], "赵六");
    let photo_url = format!(
        "{}/evidence/parcels/{new_parcel}/{}",
        server.base,
        reference.trim_start_matches("sha256:")
    );
    let photo = http.get(&photo_url).bearer_auth(cs).send().await.unwrap();
    assert_eq!(photo.status().as_u16(), 200);
    assert_eq!(photo.bytes().await.unwrap().as_ref(), PNG);
    let stats = server
        .ok(
            wh,
            "{ parcelPoolStats { unmatched oldestUnmatchedDays } }",
            json!({}),
        )
        .await;
    assert_eq!(stats["parcelPoolStats"]["unmatched"], 1);
    assert_eq!(stats["parcelPoolStats"]["oldestUnmatchedDays"], 0);

    let id = open_approved(&server, cs, "DY-POOL-1").await;
    // The buyer gives the waybill late, spelled another way than the label.
    step(
        &server,
        cs,
        "registerReturnShipment",
        Some("ShipmentInput"),
        &id,
        json!({ "carrier": "YTO", "trackingNumber": "yt3300 4411" }),
    )
    .await;
    let received = wait_for_ticket(&server, cs, &id, |t| t["status"] == "RECEIVED").await;
    assert_eq!(received["status"], "RECEIVED");
    let types = history(&server, &tokens.auditor, &id).await;
    let types: Vec<&str> = types.iter().map(String::as_str).collect();
    assert!(
        in_order(
            &types,
            &[
                "ReturnShipmentRegistered",
                "PoolParcelMatched",
                "ReturnReceived"
            ]
        ),
        "{types:?}"
    );
    let matched = parcel(&server, wh, &parcel_id).await;
    assert_eq!(matched["status"], "MATCHED");
    assert_eq!(matched["ticketId"], id.as_str());
    assert_eq!(matched["matchedBy"], "AUTOMATIC");
    let pool = server.ok(wh, "{ parcelPool { id } }", json!({})).await;
    assert_eq!(pool["parcelPool"], json!([]), "nothing left waiting");
    // The warehouse inspects it like any return.
    let queue = "{ warehouseQueue(queue: AWAITING_INSPECTION) { nodes { ticketId } } }";
    wait_for_data(&server, wh, queue, json!({}), |d| {
        d["warehouseQueue"]["nodes"]
            .as_array()
            .is_some_and(|n| n.iter().any(|t| t["ticketId"] == id.as_str()))
    })
    .await;

    // The customer is erased: the sender of the parcel their ticket claimed
    // (the same person, as printed) and the label's photo go with them.
    let erase = "mutation { eraseDataSubject(subject: \"douyin:buyer-42\", reason: DATA_SUBJECT_REQUEST) { tickets evidenceFilesDeleted } }";
    let done = server.ok(&tokens.admin, erase, json!({})).await;
    assert_eq!(
        done["eraseDataSubject"]["evidenceFilesDeleted"], 1,
        "{done}"
    );
    let gone = parcel(&server, cs, &parcel_id).await;
    assert_eq!(
        (gone["senderName"].as_str(), gone["senderPhone"].as_str()),
        (Some("[erased]"), Some("[erased]"))
    );
    let photo = http.get(&photo_url).bearer_auth(cs).send().await.unwrap();
    assert_eq!(photo.status().as_u16(), 410);
}

async fn a_person_finds_the_ticket_by_sku_and_the_parcel_is_claimed_once(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let server = Server::start(&db, &["serve"]).await;
    let (cs, wh) = (&tokens.customer_service, &tokens.warehouse);
    let first = open_approved(&server, cs, "DY-POOL-2").await;
    let second = open_approved(&server, cs, "DY-POOL-3").await;
    let registered = register(&server, wh, "YT-NO-WAYBILL-1").await;
    let parcel_id = registered["data"]["registerUnmatchedParcel"]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let candidates =
        "{ parcelCandidates(search: \"SKU-JACKET\") { ticketId expecting platformOrderId } }";
    let found = wait_for_data(&server, wh, candidates, json!({}), |d| {
        d["parcelCandidates"]
            .as_array()
            .is_some_and(|c| c.iter().any(|t| t["ticketId"] == first.as_str()))
    })
    .await;
    let row = found["parcelCandidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["ticketId"] == first.as_str())
        .unwrap()
        .clone();
    assert!(
        row["expecting"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e.as_str().unwrap().contains("SKU-JACKET")),
        "{row}"
    );
    // By order id, once the worklist has caught up.
    let by_order = wait_for_data(
        &server,
        cs,
        "{ parcelCandidates(search: \"DY-POOL-2\") { ticketId } }",
        json!({}),
        |d| d["parcelCandidates"][0]["ticketId"] == first.as_str(),
    )
    .await;
    assert_eq!(
        by_order["parcelCandidates"].as_array().map(Vec::len),
        Some(1)
    );
    let finance = server.gql(&tokens.finance, candidates, json!({})).await;
    assert_eq!(code(&finance), Some("FORBIDDEN"));

    let matched = server
        .ok(wh, "mutation($p: UUID!, $t: UUID!, $cmd: UUID!) { matchParcel(parcelId: $p, ticketId: $t, commandId: $cmd, input: { packageCondition: DAMAGED }) { version ticket { id status } } }",
            json!({ "p": parcel_id, "t": first, "cmd": cmd() }))
        .await;
    assert_eq!(matched["matchParcel"]["ticket"]["status"], "RECEIVED");
    let again = server
        .gql(wh, "mutation($p: UUID!, $t: UUID!, $cmd: UUID!) { matchParcel(parcelId: $p, ticketId: $t, commandId: $cmd) { version } }",
            json!({ "p": parcel_id, "t": second, "cmd": cmd() }))
        .await;
    assert_eq!(code(&again), Some("INVALID_TRANSITION"), "{again}");
    let second_ticket = wait_for_ticket(&server, cs, &second, |_| true).await;
    assert_eq!(
        second_ticket["status"], "APPROVED",
        "the other ticket received nothing"
    );
    let p = parcel(&server, wh, &parcel_id).await;
    assert_eq!(
        (p["status"].as_str(), p["matchedBy"].as_str()),
        (Some("MATCHED"), Some("PERSON"))
    );

    // A parcel a ticket expects is received there, never pooled.
    step(
        &server,
        cs,
        "registerReturnShipment",
        Some("ShipmentInput"),
        &second,
        json!({ "carrier": "SF", "trackingNumber": "SF-EXPECTED-9" }),
    )
    .await;
    let expected = wait_for_data(
        &server,
        wh,
        "{ inboundParcel(trackingNumber: \"SF-EXPECTED-9\") { ticketId } }",
        json!({}),
        |d| d["inboundParcel"].as_array().is_some_and(|t| !t.is_empty()),
    )
    .await;
    assert_eq!(expected["inboundParcel"][0]["ticketId"], second.as_str());
    let refused = register(&server, wh, "SF-EXPECTED-9").await;
    assert_eq!(code(&refused), Some("CONFLICT"), "{refused}");

    // A young parcel is not disposed of; only an admin decides.
    let young = register(&server, wh, "YT-YOUNG-1").await;
    let young_id = young["data"]["registerUnmatchedParcel"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let early = server
        .gql(wh, "mutation($p: UUID!, $cmd: UUID!) { requestParcelDisposition(parcelId: $p, commandId: $cmd, input: { disposition: RETURN_TO_SENDER, reason: \"nobody\" }) { status } }",
            json!({ "p": young_id, "cmd": cmd() }))
        .await;
    assert_eq!(code(&early), Some("VALIDATION"), "{early}");
    let decide = "mutation($p: UUID!, $cmd: UUID!) { decideParcelDisposition(parcelId: $p, commandId: $cmd, approve: true) { status } }";
    let by_warehouse = server
        .gql(wh, decide, json!({ "p": young_id, "cmd": cmd() }))
        .await;
    assert_eq!(code(&by_warehouse), Some("FORBIDDEN"));
    let nothing_asked = server
        .gql(
            &tokens.admin,
            decide,
            json!({ "p": young_id, "cmd": cmd() }),
        )
        .await;
    assert_eq!(
        code(&nothing_asked),
        Some("INVALID_TRANSITION"),
        "{nothing_asked}"
    );
}
