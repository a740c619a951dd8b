//! Our store against a peer, cqrs-es 0.5 + postgres-es 0.5, on the same
//! PostgreSQL server: commands/s for 1, 8 and 64 clients and the load
//! latency of a 50-event ticket, on logs prefilled with 100,000 events and
//! `VACUUM ANALYZE`d.

pub mod ticket;

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use cqrs_es::persist::PersistedEventStore;
use cqrs_es::EventStore as _;
use postgres_es::{postgres_cqrs, PostgresCqrs, PostgresEventRepository};
use rand::Rng;
use returns_eventstore::ConnectOptions;
use returns_eventstore::{EventStore, StoreOptions};
use returns_tickets::Tickets;
use uuid::Uuid;

use crate::db::{Database, Kind};
use crate::report::{Better, Report, Row};
use crate::stats::{Latencies, Summary};
use crate::{prefill, workload, Settings};
use ticket::PeerTicket;

const PART: &str = "peer: cqrs-es 0.5 + postgres-es 0.5 (PostgreSQL)";

/// The DDL from postgres-es's `db/init.sql` (events and snapshots).
const PEER_DDL: [&str; 2] = [
    "CREATE TABLE events (
        aggregate_type text NOT NULL,
        aggregate_id   text NOT NULL,
        sequence       bigint CHECK (sequence >= 0) NOT NULL,
        event_type     text NOT NULL,
        event_version  text NOT NULL,
        payload        json NOT NULL,
        metadata       json NOT NULL,
        PRIMARY KEY (aggregate_type, aggregate_id, sequence))",
    "CREATE TABLE snapshots (
        aggregate_type   text NOT NULL,
        aggregate_id     text NOT NULL,
        last_sequence    bigint CHECK (last_sequence >= 0) NOT NULL,
        current_snapshot bigint CHECK (current_snapshot >= 0) NOT NULL,
        payload          json NOT NULL,
        PRIMARY KEY (aggregate_type, aggregate_id, last_sequence))",
];

/// Connections each side may use: postgres-es's own default pool size.
const POOL: u32 = 10;

/// Runs the peer comparison and adds its rows and goals.
pub async fn run(report: &mut Report, s: &Settings) -> anyhow::Result<()> {
    let ours_db = Database::create(Kind::Postgres, &s.database_url, "ours").await?;
    let peer_db = Database::create(Kind::Postgres, &s.database_url, "peer").await?;
    let result = measure(report, s, &ours_db, &peer_db).await;
    ours_db.drop_now().await?;
    peer_db.drop_now().await?;
    result
}

