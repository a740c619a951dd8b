//! The process managers: each reacts to ticket events (and its own timers)
//! by issuing domain commands as the `system` actor.
//!
//! | workflow | trigger | command(s) | test (`workflows/tests/workflows/`) |
//! |---|---|---|---|
//! | `review_deadline` | `TicketOpened` schedules a timer at the review deadline; review, close or cancel cancels it; the timer fires | `RecordMissedDeadline(review)`, then `AssignTicket(supervisor)` or `ApproveApplication` per channel policy | `review_deadline.rs` |
//! | `ship_back_deadline` | `ApplicationApproved` with a ship-back deadline schedules a timer; the parcel's registration, close or cancel cancels it; the timer fires | `RecordMissedDeadline(ship_back)`, `CloseTicket(expired)` | `ship_back.rs` |
//! | `auto_refund` | `InspectionCompleted` passed or partial on a return-and-refund ticket | `RequestRefund(remaining refundable)`, `ApproveRefund` when below the channel's limit | `refunds.rs` |
//! | `refund_payout` | `RefundApproved` enters the payout queue in its channel's mode (manual and platform wait there); `RefundFailed` schedules a retry timer with backoff, or dead-letters after the last; `RefundIssued` marks it paid and cancels the timer | webhook/simulated: gateway call, then `IssueRefund`, `RecordRefundFailure` or nothing (pending) | `refunds.rs`, `gateway.rs`, e2e `payouts.rs` |
//! | `price_protection` | `PriceDifferenceStated` on a price-protection ticket (the latest statement) below the channel's `auto_approve_price_difference_below` | `ApproveApplication`; for a difference the merchant's policy stated also `RequestRefund(the difference)`, `ApproveRefund` (then `refund_payout` pays it; the platform pays the one its record stated); at or above it `AssignTicket(supervisor)` | `price_protection.rs` |
//! | `exchange` | `InspectionCompleted` passed or partial on an exchange | `AssignTicket(replacement queue)` | `fulfilment.rs` |
//! | `failed_inspection` | `InspectionCompleted` failed or partial; `GoodsReturnedToCustomer` | `AssignTicket(return-to-customer queue)`; `CloseTicket(rejected_after_inspection)` | `fulfilment.rs` |
//! | `auto_close` | `RefundIssued`, `ReplacementShipped` or `GoodsReturnedToCustomer` leaves the ticket settled (refunded or replacement shipped, nothing left to refund or send back), if the channel's policy says so | `CloseTicket(refunded \| exchanged)` | `auto_close.rs` |
//! | `platform_deadline` | `PlatformDeadlineSet` (intake records the platform's own deadline) schedules a timer the channel's margin before it (default 6 h); a new deadline replaces it, close or cancel cancels it; the timer fires | `RecordPlatformDeadlineNear` (the worklist shows `platform_decides`, due at the deadline) | `platform_deadline.rs` |
//! | `negotiation` | `CounterOfferMade` schedules a timer at the offer's `respond_by`; its answer cancels it (a ticket that ends keeps it: the offer still runs out); the timer fires | `ExpireCounterOffer` | `negotiation.rs` |
//! | `parcel_match` | `ReturnShipmentRegistered` or `ReturnShipmentCorrected` names the tracking number of a parcel in the unmatched pool (无头件) | `AssignParcel` on the parcel, then `ReceiveMatchedParcel` (every unit still expected, intact) | `parcel_match.rs` |
//! | `follow_up` | `TicketClosed` (any resolution but `expired`) for a quality or sampled logistics complaint; `FollowUpScheduled` schedules a deadline timer, `FollowUpCompleted` cancels it; the timer fires | `ScheduleFollowUp`; a missed call: `AddNote` | `follow_up.rs` |
//!
//! Across all of them: `audit.rs` (actor `system`, `workflow:<name>` source,
//! causation and correlation; redelivery and refired timers write nothing),
//! `server.rs` (the background runtime), `two_servers.rs` (two runtimes on
//! one PostgreSQL fire every timer once).
//!
//! A domain refusal of a workflow's command (a person got there first) is
//! logged and the workflow moves on; only store failures stop a step, which
//! then runs again with the same command ids.

mod auto_close;
mod auto_refund;
mod exchange;
mod failed_inspection;
mod follow_up;
mod negotiation;
mod parcel_match;
mod platform_deadline;
mod price_protection;
mod refund_payout;
mod review_deadline;
mod ship_back_deadline;

use returns_domain::Event;
use returns_eventstore::RecordedEvent;
use uuid::Uuid;

use crate::error::Result;
use crate::runtime::context::Context;
use crate::timers::{Timer, TimerKind};

/// A ticket event as a workflow sees it.
pub(crate) struct Trigger<'a> {
    /// The stored event (ids and metadata).
    pub recorded: &'a RecordedEvent,
    /// The ticket it belongs to.
    pub ticket_id: Uuid,
    /// The decoded event.
    pub event: &'a Event,
}

