//! PostgreSQL going away under the server: a database that cannot be
//! reached is a retryable UNAVAILABLE (HTTP 503, `Retry-After`), never an
//! authentication verdict; with every connection killed mid-load the
//! server serves again within seconds, loses no acknowledged write and
//! its projections catch up.
//!
//! An open subscription rides the outage out: it reads the log again from
//! its last position, so the subscriber sees a pause, never `INTERNAL`.
//!
//! PostgreSQL only: an embedded SQLite file has no server to lose (its
//! failure modes, a crash mid-write, are in `crash`).

use std::collections::HashMap;
use std::str::FromStr;
use std::time::Duration;

use futures::future::join_all;
use returns_eventstore::testing::{postgres_server_url, TestDatabase};
use serde_json::{json, Value};
use sqlx::postgres::PgConnectOptions;
use sqlx::{ConnectOptions, PgConnection};
use uuid::Uuid;

use crate::support::{cmd, code, mutation, open_ticket, read_log, store, token, Server};

/// A connection to the PostgreSQL server itself (not the test database).
async fn admin() -> Option<PgConnection> {
    let url = postgres_server_url()?;
    Some(
        PgConnectOptions::from_str(&url)
            .unwrap()
            .connect()
            .await
            .unwrap(),
    )
}

/// The test database's name: the last segment of its URL's path.
fn database_name(db: &TestDatabase) -> String {
    let url = db.url();
    let path = url.split('?').next().unwrap();
    path.rsplit('/').next().unwrap().to_owned()
}

/// Closes every connection to `name` (what a PostgreSQL restart does).
async fn kill_connections(admin: &mut PgConnection, name: &str) {
    sqlx::query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = $1 AND pid <> pg_backend_pid()",
    )
    .bind(name)
    .execute(admin)
    .await
    .unwrap();
}

async fn set_connections_allowed(admin: &mut PgConnection, name: &str, allowed: bool) {
    sqlx::query(&format!(
        "ALTER DATABASE {name} ALLOW_CONNECTIONS {allowed}"
    ))
    .execute(admin)
    .await
    .unwrap();
}

const TICKET: &str = "query($id: UUID!) { ticket(id: $id) { version } }";

/// Posts `TICKET` for `id` with `token`; (status, Retry-After, body).
async fn ask(server: &Server, token: &str, id: &str) -> (u16, Option<String>, Value) {
    let response = reqwest::Client::new()
        .post(format!("{}/graphql", server.base))
        .bearer_auth(token)
        .json(&json!({ "query": TICKET, "variables": { "id": id } }))
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_owned());
    (status, retry_after, response.json().await.unwrap())
}