async fn measure(
    report: &mut Report,
    s: &Settings,
    ours_db: &Database,
    peer_db: &Database,
) -> anyhow::Result<()> {
    // No key ring, as before: the peer stores its payloads in the clear, so
    // this part compares the stores, not the encryption (the privacy part
    // measures that).
    let store = EventStore::connect_with(
        &ours_db.url,
        StoreOptions {
            connect: ConnectOptions {
                max_read_connections: POOL,
                ..ConnectOptions::default()
            },
            ..StoreOptions::default()
        },
    )
    .await?;
    let tickets = Tickets::plaintext(store);
    let store = tickets.store();
    // The same store through a key ring, as production runs: personal
    // fields sealed before the append (issue #28's figure).
    let sealed = crate::server::tickets_like_the_server(store.clone()).await?;
    let peer_pool = peer_db.pg_pool(POOL).await?;
    for ddl in PEER_DDL {
        sqlx::query(ddl).execute(&peer_pool).await?;
    }
    let cqrs: Arc<PostgresCqrs<PeerTicket>> =
        Arc::new(postgres_cqrs(peer_pool.clone(), vec![], ()));
    let peer_store = Arc::new(PersistedEventStore::<_, PeerTicket>::new_event_store(
        PostgresEventRepository::new(peer_pool.clone()),
    ));

    let prefill_events = s.peer_prefill;
    let started = Instant::now();
    prefill::tickets(store, prefill_events / 10, 10, 32).await?;
    prefill_peer(&peer_pool, prefill_events).await?;
    println!(
        "  peer: prefilled {prefill_events} events on each side in {:.1}s",
        started.elapsed().as_secs_f64()
    );

    // Long tickets for the load latency, written before VACUUM ANALYZE.
    let ours_long = prefill::tickets(store, 20, 50, 4).await?;
    let mut peer_long = Vec::new();
    for _ in 0..20 {
        let id = Uuid::now_v7().to_string();
        cqrs.execute(&id, ticket::main_line(&id).remove(0))
            .await
            .map_err(|e| anyhow::anyhow!("peer open: {e}"))?;
        for i in 1..50 {
            cqrs.execute(&id, ticket::note(i))
                .await
                .map_err(|e| anyhow::anyhow!("peer note: {e}"))?;
        }
        peer_long.push(id);
    }
    ours_db.analyze().await?;
    peer_db.analyze().await?;

    for clients in [1usize, 8, 64] {
        let mut ours = Vec::new();
        let mut ours_sealed = Vec::new();
        let mut peer = Vec::new();
        for run in 0..s.runs {
            ours.push(ours_commands(&tickets, clients, s.duration).await?);
            ours_sealed.push(ours_commands(&sealed, clients, s.duration).await?);
            peer.push(peer_commands(&cqrs, clients, s.duration).await?);
            println!(
                "  peer: {clients} clients run {}: ours {:.0}/s, sealed {:.0}/s, peer {:.0}/s",
                run + 1,
                ours[run],
                ours_sealed[run],
                peer[run]
            );
        }
        let plural = if clients == 1 { "" } else { "s" };
        add(
            report,
            format!("commands/s, {clients} client{plural}"),
            "commands/s",
            &ours,
            &peer,
            Better::Higher,
        )?;
        add(
            report,
            format!("commands/s, {clients} client{plural}, personal fields sealed"),
            "commands/s",
            &ours_sealed,
            &peer,
            Better::Higher,
        )?;
    }

    let (mut ours_p50, mut ours_p99, mut peer_p50, mut peer_p99) = (vec![], vec![], vec![], vec![]);
    for _ in 0..s.runs {
        let mut ours = Latencies::with_capacity(s.loads);
        let mut peer = Latencies::with_capacity(s.loads);
        for i in 0..s.loads {
            let id = ours_long[i % ours_long.len()];
            let t = Instant::now();
            let loaded = tickets.load(id.into()).await?;
            ours.push(t.elapsed());
            anyhow::ensure!(
                loaded.version == 50,
                "our long ticket has {} events",
                loaded.version
            );
            let id = &peer_long[i % peer_long.len()];
            let t = Instant::now();
            peer_store
                .load_aggregate(id)
                .await
                .map_err(|e| anyhow::anyhow!("peer load: {e}"))?;
            peer.push(t.elapsed());
        }
        ours_p50.push(ours.percentile_us(50.0));
        ours_p99.push(ours.percentile_us(99.0));
        peer_p50.push(peer.percentile_us(50.0));
        peer_p99.push(peer.percentile_us(99.0));
    }
    add(
        report,
        "load of a 50-event ticket, p50".into(),
        "µs",
        &ours_p50,
        &peer_p50,
        Better::Lower,
    )?;
    add(
        report,
        "load of a 50-event ticket, p99".into(),
        "µs",
        &ours_p99,
        &peer_p99,
        Better::Lower,
    )?;

    report.note(
        PART,
        format!(
            "Workload per ticket: the ten commands of the main line (open, approve, register shipment, \
             receive, record inspection, complete inspection, request/approve/issue refund, close), \
             one event each. Ours: `Tickets::execute` with the real domain and a command id per \
             command; it decides on the state the process already holds when it has the ticket (the \
             append checks that state's version, so a stale one costs a conflict and a reload) and \
             otherwise loads it. Peer: `CqrsFramework::execute` of a cqrs-es aggregate with the same ten \
             steps and payloads, which loads the aggregate for every command (no snapshots). \
             The sealed rows run ours through a key ring (`Tickets::open`, as the server does): the \
             opening command's personal fields are encrypted under the buyer's data key and its \
             blind-index row written in the append's transaction; every ticket has the workload's one \
             buyer, so the key is made once. \
             Each client runs tickets back to back for {:.1} s; both sides use {POOL} pooled connections \
             (ours: {POOL} readers + 1 writer).",
            s.duration.as_secs_f64()
        ),
    );
    report.note(
        PART,
        format!(
            "Each side has its own fresh database on the same server, prefilled with {prefill_events} events \
             (10-event tickets) and `VACUUM ANALYZE`d. Load latency: {} loads per run, alternating \
             between the sides, of 20 tickets with 50 events (open + 49 notes); ours is \
             `Tickets::load` (read + decode + fold), the peer's is `PersistedEventStore::load_aggregate`.",
            s.loads
        ),
    );

    // Issue 16's goals (plaintext) and issue 28's (sealed, as production).
    for (metric, target, bound, at_least) in [
        (
            "commands/s, 1 client, personal fields sealed",
            "commands/s vs cqrs-es, personal fields sealed, 1 client ≥ 1.25×",
            1.25,
            true,
        ),
        (
            "commands/s, 8 clients, personal fields sealed",
            "commands/s vs cqrs-es, personal fields sealed, 8 clients ≥ 2.5×",
            2.5,
            true,
        ),
        (
            "commands/s, 64 clients, personal fields sealed",
            "commands/s vs cqrs-es, personal fields sealed, 64 clients ≥ 4×",
            4.0,
            true,
        ),
        (
            "commands/s, 1 client",
            "commands/s vs cqrs-es, 1 client ≥ 1.25×",
            1.25,
            true,
        ),
        (
            "commands/s, 8 clients",
            "commands/s vs cqrs-es, 8 clients ≥ 2.5×",
            2.5,
            true,
        ),
        (
            "commands/s, 64 clients",
            "commands/s vs cqrs-es, 64 clients ≥ 4×",
            4.0,
            true,
        ),
        (
            "load of a 50-event ticket, p50",
            "cold load of a 50-event ticket vs cqrs-es, p50 ≤ 0.8×",
            0.8,
            false,
        ),
    ] {
        report.goal_ratio(PART, metric, target, bound, at_least);
    }
    Ok(())
}

