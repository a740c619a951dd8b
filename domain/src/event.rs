//! Events: the facts recorded in the log, in the past tense.
//!
//! The JSON shape is a contract with the event store, projections and every
//! past row in the log: `{"type": "<EventName>", ...snake_case fields}`. A
//! golden test pins it; changing a payload means a new schema version and an
//! upcaster, never an edit of this file alone.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::command::{CustomFields, DifferenceSource};
use crate::money::{Currency, Money};
use crate::ticket::{
    Conversion, CounterOffer, DeadlineKind, Grade, InspectionOutcome, OfferAnswer,
    PackageCondition, ReceiptBy, ReceivedLine, RepairMethod, Resolution, ReturnAddress, Shipment,
    TicketKind, TicketLine, Verdict,
};

/// The schema version every event payload is written with today.
pub const EVENT_SCHEMA_VERSION: i32 = 1;

/// A customer applied for a return, refund or exchange.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TicketOpened {
    /// The ticket's id (its stream id).
    pub ticket_id: Uuid,
    /// Refund only, return and refund, or exchange.
    pub kind: TicketKind,
    /// Source channel, e.g. `"taobao"`.
    pub channel: String,
    /// The platform's order id, if any.
    pub platform_order_id: Option<String>,
    /// The platform's after-sale id, if any.
    pub platform_after_sale_id: Option<String>,
    /// Customer name or platform user id.
    pub customer: String,
    /// The customer's phone, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_phone: Option<String>,
    /// The customer's address, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_address: Option<String>,
    /// Reason code; group with [`crate::ticket::ReasonCategory::of`].
    pub reason_code: String,
    /// The customer's words.
    pub reason_text: String,
    /// Lines applied for.
    pub lines: Vec<TicketLine>,
    /// The ticket's currency.
    pub currency: Currency,
    /// Extra fields.
    pub custom_fields: CustomFields,
    /// When the application was made.
    pub opened_at: DateTime<Utc>,
    /// When it must be reviewed by.
    pub review_deadline: DateTime<Utc>,
}

/// The application was approved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationApproved {
    /// Where to send goods (absent for REFUND_ONLY).
    pub return_address: Option<ReturnAddress>,
    /// Ship-back deadline (absent for REFUND_ONLY).
    pub ship_back_deadline: Option<DateTime<Utc>>,
    /// When.
    pub approved_at: DateTime<Utc>,
    /// The platform that approved it by itself; `None`: we approved it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_platform: Option<String>,
}

/// The application was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationRejected {
    /// Why.
    pub reason: String,
    /// When.
    pub rejected_at: DateTime<Utc>,
}

/// The customer's return parcel was registered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnShipmentRegistered {
    /// Carrier.
    pub carrier: String,
    /// Tracking number.
    pub tracking_number: String,
    /// When.
    pub registered_at: DateTime<Utc>,
}

/// Goods arrived at the warehouse (one parcel; several may arrive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnReceived {
    /// Units received per line in this parcel.
    pub lines: Vec<ReceivedLine>,
    /// Parcel condition.
    pub package_condition: PackageCondition,
    /// When.
    pub received_at: DateTime<Utc>,
}

/// One line was inspected (replacing any earlier result for that line in this round).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineInspected {
    /// The line.
    pub line_id: String,
    /// Units inspected.
    pub qty_inspected: u32,
    /// Units accepted.
    pub qty_accepted: u32,
    /// Grade.
    pub grade: Grade,
    /// Pass or fail.
    pub verdict: Verdict,
    /// Withheld from the accepted part's refund.
    pub deduction: Money,
    /// Inspector's notes.
    pub notes: String,
    /// Photo references.
    pub photo_refs: Vec<String>,
    /// When.
    pub inspected_at: DateTime<Utc>,
}

/// The inspection round ended with an outcome and the amount that may be refunded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionCompleted {
    /// Passed, partial or failed.
    pub outcome: InspectionOutcome,
    /// Paid amount of accepted units minus deductions.
    pub refundable_amount: Money,
    /// When.
    pub completed_at: DateTime<Utc>,
}

/// The customer was told the inspection result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionFeedbackSent {
    /// What they were told.
    pub message: String,
    /// When.
    pub sent_at: DateTime<Utc>,
}

/// The customer disputed the inspection; its results are void until re-inspected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InspectionDisputed {
    /// The customer's objection.
    pub reason: String,
    /// When.
    pub disputed_at: DateTime<Utc>,
}

