//! Money on the wire: integer minor units and a currency code, never floats.
//!
//! `amountMinor` is a GraphQL `Int` carrying an i64. Amounts beyond 2^53
//! minor units (90 trillion yuan) would lose precision in JavaScript
//! clients; no refund comes near that, so a string scalar is not worth the
//! friction.

use async_graphql::{InputObject, SimpleObject};
use returns_domain::{Currency, Money as DomainMoney};

use crate::error::ApiError;

/// An amount: integer minor units (fen, cents) in a currency.
#[derive(SimpleObject, Debug, Clone, PartialEq, Eq)]
pub struct Money {
    /// Amount in the currency's minor unit (1999 = 19.99).
    pub amount_minor: i64,
    /// ISO 4217 code, e.g. `CNY`.
    pub currency: String,
}

impl From<DomainMoney> for Money {
    fn from(m: DomainMoney) -> Self {
        Self {
            amount_minor: m.amount_minor,
            currency: m.currency.to_string(),
        }
    }
}

/// An amount given by a client.
#[derive(InputObject, Debug, Clone)]
pub struct MoneyInput {
    /// Amount in the currency's minor unit (1999 = 19.99).
    pub amount_minor: i64,
    /// ISO 4217 code, e.g. `CNY`.
    pub currency: String,
}

impl MoneyInput {
    /// The domain amount; an invalid currency is a validation error.
    pub fn to_domain(&self) -> Result<DomainMoney, ApiError> {
        Ok(DomainMoney::new(
            self.amount_minor,
            currency(&self.currency)?,
        ))
    }
}

/// Parses a currency code, as a validation error when malformed.
pub fn currency(code: &str) -> Result<Currency, ApiError> {
    Currency::parse(code).map_err(|e| ApiError::from_domain(&e))
}
