//! `kill -9` in the middle of concurrent mutations, then a restart: every
//! mutation that got a success response is in the log exactly once, nothing
//! is written twice, no refund is issued twice, the chain verifies, and the
//! projections, once caught up, equal a clean rebuild row for row.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use returns_eventstore::contract_tests;
use returns_eventstore::testing::TestDatabase;
use returns_projections::inspect::dump_projection;
use returns_projections::{rebuild, registry, wait_for, ProjectionRunner};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::support::{
    cmd, code, kill9, mutation, open_input, read_log, store, token, Server, OPEN,
};

contract_tests!(acknowledged_mutations_survive_kill_9_exactly_once_and_projections_match_a_rebuild);

const CLIENTS: usize = 6;
/// The load runs this long before the kill; the test stays in seconds.
const LOAD: Duration = Duration::from_millis(1_500);

/// One acknowledged mutation: its command id, ticket and the position the server reported.
#[derive(Debug, Clone)]
struct Ack {
    command_id: Uuid,
    ticket: String,
    position: i64,
    token: String,
    query: String,
    variables: Value,
}

/// Drives one ticket along the main line to an issued refund, then adds
/// notes until the server dies; records every acknowledged mutation.
async fn client(
    server: Arc<Server>,
    tokens: Arc<[String; 3]>,
    n: usize,
    acks: Arc<Mutex<Vec<Ack>>>,
) {
    let [cs, wh, fi] = &*tokens;
    let record = |token: &str,
                  ticket: &str,
                  command_id: Uuid,
                  query: &str,
                  variables: &Value,
                  response: &Value,
                  field: &str| {
        if response["errors"].is_null() {
            if let Some(position) = response["data"][field]["position"].as_i64() {
                acks.lock().unwrap().push(Ack {
                    command_id,
                    ticket: ticket.to_owned(),
                    position,
                    token: token.to_owned(),
                    query: query.to_owned(),
                    variables: variables.clone(),
                });
                return true;
            }
        }
        false
    };
    let open_cmd = cmd();
    let vars =
        json!({ "cmd": open_cmd, "input": open_input("RETURN_AND_REFUND", &format!("CRASH-{n}")) });
    let Some(response) = server.try_gql(Some(cs), OPEN, vars.clone()).await else {
        return;
    };
    let Some(id) = response["data"]["openTicket"]["ticket"]["id"]
        .as_str()
        .map(str::to_owned)
    else {
        return;
    };
    record(cs, &id, open_cmd, OPEN, &vars, &response, "openTicket");
    let refund_id = Uuid::now_v7();
    let steps: Vec<(&String, &str, Option<&str>, Value)> = vec![
        (
            cs,
            "approveApplication",
            Some("ApproveApplicationInput"),
            json!({ "returnAddress": { "recipient": "Returns desk", "phone": "021-1", "address": "Jiading, Shanghai" } }),
        ),
        (
            cs,
            "registerReturnShipment",
            Some("ShipmentInput"),
            json!({ "carrier": "SF", "trackingNumber": format!("SF{n}") }),
        ),
        (
            wh,
            "receiveReturn",
            Some("ReceiveReturnInput"),
            json!({ "lines": [{ "lineId": "L1", "qty": 1 }, { "lineId": "L2", "qty": 2 }], "packageCondition": "INTACT" }),
        ),
        (
            wh,
            "recordInspection",
            Some("RecordInspectionInput"),
            json!({ "lineId": "L1", "qtyInspected": 1, "qtyAccepted": 1,
            "grade": "NEW", "verdict": "PASS", "deduction": { "amountMinor": 0, "currency": "CNY" } }),
        ),
        (
            wh,
            "recordInspection",
            Some("RecordInspectionInput"),
            json!({ "lineId": "L2", "qtyInspected": 2, "qtyAccepted": 2,
            "grade": "NEW", "verdict": "PASS", "deduction": { "amountMinor": 0, "currency": "CNY" } }),
        ),
        (wh, "completeInspection", None, Value::Null),
    ];
    for (token, name, input_type, input) in steps {
        let query = mutation(name, input_type);
        let command_id = cmd();
        let vars = json!({ "id": id, "cmd": command_id, "input": input });
        let Some(response) = server.try_gql(Some(token), &query, vars.clone()).await else {
            return;
        };
        if !record(token, &id, command_id, &query, &vars, &response, name) {
            // The server answered with an error: only a dying server may.
            assert!(response["errors"].is_array(), "{response}");
            return;
        }
    }
    // The refund: ours, or the one a workflow requested when the inspection passed.
    let query = mutation("requestRefund", Some("RequestRefundInput"));
    let command_id = cmd();
    let vars = json!({ "id": id, "cmd": command_id, "input": { "refundId": refund_id, "amount": { "amountMinor": 75700, "currency": "CNY" } } });
    let Some(response) = server.try_gql(Some(fi), &query, vars.clone()).await else {
        return;
    };
    let refund_id = if record(
        fi,
        &id,
        command_id,
        &query,
        &vars,
        &response,
        "requestRefund",
    ) {
        refund_id.to_string()
    } else {
        let Some(shown) = server
            .try_gql(
                Some(fi),
                "query($id: UUID!) { ticket(id: $id) { refunds { refundId } } }",
                json!({ "id": id }),
            )
            .await
        else {
            return;
        };
        match shown["data"]["ticket"]["refunds"][0]["refundId"].as_str() {
            Some(existing) => existing.to_owned(),
            None => return,
        }
    };
    // Approve and issue; a workflow may have done either first (then the
    // command is refused, which is fine). The second payout must be refused.
    for (attempt, name, input) in [
        (0, "approveRefund", json!({ "refundId": refund_id })),
        (
            1,
            "issueRefund",
            json!({ "refundId": refund_id, "gatewayReference": format!("PAY-{n}") }),
        ),
        (
            2,
            "issueRefund",
            json!({ "refundId": refund_id, "gatewayReference": format!("PAY-{n}-again") }),
        ),
    ] {
        let input_type = if name == "approveRefund" {
            "ApproveRefundInput"
        } else {
            "IssueRefundInput"
        };
        let query = mutation(name, Some(input_type));
        let command_id = cmd();
        let vars = json!({ "id": id, "cmd": command_id, "input": input });
        let Some(response) = server.try_gql(Some(fi), &query, vars.clone()).await else {
            return;
        };
        let acked = record(fi, &id, command_id, &query, &vars, &response, name);
        if attempt == 2 {
            assert!(!acked, "a refund was issued twice: {response}");
            assert_eq!(code(&response), Some("INVALID_TRANSITION"), "{response}");
        } else if !acked {
            assert!(response["errors"].is_array(), "{response}");
        }
    }
    let note = mutation("addNote", Some("AddNoteInput"));
    for k in 0.. {
        let command_id = cmd();
        let vars = json!({ "id": id, "cmd": command_id, "input": { "text": format!("note {k}") } });
        let Some(response) = server.try_gql(Some(cs), &note, vars.clone()).await else {
            return;
        };
        if !record(cs, &id, command_id, &note, &vars, &response, "addNote") {
            return;
        }
    }
}

