//! `returns mapping export PLATFORM` prints a shipped mapping to start from;
//! `returns mapping check [FILE.toml] [--sample records.jsonl]` validates a
//! merchant's mapping (or every shipped one), lists per platform what each
//! documented status code does and any code it does not handle, and
//! previews the ticket each sample record would open, naming every field
//! that does not fit.

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
        MappingCommand::Check { file, sample } => match file {
            Some(file) => check(&file, sample.as_deref()),
            None => check_shipped(),
        },
    }
}

/// Reads and checks a mapping file.
pub fn read(file: &Path) -> anyhow::Result<Mapping> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    Ok(Mapping::from_toml(&file.display().to_string(), &text)?)
}

/// Checks every shipped mapping's documented status codes.
fn check_shipped() -> anyhow::Result<ExitCode> {
    let mut unhandled = 0;
    for mapping in Mappings::builtin()?.iter() {
        println!("shipped mapping: platform {}", mapping.platform);
        unhandled += statuses(mapping)?;
    }
    Ok(if unhandled > 0 {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    })
}

/// Prints what each documented status code of the mapping's platform does
/// and lists the codes it does not handle; returns how many those are.
fn statuses(mapping: &Mapping) -> anyhow::Result<usize> {
    // A merchant's file that lists no documented codes is held to the
    // shipped mapping's list for its platform.
    let fallback = Mappings::builtin()?
        .get(&mapping.platform)
        .map(|m| m.documented_statuses.clone())
        .unwrap_or_default();
    let table = mapping.status_table(&fallback);
    if table.is_empty() {
        println!(
            "  no documented status codes known for {}",
            mapping.platform
        );
        return Ok(0);
    }
    for row in &table {
        println!(
            "  status {} ({}) → {}: {}",
            row.code,
            row.meaning,
            row.status.as_deref().unwrap_or("-"),
            if row.does.is_empty() {
                "NOT HANDLED".to_owned()
            } else {
                row.does.join("; ")
            }
        );
    }
    let unhandled: Vec<&str> = table
        .iter()
        .filter(|r| r.does.is_empty())
        .map(|r| r.code.as_str())
        .collect();
    if unhandled.is_empty() {
        println!(
            "  every documented status code of {} is handled",
            mapping.platform
        );
    } else {
        println!(
            "  documented status codes of {} not handled: {}",
            mapping.platform,
            unhandled.join(", ")
        );
    }
    Ok(unhandled.len())
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
    let unhandled = statuses(&mapping)?;
    let Some(sample) = sample else {
        return Ok(if unhandled > 0 {
            ExitCode::from(3)
        } else {
            ExitCode::SUCCESS
        });
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
