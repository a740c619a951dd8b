//! The ticket's state: the fold of its events, shaped for `decide` and for
//! read models that want the whole picture of one ticket.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::command::{CustomFields, DifferenceSource, PlatformSyncIssueKind};
use crate::event::Event;
use crate::money::{Currency, Money};
use crate::ticket::{
    Conversion, CounterOffer, DeadlineKind, Grade, InspectionOutcome, OfferStatus,
    PackageCondition, ReceiptBy, RepairMethod, Resolution, ReturnAddress, Shipment, TicketKind,
    TicketLine, Verdict,
};

/// Where a ticket is on its main line.
///
/// REFUND_ONLY: `Applied → Approved → Refunding → Refunded → Closed`.
/// RETURN_AND_REFUND: `Applied → Approved → ReturnShipped → Received → Inspecting →
/// Inspected → [FeedbackSent] → Refunding → Refunded → Closed`, or after a failed
/// inspection `… → GoodsReturned → Closed`.
/// EXCHANGE: as RETURN_AND_REFUND up to `Inspected`/`FeedbackSent`, then
/// `ReplacementShipped → Closed`. A dispute moves `Inspected`/`FeedbackSent` to
/// `Disputed`, whence re-inspection starts (`Inspecting`). `Rejected` leads to
/// `Closed`; `Cancelled` and `Closed` are terminal: the main line is over. A
/// closed ticket still takes notes and follow-up calls (after-sale care comes
/// after the close); a cancelled one takes notes only.
///
/// RESHIP: `Applied → Approved → Reshipped → Closed` (the receipt closes it).
/// REPAIR with return: `Applied → Approved → ReturnShipped → Received →
/// Repaired → RepairShippedBack → Closed`; without return: `Approved →
/// Repaired → Closed`. PRICE_PROTECTION: as REFUND_ONLY, once the difference
/// is stated. A conversion moves the ticket to `Converted`, whence the refund
/// (`Refunding → Refunded`) or the replacement (`ReplacementShipped`) follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    /// No ticket yet: only `OpenTicket` is allowed.
    #[default]
    NotOpened,
    /// Applied, waiting for review.
    Applied,
    /// Approved; for returned kinds, waiting for the customer to ship.
    Approved,
    /// Application rejected; waiting to be closed.
    Rejected,
    /// The customer's parcel is on its way.
    ReturnShipped,
    /// Goods (some or all) arrived; inspection not started.
    Received,
    /// At least one line inspected in the current round.
    Inspecting,
    /// Inspection completed with an outcome.
    Inspected,
    /// The customer was told the inspection result.
    FeedbackSent,
    /// The customer disputed the inspection; waiting for re-inspection.
    Disputed,
    /// At least one refund is requested, approved or failed but not issued.
    Refunding,
    /// Every refund requested so far is issued.
    Refunded,
    /// The exchange's replacement shipped.
    ReplacementShipped,
    /// After a failed inspection the goods went back to the customer.
    GoodsReturned,
    /// The reship parcel is on its way; the buyer's receipt closes the ticket.
    Reshipped,
    /// The repair is recorded; goods that came in still ship back.
    Repaired,
    /// The repaired goods are on their way back to the buyer.
    RepairShippedBack,
    /// The ticket was converted (see [`crate::ticket::Conversion`]); the
    /// refund or the replacement it converted to comes next.
    Converted,
    /// Closed with a resolution; accepts notes and follow-up calls (scheduling
    /// and completing them) only.
    Closed,
    /// Cancelled; accepts notes only (and the expiry of a counter-offer left open).
    Cancelled,
}

