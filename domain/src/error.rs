//! The one error type of the domain, phrased so a client can act on it.

use uuid::Uuid;

use crate::command::CommandKind;
use crate::money::Currency;
use crate::state::{RefundStatus, TicketStatus};
use crate::ticket::{Conversion, OfferStatus, TicketKind};

/// Why `decide` refused a command. Each variant has a stable [`code`](DomainError::code)
/// the API passes on as `extensions.code`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    /// The command is not allowed where the ticket is now; `allowed` lists what is.
    #[error(
        "{command} is not allowed while the ticket is {status}; allowed: {}",
        list(allowed)
    )]
    InvalidTransition {
        /// The refused command.
        command: CommandKind,
        /// The ticket's status.
        status: TicketStatus,
        /// The commands the ticket accepts now.
        allowed: Vec<CommandKind>,
    },
    /// The command targets a refund that is not in a state for it (e.g. issuing twice).
    #[error("{command} is not allowed for refund {refund_id} while it is {status:?}")]
    InvalidRefundState {
        /// The refused command.
        command: CommandKind,
        /// The refund.
        refund_id: Uuid,
        /// The refund's status.
        status: RefundStatus,
    },
    /// The conversion does not fit the ticket's kind or where it is (another
    /// conversion may; `ConvertTicket` is offered when any does).
    #[error("{conversion:?} does not fit a {} ticket that is {status}", kind.as_str())]
    InvalidConversion {
        /// The refused conversion.
        conversion: Conversion,
        /// The ticket's kind.
        kind: TicketKind,
        /// The ticket's status.
        status: TicketStatus,
    },
    /// The counter-offer does not fit the ticket's kind or where it is now
    /// (another offer may; `MakeCounterOffer` is offered when any does).
    #[error("a {offer} offer does not fit a {} ticket that is {status}", kind.as_str())]
    InvalidOffer {
        /// The offer's type (`partial_refund`, `conversion`, `return_address`).
        offer: &'static str,
        /// The ticket's kind.
        kind: TicketKind,
        /// The ticket's status.
        status: TicketStatus,
    },
    /// The counter-offer was already answered or expired.
    #[error("counter-offer {offer_id} is {status:?}, not open")]
    InvalidOfferState {
        /// The offer.
        offer_id: Uuid,
        /// Where it is.
        status: OfferStatus,
    },
    /// A field's value is unacceptable.
    #[error("{field}: {message}")]
    Validation {
        /// The offending field (dotted path, e.g. `lines[0].qty`).
        field: String,
        /// What is wrong, in words.
        message: String,
    },
    /// A quantity or amount goes beyond what the ticket allows.
    #[error("{what} limited to {limit}, requested {requested}")]
    LimitExceeded {
        /// What is limited, e.g. `"refund total (minor units)"`.
        what: String,
        /// The most that is allowed now.
        limit: i64,
        /// What the command asked for.
        requested: i64,
    },
    /// An amount is in a currency other than the ticket's.
    #[error("currency mismatch: ticket is in {expected}, amount in {found}")]
    CurrencyMismatch {
        /// The ticket's currency.
        expected: Currency,
        /// The amount's currency.
        found: Currency,
    },
    /// The command refers to something the ticket does not have (a line, refund or follow-up).
    #[error("{what} `{id}` not found")]
    NotFound {
        /// What was looked for: `"line"`, `"refund"`, `"follow_up"`.
        what: &'static str,
        /// The id given.
        id: String,
    },
    /// The command would create something that already exists (a ticket, refund id, follow-up id).
    #[error("{what} `{id}` already exists")]
    AlreadyExists {
        /// What exists: `"ticket"`, `"refund"`, `"follow_up"`.
        what: &'static str,
        /// The id given.
        id: String,
    },
}

fn list(kinds: &[CommandKind]) -> String {
    kinds
        .iter()
        .map(CommandKind::name)
        .collect::<Vec<_>>()
        .join(", ")
}

impl DomainError {
    /// The stable machine-readable code; limit and currency errors are validation errors to a client.
    pub fn code(&self) -> &'static str {
        match self {
            DomainError::InvalidTransition { .. }
            | DomainError::InvalidRefundState { .. }
            | DomainError::InvalidConversion { .. }
            | DomainError::InvalidOffer { .. }
            | DomainError::InvalidOfferState { .. } => "INVALID_TRANSITION",
            DomainError::Validation { .. }
            | DomainError::LimitExceeded { .. }
            | DomainError::CurrencyMismatch { .. } => "VALIDATION",
            DomainError::NotFound { .. } => "NOT_FOUND",
            // Creating what exists is a conflict with the ticket's current state.
            DomainError::AlreadyExists { .. } => "CONFLICT",
        }
    }

    /// Shorthand for a [`DomainError::Validation`].
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        DomainError::Validation {
            field: field.into(),
            message: message.into(),
        }
    }

    /// Shorthand for a [`DomainError::LimitExceeded`].
    pub fn limit(what: impl Into<String>, limit: i64, requested: i64) -> Self {
        DomainError::LimitExceeded {
            what: what.into(),
            limit,
            requested,
        }
    }
}
