//! Payouts through the real server: `serve` never pays by itself; the
//! simulated gateway is marked everywhere it acts; webhook payouts against a
//! real HTTP receiver (an axum server on port 0, started here) that fails,
//! times out, crashes after paying, answers pending or answers twice, and an
//! engine killed with `kill -9` between sending and recording. Every request
//! for one refund carries the same idempotency key, and the log records each
//! refund paid at most once. Signed callbacks settle pending payouts; bad
//! signatures, replayed timestamps and unknown refunds write nothing.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use returns_workflows::signature::{self, IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::{cmd, open_input, step, wait_for_data, wait_for_ticket, Server, Tokens, OPEN};

contract_tests!(
    serve_without_a_payout_setting_never_marks_a_refund_paid,
    simulated_payouts_say_so_in_the_log_healthz_metrics_and_log_lines,
    webhook_payouts_survive_a_failing_slow_crashing_and_twice_answering_receiver,
    a_kill_9_between_sending_and_recording_pays_once_after_restart,
    platform_refunds_wait_for_the_platform_and_others_for_a_person,
    a_payout_mode_without_its_configuration_stops_serve_with_a_reason,
);

const SECRET: &str = "payout-secret-0123456789";

/// What the receiver does with the next request for a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Behaviour {
    /// 500 before paying.
    Fail,
    /// Pays, then answers after `for` (longer than the engine waits).
    PayThenStall(Duration),
    /// Pays, then drops the connection without answering.
    PayThenCrash,
    /// Answers `pending`; the test calls back later.
    Pending,
}

/// One request the receiver got.
#[derive(Debug, Clone)]
struct Seen {
    key: Option<String>,
    refund_id: String,
    signature_ok: bool,
}

#[derive(Default)]
struct Ledger {
    /// Scripted behaviours per refund id; then it pays at once.
    script: HashMap<String, VecDeque<Behaviour>>,
    /// Money moved: key → reference, once per key.
    paid: HashMap<String, String>,
    /// Payments made (a second payment under one key would be a bug here).
    payments: usize,
    seen: Vec<Seen>,
}

#[derive(Clone, Default)]
struct Receiver(Arc<Mutex<Ledger>>);

impl Receiver {
    fn lock(&self) -> std::sync::MutexGuard<'_, Ledger> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn script(&self, refund_id: &str, behaviours: &[Behaviour]) {
        self.lock()
            .script
            .insert(refund_id.to_owned(), behaviours.iter().copied().collect());
    }

    fn seen(&self, refund_id: &str) -> Vec<Seen> {
        self.lock()
            .seen
            .iter()
            .filter(|s| s.refund_id == refund_id)
            .cloned()
            .collect()
    }

    fn reference(&self, key: &str) -> Option<String> {
        self.lock().paid.get(key).cloned()
    }

    /// Pays under `key` unless paid already; the reference.
    fn pay(&self, key: &str) -> String {
        let mut ledger = self.lock();
        if let Some(reference) = ledger.paid.get(key) {
            return reference.clone();
        }
        ledger.payments += 1;
        let reference = format!("ERP-{}", ledger.payments);
        ledger.paid.insert(key.to_owned(), reference.clone());
        reference
    }

    /// Serves on a free port; the payout URL.
    async fn start(&self) -> String {
        let app = Router::new()
            .route("/pay", post(pay))
            .with_state(self.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        format!("http://{address}/pay")
    }
}