impl TicketStatus {
    /// The snake_case name, as in JSON.
    pub fn as_str(&self) -> &'static str {
        use TicketStatus::*;
        match self {
            NotOpened => "not_opened",
            Applied => "applied",
            Approved => "approved",
            Rejected => "rejected",
            ReturnShipped => "return_shipped",
            Received => "received",
            Inspecting => "inspecting",
            Inspected => "inspected",
            FeedbackSent => "feedback_sent",
            Disputed => "disputed",
            Refunding => "refunding",
            Refunded => "refunded",
            ReplacementShipped => "replacement_shipped",
            GoodsReturned => "goods_returned",
            Reshipped => "reshipped",
            Repaired => "repaired",
            RepairShippedBack => "repair_shipped_back",
            Converted => "converted",
            Closed => "closed",
            Cancelled => "cancelled",
        }
    }

    /// Closed or cancelled: the main line is over, nothing moves goods or
    /// money from here on (only notes, and on a closed ticket follow-up calls).
    pub fn is_terminal(&self) -> bool {
        matches!(self, TicketStatus::Closed | TicketStatus::Cancelled)
    }
}

impl fmt::Display for TicketStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where one refund is. `Failed` may be issued again (the retry re-uses the
/// refund id as the gateway's idempotency key, so no second approval is needed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RefundStatus {
    /// Waiting for finance approval.
    Requested,
    /// Approved, waiting for the gateway.
    Approved,
    /// Paid out; final.
    Issued,
    /// The gateway failed; may be issued again.
    Failed,
}

/// What the opening application said about the ticket; fixed for its life.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketInfo {
    /// The ticket's id.
    pub ticket_id: Uuid,
    /// Its kind.
    pub kind: TicketKind,
    /// Source channel.
    pub channel: String,
    /// Platform order id.
    pub platform_order_id: Option<String>,
    /// Platform after-sale id.
    pub platform_after_sale_id: Option<String>,
    /// Customer.
    pub customer: String,
    /// The customer's phone, if given.
    #[serde(default)]
    pub customer_phone: Option<String>,
    /// The customer's address, if given.
    #[serde(default)]
    pub customer_address: Option<String>,
    /// Reason code.
    pub reason_code: String,
    /// Reason text.
    pub reason_text: String,
    /// The one currency of every amount on the ticket.
    pub currency: Currency,
    /// When the application was made.
    pub opened_at: DateTime<Utc>,
}

/// The current inspection result of one line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineInspection {
    /// Units inspected.
    pub qty_inspected: u32,
    /// Units accepted.
    pub qty_accepted: u32,
    /// Grade.
    pub grade: Grade,
    /// Pass or fail.
    pub verdict: Verdict,
    /// Deduction.
    pub deduction: Money,
    /// Notes.
    pub notes: String,
    /// Photo references.
    pub photo_refs: Vec<String>,
    /// When.
    pub inspected_at: DateTime<Utc>,
}

/// One line and how far its goods have come.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineState {
    /// The line as applied for (`line.qty` is the applied quantity).
    pub line: TicketLine,
    /// Units received so far, over all parcels.
    pub qty_received: u32,
    /// The current round's inspection result (cleared by a dispute).
    pub inspection: Option<LineInspection>,
}

impl LineState {
    /// Units applied for.
    pub fn qty_applied(&self) -> u32 {
        self.line.qty
    }

    /// Units inspected in the current round.
    pub fn qty_inspected(&self) -> u32 {
        self.inspection.as_ref().map_or(0, |i| i.qty_inspected)
    }

    /// Units accepted in the current round.
    pub fn qty_accepted(&self) -> u32 {
        self.inspection.as_ref().map_or(0, |i| i.qty_accepted)
    }

    /// What may be refunded for this line: the accepted units' paid share minus
    /// the deduction, never below zero.
    pub fn refundable_minor(&self) -> i64 {
        match &self.inspection {
            Some(i) if i.verdict == Verdict::Pass => (self.line.paid_for(i.qty_accepted))
                .saturating_sub(i.deduction.amount_minor)
                .max(0),
            _ => 0,
        }
    }
}

