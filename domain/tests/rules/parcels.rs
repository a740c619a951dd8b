//! Parcels nobody announced (无头件): the pool's own small aggregate
//! (register, claim once, dispose of when old with an approval) and the
//! ticket's side of a match (`ReceiveMatchedParcel`: the parcel counts as the
//! return received).

use returns_domain::command::{CommandKind, ReceiveMatchedParcel};
use returns_domain::event::*;
use returns_domain::parcel::{self as p, *};
use returns_domain::ticket::*;
use returns_domain::*;

use crate::common::*;

fn register() -> ParcelCommand {
    ParcelCommand::Register(RegisterParcel {
        parcel_id: id(0xb1),
        carrier: " YTO ".into(),
        tracking_number: "YT 7788-01".into(),
        contents: "2 x T-shirt M, tags on".into(),
        sender_name: Some("李四".into()),
        sender_phone: Some(" ".into()),
        photo_refs: Vec::new(),
        at: at(0),
    })
}

fn run(commands: &[ParcelCommand]) -> Result<ParcelState, ParcelError> {
    let mut state = ParcelState::default();
    for command in commands {
        for event in p::decide(&state, command)? {
            state = p::evolve(state, &event);
        }
    }
    Ok(state)
}

fn assign(ticket: uuid::Uuid, by: MatchedBy) -> ParcelCommand {
    ParcelCommand::Assign(AssignParcel {
        ticket_id: ticket,
        by,
        at: at(60),
    })
}

fn request(days: i64) -> ParcelCommand {
    ParcelCommand::RequestDisposition(RequestParcelDisposition {
        disposition: Disposition::ReturnToSender,
        reason: "no order, phone or SKU found a ticket".into(),
        at: at(days * 24 * 60),
    })
}

fn decide(approve: bool) -> ParcelCommand {
    ParcelCommand::DecideDisposition(DecideParcelDisposition {
        approve,
        note: Some("ok".into()),
        at: at(15 * 24 * 60),
    })
}

#[test]
fn a_registered_parcel_waits_in_the_pool_with_what_the_label_says() {
    let state = run(&[register()]).unwrap();
    assert_eq!(state.status, ParcelStatus::Unmatched);
    let registered = state.registered.unwrap();
    assert_eq!(registered.carrier, "YTO");
    assert_eq!(registered.tracking_number, "YT 7788-01");
    assert_eq!(registered.sender_name.as_deref(), Some("李四"));
    assert_eq!(registered.sender_phone, None, "a blank phone is no phone");
    assert_eq!(state.version, 1);
    assert_eq!(tracking_key("yt 7788-01"), tracking_key("YT778801"));
}

#[test]
fn a_parcel_is_registered_once_and_needs_its_label() {
    assert_eq!(
        run(&[register(), register()]).unwrap_err().code(),
        "CONFLICT"
    );
    let ParcelCommand::Register(mut blank) = register() else {
        unreachable!()
    };
    blank.tracking_number = "  ".into();
    let err = run(&[ParcelCommand::Register(blank)]).unwrap_err();
    assert_eq!(err.code(), "VALIDATION");
    assert!(err.to_string().contains("tracking_number"), "{err}");
}

#[test]
fn a_parcel_is_claimed_by_one_ticket_only() {
    let claimed = run(&[register(), assign(id(1), MatchedBy::Automatic)]).unwrap();
    assert_eq!(claimed.status, ParcelStatus::Matched);
    assert_eq!(claimed.ticket_id, Some(id(1)));
    let err = run(&[
        register(),
        assign(id(1), MatchedBy::Automatic),
        assign(id(2), MatchedBy::Person),
    ])
    .unwrap_err();
    assert_eq!(err.code(), "INVALID_TRANSITION");
    assert_eq!(
        run(&[assign(id(1), MatchedBy::Person)]).unwrap_err().code(),
        "INVALID_TRANSITION",
        "no parcel, nothing to claim"
    );
}

#[test]
fn only_an_old_parcel_may_be_disposed_of_and_only_with_an_approval() {
    let err = run(&[register(), request(DISPOSITION_AFTER_DAYS - 1)]).unwrap_err();
    assert_eq!(err.code(), "VALIDATION");
    assert!(err.to_string().contains("14 days"), "{err}");
    let asked = run(&[register(), request(DISPOSITION_AFTER_DAYS)]).unwrap();
    assert_eq!(asked.status, ParcelStatus::DispositionRequested);
    let approved = run(&[register(), request(14), decide(true)]).unwrap();
    assert_eq!(approved.status, ParcelStatus::Disposed);
    assert_eq!(
        approved.decision.map(|d| (d.disposition, d.approved)),
        Some((Disposition::ReturnToSender, true))
    );
    let refused = run(&[register(), request(14), decide(false)]).unwrap();
    assert_eq!(refused.status, ParcelStatus::Unmatched, "back in the pool");
    assert_eq!(
        run(&[register(), decide(true)]).unwrap_err().code(),
        "INVALID_TRANSITION",
        "nothing asked, nothing to approve"
    );
    assert_eq!(
        run(&[
            register(),
            request(14),
            decide(true),
            assign(id(1), MatchedBy::Person)
        ])
        .unwrap_err()
        .code(),
        "INVALID_TRANSITION",
        "a disposed parcel is gone"
    );
}