/// A refund was requested.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundRequested {
    /// The refund's id.
    pub refund_id: Uuid,
    /// Amount.
    pub amount: Money,
    /// When.
    pub requested_at: DateTime<Utc>,
}

/// A refund was approved by finance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundApproved {
    /// The refund.
    pub refund_id: Uuid,
    /// When.
    pub approved_at: DateTime<Utc>,
}

/// The gateway paid a refund out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundIssued {
    /// The refund.
    pub refund_id: Uuid,
    /// Amount paid out (copied from the request so finance totals need no join).
    pub amount: Money,
    /// Gateway reference (for a platform refund: the platform's reference).
    pub gateway_reference: String,
    /// When.
    pub issued_at: DateTime<Utc>,
    /// The platform that paid it (marketplace refunds are paid by the
    /// platform, not by us); `None`: paid through our gateway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payer: Option<String>,
}

/// The gateway failed a refund payout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundFailed {
    /// The refund.
    pub refund_id: Uuid,
    /// Gateway's error.
    pub reason: String,
    /// When.
    pub failed_at: DateTime<Utc>,
}

/// The exchange's replacement shipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplacementShipped {
    /// Carrier.
    pub carrier: String,
    /// Tracking number.
    pub tracking_number: String,
    /// When.
    pub shipped_at: DateTime<Utc>,
}

/// Rejected goods went back to the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoodsReturnedToCustomer {
    /// Carrier.
    pub carrier: String,
    /// Tracking number.
    pub tracking_number: String,
    /// When.
    pub returned_at: DateTime<Utc>,
}

/// The ticket was closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketClosed {
    /// How it ended.
    pub resolution: Resolution,
    /// Closing remark.
    pub note: Option<String>,
    /// When.
    pub closed_at: DateTime<Utc>,
}

/// The ticket was cancelled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketCancelled {
    /// Why.
    pub reason: String,
    /// When.
    pub cancelled_at: DateTime<Utc>,
}

/// The ticket was (un)assigned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketAssigned {
    /// New assignee, `None` when unassigned.
    pub assignee: Option<String>,
    /// When.
    pub assigned_at: DateTime<Utc>,
}

/// A note was added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteAdded {
    /// Who wrote it.
    pub author: String,
    /// The note.
    pub text: String,
    /// When.
    pub added_at: DateTime<Utc>,
}

/// Custom fields were merged (a `null` value removed the key).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CustomFieldsUpdated {
    /// Fields set or removed.
    pub fields: CustomFields,
    /// When.
    pub updated_at: DateTime<Utc>,
}

/// A follow-up call was scheduled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpScheduled {
    /// The follow-up's id.
    pub follow_up_id: Uuid,
    /// When the call is due.
    pub due_at: DateTime<Utc>,
    /// What it is for.
    pub purpose: String,
    /// When it was scheduled.
    pub scheduled_at: DateTime<Utc>,
}

/// A follow-up call was done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpCompleted {
    /// The follow-up.
    pub follow_up_id: Uuid,
    /// What came of it.
    pub outcome: String,
    /// When.
    pub completed_at: DateTime<Utc>,
}

/// A deadline passed without the step it guards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlineMissed {
    /// Which deadline.
    pub deadline: DeadlineKind,
    /// When it was due.
    pub due_at: DateTime<Utc>,
    /// When the miss was recorded.
    pub missed_at: DateTime<Utc>,
}

/// A platform record is ahead of the ticket but lacks what the next step
/// needs (a tracking number, a known status code …); the ticket needs attention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformSyncPending {
    /// The platform.
    pub platform: String,
    /// The record's version.
    pub platform_version: Option<i64>,
    /// The record's status.
    pub platform_status: Option<String>,
    /// What is missing, one entry each.
    pub missing: Vec<String>,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
}

/// A platform record contradicts the ticket; nothing was forced, a person decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformSyncConflicted {
    /// The platform.
    pub platform: String,
    /// The record's version.
    pub platform_version: Option<i64>,
    /// The record's status.
    pub platform_status: Option<String>,
    /// What contradicts what, one entry each.
    pub details: Vec<String>,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
}

/// The ticket's platform sync issue was settled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformSyncResolved {
    /// How.
    pub note: String,
    /// When.
    pub resolved_at: DateTime<Utc>,
}

/// The platform's own deadline for the current step was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformDeadlineSet {
    /// The platform.
    pub platform: String,
    /// The platform status it belongs to.
    pub platform_status: Option<String>,
    /// When the platform decides by itself.
    pub due_at: DateTime<Utc>,
    /// When it was recorded.
    pub recorded_at: DateTime<Utc>,
}

