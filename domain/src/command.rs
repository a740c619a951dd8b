//! Commands: what a person or a workflow asks the ticket to do.
//!
//! Every command carries `at` (when it was issued) and any ids it creates,
//! because `decide` has no clock and no random numbers. Deadlines arrive as
//! explicit values computed by the caller's policy. The ticket a command is
//! addressed to travels beside it (the stream id), except for `OpenTicket`,
//! which names the new ticket.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::money::{Currency, Money};
use crate::ticket::{
    Conversion, CounterOffer, DeadlineKind, Grade, OfferAnswer, PackageCondition, ReceiptBy,
    ReceivedLine, RepairMethod, Resolution, ReturnAddress, TicketKind, TicketLine, Verdict,
};

/// Custom fields: free-form JSON values keyed by name, sorted for stable JSON.
pub type CustomFields = BTreeMap<String, serde_json::Value>;

/// Opens a new ticket (apply).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenTicket {
    /// The new ticket's id (also its stream id).
    pub ticket_id: Uuid,
    /// Which kind of after-sale this is.
    pub kind: TicketKind,
    /// Where it came from: `"taobao"`, `"douyin"`, `"kuaishou"`, `"manual"`, …
    pub channel: String,
    /// The platform's order id, if any.
    pub platform_order_id: Option<String>,
    /// The platform's after-sale (refund) id, if any.
    pub platform_after_sale_id: Option<String>,
    /// Customer name or platform user id.
    pub customer: String,
    /// The customer's phone, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_phone: Option<String>,
    /// The customer's address, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_address: Option<String>,
    /// Reason code; see [`crate::ticket::reason_codes`].
    pub reason_code: String,
    /// The customer's own words.
    pub reason_text: String,
    /// Lines applied for (at least one, unique `line_id`s).
    pub lines: Vec<TicketLine>,
    /// The ticket's one currency; every line and later amount must use it.
    pub currency: Currency,
    /// Platform- or shop-specific extra fields.
    #[serde(default)]
    pub custom_fields: CustomFields,
    /// When the application must be reviewed by (from the caller's policy).
    pub review_deadline: DateTime<Utc>,
    /// When the application was made.
    pub at: DateTime<Utc>,
}

/// Approves the application; for kinds that need goods back, says where and by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApproveApplication {
    /// Required for RETURN_AND_REFUND and EXCHANGE, must be absent for REFUND_ONLY.
    pub return_address: Option<ReturnAddress>,
    /// Required for RETURN_AND_REFUND and EXCHANGE, must be absent for REFUND_ONLY.
    pub ship_back_deadline: Option<DateTime<Utc>>,
    /// When it was approved.
    pub at: DateTime<Utc>,
}

/// Rejects the application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectApplication {
    /// Why, as told to the customer.
    pub reason: String,
    /// The platform's code for the reason, on a marketplace ticket whose
    /// platform takes one (chosen from its reason list); sent with the
    /// refusal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_code: Option<String>,
    /// When it was rejected.
    pub at: DateTime<Utc>,
}

/// Records the parcel the customer sent back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterReturnShipment {
    /// Carrier code or name, e.g. `"SF"`.
    pub carrier: String,
    /// The carrier's tracking number.
    pub tracking_number: String,
    /// When it was registered.
    pub at: DateTime<Utc>,
}

/// Records goods arriving at the warehouse; may be repeated for several parcels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiveReturn {
    /// Units received per line in this parcel.
    pub lines: Vec<ReceivedLine>,
    /// The parcel's condition on arrival.
    pub package_condition: PackageCondition,
    /// When it was received.
    pub at: DateTime<Utc>,
}

/// Receives a parcel from the unmatched pool (无头件) on this ticket: the
/// parcel was claimed for the ticket first (its own stream), and counts as
/// this ticket's return received. With no waybill registered yet, the
/// parcel's becomes the ticket's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiveMatchedParcel {
    /// The pool's parcel.
    pub parcel_id: uuid::Uuid,
    /// Its carrier, as registered.
    pub carrier: String,
    /// Its tracking number, as registered.
    pub tracking_number: String,
    /// The engine (a ticket named the number) or a person.
    pub matched_by: crate::parcel::MatchedBy,
    /// Units received per line; empty: every unit still expected.
    pub lines: Vec<ReceivedLine>,
    /// The parcel's condition on arrival.
    pub package_condition: PackageCondition,
    /// When it was matched.
    pub at: DateTime<Utc>,
}

/// Customer service handed the ticket's evidence pack to the platform that
/// arbitrates it. Only while the arbitration is open; the pack is named by
/// its SHA-256, so what was sent can be shown and verified later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordEvidenceSubmission {
    /// How it reached the platform.
    pub via: SubmissionVia,
    /// The SHA-256 (hex) of the pack as it was handed over.
    pub pack_sha256: String,
    /// What the platform received, file by file (through the open API;
    /// empty for an upload in the back office).
    #[serde(default)]
    pub sent: Vec<SentEvidence>,
    /// When.
    pub at: DateTime<Utc>,
}

