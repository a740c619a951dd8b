//! `returns import --platform P FILE.jsonl` (or `--mapping FILE.toml`): imports platform after-sale
//! records in bulk with a progress bar; rejected lines go to a file with
//! their errors, so one bad record never stops the rest.

use std::process::ExitCode;

use anyhow::Context as _;
use indicatif::{ProgressBar, ProgressStyle};
use returns_eventstore::Metadata;
use returns_intake::mapping_store::load_mappings;
use returns_intake::{import_jsonl, BulkOptions};
use returns_tickets::privacy::MasterKey;
use returns_tickets::{TicketSettings, Tickets};
use tokio::io::BufReader;

use crate::settings::ImportArgs;
use crate::startup::open;

/// Imports `args.file` into the database at `database_url`.
pub async fn run(
    database_url: &str,
    args: &ImportArgs,
    master_key: Option<MasterKey>,
    settings: TicketSettings,
) -> anyhow::Result<ExitCode> {
    let Some(master_key) = master_key else {
        anyhow::bail!("{}", super::privacy::NO_MASTER_KEY);
    };
    let (store, _) = open(database_url).await?;
    let tickets = Tickets::open(store.clone(), master_key, settings).await?;
    let mapping = match (&args.mapping, &args.platform) {
        (Some(file), _) => std::sync::Arc::new(super::mapping::read(file)?),
        (None, Some(platform)) => {
            let mappings = load_mappings(&store).await?;
            mappings.get(platform).with_context(|| {
                format!(
                    "no mapping for platform `{platform}` (known: {})",
                    mappings.platforms().join(", ")
                )
            })?
        }
        (None, None) => anyhow::bail!("give --platform or --mapping"),
    };
    let encoding = returns_intake::encoding::by_label(&args.encoding)
        .with_context(|| format!("unknown encoding `{}`", args.encoding))?;
    let file = tokio::fs::File::open(&args.file)
        .await
        .with_context(|| format!("cannot open {}", args.file.display()))?;
    let size = file.metadata().await?.len();
    let mut rejects = tokio::fs::File::create(&args.rejects)
        .await
        .with_context(|| format!("cannot create {}", args.rejects.display()))?;
    let bar = ProgressBar::new(size).with_style(
        ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {per_sec} eta {eta}  {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let metadata = Metadata::new(args.actor.clone(), "system");
    let summary = import_jsonl(
        &tickets,
        mapping,
        metadata,
        BufReader::new(file),
        &mut rejects,
        BulkOptions {
            encoding,
            ..BulkOptions::default()
        },
        |p| {
            bar.set_position(p.bytes);
            bar.set_message(format!(
                "{} created, {} updated, {} unchanged, {} rejected, {} with warnings",
                p.created, p.updated, p.unchanged, p.rejected, p.warned
            ));
        },
    )
    .await?;
    bar.finish();
    println!(
        "{} lines: {} created, {} updated, {} unchanged, {} rejected, {} with warnings (recorded on their tickets){}",
        summary.lines,
        summary.created,
        summary.updated,
        summary.unchanged,
        summary.rejected,
        summary.warned,
        if summary.rejected > 0 {
            format!(" (see {})", args.rejects.display())
        } else {
            String::new()
        }
    );
    Ok(if summary.rejected > 0 {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    })
}