/// How the platform decided an intervention (arbitration).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArbitrationOutcome {
    /// For the buyer.
    ForBuyer,
    /// For the seller.
    ForSeller,
    /// The platform's record does not say.
    NotStated,
}

/// The platform opened an intervention (arbitration): it decides, and the
/// merchant's window to contest runs until `due_at`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformArbitrationOpened {
    /// The platform.
    pub platform: String,
    /// The record's status.
    pub platform_status: Option<String>,
    /// The platform's deadline, if it gave one.
    pub due_at: Option<DateTime<Utc>>,
    /// When the platform opened it.
    pub opened_at: DateTime<Utc>,
}

/// The platform decided its intervention (arbitration).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformArbitrationDecided {
    /// The platform.
    pub platform: String,
    /// For whom.
    pub outcome: ArbitrationOutcome,
    /// The record's status.
    pub platform_status: Option<String>,
    /// When the platform decided.
    pub decided_at: DateTime<Utc>,
}

/// A later version of the platform's record corrected the return parcel's
/// waybill (the buyer fixed a mistyped tracking number or carrier), or a
/// version named the parcel of a ticket already past the shipping step: the
/// ticket's return shipment is this one from here on, so the warehouse's
/// scan finds the parcel by its real number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnShipmentCorrected {
    /// The platform whose record says so.
    pub platform: String,
    /// The corrected carrier.
    pub carrier: String,
    /// The corrected tracking number.
    pub tracking_number: String,
    /// The tracking number it replaces (what an old label or scan shows);
    /// `None`: the ticket had none (it caught up past the shipping step from
    /// a version that did not name the parcel).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_tracking_number: Option<String>,
    /// When the platform's record changed.
    pub corrected_at: DateTime<Utc>,
}

/// A later version of the platform's record corrected the buyer's contact.
/// Both fields are personal data, encrypted under the buyer's key like the
/// contact given at opening; an absent field is left as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerContactCorrected {
    /// The platform whose record says so.
    pub platform: String,
    /// The corrected phone, if the record corrected it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_phone: Option<String>,
    /// The corrected address, if the record corrected it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_address: Option<String>,
    /// When the platform's record changed.
    pub corrected_at: DateTime<Utc>,
}

/// The platform's deadline is near: someone must act before the platform does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformDeadlineNear {
    /// The deadline.
    pub due_at: DateTime<Utc>,
    /// When the timer noticed.
    pub noticed_at: DateTime<Utc>,
}

/// The price difference a price-protection ticket may pay back was stated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceDifferenceStated {
    /// The difference owed.
    pub amount: Money,
    /// The platform's record or the merchant's policy.
    pub source: DifferenceSource,
    /// What it rests on.
    pub basis: String,
    /// When.
    pub stated_at: DateTime<Utc>,
}

/// The missing or damaged part of a reship ticket shipped (补寄).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReshipmentShipped {
    /// Carrier.
    pub carrier: String,
    /// Tracking number.
    pub tracking_number: String,
    /// What the parcel holds.
    pub contents: String,
    /// When.
    pub shipped_at: DateTime<Utc>,
}

/// The reshipped part arrived (the buyer, the platform or the carrier says so).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReshipmentReceived {
    /// Who confirmed it.
    pub confirmed_by: ReceiptBy,
    /// When.
    pub received_at: DateTime<Utc>,
}

/// A repair was done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepairRecorded {
    /// Workshop, parts sent or visit.
    pub method: RepairMethod,
    /// What was done.
    pub work_done: String,
    /// Parts used or sent.
    pub parts: Vec<String>,
    /// What it cost the merchant.
    pub cost: Money,
    /// The parcel that carried parts to the buyer, if any.
    pub parts_shipment: Option<Shipment>,
    /// When.
    pub repaired_at: DateTime<Utc>,
}

/// The repaired goods shipped back to the buyer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepairedGoodsShipped {
    /// Carrier.
    pub carrier: String,
    /// Tracking number.
    pub tracking_number: String,
    /// When.
    pub shipped_at: DateTime<Utc>,
}

/// What the ticket does was converted; the kind still says what was asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketConverted {
    /// Which conversion.
    pub conversion: Conversion,
    /// What may now be refunded (conversions to a refund).
    pub refund_amount: Option<Money>,
    /// Why.
    pub reason: String,
    /// When.
    pub converted_at: DateTime<Utc>,
}