/// A person carried out one of the ticket's platform actions in the
/// platform's back office (manual mode, or an action handed to a person).
/// Allowed whatever the ticket's status: the platform must hear of a
/// refusal or a close as much as of anything else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmPlatformAction {
    /// The action's number on the ticket.
    pub seq: u32,
    /// When.
    pub at: DateTime<Utc>,
}

/// The platform's record shows platform actions done (intake, from the
/// status of a newer version of the record).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordPlatformConfirmation {
    /// The actions' numbers on the ticket.
    pub seqs: Vec<u32>,
    /// The platform's status that shows them done (intake's name for it).
    pub platform_status: String,
    /// The record's version, if it has one.
    pub platform_version: Option<i64>,
    /// When the platform's record says so.
    pub at: DateTime<Utc>,
}

/// What the platform's open API answered for a platform action (api mode;
/// recorded by the workflows' runner, never typed in by a person).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordPlatformActionOutcome {
    /// The action's number on the ticket.
    pub seq: u32,
    /// The answer.
    pub outcome: PlatformActionOutcome,
    /// When it came.
    pub at: DateTime<Utc>,
}

/// The platform's answer to a platform action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum PlatformActionOutcome {
    /// Carried out.
    Succeeded {
        /// The record's version the call was sent with.
        platform_version: Option<i64>,
        /// The platform's request or log id.
        reference: Option<String>,
        /// The platform said it had been done before.
        already_done: bool,
    },
    /// Refused by the platform.
    Refused {
        /// The platform's code.
        code: String,
        /// The platform's words.
        message: String,
    },
    /// Handed to a person.
    NeedsPerson {
        /// Why, as a stable code.
        reason: String,
        /// The platform's code, if it answered.
        code: Option<String>,
        /// The platform's words, or the runner's.
        message: String,
    },
}

/// How an evidence pack reached the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubmissionVia {
    /// A person uploaded it in the platform's back office.
    BackOffice,
    /// The engine sent it through the platform's open API.
    OpenApi,
}

/// One file of a submission as the platform received it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentEvidence {
    /// What it is, in the pack's terms (`case.pdf page 1`, `photos/<sha256>.jpg`).
    pub name: String,
    /// SHA-256 (hex) of the bytes sent.
    pub sha256: String,
    /// The platform's id for it (a message id), if it gave one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// Records the inspection of one line; inspecting a line again before
/// completion replaces its earlier result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordInspection {
    /// The inspected line.
    pub line_id: String,
    /// Units inspected (1..=received).
    pub qty_inspected: u32,
    /// Units accepted (0 when the verdict is fail, 1..=inspected when pass).
    pub qty_accepted: u32,
    /// Condition grade.
    pub grade: Grade,
    /// Pass or fail.
    pub verdict: Verdict,
    /// Amount withheld from the accepted part's refund (e.g. missing tags); zero for none.
    pub deduction: Money,
    /// Inspector's notes.
    #[serde(default)]
    pub notes: String,
    /// References to photos in the media store.
    #[serde(default)]
    pub photo_refs: Vec<String>,
    /// When it was inspected.
    pub at: DateTime<Utc>,
}

/// Closes the inspection round; `decide` computes the outcome and refundable amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompleteInspection {
    /// When it was completed.
    pub at: DateTime<Utc>,
}

/// Records what the customer was told about the inspection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendInspectionFeedback {
    /// The message sent.
    pub message: String,
    /// When it was sent.
    pub at: DateTime<Utc>,
}

/// The customer disputes the inspection: it goes back for re-inspection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisputeInspection {
    /// The customer's objection.
    pub reason: String,
    /// When it was disputed.
    pub at: DateTime<Utc>,
}

/// Requests a refund; `refund_id` identifies it through approval and issue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestRefund {
    /// New id for this refund (also the gateway's idempotency key).
    pub refund_id: Uuid,
    /// Amount to refund (> 0, in the ticket's currency).
    pub amount: Money,
    /// When it was requested.
    pub at: DateTime<Utc>,
}

/// Approves a requested refund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApproveRefund {
    /// The refund.
    pub refund_id: Uuid,
    /// When it was approved.
    pub at: DateTime<Utc>,
}

/// Records that the payment gateway paid the refund out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssueRefund {
    /// The refund.
    pub refund_id: Uuid,
    /// The gateway's reference for the payout.
    pub gateway_reference: String,
    /// When it was issued.
    pub at: DateTime<Utc>,
}

/// Records that the gateway refused or failed the payout; the refund may be issued again later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordRefundFailure {
    /// The refund.
    pub refund_id: Uuid,
    /// The gateway's error, for finance to act on.
    pub reason: String,
    /// When it failed.
    pub at: DateTime<Utc>,
}

/// Ships the replacement of an exchange.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShipReplacement {
    /// Carrier code or name, e.g. `"SF"`.
    pub carrier: String,
    /// The carrier's tracking number.
    pub tracking_number: String,
    /// When it shipped.
    pub at: DateTime<Utc>,
}

