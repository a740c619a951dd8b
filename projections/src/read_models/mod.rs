//! The read models of DESIGN.md §5, one file each: its declaration (see
//! [`crate::declaration`]), then the function from a batch to SQL changes.
//!
//! Timestamps are stored as microseconds since the epoch (UTC) on both
//! backends, so one SQL text compares, sorts and subtracts them everywhere.

pub mod finance;
pub mod follow_ups;
pub mod management;
pub mod platform_tasks;
pub mod warehouse;
pub mod worklist;

use chrono::{DateTime, Utc};
use returns_domain::TicketState;

/// Microseconds since the epoch.
pub fn micros(at: DateTime<Utc>) -> i64 {
    at.timestamp_micros()
}

/// The snake_case serde name of a unit enum value (e.g. a reason category).
pub fn serde_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

/// JSON text of `value` (`null` if it cannot be serialised, which plain
/// data never fails to).
pub fn json_text<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".to_owned())
}

/// Fields every ticket-keyed read model copies from the opening application.
pub struct Opening<'a> {
    /// `REFUND_ONLY`, `RETURN_AND_REFUND` or `EXCHANGE`.
    pub kind: &'static str,
    /// Channel.
    pub channel: &'a str,
    /// Customer.
    pub customer: &'a str,
    /// Reason code.
    pub reason_code: &'a str,
    /// Currency code.
    pub currency: String,
    /// When the application was made.
    pub opened_at: i64,
}

/// The opening fields of `state`, once the ticket is opened.
pub fn opening(state: &TicketState) -> Option<Opening<'_>> {
    state.info.as_ref().map(|info| Opening {
        kind: info.kind.as_str(),
        channel: &info.channel,
        customer: &info.customer,
        reason_code: &info.reason_code,
        currency: info.currency.to_string(),
        opened_at: micros(info.opened_at),
    })
}
