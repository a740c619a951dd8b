//! Money as integer minor units in one ISO 4217 currency.
//!
//! Floats never appear: a refund of 19.99 CNY is `1999` fen, so sums and
//! comparisons are exact and the JSON in the log never drifts.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::DomainError;

/// An ISO 4217 currency code: exactly three uppercase ASCII letters.
///
/// Built only through [`Currency::parse`] / `TryFrom`, so an invalid code
/// cannot exist anywhere in the model (deserialization validates too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Currency([u8; 3]);

impl Currency {
    /// Parses a code such as `"CNY"`; lowercase or any other shape is rejected
    /// rather than normalised, so what the platform sent is what we store.
    pub fn parse(code: &str) -> Result<Self, DomainError> {
        let bytes = code.as_bytes();
        match bytes {
            [a, b, c] if bytes.iter().all(u8::is_ascii_uppercase) => Ok(Self([*a, *b, *c])),
            _ => Err(DomainError::Validation {
                field: "currency".to_owned(),
                message: format!("`{code}` is not an ISO 4217 code (three uppercase letters)"),
            }),
        }
    }

    /// The three-letter code.
    pub fn as_str(&self) -> &str {
        // The bytes are validated ASCII, so this never falls back.
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }
}

impl TryFrom<String> for Currency {
    type Error = DomainError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl TryFrom<&str> for Currency {
    type Error = DomainError;
    fn try_from(value: &str) -> Result<Self, Self::Error> {
        Self::parse(value)
    }
}

impl From<Currency> for String {
    fn from(value: Currency) -> Self {
        value.as_str().to_owned()
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An amount of money: integer minor units (fen, cents) and its currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// Amount in the currency's minor unit; may be negative only in arithmetic, never in a command.
    pub amount_minor: i64,
    /// The currency the amount is in.
    pub currency: Currency,
}

impl Money {
    /// An amount of `amount_minor` minor units of `currency`.
    pub fn new(amount_minor: i64, currency: Currency) -> Self {
        Self {
            amount_minor,
            currency,
        }
    }

    /// Zero in `currency`.
    pub fn zero(currency: Currency) -> Self {
        Self::new(0, currency)
    }

    /// Fails with `CurrencyMismatch` unless `self` is in `expected`: a ticket never mixes currencies.
    pub fn ensure_currency(&self, expected: Currency) -> Result<(), DomainError> {
        if self.currency == expected {
            Ok(())
        } else {
            Err(DomainError::CurrencyMismatch {
                expected,
                found: self.currency,
            })
        }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount_minor, self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currency_accepts_three_uppercase_letters_only() {
        assert_eq!(
            Currency::parse("CNY").map(|c| c.to_string()).ok(),
            Some("CNY".to_owned())
        );
        for bad in ["cny", "CN", "CNYY", "C1Y", "", "ÄBC"] {
            assert!(Currency::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn currency_deserialization_validates() {
        assert!(serde_json::from_str::<Currency>("\"usd\"").is_err());
        let c: Currency = serde_json::from_str("\"USD\"").unwrap();
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"USD\"");
    }

    #[test]
    fn mismatched_currency_is_reported_with_both_codes() {
        let cny = Currency::parse("CNY").unwrap();
        let usd = Currency::parse("USD").unwrap();
        let err = Money::new(100, usd).ensure_currency(cny).unwrap_err();
        assert_eq!(
            err,
            DomainError::CurrencyMismatch {
                expected: cny,
                found: usd
            }
        );
        assert_eq!(err.code(), "VALIDATION");
    }
}
