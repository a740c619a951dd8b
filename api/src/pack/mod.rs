//! Evidence packs (issue #26): one ticket's case as a zip that a platform,
//! a court or the buyer can check without our database or our binary.
//!
//! - `events.json`: the ticket's events exactly as stored ([`StoredEvent`]:
//!   personal fields encrypted, as the hash chain covers them), so the chain
//!   is recomputed from the first event;
//! - `readable.json`: the same events with personal fields as the
//!   requester's role may see them (not what the chain covers);
//! - `seal.json`: the newest seal and every stream's head at its position,
//!   so its hash is recomputed and the ticket's head found among them;
//! - `photos/<sha256>.<ext>`: the inspection photos the events reference,
//!   named by the digest the events record;
//! - `case.pdf`: the case for people, in Chinese with English beside it
//!   (see [`pdf`]), made from the same events;
//! - `verify.py`: the documented check in a page of Python;
//! - `manifest.json`: every other file's SHA-256 and size, the ticket's
//!   head, the version the seal covers, and the photos erased with their
//!   customer.
//!
//! Built on request and never stored: a pack holds the photos in the
//! clear, so keeping one would be a copy erasure could not reach.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use returns_eventstore::{check_stored_chain, hash, EventStore, StoredEvent};
use returns_tickets::privacy::{Access, KeyRing};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::evidence::{parse_reference, EvidenceError, EvidenceStore, Owner};

pub mod pdf;

/// The format a pack's manifest names.
pub const FORMAT: &str = "returns-evidence-pack/1";

/// The check a pack carries, the same as the book's.
pub const VERIFY_SCRIPT: &str = include_str!("../../../docs/src/auditing/verify_pack.py");

/// Why a pack could not be built.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    /// No such ticket.
    #[error("ticket {0} not found")]
    NotFound(Uuid),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] returns_eventstore::Error),
    /// A photo could not be read.
    #[error(transparent)]
    Evidence(#[from] EvidenceError),
    /// Writing the zip failed.
    #[error("cannot write the pack: {0}")]
    Zip(String),
}

/// One file of a pack, as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackFile {
    /// Its path in the zip.
    pub path: String,
    /// SHA-256 of its bytes, hex.
    pub sha256: String,
    /// Its size.
    pub bytes: u64,
}

/// A stream's head as a seal covers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackHead {
    /// Stream id.
    pub stream: String,
    /// Its version at the seal.
    pub version: i64,
    /// Its hash then, hex.
    pub hash: String,
}

/// The seal a pack carries and what it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackSeal {
    /// The seal's id in the log.
    pub seal_id: i64,
    /// The log position it covers.
    pub head_position: i64,
    /// How many streams existed then.
    pub stream_count: i64,
    /// SHA-256 over every head, hex (see the book for the byte layout).
    pub heads_hash: String,
    /// When it was taken.
    pub sealed_at: chrono::DateTime<chrono::Utc>,
    /// Every stream's head at that position, sorted by stream id.
    pub heads: Vec<PackHead>,
}

/// `manifest.json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`FORMAT`].
    pub format: String,
    /// The ticket.
    pub ticket: Uuid,
    /// When the pack was made.
    pub made_at: chrono::DateTime<chrono::Utc>,
    /// Who asked for it.
    pub made_by: String,
    /// How personal fields show in `readable.json`.
    pub personal_data: String,
    /// The ticket's newest version and its hash.
    pub head_version: i64,
    /// Hex.
    pub head_hash: String,
    /// The newest version a seal covers (0: none yet).
    pub sealed_through_version: i64,
    /// Photo references whose file was erased with the ticket's customer.
    pub photos_erased: Vec<String>,
    /// Every other file of the pack.
    pub files: Vec<PackFile>,
}

/// What to put in a pack.
pub struct PackRequest<'a> {
    /// The log.
    pub store: &'a EventStore,
    /// The key ring (`None`: tickets in the clear).
    pub keys: Option<&'a KeyRing>,
    /// The photos.
    pub evidence: &'a EvidenceStore,
    /// The ticket.
    pub ticket: Uuid,
    /// How `readable.json` shows personal fields.
    pub access: Access,
    /// Who asks (recorded in the manifest).
    pub made_by: &'a str,
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn access_name(access: Access) -> &'static str {
    match access {
        Access::Full => "full",
        Access::Masked => "masked",
        Access::Presence => "presence",
    }
}

