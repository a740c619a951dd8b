//! Field checks shared by the command handlers, and the limits they enforce.

use crate::error::DomainError;
use crate::money::{Currency, Money};

/// Most lines one ticket may carry.
pub const MAX_LINES: usize = 100;
/// Longest free text (notes, reasons, messages), in characters.
pub const MAX_TEXT_CHARS: usize = 4000;
/// Longest short text (ids, names, codes, tracking numbers), in characters.
pub const MAX_SHORT_CHARS: usize = 200;
/// Most photo references on one inspected line.
pub const MAX_PHOTOS: usize = 20;
/// Largest single amount a command may carry, in minor units (10^13, i.e.
/// 100 billion in major units): far above any real order, and small enough
/// that [`MAX_LINES`] of them still sum without overflowing an `i64`.
pub const MAX_AMOUNT_MINOR: i64 = 10_000_000_000_000;

/// A required short text: not blank, at most [`MAX_SHORT_CHARS`].
pub fn short_text(field: &str, value: &str) -> Result<(), DomainError> {
    text(field, value, MAX_SHORT_CHARS, true)
}

/// A required free text: not blank, at most [`MAX_TEXT_CHARS`].
pub fn long_text(field: &str, value: &str) -> Result<(), DomainError> {
    text(field, value, MAX_TEXT_CHARS, true)
}

/// An optional free text (may be empty), at most [`MAX_TEXT_CHARS`].
pub fn optional_text(field: &str, value: &str) -> Result<(), DomainError> {
    text(field, value, MAX_TEXT_CHARS, false)
}

fn text(field: &str, value: &str, max: usize, required: bool) -> Result<(), DomainError> {
    if required && value.trim().is_empty() {
        return Err(DomainError::validation(field, "must not be blank"));
    }
    let len = value.chars().count();
    if len > max {
        return Err(DomainError::limit(
            format!("{field} length (characters)"),
            to_i64(max),
            to_i64(len),
        ));
    }
    Ok(())
}

/// An amount in the ticket's currency that is not negative.
pub fn non_negative(field: &str, amount: &Money, currency: Currency) -> Result<(), DomainError> {
    amount.ensure_currency(currency)?;
    if amount.amount_minor < 0 {
        return Err(DomainError::validation(field, "must not be negative"));
    }
    within_limit(field, amount)
}

fn within_limit(field: &str, amount: &Money) -> Result<(), DomainError> {
    if amount.amount_minor > MAX_AMOUNT_MINOR {
        return Err(DomainError::limit(
            format!("{field} (minor units)"),
            MAX_AMOUNT_MINOR,
            amount.amount_minor,
        ));
    }
    Ok(())
}

/// An amount in the ticket's currency that is greater than zero.
pub fn positive(field: &str, amount: &Money, currency: Currency) -> Result<(), DomainError> {
    amount.ensure_currency(currency)?;
    if amount.amount_minor <= 0 {
        return Err(DomainError::validation(field, "must be greater than zero"));
    }
    within_limit(field, amount)
}

/// A count as the `i64` error payloads use; saturates rather than fail.
pub fn to_i64(n: impl TryInto<i64>) -> i64 {
    n.try_into().unwrap_or(i64::MAX)
}
