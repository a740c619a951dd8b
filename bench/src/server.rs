//! The `returns` server as a child process of the benchmark: the bench binary
//! runs itself with [`AS_SERVER`] set, which hands the command line to the
//! real `returns` CLI, so one `cargo run` builds and measures everything and
//! the server's memory is its own process's.

use std::process::Stdio;
use std::time::Duration;

use anyhow::Context;
use returns_eventstore::EventStore;
use returns_tickets::privacy::MasterKey;
use returns_tickets::{TicketSettings, Tickets};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// Set in the environment of a child that should act as the `returns` binary.
pub const AS_SERVER: &str = "RETURNS_BENCH_AS_SERVER";

/// When set, servers run under `heaptrack -o <this value>.<n>` (heap
/// profiles; build with `--no-default-features`, or heaptrack sees nothing:
/// jemalloc replaces malloc). Their RSS then includes heaptrack's own.
pub const HEAPTRACK: &str = "BENCH_HEAPTRACK_OUT";

/// The master key the benchmark's servers run with (they refuse to write
/// personal data without one), and the in-process handles it compares them
/// with open with, so both sides encrypt alike. A benchmark key, nothing else.
pub const MASTER_KEY: &str = "72657475726e732062656e63686d61726b206b6579202d206e6f74207265616c";

/// The tickets of an in-process store under [`MASTER_KEY`], as the server
/// opens them.
pub async fn tickets_like_the_server(store: EventStore) -> anyhow::Result<Tickets> {
    let key = MasterKey::parse(MASTER_KEY).map_err(|e| anyhow::anyhow!("bench master key: {e}"))?;
    Ok(Tickets::open(store, key, TicketSettings::default()).await?)
}

/// Runs the `returns` CLI with this process's arguments (the child side).
pub async fn run_as_returns() -> anyhow::Result<std::process::ExitCode> {
    use clap::Parser;
    let cli = returns::settings::Cli::parse_from(std::env::args());
    returns::cli::run(cli).await
}

fn returns_command(database_url: &str) -> anyhow::Result<Command> {
    let mut command = Command::new(std::env::current_exe()?);
    command
        .env(AS_SERVER, "1")
        .env("RETURNS_MASTER_KEY", MASTER_KEY)
        .env("RETURNS_LOG", "error")
        .arg("--database-url")
        .arg(database_url);
    Ok(command)
}

/// A token for `role`, created through the CLI.
pub async fn token(database_url: &str, role: &str) -> anyhow::Result<String> {
    let out = returns_command(database_url)?
        .args([
            "token",
            "create",
            "--role",
            role,
            "--actor",
            &format!("bench-{role}"),
        ])
        .output()
        .await?;
    anyhow::ensure!(
        out.status.success(),
        "token create: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Ok(String::from_utf8(out.stdout)?.trim().to_owned())
}

/// A running server.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
}

impl Server {
    /// Starts `returns serve` on `database_url` on a free port.
    pub async fn start(database_url: &str) -> anyhow::Result<Self> {
        let mut command = match std::env::var(HEAPTRACK) {
            Ok(out) if !out.is_empty() => {
                static STARTED: std::sync::atomic::AtomicUsize =
                    std::sync::atomic::AtomicUsize::new(0);
                let n = STARTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let server = returns_command(database_url)?;
                let mut wrapped = Command::new("heaptrack");
                wrapped
                    .arg("-o")
                    .arg(format!("{out}.{n}"))
                    .arg(server.as_std().get_program());
                wrapped.args(server.as_std().get_args());
                for (key, value) in server.as_std().get_envs() {
                    if let Some(value) = value {
                        wrapped.env(key, value);
                    }
                }
                wrapped
            }
            _ => returns_command(database_url)?,
        };
        let mut child = command
            .args(["serve", "--listen", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()?;
        let stdout = child.stdout.take().context("no stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let base = tokio::time::timeout(Duration::from_secs(120), async {
            while let Some(line) = lines.next_line().await? {
                if let Some(address) = line.strip_prefix("listening on ") {
                    return anyhow::Ok(address.to_owned());
                }
            }
            anyhow::bail!("server exited before listening")
        })
        .await
        .context("server did not start within 120 s")??;
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
        Ok(Self { child, base })
    }

    /// The server's peak resident memory so far (`VmHWM`), in MiB.
    pub fn peak_rss_mib(&self) -> Option<f64> {
        self.status_mib("VmHWM:")
    }

    /// The server's process: the child, or under heaptrack the child's
    /// child that runs this binary.
    fn server_pid(&self) -> Option<u32> {
        let pid = self.child.id()?;
        let me = std::env::current_exe().ok()?;
        let exe = |p: u32| std::fs::read_link(format!("/proc/{p}/exe")).ok();
        if exe(pid).as_ref() == Some(&me) {
            return Some(pid);
        }
        let children = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children")).ok()?;
        children
            .split_whitespace()
            .filter_map(|c| c.parse::<u32>().ok())
            .find(|c| exe(*c).as_ref() == Some(&me))
    }

    /// The server's resident memory now in MiB: in all, anonymous (heap,
    /// stacks) and file-backed (mostly the binary's code and read-only data,
    /// mapped from the executable), read at one instant.
    pub fn rss_parts_mib(&self) -> Option<RssParts> {
        let status = self.status()?;
        Some(RssParts {
            total: status_field(&status, "VmRSS:")?,
            anon: status_field(&status, "RssAnon:")?,
            file: status_field(&status, "RssFile:")?,
        })
    }

    fn status(&self) -> Option<String> {
        let pid = self.server_pid()?;
        std::fs::read_to_string(format!("/proc/{pid}/status")).ok()
    }

    fn status_mib(&self, field: &str) -> Option<f64> {
        status_field(&self.status()?, field)
    }

    /// SIGTERM, then wait for the exit.
    pub async fn stop(mut self) -> anyhow::Result<()> {
        if let Some(pid) = self.server_pid() {
            std::process::Command::new("kill")
                .args(["-TERM", &pid.to_string()])
                .status()?;
        }
        let _ = tokio::time::timeout(Duration::from_secs(60), self.child.wait()).await;
        Ok(())
    }
}

/// One reading of the server's resident memory, in MiB.
#[derive(Debug, Clone, Copy)]
pub struct RssParts {
    pub total: f64,
    pub anon: f64,
    pub file: f64,
}

/// A `kB` field of `/proc/<pid>/status`, in MiB.
fn status_field(status: &str, field: &str) -> Option<f64> {
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kib| kib.parse::<f64>().ok())
        .map(|kib| kib / 1024.0)
}
