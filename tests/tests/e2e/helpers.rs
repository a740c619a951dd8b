//! Starting the real binary and talking GraphQL to it.

use std::time::Duration;

use returns_eventstore::testing::TestDatabase;
use serde_json::{json, Value};
use uuid::Uuid;

pub use returns_tests::{Server, Tokens};
// Kept for scenarios that run the executable themselves.
#[allow(unused_imports, reason = "a helper name scenarios may use")]
pub use returns_tests::binary;

/// Runs the binary to completion with `args` against `db`; (success, stdout, stderr).
pub async fn run_cli(db: &TestDatabase, args: &[&str]) -> (bool, String, String) {
    returns_tests::run_cli(db.url(), args).await
}

/// Creates a token through the CLI.
pub async fn create_token(db: &TestDatabase, role: &str, actor: &str) -> String {
    returns_tests::create_token(db, role, actor, &[]).await
}

/// The value of the sample `series` (name and labels, as exposed) in the
/// `/metrics` text `metrics`.
pub fn metric(metrics: &str, series: &str) -> Option<f64> {
    metrics.lines().find_map(|l| {
        l.strip_prefix(series)?
            .strip_prefix(' ')?
            .trim()
            .parse()
            .ok()
    })
}

/// The `extensions.code` of the first error.
pub fn code(response: &Value) -> Option<&str> {
    response["errors"][0]["extensions"]["code"].as_str()
}

pub fn cmd() -> Uuid {
    Uuid::now_v7()
}

pub const TICKET_FIELDS: &str = "id version status kind channel customer refundable { amountMinor currency } refunded { amountMinor currency }
  lines { lineId qtyApplied qtyReceived refundableMinor inspection { grade verdict qtyAccepted deduction { amountMinor } } }
  refunds { refundId status amount { amountMinor } gatewayReference }
  returnShipment { carrier trackingNumber } replacementShipment { trackingNumber } resolution inspectionOutcome
  nextActions { command roles }";

/// The mutation `name` with the usual arguments and `input` (or none).
pub fn mutation(name: &str, input_type: Option<&str>) -> String {
    let (decl, arg) = match input_type {
        Some(t) => (format!(", $input: {t}!"), ", input: $input".to_owned()),
        None => (String::new(), String::new()),
    };
    format!(
        "mutation($id: UUID!, $cmd: UUID!{decl}) {{ {name}(ticketId: $id, commandId: $cmd{arg}) {{ version position ticket {{ {TICKET_FIELDS} }} }} }}"
    )
}

pub const OPEN: &str = "mutation($cmd: UUID!, $input: OpenTicketInput!) { openTicket(commandId: $cmd, input: $input) { version position ticket { id status kind } } }";

pub fn open_input(kind: &str, order: &str) -> Value {
    json!({
        "kind": kind,
        "channel": "douyin",
        "platformOrderId": order,
        "platformAfterSaleId": format!("AS-{order}"),
        "customer": "buyer-42",
        "reasonCode": "quality_issue",
        "reasonText": "zip broken",
        "currency": "CNY",
        "lines": [
            { "lineId": "L1", "sku": "SKU-JACKET", "name": "Jacket", "qty": 1, "paid": { "amountMinor": 59900, "currency": "CNY" } },
            { "lineId": "L2", "sku": "SKU-TEE", "name": "T-shirt", "qty": 2, "paid": { "amountMinor": 15800, "currency": "CNY" } }
        ]
    })
}

/// Runs one step: `mutation` by `token` on `ticket`, returning the payload.
pub async fn step(
    server: &Server,
    token: &str,
    name: &str,
    input_type: Option<&str>,
    ticket: &str,
    input: Value,
) -> Value {
    let data = server
        .ok(
            token,
            &mutation(name, input_type),
            json!({ "id": ticket, "cmd": cmd(), "input": input }),
        )
        .await;
    data[name].clone()
}

/// Polls `ticket(id)` with `token` until `done` holds (workflows act in the
/// background); returns the ticket.
pub async fn wait_for_ticket(
    server: &Server,
    token: &str,
    id: &str,
    done: impl Fn(&Value) -> bool,
) -> Value {
    let query = format!("query($id: UUID!) {{ ticket(id: $id) {{ {TICKET_FIELDS} }} }}");
    let mut last = Value::Null;
    for _ in 0..200 {
        let data = server.ok(token, &query, json!({ "id": id })).await;
        if done(&data["ticket"]) {
            return data["ticket"].clone();
        }
        last = data["ticket"].clone();
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("ticket {id} did not reach the expected state within 20 s; it is {last}");
}

/// Polls a query until `done` holds on its data (read models and workflows
/// run in the background); returns the data.
pub async fn wait_for_data(
    server: &Server,
    token: &str,
    query: &str,
    variables: Value,
    done: impl Fn(&Value) -> bool,
) -> Value {
    for _ in 0..200 {
        let data = server.ok(token, query, variables.clone()).await;
        if done(&data) {
            return data;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{query} did not show the expected data within 20 s");
}

/// The event types of `id`'s history, oldest first, as `token` reads them.
pub async fn event_types(server: &Server, token: &str, id: &str) -> Vec<String> {
    let data = server
        .ok(
            token,
            "query($id: UUID!) { ticketHistory(id: $id) { eventType } }",
            json!({ "id": id }),
        )
        .await;
    data["ticketHistory"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["eventType"].as_str().unwrap().to_owned())
        .collect()
}

/// Whether `wanted` appears in `seen` in order (other items may come between).
pub fn in_order(seen: &[&str], wanted: &[&str]) -> bool {
    let mut rest = seen.iter();
    wanted.iter().all(|w| rest.any(|s| s == w))
}
