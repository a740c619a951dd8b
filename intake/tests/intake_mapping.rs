//! The shipped mappings against sample payloads: every code maps, every
//! conversion is exact, and a payload that does not fit says where and why.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, TimeZone, Utc};
use returns_domain::{Command, CommandKind, TicketKind};
use returns_intake::{preview, ticket_id_for, MappedTicket, Mapping, MappingError, Mappings};
use serde_json::{json, Value};

mod common;
use common::fixture;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 0, 0, 0).unwrap()
}

fn mapping(platform: &str) -> std::sync::Arc<Mapping> {
    Mappings::builtin().unwrap().get(platform).unwrap()
}

fn map(platform: &str, payload: &Value) -> Result<MappedTicket, Vec<MappingError>> {
    preview(&mapping(platform), payload, now())
}

/// The warnings of a record that still maps: every problem outside the core.
fn warnings(platform: &str, payload: &Value) -> Vec<MappingError> {
    map(platform, payload)
        .unwrap_or_else(|e| panic!("a record with a valid core maps: {e:?}"))
        .warnings
}

fn with(mut payload: Value, key: &str, value: Value) -> Value {
    payload[key] = value;
    payload
}

fn without(mut payload: Value, key: &str) -> Value {
    payload.as_object_mut().unwrap().remove(key);
    payload
}

#[test]
fn shipped_mappings_load_from_the_directory_and_match_the_embedded_ones() {
    let dir = format!("{}/mappings", env!("CARGO_MANIFEST_DIR"));
    let from_dir = Mappings::load_dir(dir).unwrap();
    let builtin = Mappings::builtin().unwrap();
    assert_eq!(from_dir.platforms(), vec!["douyin", "kuaishou", "taobao"]);
    for platform in builtin.platforms() {
        assert_eq!(
            from_dir.get(&platform).unwrap().source(),
            builtin.get(&platform).unwrap().source()
        );
    }
}

#[test]
fn douyin_return_maps_every_target() {
    let m = map("douyin", &fixture("douyin_return")).unwrap();
    assert_eq!(m.platform, "douyin");
    assert_eq!(m.aftersale_id, "7311234567890123456");
    assert_eq!(m.ticket_id, ticket_id_for("douyin", "7311234567890123456"));
    assert_eq!(m.platform_version, Some(1_763_618_580));
    assert_eq!(m.platform_status.as_deref(), Some("awaiting_seller"));
    let open = &m.open;
    assert_eq!(open.kind, TicketKind::ReturnAndRefund);
    assert_eq!(open.channel, "douyin");
    assert_eq!(
        open.platform_order_id.as_deref(),
        Some("6929876543210987654")
    );
    assert_eq!(
        open.platform_after_sale_id.as_deref(),
        Some("7311234567890123456")
    );
    assert_eq!(open.customer, "抖音用户_小王");
    assert_eq!(open.reason_code, "quality_issue");
    assert_eq!(open.reason_text, "领口开线");
    assert_eq!(open.currency.as_str(), "CNY");
    assert_eq!(
        open.at,
        Utc.with_ymd_and_hms(2025, 11, 20, 6, 3, 0).unwrap()
    );
    // The platform's deadline becomes the review deadline and stays visible.
    let deadline = Utc.with_ymd_and_hms(2025, 11, 22, 6, 3, 0).unwrap();
    assert_eq!(m.deadline, Some(deadline));
    assert_eq!(open.review_deadline, deadline);
    assert_eq!(open.lines.len(), 1);
    let line = &open.lines[0];
    assert_eq!(line.line_id, "6929876543210987655");
    assert_eq!(line.sku, "TEE-BLK-M");
    assert_eq!(line.qty, 2);
    assert_eq!(line.paid.amount_minor, 11_980);
    assert_eq!(
        serde_json::to_value(&open.custom_fields).unwrap(),
        json!({
            "goods_shipped": true,
            "platform_deadline": "2025-11-22T06:03:00Z",
            "related_order_id": "6929876543210987655",
            "return_postage": 800
        })
    );
    assert!(m.status_command.is_none());
}

