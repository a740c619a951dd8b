//! Which event fields hold personal data (PIPL, GDPR), in one list.
//!
//! The store encrypts exactly these fields with the data subject's key
//! before an event is hashed, so erasing the subject is deleting its key
//! (DESIGN.md §9). The list is here, beside the events, so a new field is
//! classified where it is added; a test in `tests/golden.rs` walks every
//! string of every event example and fails for a field that is neither in
//! [`PERSONAL_FIELDS`] nor in [`NOT_PERSONAL`].
//!
//! Deliberately not personal:
//! - the return address on `ApplicationApproved` and one offered in a
//!   counter-offer: it is the merchant's returns desk (recipient, phone,
//!   address), chosen by staff;
//! - platform order and after-sale ids: the platform's keys for the record,
//!   which intake needs in clear to converge records (they name no person
//!   without the platform's own data);
//! - custom fields: typed merchant fields checked against their definitions
//!   (a shop must not map a buyer's phone into one; the README says so);
//! - photo references: file names the API generates, not the photos;
//! - a follow-up's outcome: a category management counts (`satisfied`,
//!   `unreachable` …); what the customer said goes in a note;
//! - the facts staff record about goods, stock and prices: a reship's
//!   contents, a repair's work and parts, a price difference's basis, a
//!   conversion's reason ("out of stock"); what the customer said goes in
//!   a note.
//!
//! Pure: no keys, no crypto; the `tickets` crate seals and opens.

/// What a personal field holds; decides how it is masked for a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PersonalKind {
    /// A person's name or the platform's buyer nickname/id.
    Name,
    /// A phone number.
    Phone,
    /// A postal address.
    Address,
    /// Free text written by or about the customer.
    Text,
}

impl PersonalKind {
    /// A one-letter tag, stored inside the sealed value so a reader can mask
    /// it without knowing which event it came from.
    pub fn tag(&self) -> &'static str {
        match self {
            PersonalKind::Name => "n",
            PersonalKind::Phone => "p",
            PersonalKind::Address => "a",
            PersonalKind::Text => "t",
        }
    }

    /// The kind of a [`PersonalKind::tag`].
    pub fn from_tag(tag: &str) -> Option<Self> {
        Some(match tag {
            "n" => PersonalKind::Name,
            "p" => PersonalKind::Phone,
            "a" => PersonalKind::Address,
            "t" => PersonalKind::Text,
            _ => return None,
        })
    }
}

/// One personal field of one event type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PersonalField {
    /// The event's type name (its JSON `type` tag).
    pub event_type: &'static str,
    /// The top-level key in the payload; `name[]` means every string in the
    /// array under `name`. A `null` (absent optional) holds nothing.
    pub path: &'static str,
    /// What it holds.
    pub kind: PersonalKind,
}

const fn field(event_type: &'static str, path: &'static str, kind: PersonalKind) -> PersonalField {
    PersonalField {
        event_type,
        path,
        kind,
    }
}

/// Every personal field of every event.
pub const PERSONAL_FIELDS: &[PersonalField] = &[
    field("TicketOpened", "customer", PersonalKind::Name),
    field("TicketOpened", "customer_phone", PersonalKind::Phone),
    field("TicketOpened", "customer_address", PersonalKind::Address),
    field("TicketOpened", "reason_text", PersonalKind::Text),
    field("ApplicationRejected", "reason", PersonalKind::Text),
    field("LineInspected", "notes", PersonalKind::Text),
    field("InspectionFeedbackSent", "message", PersonalKind::Text),
    field("InspectionDisputed", "reason", PersonalKind::Text),
    field("TicketClosed", "note", PersonalKind::Text),
    field("TicketCancelled", "reason", PersonalKind::Text),
    field("NoteAdded", "text", PersonalKind::Text),
    field("PlatformSyncResolved", "note", PersonalKind::Text),
    // What customer service wrote to the buyer, as a feedback message is.
    field("CounterOfferMade", "note", PersonalKind::Text),
    field(
        "CustomerContactCorrected",
        "customer_phone",
        PersonalKind::Phone,
    ),
    field(
        "CustomerContactCorrected",
        "customer_address",
        PersonalKind::Address,
    ),
];

