//! `returns verify TICKET` / `returns verify --all`: checks hash chains (and
//! seals) and names the first bad event. Exits 1 when anything is broken.

use std::process::ExitCode;

use returns_eventstore::EventStore;
use returns_tickets::privacy::{KeyRing, MasterKey};
use returns_tickets::stream_id;

use crate::evidence::{all_references, ticket_evidence, EvidenceCheck, EvidenceRef, EvidenceStore};
use crate::settings::VerifyArgs;

/// Re-hashes each referenced evidence file (opening encrypted ones when a
/// master key is given); prints the missing and altered ones, counts the
/// erased and the unopened, and answers whether nothing was broken.
async fn check_evidence(
    evidence: &EvidenceStore,
    references: &[EvidenceRef],
    keys: Option<&KeyRing>,
) -> anyhow::Result<bool> {
    let mut intact = true;
    let (mut checked, mut erased, mut unopened) = (0, 0, 0);
    for found in references {
        let EvidenceRef {
            stream: owner,
            reference,
            subject,
        } = found;
        match evidence.check(reference, subject.as_deref(), keys).await? {
            EvidenceCheck::Intact => checked += 1,
            EvidenceCheck::External => {}
            EvidenceCheck::Erased => erased += 1,
            EvidenceCheck::Unopened => unopened += 1,
            EvidenceCheck::Missing => {
                intact = false;
                println!("MISSING evidence {reference} of {owner}");
            }
            EvidenceCheck::Altered => {
                intact = false;
                println!("ALTERED evidence {reference} of {owner}");
            }
        }
    }
    if checked > 0 {
        println!("{checked} evidence file(s) re-hashed intact");
    }
    if erased > 0 {
        println!("{erased} evidence file(s) erased with their customer (shredded, as intended)");
    }
    if unopened > 0 {
        println!(
            "{unopened} evidence file(s) present but encrypted and not opened: give the master \
             key to re-hash them"
        );
    }
    Ok(intact)
}

/// The key ring for opening encrypted photos, when a master key is given.
/// A key that does not open the stored keys does not stop a check of the
/// chain: the photos are then found, not opened.
pub(crate) async fn key_ring(store: &EventStore, master_key: Option<MasterKey>) -> Option<KeyRing> {
    let master = master_key?;
    match KeyRing::open(store.db(), store.clock().clone(), master).await {
        Ok(keys) => Some(keys),
        Err(error) => {
            eprintln!("encrypted evidence will not be opened: {error}");
            None
        }
    }
}

/// Verifies one ticket or the whole log.
pub async fn run(
    database_url: &str,
    args: &VerifyArgs,
    master_key: Option<MasterKey>,
) -> anyhow::Result<ExitCode> {
    let store = EventStore::connect(database_url).await?;
    // With the master key, encrypted photos are opened and re-hashed;
    // without it, verify still checks the chain and that each file is there.
    let keys = key_ring(&store, master_key).await;
    // The limit only matters for uploads; verify reads whatever is there.
    let evidence = EvidenceStore::new(&args.evidence_dir, usize::MAX);
    if let Some(ticket) = args.ticket.filter(|_| !args.all) {
        let report = store.verify_stream(&stream_id(ticket)).await?;
        if report.events_checked == 0 {
            println!("ticket {ticket}: no events");
            return Ok(ExitCode::from(2));
        }
        let stream = stream_id(ticket);
        let found = ticket_evidence(&store, ticket).await?;
        let references: Vec<EvidenceRef> = found
            .references
            .into_iter()
            .map(|reference| EvidenceRef {
                stream: stream.clone(),
                reference,
                subject: found.subject.clone(),
            })
            .collect();
        let evidence_intact = check_evidence(&evidence, &references, keys.as_ref()).await?;
        return Ok(match report.first_break {
            None if !evidence_intact => {
                println!(
                    "ticket {ticket}: events intact ({} events), evidence BROKEN",
                    report.events_checked
                );
                ExitCode::FAILURE
            }
            None => {
                println!("ticket {ticket}: intact ({} events)", report.events_checked);
                ExitCode::SUCCESS
            }
            Some(b) => {
                println!(
                    "ticket {ticket}: BROKEN at version {} (position {}, event {}): {}",
                    b.stream_version, b.position, b.event_id, b.reason
                );
                ExitCode::FAILURE
            }
        });
    }
    let report = store.verify_all().await?;
    println!(
        "checked {} events in {} streams and {} seals",
        report.events_checked, report.streams_checked, report.seals_checked
    );
    for b in &report.chain_breaks {
        println!(
            "BROKEN stream {} at version {} (position {}, event {}): {}",
            b.stream_id, b.stream_version, b.position, b.event_id, b.reason
        );
    }
    for s in &report.seal_breaks {
        println!(
            "BROKEN seal {} (head {}): {}",
            s.seal_id, s.head_position, s.reason
        );
    }
    let evidence_intact =
        check_evidence(&evidence, &all_references(&store).await?, keys.as_ref()).await?;
    if report.is_intact() && evidence_intact {
        println!("intact");
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::FAILURE)
    }
}