/// Sends rejected goods back to the customer after a failed (or partly failed) inspection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnGoodsToCustomer {
    /// Carrier code or name, e.g. `"SF"`.
    pub carrier: String,
    /// The carrier's tracking number.
    pub tracking_number: String,
    /// When it shipped.
    pub at: DateTime<Utc>,
}

/// Closes the ticket with a resolution that must fit where the ticket is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CloseTicket {
    /// How it ended.
    pub resolution: Resolution,
    /// Optional closing remark.
    #[serde(default)]
    pub note: Option<String>,
    /// When it was closed.
    pub at: DateTime<Utc>,
}

/// Cancels the ticket (the customer withdrew it) before goods reach the warehouse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelTicket {
    /// Why.
    pub reason: String,
    /// When it was cancelled.
    pub at: DateTime<Utc>,
}

/// Assigns the ticket to an agent (or unassigns it with `None`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignTicket {
    /// The new assignee's actor id, or `None` to unassign.
    pub assignee: Option<String>,
    /// When it was assigned.
    pub at: DateTime<Utc>,
}

/// Adds a free-text note; the only command a closed or cancelled ticket accepts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddNote {
    /// Who wrote it.
    pub author: String,
    /// The note (1..=4000 characters).
    pub text: String,
    /// When it was written.
    pub at: DateTime<Utc>,
}

/// Merges custom fields: given keys are set, a JSON `null` removes the key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpdateCustomFields {
    /// Fields to set (or remove with `null`).
    pub fields: CustomFields,
    /// When they were updated.
    pub at: DateTime<Utc>,
}

/// Schedules a follow-up call with the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleFollowUp {
    /// New id for the follow-up.
    pub follow_up_id: Uuid,
    /// When the call is due.
    pub due_at: DateTime<Utc>,
    /// What the call is for, e.g. `"quality_complaint"`.
    pub purpose: String,
    /// When it was scheduled.
    pub at: DateTime<Utc>,
}

/// Records the outcome of a scheduled follow-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompleteFollowUp {
    /// The follow-up.
    pub follow_up_id: Uuid,
    /// What came of it.
    pub outcome: String,
    /// When it was completed.
    pub at: DateTime<Utc>,
}

/// Records that a deadline on the ticket passed (issued by timers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordMissedDeadline {
    /// Which deadline; it must be the one currently running.
    pub deadline: DeadlineKind,
    /// When the timer fired; must be after the deadline.
    pub at: DateTime<Utc>,
}

/// The platform approved the application by itself (the seller approved in
/// the platform's back office, or the platform did when its deadline
/// passed). The return address and the ship-back terms live on the platform.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordPlatformApproval {
    /// The platform that approved, e.g. `"douyin"`.
    pub platform: String,
    /// When the platform approved (its record's time).
    pub at: DateTime<Utc>,
}

/// The platform refunded the buyer itself: marketplace refunds are paid by
/// the platform once agreed, so this is recorded as paid, not requested.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordPlatformRefund {
    /// New id for this refund.
    pub refund_id: Uuid,
    /// The platform that paid.
    pub platform: String,
    /// Amount refunded (> 0, at most what was paid minus other refunds).
    pub amount: Money,
    /// The platform's reference (e.g. its after-sale id).
    pub reference: String,
    /// When the platform refunded.
    pub at: DateTime<Utc>,
}

/// What kind of platform sync issue is being recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlatformSyncIssueKind {
    /// The platform is ahead but its record lacks what the next step needs.
    Pending,
    /// The platform contradicts the ticket; a person must decide.
    Conflict,
}

/// Records what a platform record says that intake could not carry onto the ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordPlatformSyncIssue {
    /// Pending (something missing) or conflict (a contradiction).
    pub issue: PlatformSyncIssueKind,
    /// The platform.
    pub platform: String,
    /// The record's version, if it has one.
    pub platform_version: Option<i64>,
    /// The record's status (intake's neutral name), if known.
    pub platform_status: Option<String>,
    /// What is missing or contradictory, one entry each (at least one).
    pub details: Vec<String>,
    /// When it was recorded.
    pub at: DateTime<Utc>,
}

/// Settles the ticket's platform sync issue (a person, or a later version that fits).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolvePlatformSync {
    /// How it was settled.
    pub note: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// Records the platform's own deadline for the current step (Douyin
/// `status_deadline`, Kuaishou `expireTime`, Taobao's timeout): when it
/// passes, the platform approves or refunds by itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordPlatformDeadline {
    /// The platform.
    pub platform: String,
    /// The platform status the deadline belongs to.
    pub platform_status: Option<String>,
    /// When the platform decides by itself.
    pub due_at: DateTime<Utc>,
    /// When it was recorded.
    pub at: DateTime<Utc>,
}