#[test]
fn douyin_without_deadline_gets_the_default_review_window() {
    let m = map("douyin", &fixture("douyin_exchange")).unwrap();
    assert_eq!(m.aftersale_id, "7311234567890129999");
    assert_eq!(m.open.kind, TicketKind::Exchange);
    assert_eq!(m.open.customer, "douyin buyer");
    assert_eq!(m.open.reason_code, "size_issue");
    assert_eq!(m.open.lines[0].qty, 1);
    assert_eq!(m.deadline, None);
    assert_eq!(
        m.open.review_deadline,
        m.open.at + chrono::Duration::hours(48)
    );
    assert_eq!(m.open.custom_fields["exchange_sku"], json!("SHOE-WHT-43"));
}

#[test]
fn douyin_every_aftersale_type_maps_to_its_kind() {
    let base = fixture("douyin_return");
    for (code, kind, shipped) in [
        (0, TicketKind::ReturnAndRefund, true),
        (1, TicketKind::RefundOnly, true),
        (2, TicketKind::RefundOnly, false),
        (3, TicketKind::Exchange, true),
    ] {
        let m = map("douyin", &with(base.clone(), "aftersale_type", json!(code))).unwrap();
        assert_eq!(m.open.kind, kind, "aftersale_type {code}");
        assert_eq!(m.open.custom_fields["goods_shipped"], json!(shipped));
    }
}

#[test]
fn douyin_every_status_code_maps() {
    let base = fixture("douyin_return");
    let base = with(base, "return_logistics_company_name", json!("顺丰速运"));
    let base = with(base, "return_logistics_code", json!("SF1400012345678"));
    for (code, status, command) in [
        (6, "awaiting_seller", None),
        (7, "awaiting_return", Some("RecordPlatformApproval")),
        (
            8,
            "awaiting_seller_shipment",
            Some("RecordPlatformApproval"),
        ),
        (11, "return_shipped", Some("RegisterReturnShipment")),
        (12, "succeeded", Some("RecordPlatformRefund")),
        // The seller shipped (after the buyer's return): the return parcel first.
        (13, "seller_shipped", Some("RegisterReturnShipment")),
        (14, "buyer_received", None),
        (27, "refused", Some("RejectApplication")),
        (29, "refused_after_receipt", Some("RegisterReturnShipment")),
        (51, "closed", Some("CancelTicket")),
        (53, "completed", Some("RecordPlatformRefund")),
        (28, "closed", Some("CancelTicket")),
    ] {
        let m = map(
            "douyin",
            &with(base.clone(), "aftersale_status", json!(code)),
        )
        .unwrap();
        assert_eq!(m.platform_status.as_deref(), Some(status), "status {code}");
        assert_eq!(
            m.status_command.as_ref().map(|c| c.command.name()),
            command,
            "status {code}"
        );
    }
}

/// Every status code the platform documents (PLATFORMS.md) has a meaning in
/// the shipped mapping: a step, a flag for a person, or recorded.
#[test]
fn every_documented_status_code_is_handled_by_the_shipped_mappings() {
    let documented: [(&str, &[&str]); 3] = [
        (
            "taobao",
            &[
                "WAIT_SELLER_AGREE",
                "WAIT_BUYER_RETURN_GOODS",
                "WAIT_SELLER_CONFIRM_GOODS",
                "SELLER_REFUSE_BUYER",
                "CLOSED",
                "SUCCESS",
            ],
        ),
        (
            "douyin",
            &[
                "6", "7", "8", "11", "12", "13", "14", "27", "28", "29", "51", "53",
            ],
        ),
        (
            "kuaishou",
            &[
                "10", "11", "20", "21", "22", "23", "30", "40", "45", "50", "60", "70",
            ],
        ),
    ];
    for (platform, codes) in documented {
        let m = mapping(platform);
        let table = m.status_table(&Default::default());
        let listed: Vec<&str> = table.iter().map(|r| r.code.as_str()).collect();
        let mut expected = codes.to_vec();
        expected.sort_unstable();
        let mut listed_sorted = listed.clone();
        listed_sorted.sort_unstable();
        assert_eq!(listed_sorted, expected, "{platform}: the documented codes");
        for row in &table {
            assert!(
                !row.does.is_empty(),
                "{platform} {} is not handled: {row:?}",
                row.code
            );
        }
    }
    // A mapping that drops a code is told so.
    let text = mapping("douyin")
        .source()
        .replace("\"29\" = \"refused_after_receipt\", ", "");
    let without_29 = Mapping::from_toml("douyin.toml", &text).unwrap();
    let table = without_29.status_table(&Default::default());
    let unhandled: Vec<&str> = table
        .iter()
        .filter(|r| r.does.is_empty())
        .map(|r| r.code.as_str())
        .collect();
    assert_eq!(unhandled, vec!["29"]);
}

