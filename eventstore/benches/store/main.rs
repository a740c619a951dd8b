//! The event store benchmark (issue 2, item 5): `cargo bench -p returns-eventstore`.
//!
//! On SQLite (always: a temporary file, synchronous=FULL, the store's
//! default) and on PostgreSQL (when `BENCH_DATABASE_URL`, `TEST_DATABASE_URL`
//! or `DATABASE_URL` names a server; a fresh database is created and dropped),
//! on a log prefilled with `BENCH_PREFILL` events (default 100,000, then
//! `ANALYZE`), it measures:
//! - appends with 1, 8 and 64 concurrent writers, 1 event per append and 10;
//! - reading the whole prefilled log with `read_all`;
//!
//! and, in the same database and run, plain-sqlx baselines (see [`baseline`]).
//! Each timed scenario runs `BENCH_SECONDS` (default 5); `BENCH_BACKENDS`
//! (e.g. `postgres`) limits the run to the backends it names. Progress goes
//! to stderr; the report (Markdown) to stdout.
//!
//! Files: [`payload`] the rows, [`database`] the databases, [`baseline`] the
//! yardsticks, [`scenario`] the store's side, [`report`] the table.

mod baseline;
mod database;
mod payload;
mod report;
mod scenario;

use std::time::Duration;

use returns_eventstore::EventStore;

use crate::baseline::Done;
use crate::database::{BenchDatabase, Kind, Plain};
use crate::report::{Baseline, Figure};

/// Slices each append scenario and its baseline are split into.
const ROUNDS: u32 = 5;

/// How long and on how much each run measures.
#[derive(Debug, Clone, Copy)]
struct Settings {
    seconds: Duration,
    prefill: u64,
}

fn env_number(name: &str, default: u64) -> anyhow::Result<u64> {
    match std::env::var(name) {
        Ok(value) => Ok(value.trim().parse()?),
        Err(_) => Ok(default),
    }
}

/// The median of three or more passes: one slow pass (a checkpoint, a
/// neighbour's compile) must not decide the figure.
fn median(mut passes: Vec<Done>) -> Done {
    passes.sort_by(|a, b| a.per_second().total_cmp(&b.per_second()));
    passes[passes.len() / 2]
}

async fn read_figures(
    store: &EventStore,
    plain: &Plain,
    limit: i64,
) -> anyhow::Result<Vec<Figure>> {
    // Warm-up: caches, and PostgreSQL's hint bits on freshly written rows.
    scenario::read_all(store, limit).await?;
    baseline::scan(plain, limit, false).await?;
    let (mut raw, mut parsed, mut store_reads) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..3 {
        raw.push(baseline::scan(plain, limit, false).await?);
        parsed.push(baseline::scan(plain, limit, true).await?);
        store_reads.push(scenario::read_all(store, limit).await?);
    }
    let (raw, parsed, store_reads) = (median(raw), median(parsed), median(store_reads));
    for done in [raw, parsed, store_reads] {
        anyhow::ensure!(
            done.rows == limit as u64,
            "read {} of {limit} rows",
            done.rows
        );
    }
    let c = Baseline {
        name: "(c)",
        per_second: raw.per_second(),
    };
    Ok(vec![
        Figure::baseline(
            "(c) plain SELECT … ORDER BY position",
            raw.per_second(),
            None,
        ),
        Figure {
            scenario: "(c′) the same scan, JSON parsed into Value".to_owned(),
            per_second: parsed.per_second(),
            baseline: Some(c),
            target: None,
            latency: None,
            per_commit: None,
        },
        Figure {
            scenario: format!("read_all, pages of {}", scenario::READ_PAGE),
            per_second: store_reads.per_second(),
            baseline: Some(c),
            target: Some(0.5),
            latency: None,
            per_commit: None,
        },
    ])
}

/// Which plain-sqlx loop a group of append scenarios is compared with.
#[derive(Debug, Clone, Copy)]
enum Yardstick {
    /// (a) one row per transaction.
    OneRow,
    /// (b) multi-row inserts.
    MultiRow,
}