/// One refund and its progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundState {
    /// Its id.
    pub refund_id: Uuid,
    /// Amount.
    pub amount: Money,
    /// Status.
    pub status: RefundStatus,
    /// When requested.
    pub requested_at: DateTime<Utc>,
    /// The gateway reference once issued.
    pub gateway_reference: Option<String>,
    /// When issued.
    pub issued_at: Option<DateTime<Utc>>,
    /// The most recent gateway failure, if any.
    pub last_failure: Option<String>,
    /// How many times the gateway failed it.
    pub failures: u32,
}

/// A scheduled follow-up call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    /// Its id.
    pub follow_up_id: Uuid,
    /// Due time.
    pub due_at: DateTime<Utc>,
    /// Purpose.
    pub purpose: String,
    /// When scheduled.
    pub scheduled_at: DateTime<Utc>,
    /// Outcome once completed.
    pub outcome: Option<String>,
    /// When completed.
    pub completed_at: Option<DateTime<Utc>>,
}

/// A note on the ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Author.
    pub author: String,
    /// Text.
    pub text: String,
    /// When.
    pub added_at: DateTime<Utc>,
}

/// One platform action and where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformActionState {
    /// As requested.
    pub requested: crate::event::PlatformActionRequested,
    /// When a person confirmed it done in the back office.
    pub done_at: Option<DateTime<Utc>>,
    /// What the platform's own record showed it done by, if it did.
    #[serde(default)]
    pub confirmed: Option<crate::event::PlatformActionConfirmed>,
    /// The open API's last answer (api mode), if it was sent.
    #[serde(default)]
    pub answer: Option<crate::command::PlatformActionOutcome>,
    /// When that answer came.
    #[serde(default)]
    pub answered_at: Option<DateTime<Utc>>,
}

impl PlatformActionState {
    /// Nobody has shown it done yet: neither a person, nor the platform's
    /// answer to our call, nor the platform's record.
    pub fn is_open(&self) -> bool {
        self.done_at.is_none() && self.confirmed.is_none() && !self.succeeded()
    }

    /// The platform's open API carried it out.
    pub fn succeeded(&self) -> bool {
        matches!(
            self.answer,
            Some(crate::command::PlatformActionOutcome::Succeeded { .. })
        )
    }
}

/// A platform sync issue open on the ticket, until a later record or a person settles it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformSyncIssue {
    /// Pending (missing data) or conflict (contradiction).
    pub issue: PlatformSyncIssueKind,
    /// The platform.
    pub platform: String,
    /// The record's version.
    pub platform_version: Option<i64>,
    /// The record's status.
    pub platform_status: Option<String>,
    /// What is missing or contradictory.
    pub details: Vec<String>,
    /// When it was recorded.
    pub since: DateTime<Utc>,
}

/// The platform's deadline for its current step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformDeadline {
    /// The platform.
    pub platform: String,
    /// The platform status it belongs to.
    pub platform_status: Option<String>,
    /// When the platform decides by itself.
    pub due_at: DateTime<Utc>,
    /// Whether the timer flagged it as near.
    pub near: bool,
}

/// The platform's intervention (arbitration) on the case, as last recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformArbitration {
    /// The platform.
    pub platform: String,
    /// Whether the platform is still deciding.
    pub open: bool,
    /// How it decided, once it did.
    pub outcome: Option<crate::event::ArbitrationOutcome>,
    /// The platform's deadline while it intervenes, if it gave one.
    pub due_at: Option<DateTime<Utc>>,
    /// When it was opened, or decided.
    pub since: DateTime<Utc>,
}

/// A price-protection ticket's stated difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceDifference {
    /// The difference owed.
    pub amount: Money,
    /// Who stated it.
    pub source: DifferenceSource,
    /// What it rests on.
    pub basis: String,
}

/// A reship ticket's parcel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reshipment {
    /// The parcel.
    pub shipment: Shipment,
    /// What it holds.
    pub contents: String,
    /// When it shipped.
    pub shipped_at: DateTime<Utc>,
    /// Who confirmed its arrival, once someone did.
    pub received_by: Option<ReceiptBy>,
}

