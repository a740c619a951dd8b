//! What the platform did by itself: approvals and refunds recorded as the
//! platform's facts, and sync issues kept on the ticket until settled.

use crate::common::*;
use returns_domain::command::*;
use returns_domain::event::*;
use returns_domain::state::PlatformSyncIssue;
use returns_domain::{Command, CommandKind, DomainError, Event, TicketKind, TicketStatus};

fn platform_approval() -> Command {
    Command::RecordPlatformApproval(RecordPlatformApproval {
        platform: "douyin".into(),
        at: at(10),
    })
}

fn platform_refund(n: u128, amount: i64) -> Command {
    Command::RecordPlatformRefund(RecordPlatformRefund {
        refund_id: id(n),
        platform: "douyin".into(),
        amount: fen(amount),
        reference: "7311234567890123456".into(),
        at: at(60),
    })
}

fn sync_issue(issue: PlatformSyncIssueKind, detail: &str) -> Command {
    Command::RecordPlatformSyncIssue(RecordPlatformSyncIssue {
        issue,
        platform: "douyin".into(),
        platform_version: Some(3),
        platform_status: Some("return_shipped".into()),
        details: vec![detail.into()],
        at: at(20),
    })
}

#[test]
fn platform_approval_of_a_return_needs_no_address_of_ours() {
    let state = given(Ticket::opened(TicketKind::ReturnAndRefund).events())
        .when(platform_approval())
        .then_expect_events([Event::ApplicationApproved(ApplicationApproved {
            return_address: None,
            ship_back_deadline: None,
            approved_at: at(10),
            by_platform: Some("douyin".into()),
        })]);
    assert_eq!(state.status, TicketStatus::Approved);
    assert!(state.allows(CommandKind::RegisterReturnShipment));
    assert_eq!(
        state.running_deadline(),
        None,
        "the platform runs its own clock"
    );
}

#[test]
fn platform_approval_only_while_applied() {
    given(
        Ticket::opened(TicketKind::ReturnAndRefund)
            .approved()
            .events(),
    )
    .when(platform_approval())
    .then_expect_error_code("INVALID_TRANSITION");
}

#[test]
fn platform_refund_arrives_paid_with_the_platform_as_payer() {
    let state = given(
        Ticket::opened(TicketKind::RefundOnly)
            .run(platform_approval())
            .events(),
    )
    .when(platform_refund(7, PAID_TOTAL))
    .then_expect_events([Event::RefundIssued(RefundIssued {
        refund_id: id(7),
        amount: fen(PAID_TOTAL),
        gateway_reference: "7311234567890123456".into(),
        issued_at: at(60),
        payer: Some("douyin".into()),
    })]);
    assert_eq!(state.status, TicketStatus::Refunded);
    assert_eq!(state.refunded_minor(), PAID_TOTAL);
    assert!(state.refunded_minor() <= state.refundable_minor);
    assert!(state.allows(CommandKind::CloseTicket));
    assert!(
        !state.allows(CommandKind::RequestRefund),
        "nothing is left to pay"
    );
}

#[test]
fn platform_refund_never_exceeds_what_was_paid() {
    given(
        Ticket::opened(TicketKind::RefundOnly)
            .run(platform_approval())
            .events(),
    )
    .when(platform_refund(7, PAID_TOTAL + 1))
    .then_expect_error(DomainError::LimitExceeded {
        what: "platform refund total (minor units)".into(),
        limit: PAID_TOTAL,
        requested: PAID_TOTAL + 1,
    });
}

#[test]
fn platform_refund_while_goods_travel_keeps_the_warehouse_steps_open() {
    let state = given(
        Ticket::opened(TicketKind::ReturnAndRefund)
            .shipped()
            .events(),
    )
    .when(platform_refund(7, 5_000))
    .then_accept();
    assert_eq!(state.status, TicketStatus::ReturnShipped);
    assert!(state.allows(CommandKind::ReceiveReturn));
    assert_eq!(state.refunded_minor(), 5_000);
}

#[test]
fn an_exchange_is_never_refunded_by_the_platform() {
    given(Ticket::opened(TicketKind::Exchange).approved().events())
        .when(platform_refund(7, 100))
        .then_expect_error_code("INVALID_TRANSITION");
}

#[test]
fn platform_steps_are_system_only() {
    use returns_domain::Role;
    for kind in [
        CommandKind::RecordPlatformApproval,
        CommandKind::RecordPlatformRefund,
        CommandKind::RecordPlatformSyncIssue,
    ] {
        assert!(!Role::CustomerService.may_issue(kind), "{kind:?}");
        assert!(Role::System.may_issue(kind), "{kind:?}");
    }
    assert!(Role::CustomerService.may_issue(CommandKind::ResolvePlatformSync));
}

