//! `returns mapping export PLATFORM` prints a shipped mapping to start from;
//! `returns mapping check FILE.toml [--sample records.jsonl]` validates a
//! merchant's mapping and previews the ticket each sample record would
//! open, naming every field that does not fit.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use returns_intake::{preview, Mapping, Mappings};
use serde_json::Value;

use crate::settings::MappingCommand;

/// Runs a `mapping` subcommand (no database needed).
pub async fn run(command: MappingCommand) -> anyhow::Result<ExitCode> {
    match command {
        MappingCommand::Export { platform } => {
            let mappings = Mappings::builtin()?;
            let mapping = mappings.get(&platform).with_context(|| {
                format!(
                    "no shipped mapping for `{platform}` (shipped: {})",
                    mappings.platforms().join(", ")
                )
            })?;
            print!("{}", mapping.source());
            Ok(ExitCode::SUCCESS)
        }
        MappingCommand::Check { file, sample } => check(&file, sample.as_deref()),
    }
}

/// Reads and checks a mapping file.
pub fn read(file: &Path) -> anyhow::Result<Mapping> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    Ok(Mapping::from_toml(&file.display().to_string(), &text)?)
}

fn check(file: &Path, sample: Option<&Path>) -> anyhow::Result<ExitCode> {
    let mapping = match read(file) {
        Ok(mapping) => mapping,
        Err(error) => {
            println!("{error}");
            return Ok(ExitCode::from(1));
        }
    };
    println!(
        "mapping {}: platform {}, {} custom field(s), {} sync rule(s): ok",
        file.display(),
        mapping.platform,
        mapping.custom_fields.len(),
        mapping.sync.len()
    );
    let Some(sample) = sample else {
        return Ok(ExitCode::SUCCESS);
    };
    let text = std::fs::read_to_string(sample)
        .with_context(|| format!("cannot read {}", sample.display()))?;
    let now = chrono::Utc::now();
    let (mut opened, mut refused, mut warned) = (0, 0, 0);
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if raw.trim().is_empty() {
            continue;
        }
        let payload: Value = match serde_json::from_str(raw) {
            Ok(p) => p,
            Err(e) => {
                refused += 1;
                println!("line {line}: refused: malformed JSON: {e}");
                continue;
            }
        };
        match preview(&mapping, &payload, now) {
            Ok(m) => {
                opened += 1;
                let lines: Vec<String> = m
                    .open
                    .lines
                    .iter()
                    .map(|l| {
                        format!(
                            "{} ×{} {} {}",
                            l.sku, l.qty, l.paid.amount_minor, l.paid.currency
                        )
                    })
                    .collect();
                println!(
                    "line {line}: opens {} {} for order {} ({}), status {}{}",
                    m.open.kind.as_str(),
                    m.aftersale_id,
                    m.open.platform_order_id.as_deref().unwrap_or("-"),
                    lines.join(", "),
                    m.platform_status.as_deref().unwrap_or("-"),
                    m.target
                        .map(|t| format!(" → {}", t.name()))
                        .unwrap_or_default()
                );
                if !m.warnings.is_empty() {
                    warned += 1;
                }
                for w in &m.warnings {
                    println!("  warning: {w}");
                }
            }
            Err(errors) => {
                refused += 1;
                println!("line {line}: refused (no ticket):");
                for e in &errors {
                    println!("  {e}");
                }
            }
        }
    }
    println!("{opened} would open, {warned} with warnings, {refused} refused");
    Ok(if refused > 0 {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    })
}
