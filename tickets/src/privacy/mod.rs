//! Crypto-shredding of personal data (DESIGN.md §9, issue #17).
//!
//! Each data subject (a customer: channel + platform buyer id, see
//! [`returns_domain::personal::subject_source`]) has a random data key,
//! stored in `data_keys` wrapped by the master key from configuration.
//! The fields [`returns_domain::personal`] lists are encrypted with the
//! subject's key in the execute path, before the append, so the hash chain
//! covers the ciphertext; erasing a subject deletes its key, and the chain
//! still verifies while nothing can read the fields any more.
//!
//! ("Encrypt", never "seal", here: a seal is the log-head record that
//! `returns verify` checks.)
//!
//! - [`master_key`]: the configured key and its public id;
//! - [`cipher`]: the encrypted-value format and the AEAD (AES-256-GCM);
//! - this module: [`KeyRing`], opened once at start-up and held by the
//!   [`crate::Tickets`] handle, which encrypts events, opens values for a
//!   reader's [`Access`], keeps the blind index, erases and rotates.
//!
//! Subject ids and blind-index digests are HMAC-SHA256 under an index key
//! that is itself a data key (of the reserved subject [`INDEX_SUBJECT`]),
//! so they stay stable across master key rotation and reveal nothing
//! without the master key.

pub mod cipher;
pub mod erase;
pub mod grants;
pub mod master_key;

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use hmac::{Hmac, Mac};
use quick_cache::sync::Cache;
use quick_cache::Weighter;
use returns_domain::personal::{self, mask, personal_fields, ERASED};
use returns_domain::{Event, TicketState};
use returns_eventstore::aggregate::{Encrypted, Encryptor};
use returns_eventstore::db::Db;
use returns_eventstore::{Clock, CommandFingerprint, Error, Result, SideWrite};
use serde_json::Value;
use sha2::Sha256;

use crate::repository::TicketDecider;
use crate::storage::{self, WrappedKey};
use crate::stream::stream_id;
use cipher::DataKey;
pub use master_key::{MasterKey, MasterKeyError};

/// The reserved subject whose data key keys subject ids and the blind index.
pub const INDEX_SUBJECT: &str = "~index";

/// The reserved subject whose data key keys command fingerprints
/// ([`KeyRing::keyed_fingerprint`]).
pub const FINGERPRINT_SUBJECT: &str = "~fingerprint";

/// Whether `subject` is one of the reserved keys, never a data subject.
fn reserved(subject: &str) -> bool {
    subject == INDEX_SUBJECT || subject == FINGERPRINT_SUBJECT
}

/// What a reader of personal fields is shown (the API maps roles onto it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The value.
    Full,
    /// Names as the family name, phones as `138****0000`, text hidden.
    Masked,
    /// Only whether a value is there ([`PRESENT`]) or was erased ([`ERASED`]).
    Presence,
}

/// What opening an encrypted file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenedFile {
    /// The plaintext.
    Opened(Vec<u8>),
    /// The subject's key is gone: the file was shredded by an erasure.
    Erased,
    /// The key exists but does not open the file: it was altered, renamed
    /// or moved from another subject.
    Unreadable,
}

/// What [`Access::Presence`] shows for a value that exists.
pub const PRESENT: &str = "[present]";

/// How long an unwrapped key (or its absence) is trusted before it is read
/// again, for reading and for writing: the fallback that bounds how long
/// another server keeps using a subject erased elsewhere when the erasure's
/// announcement ([`KeyRing::invalidate`]) does not arrive.
pub const CACHE_TTL: Duration = Duration::from_secs(30);

/// The default memory budget of the key cache: about 40,000 subjects.
pub const DEFAULT_KEY_CACHE_BYTES: u64 = 8 << 20;

