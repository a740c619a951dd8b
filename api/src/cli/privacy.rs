//! `returns erase SUBJECT`, `returns export-subject SUBJECT` and
//! `returns keys generate|rotate`: the data subject's rights and the master
//! key's housekeeping, from the command line.

use std::process::ExitCode;

use returns_eventstore::{EventStore, Metadata};
use std::sync::Arc;

use returns_tickets::privacy::{self, erase, KeyRing, MasterKey};
use returns_tickets::{TicketSettings, Tickets};

use crate::settings::{EraseArgs, ExportSubjectArgs, KeysCommand};

/// What `serve`, `import` and the personal-data commands say without a key.
pub const NO_MASTER_KEY: &str = "no master key: set RETURNS_MASTER_KEY (64 hex digits or base64 \
     of 32 bytes) or RETURNS_MASTER_KEY_FILE; `returns keys generate` prints a new one. Without it \
     personal data could not be erased later, so nothing is written.";

async fn open(
    database_url: &str,
    master_key: Option<MasterKey>,
    settings: TicketSettings,
) -> anyhow::Result<(EventStore, Arc<KeyRing>)> {
    let Some(master_key) = master_key else {
        anyhow::bail!("{NO_MASTER_KEY}");
    };
    let store = EventStore::connect(database_url).await?;
    let tickets = Tickets::open(store.clone(), master_key, settings).await?;
    let keys = tickets
        .keys()
        .cloned()
        .ok_or_else(|| anyhow::anyhow!("{NO_MASTER_KEY}"))?;
    Ok((store, keys))
}

/// Erases a subject and reports what the log still holds in plaintext.
pub async fn erase(
    database_url: &str,
    args: &EraseArgs,
    master_key: Option<MasterKey>,
    settings: TicketSettings,
) -> anyhow::Result<ExitCode> {
    let (store, keys) = open(database_url, master_key, settings).await?;
    let subject = erase::resolve(&keys, &args.subject);
    let metadata = Metadata::new(args.actor.clone(), "admin").with_source("cli");
    let done = erase::erase(
        &store,
        &keys,
        &subject,
        metadata,
        &args.reason,
        store.clock().now(),
    )
    .await?;
    let evidence = crate::evidence::EvidenceStore::new(&args.evidence_dir, usize::MAX);
    let shredded = crate::evidence::shred_subject(&evidence, &store, &done.subject, &done.tickets)
        .await?
        + crate::evidence::shred_parcels(&evidence, &keys, &done.parcels).await?;
    println!(
        "erased data subject {} ({} ticket(s)); key {}; {shredded} evidence file(s) deleted; recorded at position {}",
        done.subject,
        done.tickets.len(),
        if done.key_deleted {
            "deleted"
        } else {
            "already gone"
        },
        done.position
    );
    for ticket in &done.tickets {
        println!("  ticket {ticket}");
    }
    if done.plaintext_events.is_empty() {
        println!("no event holds this subject's personal data in plaintext");
    } else {
        println!(
            "{} event(s) were written before encryption and still hold this subject's data in \
             plaintext; the hash chain forbids rewriting them (see the book, Auditing and personal data):",
            done.plaintext_events.len()
        );
        for e in &done.plaintext_events {
            println!(
                "  PLAINTEXT ticket {} version {} position {} {} [{}]",
                e.ticket_id,
                e.stream_version,
                e.position,
                e.event_type,
                e.fields.join(", ")
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints everything held about a subject as JSON.
pub async fn export(
    database_url: &str,
    args: &ExportSubjectArgs,
    master_key: Option<MasterKey>,
    settings: TicketSettings,
) -> anyhow::Result<ExitCode> {
    let (store, keys) = open(database_url, master_key, settings).await?;
    let subject = erase::resolve(&keys, &args.subject);
    let export = erase::export(&store, &keys, &subject).await?;
    println!("{}", serde_json::to_string_pretty(&export)?);
    Ok(ExitCode::SUCCESS)
}

/// `keys generate` and `keys rotate`.
pub async fn keys(
    database_url: &str,
    command: KeysCommand,
    master_key: Option<MasterKey>,
) -> anyhow::Result<ExitCode> {
    match command {
        KeysCommand::Generate => {
            println!("{}", MasterKey::generate().to_hex());
            Ok(ExitCode::SUCCESS)
        }
        KeysCommand::Rotate {
            new_key,
            new_key_file,
        } => {
            let Some(old) = master_key else {
                anyhow::bail!("{NO_MASTER_KEY}");
            };
            let new = match (new_key, new_key_file) {
                (Some(text), _) => MasterKey::parse(&text)?,
                (None, Some(path)) => MasterKey::from_file(&path)?,
                (None, None) => anyhow::bail!("give --new-key or --new-key-file"),
            };
            let store = EventStore::connect(database_url).await?;
            let count = privacy::rotate(store.db(), &old, &new).await?;
            println!(
                "re-wrapped {count} data key(s) from master key {} to {}; events untouched. \
                 Configure the new key before the next start.",
                old.id(),
                new.id()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
