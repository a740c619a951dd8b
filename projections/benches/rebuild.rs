//! Rebuild benchmark: events/s to rebuild every projection from position 0,
//! against the store's own read-all rate in the same run.
//!
//! `cargo bench -p returns-projections` runs 100,000 events on SQLite, and
//! on PostgreSQL when `TEST_DATABASE_URL` is set. `BENCH_EVENTS=1000000`
//! changes the size; `BENCH_BACKENDS=sqlite` (or `postgres`) picks backends.
//! Tickets are generated through the domain's own `decide` (every kind and
//! outcome), pre-serialised, and appended two steps per ticket so tickets
//! interleave in the log as they would in production.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use futures::stream::{self, StreamExt};
use returns_domain::command::*;
use returns_domain::ticket::{
    Grade, PackageCondition, ReceivedLine, Resolution, ReturnAddress, TicketLine, Verdict,
};
use returns_domain::{decide, evolve, Command, Currency, Money, TicketKind, TicketState};
use returns_eventstore::testing::{postgres_server_url, TestDatabase};
use returns_eventstore::{EventStore, ExpectedVersion, Metadata, NewEvent};
use uuid::Uuid;

const CHANNELS: [&str; 3] = ["taobao", "douyin", "kuaishou"];
const REASONS: [&str; 5] = [
    "quality_issue",
    "size_issue",
    "changed_mind",
    "logistics_damage",
    "wrong_item",
];

/// The commands of ticket number `n`, in order: one of six journeys.
fn journey(n: usize, id: Uuid) -> Vec<Command> {
    let cny = Currency::parse("CNY").unwrap();
    let t0 = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
        + chrono::Duration::minutes(i64::try_from(n).unwrap());
    let at = |h: i64| t0 + chrono::Duration::hours(h);
    let kind = match n % 6 {
        0 | 5 => TicketKind::RefundOnly,
        1 | 2 | 4 => TicketKind::ReturnAndRefund,
        _ => TicketKind::Exchange,
    };
    let qty = 1 + u32::try_from(n % 3).unwrap();
    let paid = 5_000 + i64::try_from(n % 50).unwrap() * 100;
    let mut custom = std::collections::BTreeMap::new();
    custom.insert(
        "store".to_owned(),
        serde_json::json!(format!("S{}", n % 20)),
    );
    let mut c = vec![
        Command::OpenTicket(OpenTicket {
            ticket_id: id,
            kind,
            channel: CHANNELS[n % 3].into(),
            platform_order_id: Some(format!("ORD-{n}")),
            platform_after_sale_id: Some(format!("AS-{n}")),
            customer: format!("customer {}", n % 5000),
            reason_code: REASONS[n % 5].into(),
            reason_text: "as the customer said it".into(),
            lines: vec![TicketLine {
                line_id: "L1".into(),
                sku: format!("SKU-{}", n % 400),
                name: "product".into(),
                qty,
                paid: Money::new(paid, cny),
            }],
            currency: cny,
            custom_fields: custom,
            customer_phone: None,
            customer_address: None,
            review_deadline: at(48),
            at: at(0),
        }),
        Command::AssignTicket(AssignTicket {
            assignee: Some(format!("agent{}", n % 12)),
            at: at(1),
        }),
    ];
    if n % 6 == 5 {
        c.push(Command::RejectApplication(RejectApplication {
            reason: "outside window".into(),
            reason_code: None,
            at: at(2),
        }));
        c.push(Command::CloseTicket(CloseTicket {
            resolution: Resolution::Rejected,
            note: None,
            at: at(3),
        }));
        return c;
    }
    let goods = kind.needs_goods_back();
    c.push(Command::ApproveApplication(ApproveApplication {
        return_address: goods.then(|| ReturnAddress {
            recipient: "WH".into(),
            phone: "400".into(),
            address: "1 Dock Rd".into(),
        }),
        ship_back_deadline: goods.then(|| at(24 * 7)),
        at: at(2),
    }));
    let refund = |amount: i64, h: i64| {
        let refund_id = Uuid::from_u128(u128::try_from(n).unwrap() << 8 | 1);
        vec![
            Command::RequestRefund(RequestRefund {
                refund_id,
                amount: Money::new(amount, cny),
                at: at(h),
            }),
            Command::ApproveRefund(ApproveRefund {
                refund_id,
                at: at(h + 1),
            }),
            Command::IssueRefund(IssueRefund {
                refund_id,
                gateway_reference: format!("GW-{n}"),
                at: at(h + 2),
            }),
            Command::CloseTicket(CloseTicket {
                resolution: Resolution::Refunded,
                note: None,
                at: at(h + 3),
            }),
        ]
    };
    if !goods {
        c.extend(refund(paid, 5));
        return c;
    }
    c.push(Command::RegisterReturnShipment(RegisterReturnShipment {
        carrier: "SF".into(),
        tracking_number: format!("SF{n:010}"),
        at: at(10),
    }));
    if n % 6 == 4 {
        // Still on its way.
        return c;
    }
    c.push(Command::ReceiveReturn(ReceiveReturn {
        lines: vec![ReceivedLine {
            line_id: "L1".into(),
            qty,
        }],
        package_condition: PackageCondition::Intact,
        at: at(50),
    }));
    let pass = n % 6 != 2;
    c.push(Command::RecordInspection(RecordInspection {
        line_id: "L1".into(),
        qty_inspected: qty,
        qty_accepted: if pass { qty } else { 0 },
        grade: if pass { Grade::New } else { Grade::Damaged },
        verdict: if pass { Verdict::Pass } else { Verdict::Fail },
        deduction: Money::new(0, cny),
        notes: String::new(),
        photo_refs: vec![],
        at: at(52),
    }));
    c.push(Command::CompleteInspection(CompleteInspection {
        at: at(53),
    }));
    if !pass {
        c.push(Command::ReturnGoodsToCustomer(ReturnGoodsToCustomer {
            carrier: "SF".into(),
            tracking_number: format!("BK{n:010}"),
            at: at(54),
        }));
        c.push(Command::CloseTicket(CloseTicket {
            resolution: Resolution::RejectedAfterInspection,
            note: None,
            at: at(55),
        }));
        return c;
    }
    if kind == TicketKind::Exchange {
        c.push(Command::ShipReplacement(ShipReplacement {
            carrier: "SF".into(),
            tracking_number: format!("NW{n:010}"),
            at: at(54),
        }));
        c.push(Command::CloseTicket(CloseTicket {
            resolution: Resolution::Exchanged,
            note: None,
            at: at(55),
        }));
        return c;
    }
    c.push(Command::ScheduleFollowUp(ScheduleFollowUp {
        follow_up_id: Uuid::from_u128(u128::try_from(n).unwrap() << 8 | 2),
        due_at: at(60),
        purpose: "quality call".into(),
        at: at(54),
    }));
    c.extend(refund(paid, 55));
    c
}

