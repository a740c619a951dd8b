//! Evidence photos: magic-byte type check, size limit, content addressing,
//! served only with the ticket that references them, re-hashed by verify.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use returns::evidence::{EvidenceCheck, EvidenceStore};
use returns_domain::Role;
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use uuid::Uuid;

use crate::helpers::TestApp;

contract_tests!(
    a_photo_is_stored_by_its_hash_and_served_with_its_ticket_only,
    only_images_within_the_limit_are_accepted,
    a_photo_is_encrypted_under_its_customer_and_shredded_with_them,
);

/// A PNG's signature and header: enough for the magic-byte check.
const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

async fn app(db: TestDatabase, max: usize) -> (TestApp, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = TestApp::new(db).await;
    app.state.evidence = EvidenceStore::new(dir.path(), max);
    // The schema holds its own copy of the state: erasure shreds through it.
    app.schema = returns::graphql::build_schema(app.state.clone());
    app.router = returns::http::router(app.state.clone(), app.schema.clone());
    (app, dir)
}

async fn token(app: &TestApp, role: &str) -> String {
    let (token, _) = app.state.tokens.create("t", role, None).await.unwrap();
    token
}

async fn send(app: &TestApp, request: Request<Body>) -> (StatusCode, Vec<u8>) {
    let response = app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    (
        status,
        response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec(),
    )
}

async fn upload(app: &TestApp, token: &str, ticket: Uuid, bytes: &[u8]) -> (StatusCode, Value) {
    let request = Request::post(format!("/evidence/{ticket}"))
        .header("authorization", format!("Bearer {token}"))
        .body(Body::from(bytes.to_vec()))
        .unwrap();
    let (status, body) = send(app, request).await;
    (status, serde_json::from_slice(&body).unwrap_or(Value::Null))
}

async fn download(app: &TestApp, token: &str, ticket: Uuid, digest: &str) -> (StatusCode, Vec<u8>) {
    let request = Request::get(format!("/evidence/{ticket}/{digest}"))
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    send(app, request).await
}

async fn a_photo_is_stored_by_its_hash_and_served_with_its_ticket_only(db: TestDatabase) {
    let (app, dir) = app(db, 1024).await;
    let warehouse = token(&app, "warehouse").await;
    let ticket = app.open_ticket().await;
    let (status, body) = upload(&app, &warehouse, ticket, PNG).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let digest = hex::encode(Sha256::digest(PNG));
    assert_eq!(body["reference"], format!("sha256:{digest}"));
    assert_eq!(body["contentType"], "image/png");
    let subject = subject_of_ticket(&app, ticket).await;
    let file = dir
        .path()
        .join(&digest[..2])
        .join(format!("{digest}.{subject}"));
    assert!(file.exists());

    // Drive the ticket to inspection, recording the photo on its line.
    let steps = [
        (Role::CustomerService, "mutation($t: UUID!, $c: UUID!) { approveApplication(ticketId: $t, commandId: $c, input: { returnAddress: { recipient: \"R\", phone: \"1\", address: \"A\" } }) { version } }", json!({})),
        (Role::CustomerService, "mutation($t: UUID!, $c: UUID!) { registerReturnShipment(ticketId: $t, commandId: $c, input: { carrier: \"SF\", trackingNumber: \"SF1\" }) { version } }", json!({})),
        (Role::Warehouse, "mutation($t: UUID!, $c: UUID!) { receiveReturn(ticketId: $t, commandId: $c, input: { lines: [{ lineId: \"L1\", qty: 1 }], packageCondition: INTACT }) { version } }", json!({})),
        (Role::Warehouse, "mutation($t: UUID!, $c: UUID!, $refs: [String!]!) { recordInspection(ticketId: $t, commandId: $c, input: { lineId: \"L1\", qtyInspected: 1, qtyAccepted: 1, grade: NEW, verdict: PASS, deduction: { amountMinor: 0, currency: \"CNY\" }, photoRefs: $refs }) { version } }", json!({ "refs": [format!("sha256:{digest}")] })),
    ];
    for (role, query, extra) in steps {
        let mut variables = json!({ "t": ticket, "c": Uuid::now_v7() });
        if let (Some(v), Some(e)) = (variables.as_object_mut(), extra.as_object()) {
            v.extend(e.clone());
        }
        let answer = app.run_as(Some(role), query, variables).await;
        assert!(answer["errors"].is_null(), "{answer}");
    }

    let finance = token(&app, "finance").await;
    let (status, bytes) = download(&app, &finance, ticket, &digest).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "every role that sees the ticket sees its evidence"
    );
    assert_eq!(bytes, PNG);
    let other = app.open_ticket().await;
    let (status, _) = download(&app, &finance, other, &digest).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "not through a ticket that does not reference it"
    );
    let (status, _) = download(&app, "rt_nonsense", ticket, &digest).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let found = returns::evidence::ticket_evidence(&app.state.store, ticket)
        .await
        .unwrap();
    assert_eq!(found.references, vec![format!("sha256:{digest}")]);
    let keys = app.state.tickets.keys().map(|k| &**k);
    let check = |keys| {
        let app = &app;
        let reference = found.references[0].clone();
        let subject = subject.clone();
        async move {
            app.state
                .evidence
                .check(&reference, Some(&subject), keys)
                .await
                .unwrap()
        }
    };
    assert_eq!(check(keys).await, EvidenceCheck::Intact);
    assert_eq!(check(None).await, EvidenceCheck::Unopened);
    let mut swapped = std::fs::read(&file).unwrap();
    let last = swapped.len() - 1;
    swapped[last] ^= 1;
    std::fs::write(&file, swapped).unwrap();
    assert_eq!(check(keys).await, EvidenceCheck::Altered);
    std::fs::remove_file(&file).unwrap();
    assert_eq!(check(keys).await, EvidenceCheck::Missing);
}

