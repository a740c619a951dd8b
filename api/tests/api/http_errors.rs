//! Every route but GraphQL's answers a failure in one shape,
//! `{"code", "message", "requestId"}`, its code from the one table
//! (`ApiError::CODES`): a table of each route's failure cases, also those
//! the framework answers before a handler runs (a body over the limit, a
//! wrong method, JSON that does not fit) and those of an unreachable database.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use hmac::{Hmac, Mac};
use http_body_util::BodyExt;
use returns::error::ApiError;
use returns::http::MAX_BODY_BYTES;
use returns::settings::{IntakeSecrets, PayoutSetup};
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use returns_workflows::PayoutMode;
use serde_json::{json, Value};
use sha2::Sha256;
use tower::ServiceExt;
use uuid::Uuid;

use crate::helpers::TestApp;

contract_tests!(
    every_failure_of_every_route_but_graphql_has_the_one_shape,
    an_unreachable_database_is_unavailable_in_the_one_shape,
);

const INTAKE_SECRET: &str = "douyin-push-secret";
const CALLBACK_SECRET: &str = "payout-callback-secret";

/// `v1=` + HMAC-SHA256(secret, "{timestamp}.{body}"), computed here, not
/// with the server's signing module.
fn sign(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{timestamp}.").as_bytes());
    mac.update(body);
    format!("v1={}", hex::encode(mac.finalize().into_bytes()))
}

/// The app with push intake on for Douyin, webhook payouts configured and
/// an account `mei`.
async fn configured(db: TestDatabase) -> TestApp {
    let mut app = TestApp::new(db).await;
    app.state.intake_secrets = Arc::new(IntakeSecrets::from_vars([(
        IntakeSecrets::variable("douyin"),
        INTAKE_SECRET.to_owned(),
    )]));
    app.state.payout = Arc::new(PayoutSetup {
        mode: PayoutMode::Webhook,
        callback_secret: Some(CALLBACK_SECRET.to_owned()),
    });
    app.router = returns::http::router(app.state.clone(), app.schema.clone());
    app.state
        .users
        .create("mei", "warehouse", "correct horse battery")
        .await
        .unwrap();
    app
}

async fn token(app: &TestApp, role: &str) -> String {
    let (token, _) = app.state.tokens.create(role, role, None).await.unwrap();
    token
}

/// Sends `request`; checks the failure shape and returns (status, body, headers).
async fn refused(
    app: &TestApp,
    what: &str,
    request: Request<Body>,
) -> (StatusCode, Value, axum::http::HeaderMap) {
    let response = app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body: Value = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| panic!("{what}: not JSON: {}", String::from_utf8_lossy(&bytes)));
    assert!(
        status.is_client_error() || status.is_server_error(),
        "{what}: {status} {body}"
    );
    assert_eq!(
        headers.get("content-type").and_then(|v| v.to_str().ok()),
        Some("application/json"),
        "{what}"
    );
    let keys: Vec<&str> = body
        .as_object()
        .unwrap_or_else(|| panic!("{what}: {body}"))
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(keys, ["code", "message", "requestId"], "{what}: {body}");
    let code = body["code"].as_str().unwrap();
    assert!(
        ApiError::CODES.iter().any(|(c, _)| *c == code),
        "{what}: {code} is not in the code table"
    );
    assert!(
        !body["message"].as_str().unwrap().is_empty(),
        "{what}: {body}"
    );
    assert!(
        Uuid::parse_str(body["requestId"].as_str().unwrap()).is_ok(),
        "{what}: {body}"
    );
    if status == StatusCode::SERVICE_UNAVAILABLE {
        assert!(
            headers.contains_key("retry-after"),
            "{what}: no Retry-After"
        );
    }
    (status, body, headers)
}

fn request(method: &str, path: &str) -> axum::http::request::Builder {
    Request::builder().method(method).uri(path)
}

fn with_token(method: &str, path: &str, token: &str) -> axum::http::request::Builder {
    request(method, path).header("authorization", format!("Bearer {token}"))
}

fn signed_intake(secret: &str, timestamp: i64, body: &[u8]) -> Request<Body> {
    request("POST", "/intake/douyin")
        .header("returns-timestamp", timestamp.to_string())
        .header("returns-signature", sign(secret, timestamp, body))
        .body(Body::from(body.to_vec()))
        .unwrap()
}

fn signed_callback(secret: &str, timestamp: i64, body: &Value) -> Request<Body> {
    let bytes = serde_json::to_vec(body).unwrap();
    request("POST", "/payouts/callback")
        .header("content-type", "application/json")
        .header("returns-timestamp", timestamp.to_string())
        .header("returns-signature", sign(secret, timestamp, &bytes))
        .body(Body::from(bytes))
        .unwrap()
}

