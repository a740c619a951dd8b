//! Money on the wire: integer minor units and a currency code, never floats.
//!
//! Amounts are the `MinorUnits` scalar, not `Int`: GraphQL's `Int` is 32-bit
//! by the specification, and strict clients (graphql-js) refuse an order
//! total of 10^10 fen in it. `MinorUnits` is a JSON number as long as
//! JavaScript holds it exactly (±(2^53 − 1)) and a decimal string beyond,
//! so no client ever reads a rounded amount.

use async_graphql::{
    InputObject, InputValueError, InputValueResult, Scalar, ScalarType, SimpleObject, Value,
};
use returns_domain::{Currency, Money as DomainMoney};

use crate::error::ApiError;

/// The largest magnitude a JSON number carries exactly in JavaScript.
pub const MAX_SAFE_INTEGER: i64 = (1 << 53) - 1;

/// A signed 64-bit count of a currency's minor units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct MinorUnits(pub i64);

/// An amount in a currency's minor unit (fen, cents: 1999 = 19.99), a signed
/// 64-bit integer. Sent as a JSON number while it lies within ±(2^53 − 1),
/// the integers every JSON client (JavaScript included) holds exactly, and
/// as a string of decimal digits beyond. Accepted as an integer number or
/// as such a string; fractions and exponents are refused.
#[Scalar(name = "MinorUnits")]
impl ScalarType for MinorUnits {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::Number(n) => n
                .as_i64()
                .map(MinorUnits)
                .ok_or_else(|| InputValueError::custom("minor units must be a whole number")),
            Value::String(s) => s
                .trim()
                .parse::<i64>()
                .map(MinorUnits)
                .map_err(|_| InputValueError::custom("minor units must be a whole number")),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn is_valid(value: &Value) -> bool {
        matches!(value, Value::Number(_) | Value::String(_))
    }

    fn to_value(&self) -> Value {
        if self.0.abs() <= MAX_SAFE_INTEGER {
            Value::from(self.0)
        } else {
            Value::String(self.0.to_string())
        }
    }
}

impl From<i64> for MinorUnits {
    fn from(amount: i64) -> Self {
        Self(amount)
    }
}

/// An amount: integer minor units (fen, cents) in a currency.
#[derive(SimpleObject, Debug, Clone, PartialEq, Eq)]
pub struct Money {
    /// Amount in the currency's minor unit (1999 = 19.99).
    pub amount_minor: MinorUnits,
    /// ISO 4217 code, e.g. `CNY`.
    pub currency: String,
}

impl From<DomainMoney> for Money {
    fn from(m: DomainMoney) -> Self {
        Self {
            amount_minor: MinorUnits(m.amount_minor),
            currency: m.currency.to_string(),
        }
    }
}

/// An amount given by a client.
#[derive(InputObject, Debug, Clone)]
pub struct MoneyInput {
    /// Amount in the currency's minor unit (1999 = 19.99).
    pub amount_minor: MinorUnits,
    /// ISO 4217 code, e.g. `CNY`.
    pub currency: String,
}

impl MoneyInput {
    /// The domain amount; an invalid currency is a validation error.
    pub fn to_domain(&self) -> Result<DomainMoney, ApiError> {
        Ok(DomainMoney::new(
            self.amount_minor.0,
            currency(&self.currency)?,
        ))
    }
}

/// Parses a currency code, as a validation error when malformed.
pub fn currency(code: &str) -> Result<Currency, ApiError> {
    Currency::parse(code).map_err(|e| ApiError::from_domain(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minor_units_are_numbers_while_exact_and_strings_beyond() {
        assert_eq!(
            MinorUnits(10_000_000_000_000).to_value(),
            Value::from(10_000_000_000_000i64)
        );
        assert_eq!(
            MinorUnits(-MAX_SAFE_INTEGER).to_value(),
            Value::from(-MAX_SAFE_INTEGER)
        );
        assert_eq!(
            MinorUnits(MAX_SAFE_INTEGER + 1).to_value(),
            Value::String("9007199254740992".into())
        );
        assert_eq!(
            MinorUnits::parse(Value::String("9007199254740993".into())).ok(),
            Some(MinorUnits(9_007_199_254_740_993))
        );
        assert_eq!(
            MinorUnits::parse(Value::from(1999)).ok(),
            Some(MinorUnits(1999))
        );
        assert!(MinorUnits::parse(Value::from(19.99)).is_err());
        assert!(MinorUnits::parse(Value::String("19.99".into())).is_err());
        assert!(MinorUnits::parse(Value::Boolean(true)).is_err());
    }
}