/// The platform's deadline is near (issued by the timer, a margin before it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordPlatformDeadlineNear {
    /// The deadline this is about (must be the one recorded).
    pub due_at: DateTime<Utc>,
    /// When the timer fired.
    pub at: DateTime<Utc>,
}

/// Where the platform's intervention in a case (平台介入 / 仲裁,
/// arbitration) stands, as the platform's record says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArbitrationStage {
    /// The platform is intervening: it decides, and a merchant who wants to
    /// contest uploads evidence within the platform's window.
    Open,
    /// The platform decided for the buyer.
    ForBuyer,
    /// The platform decided for the seller.
    ForSeller,
    /// The platform finished without its record saying for whom.
    Finished,
}

/// Records the platform opening an intervention (arbitration) on the case,
/// or deciding it, with the platform's deadline: a platform fact a person
/// must see at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordPlatformArbitration {
    /// The platform.
    pub platform: String,
    /// Opened, or decided (and for whom).
    pub stage: ArbitrationStage,
    /// The record's status (intake's neutral name), if known.
    #[serde(default)]
    pub platform_status: Option<String>,
    /// The platform's deadline while it intervenes (the merchant's window), if it gives one.
    #[serde(default)]
    pub due_at: Option<DateTime<Utc>>,
    /// When the platform did it (its record's time).
    pub at: DateTime<Utc>,
}

/// A corrected return waybill, as a later platform record states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectedWaybill {
    /// Carrier.
    pub carrier: String,
    /// Tracking number.
    pub tracking_number: String,
}

/// Records what a later version of the platform's record corrected: the
/// return parcel's waybill (the buyer fixed it on the platform) and the
/// buyer's contact. A platform fact; what the ticket already shows is not
/// recorded again, and a command that corrects nothing is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordPlatformCorrection {
    /// The platform.
    pub platform: String,
    /// The corrected return waybill, if the record corrected it.
    #[serde(default)]
    pub return_shipment: Option<CorrectedWaybill>,
    /// The buyer's corrected phone, if the record corrected it.
    #[serde(default)]
    pub customer_phone: Option<String>,
    /// The buyer's corrected address, if the record corrected it.
    #[serde(default)]
    pub customer_address: Option<String>,
    /// When the platform's record changed.
    pub at: DateTime<Utc>,
}

/// Who states a price difference: the platform's record, or the merchant's
/// own price-protection policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DifferenceSource {
    /// The platform's record states it (Douyin `refund_amount` on a 价保
    /// record, Taobao `refund_fee` with `special_refund_type`).
    Platform,
    /// The merchant's policy computed it (price then and now).
    Policy,
}

/// States the price difference a price-protection ticket may pay back
/// (价保 / 退差价); may be stated again while the application waits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatePriceDifference {
    /// The difference owed (positive, at most what was paid for the lines).
    pub amount: Money,
    /// Who states it.
    pub source: DifferenceSource,
    /// What it rests on, e.g. "listed 199.00 on 03-01, 179.00 on 03-05".
    pub basis: String,
    /// When it was stated.
    pub at: DateTime<Utc>,
}

/// Ships the missing or damaged part of a reship ticket (补寄).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShipReshipment {
    /// Carrier code or name.
    pub carrier: String,
    /// The carrier's tracking number.
    pub tracking_number: String,
    /// What the parcel holds, e.g. "1 x charger cable".
    pub contents: String,
    /// When it shipped.
    pub at: DateTime<Utc>,
}

/// The reshipped part arrived; the receipt closes the ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmReshipmentReceived {
    /// Who confirmed it.
    pub by: ReceiptBy,
    /// When it arrived (as the confirmation says).
    pub at: DateTime<Utc>,
}

/// Records a repair (维修): what was done, which parts, what it cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordRepair {
    /// In the workshop (goods came back), parts sent, or a visit.
    pub method: RepairMethod,
    /// What was done.
    pub work_done: String,
    /// Parts used or sent, one entry each (may be empty).
    #[serde(default)]
    pub parts: Vec<String>,
    /// What the repair cost the merchant (zero or more).
    pub cost: Money,
    /// The parcel that carried parts to the buyer (parts sent only).
    #[serde(default)]
    pub parts_shipment: Option<crate::ticket::Shipment>,
    /// When it was done.
    pub at: DateTime<Utc>,
}

/// Ships the repaired goods back to the buyer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShipRepairedGoods {
    /// Carrier code or name.
    pub carrier: String,
    /// The carrier's tracking number.
    pub tracking_number: String,
    /// When it shipped.
    pub at: DateTime<Utc>,
}

