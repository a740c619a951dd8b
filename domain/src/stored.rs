//! Enums read back from where they were stored by name (read-model
//! columns): each parses its own serde name, and an unknown name is an
//! error, never a silent fallback.

use crate::state::{RefundStatus, TicketStatus};
use crate::ticket::{InspectionOutcome, ReasonCategory, TicketKind};

/// A stored name that is none of an enum's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name:?} is not a known {of}")]
pub struct UnknownName {
    /// The enum.
    pub of: &'static str,
    /// The name found.
    pub name: String,
}

macro_rules! parse_stored_name {
    ($($t:ty => $of:literal),* $(,)?) => {
        $(
            impl TryFrom<String> for $t {
                type Error = UnknownName;

                fn try_from(name: String) -> Result<Self, UnknownName> {
                    serde_json::from_value(serde_json::Value::String(name.clone()))
                        .map_err(|_| UnknownName { of: $of, name })
                }
            }
        )*
    };
}

parse_stored_name! {
    TicketStatus => "ticket status",
    TicketKind => "ticket kind",
    RefundStatus => "refund status",
    InspectionOutcome => "inspection outcome",
    ReasonCategory => "reason category",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_name_parses_back_and_an_unknown_one_is_an_error() {
        for status in [TicketStatus::Applied, TicketStatus::ReturnShipped] {
            assert_eq!(
                TicketStatus::try_from(status.as_str().to_owned()),
                Ok(status)
            );
        }
        assert_eq!(
            TicketKind::try_from(TicketKind::Exchange.as_str().to_owned()),
            Ok(TicketKind::Exchange)
        );
        assert!(TicketStatus::try_from("shipped-ish".to_owned()).is_err());
    }
}