/// Douyin 14 is "buyer received", read by kind: for an exchange the buyer
/// has the replacement, so the return went back before it (the ticket
/// catches up to the return parcel) and a person looks unless the warehouse
/// shipped the replacement; never a refund. On a refund it is the buyer's
/// own parcel: nothing.
#[test]
fn douyin_14_is_buyer_received_read_by_kind() {
    let exchange = with(fixture("douyin_exchange"), "aftersale_status", json!(14));
    let m = map("douyin", &exchange).unwrap();
    assert_eq!(m.platform_status.as_deref(), Some("buyer_received"));
    assert_eq!(
        m.target,
        Some(CommandKind::RegisterReturnShipment),
        "the return parcel, never a refund"
    );
    assert_eq!(m.flags.len(), 1);
    let refund = with(fixture("douyin_return"), "aftersale_status", json!(14));
    let m = map("douyin", &refund).unwrap();
    assert_eq!((m.target, m.flags.len()), (None, 0));
}

/// Douyin 6/7/8 and Kuaishou 4/5 open tickets of their kinds (PLATFORMS.md),
/// and Taobao's `special_refund_type` makes a price-protection ticket.
#[test]
fn price_protection_reship_and_repair_records_map_to_their_kinds() {
    for (code, kind) in [
        (6, TicketKind::PriceProtection),
        (7, TicketKind::Reship),
        (8, TicketKind::Repair),
    ] {
        let m = map(
            "douyin",
            &with(fixture("douyin_return"), "aftersale_type", json!(code)),
        )
        .unwrap();
        assert_eq!(m.open.kind, kind, "douyin {code}");
    }
    for (code, kind) in [(4, TicketKind::Reship), (5, TicketKind::Repair)] {
        let m = map(
            "kuaishou",
            &with(fixture("kuaishou_return"), "handlingWay", json!(code)),
        )
        .unwrap();
        assert_eq!(m.open.kind, kind, "kuaishou {code}");
    }
    for code in ["priceProtect", "cashBack"] {
        let m = map(
            "taobao",
            &with(
                fixture("taobao_refund_only"),
                "special_refund_type",
                json!(code),
            ),
        )
        .unwrap();
        assert_eq!(m.open.kind, TicketKind::PriceProtection, "taobao {code}");
    }
    // Without it, `bill_type` names the kind as before.
    let m = map("taobao", &fixture("taobao_refund_only")).unwrap();
    assert_eq!(m.open.kind, TicketKind::RefundOnly);
}

/// A price-protection record states its difference from what goes back to
/// the buyer (Douyin `refund_amount`, Taobao `refund_fee`); without it the
/// step waits for a person rather than assume all that was paid.
#[test]
fn a_price_protection_record_states_the_difference_it_pays_back() {
    let taobao = with(
        fixture("taobao_refund_only"),
        "special_refund_type",
        json!("priceProtect"),
    );
    let m = map("taobao", &taobao).unwrap();
    let step = m
        .step(returns_domain::CommandKind::StatePriceDifference)
        .unwrap();
    let Some(Command::StatePriceDifference(c)) = &step.command else {
        panic!("no StatePriceDifference: {step:?}");
    };
    assert_eq!(c.amount.amount_minor, 1_990, "refund_fee 19.90");
    let douyin = without(
        with(fixture("douyin_return"), "aftersale_type", json!(6)),
        "refund_amount",
    );
    // `refund_amount` is also the line's paid amount on Douyin: without it
    // the record has no core, so Taobao shows the missing difference.
    assert!(map("douyin", &douyin).is_err());
    let taobao = without(taobao, "refund_fee");
    let m = map("taobao", &taobao).unwrap();
    let step = m
        .step(returns_domain::CommandKind::StatePriceDifference)
        .unwrap();
    assert!(step.command.is_none());
    assert!(step.missing.iter().any(|e| e.found == "missing"));
}