/// Converts what the ticket does (exchange → refund, repair → refund or
/// exchange, reship → refund, return → partial refund keeping the goods).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConvertTicket {
    /// Which conversion.
    pub conversion: Conversion,
    /// For conversions to a refund: how much may be refunded (positive;
    /// bounded by what the ticket allows, see [`Conversion`]). Absent for
    /// repair → exchange.
    #[serde(default)]
    pub refund_amount: Option<Money>,
    /// Why, e.g. "out of stock".
    pub reason: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// Customer service makes the buyer a counter-offer (协商); one is open at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MakeCounterOffer {
    /// The offer's id, chosen by the caller (the answer names it).
    pub offer_id: Uuid,
    /// What is offered.
    pub offer: CounterOffer,
    /// The buyer must answer by then, else the offer expires.
    pub respond_by: DateTime<Utc>,
    /// What customer service told the buyer.
    pub note: String,
    /// When.
    pub at: DateTime<Utc>,
}

/// Records the buyer's answer to an open counter-offer (told to customer
/// service, or read from the platform's record by intake).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordOfferAnswer {
    /// The offer answered.
    pub offer_id: Uuid,
    /// Accepted or declined.
    pub answer: OfferAnswer,
    /// When the buyer answered.
    pub at: DateTime<Utc>,
}

/// The offer's deadline passed without an answer (the timer's step).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpireCounterOffer {
    /// The offer.
    pub offer_id: Uuid,
    /// When it was noticed (at or after its deadline).
    pub at: DateTime<Utc>,
}

/// The exchange's replacement for a line is another variant (换货换款): its
/// SKU differs from the returned one, and so may its price. May be chosen
/// again until the replacement ships.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChooseReplacementVariant {
    /// The returned line it replaces.
    pub line_id: String,
    /// The replacement's SKU.
    pub sku: String,
    /// The replacement's name.
    pub name: String,
    /// What the replacement costs more (positive: the buyer is asked to
    /// pay it) or less (negative: the buyer is refunded it), for the whole line.
    pub price_difference: Money,
    /// When.
    pub at: DateTime<Utc>,
}

/// Every command the ticket understands, tagged by its name in JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum Command {
    /// See [`OpenTicket`].
    OpenTicket(OpenTicket),
    /// See [`ApproveApplication`].
    ApproveApplication(ApproveApplication),
    /// See [`RejectApplication`].
    RejectApplication(RejectApplication),
    /// See [`RegisterReturnShipment`].
    RegisterReturnShipment(RegisterReturnShipment),
    /// See [`ReceiveReturn`].
    ReceiveReturn(ReceiveReturn),
    /// See [`RecordInspection`].
    RecordInspection(RecordInspection),
    /// See [`CompleteInspection`].
    CompleteInspection(CompleteInspection),
    /// See [`SendInspectionFeedback`].
    SendInspectionFeedback(SendInspectionFeedback),
    /// See [`DisputeInspection`].
    DisputeInspection(DisputeInspection),
    /// See [`RequestRefund`].
    RequestRefund(RequestRefund),
    /// See [`ApproveRefund`].
    ApproveRefund(ApproveRefund),
    /// See [`IssueRefund`].
    IssueRefund(IssueRefund),
    /// See [`RecordRefundFailure`].
    RecordRefundFailure(RecordRefundFailure),
    /// See [`ShipReplacement`].
    ShipReplacement(ShipReplacement),
    /// See [`ReturnGoodsToCustomer`].
    ReturnGoodsToCustomer(ReturnGoodsToCustomer),
    /// See [`CloseTicket`].
    CloseTicket(CloseTicket),
    /// See [`CancelTicket`].
    CancelTicket(CancelTicket),
    /// See [`AssignTicket`].
    AssignTicket(AssignTicket),
    /// See [`AddNote`].
    AddNote(AddNote),
    /// See [`UpdateCustomFields`].
    UpdateCustomFields(UpdateCustomFields),
    /// See [`ScheduleFollowUp`].
    ScheduleFollowUp(ScheduleFollowUp),
    /// See [`CompleteFollowUp`].
    CompleteFollowUp(CompleteFollowUp),
    /// See [`RecordMissedDeadline`].
    RecordMissedDeadline(RecordMissedDeadline),
    /// See [`RecordPlatformApproval`].
    RecordPlatformApproval(RecordPlatformApproval),
    /// See [`RecordPlatformRefund`].
    RecordPlatformRefund(RecordPlatformRefund),
    /// See [`RecordPlatformSyncIssue`].
    RecordPlatformSyncIssue(RecordPlatformSyncIssue),
    /// See [`ResolvePlatformSync`].
    ResolvePlatformSync(ResolvePlatformSync),
    /// See [`RecordPlatformDeadline`].
    RecordPlatformDeadline(RecordPlatformDeadline),
    /// See [`RecordPlatformDeadlineNear`].
    RecordPlatformDeadlineNear(RecordPlatformDeadlineNear),
    /// See [`RecordPlatformArbitration`].
    RecordPlatformArbitration(RecordPlatformArbitration),
    /// See [`RecordPlatformCorrection`].
    RecordPlatformCorrection(RecordPlatformCorrection),
    /// See [`StatePriceDifference`].
    StatePriceDifference(StatePriceDifference),
    /// See [`ShipReshipment`].
    ShipReshipment(ShipReshipment),
    /// See [`ConfirmReshipmentReceived`].
    ConfirmReshipmentReceived(ConfirmReshipmentReceived),
    /// See [`RecordRepair`].
    RecordRepair(RecordRepair),
    /// See [`ShipRepairedGoods`].
    ShipRepairedGoods(ShipRepairedGoods),
    /// See [`ConvertTicket`].
    ConvertTicket(ConvertTicket),
    /// See [`MakeCounterOffer`].
    MakeCounterOffer(MakeCounterOffer),
    /// See [`RecordOfferAnswer`].
    RecordOfferAnswer(RecordOfferAnswer),
    /// See [`ExpireCounterOffer`].
    ExpireCounterOffer(ExpireCounterOffer),
    /// See [`ChooseReplacementVariant`].
    ChooseReplacementVariant(ChooseReplacementVariant),
    /// See [`ReceiveMatchedParcel`].
    ReceiveMatchedParcel(ReceiveMatchedParcel),
    /// See [`RecordEvidenceSubmission`].
    RecordEvidenceSubmission(RecordEvidenceSubmission),
    /// See [`ConfirmPlatformAction`].
    ConfirmPlatformAction(ConfirmPlatformAction),
    /// See [`RecordPlatformConfirmation`].
    RecordPlatformConfirmation(RecordPlatformConfirmation),
    /// See [`RecordPlatformActionOutcome`].
    RecordPlatformActionOutcome(RecordPlatformActionOutcome),
}

