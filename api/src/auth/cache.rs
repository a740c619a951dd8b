//! The verdicts of recent credential checks, so a request with a known
//! session or API token costs no database read.
//!
//! Every request authenticates, and before this cache each did so with a
//! read of the session or token table (and, for sessions, a write to
//! restart the idle timeout), which on SQLite queued behind the appends.
//! A verdict is kept, keyed by the SHA-256 of the secret (never the secret
//! itself), for at most [`VERDICT_TTL`]; it goes at once when the session is
//! signed out, the token revoked or the account disabled or given a new
//! password — here, and on every other server through the store's access
//! announcements (`EventStore::announce_access_change`: NOTIFY on
//! PostgreSQL; on SQLite the process's broadcast, and for other processes
//! such as `returns token revoke` a row of the file's `announcements` that
//! the server reads within half a second). The time limit is only the
//! fallback for an announcement that never arrives: a PostgreSQL listener
//! that was reconnecting (it then drops everything, see `ACCESS_RESYNC`).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use quick_cache::sync::Cache;
use quick_cache::Weighter;
use returns_eventstore::{EventStore, ACCESS_RESYNC};

use super::principal::Principal;

/// How long a verdict is believed without reading the database again: the
/// longest a revocation that was not announced to this server (see the
/// module's note) goes unnoticed.
pub const VERDICT_TTL: Duration = Duration::seconds(10);

/// The default memory budget of the cache: about 4,000 live credentials.
pub const DEFAULT_CREDENTIAL_CACHE_BYTES: u64 = 1 << 20;

/// What a verdict costs beyond its strings: the 32-byte key, the entry, the
/// shared use record and the cache's own bookkeeping.
const ENTRY_OVERHEAD: u64 = 192;

const TOKEN: &str = "credential:";
const ACCOUNT: &str = "account:";

/// A session's use as this server knows it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SessionUse {
    /// The last request made with it here, or the stored time if later.
    pub last_seen_at: DateTime<Utc>,
    /// When this server last wrote `last_seen_at` to the database.
    pub touched_at: DateTime<Utc>,
}

/// A credential found live.
#[derive(Debug, Clone)]
pub(crate) struct Verdict {
    /// Who it stands for.
    pub principal: Principal,
    /// The account behind a session (none for an API token).
    pub account: Option<String>,
    /// When it was read from the database.
    pub read_at: DateTime<Utc>,
    /// Its hard end, if any.
    pub expires_at: Option<DateTime<Utc>>,
    /// A session's use (none for an API token), shared by the requests that
    /// find this verdict.
    pub session: Option<Arc<Mutex<SessionUse>>>,
}

#[derive(Clone)]
struct VerdictBytes;

impl Weighter<Vec<u8>, Verdict> for VerdictBytes {
    fn weight(&self, key: &Vec<u8>, verdict: &Verdict) -> u64 {
        ENTRY_OVERHEAD
            + key.len() as u64
            + verdict.principal.actor.len() as u64
            + verdict.account.as_ref().map_or(0, |a| a.len() as u64)
    }
}

/// The cache of verdicts, and the announcer of access changes.
pub struct CredentialCache {
    store: EventStore,
    cache: Option<Cache<Vec<u8>, Verdict, VerdictBytes>>,
    budget: u64,
    /// Bumped by every invalidation, so a verdict read before it is not
    /// cached after it.
    generation: AtomicU64,
}

impl std::fmt::Debug for CredentialCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CredentialCache")
            .field("budget", &self.budget)
            .finish_non_exhaustive()
    }
}

impl CredentialCache {
    /// A cache of at most `budget` bytes (0 keeps nothing, but still
    /// announces) that follows `store`'s access announcements.
    pub fn new(store: &EventStore, budget: u64) -> Arc<Self> {
        let cache = (budget > 0).then(|| {
            let estimated = (budget / (ENTRY_OVERHEAD + 64)).max(1) as usize;
            Cache::with_weighter(estimated, budget, VerdictBytes)
        });
        let this = Arc::new(Self {
            store: store.clone(),
            cache,
            budget,
            generation: AtomicU64::new(0),
        });
        if this.cache.is_some() {
            this.follow(store);
        }
        this
    }

