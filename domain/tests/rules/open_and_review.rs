use returns_domain::command::*;
use returns_domain::event::*;
use returns_domain::ticket::*;
use returns_domain::*;

use crate::common::*;

#[test]
fn open_ticket_records_the_whole_application() {
    let Command::OpenTicket(c) = open(TicketKind::ReturnAndRefund) else {
        unreachable!()
    };
    let state = given([])
        .when(open(TicketKind::ReturnAndRefund))
        .then_expect_events([Event::TicketOpened(TicketOpened {
            ticket_id: ticket_id(),
            kind: TicketKind::ReturnAndRefund,
            channel: "taobao".into(),
            platform_order_id: Some("TB-1001".into()),
            platform_after_sale_id: None,
            customer: "buyer_li".into(),
            reason_code: "quality_issue".into(),
            reason_text: "seam came apart".into(),
            lines: lines(),
            currency: cny(),
            custom_fields: c.custom_fields.clone(),
            customer_phone: None,
            customer_address: None,
            opened_at: at(0),
            review_deadline: at(48 * 60),
        })]);
    assert_eq!(state.status, TicketStatus::Applied);
    assert_eq!(state.version, 1);
    assert_eq!(state.kind(), Some(TicketKind::ReturnAndRefund));
    assert_eq!(state.currency(), Some(cny()));
    assert_eq!(state.quantities().applied, 3);
}

#[test]
fn review_deadline_is_recorded_on_open() {
    let state = Ticket::opened(TicketKind::RefundOnly).state();
    assert_eq!(state.review_deadline, Some(at(48 * 60)));
    assert_eq!(
        state.running_deadline(),
        Some((DeadlineKind::Review, at(48 * 60)))
    );
}

#[test]
fn a_ticket_is_opened_only_once() {
    given(Ticket::opened(TicketKind::Exchange).events())
        .when(open(TicketKind::Exchange))
        .then_expect_error(DomainError::AlreadyExists {
            what: "ticket",
            id: ticket_id().to_string(),
        });
}

#[test]
fn before_opening_only_open_ticket_is_allowed() {
    given([])
        .when(approve(TicketKind::RefundOnly))
        .then_expect_error(DomainError::InvalidTransition {
            command: CommandKind::ApproveApplication,
            status: TicketStatus::NotOpened,
            allowed: vec![CommandKind::OpenTicket],
        });
    assert_eq!(
        TicketState::default().allowed_commands(),
        vec![CommandKind::OpenTicket]
    );
}

#[test]
fn a_ticket_never_mixes_currencies() {
    let Command::OpenTicket(mut c) = open(TicketKind::RefundOnly) else {
        unreachable!()
    };
    c.lines[1].paid = Money::new(700, usd());
    given([])
        .when(Command::OpenTicket(c))
        .then_expect_error(DomainError::CurrencyMismatch {
            expected: cny(),
            found: usd(),
        });
}

#[test]
fn open_requires_unique_line_ids_and_positive_quantities() {
    let Command::OpenTicket(mut dup) = open(TicketKind::RefundOnly) else {
        unreachable!()
    };
    dup.lines[1].line_id = "L1".into();
    let err = given([])
        .when(Command::OpenTicket(dup))
        .then_expect_error_code("VALIDATION");
    assert!(
        matches!(err, DomainError::Validation { ref field, .. } if field == "lines[1].line_id")
    );

    let Command::OpenTicket(mut zero) = open(TicketKind::RefundOnly) else {
        unreachable!()
    };
    zero.lines[0].qty = 0;
    given([])
        .when(Command::OpenTicket(zero))
        .then_expect_error(DomainError::validation(
            "lines[0].qty",
            "must be at least 1",
        ));

    let Command::OpenTicket(mut none) = open(TicketKind::RefundOnly) else {
        unreachable!()
    };
    none.lines.clear();
    given([])
        .when(Command::OpenTicket(none))
        .then_expect_error_code("VALIDATION");
}

#[test]
fn reason_categories_tell_quality_from_logistics() {
    assert_eq!(ReasonCategory::of("quality_issue"), ReasonCategory::Quality);
    assert_eq!(
        ReasonCategory::of("not_as_described"),
        ReasonCategory::Quality
    );
    assert_eq!(
        ReasonCategory::of("logistics_damage"),
        ReasonCategory::Logistics
    );
    assert_eq!(ReasonCategory::of("wrong_item"), ReasonCategory::Fulfilment);
    assert_eq!(
        ReasonCategory::of("changed_mind"),
        ReasonCategory::Preference
    );
    assert_eq!(ReasonCategory::of("size_issue"), ReasonCategory::Preference);
    assert_eq!(ReasonCategory::of("something_new"), ReasonCategory::Other);
}