/// A cached key, by subject.
#[derive(Clone)]
struct CachedKey {
    /// When it was read from the table (or made).
    at: Instant,
    /// The key, or `None` when the subject had none.
    key: Option<DataKey>,
    /// Set when this process made the key and has not yet seen it stored:
    /// every write under it carries the row again (an identical claim is
    /// idempotent) until a read finds it in the table.
    pending: Option<Arc<WrappedKey>>,
}

/// An entry's memory, estimated without walking it: the subject id (34
/// bytes, its `String` and the cache's slot), the key and the instant; a
/// pending key adds its wrapped row.
#[derive(Debug, Clone, Copy)]
struct KeyBytes;

const KEY_ENTRY_BYTES: u64 = 160;
const PENDING_KEY_BYTES: u64 = 240;

impl Weighter<String, CachedKey> for KeyBytes {
    fn weight(&self, _: &String, entry: &CachedKey) -> u64 {
        KEY_ENTRY_BYTES + entry.pending.as_ref().map_or(0, |_| PENDING_KEY_BYTES)
    }
}

/// The key ring: master key, data keys (cached unwrapped), blind index.
pub struct KeyRing {
    db: Db,
    master: MasterKey,
    index_key: DataKey,
    fingerprint_key: DataKey,
    clock: Arc<dyn Clock>,
    cache: Cache<String, CachedKey, KeyBytes>,
    /// Counts invalidations: a key read from the table before one is not
    /// cached after it (the read may predate the erasure it announces).
    generation: AtomicU64,
    budget: u64,
}

impl std::fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyRing")
            .field("master", &self.master)
            .finish_non_exhaustive()
    }
}

fn encryption(message: impl std::fmt::Display) -> Error {
    Error::Encryption(message.to_string())
}

impl KeyRing {
    /// Migrates the key tables in `db`, checks that `master` is the key the
    /// stored data keys are wrapped under, and makes the index key if there
    /// is none yet. Fails when the database holds keys wrapped under another
    /// master key (rotate first, or configure it).
    pub async fn open(db: &Db, clock: Arc<dyn Clock>, master: MasterKey) -> Result<Self> {
        Self::open_with_budget(db, clock, master, DEFAULT_KEY_CACHE_BYTES).await
    }

    /// [`KeyRing::open`] with the key cache holding at most about
    /// `cache_bytes` (0 caches nothing: every key is read from the table).
    pub async fn open_with_budget(
        db: &Db,
        clock: Arc<dyn Clock>,
        master: MasterKey,
        cache_bytes: u64,
    ) -> Result<Self> {
        storage::migrate(db).await?;
        let id = master.id();
        for (other, count) in storage::master_key_ids(db).await? {
            if other != id {
                return Err(encryption(format!(
                    "{count} data keys are wrapped under master key {other}, but the configured key is {id}; \
                     configure that key (or rotate with `returns keys rotate`)"
                )));
            }
        }
        let index_key = key_for_writing(db, &master, INDEX_SUBJECT, clock.now()).await?;
        let fingerprint_key =
            key_for_writing(db, &master, FINGERPRINT_SUBJECT, clock.now()).await?;
        let ring = Self {
            db: db.clone(),
            master,
            index_key,
            fingerprint_key,
            clock,
            cache: Cache::with_weighter(
                usize::try_from(cache_bytes / KEY_ENTRY_BYTES)
                    .unwrap_or(usize::MAX)
                    .max(1),
                cache_bytes.max(1),
                KeyBytes,
            ),
            generation: AtomicU64::new(0),
            budget: cache_bytes,
        };
        ring.rekey_fingerprints().await?;
        Ok(ring)
    }

    /// Re-keys the ticket commands' fingerprints written before they were
    /// keyed: each bare SHA-256 becomes its HMAC, exactly what
    /// [`Self::keyed_fingerprint`] makes of the same hash now, so a retry
    /// across the upgrade still matches its first use (and other input
    /// still does not). Runs at every start; finds nothing after the first.
    async fn rekey_fingerprints(&self) -> Result<()> {
        loop {
            let batch = storage::unkeyed_fingerprints(&self.db, 1_000).await?;
            if batch.is_empty() {
                return Ok(());
            }
            for (stream, old) in batch {
                let keyed = self.keyed_input(&old);
                storage::rekey_fingerprint(&self.db, &stream, &old, &keyed).await?;
            }
        }
    }

