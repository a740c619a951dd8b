//! Evidence photos: named by the SHA-256 of their bytes under one
//! directory, so an inspection event records `sha256:<hex>` and the hash
//! chain covers the photo's exact bytes (the plaintext's digest, not the
//! stored file's). Only JPEG, PNG and WebP are accepted, judged by their
//! magic bytes, never by a name or a client's content type.
//!
//! A photo of a ticket whose customer is a data subject is stored encrypted
//! under that subject's key (`<hex>.<subject>`): a shipping label carries a
//! name, a phone and an address, and erasing the subject must shred it as
//! it shreds the events. Only a ticket without a key ring (tests, or a
//! ticket opened before encryption existed) keeps its photos in the clear
//! (`<hex>`), and erasure deletes those files.

use std::path::{Path, PathBuf};

use returns_tickets::privacy::{cipher, KeyRing, OpenedFile};
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
    /// The ticket's customer was erased: nothing of theirs is stored again.
    #[error("the ticket's customer was erased; no evidence can be added or read")]
    Erased,
    /// The file system failed.
    #[error(transparent)]
    Io(#[from] std::io::Error),
    /// The key ring failed (the database is away).
    #[error(transparent)]
    Keys(#[from] returns_eventstore::Error),
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
    /// Encrypted, and its subject was erased: shredded, as intended.
    Erased,
    /// Encrypted and present, but not opened: no master key was given.
    Unopened,
}

/// Whose a photo is: the data subject of its ticket, and the key ring that
/// encrypts for it.
#[derive(Clone, Copy)]
pub struct Owner<'a> {
    /// The key ring.
    pub keys: &'a KeyRing,
    /// The subject.
    pub subject: &'a str,
}

/// The data subject a stored event names: a ticket's `TicketOpened` holds
/// it inside the encrypted customer. `None` for any other event, and for a
/// customer stored in the clear (a ticket opened before encryption).
pub fn subject_named_by(event_type: &str, payload: &serde_json::Value) -> Option<String> {
    if event_type != "TicketOpened" {
        return None;
    }
    let customer = payload.get("customer")?.as_str()?;
    cipher::parse(customer).map(|parts| parts.subject.to_owned())
}