/// String fields that are not personal, as `EventType.path` (`[]` for array
/// elements, `.` for nesting): enum codes, ids, carriers, staff names and
/// the fields listed in the module documentation.
pub const NOT_PERSONAL: &[&str] = &[
    "*.type",
    "TicketOpened.kind",
    "TicketOpened.channel",
    "TicketOpened.platform_order_id",
    "TicketOpened.platform_after_sale_id",
    "TicketOpened.reason_code",
    "TicketOpened.lines[].line_id",
    "TicketOpened.lines[].sku",
    "TicketOpened.lines[].name",
    "TicketOpened.lines[].paid.currency",
    "TicketOpened.currency",
    "TicketOpened.custom_fields.*",
    "ApplicationApproved.return_address.recipient",
    "ApplicationApproved.return_address.phone",
    "ApplicationApproved.return_address.address",
    "ApplicationApproved.by_platform",
    "ReturnShipmentRegistered.carrier",
    "ReturnShipmentRegistered.tracking_number",
    "ReturnReceived.lines[].line_id",
    "ReturnReceived.package_condition",
    "LineInspected.line_id",
    "LineInspected.grade",
    "LineInspected.verdict",
    "LineInspected.deduction.currency",
    "LineInspected.photo_refs[]",
    "InspectionCompleted.outcome",
    "InspectionCompleted.refundable_amount.currency",
    "RefundRequested.amount.currency",
    "RefundIssued.amount.currency",
    "RefundIssued.gateway_reference",
    "RefundIssued.payer",
    "RefundFailed.reason",
    "ReplacementShipped.carrier",
    "ReplacementShipped.tracking_number",
    "GoodsReturnedToCustomer.carrier",
    "GoodsReturnedToCustomer.tracking_number",
    "TicketClosed.resolution",
    "TicketAssigned.assignee",
    "NoteAdded.author",
    "CustomFieldsUpdated.fields.*",
    "FollowUpScheduled.purpose",
    "FollowUpCompleted.outcome",
    "DeadlineMissed.deadline",
    "PlatformSyncPending.platform",
    "PlatformSyncPending.platform_status",
    "PlatformSyncPending.missing[]",
    "PlatformSyncConflicted.platform",
    "PlatformSyncConflicted.platform_status",
    "PlatformSyncConflicted.details[]",
    "PlatformDeadlineSet.platform",
    "PlatformDeadlineSet.platform_status",
    "PlatformArbitrationOpened.platform",
    "PlatformArbitrationOpened.platform_status",
    "PlatformArbitrationDecided.platform",
    "PlatformArbitrationDecided.outcome",
    "PlatformArbitrationDecided.platform_status",
    "ReturnShipmentCorrected.platform",
    "ReturnShipmentCorrected.carrier",
    "ReturnShipmentCorrected.tracking_number",
    "ReturnShipmentCorrected.previous_tracking_number",
    "CustomerContactCorrected.platform",
    "PriceDifferenceStated.amount.currency",
    "PriceDifferenceStated.source",
    "PriceDifferenceStated.basis",
    "ReshipmentShipped.carrier",
    "ReshipmentShipped.tracking_number",
    "ReshipmentShipped.contents",
    "ReshipmentReceived.confirmed_by",
    "RepairRecorded.method",
    "RepairRecorded.work_done",
    "RepairRecorded.parts[]",
    "RepairRecorded.cost.currency",
    "RepairRecorded.parts_shipment",
    "RepairRecorded.parts_shipment.carrier",
    "RepairRecorded.parts_shipment.tracking_number",
    "RepairedGoodsShipped.carrier",
    "RepairedGoodsShipped.tracking_number",
    "TicketConverted.conversion",
    "TicketConverted.refund_amount",
    "TicketConverted.refund_amount.currency",
    "TicketConverted.reason",
    "CounterOfferMade.offer.type",
    "CounterOfferMade.offer.amount.currency",
    "CounterOfferMade.offer.conversion",
    "CounterOfferMade.offer.refund_amount",
    "CounterOfferMade.offer.refund_amount.currency",
    "CounterOfferMade.offer.address.recipient",
    "CounterOfferMade.offer.address.phone",
    "CounterOfferMade.offer.address.address",
    "CounterOfferAnswered.answer",
    "ReplacementVariantChosen.line_id",
    "ReplacementVariantChosen.sku",
    "ReplacementVariantChosen.name",
    "ReplacementVariantChosen.price_difference.currency",
    "PriceDifferenceChargeRequested.amount.currency",
    "PoolParcelMatched.parcel_id",
    "PoolParcelMatched.carrier",
    "PoolParcelMatched.tracking_number",
    "PoolParcelMatched.matched_by",
    "EvidenceSubmitted.platform",
    "EvidenceSubmitted.via",
    "EvidenceSubmitted.pack_sha256",
    "PlatformActionRequested.platform",
    "PlatformActionRequested.after_sale_id",
    "PlatformActionRequested.action",
    "PlatformActionRequested.params.carrier",
    "PlatformActionRequested.params.tracking_number",
    "PlatformActionRequested.params.amount.currency",
    "PlatformActionRequested.params.conversion",
    "PlatformActionRequested.params.reason_code",
    "PlatformActionDone.action",
    "PlatformActionConfirmed.platform_status",
    "PlatformActionSucceeded.reference",
    "PlatformActionRefused.code",
    "PlatformActionRefused.message",
    "PlatformActionNeedsPerson.reason",
    "PlatformActionNeedsPerson.code",
    "PlatformActionNeedsPerson.message",
];