/// A kind code no ticket has is a rejected line naming the code.
#[test]
fn an_undocumented_kind_code_is_rejected_naming_it() {
    let errors = map(
        "douyin",
        &with(fixture("douyin_return"), "aftersale_type", json!(99)),
    )
    .unwrap_err();
    assert_eq!(errors[0].field, "ticket.kind");
    assert!(errors[0].found.contains("99"), "{errors:?}");
}

/// Kuaishou's list view calls `orderId` `oid` and `refundAmount` `refundFee`.
#[test]
fn kuaishou_list_view_names_are_aliases() {
    let list = without(
        without(fixture("kuaishou_return"), "orderId"),
        "refundAmount",
    );
    let list = with(
        with(list, "oid", json!(2100987654321_i64)),
        "refundFee",
        json!(19900),
    );
    let m = map("kuaishou", &list).unwrap();
    assert_eq!(m.open.platform_order_id.as_deref(), Some("2100987654321"));
    assert_eq!(m.open.lines[0].paid.amount_minor, 19_900);
}

#[test]
fn douyin_buyer_shipped_carries_carrier_and_tracking() {
    let payload = with(fixture("douyin_return"), "aftersale_status", json!(11));
    let payload = with(payload, "return_logistics_company_name", json!("顺丰速运"));
    let payload = with(payload, "return_logistics_code", json!("SF1400012345678"));
    let m = map("douyin", &payload).unwrap();
    match &m.status_command.unwrap().command {
        Command::RegisterReturnShipment(c) => {
            assert_eq!(c.carrier, "顺丰速运");
            assert_eq!(c.tracking_number, "SF1400012345678");
            assert_eq!(c.at, m.updated_at);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn douyin_buyer_shipped_without_tracking_still_maps_and_warns() {
    let payload = with(fixture("douyin_return"), "aftersale_status", json!(11));
    let m = map("douyin", &payload).unwrap();
    assert_eq!(m.status_command, None, "the shipment waits for its fields");
    assert_eq!(
        m.target,
        Some(returns_domain::CommandKind::RegisterReturnShipment)
    );
    let errors = m.warnings;
    assert_eq!(
        errors,
        vec![
            MappingError {
                path: "$.return_logistics_company_name".into(),
                field: "sync.RegisterReturnShipment.carrier".into(),
                expected: "a value (required)".into(),
                found: "missing".into(),
            },
            MappingError {
                path: "$.return_logistics_code".into(),
                field: "sync.RegisterReturnShipment.tracking_number".into(),
                expected: "a value (required)".into(),
                found: "missing".into(),
            }
        ]
    );
}

#[test]
fn douyin_reason_labels_map_and_unknown_labels_are_other() {
    let base = fixture("douyin_return");
    for (label, code) in [
        ("质量问题", "quality_issue"),
        ("商品破损/污渍", "logistics_damage"),
        ("商品与描述不符", "not_as_described"),
        ("发错货", "wrong_item"),
        ("少件/漏发", "missing_item"),
        ("七天无理由退换货", "changed_mind"),
        ("不想要了", "changed_mind"),
        ("尺码不合适", "size_issue"),
        ("物流太慢", "logistics_delay"),
        ("拍错了", "other"),
    ] {
        let payload = with(
            base.clone(),
            "reason_second_labels",
            json!([{"code": 1, "name": label}]),
        );
        assert_eq!(
            map("douyin", &payload).unwrap().open.reason_code,
            code,
            "{label}"
        );
    }
    let payload = without(base, "reason_second_labels");
    assert_eq!(map("douyin", &payload).unwrap().open.reason_code, "other");
}

#[test]
fn taobao_return_converts_yuan_strings_and_cst_times() {
    let m = map("taobao", &fixture("taobao_return")).unwrap();
    assert_eq!(m.aftersale_id, "212345678901234567");
    assert_eq!(m.platform_version, Some(1_763_618_580_123));
    assert_eq!(m.open.kind, TicketKind::ReturnAndRefund);
    assert_eq!(
        m.open.platform_order_id.as_deref(),
        Some("3012345678901234567")
    );
    assert_eq!(m.open.customer, "tb_buyer_88");
    assert_eq!(m.open.reason_code, "not_as_described");
    assert_eq!(
        m.open.at,
        Utc.with_ymd_and_hms(2026, 11, 20, 6, 3, 0).unwrap()
    );
    assert_eq!(
        m.open.review_deadline,
        Utc.with_ymd_and_hms(2026, 11, 22, 6, 3, 0).unwrap()
    );
    let line = &m.open.lines[0];
    assert_eq!(
        (line.line_id.as_str(), line.sku.as_str()),
        ("3012345678901234568", "CARDI-OAT-L")
    );
    assert_eq!(line.paid.amount_minor, 25_900);
    assert_eq!(
        serde_json::to_value(&m.open.custom_fields).unwrap(),
        json!({
            "goods_return_required": true,
            "goods_status": "received",
            "platform_deadline": "2026-11-22T06:03:00Z",
            "refund_requested": 25900,
            "sku_properties": "颜色分类:燕麦色;尺码:L"
        })
    );
}

/// TOP `Refund`: `total_fee` is what was paid, `refund_fee` what goes back to
/// the buyer, `payment` what the seller keeps (`total_fee` − `refund_fee`).
#[test]
fn taobao_paid_is_total_fee_and_the_refund_is_refund_fee() {
    let partial = with(
        with(
            with(fixture("taobao_return"), "total_fee", json!("199.00")),
            "refund_fee",
            json!("50.00"),
        ),
        "payment",
        json!("149.00"),
    );
    let m = map("taobao", &partial).unwrap();
    assert_eq!(m.open.lines[0].paid.amount_minor, 19_900);
    assert_eq!(m.open.custom_fields["refund_requested"], json!(5_000));
    // Without `total_fee`, its documented parts add up to it.
    let m = map("taobao", &without(partial.clone(), "total_fee")).unwrap();
    assert_eq!(m.open.lines[0].paid.amount_minor, 19_900);
    // A full refund: the seller keeps nothing, the line was still paid.
    let full = with(
        with(without(partial, "total_fee"), "refund_fee", json!("199.00")),
        "payment",
        json!("0.00"),
    );
    let m = map("taobao", &full).unwrap();
    assert_eq!(m.open.lines[0].paid.amount_minor, 19_900);
}

#[test]
fn taobao_refund_only_and_exchange_bills_map() {
    let m = map("taobao", &fixture("taobao_refund_only")).unwrap();
    assert_eq!(m.open.kind, TicketKind::RefundOnly);
    assert_eq!(m.aftersale_id, "212345678901230001");
    assert_eq!(m.open.lines[0].qty, 3);
    assert_eq!(m.open.lines[0].paid.amount_minor, 5_970);
    assert_eq!(m.open.custom_fields["refund_requested"], json!(1_990));
    assert_eq!(m.open.reason_code, "logistics_delay");
    let m = map("taobao", &fixture("taobao_exchange")).unwrap();
    assert_eq!(m.open.kind, TicketKind::Exchange);
    assert_eq!(m.open.reason_code, "size_issue");
}

#[test]
fn taobao_every_status_and_goods_status_maps() {
    let base = with(fixture("taobao_return"), "company_name", json!("中通快递"));
    let base = with(base, "sid", json!(75_012_345_678_901_i64));
    for (code, status) in [
        ("WAIT_SELLER_AGREE", "awaiting_seller"),
        ("WAIT_BUYER_RETURN_GOODS", "awaiting_return"),
        ("WAIT_SELLER_CONFIRM_GOODS", "return_shipped"),
        ("SELLER_REFUSE_BUYER", "refused"),
        ("CLOSED", "closed"),
        ("SUCCESS", "succeeded"),
    ] {
        let m = map("taobao", &with(base.clone(), "status", json!(code))).unwrap();
        assert_eq!(m.platform_status.as_deref(), Some(status), "{code}");
    }
    let shipped = map(
        "taobao",
        &with(base.clone(), "status", json!("WAIT_SELLER_CONFIRM_GOODS")),
    )
    .unwrap();
    match shipped.status_command.unwrap().command {
        Command::RegisterReturnShipment(c) => {
            assert_eq!(
                (c.carrier.as_str(), c.tracking_number.as_str()),
                ("中通快递", "75012345678901")
            );
        }
        other => panic!("{other:?}"),
    }
    for (code, value) in [
        ("BUYER_NOT_RECEIVED", "not_received"),
        ("BUYER_RECEIVED", "received"),
        ("BUYER_RETURNED_GOODS", "returned"),
    ] {
        let m = map("taobao", &with(base.clone(), "good_status", json!(code))).unwrap();
        assert_eq!(m.open.custom_fields["goods_status"], json!(value));
    }
}

#[test]
fn kuaishou_maps_handling_ways_fen_and_millis() {
    let m = map("kuaishou", &fixture("kuaishou_return")).unwrap();
    assert_eq!(m.aftersale_id, "2100123456789");
    assert_eq!(m.platform_version, Some(1_763_618_580_000));
    assert_eq!(m.open.kind, TicketKind::ReturnAndRefund);
    assert_eq!(m.open.customer, "88776655");
    assert_eq!(m.open.lines[0].paid.amount_minor, 19_900);
    assert_eq!(m.open.lines[0].sku, "EAR-NC-BLK");
    assert_eq!(
        m.open.at,
        Utc.with_ymd_and_hms(2025, 11, 20, 6, 3, 0).unwrap()
    );
    assert_eq!(m.open.custom_fields["negotiation"], json!("pending"));
    let m = map("kuaishou", &fixture("kuaishou_refund_only")).unwrap();
    assert_eq!(m.open.kind, TicketKind::RefundOnly);
    assert_eq!(m.open.lines[0].qty, 1, "qty defaults to 1");
    assert_eq!(m.open.lines[0].paid.amount_minor, 2_990);
    assert_eq!(m.open.custom_fields["negotiation"], json!("agreed"));
    let exchange = with(fixture("kuaishou_return"), "handlingWay", json!(3));
    assert_eq!(
        map("kuaishou", &exchange).unwrap().open.kind,
        TicketKind::Exchange
    );
}

#[test]
fn kuaishou_every_status_code_maps() {
    let base = with(
        fixture("kuaishou_return"),
        "expressNo",
        json!("YT7788990011"),
    );
    let base = with(base, "expressCode", json!(4));
    for (code, status) in [
        (10, "awaiting_seller"),
        (11, "awaiting_seller"),
        (20, "platform_intervening"),
        (21, "platform_intervening"),
        (22, "platform_confirmed"),
        (23, "platform_intervening"),
        (30, "awaiting_return"),
        (40, "return_shipped"),
        (45, "seller_shipped"),
        (50, "refunding"),
        (60, "succeeded"),
        (70, "closed"),
    ] {
        let m = map("kuaishou", &with(base.clone(), "status", json!(code))).unwrap();
        assert_eq!(m.platform_status.as_deref(), Some(status), "{code}");
    }
    for (code, value) in [(1, "pending"), (2, "agreed"), (3, "refused")] {
        let m = map(
            "kuaishou",
            &with(base.clone(), "negotiateStatus", json!(code)),
        )
        .unwrap();
        assert_eq!(m.open.custom_fields["negotiation"], json!(value));
    }
}

#[test]
fn unknown_codes_are_errors_naming_the_path_and_the_known_codes() {
    let errors = map(
        "douyin",
        &with(fixture("douyin_return"), "aftersale_type", json!(9)),
    )
    .unwrap_err();
    // Both targets read from aftersale_type refuse the code.
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, vec!["ticket.kind", "custom_fields.goods_shipped"]);
    assert_eq!(errors[0].path, "$['aftersale_type']");
    assert_eq!(errors[0].field, "ticket.kind");
    assert_eq!(
        errors[0].expected,
        "a known code: one of 0, 1, 2, 3, 4, 5, 6, 7, 8"
    );
    assert_eq!(errors[0].found, "\"9\"");
    let errors = warnings(
        "taobao",
        &with(fixture("taobao_return"), "status", json!("WAIT_SOMETHING")),
    );
    assert_eq!(errors[0].field, "status");
    assert_eq!(errors[0].found, "\"WAIT_SOMETHING\"");
    let errors = warnings(
        "kuaishou",
        &with(fixture("kuaishou_return"), "negotiateStatus", json!(7)),
    );
    assert_eq!(errors[0].field, "custom_fields.negotiation");
}

#[test]
fn missing_required_fields_are_all_reported() {
    let payload = without(without(fixture("taobao_return"), "refund_id"), "outer_id");
    // Neither the paid amount (`total_fee`) nor both of its documented parts.
    let payload = without(without(payload, "total_fee"), "payment");
    let errors = map("taobao", &payload).unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    // The SKU is not the core any more: only the key and the amount are.
    assert_eq!(fields, vec!["key", "lines[0].paid", "lines"]);
    assert!(errors.iter().all(|e| e.found.starts_with("missing")));
    assert_eq!(errors[0].path, "$.refund_id");
}

#[test]
fn wrong_types_are_errors_with_what_was_found() {
    let errors = map(
        "douyin",
        &with(fixture("douyin_return"), "refund_amount", json!(119.8)),
    )
    .unwrap_err();
    assert_eq!(errors[0].path, "$['refund_amount']");
    assert_eq!(
        errors[0].expected,
        "an integer amount in fen (no decimal point)"
    );
    assert_eq!(errors[0].found, "119.8");
    let errors = map(
        "taobao",
        &with(fixture("taobao_return"), "total_fee", json!("259.005")),
    )
    .unwrap_err();
    assert_eq!(errors[0].field, "lines[0].paid");
    let errors = warnings(
        "taobao",
        &with(fixture("taobao_return"), "created", json!(1_763_618_580)),
    );
    assert_eq!(errors[0].field, "ticket.opened_at");
    let errors = warnings(
        "douyin",
        &with(fixture("douyin_return"), "aftersale_num", json!("two")),
    );
    assert_eq!(errors[0].field, "lines[0].qty");
    let errors = warnings(
        "taobao",
        &with(fixture("taobao_return"), "buyer_nick", json!(42)),
    );
    assert_eq!(errors[0].field, "ticket.customer");
    assert_eq!(errors[0].found, "42");
    let errors = warnings(
        "taobao",
        &with(fixture("taobao_return"), "has_good_return", json!("yes")),
    );
    assert_eq!(errors[0].field, "custom_fields.goods_return_required");
    assert_eq!(errors[0].path, "$['has_good_return']");
    assert_eq!(errors[0].found, "\"yes\"");
}

#[test]
fn a_payload_that_is_not_an_object_is_one_error() {
    let errors = map("douyin", &json!([1, 2, 3])).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].expected, "a JSON object");
}

