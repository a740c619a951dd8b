//! Typed ids: a ticket's id, a command's idempotency key and a stream
//! version are three different things that used to travel as two bare
//! `Uuid`s and an `i64` side by side, where swapping them compiled.
//!
//! Each serialises exactly as the value it wraps, so stored events and the
//! API's JSON do not change.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The id of a ticket (its stream is `ticket-<id>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TicketId(Uuid);

/// The idempotency key of one command: the same id repeated returns the
/// first result and writes nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CommandId(Uuid);

macro_rules! uuid_newtype {
    ($name:ident) => {
        impl $name {
            /// Wraps `id`.
            pub const fn new(id: Uuid) -> Self {
                Self(id)
            }

            /// The id as a plain UUID (for storage and the wire).
            pub const fn uuid(self) -> Uuid {
                self.0
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

uuid_newtype!(TicketId);
uuid_newtype!(CommandId);

/// How many events a ticket's stream holds (0: the ticket does not exist
/// yet). A command that names one expects the ticket at exactly that
/// version and fails with a conflict otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Version(i64);

impl Version {
    /// The version before anything happened.
    pub const NONE: Self = Self(0);

    /// Wraps `version`.
    pub const fn new(version: i64) -> Self {
        Self(version)
    }

    /// The version as a number (for storage and the wire).
    pub const fn get(self) -> i64 {
        self.0
    }
}

impl From<i64> for Version {
    fn from(version: i64) -> Self {
        Self(version)
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn ids_serialise_as_the_value_they_wrap() {
        let id = Uuid::from_u128(7);
        assert_eq!(
            serde_json::to_value(TicketId::new(id)).unwrap(),
            serde_json::to_value(id).unwrap()
        );
        assert_eq!(serde_json::to_value(Version::new(3)).unwrap(), 3);
        let back: CommandId = serde_json::from_value(serde_json::to_value(id).unwrap()).unwrap();
        assert_eq!(back.uuid(), id);
    }
}
