//! Cost as history grows: append latency and ticket load latency with 10k,
//! 100k and 1M events in the log. The log is filled in steps with real
//! 10-event tickets; each step is measured against the smallest size.

use std::time::Instant;

use anyhow::Context;
use returns_eventstore::{EventStore, ExpectedVersion};
use returns_tickets::stream_id;
use uuid::Uuid;

use crate::db::{Database, Kind};
use crate::report::{fmt_num, Better, Goal, Report, Row};
use crate::server::{self, Server};
use crate::stats::{Latencies, Summary};
use crate::{peer::pick, prefill, workload, Settings};

/// Events per prefilled ticket.
const TICKET_LEN: usize = 10;
/// Sequential appends per run (each one fsyncs, so fewer than loads).
const APPENDS: usize = 300;

fn part(kind: Kind) -> String {
    format!("scale ({})", kind.label())
}

/// Runs the scale part on every chosen backend.
pub async fn run(report: &mut Report, s: &Settings) -> anyhow::Result<()> {
    for &kind in &s.scale_backends {
        let db = Database::create(kind, &s.database_url, "scale").await?;
        let result = measure(report, s, &db).await;
        db.drop_now().await?;
        result?;
    }
    Ok(())
}

#[derive(Default)]
struct Figures {
    append_p50: Vec<f64>,
    append_p99: Vec<f64>,
    load_p50: Vec<f64>,
    load_p99: Vec<f64>,
    http_p50: Vec<f64>,
    http_p99: Vec<f64>,
    rss: Option<f64>,
}

async fn measure(report: &mut Report, s: &Settings, db: &Database) -> anyhow::Result<()> {
    let part = part(db.kind);
    let tickets = server::tickets_like_the_server(EventStore::connect(&db.url).await?).await?;
    let store = tickets.store();
    let note = workload::note_event(1)?;
    let mut sizes = s.scale_sizes.clone();
    sizes.sort_unstable();
    let mut ids: Vec<Uuid> = Vec::new();
    let mut first: Option<(usize, Figures)> = None;
    let mut token: Option<String> = None;
    for size in sizes {
        let head = usize::try_from(store.head_position().await?)?;
        if size > head {
            let started = Instant::now();
            let more = (size - head) / TICKET_LEN;
            // Chunks keep memory flat and let the progress line move.
            let mut left = more;
            while left > 0 {
                let n = left.min(20_000);
                ids.extend(prefill::tickets(store, n, TICKET_LEN, 32).await?);
                left -= n;
            }
            println!(
                "  {part}: filled to {} events in {:.1}s",
                store.head_position().await?,
                started.elapsed().as_secs_f64()
            );
        }
        db.analyze().await?;
        let runs = if size >= 1_000_000 {
            s.runs.min(3)
        } else {
            s.runs
        };
        let mut f = Figures::default();
        for _ in 0..runs {
            let mut appends = Latencies::with_capacity(APPENDS);
            for _ in 0..APPENDS {
                let id = ids[pick(ids.len())];
                let t = Instant::now();
                store
                    .append(
                        &stream_id(id),
                        ExpectedVersion::Any,
                        vec![note.clone()],
                        workload::meta(),
                    )
                    .await?;
                appends.push(t.elapsed());
            }
            let mut loads = Latencies::with_capacity(s.loads);
            for _ in 0..s.loads {
                let id = ids[pick(ids.len())];
                let t = Instant::now();
                let loaded = tickets.load(id.into()).await?;
                loads.push(t.elapsed());
                anyhow::ensure!(loaded.version >= TICKET_LEN as i64, "short ticket");
            }
            f.append_p50.push(appends.percentile_us(50.0));
            f.append_p99.push(appends.percentile_us(99.0));
            f.load_p50.push(loads.percentile_us(50.0));
            f.load_p99.push(loads.percentile_us(99.0));
        }
        println!(
            "  {part}: {size}: append p99 {:.0}µs, load p50 {:.0}µs",
            Summary::of(&f.append_p99)
                .map(|x| x.median)
                .unwrap_or_default(),
            Summary::of(&f.load_p50)
                .map(|x| x.median)
                .unwrap_or_default()
        );
        if s.scale_http {
            let (p50, p99, rss) = http_probe(&db.url, store, &ids, &mut token, s).await?;
            f.http_p50 = p50;
            f.http_p99 = p99;
            f.rss = rss;
        }
        let base = first.as_ref().map(|(n, b)| (*n, b));
        let label = short(size);
        let rows = [
            (
                "append latency, p50",
                &f.append_p50,
                base.map(|(_, b)| &b.append_p50),
            ),
            (
                "append latency, p99",
                &f.append_p99,
                base.map(|(_, b)| &b.append_p99),
            ),
            (
                "ticket(id) load latency, p50",
                &f.load_p50,
                base.map(|(_, b)| &b.load_p50),
            ),
            (
                "ticket(id) load latency, p99",
                &f.load_p99,
                base.map(|(_, b)| &b.load_p99),
            ),
            (
                "ticket(id) over HTTP, p50",
                &f.http_p50,
                base.map(|(_, b)| &b.http_p50),
            ),
            (
                "ticket(id) over HTTP, p99",
                &f.http_p99,
                base.map(|(_, b)| &b.http_p99),
            ),
        ];
        for (metric, ours, baseline) in rows {
            if ours.is_empty() {
                continue;
            }
            report.row(Row {
                part: part.clone(),
                metric: format!("{metric} @ {label} events"),
                unit: "µs",
                ours: Summary::of(ours).context("no runs")?,
                baseline_name: base
                    .map(|(n, _)| format!("same @ {} events", short(n)))
                    .unwrap_or_default(),
                baseline: baseline.and_then(|b| Summary::of(b)),
                better: Better::Lower,
            });
        }
        if let Some(rss) = f.rss {
            report.row(Row {
                part: part.clone(),
                metric: format!("server peak RSS @ {label} events"),
                unit: "MiB",
                ours: Summary::of(&[rss]).context("rss")?,
                baseline_name: String::new(),
                baseline: None,
                better: Better::Lower,
            });
            if size >= 1_000_000 && db.kind == Kind::Sqlite {
                report.goals.push(Goal {
                    target: format!("server RSS < 100 MB with {label} events (SQLite)"),
                    measured: format!("{rss:.0} MiB peak"),
                    met: Some(rss < 100.0),
                    margin: format!("{:+.0}% of the limit", (rss / 100.0 - 1.0) * 100.0),
                });
            }
        }
        if first.is_none() {
            first = Some((size, f));
        } else if size >= 1_000_000 || size == *s.scale_sizes.iter().max().unwrap_or(&size) {
            if let Some((small, b)) = &first {
                goal_flat(report, db.kind, *small, size, b, &f);
            }
        }
    }
    report.note(
        &part,
        format!(
            "The log is filled with real {TICKET_LEN}-event tickets (open + notes, decided by the domain) \
             through the store, then `ANALYZE`d; each run makes {APPENDS} sequential one-event appends to \
             random existing tickets and {} `Tickets::load`s of random tickets (the work behind the GraphQL \
             `ticket(id)` query, without HTTP). The ratio compares each size with the smallest.",
            s.loads
        ),
    );
    Ok(())
}

