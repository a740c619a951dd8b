//! A scripted set of tickets through every kind and outcome, each built
//! with the domain's own commands.

use std::collections::BTreeMap;

use returns_domain::command::*;
use returns_domain::ticket::{
    DeadlineKind, Grade, PackageCondition, ReceivedLine, Resolution, ReturnAddress, TicketLine,
    Verdict,
};
use returns_domain::{Command, TicketKind};
use returns_eventstore::EventStore;
use uuid::Uuid;

use crate::helpers::{at, cny, yuan, Ticket};

/// The tickets of the script, by role in it.
pub struct Scenario {
    /// REFUND_ONLY, refunded and closed (taobao).
    pub refund_only: Ticket,
    /// RETURN_AND_REFUND, passed, one failed payout then paid, closed (douyin).
    pub returned_refunded: Ticket,
    /// RETURN_AND_REFUND, failed inspection, goods sent back, closed (kuaishou).
    pub failed_inspection: Ticket,
    /// EXCHANGE, replacement shipped, closed (taobao).
    pub exchanged: Ticket,
    /// EXCHANGE, inspected, replacement not shipped yet (douyin).
    pub exchange_pending: Ticket,
    /// Rejected at review, closed (taobao).
    pub rejected: Ticket,
    /// Approved then cancelled (kuaishou).
    pub cancelled: Ticket,
    /// Applied, review overdue, assigned, custom fields, overdue follow-up (taobao).
    pub awaiting_review: Ticket,
    /// Return parcel in transit; follow-up completed (douyin).
    pub in_transit: Ticket,
    /// Half received: still expected inbound and awaiting inspection (taobao).
    pub partly_received: Ticket,
    /// Inspected then disputed: awaiting re-inspection (douyin).
    pub disputed: Ticket,
    /// Ship-back deadline missed, closed as expired (kuaishou).
    pub expired: Ticket,
    /// Refund requested, awaiting finance approval (taobao).
    pub refund_awaiting_approval: Ticket,
    /// Ids of the refunds by scenario name.
    pub refunds: BTreeMap<&'static str, Uuid>,
    /// Follow-up ids by scenario name.
    pub follow_ups: BTreeMap<&'static str, Uuid>,
}

pub fn line(id: &str, sku: &str, qty: u32, paid: i64) -> TicketLine {
    TicketLine {
        line_id: id.into(),
        sku: sku.into(),
        name: format!("product {sku}"),
        qty,
        paid: yuan(paid),
    }
}

pub fn open(
    t: &Ticket,
    kind: TicketKind,
    channel: &str,
    customer: &str,
    reason: &str,
    lines: Vec<TicketLine>,
    h: i64,
) -> Command {
    Command::OpenTicket(OpenTicket {
        ticket_id: t.id,
        kind,
        channel: channel.into(),
        platform_order_id: Some(format!("ORD-{customer}")),
        platform_after_sale_id: Some(format!("AS-{customer}")),
        customer: customer.into(),
        reason_code: reason.into(),
        reason_text: "words".into(),
        lines,
        currency: cny(),
        custom_fields: BTreeMap::new(),
        customer_phone: None,
        customer_address: None,
        review_deadline: at(h + 48),
        at: at(h),
    })
}

pub fn approve(goods_back: bool, h: i64) -> Command {
    Command::ApproveApplication(ApproveApplication {
        return_address: goods_back.then(|| ReturnAddress {
            recipient: "Warehouse".into(),
            phone: "400".into(),
            address: "1 Dock Rd".into(),
        }),
        ship_back_deadline: goods_back.then(|| at(h + 7 * 24)),
        at: at(h),
    })
}

pub fn ship(tracking: &str, h: i64) -> Command {
    Command::RegisterReturnShipment(RegisterReturnShipment {
        carrier: "SF".into(),
        tracking_number: tracking.into(),
        at: at(h),
    })
}

pub fn receive(lines: &[(&str, u32)], h: i64) -> Command {
    Command::ReceiveReturn(ReceiveReturn {
        lines: lines
            .iter()
            .map(|(id, qty)| ReceivedLine {
                line_id: (*id).into(),
                qty: *qty,
            })
            .collect(),
        package_condition: PackageCondition::Intact,
        at: at(h),
    })
}

pub fn inspect(line_id: &str, qty: u32, pass: bool, h: i64) -> Command {
    Command::RecordInspection(RecordInspection {
        line_id: line_id.into(),
        qty_inspected: qty,
        qty_accepted: if pass { qty } else { 0 },
        grade: if pass { Grade::New } else { Grade::Damaged },
        verdict: if pass { Verdict::Pass } else { Verdict::Fail },
        deduction: yuan(0),
        notes: String::new(),
        photo_refs: vec![],
        at: at(h),
    })
}