/// The personal fields of command inputs, as `CommandName.path`, each with
/// the event field (`EventType.path`) it is recorded in, which is personal
/// and so encrypted.
pub const PERSONAL_INPUTS: &[(&str, &str)] = &[
    ("OpenTicket.customer", "TicketOpened.customer"),
    ("OpenTicket.customer_phone", "TicketOpened.customer_phone"),
    (
        "OpenTicket.customer_address",
        "TicketOpened.customer_address",
    ),
    ("OpenTicket.reason_text", "TicketOpened.reason_text"),
    ("RejectApplication.reason", "ApplicationRejected.reason"),
    ("RecordInspection.notes", "LineInspected.notes"),
    (
        "SendInspectionFeedback.message",
        "InspectionFeedbackSent.message",
    ),
    ("DisputeInspection.reason", "InspectionDisputed.reason"),
    ("CloseTicket.note", "TicketClosed.note"),
    ("CancelTicket.reason", "TicketCancelled.reason"),
    ("AddNote.text", "NoteAdded.text"),
    ("ResolvePlatformSync.note", "PlatformSyncResolved.note"),
    (
        "RecordPlatformCorrection.customer_phone",
        "CustomerContactCorrected.customer_phone",
    ),
    (
        "RecordPlatformCorrection.customer_address",
        "CustomerContactCorrected.customer_address",
    ),
    ("MakeCounterOffer.note", "CounterOfferMade.note"),
];

/// Command input fields that are not personal, as `CommandName.path`
/// (`CommandName.*` for every field of a command): the same judgement as
/// the events' they become ([`NOT_PERSONAL`]).
pub const NOT_PERSONAL_INPUTS: &[&str] = &[
    "*.type",
    "RejectApplication.reason_code",
    "OpenTicket.kind",
    "OpenTicket.channel",
    "OpenTicket.platform_order_id",
    "OpenTicket.platform_after_sale_id",
    "OpenTicket.reason_code",
    "OpenTicket.currency",
    "OpenTicket.lines[].line_id",
    "OpenTicket.lines[].sku",
    "OpenTicket.lines[].name",
    "OpenTicket.lines[].paid.currency",
    "OpenTicket.custom_fields.*",
    "ApproveApplication.*",
    "RegisterReturnShipment.*",
    "ReceiveReturn.*",
    "RecordInspection.line_id",
    "RecordInspection.grade",
    "RecordInspection.verdict",
    "RecordInspection.deduction.currency",
    "RecordInspection.photo_refs[]",
    "RequestRefund.*",
    "IssueRefund.*",
    "RecordRefundFailure.*",
    "ShipReplacement.*",
    "ReturnGoodsToCustomer.*",
    "CloseTicket.resolution",
    "AssignTicket.*",
    "AddNote.author",
    "UpdateCustomFields.*",
    "ScheduleFollowUp.*",
    "CompleteFollowUp.*",
    "RecordMissedDeadline.*",
    "RecordPlatformApproval.*",
    "RecordPlatformRefund.*",
    "RecordPlatformSyncIssue.*",
    "RecordPlatformDeadline.*",
    "RecordPlatformDeadlineNear.*",
    "RecordPlatformArbitration.*",
    "RecordPlatformCorrection.platform",
    "RecordPlatformCorrection.return_shipment.carrier",
    "RecordPlatformCorrection.return_shipment.tracking_number",
    "StatePriceDifference.*",
    "ShipReshipment.*",
    "ConfirmReshipmentReceived.*",
    "RecordRepair.*",
    "ShipRepairedGoods.*",
    "ConvertTicket.*",
    // The offer's address is another return address: the merchant's desk.
    "MakeCounterOffer.offer.*",
    "RecordOfferAnswer.*",
    "ExpireCounterOffer.*",
    "ChooseReplacementVariant.*",
    "ReceiveMatchedParcel.*",
    "RecordEvidenceSubmission.*",
    "ConfirmPlatformAction.*",
    "RecordPlatformConfirmation.*",
    "RecordPlatformActionOutcome.*",
];

