//! The Returns benchmark: one command that measures the store, a peer
//! framework, growth of the log, and writes `bench/REPORT.md` + CSV.
//!
//! ```text
//! cargo run --release --manifest-path bench/Cargo.toml -- --out bench/REPORT.md
//! ```
//!
//! Layout: [`store`] (append/read/load vs plain sqlx), [`peer`] (cqrs-es +
//! postgres-es on the same workload), [`scale`] (latency and server memory
//! as the log grows), [`projections`] (rebuild vs read-all), [`api`]
//! (GraphQL over HTTP vs in-process), [`intake`] (bulk import vs direct
//! opens); [`workload`] and [`prefill`] build real tickets, [`db`] makes a
//! fresh database per part, [`server`] runs the real server as a child,
//! [`stats`] and [`report`] turn runs into figures.
//! Every figure is a median over `--runs` runs with min and max, beside a
//! baseline measured in the same run.

mod api;
mod db;
mod intake;
mod machine;
mod peer;
mod prefill;
mod privacy;
mod projections;
mod report;
mod scale;
mod server;
mod soak;
mod stats;
mod store;
mod workload;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use clap::Parser;

use crate::db::Kind;
use crate::report::Report;

/// Command line.
#[derive(Debug, Parser)]
#[command(about = "Runs the Returns benchmark and writes a Markdown report and CSV.")]
struct Cli {
    /// Where the Markdown report goes; the CSV goes beside it (`.csv`).
    #[arg(long, default_value = "bench/REPORT.md")]
    out: PathBuf,
    /// PostgreSQL server; each part creates and drops its own database there.
    #[arg(
        long,
        env = "BENCH_DATABASE_URL",
        default_value = "postgres://postgres@127.0.0.1:5432/postgres"
    )]
    database_url: String,
    /// Parts to run, comma-separated: store, peer, scale, projections, api, intake, privacy, soak.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "store,peer,scale,projections,api,intake,privacy,soak"
    )]
    parts: Vec<String>,
    /// A smoke run: short runs, small sizes (figures are not meaningful).
    #[arg(long)]
    quick: bool,
    /// Runs per figure (the median is reported).
    #[arg(long)]
    runs: Option<usize>,
    /// Seconds each throughput run lasts.
    #[arg(long)]
    seconds: Option<f64>,
    /// Log sizes for the scale part, comma-separated.
    #[arg(long, value_delimiter = ',')]
    scale_sizes: Option<Vec<usize>>,
    /// Backends for the scale part: sqlite, postgres.
    #[arg(long, value_delimiter = ',', default_value = "sqlite,postgres")]
    scale_backends: Vec<String>,
    /// Backends for the store part: sqlite, postgres.
    #[arg(long, value_delimiter = ',', default_value = "sqlite,postgres")]
    store_backends: Vec<String>,
    /// Skip starting the server at each scale size (HTTP `ticket(id)` and RSS).
    #[arg(long)]
    no_scale_http: bool,
    /// Seconds the steady mixed load (part `soak`) lasts.
    #[arg(long)]
    soak_seconds: Option<f64>,
    /// Writes per second the soak's clients send, all together (reads at
    /// twice that); 0 sends as fast as the server answers.
    #[arg(long, default_value_t = soak::WRITES_PER_SECOND)]
    soak_writes_per_second: f64,
}

/// What every part reads.
#[derive(Debug, Clone)]
pub struct Settings {
    /// PostgreSQL server URL.
    pub database_url: String,
    /// Runs per figure.
    pub runs: usize,
    /// Length of one throughput run.
    pub duration: Duration,
    /// Loads per latency run.
    pub loads: usize,
    /// Events in the peer comparison's prefilled logs.
    pub peer_prefill: usize,
    /// Log sizes for the scale part.
    pub scale_sizes: Vec<usize>,
    /// Backends for the scale part.
    pub scale_backends: Vec<Kind>,
    /// Backends for the store part.
    pub store_backends: Vec<Kind>,
    /// Events in the log the projections are rebuilt from.
    pub projection_events: usize,
    /// Records per bulk import run.
    pub intake_records: usize,
    /// Whether the scale part also starts the server at each size (HTTP `ticket(id)`, RSS).
    pub scale_http: bool,
    /// How long the steady mixed load runs.
    pub soak: Duration,
    /// The steady mixed load's writes per second (0: as fast as answered).
    pub soak_rate: f64,
}

