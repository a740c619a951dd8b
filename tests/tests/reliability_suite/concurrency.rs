//! 32 clients race the same ticket with `expectedVersion`: exactly one wins
//! each version, every loser gets CONFLICT, and the state the API shows is
//! the fold of the log.

use futures::future::join_all;
use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use returns_tickets as ticket;
use serde_json::json;
use uuid::Uuid;

use crate::support::{cmd, code, mutation, open_ticket, read_log_opened, store, token, Server};

contract_tests!(
    racing_clients_with_expected_version_get_one_winner_per_version_and_conflicts,
    concurrent_commands_without_expected_version_all_apply,
);

const CLIENTS: usize = 32;
const ROUNDS: i64 = 3;

async fn racing_clients_with_expected_version_get_one_winner_per_version_and_conflicts(
    db: TestDatabase,
) {
    let cs = token(&db, "customer_service", "alice").await;
    let server = Server::start(&db).await;
    let id = open_ticket(&server, &cs, "RACE-1").await;
    let add_note = mutation("addNote", Some("AddNoteInput"));
    let mut winners = Vec::new();
    for round in 0..ROUNDS {
        let version = 1 + round;
        let attempts = (0..CLIENTS).map(|client| {
            let (server, cs, add_note, id) = (&server, &cs, &add_note, &id);
            async move {
                let text = format!("round {round} client {client}");
                let response = server
                    .gql(
                        cs,
                        add_note,
                        json!({ "id": id, "cmd": cmd(), "expected": version, "input": { "text": text } }),
                    )
                    .await;
                (text, response)
            }
        });
        let results = join_all(attempts).await;
        let mut won = Vec::new();
        for (text, response) in results {
            if response["errors"].is_null() {
                assert_eq!(
                    response["data"]["addNote"]["version"],
                    json!(version + 1),
                    "{response}"
                );
                won.push(text);
            } else {
                assert_eq!(
                    code(&response),
                    Some("CONFLICT"),
                    "a loser must see CONFLICT: {response}"
                );
            }
        }
        assert_eq!(
            won.len(),
            1,
            "round {round}: exactly one client wins version {}: {won:?}",
            version + 1
        );
        winners.extend(won);
    }

    let store = store(&db).await;
    let ticket_id = Uuid::parse_str(&id).unwrap();
    let stream = ticket::stream_id(ticket_id);
    let log: Vec<_> = read_log_opened(&store)
        .await
        .into_iter()
        .filter(|e| e.stream_id == stream)
        .collect();
    assert_eq!(
        log.len() as i64,
        1 + ROUNDS,
        "only the winners were written"
    );
    let texts: Vec<&str> = log
        .iter()
        .skip(1)
        .map(|e| e.payload["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        winners.iter().map(String::as_str).collect::<Vec<_>>()
    );

    let folded = ticket::load(&store, ticket_id).await.unwrap();
    let shown = server
        .ok(
            &cs,
            "query($id: UUID!) { ticket(id: $id) { version status notes { text } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(shown["ticket"]["version"], json!(folded.version));
    assert_eq!(
        shown["ticket"]["notes"].as_array().unwrap().len(),
        folded.state.notes.len()
    );
    let shown_texts: Vec<&str> = shown["ticket"]["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert_eq!(shown_texts, texts, "the API shows the fold of the log");
    server.stop().await;
}

/// Without `expectedVersion` the client asked for the change whatever the
/// version: the server decides again against the new state until it
/// applies, so twenty notes at once all land, each exactly once.
async fn concurrent_commands_without_expected_version_all_apply(db: TestDatabase) {
    const NOTES: usize = 20;
    let cs = token(&db, "customer_service", "alice").await;
    let server = Server::start_without_workflows(&db).await;
    let id = open_ticket(&server, &cs, "RACE-ANY").await;
    let add_note = mutation("addNote", Some("AddNoteInput"));
    let attempts = (0..NOTES).map(|n| {
        let (server, cs, add_note, id) = (&server, &cs, &add_note, &id);
        async move {
            server
                .gql(
                    cs,
                    add_note,
                    json!({ "id": id, "cmd": cmd(), "input": { "text": format!("note {n}") } }),
                )
                .await
        }
    });
    let responses = join_all(attempts).await;
    for response in &responses {
        assert!(
            response["errors"].is_null(),
            "without a version no CONFLICT: {response}"
        );
    }
    let mut versions: Vec<i64> = responses
        .iter()
        .map(|r| r["data"]["addNote"]["version"].as_i64().unwrap())
        .collect();
    versions.sort_unstable();
    let expected: Vec<i64> = (2..=1 + NOTES as i64).collect();
    assert_eq!(versions, expected, "each note its own version");

    let store = store(&db).await;
    let folded = ticket::load(&store, Uuid::parse_str(&id).unwrap())
        .await
        .unwrap();
    assert_eq!(folded.state.notes.len(), NOTES);

    // An explicit, stale version is still the client's own check: CONFLICT.
    let stale = server
        .gql(
            &cs,
            &add_note,
            json!({ "id": id, "cmd": cmd(), "expected": 1, "input": { "text": "stale" } }),
        )
        .await;
    assert_eq!(code(&stale), Some("CONFLICT"), "{stale}");
    server.stop().await;
}
