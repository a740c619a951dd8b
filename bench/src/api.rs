//! GraphQL over HTTP with N concurrent clients (1, 16, 64): the `ticket(id)`
//! query (and the worklist, when the API has one) and the `recordInspection`
//! mutation, requests/s and p50/p99, against the same operation called
//! in-process (the cost of HTTP + GraphQL + auth); the server's peak RSS.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use returns_domain::command::RecordInspection;
use returns_domain::ticket::{Grade, Verdict};
use returns_domain::{Command, Currency, Money};
use returns_eventstore::EventStore;
use returns_tickets::Tickets;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::db::{Database, Kind};
use crate::report::{Better, Goal, Report, Row};
use crate::server::{self, Server};
use crate::stats::{Latencies, Summary};
use crate::{peer::pick, prefill, workload, Settings};

const TICKET_QUERY: &str = "query($id: UUID!) { ticket(id: $id) { id status version kind customer lines { lineId qtyApplied qtyReceived } nextActions { command } } }";
const RECORD_INSPECTION: &str = "mutation($id: UUID!, $cmd: UUID!, $input: RecordInspectionInput!) { recordInspection(ticketId: $id, commandId: $cmd, input: $input) { version position } }";
const WORKLIST_QUERY: &str = "query { worklist(first: 20, filter: { status: RECEIVED }) { nodes { ticketId status kind customer channel nextAction nextActionDue slaBreached paid { amountMinor currency } refundable { amountMinor } version } pageInfo { hasNextPage endCursor } } }";
/// Tickets ready for inspection, shared out among the clients.
const TICKETS: usize = 640;

fn part(kind: Kind) -> String {
    format!("API: GraphQL over HTTP ({})", kind.label())
}

/// Runs the API part on SQLite (the goals name SQLite).
pub async fn run(report: &mut Report, s: &Settings) -> anyhow::Result<()> {
    let db = Database::create(Kind::Sqlite, &s.database_url, "api").await?;
    let result = measure(report, s, &db).await;
    db.drop_now().await?;
    result
}

fn inspection() -> Command {
    let cny = Currency::parse("CNY").unwrap_or_else(|_| unreachable!("CNY is valid"));
    Command::RecordInspection(RecordInspection {
        line_id: "L1".into(),
        qty_inspected: 1,
        qty_accepted: 1,
        grade: Grade::New,
        verdict: Verdict::Pass,
        deduction: Money::new(0, cny),
        notes: String::new(),
        photo_refs: vec![],
        at: workload::t0() + chrono::Duration::days(3),
    })
}