/// A recorded repair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repair {
    /// Workshop, parts sent or visit.
    pub method: RepairMethod,
    /// What was done.
    pub work_done: String,
    /// Parts used or sent.
    pub parts: Vec<String>,
    /// What it cost.
    pub cost: Money,
    /// The parts parcel, if any.
    pub parts_shipment: Option<Shipment>,
    /// When.
    pub repaired_at: DateTime<Utc>,
}

/// A conversion of what the ticket does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConversionRecord {
    /// Which conversion.
    pub conversion: Conversion,
    /// What may be refunded since (conversions to a refund).
    pub refund_amount: Option<Money>,
    /// Why.
    pub reason: String,
    /// When.
    pub converted_at: DateTime<Utc>,
}

/// The variant an exchange's line is replaced with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplacementVariant {
    /// The returned line.
    pub line_id: String,
    /// The replacement's SKU.
    pub sku: String,
    /// The replacement's name.
    pub name: String,
    /// More (positive) or less (negative) than the returned line cost.
    pub price_difference: Money,
}

/// One counter-offer and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Negotiation {
    /// Its id.
    pub offer_id: Uuid,
    /// What was offered.
    pub offer: CounterOffer,
    /// The buyer's deadline.
    pub respond_by: DateTime<Utc>,
    /// What the buyer was told.
    pub note: String,
    /// When it was made.
    pub made_at: DateTime<Utc>,
    /// Open, accepted, declined or expired.
    pub status: OfferStatus,
    /// When it was answered or expired.
    pub settled_at: Option<DateTime<Utc>>,
}

/// The state of one ticket. `TicketState::default()` is "no ticket yet".
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct TicketState {
    /// What the application said; `None` before `TicketOpened`.
    pub info: Option<TicketInfo>,
    /// Where the ticket is.
    pub status: TicketStatus,
    /// The lines with their received and inspected quantities.
    pub lines: Vec<LineState>,
    /// Custom fields, merged over time.
    pub custom_fields: CustomFields,
    /// The assigned agent.
    pub assignee: Option<String>,
    /// Review must happen by then (set on open, for timers).
    pub review_deadline: Option<DateTime<Utc>>,
    /// Goods must ship back by then (set on approve for returned kinds, for timers).
    pub ship_back_deadline: Option<DateTime<Utc>>,
    /// Where goods go back to.
    pub return_address: Option<ReturnAddress>,
    /// Why the application was rejected.
    pub rejection_reason: Option<String>,
    /// The customer's return parcel.
    pub return_shipment: Option<Shipment>,
    /// Conditions of the parcels received, in order.
    pub package_conditions: Vec<PackageCondition>,
    /// Inspection round, 1-based once inspection starts; a dispute starts the next.
    pub inspection_round: u32,
    /// The outcome of the current round once completed.
    pub inspection_outcome: Option<InspectionOutcome>,
    /// What the customer was told about the current round.
    pub inspection_feedback: Option<String>,
    /// How much may be refunded in total, in minor units of the ticket's currency.
    pub refundable_minor: i64,
    /// Refunds in request order.
    pub refunds: Vec<RefundState>,
    /// The exchange's replacement parcel.
    pub replacement_shipment: Option<Shipment>,
    /// Rejected goods sent back to the customer.
    pub goods_returned_shipment: Option<Shipment>,
    /// How it ended, once closed.
    pub resolution: Option<Resolution>,
    /// Why it was cancelled.
    pub cancel_reason: Option<String>,
    /// When it was closed or cancelled.
    pub ended_at: Option<DateTime<Utc>>,
    /// Follow-up calls.
    pub follow_ups: Vec<FollowUp>,
    /// Notes.
    pub notes: Vec<Note>,
    /// Deadlines recorded as missed.
    pub missed_deadlines: Vec<DeadlineKind>,
    /// What a platform record said that is not on the ticket yet (needs attention).
    #[serde(default)]
    pub platform_sync: Option<PlatformSyncIssue>,
    /// The platform's own deadline for its current step, if it gave one.
    #[serde(default)]
    pub platform_deadline: Option<PlatformDeadline>,
    /// The platform's intervention (arbitration), if it ever intervened.
    #[serde(default)]
    pub arbitration: Option<PlatformArbitration>,
    /// A price-protection ticket's stated difference.
    #[serde(default)]
    pub price_difference: Option<PriceDifference>,
    /// A reship ticket's parcel.
    #[serde(default)]
    pub reshipment: Option<Reshipment>,
    /// A repair ticket's repair.
    #[serde(default)]
    pub repair: Option<Repair>,
    /// The repaired goods' parcel back to the buyer.
    #[serde(default)]
    pub repair_return_shipment: Option<Shipment>,
    /// The conversion, if the ticket was converted (at most once).
    #[serde(default)]
    pub conversion: Option<ConversionRecord>,
    /// Counter-offers in the order they were made (协商).
    #[serde(default)]
    pub negotiation: Vec<Negotiation>,
    /// An exchange's replacements of another variant, one per line.
    #[serde(default)]
    pub replacement_variants: Vec<ReplacementVariant>,
    /// What the buyer was asked to pay for a dearer variant, once it shipped.
    #[serde(default)]
    pub variant_charge: Option<Money>,
    /// Parcels from the unmatched pool received on this ticket.
    #[serde(default)]
    pub pool_parcels: Vec<uuid::Uuid>,
    /// Evidence packs handed to an arbitrating platform, oldest first.
    #[serde(default)]
    pub evidence_submissions: Vec<crate::event::EvidenceSubmitted>,
    /// What the marketplace was asked to hear of, in request order.
    #[serde(default)]
    pub platform_actions: Vec<PlatformActionState>,
    /// A refund-only ticket's refund the buyer agreed to (an accepted
    /// partial-refund offer): what was paid no longer bounds it, this does.
    #[serde(default)]
    pub agreed_refund_minor: Option<i64>,
    /// Number of events folded (the stream version).
    pub version: u64,
}

