//! Who is calling and what they may do.
//!
//! - [`tokens`] — bearer tokens, stored as SHA-256 hashes, each bound to an
//!   actor and a role;
//! - [`access`] — the table of which role may read which view (commands use
//!   the domain's own `Role::may_issue`);
//! - [`principal`] — the authenticated caller a request carries.

pub mod access;
pub mod principal;
pub mod tokens;

pub use access::View;
pub use principal::{parse_role, Principal};
pub use tokens::{TokenError, TokenInfo, TokenStore};
