//! Tampering is detected: a row altered in the database (after dropping the
//! immutability trigger) and newest events deleted (caught by the seals),
//! through GraphQL and through `returns verify`.

use returns_domain::Role;
use returns_eventstore::contract_tests;
use returns_eventstore::db::{Dialect, Statement};
use returns_eventstore::testing::TestDatabase;
use serde_json::json;
use uuid::Uuid;

use crate::helpers::TestApp;

contract_tests!(
    an_altered_event_is_named_by_verify,
    deleted_newest_events_are_caught_by_the_seals,
);

const APPROVE: &str = "mutation($id: UUID!, $cmd: UUID!) {
  approveApplication(ticketId: $id, commandId: $cmd, input: {returnAddress: {recipient: \"R\", phone: \"1\", address: \"A\"}}) { version }
}";

async fn sql(app: &TestApp, sqlite: &str, postgres: &str) {
    let db = app.state.store.db();
    let script = match db.dialect() {
        Dialect::Sqlite => sqlite,
        Dialect::Postgres => postgres,
    };
    for statement in script.split(';').filter(|s| !s.trim().is_empty()) {
        db.execute(&Statement::new(statement, Vec::new()))
            .await
            .unwrap();
    }
}

fn verify_cli(app: &TestApp, args: &[&str]) -> (bool, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_returns"))
        .arg("--database-url")
        .arg(app.db.url())
        .arg("verify")
        .args(args)
        .output()
        .unwrap();
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

async fn an_altered_event_is_named_by_verify(db: TestDatabase) {
    let app = TestApp::new(db).await;
    let id = app.open_ticket().await;
    let approved = app
        .run_as(
            Some(Role::CustomerService),
            APPROVE,
            json!({ "id": id, "cmd": Uuid::now_v7() }),
        )
        .await;
    assert_eq!(
        approved["data"]["approveApplication"]["version"], 2,
        "{approved}"
    );
    let verify = "query($id: UUID!) { verifyTicket(id: $id) { intact eventsChecked firstBreak { version position reason } } }";
    let before = app
        .run_as(Some(Role::Auditor), verify, json!({ "id": id }))
        .await;
    assert_eq!(before["data"]["verifyTicket"]["intact"], true, "{before}");

    let stream = format!("ticket-{id}");
    sql(
        &app,
        &format!("DROP TRIGGER events_no_update; UPDATE events SET payload = replace(payload, '29900', '99900') WHERE stream_id = '{stream}' AND stream_version = 1"),
        &format!("DROP TRIGGER events_immutable ON events; UPDATE events SET payload = jsonb_set(payload, '{{customer}}', '\"mallory\"') WHERE stream_id = '{stream}' AND stream_version = 1"),
    )
    .await;

    let after = app
        .run_as(Some(Role::Auditor), verify, json!({ "id": id }))
        .await;
    let report = &after["data"]["verifyTicket"];
    assert_eq!(report["intact"], false, "{after}");
    assert_eq!(report["firstBreak"]["version"], 1);
    assert!(report["firstBreak"]["reason"]
        .as_str()
        .unwrap()
        .contains("does not match"));

    let position = report["firstBreak"]["position"].as_i64().unwrap();
    let (ok, out) = verify_cli(&app, &["--all"]);
    assert!(!ok, "{out}");
    assert!(
        out.contains(&format!(
            "BROKEN stream {stream} at version 1 (position {position}"
        )),
        "{out}"
    );
    let (ok, out) = verify_cli(&app, &[&id.to_string()]);
    assert!(!ok, "{out}");
    assert!(out.contains("BROKEN at version 1"), "{out}");
}

async fn deleted_newest_events_are_caught_by_the_seals(db: TestDatabase) {
    let app = TestApp::new(db).await;
    let id = app.open_ticket().await;
    app.run_as(
        Some(Role::CustomerService),
        APPROVE,
        json!({ "id": id, "cmd": Uuid::now_v7() }),
    )
    .await;
    let sealed = app
        .run_as(
            Some(Role::Admin),
            "mutation { sealLog { headPosition } }",
            json!({}),
        )
        .await;
    assert!(sealed["errors"].is_null(), "{sealed}");
    let (ok, out) = verify_cli(&app, &["--all"]);
    assert!(ok, "{out}");

    let stream = format!("ticket-{id}");
    sql(
        &app,
        &format!("DROP TRIGGER events_no_delete; DELETE FROM events WHERE stream_id = '{stream}' AND stream_version = 2"),
        &format!("DROP TRIGGER events_immutable ON events; DELETE FROM events WHERE stream_id = '{stream}' AND stream_version = 2"),
    )
    .await;

    // The chain alone still looks whole: only the seal can tell.
    let chain = app
        .run_as(
            Some(Role::Auditor),
            "query($id: UUID!) { verifyTicket(id: $id) { intact } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(chain["data"]["verifyTicket"]["intact"], true, "{chain}");
    let log = app
        .run_as(
            Some(Role::Auditor),
            "{ verifyLog { intact sealBreaks { reason } } }",
            json!({}),
        )
        .await;
    assert_eq!(log["data"]["verifyLog"]["intact"], false, "{log}");
    assert!(log["data"]["verifyLog"]["sealBreaks"][0]["reason"]
        .as_str()
        .unwrap()
        .contains("deleted"));
    let (ok, out) = verify_cli(&app, &["--all"]);
    assert!(!ok, "{out}");
    assert!(out.contains("BROKEN seal"), "{out}");
}