#[test]
fn the_ticket_id_is_the_same_for_every_import_of_a_record() {
    let a = map("douyin", &fixture("douyin_return")).unwrap();
    let later = with(
        fixture("douyin_return"),
        "update_time",
        json!(1_763_700_000),
    );
    let b = map("douyin", &later).unwrap();
    assert_eq!(a.ticket_id, b.ticket_id);
    assert_ne!(a.ticket_id, ticket_id_for("taobao", "7311234567890123456"));
}

#[test]
fn lines_can_be_selected_by_jsonpath() {
    let toml = r#"
platform = "shop"
currency = "CNY"
key = { path = "$.id" }
[ticket]
kind = { default = "RETURN_AND_REFUND" }
customer = { path = "$.buyer" }
reason_code = { default = "other" }
[lines]
each = "$.items[*]"
line_id = { path = "$.line", convert = "to_string" }
sku = { path = "$.sku" }
qty = { path = "$.qty" }
paid = { path = "$.price", convert = "yuan_string_to_minor" }
"#;
    let mapping = Mapping::from_toml("shop.toml", toml).unwrap();
    let payload = json!({"id": "A1", "buyer": "bob", "items": [
        {"line": 1, "sku": "X", "qty": 1, "price": "10.00"},
        {"line": 2, "sku": "Y", "qty": 2, "price": "5.5"}
    ]});
    let m = preview(&mapping, &payload, now()).unwrap();
    let lines: Vec<(&str, &str, u32, i64)> = m
        .open
        .lines
        .iter()
        .map(|l| {
            (
                l.line_id.as_str(),
                l.sku.as_str(),
                l.qty,
                l.paid.amount_minor,
            )
        })
        .collect();
    assert_eq!(lines, vec![("1", "X", 1, 1000), ("2", "Y", 2, 550)]);
    let bad = json!({"id": "A1", "buyer": "bob", "items": [{"line": 1, "sku": "X", "qty": 0.5, "price": "1"}]});
    let errors = preview(&mapping, &bad, now()).unwrap().warnings;
    assert_eq!(errors[0].path, "$['items'][0]['qty']");
    assert_eq!(errors[0].field, "lines[0].qty");
}

