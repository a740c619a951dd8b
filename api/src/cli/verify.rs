//! `returns verify TICKET` / `returns verify --all`: checks hash chains (and
//! seals) and names the first bad event. Exits 1 when anything is broken.

use std::process::ExitCode;

use returns_eventstore::EventStore;
use returns_tickets::stream_id;

use crate::settings::VerifyArgs;

/// Verifies one ticket or the whole log.
pub async fn run(database_url: &str, args: &VerifyArgs) -> anyhow::Result<ExitCode> {
    let store = EventStore::connect(database_url).await?;
    if let Some(ticket) = args.ticket.filter(|_| !args.all) {
        let report = store.verify_stream(&stream_id(ticket)).await?;
        if report.events_checked == 0 {
            println!("ticket {ticket}: no events");
            return Ok(ExitCode::from(2));
        }
        return Ok(match report.first_break {
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
    if report.is_intact() {
        println!("intact");
        Ok(ExitCode::SUCCESS)
    } else {
        Ok(ExitCode::FAILURE)
    }
}
