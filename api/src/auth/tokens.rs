//! Bearer tokens: 32 random bytes shown once, stored only as their SHA-256.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use rand::RngCore;
use returns_eventstore::backend::Backend;
use returns_eventstore::Clock;
use sha2::{Digest, Sha256};

use super::principal::{parse_role, Principal};

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
    Database(#[from] sqlx::Error),
    /// The migrations failed.
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
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

type TokenRow = (
    Vec<u8>,
    String,
    String,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
);

fn info(row: TokenRow) -> TokenInfo {
    let (hash, actor, role, created_at, expires_at, revoked_at) = row;
    let mut id = hex::encode(hash);
    id.truncate(12);
    TokenInfo {
        id,
        actor,
        role,
        created_at,
        expires_at,
        revoked_at,
    }
}

/// Runs the same statement on whichever pool the store uses.
macro_rules! on_pool {
    ($backend:expr, $pool:ident => $body:expr) => {
        match $backend {
            Backend::Sqlite($pool) => $body,
            Backend::Postgres($pool) => $body,
        }
    };
}

/// The token table in the store's database.
#[derive(Clone)]
pub struct TokenStore {
    backend: Backend,
    clock: Arc<dyn Clock>,
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
    /// Opens the token table on `backend`, creating it if needed.
    pub async fn open(backend: Backend, clock: Arc<dyn Clock>) -> Result<Self, TokenError> {
        match &backend {
            Backend::Sqlite(pool) => {
                let mut migrator = sqlx::migrate!("./migrations/sqlite");
                migrator.set_ignore_missing(true);
                migrator.run(pool).await?;
            }
            Backend::Postgres(pool) => {
                let mut migrator = sqlx::migrate!("./migrations/postgres");
                migrator.set_ignore_missing(true);
                migrator.run(pool).await?;
            }
        }
        Ok(Self { backend, clock })
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
        let sql = "INSERT INTO api_tokens (token_hash, actor, role, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)";
        on_pool!(&self.backend, pool => {
            sqlx::query(sql)
                .bind(&hash)
                .bind(actor)
                .bind(role.as_str())
                .bind(created_at)
                .bind(expires_at)
                .execute(pool)
                .await?
                .rows_affected()
        });
        let info = info((
            hash,
            actor.to_owned(),
            role.as_str().to_owned(),
            created_at,
            expires_at,
            None,
        ));
        Ok((token, info))
    }

    /// The caller a token stands for, if it is known, not revoked and not expired.
    pub async fn authenticate(&self, token: &str) -> Result<Option<Principal>, TokenError> {
        if !token.starts_with(TOKEN_PREFIX) {
            return Ok(None);
        }
        let hash = hash_token(token);
        let sql = "SELECT token_hash, actor, role, created_at, expires_at, revoked_at FROM api_tokens WHERE token_hash = $1";
        let row: Option<TokenRow> = on_pool!(&self.backend, pool => {
            sqlx::query_as(sql).bind(&hash).fetch_optional(pool).await?
        });
        let Some(row) = row else { return Ok(None) };
        let info = info(row);
        let now = self.clock.now();
        if info.revoked_at.is_some() || info.expires_at.is_some_and(|at| at <= now) {
            return Ok(None);
        }
        Ok(parse_role(&info.role).map(|role| Principal {
            actor: info.actor,
            role,
        }))
    }

    /// Every token, newest first.
    pub async fn list(&self) -> Result<Vec<TokenInfo>, TokenError> {
        let sql = "SELECT token_hash, actor, role, created_at, expires_at, revoked_at FROM api_tokens ORDER BY created_at DESC";
        let rows: Vec<TokenRow> = on_pool!(&self.backend, pool => {
            sqlx::query_as(sql).fetch_all(pool).await?
        });
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
        let rows: Vec<(Vec<u8>,)> = on_pool!(&self.backend, pool => {
            sqlx::query_as("SELECT token_hash FROM api_tokens WHERE revoked_at IS NULL")
                .fetch_all(pool)
                .await?
        });
        let mut revoked = 0;
        for (hash,) in rows {
            if hex::encode(&hash).starts_with(&id) {
                let sql = "UPDATE api_tokens SET revoked_at = $1 WHERE token_hash = $2";
                revoked += on_pool!(&self.backend, pool => {
                    sqlx::query(sql).bind(now).bind(&hash).execute(pool).await?.rows_affected()
                });
            }
        }
        Ok(revoked)
    }
}