#[test]
fn a_ticket_found_while_a_disposition_waits_wins() {
    let state = run(&[register(), request(20), assign(id(1), MatchedBy::Person)]).unwrap();
    assert_eq!(state.status, ParcelStatus::Matched);
}

#[test]
fn parcel_events_are_stored_by_name_and_read_back() {
    let mut state = ParcelState::default();
    for command in [
        register(),
        request(14),
        decide(false),
        assign(id(1), MatchedBy::Automatic),
    ] {
        for event in p::decide(&state, &command).unwrap() {
            let json = serde_json::to_string(&event).unwrap();
            assert!(
                !json.contains("\"type\""),
                "the name is the stored event type: {json}"
            );
            let back = ParcelEvent::decode(event.event_type(), &json).unwrap();
            assert_eq!(back, event);
            state = p::evolve(state, &event);
        }
    }
    assert!(PARCEL_EVENT_TYPES
        .iter()
        .all(|t| ParcelEvent::decode(t, "{}").is_err()));
    assert!(ParcelEvent::decode("TicketOpened", "{}").is_err());
}

// ---- the ticket's side ----

fn receive_matched(lines: Vec<ReceivedLine>) -> Command {
    Command::ReceiveMatchedParcel(ReceiveMatchedParcel {
        parcel_id: id(0xb1),
        carrier: "YTO".into(),
        tracking_number: "YT7788".into(),
        matched_by: MatchedBy::Automatic,
        lines,
        package_condition: PackageCondition::Intact,
        at: at(3 * 24 * 60),
    })
}

#[test]
fn a_parcel_never_registered_on_the_ticket_registers_and_receives_every_unit_expected() {
    let approved = Ticket::opened(TicketKind::ReturnAndRefund).approved();
    assert!(approved
        .state()
        .allowed_commands()
        .contains(&CommandKind::ReceiveMatchedParcel));
    let state = given(approved.events())
        .when(receive_matched(Vec::new()))
        .then_expect_events([
            Event::ReturnShipmentRegistered(ReturnShipmentRegistered {
                carrier: "YTO".into(),
                tracking_number: "YT7788".into(),
                registered_at: at(3 * 24 * 60),
            }),
            Event::PoolParcelMatched(PoolParcelMatched {
                parcel_id: id(0xb1),
                carrier: "YTO".into(),
                tracking_number: "YT7788".into(),
                matched_by: MatchedBy::Automatic,
                matched_at: at(3 * 24 * 60),
            }),
            Event::ReturnReceived(ReturnReceived {
                lines: vec![
                    ReceivedLine {
                        line_id: "L1".into(),
                        qty: 2,
                    },
                    ReceivedLine {
                        line_id: "L2".into(),
                        qty: 1,
                    },
                ],
                package_condition: PackageCondition::Intact,
                received_at: at(3 * 24 * 60),
            }),
        ]);
    assert_eq!(state.status, TicketStatus::Received);
    assert_eq!(state.pool_parcels, vec![id(0xb1)]);
    assert!(state.allows(CommandKind::RecordInspection));
}

#[test]
fn a_wrong_waybill_keeps_the_ticket_s_and_receives_the_lines_given() {
    let shipped = Ticket::opened(TicketKind::Exchange).shipped();
    let state = given(shipped.events())
        .when(receive_matched(vec![ReceivedLine {
            line_id: "L1".into(),
            qty: 1,
        }]))
        .then_accept();
    assert_eq!(state.status, TicketStatus::Received);
    let registered = shipped.state().return_shipment;
    assert!(registered.is_some());
    assert_eq!(
        state.return_shipment, registered,
        "the ticket's own waybill stays as registered"
    );
    assert_eq!(state.pool_parcels, vec![id(0xb1)]);
    assert_eq!(state.lines[0].qty_received, 1);
}

#[test]
fn the_same_parcel_is_not_received_twice_and_a_ticket_that_takes_no_goods_refuses() {
    let approved = Ticket::opened(TicketKind::ReturnAndRefund).approved();
    let received = approved.clone().run(receive_matched(vec![ReceivedLine {
        line_id: "L1".into(),
        qty: 1,
    }]));
    given(received.events())
        .when(receive_matched(Vec::new()))
        .then_expect_error_code("CONFLICT");
    given(Ticket::opened(TicketKind::RefundOnly).approved().events())
        .when(receive_matched(Vec::new()))
        .then_expect_error_code("INVALID_TRANSITION");
    given(Ticket::opened(TicketKind::ReturnAndRefund).events())
        .when(receive_matched(Vec::new()))
        .then_expect_error_code("INVALID_TRANSITION");
    given(approved.events())
        .when(receive_matched(vec![ReceivedLine {
            line_id: "L1".into(),
            qty: 3,
        }]))
        .then_expect_error_code("VALIDATION");
}