    /// The key cache's entries, their estimated bytes and its budget (for
    /// `/metrics`).
    pub fn cache_usage(&self) -> (usize, u64, u64) {
        (self.cache.len(), self.cache.weight(), self.budget)
    }

    /// Forgets `subject`'s cached key, for reading and for writing: called
    /// when an erasure is announced (here or by another server). A key read
    /// from the table while this runs is not cached afterwards.
    pub fn invalidate(&self, subject: &str) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.cache.remove(subject);
    }
}

/// A new data key for `subject`, wrapped under `master`.
fn make_key(master: &MasterKey, subject: &str) -> (DataKey, WrappedKey) {
    let key = DataKey::generate();
    let (nonce, wrapped_key) = cipher::wrap(master.bytes(), subject, &key);
    let row = WrappedKey {
        subject_id: subject.to_owned(),
        wrapped_key,
        nonce,
        master_key_id: master.id(),
    };
    (key, row)
}

async fn key_for_writing(
    db: &Db,
    master: &MasterKey,
    subject: &str,
    now: DateTime<Utc>,
) -> Result<DataKey> {
    if let Some(key) = read_key(db, master, subject).await? {
        return Ok(key);
    }
    let (_, row) = make_key(master, subject);
    storage::insert_key(db, &row, now).await?;
    // Another writer may have made the subject's first key at the same
    // moment; the stored one is the key.
    read_key(db, master, subject)
        .await?
        .ok_or_else(|| encryption(format!("the key of {subject} vanished while it was made")))
}

async fn read_key(db: &Db, master: &MasterKey, subject: &str) -> Result<Option<DataKey>> {
    let Some(row) = storage::key(db, subject).await? else {
        return Ok(None);
    };
    if row.master_key_id != master.id() {
        return Err(encryption(format!(
            "the key of {subject} is wrapped under master key {}, not the configured {}",
            row.master_key_id,
            master.id()
        )));
    }
    cipher::unwrap(master.bytes(), subject, &row.nonce, &row.wrapped_key)
        .map(Some)
        .ok_or_else(|| encryption(format!("the key of {subject} does not unwrap")))
}

impl KeyRing {
    /// `fingerprint` with its input hash replaced by an HMAC under the
    /// fingerprint key: a command's input often holds personal values (a
    /// note, a phone number), and a bare hash of it would let anyone with
    /// the database confirm a guess offline. The key is a data key wrapped
    /// by the master key, so the database alone confirms nothing.
    pub fn keyed_fingerprint(&self, fingerprint: CommandFingerprint) -> CommandFingerprint {
        if fingerprint.input_hash.is_empty()
            || fingerprint.input_hash.starts_with(storage::KEYED_PREFIX)
        {
            return fingerprint;
        }
        let input_hash = self.keyed_input(&fingerprint.input_hash);
        CommandFingerprint {
            kind: fingerprint.kind,
            input_hash,
        }
    }

    fn keyed_input(&self, input_hash: &str) -> String {
        // HMAC takes a key of any length; the error case cannot happen.
        let Ok(mac) = <Hmac<Sha256> as Mac>::new_from_slice(&self.fingerprint_key.0) else {
            return String::new();
        };
        let digest = mac
            .chain_update(input_hash.as_bytes())
            .finalize()
            .into_bytes();
        format!("{}{}", storage::KEYED_PREFIX, hex::encode(digest))
    }

    fn hmac(&self, domain: &str, text: &str) -> String {
        // HMAC takes a key of any length; the error case cannot happen.
        let Ok(mac) = <Hmac<Sha256> as Mac>::new_from_slice(&self.index_key.0) else {
            return String::new();
        };
        let digest = mac
            .chain_update(domain.as_bytes())
            .chain_update([0u8])
            .chain_update(text.as_bytes())
            .finalize()
            .into_bytes();
        hex::encode(&digest[..16])
    }

