//! Starting the real binary and talking GraphQL to it.

use std::process::Stdio;
use std::time::Duration;

use returns_eventstore::testing::TestDatabase;
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use uuid::Uuid;

pub use returns_tests::binary;

/// Runs the binary to completion with `args` against `db`; (success, stdout, stderr).
pub async fn run_cli(db: &TestDatabase, args: &[&str]) -> (bool, String, String) {
    returns_tests::run_cli(db.url(), args).await
}

/// Creates a token through the CLI.
pub async fn create_token(db: &TestDatabase, role: &str, actor: &str) -> String {
    let (ok, stdout, stderr) =
        run_cli(db, &["token", "create", "--role", role, "--actor", actor]).await;
    assert!(ok, "token create failed: {stderr}");
    stdout.trim().to_owned()
}

/// A running server process.
pub struct Server {
    pub child: Child,
    pub base: String,
    pub stdout_lines: Vec<String>,
    http: reqwest::Client,
}

/// The tokens of the five roles.
pub struct Tokens {
    pub customer_service: String,
    pub warehouse: String,
    pub finance: String,
    pub auditor: String,
    pub admin: String,
}

impl Tokens {
    pub async fn create(db: &TestDatabase) -> Self {
        Self {
            customer_service: create_token(db, "customer_service", "alice").await,
            warehouse: create_token(db, "warehouse", "wang").await,
            finance: create_token(db, "finance", "fei").await,
            auditor: create_token(db, "auditor", "audrey").await,
            admin: create_token(db, "admin", "root").await,
        }
    }
}

impl Server {
    /// Starts `returns <args> --listen 127.0.0.1:0` on `db` and waits for its address.
    pub async fn start(db: &TestDatabase, args: &[&str]) -> Self {
        let mut child = Command::new(binary())
            .arg("--database-url")
            .arg(db.url())
            .args(args)
            .args(["--listen", "127.0.0.1:0"])
            .env(
                "RETURNS_LOG",
                std::env::var("TEST_LOG").map_or("warn", |_| "info"),
            )
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let mut stdout_lines = Vec::new();
        let base = tokio::time::timeout(Duration::from_secs(60), async {
            loop {
                let line = lines
                    .next_line()
                    .await
                    .unwrap()
                    .expect("server exited before listening");
                stdout_lines.push(line.clone());
                if let Some(address) = line.strip_prefix("listening on ") {
                    return address.to_owned();
                }
            }
        })
        .await
        .expect("server did not start within 60 s");
        // Keep draining stdout so the server never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Self {
            child,
            base,
            stdout_lines,
            http: reqwest::Client::new(),
        }
    }

    /// Posts a GraphQL request with `token`; returns the JSON response.
    pub async fn gql(&self, token: &str, query: &str, variables: Value) -> Value {
        self.http
            .post(format!("{}/graphql", self.base))
            .bearer_auth(token)
            .json(&json!({ "query": query, "variables": variables }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// Like [`Server::gql`], but fails the test on any error; returns `data`.
    pub async fn ok(&self, token: &str, query: &str, variables: Value) -> Value {
        let response = self.gql(token, query, variables).await;
        assert!(response["errors"].is_null(), "{query}\n→ {response}");
        response["data"].clone()
    }

    /// GETs a path; (status, body).
    pub async fn get(&self, path: &str) -> (u16, String) {
        let response = self
            .http
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap();
        (response.status().as_u16(), response.text().await.unwrap())
    }

    /// Sends SIGTERM and waits for the process to exit; true on a clean exit.
    pub async fn terminate(mut self) -> bool {
        let pid = self.child.id().unwrap();
        let status = std::process::Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let exit = tokio::time::timeout(Duration::from_secs(30), self.child.wait())
            .await
            .expect("server did not stop within 30 s after SIGTERM")
            .unwrap();
        exit.success()
    }
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

/// Whether `wanted` appears in `seen` in order (other items may come between).
pub fn in_order(seen: &[&str], wanted: &[&str]) -> bool {
    let mut rest = seen.iter();
    wanted.iter().all(|w| rest.any(|s| s == w))
}
