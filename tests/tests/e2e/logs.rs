//! The server's log on stderr: JSON lines with `RETURNS_LOG_FORMAT=json`,
//! and plain text without colour codes when stderr is not a terminal. The
//! log does not depend on the backend, so these run on SQLite only.

use returns_eventstore::testing::TestDatabase;
use serde_json::Value;

use crate::helpers::Server;

/// Serves on a fresh database with `RETURNS_LOG=info` and `env`, stops it
/// with SIGTERM, and returns what it logged.
async fn log_of_a_served_session(env: &[(&str, &str)]) -> Vec<String> {
    let db = TestDatabase::sqlite();
    let mut vars = vec![("RETURNS_LOG", "info")];
    vars.extend_from_slice(env);
    let server = Server::start_with_env(&db, &["serve", "--no-workflows"], &vars).await;
    let (status, _) = server.get("/healthz").await;
    assert_eq!(status, 200);
    let exit = server.shut_down().await;
    assert!(
        exit.success,
        "the server did not exit cleanly: {:?}",
        exit.stderr
    );
    exit.stderr
}

#[tokio::test]
async fn json_log_format_writes_one_json_object_per_line() {
    let log = log_of_a_served_session(&[("RETURNS_LOG_FORMAT", "json")]).await;
    let events: Vec<Value> = log
        .iter()
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line:?}"))
        })
        .collect();
    for event in &events {
        assert!(event["timestamp"].is_string(), "{event}");
        assert!(event["level"].is_string(), "{event}");
        assert!(event["fields"]["message"].is_string(), "{event}");
    }
    // The shutdown is logged at info: the log is not empty by accident.
    assert!(
        events
            .iter()
            .any(|e| e["level"] == "INFO" && e["fields"]["message"] == "stopped"),
        "{log:#?}"
    );
}

#[tokio::test]
async fn text_log_to_a_pipe_has_no_colour_codes() {
    let log = log_of_a_served_session(&[]).await;
    assert!(
        log.iter()
            .any(|line| line.contains("INFO") && line.ends_with("stopped")),
        "{log:#?}"
    );
    for line in &log {
        assert!(!line.contains("\x1b["), "colour codes in {line:?}");
        assert!(
            serde_json::from_str::<Value>(line).is_err(),
            "text format wrote JSON: {line:?}"
        );
    }
}
