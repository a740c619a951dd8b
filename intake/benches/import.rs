//! Bulk import throughput: generates a Douyin JSON-lines file (100,000 lines
//! by default, `IMPORT_BENCH_LINES` to change) and imports it into a fresh
//! SQLite store with the default (durable) settings, printing records/s.
//!
//! `cargo bench -p returns-workflows --bench import`
//! With `IMPORT_BENCH_URL=postgres://…/db` it imports into that (empty) database instead.

use returns_tickets::privacy::MasterKey;
use returns_tickets::{TicketSettings, Tickets};
use std::io::Write;
use std::time::Instant;

use returns_eventstore::{EventStore, Metadata};
use returns_intake::{import_jsonl, migrate, BulkOptions, ImportProgress, Mappings};
use serde_json::json;
use tokio::io::BufReader;

const LABELS: [&str; 5] = [
    "质量问题",
    "尺码不合适",
    "七天无理由退换货",
    "发错货",
    "拍错了",
];

/// One plausible Douyin after-sale record; every 20th is a later update (closed) of an earlier one.
fn line(i: u64) -> String {
    let (id, status, version) = if i % 20 == 19 {
        (i - 10, 28, 1_763_700_000 + i as i64)
    } else {
        (i, 6, 1_763_618_580 + i as i64)
    };
    json!({
        "aftersale_id": format!("73{id:017}"),
        "order_id": format!("69{id:017}"),
        "related_id": format!("69{id:017}1"),
        "sku_order_id": format!("69{id:017}1"),
        "shop_sku_code": format!("SKU-{:04}", id % 997),
        "product_name": "纯棉短袖T恤",
        "aftersale_num": 1 + id % 3,
        "aftersale_type": id % 4,
        "aftersale_status": status,
        "refund_amount": 1990 + (id % 50) * 100,
        "refund_post_amount": 800,
        "reason_second_labels": [{"code": 1, "name": LABELS[(id % 5) as usize]}],
        "apply_time": 1_763_618_580 + id as i64,
        "update_time": version,
        "status_deadline": 1_763_791_380 + id as i64,
    })
    .to_string()
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let n: u64 = std::env::var("IMPORT_BENCH_LINES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = std::env::temp_dir().join(format!("returns-import-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let file = dir.join("douyin.jsonl");
    {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&file)?);
        for i in 0..n {
            writeln!(out, "{}", line(i))?;
        }
        out.flush()?;
    }
    let size = std::fs::metadata(&file)?.len();
    let url = std::env::var("IMPORT_BENCH_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", dir.join("bench.db").display()));
    let store = EventStore::connect(&url).await?;
    migrate(&store).await?;
    let mapping = Mappings::builtin()?
        .get("douyin")
        .ok_or_else(|| anyhow::anyhow!("no douyin mapping"))?;
    let reader = BufReader::new(tokio::fs::File::open(&file).await?);
    let mut rejects = tokio::io::sink();
    let started = Instant::now();
    // Encrypted like production: the key ring is part of every write.
    let tickets = Tickets::open(
        store.clone(),
        MasterKey::generate(),
        TicketSettings::default(),
    )
    .await?;
    let summary = import_jsonl(
        &tickets,
        mapping,
        Metadata::new("bench", "system"),
        reader,
        &mut rejects,
        BulkOptions::default(),
        |_: &ImportProgress| {},
    )
    .await?;
    let secs = started.elapsed().as_secs_f64();
    let backend = if url.starts_with("sqlite") {
        "SQLite"
    } else {
        "PostgreSQL"
    };
    println!(
        "import {n} Douyin lines ({:.1} MB) into {backend}: {secs:.2} s, {:.0} records/s \
         (created {}, updated {}, unchanged {}, rejected {})",
        size as f64 / 1e6,
        n as f64 / secs,
        summary.created,
        summary.updated,
        summary.unchanged,
        summary.rejected
    );
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
