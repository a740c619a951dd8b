//! The authenticated caller of one request.

use returns_domain::Role;

/// An actor acting in a role, as a token says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    /// The person or integration (stored as the events' `actor`).
    pub actor: String,
    /// The role the token grants.
    pub role: Role,
}

/// The roles a token may carry: every role but `system`, which only the
/// engine's own workflows act in.
pub const TOKEN_ROLES: [Role; 5] = [
    Role::CustomerService,
    Role::Warehouse,
    Role::Finance,
    Role::Auditor,
    Role::Admin,
];

/// Parses a token role name such as `customer_service`.
pub fn parse_role(name: &str) -> Option<Role> {
    TOKEN_ROLES.into_iter().find(|r| r.as_str() == name)
}
