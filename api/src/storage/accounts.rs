//! The SQL of people's accounts, sessions and failed sign-ins, written once
//! for both backends (times are compared in Rust, not in SQL, because
//! SQLite keeps them as text).

use chrono::{DateTime, Utc};
use returns_eventstore::db::Db;
use returns_eventstore::error::is_unique_violation;
use returns_eventstore::{statement, Error, Result};

/// A stored account.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct UserRow {
    /// The sign-in name, also the events' `actor`.
    pub name: String,
    /// The role name as stored.
    pub role: String,
    /// The argon2id PHC string.
    pub password_hash: String,
    /// When the account was created.
    pub created_at: DateTime<Utc>,
    /// When it was disabled, if it was.
    pub disabled_at: Option<DateTime<Utc>>,
}

/// A stored session with its account.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SessionRow {
    /// The account.
    pub user_name: String,
    /// The account's role.
    pub role: String,
    /// When the account was disabled, if it was.
    pub disabled_at: Option<DateTime<Utc>>,
    /// The last request made with it.
    pub last_seen_at: DateTime<Utc>,
    /// The hard end of the session.
    pub expires_at: DateTime<Utc>,
    /// When it was signed out.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// The three tables.
#[derive(Clone)]
pub struct AuthStorage {
    db: Db,
}

impl std::fmt::Debug for AuthStorage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthStorage").finish_non_exhaustive()
    }
}

impl AuthStorage {
    /// Storage in `db` (its tables are created by the api migrations).
    pub fn new(db: Db) -> Self {
        Self { db }
    }

    /// Inserts an account; false when the name is taken.
    pub async fn insert_user(&self, user: &UserRow) -> Result<bool> {
        let sql =
            "INSERT INTO users (name, role, password_hash, created_at) VALUES ($1, $2, $3, $4)";
        let result = self
            .db
            .execute(&statement!(
                sql,
                user.name.as_str(),
                user.role.as_str(),
                user.password_hash.as_str(),
                user.created_at
            ))
            .await;
        match result {
            Ok(_) => Ok(true),
            Err(Error::Database(e)) if is_unique_violation(&e) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// One account by name.
    pub async fn user(&self, name: &str) -> Result<Option<UserRow>> {
        let sql =
            "SELECT name, role, password_hash, created_at, disabled_at FROM users WHERE name = $1";
        self.db.fetch_optional(&statement!(sql, name)).await
    }

    /// Every account by name.
    pub async fn users(&self) -> Result<Vec<UserRow>> {
        let sql =
            "SELECT name, role, password_hash, created_at, disabled_at FROM users ORDER BY name";
        self.db.fetch_all(&statement!(sql)).await
    }

    /// Marks an account disabled and ends its sessions; false when unknown.
    pub async fn disable_user(&self, name: &str, at: DateTime<Utc>) -> Result<bool> {
        let mut tx = self.db.begin().await?;
        let changed = tx
            .run(&statement!(
                "UPDATE users SET disabled_at = $1 WHERE name = $2 AND disabled_at IS NULL",
                at,
                name
            ))
            .await?;
        tx.run(&end_sessions(name, at)).await?;
        tx.commit().await?;
        Ok(changed > 0)
    }

    /// Replaces an account's password hash and ends its sessions; false when unknown.
    pub async fn set_password(
        &self,
        name: &str,
        password_hash: &str,
        at: DateTime<Utc>,
    ) -> Result<bool> {
        let mut tx = self.db.begin().await?;
        let changed = tx
            .run(&statement!(
                "UPDATE users SET password_hash = $1 WHERE name = $2",
                password_hash,
                name
            ))
            .await?;
        tx.run(&end_sessions(name, at)).await?;
        tx.commit().await?;
        Ok(changed > 0)
    }

    /// Stores a new session.
    pub async fn insert_session(
        &self,
        token_hash: &[u8],
        user_name: &str,
        at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "INSERT INTO sessions (token_hash, user_name, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)";
        self.db
            .execute(&statement!(sql, token_hash, user_name, at, expires_at))
            .await?;
        Ok(())
    }

    /// A session with its account.
    pub async fn session(&self, token_hash: &[u8]) -> Result<Option<SessionRow>> {
        let sql = "SELECT s.user_name, u.role, u.disabled_at, s.last_seen_at, s.expires_at, s.revoked_at \
                   FROM sessions s JOIN users u ON u.name = s.user_name WHERE s.token_hash = $1";
        self.db.fetch_optional(&statement!(sql, token_hash)).await
    }

    /// Records a request made with a session (the idle timeout counts from here).
    pub async fn touch_session(&self, token_hash: &[u8], at: DateTime<Utc>) -> Result<()> {
        let sql = "UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2";
        self.db.execute(&statement!(sql, at, token_hash)).await?;
        Ok(())
    }

    /// Ends a session; false when it was unknown or already ended.
    pub async fn revoke_session(&self, token_hash: &[u8], at: DateTime<Utc>) -> Result<bool> {
        let sql =
            "UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL";
        let changed = self.db.execute(&statement!(sql, at, token_hash)).await?;
        Ok(changed > 0)
    }

    /// Records one failed sign-in against `subject` in `scope` (`account` or `address`).
    pub async fn record_failure(
        &self,
        scope: &str,
        subject: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "INSERT INTO sign_in_failures (scope, subject, failed_at) VALUES ($1, $2, $3)";
        self.db
            .execute(&statement!(sql, scope, subject, at))
            .await?;
        Ok(())
    }

    /// The times of the failed sign-ins against `subject` in `scope`.
    pub async fn failures(&self, scope: &str, subject: &str) -> Result<Vec<DateTime<Utc>>> {
        let sql = "SELECT failed_at FROM sign_in_failures WHERE scope = $1 AND subject = $2";
        let rows: Vec<(DateTime<Utc>,)> =
            self.db.fetch_all(&statement!(sql, scope, subject)).await?;
        Ok(rows.into_iter().map(|(at,)| at).collect())
    }

    /// Forgets the failed sign-ins against `subject` in `scope`.
    pub async fn clear_failures(&self, scope: &str, subject: &str) -> Result<()> {
        let sql = "DELETE FROM sign_in_failures WHERE scope = $1 AND subject = $2";
        self.db.execute(&statement!(sql, scope, subject)).await?;
        Ok(())
    }
}

/// Ends every open session of `name`.
fn end_sessions(name: &str, at: DateTime<Utc>) -> returns_eventstore::db::Statement {
    statement!(
        "UPDATE sessions SET revoked_at = $1 WHERE user_name = $2 AND revoked_at IS NULL",
        at,
        name
    )
}