#[test]
fn a_broken_mapping_file_is_refused_with_the_reason() {
    let bad_path = "platform = \"x\"\ncurrency = \"CNY\"\nkey = { path = \"$..[\" }\n[ticket]\nkind = { default = \"EXCHANGE\" }\ncustomer = { default = \"c\" }\nreason_code = { default = \"r\" }\n[lines]\nsku = { default = \"s\" }\nqty = { default = 1 }\npaid = { default = 0 }\n";
    let err = Mapping::from_toml("x.toml", bad_path)
        .unwrap_err()
        .to_string();
    assert!(err.contains("key: bad JSONPath"), "{err}");
    let unknown_key = bad_path.replace(
        "key = { path = \"$..[\" }",
        "key = { path = \"$.id\", pth = 1 }",
    );
    let err = Mapping::from_toml("x.toml", &unknown_key)
        .unwrap_err()
        .to_string();
    assert!(err.contains("pth"), "{err}");
    let bad_command = format!(
        "{}\n[[sync]]\nwhen_status = [\"a\"]\ncommand = \"Explode\"\n",
        bad_path.replace("$..[", "$.id")
    );
    let err = Mapping::from_toml("x.toml", &bad_command)
        .unwrap_err()
        .to_string();
    assert!(err.contains("unknown command `Explode`"), "{err}");
}