/// The kind of a command without its data: for role tables, `next_actions` and errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum CommandKind {
    /// [`OpenTicket`]
    OpenTicket,
    /// [`ApproveApplication`]
    ApproveApplication,
    /// [`RejectApplication`]
    RejectApplication,
    /// [`RegisterReturnShipment`]
    RegisterReturnShipment,
    /// [`ReceiveReturn`]
    ReceiveReturn,
    /// [`RecordInspection`]
    RecordInspection,
    /// [`CompleteInspection`]
    CompleteInspection,
    /// [`SendInspectionFeedback`]
    SendInspectionFeedback,
    /// [`DisputeInspection`]
    DisputeInspection,
    /// [`RequestRefund`]
    RequestRefund,
    /// [`ApproveRefund`]
    ApproveRefund,
    /// [`IssueRefund`]
    IssueRefund,
    /// [`RecordRefundFailure`]
    RecordRefundFailure,
    /// [`ShipReplacement`]
    ShipReplacement,
    /// [`ReturnGoodsToCustomer`]
    ReturnGoodsToCustomer,
    /// [`CloseTicket`]
    CloseTicket,
    /// [`CancelTicket`]
    CancelTicket,
    /// [`AssignTicket`]
    AssignTicket,
    /// [`AddNote`]
    AddNote,
    /// [`UpdateCustomFields`]
    UpdateCustomFields,
    /// [`ScheduleFollowUp`]
    ScheduleFollowUp,
    /// [`CompleteFollowUp`]
    CompleteFollowUp,
    /// [`RecordMissedDeadline`]
    RecordMissedDeadline,
    /// [`RecordPlatformApproval`]
    RecordPlatformApproval,
    /// [`RecordPlatformRefund`]
    RecordPlatformRefund,
    /// [`RecordPlatformSyncIssue`]
    RecordPlatformSyncIssue,
    /// [`ResolvePlatformSync`]
    ResolvePlatformSync,
    /// [`RecordPlatformDeadline`]
    RecordPlatformDeadline,
    /// [`RecordPlatformDeadlineNear`]
    RecordPlatformDeadlineNear,
    /// [`RecordPlatformArbitration`]
    RecordPlatformArbitration,
    /// [`RecordPlatformCorrection`]
    RecordPlatformCorrection,
    /// [`StatePriceDifference`]
    StatePriceDifference,
    /// [`ShipReshipment`]
    ShipReshipment,
    /// [`ConfirmReshipmentReceived`]
    ConfirmReshipmentReceived,
    /// [`RecordRepair`]
    RecordRepair,
    /// [`ShipRepairedGoods`]
    ShipRepairedGoods,
    /// [`ConvertTicket`]
    ConvertTicket,
    /// [`MakeCounterOffer`]
    MakeCounterOffer,
    /// [`RecordOfferAnswer`]
    RecordOfferAnswer,
    /// [`ExpireCounterOffer`]
    ExpireCounterOffer,
    /// [`ChooseReplacementVariant`]
    ChooseReplacementVariant,
    /// [`ReceiveMatchedParcel`]
    ReceiveMatchedParcel,
    /// [`RecordEvidenceSubmission`]
    RecordEvidenceSubmission,
    /// [`ConfirmPlatformAction`]
    ConfirmPlatformAction,
    /// [`RecordPlatformConfirmation`]
    RecordPlatformConfirmation,
    /// [`RecordPlatformActionOutcome`]
    RecordPlatformActionOutcome,
}