fn extension(content_type: &str) -> &'static str {
    match content_type {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/webp" => "webp",
        _ => "bin",
    }
}

/// Every photo reference the events record, in order, once each.
fn photo_references(events: &[StoredEvent]) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for event in events {
        for reference in crate::evidence::photos_named_by(&event.event_type, &event.payload) {
            if !found.iter().any(|r| r == reference) {
                found.push(reference.to_owned());
            }
        }
    }
    found
}

/// The ticket's data subject, from its first event as stored.
fn subject_of(events: &[StoredEvent]) -> Option<String> {
    let first = events.first()?;
    crate::evidence::subject_named_by(&first.event_type, &first.payload)
}

fn json_bytes(value: &impl Serialize) -> Result<Vec<u8>, PackError> {
    serde_json::to_vec_pretty(value).map_err(|e| PackError::Zip(e.to_string()))
}

/// Builds the pack of `request.ticket`.
pub async fn build(request: PackRequest<'_>) -> Result<Vec<u8>, PackError> {
    build_with_subject(request).await.map(|(bytes, _)| bytes)
}

/// Builds the pack as [`build`] does, and records its making on the data
/// subject's stream (`EvidencePackMade`: who, in which role, with personal
/// data as which view, and the pack's SHA-256). Returns the pack and that
/// digest.
pub async fn build_and_record(
    request: PackRequest<'_>,
    role: &str,
) -> Result<(Vec<u8>, String), PackError> {
    let store = request.store;
    let ticket = request.ticket;
    let access = access_name(request.access);
    let actor = request.made_by.to_owned();
    let (bytes, subject) = build_with_subject(request).await?;
    let digest = sha256_hex(&bytes);
    if let Some(subject) = subject {
        returns_tickets::privacy::erase::record_pack(
            store,
            &subject,
            ticket,
            access,
            &digest,
            returns_eventstore::Metadata::new(actor, role),
            store.clock().now(),
        )
        .await?;
    }
    Ok((bytes, digest))
}