fn complete(h: i64) -> Command {
    Command::CompleteInspection(CompleteInspection { at: at(h) })
}

fn request(refund_id: Uuid, amount: i64, h: i64) -> Command {
    Command::RequestRefund(RequestRefund {
        refund_id,
        amount: yuan(amount),
        at: at(h),
    })
}

fn approve_refund(refund_id: Uuid, h: i64) -> Command {
    Command::ApproveRefund(ApproveRefund {
        refund_id,
        at: at(h),
    })
}

fn issue(refund_id: Uuid, h: i64) -> Command {
    Command::IssueRefund(IssueRefund {
        refund_id,
        gateway_reference: format!("GW-{refund_id}"),
        at: at(h),
    })
}

fn close(resolution: Resolution, h: i64) -> Command {
    Command::CloseTicket(CloseTicket {
        resolution,
        note: None,
        at: at(h),
    })
}

/// Runs the whole script against `store`.
pub async fn run(store: &EventStore) -> Scenario {
    let s = store;
    let mut refunds = BTreeMap::new();
    let mut follow_ups = BTreeMap::new();

    // REFUND_ONLY: 120.00 refunded on day 2 (2026-11-02).
    let mut refund_only = Ticket::new();
    refund_only
        .run(
            s,
            open(
                &refund_only,
                TicketKind::RefundOnly,
                "taobao",
                "Alice Chen",
                "quality_issue",
                vec![line("L1", "SKU-A", 1, 12_000)],
                0,
            ),
        )
        .await;
    refund_only
        .run(
            s,
            Command::AssignTicket(AssignTicket {
                assignee: Some("alice".into()),
                at: at(1),
            }),
        )
        .await;
    refund_only.run(s, approve(false, 2)).await;
    let r = Uuid::now_v7();
    refunds.insert("refund_only", r);
    refund_only.run(s, request(r, 12_000, 3)).await;
    refund_only.run(s, approve_refund(r, 4)).await;
    refund_only.run(s, issue(r, 25)).await;
    refund_only.run(s, close(Resolution::Refunded, 26)).await;

    // RETURN_AND_REFUND passed: 2×SKU-A (200.00) + 1×SKU-B (50.00).
    let mut returned_refunded = Ticket::new();
    returned_refunded
        .run(
            s,
            open(
                &returned_refunded,
                TicketKind::ReturnAndRefund,
                "douyin",
                "Bo Li",
                "quality_issue",
                vec![
                    line("L1", "SKU-A", 2, 20_000),
                    line("L2", "SKU-B", 1, 5_000),
                ],
                0,
            ),
        )
        .await;
    returned_refunded.run(s, approve(true, 10)).await;
    returned_refunded.run(s, ship("TRK-200", 20)).await;
    returned_refunded
        .run(s, receive(&[("L1", 2), ("L2", 1)], 50))
        .await;
    returned_refunded.run(s, inspect("L1", 2, true, 60)).await;
    returned_refunded.run(s, inspect("L2", 1, true, 61)).await;
    returned_refunded.run(s, complete(62)).await;
    returned_refunded
        .run(
            s,
            Command::SendInspectionFeedback(SendInspectionFeedback {
                message: "all good".into(),
                at: at(63),
            }),
        )
        .await;
    let r = Uuid::now_v7();
    refunds.insert("returned_refunded", r);
    returned_refunded.run(s, request(r, 25_000, 64)).await;
    returned_refunded.run(s, approve_refund(r, 65)).await;
    returned_refunded
        .run(
            s,
            Command::RecordRefundFailure(RecordRefundFailure {
                refund_id: r,
                reason: "gateway timeout".into(),
                at: at(66),
            }),
        )
        .await;
    returned_refunded.run(s, issue(r, 67)).await;
    returned_refunded
        .run(s, close(Resolution::Refunded, 68))
        .await;

    // RETURN_AND_REFUND, inspection failed, goods sent back.
    let mut failed_inspection = Ticket::new();
    failed_inspection
        .run(
            s,
            open(
                &failed_inspection,
                TicketKind::ReturnAndRefund,
                "kuaishou",
                "Chen Wu",
                "changed_mind",
                vec![line("L1", "SKU-C", 1, 9_900)],
                0,
            ),
        )
        .await;
    failed_inspection.run(s, approve(true, 5)).await;
    failed_inspection.run(s, ship("TRK-300", 6)).await;
    failed_inspection.run(s, receive(&[("L1", 1)], 30)).await;
    failed_inspection.run(s, inspect("L1", 1, false, 31)).await;
    failed_inspection.run(s, complete(32)).await;
    failed_inspection
        .run(
            s,
            Command::ReturnGoodsToCustomer(ReturnGoodsToCustomer {
                carrier: "SF".into(),
                tracking_number: "BACK-300".into(),
                at: at(33),
            }),
        )
        .await;
    failed_inspection
        .run(s, close(Resolution::RejectedAfterInspection, 34))
        .await;

    // EXCHANGE, replacement shipped.
    let mut exchanged = Ticket::new();
    exchanged
        .run(
            s,
            open(
                &exchanged,
                TicketKind::Exchange,
                "taobao",
                "Dan Zhao",
                "size_issue",
                vec![line("L1", "SKU-A", 1, 10_000)],
                0,
            ),
        )
        .await;
    exchanged.run(s, approve(true, 1)).await;
    exchanged.run(s, ship("TRK-400", 2)).await;
    exchanged.run(s, receive(&[("L1", 1)], 10)).await;
    exchanged.run(s, inspect("L1", 1, true, 11)).await;
    exchanged.run(s, complete(12)).await;
    exchanged
        .run(
            s,
            Command::ShipReplacement(ShipReplacement {
                carrier: "SF".into(),
                tracking_number: "NEW-400".into(),
                at: at(13),
            }),
        )
        .await;
    exchanged.run(s, close(Resolution::Exchanged, 14)).await;

    // EXCHANGE waiting for its replacement.
    let mut exchange_pending = Ticket::new();
    exchange_pending
        .run(
            s,
            open(
                &exchange_pending,
                TicketKind::Exchange,
                "douyin",
                "Eve Sun",
                "size_issue",
                vec![line("L1", "SKU-D", 1, 8_000)],
                0,
            ),
        )
        .await;
    exchange_pending.run(s, approve(true, 1)).await;
    exchange_pending.run(s, ship("TRK-500", 2)).await;
    exchange_pending.run(s, receive(&[("L1", 1)], 10)).await;
    exchange_pending.run(s, inspect("L1", 1, true, 11)).await;
    exchange_pending.run(s, complete(12)).await;

    // Rejected at review.
    let mut rejected = Ticket::new();
    rejected
        .run(
            s,
            open(
                &rejected,
                TicketKind::RefundOnly,
                "taobao",
                "Fay Zhou",
                "other",
                vec![line("L1", "SKU-E", 1, 3_000)],
                0,
            ),
        )
        .await;
    rejected
        .run(
            s,
            Command::RejectApplication(RejectApplication {
                reason: "outside window".into(),
                reason_code: None,
                at: at(2),
            }),
        )
        .await;
    rejected.run(s, close(Resolution::Rejected, 3)).await;

    // Approved, then cancelled.
    let mut cancelled = Ticket::new();
    cancelled
        .run(
            s,
            open(
                &cancelled,
                TicketKind::ReturnAndRefund,
                "kuaishou",
                "Gao Lin",
                "changed_mind",
                vec![line("L1", "SKU-C", 2, 19_800)],
                0,
            ),
        )
        .await;
    cancelled.run(s, approve(true, 4)).await;
    cancelled
        .run(
            s,
            Command::CancelTicket(CancelTicket {
                reason: "customer withdrew".into(),
                at: at(8),
            }),
        )
        .await;

    // Applied and overdue for review (deadline at(48) < now); assigned;
    // custom fields; a follow-up call that is overdue.
    let mut awaiting_review = Ticket::new();
    awaiting_review
        .run(
            s,
            open(
                &awaiting_review,
                TicketKind::ReturnAndRefund,
                "taobao",
                "Hua Qian",
                "logistics_damage",
                vec![line("L1", "SKU-F", 1, 15_000)],
                0,
            ),
        )
        .await;
    awaiting_review
        .run(
            s,
            Command::AssignTicket(AssignTicket {
                assignee: Some("bob".into()),
                at: at(1),
            }),
        )
        .await;
    let mut fields = BTreeMap::new();
    fields.insert("vip".to_owned(), serde_json::json!(true));
    fields.insert("store".to_owned(), serde_json::json!("flagship"));
    fields.insert("priority".to_owned(), serde_json::json!(2));
    awaiting_review
        .run(
            s,
            Command::UpdateCustomFields(UpdateCustomFields { fields, at: at(2) }),
        )
        .await;
    let f = Uuid::now_v7();
    follow_ups.insert("awaiting_review", f);
    awaiting_review
        .run(
            s,
            Command::ScheduleFollowUp(ScheduleFollowUp {
                follow_up_id: f,
                due_at: at(24),
                purpose: "check damage photos".into(),
                at: at(3),
            }),
        )
        .await;

    // In transit; its follow-up call done.
    let mut in_transit = Ticket::new();
    in_transit
        .run(
            s,
            open(
                &in_transit,
                TicketKind::ReturnAndRefund,
                "douyin",
                "Ivy Ma",
                "quality_issue",
                vec![line("L1", "SKU-A", 1, 10_000)],
                0,
            ),
        )
        .await;
    in_transit.run(s, approve(true, 2)).await;
    in_transit.run(s, ship("TRK-900", 3)).await;
    let f = Uuid::now_v7();
    follow_ups.insert("in_transit", f);
    in_transit
        .run(
            s,
            Command::ScheduleFollowUp(ScheduleFollowUp {
                follow_up_id: f,
                due_at: at(10),
                purpose: "quality complaint call".into(),
                at: at(4),
            }),
        )
        .await;
    in_transit
        .run(
            s,
            Command::CompleteFollowUp(CompleteFollowUp {
                follow_up_id: f,
                outcome: "satisfied".into(),
                at: at(9),
            }),
        )
        .await;

    // Half received.
    let mut partly_received = Ticket::new();
    partly_received
        .run(
            s,
            open(
                &partly_received,
                TicketKind::ReturnAndRefund,
                "taobao",
                "Jun Xu",
                "wrong_item",
                vec![line("L1", "SKU-G", 2, 6_000)],
                0,
            ),
        )
        .await;
    partly_received.run(s, approve(true, 1)).await;
    partly_received.run(s, ship("TRK-1000", 2)).await;
    partly_received.run(s, receive(&[("L1", 1)], 40)).await;

    // Disputed after inspection: back to awaiting inspection.
    let mut disputed = Ticket::new();
    disputed
        .run(
            s,
            open(
                &disputed,
                TicketKind::ReturnAndRefund,
                "douyin",
                "Kai Yu",
                "not_as_described",
                vec![line("L1", "SKU-B", 1, 5_000)],
                0,
            ),
        )
        .await;
    disputed.run(s, approve(true, 1)).await;
    disputed.run(s, ship("TRK-1100", 2)).await;
    disputed.run(s, receive(&[("L1", 1)], 20)).await;
    disputed.run(s, inspect("L1", 1, false, 21)).await;
    disputed.run(s, complete(22)).await;
    disputed
        .run(
            s,
            Command::DisputeInspection(DisputeInspection {
                reason: "it was fine".into(),
                at: at(23),
            }),
        )
        .await;

    // Ship-back deadline missed, closed as expired.
    let mut expired = Ticket::new();
    expired
        .run(
            s,
            open(
                &expired,
                TicketKind::ReturnAndRefund,
                "kuaishou",
                "Lan He",
                "changed_mind",
                vec![line("L1", "SKU-C", 1, 9_900)],
                0,
            ),
        )
        .await;
    expired.run(s, approve(true, 1)).await;
    expired
        .run(
            s,
            Command::RecordMissedDeadline(RecordMissedDeadline {
                deadline: DeadlineKind::ShipBack,
                at: at(1 + 7 * 24 + 1),
            }),
        )
        .await;
    expired
        .run(s, close(Resolution::Expired, 1 + 7 * 24 + 2))
        .await;

    // Refund awaiting finance approval.
    let mut refund_awaiting_approval = Ticket::new();
    refund_awaiting_approval
        .run(
            s,
            open(
                &refund_awaiting_approval,
                TicketKind::RefundOnly,
                "taobao",
                "Mei Gu",
                "logistics_delay",
                vec![line("L1", "SKU-H", 1, 4_500)],
                0,
            ),
        )
        .await;
    refund_awaiting_approval.run(s, approve(false, 1)).await;
    let r = Uuid::now_v7();
    refunds.insert("awaiting_approval", r);
    refund_awaiting_approval.run(s, request(r, 4_500, 2)).await;

    Scenario {
        refund_only,
        returned_refunded,
        failed_inspection,
        exchanged,
        exchange_pending,
        rejected,
        cancelled,
        awaiting_review,
        in_transit,
        partly_received,
        disputed,
        expired,
        refund_awaiting_approval,
        refunds,
        follow_ups,
    }
}
