//! Bulk JSON-lines import on both backends: every kind of line is counted
//! in the right bucket, rejected lines land in the rejects file with their
//! errors, and a record's lines apply in file order.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use returns_domain::TicketStatus;
use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{contract_tests, Metadata};
use returns_intake::{import_jsonl, records, ticket_id_for, BulkOptions, ImportProgress, Mappings};
use returns_tickets as ticket;
use returns_tickets::Tickets;
use serde_json::{json, Value};

mod common;
use common::store;

const LABELS: [&str; 4] = ["质量问题", "尺码不合适", "七天无理由退换货", "拍错了"];

fn record(i: u64, status: u32, version: i64) -> Value {
    let label = LABELS[(i % 4) as usize];
    json!({
        "aftersale_id": format!("73{i:017}"),
        "order_id": format!("69{i:017}"),
        "related_id": format!("69{i:017}1"),
        "sku_order_id": format!("69{i:017}1"),
        "shop_sku_code": format!("SKU-{}", i % 97),
        "product_name": "纯棉短袖T恤",
        "aftersale_num": 1 + i % 3,
        "aftersale_type": i % 4,
        "aftersale_status": status,
        "refund_amount": 1990 + (i % 50) * 100,
        "refund_post_amount": if i.is_multiple_of(2) { json!(800) } else { json!(null) },
        "reason_second_labels": [{"code": 1, "name": label}],
        "apply_time": 1_763_618_580 + i as i64,
        "update_time": version,
        "status_deadline": 1_763_791_380 + i as i64,
    })
}

fn lines(values: &[String]) -> Vec<u8> {
    let mut text = values.join("\n");
    text.push('\n');
    text.into_bytes()
}

contract_tests!(
    every_kind_of_line_is_counted_and_rejects_are_written_with_their_errors,
    a_large_file_imports_in_chunks_with_every_record_once,
    the_shipped_douyin_sample_imports_without_rejects,
    a_gbk_line_is_one_reject_and_a_gbk_file_imports_with_its_encoding,
);

/// `record(i)` with a GBK-encoded reason remark (质量问题, 颜色不符).
fn gbk_line(i: u64) -> Vec<u8> {
    let mut value = record(i, 6, 100);
    value["reason_remark"] = json!("颜色不符");
    let text = value.to_string();
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    bytes.into_owned()
}

async fn a_gbk_line_is_one_reject_and_a_gbk_file_imports_with_its_encoding(db: TestDatabase) {
    let store = store(&db).await;
    let mapping = Mappings::builtin().unwrap().get("douyin").unwrap();
    // A UTF-8 file with one GBK line: the good lines before and after it
    // import, the GBK line is one reject that says what to do.
    let mut input = record(1, 6, 100).to_string().into_bytes();
    input.push(b'\n');
    input.extend(gbk_line(2));
    input.push(b'\n');
    input.extend(record(3, 6, 100).to_string().into_bytes());
    input.push(b'\n');
    let mut rejects = Vec::new();
    let summary = import_jsonl(
        &Tickets::plaintext(store.clone()),
        mapping.clone(),
        Metadata::new("bulk-test", "system"),
        input.as_slice(),
        &mut rejects,
        BulkOptions::default(),
        |_: &ImportProgress| {},
    )
    .await
    .unwrap();
    assert_eq!((summary.created, summary.rejected), (2, 1));
    let reject: Value =
        serde_json::from_slice(rejects.split(|b| *b == b'\n').next().unwrap()).unwrap();
    assert_eq!(reject["line"], json!(2));
    let reason = reject["error"].as_str().unwrap();
    assert!(
        reason.contains("looks like GBK: use `--encoding gbk`"),
        "{reason}"
    );
    // The same file in GBK throughout imports whole with `--encoding gbk`.
    let mut input = Vec::new();
    for i in 10..13 {
        input.extend(gbk_line(i));
        input.extend(b"\r\n");
    }
    let mut rejects = Vec::new();
    let summary = import_jsonl(
        &Tickets::plaintext(store.clone()),
        mapping,
        Metadata::new("bulk-test", "system"),
        input.as_slice(),
        &mut rejects,
        BulkOptions {
            encoding: returns_intake::encoding::by_label("gbk").unwrap(),
            ..BulkOptions::default()
        },
        |_: &ImportProgress| {},
    )
    .await
    .unwrap();
    assert_eq!(
        (summary.created, summary.rejected),
        (3, 0),
        "{}",
        String::from_utf8_lossy(&rejects)
    );
    let loaded = ticket::load(&store, ticket_id_for("douyin", &format!("73{:017}", 10)))
        .await
        .unwrap();
    assert_eq!(loaded.state.info.unwrap().reason_text, "颜色不符");
}

