//! `returns verify TICKET` / `returns verify --all`: checks hash chains (and
//! seals) and names the first bad event. Exits 1 when anything is broken.

use std::process::ExitCode;

use returns_eventstore::EventStore;
use returns_tickets::stream_id;

use crate::evidence::{all_references, ticket_references, EvidenceCheck, EvidenceStore};
use crate::settings::VerifyArgs;

/// Re-hashes each referenced evidence file; prints the missing and altered
/// ones and answers whether all were intact.
async fn check_evidence(
    evidence: &EvidenceStore,
    references: &[(String, String)],
) -> anyhow::Result<bool> {
    let mut intact = true;
    let mut checked = 0;
    for (owner, reference) in references {
        match evidence.check(reference).await? {
            EvidenceCheck::Intact => checked += 1,
            EvidenceCheck::External => {}
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
    Ok(intact)
}

/// Verifies one ticket or the whole log.
pub async fn run(database_url: &str, args: &VerifyArgs) -> anyhow::Result<ExitCode> {
    let store = EventStore::connect(database_url).await?;
    // The limit only matters for uploads; verify reads whatever is there.
    let evidence = EvidenceStore::new(&args.evidence_dir, usize::MAX);
    if let Some(ticket) = args.ticket.filter(|_| !args.all) {
        let report = store.verify_stream(&stream_id(ticket)).await?;
        if report.events_checked == 0 {
            println!("ticket {ticket}: no events");
            return Ok(ExitCode::from(2));
        }
        let references: Vec<(String, String)> = ticket_references(&store, ticket)
            .await?
            .into_iter()
            .map(|r| (format!("ticket {ticket}"), r))
            .collect();
        let evidence_intact = check_evidence(&evidence, &references).await?;
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
    let evidence_intact = check_evidence(&evidence, &all_references(&store).await?).await?;
    if report.is_intact() && evidence_intact {
        println!("intact");
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::FAILURE)
    }
}
