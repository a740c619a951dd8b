//! The server's memory under steady mixed load (SQLite): 8 clients writing
//! notes and 4 reading tickets and the worklist through GraphQL over HTTP,
//! for `--soak-seconds`, at a fixed pace (`--soak-writes-per-second`, reads
//! at twice that), with the server's RSS and its allocator's figures sampled
//! every few seconds.
//! Every 20th write opens a ticket for a new customer instead, so the
//! sealing path (a new data key and blind-index rows) runs throughout.
//! The figures that matter are the RSS after warm-up, its highest sample,
//! and whether it still grows: the mean of the last third of the samples
//! against the first third's.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use returns_eventstore::EventStore;
use serde_json::json;
use uuid::Uuid;

use crate::api::post;
use crate::db::{Database, Kind};
use crate::report::{Better, Goal, Report, Row};
use crate::server::{self, Server};
use crate::stats::Summary;
use crate::{peer::pick, prefill, Settings};

const PART: &str = "steady mixed load (SQLite)";
const WRITERS: usize = 8;
const READERS: usize = 4;
/// Tickets the writers spread their notes over.
const TICKETS: usize = 5_000;
const SAMPLE_EVERY: Duration = Duration::from_secs(5);
/// The default pace: writes per second from all writers together. Paced,
/// every run does the same work, so its memory compares with another run's
/// and another machine's; sent as fast as answered, a setting that slowed
/// the server also lowered its RSS, and the two could not be told apart
/// (stop 37: 370–525 writes/s that way, on two cores shared with the
/// clients, so this pace is one every machine seen has kept).
pub const WRITES_PER_SECOND: f64 = 250.0;
/// Reads the readers send per write.
const READS_PER_WRITE: f64 = 2.0;

const ADD_NOTE: &str = "mutation($id: UUID!, $cmd: UUID!, $text: String!) { addNote(ticketId: $id, commandId: $cmd, input: { text: $text }) { version } }";
const TICKET: &str = "query($id: UUID!) { ticket(id: $id) { id status version customer lines { lineId qtyApplied } nextActions { command } } }";
const OPEN: &str = "mutation($cmd: UUID!, $input: OpenTicketInput!) { openTicket(commandId: $cmd, input: $input) { version } }";
/// One write in this many opens a ticket for a new customer.
const OPEN_EVERY: u64 = 20;
const WORKLIST: &str =
    "query { worklist(first: 20) { nodes { ticketId status nextAction version } } }";

/// Runs the part.
pub async fn run(report: &mut Report, s: &Settings) -> anyhow::Result<()> {
    let db = Database::create(Kind::Sqlite, &s.database_url, "soak").await?;
    let result = measure(report, s, &db).await;
    db.drop_now().await?;
    result
}