/// Customer service made the buyer a counter-offer (协商).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CounterOfferMade {
    /// The offer's id.
    pub offer_id: Uuid,
    /// What was offered.
    pub offer: CounterOffer,
    /// The buyer must answer by then.
    pub respond_by: DateTime<Utc>,
    /// What the buyer was told.
    pub note: String,
    /// When.
    pub made_at: DateTime<Utc>,
}

/// The buyer answered a counter-offer; an accepted one takes effect with
/// this event (a conversion it offered follows as `TicketConverted`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CounterOfferAnswered {
    /// The offer.
    pub offer_id: Uuid,
    /// Accepted or declined.
    pub answer: OfferAnswer,
    /// When the buyer answered.
    pub answered_at: DateTime<Utc>,
}

/// A counter-offer's deadline passed without an answer; the ticket stays as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CounterOfferExpired {
    /// The offer.
    pub offer_id: Uuid,
    /// When it was noticed.
    pub expired_at: DateTime<Utc>,
}

/// The exchange's replacement for a line is another variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplacementVariantChosen {
    /// The returned line it replaces.
    pub line_id: String,
    /// The replacement's SKU.
    pub sku: String,
    /// The replacement's name.
    pub name: String,
    /// What it costs more (positive) or less (negative) for the whole line.
    pub price_difference: Money,
    /// When.
    pub chosen_at: DateTime<Utc>,
}

/// The replacement shipped costs more than what came back: the buyer is
/// asked to pay the difference (a request only: no money moves here).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriceDifferenceChargeRequested {
    /// What the buyer is asked to pay.
    pub amount: Money,
    /// When.
    pub requested_at: DateTime<Utc>,
}

/// A parcel from the unmatched pool (无头件) was matched to this ticket; the
/// same append records it received (`ReturnReceived`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PoolParcelMatched {
    /// The pool's parcel (stream `parcel-<id>`).
    pub parcel_id: uuid::Uuid,
    /// Its carrier.
    pub carrier: String,
    /// Its tracking number, as registered in the pool.
    pub tracking_number: String,
    /// The engine or a person.
    pub matched_by: crate::parcel::MatchedBy,
    /// When.
    pub matched_at: DateTime<Utc>,
}

/// The ticket's evidence pack was handed to the arbitrating platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceSubmitted {
    /// The platform.
    pub platform: String,
    /// How it reached the platform.
    pub via: crate::command::SubmissionVia,
    /// The SHA-256 (hex) of the pack as handed over.
    pub pack_sha256: String,
    /// What the platform received through its open API, file by file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sent: Vec<crate::command::SentEvidence>,
    /// When.
    pub submitted_at: DateTime<Utc>,
}

/// A seller-side step the marketplace must hear of, recorded with the
/// decision it repeats (see [`crate::platform_action`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformActionRequested {
    /// The action's number on the ticket, from 1: with the ticket id, the
    /// idempotency key of everything sent for it.
    pub seq: u32,
    /// The platform (the ticket's channel).
    pub platform: String,
    /// The platform's after-sale id.
    pub after_sale_id: String,
    /// What to do there.
    pub action: crate::platform_action::PlatformAction,
    /// What the platform needs besides the after-sale id.
    pub params: crate::platform_action::PlatformActionParams,
    /// When the platform decides by itself if it does not hear of it (its
    /// deadline for the step when the decision was made), if known.
    #[serde(default)]
    pub due_by: Option<DateTime<Utc>>,
    /// When the decision was made.
    pub requested_at: DateTime<Utc>,
}

/// A person carried a platform action out in the platform's back office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformActionDone {
    /// The action's number on the ticket.
    pub seq: u32,
    /// What was done.
    pub action: crate::platform_action::PlatformAction,
    /// When the person confirmed it.
    pub done_at: DateTime<Utc>,
}

/// The platform's own record shows platform actions done: its status is
/// one the mapping says each action leads to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformActionConfirmed {
    /// The action's number on the ticket.
    pub seq: u32,
    /// The platform's status that shows it (intake's name for it).
    pub platform_status: String,
    /// The record's version, if it has one.
    pub platform_version: Option<i64>,
    /// When the platform's record says so.
    pub confirmed_at: DateTime<Utc>,
}

/// The platform's open API answered that it carried a platform action out
/// (api mode): sent, and accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformActionSucceeded {
    /// The action's number on the ticket.
    pub seq: u32,
    /// The record's version the call was sent with, if any.
    pub platform_version: Option<i64>,
    /// The platform's request or log id, if it gave one.
    pub reference: Option<String>,
    /// The platform said it had been done before (a repeat after a crash).
    pub already_done: bool,
    /// When the answer came.
    pub succeeded_at: DateTime<Utc>,
}