/// Every workflow the runtime runs, each with its own checkpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Workflow {
    /// Escalates or auto-approves applications nobody reviewed in time.
    ReviewDeadline,
    /// Expires approved returns not shipped back in time.
    ShipBackDeadline,
    /// Requests (and under a limit approves) refunds after inspection.
    AutoRefund,
    /// Pays approved refunds through the gateway, retrying failures.
    RefundPayout,
    /// Approves and pays price differences within policy, escalates the rest.
    PriceProtection,
    /// Queues replacements of passed exchanges for the warehouse.
    Exchange,
    /// Sends failed goods back and closes the ticket once they ship.
    FailedInspection,
    /// Closes settled tickets (refunded, replacement shipped) by policy.
    AutoClose,
    /// Schedules follow-up calls and reports missed ones.
    FollowUp,
    /// Flags tickets whose platform decides by itself soon.
    PlatformDeadline,
    /// Expires counter-offers nobody answered in time.
    Negotiation,
    /// Receives parcels from the unmatched pool once a ticket names them.
    ParcelMatch,
}

impl Workflow {
    /// Every workflow, in the order the runtime runs them.
    pub const ALL: [Workflow; 12] = [
        Workflow::ReviewDeadline,
        Workflow::ShipBackDeadline,
        Workflow::AutoRefund,
        // Before refund_payout, so one pass approves a difference and pays it.
        Workflow::PriceProtection,
        Workflow::RefundPayout,
        Workflow::Exchange,
        Workflow::FailedInspection,
        // Before follow_up, so one pass closes a settled ticket and then
        // schedules its call.
        Workflow::AutoClose,
        Workflow::FollowUp,
        Workflow::PlatformDeadline,
        Workflow::Negotiation,
        Workflow::ParcelMatch,
    ];

    /// The name used for its checkpoint and in `workflow:<name>` event sources.
    pub fn name(&self) -> &'static str {
        match self {
            Workflow::ReviewDeadline => review_deadline::NAME,
            Workflow::ShipBackDeadline => ship_back_deadline::NAME,
            Workflow::AutoRefund => auto_refund::NAME,
            Workflow::RefundPayout => refund_payout::NAME,
            Workflow::PriceProtection => price_protection::NAME,
            Workflow::Exchange => exchange::NAME,
            Workflow::FailedInspection => failed_inspection::NAME,
            Workflow::AutoClose => auto_close::NAME,
            Workflow::FollowUp => follow_up::NAME,
            Workflow::PlatformDeadline => platform_deadline::NAME,
            Workflow::Negotiation => negotiation::NAME,
            Workflow::ParcelMatch => parcel_match::NAME,
        }
    }

    /// The workflow that owns timers of `kind`.
    pub fn owning(kind: TimerKind) -> Workflow {
        match kind {
            TimerKind::ReviewDeadline => Workflow::ReviewDeadline,
            TimerKind::ShipBackDeadline => Workflow::ShipBackDeadline,
            TimerKind::RefundRetry => Workflow::RefundPayout,
            TimerKind::FollowUpDeadline => Workflow::FollowUp,
            TimerKind::PlatformDeadline => Workflow::PlatformDeadline,
            TimerKind::CounterOfferDeadline => Workflow::Negotiation,
        }
    }

    /// Reacts to one ticket event.
    pub(crate) async fn on_event(self, ctx: &Context, trigger: &Trigger<'_>) -> Result<()> {
        match self {
            Workflow::ReviewDeadline => review_deadline::on_event(ctx, trigger).await,
            Workflow::ShipBackDeadline => ship_back_deadline::on_event(ctx, trigger).await,
            Workflow::AutoRefund => auto_refund::on_event(ctx, trigger).await,
            Workflow::RefundPayout => refund_payout::on_event(ctx, trigger).await,
            Workflow::PriceProtection => price_protection::on_event(ctx, trigger).await,
            Workflow::Exchange => exchange::on_event(ctx, trigger).await,
            Workflow::FailedInspection => failed_inspection::on_event(ctx, trigger).await,
            Workflow::AutoClose => auto_close::on_event(ctx, trigger).await,
            Workflow::FollowUp => follow_up::on_event(ctx, trigger).await,
            Workflow::PlatformDeadline => platform_deadline::on_event(ctx, trigger).await,
            Workflow::Negotiation => negotiation::on_event(ctx, trigger).await,
            Workflow::ParcelMatch => parcel_match::on_event(ctx, trigger).await,
        }
    }

    /// Acts on one of its timers firing.
    pub(crate) async fn on_timer(ctx: &Context, timer: &Timer) -> Result<()> {
        match timer.kind {
            TimerKind::ReviewDeadline => review_deadline::on_timer(ctx, timer).await,
            TimerKind::ShipBackDeadline => ship_back_deadline::on_timer(ctx, timer).await,
            TimerKind::RefundRetry => refund_payout::on_timer(ctx, timer).await,
            TimerKind::FollowUpDeadline => follow_up::on_timer(ctx, timer).await,
            TimerKind::PlatformDeadline => platform_deadline::on_timer(ctx, timer).await,
            TimerKind::CounterOfferDeadline => negotiation::on_timer(ctx, timer).await,
        }
    }
}
