//! Our side of the ticket workload: real domain commands and histories.
//!
//! The issue's main line (open → approve → ship → receive → inspect → refund
//! → close) takes ten commands in our domain, each writing one event:
//! inspection is recorded per line and then completed, and a refund is
//! requested, approved and issued. The peer runs the same ten steps.

use chrono::{DateTime, Duration, TimeZone, Utc};
use returns_domain::command::{
    AddNote, ApproveApplication, ApproveRefund, CloseTicket, CompleteInspection, IssueRefund,
    OpenTicket, ReceiveReturn, RecordInspection, RegisterReturnShipment, RequestRefund,
};
use returns_domain::ticket::{
    Grade, PackageCondition, ReceivedLine, Resolution, ReturnAddress, TicketLine, Verdict,
};
use returns_domain::{decide, evolve, Command, Currency, Money, TicketKind, TicketState};
use returns_eventstore::{Metadata, NewEvent};
use uuid::Uuid;

/// What one line of every benchmark ticket paid, in fen.
pub const PAID_MINOR: i64 = 29_900;

fn cny() -> Currency {
    // A literal valid code: parse cannot fail, and a fallback keeps clippy's
    // no-expect rule without hiding anything.
    Currency::parse("CNY").unwrap_or_else(|_| unreachable!("CNY is a valid ISO 4217 code"))
}

/// A fixed start so every run writes identical payloads.
pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0)
        .single()
        .unwrap_or_else(Utc::now)
}

/// Opens a RETURN_AND_REFUND ticket with one line.
pub fn open(ticket_id: Uuid) -> Command {
    let at = t0();
    Command::OpenTicket(OpenTicket {
        ticket_id,
        kind: TicketKind::ReturnAndRefund,
        channel: "taobao".into(),
        platform_order_id: Some("TB-20261101-0001".into()),
        platform_after_sale_id: Some("AS-20261101-0001".into()),
        customer: "buyer_li".into(),
        reason_code: "quality_issue".into(),
        reason_text: "seam came apart after one wash".into(),
        lines: vec![TicketLine {
            line_id: "L1".into(),
            sku: "SKU-JACKET-M".into(),
            name: "Rain jacket M".into(),
            qty: 1,
            paid: Money::new(PAID_MINOR, cny()),
        }],
        currency: cny(),
        custom_fields: Default::default(),
        customer_phone: None,
        customer_address: None,
        review_deadline: at + Duration::hours(48),
        at,
    })
}

/// The ten commands of the main line, from open to close.
pub fn main_line(ticket_id: Uuid) -> Vec<Command> {
    let at = t0();
    let refund_id = Uuid::now_v7();
    vec![
        open(ticket_id),
        Command::ApproveApplication(ApproveApplication {
            return_address: Some(ReturnAddress {
                recipient: "Returns desk".into(),
                phone: "021-5555-0100".into(),
                address: "88 Warehouse Rd, Jiading, Shanghai".into(),
            }),
            ship_back_deadline: Some(at + Duration::days(7)),
            at: at + Duration::minutes(10),
        }),
        Command::RegisterReturnShipment(RegisterReturnShipment {
            carrier: "SF".into(),
            tracking_number: "SF1234567890".into(),
            at: at + Duration::hours(2),
        }),
        Command::ReceiveReturn(ReceiveReturn {
            lines: vec![ReceivedLine {
                line_id: "L1".into(),
                qty: 1,
            }],
            package_condition: PackageCondition::Intact,
            at: at + Duration::days(3),
        }),
        Command::RecordInspection(RecordInspection {
            line_id: "L1".into(),
            qty_inspected: 1,
            qty_accepted: 1,
            grade: Grade::New,
            verdict: Verdict::Pass,
            deduction: Money::new(0, cny()),
            notes: "tags on, unworn".into(),
            photo_refs: vec!["media/insp/1.jpg".into()],
            at: at + Duration::days(3) + Duration::minutes(30),
        }),
        Command::CompleteInspection(CompleteInspection {
            at: at + Duration::days(3) + Duration::minutes(40),
        }),
        Command::RequestRefund(RequestRefund {
            refund_id,
            amount: Money::new(PAID_MINOR, cny()),
            at: at + Duration::days(4),
        }),
        Command::ApproveRefund(ApproveRefund {
            refund_id,
            at: at + Duration::days(4) + Duration::minutes(5),
        }),
        Command::IssueRefund(IssueRefund {
            refund_id,
            gateway_reference: "GW-REF-0001".into(),
            at: at + Duration::days(4) + Duration::minutes(6),
        }),
        Command::CloseTicket(CloseTicket {
            resolution: Resolution::Refunded,
            note: None,
            at: at + Duration::days(5),
        }),
    ]
}

/// A note, the filler that makes long tickets.
pub fn note(i: usize) -> Command {
    Command::AddNote(AddNote {
        author: "agent_wang".into(),
        text: format!("called the customer, follow-up #{i}: parcel on its way"),
        at: t0() + Duration::minutes(1 + i as i64),
    })
}

/// Metadata like the API writes: an actor, a role and a fresh command id.
pub fn meta() -> Metadata {
    Metadata::new("bench", "customer_service")
        .with_command_id(Uuid::now_v7())
        .with_source("bench")
}

/// The events of a ticket opened and then noted `len - 1` times, decided by
/// the domain itself (so the log holds only histories it would accept).
pub fn history(ticket_id: Uuid, len: usize) -> anyhow::Result<Vec<NewEvent>> {
    let mut state = TicketState::default();
    let mut out = Vec::with_capacity(len);
    for i in 0..len {
        let command = if i == 0 { open(ticket_id) } else { note(i) };
        for event in decide(&state, &command)? {
            out.push(NewEvent::new(
                event.event_type(),
                event.schema_version(),
                serde_json::to_value(&event)?,
            ));
            state = evolve(state, &event);
        }
    }
    Ok(out)
}

/// The events of a ticket that ran the whole main line, decided by the domain.
pub fn main_line_history(ticket_id: Uuid) -> anyhow::Result<Vec<NewEvent>> {
    let mut state = TicketState::default();
    let mut out = Vec::with_capacity(10);
    for command in main_line(ticket_id) {
        for event in decide(&state, &command)? {
            out.push(NewEvent::new(
                event.event_type(),
                event.schema_version(),
                serde_json::to_value(&event)?,
            ));
            state = evolve(state, &event);
        }
    }
    Ok(out)
}

/// One note event as stored, for appends that do not go through `decide`.
pub fn note_event(i: usize) -> anyhow::Result<NewEvent> {
    let mut events = history(Uuid::from_u128(1), 2)?;
    let mut note = events
        .pop()
        .ok_or_else(|| anyhow::anyhow!("no note event"))?;
    if let Some(text) = note.payload.get_mut("text") {
        *text = serde_json::Value::String(format!("note {i}: parcel on its way"));
    }
    Ok(note)
}
