//! Push intake over real HTTP: `POST /intake/{platform}` signed with the
//! platform's secret (`Returns-Signature: v1=…`, the scheme of every signed
//! request) imports records once each; the old `X-Returns-Signature:
//! sha256=…` is still accepted for one release, answered `Deprecation: true`;
//! wrong signatures, stale timestamps, unknown platforms and oversized
//! bodies get a clear 4xx in the one error shape and write nothing.

use hmac::{Hmac, Mac};
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use returns_eventstore::EventStore;
use serde_json::{json, Value};
use sha2::Sha256;

use crate::helpers::Server;

contract_tests!(
    signed_pushes_import_each_record_once_and_are_safe_to_retry,
    unsigned_stale_misrouted_and_oversized_pushes_write_nothing,
    the_old_signature_header_is_accepted_for_one_release_and_marked_deprecated,
    a_push_is_decoded_by_its_charset_and_a_bad_line_is_one_rejected_record,
);

const SECRET: &str = "douyin-push-secret";

/// The hex HMAC-SHA256 of `"{timestamp}.{body}"`, computed here, not with
/// the server's signing module.
fn mac_hex(secret: &str, timestamp: i64, body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{timestamp}.").as_bytes());
    mac.update(body);
    hex::encode(mac.finalize().into_bytes())
}

/// `Returns-Signature`.
fn signature(secret: &str, timestamp: i64, body: &[u8]) -> String {
    format!("v1={}", mac_hex(secret, timestamp, body))
}

/// The `X-Returns-Signature` of before.
fn old_signature(secret: &str, timestamp: i64, body: &[u8]) -> String {
    format!("sha256={}", mac_hex(secret, timestamp, body))
}

