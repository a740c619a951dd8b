//! Outbound webhooks through the real server and a real receiver (axum on
//! port 0): each ticket event delivered signed, in order per ticket, with one
//! idempotency id per delivery; retried with backoff while the receiver is
//! down, dead-lettered after the window, replayed by an admin; rotated
//! secrets and disabled endpoints take effect; deliveries survive a kill -9;
//! two servers on one PostgreSQL never send one delivery at once.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use returns_workflows::signature::{self, IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER};
use serde_json::{json, Value};

use crate::helpers::{cmd, code, open_input, step, wait_for_data, Server, Tokens, OPEN};

contract_tests!(
    each_endpoint_gets_personal_fields_as_configured_and_never_ciphertext,
    webhooks_are_delivered_in_order_retried_dead_lettered_and_replayed,
    deliveries_survive_a_kill_9_and_two_servers_never_send_one_at_once,
);

const SECRET: &str = "endpoint-secret-0001";
const ROTATED: &str = "endpoint-secret-0002";

/// One delivery attempt the receiver got.
#[derive(Debug, Clone)]
struct Got {
    id: String,
    event_type: String,
    ticket_id: String,
    position: i64,
    attempt: i64,
    /// Which secret verified the signature, if any.
    signed_with: Option<&'static str>,
    /// Whether it was answered 2xx.
    accepted: bool,
}

#[derive(Default)]
struct Inbox {
    got: Vec<Got>,
    in_flight: HashSet<String>,
    /// Delivery ids that arrived while the same id was still being handled.
    overlaps: Vec<String>,
}

#[derive(Clone)]
struct Receiver {
    inbox: Arc<Mutex<Inbox>>,
    up: Arc<AtomicBool>,
    delay: Duration,
}

