//! [`Server`]: the real `returns` binary on a free port over a test
//! database, and the GraphQL, HTTP and signals a test drives it with.
#![expect(
    clippy::expect_used,
    reason = "test support: a broken expectation is a failed test, said where it broke"
)]

use std::process::Stdio;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use returns_eventstore::testing::TestDatabase;
use serde_json::{json, Value};
use tokio::io::{AsyncBufRead, AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};
use tokio::task::JoinHandle;

use crate::binary;

/// How long a server may take to print its address, and to stop after SIGTERM.
const PATIENCE: Duration = Duration::from_secs(60);

/// The `RETURNS_LOG` filter for servers: `info` when `TEST_LOG` is set
/// (to read what a failing test's server did), `quiet` otherwise.
pub fn log_filter(quiet: &'static str) -> &'static str {
    if std::env::var_os("TEST_LOG").is_some() {
        "info"
    } else {
        quiet
    }
}

/// Lines a child process wrote to one of its pipes, collected as they come.
#[derive(Clone, Default)]
struct Lines(Arc<Mutex<Vec<String>>>);

impl Lines {
    fn push(&self, line: String) {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(line);
    }

    fn snapshot(&self) -> Vec<String> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

/// Reads `pipe` line by line into `lines` until it closes; with `echo`, also
/// writes each line to the test's stderr (shown when the test fails).
fn collect(
    mut pipe: impl AsyncBufRead + Unpin + Send + 'static,
    lines: Lines,
    echo: bool,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match pipe.read_until(b'\n', &mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {
                    let line = String::from_utf8_lossy(&buf);
                    let line = line.trim_end_matches(['\n', '\r']).to_owned();
                    if echo {
                        eprintln!("{line}");
                    }
                    lines.push(line);
                }
            }
        }
    })
}

/// How a server process ended and what it wrote.
#[derive(Debug)]
pub struct Exit {
    /// Whether it exited with status 0.
    pub success: bool,
    /// Every line it wrote to stdout.
    pub stdout: Vec<String>,
    /// Every line it wrote to stderr (its log).
    pub stderr: Vec<String>,
}

/// A running `returns` server process; killed when dropped.
pub struct Server {
    /// The process, for a scenario that signals or waits on it itself.
    pub child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// What the server printed on stdout up to and including `listening on …`.
    pub stdout_lines: Vec<String>,
    stdout: Lines,
    stderr: Lines,
    readers: Vec<JoinHandle<()>>,
    http: reqwest::Client,
}

impl Server {
    /// Starts `returns --database-url <db> <args> --listen 127.0.0.1:0`
    /// (`args` begins with the subcommand: `serve`, `demo`) and waits until
    /// it prints its address.
    pub async fn start(db: &TestDatabase, args: &[&str]) -> Self {
        Self::start_with_env(db, args, &[]).await
    }