#[test]
fn a_pending_sync_stays_on_the_ticket_until_resolved() {
    let state = given(Ticket::opened(TicketKind::ReturnAndRefund).events())
        .when(sync_issue(
            PlatformSyncIssueKind::Pending,
            "tracking number missing",
        ))
        .then_expect_events([Event::PlatformSyncPending(PlatformSyncPending {
            platform: "douyin".into(),
            platform_version: Some(3),
            platform_status: Some("return_shipped".into()),
            missing: vec!["tracking number missing".into()],
            recorded_at: at(20),
        })]);
    assert_eq!(
        state.platform_sync,
        Some(PlatformSyncIssue {
            issue: PlatformSyncIssueKind::Pending,
            platform: "douyin".into(),
            platform_version: Some(3),
            platform_status: Some("return_shipped".into()),
            details: vec!["tracking number missing".into()],
            since: at(20),
        })
    );
    assert!(state.allows(CommandKind::ResolvePlatformSync));
    let resolved = given(
        Ticket::opened(TicketKind::ReturnAndRefund)
            .run(sync_issue(PlatformSyncIssueKind::Pending, "x"))
            .events(),
    )
    .when(Command::ResolvePlatformSync(ResolvePlatformSync {
        note: "later version carried it".into(),
        at: at(30),
    }))
    .then_accept();
    assert_eq!(resolved.platform_sync, None);
    assert!(!resolved.allows(CommandKind::ResolvePlatformSync));
}

#[test]
fn a_conflict_is_recorded_without_moving_the_ticket() {
    let before = Ticket::opened(TicketKind::ReturnAndRefund).received();
    let state = given(before.events())
        .when(sync_issue(
            PlatformSyncIssueKind::Conflict,
            "the platform says refused; the ticket is received",
        ))
        .then_accept();
    assert_eq!(state.status, TicketStatus::Received);
    assert_eq!(
        state.platform_sync.map(|s| s.issue),
        Some(PlatformSyncIssueKind::Conflict)
    );
}

#[test]
fn a_sync_issue_names_what_is_missing() {
    let mut command = sync_issue(PlatformSyncIssueKind::Pending, "x");
    if let Command::RecordPlatformSyncIssue(c) = &mut command {
        c.details.clear();
    }
    given(Ticket::opened(TicketKind::RefundOnly).events())
        .when(command)
        .then_expect_error_code("VALIDATION");
}

#[test]
fn nothing_but_notes_on_a_cancelled_ticket_even_from_the_platform() {
    given(
        Ticket::opened(TicketKind::RefundOnly)
            .run(cancel())
            .events(),
    )
    .when(sync_issue(PlatformSyncIssueKind::Conflict, "x"))
    .then_expect_error_code("INVALID_TRANSITION");
}

#[test]
fn the_platform_deadline_is_flagged_near_once_and_only_for_the_recorded_one() {
    let set = Command::RecordPlatformDeadline(RecordPlatformDeadline {
        platform: "douyin".into(),
        platform_status: Some("return_shipped".into()),
        due_at: at(3 * 24 * 60),
        at: at(20),
    });
    let state = given(Ticket::opened(TicketKind::ReturnAndRefund).events())
        .when(set.clone())
        .then_accept();
    let deadline = state.platform_deadline.clone().unwrap();
    assert_eq!((deadline.due_at, deadline.near), (at(3 * 24 * 60), false));
    let near = |due| {
        Command::RecordPlatformDeadlineNear(RecordPlatformDeadlineNear {
            due_at: due,
            at: at(3 * 24 * 60 - 6 * 60),
        })
    };
    let history = Ticket::opened(TicketKind::ReturnAndRefund).run(set);
    given(history.events())
        .when(near(at(2 * 24 * 60)))
        .then_expect_error_code("VALIDATION");
    let flagged = given(history.events())
        .when(near(at(3 * 24 * 60)))
        .then_expect_events([Event::PlatformDeadlineNear(PlatformDeadlineNear {
            due_at: at(3 * 24 * 60),
            noticed_at: at(3 * 24 * 60 - 6 * 60),
        })]);
    assert!(flagged.platform_deadline.unwrap().near);
    given(history.run(near(at(3 * 24 * 60))).events())
        .when(near(at(3 * 24 * 60)))
        .then_expect_error_code("INVALID_TRANSITION");
}