async fn pay(State(receiver): State<Receiver>, headers: HeaderMap, body: Bytes) -> Response {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let now = chrono::Utc::now().timestamp();
    let signature_ok = signature::verify(
        SECRET,
        header(TIMESTAMP_HEADER),
        header(SIGNATURE_HEADER),
        &body,
        now,
    )
    .is_ok();
    let request: Value = serde_json::from_slice(&body).unwrap();
    let refund_id = request["refund_id"].as_str().unwrap().to_owned();
    let key = header(IDEMPOTENCY_HEADER).map(str::to_owned);
    let behaviour = {
        let mut ledger = receiver.lock();
        ledger.seen.push(Seen {
            key: key.clone(),
            refund_id: refund_id.clone(),
            signature_ok,
        });
        ledger
            .script
            .get_mut(&refund_id)
            .and_then(VecDeque::pop_front)
    };
    if !signature_ok {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let key = key.unwrap_or_default();
    assert_eq!(request["idempotency_key"].as_str(), Some(key.as_str()));
    match behaviour {
        Some(Behaviour::Fail) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        Some(Behaviour::Pending) => Json(json!({ "status": "pending" })).into_response(),
        Some(Behaviour::PayThenStall(wait)) => {
            let reference = receiver.pay(&key);
            tokio::time::sleep(wait).await;
            Json(json!({ "status": "paid", "reference": reference })).into_response()
        }
        Some(Behaviour::PayThenCrash) => {
            receiver.pay(&key);
            // The handler's task dies: the connection closes without an answer.
            panic!("receiver crashed after paying (scripted)");
        }
        None => {
            let reference = receiver.pay(&key);
            Json(json!({ "status": "paid", "reference": reference })).into_response()
        }
    }
}

/// Policies with retries after one second, written to a temporary file.
fn fast_retry_policies() -> std::path::PathBuf {
    let text = returns_workflows::policies::DEFAULT_POLICY_FILE
        .replace("base_seconds = 60", "base_seconds = 1")
        .replace("max_seconds = 3600", "max_seconds = 2")
        // Kuaishou's refunds are paid by hand even on a webhook server.
        .replace(
            "[channels.kuaishou]\n",
            "[channels.kuaishou]\npayout = \"manual\"\n",
        );
    assert!(text.contains("base_seconds = 1"));
    let path = std::env::temp_dir().join(format!("returns-policies-{}.toml", Uuid::now_v7()));
    std::fs::write(&path, text).unwrap();
    path
}

fn webhook_args<'a>(url: &'a str, policies: &'a str, timeout: &'a str) -> Vec<&'a str> {
    vec![
        "serve",
        "--payout",
        "webhook",
        "--payout-webhook-url",
        url,
        "--payout-webhook-secret",
        SECRET,
        "--payout-webhook-timeout-secs",
        timeout,
        "--policies",
        policies,
    ]
}

