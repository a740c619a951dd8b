//! Pins the JSON of one example of every event. The log keeps these payloads
//! forever, so a change here must be deliberate: bump the schema version and
//! add an upcaster, then regenerate with `UPDATE_GOLDEN=1 cargo test -p returns-domain --test golden`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::BTreeMap;

use common::*;
use returns_domain::event::*;
use returns_domain::ticket::*;
use returns_domain::{Event, TicketKind, EVENT_SCHEMA_VERSION};
use serde_json::{json, Value};

const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/golden/events.json");

fn examples() -> Vec<Event> {
    vec![
        Event::TicketOpened(TicketOpened {
            ticket_id: ticket_id(),
            kind: TicketKind::ReturnAndRefund,
            channel: "douyin".into(),
            platform_order_id: Some("DY-1".into()),
            platform_after_sale_id: None,
            customer: "buyer_li".into(),
            customer_phone: Some("13812340000".into()),
            customer_address: Some("上海市嘉定区 1 号".into()),
            reason_code: reason_codes::QUALITY_ISSUE.into(),
            reason_text: "seam came apart".into(),
            lines: lines(),
            currency: cny(),
            custom_fields: BTreeMap::from([("vip".to_owned(), json!(true))]),
            opened_at: at(0),
            review_deadline: at(60),
        }),
        Event::ApplicationApproved(ApplicationApproved {
            return_address: Some(address()),
            ship_back_deadline: Some(at(7 * 24 * 60)),
            approved_at: at(10),
            by_platform: None,
        }),
        Event::ApplicationRejected(ApplicationRejected {
            reason: "outside the return window".into(),
            rejected_at: at(10),
        }),
        Event::ReturnShipmentRegistered(ReturnShipmentRegistered {
            carrier: "SF".into(),
            tracking_number: "SF1234567890".into(),
            registered_at: at(20),
        }),
        Event::ReturnReceived(ReturnReceived {
            lines: vec![ReceivedLine {
                line_id: "L1".into(),
                qty: 2,
            }],
            package_condition: PackageCondition::Damaged,
            received_at: at(30),
        }),
        Event::LineInspected(LineInspected {
            line_id: "L1".into(),
            qty_inspected: 2,
            qty_accepted: 1,
            grade: Grade::Opened,
            verdict: Verdict::Pass,
            deduction: fen(500),
            notes: "one unit stained".into(),
            photo_refs: vec!["photos/1.jpg".into()],
            inspected_at: at(40),
        }),
        Event::InspectionCompleted(InspectionCompleted {
            outcome: InspectionOutcome::Partial,
            refundable_amount: fen(9_499),
            completed_at: at(50),
        }),
        Event::InspectionFeedbackSent(InspectionFeedbackSent {
            message: "one unit accepted".into(),
            sent_at: at(60),
        }),
        Event::InspectionDisputed(InspectionDisputed {
            reason: "both were clean".into(),
            disputed_at: at(70),
        }),
        Event::RefundRequested(RefundRequested {
            refund_id: id(1),
            amount: fen(9_499),
            requested_at: at(80),
        }),
        Event::RefundApproved(RefundApproved {
            refund_id: id(1),
            approved_at: at(90),
        }),
        Event::RefundIssued(RefundIssued {
            refund_id: id(1),
            amount: fen(9_499),
            gateway_reference: "GW-1".into(),
            issued_at: at(100),
            payer: None,
        }),
        Event::RefundFailed(RefundFailed {
            refund_id: id(1),
            reason: "gateway timeout".into(),
            failed_at: at(100),
        }),
        Event::ReplacementShipped(ReplacementShipped {
            carrier: "YTO".into(),
            tracking_number: "YT1".into(),
            shipped_at: at(110),
        }),
        Event::GoodsReturnedToCustomer(GoodsReturnedToCustomer {
            carrier: "YTO".into(),
            tracking_number: "YT2".into(),
            returned_at: at(110),
        }),
        Event::TicketClosed(TicketClosed {
            resolution: Resolution::RejectedAfterInspection,
            note: Some("goods sent back".into()),
            closed_at: at(120),
        }),
        Event::TicketCancelled(TicketCancelled {
            reason: "customer withdrew".into(),
            cancelled_at: at(120),
        }),
        Event::TicketAssigned(TicketAssigned {
            assignee: Some("agent_wang".into()),
            assigned_at: at(5),
        }),
        Event::NoteAdded(NoteAdded {
            author: "agent_wang".into(),
            text: "called the customer".into(),
            added_at: at(6),
        }),
        Event::CustomFieldsUpdated(CustomFieldsUpdated {
            fields: BTreeMap::from([
                ("priority".to_owned(), json!("high")),
                ("vip".to_owned(), Value::Null),
            ]),
            updated_at: at(7),
        }),
        Event::FollowUpScheduled(FollowUpScheduled {
            follow_up_id: id(2),
            due_at: at(3 * 24 * 60),
            purpose: "quality_complaint".into(),
            scheduled_at: at(8),
        }),
        Event::FollowUpCompleted(FollowUpCompleted {
            follow_up_id: id(2),
            outcome: "satisfied".into(),
            completed_at: at(3 * 24 * 60 + 5),
        }),
        Event::DeadlineMissed(DeadlineMissed {
            deadline: DeadlineKind::ShipBack,
            due_at: at(7 * 24 * 60),
            missed_at: at(7 * 24 * 60 + 1),
        }),
        Event::PlatformSyncPending(PlatformSyncPending {
            platform: "douyin".into(),
            platform_version: Some(1_763_618_580),
            platform_status: Some("return_shipped".into()),
            missing: vec!["sync.RegisterReturnShipment.tracking_number at $.return_logistics_code: expected a value (required), found missing".into()],
            recorded_at: at(20),
        }),
        Event::PlatformSyncConflicted(PlatformSyncConflicted {
            platform: "douyin".into(),
            platform_version: Some(1_763_618_600),
            platform_status: Some("refused".into()),
            details: vec!["the platform says refused; the ticket is received".into()],
            recorded_at: at(40),
        }),
        Event::PlatformSyncResolved(PlatformSyncResolved {
            note: "called the buyer; platform record corrected".into(),
            resolved_at: at(50),
        }),
        Event::PlatformDeadlineSet(PlatformDeadlineSet {
            platform: "douyin".into(),
            platform_status: Some("return_shipped".into()),
            due_at: at(3 * 24 * 60),
            recorded_at: at(20),
        }),
        Event::PlatformDeadlineNear(PlatformDeadlineNear {
            due_at: at(3 * 24 * 60),
            noticed_at: at(3 * 24 * 60 - 6 * 60),
        }),
        Event::PlatformArbitrationOpened(PlatformArbitrationOpened {
            platform: "douyin".into(),
            platform_status: Some("return_shipped".into()),
            due_at: Some(at(2 * 24 * 60)),
            opened_at: at(50),
        }),
        Event::PlatformArbitrationDecided(PlatformArbitrationDecided {
            platform: "douyin".into(),
            outcome: ArbitrationOutcome::ForBuyer,
            platform_status: Some("succeeded".into()),
            decided_at: at(24 * 60),
        }),
        Event::ReturnShipmentCorrected(ReturnShipmentCorrected {
            platform: "douyin".into(),
            carrier: "顺丰速运".into(),
            tracking_number: "SF1400012345679".into(),
            previous_tracking_number: Some("SF1400012345678".into()),
            corrected_at: at(30),
        }),
        Event::CustomerContactCorrected(CustomerContactCorrected {
            platform: "taobao".into(),
            customer_phone: Some("13812340001".into()),
            customer_address: Some("上海市浦东新区世纪大道100号".into()),
            corrected_at: at(30),
        }),
        Event::PriceDifferenceStated(PriceDifferenceStated {
            amount: fen(2_000),
            source: returns_domain::command::DifferenceSource::Platform,
            basis: "listed 99.99 on 03-01, 79.99 on 03-05".into(),
            stated_at: at(5),
        }),
        Event::ReshipmentShipped(ReshipmentShipped {
            carrier: "ZTO".into(),
            tracking_number: "ZT1".into(),
            contents: "1 x charger cable".into(),
            shipped_at: at(24 * 60),
        }),
        Event::ReshipmentReceived(ReshipmentReceived {
            confirmed_by: ReceiptBy::Platform,
            received_at: at(3 * 24 * 60),
        }),
        Event::RepairRecorded(RepairRecorded {
            method: RepairMethod::PartsSent,
            work_done: "sent a new hinge".into(),
            parts: vec!["hinge H-2".into()],
            cost: fen(800),
            parts_shipment: Some(Shipment {
                carrier: "ZTO".into(),
                tracking_number: "ZT2".into(),
            }),
            repaired_at: at(2 * 24 * 60),
        }),
        Event::RepairedGoodsShipped(RepairedGoodsShipped {
            carrier: "SF".into(),
            tracking_number: "SF9".into(),
            shipped_at: at(4 * 24 * 60),
        }),
        Event::TicketConverted(TicketConverted {
            conversion: Conversion::ExchangeToRefund,
            refund_amount: Some(fen(9_499)),
            reason: "replacement out of stock".into(),
            converted_at: at(60),
        }),
        Event::CounterOfferMade(CounterOfferMade {
            offer_id: uuid::Uuid::from_u128(0x0195_5c5e_0000_7000_8000_0000_0000_00a1),
            offer: CounterOffer::PartialRefund { amount: fen(6_000) },
            respond_by: at(2 * 24 * 60),
            note: "keep the jacket, we refund 60.00".into(),
            made_at: at(20),
        }),
        Event::CounterOfferAnswered(CounterOfferAnswered {
            offer_id: uuid::Uuid::from_u128(0x0195_5c5e_0000_7000_8000_0000_0000_00a1),
            answer: OfferAnswer::Accepted,
            answered_at: at(60),
        }),
        Event::CounterOfferExpired(CounterOfferExpired {
            offer_id: uuid::Uuid::from_u128(0x0195_5c5e_0000_7000_8000_0000_0000_00a2),
            expired_at: at(2 * 24 * 60),
        }),
        Event::ReplacementVariantChosen(ReplacementVariantChosen {
            line_id: "L1".into(),
            sku: "SKU-TEE-L".into(),
            name: "T-shirt L".into(),
            price_difference: fen(-2_000),
            chosen_at: at(30),
        }),
        Event::PriceDifferenceChargeRequested(PriceDifferenceChargeRequested {
            amount: fen(1_500),
            requested_at: at(4 * 24 * 60),
        }),
        Event::PoolParcelMatched(PoolParcelMatched {
            parcel_id: uuid::Uuid::from_u128(0x0195_5c5e_0000_7000_8000_0000_0000_00b1),
            carrier: "YTO".into(),
            tracking_number: "YT-7788".into(),
            matched_by: returns_domain::parcel::MatchedBy::Automatic,
            matched_at: at(3 * 24 * 60),
        }),
        Event::EvidenceSubmitted(EvidenceSubmitted {
            platform: "douyin".into(),
            via: returns_domain::command::SubmissionVia::BackOffice,
            pack_sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08".into(),
            sent: Vec::new(),
            submitted_at: at(2 * 24 * 60),
        }),
        Event::PlatformActionRequested(PlatformActionRequested {
            seq: 1,
            platform: "douyin".into(),
            after_sale_id: "7300000000000000001".into(),
            action: returns_domain::platform_action::PlatformAction::ShipExchange,
            params: returns_domain::platform_action::PlatformActionParams {
                carrier: Some("SF Express".into()),
                tracking_number: Some("SF1234567890".into()),
                ..Default::default()
            },
            due_by: Some(at(5 * 24 * 60)),
            requested_at: at(3 * 24 * 60),
        }),
        Event::PlatformActionDone(PlatformActionDone {
            seq: 1,
            action: returns_domain::platform_action::PlatformAction::ShipExchange,
            done_at: at(3 * 24 * 60 + 5),
        }),
        Event::PlatformActionConfirmed(PlatformActionConfirmed {
            seq: 1,
            platform_status: "seller_shipped".into(),
            platform_version: Some(1763618900),
            confirmed_at: at(3 * 24 * 60 + 30),
        }),
        Event::PlatformActionSucceeded(PlatformActionSucceeded {
            seq: 2,
            platform_version: Some(1763618950),
            reference: Some("20261120093000010203".into()),
            already_done: false,
            succeeded_at: at(3 * 24 * 60 + 31),
        }),
        Event::PlatformActionRefused(PlatformActionRefused {
            seq: 3,
            code: "isv.refund-status-error".into(),
            message: "退款状态不允许该操作".into(),
            refused_at: at(3 * 24 * 60 + 32),
        }),
        Event::PlatformActionNeedsPerson(PlatformActionNeedsPerson {
            seq: 4,
            reason: "back_office_only".into(),
            code: Some("isv.business-failed:11001".into()),
            message: "请到抖店后台操作".into(),
            since: at(3 * 24 * 60 + 33),
        }),
    ]
}

