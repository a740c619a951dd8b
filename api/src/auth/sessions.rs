//! Sessions for people: signing in with a name and password gives an
//! expiring bearer secret (`rs_…`), ended by sign-out, by an idle gap, by a
//! hard lifetime, or by disabling the account. Failed attempts are throttled
//! per account and per address, so guessing is slow whichever one an
//! attacker varies.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use returns_eventstore::db::Db;
use returns_eventstore::Clock;

use super::cache::{CredentialCache, SessionUse, Verdict};
use super::principal::{parse_role, Principal};
use super::tokens::hash_token;
use super::users::verify_password;
use crate::storage::accounts::AuthStorage;

/// The prefix of every session secret.
pub const SESSION_PREFIX: &str = "rs_";

/// A well-formed PHC string that matches no password, verified against when
/// the account does not exist, so an unknown name costs the same time as a
/// wrong password and names cannot be probed by timing.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$J3NLKB3JYFbAfyW3QOmRqs4kTlWCYNRRJZUZ3f96Gaw";

/// How long sessions live and how hard guessing is throttled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionPolicy {
    /// A session unused this long ends.
    pub idle_timeout: Duration,
    /// A session ends this long after sign-in, used or not.
    pub lifetime: Duration,
    /// Failures counted over this window.
    pub failure_window: Duration,
    /// Failures per account within the window before it is throttled.
    pub max_failures_per_account: usize,
    /// Failures per address within the window before it is throttled.
    pub max_failures_per_address: usize,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self {
            idle_timeout: Duration::minutes(30),
            lifetime: Duration::hours(12),
            failure_window: Duration::minutes(15),
            max_failures_per_account: 5,
            max_failures_per_address: 20,
        }
    }
}

/// Why a sign-in was refused.
#[derive(Debug, thiserror::Error)]
pub enum SignInError {
    /// Wrong name or password, or a disabled account (indistinguishable on purpose).
    #[error("wrong name or password")]
    Rejected,
    /// Too many failures: try again after `retry_after`.
    #[error("too many failed sign-ins; try again later")]
    Throttled {
        /// When the oldest counted failure leaves the window.
        retry_after: DateTime<Utc>,
    },
    /// The database failed.
    #[error(transparent)]
    Database(#[from] returns_eventstore::Error),
}

/// A session just issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedSession {
    /// The secret, shown once.
    pub token: String,
    /// Who signed in.
    pub principal: Principal,
    /// The hard end of the session.
    pub expires_at: DateTime<Utc>,
}

/// The longest a session's last use goes unwritten. Writing it on every
/// request made every authenticated request a database write (on SQLite
/// queued behind the appends), for an idle timeout counted in minutes: the
/// stored time may now lag the real last use by this much, so a session
/// used now and then on another server may end up to this much early,
/// never late. A quarter of the idle timeout when that is shorter.
pub const TOUCH_INTERVAL: Duration = Duration::seconds(60);

/// Sign-in, session lookup and sign-out.
#[derive(Clone)]
pub struct Sessions {
    storage: AuthStorage,
    clock: Arc<dyn Clock>,
    policy: SessionPolicy,
    cache: Option<Arc<CredentialCache>>,
}

impl std::fmt::Debug for Sessions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sessions")
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

const ACCOUNT: &str = "account";
const ADDRESS: &str = "address";

impl Sessions {
    /// Sessions in `db` (migrated by [`super::TokenStore::open`]).
    pub fn new(db: Db, clock: Arc<dyn Clock>, policy: SessionPolicy) -> Self {
        Self {
            storage: AuthStorage::new(db),
            clock,
            policy,
            cache: None,
        }
    }

    /// The same sessions, remembering live ones in `cache` and announcing
    /// sign-outs through it.
    pub fn with_cache(mut self, cache: Arc<CredentialCache>) -> Self {
        self.cache = Some(cache);
        self
    }

    fn touch_interval(&self) -> Duration {
        TOUCH_INTERVAL.min(self.policy.idle_timeout / 4)
    }

    /// The policy in force.
    pub fn policy(&self) -> SessionPolicy {
        self.policy
    }