/// The platform's open API refused a platform action: its code and words,
/// verbatim, for a person to read and act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformActionRefused {
    /// The action's number on the ticket.
    pub seq: u32,
    /// The platform's code.
    pub code: String,
    /// The platform's words.
    pub message: String,
    /// When the answer came.
    pub refused_at: DateTime<Utc>,
}

/// A platform action the open API could not carry out: a person must do it
/// in the back office (`reason`: back-office only, a stale version, a batch
/// item that failed, a deadline too close to retry, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformActionNeedsPerson {
    /// The action's number on the ticket.
    pub seq: u32,
    /// Why, as a stable code (`back_office_only`, `stale_version`, …).
    pub reason: String,
    /// The platform's code, if it answered.
    pub code: Option<String>,
    /// The platform's words, or the runner's.
    pub message: String,
    /// When it was handed over.
    pub since: DateTime<Utc>,
}

/// Every event, tagged by its name in JSON (`{"type": "TicketOpened", ...}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Event {
    /// See [`TicketOpened`].
    TicketOpened(TicketOpened),
    /// See [`ApplicationApproved`].
    ApplicationApproved(ApplicationApproved),
    /// See [`ApplicationRejected`].
    ApplicationRejected(ApplicationRejected),
    /// See [`ReturnShipmentRegistered`].
    ReturnShipmentRegistered(ReturnShipmentRegistered),
    /// See [`ReturnReceived`].
    ReturnReceived(ReturnReceived),
    /// See [`LineInspected`].
    LineInspected(LineInspected),
    /// See [`InspectionCompleted`].
    InspectionCompleted(InspectionCompleted),
    /// See [`InspectionFeedbackSent`].
    InspectionFeedbackSent(InspectionFeedbackSent),
    /// See [`InspectionDisputed`].
    InspectionDisputed(InspectionDisputed),
    /// See [`RefundRequested`].
    RefundRequested(RefundRequested),
    /// See [`RefundApproved`].
    RefundApproved(RefundApproved),
    /// See [`RefundIssued`].
    RefundIssued(RefundIssued),
    /// See [`RefundFailed`].
    RefundFailed(RefundFailed),
    /// See [`ReplacementShipped`].
    ReplacementShipped(ReplacementShipped),
    /// See [`GoodsReturnedToCustomer`].
    GoodsReturnedToCustomer(GoodsReturnedToCustomer),
    /// See [`TicketClosed`].
    TicketClosed(TicketClosed),
    /// See [`TicketCancelled`].
    TicketCancelled(TicketCancelled),
    /// See [`TicketAssigned`].
    TicketAssigned(TicketAssigned),
    /// See [`NoteAdded`].
    NoteAdded(NoteAdded),
    /// See [`CustomFieldsUpdated`].
    CustomFieldsUpdated(CustomFieldsUpdated),
    /// See [`FollowUpScheduled`].
    FollowUpScheduled(FollowUpScheduled),
    /// See [`FollowUpCompleted`].
    FollowUpCompleted(FollowUpCompleted),
    /// See [`DeadlineMissed`].
    DeadlineMissed(DeadlineMissed),
    /// See [`PlatformSyncPending`].
    PlatformSyncPending(PlatformSyncPending),
    /// See [`PlatformSyncConflicted`].
    PlatformSyncConflicted(PlatformSyncConflicted),
    /// See [`PlatformSyncResolved`].
    PlatformSyncResolved(PlatformSyncResolved),
    /// See [`PlatformDeadlineSet`].
    PlatformDeadlineSet(PlatformDeadlineSet),
    /// See [`PlatformDeadlineNear`].
    PlatformDeadlineNear(PlatformDeadlineNear),
    /// See [`PlatformArbitrationOpened`].
    PlatformArbitrationOpened(PlatformArbitrationOpened),
    /// See [`PlatformArbitrationDecided`].
    PlatformArbitrationDecided(PlatformArbitrationDecided),
    /// See [`ReturnShipmentCorrected`].
    ReturnShipmentCorrected(ReturnShipmentCorrected),
    /// See [`CustomerContactCorrected`].
    CustomerContactCorrected(CustomerContactCorrected),
    /// See [`PriceDifferenceStated`].
    PriceDifferenceStated(PriceDifferenceStated),
    /// See [`ReshipmentShipped`].
    ReshipmentShipped(ReshipmentShipped),
    /// See [`ReshipmentReceived`].
    ReshipmentReceived(ReshipmentReceived),
    /// See [`RepairRecorded`].
    RepairRecorded(RepairRecorded),
    /// See [`RepairedGoodsShipped`].
    RepairedGoodsShipped(RepairedGoodsShipped),
    /// See [`TicketConverted`].
    TicketConverted(TicketConverted),
    /// See [`CounterOfferMade`].
    CounterOfferMade(CounterOfferMade),
    /// See [`CounterOfferAnswered`].
    CounterOfferAnswered(CounterOfferAnswered),
    /// See [`CounterOfferExpired`].
    CounterOfferExpired(CounterOfferExpired),
    /// See [`ReplacementVariantChosen`].
    ReplacementVariantChosen(ReplacementVariantChosen),
    /// See [`PriceDifferenceChargeRequested`].
    PriceDifferenceChargeRequested(PriceDifferenceChargeRequested),
    /// See [`PoolParcelMatched`].
    PoolParcelMatched(PoolParcelMatched),
    /// See [`EvidenceSubmitted`].
    EvidenceSubmitted(EvidenceSubmitted),
    /// See [`PlatformActionRequested`].
    PlatformActionRequested(PlatformActionRequested),
    /// See [`PlatformActionDone`].
    PlatformActionDone(PlatformActionDone),
    /// See [`PlatformActionConfirmed`].
    PlatformActionConfirmed(PlatformActionConfirmed),
    /// See [`PlatformActionSucceeded`].
    PlatformActionSucceeded(PlatformActionSucceeded),
    /// See [`PlatformActionRefused`].
    PlatformActionRefused(PlatformActionRefused),
    /// See [`PlatformActionNeedsPerson`].
    PlatformActionNeedsPerson(PlatformActionNeedsPerson),
}