fn actual() -> Value {
    let map: serde_json::Map<String, Value> = examples()
        .iter()
        .map(|e| (e.event_type().to_owned(), serde_json::to_value(e).unwrap()))
        .collect();
    Value::Object(map)
}

#[test]
fn every_event_has_an_example() {
    let examples = examples();
    let types: Vec<&str> = examples.iter().map(Event::event_type).collect();
    assert_eq!(types, Event::TYPES.to_vec());
}

#[test]
fn event_json_matches_the_golden_file() {
    let actual = actual();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        let text = serde_json::to_string_pretty(&actual).unwrap() + "\n";
        std::fs::write(GOLDEN, text).unwrap();
    }
    let expected: Value = serde_json::from_str(&std::fs::read_to_string(GOLDEN).unwrap()).unwrap();
    assert_eq!(actual, expected, "event JSON changed; see the module docs");
}

#[test]
fn golden_json_deserializes_back_to_the_same_events() {
    let expected: Value = serde_json::from_str(&std::fs::read_to_string(GOLDEN).unwrap()).unwrap();
    for event in examples() {
        let json = &expected[event.event_type()];
        assert_eq!(json["type"], event.event_type(), "tag equals event_type()");
        let back: Event = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(back, event);
        assert_eq!(event.schema_version(), EVENT_SCHEMA_VERSION);
    }
    assert_eq!(EVENT_SCHEMA_VERSION, 1);
}