impl Receiver {
    fn new(delay: Duration) -> Self {
        Self {
            inbox: Arc::default(),
            up: Arc::new(AtomicBool::new(true)),
            delay,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inbox> {
        self.inbox.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn accepted(&self) -> Vec<Got> {
        self.lock()
            .got
            .iter()
            .filter(|g| g.accepted)
            .cloned()
            .collect()
    }

    async fn start(&self) -> String {
        let app = Router::new()
            .route("/hook", post(hook))
            .with_state(self.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await });
        format!("http://{address}/hook")
    }

    async fn wait_for(&self, what: &str, done: impl Fn(&Inbox) -> bool) {
        for _ in 0..300 {
            if done(&self.lock()) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!(
            "the receiver did not see {what}; it got {:?}",
            self.lock().got
        );
    }
}

async fn hook(State(receiver): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let now = chrono::Utc::now().timestamp();
    let signed_with = [SECRET, ROTATED].into_iter().find(|secret| {
        signature::verify(
            secret,
            header(TIMESTAMP_HEADER),
            header(SIGNATURE_HEADER),
            &body,
            now,
        )
        .is_ok()
    });
    let payload: Value = serde_json::from_slice(&body).unwrap();
    let id = header(IDEMPOTENCY_HEADER).unwrap_or_default().to_owned();
    assert_eq!(
        payload["id"].as_str(),
        Some(id.as_str()),
        "the body names its delivery"
    );
    assert_eq!(header("returns-event"), payload["type"].as_str());
    {
        let mut inbox = receiver.lock();
        if !inbox.in_flight.insert(id.clone()) {
            inbox.overlaps.push(id.clone());
        }
    }
    tokio::time::sleep(receiver.delay).await;
    let accepted = receiver.up.load(Ordering::SeqCst) && signed_with.is_some();
    let mut inbox = receiver.lock();
    inbox.in_flight.remove(&id);
    inbox.got.push(Got {
        id,
        event_type: payload["type"].as_str().unwrap().to_owned(),
        ticket_id: payload["ticket_id"].as_str().unwrap().to_owned(),
        position: payload["position"].as_i64().unwrap(),
        attempt: header("returns-delivery-attempt").unwrap().parse().unwrap(),
        signed_with,
        accepted,
    });
    if accepted {
        StatusCode::NO_CONTENT
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    }
}

const CREATE: &str = "mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { id url events enabled createdBy } }";
const DELIVERIES: &str = "query($id: UUID!) { webhookDeliveries(ticketId: $id) { id eventType state attempts lastStatus lastError position } }";

async fn open(server: &Server, tokens: &Tokens, order: &str) -> String {
    let opened = server
        .ok(
            &tokens.customer_service,
            OPEN,
            json!({ "cmd": cmd(), "input": open_input("REFUND_ONLY", order) }),
        )
        .await;
    opened["openTicket"]["ticket"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn note(server: &Server, tokens: &Tokens, id: &str, text: &str) {
    step(
        server,
        &tokens.customer_service,
        "addNote",
        Some("AddNoteInput"),
        id,
        json!({ "text": text }),
    )
    .await;
}

fn retrying_env() -> Vec<(&'static str, &'static str)> {
    vec![
        ("RETURNS_WEBHOOK_RETRY_BASE_MS", "100"),
        ("RETURNS_WEBHOOK_RETRY_WINDOW_SECS", "2"),
    ]
}

async fn webhooks_are_delivered_in_order_retried_dead_lettered_and_replayed(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let receiver = Receiver::new(Duration::ZERO);
    let url = receiver.start().await;
    let server = Server::start_with_env(&db, &["serve"], &retrying_env()).await;
    let admin = &tokens.admin;

    // Invalid registrations are refused and write nothing.
    for (input, why) in [
        (
            json!({ "url": "ftp://x/hook", "events": ["*"], "secret": SECRET }),
            "scheme",
        ),
        (
            json!({ "url": url, "events": ["*"], "secret": "short" }),
            "secret",
        ),
        (
            json!({ "url": url, "events": ["TicketTeleported"], "secret": SECRET }),
            "event",
        ),
        (
            json!({ "url": url, "events": [], "secret": SECRET }),
            "no events",
        ),
    ] {
        let refused = server.gql(admin, CREATE, json!({ "input": input })).await;
        assert_eq!(code(&refused), Some("VALIDATION"), "{why}: {refused}");
    }
    let not_admin = server
        .gql(
            &tokens.finance,
            CREATE,
            json!({ "input": { "url": url, "events": ["*"], "secret": SECRET } }),
        )
        .await;
    assert_eq!(code(&not_admin), Some("FORBIDDEN"));
    let listed = server
        .ok(&tokens.auditor, "{ webhooks { id } }", json!({}))
        .await;
    assert_eq!(listed["webhooks"].as_array().unwrap().len(), 0);

    let created = server
        .ok(
            admin,
            CREATE,
            json!({ "input": { "url": url, "events": ["*"], "secret": SECRET } }),
        )
        .await["createWebhook"]
        .clone();
    assert_eq!(
        (created["enabled"].as_bool(), created["createdBy"].as_str()),
        (Some(true), Some("root"))
    );
    let webhook_id = created["id"].as_str().unwrap().to_owned();

    // Three events on one ticket arrive signed, once each, in log order.
    let id = open(&server, &tokens, "HOOK-1").await;
    step(
        &server,
        &tokens.customer_service,
        "approveApplication",
        Some("ApproveApplicationInput"),
        &id,
        json!({}),
    )
    .await;
    note(&server, &tokens, &id, "first note").await;
    receiver
        .wait_for("four deliveries", |i| {
            i.got.iter().filter(|g| g.accepted).count() >= 4
        })
        .await;
    let got = receiver.accepted();
    let types: Vec<&str> = got.iter().map(|g| g.event_type.as_str()).collect();
    // The approval's platform action reaches the ERP too, which may act on it.
    assert_eq!(
        types,
        [
            "TicketOpened",
            "ApplicationApproved",
            "PlatformActionRequested",
            "NoteAdded"
        ]
    );
    assert!(got.windows(2).all(|w| w[0].position < w[1].position));
    assert!(got
        .iter()
        .all(|g| g.ticket_id == id && g.signed_with == Some(SECRET) && g.attempt == 1));
    let deliveries = wait_for_data(
        &server,
        &tokens.auditor,
        DELIVERIES,
        json!({ "id": id }),
        |d| {
            d["webhookDeliveries"]
                .as_array()
                .unwrap()
                .iter()
                .all(|x| x["state"] == "DELIVERED")
        },
    )
    .await["webhookDeliveries"]
        .clone();
    assert_eq!(deliveries.as_array().unwrap().len(), 4);
    assert_eq!(deliveries[0]["lastStatus"], 204);
    let forbidden = server
        .gql(&tokens.finance, DELIVERIES, json!({ "id": id }))
        .await;
    assert_eq!(code(&forbidden), Some("FORBIDDEN"));

    // The receiver goes down: the next event is retried with growing waits
    // under one idempotency id, then dead-lettered when the window closes;
    // the event after it waits its turn (order per ticket), then goes.
    receiver.up.store(false, Ordering::SeqCst);
    note(&server, &tokens, &id, "while down").await;
    let dead = wait_for_data(
        &server,
        &tokens.auditor,
        "{ webhookDeadLetters { id eventType attempts lastStatus lastError } }",
        json!({}),
        |d| !d["webhookDeadLetters"].as_array().unwrap().is_empty(),
    )
    .await["webhookDeadLetters"][0]
        .clone();
    assert_eq!(
        (dead["eventType"].as_str(), dead["lastStatus"].as_i64()),
        (Some("NoteAdded"), Some(503))
    );
    let dead_id = dead["id"].as_str().unwrap().to_owned();
    let attempts: Vec<Got> = receiver
        .lock()
        .got
        .iter()
        .filter(|g| g.id == dead_id)
        .cloned()
        .collect();
    assert!(attempts.len() >= 3, "retried: {attempts:?}");
    assert_eq!(dead["attempts"].as_i64(), Some(attempts.len() as i64));
    assert!(attempts
        .iter()
        .enumerate()
        .all(|(n, g)| g.attempt == n as i64 + 1));

    // Replayed by an admin once the receiver is back: delivered.
    receiver.up.store(true, Ordering::SeqCst);
    let not_admin = server
        .gql(
            &tokens.auditor,
            "mutation($id: UUID!) { replayWebhookDelivery(id: $id) }",
            json!({ "id": dead_id }),
        )
        .await;
    assert_eq!(code(&not_admin), Some("FORBIDDEN"));
    server
        .ok(
            admin,
            "mutation($id: UUID!) { replayWebhookDelivery(id: $id) }",
            json!({ "id": dead_id }),
        )
        .await;
    receiver
        .wait_for("the replayed delivery", |i| {
            i.got.iter().any(|g| g.id == dead_id && g.accepted)
        })
        .await;
    let again = server
        .gql(
            admin,
            "mutation($id: UUID!) { replayWebhookDelivery(id: $id) }",
            json!({ "id": dead_id }),
        )
        .await;
    assert_eq!(code(&again), Some("NOT_FOUND"), "only dead letters replay");

    // A rotated secret signs what follows.
    server
        .ok(admin, "mutation($id: UUID!) { rotateWebhookSecret(id: $id, secret: \"endpoint-secret-0002\") { id } }", json!({ "id": webhook_id }))
        .await;
    note(&server, &tokens, &id, "after rotation").await;
    receiver
        .wait_for("a delivery signed with the new secret", |i| {
            i.got
                .iter()
                .any(|g| g.accepted && g.signed_with == Some(ROTATED))
        })
        .await;

    // A disabled endpoint gets nothing more.
    let disabled = server
        .ok(
            admin,
            "mutation($id: UUID!) { disableWebhook(id: $id) { enabled } }",
            json!({ "id": webhook_id }),
        )
        .await;
    assert_eq!(disabled["disableWebhook"]["enabled"], false);
    let before = receiver.lock().got.len();
    note(&server, &tokens, &id, "after disabling").await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(receiver.lock().got.len(), before);
    assert!(server.terminate().await);
}

async fn deliveries_survive_a_kill_9_and_two_servers_never_send_one_at_once(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let receiver = Receiver::new(Duration::from_millis(150));
    let url = receiver.start().await;
    let env = [("RETURNS_WEBHOOK_RETRY_BASE_MS", "100")];
    let server = Server::start_with_env(&db, &["serve"], &env).await;
    server
        .ok(&tokens.admin, CREATE, json!({ "input": { "url": url, "events": ["TicketOpened", "NoteAdded"], "secret": SECRET } }))
        .await;

    // Written to the outbox while the receiver is down, then the server dies.
    receiver.up.store(false, Ordering::SeqCst);
    let id = open(&server, &tokens, "KILL-1").await;
    note(&server, &tokens, &id, "before the kill").await;
    receiver
        .wait_for("a failed attempt", |i| !i.got.is_empty())
        .await;
    server.kill9().await;
    receiver.up.store(true, Ordering::SeqCst);

    // Restarted (twice over on PostgreSQL: two servers on one database).
    let first = Server::start_with_env(&db, &["serve"], &env).await;
    let second = if db.url().starts_with("postgres") {
        Some(Server::start_with_env(&db, &["serve"], &env).await)
    } else {
        None
    };
    let mut tickets = vec![id];
    for n in 0..4 {
        let server = match (&second, n % 2) {
            (Some(second), 1) => second,
            _ => &first,
        };
        let ticket = open(server, &tokens, &format!("TWO-{n}")).await;
        note(server, &tokens, &ticket, "one").await;
        note(server, &tokens, &ticket, "two").await;
        tickets.push(ticket);
    }
    // KILL-1: 2 events; each TWO-n: TicketOpened + 2 notes.
    let expected = 2 + 4 * 3;
    receiver
        .wait_for("every delivery accepted", |i| {
            i.got
                .iter()
                .filter(|g| g.accepted)
                .map(|g| g.id.clone())
                .collect::<HashSet<_>>()
                .len()
                >= expected
        })
        .await;
    let (overlaps, got) = {
        let inbox = receiver.lock();
        (inbox.overlaps.clone(), inbox.got.clone())
    };
    assert!(
        overlaps.is_empty(),
        "one delivery sent twice at once: {overlaps:?}"
    );
    // In order per ticket: the first acceptance of each delivery follows
    // the log's order within its ticket.
    let mut seen: HashMap<&str, Vec<i64>> = HashMap::new();
    let mut accepted_ids = HashSet::new();
    for g in got.iter().filter(|g| g.accepted) {
        if accepted_ids.insert(g.id.clone()) {
            seen.entry(g.ticket_id.as_str())
                .or_default()
                .push(g.position);
        }
    }
    for ticket in &tickets {
        let positions = &seen[ticket.as_str()];
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "{ticket}: {positions:?}"
        );
    }
    assert_eq!(
        seen[tickets[0].as_str()].len(),
        2,
        "the outbox survived the kill"
    );
    if let Some(second) = second {
        assert!(second.terminate().await);
    }
    assert!(first.terminate().await);
}

/// Bodies received, by the path they were sent to.
type Bodies = Arc<Mutex<Vec<(String, Value)>>>;

async fn collect(
    State(bodies): State<Bodies>,
    axum::extract::Path(mode): axum::extract::Path<String>,
    body: Bytes,
) -> StatusCode {
    let text = String::from_utf8_lossy(&body).into_owned();
    assert!(
        !text.contains("$enc:"),
        "a receiver never gets ciphertext: {text}"
    );
    let value: Value = serde_json::from_str(&text).unwrap();
    bodies
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push((mode, value));
    StatusCode::NO_CONTENT
}

async fn each_endpoint_gets_personal_fields_as_configured_and_never_ciphertext(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let bodies: Bodies = Arc::default();
    let app = Router::new()
        .route("/{mode}", post(collect))
        .with_state(bodies.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let server = Server::start(&db, &["serve"]).await;

    let create =
        "mutation($input: CreateWebhookInput!) { createWebhook(input: $input) { personalData } }";
    for (mode, given) in [
        ("omit", None),
        ("mask", Some("MASK")),
        ("full", Some("FULL")),
    ] {
        let mut input = json!({ "url": format!("{base}/{mode}"), "events": ["TicketOpened", "NoteAdded"], "secret": SECRET });
        if let Some(given) = given {
            input["personalData"] = json!(given);
        }
        let created = server
            .ok(&tokens.admin, create, json!({ "input": input }))
            .await;
        assert_eq!(
            created["createWebhook"]["personalData"].as_str(),
            Some(given.unwrap_or("OMIT")),
            "leaving personal data out is the default"
        );
    }
    let id = open(&server, &tokens, "HOOK-P1").await;
    note(&server, &tokens, &id, "买家说杯子裂了").await;
    let received = || bodies.lock().unwrap_or_else(|p| p.into_inner()).clone();
    for _ in 0..300 {
        if received().len() >= 6 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let got = received();
    assert_eq!(got.len(), 6, "{got:?}");
    let body = |mode: &str, event: &str| {
        got.iter()
            .find(|(m, b)| m == mode && b["type"] == event)
            .map(|(_, b)| b.clone())
            .unwrap_or_else(|| panic!("no {event} at {mode}: {got:?}"))
    };
    for mode in ["omit", "mask", "full"] {
        assert_eq!(
            body(mode, "TicketOpened")["personal_data"],
            mode,
            "each delivery says how"
        );
    }
    let omitted = body("omit", "TicketOpened");
    assert_eq!(
        omitted["data"]["ticket_id"],
        id.as_str(),
        "the rest is there"
    );
    for field in [
        "customer",
        "reason_text",
        "customer_phone",
        "customer_address",
    ] {
        assert!(omitted["data"].get(field).is_none(), "{field}: {omitted}");
    }
    assert!(body("omit", "NoteAdded")["data"].get("text").is_none());
    assert_eq!(body("mask", "TicketOpened")["data"]["customer"], "b*");
    assert_eq!(body("mask", "NoteAdded")["data"]["text"], "***");
    assert_eq!(body("full", "TicketOpened")["data"]["customer"], "buyer-42");
    assert_eq!(body("full", "NoteAdded")["data"]["text"], "买家说杯子裂了");
    server.stop().await;
}
