//! Unit conversions a mapping may apply to a platform value before it
//! reaches its target: money in fen or yuan strings to minor units, the
//! platforms' timestamp formats to UTC, and plain type coercions.
//!
//! Every conversion is exact: money never passes through a float.

use chrono::{DateTime, FixedOffset, NaiveDateTime, SecondsFormat, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A named conversion, as written in a mapping file (`convert = "fen_to_minor"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Convert {
    /// Integer fen (or a string of digits) to minor units of CNY: same number, checked.
    FenToMinor,
    /// A yuan amount written as a decimal string, e.g. `"12.50"`, to minor units (1250).
    YuanStringToMinor,
    /// Unix seconds (number or digit string) to a UTC timestamp.
    UnixSecondsToUtc,
    /// Unix milliseconds (number or digit string) to a UTC timestamp.
    UnixMillisToUtc,
    /// `"YYYY-MM-DD HH:MM:SS"` in China Standard Time (UTC+8) to a UTC timestamp.
    DatetimeCstToUtc,
    /// An RFC 3339 timestamp with any offset to UTC.
    Rfc3339ToUtc,
    /// A string, number or boolean to its text.
    ToString,
    /// An integer or a string of digits to an integer.
    ToInteger,
}

/// Why a conversion refused a value: what it wanted (the value is reported by the caller).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvertError {
    /// What the conversion accepts.
    pub expected: String,
}

impl ConvertError {
    fn new(expected: impl Into<String>) -> Self {
        Self {
            expected: expected.into(),
        }
    }
}

/// The shape of a UTC timestamp after conversion: RFC 3339 with a `Z`.
pub fn utc_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl Convert {
    /// Applies the conversion to `value`.
    pub fn apply(self, value: &Value) -> Result<Value, ConvertError> {
        match self {
            Convert::FenToMinor => {
                let fen = integer(value).ok_or_else(|| {
                    ConvertError::new("an integer amount in fen (no decimal point)")
                })?;
                non_negative(fen)
            }
            Convert::YuanStringToMinor => {
                let text = match value {
                    Value::String(s) => s.trim().to_owned(),
                    Value::Number(n) => n.to_string(),
                    _ => return Err(ConvertError::new("a yuan amount such as \"12.50\"")),
                };
                yuan_to_minor(&text)
                    .ok_or_else(|| ConvertError::new("a yuan amount such as \"12.50\""))
                    .and_then(non_negative)
            }
            Convert::UnixSecondsToUtc => integer(value)
                .and_then(|s| DateTime::from_timestamp(s, 0))
                .map(|t| Value::String(utc_text(t)))
                .ok_or_else(|| ConvertError::new("unix seconds")),
            Convert::UnixMillisToUtc => integer(value)
                .and_then(DateTime::from_timestamp_millis)
                .map(|t| Value::String(utc_text(t)))
                .ok_or_else(|| ConvertError::new("unix milliseconds")),
            Convert::DatetimeCstToUtc => value
                .as_str()
                .and_then(cst_to_utc)
                .map(|t| Value::String(utc_text(t)))
                .ok_or_else(|| ConvertError::new("\"YYYY-MM-DD HH:MM:SS\" (UTC+8)")),
            Convert::Rfc3339ToUtc => value
                .as_str()
                .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
                .map(|t| Value::String(utc_text(t.with_timezone(&Utc))))
                .ok_or_else(|| ConvertError::new("an RFC 3339 timestamp")),
            Convert::ToString => match value {
                Value::String(s) => Ok(Value::String(s.clone())),
                Value::Number(n) => Ok(Value::String(n.to_string())),
                Value::Bool(b) => Ok(Value::String(b.to_string())),
                _ => Err(ConvertError::new("a string, number or boolean")),
            },
            Convert::ToInteger => integer(value)
                .map(Value::from)
                .ok_or_else(|| ConvertError::new("an integer")),
        }
    }
}

fn non_negative(minor: i64) -> Result<Value, ConvertError> {
    if minor < 0 {
        Err(ConvertError::new("an amount that is not negative"))
    } else {
        Ok(Value::from(minor))
    }
}

/// An integer from a JSON integer or a string of ASCII digits (platforms send both).
pub fn integer(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => {
            let s = s.trim();
            let digits = s.strip_prefix('-').unwrap_or(s);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            s.parse().ok()
        }
        _ => None,
    }
}

/// `"12.5"` → 1250, `"12"` → 1200, `"0.07"` → 7; more than two decimals is refused
/// rather than rounded, because a silent rounding would be a wrong refund.
fn yuan_to_minor(text: &str) -> Option<i64> {
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || fraction.len() > 2 {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let cents: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse().ok()?,
    };
    let minor = whole.checked_mul(100)?.checked_add(cents)?;
    Some(if negative { -minor } else { minor })
}

fn cst_to_utc(text: &str) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%d %H:%M:%S").ok()?;
    let cst = FixedOffset::east_opt(8 * 3600)?;
    cst.from_local_datetime(&naive)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn yuan_strings_become_exact_minor_units() {
        let c = Convert::YuanStringToMinor;
        assert_eq!(c.apply(&json!("12.50")), Ok(json!(1250)));
        assert_eq!(c.apply(&json!("12.5")), Ok(json!(1250)));
        assert_eq!(c.apply(&json!("12")), Ok(json!(1200)));
        assert_eq!(c.apply(&json!("0.07")), Ok(json!(7)));
        assert_eq!(c.apply(&json!("199.99")), Ok(json!(19999)));
        for bad in [
            json!("12.505"),
            json!("abc"),
            json!(""),
            json!("-1.00"),
            json!(null),
        ] {
            assert!(c.apply(&bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn fen_accepts_integers_and_digit_strings_only() {
        let c = Convert::FenToMinor;
        assert_eq!(c.apply(&json!(1999)), Ok(json!(1999)));
        assert_eq!(c.apply(&json!("1999")), Ok(json!(1999)));
        assert!(c.apply(&json!(19.99)).is_err());
        assert!(c.apply(&json!("19.99")).is_err());
        assert!(c.apply(&json!(-5)).is_err());
    }

    #[test]
    fn platform_timestamps_become_utc() {
        assert_eq!(
            Convert::DatetimeCstToUtc.apply(&json!("2026-11-20 14:03:00")),
            Ok(json!("2026-11-20T06:03:00Z"))
        );
        assert_eq!(
            Convert::UnixSecondsToUtc.apply(&json!(1_763_618_580)),
            Ok(json!("2025-11-20T06:03:00Z"))
        );
        assert_eq!(
            Convert::UnixMillisToUtc.apply(&json!("1763618580000")),
            Ok(json!("2025-11-20T06:03:00Z"))
        );
        assert_eq!(
            Convert::Rfc3339ToUtc.apply(&json!("2026-11-20T14:03:00+08:00")),
            Ok(json!("2026-11-20T06:03:00Z"))
        );
        assert!(Convert::DatetimeCstToUtc
            .apply(&json!("20/11/2026 14:03"))
            .is_err());
    }

    #[test]
    fn to_string_and_to_integer_coerce_scalars() {
        assert_eq!(Convert::ToString.apply(&json!(3)), Ok(json!("3")));
        assert_eq!(Convert::ToString.apply(&json!(true)), Ok(json!("true")));
        assert!(Convert::ToString.apply(&json!({"a": 1})).is_err());
        assert_eq!(Convert::ToInteger.apply(&json!("42")), Ok(json!(42)));
        assert!(Convert::ToInteger.apply(&json!("4x2")).is_err());
    }
}
