//! Starting the real `returns` binary on a fresh database and talking
//! GraphQL to it: the little the reliability scenarios share.
#![allow(dead_code)]

use std::ops::Deref;

use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{EventStore, RecordedEvent};
use serde_json::{json, Value};
use uuid::Uuid;

pub use returns_tests::kill9;
// Kept for scenarios that run the executable themselves.
#[allow(unused_imports, reason = "a helper name scenarios may use")]
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
    returns_tests::create_token(db, role, actor, extra).await
}

/// A running `returns serve` (the shared [`returns_tests::Server`], whose
/// methods it offers), started the way these scenarios need it.
pub struct Server(returns_tests::Server);

impl Deref for Server {
    type Target = returns_tests::Server;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
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

    /// Starts `returns serve <extra>` on `db`; only errors are logged.
    pub async fn start_with(db: &TestDatabase, extra: &[&str]) -> Self {
        let mut args = vec!["serve"];
        args.extend_from_slice(extra);
        let log = [("RETURNS_LOG", returns_tests::log_filter("error"))];
        Self(returns_tests::Server::start_with_env(db, &args, &log).await)
    }

    /// The shared server, for what takes it by value (`shut_down`, `terminate`).
    pub fn into_inner(self) -> returns_tests::Server {
        self.0
    }

    /// `kill -9`: no shutdown hook runs, in-flight requests die.
    pub async fn kill9(self) {
        self.0.kill9().await
    }

    /// SIGTERM and wait for a clean exit.
    pub async fn stop(self) {
        self.0.stop().await
    }
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

/// The whole log with personal fields opened under the key every test
/// server uses (they are stored encrypted).
pub async fn read_log_opened(store: &EventStore) -> Vec<RecordedEvent> {
    use returns_tickets::privacy::{Access, MasterKey};
    use returns_tickets::{TicketSettings, Tickets};
    let key = MasterKey::parse(returns_tests::TEST_MASTER_KEY).unwrap();
    let tickets = Tickets::open(store.clone(), key, TicketSettings::default())
        .await
        .unwrap();
    let keys = tickets.keys().unwrap();
    let mut log = read_log(store).await;
    for event in &mut log {
        keys.open_value(&mut event.payload, Access::Full)
            .await
            .unwrap();
    }
    log
}