    /// The data subject of the buyer `customer` on `channel`: a keyed hash,
    /// stable across tickets and rotations, that names no one by itself.
    pub fn subject_id(&self, channel: &str, customer: &str) -> String {
        format!(
            "s{}",
            self.hmac("subject", &personal::subject_source(channel, customer))
        )
    }

    /// The blind-index digest of a searchable value (a name or phone),
    /// compared trimmed and case-folded, phones by their digits only.
    pub fn search_digest(&self, value: &str) -> String {
        let value = value.trim();
        let digits: String = value.chars().filter(char::is_ascii_digit).collect();
        let phone_like = digits.len() >= 6
            && value
                .chars()
                .all(|c| c.is_ascii_digit() || " +-()".contains(c));
        if phone_like {
            self.hmac("search", &digits)
        } else {
            self.hmac("search", &value.to_lowercase())
        }
    }

    /// The ticket streams whose customer is exactly `value` (blind index).
    pub async fn search(&self, value: &str) -> Result<Vec<String>> {
        storage::streams_with(&self.db, &self.search_digest(value)).await
    }

    /// The ticket streams known to belong to `subject` (through the index).
    pub async fn streams_of(&self, subject: &str) -> Result<Vec<String>> {
        storage::streams_of(&self.db, subject).await
    }

    /// The subject `state`'s ticket belongs to: named inside its encrypted
    /// customer, or derived from the plaintext of a ticket opened before
    /// encryption existed.
    pub fn subject_of_state(&self, state: &TicketState) -> Option<String> {
        let info = state.info.as_ref()?;
        Some(match cipher::parse(&info.customer) {
            Some(parts) => parts.subject.to_owned(),
            None => self.subject_id(&info.channel, &info.customer),
        })
    }

    /// A fresh cache entry of `subject`.
    fn cached(&self, subject: &str) -> Option<CachedKey> {
        self.cache
            .get(subject)
            .filter(|entry| entry.at.elapsed() < CACHE_TTL)
    }

    /// `subject`'s key for reading (`None`: it has none, or it was erased).
    async fn key(&self, subject: &str) -> Result<Option<DataKey>> {
        if let Some(entry) = self.cached(subject) {
            return Ok(entry.key);
        }
        let generation = self.generation.load(Ordering::SeqCst);
        let key = read_key(&self.db, &self.master, subject).await?;
        self.remember(generation, subject, key.clone(), None);
        Ok(key)
    }

    /// Forgets every cached key (announcements were missed while a
    /// listener lagged, so any of them may have been erased).
    pub fn invalidate_all(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        self.cache.clear();
    }

    /// Follows the store's erasure announcements for as long as the key
    /// ring lives: an erasure on any server empties this one's cache of the
    /// subject at once, and the cache's time limit is only the fallback
    /// for an announcement that never arrives.
    pub fn follow_erasures(self: &Arc<Self>, store: &returns_eventstore::EventStore) {
        let mut erasures = store.subscribe_erasures();
        let ring = Arc::downgrade(self);
        tokio::spawn(async move {
            use tokio::sync::broadcast::error::RecvError;
            loop {
                let heard = erasures.recv().await;
                let Some(ring) = ring.upgrade() else {
                    return;
                };
                match heard {
                    Ok(subject) => ring.invalidate(&subject),
                    Err(RecvError::Lagged(_)) => ring.invalidate_all(),
                    Err(RecvError::Closed) => return,
                }
            }
        });
    }

    /// Caches `key` unless an invalidation happened since `generation`.
    fn remember(
        &self,
        generation: u64,
        subject: &str,
        key: Option<DataKey>,
        pending: Option<Arc<WrappedKey>>,
    ) {
        if self.generation.load(Ordering::SeqCst) == generation {
            let entry = CachedKey {
                at: Instant::now(),
                key,
                pending,
            };
            self.cache.insert(subject.to_owned(), entry);
        }
    }