    /// Like [`Server::start`] with extra environment variables, applied
    /// after the defaults (`RETURNS_LOG` from [`log_filter`]`("warn")`).
    pub async fn start_with_env(db: &TestDatabase, args: &[&str], env: &[(&str, &str)]) -> Self {
        let mut command = Command::new(binary());
        command
            .arg("--database-url")
            .arg(db.url())
            .args(args)
            .args(["--listen", "127.0.0.1:0"])
            .env("RETURNS_LOG", log_filter("warn"))
            // A developer's own log format must not change what tests read.
            .env_remove("RETURNS_LOG_FORMAT")
            // Every test server seals personal data, as production must; a
            // test that wants none overrides it with an empty value.
            .env("RETURNS_MASTER_KEY", crate::TEST_MASTER_KEY)
            .env_remove("RETURNS_MASTER_KEY_FILE")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let mut child = command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary().display()));
        let stderr = Lines::default();
        let mut readers = vec![collect(
            BufReader::new(child.stderr.take().expect("stderr is piped")),
            stderr.clone(),
            true,
        )];
        let mut lines = BufReader::new(child.stdout.take().expect("stdout is piped")).lines();
        let mut stdout_lines = Vec::new();
        let waited = tokio::time::timeout(PATIENCE, async {
            while let Some(line) = lines.next_line().await.ok().flatten() {
                stdout_lines.push(line.clone());
                if let Some(address) = line.strip_prefix("listening on ") {
                    return Some(address.to_owned());
                }
            }
            None
        })
        .await;
        let base = match waited {
            Ok(Some(base)) => base,
            Ok(None) => panic!(
                "server exited before listening; stdout: {stdout_lines:?}, stderr: {:?}",
                stderr.snapshot()
            ),
            Err(_) => panic!("server did not start within {PATIENCE:?}"),
        };
        // Keep draining stdout so the server never blocks on a full pipe.
        let stdout = Lines::default();
        for line in &stdout_lines {
            stdout.push(line.clone());
        }
        readers.push(collect(lines.into_inner(), stdout.clone(), false));
        Self {
            child,
            base,
            stdout_lines,
            stdout,
            stderr,
            readers,
            http: reqwest::Client::builder()
                .timeout(Duration::from_secs(30))
                .build()
                .expect("an HTTP client"),
        }
    }

    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id().expect("the server is running")
    }

    /// Every line the server wrote to stdout so far.
    pub fn stdout(&self) -> Vec<String> {
        self.stdout.snapshot()
    }

    /// Every line the server wrote to stderr (its log) so far.
    pub fn stderr(&self) -> Vec<String> {
        self.stderr.snapshot()
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
            .unwrap_or_else(|e| panic!("GET {path}: {e}"));
        let status = response.status().as_u16();
        (status, response.text().await.unwrap_or_default())
    }

    /// Posts a raw body to `/graphql`; (status, body text), or the transport
    /// error (a server may close the connection on a body it refuses to read).
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

    /// Sends SIGTERM, waits for the process to exit and its pipes to close;
    /// how it ended and everything it wrote. Fails the test when it does not
    /// stop in time.
    pub async fn shut_down(mut self) -> Exit {
        signal(self.pid(), "-TERM");
        let status = tokio::time::timeout(PATIENCE, self.child.wait())
            .await
            .unwrap_or_else(|_| panic!("server did not stop within {PATIENCE:?} after SIGTERM"))
            .expect("waiting for the server");
        for reader in self.readers.drain(..) {
            let _ = reader.await;
        }
        Exit {
            success: status.success(),
            stdout: self.stdout.snapshot(),
            stderr: self.stderr.snapshot(),
        }
    }

    /// Sends SIGTERM and waits for the process to exit; true on a clean exit.
    pub async fn terminate(self) -> bool {
        self.shut_down().await.success
    }

    /// SIGTERM, and wait (bounded) for the process to exit, however it ends.
    pub async fn stop(mut self) {
        signal(self.pid(), "-TERM");
        let _ = tokio::time::timeout(PATIENCE, self.child.wait()).await;
    }

    /// `kill -9`: no shutdown hook runs, in-flight requests die.
    pub async fn kill9(mut self) {
        kill9(self.pid());
        let _ = tokio::time::timeout(PATIENCE, self.child.wait()).await;
    }
}

/// Sends `signal` (`-TERM`, `-KILL`) to `pid` with `kill`.
fn signal(pid: u32, signal: &str) {
    let status = std::process::Command::new("kill")
        .args([signal, &pid.to_string()])
        .status()
        .unwrap_or_else(|e| panic!("cannot run kill: {e}"));
    assert!(status.success(), "kill {signal} {pid} failed");
}

/// `kill -9 pid`: no shutdown hook runs, in-flight requests die.
pub fn kill9(pid: u32) {
    signal(pid, "-KILL");
}

/// A token for `role` held by `actor`, created through the CLI with extra
/// `token create` flags (`--expires-in-days N`).
pub async fn create_token(db: &TestDatabase, role: &str, actor: &str, extra: &[&str]) -> String {
    let mut args = vec!["token", "create", "--role", role, "--actor", actor];
    args.extend_from_slice(extra);
    let (ok, stdout, stderr) = crate::run_cli(db.url(), &args).await;
    assert!(ok, "token create failed: {stderr}");
    stdout.trim().to_owned()
}

/// A token for each of the five roles.
pub struct Tokens {
    /// `customer_service`, actor `alice`.
    pub customer_service: String,
    /// `warehouse`, actor `wang`.
    pub warehouse: String,
    /// `finance`, actor `fei`.
    pub finance: String,
    /// `auditor`, actor `audrey`.
    pub auditor: String,
    /// `admin`, actor `root`.
    pub admin: String,
}

impl Tokens {
    /// Creates the five tokens on `db` through the CLI.
    pub async fn create(db: &TestDatabase) -> Self {
        Self {
            customer_service: create_token(db, "customer_service", "alice", &[]).await,
            warehouse: create_token(db, "warehouse", "wang", &[]).await,
            finance: create_token(db, "finance", "fei", &[]).await,
            auditor: create_token(db, "auditor", "audrey", &[]).await,
            admin: create_token(db, "admin", "root", &[]).await,
        }
    }
}