#[test]
fn approval_records_return_address_and_ship_back_deadline() {
    let state = given(Ticket::opened(TicketKind::ReturnAndRefund).events())
        .when(approve(TicketKind::ReturnAndRefund))
        .then_expect_events([Event::ApplicationApproved(ApplicationApproved {
            return_address: Some(address()),
            ship_back_deadline: Some(at(7 * 24 * 60)),
            approved_at: at(10),
            by_platform: None,
        })]);
    assert_eq!(state.status, TicketStatus::Approved);
    assert_eq!(state.ship_back_deadline, Some(at(7 * 24 * 60)));
    assert_eq!(state.return_address, Some(address()));
    assert_eq!(
        state.running_deadline(),
        Some((DeadlineKind::ShipBack, at(7 * 24 * 60)))
    );
}

#[test]
fn returned_kinds_need_an_address_and_a_future_ship_back_deadline() {
    for kind in [TicketKind::ReturnAndRefund, TicketKind::Exchange] {
        given(Ticket::opened(kind).events())
            .when(Command::ApproveApplication(ApproveApplication {
                return_address: None,
                ship_back_deadline: Some(at(100)),
                at: at(10),
            }))
            .then_expect_error(DomainError::validation(
                "return_address",
                format!("required for {}", kind.as_str()),
            ));
        given(Ticket::opened(kind).events())
            .when(Command::ApproveApplication(ApproveApplication {
                return_address: Some(address()),
                ship_back_deadline: Some(at(5)),
                at: at(10),
            }))
            .then_expect_error(DomainError::validation(
                "ship_back_deadline",
                "must be after the approval time",
            ));
    }
}

#[test]
fn refund_only_approval_has_no_return_address_and_owes_the_paid_amount() {
    given(Ticket::opened(TicketKind::RefundOnly).events())
        .when(approve(TicketKind::ReturnAndRefund))
        .then_expect_error(DomainError::validation(
            "return_address",
            "must be absent for REFUND_ONLY",
        ));
    let state = given(Ticket::opened(TicketKind::RefundOnly).events())
        .when(approve(TicketKind::RefundOnly))
        .then_accept();
    assert_eq!(state.ship_back_deadline, None);
    assert_eq!(state.refundable(), Some(fen(PAID_TOTAL)));
}

#[test]
fn rejection_leads_only_to_close_as_rejected() {
    let state = given(Ticket::opened(TicketKind::ReturnAndRefund).events())
        .when(Command::RejectApplication(RejectApplication {
            reason: "outside the return window".into(),
            reason_code: None,
            at: at(10),
        }))
        .then_expect_events([Event::ApplicationRejected(ApplicationRejected {
            reason: "outside the return window".into(),
            rejected_at: at(10),
        })]);
    assert_eq!(state.status, TicketStatus::Rejected);
    assert!(!state.allows(CommandKind::RegisterReturnShipment));
    assert!(state.allows(CommandKind::CloseTicket));
}

#[test]
fn review_happens_once() {
    given(Ticket::opened(TicketKind::RefundOnly).approved().events())
        .when(approve(TicketKind::RefundOnly))
        .then_expect_error_code("INVALID_TRANSITION");
}

#[test]
fn amounts_above_the_limit_are_rejected_so_sums_never_overflow() {
    let Command::OpenTicket(mut c) = open(TicketKind::RefundOnly) else {
        unreachable!()
    };
    c.lines[0].paid = fen(returns_domain::decide::validate::MAX_AMOUNT_MINOR + 1);
    given(vec![])
        .when(Command::OpenTicket(c.clone()))
        .then_expect_error(DomainError::LimitExceeded {
            what: "lines[0].paid (minor units)".into(),
            limit: returns_domain::decide::validate::MAX_AMOUNT_MINOR,
            requested: returns_domain::decide::validate::MAX_AMOUNT_MINOR + 1,
        });
    // At the limit on every line, the refund-only total still fits an i64.
    c.lines = (0..returns_domain::decide::validate::MAX_LINES)
        .map(|i| ticket::TicketLine {
            line_id: format!("L{i}"),
            sku: "SKU".into(),
            name: "Gold bar".into(),
            qty: 1,
            paid: fen(returns_domain::decide::validate::MAX_AMOUNT_MINOR),
        })
        .collect();
    let opened = given(vec![]).when(Command::OpenTicket(c)).then_accept();
    assert_eq!(
        opened.lines.len(),
        returns_domain::decide::validate::MAX_LINES
    );
}