/// The documented after-sale fields of each platform (`PLATFORMS.md`): a
/// shipped mapping may require nothing else, because a merchant's export may
/// omit any undocumented field.
const DOCUMENTED: [(&str, &[&str]); 3] = [
    (
        "taobao",
        &[
            "refund_id",
            "tid",
            "oid",
            "sku",
            "outer_id",
            "num",
            "total_fee",
            "refund_fee",
            "payment",
            "reason",
            "desc",
            "has_good_return",
            "good_status",
            "company_name",
            "sid",
            "refund_version",
            "bill_type",
            // PLATFORMS.md: 价保 / 退差返现; the kind's first path, `bill_type` its alias.
            "special_refund_type",
            "status",
        ],
    ),
    (
        "douyin",
        &[
            "aftersale_id",
            "order_id",
            "related_id",
            "sku_order_id",
            "shop_sku_code",
            "aftersale_num",
            "aftersale_type",
            "aftersale_status",
            "refund_amount",
            "refund_post_amount",
            "reason_second_labels",
            "return_logistics_code",
            "return_logistics_company_name",
            "exchange_sku_info",
            "status_deadline",
            "update_time",
        ],
    ),
    (
        "kuaishou",
        &[
            "refundId",
            "orderId",
            "refundAmount",
            "handlingWay",
            "negotiateStatus",
            "status",
            "expressNo",
            "expressCode",
            "refundVersion",
        ],
    ),
];