async fn every_kind_of_line_is_counted_and_rejects_are_written_with_their_errors(db: TestDatabase) {
    let store = store(&db).await;
    let mapping = Mappings::builtin().unwrap().get("douyin").unwrap();
    let first = record(1, 6, 100);
    let mut closed = record(1, 28, 200);
    closed["refund_amount"] = first["refund_amount"].clone();
    let mut unknown_code = record(5, 6, 100);
    // 7 (reship) is a kind now; 99 is documented nowhere.
    unknown_code["aftersale_type"] = json!(99);
    let mut missing = record(6, 6, 100);
    missing.as_object_mut().unwrap().remove("shop_sku_code");
    let input = lines(&[
        first.to_string(),                       // 1 created
        record(2, 6, 100).to_string(),           // 2 created
        record(3, 6, 100).to_string(),           // 3 created
        closed.to_string(),                      // 4 updated: cancelled
        first.to_string(),                       // 5 unchanged: older than 200
        "{\"aftersale_id\": 4, oops".to_owned(), // 6 rejected: malformed
        String::new(),                           // 7 blank, skipped
        unknown_code.to_string(),                // 8 rejected: unknown code
        missing.to_string(),                     // 9 created: a SKU is not the core
        record(2, 6, 100).to_string(),           // 10 unchanged: identical
    ]);
    let mut rejects = Vec::new();
    let mut reports = Vec::new();
    let summary = import_jsonl(
        &Tickets::plaintext(store.clone()),
        mapping,
        Metadata::new("bulk-test", "system"),
        input.as_slice(),
        &mut rejects,
        BulkOptions {
            chunk_lines: 4,
            ..BulkOptions::default()
        },
        |p: &ImportProgress| reports.push(*p),
    )
    .await
    .unwrap();
    assert_eq!(
        (
            summary.created,
            summary.updated,
            summary.unchanged,
            summary.rejected
        ),
        (4, 1, 2, 2)
    );
    assert_eq!(summary.lines, 10);
    assert_eq!(summary.bytes, input.len() as u64);
    assert_eq!(reports.len(), 3, "one report per chunk of 4 lines");
    assert_eq!(reports.last(), Some(&summary));

    let rejects: Vec<Value> = String::from_utf8(rejects)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let rejected_lines: Vec<u64> = rejects
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect();
    assert_eq!(
        rejected_lines,
        vec![6, 8],
        "only lines that cannot be a ticket"
    );
    assert!(rejects[0]["errors"][0]["found"]
        .as_str()
        .unwrap()
        .starts_with("malformed JSON"));
    assert_eq!(rejects[0]["raw"], json!("{\"aftersale_id\": 4, oops"));
    assert_eq!(rejects[1]["errors"][0]["field"], json!("ticket.kind"));
    assert_eq!(rejects[1]["code"], json!("VALIDATION"));
    let without_sku = ticket::load(&store, ticket_id_for("douyin", &format!("73{:017}", 6)))
        .await
        .unwrap();
    assert_eq!(without_sku.state.status, TicketStatus::Applied);
    assert_eq!(without_sku.state.lines[0].line.sku, "unknown");

    let id = ticket_id_for("douyin", &format!("73{:017}", 1));
    let loaded = ticket::load(&store, id).await.unwrap();
    assert_eq!(loaded.state.status, TicketStatus::Cancelled);
    let rows = records::list(&store, "douyin").await.unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0].platform_version, Some(200));
    assert_eq!(rows[0].platform_status.as_deref(), Some("closed"));
}

async fn a_large_file_imports_in_chunks_with_every_record_once(db: TestDatabase) {
    let store = store(&db).await;
    let mapping = Mappings::builtin().unwrap().get("douyin").unwrap();
    let n = 1_500;
    let mut values: Vec<String> = (0..n).map(|i| record(i, 6, 100).to_string()).collect();
    // Every tenth record is closed later in the file, after a chunk boundary.
    values.extend((0..n).step_by(10).map(|i| record(i, 28, 200).to_string()));
    let input = lines(&values);
    let mut rejects = Vec::new();
    let summary = import_jsonl(
        &Tickets::plaintext(store.clone()),
        mapping.clone(),
        Metadata::new("bulk-test", "system"),
        input.as_slice(),
        &mut rejects,
        BulkOptions {
            chunk_lines: 256,
            ..BulkOptions::default()
        },
        |_: &ImportProgress| {},
    )
    .await
    .unwrap();
    assert_eq!(String::from_utf8(rejects).unwrap(), "");
    assert_eq!(
        (summary.created, summary.updated, summary.rejected),
        (n, n / 10, 0)
    );
    let events = store.read_all(0, 100_000).await.unwrap();
    assert_eq!(events.len() as u64, n + n / 10);
    assert_eq!(
        records::list(&store, "douyin").await.unwrap().len() as u64,
        n
    );
    // Importing the same file again changes nothing.
    let mut rejects = Vec::new();
    let again = import_jsonl(
        &Tickets::plaintext(store.clone()),
        mapping,
        Metadata::new("bulk-test", "system"),
        input.as_slice(),
        &mut rejects,
        BulkOptions::default(),
        |_: &ImportProgress| {},
    )
    .await
    .unwrap();
    assert_eq!((again.created, again.updated, again.rejected), (0, 0, 0));
    assert_eq!(again.unchanged, n + n / 10);
    assert_eq!(
        store.read_all(0, 100_000).await.unwrap().len() as u64,
        n + n / 10
    );
}

async fn the_shipped_douyin_sample_imports_without_rejects(db: TestDatabase) {
    let store = store(&db).await;
    let mapping = Mappings::builtin().unwrap().get("douyin").unwrap();
    let path = format!(
        "{}/tests/fixtures/douyin_sample.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    let file = tokio::fs::File::open(path).await.unwrap();
    let mut rejects = Vec::new();
    let summary = import_jsonl(
        &Tickets::plaintext(store.clone()),
        mapping,
        Metadata::new("newcomer", "admin"),
        tokio::io::BufReader::new(file),
        &mut rejects,
        BulkOptions::default(),
        |_: &ImportProgress| {},
    )
    .await
    .unwrap();
    assert_eq!(String::from_utf8(rejects).unwrap(), "");
    assert_eq!(
        (
            summary.created,
            summary.updated,
            summary.unchanged,
            summary.rejected
        ),
        (12, 3, 0, 0)
    );
    let refused = ticket_id_for("douyin", "7311234567890200002");
    let state = ticket::load(&store, refused).await.unwrap().state;
    assert_eq!(state.status, TicketStatus::Rejected);
    let closed = ticket_id_for("douyin", "7311234567890200005");
    let state = ticket::load(&store, closed).await.unwrap().state;
    assert_eq!(state.status, TicketStatus::Cancelled);
}
