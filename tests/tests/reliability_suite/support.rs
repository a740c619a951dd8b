//! Starting the real `returns` binary on a fresh database and talking
//! GraphQL to it: the little the reliability scenarios share.
#![allow(dead_code)]

use std::process::Stdio;
use std::time::Duration;

use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{EventStore, RecordedEvent};
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use uuid::Uuid;

pub use returns_tests::binary;

/// Runs `returns <args>` on `db` to completion: (success, stdout, stderr).
pub async fn cli(db: &TestDatabase, args: &[&str]) -> (bool, String, String) {
    returns_tests::run_cli(db.url(), args).await
}

/// A token for `role`, created through the CLI.
pub async fn token(db: &TestDatabase, role: &str, actor: &str) -> String {
    token_with(db, role, actor, &[]).await
}

/// A token for `role` with extra `token create` flags.
pub async fn token_with(db: &TestDatabase, role: &str, actor: &str, extra: &[&str]) -> String {
    let mut args = vec!["token", "create", "--role", role, "--actor", actor];
    args.extend_from_slice(extra);
    let (ok, stdout, stderr) = cli(db, &args).await;
    assert!(ok, "token create failed: {stderr}");
    stdout.trim().to_owned()
}

/// A running server.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    http: reqwest::Client,
}

impl Server {
    /// Starts `returns serve` on `db` on a free port and waits until it listens.
    pub async fn start(db: &TestDatabase) -> Self {
        Self::start_with(db, &[]).await
    }

    /// Starts the server without workflows, so a test drives every step
    /// itself and no automatic refund races its commands.
    pub async fn start_without_workflows(db: &TestDatabase) -> Self {
        Self::start_with(db, &["--no-workflows"]).await
    }