    /// `subject`'s key for writing, and the row to store with the append when
    /// the key is new. A stored key is cached (until [`KeyRing::invalidate`]
    /// or [`CACHE_TTL`]). A new key is only claimed by the append that uses
    /// it: when another writer stored a key first, the claim refuses the
    /// append, which is then decided again and finds the stored key here.
    async fn key_for_append(&self, subject: &str) -> Result<(DataKey, Option<SideWrite>)> {
        let cached = self.cached(subject);
        if let Some(CachedKey {
            key: Some(key),
            pending: None,
            ..
        }) = &cached
        {
            return Ok((key.clone(), None));
        }
        let generation = self.generation.load(Ordering::SeqCst);
        if let Some(key) = read_key(&self.db, &self.master, subject).await? {
            self.remember(generation, subject, Some(key.clone()), None);
            return Ok((key, None));
        }
        // No stored key: the one this process made and has not seen stored
        // yet (its append may have failed, or be in flight), else a new one.
        let (key, row) = match cached {
            Some(CachedKey {
                key: Some(key),
                pending: Some(row),
                ..
            }) => (key, row),
            _ => {
                let (key, row) = make_key(&self.master, subject);
                (key, Arc::new(row))
            }
        };
        let claim = storage::claim_key(&row, self.clock.now());
        self.remember(generation, subject, Some(key.clone()), Some(row));
        Ok((key, Some(claim)))
    }

    /// `payload` (the JSON of `event`, decided against `state`) with every
    /// personal field encrypted under its subject's key, made if needed.
    pub async fn encrypt_event(
        &self,
        state: &TicketState,
        event: &Event,
        mut payload: Value,
    ) -> Result<Encrypted> {
        let fields: Vec<_> = personal_fields(event.event_type()).collect();
        if fields.is_empty() {
            return Ok(Encrypted::plain(payload));
        }
        let subject = match event {
            Event::TicketOpened(open) => self.subject_id(&open.channel, &open.customer),
            _ => self
                .subject_of_state(state)
                .ok_or_else(|| encryption("an event before the ticket was opened"))?,
        };
        // The key and the index rows are written by the append itself, in
        // its transaction: a failed append leaves neither behind.
        let (key, claim) = self.key_for_append(&subject).await?;
        let mut side_writes: Vec<SideWrite> = claim.into_iter().collect();
        // The blind index finds the ticket by the buyer's name or phone,
        // and by a phone a later platform record corrected.
        let searchable: Vec<(&String, uuid::Uuid)> = match event {
            Event::TicketOpened(open) => std::iter::once(&open.customer)
                .chain(open.customer_phone.as_ref())
                .map(|v| (v, open.ticket_id))
                .collect(),
            Event::CustomerContactCorrected(corrected) => corrected
                .customer_phone
                .as_ref()
                .zip(state.info.as_ref().map(|i| i.ticket_id))
                .into_iter()
                .collect(),
            _ => Vec::new(),
        };
        for (value, ticket_id) in searchable {
            let digest = self.search_digest(value);
            side_writes.push(storage::index_row(&digest, &subject, &stream_id(ticket_id)));
        }
        let Value::Object(map) = &mut payload else {
            return Ok(Encrypted {
                payload,
                side_writes,
            });
        };
        for field in fields {
            encrypt_field(map, &key, &subject, field.path, field.kind);
        }
        Ok(Encrypted {
            payload,
            side_writes,
        })
    }

    /// The data subject of the sender printed on an unmatched parcel's
    /// label: nobody known yet, so the parcel is its own subject, erased
    /// with the customer whose ticket claims it.
    pub fn parcel_subject(&self, parcel_id: uuid::Uuid) -> String {
        format!("p{}", self.hmac("parcel", &parcel_id.to_string()))
    }

