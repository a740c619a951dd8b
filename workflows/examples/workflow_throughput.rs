//! Measures the workflow runtime: how fast it catches up with a backlog of
//! inspected tickets (auto refund → approval → gateway payout) and how fast
//! the scheduler fires a batch of due timers, on SQLite and (with
//! `TEST_DATABASE_URL`) PostgreSQL.
//!
//! `cargo run -p returns-workflows --example workflow_throughput [tickets]`
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;
use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use returns_domain::command::{
    ApproveApplication, CompleteInspection, OpenTicket, ReceiveReturn, RecordInspection,
    RegisterReturnShipment,
};
use returns_domain::ticket::{
    Grade, PackageCondition, ReceivedLine, ReturnAddress, TicketLine, Verdict,
};
use returns_domain::{Command, Currency, Money, TicketKind};
use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{Clock, EventStore, ManualClock, Metadata, StoreOptions};
use returns_tickets::Tickets;
use returns_workflows::gateway::SimulatedGateway;
use returns_workflows::{Payouts, Policies, Workflows};
use uuid::Uuid;

fn person_commands(id: Uuid, at: chrono::DateTime<Utc>, policies: &Policies) -> Vec<Command> {
    let cny = Currency::parse("CNY").unwrap();
    vec![
        Command::OpenTicket(OpenTicket {
            ticket_id: id,
            kind: TicketKind::ReturnAndRefund,
            channel: "manual".into(),
            platform_order_id: None,
            platform_after_sale_id: None,
            customer: "buyer".into(),
            reason_code: "size_issue".into(),
            reason_text: "too small".into(),
            lines: vec![TicketLine {
                line_id: "L1".into(),
                sku: "SKU".into(),
                name: "Shoe".into(),
                qty: 1,
                paid: Money::new(5_000, cny),
            }],
            currency: cny,
            custom_fields: Default::default(),
            customer_phone: None,
            customer_address: None,
            review_deadline: policies.review_deadline("manual", at),
            at,
        }),
        Command::ApproveApplication(ApproveApplication {
            return_address: Some(ReturnAddress {
                recipient: "Desk".into(),
                phone: "1".into(),
                address: "Warehouse".into(),
            }),
            ship_back_deadline: Some(policies.ship_back_deadline("manual", at)),
            at,
        }),
        Command::RegisterReturnShipment(RegisterReturnShipment {
            carrier: "SF".into(),
            tracking_number: "SF1".into(),
            at,
        }),
        Command::ReceiveReturn(ReceiveReturn {
            lines: vec![ReceivedLine {
                line_id: "L1".into(),
                qty: 1,
            }],
            package_condition: PackageCondition::Intact,
            at,
        }),
        Command::RecordInspection(RecordInspection {
            line_id: "L1".into(),
            qty_inspected: 1,
            qty_accepted: 1,
            grade: Grade::New,
            verdict: Verdict::Pass,
            deduction: Money::new(0, cny),
            notes: String::new(),
            photo_refs: vec![],
            at,
        }),
        Command::CompleteInspection(CompleteInspection { at }),
    ]
}

async fn measure(label: &str, db: TestDatabase, tickets: usize) {
    let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap());
    let options = StoreOptions {
        clock: Arc::new(clock.clone()),
        ..StoreOptions::default()
    };
    let store = EventStore::connect_with(db.url(), options).await.unwrap();
    // Personal data is not what this measures.
    let handle = Tickets::plaintext(store.clone());
    let policies = Policies::default();
    let gateway = Arc::new(SimulatedGateway::new());
    let workflows = Workflows::new(
        handle.clone(),
        policies.clone(),
        Payouts::webhook(gateway.clone()),
        Arc::new(clock.clone()),
    )
    .await
    .unwrap();

    // Half the tickets walk to a passed inspection; half stay unreviewed.
    let mut writers = Vec::new();
    for n in 0..tickets {
        let handle = handle.clone();
        let policies = policies.clone();
        let at = clock.now();
        writers.push(tokio::spawn(async move {
            let id = Uuid::now_v7();
            let mut commands = person_commands(id, at, &policies);
            if n % 2 == 1 {
                commands.truncate(1);
            }
            for command in commands {
                let meta = Metadata::new("agent", "admin").with_command_id(Uuid::now_v7());
                handle
                    .execute(id.into(), None, &command, meta)
                    .await
                    .unwrap();
            }
        }));
    }
    for writer in writers {
        writer.await.unwrap();
    }
    let backlog = store.head_position().await.unwrap();

    let started = Instant::now();
    workflows.run_until_idle().await.unwrap();
    let catch_up = started.elapsed();
    let written = store.head_position().await.unwrap() - backlog;

    clock.advance(Duration::hours(49));
    let started = Instant::now();
    let fired = workflows.run_until_idle().await.unwrap();
    let firing = started.elapsed();

    println!(
        "{label}: backlog {backlog} events / {tickets} tickets: caught up in {:.2} s \
         ({:.0} log events/s through all 7 workflows, {written} events written, {} payouts); \
         {} timers fired in {:.2} s ({:.0} timers/s, each with 2 commands)",
        catch_up.as_secs_f64(),
        backlog as f64 / catch_up.as_secs_f64(),
        gateway.charges().len(),
        fired.timers_fired,
        firing.as_secs_f64(),
        fired.timers_fired as f64 / firing.as_secs_f64(),
    );
}

#[tokio::main]
async fn main() {
    let tickets = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(400);
    measure("sqlite", TestDatabase::sqlite(), tickets).await;
    if let Some(db) = TestDatabase::postgres().await {
        measure("postgres", db, tickets).await;
    }
}
