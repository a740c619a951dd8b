//! Bearer tokens: 32 random bytes shown once, stored only as their SHA-256.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use rand::RngCore;
use returns_eventstore::db::Db;
use returns_eventstore::Clock;
use sha2::{Digest, Sha256};

use super::cache::{CredentialCache, Verdict};
use super::principal::{parse_role, Principal};
use crate::storage::tokens::{self as storage, TokenRow};

/// The prefix of every token, so a leaked one is recognisable in logs and scanners.
pub const TOKEN_PREFIX: &str = "rt_";

/// Why a token operation failed.
#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    /// The role cannot be bound to a token.
    #[error("unknown role {0:?}: use customer_service, warehouse, finance, auditor or admin")]
    UnknownRole(String),
    /// The actor name is empty.
    #[error("the actor name must not be empty")]
    EmptyActor,
    /// The database failed.
    #[error(transparent)]
    Database(#[from] returns_eventstore::Error),
}

/// A stored token without its secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenInfo {
    /// The first 12 hex digits of the hash: enough to name it for `revoke`.
    pub id: String,
    /// Who acts with it.
    pub actor: String,
    /// Its role (as stored).
    pub role: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it stops working, if ever.
    pub expires_at: Option<DateTime<Utc>>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

fn info(row: TokenRow) -> TokenInfo {
    let mut id = hex::encode(&row.token_hash);
    id.truncate(12);
    TokenInfo {
        id,
        actor: row.actor,
        role: row.role,
        created_at: row.created_at,
        expires_at: row.expires_at,
        revoked_at: row.revoked_at,
    }
}

/// The token table in the store's database.
#[derive(Clone)]
pub struct TokenStore {
    db: Db,
    clock: Arc<dyn Clock>,
    cache: Option<Arc<CredentialCache>>,
}

impl std::fmt::Debug for TokenStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenStore").finish_non_exhaustive()
    }
}

/// The SHA-256 of a token as stored.
pub fn hash_token(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

impl TokenStore {
    /// Opens the token table in `db`, creating it if needed.
    pub async fn open(db: Db, clock: Arc<dyn Clock>) -> Result<Self, TokenError> {
        crate::storage::migrate(&db).await?;
        Ok(Self {
            db,
            clock,
            cache: None,
        })
    }

    /// The same table, remembering live tokens in `cache` and announcing
    /// revocations through it.
    pub fn with_cache(mut self, cache: Arc<CredentialCache>) -> Self {
        self.cache = Some(cache);
        self
    }

    /// Creates a token for `actor` in `role`; the returned secret is never stored.
    pub async fn create(
        &self,
        actor: &str,
        role: &str,
        expires_at: Option<DateTime<Utc>>,
    ) -> Result<(String, TokenInfo), TokenError> {
        let role = parse_role(role).ok_or_else(|| TokenError::UnknownRole(role.to_owned()))?;
        let actor = actor.trim();
        if actor.is_empty() {
            return Err(TokenError::EmptyActor);
        }
        let mut secret = [0u8; 32];
        rand::rng().fill_bytes(&mut secret);
        let token = format!("{TOKEN_PREFIX}{}", hex::encode(secret));
        let hash = hash_token(&token);
        let created_at = self.clock.now();
        let row = TokenRow {
            token_hash: hash,
            actor: actor.to_owned(),
            role: role.as_str().to_owned(),
            created_at,
            expires_at,
            revoked_at: None,
        };
        storage::insert(&self.db, &row).await?;
        let info = info(row);
        Ok((token, info))
    }

    /// The caller a token stands for, if it is known, not revoked and not expired.
    pub async fn authenticate(&self, token: &str) -> Result<Option<Principal>, TokenError> {
        if !token.starts_with(TOKEN_PREFIX) {
            return Ok(None);
        }
        let hash = hash_token(token);
        let now = self.clock.now();
        if let Some(cache) = &self.cache {
            if let Some(verdict) = cache.get(&hash, now) {
                if verdict.expires_at.is_some_and(|at| at <= now) {
                    cache.drop_here(&hash);
                    return Ok(None);
                }
                return Ok(Some(verdict.principal));
            }
        }
        let generation = self.cache.as_ref().map(|c| c.generation());
        let row = storage::find(&self.db, &hash).await?;
        let Some(row) = row else { return Ok(None) };
        let info = info(row);
        if info.revoked_at.is_some() || info.expires_at.is_some_and(|at| at <= now) {
            return Ok(None);
        }
        let Some(role) = parse_role(&info.role) else {
            return Ok(None);
        };
        let principal = Principal {
            actor: info.actor,
            role,
        };
        if let (Some(cache), Some(generation)) = (&self.cache, generation) {
            let verdict = Verdict {
                principal: principal.clone(),
                account: None,
                read_at: now,
                expires_at: info.expires_at,
                session: None,
            };
            cache.remember(generation, hash, verdict);
        }
        Ok(Some(principal))
    }

    /// Every token, newest first.
    pub async fn list(&self) -> Result<Vec<TokenInfo>, TokenError> {
        let rows = storage::all(&self.db).await?;
        Ok(rows.into_iter().map(info).collect())
    }

    /// Revokes the tokens whose id (hash prefix, at least 8 hex digits)
    /// starts with `id`; returns how many were revoked.
    pub async fn revoke(&self, id: &str) -> Result<u64, TokenError> {
        let id = id.trim().to_ascii_lowercase();
        if id.len() < 8 || !id.chars().all(|c| c.is_ascii_hexdigit()) {
            return Ok(0);
        }
        let now = self.clock.now();
        let mut revoked = 0;
        for hash in storage::live_hashes(&self.db).await? {
            if hex::encode(&hash).starts_with(&id) {
                revoked += storage::revoke(&self.db, &hash, now).await?;
                if let Some(cache) = &self.cache {
                    cache.credential_ended(&hash).await;
                }
            }
        }
        Ok(revoked)
    }
}