/// The baseline and the store's 1-, 8- and 64-writer scenarios at
/// `per_append` events per append, measured in [`ROUNDS`] interleaved slices
/// so that a change in the disk's speed during the run (other processes
/// share it) hits the baseline and the store alike.
async fn append_group(
    store: &EventStore,
    plain: &Plain,
    settings: Settings,
    yardstick: Yardstick,
    per_append: usize,
    writers: [(usize, Option<f64>); 3],
) -> anyhow::Result<Vec<Figure>> {
    let slice = settings.seconds / ROUNDS;
    let mut base: Option<Done> = None;
    let mut measured: Vec<Option<scenario::Appended>> = vec![None; writers.len()];
    for round in 0..ROUNDS {
        let label = format!("baseline-{per_append}-r{round}");
        let done = match yardstick {
            Yardstick::OneRow => baseline::one_row_per_transaction(plain, &label, slice).await?,
            Yardstick::MultiRow => baseline::multi_row_insert(plain, &label, slice).await?,
        };
        base = Some(base.map_or(done, |b| b.plus(done)));
        for (slot, (count, _)) in measured.iter_mut().zip(writers) {
            let label = format!("w{count}x{per_append}r{round}");
            let run = scenario::append(store, plain, &label, count, per_append, slice).await?;
            *slot = Some(match slot.take() {
                Some(so_far) => so_far.plus(run),
                None => run,
            });
        }
    }
    let base = base.ok_or_else(|| anyhow::anyhow!("no rounds"))?;
    let (name, scenario, per_commit) = match yardstick {
        Yardstick::OneRow => (
            "(a)",
            "(a) plain INSERT, one row per transaction".to_owned(),
            1.0,
        ),
        Yardstick::MultiRow => (
            "(b)",
            format!(
                "(b) plain multi-row INSERT, {} rows per transaction",
                baseline::BULK_ROWS
            ),
            baseline::BULK_ROWS as f64,
        ),
    };
    let yard = Baseline {
        name,
        per_second: base.per_second(),
    };
    let mut figures = vec![Figure::baseline(
        &scenario,
        yard.per_second,
        Some(per_commit),
    )];
    for (run, (count, target)) in measured.into_iter().zip(writers) {
        let run = run.ok_or_else(|| anyhow::anyhow!("no rounds"))?;
        figures.push(Figure {
            scenario: format!(
                "append, {count} writer{}, {per_append} event{} per append",
                if count == 1 { "" } else { "s" },
                if per_append == 1 { "" } else { "s" },
            ),
            per_second: run.done.per_second(),
            baseline: Some(yard),
            target,
            latency: Some((run.latency(0.5), run.latency(0.99))),
            per_commit: Some(run.done.rows as f64 / run.commits.max(1) as f64),
        });
    }
    Ok(figures)
}

/// One backend's whole run; returns the report section.
async fn run(db: &BenchDatabase, settings: Settings) -> anyhow::Result<String> {
    let store = EventStore::connect(&db.url).await?;
    let plain = db.plain(1).await?;
    let version = plain.version().await?;
    baseline::create_table(&plain).await?;

    eprintln!(
        "{}: prefilling {} events …",
        db.kind.name(),
        settings.prefill
    );
    let started = std::time::Instant::now();
    scenario::prefill(&store, settings.prefill).await?;
    let prefill_store = started.elapsed();
    baseline::prefill(&plain, settings.prefill as usize).await?;
    plain.execute("ANALYZE").await?;
    if db.kind == Kind::Postgres {
        // Flush the prefill now rather than in the middle of a measurement.
        plain.execute("CHECKPOINT").await?;
    }

    eprintln!("{}: reading …", db.kind.name());
    let mut figures = read_figures(&store, &plain, settings.prefill as i64).await?;

    eprintln!("{}: (a) and 1-event appends …", db.kind.name());
    let targets = [(1, Some(0.75)), (8, None), (64, Some(5.0))];
    figures.extend(append_group(&store, &plain, settings, Yardstick::OneRow, 1, targets).await?);
    eprintln!("{}: (b) and 10-event appends …", db.kind.name());
    let untargeted = [(1, None), (8, None), (64, None)];
    figures.extend(
        append_group(
            &store,
            &plain,
            settings,
            Yardstick::MultiRow,
            10,
            untargeted,
        )
        .await?,
    );

    plain.close().await;
    drop(store);

    let (payload_bytes, metadata_bytes) = payload::sizes()?;
    Ok(format!(
        "### {}\n\n{version}; log prefilled with {} events ({:.1} s through the store, \
         then ANALYZE); payload {payload_bytes} B + metadata {metadata_bytes} B of JSON \
         per event; {} s per append scenario and baseline, in {ROUNDS} interleaved slices; \
         reads: median of 3 passes.\n\n{}",
        db.kind.name(),
        settings.prefill,
        prefill_store.as_secs_f64(),
        settings.seconds.as_secs(),
        report::table(&figures),
    ))
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".to_owned())
}

// The same allocator as the `returns` binary: reads allocate a JSON tree per
// event, and the system allocator alone cost read_all about half its rate.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let settings = Settings {
        seconds: Duration::from_secs(env_number("BENCH_SECONDS", 5)?),
        prefill: env_number("BENCH_PREFILL", 100_000)?,
    };
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    println!(
        "## Event store benchmark\n\n`cargo bench -p returns-eventstore` — {} UTC, {cores} cores, \
         load average {} at start.\n",
        chrono::Utc::now().format("%Y-%m-%d %H:%M"),
        load_average(),
    );

    let wanted = |name: &str| {
        std::env::var("BENCH_BACKENDS").map_or(true, |list| list.to_lowercase().contains(name))
    };
    let mut databases = Vec::new();
    if wanted("sqlite") {
        databases.push(BenchDatabase::sqlite()?);
    }
    match database::postgres_server() {
        Some(server) if wanted("postgres") => {
            databases.push(BenchDatabase::postgres(&server).await?);
        }
        Some(_) => {}
        None => eprintln!("PostgreSQL skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL"),
    }
    let mut failure = None;
    for db in databases {
        match run(&db, settings).await {
            Ok(section) => println!("{section}"),
            Err(err) => {
                eprintln!("{} run failed: {err:#}", db.kind.name());
                failure.get_or_insert(err);
            }
        }
        db.drop_database().await?;
    }
    println!("Load average at end: {}.", load_average());
    failure.map_or(Ok(()), Err)
}