    /// When `subject` may try again, if its recent failures reached `limit`.
    async fn throttled_until(
        &self,
        scope: &str,
        subject: &str,
        limit: usize,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, returns_eventstore::Error> {
        let since = now - self.policy.failure_window;
        let mut recent: Vec<_> = self
            .storage
            .failures(scope, subject)
            .await?
            .into_iter()
            .filter(|at| *at > since)
            .collect();
        if recent.len() < limit {
            return Ok(None);
        }
        recent.sort_unstable();
        // Free again once enough failures have aged out to fall below the limit.
        let oldest_that_counts = recent[recent.len() - limit];
        Ok(Some(oldest_that_counts + self.policy.failure_window))
    }

    /// Signs `name` in from `address`, or says why not.
    pub async fn sign_in(
        &self,
        name: &str,
        password: &str,
        address: &str,
    ) -> Result<IssuedSession, SignInError> {
        let now = self.clock.now();
        let name = name.trim();
        for (scope, subject, limit) in [
            (ACCOUNT, name, self.policy.max_failures_per_account),
            (ADDRESS, address, self.policy.max_failures_per_address),
        ] {
            if let Some(retry_after) = self.throttled_until(scope, subject, limit, now).await? {
                return Err(SignInError::Throttled { retry_after });
            }
        }
        let user = self.storage.user(name).await?;
        let hash = user
            .as_ref()
            .map_or(DUMMY_HASH, |u| u.password_hash.as_str());
        let password_ok = verify_password(password, hash).await;
        let principal = user
            .filter(|u| password_ok && u.disabled_at.is_none())
            .and_then(|u| {
                parse_role(&u.role).map(|role| Principal {
                    actor: u.name,
                    role,
                })
            });
        let Some(principal) = principal else {
            self.storage.record_failure(ACCOUNT, name, now).await?;
            self.storage.record_failure(ADDRESS, address, now).await?;
            return Err(SignInError::Rejected);
        };
        self.storage.clear_failures(ACCOUNT, name).await?;
        let mut secret = [0u8; 32];
        rand::rng().fill_bytes(&mut secret);
        let token = format!("{SESSION_PREFIX}{}", hex::encode(secret));
        let expires_at = now + self.policy.lifetime;
        self.storage
            .insert_session(&hash_token(&token), &principal.actor, now, expires_at)
            .await?;
        Ok(IssuedSession {
            token,
            principal,
            expires_at,
        })
    }

    /// The person a session secret stands for, if the session is live; each
    /// use restarts the idle timeout (written at most every
    /// [`TOUCH_INTERVAL`]).
    pub async fn authenticate(
        &self,
        token: &str,
    ) -> Result<Option<Principal>, returns_eventstore::Error> {
        if !token.starts_with(SESSION_PREFIX) {
            return Ok(None);
        }
        let hash = hash_token(token);
        let now = self.clock.now();
        if let Some(cache) = &self.cache {
            if let Some(verdict) = cache.get(&hash, now) {
                return self.used(cache, &hash, verdict, now).await;
            }
        }
        let generation = self.cache.as_ref().map(|c| c.generation());
        let Some(session) = self.storage.session(&hash).await? else {
            return Ok(None);
        };
        // What this server saw of the session before the re-read: its own
        // uses may be later than the stored one.
        let known = self
            .cache
            .as_ref()
            .and_then(|c| c.peek(&hash))
            .and_then(|v| v.session)
            .and_then(|u| u.lock().ok().map(|u| *u));
        let last_seen_at = known.map_or(session.last_seen_at, |u| {
            u.last_seen_at.max(session.last_seen_at)
        });
        let live = session.revoked_at.is_none()
            && session.disabled_at.is_none()
            && now < session.expires_at
            && now - last_seen_at < self.policy.idle_timeout;
        if !live {
            if let Some(cache) = &self.cache {
                cache.drop_here(&hash);
            }
            return Ok(None);
        }
        let Some(role) = parse_role(&session.role) else {
            return Ok(None);
        };
        let principal = Principal {
            actor: session.user_name.clone(),
            role,
        };
        let touched_at = known.map_or(session.last_seen_at, |u| u.touched_at);
        let verdict = Verdict {
            principal,
            account: Some(session.user_name),
            read_at: now,
            expires_at: Some(session.expires_at),
            session: Some(Arc::new(std::sync::Mutex::new(SessionUse {
                last_seen_at,
                touched_at,
            }))),
        };
        match (&self.cache, generation) {
            (Some(cache), Some(generation)) => {
                cache.remember(generation, hash.clone(), verdict.clone());
                self.used(cache, &hash, verdict, now).await
            }
            _ => {
                // No cache: the stored last use says whether it is due.
                if now - session.last_seen_at >= self.touch_interval() {
                    self.storage.touch_session(&hash, now).await?;
                }
                Ok(Some(verdict.principal))
            }
        }
    }

    /// A use at `now` of the session `verdict` found live when it was read:
    /// still live unless it expired or sat idle since, and its last use is
    /// written if the stored one is [`TOUCH_INTERVAL`] old.
    async fn used(
        &self,
        cache: &CredentialCache,
        hash: &[u8],
        verdict: Verdict,
        now: DateTime<Utc>,
    ) -> Result<Option<Principal>, returns_eventstore::Error> {
        if verdict.expires_at.is_some_and(|at| now >= at) {
            cache.drop_here(hash);
            return Ok(None);
        }
        let Some(session) = &verdict.session else {
            return Ok(None);
        };
        let touch = {
            let Ok(mut seen) = session.lock() else {
                return Ok(None);
            };
            if now - seen.last_seen_at >= self.policy.idle_timeout {
                drop(seen);
                cache.drop_here(hash);
                return Ok(None);
            }
            seen.last_seen_at = seen.last_seen_at.max(now);
            let due = now - seen.touched_at >= self.touch_interval();
            if due {
                seen.touched_at = now;
            }
            due
        };
        if touch {
            self.storage.touch_session(hash, now).await?;
        }
        Ok(Some(verdict.principal))
    }

    /// Ends a session; false when it was unknown or had ended.
    pub async fn sign_out(&self, token: &str) -> Result<bool, returns_eventstore::Error> {
        let hash = hash_token(token);
        let ended = self.storage.revoke_session(&hash, self.clock.now()).await?;
        if let Some(cache) = &self.cache {
            cache.credential_ended(&hash).await;
        }
        Ok(ended)
    }
}
