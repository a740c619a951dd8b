//! Evidence photos: stored content-addressed by SHA-256 under one directory,
//! so an inspection event records `sha256:<hex>` and the hash chain covers
//! the photo's exact bytes. Only JPEG, PNG and WebP are accepted, judged by
//! their magic bytes, never by a name or a client's content type.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The default largest photo (bytes).
pub const DEFAULT_MAX_EVIDENCE_BYTES: usize = 10 * 1024 * 1024;

/// The prefix of an evidence reference.
pub const EVIDENCE_REF_PREFIX: &str = "sha256:";

/// Why a photo was refused or could not be read.
#[derive(Debug, thiserror::Error)]
pub enum EvidenceError {
    /// Not a JPEG, PNG or WebP.
    #[error("evidence must be a JPEG, PNG or WebP image")]
    UnsupportedType,
    /// Larger than allowed.
    #[error("evidence is larger than {0} bytes")]
    TooLarge(usize),
    /// Empty upload.
    #[error("evidence is empty")]
    Empty,
    /// Not of the form `sha256:<64 hex>`.
    #[error("not an evidence reference: {0:?}")]
    BadReference(String),
    /// The file system failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// A stored photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvidence {
    /// `sha256:<hex>`.
    pub reference: String,
    /// `image/jpeg`, `image/png` or `image/webp`.
    pub content_type: &'static str,
    /// Its size.
    pub bytes: usize,
}

/// What `check` found for one referenced file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EvidenceCheck {
    /// Present, and its bytes hash to its name.
    Intact,
    /// No file.
    Missing,
    /// The bytes no longer hash to the reference.
    Altered,
    /// The reference is not a `sha256:` one (e.g. an external URL): not ours to check.
    External,
}

/// The evidence directory and its size limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceStore {
    dir: PathBuf,
    max_bytes: usize,
}

impl Default for EvidenceStore {
    fn default() -> Self {
        Self::new("evidence", DEFAULT_MAX_EVIDENCE_BYTES)
    }
}

/// The content type of `bytes` when it is an accepted image.
pub fn image_type(bytes: &[u8]) -> Option<&'static str> {
    match infer::get(bytes)?.mime_type() {
        "image/jpeg" => Some("image/jpeg"),
        "image/png" => Some("image/png"),
        "image/webp" => Some("image/webp"),
        _ => None,
    }
}

/// The hex digest of a `sha256:<hex>` reference.
pub fn parse_reference(reference: &str) -> Result<&str, EvidenceError> {
    reference
        .strip_prefix(EVIDENCE_REF_PREFIX)
        .filter(|hex| {
            hex.len() == 64
                && hex
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        })
        .ok_or_else(|| EvidenceError::BadReference(reference.to_owned()))
}

impl EvidenceStore {
    /// Photos under `dir`, each at most `max_bytes`.
    pub fn new(dir: impl Into<PathBuf>, max_bytes: usize) -> Self {
        Self {
            dir: dir.into(),
            max_bytes,
        }
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The size limit.
    pub fn max_bytes(&self) -> usize {
        self.max_bytes
    }

    fn path_of(&self, hex: &str) -> PathBuf {
        // Two-character fan-out keeps directories small with many photos.
        self.dir.join(&hex[..2]).join(hex)
    }

    /// Checks and stores `bytes`; storing the same photo twice is harmless.
    pub async fn store(&self, bytes: &[u8]) -> Result<StoredEvidence, EvidenceError> {
        if bytes.is_empty() {
            return Err(EvidenceError::Empty);
        }
        if bytes.len() > self.max_bytes {
            return Err(EvidenceError::TooLarge(self.max_bytes));
        }
        let content_type = image_type(bytes).ok_or(EvidenceError::UnsupportedType)?;
        let hex = hex::encode(Sha256::digest(bytes));
        let path = self.path_of(&hex);
        if tokio::fs::try_exists(&path).await? {
            return Ok(StoredEvidence {
                reference: format!("{EVIDENCE_REF_PREFIX}{hex}"),
                content_type,
                bytes: bytes.len(),
            });
        }
        let parent = path.parent().unwrap_or(&self.dir);
        tokio::fs::create_dir_all(parent).await?;
        // Write beside and rename, so a crash never leaves a half photo under its hash.
        let partial = parent.join(format!(".{hex}.{}", uuid::Uuid::now_v7()));
        tokio::fs::write(&partial, bytes).await?;
        tokio::fs::rename(&partial, &path).await?;
        Ok(StoredEvidence {
            reference: format!("{EVIDENCE_REF_PREFIX}{hex}"),
            content_type,
            bytes: bytes.len(),
        })
    }

    /// The bytes and content type of a stored photo, if present.
    pub async fn read(
        &self,
        reference: &str,
    ) -> Result<Option<(Vec<u8>, &'static str)>, EvidenceError> {
        let hex = parse_reference(reference)?;
        match tokio::fs::read(self.path_of(hex)).await {
            Ok(bytes) => {
                let content_type = image_type(&bytes).unwrap_or("application/octet-stream");
                Ok(Some((bytes, content_type)))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Re-hashes the file a reference names.
    pub async fn check(&self, reference: &str) -> Result<EvidenceCheck, EvidenceError> {
        let Ok(hex) = parse_reference(reference) else {
            return Ok(EvidenceCheck::External);
        };
        match tokio::fs::read(self.path_of(hex)).await {
            Ok(bytes) if hex::encode(Sha256::digest(&bytes)) == hex => Ok(EvidenceCheck::Intact),
            Ok(_) => Ok(EvidenceCheck::Altered),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(EvidenceCheck::Missing),
            Err(e) => Err(e.into()),
        }
    }
}

/// Every photo reference a ticket's inspections ever recorded (earlier
/// rounds too: a dispute clears the current result, not the evidence).
pub async fn ticket_references(
    store: &returns_eventstore::EventStore,
    ticket_id: uuid::Uuid,
) -> Result<Vec<String>, returns_eventstore::Error> {
    let events = store
        .read_stream(&returns_tickets::stream_id(ticket_id), 0)
        .await?;
    let mut references: Vec<String> = events
        .iter()
        .filter(|e| e.event_type == "LineInspected")
        .filter_map(|e| e.payload.get("photo_refs")?.as_array().cloned())
        .flatten()
        .filter_map(|r| r.as_str().map(str::to_owned))
        .collect();
    references.sort();
    references.dedup();
    Ok(references)
}

/// The references of every inspection in the log, by ticket stream, in log
/// order (for `returns verify --all`).
pub async fn all_references(
    store: &returns_eventstore::EventStore,
) -> Result<Vec<(String, String)>, returns_eventstore::Error> {
    let mut found = Vec::new();
    let mut after = 0;
    loop {
        let page = store.read_all(after, 1000).await?;
        let Some(last) = page.last() else { break };
        after = last.position;
        for event in page.iter().filter(|e| e.event_type == "LineInspected") {
            let refs = event.payload.get("photo_refs").and_then(|r| r.as_array());
            for reference in refs.into_iter().flatten().filter_map(|r| r.as_str()) {
                found.push((event.stream_id.clone(), reference.to_owned()));
            }
        }
    }
    found.sort();
    found.dedup();
    Ok(found)
}