#[test]
fn every_event_decodes_straight_from_its_stored_type() {
    for event in examples() {
        let json = serde_json::to_string(&event).unwrap();
        let direct = Event::from_stored(event.event_type(), &json).unwrap();
        assert_eq!(direct, event, "{}", event.event_type());
    }
}

#[test]
fn an_unknown_currency_shape_cannot_be_deserialized() {
    let mut json = serde_json::to_value(&examples()[9]).unwrap();
    json["amount"]["currency"] = json!("cny");
    assert!(serde_json::from_value::<Event>(json).is_err());
}

/// Every string (or absent optional) in every event example is classified:
/// personal (`personal::PERSONAL_FIELDS`, sealed by the store) or not
/// (`personal::NOT_PERSONAL`). Timestamps and ids are recognised by shape.
/// A new event or field fails here until someone decides which it is.
#[test]
fn every_string_field_of_every_event_is_classified_as_personal_or_not() {
    use returns_domain::personal::{personal_fields, NOT_PERSONAL};

    fn leaves(value: &Value, path: String, out: &mut Vec<(String, Value)>) {
        match value {
            Value::Object(map) => {
                for (key, inner) in map {
                    let sep = if path.is_empty() { "" } else { "." };
                    leaves(inner, format!("{path}{sep}{key}"), out);
                }
            }
            Value::Array(items) => {
                for inner in items {
                    leaves(inner, format!("{path}[]"), out);
                }
            }
            other => out.push((path, other.clone())),
        }
    }
    fn shaped_like_data(s: &str) -> bool {
        chrono::DateTime::parse_from_rfc3339(s).is_ok() || uuid::Uuid::parse_str(s).is_ok()
    }

    let mut unclassified = Vec::new();
    for event in examples() {
        let event_type = event.event_type();
        let mut found = Vec::new();
        leaves(
            &serde_json::to_value(&event).unwrap(),
            String::new(),
            &mut found,
        );
        for (path, value) in found {
            let could_hold_text = match &value {
                Value::String(s) => !shaped_like_data(s),
                Value::Null => true,
                _ => false,
            };
            if !could_hold_text {
                continue;
            }
            let top = path.split(['.', '[']).next().unwrap_or_default().to_owned();
            let personal = personal_fields(event_type).any(|f| {
                f.path == path
                    || f.path.trim_end_matches("[]") == top
                        && f.path.ends_with("[]")
                        && path == format!("{top}[]")
            });
            let full = format!("{event_type}.{path}");
            let not_personal = NOT_PERSONAL.iter().any(|n| {
                *n == full
                    || *n == format!("*.{path}")
                    || n.strip_suffix(".*")
                        .is_some_and(|prefix| full.starts_with(&format!("{prefix}.")))
            });
            if personal == not_personal {
                unclassified.push(format!(
                    "{full} (personal: {personal}, not personal: {not_personal})"
                ));
            }
        }
    }
    assert!(
        unclassified.is_empty(),
        "classify each in returns_domain::personal, exactly once: {unclassified:#?}"
    );
}

/// The list names only fields that exist: a renamed field cannot leave its
/// personal data unsealed while the list still names the old one.
#[test]
fn every_personal_field_exists_in_its_event_example() {
    let actual = actual();
    for field in returns_domain::personal::PERSONAL_FIELDS {
        let key = field.path.trim_end_matches("[]");
        assert!(
            actual[field.event_type].get(key).is_some(),
            "{}.{} is listed as personal but the event has no such field",
            field.event_type,
            field.path
        );
    }
}

/// `customer_phone` and `customer_address` were added to `TicketOpened` as
/// optional fields: payloads written before them still decode (as `None`),
/// so schema version 1 needs no upcaster.
#[test]
fn a_ticket_opened_without_phone_or_address_still_decodes() {
    let mut json = serde_json::to_value(&examples()[0]).unwrap();
    let map = json.as_object_mut().unwrap();
    map.remove("customer_phone");
    map.remove("customer_address");
    let Event::TicketOpened(opened) = serde_json::from_value::<Event>(json).unwrap() else {
        panic!("not a TicketOpened");
    };
    assert_eq!(opened.customer_phone, None);
    assert_eq!(opened.customer_address, None);
}