/// Ticket `n`'s events, pre-serialised, split in two appends.
fn ticket_events(n: usize) -> (String, Vec<NewEvent>, Vec<NewEvent>) {
    let id = Uuid::from_u128(u128::try_from(n).unwrap() + 1);
    let mut state = TicketState::default();
    let mut all = Vec::new();
    for command in journey(n, id) {
        let events =
            decide(&state, &command).unwrap_or_else(|e| panic!("journey {n}: {command:?}: {e:?}"));
        for e in events {
            all.push(NewEvent::new(
                e.event_type(),
                e.schema_version(),
                serde_json::to_value(&e).unwrap(),
            ));
            state = evolve(state, &e);
        }
    }
    let second = all.split_off(all.len() / 2);
    (format!("ticket-{id}"), all, second)
}

async fn generate(store: &EventStore, events: usize) -> usize {
    let mut written = 0;
    let mut n = 0;
    while written < events {
        // A chunk of tickets: first halves, then second halves, so tickets
        // interleave in the log.
        let chunk: Vec<_> = (n..n + 2000).map(ticket_events).collect();
        n += 2000;
        let firsts: Vec<_> = chunk
            .iter()
            .map(|(s, a, _)| (s.clone(), ExpectedVersion::NoStream, a.clone()))
            .collect();
        let seconds: Vec<_> = chunk
            .iter()
            .map(|(s, a, b)| {
                (
                    s.clone(),
                    ExpectedVersion::Exact(i64::try_from(a.len()).unwrap()),
                    b.clone(),
                )
            })
            .collect();
        for phase in [firsts, seconds] {
            let appended: Vec<usize> = stream::iter(phase)
                .map(|(stream, expected, events)| async move {
                    let count = events.len();
                    store
                        .append(&stream, expected, events, Metadata::new("bench", "admin"))
                        .await
                        .unwrap();
                    count
                })
                .buffer_unordered(256)
                .collect()
                .await;
            written += appended.iter().sum::<usize>();
        }
    }
    written
}

async fn read_all_rate(store: &EventStore) -> (u64, Duration) {
    let started = Instant::now();
    let mut after = 0;
    let mut count = 0u64;
    loop {
        let page = store.read_all(after, 5000).await.unwrap();
        let Some(last) = page.last() else { break };
        after = last.position;
        count += page.len() as u64;
    }
    (count, started.elapsed())
}

async fn bench(backend: &str, db: TestDatabase, events: usize) -> String {
    let store = EventStore::connect(db.url()).await.unwrap();
    let started = Instant::now();
    let written = generate(&store, events).await;
    eprintln!(
        "{backend}: generated {written} events in {:.1}s",
        started.elapsed().as_secs_f64()
    );
    // Best of two read-all passes: the stricter baseline (warm cache).
    let (count, first) = read_all_rate(&store).await;
    let (_, second) = read_all_rate(&store).await;
    let read_secs = first.min(second).as_secs_f64();
    let read_rate = count as f64 / read_secs;
    let report = returns_projections::rebuild(&store, "all", |_, _| {})
        .await
        .unwrap();
    let rebuild_rate = report.events_per_second();
    let line = format!(
        "| {backend} | {count} | {read_rate:.0} | {rebuild_rate:.0} | {:.0}% | {:.1}s |",
        100.0 * rebuild_rate / read_rate,
        report.elapsed.as_secs_f64()
    );
    eprintln!("{line}");
    line
}

fn main() {
    let events: usize = std::env::var("BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let backends = std::env::var("BENCH_BACKENDS").unwrap_or_else(|_| "sqlite,postgres".into());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut lines = Vec::new();
    runtime.block_on(async {
        if backends.contains("sqlite") {
            lines.push(bench("SQLite", TestDatabase::sqlite(), events).await);
        }
        if backends.contains("postgres") && postgres_server_url().is_some() {
            if let Some(db) = TestDatabase::postgres().await {
                lines.push(bench("PostgreSQL", db, events).await);
            }
        }
    });
    println!(
        "| backend | events | read-all events/s | rebuild-all events/s | ratio | rebuild time |"
    );
    println!("|---|---|---|---|---|---|");
    for line in lines {
        println!("{line}");
    }
}