impl Event {
    /// Decodes a stored payload straight into the variant the log's
    /// `event_type` column names. `serde_json::from_str::<Event>` must first
    /// buffer the whole object to find the `type` tag (serde's internally
    /// tagged enums), which made decoding a large part of loading a ticket;
    /// a type not listed here still decodes, through that slower path.
    pub fn from_stored(event_type: &str, json: &str) -> serde_json::Result<Event> {
        macro_rules! direct {
            ($($name:ident),* $(,)?) => {
                match event_type {
                    $(stringify!($name) => serde_json::from_str::<$name>(json).map(Event::$name),)*
                    _ => serde_json::from_str(json),
                }
            };
        }
        direct!(
            TicketOpened,
            ApplicationApproved,
            ApplicationRejected,
            ReturnShipmentRegistered,
            ReturnReceived,
            LineInspected,
            InspectionCompleted,
            InspectionFeedbackSent,
            InspectionDisputed,
            RefundRequested,
            RefundApproved,
            RefundIssued,
            RefundFailed,
            ReplacementShipped,
            GoodsReturnedToCustomer,
            TicketClosed,
            TicketCancelled,
            TicketAssigned,
            NoteAdded,
            CustomFieldsUpdated,
            FollowUpScheduled,
            FollowUpCompleted,
            DeadlineMissed,
            PlatformSyncPending,
            PlatformSyncConflicted,
            PlatformSyncResolved,
            PlatformDeadlineSet,
            PlatformDeadlineNear,
            PlatformArbitrationOpened,
            PlatformArbitrationDecided,
            ReturnShipmentCorrected,
            CustomerContactCorrected,
            PriceDifferenceStated,
            ReshipmentShipped,
            ReshipmentReceived,
            RepairRecorded,
            RepairedGoodsShipped,
            TicketConverted,
            CounterOfferMade,
            CounterOfferAnswered,
            CounterOfferExpired,
            ReplacementVariantChosen,
            PriceDifferenceChargeRequested,
            PoolParcelMatched,
            EvidenceSubmitted,
            PlatformActionRequested,
            PlatformActionDone,
            PlatformActionConfirmed,
            PlatformActionSucceeded,
            PlatformActionRefused,
            PlatformActionNeedsPerson,
        )
    }