fn arbitration(stage: ArbitrationStage, due: Option<i64>, minute: i64) -> Command {
    Command::RecordPlatformArbitration(RecordPlatformArbitration {
        platform: "douyin".into(),
        stage,
        platform_status: Some("return_shipped".into()),
        due_at: due.map(at),
        at: at(minute),
    })
}

#[test]
fn the_platform_opens_an_intervention_with_its_deadline_and_decides_it() {
    let opened = given(Ticket::opened(TicketKind::ReturnAndRefund).events())
        .when(arbitration(ArbitrationStage::Open, Some(3 * 24 * 60), 30))
        .then_expect_events([Event::PlatformArbitrationOpened(
            PlatformArbitrationOpened {
                platform: "douyin".into(),
                platform_status: Some("return_shipped".into()),
                due_at: Some(at(3 * 24 * 60)),
                opened_at: at(30),
            },
        )]);
    let open = opened.arbitration.clone().unwrap();
    assert!(open.open && open.outcome.is_none());
    let history = Ticket::opened(TicketKind::ReturnAndRefund).run(arbitration(
        ArbitrationStage::Open,
        Some(3 * 24 * 60),
        30,
    ));
    let decided = given(history.events())
        .when(arbitration(ArbitrationStage::ForSeller, None, 90))
        .then_expect_events([Event::PlatformArbitrationDecided(
            PlatformArbitrationDecided {
                platform: "douyin".into(),
                outcome: ArbitrationOutcome::ForSeller,
                platform_status: Some("return_shipped".into()),
                decided_at: at(90),
            },
        )]);
    let done = decided.arbitration.unwrap();
    assert!(!done.open);
    assert_eq!(done.outcome, Some(ArbitrationOutcome::ForSeller));
    assert_eq!(done.due_at, Some(at(3 * 24 * 60)), "the deadline it ran to");
}

#[test]
fn an_intervention_already_recorded_so_is_refused() {
    let history = Ticket::opened(TicketKind::ReturnAndRefund).run(arbitration(
        ArbitrationStage::Open,
        Some(60),
        30,
    ));
    given(history.events())
        .when(arbitration(ArbitrationStage::Open, Some(60), 40))
        .then_expect_error_code("VALIDATION");
    // A moved deadline is recorded.
    given(history.events())
        .when(arbitration(ArbitrationStage::Open, Some(90), 40))
        .then_accept();
    let decided = history.run(arbitration(ArbitrationStage::Finished, None, 50));
    given(decided.events())
        .when(arbitration(ArbitrationStage::Finished, None, 60))
        .then_expect_error_code("VALIDATION");
}

fn correction(tracking: Option<&str>, phone: Option<&str>) -> Command {
    Command::RecordPlatformCorrection(RecordPlatformCorrection {
        platform: "douyin".into(),
        return_shipment: tracking.map(|t| CorrectedWaybill {
            carrier: "SF".into(),
            tracking_number: t.into(),
        }),
        customer_phone: phone.map(Into::into),
        customer_address: None,
        at: at(90),
    })
}

#[test]
fn a_corrected_waybill_replaces_the_registered_one_and_keeps_the_step() {
    let shipped = Ticket::opened(TicketKind::ReturnAndRefund).shipped();
    let before = shipped.state().return_shipment.unwrap();
    let state = given(shipped.events())
        .when(correction(Some("SF999"), None))
        .then_expect_events([Event::ReturnShipmentCorrected(ReturnShipmentCorrected {
            platform: "douyin".into(),
            carrier: "SF".into(),
            tracking_number: "SF999".into(),
            previous_tracking_number: Some(before.tracking_number),
            corrected_at: at(90),
        })]);
    assert_eq!(state.return_shipment.unwrap().tracking_number, "SF999");
    assert_eq!(
        state.status,
        TicketStatus::ReturnShipped,
        "the parcel is the same"
    );
    // The same waybill again corrects nothing, and is refused.
    let corrected = shipped.run(correction(Some("SF999"), None));
    given(corrected.events())
        .when(correction(Some("SF999"), None))
        .then_expect_error_code("VALIDATION");
}

#[test]
fn a_waybill_is_a_fact_only_past_the_shipping_step() {
    // Still waiting for the parcel: registering it is the step, not a correction.
    given(
        Ticket::opened(TicketKind::ReturnAndRefund)
            .approved()
            .events(),
    )
    .when(correction(Some("SF1"), None))
    .then_expect_error_code("VALIDATION");
    // A refund-only ticket has no parcel.
    given(Ticket::opened(TicketKind::RefundOnly).events())
        .when(correction(Some("SF1"), None))
        .then_expect_error_code("VALIDATION");
    // Refunded by the platform without the parcel named: the waybill is recorded.
    let refunded = Ticket::opened(TicketKind::ReturnAndRefund)
        .run(platform_approval())
        .run(platform_refund(1, 100));
    assert_eq!(refunded.state().status, TicketStatus::Refunded);
    let state = given(refunded.events())
        .when(correction(Some("SF1"), None))
        .then_accept();
    assert_eq!(state.return_shipment.unwrap().tracking_number, "SF1");
    assert_eq!(state.status, TicketStatus::Refunded);
}