fn add(
    report: &mut Report,
    metric: String,
    unit: &'static str,
    ours: &[f64],
    peer: &[f64],
    better: Better,
) -> anyhow::Result<()> {
    report.row(Row {
        part: PART.into(),
        metric,
        unit,
        ours: Summary::of(ours).context("no runs")?,
        baseline_name: "cqrs-es + postgres-es".into(),
        baseline: Summary::of(peer),
        better,
    });
    Ok(())
}

/// Fills the peer's table with `n` events in 10-event tickets, in SQL (the
/// rows are never loaded; they only make the table and its index big).
async fn prefill_peer(pool: &sqlx::PgPool, n: usize) -> anyhow::Result<()> {
    let payload = serde_json::to_string(&ticket::PeerEvent::NoteAdded {
        text: "called the customer, follow-up #1: parcel on its way".into(),
    })?;
    sqlx::query(
        "INSERT INTO events (aggregate_type, aggregate_id, sequence, event_type, event_version, payload, metadata)
         SELECT 'PeerTicket', 'prefill-' || (g / 10), (g % 10) + 1, 'NoteAdded', '1.0', $1::json, '{}'::json
         FROM generate_series(0, $2 - 1) AS g",
    )
    .bind(payload)
    .bind(i64::try_from(n)?)
    .execute(pool)
    .await?;
    Ok(())
}

/// Commands/s of `clients` clients running our main line for `duration`.
async fn ours_commands(
    tickets: &Tickets,
    clients: usize,
    duration: Duration,
) -> anyhow::Result<f64> {
    let started = Instant::now();
    let deadline = started + duration;
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let tickets = tickets.clone();
        tasks.push(tokio::spawn(async move {
            let mut done = 0u64;
            'tickets: loop {
                let id = Uuid::now_v7();
                for command in workload::main_line(id) {
                    tickets
                        .execute(id.into(), None, &command, workload::meta())
                        .await
                        .map_err(|e| anyhow::anyhow!("{} refused: {e}", command.name()))?;
                    done += 1;
                    if Instant::now() >= deadline {
                        break 'tickets;
                    }
                }
            }
            anyhow::Ok(done)
        }));
    }
    let mut total = 0;
    for t in tasks {
        total += t.await??;
    }
    Ok(total as f64 / started.elapsed().as_secs_f64())
}

/// Commands/s of `clients` clients running the peer's main line for `duration`.
async fn peer_commands(
    cqrs: &Arc<PostgresCqrs<PeerTicket>>,
    clients: usize,
    duration: Duration,
) -> anyhow::Result<f64> {
    let started = Instant::now();
    let deadline = started + duration;
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let cqrs = cqrs.clone();
        tasks.push(tokio::spawn(async move {
            let mut done = 0u64;
            'tickets: loop {
                let id = Uuid::now_v7().to_string();
                for command in ticket::main_line(&id) {
                    cqrs.execute(&id, command)
                        .await
                        .map_err(|e| anyhow::anyhow!("peer refused: {e}"))?;
                    done += 1;
                    if Instant::now() >= deadline {
                        break 'tickets;
                    }
                }
            }
            anyhow::Ok(done)
        }));
    }
    let mut total = 0;
    for t in tasks {
        total += t.await??;
    }
    Ok(total as f64 / started.elapsed().as_secs_f64())
}

/// A random index below `n` (n > 0).
pub fn pick(n: usize) -> usize {
    rand::rng().random_range(0..n.max(1))
}
