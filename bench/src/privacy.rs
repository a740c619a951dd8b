//! The cost of the encryption of personal data (issue #17): opening tickets
//! through `Tickets::execute` on a handle from `Tickets::open` (fields
//! encrypted per data subject before the append) against the same on a
//! `Tickets::plaintext` handle (no key ring, as before), and loading a
//! ticket with its personal fields opened against loading it as stored.

use std::time::Instant;

use anyhow::Context;
use futures::stream::{self, StreamExt, TryStreamExt};
use returns_eventstore::EventStore;
use returns_tickets::privacy::{Access, MasterKey};
use returns_tickets::{TicketSettings, Tickets};
use uuid::Uuid;

use crate::db::{Database, Kind};
use crate::report::{Better, Report, Row};
use crate::stats::Summary;
use crate::{workload, Settings};

fn part(kind: Kind) -> String {
    format!("privacy ({})", kind.label())
}

/// Runs the privacy part on both backends.
pub async fn run(report: &mut Report, s: &Settings) -> anyhow::Result<()> {
    for kind in [Kind::Sqlite, Kind::Postgres] {
        let plain = Database::create(kind, &s.database_url, "privacy_plain").await?;
        let encrypted = Database::create(kind, &s.database_url, "privacy_encrypted").await?;
        let result = measure(report, s, kind, &plain, &encrypted).await;
        plain.drop_now().await?;
        encrypted.drop_now().await?;
        result?;
    }
    Ok(())
}

/// Opens `n` tickets, 16 at once; returns tickets/s and their ids.
async fn open_tickets(tickets: &Tickets, n: usize) -> anyhow::Result<(f64, Vec<Uuid>)> {
    let ids: Vec<Uuid> = (0..n).map(|_| Uuid::now_v7()).collect();
    let started = Instant::now();
    stream::iter(ids.iter().copied())
        .map(|id| async move {
            tickets
                .execute(id.into(), None, &workload::open(id), workload::meta())
                .await?;
            anyhow::Ok(())
        })
        .buffer_unordered(16)
        .try_collect::<Vec<()>>()
        .await?;
    Ok((n as f64 / started.elapsed().as_secs_f64(), ids))
}

/// Loads each ticket (and opens its personal fields when the handle has a
/// key ring); returns µs per ticket.
async fn load_tickets(tickets: &Tickets, ids: &[Uuid]) -> anyhow::Result<f64> {
    let keys = tickets.keys();
    let started = Instant::now();
    for id in ids {
        let loaded = tickets.load((*id).into()).await?;
        if let Some(keys) = keys {
            let shown = keys.open_state(&loaded.state, Access::Full).await?;
            anyhow::ensure!(shown.info.is_some(), "ticket {id} did not load");
        }
    }
    Ok(started.elapsed().as_secs_f64() * 1e6 / ids.len().max(1) as f64)
}

async fn measure(
    report: &mut Report,
    s: &Settings,
    kind: Kind,
    plain: &Database,
    encrypted: &Database,
) -> anyhow::Result<()> {
    let part = part(kind);
    let plain_tickets = Tickets::plaintext(EventStore::connect(&plain.url).await?);
    let encrypted_tickets = Tickets::open(
        EventStore::connect(&encrypted.url).await?,
        MasterKey::generate(),
        TicketSettings::default(),
    )
    .await?;
    let n = s.intake_records;
    let (mut append_ours, mut append_base) = (Vec::new(), Vec::new());
    let (mut load_ours, mut load_base) = (Vec::new(), Vec::new());
    for run in 0..s.runs {
        // Each side goes first in every other run, so whatever the previous
        // run left behind (dirty pages, a busier log) weighs on both alike.
        let (encrypted_ids, plain_ids) = if run % 2 == 0 {
            let (rate, encrypted_ids) = open_tickets(&encrypted_tickets, n).await?;
            append_ours.push(rate);
            let (rate, plain_ids) = open_tickets(&plain_tickets, n).await?;
            append_base.push(rate);
            (encrypted_ids, plain_ids)
        } else {
            let (rate, plain_ids) = open_tickets(&plain_tickets, n).await?;
            append_base.push(rate);
            let (rate, encrypted_ids) = open_tickets(&encrypted_tickets, n).await?;
            append_ours.push(rate);
            (encrypted_ids, plain_ids)
        };
        load_ours.push(load_tickets(&encrypted_tickets, &encrypted_ids).await?);
        load_base.push(load_tickets(&plain_tickets, &plain_ids).await?);
    }
    let median = |v: &[f64]| Summary::of(v).map(|x| x.median).unwrap_or_default();
    println!(
        "  {part}: open encrypted {:.0}/s vs plain {:.0}/s; load+open {:.0} µs vs load {:.0} µs",
        median(&append_ours),
        median(&append_base),
        median(&load_ours),
        median(&load_base)
    );
    report.row(Row {
        part: part.clone(),
        metric: format!("OpenTicket with personal fields encrypted, {n} tickets, 16 at once"),
        unit: "tickets/s",
        ours: Summary::of(&append_ours).context("no runs")?,
        baseline_name: "the same without a key ring (plaintext, as before issue #17)".into(),
        baseline: Summary::of(&append_base),
        better: Better::Higher,
    });
    report.row(Row {
        part: part.clone(),
        metric: "load a ticket and open its personal fields".into(),
        unit: "µs",
        ours: Summary::of(&load_ours).context("no runs")?,
        baseline_name: "load the same ticket stored in plaintext".into(),
        baseline: Summary::of(&load_base),
        better: Better::Lower,
    });
    report.goal_ratio(
        &part,
        &format!("OpenTicket with personal fields encrypted, {n} tickets, 16 at once"),
        &format!(
            "opening a ticket with personal fields vs plaintext ≥ 0.8× ({})",
            kind.label()
        ),
        0.8,
        true,
    );
    report.note(
        &part,
        "The shared workload opens every ticket for one buyer, so the data key is made once and \
         each encrypted open adds two AES-GCM encryptions and one blind-index row; a first ticket of \
         a new buyer also makes and wraps a key. Loads open with keys cached in memory (30 s), \
         as a server does.",
    );
    Ok(())
}
