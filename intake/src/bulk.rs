//! Bulk import of a JSON-lines file (`returns import --platform douyin FILE`).
//!
//! Streaming: lines are read a chunk at a time, so memory stays constant for
//! any file size. Within a chunk, records run concurrently (the store's group
//! commit writer then batches their appends into few transactions), except
//! that lines of the same platform record run in file order, one after the
//! other, so a later version always lands after an earlier one. The chunk's
//! intake rows are written in one statement after its tickets (see
//! [`super::sync`] for why that order is crash-safe).

use std::collections::HashMap;
use std::sync::Arc;

use returns_eventstore::Metadata;
use returns_tickets::Tickets;
use serde::Serialize;
use serde_json::Value;
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncWrite, AsyncWriteExt};
use tokio::task::JoinSet;

use super::custom_fields::Definitions;
use super::encoding::{decode_line, Hint};
use super::error::{ImportError, MappingError};
use super::field::describe;
use super::import::prepare_definitions;
use super::mapping::Mapping;
use super::preview::{preview, MappedTicket};
use super::records::{self, IntakeRecord};
use super::sync::{apply, ImportAction, ImportOutcome};

/// How a bulk import runs.
#[derive(Debug, Clone, Copy)]
pub struct BulkOptions {
    /// Lines read and imported together (bounds memory).
    pub chunk_lines: usize,
    /// The file's text encoding (`--encoding`); each line is decoded alone,
    /// so a line that does not decode is one rejected line.
    pub encoding: &'static encoding_rs::Encoding,
}

impl Default for BulkOptions {
    fn default() -> Self {
        Self {
            chunk_lines: 512,
            encoding: encoding_rs::UTF_8,
        }
    }
}

/// Counts so far, reported after every chunk.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportProgress {
    /// Lines read (blank lines included).
    pub lines: u64,
    /// Bytes read, for a progress bar over the file size.
    pub bytes: u64,
    /// Tickets opened.
    pub created: u64,
    /// Tickets changed by a newer platform version.
    pub updated: u64,
    /// Records that changed nothing (older or identical version).
    pub unchanged: u64,
    /// Lines rejected (written to the rejects file): only lines that could
    /// not become a ticket at all.
    pub rejected: u64,
    /// Records imported with warnings (fields that did not fit, recorded on the ticket).
    pub warned: u64,
}

/// The totals of a finished bulk import.
pub type ImportSummary = ImportProgress;

/// One rejected line as written to the rejects file.
#[derive(Debug, Clone, Serialize)]
pub struct RejectedLine {
    /// 1-based line number in the input.
    pub line: u64,
    /// The error code (`VALIDATION`, `INVALID_TRANSITION`, …).
    pub code: String,
    /// The error in words.
    pub error: String,
    /// The mapping errors, when the record did not fit the mapping.
    pub errors: Vec<MappingError>,
    /// The line as read.
    pub raw: String,
}