/// The personal fields of events of type `event_type`.
pub fn personal_fields(event_type: &str) -> impl Iterator<Item = &'static PersonalField> + '_ {
    PERSONAL_FIELDS
        .iter()
        .filter(move |f| f.event_type == event_type)
}

/// What a reader shows for a personal field whose key was erased.
pub const ERASED: &str = "[erased]";

/// The natural key of the data subject who opened a ticket: the channel and
/// the platform's buyer id (or the name given for a manual ticket). The same
/// buyer on the same channel is one subject across tickets, so erasing them
/// reaches every ticket. Compared trimmed and case-folded.
pub fn subject_source(channel: &str, customer: &str) -> String {
    format!(
        "{}\u{1f}{}",
        channel.trim().to_lowercase(),
        customer.trim().to_lowercase()
    )
}

/// A phone masked for roles that only need to recognise it: the first three
/// and last four digits stay (`138****0000`); shorter numbers show only
/// their last two digits.
pub fn mask_phone(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    if digits.len() >= 8 {
        let head: String = digits[..3].iter().collect();
        let tail: String = digits[digits.len() - 4..].iter().collect();
        format!("{head}****{tail}")
    } else {
        let keep = digits.len().min(2);
        let tail: String = digits[digits.len() - keep..].iter().collect();
        format!("{}{tail}", "*".repeat(digits.len() - keep))
    }
}

/// A name masked to the family name: for Chinese (CJK) names the first
/// character (the family name comes first), for Latin names the last word
/// (it comes last), each followed by `*` for what was hidden.
pub fn mask_name(name: &str) -> String {
    let name = name.trim();
    let Some(first) = name.chars().next() else {
        return String::new();
    };
    if is_cjk(first) {
        return format!("{first}*");
    }
    match name.rsplit_once(char::is_whitespace) {
        Some((_, family)) => format!("* {family}"),
        None => format!("{first}*"),
    }
}

/// Free text or an address, hidden entirely: it cannot be shortened safely.
pub fn mask_text(_text: &str) -> String {
    "***".to_owned()
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Masks `value` of kind `kind` for a role that may see it only masked.
pub fn mask(kind: PersonalKind, value: &str) -> String {
    match kind {
        PersonalKind::Name => mask_name(value),
        PersonalKind::Phone => mask_phone(value),
        PersonalKind::Address | PersonalKind::Text => mask_text(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_keep_the_first_three_and_last_four_digits() {
        assert_eq!(mask_phone("13812340000"), "138****0000");
        assert_eq!(mask_phone("+86 138 1234 0000"), "861****0000");
        assert_eq!(mask_phone("1234"), "**34");
    }

    #[test]
    fn names_keep_the_family_name_only() {
        assert_eq!(mask_name("李小龙"), "李*");
        assert_eq!(mask_name("Ada Lovelace"), "* Lovelace");
        assert_eq!(mask_name("buyer_li"), "b*");
        assert_eq!(mask_name(""), "");
    }

    #[test]
    fn kinds_round_trip_through_their_tags() {
        for kind in [
            PersonalKind::Name,
            PersonalKind::Phone,
            PersonalKind::Address,
            PersonalKind::Text,
        ] {
            assert_eq!(PersonalKind::from_tag(kind.tag()), Some(kind));
        }
    }

    #[test]
    fn every_personal_field_names_a_known_event() {
        for f in PERSONAL_FIELDS {
            assert!(crate::Event::TYPES.contains(&f.event_type), "{f:?}");
        }
    }
}