/// Opens a refund-only ticket, approves it and a refund of 100.00 on it;
/// (ticket id, refund id).
async fn approved_refund(server: &Server, tokens: &Tokens, order: &str) -> (String, String) {
    let opened = server
        .ok(
            &tokens.customer_service,
            OPEN,
            json!({ "cmd": cmd(), "input": open_input("REFUND_ONLY", order) }),
        )
        .await;
    let id = opened["openTicket"]["ticket"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    step(
        server,
        &tokens.customer_service,
        "approveApplication",
        Some("ApproveApplicationInput"),
        &id,
        json!({}),
    )
    .await;
    let refund_id = Uuid::now_v7().to_string();
    step(
        server,
        &tokens.finance,
        "requestRefund",
        Some("RequestRefundInput"),
        &id,
        json!({ "refundId": refund_id, "amount": { "amountMinor": 10000, "currency": "CNY" } }),
    )
    .await;
    (id, refund_id)
}

async fn approve(server: &Server, tokens: &Tokens, id: &str, refund_id: &str) {
    step(
        server,
        &tokens.finance,
        "approveRefund",
        Some("ApproveRefundInput"),
        id,
        json!({ "refundId": refund_id }),
    )
    .await;
}

/// The ticket's events as the auditor sees them.
async fn history(server: &Server, tokens: &Tokens, id: &str) -> Vec<Value> {
    server
        .ok(
            &tokens.auditor,
            "query($id: UUID!) { ticketHistory(id: $id) { eventType actor role source payload } }",
            json!({ "id": id }),
        )
        .await["ticketHistory"]
        .as_array()
        .unwrap()
        .clone()
}

fn count(events: &[Value], event_type: &str) -> usize {
    events
        .iter()
        .filter(|e| e["eventType"] == event_type)
        .count()
}

const PAYOUT: &str = "query($id: UUID!) { payout(refundId: $id) { mode state attempts reference reason idempotencyKey } }";

async fn wait_for_payout(server: &Server, tokens: &Tokens, refund_id: &str, state: &str) -> Value {
    wait_for_data(
        server,
        &tokens.finance,
        PAYOUT,
        json!({ "id": refund_id }),
        |d| d["payout"]["state"] == state,
    )
    .await["payout"]
        .clone()
}

async fn serve_without_a_payout_setting_never_marks_a_refund_paid(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let server = Server::start(&db, &["serve"]).await;
    let (status, body) = server.get("/healthz").await;
    assert_eq!((status, body.as_str()), (200, "ok\npayout: manual\n"));
    let (id, refund_id) = approved_refund(&server, &tokens, "MAN-1").await;
    approve(&server, &tokens, &id, &refund_id).await;

    // The refund waits in finance's payout queue for a person.
    let queued = wait_for_payout(&server, &tokens, &refund_id, "AWAITING_PERSON").await;
    assert_eq!(queued["mode"], "MANUAL");
    assert_eq!(queued["attempts"], 0);
    assert_eq!(
        server
            .ok(&tokens.finance, "{ payoutMode }", json!({}))
            .await["payoutMode"],
        "MANUAL"
    );
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let ticket = wait_for_ticket(&server, &tokens.finance, &id, |_| true).await;
    assert_eq!(ticket["refunds"][0]["status"], "APPROVED", "{ticket}");
    assert_eq!(
        count(&history(&server, &tokens, &id).await, "RefundIssued"),
        0
    );

    // A person pays it and records the bank's reference.
    step(
        &server,
        &tokens.finance,
        "issueRefund",
        Some("IssueRefundInput"),
        &id,
        json!({ "refundId": refund_id, "gatewayReference": "BANK-2026-0001" }),
    )
    .await;
    let paid = wait_for_payout(&server, &tokens, &refund_id, "PAID").await;
    assert_eq!(paid["reference"], "BANK-2026-0001");
    let events = history(&server, &tokens, &id).await;
    let issued: Vec<_> = events
        .iter()
        .filter(|e| e["eventType"] == "RefundIssued")
        .collect();
    assert_eq!(issued.len(), 1);
    assert_eq!(
        (issued[0]["actor"].as_str(), issued[0]["source"].as_str()),
        (Some("fei"), Some("graphql"))
    );
    let (_, metrics) = server.get("/metrics").await;
    assert!(
        metrics.contains("returns_payout_mode{mode=\"manual\"} 1"),
        "{metrics}"
    );
    assert!(server.terminate().await);
}

async fn simulated_payouts_say_so_in_the_log_healthz_metrics_and_log_lines(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let server = Server::start(&db, &["serve", "--payout", "simulated"]).await;
    let (status, body) = server.get("/healthz").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("payout: simulated (SIMULATED GATEWAY: no money moves)"),
        "{body}"
    );
    let (id, refund_id) = approved_refund(&server, &tokens, "SIM-1").await;
    approve(&server, &tokens, &id, &refund_id).await;
    let paid = wait_for_payout(&server, &tokens, &refund_id, "PAID").await;
    assert_eq!(paid["mode"], "SIMULATED");
    let events = history(&server, &tokens, &id).await;
    let issued = events
        .iter()
        .find(|e| e["eventType"] == "RefundIssued")
        .unwrap();
    assert_eq!(issued["source"], "workflow:refund_payout:simulated");
    assert!(issued["payload"]["gateway_reference"]
        .as_str()
        .unwrap()
        .starts_with("SIM-refund-"));
    let (_, metrics) = server.get("/metrics").await;
    assert!(
        metrics.contains("returns_payout_mode{mode=\"simulated\"} 1"),
        "{metrics}"
    );
    assert!(
        metrics.contains("returns_payouts{mode=\"simulated\",state=\"paid\"} 1"),
        "{metrics}"
    );
    let exit = server.shut_down().await;
    let warnings = |needle: &str| exit.stderr.iter().filter(|l| l.contains(needle)).count();
    assert_eq!(
        warnings("SIMULATED payouts: approved refunds"),
        1,
        "{:?}",
        exit.stderr
    );
    assert_eq!(
        warnings("SIMULATED payout: no money moves"),
        1,
        "{:?}",
        exit.stderr
    );
}

