//! The store against plain sqlx on the same database: append events/s (1
//! and 8 writers, batch 1 and 10), read-all events/s, and the load latency
//! of a 30-event ticket.

use std::time::{Duration, Instant};

use anyhow::Context;
use chrono::Utc;
use returns_eventstore::{EventStore, ExpectedVersion, NewEvent};
use returns_tickets as tickets;
use sqlx::{PgPool, Row as _, SqlitePool};
use uuid::Uuid;

use crate::db::{Database, Kind};
use crate::report::{Better, Report, Row};
use crate::stats::{Latencies, Summary};
use crate::{peer::pick, prefill, workload, Settings};

/// Pages of this size for read-all, on both sides.
const PAGE: i64 = 1_000;
/// Read-all stops after this many events, so a run stays short.
const READ_CAP: usize = 200_000;

fn part(kind: Kind) -> String {
    format!("store ({})", kind.label())
}

/// Runs the store part on every chosen backend.
pub async fn run(report: &mut Report, s: &Settings) -> anyhow::Result<()> {
    for &kind in &s.store_backends {
        let db = Database::create(kind, &s.database_url, "store").await?;
        let result = measure(report, s, &db).await;
        db.drop_now().await?;
        result?;
    }
    Ok(())
}

/// A plain pool on the same database, with a table shaped like ours.
enum Plain {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

const SQLITE_PLAIN: &str = "CREATE TABLE plain_events (
    position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL,
    stream_version INTEGER NOT NULL, event_id TEXT NOT NULL UNIQUE, event_type TEXT NOT NULL,
    schema_version INTEGER NOT NULL, payload TEXT NOT NULL, metadata TEXT NOT NULL,
    recorded_at INTEGER NOT NULL, hash BLOB NOT NULL, UNIQUE (stream_id, stream_version))";
const PG_PLAIN: &str = "CREATE TABLE plain_events (
    position BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream_id TEXT NOT NULL,
    stream_version BIGINT NOT NULL, event_id UUID NOT NULL UNIQUE, event_type TEXT NOT NULL,
    schema_version INTEGER NOT NULL, payload JSONB NOT NULL, metadata JSONB NOT NULL,
    recorded_at TIMESTAMPTZ NOT NULL, hash BYTEA NOT NULL, UNIQUE (stream_id, stream_version))";
const INSERT_PLAIN: &str = "INSERT INTO plain_events (stream_id, stream_version, event_id, event_type,
    schema_version, payload, metadata, recorded_at, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
const SELECT_ALL: &str = "SELECT position, stream_id, stream_version, event_id, event_type,
    schema_version, payload, metadata, recorded_at, hash FROM events WHERE position > $1
    ORDER BY position LIMIT $2";
const SELECT_STREAM: &str = "SELECT position, stream_id, stream_version, event_id, event_type,
    schema_version, payload, metadata, recorded_at, hash FROM events WHERE stream_id = $1
    ORDER BY stream_version";