#[test]
fn the_push_signature_is_the_one_every_signed_request_carries() {
    // Computed with Python's hmac and with `openssl dgst -sha256 -hmac`.
    let body = br#"{"aftersale_id":"PUSH-V"}"#;
    let expected = "v1=a477de5e5f7a3a6339621376a489c65e7e3db9db1b9ff3335dea30b2fdebb758";
    assert_eq!(signature(SECRET, 1_764_500_000, body), expected);
    assert_eq!(
        returns_workflows::signature::sign(SECRET, 1_764_500_000, body),
        expected
    );
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn record(id: &str, status: i64, version: i64) -> Value {
    // Applied just now: an application applied long ago is past its review
    // deadline, and the server's workflows would approve it by themselves
    // while the test pushes the platform's next version.
    let applied = chrono::Utc::now().timestamp();
    json!({
        "aftersale_id": id, "order_id": "6929876543210987654", "sku_order_id": 6929876543210987655_u64,
        "shop_sku_code": "TEE-BLK-M", "aftersale_num": 1, "aftersale_type": 0,
        "aftersale_status": status, "refund_amount": 5990, "apply_time": applied,
        "update_time": version
    })
}

/// Posts `body` to `/intake/{platform}` with the given headers; (status, JSON body).
async fn push(
    server: &Server,
    platform: &str,
    headers: &[(&str, String)],
    body: Vec<u8>,
) -> (u16, Value) {
    let (status, _, body) = push_with_headers(server, platform, headers, body).await;
    (status, body)
}

/// As [`push`], with the answer's `Deprecation` header.
async fn push_with_headers(
    server: &Server,
    platform: &str,
    headers: &[(&str, String)],
    body: Vec<u8>,
) -> (u16, Option<String>, Value) {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    let mut request = http
        .post(format!("{}/intake/{platform}", server.base))
        .body(body);
    if !headers.iter().any(|(name, _)| *name == "content-type") {
        request = request.header("content-type", "application/x-ndjson");
    }
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    match request.send().await {
        Ok(response) => {
            let status = response.status().as_u16();
            let deprecation = response
                .headers()
                .get("deprecation")
                .map(|v| v.to_str().unwrap().to_owned());
            let text = response.text().await.unwrap_or_default();
            (
                status,
                deprecation,
                serde_json::from_str(&text).unwrap_or(Value::String(text)),
            )
        }
        // A server may close the connection on a body it refuses to read.
        Err(e) => (e.status().map_or(0, |s| s.as_u16()), None, Value::Null),
    }
}

fn signed(body: &[u8]) -> Vec<(&'static str, String)> {
    let ts = now();
    vec![
        ("Returns-Timestamp", ts.to_string()),
        ("Returns-Signature", signature(SECRET, ts, body)),
    ]
}

/// Signed with the headers of before.
fn signed_the_old_way(secret: &str, body: &[u8]) -> Vec<(&'static str, String)> {
    let ts = now();
    vec![
        ("X-Returns-Timestamp", ts.to_string()),
        ("X-Returns-Signature", old_signature(secret, ts, body)),
    ]
}

/// Checks the one error shape of a refusal.
fn assert_refusal(what: &str, answer: &Value, code: &str) {
    assert_eq!(answer["code"], json!(code), "{what}: {answer}");
    assert!(
        answer["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{what}: {answer}"
    );
    assert!(
        answer["requestId"]
            .as_str()
            .is_some_and(|id| uuid::Uuid::parse_str(id).is_ok()),
        "{what}: {answer}"
    );
    assert_eq!(
        answer.as_object().map(|o| o.len()),
        Some(3),
        "{what}: {answer}"
    );
}

/// Events written by push intake (workflows running in the server write
/// their own, on their own schedule).
async fn event_count(db: &TestDatabase) -> usize {
    let store = EventStore::connect(db.url()).await.unwrap();
    store
        .read_all(0, 100_000)
        .await
        .unwrap()
        .iter()
        .filter(|e| e.metadata.source.as_deref() == Some("push:douyin"))
        .count()
}

async fn start(db: &TestDatabase) -> Server {
    Server::start_with_env(db, &["serve"], &[("RETURNS_INTAKE_SECRET_DOUYIN", SECRET)]).await
}

async fn signed_pushes_import_each_record_once_and_are_safe_to_retry(db: TestDatabase) {
    let server = start(&db).await;
    // One record on its own.
    let one = record("PUSH-1", 6, 100).to_string().into_bytes();
    let (status, answer) = push(&server, "douyin", &signed(&one), one.clone()).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["results"][0]["result"], json!("created"), "{answer}");
    // JSON lines: a newer version (approved on Douyin), a malformed line, a new record.
    let body = [
        record("PUSH-1", 7, 200).to_string(),
        "{broken".to_owned(),
        record("PUSH-2", 6, 100).to_string(),
    ]
    .join("\n")
    .into_bytes();
    let (status, answer) = push(&server, "douyin", &signed(&body), body.clone()).await;
    assert_eq!(status, 200, "{answer}");
    let results: Vec<&str> = answer["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["result"].as_str().unwrap())
        .collect();
    assert_eq!(results, vec!["updated", "rejected", "created"]);
    assert_eq!(answer["results"][1]["line"], json!(2));
    assert_eq!(answer["results"][1]["errors"][0]["field"], json!("payload"));
    let written = event_count(&db).await;
    // The sender did not see the answer and retries: nothing is written twice.
    let (status, answer) = push(&server, "douyin", &signed(&body), body).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["results"][0]["result"], json!("unchanged"));
    assert_eq!(answer["results"][2]["result"], json!("unchanged"));
    assert_eq!(event_count(&db).await, written);
    server.stop().await;
}

/// (what, platform, headers, expected status, expected code).
type Case = (
    &'static str,
    &'static str,
    Vec<(&'static str, String)>,
    u16,
    &'static str,
);

async fn unsigned_stale_misrouted_and_oversized_pushes_write_nothing(db: TestDatabase) {
    let server = start(&db).await;
    let body = record("PUSH-X", 6, 100).to_string().into_bytes();
    let ts = now();
    let cases: Vec<Case> = vec![
        ("no signature", "douyin", vec![], 401, "UNAUTHENTICATED"),
        (
            "wrong secret",
            "douyin",
            vec![
                ("Returns-Timestamp", ts.to_string()),
                ("Returns-Signature", signature("guess", ts, &body)),
            ],
            401,
            "UNAUTHENTICATED",
        ),
        (
            "replayed after the window",
            "douyin",
            vec![
                ("Returns-Timestamp", (ts - 301).to_string()),
                ("Returns-Signature", signature(SECRET, ts - 301, &body)),
            ],
            401,
            "UNAUTHENTICATED",
        ),
        (
            "timestamp moved into the window",
            "douyin",
            vec![
                ("Returns-Timestamp", ts.to_string()),
                ("Returns-Signature", signature(SECRET, ts - 301, &body)),
            ],
            401,
            "UNAUTHENTICATED",
        ),
        (
            "a platform without a secret",
            "kuaishou",
            signed(&body),
            404,
            "NOT_FOUND",
        ),
        (
            "the old headers with a wrong secret",
            "douyin",
            signed_the_old_way("guess", &body),
            401,
            "UNAUTHENTICATED",
        ),
    ];
    for (what, platform, headers, want, code) in cases {
        let (status, answer) = push(&server, platform, &headers, body.clone()).await;
        assert_eq!(status, want, "{what}: {answer}");
        assert_refusal(what, &answer, code);
    }
    // Over the 256 KiB limit: refused before it is read, however it is signed.
    let mut big = record("PUSH-BIG", 6, 100).to_string();
    big.push('\n');
    let big = big.repeat(300 * 1024 / big.len() + 1).into_bytes();
    let (status, _) = push(&server, "douyin", &signed(&big), big).await;
    assert!(status == 413 || status == 0, "oversized: {status}");
    assert_eq!(event_count(&db).await, 0, "nothing written");
    server.stop().await;
}

async fn the_old_signature_header_is_accepted_for_one_release_and_marked_deprecated(
    db: TestDatabase,
) {
    let server = start(&db).await;
    let one = record("PUSH-OLD", 6, 100).to_string().into_bytes();
    // The current header: accepted, nothing deprecated.
    let (status, deprecation, answer) =
        push_with_headers(&server, "douyin", &signed(&one), one.clone()).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["results"][0]["result"], json!("created"), "{answer}");
    assert_eq!(deprecation, None);
    // The old header: accepted for one release, and the answer says it is deprecated.
    let newer = record("PUSH-OLD", 7, 200).to_string().into_bytes();
    let (status, deprecation, answer) = push_with_headers(
        &server,
        "douyin",
        &signed_the_old_way(SECRET, &newer),
        newer,
    )
    .await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["results"][0]["result"], json!("updated"), "{answer}");
    assert_eq!(deprecation.as_deref(), Some("true"));
    // The old header with a wrong signature: refused, still marked.
    let other = record("PUSH-OLD-2", 6, 100).to_string().into_bytes();
    let (status, deprecation, answer) = push_with_headers(
        &server,
        "douyin",
        &signed_the_old_way("guess", &other),
        other,
    )
    .await;
    assert_eq!(status, 401, "{answer}");
    assert_refusal("old header, wrong secret", &answer, "UNAUTHENTICATED");
    assert_eq!(deprecation.as_deref(), Some("true"));
    server.stop().await;
}