#[test]
fn a_corrected_contact_replaces_the_one_given() {
    let state = given(Ticket::opened(TicketKind::RefundOnly).events())
        .when(correction(None, Some("13812340001")))
        .then_expect_events([Event::CustomerContactCorrected(CustomerContactCorrected {
            platform: "douyin".into(),
            customer_phone: Some("13812340001".into()),
            customer_address: None,
            corrected_at: at(90),
        })]);
    assert_eq!(
        state.info.unwrap().customer_phone.as_deref(),
        Some("13812340001")
    );
    // Nothing to correct is refused.
    given(Ticket::opened(TicketKind::RefundOnly).events())
        .when(correction(None, None))
        .then_expect_error_code("VALIDATION");
}

#[test]
fn the_platform_overturns_a_refusal() {
    let rejected =
        Ticket::opened(TicketKind::RefundOnly).run(Command::RejectApplication(RejectApplication {
            reason: "not eligible".into(),
            reason_code: None,
            at: at(5),
        }));
    let state = given(rejected.events())
        .when(platform_approval())
        .then_accept();
    assert_eq!(state.status, TicketStatus::Approved);
    assert_eq!(state.rejection_reason, None, "overturned");
}

fn submission(digest: &str) -> Command {
    Command::RecordEvidenceSubmission(RecordEvidenceSubmission {
        via: SubmissionVia::BackOffice,
        pack_sha256: digest.into(),
        sent: Vec::new(),
        at: at(120),
    })
}

const PACK: &str = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";

#[test]
fn evidence_is_submitted_to_an_open_arbitration_named_by_the_packs_digest() {
    let opened = Ticket::opened(TicketKind::ReturnAndRefund).run(arbitration(
        ArbitrationStage::Open,
        Some(3 * 24 * 60),
        30,
    ));
    assert!(opened
        .state()
        .allowed_commands()
        .contains(&CommandKind::RecordEvidenceSubmission));
    let state = given(opened.events())
        .when(submission(PACK))
        .then_expect_events([Event::EvidenceSubmitted(EvidenceSubmitted {
            platform: "douyin".into(),
            via: SubmissionVia::BackOffice,
            pack_sha256: PACK.to_ascii_lowercase(),
            sent: Vec::new(),
            submitted_at: at(120),
        })]);
    assert_eq!(state.evidence_submissions.len(), 1);
    given(opened.events())
        .when(submission("not a digest"))
        .then_expect_error_code("VALIDATION");
    // Through the open API the event names each file the platform took; a
    // back-office upload names none, as the engine never saw them.
    let file = SentEvidence {
        name: "case.pdf page 1".into(),
        sha256: "ab".repeat(32),
        reference: Some("42".into()),
    };
    let through_api = |sent: Vec<SentEvidence>| {
        Command::RecordEvidenceSubmission(RecordEvidenceSubmission {
            via: SubmissionVia::OpenApi,
            pack_sha256: PACK.into(),
            sent,
            at: at(120),
        })
    };
    given(opened.events())
        .when(through_api(vec![file.clone()]))
        .then_expect_events([Event::EvidenceSubmitted(EvidenceSubmitted {
            platform: "douyin".into(),
            via: SubmissionVia::OpenApi,
            pack_sha256: PACK.to_ascii_lowercase(),
            sent: vec![file.clone()],
            submitted_at: at(120),
        })]);
    given(opened.events())
        .when(through_api(Vec::new()))
        .then_expect_error_code("VALIDATION");
    given(opened.events())
        .when(Command::RecordEvidenceSubmission(
            RecordEvidenceSubmission {
                via: SubmissionVia::BackOffice,
                pack_sha256: PACK.into(),
                sent: vec![file],
                at: at(120),
            },
        ))
        .then_expect_error_code("VALIDATION");
    // Nothing to answer before the platform intervenes or after it decided.
    given(Ticket::opened(TicketKind::ReturnAndRefund).events())
        .when(submission(PACK))
        .then_expect_error_code("INVALID_TRANSITION");
    given(
        opened
            .run(arbitration(ArbitrationStage::ForBuyer, None, 90))
            .events(),
    )
    .when(submission(PACK))
    .then_expect_error_code("INVALID_TRANSITION");
}
