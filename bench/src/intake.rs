//! Bulk import of platform records (JSON lines through the Douyin mapping),
//! in records/s, against opening the same number of tickets directly with
//! `Tickets::execute` (the cost of mapping, dedupe and the intake table).
//!
//! Both sides run on one plaintext handle: this part has always measured
//! intake without a key ring (the privacy part measures the encryption).

use std::time::Instant;

use anyhow::Context;
use futures::stream::{self, StreamExt, TryStreamExt};
use returns_eventstore::{EventStore, Metadata};
use returns_intake::{import_jsonl, migrate, BulkOptions, ImportProgress, Mappings};
use returns_tickets::Tickets;
use serde_json::json;
use uuid::Uuid;

use crate::db::{Database, Kind};
use crate::report::{Better, Report, Row};
use crate::stats::Summary;
use crate::{workload, Settings};

fn part(kind: Kind) -> String {
    format!("intake ({})", kind.label())
}

/// Runs the intake part on both backends.
pub async fn run(report: &mut Report, s: &Settings) -> anyhow::Result<()> {
    for kind in [Kind::Sqlite, Kind::Postgres] {
        let db = Database::create(kind, &s.database_url, "intake").await?;
        let result = measure(report, s, &db).await;
        db.drop_now().await?;
        result?;
    }
    Ok(())
}

/// A Douyin after-sale record, as the platform sends it (shape of the shipped sample).
fn record(run: usize, i: u64) -> String {
    json!({
        "aftersale_id": format!("7{run}{i:017}"),
        "order_id": format!("69{i:017}"),
        "related_id": format!("69{i:017}1"),
        "sku_order_id": format!("69{i:017}1"),
        "shop_sku_code": format!("SKU-{}", i % 97),
        "product_name": "纯棉短袖T恤",
        "aftersale_num": 1 + i % 3,
        "aftersale_type": i % 3,
        "aftersale_status": 6,
        "refund_amount": 1990 + (i % 50) * 100,
        "refund_post_amount": 800,
        "reason_second_labels": [{"code": 1, "name": "质量问题"}],
        "apply_time": 1_763_618_580 + i as i64,
        "update_time": 100,
        "status_deadline": 1_763_791_380 + i as i64,
    })
    .to_string()
}

async fn measure(report: &mut Report, s: &Settings, db: &Database) -> anyhow::Result<()> {
    let part = part(db.kind);
    let tickets = Tickets::plaintext(EventStore::connect(&db.url).await?);
    migrate(tickets.store()).await?;
    let mapping = Mappings::builtin()?
        .get("douyin")
        .context("no douyin mapping")?;
    let n = s.intake_records;
    let (mut ours, mut base) = (Vec::new(), Vec::new());
    for run in 0..s.runs {
        let mut input = String::new();
        for i in 0..n as u64 {
            input.push_str(&record(run, i));
            input.push('\n');
        }
        let mut rejects = Vec::new();
        let started = Instant::now();
        let summary = import_jsonl(
            &tickets,
            mapping.clone(),
            Metadata::new("bench", "system").with_source("intake:douyin"),
            input.as_bytes(),
            &mut rejects,
            BulkOptions::default(),
            |_: &ImportProgress| {},
        )
        .await?;
        let took = started.elapsed().as_secs_f64();
        anyhow::ensure!(
            summary.created == n as u64,
            "imported {} of {n}: {}",
            summary.created,
            String::from_utf8_lossy(&rejects)
                .lines()
                .next()
                .unwrap_or("")
        );
        ours.push(n as f64 / took);
        base.push(direct_open(&tickets, n).await?);
    }
    println!(
        "  {part}: import {:.0} records/s, direct open {:.0} tickets/s",
        Summary::of(&ours).map(|x| x.median).unwrap_or_default(),
        Summary::of(&base).map(|x| x.median).unwrap_or_default()
    );
    report.row(Row {
        part: part.clone(),
        metric: format!("bulk import of {n} records (JSON lines)"),
        unit: "records/s",
        ours: Summary::of(&ours).context("no runs")?,
        baseline_name: "OpenTicket via Tickets::execute, 16 at once".into(),
        baseline: Summary::of(&base),
        better: Better::Higher,
    });
    report.note(
        &part,
        "Each run imports fresh records (new after-sale ids) with `import_jsonl` and the shipped Douyin \
         mapping, default chunk size; every record opens a ticket.",
    );
    Ok(())
}

async fn direct_open(tickets: &Tickets, n: usize) -> anyhow::Result<f64> {
    let started = Instant::now();
    stream::iter(0..n)
        .map(|_| async move {
            let id = Uuid::now_v7();
            tickets
                .execute(id.into(), None, &workload::open(id), workload::meta())
                .await?;
            anyhow::Ok(())
        })
        .buffer_unordered(16)
        .try_collect::<Vec<()>>()
        .await?;
    Ok(n as f64 / started.elapsed().as_secs_f64())
}
