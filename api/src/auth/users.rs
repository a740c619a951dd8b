//! Staff accounts: a name, a role and an argon2id password hash.

use std::sync::Arc;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Utc};
use returns_eventstore::db::Db;
use returns_eventstore::Clock;

use super::cache::CredentialCache;
use super::principal::parse_role;
use crate::storage::accounts::{AuthStorage, UserRow};

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Why an account operation failed.
#[derive(Debug, thiserror::Error)]
pub enum UserError {
    /// The role cannot sign in.
    #[error("unknown role {0:?}: use customer_service, warehouse, finance, auditor or admin")]
    UnknownRole(String),
    /// The name is empty or has spaces or control characters.
    #[error("a user name is 1 to 64 characters without spaces")]
    BadName,
    /// The password is too short.
    #[error("a password has at least {MIN_PASSWORD_CHARS} characters")]
    WeakPassword,
    /// The name is taken.
    #[error("user {0:?} exists already")]
    Exists(String),
    /// No such account.
    #[error("no user {0:?}")]
    Unknown(String),
    /// Hashing failed.
    #[error("password hashing failed: {0}")]
    Hash(String),
    /// The database failed.
    #[error(transparent)]
    Database(#[from] returns_eventstore::Error),
}

/// An account without its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserInfo {
    /// The sign-in name.
    pub name: String,
    /// The role name.
    pub role: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was disabled, if it was.
    pub disabled_at: Option<DateTime<Utc>>,
}

impl From<UserRow> for UserInfo {
    fn from(row: UserRow) -> Self {
        Self {
            name: row.name,
            role: row.role,
            created_at: row.created_at,
            disabled_at: row.disabled_at,
        }
    }
}

/// Hashes `password` with argon2id and a fresh salt, off the async threads
/// (it is deliberately slow).
pub async fn hash_password(password: &str) -> Result<String, UserError> {
    let password = password.to_owned();
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|e| UserError::Hash(e.to_string()))
    })
    .await
    .map_err(|e| UserError::Hash(e.to_string()))?
}

/// Whether `password` matches the PHC string `hash` (constant-time compare).
pub async fn verify_password(password: &str, hash: &str) -> bool {
    let password = password.to_owned();
    let hash = hash.to_owned();
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

fn check_name(name: &str) -> Result<&str, UserError> {
    let name = name.trim();
    let fine = !name.is_empty()
        && name.chars().count() <= 64
        && !name.chars().any(|c| c.is_whitespace() || c.is_control());
    if fine {
        Ok(name)
    } else {
        Err(UserError::BadName)
    }
}

fn check_password(password: &str) -> Result<(), UserError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(UserError::WeakPassword);
    }
    Ok(())
}

/// The accounts table.
#[derive(Clone)]
pub struct Users {
    storage: AuthStorage,
    clock: Arc<dyn Clock>,
    cache: Option<Arc<CredentialCache>>,
}

impl std::fmt::Debug for Users {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Users").finish_non_exhaustive()
    }
}

impl Users {
    /// The accounts in `db` (migrated by [`super::TokenStore::open`]).
    pub fn new(db: Db, clock: Arc<dyn Clock>) -> Self {
        Self {
            storage: AuthStorage::new(db),
            clock,
            cache: None,
        }
    }

    /// The same accounts, announcing through `cache` the changes that end
    /// sessions.
    pub fn with_cache(mut self, cache: Arc<CredentialCache>) -> Self {
        self.cache = Some(cache);
        self
    }

    async fn sessions_ended(&self, name: &str) {
        if let Some(cache) = &self.cache {
            cache.account_changed(name).await;
        }
    }

    /// Creates an account.
    pub async fn create(
        &self,
        name: &str,
        role: &str,
        password: &str,
    ) -> Result<UserInfo, UserError> {
        let name = check_name(name)?;
        let role = parse_role(role).ok_or_else(|| UserError::UnknownRole(role.to_owned()))?;
        check_password(password)?;
        let row = UserRow {
            name: name.to_owned(),
            role: role.as_str().to_owned(),
            password_hash: hash_password(password).await?,
            created_at: self.clock.now(),
            disabled_at: None,
        };
        if !self.storage.insert_user(&row).await? {
            return Err(UserError::Exists(name.to_owned()));
        }
        Ok(row.into())
    }

    /// Every account by name.
    pub async fn list(&self) -> Result<Vec<UserInfo>, UserError> {
        Ok(self
            .storage
            .users()
            .await?
            .into_iter()
            .map(UserInfo::from)
            .collect())
    }

    /// Disables an account and ends its sessions.
    pub async fn disable(&self, name: &str) -> Result<(), UserError> {
        if self.storage.user(name).await?.is_none() {
            return Err(UserError::Unknown(name.to_owned()));
        }
        self.storage.disable_user(name, self.clock.now()).await?;
        self.sessions_ended(name).await;
        Ok(())
    }

    /// Sets a new password and ends the account's sessions.
    pub async fn reset_password(&self, name: &str, password: &str) -> Result<(), UserError> {
        check_password(password)?;
        let hash = hash_password(password).await?;
        if !self
            .storage
            .set_password(name, &hash, self.clock.now())
            .await?
        {
            return Err(UserError::Unknown(name.to_owned()));
        }
        self.sessions_ended(name).await;
        Ok(())
    }
}