async fn measure(report: &mut Report, s: &Settings, db: &Database) -> anyhow::Result<()> {
    let part = part(db.kind);
    // Tickets received and awaiting inspection, written before the server starts.
    let tickets = server::tickets_like_the_server(EventStore::connect(&db.url).await?).await?;
    let ids = prefill::executed(&tickets, TICKETS, 4, 16).await?;
    let reader = server::token(&db.url, "customer_service").await?;
    let warehouse = server::token(&db.url, "warehouse").await?;
    let server = Server::start(&db.url).await?;
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(128)
        .timeout(Duration::from_secs(30))
        .build()?;
    let ids = Arc::new(ids);

    let probe = post(&http, &server.base, &reader, WORKLIST_QUERY, json!({})).await?;
    let has_worklist = probe.get("errors").is_none();

    for clients in [1usize, 16, 64] {
        let mut f = Figures::default();
        for _ in 0..s.runs {
            let (rps, mut lat) = http_load(
                &http,
                &server.base,
                &reader,
                &ids,
                clients,
                s.duration,
                Op::Ticket,
            )
            .await?;
            f.ours_rps.push(rps);
            f.ours_p50.push(lat.percentile_us(50.0));
            f.ours_p99.push(lat.percentile_us(99.0));
            let (rps, mut lat) =
                local_load(&tickets, &ids, clients, s.duration, Op::Ticket).await?;
            f.base_rps.push(rps);
            f.base_p50.push(lat.percentile_us(50.0));
            f.base_p99.push(lat.percentile_us(99.0));
        }
        f.rows(
            report,
            &part,
            &format!("ticket(id) query, {clients} clients"),
            "in-process Tickets::load",
        );
        if has_worklist {
            let mut f = Figures::default();
            for _ in 0..s.runs {
                let (rps, mut lat) = http_load(
                    &http,
                    &server.base,
                    &reader,
                    &ids,
                    clients,
                    s.duration,
                    Op::Worklist,
                )
                .await?;
                f.ours_rps.push(rps);
                f.ours_p50.push(lat.percentile_us(50.0));
                f.ours_p99.push(lat.percentile_us(99.0));
            }
            f.rows(
                report,
                &part,
                &format!("worklist query, {clients} clients"),
                "",
            );
        }
        let mut f = Figures::default();
        for _ in 0..s.runs {
            let (rps, mut lat) = http_load(
                &http,
                &server.base,
                &warehouse,
                &ids,
                clients,
                s.duration,
                Op::Inspect,
            )
            .await?;
            f.ours_rps.push(rps);
            f.ours_p50.push(lat.percentile_us(50.0));
            f.ours_p99.push(lat.percentile_us(99.0));
            let (rps, mut lat) =
                local_load(&tickets, &ids, clients, s.duration, Op::Inspect).await?;
            f.base_rps.push(rps);
            f.base_p50.push(lat.percentile_us(50.0));
            f.base_p99.push(lat.percentile_us(99.0));
        }
        f.rows(
            report,
            &part,
            &format!("recordInspection mutation, {clients} clients"),
            "in-process Tickets::execute",
        );
        println!("  {part}: {clients} clients done");
    }
    let rss = server
        .peak_rss_mib()
        .context("cannot read the server's RSS")?;
    report.row(Row {
        part: part.clone(),
        metric: "server peak RSS after the load above".into(),
        unit: "MiB",
        ours: Summary::of(&[rss]).context("rss")?,
        baseline_name: String::new(),
        baseline: None,
        better: Better::Lower,
    });
    server.stop().await?;

    report.goal_ratio(
        &part,
        "recordInspection mutation, 16 clients requests/s",
        "`recordInspection` over HTTP vs in-process, 16 clients ≥ 0.7×",
        0.7,
        true,
    );
    report.goals.push(Goal {
        target: "server peak RSS after the API load (SQLite) < 100 MiB".into(),
        measured: format!("{rss:.0} MiB"),
        met: Some(rss < 100.0),
        margin: format!("{:+.0}% of the limit", (rss / 100.0 - 1.0) * 100.0),
    });
    if let Some(row) = report.find(&part, "worklist query, 16 clients p99") {
        let p99 = row.ours.median;
        report.goals.push(Goal {
            target: "worklist query p99 < 10 ms at 16 clients (SQLite)".into(),
            measured: format!("{:.1} ms", p99 / 1000.0),
            met: Some(p99 < 10_000.0),
            margin: format!("{:+.0}% of the limit", (p99 / 10_000.0 - 1.0) * 100.0),
        });
    } else {
        let stand_in = report
            .find(&part, "ticket(id) query, 16 clients p99")
            .map(|r| {
                format!(
                    "stand-in `ticket(id)` p99 at 16 clients: {:.1} ms",
                    r.ours.median / 1000.0
                )
            })
            .unwrap_or_default();
        report.goals.push(Goal {
            target: "worklist query p99 < 10 ms at 16 clients (SQLite)".into(),
            measured: stand_in,
            met: None,
            margin: "the API at this commit has no worklist query".into(),
        });
    }
    report.note(
        &part,
        format!(
            "{TICKETS} tickets received and awaiting inspection; each client runs requests back to back for {:.1} s \
             through one pooled HTTP client. `ticket(id)` reads a random ticket; `recordInspection` re-inspects \
             line L1 of one of the client's own tickets (a new event each time; the ticket grows through the run). The baseline \
             is the same operation with the same concurrency in the benchmark process, without HTTP, GraphQL or \
             auth, on the same database while the server idles.{}",
            s.duration.as_secs_f64(),
            if has_worklist { "" } else { " The API at this commit has no worklist query: that figure is missing." }
        ),
    );
    Ok(())
}

#[derive(Default)]
struct Figures {
    ours_rps: Vec<f64>,
    ours_p50: Vec<f64>,
    ours_p99: Vec<f64>,
    base_rps: Vec<f64>,
    base_p50: Vec<f64>,
    base_p99: Vec<f64>,
}