/// The photo references a stored event records: the photos of an inspected
/// line (every round: a dispute clears the current result, not the
/// evidence).
pub fn photos_named_by<'a>(
    event_type: &str,
    payload: &'a serde_json::Value,
) -> impl Iterator<Item = &'a str> + 'a {
    let refs = (event_type == "LineInspected")
        .then(|| payload.get("photo_refs").and_then(|r| r.as_array()))
        .flatten();
    refs.into_iter().flatten().filter_map(|r| r.as_str())
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

    /// One subject's copy: the same photo of two customers is two files,
    /// so erasing one shreds only theirs.
    fn encrypted_path_of(&self, hex: &str, subject: &str) -> PathBuf {
        self.dir.join(&hex[..2]).join(format!("{hex}.{subject}"))
    }

    /// Checks and stores `bytes` for `owner` (encrypted under its key) or,
    /// without one, in the clear; storing the same photo twice is harmless.
    pub async fn store(
        &self,
        bytes: &[u8],
        owner: Option<Owner<'_>>,
    ) -> Result<StoredEvidence, EvidenceError> {
        if bytes.is_empty() {
            return Err(EvidenceError::Empty);
        }
        if bytes.len() > self.max_bytes {
            return Err(EvidenceError::TooLarge(self.max_bytes));
        }
        let content_type = image_type(bytes).ok_or(EvidenceError::UnsupportedType)?;
        let hex = hex::encode(Sha256::digest(bytes));
        let stored = StoredEvidence {
            reference: format!("{EVIDENCE_REF_PREFIX}{hex}"),
            content_type,
            bytes: bytes.len(),
        };
        let (path, contents) = match owner {
            Some(owner) => {
                let path = self.encrypted_path_of(&hex, owner.subject);
                if tokio::fs::try_exists(&path).await? {
                    return Ok(stored);
                }
                let encrypted = owner
                    .keys
                    .encrypt_file(owner.subject, &hex, bytes)
                    .await?
                    .ok_or(EvidenceError::Erased)?;
                (path, encrypted)
            }
            None => {
                let path = self.path_of(&hex);
                if tokio::fs::try_exists(&path).await? {
                    return Ok(stored);
                }
                (path, bytes.to_vec())
            }
        };
        let parent = path.parent().unwrap_or(&self.dir);
        tokio::fs::create_dir_all(parent).await?;
        // Write beside and rename, so a crash never leaves a half photo under its name.
        let partial = parent.join(format!(".{hex}.{}", uuid::Uuid::now_v7()));
        tokio::fs::write(&partial, &contents).await?;
        tokio::fs::rename(&partial, &path).await?;
        Ok(stored)
    }

    /// The bytes and content type of a stored photo, if present: `owner`'s
    /// encrypted copy, else a copy in the clear. An erased owner's photo is
    /// [`EvidenceError::Erased`].
    pub async fn read(
        &self,
        reference: &str,
        owner: Option<Owner<'_>>,
    ) -> Result<Option<(Vec<u8>, &'static str)>, EvidenceError> {
        let hex = parse_reference(reference)?;
        if let Some(owner) = owner {
            match read_file(&self.encrypted_path_of(hex, owner.subject)).await? {
                Some(stored) => {
                    return match owner.keys.decrypt_file(owner.subject, hex, &stored).await? {
                        OpenedFile::Opened(bytes) => {
                            let content_type =
                                image_type(&bytes).unwrap_or("application/octet-stream");
                            Ok(Some((bytes, content_type)))
                        }
                        OpenedFile::Erased => Err(EvidenceError::Erased),
                        OpenedFile::Unreadable => Ok(None),
                    };
                }
                None if owner.keys.was_erased(owner.subject).await? => {
                    return Err(EvidenceError::Erased)
                }
                None => {}
            }
        }
        Ok(read_file(&self.path_of(hex)).await?.map(|bytes| {
            let content_type = image_type(&bytes).unwrap_or("application/octet-stream");
            (bytes, content_type)
        }))
    }

    /// Re-hashes the file a reference names: `subject`'s encrypted copy
    /// (opened when `keys` is given) or the copy in the clear.
    pub async fn check(
        &self,
        reference: &str,
        subject: Option<&str>,
        keys: Option<&KeyRing>,
    ) -> Result<EvidenceCheck, EvidenceError> {
        let Ok(hex) = parse_reference(reference) else {
            return Ok(EvidenceCheck::External);
        };
        let digest_matches = |bytes: &[u8]| hex::encode(Sha256::digest(bytes)) == hex;
        if let Some(subject) = subject {
            if let Some(stored) = read_file(&self.encrypted_path_of(hex, subject)).await? {
                let Some(keys) = keys else {
                    return Ok(if stored.starts_with(cipher::FILE_MAGIC) {
                        EvidenceCheck::Unopened
                    } else {
                        EvidenceCheck::Altered
                    });
                };
                return Ok(match keys.decrypt_file(subject, hex, &stored).await? {
                    OpenedFile::Opened(bytes) if digest_matches(&bytes) => EvidenceCheck::Intact,
                    OpenedFile::Opened(_) | OpenedFile::Unreadable => EvidenceCheck::Altered,
                    OpenedFile::Erased => EvidenceCheck::Erased,
                });
            }
        }
        match read_file(&self.path_of(hex)).await? {
            Some(bytes) if digest_matches(&bytes) => Ok(EvidenceCheck::Intact),
            Some(_) => Ok(EvidenceCheck::Altered),
            None => match (subject, keys) {
                (Some(subject), Some(keys)) if keys.was_erased(subject).await? => {
                    Ok(EvidenceCheck::Erased)
                }
                _ => Ok(EvidenceCheck::Missing),
            },
        }
    }

    /// Deletes the photos of an erased subject: every file stored under its
    /// key (already unreadable without it), referenced or merely uploaded,
    /// and the copies in the clear its tickets reference that no other
    /// subject's ticket does. Answers how many files went.
    pub async fn shred(
        &self,
        subject: &str,
        references: &[String],
        kept_by_others: &std::collections::HashSet<String>,
    ) -> Result<usize, EvidenceError> {
        let mut paths = Vec::new();
        let suffix = format!(".{subject}");
        let mut fans = match tokio::fs::read_dir(&self.dir).await {
            Ok(fans) => fans,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(e.into()),
        };
        while let Some(fan) = fans.next_entry().await? {
            if !fan.file_type().await?.is_dir() {
                continue;
            }
            let mut files = tokio::fs::read_dir(fan.path()).await?;
            while let Some(file) = files.next_entry().await? {
                if file.file_name().to_string_lossy().ends_with(&suffix) {
                    paths.push(file.path());
                }
            }
        }
        for reference in references.iter().filter(|r| !kept_by_others.contains(*r)) {
            if let Ok(hex) = parse_reference(reference) {
                paths.push(self.path_of(hex));
            }
        }
        let mut removed = 0;
        for path in paths {
            match tokio::fs::remove_file(&path).await {
                Ok(()) => removed += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(removed)
    }
}

async fn read_file(path: &Path) -> Result<Option<Vec<u8>>, std::io::Error> {
    match tokio::fs::read(path).await {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// What one ticket's stream says about its evidence, from one read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TicketEvidence {
    /// Whether the ticket exists.
    pub exists: bool,
    /// Its data subject (`None`: its customer is in the clear).
    pub subject: Option<String>,
    /// Every photo its inspections referenced, sorted, once each.
    pub references: Vec<String>,
}

/// Reads `ticket_id`'s stream once for its subject and photo references.
pub async fn ticket_evidence(
    store: &returns_eventstore::EventStore,
    ticket_id: uuid::Uuid,
) -> Result<TicketEvidence, returns_eventstore::Error> {
    let events = store
        .read_stream(&returns_tickets::stream_id(ticket_id), 0)
        .await?;
    let mut found = TicketEvidence {
        exists: !events.is_empty(),
        ..TicketEvidence::default()
    };
    for event in &events {
        if let Some(subject) = subject_named_by(&event.event_type, &event.payload) {
            found.subject = Some(subject);
        }
        found
            .references
            .extend(photos_named_by(&event.event_type, &event.payload).map(str::to_owned));
    }
    found.references.sort();
    found.references.dedup();
    Ok(found)
}

/// A photo an inspection references, with its ticket's stream and data
/// subject (when the ticket's customer is encrypted).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct EvidenceRef {
    /// The ticket's stream.
    pub stream: String,
    /// `sha256:<hex>`.
    pub reference: String,
    /// The ticket's data subject.
    pub subject: Option<String>,
}

/// The references of every inspection in the log, with their tickets'
/// streams and subjects, in log order (for `returns verify --all` and
/// erasure).
pub async fn all_references(
    store: &returns_eventstore::EventStore,
) -> Result<Vec<EvidenceRef>, returns_eventstore::Error> {
    let mut subjects = std::collections::HashMap::new();
    let mut found = Vec::new();
    let mut after = 0;
    loop {
        let page = store.read_all(after, 1000).await?;
        let Some(last) = page.last() else { break };
        after = last.position;
        for event in &page {
            if let Some(subject) = subject_named_by(&event.event_type, &event.payload) {
                subjects.insert(event.stream_id.clone(), subject);
            }
            for reference in photos_named_by(&event.event_type, &event.payload) {
                found.push(EvidenceRef {
                    stream: event.stream_id.clone(),
                    reference: reference.to_owned(),
                    subject: subjects.get(&event.stream_id).cloned(),
                });
            }
        }
    }
    found.sort();
    found.dedup();
    Ok(found)
}

/// Deletes the photo files of an erased subject's `tickets` (see
/// [`EvidenceStore::shred`]); answers how many files went.
pub async fn shred_subject(
    evidence: &EvidenceStore,
    store: &returns_eventstore::EventStore,
    subject: &str,
    tickets: &[uuid::Uuid],
) -> Result<usize, EvidenceError> {
    let streams: std::collections::HashSet<String> = tickets
        .iter()
        .map(|t| returns_tickets::stream_id(*t))
        .collect();
    let (theirs, others): (Vec<EvidenceRef>, Vec<EvidenceRef>) = all_references(store)
        .await?
        .into_iter()
        .partition(|r| streams.contains(&r.stream));
    let kept_by_others = others.into_iter().map(|r| r.reference).collect();
    let references: Vec<String> = theirs.into_iter().map(|r| r.reference).collect();
    evidence.shred(subject, &references, &kept_by_others).await
}

/// Deletes the photo files of parcels whose sender was erased with a
/// customer (see `erase`'s `parcels`): each is stored only under the
/// parcel's own subject. Answers how many files went.
pub async fn shred_parcels(
    evidence: &EvidenceStore,
    keys: &KeyRing,
    parcels: &[uuid::Uuid],
) -> Result<usize, EvidenceError> {
    let mut removed = 0;
    for parcel in parcels {
        let subject = keys.parcel_subject(*parcel);
        removed += evidence
            .shred(&subject, &[], &std::collections::HashSet::new())
            .await?;
    }
    Ok(removed)
}