    /// Every event type name, as stored in the log's `event_type` column.
    pub const TYPES: [&'static str; 51] = [
        "TicketOpened",
        "ApplicationApproved",
        "ApplicationRejected",
        "ReturnShipmentRegistered",
        "ReturnReceived",
        "LineInspected",
        "InspectionCompleted",
        "InspectionFeedbackSent",
        "InspectionDisputed",
        "RefundRequested",
        "RefundApproved",
        "RefundIssued",
        "RefundFailed",
        "ReplacementShipped",
        "GoodsReturnedToCustomer",
        "TicketClosed",
        "TicketCancelled",
        "TicketAssigned",
        "NoteAdded",
        "CustomFieldsUpdated",
        "FollowUpScheduled",
        "FollowUpCompleted",
        "DeadlineMissed",
        "PlatformSyncPending",
        "PlatformSyncConflicted",
        "PlatformSyncResolved",
        "PlatformDeadlineSet",
        "PlatformDeadlineNear",
        "PlatformArbitrationOpened",
        "PlatformArbitrationDecided",
        "ReturnShipmentCorrected",
        "CustomerContactCorrected",
        "PriceDifferenceStated",
        "ReshipmentShipped",
        "ReshipmentReceived",
        "RepairRecorded",
        "RepairedGoodsShipped",
        "TicketConverted",
        "CounterOfferMade",
        "CounterOfferAnswered",
        "CounterOfferExpired",
        "ReplacementVariantChosen",
        "PriceDifferenceChargeRequested",
        "PoolParcelMatched",
        "EvidenceSubmitted",
        "PlatformActionRequested",
        "PlatformActionDone",
        "PlatformActionConfirmed",
        "PlatformActionSucceeded",
        "PlatformActionRefused",
        "PlatformActionNeedsPerson",
    ];