async fn measure(report: &mut Report, s: &Settings, db: &Database) -> anyhow::Result<()> {
    let tickets = server::tickets_like_the_server(EventStore::connect(&db.url).await?).await?;
    let ids = prefill::executed(&tickets, TICKETS, 2, 16).await?;
    drop(tickets);
    let writer = server::token(&db.url, "customer_service").await?;
    let server = Server::start(&db.url).await?;
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(32)
        .timeout(Duration::from_secs(30))
        .build()?;
    let ids = Arc::new(ids);
    let deadline = Instant::now() + s.soak;
    let (writes, reads, errors) = (
        Arc::new(AtomicU64::new(0)),
        Arc::new(AtomicU64::new(0)),
        Arc::new(AtomicU64::new(0)),
    );
    let mut tasks = Vec::new();
    for client in 0..WRITERS + READERS {
        let (http, base, token, ids) = (
            http.clone(),
            server.base.clone(),
            writer.clone(),
            ids.clone(),
        );
        let (writes, reads, errors) = (writes.clone(), reads.clone(), errors.clone());
        let mut pace = pace(s.soak_rate, client);
        tasks.push(tokio::spawn(async move {
            let mut n = 0u64;
            while Instant::now() < deadline {
                if let Some(ticks) = pace.as_mut() {
                    ticks.tick().await;
                    if Instant::now() >= deadline {
                        break;
                    }
                }
                n += 1;
                let id = ids[pick(ids.len())];
                let (query, variables, counter) =
                    if client < WRITERS && n.is_multiple_of(OPEN_EVERY) {
                        let customer = format!("soak buyer {client}-{n}");
                        (
                            OPEN,
                            json!({ "cmd": Uuid::now_v7(), "input": {
                            "kind": "RETURN_AND_REFUND", "channel": "taobao",
                            "platformOrderId": format!("SOAK-{client}-{n}"), "customer": customer,
                            "reasonCode": "quality_issue", "reasonText": "seam came apart",
                            "currency": "CNY",
                            "lines": [{ "lineId": "L1", "sku": "SKU-1", "name": "Jacket", "qty": 1,
                                        "paid": { "amountMinor": 29900, "currency": "CNY" } }] } }),
                            &writes,
                        )
                    } else if client < WRITERS {
                        let text = format!("soak note {n} from client {client}");
                        (
                            ADD_NOTE,
                            json!({ "id": id, "cmd": Uuid::now_v7(), "text": text }),
                            &writes,
                        )
                    } else if n.is_multiple_of(2) {
                        (TICKET, json!({ "id": id }), &reads)
                    } else {
                        (WORKLIST, json!({}), &reads)
                    };
                let ok = post(&http, &base, &token, query, variables)
                    .await
                    .is_ok_and(|v| v.get("errors").is_none());
                if ok {
                    counter.fetch_add(1, Ordering::Relaxed);
                } else {
                    errors.fetch_add(1, Ordering::Relaxed);
                }
            }
        }));
    }
    let started = Instant::now();
    let mut samples: Vec<(f64, server::RssParts, Option<Allocator>)> = Vec::new();
    while Instant::now() < deadline {
        tokio::time::sleep(SAMPLE_EVERY.min(deadline.saturating_duration_since(Instant::now())))
            .await;
        if let Some(rss) = server.rss_parts_mib() {
            let allocator = allocator(&http, &server.base).await;
            samples.push((started.elapsed().as_secs_f64(), rss, allocator));
        }
    }
    for task in tasks {
        task.await?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let peak = server
        .peak_rss_mib()
        .context("cannot read the server's RSS")?;
    server.stop().await?;

    // Warm-up: the first fifth of the run (at least a minute when it is long).
    let warm = (elapsed / 5.0).min(60.0);
    let after_warm_up: Vec<_> = samples.iter().filter(|(t, _, _)| *t >= warm).collect();
    let steady: Vec<f64> = after_warm_up.iter().map(|(_, r, _)| r.total).collect();
    let low = steady.iter().copied().fold(f64::INFINITY, f64::min);
    let (_, highest, highest_allocator) = after_warm_up
        .iter()
        .copied()
        .max_by(|a, b| a.1.total.total_cmp(&b.1.total))
        .context("no RSS samples after warm-up")?;
    let high = highest.total;
    let mut figures = vec![
        ("server RSS after warm-up, highest sample", high),
        ("of it anonymous (heap, stacks)", highest.anon),
        (
            "of it file-backed (the binary's code and data)",
            highest.file,
        ),
    ];
    if let Some(a) = highest_allocator {
        figures.extend([
            ("of the anonymous, jemalloc's resident pages", a.resident),
            ("of those, live heap (jemalloc allocated)", a.allocated),
            (
                "of those, pages kept free or fragmented (resident − allocated)",
                a.resident - a.allocated,
            ),
        ]);
        if let Some(cache) = a.ticket_cache {
            figures.push(("of the live heap, the ticket state cache (its estimate)", cache));
        }
        if let Some(cache) = a.key_cache {
            figures.push(("of the live heap, the data key cache (its estimate)", cache));
        }
    }
    figures.extend([
        ("server RSS after warm-up, lowest sample", low),
        ("server peak RSS (whole run)", peak),
    ]);
    for (metric, value) in figures {
        report.row(Row {
            part: PART.into(),
            metric: metric.into(),
            unit: "MiB",
            ours: Summary::of(&[value]).context("rss")?,
            baseline_name: String::new(),
            baseline: None,
            better: Better::Lower,
        });
    }
    let (w, r, e) = (
        writes.load(Ordering::Relaxed),
        reads.load(Ordering::Relaxed),
        errors.load(Ordering::Relaxed),
    );
    for (metric, value) in [
        ("writes/s", w as f64 / elapsed),
        ("reads/s", r as f64 / elapsed),
    ] {
        report.row(Row {
            part: PART.into(),
            metric: metric.into(),
            unit: "requests/s",
            ours: Summary::of(&[value]).context("rate")?,
            baseline_name: String::new(),
            baseline: None,
            better: Better::Higher,
        });
    }
    // Flat: the mean of the last third of the steady samples is at most 10%
    // above the first third's (a sawtooth is fine, a climb is not).
    let spread = high / low - 1.0;
    let (first, last) = thirds(&steady).context("no RSS samples after warm-up")?;
    let growth = last / first - 1.0;
    report.row(Row {
        part: PART.into(),
        metric: "server RSS after warm-up, last third's mean over the first third's".into(),
        unit: "×",
        ours: Summary::of(&[last / first]).context("rss")?,
        baseline_name: String::new(),
        baseline: None,
        better: Better::Lower,
    });
    // The live heap's own growth, apart from what the allocator keeps: a
    // climb in RSS with a flat heap is pages kept for reuse, not a leak.
    let heap: Vec<f64> = after_warm_up
        .iter()
        .filter_map(|(_, _, a)| a.map(|a| a.allocated))
        .collect();
    let heap_growth = thirds(&heap).map(|(first, last)| last / first);
    // The ticket state and data key caches fill towards their budgets as
    // notes and buyers are added: that part of the heap's growth is bounded.
    let cache: Vec<f64> = after_warm_up
        .iter()
        .filter_map(|(_, _, a)| a.and_then(|a| Some(a.ticket_cache? + a.key_cache?)))
        .collect();
    let cache_growth = thirds(&cache);
    if let Some(ratio) = heap_growth {
        report.row(Row {
            part: PART.into(),
            metric: "live heap (jemalloc allocated) after warm-up, last third's mean over the first third's".into(),
            unit: "×",
            ours: Summary::of(&[ratio]).context("heap")?,
            baseline_name: String::new(),
            baseline: None,
            better: Better::Lower,
        });
    }
    report.goals.push(Goal {
        target: format!(
            "server RSS over a {:.0}-minute steady mixed load (SQLite) flat after warm-up: last third ≤ first third + 10%",
            elapsed / 60.0
        ),
        measured: format!(
            "first third {first:.0} MiB, last third {last:.0} MiB ({:+.1}%){}",
            growth * 100.0,
            heap_growth.map_or(String::new(), |r| format!(
                "; the live heap {:+.1}%{}",
                (r - 1.0) * 100.0,
                cache_growth.map_or(String::new(), |(a, b)| format!(
                    "; the ticket state and data key caches together went from {a:.1} to {b:.1} MiB"
                ))
            ))
        ),
        met: Some(growth <= 0.10),
        margin: if growth <= 0.10 {
            format!("met by {:.1} points", (0.10 - growth) * 100.0)
        } else {
            format!("missed by {:.1} points", (growth - 0.10) * 100.0)
        },
    });
    let met = high < 100.0;
    report.goals.push(Goal {
        target: format!(
            "server RSS over a {:.0}-minute steady mixed load (SQLite) < 100 MiB",
            elapsed / 60.0
        ),
        measured: format!(
            "{low:.0}–{high:.0} MiB after {warm:.0} s of warm-up ({} samples, spread {:.0}%); \
             the highest is {:.0} MiB anonymous{} and {:.0} MiB mapped from the executable",
            steady.len(),
            spread * 100.0,
            highest.anon,
            highest_allocator.map_or(String::new(), |a| format!(
                " ({:.0} MiB of it live heap)",
                a.allocated
            )),
            highest.file
        ),
        met: Some(met),
        margin: format!("highest {:+.0}% of the limit", (high / 100.0 - 1.0) * 100.0),
    });
    let paced = if s.soak_rate > 0.0 {
        let (want_w, want_r) = (s.soak_rate, s.soak_rate * READS_PER_WRITE);
        let kept = (w as f64 / elapsed) / want_w;
        format!(
            "The clients are paced at {want_w:.0} writes/s and {want_r:.0} reads/s in all (each on a \
             fixed schedule that skips a tick it missed), so every run does the same work; they \
             sent {:.0}% of the writes due{}.",
            kept * 100.0,
            if kept < 0.95 {
                ": the server did not keep this pace, so this run did less work than the pace says"
            } else {
                ""
            }
        )
    } else {
        "The clients send as fast as the server answers (`--soak-writes-per-second 0`), so a \
         faster server also does more work."
            .to_owned()
    };
    report.note(
        PART,
        format!(
            "{WRITERS} clients add notes to random tickets of {TICKETS} (opened and approved before the \
             server starts) and {READERS} clients alternate `ticket(id)` and the worklist, all through \
             GraphQL over HTTP, for {elapsed:.0} s; every {OPEN_EVERY}th write opens a ticket for a new \
             customer instead (a new data key, sealed fields, blind-index rows); {e} requests failed. \
             RSS is sampled from /proc every {} s; flat means the mean of the last third of the samples \
             after warm-up is at most 10% above the first third's. {paced} With each RSS sample, \
             jemalloc's own figures are read from the server's `/metrics`: `allocated` is the live \
             heap, `resident` the allocator's pages in RAM, the freed ones it keeps included.",
            SAMPLE_EVERY.as_secs()
        ),
    );
    Ok(())
}

/// The means of the first and the last third of `samples`, or none when
/// there is no sample (a third of fewer than three is one sample).
fn thirds(samples: &[f64]) -> Option<(f64, f64)> {
    let third = (samples.len() / 3).max(1);
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    (!samples.is_empty()).then(|| {
        (
            mean(&samples[..third]),
            mean(&samples[samples.len() - third..]),
        )
    })
}

/// A client's fixed schedule at `rate` writes per second in all (reads at
/// [`READS_PER_WRITE`] times that), its start spread over one period so the
/// clients do not send together; none at rate 0.
fn pace(rate: f64, client: usize) -> Option<tokio::time::Interval> {
    if rate <= 0.0 {
        return None;
    }
    let (clients, index, per_second) = if client < WRITERS {
        (WRITERS, client, rate)
    } else {
        (READERS, client - WRITERS, rate * READS_PER_WRITE)
    };
    let period = Duration::from_secs_f64(clients as f64 / per_second);
    let start = tokio::time::Instant::now() + period.mul_f64(index as f64 / clients as f64);
    let mut ticks = tokio::time::interval_at(start, period);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    Some(ticks)
}

/// jemalloc's figures of the server, and its two caches that fill, in MiB.
#[derive(Debug, Clone, Copy)]
struct Allocator {
    allocated: f64,
    resident: f64,
    /// What the ticket state cache and the data key cache estimate they
    /// hold (part of `allocated`): the two caches that fill during the soak,
    /// one with the notes added to its tickets, one with its new buyers.
    ticket_cache: Option<f64>,
    key_cache: Option<f64>,
}

/// The allocator's figures from the server's `/metrics`, or none (a server
/// without jemalloc, or a scrape that failed).
async fn allocator(http: &reqwest::Client, base: &str) -> Option<Allocator> {
    let text = http
        .get(format!("{base}/metrics"))
        .send()
        .await
        .ok()?
        .text()
        .await
        .ok()?;
    let mib = |prefix: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(prefix))
            .and_then(|v| v.trim().parse::<f64>().ok())
            .map(|b| b / (1024.0 * 1024.0))
    };
    Some(Allocator {
        allocated: mib("returns_allocator_bytes{kind=\"allocated\"} ")?,
        resident: mib("returns_allocator_bytes{kind=\"resident\"} ")?,
        ticket_cache: mib("returns_cache_bytes{cache=\"ticket_states\"} "),
        key_cache: mib("returns_cache_bytes{cache=\"data_keys\"} "),
    })
}
