//! Deadlines the server sets on commands. Fixed defaults until the workflows
//! crate exposes shop policies; they live here so one change moves them all.

use chrono::Duration;

/// The deadlines a new application and an approval receive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// How long customer service has to review an application.
    pub review_within: Duration,
    /// How long the customer has to ship goods back after approval.
    pub ship_back_within: Duration,
}

impl Default for Policy {
    fn default() -> Self {
        Self {
            review_within: Duration::hours(48),
            ship_back_within: Duration::days(7),
        }
    }
}