impl TicketState {
    /// The state after `events`, from no ticket.
    pub fn fold<'a>(events: impl IntoIterator<Item = &'a Event>) -> Self {
        events.into_iter().fold(Self::default(), crate::evolve)
    }

    /// The ticket's kind, once opened.
    pub fn kind(&self) -> Option<TicketKind> {
        self.info.as_ref().map(|i| i.kind)
    }

    /// The ticket's currency, once opened.
    pub fn currency(&self) -> Option<Currency> {
        self.info.as_ref().map(|i| i.currency)
    }

    /// The line with `line_id`.
    pub fn line(&self, line_id: &str) -> Option<&LineState> {
        self.lines.iter().find(|l| l.line.line_id == line_id)
    }

    /// The refund with `refund_id`.
    pub fn refund(&self, refund_id: Uuid) -> Option<&RefundState> {
        self.refunds.iter().find(|r| r.refund_id == refund_id)
    }

    /// The follow-up with `follow_up_id`.
    pub fn follow_up(&self, follow_up_id: Uuid) -> Option<&FollowUp> {
        self.follow_ups
            .iter()
            .find(|f| f.follow_up_id == follow_up_id)
    }

    /// The total refundable amount, once opened.
    pub fn refundable(&self) -> Option<Money> {
        self.currency()
            .map(|c| Money::new(self.refundable_minor, c))
    }

    /// Sum of issued refunds, in minor units.
    pub fn refunded_minor(&self) -> i64 {
        sum_minor(
            self.refunds
                .iter()
                .filter(|r| r.status == RefundStatus::Issued)
                .map(|r| r.amount.amount_minor),
        )
    }

    /// The total refunded, once opened.
    pub fn refunded_total(&self) -> Option<Money> {
        self.currency()
            .map(|c| Money::new(self.refunded_minor(), c))
    }

    /// Sum of all refunds that are or may still be paid out (every status:
    /// a failed refund can be retried, so it still holds its share).
    pub fn committed_refund_minor(&self) -> i64 {
        sum_minor(self.refunds.iter().map(|r| r.amount.amount_minor))
    }

    /// What a platform may still refund: everything paid for the lines minus
    /// every refund so far (the platform is not bound by our inspection).
    pub fn platform_refundable_minor(&self) -> i64 {
        sum_minor(self.lines.iter().map(|l| l.line.paid.amount_minor))
            .saturating_sub(self.committed_refund_minor())
            .max(0)
    }

    /// What may still be requested as refund, in minor units.
    pub fn remaining_refundable_minor(&self) -> i64 {
        self.refundable_minor
            .saturating_sub(self.committed_refund_minor())
            .max(0)
    }

    /// The net price difference of the chosen variants, in minor units:
    /// positive the buyer owes it, negative the buyer is owed it.
    pub fn variant_difference_minor(&self) -> i64 {
        sum_minor(
            self.replacement_variants
                .iter()
                .map(|v| v.price_difference.amount_minor),
        )
    }

    /// Whether refunds on this ticket leave its main line alone: an
    /// exchange whose replacement shipped is refunded only the difference of
    /// a cheaper variant, and stays an exchange.
    pub fn refunds_beside_main_line(&self) -> bool {
        self.kind() == Some(TicketKind::Exchange)
            && self.conversion.is_none()
            && self.replacement_shipment.is_some()
    }

    /// The counter-offer waiting for the buyer's answer, if any.
    pub fn open_offer(&self) -> Option<&Negotiation> {
        self.negotiation
            .iter()
            .find(|n| n.status == OfferStatus::Open)
    }

    /// The counter-offer with `offer_id`.
    pub fn offer(&self, offer_id: Uuid) -> Option<&Negotiation> {
        self.negotiation.iter().find(|n| n.offer_id == offer_id)
    }

    /// Whether the ticket was converted to a refund.
    pub fn converted_to_refund(&self) -> bool {
        self.conversion
            .as_ref()
            .is_some_and(|c| c.conversion.to_refund())
    }

    /// Whether the ticket was converted to an exchange.
    pub fn converted_to_exchange(&self) -> bool {
        self.conversion
            .as_ref()
            .is_some_and(|c| !c.conversion.to_refund())
    }

    /// Everything paid for the lines, in minor units.
    pub fn paid_minor(&self) -> i64 {
        sum_minor(self.lines.iter().map(|l| l.line.paid.amount_minor))
    }

    /// Whether any refund has been requested (disputes are then too late).
    pub fn has_refunds(&self) -> bool {
        !self.refunds.is_empty()
    }

    /// Whether every requested refund is issued (and there is at least one).
    pub fn all_refunds_issued(&self) -> bool {
        self.has_refunds()
            && self
                .refunds
                .iter()
                .all(|r| r.status == RefundStatus::Issued)
    }

    /// Follow-ups not yet completed.
    pub fn open_follow_ups(&self) -> impl Iterator<Item = &FollowUp> {
        self.follow_ups.iter().filter(|f| f.completed_at.is_none())
    }

    /// Total units applied, received, inspected and accepted over all lines.
    pub fn quantities(&self) -> Quantities {
        self.lines
            .iter()
            .fold(Quantities::default(), |q, l| Quantities {
                applied: q.applied + u64::from(l.qty_applied()),
                received: q.received + u64::from(l.qty_received),
                inspected: q.inspected + u64::from(l.qty_inspected()),
                accepted: q.accepted + u64::from(l.qty_accepted()),
            })
    }
}

/// Unit totals over all lines of a ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Quantities {
    /// Applied for.
    pub applied: u64,
    /// Received.
    pub received: u64,
    /// Inspected in the current round.
    pub inspected: u64,
    /// Accepted in the current round.
    pub accepted: u64,
}

/// Sums minor-unit amounts without overflowing. `decide` bounds every amount
/// it accepts, so only a corrupt or tampered log can get near the limit; the
/// fold must still never panic or wrap on one.
pub fn sum_minor(amounts: impl IntoIterator<Item = i64>) -> i64 {
    amounts.into_iter().fold(0, i64::saturating_add)
}
