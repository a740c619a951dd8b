//! End-to-end tests of the `returns` binary through HTTP, WebSocket and the
//! CLI. The scenarios live in `tests/`; this library holds what every test
//! binary needs to find and run the real executable:
//!
//! - [`binary`] and [`run_cli`] — the executable and one CLI run;
//! - [`Server`] (in `server.rs`) — `returns serve` on a free port over a
//!   test database, with GraphQL, raw HTTP, the WebSocket URL, SIGTERM and
//!   `kill -9`, and what it wrote on stdout and stderr;
//! - [`Tokens`] and [`create_token`] — tokens made through the CLI.
//!
//! Depends on everything; nothing may depend on it.

mod server;

use std::path::PathBuf;

pub use server::{create_token, kill9, log_filter, Exit, Server, Tokens};

/// The `returns` binary cargo built into this target directory
/// (`target/debug/deps/<test>-…` → `target/debug/returns`).
pub fn binary() -> PathBuf {
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("no current exe: {e}"));
    let dir = exe
        .parent()
        .and_then(|d| d.parent())
        .unwrap_or_else(|| panic!("{} has no target directory", exe.display()));
    let path = dir.join(format!("returns{}", std::env::consts::EXE_SUFFIX));
    assert!(
        path.exists(),
        "{} is missing: run `cargo build -p returns` (cargo test --workspace builds it)",
        path.display()
    );
    path
}

/// Runs `returns --database-url <database_url> <args>` to completion:
/// (success, stdout, stderr).
pub async fn run_cli(database_url: &str, args: &[&str]) -> (bool, String, String) {
    run_cli_with_env(database_url, args, &[]).await
}

/// The master key every test server and CLI run is given (not secret: tests only).
pub const TEST_MASTER_KEY: &str =
    "0f1e2d3c4b5a69788796a5b4c3d2e1f000112233445566778899aabbccddeeff";

/// [`run_cli`] with extra environment variables, applied after the
/// defaults (`RETURNS_MASTER_KEY` = [`TEST_MASTER_KEY`]).
pub async fn run_cli_with_env(
    database_url: &str,
    args: &[&str],
    env: &[(&str, &str)],
) -> (bool, String, String) {
    let output = tokio::process::Command::new(binary())
        .arg("--database-url")
        .arg(database_url)
        .args(args)
        .env("RETURNS_MASTER_KEY", TEST_MASTER_KEY)
        .env_remove("RETURNS_MASTER_KEY_FILE")
        .envs(env.iter().copied())
        .output()
        .await
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", binary().display()));
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}