/// The pack, and the data subject its ticket names (if any).
async fn build_with_subject(
    request: PackRequest<'_>,
) -> Result<(Vec<u8>, Option<String>), PackError> {
    let store = request.store;
    let stream = returns_tickets::stream_id(request.ticket);
    let events = store.stored_stream(&stream).await?;
    let Some(head) = events.last() else {
        return Err(PackError::NotFound(request.ticket));
    };
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    files.insert("events.json".into(), json_bytes(&events)?);

    let mut readable: Vec<Value> = Vec::with_capacity(events.len());
    for event in &events {
        let mut payload = event.payload.clone();
        if let Some(keys) = request.keys {
            keys.open_value(&mut payload, request.access).await?;
        }
        readable.push(serde_json::json!({
            "stream_version": event.stream_version,
            "event_type": event.event_type,
            "recorded_at_us": event.recorded_at_us,
            "actor": event.metadata.get("actor"),
            "role": event.metadata.get("role"),
            "payload": payload,
        }));
    }
    files.insert("readable.json".into(), json_bytes(&readable)?);

    // The newest seal, and the ticket's head among the heads it covers.
    let mut sealed_through_version = 0;
    let mut pack_seal = None;
    if let Some(seal) = store
        .seals()
        .await?
        .into_iter()
        .max_by_key(|s| s.head_position)
    {
        let heads = store.heads_as_of(seal.head_position).await?;
        sealed_through_version = heads
            .iter()
            .find(|(s, _, _)| *s == stream)
            .map_or(0, |(_, version, _)| *version);
        let seal = PackSeal {
            seal_id: seal.seal_id,
            head_position: seal.head_position,
            stream_count: seal.stream_count,
            heads_hash: hex::encode(&seal.heads_hash),
            sealed_at: seal.sealed_at,
            heads: heads
                .into_iter()
                .map(|(stream, version, hash)| PackHead {
                    stream,
                    version,
                    hash: hex::encode(hash),
                })
                .collect(),
        };
        files.insert("seal.json".into(), json_bytes(&seal)?);
        pack_seal = Some(seal);
    }

    let subject = subject_of(&events);
    let owner = match (request.keys, subject.as_deref()) {
        (Some(keys), Some(subject)) => Some(Owner { keys, subject }),
        _ => None,
    };
    let mut photos_erased = Vec::new();
    let mut photos: BTreeMap<String, (Vec<u8>, &'static str)> = BTreeMap::new();
    for reference in photo_references(&events) {
        let Ok(hex) = parse_reference(&reference) else {
            continue;
        };
        match request.evidence.read(&reference, owner).await {
            Ok(Some((bytes, content_type))) => {
                photos.insert(hex.to_owned(), (bytes, content_type));
            }
            Err(EvidenceError::Erased) => photos_erased.push(reference),
            // A photo neither present nor erased: the manifest does not
            // list it, and the check reports it missing.
            Ok(None) => {}
            Err(other) => return Err(other.into()),
        }
    }
    let case = pdf::render(&pdf::CaseInput {
        ticket: request.ticket,
        events: events
            .iter()
            .zip(&readable)
            .map(|(stored, readable)| pdf::CaseEvent {
                readable,
                hash: &stored.hash,
            })
            .collect(),
        head_version: head.stream_version,
        head_hash: &head.hash,
        seal: pack_seal.as_ref(),
        sealed_through_version,
        photos: photos
            .iter()
            .map(|(hex, (bytes, content_type))| {
                (
                    hex.clone(),
                    pdf::CasePhoto {
                        bytes,
                        content_type,
                    },
                )
            })
            .collect(),
        photos_erased: &photos_erased,
        personal_data: access_name(request.access),
    })?;
    files.insert("case.pdf".into(), case);
    for (hex, (bytes, content_type)) in photos {
        files.insert(format!("photos/{hex}.{}", extension(content_type)), bytes);
    }
    files.insert("verify.py".into(), VERIFY_SCRIPT.as_bytes().to_vec());

    let manifest = Manifest {
        format: FORMAT.into(),
        ticket: request.ticket,
        made_at: store.clock().now(),
        made_by: request.made_by.to_owned(),
        personal_data: access_name(request.access).into(),
        head_version: head.stream_version,
        head_hash: head.hash.clone(),
        sealed_through_version,
        photos_erased,
        files: files
            .iter()
            .map(|(path, bytes)| PackFile {
                path: path.clone(),
                sha256: sha256_hex(bytes),
                bytes: bytes.len() as u64,
            })
            .collect(),
    };
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let zip_error = |e: &dyn std::fmt::Display| PackError::Zip(e.to_string());
    zip.start_file("manifest.json", options)
        .map_err(|e| zip_error(&e))?;
    zip.write_all(&json_bytes(&manifest)?)
        .map_err(|e| zip_error(&e))?;
    for (path, bytes) in &files {
        zip.start_file(path.as_str(), options)
            .map_err(|e| zip_error(&e))?;
        zip.write_all(bytes).map_err(|e| zip_error(&e))?;
    }
    let cursor = zip.finish().map_err(|e| zip_error(&e))?;
    Ok((cursor.into_inner(), subject))
}

/// The files of `pack` a platform's evidence call can take within
/// `limits`: the first page of `case.pdf` as a PNG (the case and its
/// verification box, for a platform that takes only images), then the
/// inspection photos in the order the events name them. Returns them with
/// what was left out and why.
pub fn evidence_files(
    pack: &[u8],
    limits: &returns_platforms::EvidenceLimits,
) -> Result<(Vec<returns_platforms::EvidenceItem>, Vec<String>), PackError> {
    let unreadable =
        |e: &dyn std::fmt::Display| PackError::Zip(format!("cannot read the pack: {e}"));
    let mut archive = zip::ZipArchive::new(Cursor::new(pack)).map_err(|e| unreadable(&e))?;
    let mut read = |name: &str| -> Result<Vec<u8>, PackError> {
        let mut bytes = Vec::new();
        archive
            .by_name(name)
            .map_err(|e| unreadable(&e))?
            .read_to_end(&mut bytes)
            .map_err(|e| unreadable(&e))?;
        Ok(bytes)
    };
    let manifest: Manifest =
        serde_json::from_slice(&read("manifest.json")?).map_err(|e| unreadable(&e))?;
    let mut items = Vec::new();
    let mut left_out = Vec::new();
    let takes = |content_type: &str| limits.content_types.contains(&content_type);
    if takes("image/png") {
        match pdf::first_page_png(&read("case.pdf")?, limits.max_bytes) {
            Some(bytes) => items.push(returns_platforms::EvidenceItem {
                name: "case.pdf page 1".into(),
                content_type: "image/png".into(),
                bytes,
            }),
            None => left_out.push("case.pdf page 1: larger than the platform takes".into()),
        }
    }
    for file in manifest
        .files
        .iter()
        .filter(|f| f.path.starts_with("photos/"))
    {
        let content_type = match file.path.rsplit('.').next() {
            Some("jpg") => "image/jpeg",
            Some("png") => "image/png",
            Some("webp") => "image/webp",
            _ => "application/octet-stream",
        };
        if !takes(content_type) {
            left_out.push(format!(
                "{}: the platform does not take {content_type}",
                file.path
            ));
        } else if file.bytes > limits.max_bytes as u64 {
            left_out.push(format!(
                "{}: {} bytes, over the platform's {} bytes",
                file.path, file.bytes, limits.max_bytes
            ));
        } else {
            items.push(returns_platforms::EvidenceItem {
                name: file.path.clone(),
                content_type: content_type.into(),
                bytes: read(&file.path)?,
            });
        }
    }
    if items.len() > limits.max_items {
        for dropped in items.split_off(limits.max_items) {
            left_out.push(format!(
                "{}: over the platform's {} files",
                dropped.name, limits.max_items
            ));
        }
    }
    Ok((items, left_out))
}

/// What checking a pack found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PackReport {
    /// The ticket, when the manifest could be read.
    pub ticket: Option<Uuid>,
    /// Events whose chain was recomputed.
    pub events: usize,
    /// The newest version the seal covers (0: none).
    pub sealed_through_version: i64,
    /// Events after it, not yet covered by a seal.
    pub unsealed_events: i64,
    /// Photos re-hashed.
    pub photos_checked: usize,
    /// Photos erased with the customer.
    pub photos_erased: usize,
    /// Everything that does not hold; empty when the pack is intact.
    pub problems: Vec<String>,
}