    async fn start_with(db: &TestDatabase, extra: &[&str]) -> Self {
        let mut child = Command::new(binary())
            .arg("--database-url")
            .arg(db.url())
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(extra)
            .env(
                "RETURNS_LOG",
                std::env::var("TEST_LOG").map_or("error", |_| "info"),
            )
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let base = tokio::time::timeout(Duration::from_secs(60), async {
            loop {
                let line = lines
                    .next_line()
                    .await
                    .unwrap()
                    .expect("server exited before listening");
                if let Some(address) = line.strip_prefix("listening on ") {
                    return address.to_owned();
                }
            }
        })
        .await
        .expect("server did not start within 60 s");
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Self {
            child,
            base,
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(30))
                .build()
                .unwrap(),
        }
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id().unwrap()
    }

    /// Posts GraphQL with an optional bearer token; the JSON response, or
    /// `None` when the server did not answer (killed, refused).
    pub async fn try_gql(
        &self,
        token: Option<&str>,
        query: &str,
        variables: Value,
    ) -> Option<Value> {
        let mut request = self
            .http
            .post(format!("{}/graphql", self.base))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.ok()?;
        response.json().await.ok()
    }

    /// Posts GraphQL with `token`; the JSON response.
    pub async fn gql(&self, token: &str, query: &str, variables: Value) -> Value {
        self.try_gql(Some(token), query, variables)
            .await
            .expect("server did not answer")
    }

    /// Like [`Server::gql`] but fails on any error; returns `data`.
    pub async fn ok(&self, token: &str, query: &str, variables: Value) -> Value {
        let response = self.gql(token, query, variables).await;
        assert!(response["errors"].is_null(), "{query}\n→ {response}");
        response["data"].clone()
    }

    /// Posts a raw body; (status, body text), or the transport error (a
    /// server may close the connection on a body it refuses to read).
    pub async fn post_raw(
        &self,
        token: &str,
        body: Vec<u8>,
    ) -> Result<(u16, String), reqwest::Error> {
        // A fresh connection each time: the server may close one it refused.
        let http = reqwest::Client::builder()
            .pool_max_idle_per_host(0)
            .timeout(Duration::from_secs(30))
            .build()?;
        let response = http
            .post(format!("{}/graphql", self.base))
            .bearer_auth(token)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await?;
        let status = response.status().as_u16();
        Ok((status, response.text().await.unwrap_or_default()))
    }

    /// Whether `/healthz` answers 200.
    pub async fn healthy(&self) -> bool {
        matches!(
            self.http.get(format!("{}/healthz", self.base)).send().await,
            Ok(r) if r.status().is_success()
        )
    }

    /// `kill -9`: no shutdown hook runs, in-flight requests die.
    pub async fn kill9(mut self) {
        let status = std::process::Command::new("kill")
            .args(["-KILL", &self.pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let _ = tokio::time::timeout(Duration::from_secs(30), self.child.wait()).await;
    }

    /// SIGTERM and wait for a clean exit.
    pub async fn stop(mut self) {
        let status = std::process::Command::new("kill")
            .args(["-TERM", &self.pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let _ = tokio::time::timeout(Duration::from_secs(30), self.child.wait()).await;
    }
}

/// `kill -9 pid`: no shutdown hook runs, in-flight requests die.
pub fn kill9(pid: u32) {
    let status = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// The `extensions.code` of the first error.
pub fn code(response: &Value) -> Option<&str> {
    response["errors"][0]["extensions"]["code"].as_str()
}

/// The command ids sent in `variables` (its `cmd`), for checking the log.
pub fn command_id_of(variables: &Value) -> Option<Uuid> {
    variables["cmd"]
        .as_str()
        .and_then(|s| Uuid::parse_str(s).ok())
}

/// Fails if any event after `after` was written by one of `commands`.
pub async fn assert_none_written(store: &EventStore, after: i64, commands: &[Uuid]) {
    let mut from = after;
    loop {
        let page = store.read_all(from, 1_000).await.unwrap();
        let Some(last) = page.last() else { return };
        from = last.position;
        for e in &page {
            if let Some(id) = e.metadata.command_id {
                assert!(
                    !commands.contains(&id),
                    "a refused request wrote event {} ({})",
                    e.position,
                    e.event_type
                );
            }
        }
    }
}

/// A fresh command id.
pub fn cmd() -> Uuid {
    Uuid::now_v7()
}

/// `openTicket`.
pub const OPEN: &str = "mutation($cmd: UUID!, $input: OpenTicketInput!) { openTicket(commandId: $cmd, input: $input) { version position ticket { id status } } }";

/// A mutation `name(ticketId, commandId, expectedVersion, input)` returning version and position.
pub fn mutation(name: &str, input_type: Option<&str>) -> String {
    let (decl, arg) = match input_type {
        Some(t) => (format!(", $input: {t}!"), ", input: $input".to_owned()),
        None => (String::new(), String::new()),
    };
    format!(
        "mutation($id: UUID!, $cmd: UUID!, $expected: Int{decl}) {{ {name}(ticketId: $id, commandId: $cmd, expectedVersion: $expected{arg}) {{ version position repeated ticket {{ id status version }} }} }}"
    )
}

/// An `OpenTicketInput` of `kind` with two lines (599.00 + 158.00 CNY).
pub fn open_input(kind: &str, order: &str) -> Value {
    json!({
        "kind": kind,
        "channel": "douyin",
        "platformOrderId": order,
        "platformAfterSaleId": format!("AS-{order}"),
        "customer": "buyer-42",
        // A change of mind: no workflow follows it up, so a scenario's
        // tickets change only through its own requests.
        "reasonCode": "changed_mind",
        "reasonText": "zip broken",
        "currency": "CNY",
        "lines": [
            { "lineId": "L1", "sku": "SKU-JACKET", "name": "Jacket", "qty": 1, "paid": { "amountMinor": 59900, "currency": "CNY" } },
            { "lineId": "L2", "sku": "SKU-TEE", "name": "T-shirt", "qty": 2, "paid": { "amountMinor": 15800, "currency": "CNY" } }
        ]
    })
}

/// Opens a ticket; its id.
pub async fn open_ticket(server: &Server, token: &str, order: &str) -> String {
    let data = server
        .ok(
            token,
            OPEN,
            json!({ "cmd": cmd(), "input": open_input("RETURN_AND_REFUND", order) }),
        )
        .await;
    data["openTicket"]["ticket"]["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// Runs one mutation and fails the test on an error; the mutation's payload.
pub async fn step(
    server: &Server,
    token: &str,
    name: &str,
    input_type: Option<&str>,
    id: &str,
    input: Value,
) -> Value {
    let data = server
        .ok(
            token,
            &mutation(name, input_type),
            json!({ "id": id, "cmd": cmd(), "input": input }),
        )
        .await;
    data[name].clone()
}

/// The whole log, in order.
pub async fn read_log(store: &EventStore) -> Vec<RecordedEvent> {
    let mut out = Vec::new();
    loop {
        let after = out.last().map_or(0, |e: &RecordedEvent| e.position);
        let page = store.read_all(after, 1_000).await.unwrap();
        if page.is_empty() {
            return out;
        }
        out.extend(page);
    }
}

/// Opens the test database from the test process (the server may be running).
pub async fn store(db: &TestDatabase) -> EventStore {
    EventStore::connect(db.url()).await.unwrap()
}