async fn only_images_within_the_limit_are_accepted(db: TestDatabase) {
    let (app, _dir) = app(db, 64).await;
    let warehouse = token(&app, "warehouse").await;
    let ticket = app.open_ticket().await;
    let (status, body) = upload(&app, &warehouse, ticket, b"%PDF-1.7 not a photo").await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(body["code"], "VALIDATION");
    let mut big = PNG.to_vec();
    big.resize(65, 0);
    let (status, _) = upload(&app, &warehouse, ticket, &big).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    let finance = token(&app, "finance").await;
    let (status, _) = upload(&app, &finance, ticket, PNG).await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "only the warehouse takes photos"
    );
}

/// The data subject of `ticket`, as the server derives it.
async fn subject_of_ticket(app: &TestApp, ticket: Uuid) -> String {
    returns::evidence::ticket_evidence(&app.state.store, ticket)
        .await
        .unwrap()
        .subject
        .expect("an encrypted customer")
}

async fn a_photo_is_encrypted_under_its_customer_and_shredded_with_them(db: TestDatabase) {
    let (app, dir) = app(db, 1024).await;
    let warehouse = token(&app, "warehouse").await;
    let ticket = app.open_ticket().await;
    let (status, body) = upload(&app, &warehouse, ticket, PNG).await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let digest = hex::encode(Sha256::digest(PNG));
    let subject = subject_of_ticket(&app, ticket).await;
    let file = dir
        .path()
        .join(&digest[..2])
        .join(format!("{digest}.{subject}"));
    let stored = std::fs::read(&file).unwrap();
    assert!(
        !stored.windows(4).any(|w| w == b"IHDR"),
        "the photo's bytes are not on disk in the clear"
    );
    assert!(
        !dir.path().join(&digest[..2]).join(&digest).exists(),
        "no copy in the clear"
    );
    // The same photo for another customer is another file under their key.
    let mut input = crate::helpers::open_input("RETURN_AND_REFUND");
    input["customer"] = json!("buyer-2");
    let opened = app
        .run_as(
            Some(Role::CustomerService),
            crate::helpers::OPEN_TICKET,
            json!({ "commandId": Uuid::now_v7(), "input": input }),
        )
        .await;
    let other: Uuid = opened["data"]["openTicket"]["ticket"]["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_ne!(subject_of_ticket(&app, other).await, subject);
    let (status, _) = upload(&app, &warehouse, other, PNG).await;
    assert_eq!(status, StatusCode::CREATED);

    let inspection = "mutation($t: UUID!, $c: UUID!, $refs: [String!]!) { recordInspection(ticketId: $t, commandId: $c, input: { lineId: \"L1\", qtyInspected: 1, qtyAccepted: 1, grade: NEW, verdict: PASS, deduction: { amountMinor: 0, currency: \"CNY\" }, photoRefs: $refs }) { version } }";
    let steps = [
        (Role::CustomerService, "mutation($t: UUID!, $c: UUID!) { approveApplication(ticketId: $t, commandId: $c, input: { returnAddress: { recipient: \"R\", phone: \"1\", address: \"A\" } }) { version } }"),
        (Role::CustomerService, "mutation($t: UUID!, $c: UUID!) { registerReturnShipment(ticketId: $t, commandId: $c, input: { carrier: \"SF\", trackingNumber: \"SF1\" }) { version } }"),
        (Role::Warehouse, "mutation($t: UUID!, $c: UUID!) { receiveReturn(ticketId: $t, commandId: $c, input: { lines: [{ lineId: \"L1\", qty: 1 }], packageCondition: INTACT }) { version } }"),
        (Role::Warehouse, inspection),
    ];
    for t in [ticket, other] {
        for (role, query) in steps {
            let variables =
                json!({ "t": t, "c": Uuid::now_v7(), "refs": [format!("sha256:{digest}")] });
            let answer = app.run_as(Some(role), query, variables).await;
            assert!(answer["errors"].is_null(), "{answer}");
        }
    }
    let admin = token(&app, "admin").await;
    let (status, bytes) = download(&app, &admin, ticket, &digest).await;
    assert_eq!((status, bytes.as_slice()), (StatusCode::OK, PNG));

    let answer = app
        .run_as(
            Some(Role::Admin),
            "mutation($s: String!) { eraseDataSubject(subject: $s, reason: DATA_SUBJECT_REQUEST) { evidenceFilesDeleted } }",
            json!({ "s": subject }),
        )
        .await;
    assert!(answer["errors"].is_null(), "{answer}");
    assert_eq!(
        answer["data"]["eraseDataSubject"]["evidenceFilesDeleted"],
        1
    );
    assert!(!file.exists(), "the erased customer's photo is deleted");
    let (status, _) = download(&app, &admin, ticket, &digest).await;
    assert_eq!(
        status,
        StatusCode::GONE,
        "an erased customer's photo is gone, not missing"
    );
    let (status, _) = upload(&app, &warehouse, ticket, PNG).await;
    assert_eq!(
        status,
        StatusCode::GONE,
        "nothing of an erased customer is stored again"
    );
    let keys = app.state.tickets.keys().map(|k| &**k);
    assert_eq!(
        app.state
            .evidence
            .check(&format!("sha256:{digest}"), Some(&subject), keys)
            .await
            .unwrap(),
        EvidenceCheck::Erased
    );
    // The other customer keeps their copy of the same photo.
    let (status, bytes) = download(&app, &admin, other, &digest).await;
    assert_eq!((status, bytes.as_slice()), (StatusCode::OK, PNG));
}
