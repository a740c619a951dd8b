//! Who is calling and what they may do.
//!
//! - [`cache`] — recent credential verdicts, dropped at once when a
//!   credential ends (announced to every server);
//! - [`tokens`] — bearer tokens for machines, stored as SHA-256 hashes, each
//!   bound to an actor and a role;
//! - [`users`] — staff accounts with argon2id password hashes;
//! - [`sessions`] — people's expiring sessions, sign-in throttling;
//! - [`storage`] — the SQL of accounts and sessions;
//! - [`access`] — the table of which role may read which view (commands use
//!   the domain's own `Role::may_issue`);
//! - [`principal`] — the authenticated caller a request carries.

pub mod access;
pub mod cache;
pub mod principal;
pub mod sessions;
pub mod tokens;
pub mod users;

pub use access::View;
pub use cache::CredentialCache;
pub use principal::{parse_role, Principal};
pub use sessions::{SessionPolicy, Sessions, SignInError};
pub use tokens::{TokenError, TokenInfo, TokenStore};
pub use users::{UserError, UserInfo, Users};