#[tokio::test]
async fn an_unreachable_database_is_unavailable_never_unauthenticated() {
    let (Some(db), Some(mut admin)) = (TestDatabase::postgres().await, admin().await) else {
        return;
    };
    let name = database_name(&db);
    let cs = token(&db, "customer_service", "alice").await;
    let server = Server::start_without_workflows(&db).await;
    let id = open_ticket(&server, &cs, "OUTAGE-1").await;

    set_connections_allowed(&mut admin, &name, false).await;
    kill_connections(&mut admin, &name).await;
    for _ in 0..3 {
        let (status, retry_after, body) = ask(&server, &cs, &id).await;
        assert_eq!(code(&body), Some("UNAVAILABLE"), "{body}");
        assert_eq!(status, 503, "{body}");
        assert!(retry_after.is_some(), "503 without Retry-After");
    }

    // Back: the same token works again, unchanged.
    set_connections_allowed(&mut admin, &name, true).await;
    let mut answered = None;
    for _ in 0..100 {
        let (status, _, body) = ask(&server, &cs, &id).await;
        if status == 200 && body["errors"].is_null() {
            answered = Some(body);
            break;
        }
        assert_ne!(code(&body), Some("UNAUTHENTICATED"), "{body}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let body = answered.expect("the server did not serve again within 10 s");
    assert_eq!(body["data"]["ticket"]["version"], 1);
    server.stop().await;
}

#[tokio::test]
async fn killing_every_connection_mid_load_loses_no_acknowledged_write() {
    const CLIENTS: usize = 4;
    const NOTES: usize = 15;
    let (Some(db), Some(mut admin)) = (TestDatabase::postgres().await, admin().await) else {
        return;
    };
    let name = database_name(&db);
    let cs = token(&db, "customer_service", "alice").await;
    let server = Server::start(&db).await;
    let id = open_ticket(&server, &cs, "OUTAGE-2").await;
    let add_note = mutation("addNote", Some("AddNoteInput"));

    let clients = (0..CLIENTS).map(|client| {
        let (server, cs, add_note, id) = (&server, &cs, &add_note, &id);
        async move {
            let mut acknowledged = Vec::new();
            for n in 0..NOTES {
                let command = cmd();
                let variables = json!({ "id": id, "cmd": command, "input": { "text": format!("{client}-{n}") } });
                if let Some(response) = server.try_gql(Some(cs), add_note, variables).await {
                    if response["errors"].is_null() {
                        acknowledged.push(command);
                    } else {
                        assert_ne!(code(&response), Some("UNAUTHENTICATED"), "{response}");
                    }
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            acknowledged
        }
    });
    let killer = async {
        for _ in 0..5 {
            tokio::time::sleep(Duration::from_millis(150)).await;
            kill_connections(&mut admin, &name).await;
        }
    };
    let (acknowledged, ()) = tokio::join!(join_all(clients), killer);
    let acknowledged: Vec<Uuid> = acknowledged.into_iter().flatten().collect();
    assert!(!acknowledged.is_empty(), "nothing got through at all");

    // Every acknowledged command is in the log exactly once.
    let store = store(&db).await;
    let mut written: HashMap<Uuid, usize> = HashMap::new();
    for event in read_log(&store).await {
        if let Some(id) = event.metadata.command_id {
            *written.entry(id).or_default() += 1;
        }
    }
    for command in &acknowledged {
        assert_eq!(
            written.get(command),
            Some(&1),
            "acknowledged {command} not written once"
        );
    }

    // The server serves again and its read model catches up with the log.
    let version = returns_tickets::load(&store, Uuid::parse_str(&id).unwrap())
        .await
        .unwrap()
        .version;
    let mut caught_up = false;
    for _ in 0..200 {
        if let Some(response) = server
            .try_gql(
                Some(&cs),
                "{ worklist(filter: {search: \"OUTAGE-2\"}) { nodes { version } } }",
                json!(null),
            )
            .await
        {
            if response["data"]["worklist"]["nodes"][0]["version"] == json!(version) {
                caught_up = true;
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(caught_up, "the worklist never reached version {version}");
    server.stop().await;
}

type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A graphql-transport-ws connection to `server`, acknowledged.
async fn subscribe_queue(server: &Server, token: &str) -> Socket {
    use futures::SinkExt;
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    use tokio_tungstenite::tungstenite::Message;
    let url = format!("{}/graphql/ws", server.base.replacen("http", "ws", 1));
    let mut request = url.into_client_request().unwrap();
    request.headers_mut().insert(
        "sec-websocket-protocol",
        "graphql-transport-ws".parse().unwrap(),
    );
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await.unwrap();
    let init = json!({ "type": "connection_init", "payload": { "Authorization": format!("Bearer {token}") } });
    socket.send(Message::text(init.to_string())).await.unwrap();
    assert_eq!(
        next_message(&mut socket, Duration::from_secs(20))
            .await
            .unwrap()["type"],
        "connection_ack"
    );
    let subscribe = json!({ "id": "q", "type": "subscribe", "payload": {
        "query": "subscription { departmentQueue(department: CUSTOMER_SERVICE) { change position ticket { id } } }" } });
    socket
        .send(Message::text(subscribe.to_string()))
        .await
        .unwrap();
    socket
}

/// The next message that is not a ping or pong, if one comes within `wait`.
async fn next_message(socket: &mut Socket, wait: Duration) -> Option<Value> {
    use futures::StreamExt;
    use tokio_tungstenite::tungstenite::Message;
    let deadline = tokio::time::Instant::now() + wait;
    loop {
        let message = tokio::time::timeout_at(deadline, socket.next())
            .await
            .ok()??
            .ok()?;
        if let Message::Text(text) = message {
            let value: Value = serde_json::from_str(&text).unwrap();
            if value["type"] != "ping" && value["type"] != "pong" {
                return Some(value);
            }
        }
    }
}

#[tokio::test]
async fn a_subscription_rides_out_killed_connections_without_internal_errors() {
    let (Some(db), Some(mut admin)) = (TestDatabase::postgres().await, admin().await) else {
        return;
    };
    let name = database_name(&db);
    let cs = token(&db, "customer_service", "alice").await;
    let server = Server::start_without_workflows(&db).await;
    let id = open_ticket(&server, &cs, "OUTAGE-SUB").await;
    let mut socket = subscribe_queue(&server, &cs).await;
    let add_note = mutation("addNote", Some("AddNoteInput"));

    // Notes while every connection of the server is killed, again and again.
    let writer = async {
        let mut written = 0;
        for n in 0..20 {
            let variables =
                json!({ "id": id, "cmd": cmd(), "input": { "text": format!("during {n}") } });
            if let Some(response) = server.try_gql(Some(&cs), &add_note, variables).await {
                if response["errors"].is_null() {
                    written += 1;
                }
            }
            tokio::time::sleep(Duration::from_millis(30)).await;
        }
        written
    };
    let killer = async {
        for _ in 0..5 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            kill_connections(&mut admin, &name).await;
        }
    };
    let reader = async {
        let mut received = Vec::new();
        while let Some(message) = next_message(&mut socket, Duration::from_secs(3)).await {
            received.push(message);
        }
        received
    };
    let (written, (), mut received) = tokio::join!(writer, killer, reader);
    assert!(written > 0, "no note got through at all");

    // After the outage the same subscription still delivers.
    let after = json!({ "id": id, "cmd": cmd(), "input": { "text": "after the outage" } });
    let mut delivered = false;
    for _ in 0..50 {
        if let Some(response) = server.try_gql(Some(&cs), &add_note, after.clone()).await {
            if response["errors"].is_null() {
                delivered = true;
                break;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(delivered, "the server never took a note again");
    let mut seen_after = false;
    while let Some(message) = next_message(&mut socket, Duration::from_secs(20)).await {
        let is_update = message["type"] == "next" && message["payload"]["errors"].is_null();
        received.push(message);
        if is_update {
            seen_after = true;
            break;
        }
    }
    for message in &received {
        let errors = &message["payload"]["errors"];
        assert!(
            !errors.to_string().contains("INTERNAL"),
            "a subscriber was told INTERNAL: {message}"
        );
        assert_ne!(
            message["type"], "error",
            "the subscription failed: {message}"
        );
        assert_ne!(
            message["type"], "complete",
            "the subscription ended: {message}"
        );
    }
    assert!(seen_after, "nothing arrived after the outage: {received:?}");
    server.stop().await;
}