async fn measure(report: &mut Report, s: &Settings, db: &Database) -> anyhow::Result<()> {
    let part = part(db.kind);
    let store = EventStore::connect(&db.url).await?;
    let plain = match db.kind {
        Kind::Sqlite => Plain::Sqlite(db.sqlite_pool(8).await?),
        Kind::Postgres => Plain::Postgres(db.pg_pool(8).await?),
    };
    match &plain {
        Plain::Sqlite(p) => sqlx::query(SQLITE_PLAIN).execute(p).await.map(|_| ())?,
        Plain::Postgres(p) => sqlx::query(PG_PLAIN).execute(p).await.map(|_| ())?,
    }
    let note = workload::note_event(1)?;

    for writers in [1usize, 8] {
        for batch in [1usize, 10] {
            let (mut ours, mut base) = (Vec::new(), Vec::new());
            for _ in 0..s.runs {
                ours.push(ours_append(&store, &note, writers, batch, s.duration).await?);
                base.push(plain_append(&plain, &note, writers, batch, s.duration).await?);
            }
            println!(
                "  {part}: append {writers}w×{batch}: ours {:.0}/s, plain {:.0}/s",
                Summary::of(&ours).map(|x| x.median).unwrap_or_default(),
                Summary::of(&base).map(|x| x.median).unwrap_or_default()
            );
            report.row(Row {
                part: part.clone(),
                metric: format!(
                    "append, {writers} writer{}, batch {batch}",
                    if writers == 1 { "" } else { "s" }
                ),
                unit: "events/s",
                ours: Summary::of(&ours).context("no runs")?,
                baseline_name: "plain sqlx INSERT, one tx per batch".into(),
                baseline: Summary::of(&base),
                better: Better::Higher,
            });
        }
    }

    let (mut ours, mut base) = (Vec::new(), Vec::new());
    for _ in 0..s.runs {
        ours.push(ours_read_all(&store).await?);
        base.push(plain_read_all(&plain).await?);
    }
    let read = store.head_position().await?.min(READ_CAP as i64);
    report.row(Row {
        part: part.clone(),
        metric: format!("read-all ({read} events, pages of {PAGE})"),
        unit: "events/s",
        ours: Summary::of(&ours).context("no runs")?,
        baseline_name: "plain sqlx SELECT of the same rows".into(),
        baseline: Summary::of(&base),
        better: Better::Higher,
    });

    let ids = prefill::tickets(&store, 50, 30, 8).await?;
    db.analyze().await?;
    let (mut o50, mut o99, mut b50, mut b99) = (vec![], vec![], vec![], vec![]);
    for _ in 0..s.runs {
        let mut ours = Latencies::with_capacity(s.loads);
        let mut base = Latencies::with_capacity(s.loads);
        for _ in 0..s.loads {
            let id = ids[pick(ids.len())];
            let t = Instant::now();
            let loaded = tickets::load(&store, id).await?;
            ours.push(t.elapsed());
            anyhow::ensure!(loaded.version == 30, "ticket has {} events", loaded.version);
            let stream = tickets::stream_id(id);
            let t = Instant::now();
            let n = plain_stream(&plain, &stream).await?;
            base.push(t.elapsed());
            anyhow::ensure!(n == 30, "plain read {n} rows");
        }
        o50.push(ours.percentile_us(50.0));
        o99.push(ours.percentile_us(99.0));
        b50.push(base.percentile_us(50.0));
        b99.push(base.percentile_us(99.0));
    }
    for (metric, ours, base) in [("p50", &o50, &b50), ("p99", &o99, &b99)] {
        report.row(Row {
            part: part.clone(),
            metric: format!("load of a 30-event ticket, {metric}"),
            unit: "µs",
            ours: Summary::of(ours).context("no runs")?,
            baseline_name: "plain sqlx SELECT of the stream's rows".into(),
            baseline: Summary::of(base),
            better: Better::Lower,
        });
    }
    let label = db.kind.label();
    report.goal_ratio(
        &part,
        "append, 1 writer, batch 1",
        &format!("{label} append, 1 writer, vs plain 1-row transaction ≥ 0.8×"),
        0.8,
        true,
    );
    if db.kind == Kind::Postgres {
        report.goal_ratio(
            &part,
            "append, 8 writers, batch 1",
            "PostgreSQL append, 8 writers, vs 8 plain writers ≥ 1.0×",
            1.0,
            true,
        );
    }
    report.note(
        &part,
        format!(
            "Append: each writer appends to its own stream with an exact expected version and a command id, \
             for {:.1} s per run; ours hashes, checks versions, records the command id and group-commits \
             concurrent appends; the baseline inserts the same rows (same columns and unique keys, no hash \
             chain, no idempotency) in one transaction per batch on {} pooled connections{}.",
            s.duration.as_secs_f64(),
            8,
            if db.kind == Kind::Sqlite {
                ", WAL with synchronous=FULL on both sides"
            } else {
                ""
            }
        ),
    );
    report.note(
        &part,
        "Read-all: ours is `EventStore::read_all` (rows decoded, payload JSON parsed, upcast, metadata \
         decoded); the baseline fetches the same columns of the same table with plain sqlx. Load: ours is \
         `ticket::load` (read, decode into domain events, fold); the baseline only fetches the rows.",
    );
    Ok(())
}

async fn ours_append(
    store: &EventStore,
    note: &NewEvent,
    writers: usize,
    batch: usize,
    duration: Duration,
) -> anyhow::Result<f64> {
    let started = Instant::now();
    let deadline = started + duration;
    let mut tasks = Vec::new();
    for _ in 0..writers {
        let store = store.clone();
        let note = note.clone();
        tasks.push(tokio::spawn(async move {
            let stream = format!("bench-{}", Uuid::now_v7());
            let mut version = 0i64;
            while Instant::now() < deadline {
                let expected = if version == 0 {
                    ExpectedVersion::NoStream
                } else {
                    ExpectedVersion::Exact(version)
                };
                let r = store
                    .append(
                        &stream,
                        expected,
                        vec![note.clone(); batch],
                        workload::meta(),
                    )
                    .await?;
                version = r.next_version;
            }
            anyhow::Ok(version as u64)
        }));
    }
    let mut total = 0;
    for t in tasks {
        total += t.await??;
    }
    Ok(total as f64 / started.elapsed().as_secs_f64())
}

