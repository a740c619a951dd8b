//! Cost as history grows: append latency and ticket load latency with 10k,
//! 100k and 1M events in the log. The log is filled in steps with real
//! 10-event tickets; each step is measured against the smallest size.

use std::time::Instant;

use anyhow::Context;
use returns_eventstore::{EventStore, ExpectedVersion};
use returns_workflows::ticket as tickets;
use uuid::Uuid;

use crate::db::{Database, Kind};
use crate::report::{fmt_num, Better, Goal, Report, Row};
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

struct Figures {
    append_p50: Vec<f64>,
    append_p99: Vec<f64>,
    load_p50: Vec<f64>,
    load_p99: Vec<f64>,
}

async fn measure(report: &mut Report, s: &Settings, db: &Database) -> anyhow::Result<()> {
    let part = part(db.kind);
    let store = EventStore::connect(&db.url).await?;
    let note = workload::note_event(1)?;
    let mut sizes = s.scale_sizes.clone();
    sizes.sort_unstable();
    let mut ids: Vec<Uuid> = Vec::new();
    let mut first: Option<(usize, Figures)> = None;
    for size in sizes {
        let head = usize::try_from(store.head_position().await?)?;
        if size > head {
            let started = Instant::now();
            let more = (size - head) / TICKET_LEN;
            // Chunks keep memory flat and let the progress line move.
            let mut left = more;
            while left > 0 {
                let n = left.min(20_000);
                ids.extend(prefill::tickets(&store, n, TICKET_LEN, 32).await?);
                left -= n;
            }
            println!(
                "  {part}: filled to {} events in {:.1}s",
                store.head_position().await?,
                started.elapsed().as_secs_f64()
            );
        }
        db.analyze().await?;
        let runs = if size >= 1_000_000 { s.runs.min(3) } else { s.runs };
        let mut f = Figures {
            append_p50: vec![],
            append_p99: vec![],
            load_p50: vec![],
            load_p99: vec![],
        };
        for _ in 0..runs {
            let mut appends = Latencies::with_capacity(APPENDS);
            for _ in 0..APPENDS {
                let id = ids[pick(ids.len())];
                let t = Instant::now();
                store
                    .append(
                        &tickets::stream_id(id),
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
                let loaded = tickets::load(&store, id).await?;
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
            Summary::of(&f.append_p99).map(|x| x.median).unwrap_or_default(),
            Summary::of(&f.load_p50).map(|x| x.median).unwrap_or_default()
        );
        let base = first.as_ref().map(|(n, b)| (*n, b));
        let label = short(size);
        let rows = [
            ("append latency, p50", &f.append_p50, base.map(|(_, b)| &b.append_p50)),
            ("append latency, p99", &f.append_p99, base.map(|(_, b)| &b.append_p99)),
            ("ticket(id) load latency, p50", &f.load_p50, base.map(|(_, b)| &b.load_p50)),
            ("ticket(id) load latency, p99", &f.load_p99, base.map(|(_, b)| &b.load_p99)),
        ];
        for (metric, ours, baseline) in rows {
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
             random existing tickets and {} `ticket::load`s of random tickets (the work behind the GraphQL \
             `ticket(id)` query, without HTTP). The ratio compares each size with the smallest.",
            s.loads
        ),
    );
    Ok(())
}

fn goal_flat(report: &mut Report, kind: Kind, small: usize, large: usize, a: &Figures, b: &Figures) {
    let (Some(x), Some(y)) = (Summary::of(&a.load_p50), Summary::of(&b.load_p50)) else {
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
            "load p50 {} µs @ {} vs {} µs @ {} = {ratio:.2}×",
            fmt_num(x.median),
            short(small),
            fmt_num(y.median),
            short(large)
        ),
        met,
        margin: if met {
            format!("{:+.0}%", (ratio - 1.0) * 100.0)
        } else {
            format!("missed: {:+.0}% (limit +20%)", (ratio - 1.0) * 100.0)
        },
    });
}

fn short(n: usize) -> String {
    if n >= 1_000_000 && n % 1_000_000 == 0 {
        format!("{}M", n / 1_000_000)
    } else if n >= 1_000 && n % 1_000 == 0 {
        format!("{}k", n / 1_000)
    } else {
        n.to_string()
    }
}