/// Every `required = true` in a mapping file, as (target, top-level field).
fn required_fields(source: &str) -> Vec<(String, String)> {
    let doc: toml::Value = toml::from_str(source).unwrap();
    let mut out = Vec::new();
    fn walk(target: &str, v: &toml::Value, out: &mut Vec<(String, String)>) {
        match v {
            toml::Value::Table(t) => {
                if t.get("required").and_then(toml::Value::as_bool) == Some(true) {
                    let path = t["path"].as_str().unwrap();
                    let field = path
                        .trim_start_matches("$.")
                        .split(['.', '['])
                        .next()
                        .unwrap()
                        .to_owned();
                    out.push((target.to_owned(), field));
                }
                for (k, v) in t {
                    walk(&format!("{target}.{k}"), v, out);
                }
            }
            toml::Value::Array(a) => a.iter().for_each(|v| walk(target, v, out)),
            _ => {}
        }
    }
    walk("", &doc, &mut out);
    out
}

#[test]
fn shipped_mappings_require_only_documented_fields_and_only_the_core_to_open() {
    for (platform, documented) in DOCUMENTED {
        let source = mapping(platform).source().to_owned();
        let required = required_fields(&source);
        for (target, field) in &required {
            assert!(
                documented.contains(&field.as_str()),
                "{platform}: {target} requires `{field}`, not in the documented list"
            );
        }
        // To open a ticket: the key, the order, the kind and a line's amount;
        // anything else required belongs to a platform step (it may wait).
        let opening: Vec<&str> = required
            .iter()
            .filter(|(t, _)| !t.starts_with(".sync"))
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(
            opening,
            vec![
                ".key",
                ".lines.paid",
                ".ticket.kind",
                ".ticket.platform_order_id"
            ],
            "{platform}"
        );
    }
}