impl CommandKind {
    /// Every command kind, in the order of the main line.
    pub const ALL: [CommandKind; 46] = [
        CommandKind::OpenTicket,
        CommandKind::ApproveApplication,
        CommandKind::RejectApplication,
        CommandKind::RegisterReturnShipment,
        CommandKind::ReceiveReturn,
        CommandKind::RecordInspection,
        CommandKind::CompleteInspection,
        CommandKind::SendInspectionFeedback,
        CommandKind::DisputeInspection,
        CommandKind::RequestRefund,
        CommandKind::ApproveRefund,
        CommandKind::IssueRefund,
        CommandKind::RecordRefundFailure,
        CommandKind::ShipReplacement,
        CommandKind::ReturnGoodsToCustomer,
        CommandKind::CloseTicket,
        CommandKind::CancelTicket,
        CommandKind::AssignTicket,
        CommandKind::AddNote,
        CommandKind::UpdateCustomFields,
        CommandKind::ScheduleFollowUp,
        CommandKind::CompleteFollowUp,
        CommandKind::RecordMissedDeadline,
        CommandKind::RecordPlatformApproval,
        CommandKind::RecordPlatformRefund,
        CommandKind::RecordPlatformSyncIssue,
        CommandKind::ResolvePlatformSync,
        CommandKind::RecordPlatformDeadline,
        CommandKind::RecordPlatformDeadlineNear,
        CommandKind::RecordPlatformArbitration,
        CommandKind::RecordPlatformCorrection,
        CommandKind::StatePriceDifference,
        CommandKind::ShipReshipment,
        CommandKind::ConfirmReshipmentReceived,
        CommandKind::RecordRepair,
        CommandKind::ShipRepairedGoods,
        CommandKind::ConvertTicket,
        CommandKind::MakeCounterOffer,
        CommandKind::RecordOfferAnswer,
        CommandKind::ExpireCounterOffer,
        CommandKind::ChooseReplacementVariant,
        CommandKind::ReceiveMatchedParcel,
        CommandKind::RecordEvidenceSubmission,
        CommandKind::ConfirmPlatformAction,
        CommandKind::RecordPlatformConfirmation,
        CommandKind::RecordPlatformActionOutcome,
    ];

    /// The command's name, e.g. `"RecordInspection"` (also its JSON tag).
    pub fn name(&self) -> &'static str {
        use CommandKind::*;
        match self {
            OpenTicket => "OpenTicket",
            ApproveApplication => "ApproveApplication",
            RejectApplication => "RejectApplication",
            RegisterReturnShipment => "RegisterReturnShipment",
            ReceiveReturn => "ReceiveReturn",
            RecordInspection => "RecordInspection",
            CompleteInspection => "CompleteInspection",
            SendInspectionFeedback => "SendInspectionFeedback",
            DisputeInspection => "DisputeInspection",
            RequestRefund => "RequestRefund",
            ApproveRefund => "ApproveRefund",
            IssueRefund => "IssueRefund",
            RecordRefundFailure => "RecordRefundFailure",
            ShipReplacement => "ShipReplacement",
            ReturnGoodsToCustomer => "ReturnGoodsToCustomer",
            CloseTicket => "CloseTicket",
            CancelTicket => "CancelTicket",
            AssignTicket => "AssignTicket",
            AddNote => "AddNote",
            UpdateCustomFields => "UpdateCustomFields",
            ScheduleFollowUp => "ScheduleFollowUp",
            CompleteFollowUp => "CompleteFollowUp",
            RecordMissedDeadline => "RecordMissedDeadline",
            RecordPlatformApproval => "RecordPlatformApproval",
            RecordPlatformRefund => "RecordPlatformRefund",
            RecordPlatformSyncIssue => "RecordPlatformSyncIssue",
            ResolvePlatformSync => "ResolvePlatformSync",
            RecordPlatformDeadline => "RecordPlatformDeadline",
            RecordPlatformDeadlineNear => "RecordPlatformDeadlineNear",
            RecordPlatformArbitration => "RecordPlatformArbitration",
            RecordPlatformCorrection => "RecordPlatformCorrection",
            StatePriceDifference => "StatePriceDifference",
            ShipReshipment => "ShipReshipment",
            ConfirmReshipmentReceived => "ConfirmReshipmentReceived",
            RecordRepair => "RecordRepair",
            ShipRepairedGoods => "ShipRepairedGoods",
            ConvertTicket => "ConvertTicket",
            MakeCounterOffer => "MakeCounterOffer",
            RecordOfferAnswer => "RecordOfferAnswer",
            ExpireCounterOffer => "ExpireCounterOffer",
            ChooseReplacementVariant => "ChooseReplacementVariant",
            ReceiveMatchedParcel => "ReceiveMatchedParcel",
            RecordEvidenceSubmission => "RecordEvidenceSubmission",
            ConfirmPlatformAction => "ConfirmPlatformAction",
            RecordPlatformConfirmation => "RecordPlatformConfirmation",
            RecordPlatformActionOutcome => "RecordPlatformActionOutcome",
        }
    }
}

