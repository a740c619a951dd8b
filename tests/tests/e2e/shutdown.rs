//! Graceful shutdown on SIGTERM: every acknowledged command is in the log
//! after a restart, and the log is sealed on the way out.

use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use serde_json::json;

use crate::helpers::{cmd, mutation, open_input, Server, Tokens, OPEN};

contract_tests!(sigterm_loses_no_acknowledged_command);

async fn sigterm_loses_no_acknowledged_command(db: TestDatabase) {
    let tokens = Tokens::create(&db).await;
    let server = Server::start(&db, &["serve"]).await;
    let cs = tokens.customer_service.clone();
    let opened = server
        .ok(
            &cs,
            OPEN,
            json!({ "cmd": cmd(), "input": open_input("REFUND_ONLY", "DY-77") }),
        )
        .await;
    let id = opened["openTicket"]["ticket"]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    // Notes in flight while SIGTERM arrives.
    let note = mutation("addNote", Some("AddNoteInput"));
    let client = reqwest::Client::new();
    let mut in_flight = Vec::new();
    for i in 0..40 {
        let request = client
            .post(format!("{}/graphql", server.base))
            .bearer_auth(&cs)
            .json(&json!({ "query": note, "variables": { "id": id, "cmd": cmd(), "input": { "text": format!("note {i}") } } }));
        in_flight.push(tokio::spawn(async move {
            let response = request.send().await.ok()?;
            let body: serde_json::Value = response.json().await.ok()?;
            body["data"]["addNote"]["position"].as_i64()
        }));
    }
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    assert!(server.terminate().await, "the server did not exit cleanly");
    let mut acknowledged = Vec::new();
    for task in in_flight {
        if let Some(position) = task.await.unwrap() {
            acknowledged.push(position);
        }
    }

    let server = Server::start(&db, &["serve"]).await;
    let history = server
        .ok(&tokens.auditor, "query($id: UUID!) { ticketHistory(id: $id) { position eventType } seals { headPosition } }", json!({ "id": id }))
        .await;
    let stored: Vec<i64> = history["ticketHistory"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["position"].as_i64().unwrap())
        .collect();
    for position in &acknowledged {
        assert!(
            stored.contains(position),
            "acknowledged position {position} is missing after restart"
        );
    }
    // The shutdown sealed the log as it was.
    let seals = history["seals"].as_array().unwrap();
    assert!(!seals.is_empty(), "no seal recorded at shutdown");
    assert_eq!(
        seals.last().unwrap()["headPosition"].as_i64(),
        stored.iter().max().copied()
    );
    eprintln!(
        "{} of 40 notes acknowledged before shutdown; all stored",
        acknowledged.len()
    );
    assert!(server.terminate().await);
}
