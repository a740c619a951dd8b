//! Durable timers: rows with a due time, scheduled by workflows when an
//! event starts a deadline, cancelled by the events that make it moot, and
//! fired exactly once by the scheduler ([`crate::runtime`]).
//!
//! A timer's id is derived from what it is for (kind, ticket, subject,
//! attempt), so scheduling it again is a no-op; `INSERT … ON CONFLICT DO
//! NOTHING` is right here because this table is bookkeeping, not the log.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::ids;

/// What a timer watches; each kind belongs to one workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimerKind {
    /// The application must be reviewed by then.
    ReviewDeadline,
    /// The approved return must ship back by then.
    ShipBackDeadline,
    /// A failed refund is tried again then.
    RefundRetry,
    /// A follow-up call still open by then is missed.
    FollowUpDeadline,
    /// The platform decides by itself soon (a margin before its deadline).
    PlatformDeadline,
    /// A counter-offer still unanswered by then expires.
    CounterOfferDeadline,
}

impl TimerKind {
    /// Every kind.
    pub const ALL: [TimerKind; 6] = [
        TimerKind::ReviewDeadline,
        TimerKind::ShipBackDeadline,
        TimerKind::RefundRetry,
        TimerKind::FollowUpDeadline,
        TimerKind::PlatformDeadline,
        TimerKind::CounterOfferDeadline,
    ];

    /// The name stored in the `kind` column.
    pub fn as_str(&self) -> &'static str {
        match self {
            TimerKind::ReviewDeadline => "review_deadline",
            TimerKind::ShipBackDeadline => "ship_back_deadline",
            TimerKind::RefundRetry => "refund_retry",
            TimerKind::FollowUpDeadline => "follow_up_deadline",
            TimerKind::PlatformDeadline => "platform_deadline",
            TimerKind::CounterOfferDeadline => "counter_offer_deadline",
        }
    }

    /// The kind stored as `name`.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// Where a timer is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimerState {
    /// Waiting for its due time.
    Scheduled,
    /// Fired (once).
    Fired,
    /// Made moot by an event before it fired.
    Cancelled,
}

impl TimerState {
    /// The name stored in the `state` column.
    pub fn as_str(&self) -> &'static str {
        match self {
            TimerState::Scheduled => "scheduled",
            TimerState::Fired => "fired",
            TimerState::Cancelled => "cancelled",
        }
    }

    pub(crate) fn parse(name: &str) -> Option<Self> {
        [Self::Scheduled, Self::Fired, Self::Cancelled]
            .into_iter()
            .find(|s| s.as_str() == name)
    }
}

/// A timer to schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTimer {
    /// What it watches.
    pub kind: TimerKind,
    /// The ticket.
    pub ticket_id: Uuid,
    /// What within the ticket (a refund or follow-up id), empty for none.
    pub subject: String,
    /// Which attempt (refund retries), 0 otherwise.
    pub attempt: u32,
    /// When it fires.
    pub due_at: DateTime<Utc>,
    /// The correlation id its commands carry.
    pub correlation_id: Option<Uuid>,
    /// The event that scheduled it (its commands' causation id).
    pub causation_id: Option<Uuid>,
}

impl NewTimer {
    /// The timer's deterministic id.
    pub fn timer_id(&self) -> Uuid {
        ids::derive(&[
            "timer",
            self.kind.as_str(),
            &self.ticket_id.to_string(),
            &self.subject,
            &self.attempt.to_string(),
        ])
    }
}

/// A stored timer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timer {
    /// Its id.
    pub timer_id: Uuid,
    /// The ticket.
    pub ticket_id: Uuid,
    /// What it watches.
    pub kind: TimerKind,
    /// What within the ticket, empty for none.
    pub subject: String,
    /// Which attempt.
    pub attempt: u32,
    /// When it fires.
    pub due_at: DateTime<Utc>,
    /// Where it is.
    pub state: TimerState,
    /// The correlation id its commands carry.
    pub correlation_id: Option<Uuid>,
    /// The event that scheduled it.
    pub causation_id: Option<Uuid>,
    /// When it was scheduled.
    pub scheduled_at: DateTime<Utc>,
    /// When it fired.
    pub fired_at: Option<DateTime<Utc>>,
    /// When it was cancelled.
    pub cancelled_at: Option<DateTime<Utc>>,
}

pub use crate::storage::timers::Timers;