type Dump = BTreeMap<String, BTreeMap<String, Vec<String>>>;

async fn dump_all(store: &returns_eventstore::EventStore) -> Dump {
    let mut out = BTreeMap::new();
    for projection in registry::current() {
        out.insert(
            projection.name().to_owned(),
            dump_projection(store, projection.as_ref()).await.unwrap(),
        );
    }
    out
}

async fn acknowledged_mutations_survive_kill_9_exactly_once_and_projections_match_a_rebuild(
    db: TestDatabase,
) {
    let tokens: Arc<[String; 3]> = Arc::new([
        token(&db, "customer_service", "alice").await,
        token(&db, "warehouse", "wang").await,
        token(&db, "finance", "fei").await,
    ]);
    let server = Arc::new(Server::start(&db).await);
    let acks = Arc::new(Mutex::new(Vec::new()));
    let tasks: Vec<_> = (0..CLIENTS)
        .map(|n| tokio::spawn(client(server.clone(), tokens.clone(), n, acks.clone())))
        .collect();
    let started = Instant::now();
    tokio::time::sleep(LOAD).await;
    // The clients still hold the server, so it dies by pid, mid-request.
    kill9(server.pid());
    for t in tasks {
        t.await.unwrap();
    }
    drop(server);
    let acks = acks.lock().unwrap().clone();
    assert!(
        acks.len() >= CLIENTS,
        "the load should get some mutations through in {:?}: {}",
        started.elapsed(),
        acks.len()
    );

    let restarted = Server::start(&db).await;
    let store = store(&db).await;
    let log = read_log(&store).await;
    let mut by_command: HashMap<Uuid, Vec<i64>> = HashMap::new();
    for e in &log {
        if let Some(id) = e.metadata.command_id {
            by_command.entry(id).or_default().push(e.position);
        }
    }
    for ack in &acks {
        let positions = by_command.get(&ack.command_id).unwrap_or_else(|| {
            panic!(
                "acknowledged {} on {} is missing from the log",
                ack.command_id, ack.ticket
            )
        });
        assert_eq!(
            positions.last(),
            Some(&ack.position),
            "acknowledged position {ack:?}"
        );
    }
    for (id, positions) in &by_command {
        let (first, last) = (positions[0], positions[positions.len() - 1]);
        assert_eq!(
            last - first + 1,
            positions.len() as i64,
            "command {id} written twice: {positions:?}"
        );
    }
    let mut issued: HashMap<String, usize> = HashMap::new();
    for e in log.iter().filter(|e| e.event_type == "RefundIssued") {
        *issued
            .entry(e.payload["refund_id"].to_string())
            .or_default() += 1;
    }
    assert!(
        issued.values().all(|&n| n == 1),
        "a refund was issued twice: {issued:?}"
    );

    // Retrying an acknowledged mutation after the crash writes nothing new.
    let last = acks.last().unwrap();
    let retried = restarted
        .gql(&last.token, &last.query, last.variables.clone())
        .await;
    if retried["errors"].is_null() {
        let payload = retried["data"]
            .as_object()
            .unwrap()
            .values()
            .next()
            .unwrap();
        assert_eq!(payload["position"], json!(last.position), "{retried}");
    }
    let again = read_log(&store).await;
    let written: Vec<i64> = again
        .iter()
        .filter(|e| e.metadata.command_id == Some(last.command_id))
        .map(|e| e.position)
        .collect();
    assert_eq!(
        Some(&written),
        by_command.get(&last.command_id),
        "a retry wrote again"
    );

    let report = store.verify_all().await.unwrap();
    assert!(
        report.is_intact(),
        "the chain verifies after the crash: {report:?}"
    );

    // The projections continue from the checkpoints the killed server left
    // (the restarted one, then a runner here once it stops) to the head;
    // the result must equal a clean rebuild row for row.
    restarted.stop().await;
    returns_projections::migrate(&store).await.unwrap();
    let runner = ProjectionRunner::spawn(
        &returns_tickets::Tickets::plaintext(store.clone()),
        registry::current(),
    );
    let head = store.head_position().await.unwrap();
    wait_for(&store, head, Duration::from_secs(30))
        .await
        .unwrap();
    runner.stop().await;
    let live = dump_all(&store).await;
    rebuild(&store, "all", |_, _| {}).await.unwrap();
    let rebuilt = dump_all(&store).await;
    assert_eq!(
        live.keys().collect::<Vec<_>>(),
        rebuilt.keys().collect::<Vec<_>>()
    );
    for (name, tables) in &live {
        for (table, rows) in tables {
            assert_eq!(
                rows, &rebuilt[name][table],
                "{name}/{table}: live rows differ from a clean rebuild"
            );
        }
    }
}