    /// `payload` (an event outside the tickets) with `fields` encrypted under
    /// `subject`'s key, made if needed, and each of `searchable` indexed
    /// for `stream`, all written by the append itself.
    pub async fn encrypt_fields(
        &self,
        subject: &str,
        mut payload: Value,
        fields: &[(&str, personal::PersonalKind)],
        searchable: &[&str],
        stream: &str,
    ) -> Result<Encrypted> {
        let (key, claim) = self.key_for_append(subject).await?;
        let mut side_writes: Vec<SideWrite> = claim.into_iter().collect();
        for value in searchable {
            let digest = self.search_digest(value);
            side_writes.push(storage::index_row(&digest, subject, stream));
        }
        if let Value::Object(map) = &mut payload {
            for (path, kind) in fields {
                encrypt_field(map, &key, subject, path, *kind);
            }
        }
        Ok(Encrypted {
            payload,
            side_writes,
        })
    }

    /// Opens every encrypted string in `value` for `access`; a value whose key
    /// was erased reads [`ERASED`]. Plain strings are left as they are.
    pub async fn open_value(&self, value: &mut Value, access: Access) -> Result<()> {
        let mut subjects = HashSet::new();
        collect_subjects(value, &mut subjects);
        let mut keys = HashMap::new();
        for subject in subjects {
            let key = self.key(&subject).await?;
            keys.insert(subject, key);
        }
        replace_encrypted(value, &|text| {
            let parts = cipher::parse(text)?;
            let plain = keys
                .get(parts.subject)
                .and_then(Option::as_ref)
                .and_then(|key| cipher::decrypt(key, &parts));
            Some(match (plain, access) {
                (None, _) => ERASED.to_owned(),
                (Some(plain), Access::Full) => plain,
                (Some(plain), Access::Masked) => mask(parts.kind, &plain),
                (Some(_), Access::Presence) => PRESENT.to_owned(),
            })
        });
        Ok(())
    }

    /// One encrypted string opened for `access` (plain strings pass through).
    pub async fn open_text(&self, text: &str, access: Access) -> Result<String> {
        let mut value = Value::String(text.to_owned());
        self.open_value(&mut value, access).await?;
        Ok(match value {
            Value::String(s) => s,
            _ => text.to_owned(),
        })
    }

    /// `state` with its personal fields opened for `access`.
    pub async fn open_state(&self, state: &TicketState, access: Access) -> Result<TicketState> {
        let mut value = serde_json::to_value(state).map_err(encryption)?;
        self.open_value(&mut value, access).await?;
        serde_json::from_value(value).map_err(encryption)
    }

    /// Erases `subject`: deletes its data key and blind-index entries (one
    /// transaction) and forgets the cached key. Returns whether it had a key.
    pub async fn erase_key(&self, subject: &str) -> Result<bool> {
        if reserved(subject) {
            return Err(Error::Invalid(format!("{subject} is not a data subject")));
        }
        let existed = storage::erase(&self.db, subject, self.clock.now()).await?;
        self.invalidate(subject);
        Ok(existed)
    }

    /// `plain`, a file of `subject`'s (an evidence photo of one of its
    /// tickets), encrypted under the subject's key, so erasing the subject
    /// shreds the file too. `name` (the plaintext's digest) is bound to the
    /// ciphertext. `None` when the subject was erased: nothing of theirs is
    /// stored again. A subject with no key yet (a ticket opened before
    /// encryption existed) gets one.
    pub async fn encrypt_file(
        &self,
        subject: &str,
        name: &str,
        plain: &[u8],
    ) -> Result<Option<Vec<u8>>> {
        if reserved(subject) {
            return Err(Error::Invalid(format!("{subject} is not a data subject")));
        }
        let key = match self.key(subject).await? {
            Some(key) => key,
            None if self.was_erased(subject).await? => return Ok(None),
            None => key_for_writing(&self.db, &self.master, subject, self.clock.now()).await?,
        };
        Ok(Some(cipher::encrypt_file(&key, subject, name, plain)))
    }