async fn plain_append(
    plain: &Plain,
    note: &NewEvent,
    writers: usize,
    batch: usize,
    duration: Duration,
) -> anyhow::Result<f64> {
    let started = Instant::now();
    let deadline = started + duration;
    let payload = note.payload.clone();
    let payload_text = serde_json::to_string(&payload)?;
    let mut tasks = Vec::new();
    for _ in 0..writers {
        let stream = format!("plain-{}", Uuid::now_v7());
        let payload = payload.clone();
        let payload_text = payload_text.clone();
        let event_type = note.event_type.clone();
        let schema = note.schema_version;
        let hash = vec![7u8; 32];
        match plain {
            Plain::Sqlite(pool) => {
                let pool = pool.clone();
                tasks.push(tokio::spawn(async move {
                    let mut version = 0i64;
                    while Instant::now() < deadline {
                        let metadata = serde_json::to_string(&workload::meta())?;
                        let mut tx = pool.begin().await?;
                        for _ in 0..batch {
                            version += 1;
                            sqlx::query(INSERT_PLAIN)
                                .bind(&stream)
                                .bind(version)
                                .bind(Uuid::now_v7().to_string())
                                .bind(&event_type)
                                .bind(schema)
                                .bind(&payload_text)
                                .bind(&metadata)
                                .bind(Utc::now().timestamp_micros())
                                .bind(&hash)
                                .execute(&mut *tx)
                                .await?;
                        }
                        tx.commit().await?;
                    }
                    anyhow::Ok(version as u64)
                }));
            }
            Plain::Postgres(pool) => {
                let pool = pool.clone();
                tasks.push(tokio::spawn(async move {
                    let mut version = 0i64;
                    while Instant::now() < deadline {
                        let metadata = serde_json::to_value(workload::meta())?;
                        let mut tx = pool.begin().await?;
                        for _ in 0..batch {
                            version += 1;
                            sqlx::query(INSERT_PLAIN)
                                .bind(&stream)
                                .bind(version)
                                .bind(Uuid::now_v7())
                                .bind(&event_type)
                                .bind(schema)
                                .bind(&payload)
                                .bind(&metadata)
                                .bind(Utc::now())
                                .bind(&hash)
                                .execute(&mut *tx)
                                .await?;
                        }
                        tx.commit().await?;
                    }
                    anyhow::Ok(version as u64)
                }));
            }
        }
    }
    let mut total = 0;
    for t in tasks {
        total += t.await??;
    }
    Ok(total as f64 / started.elapsed().as_secs_f64())
}

async fn ours_read_all(store: &EventStore) -> anyhow::Result<f64> {
    let started = Instant::now();
    let (mut after, mut count) = (0i64, 0usize);
    while count < READ_CAP {
        let page = store.read_all(after, PAGE).await?;
        let Some(last) = page.last() else { break };
        after = last.position;
        count += page.len();
    }
    Ok(count as f64 / started.elapsed().as_secs_f64())
}

async fn plain_read_all(plain: &Plain) -> anyhow::Result<f64> {
    let started = Instant::now();
    let (mut after, mut count) = (0i64, 0usize);
    while count < READ_CAP {
        let (n, last) = match plain {
            Plain::Sqlite(pool) => {
                let rows = sqlx::query(SELECT_ALL)
                    .bind(after)
                    .bind(PAGE)
                    .fetch_all(pool)
                    .await?;
                let mut last = None;
                for r in &rows {
                    let _: (String, i64, String, String, i32) = (
                        r.try_get(1)?,
                        r.try_get(2)?,
                        r.try_get(3)?,
                        r.try_get(4)?,
                        r.try_get(5)?,
                    );
                    let _: (String, String, i64, Vec<u8>) =
                        (r.try_get(6)?, r.try_get(7)?, r.try_get(8)?, r.try_get(9)?);
                    last = Some(r.try_get::<i64, _>(0)?);
                }
                (rows.len(), last)
            }
            Plain::Postgres(pool) => {
                let rows = sqlx::query(SELECT_ALL)
                    .bind(after)
                    .bind(PAGE)
                    .fetch_all(pool)
                    .await?;
                let mut last = None;
                for r in &rows {
                    let _: (String, i64, Uuid, String, i32) = (
                        r.try_get(1)?,
                        r.try_get(2)?,
                        r.try_get(3)?,
                        r.try_get(4)?,
                        r.try_get(5)?,
                    );
                    let _: (serde_json::Value, serde_json::Value) = (r.try_get(6)?, r.try_get(7)?);
                    let _: (chrono::DateTime<Utc>, Vec<u8>) = (r.try_get(8)?, r.try_get(9)?);
                    last = Some(r.try_get::<i64, _>(0)?);
                }
                (rows.len(), last)
            }
        };
        let Some(last) = last else { break };
        after = last;
        count += n;
    }
    Ok(count as f64 / started.elapsed().as_secs_f64())
}

async fn plain_stream(plain: &Plain, stream: &str) -> anyhow::Result<usize> {
    Ok(match plain {
        Plain::Sqlite(pool) => sqlx::query(SELECT_STREAM)
            .bind(stream)
            .fetch_all(pool)
            .await?
            .len(),
        Plain::Postgres(pool) => sqlx::query(SELECT_STREAM)
            .bind(stream)
            .fetch_all(pool)
            .await?
            .len(),
    })
}