/// Posts a callback signed with `secret` at `timestamp`; (status, body).
async fn callback(server: &Server, secret: &str, timestamp: i64, body: &Value) -> (u16, Value) {
    let bytes = serde_json::to_vec(body).unwrap();
    let response = reqwest::Client::new()
        .post(format!("{}/payouts/callback", server.base))
        .header("content-type", "application/json")
        .header(TIMESTAMP_HEADER, timestamp.to_string())
        .header(SIGNATURE_HEADER, signature::sign(secret, timestamp, &bytes))
        .body(bytes)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// The log's head position, from `/metrics`.
async fn head(server: &Server) -> i64 {
    let (_, metrics) = server.get("/metrics").await;
    crate::helpers::metric(&metrics, "returns_log_head_position").unwrap() as i64
}

/// Every request for the refund carried its key and a valid signature, and
/// the log records it paid exactly once, with the receiver's one reference.
async fn assert_paid_once(
    server: &Server,
    tokens: &Tokens,
    receiver: &Receiver,
    id: &str,
    refund_id: &str,
    requests: usize,
) {
    let key = format!("refund-{refund_id}");
    let ticket = wait_for_ticket(server, &tokens.finance, id, |t| {
        t["refunds"][0]["status"] == "ISSUED"
    })
    .await;
    let seen = receiver.seen(refund_id);
    assert_eq!(seen.len(), requests, "{seen:?}");
    assert!(
        seen.iter()
            .all(|s| s.key.as_deref() == Some(key.as_str()) && s.signature_ok),
        "{seen:?}"
    );
    let reference = receiver.reference(&key).unwrap();
    assert_eq!(ticket["refunds"][0]["gatewayReference"], reference.as_str());
    assert_eq!(count(&history(server, tokens, id).await, "RefundIssued"), 1);
}

async fn webhook_payouts_survive_a_failing_slow_crashing_and_twice_answering_receiver(
    db: TestDatabase,
) {
    let tokens = Tokens::create(&db).await;
    let receiver = Receiver::default();
    let url = receiver.start().await;
    let policies = fast_retry_policies();
    let server = Server::start(&db, &webhook_args(&url, policies.to_str().unwrap(), "1")).await;

    let mut refunds = Vec::new();
    for (order, script) in [
        ("WH-FAIL", vec![Behaviour::Fail]),
        (
            "WH-SLOW",
            vec![Behaviour::PayThenStall(Duration::from_secs(3))],
        ),
        ("WH-CRASH", vec![Behaviour::PayThenCrash]),
        ("WH-PENDING", vec![Behaviour::Pending]),
        ("WH-TWICE", vec![]),
    ] {
        let (id, refund_id) = approved_refund(&server, &tokens, order).await;
        receiver.script(&refund_id, &script);
        approve(&server, &tokens, &id, &refund_id).await;
        refunds.push((order, id, refund_id));
    }
    let by = |order: &str| {
        let (_, id, refund_id) = refunds.iter().find(|r| r.0 == order).unwrap();
        (id.clone(), refund_id.clone())
    };

    // Failing, timing out, crashing after paying: a RefundFailed, a retry
    // with the same key, paid once.
    for order in ["WH-FAIL", "WH-SLOW", "WH-CRASH"] {
        let (id, refund_id) = by(order);
        assert_paid_once(&server, &tokens, &receiver, &id, &refund_id, 2).await;
        let events = history(&server, &tokens, &id).await;
        assert_eq!(count(&events, "RefundFailed"), 1, "{order}: {events:?}");
        let paid = wait_for_payout(&server, &tokens, &refund_id, "PAID").await;
        assert_eq!(
            (paid["mode"].as_str(), paid["attempts"].as_i64()),
            (Some("WEBHOOK"), Some(2))
        );
    }
    assert_eq!(
        receiver.lock().payments,
        3 + 1,
        "FAIL, SLOW, CRASH and TWICE paid once each"
    );

    // Answering twice: the answer and then a callback saying the same.
    let (id, refund_id) = by("WH-TWICE");
    assert_paid_once(&server, &tokens, &receiver, &id, &refund_id, 1).await;
    let key = format!("refund-{refund_id}");
    let reference = receiver.reference(&key).unwrap();
    let now = chrono::Utc::now().timestamp();
    let before = head(&server).await;
    let (status, answer) = callback(
        &server,
        SECRET,
        now,
        &json!({ "idempotency_key": key, "status": "paid", "reference": reference }),
    )
    .await;
    assert_eq!(
        (status, &answer["recorded"]),
        (200, &json!(false)),
        "{answer}"
    );
    // A second payout claimed for a paid refund is refused.
    let (status, answer) = callback(
        &server,
        SECRET,
        now,
        &json!({ "idempotency_key": key, "status": "paid", "reference": "ERP-other" }),
    )
    .await;
    assert_eq!(
        (status, &answer["code"]),
        (409, &json!("CONFLICT")),
        "{answer}"
    );
    let (status, _) = callback(
        &server,
        SECRET,
        now,
        &json!({ "idempotency_key": key, "status": "failed", "reason": "late" }),
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(
        head(&server).await,
        before,
        "refused callbacks wrote nothing"
    );

    // Pending: nothing recorded until the signed callback settles it.
    let (id, refund_id) = by("WH-PENDING");
    let pending = wait_for_payout(&server, &tokens, &refund_id, "PENDING").await;
    assert_eq!(pending["attempts"], 1);
    let events = history(&server, &tokens, &id).await;
    assert_eq!(
        count(&events, "RefundIssued") + count(&events, "RefundFailed"),
        0
    );
    let key = format!("refund-{refund_id}");
    let settle = json!({ "idempotency_key": key, "status": "paid", "reference": "ERP-LATER-7" });
    let before = head(&server).await;
    for (secret, timestamp, body, expected, code) in [
        (
            "wrong-secret-0123456789",
            now,
            &settle,
            401,
            "UNAUTHENTICATED",
        ),
        (SECRET, now - 3600, &settle, 401, "UNAUTHENTICATED"),
        (SECRET, now + 3600, &settle, 401, "UNAUTHENTICATED"),
        (
            SECRET,
            now,
            &json!({ "idempotency_key": "refund-unknown", "status": "paid", "reference": "X" }),
            404,
            "NOT_FOUND",
        ),
        (
            SECRET,
            now,
            &json!({ "idempotency_key": key, "status": "paid", "reference": "" }),
            400,
            "VALIDATION",
        ),
        (
            SECRET,
            now,
            &json!({ "idempotency_key": key, "status": "maybe" }),
            400,
            "VALIDATION",
        ),
    ] {
        let (status, answer) = callback(&server, secret, timestamp, body).await;
        assert_eq!(status, expected, "{body} → {answer}");
        // The one error shape of every route but GraphQL's.
        assert_eq!(answer["code"], json!(code), "{body} → {answer}");
        assert!(answer["message"].is_string(), "{answer}");
        assert!(answer["requestId"].is_string(), "{answer}");
    }
    assert_eq!(
        head(&server).await,
        before,
        "refused callbacks wrote nothing"
    );

    // A refund paid by hand (its channel's mode) is not the receiver's to settle.
    let mut input = open_input("REFUND_ONLY", "KS-MANUAL");
    input["channel"] = json!("kuaishou");
    let opened = server
        .ok(
            &tokens.customer_service,
            OPEN,
            json!({ "cmd": cmd(), "input": input }),
        )
        .await;
    let manual = opened["openTicket"]["ticket"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    step(
        &server,
        &tokens.customer_service,
        "approveApplication",
        Some("ApproveApplicationInput"),
        &manual,
        json!({}),
    )
    .await;
    let manual_refund = Uuid::now_v7().to_string();
    step(
        &server,
        &tokens.finance,
        "requestRefund",
        Some("RequestRefundInput"),
        &manual,
        json!({ "refundId": manual_refund, "amount": { "amountMinor": 500, "currency": "CNY" } }),
    )
    .await;
    approve(&server, &tokens, &manual, &manual_refund).await;
    let by_hand = wait_for_payout(&server, &tokens, &manual_refund, "AWAITING_PERSON").await;
    assert_eq!(by_hand["mode"], "MANUAL");
    assert!(receiver.seen(&manual_refund).is_empty());
    let before = head(&server).await;
    let (status, _) = callback(
        &server,
        SECRET,
        now,
        &json!({ "idempotency_key": format!("refund-{manual_refund}"), "status": "paid", "reference": "X" }),
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(head(&server).await, before);
    // Unsigned.
    let unsigned = reqwest::Client::new()
        .post(format!("{}/payouts/callback", server.base))
        .json(&settle)
        .send()
        .await
        .unwrap();
    assert_eq!(unsigned.status().as_u16(), 401);
    assert_eq!(
        head(&server).await,
        before,
        "refused callbacks wrote nothing"
    );

    let (status, answer) = callback(&server, SECRET, now, &settle).await;
    assert_eq!(
        (status, &answer["recorded"]),
        (200, &json!(true)),
        "{answer}"
    );
    // The same callback again (a receiver retrying) writes nothing.
    let (status, answer) = callback(&server, SECRET, now, &settle).await;
    assert_eq!(
        (status, &answer["recorded"]),
        (200, &json!(false)),
        "{answer}"
    );
    let paid = wait_for_payout(&server, &tokens, &refund_id, "PAID").await;
    assert_eq!(paid["reference"], "ERP-LATER-7");
    let events = history(&server, &tokens, &id).await;
    assert_eq!(count(&events, "RefundIssued"), 1);
    let issued = events
        .iter()
        .find(|e| e["eventType"] == "RefundIssued")
        .unwrap();
    assert_eq!(
        (issued["actor"].as_str(), issued["source"].as_str()),
        (Some("payout-callback"), Some("payout_callback"))
    );
    assert_eq!(
        receiver.seen(&refund_id).len(),
        1,
        "a pending payout is not asked again"
    );
    let paid_all = wait_for_data(
        &server,
        &tokens.finance,
        "{ payouts(state: PAID) { refundId } }",
        json!({}),
        |d| d["payouts"].as_array().unwrap().len() == 5,
    )
    .await;
    assert_eq!(paid_all["payouts"].as_array().unwrap().len(), 5);
    let (_, metrics) = server.get("/metrics").await;
    for line in [
        "returns_payout_mode{mode=\"webhook\"} 1",
        "returns_payouts{mode=\"webhook\",state=\"paid\"} 5",
        // Gone to zero, not left at its last count.
        "returns_payouts{mode=\"webhook\",state=\"pending\"} 0",
    ] {
        assert!(metrics.lines().any(|l| l == line), "{line} in {metrics}");
    }

    assert!(server.terminate().await);
    let _ = std::fs::remove_file(policies);
}

async fn a_kill_9_between_sending_and_recording_pays_once_after_restart(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let receiver = Receiver::default();
    let url = receiver.start().await;
    let policies = fast_retry_policies();
    let args = webhook_args(&url, policies.to_str().unwrap(), "60");
    let server = Server::start(&db, &args).await;
    let (id, refund_id) = approved_refund(&server, &tokens, "WH-KILL").await;
    // The receiver pays and holds its answer long past the kill.
    receiver.script(
        &refund_id,
        &[Behaviour::PayThenStall(Duration::from_secs(120))],
    );
    approve(&server, &tokens, &id, &refund_id).await;
    for _ in 0..200 {
        if !receiver.seen(&refund_id).is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(receiver.seen(&refund_id).len(), 1, "the request went out");
    server.kill9().await;

    let server = Server::start(&db, &args).await;
    assert_paid_once(&server, &tokens, &receiver, &id, &refund_id, 2).await;
    let events = history(&server, &tokens, &id).await;
    assert_eq!(
        count(&events, "RefundFailed"),
        0,
        "nothing was recorded before the kill"
    );
    assert_eq!(receiver.lock().payments, 1);
    assert!(server.terminate().await);
    let _ = std::fs::remove_file(policies);
}

async fn platform_refunds_wait_for_the_platform_and_others_for_a_person(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let text = returns_workflows::policies::DEFAULT_POLICY_FILE.replace(
        "[channels.douyin]\n",
        "[channels.douyin]\npayout = \"platform\"\n",
    );
    let path = std::env::temp_dir().join(format!("returns-policies-{}.toml", Uuid::now_v7()));
    std::fs::write(&path, text).unwrap();
    let server = Server::start(&db, &["serve", "--policies", path.to_str().unwrap()]).await;

    // A Douyin ticket (with the platform's after-sale id): the platform pays.
    let (id, refund_id) = approved_refund(&server, &tokens, "PLAT-1").await;
    approve(&server, &tokens, &id, &refund_id).await;
    let waiting = wait_for_payout(&server, &tokens, &refund_id, "AWAITING_PLATFORM").await;
    assert_eq!(waiting["mode"], "PLATFORM");
    let queue = server
        .ok(
            &tokens.finance,
            "{ payouts(state: AWAITING_PLATFORM) { refundId } }",
            json!({}),
        )
        .await;
    assert_eq!(queue["payouts"][0]["refundId"], refund_id.as_str());

    // A ticket of the shop's own channel has no platform record: a person pays.
    let mut input = open_input("REFUND_ONLY", "OWN-1");
    input["channel"] = json!("manual");
    input["platformAfterSaleId"] = Value::Null;
    let opened = server
        .ok(
            &tokens.customer_service,
            OPEN,
            json!({ "cmd": cmd(), "input": input }),
        )
        .await;
    let own = opened["openTicket"]["ticket"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    step(
        &server,
        &tokens.customer_service,
        "approveApplication",
        Some("ApproveApplicationInput"),
        &own,
        json!({}),
    )
    .await;
    let own_refund = Uuid::now_v7().to_string();
    step(
        &server,
        &tokens.finance,
        "requestRefund",
        Some("RequestRefundInput"),
        &own,
        json!({ "refundId": own_refund, "amount": { "amountMinor": 500, "currency": "CNY" } }),
    )
    .await;
    approve(&server, &tokens, &own, &own_refund).await;
    let person = wait_for_payout(&server, &tokens, &own_refund, "AWAITING_PERSON").await;
    assert_eq!(person["mode"], "MANUAL");

    tokio::time::sleep(Duration::from_millis(1500)).await;
    for ticket in [&id, &own] {
        assert_eq!(
            count(&history(&server, &tokens, ticket).await, "RefundIssued"),
            0
        );
    }
    assert!(server.terminate().await);
    let _ = std::fs::remove_file(path);
}

async fn a_payout_mode_without_its_configuration_stops_serve_with_a_reason(db: TestDatabase) {
    let (ok, _, stderr) = crate::helpers::run_cli(
        &db,
        &["serve", "--listen", "127.0.0.1:0", "--payout", "webhook"],
    )
    .await;
    assert!(!ok);
    assert!(stderr.contains("RETURNS_PAYOUT_WEBHOOK_URL"), "{stderr}");

    // A channel may not pick the simulated gateway behind the server's back.
    let text = returns_workflows::policies::DEFAULT_POLICY_FILE.replace(
        "[channels.taobao]\n",
        "[channels.taobao]\npayout = \"simulated\"\n",
    );
    let path = std::env::temp_dir().join(format!("returns-policies-{}.toml", Uuid::now_v7()));
    std::fs::write(&path, text).unwrap();
    let (ok, _, stderr) = crate::helpers::run_cli(
        &db,
        &[
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--policies",
            path.to_str().unwrap(),
        ],
    )
    .await;
    assert!(!ok);
    assert!(
        stderr.contains("payout mode simulated is chosen for channel taobao"),
        "{stderr}"
    );
    let _ = std::fs::remove_file(path);
}
