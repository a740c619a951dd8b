//! `returns evidence-pack TICKET --out FILE` and `returns verify-pack FILE`.

use std::process::ExitCode;

use returns_eventstore::EventStore;
use returns_tickets::privacy::{Access, MasterKey};

use crate::evidence::EvidenceStore;
use crate::pack::{self, PackRequest};
use crate::settings::{EvidencePackArgs, VerifyPackArgs};

/// Writes the pack of one ticket.
pub async fn write(
    database_url: &str,
    args: &EvidencePackArgs,
    master_key: Option<MasterKey>,
) -> anyhow::Result<ExitCode> {
    let store = EventStore::connect(database_url).await?;
    // Without the master key the pack still carries the events and the
    // seal; the photos and the readable view need it.
    let keys = super::verify::key_ring(&store, master_key).await;
    let access = match args.personal_data.as_str() {
        "full" => Access::Full,
        "presence" => Access::Presence,
        _ => Access::Masked,
    };
    let evidence = EvidenceStore::new(&args.evidence_dir, usize::MAX);
    let (bytes, _) = pack::build_and_record(
        PackRequest {
            store: &store,
            keys: keys.as_ref(),
            evidence: &evidence,
            ticket: args.ticket,
            access,
            made_by: &args.actor,
        },
        // Whoever runs the CLI holds the database: an administrator.
        "admin",
    )
    .await?;
    std::fs::write(&args.out, &bytes)?;
    println!(
        "wrote the evidence pack of ticket {} to {} ({} bytes)",
        args.ticket,
        args.out.display(),
        bytes.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// Checks a pack; exits 1 when anything does not hold.
pub fn check(args: &VerifyPackArgs) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(&args.file)?;
    let report = pack::verify(&bytes);
    for problem in &report.problems {
        println!("BROKEN: {problem}");
    }
    let ticket = report
        .ticket
        .map_or_else(|| "?".to_owned(), |t| t.to_string());
    println!(
        "ticket {ticket}: {} events, sealed through version {} ({} not yet sealed), {} photo(s) re-hashed, {} erased with the customer; {}",
        report.events,
        report.sealed_through_version,
        report.unsealed_events,
        report.photos_checked,
        report.photos_erased,
        if report.is_intact() { "intact" } else { "BROKEN" }
    );
    Ok(if report.is_intact() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
