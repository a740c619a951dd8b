//! `api_tokens`: each token's SHA-256, who it stands for, and its life.

use chrono::{DateTime, Utc};
use returns_eventstore::db::Db;
use returns_eventstore::{statement, Result};

/// A stored token row.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenRow {
    /// SHA-256 of the secret.
    pub token_hash: Vec<u8>,
    /// Who acts with it.
    pub actor: String,
    /// Its role, as stored.
    pub role: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it stops working, if ever.
    pub expires_at: Option<DateTime<Utc>>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

const COLUMNS: &str = "token_hash, actor, role, created_at, expires_at, revoked_at";

/// Stores a new token.
pub async fn insert(db: &Db, row: &TokenRow) -> Result<()> {
    db.execute(&statement!(
        "INSERT INTO api_tokens (token_hash, actor, role, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
        row.token_hash.clone(),
        row.actor.as_str(),
        row.role.as_str(),
        row.created_at,
        row.expires_at
    ))
    .await?;
    Ok(())
}

/// The token with this hash, if any.
pub async fn find(db: &Db, hash: &[u8]) -> Result<Option<TokenRow>> {
    let sql = format!("SELECT {COLUMNS} FROM api_tokens WHERE token_hash = $1");
    db.fetch_optional(&statement!(sql, hash)).await
}

/// Every token, newest first.
pub async fn all(db: &Db) -> Result<Vec<TokenRow>> {
    let sql = format!("SELECT {COLUMNS} FROM api_tokens ORDER BY created_at DESC");
    db.fetch_all(&statement!(sql)).await
}

/// The hashes of the tokens not revoked yet.
pub async fn live_hashes(db: &Db) -> Result<Vec<Vec<u8>>> {
    let rows: Vec<(Vec<u8>,)> = db
        .fetch_all(&statement!(
            "SELECT token_hash FROM api_tokens WHERE revoked_at IS NULL"
        ))
        .await?;
    Ok(rows.into_iter().map(|(hash,)| hash).collect())
}

/// Marks the token revoked at `now`; the rows it changed.
pub async fn revoke(db: &Db, hash: &[u8], now: DateTime<Utc>) -> Result<u64> {
    db.execute(&statement!(
        "UPDATE api_tokens SET revoked_at = $1 WHERE token_hash = $2",
        now,
        hash
    ))
    .await
}
