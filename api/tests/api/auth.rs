//! People's sign-in: wrong passwords, disabled accounts, expiring sessions,
//! sign-out and throttling, on both backends, through the HTTP routes.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::{Duration, Utc};
use http_body_util::BodyExt;
use returns::auth::{SessionPolicy, Sessions, SignInError, Users};
use returns_eventstore::clock::ManualClock;
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::helpers::TestApp;

contract_tests!(
    a_person_signs_in_and_queries_with_the_session,
    a_wrong_password_is_refused,
    a_disabled_user_cannot_sign_in_and_loses_its_sessions,
    an_idle_session_expires_and_use_keeps_it_alive,
    sign_out_revokes_the_session,
    failed_attempts_are_throttled_per_account_and_per_address,
);

const PASSWORD: &str = "correct horse battery";

async fn http(
    app: &TestApp,
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Value,
) -> (StatusCode, Value) {
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header("content-type", "application/json");
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let response = app
        .router
        .clone()
        .oneshot(request.body(Body::from(body.to_string())).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

async fn app_with_user(db: TestDatabase) -> TestApp {
    let app = TestApp::new(db).await;
    app.state
        .users
        .create("mei", "warehouse", PASSWORD)
        .await
        .unwrap();
    app
}

async fn sign_in(app: &TestApp, password: &str) -> (StatusCode, Value) {
    http(
        app,
        "POST",
        "/auth/sign-in",
        None,
        json!({ "name": "mei", "password": password }),
    )
    .await
}

/// Sessions and accounts on the app's database with a clock the test moves.
fn manual(app: &TestApp, policy: SessionPolicy) -> (Sessions, Users, ManualClock) {
    let clock = ManualClock::new(Utc::now());
    let backend = app.state.store.db().clone();
    let sessions = Sessions::new(backend.clone(), Arc::new(clock.clone()), policy);
    let users = Users::new(backend, Arc::new(clock.clone()));
    (sessions, users, clock)
}

async fn a_person_signs_in_and_queries_with_the_session(db: TestDatabase) {
    let app = app_with_user(db).await;
    let (status, body) = sign_in(&app, PASSWORD).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["actor"], "mei");
    assert_eq!(body["role"], "WAREHOUSE");
    let token = body["token"].as_str().unwrap();
    assert!(token.starts_with("rs_"));
    let ticket = app.open_ticket().await;
    let (_, answer) = app
        .post(
            Some(token),
            json!({ "query": format!("{{ ticket(id: \"{ticket}\") {{ status }} }}") }).to_string(),
        )
        .await;
    assert_eq!(answer["data"]["ticket"]["status"], "APPLIED", "{answer}");
    let (_, forced) = app
        .post(
            Some(token),
            json!({ "query": "{ refunds { nodes { refundId } } }" }).to_string(),
        )
        .await;
    assert_eq!(forced["errors"][0]["extensions"]["code"], "FORBIDDEN");
    let (status, who) = http(&app, "GET", "/auth/session", Some(token), Value::Null).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(who["actor"], "mei");
}

async fn a_wrong_password_is_refused(db: TestDatabase) {
    let app = app_with_user(db).await;
    let (status, body) = sign_in(&app, "not the password").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["code"], "UNAUTHENTICATED");
    assert!(body.get("token").is_none());
    let (status, _) = http(
        &app,
        "POST",
        "/auth/sign-in",
        None,
        json!({ "name": "nobody", "password": PASSWORD }),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "an unknown name looks like a wrong password"
    );
}

async fn a_disabled_user_cannot_sign_in_and_loses_its_sessions(db: TestDatabase) {
    let app = app_with_user(db).await;
    let (_, body) = sign_in(&app, PASSWORD).await;
    let token = body["token"].as_str().unwrap().to_owned();
    app.state.users.disable("mei").await.unwrap();
    let (status, _) = http(&app, "GET", "/auth/session", Some(&token), Value::Null).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "the open session ended");
    let (status, _) = sign_in(&app, PASSWORD).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "the right password no longer works"
    );
    let listed = app.state.users.list().await.unwrap();
    assert!(listed[0].disabled_at.is_some());
}