async fn every_failure_of_every_route_but_graphql_has_the_one_shape(db: TestDatabase) {
    let app = configured(db).await;
    let warehouse = token(&app, "warehouse").await;
    let finance = token(&app, "finance").await;
    let now = app.state.store.clock().now().timestamp();
    let record = json!({ "aftersale_id": "E-1" }).to_string().into_bytes();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    let too_big = vec![b'x'; MAX_BODY_BYTES + 1];
    let ticket = app.open_ticket().await;
    let upload_to = format!("/evidence/{ticket}");
    let digest = "0".repeat(64);
    let paid = json!({ "idempotency_key": "refund-unknown", "status": "paid", "reference": "X" });

    // (what, request, status, code)
    let cases: Vec<(&str, Request<Body>, StatusCode, &str)> = vec![
        (
            "sign-in with a wrong password",
            request("POST", "/auth/sign-in")
                .header("content-type", "application/json")
                .body(Body::from(
                    json!({ "name": "mei", "password": "guess" }).to_string(),
                ))
                .unwrap(),
            StatusCode::UNAUTHORIZED,
            "UNAUTHENTICATED",
        ),
        (
            "sign-in without a password",
            request("POST", "/auth/sign-in")
                .header("content-type", "application/json")
                .body(Body::from(json!({ "name": "mei" }).to_string()))
                .unwrap(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "VALIDATION",
        ),
        (
            "sign-in as a form",
            request("POST", "/auth/sign-in")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from("name=mei&password=guess"))
                .unwrap(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "VALIDATION",
        ),
        (
            "sign-in over GET",
            request("GET", "/auth/sign-in").body(Body::empty()).unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
            "VALIDATION",
        ),
        (
            "sign-out without a session",
            request("POST", "/auth/sign-out")
                .body(Body::empty())
                .unwrap(),
            StatusCode::UNAUTHORIZED,
            "UNAUTHENTICATED",
        ),
        (
            "session without a token",
            request("GET", "/auth/session").body(Body::empty()).unwrap(),
            StatusCode::UNAUTHORIZED,
            "UNAUTHENTICATED",
        ),
        (
            "session with an unknown token",
            with_token("GET", "/auth/session", "rt_unknown")
                .body(Body::empty())
                .unwrap(),
            StatusCode::UNAUTHORIZED,
            "UNAUTHENTICATED",
        ),
        (
            "evidence upload without a token",
            request("POST", &upload_to)
                .body(Body::from(png.to_vec()))
                .unwrap(),
            StatusCode::UNAUTHORIZED,
            "UNAUTHENTICATED",
        ),
        (
            "evidence upload by finance",
            with_token("POST", &upload_to, &finance)
                .body(Body::from(png.to_vec()))
                .unwrap(),
            StatusCode::FORBIDDEN,
            "FORBIDDEN",
        ),
        (
            "evidence upload naming no ticket",
            with_token("POST", "/evidence", &warehouse)
                .body(Body::from(png.to_vec()))
                .unwrap(),
            StatusCode::BAD_REQUEST,
            "VALIDATION",
        ),
        (
            "evidence upload to a ticket that does not exist",
            with_token("POST", &format!("/evidence/{}", Uuid::now_v7()), &warehouse)
                .body(Body::from(png.to_vec()))
                .unwrap(),
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
        ),
        (
            "evidence upload of a PDF",
            with_token("POST", &upload_to, &warehouse)
                .body(Body::from(&b"%PDF-1.7"[..]))
                .unwrap(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "VALIDATION",
        ),
        (
            "evidence upload over the body limit",
            with_token("POST", &upload_to, &warehouse)
                .header(
                    "content-length",
                    (app.state.evidence.max_bytes() + 2).to_string(),
                )
                .body(Body::from(vec![0u8; app.state.evidence.max_bytes() + 2]))
                .unwrap(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "VALIDATION",
        ),
        (
            "evidence download without a token",
            request("GET", &format!("/evidence/{ticket}/{digest}"))
                .body(Body::empty())
                .unwrap(),
            StatusCode::UNAUTHORIZED,
            "UNAUTHENTICATED",
        ),
        (
            "evidence not on the ticket",
            with_token("GET", &format!("/evidence/{ticket}/{digest}"), &warehouse)
                .body(Body::empty())
                .unwrap(),
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
        ),
        (
            "evidence of a ticket id that is not a UUID",
            with_token(
                "GET",
                &format!("/evidence/not-a-ticket/{digest}"),
                &warehouse,
            )
            .body(Body::empty())
            .unwrap(),
            StatusCode::BAD_REQUEST,
            "VALIDATION",
        ),
        (
            "push intake for a platform without a secret",
            request("POST", "/intake/kuaishou")
                .body(Body::from(record.clone()))
                .unwrap(),
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
        ),
        (
            "push intake unsigned",
            request("POST", "/intake/douyin")
                .body(Body::from(record.clone()))
                .unwrap(),
            StatusCode::UNAUTHORIZED,
            "UNAUTHENTICATED",
        ),
        (
            "push intake with a wrong signature",
            signed_intake("guess", now, &record),
            StatusCode::UNAUTHORIZED,
            "UNAUTHENTICATED",
        ),
        (
            "push intake replayed after the window",
            signed_intake(INTAKE_SECRET, now - 301, &record),
            StatusCode::UNAUTHORIZED,
            "UNAUTHENTICATED",
        ),
        (
            // A line that does not decode is one rejected record (issue 23);
            // a charset nobody knows refuses the whole body.
            "push intake in a charset nobody knows",
            {
                let mut push = signed_intake(INTAKE_SECRET, now, &record);
                push.headers_mut().insert(
                    "content-type",
                    "application/json; charset=klingon".parse().unwrap(),
                );
                push
            },
            StatusCode::BAD_REQUEST,
            "VALIDATION",
        ),
        (
            "push intake over the body limit",
            request("POST", "/intake/douyin")
                .header("content-length", too_big.len().to_string())
                .body(Body::from(too_big.clone()))
                .unwrap(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "VALIDATION",
        ),
        (
            "payout callback unsigned",
            request("POST", "/payouts/callback")
                .header("content-type", "application/json")
                .body(Body::from(paid.to_string()))
                .unwrap(),
            StatusCode::UNAUTHORIZED,
            "UNAUTHENTICATED",
        ),
        (
            "payout callback signed with another secret",
            signed_callback("guess", now, &paid),
            StatusCode::UNAUTHORIZED,
            "UNAUTHENTICATED",
        ),
        (
            "payout callback that is not a callback",
            signed_callback(CALLBACK_SECRET, now, &json!({ "status": "maybe" })),
            StatusCode::BAD_REQUEST,
            "VALIDATION",
        ),
        (
            "payout callback for an unknown payout",
            signed_callback(CALLBACK_SECRET, now, &paid),
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
        ),
        (
            "healthz by POST",
            request("POST", "/healthz").body(Body::empty()).unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
            "VALIDATION",
        ),
    ];
    for (what, request, status, code) in cases {
        let (got, body, _) = refused(&app, what, request).await;
        assert_eq!(
            (got, body["code"].as_str()),
            (status, Some(code)),
            "{what}: {body}"
        );
    }

    // A route that takes another method keeps saying which.
    let (_, _, headers) = refused(
        &app,
        "sign-in over GET",
        request("GET", "/auth/sign-in").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(headers["allow"], "POST");

    // Throttled sign-ins keep their Retry-After.
    let mut last = None;
    for _ in 0..6 {
        let sign_in = request("POST", "/auth/sign-in")
            .header("content-type", "application/json")
            .body(Body::from(
                json!({ "name": "mei", "password": "guess" }).to_string(),
            ))
            .unwrap();
        last = Some(refused(&app, "repeated sign-in", sign_in).await);
    }
    let (status, body, headers) = last.unwrap();
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{body}");
    assert_eq!(body["code"], "THROTTLED");
    let wait: u64 = headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(wait >= 1, "{wait}");

    // Without webhook payouts the callback route is not there to call.
    let mut manual = app;
    manual.state.payout = Arc::new(PayoutSetup::default());
    manual.router = returns::http::router(manual.state.clone(), manual.schema.clone());
    let (status, body, _) = refused(
        &manual,
        "payout callback without webhook payouts",
        signed_callback(CALLBACK_SECRET, now, &paid),
    )
    .await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::NOT_FOUND, Some("NOT_FOUND"))
    );
}

async fn an_unreachable_database_is_unavailable_in_the_one_shape(db: TestDatabase) {
    let app = configured(db).await;
    let warehouse = token(&app, "warehouse").await;
    app.state.store.db().close().await;
    let cases: Vec<(&str, Request<Body>)> = vec![
        (
            "healthz",
            request("GET", "/healthz").body(Body::empty()).unwrap(),
        ),
        (
            "session",
            with_token("GET", "/auth/session", &warehouse)
                .body(Body::empty())
                .unwrap(),
        ),
        (
            "evidence download",
            with_token(
                "GET",
                &format!("/evidence/{}/{}", Uuid::now_v7(), "0".repeat(64)),
                &warehouse,
            )
            .body(Body::empty())
            .unwrap(),
        ),
    ];
    for (what, request) in cases {
        let (status, body, _) = refused(&app, what, request).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (StatusCode::SERVICE_UNAVAILABLE, Some("UNAVAILABLE")),
            "{what}: {body}"
        );
    }
}