    /// Opens a file [`KeyRing::encrypt_file`] wrote.
    pub async fn decrypt_file(
        &self,
        subject: &str,
        name: &str,
        stored: &[u8],
    ) -> Result<OpenedFile> {
        Ok(match self.key(subject).await? {
            None => OpenedFile::Erased,
            Some(key) => match cipher::decrypt_file(&key, subject, name, stored) {
                Some(plain) => OpenedFile::Opened(plain),
                None => OpenedFile::Unreadable,
            },
        })
    }

    /// Whether `subject` was erased at some point.
    pub async fn was_erased(&self, subject: &str) -> Result<bool> {
        storage::was_erased(&self.db, subject).await
    }
}

/// Re-wraps every data key under `new` (they are wrapped under `old` now),
/// in one transaction; the events are not touched. Returns how many keys.
pub async fn rotate(db: &Db, old: &MasterKey, new: &MasterKey) -> Result<usize> {
    storage::migrate(db).await?;
    let keys = storage::all_keys(db).await?;
    let mut rewrapped = Vec::with_capacity(keys.len());
    for row in keys {
        if row.master_key_id == new.id() {
            continue;
        }
        if row.master_key_id != old.id() {
            return Err(encryption(format!(
                "the key of {} is wrapped under master key {}, neither the old {} nor the new {}",
                row.subject_id,
                row.master_key_id,
                old.id(),
                new.id()
            )));
        }
        let key = cipher::unwrap(old.bytes(), &row.subject_id, &row.nonce, &row.wrapped_key)
            .ok_or_else(|| encryption(format!("the key of {} does not unwrap", row.subject_id)))?;
        let (nonce, wrapped_key) = cipher::wrap(new.bytes(), &row.subject_id, &key);
        rewrapped.push(WrappedKey {
            subject_id: row.subject_id,
            wrapped_key,
            nonce,
            master_key_id: new.id(),
        });
    }
    storage::rewrap_all(db, &rewrapped).await?;
    Ok(rewrapped.len())
}

fn collect_subjects(value: &Value, out: &mut HashSet<String>) {
    match value {
        Value::String(text) => {
            if let Some(parts) = cipher::parse(text) {
                out.insert(parts.subject.to_owned());
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_subjects(v, out)),
        Value::Object(map) => map.values().for_each(|v| collect_subjects(v, out)),
        _ => {}
    }
}

fn replace_encrypted(value: &mut Value, open: &dyn Fn(&str) -> Option<String>) {
    match value {
        Value::String(text) => {
            if let Some(shown) = open(text) {
                *text = shown;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| replace_encrypted(v, open)),
        Value::Object(map) => map.values_mut().for_each(|v| replace_encrypted(v, open)),
        _ => {}
    }
}

impl Encryptor<TicketDecider> for KeyRing {
    fn encrypt(
        &self,
        state: &TicketState,
        event: &Event,
        payload: Value,
    ) -> impl std::future::Future<Output = Result<Encrypted>> + Send {
        self.encrypt_event(state, event, payload)
    }
}

/// Encrypts the string (or, for `name[]`, each string) at `path` of `map`
/// under `key`, leaving values already encrypted alone.
fn encrypt_field(
    map: &mut serde_json::Map<String, Value>,
    key: &DataKey,
    subject: &str,
    path: &str,
    kind: personal::PersonalKind,
) {
    let (name, many) = match path.strip_suffix("[]") {
        Some(name) => (name, true),
        None => (path, false),
    };
    let Some(value) = map.get_mut(name) else {
        return;
    };
    let encrypt_one = |v: &mut Value| {
        if let Value::String(text) = v {
            if !cipher::is_encrypted(text) {
                *text = cipher::encrypt(key, subject, kind, text);
            }
        }
    };
    match (many, value) {
        (true, Value::Array(items)) => items.iter_mut().for_each(encrypt_one),
        (false, v) => encrypt_one(v),
        _ => {}
    }
}