async fn an_idle_session_expires_and_use_keeps_it_alive(db: TestDatabase) {
    let app = app_with_user(db).await;
    let policy = SessionPolicy {
        idle_timeout: Duration::minutes(30),
        lifetime: Duration::hours(2),
        ..SessionPolicy::default()
    };
    let (sessions, _, clock) = manual(&app, policy);
    let issued = sessions.sign_in("mei", PASSWORD, "10.0.0.1").await.unwrap();
    clock.advance(Duration::minutes(29));
    assert!(
        sessions
            .authenticate(&issued.token)
            .await
            .unwrap()
            .is_some(),
        "used within the idle timeout"
    );
    clock.advance(Duration::minutes(29));
    assert!(
        sessions
            .authenticate(&issued.token)
            .await
            .unwrap()
            .is_some(),
        "each use restarts the idle timeout"
    );
    clock.advance(Duration::minutes(31));
    assert!(
        sessions
            .authenticate(&issued.token)
            .await
            .unwrap()
            .is_none(),
        "idle too long"
    );

    let kept = sessions.sign_in("mei", PASSWORD, "10.0.0.1").await.unwrap();
    for _ in 0..4 {
        clock.advance(Duration::minutes(25));
        assert!(sessions.authenticate(&kept.token).await.unwrap().is_some());
    }
    clock.advance(Duration::minutes(25));
    assert!(
        sessions.authenticate(&kept.token).await.unwrap().is_none(),
        "the lifetime ends even a busy session"
    );
}

async fn sign_out_revokes_the_session(db: TestDatabase) {
    let app = app_with_user(db).await;
    let (_, body) = sign_in(&app, PASSWORD).await;
    let token = body["token"].as_str().unwrap().to_owned();
    let (status, _) = http(&app, "POST", "/auth/sign-out", Some(&token), Value::Null).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (_, answer) = app
        .post(Some(&token), json!({ "query": "{ warehouseQueue(queue: EXPECTED_INBOUND) { nodes { ticketId } } }" }).to_string())
        .await;
    assert_eq!(answer["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
}

async fn failed_attempts_are_throttled_per_account_and_per_address(db: TestDatabase) {
    let app = app_with_user(db).await;
    let policy = SessionPolicy {
        max_failures_per_account: 3,
        max_failures_per_address: 5,
        failure_window: Duration::minutes(15),
        ..SessionPolicy::default()
    };
    let (sessions, users, clock) = manual(&app, policy);
    for _ in 0..3 {
        let refused = sessions.sign_in("mei", "guess", "10.0.0.1").await;
        assert!(matches!(refused, Err(SignInError::Rejected)));
    }
    let throttled = sessions.sign_in("mei", PASSWORD, "10.0.0.2").await;
    assert!(
        matches!(throttled, Err(SignInError::Throttled { .. })),
        "even the right password waits, from another address too"
    );
    clock.advance(Duration::minutes(16));
    assert!(
        sessions.sign_in("mei", PASSWORD, "10.0.0.2").await.is_ok(),
        "free after the window"
    );

    // One address guessing across accounts is throttled too.
    for name in ["a-1", "a-2", "a-3", "a-4", "a-5"] {
        let refused = sessions.sign_in(name, "guess", "10.9.9.9").await;
        assert!(matches!(refused, Err(SignInError::Rejected)));
    }
    users.create("lin", "finance", PASSWORD).await.unwrap();
    let throttled = sessions.sign_in("lin", PASSWORD, "10.9.9.9").await;
    assert!(matches!(throttled, Err(SignInError::Throttled { .. })));
    assert!(
        sessions.sign_in("lin", PASSWORD, "10.0.0.3").await.is_ok(),
        "other addresses still sign in"
    );

    // Over HTTP a throttled sign-in is 429 with Retry-After.
    for _ in 0..5 {
        sign_in(&app, "guess").await;
    }
    let (status, body) = sign_in(&app, PASSWORD).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(body["code"], "THROTTLED");
}