fn goal_flat(
    report: &mut Report,
    kind: Kind,
    small: usize,
    large: usize,
    a: &Figures,
    b: &Figures,
) {
    // Through HTTP when measured (what a client sees), else at the store.
    let (xs, ys, how) = if !a.http_p50.is_empty() && !b.http_p50.is_empty() {
        (&a.http_p50, &b.http_p50, "HTTP `ticket(id)` p50")
    } else {
        (&a.load_p50, &b.load_p50, "store `Tickets::load` p50")
    };
    let (Some(x), Some(y)) = (Summary::of(xs), Summary::of(ys)) else {
        return;
    };
    let ratio = y.median / x.median;
    let met = ratio <= 1.2;
    report.goals.push(Goal {
        target: format!(
            "`ticket(id)` latency within 20% between {} and {} events ({})",
            short(small),
            short(large),
            kind.label()
        ),
        measured: format!(
            "{how} {} µs @ {} vs {} µs @ {} = {ratio:.2}×",
            fmt_num(x.median),
            short(small),
            fmt_num(y.median),
            short(large)
        ),
        met: Some(met),
        margin: if met {
            format!("{:+.0}%", (ratio - 1.0) * 100.0)
        } else {
            format!("missed: {:+.0}% (limit +20%)", (ratio - 1.0) * 100.0)
        },
    });
}

/// Starts the server on the log as it is, waits until its projections have
/// caught up (so the figures are of a steady server), then times `ticket(id)`
/// over HTTP and reads the server's peak RSS.
async fn http_probe(
    url: &str,
    store: &EventStore,
    ids: &[Uuid],
    token: &mut Option<String>,
    s: &Settings,
) -> anyhow::Result<(Vec<f64>, Vec<f64>, Option<f64>)> {
    let token = match token {
        Some(t) => t.clone(),
        None => {
            let t = server::token(url, "customer_service").await?;
            *token = Some(t.clone());
            t
        }
    };
    let server = Server::start(url).await?;
    let started = Instant::now();
    loop {
        let lags = returns_projections::lag(store).await.unwrap_or_default();
        if !lags.is_empty() && lags.iter().all(|l| l.behind == 0) {
            break;
        }
        // A server that runs no projections leaves no checkpoints.
        if lags.is_empty() && started.elapsed() > std::time::Duration::from_secs(10) {
            break;
        }
        if started.elapsed() > std::time::Duration::from_secs(900) {
            println!("  projections did not catch up within 900 s; measuring anyway");
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    let http = reqwest::Client::new();
    let query =
        "query($id: UUID!) { ticket(id: $id) { id status version lines { lineId qtyApplied } } }";
    let (mut p50, mut p99) = (Vec::new(), Vec::new());
    for _ in 0..s.runs {
        let mut lat = Latencies::with_capacity(s.loads);
        for _ in 0..s.loads {
            let id = ids[pick(ids.len())];
            let t = Instant::now();
            let response: serde_json::Value = http
                .post(format!("{}/graphql", server.base))
                .bearer_auth(&token)
                .json(&serde_json::json!({ "query": query, "variables": { "id": id } }))
                .send()
                .await?
                .json()
                .await?;
            lat.push(t.elapsed());
            anyhow::ensure!(
                response.get("errors").is_none(),
                "ticket(id) failed: {response}"
            );
        }
        p50.push(lat.percentile_us(50.0));
        p99.push(lat.percentile_us(99.0));
    }
    let rss = server.peak_rss_mib();
    server.stop().await?;
    Ok((p50, p99, rss))
}

fn short(n: usize) -> String {
    if n >= 1_000_000 && n.is_multiple_of(1_000_000) {
        format!("{}M", n / 1_000_000)
    } else if n >= 1_000 && n.is_multiple_of(1_000) {
        format!("{}k", n / 1_000)
    } else {
        n.to_string()
    }
}