fn kinds(names: &[String]) -> anyhow::Result<Vec<Kind>> {
    names
        .iter()
        .map(|n| match n.as_str() {
            "sqlite" => Ok(Kind::Sqlite),
            "postgres" | "postgresql" => Ok(Kind::Postgres),
            other => Err(anyhow::anyhow!("unknown backend {other}")),
        })
        .collect()
}

// The server child is this binary (see server.rs): it must allocate as the
// real `returns` binary does (api/src/main.rs), or its RSS is not the
// server's.
// `--no-default-features` leaves the C library's, for heaptrack (see
// server::HEAPTRACK), which only sees malloc.
#[cfg(feature = "jemalloc")]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[tokio::main]
async fn main() -> anyhow::Result<std::process::ExitCode> {
    if std::env::var_os(server::AS_SERVER).is_some() {
        return server::run_as_returns().await;
    }
    let cli = Cli::parse();
    let settings = Settings {
        database_url: cli.database_url.clone(),
        runs: cli.runs.unwrap_or(if cli.quick { 1 } else { 3 }).max(1),
        duration: Duration::from_secs_f64(cli.seconds.unwrap_or(if cli.quick { 0.5 } else { 3.0 })),
        loads: if cli.quick { 200 } else { 2_000 },
        peer_prefill: if cli.quick { 10_000 } else { 100_000 },
        scale_sizes: cli.scale_sizes.clone().unwrap_or_else(|| {
            if cli.quick {
                vec![1_000, 10_000]
            } else {
                vec![10_000, 100_000, 1_000_000]
            }
        }),
        scale_backends: kinds(&cli.scale_backends)?,
        store_backends: kinds(&cli.store_backends)?,
        projection_events: if cli.quick { 5_000 } else { 100_000 },
        intake_records: if cli.quick { 300 } else { 5_000 },
        scale_http: !cli.no_scale_http,
        soak: Duration::from_secs_f64(cli.soak_seconds.unwrap_or(if cli.quick {
            20.0
        } else {
            600.0
        })),
        soak_rate: cli.soak_writes_per_second.max(0.0),
    };
    let mut report = Report::default();
    let load_before = machine::load_average();
    let started = Instant::now();
    for part in &cli.parts {
        println!("== {part}");
        match part.as_str() {
            "store" => store::run(&mut report, &settings).await?,
            "peer" => peer::run(&mut report, &settings).await?,
            "scale" => scale::run(&mut report, &settings).await?,
            "projections" => projections::run(&mut report, &settings).await?,
            "api" => api::run(&mut report, &settings).await?,
            "intake" => intake::run(&mut report, &settings).await?,
            "soak" => soak::run(&mut report, &settings).await?,
            "privacy" => privacy::run(&mut report, &settings).await?,
            other => {
                anyhow::bail!(
                    "unknown part {other} (store, peer, scale, projections, api, intake, privacy, soak)"
                )
            }
        }
    }
    let load_after = machine::load_average();
    report.header = machine::header(
        &cli_line(),
        &settings,
        &load_before,
        &load_after,
        started.elapsed(),
    );
    let csv = cli.out.with_extension("csv");
    report.write(&cli.out, &csv)?;
    println!("wrote {} and {}", cli.out.display(), csv.display());
    Ok(std::process::ExitCode::SUCCESS)
}

fn cli_line() -> String {
    let args: Vec<String> = std::env::args().skip(1).collect();
    format!(
        "cargo run --release --manifest-path bench/Cargo.toml -- {}",
        args.join(" ")
    )
}