impl std::fmt::Display for CommandKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One command's data as a caller builds it. Its kind is stated here, once
/// per command, so a caller that builds a [`RecordInspection`] cannot
/// authorize it as another kind.
pub trait TicketCommand: Into<Command> {
    /// The command's kind.
    const KIND: CommandKind;
}

/// The table of commands: each struct, its [`Command`] variant and its
/// [`CommandKind`] carry one name, and this is where they meet.
macro_rules! command_table {
    ($($name:ident),* $(,)?) => {
        impl Command {
            /// This command's kind.
            pub fn kind(&self) -> CommandKind {
                match self {
                    $(Command::$name(_) => CommandKind::$name,)*
                }
            }
        }

        $(
            impl From<$name> for Command {
                fn from(command: $name) -> Self {
                    Command::$name(command)
                }
            }

            impl TicketCommand for $name {
                const KIND: CommandKind = CommandKind::$name;
            }
        )*
    };
}

command_table!(
    OpenTicket,
    ApproveApplication,
    RejectApplication,
    RegisterReturnShipment,
    ReceiveReturn,
    RecordInspection,
    CompleteInspection,
    SendInspectionFeedback,
    DisputeInspection,
    RequestRefund,
    ApproveRefund,
    IssueRefund,
    RecordRefundFailure,
    ShipReplacement,
    ReturnGoodsToCustomer,
    CloseTicket,
    CancelTicket,
    AssignTicket,
    AddNote,
    UpdateCustomFields,
    ScheduleFollowUp,
    CompleteFollowUp,
    RecordMissedDeadline,
    RecordPlatformApproval,
    RecordPlatformRefund,
    RecordPlatformSyncIssue,
    ResolvePlatformSync,
    RecordPlatformDeadline,
    RecordPlatformDeadlineNear,
    RecordPlatformArbitration,
    RecordPlatformCorrection,
    StatePriceDifference,
    ShipReshipment,
    ConfirmReshipmentReceived,
    RecordRepair,
    ShipRepairedGoods,
    ConvertTicket,
    MakeCounterOffer,
    RecordOfferAnswer,
    ExpireCounterOffer,
    ChooseReplacementVariant,
    ReceiveMatchedParcel,
    RecordEvidenceSubmission,
    ConfirmPlatformAction,
    RecordPlatformConfirmation,
    RecordPlatformActionOutcome,
);

impl Command {
    /// The command's name, e.g. `"RecordInspection"`.
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }

    /// When the command was issued.
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            Command::OpenTicket(c) => c.at,
            Command::ApproveApplication(c) => c.at,
            Command::RejectApplication(c) => c.at,
            Command::RegisterReturnShipment(c) => c.at,
            Command::ReceiveReturn(c) => c.at,
            Command::RecordInspection(c) => c.at,
            Command::CompleteInspection(c) => c.at,
            Command::SendInspectionFeedback(c) => c.at,
            Command::DisputeInspection(c) => c.at,
            Command::RequestRefund(c) => c.at,
            Command::ApproveRefund(c) => c.at,
            Command::IssueRefund(c) => c.at,
            Command::RecordRefundFailure(c) => c.at,
            Command::ShipReplacement(c) => c.at,
            Command::ReturnGoodsToCustomer(c) => c.at,
            Command::CloseTicket(c) => c.at,
            Command::CancelTicket(c) => c.at,
            Command::AssignTicket(c) => c.at,
            Command::AddNote(c) => c.at,
            Command::UpdateCustomFields(c) => c.at,
            Command::ScheduleFollowUp(c) => c.at,
            Command::CompleteFollowUp(c) => c.at,
            Command::RecordMissedDeadline(c) => c.at,
            Command::RecordPlatformApproval(c) => c.at,
            Command::RecordPlatformRefund(c) => c.at,
            Command::RecordPlatformSyncIssue(c) => c.at,
            Command::ResolvePlatformSync(c) => c.at,
            Command::RecordPlatformDeadline(c) => c.at,
            Command::RecordPlatformDeadlineNear(c) => c.at,
            Command::RecordPlatformArbitration(c) => c.at,
            Command::RecordPlatformCorrection(c) => c.at,
            Command::StatePriceDifference(c) => c.at,
            Command::ShipReshipment(c) => c.at,
            Command::ConfirmReshipmentReceived(c) => c.at,
            Command::RecordRepair(c) => c.at,
            Command::ShipRepairedGoods(c) => c.at,
            Command::ConvertTicket(c) => c.at,
            Command::MakeCounterOffer(c) => c.at,
            Command::RecordOfferAnswer(c) => c.at,
            Command::ExpireCounterOffer(c) => c.at,
            Command::ChooseReplacementVariant(c) => c.at,
            Command::ReceiveMatchedParcel(c) => c.at,
            Command::RecordEvidenceSubmission(c) => c.at,
            Command::ConfirmPlatformAction(c) => c.at,
            Command::RecordPlatformConfirmation(c) => c.at,
            Command::RecordPlatformActionOutcome(c) => c.at,
        }
    }
}