impl Figures {
    fn rows(&self, report: &mut Report, part: &str, metric: &str, baseline: &str) {
        for (suffix, unit, ours, base, better) in [
            (
                "requests/s",
                "requests/s",
                &self.ours_rps,
                &self.base_rps,
                Better::Higher,
            ),
            ("p50", "µs", &self.ours_p50, &self.base_p50, Better::Lower),
            ("p99", "µs", &self.ours_p99, &self.base_p99, Better::Lower),
        ] {
            let Some(ours) = Summary::of(ours) else {
                continue;
            };
            report.row(Row {
                part: part.to_owned(),
                metric: format!("{metric} {suffix}"),
                unit,
                ours,
                baseline_name: baseline.to_owned(),
                baseline: Summary::of(base),
                better,
            });
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    Ticket,
    Worklist,
    Inspect,
}

/// A random ticket for a read; for a write, one of the client's own tickets,
/// so clients never race each other (that is the concurrency suite's job).
fn own(ids: &[Uuid], client: usize, clients: usize, op: Op) -> Uuid {
    if op == Op::Inspect {
        let per_client = (ids.len() / clients).max(1);
        ids[(client + clients * pick(per_client)) % ids.len()]
    } else {
        ids[pick(ids.len())]
    }
}

/// One GraphQL request over HTTP with a bearer token; the parsed response.
pub(crate) async fn post(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    query: &str,
    variables: Value,
) -> anyhow::Result<Value> {
    Ok(http
        .post(format!("{base}/graphql"))
        .bearer_auth(token)
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await?
        .json()
        .await?)
}

async fn http_load(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    ids: &Arc<Vec<Uuid>>,
    clients: usize,
    duration: Duration,
    op: Op,
) -> anyhow::Result<(f64, Latencies)> {
    let started = Instant::now();
    let deadline = started + duration;
    let mut tasks = Vec::new();
    for client in 0..clients {
        let (http, base, token, ids) =
            (http.clone(), base.to_owned(), token.to_owned(), ids.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Latencies::default();
            let mut n = 0u64;
            while Instant::now() < deadline {
                let id = own(&ids, client, clients, op);
                let (query, vars) = match op {
                    Op::Ticket => (TICKET_QUERY, json!({ "id": id })),
                    Op::Worklist => (WORKLIST_QUERY, json!({})),
                    Op::Inspect => (
                        RECORD_INSPECTION,
                        json!({ "id": id, "cmd": Uuid::now_v7(), "input": {
                            "lineId": "L1", "qtyInspected": 1, "qtyAccepted": 1, "grade": "NEW", "verdict": "PASS",
                            "deduction": { "amountMinor": 0, "currency": "CNY" } } }),
                    ),
                };
                let t = Instant::now();
                let response = post(&http, &base, &token, query, vars).await?;
                lat.push(t.elapsed());
                anyhow::ensure!(response.get("errors").is_none(), "request failed: {response}");
                n += 1;
            }
            anyhow::Ok((n, lat))
        }));
    }
    let mut total = 0;
    let mut all = Latencies::default();
    for t in tasks {
        let (n, lat) = t.await??;
        total += n;
        all.merge(lat);
    }
    Ok((total as f64 / started.elapsed().as_secs_f64(), all))
}

async fn local_load(
    tickets: &Tickets,
    ids: &Arc<Vec<Uuid>>,
    clients: usize,
    duration: Duration,
    op: Op,
) -> anyhow::Result<(f64, Latencies)> {
    let started = Instant::now();
    let deadline = started + duration;
    let mut tasks = Vec::new();
    for client in 0..clients {
        let (tickets, ids) = (tickets.clone(), ids.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Latencies::default();
            let mut n = 0u64;
            let command = inspection();
            while Instant::now() < deadline {
                let id = own(&ids, client, clients, op);
                let t = Instant::now();
                match op {
                    Op::Inspect => {
                        tickets
                            .execute(id.into(), None, &command, workload::meta())
                            .await?;
                    }
                    Op::Ticket | Op::Worklist => {
                        tickets.load(id.into()).await?;
                    }
                }
                lat.push(t.elapsed());
                n += 1;
            }
            anyhow::Ok((n, lat))
        }));
    }
    let mut total = 0;
    let mut all = Latencies::default();
    for t in tasks {
        let (n, lat) = t.await??;
        total += n;
        all.merge(lat);
    }
    Ok((total as f64 / started.elapsed().as_secs_f64(), all))
}