/// Why a bulk import stopped (lines that fail are rejected, not errors).
#[derive(Debug, thiserror::Error)]
pub enum BulkError {
    /// Reading the input or writing the rejects failed.
    #[error("bulk import I/O: {0}")]
    Io(#[from] std::io::Error),
    /// An import task panicked or was cancelled.
    #[error("bulk import task failed: {0}")]
    Task(String),
    /// Set-up or an intake-row write failed.
    #[error(transparent)]
    Import(#[from] ImportError),
}

enum Parsed {
    Mapped(Box<MappedTicket>),
    Rejected(RejectedLine),
}

fn parse(
    mapping: &Mapping,
    line_no: u64,
    raw: String,
    now: chrono::DateTime<chrono::Utc>,
) -> Parsed {
    let reject = |errors: Vec<MappingError>, raw: String| {
        let error = errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ");
        Parsed::Rejected(RejectedLine {
            line: line_no,
            code: "VALIDATION".to_owned(),
            error,
            errors,
            raw,
        })
    };
    match serde_json::from_str::<Value>(&raw) {
        Err(e) => reject(
            vec![MappingError {
                path: "$".to_owned(),
                field: "payload".to_owned(),
                expected: "a JSON object".to_owned(),
                found: format!("malformed JSON: {e}"),
            }],
            raw,
        ),
        Ok(payload) => match preview(mapping, &payload, now) {
            Ok(mapped) => Parsed::Mapped(Box::new(mapped)),
            Err(errors) => reject(errors, raw),
        },
    }
}

type LineResult = (u64, String, Result<ImportOutcome, ImportError>);

/// Imports a group of lines of one platform record, in order.
async fn run_group(
    tickets: Tickets,
    mapping: Arc<Mapping>,
    definitions: Arc<Definitions>,
    metadata: Metadata,
    group: Vec<(u64, String, Box<MappedTicket>)>,
    prior: Option<IntakeRecord>,
) -> (Vec<LineResult>, Option<IntakeRecord>) {
    let mut results = Vec::with_capacity(group.len());
    let mut row = prior;
    let mut wrote = false;
    for (line_no, raw, mapped) in group {
        let applied = apply(
            &tickets,
            &mapping,
            &mapped,
            row.as_ref(),
            &definitions,
            &metadata,
        )
        .await;
        let result = applied.map(|(outcome, new_row)| {
            if let Some(new_row) = new_row {
                row = Some(new_row);
                wrote = true;
            }
            outcome
        });
        results.push((line_no, raw, result));
    }
    // Only a row this group changed needs saving; `find`'s row is already stored.
    (results, row.filter(|_| wrote))
}

/// Imports every line of `reader` (one platform record per line) with
/// `mapping`, writing rejected lines with their errors to `rejects` and
/// calling `progress` after every chunk. Returns the totals.
pub async fn import_jsonl<R, W, P>(
    tickets: &Tickets,
    mapping: Arc<Mapping>,
    metadata: Metadata,
    reader: R,
    rejects: &mut W,
    options: BulkOptions,
    mut progress: P,
) -> Result<ImportSummary, BulkError>
where
    R: AsyncBufRead + Unpin,
    W: AsyncWrite + Unpin,
    P: FnMut(&ImportProgress),
{
    let store = tickets.store();
    let definitions = Arc::new(prepare_definitions(store, &mapping).await?);
    let mut reader = reader;
    let mut totals = ImportProgress::default();
    let chunk_lines = options.chunk_lines.max(1);
    let mut done = false;
    while !done {
        // Read one chunk.
        let now = store.clock().now();
        let mut rejected: Vec<RejectedLine> = Vec::new();
        let mut groups: Vec<Vec<(u64, String, Box<MappedTicket>)>> = Vec::new();
        let mut group_of: HashMap<String, usize> = HashMap::new();
        let mut read = 0;
        while read < chunk_lines {
            let mut bytes = Vec::new();
            let n = reader.read_until(b'\n', &mut bytes).await?;
            if n == 0 {
                done = true;
                break;
            }
            read += 1;
            totals.lines += 1;
            totals.bytes += n as u64;
            let trimmed = bytes
                .strip_suffix(b"\n")
                .map_or(bytes.as_slice(), |b| b.strip_suffix(b"\r").unwrap_or(b));
            if trimmed.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let raw = match decode_line(trimmed, options.encoding, Hint::CommandLine) {
                Ok(text) => text,
                Err(error) => {
                    rejected.push(RejectedLine {
                        line: totals.lines,
                        code: "VALIDATION".to_owned(),
                        error: error.to_string(),
                        errors: vec![error],
                        raw: String::from_utf8_lossy(trimmed).into_owned(),
                    });
                    continue;
                }
            };
            match parse(&mapping, totals.lines, raw.clone(), now) {
                Parsed::Rejected(r) => rejected.push(r),
                Parsed::Mapped(mapped) => {
                    let index = *group_of
                        .entry(mapped.aftersale_id.clone())
                        .or_insert_with(|| {
                            groups.push(Vec::new());
                            groups.len() - 1
                        });
                    if let Some(group) = groups.get_mut(index) {
                        group.push((totals.lines, raw, mapped));
                    }
                }
            }
        }
        // Import the chunk's records concurrently, each record's lines in order.
        let keys: Vec<String> = group_of.into_keys().collect();
        let mut priors = records::find_many(store, &mapping.platform, &keys)
            .await
            .map_err(ImportError::from)?;
        let mut tasks = JoinSet::new();
        for group in groups {
            let prior = group
                .first()
                .and_then(|(_, _, mapped)| priors.remove(&mapped.aftersale_id));
            tasks.spawn(run_group(
                tickets.clone(),
                mapping.clone(),
                definitions.clone(),
                metadata.clone(),
                group,
                prior,
            ));
        }
        let mut rows = Vec::new();
        while let Some(joined) = tasks.join_next().await {
            let (results, row) = joined.map_err(|e| BulkError::Task(e.to_string()))?;
            rows.extend(row);
            for (line, raw, result) in results {
                match result {
                    Ok(outcome) => {
                        match outcome.action {
                            ImportAction::Created { .. } => totals.created += 1,
                            ImportAction::Updated { .. } => totals.updated += 1,
                            ImportAction::Unchanged { .. } => totals.unchanged += 1,
                        }
                        if !outcome.warnings.is_empty() {
                            totals.warned += 1;
                        }
                    }
                    Err(err) => rejected.push(RejectedLine {
                        line,
                        code: err.code().to_owned(),
                        error: err.to_string(),
                        errors: err.mapping_errors().to_vec(),
                        raw,
                    }),
                }
            }
        }
        records::save(store, &rows)
            .await
            .map_err(ImportError::from)?;
        rejected.sort_by_key(|r| r.line);
        totals.rejected += rejected.len() as u64;
        for r in &rejected {
            let mut text = serde_json::to_string(r).unwrap_or_else(|_| {
                format!(
                    "{{\"line\":{},\"error\":{}}}",
                    r.line,
                    describe(&Value::from(r.error.clone()))
                )
            });
            text.push('\n');
            rejects.write_all(text.as_bytes()).await?;
        }
        progress(&totals);
    }
    rejects.flush().await?;
    Ok(totals)
}