impl PackReport {
    /// Whether nothing failed.
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks a pack with nothing but its bytes: every file against the
/// manifest, the events' chain from the first, the seal's hash over the
/// heads it lists and the ticket's head among them, and every photo the
/// events reference against its digest.
pub fn verify(bytes: &[u8]) -> PackReport {
    let mut report = PackReport::default();
    let mut archive = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(archive) => archive,
        Err(e) => {
            report.problems.push(format!("not a zip: {e}"));
            return report;
        }
    };
    let mut entries: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = match archive.by_index(i) {
            Ok(file) => file,
            Err(e) => {
                report.problems.push(format!("entry {i}: {e}"));
                continue;
            }
        };
        let name = match file.name() {
            Ok(name) => name.into_owned(),
            Err(e) => {
                report.problems.push(format!("entry {i}: {e}"));
                continue;
            }
        };
        let mut content = Vec::new();
        if let Err(e) = file.read_to_end(&mut content) {
            report.problems.push(format!("{name}: {e}"));
            continue;
        }
        entries.insert(name, content);
    }
    let Some(manifest) = entries
        .get("manifest.json")
        .and_then(|b| serde_json::from_slice::<Manifest>(b).ok())
    else {
        report.problems.push("no readable manifest.json".into());
        return report;
    };
    report.ticket = Some(manifest.ticket);
    if manifest.format != FORMAT {
        report
            .problems
            .push(format!("format {:?}, not {FORMAT}", manifest.format));
    }
    for listed in &manifest.files {
        match entries.get(&listed.path) {
            None => report
                .problems
                .push(format!("{} is listed but absent", listed.path)),
            Some(bytes) if sha256_hex(bytes) != listed.sha256 => report.problems.push(format!(
                "{} does not hash to its listed SHA-256",
                listed.path
            )),
            Some(_) => {}
        }
    }
    for path in entries.keys().filter(|p| *p != "manifest.json") {
        if !manifest.files.iter().any(|f| &f.path == path) {
            report
                .problems
                .push(format!("{path} is not in the manifest"));
        }
    }

    let events: Vec<StoredEvent> = match entries
        .get("events.json")
        .map(|b| serde_json::from_slice(b))
    {
        Some(Ok(events)) => events,
        _ => {
            report.problems.push("no readable events.json".into());
            return report;
        }
    };
    report.events = events.len();
    let stream = returns_tickets::stream_id(manifest.ticket);
    if events.iter().any(|e| e.stream_id != stream) {
        report.problems.push(format!(
            "events.json holds events of streams other than {stream}"
        ));
    }
    if let Err(e) = check_stored_chain(&events) {
        report.problems.push(format!("the chain breaks: {e}"));
    }
    match events.last() {
        Some(head)
            if head.stream_version == manifest.head_version && head.hash == manifest.head_hash => {}
        _ => report
            .problems
            .push("the last event is not the head the manifest names".into()),
    }

    match entries
        .get("seal.json")
        .map(|b| serde_json::from_slice::<PackSeal>(b))
    {
        None if manifest.sealed_through_version == 0 => {}
        None => report
            .problems
            .push("the manifest names a seal, but seal.json is absent".into()),
        Some(Err(e)) => report.problems.push(format!("seal.json: {e}")),
        Some(Ok(seal)) => {
            let heads: Vec<(String, i64, Vec<u8>)> = seal
                .heads
                .iter()
                .map(|h| {
                    (
                        h.stream.clone(),
                        h.version,
                        hex::decode(&h.hash).unwrap_or_default(),
                    )
                })
                .collect();
            let mut sorted = heads.clone();
            sorted.sort_by(|a, b| a.0.cmp(&b.0));
            let recomputed = hash::heads_hash(
                sorted
                    .iter()
                    .map(|(s, v, h)| (s.as_str(), *v, h.as_slice())),
            );
            if hex::encode(recomputed) != seal.heads_hash || seal.stream_count != heads.len() as i64
            {
                report
                    .problems
                    .push("the seal's hash is not the hash of the heads it lists".into());
            }
            match seal.heads.iter().find(|h| h.stream == stream) {
                Some(h) => {
                    let event = events.iter().find(|e| e.stream_version == h.version);
                    if event.is_none_or(|e| e.hash != h.hash) {
                        report.problems.push(format!(
                            "the seal covers version {} with another hash",
                            h.version
                        ));
                    }
                    if h.version != manifest.sealed_through_version {
                        report
                            .problems
                            .push("the manifest's sealed version is not the seal's".into());
                    }
                    report.sealed_through_version = h.version;
                }
                None if manifest.sealed_through_version == 0 => {}
                None => report
                    .problems
                    .push("the seal does not cover this ticket".into()),
            }
        }
    }
    report.unsealed_events = events.len() as i64 - report.sealed_through_version;

    for reference in photo_references(&events) {
        let Ok(hex) = parse_reference(&reference) else {
            continue;
        };
        if manifest.photos_erased.contains(&reference) {
            report.photos_erased += 1;
            continue;
        }
        let prefix = format!("photos/{hex}.");
        match entries.iter().find(|(path, _)| path.starts_with(&prefix)) {
            Some((_, bytes)) if sha256_hex(bytes) == hex => report.photos_checked += 1,
            Some((path, _)) => report.problems.push(format!(
                "{path} does not hash to the digest the events record"
            )),
            None => report
                .problems
                .push(format!("photo {reference} is missing")),
        }
    }
    report
}