/// `record(id)` with a Chinese reason remark, encoded in GBK.
fn gbk_record(id: &str) -> Vec<u8> {
    let mut value = record(id, 6, 100);
    value["reason_remark"] = json!("颜色不符");
    let text = value.to_string();
    encoding_rs::GBK.encode(&text).0.into_owned()
}

async fn a_push_is_decoded_by_its_charset_and_a_bad_line_is_one_rejected_record(db: TestDatabase) {
    let server = start(&db).await;
    // UTF-8 (no charset): the GBK line alone is rejected, with what to do.
    let mut body = record("PUSH-U1", 6, 100).to_string().into_bytes();
    body.push(b'\n');
    body.extend(gbk_record("PUSH-G1"));
    body.push(b'\n');
    body.extend(record("PUSH-U2", 6, 100).to_string().into_bytes());
    let (status, answer) = push(&server, "douyin", &signed(&body), body.clone()).await;
    assert_eq!(status, 200, "{answer}");
    let results: Vec<&str> = answer["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["result"].as_str().unwrap())
        .collect();
    assert_eq!(results, vec!["created", "rejected", "created"]);
    let reason = answer["results"][1]["reason"].as_str().unwrap();
    assert!(reason.contains("looks like GBK"), "{reason}");
    assert!(reason.contains("charset=gbk"), "{reason}");
    // The same GBK record declared as GBK imports.
    let body = gbk_record("PUSH-G1");
    let mut headers = signed(&body);
    headers.push(("content-type", "application/json; charset=GBK".to_owned()));
    let (status, answer) = push(&server, "douyin", &headers, body).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["results"][0]["result"], json!("created"), "{answer}");
    // A charset nobody knows refuses the body and writes nothing more.
    let written = event_count(&db).await;
    let body = record("PUSH-K", 6, 100).to_string().into_bytes();
    let mut headers = signed(&body);
    headers.push((
        "content-type",
        "application/json; charset=klingon".to_owned(),
    ));
    let (status, answer) = push(&server, "douyin", &headers, body).await;
    assert_eq!(status, 400, "{answer}");
    assert_eq!(event_count(&db).await, written);
    server.stop().await;
}
