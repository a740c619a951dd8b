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

/// Sign-in, session lookup and sign-out.
#[derive(Clone)]
pub struct Sessions {
    storage: AuthStorage,
    clock: Arc<dyn Clock>,
    policy: SessionPolicy,
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
        }
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
    /// use restarts the idle timeout.
    pub async fn authenticate(
        &self,
        token: &str,
    ) -> Result<Option<Principal>, returns_eventstore::Error> {
        if !token.starts_with(SESSION_PREFIX) {
            return Ok(None);
        }
        let hash = hash_token(token);
        let Some(session) = self.storage.session(&hash).await? else {
            return Ok(None);
        };
        let now = self.clock.now();
        let live = session.revoked_at.is_none()
            && session.disabled_at.is_none()
            && now < session.expires_at
            && now - session.last_seen_at < self.policy.idle_timeout;
        if !live {
            return Ok(None);
        }
        self.storage.touch_session(&hash, now).await?;
        Ok(parse_role(&session.role).map(|role| Principal {
            actor: session.user_name,
            role,
        }))
    }

    /// Ends a session; false when it was unknown or had ended.
    pub async fn sign_out(&self, token: &str) -> Result<bool, returns_eventstore::Error> {
        self.storage
            .revoke_session(&hash_token(token), self.clock.now())
            .await
    }
}
