//! Subscriptions over WebSocket (graphql-transport-ws): a ticket's events
//! and a department's queue arrive as they happen.

use std::time::Duration;

use futures::{SinkExt, StreamExt};
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use serde_json::{json, Value};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message;

use crate::helpers::{cmd, open_input, step, Server, Tokens, OPEN};

contract_tests!(ticket_events_and_the_warehouse_queue_are_pushed_over_websocket);

pub(crate) type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

pub(crate) async fn connect(server: &Server, token: &str) -> Socket {
    let url = format!("{}/graphql/ws", server.base.replacen("http", "ws", 1));
    let mut request = url.into_client_request().unwrap();
    request.headers_mut().insert(
        "sec-websocket-protocol",
        "graphql-transport-ws".parse().unwrap(),
    );
    let (mut socket, _) = tokio_tungstenite::connect_async(request).await.unwrap();
    let init = json!({ "type": "connection_init", "payload": { "Authorization": format!("Bearer {token}") } });
    socket.send(Message::text(init.to_string())).await.unwrap();
    assert_eq!(receive(&mut socket).await["type"], "connection_ack");
    socket
}

pub(crate) async fn receive(socket: &mut Socket) -> Value {
    loop {
        let message = tokio::time::timeout(Duration::from_secs(20), socket.next())
            .await
            .expect("nothing pushed within 20 s")
            .unwrap()
            .unwrap();
        if let Message::Text(text) = message {
            let value: Value = serde_json::from_str(&text).unwrap();
            if value["type"] != "ping" && value["type"] != "pong" {
                return value;
            }
        }
    }
}

pub(crate) async fn subscribe(socket: &mut Socket, id: &str, query: &str, variables: Value) {
    let message = json!({ "id": id, "type": "subscribe", "payload": { "query": query, "variables": variables } });
    socket
        .send(Message::text(message.to_string()))
        .await
        .unwrap();
}

async fn ticket_events_and_the_warehouse_queue_are_pushed_over_websocket(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let server = Server::start(&db, &["serve"]).await;
    let cs = &tokens.customer_service;
    let opened = server
        .ok(
            cs,
            OPEN,
            json!({ "cmd": cmd(), "input": open_input("RETURN_AND_REFUND", "TB-9") }),
        )
        .await;
    let id = opened["openTicket"]["ticket"]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let mut events = connect(&server, cs).await;
    subscribe(&mut events, "t", "subscription($id: UUID!) { ticketEvents(ticketId: $id, afterVersion: 0) { version eventType actor } }", json!({ "id": id })).await;
    let mut queue = connect(&server, &tokens.warehouse).await;
    // From the opening on, so no change can slip past before the subscription starts.
    subscribe(&mut queue, "q", "subscription($after: Int!) { departmentQueue(department: WAREHOUSE, afterPosition: $after) { change eventType ticket { id status returnShipment { trackingNumber } } } }", json!({ "after": opened["openTicket"]["position"] })).await;

    // The backlog first: the opening event.
    let first = receive(&mut events).await;
    assert_eq!(first["type"], "next", "{first}");
    assert_eq!(
        first["payload"]["data"]["ticketEvents"]["eventType"],
        "TicketOpened"
    );

    step(
        &server,
        cs,
        "approveApplication",
        Some("ApproveApplicationInput"),
        &id,
        json!({ "returnAddress": { "recipient": "R", "phone": "1", "address": "A" } }),
    )
    .await;
    step(
        &server,
        cs,
        "registerReturnShipment",
        Some("ShipmentInput"),
        &id,
        json!({ "carrier": "SF", "trackingNumber": "SF-WS-1" }),
    )
    .await;

    let approved = receive(&mut events).await;
    assert_eq!(
        approved["payload"]["data"]["ticketEvents"]["eventType"],
        "ApplicationApproved"
    );
    assert_eq!(
        approved["payload"]["data"]["ticketEvents"]["actor"],
        "alice"
    );
    let registered = receive(&mut events).await;
    assert_eq!(registered["payload"]["data"]["ticketEvents"]["version"], 3);

    // The parcel now waits for the warehouse: it enters their queue.
    let entered = receive(&mut queue).await;
    let change = &entered["payload"]["data"]["departmentQueue"];
    assert_eq!(change["change"], "ENTERED", "{entered}");
    assert_eq!(change["eventType"], "ReturnShipmentRegistered");
    assert_eq!(
        change["ticket"]["returnShipment"]["trackingNumber"],
        "SF-WS-1"
    );

    // A forbidden subscription is refused with FORBIDDEN.
    let mut finance = connect(&server, &tokens.finance).await;
    subscribe(
        &mut finance,
        "f",
        "subscription { departmentQueue(department: WAREHOUSE) { position } }",
        json!({}),
    )
    .await;
    let refused = receive(&mut finance).await;
    // async-graphql reports a resolver's refusal as a `next` carrying errors.
    assert_eq!(refused["type"], "next", "{refused}");
    assert!(refused["payload"]["data"].is_null(), "{refused}");
    assert_eq!(
        refused["payload"]["errors"][0]["extensions"]["code"],
        "FORBIDDEN"
    );

    let (_, metrics) = server.get("/metrics").await;
    assert!(
        metrics.contains("returns_websocket_connections_total 3"),
        "{metrics}"
    );
    // Shutting down ends the subscriptions and the process cleanly.
    assert!(server.terminate().await);
}