    /// Announces only (for the command line, which serves no requests).
    pub fn announcer(store: &EventStore) -> Arc<Self> {
        Self::new(store, 0)
    }

    fn follow(self: &Arc<Self>, store: &EventStore) {
        let mut heard = store.subscribe_access_changes();
        let this = Arc::downgrade(self);
        tokio::spawn(async move {
            use tokio::sync::broadcast::error::RecvError;
            loop {
                let next = heard.recv().await;
                let Some(cache) = this.upgrade() else {
                    return;
                };
                match next {
                    Ok(what) => cache.forget(&what),
                    Err(RecvError::Lagged(_)) => cache.forget(ACCESS_RESYNC),
                    Err(RecvError::Closed) => return,
                }
            }
        });
    }

    /// Entries, estimated bytes and budget, for `/metrics`.
    pub fn usage(&self) -> (usize, u64, u64) {
        self.cache
            .as_ref()
            .map_or((0, 0, self.budget), |c| (c.len(), c.weight(), self.budget))
    }

    pub(crate) fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// The verdict on `hash` if one is cached and younger than the time
    /// limit at `now`.
    pub(crate) fn get(&self, hash: &[u8], now: DateTime<Utc>) -> Option<Verdict> {
        let verdict = self.cache.as_ref()?.get(hash)?;
        (now - verdict.read_at < VERDICT_TTL).then_some(verdict)
    }

    /// The verdict on `hash` whatever its age (to carry a session's use
    /// over a re-read).
    pub(crate) fn peek(&self, hash: &[u8]) -> Option<Verdict> {
        self.cache.as_ref()?.get(hash)
    }

    /// Caches `verdict` unless something was invalidated since `generation`.
    pub(crate) fn remember(&self, generation: u64, hash: Vec<u8>, verdict: Verdict) {
        if let Some(cache) = &self.cache {
            if self.generation() == generation {
                cache.insert(hash, verdict);
            }
        }
    }

    /// Drops the verdict on `hash` here only (it was found dead).
    pub(crate) fn drop_here(&self, hash: &[u8]) {
        if let Some(cache) = &self.cache {
            cache.remove(hash);
        }
    }

    /// The credential `hash` ended (signed out, revoked): forgotten here
    /// at once and announced to every server on the database.
    pub async fn credential_ended(&self, hash: &[u8]) {
        self.announce(format!("{TOKEN}{}", hex::encode(hash))).await;
    }

    /// The account `name` was disabled or its password changed, which ends
    /// its sessions: forgotten here at once and announced.
    pub async fn account_changed(&self, name: &str) {
        self.announce(format!("{ACCOUNT}{name}")).await;
    }

    async fn announce(&self, what: String) {
        self.forget(&what);
        // The change is committed whatever happens here: a server that
        // does not hear of it believes its verdict for VERDICT_TTL at most,
        // so a failed announcement is worth a warning, not a failed command.
        if let Err(error) = self.store.announce_access_change(&what).await {
            tracing::warn!(%error, "cannot announce an access change to other servers");
        }
    }

    /// Applies an announcement heard here or from another server.
    fn forget(&self, what: &str) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        let Some(cache) = &self.cache else {
            return;
        };
        if let Some(hash) = what.strip_prefix(TOKEN) {
            if let Ok(hash) = hex::decode(hash) {
                cache.remove(&hash);
            }
        } else if let Some(name) = what.strip_prefix(ACCOUNT) {
            cache.retain(|_, verdict| verdict.account.as_deref() != Some(name));
        } else {
            // ACCESS_RESYNC, a lag, or an announcement this version does not
            // know: anything may have changed.
            cache.clear();
        }
    }
}