    /// The event's type name; identical to its JSON `type` tag.
    pub fn event_type(&self) -> &'static str {
        match self {
            Event::TicketOpened(_) => "TicketOpened",
            Event::ApplicationApproved(_) => "ApplicationApproved",
            Event::ApplicationRejected(_) => "ApplicationRejected",
            Event::ReturnShipmentRegistered(_) => "ReturnShipmentRegistered",
            Event::ReturnReceived(_) => "ReturnReceived",
            Event::LineInspected(_) => "LineInspected",
            Event::InspectionCompleted(_) => "InspectionCompleted",
            Event::InspectionFeedbackSent(_) => "InspectionFeedbackSent",
            Event::InspectionDisputed(_) => "InspectionDisputed",
            Event::RefundRequested(_) => "RefundRequested",
            Event::RefundApproved(_) => "RefundApproved",
            Event::RefundIssued(_) => "RefundIssued",
            Event::RefundFailed(_) => "RefundFailed",
            Event::ReplacementShipped(_) => "ReplacementShipped",
            Event::GoodsReturnedToCustomer(_) => "GoodsReturnedToCustomer",
            Event::TicketClosed(_) => "TicketClosed",
            Event::TicketCancelled(_) => "TicketCancelled",
            Event::TicketAssigned(_) => "TicketAssigned",
            Event::NoteAdded(_) => "NoteAdded",
            Event::CustomFieldsUpdated(_) => "CustomFieldsUpdated",
            Event::FollowUpScheduled(_) => "FollowUpScheduled",
            Event::FollowUpCompleted(_) => "FollowUpCompleted",
            Event::DeadlineMissed(_) => "DeadlineMissed",
            Event::PlatformSyncPending(_) => "PlatformSyncPending",
            Event::PlatformSyncConflicted(_) => "PlatformSyncConflicted",
            Event::PlatformSyncResolved(_) => "PlatformSyncResolved",
            Event::PlatformDeadlineSet(_) => "PlatformDeadlineSet",
            Event::PlatformDeadlineNear(_) => "PlatformDeadlineNear",
            Event::PlatformArbitrationOpened(_) => "PlatformArbitrationOpened",
            Event::PlatformArbitrationDecided(_) => "PlatformArbitrationDecided",
            Event::ReturnShipmentCorrected(_) => "ReturnShipmentCorrected",
            Event::CustomerContactCorrected(_) => "CustomerContactCorrected",
            Event::PriceDifferenceStated(_) => "PriceDifferenceStated",
            Event::ReshipmentShipped(_) => "ReshipmentShipped",
            Event::ReshipmentReceived(_) => "ReshipmentReceived",
            Event::RepairRecorded(_) => "RepairRecorded",
            Event::RepairedGoodsShipped(_) => "RepairedGoodsShipped",
            Event::TicketConverted(_) => "TicketConverted",
            Event::CounterOfferMade(_) => "CounterOfferMade",
            Event::CounterOfferAnswered(_) => "CounterOfferAnswered",
            Event::CounterOfferExpired(_) => "CounterOfferExpired",
            Event::ReplacementVariantChosen(_) => "ReplacementVariantChosen",
            Event::PriceDifferenceChargeRequested(_) => "PriceDifferenceChargeRequested",
            Event::PoolParcelMatched(_) => "PoolParcelMatched",
            Event::EvidenceSubmitted(_) => "EvidenceSubmitted",
            Event::PlatformActionRequested(_) => "PlatformActionRequested",
            Event::PlatformActionDone(_) => "PlatformActionDone",
            Event::PlatformActionConfirmed(_) => "PlatformActionConfirmed",
            Event::PlatformActionSucceeded(_) => "PlatformActionSucceeded",
            Event::PlatformActionRefused(_) => "PlatformActionRefused",
            Event::PlatformActionNeedsPerson(_) => "PlatformActionNeedsPerson",
        }
    }

    /// The payload's schema version (all [`EVENT_SCHEMA_VERSION`] for now).
    pub fn schema_version(&self) -> i32 {
        EVENT_SCHEMA_VERSION
    }

    /// When the fact happened (the issuing command's `at`).
    pub fn occurred_at(&self) -> DateTime<Utc> {
        match self {
            Event::TicketOpened(e) => e.opened_at,
            Event::ApplicationApproved(e) => e.approved_at,
            Event::ApplicationRejected(e) => e.rejected_at,
            Event::ReturnShipmentRegistered(e) => e.registered_at,
            Event::ReturnReceived(e) => e.received_at,
            Event::LineInspected(e) => e.inspected_at,
            Event::InspectionCompleted(e) => e.completed_at,
            Event::InspectionFeedbackSent(e) => e.sent_at,
            Event::InspectionDisputed(e) => e.disputed_at,
            Event::RefundRequested(e) => e.requested_at,
            Event::RefundApproved(e) => e.approved_at,
            Event::RefundIssued(e) => e.issued_at,
            Event::RefundFailed(e) => e.failed_at,
            Event::ReplacementShipped(e) => e.shipped_at,
            Event::GoodsReturnedToCustomer(e) => e.returned_at,
            Event::TicketClosed(e) => e.closed_at,
            Event::TicketCancelled(e) => e.cancelled_at,
            Event::TicketAssigned(e) => e.assigned_at,
            Event::NoteAdded(e) => e.added_at,
            Event::CustomFieldsUpdated(e) => e.updated_at,
            Event::FollowUpScheduled(e) => e.scheduled_at,
            Event::FollowUpCompleted(e) => e.completed_at,
            Event::DeadlineMissed(e) => e.missed_at,
            Event::PlatformSyncPending(e) => e.recorded_at,
            Event::PlatformSyncConflicted(e) => e.recorded_at,
            Event::PlatformSyncResolved(e) => e.resolved_at,
            Event::PlatformDeadlineSet(e) => e.recorded_at,
            Event::PlatformDeadlineNear(e) => e.noticed_at,
            Event::PlatformArbitrationOpened(e) => e.opened_at,
            Event::PlatformArbitrationDecided(e) => e.decided_at,
            Event::ReturnShipmentCorrected(e) => e.corrected_at,
            Event::CustomerContactCorrected(e) => e.corrected_at,
            Event::PriceDifferenceStated(e) => e.stated_at,
            Event::ReshipmentShipped(e) => e.shipped_at,
            Event::ReshipmentReceived(e) => e.received_at,
            Event::RepairRecorded(e) => e.repaired_at,
            Event::RepairedGoodsShipped(e) => e.shipped_at,
            Event::TicketConverted(e) => e.converted_at,
            Event::CounterOfferMade(e) => e.made_at,
            Event::CounterOfferAnswered(e) => e.answered_at,
            Event::CounterOfferExpired(e) => e.expired_at,
            Event::ReplacementVariantChosen(e) => e.chosen_at,
            Event::PriceDifferenceChargeRequested(e) => e.requested_at,
            Event::PoolParcelMatched(e) => e.matched_at,
            Event::EvidenceSubmitted(e) => e.submitted_at,
            Event::PlatformActionRequested(e) => e.requested_at,
            Event::PlatformActionDone(e) => e.done_at,
            Event::PlatformActionConfirmed(e) => e.confirmed_at,
            Event::PlatformActionSucceeded(e) => e.succeeded_at,
            Event::PlatformActionRefused(e) => e.refused_at,
            Event::PlatformActionNeedsPerson(e) => e.since,
        }
    }
}
