//! Rebuilding every projection from position 0, in events/s, against
//! reading the same log with `read_all` (the floor a rebuild cannot beat).

use std::time::Instant;

use anyhow::Context;
use returns_eventstore::EventStore;

use crate::db::{Database, Kind};
use crate::report::{Better, Report, Row};
use crate::stats::Summary;
use crate::{prefill, Settings};

fn part(kind: Kind) -> String {
    format!("projections ({})", kind.label())
}

/// Runs the projections part on both backends.
pub async fn run(report: &mut Report, s: &Settings) -> anyhow::Result<()> {
    for kind in [Kind::Sqlite, Kind::Postgres] {
        let db = Database::create(kind, &s.database_url, "proj").await?;
        let result = measure(report, s, &db).await;
        db.drop_now().await?;
        result?;
    }
    Ok(())
}

async fn measure(report: &mut Report, s: &Settings, db: &Database) -> anyhow::Result<()> {
    let part = part(db.kind);
    let store = EventStore::connect(&db.url).await?;
    returns_projections::migrate(&store).await?;
    let events = s.projection_events;
    prefill::main_line_tickets(&store, events / 10, 32).await?;
    db.analyze().await?;
    let (mut ours, mut base) = (Vec::new(), Vec::new());
    for _ in 0..s.runs {
        let rebuilt = returns_projections::rebuild(&store, "all", |_, _| {}).await?;
        ours.push(rebuilt.events_per_second());
        base.push(read_all(&store).await?);
    }
    println!(
        "  {part}: rebuild {:.0} events/s, read-all {:.0} events/s",
        Summary::of(&ours).map(|x| x.median).unwrap_or_default(),
        Summary::of(&base).map(|x| x.median).unwrap_or_default()
    );
    report.row(Row {
        part: part.clone(),
        metric: format!("rebuild of all projections ({events} events)"),
        unit: "events/s",
        ours: Summary::of(&ours).context("no runs")?,
        baseline_name: "read-all of the same log".into(),
        baseline: Summary::of(&base),
        better: Better::Higher,
    });
    report.note(
        &part,
        format!(
            "The log holds {} tickets that ran the whole main line (10 events each, decided by the domain); \
             `returns_projections::rebuild(\"all\")` replays it into every read model from scratch.",
            events / 10
        ),
    );
    Ok(())
}

async fn read_all(store: &EventStore) -> anyhow::Result<f64> {
    let started = Instant::now();
    let (mut after, mut count) = (0i64, 0usize);
    loop {
        let page = store.read_all(after, 5_000).await?;
        let Some(last) = page.last() else { break };
        after = last.position;
        count += page.len();
    }
    Ok(count as f64 / started.elapsed().as_secs_f64())
}
