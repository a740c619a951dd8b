//! Shared test support: the given/when/then harness, fixed times and money,
//! and a builder that walks a ticket to a given step through `decide` itself
//! (so the setup can never describe a history the domain would refuse).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, TimeZone, Utc};
use returns_domain::command::*;
use returns_domain::ticket::*;
use returns_domain::{
    decide, evolve, Currency, DomainError, Event, Money, TicketKind, TicketState,
};
use uuid::Uuid;

/// Minutes after a fixed epoch, so every timestamp in a test is deterministic.
pub fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 3, 1, 8, 0, 0).unwrap() + Duration::minutes(minutes)
}

pub fn cny() -> Currency {
    Currency::parse("CNY").unwrap()
}

pub fn usd() -> Currency {
    Currency::parse("USD").unwrap()
}

pub fn fen(amount: i64) -> Money {
    Money::new(amount, cny())
}

pub fn ticket_id() -> Uuid {
    Uuid::from_u128(0x0195_5c5e_0000_7000_8000_0000_0000_0001)
}

pub fn id(n: u128) -> Uuid {
    Uuid::from_u128(0x0195_5c5e_0000_7000_8000_0000_0000_0000 + n)
}

/// Two lines: L1 is 2 units paid 199.98 together, L2 is 1 unit paid 50.00.
pub fn lines() -> Vec<TicketLine> {
    vec![
        TicketLine {
            line_id: "L1".into(),
            sku: "SKU-TEE-M".into(),
            name: "T-shirt M".into(),
            qty: 2,
            paid: fen(19_998),
        },
        TicketLine {
            line_id: "L2".into(),
            sku: "SKU-CAP".into(),
            name: "Cap".into(),
            qty: 1,
            paid: fen(5_000),
        },
    ]
}

/// Total paid over [`lines`].
pub const PAID_TOTAL: i64 = 24_998;

pub fn open(kind: TicketKind) -> Command {
    Command::OpenTicket(OpenTicket {
        ticket_id: ticket_id(),
        kind,
        channel: "taobao".into(),
        platform_order_id: Some("TB-1001".into()),
        // A ticket with no platform after-sale record of its own, so the
        // platform hears of nothing: `platform_actions.rs` opens marketplace
        // tickets itself.
        platform_after_sale_id: None,
        customer: "buyer_li".into(),
        reason_code: reason_codes::QUALITY_ISSUE.into(),
        reason_text: "seam came apart".into(),
        lines: lines(),
        currency: cny(),
        custom_fields: BTreeMap::from([("vip".to_owned(), serde_json::json!(true))]),
        customer_phone: None,
        customer_address: None,
        review_deadline: at(48 * 60),
        at: at(0),
    })
}

pub fn address() -> ReturnAddress {
    ReturnAddress {
        recipient: "Returns desk".into(),
        phone: "021-5555-0100".into(),
        address: "88 Warehouse Rd, Jiading, Shanghai".into(),
    }
}

pub fn approve(kind: TicketKind) -> Command {
    let goods_back = kind.needs_goods_back();
    Command::ApproveApplication(ApproveApplication {
        return_address: goods_back.then(address),
        ship_back_deadline: goods_back.then(|| at(7 * 24 * 60)),
        at: at(10),
    })
}

pub fn register_shipment() -> Command {
    Command::RegisterReturnShipment(RegisterReturnShipment {
        carrier: "SF".into(),
        tracking_number: "SF1234567890".into(),
        at: at(60),
    })
}

pub fn receive(lines: &[(&str, u32)]) -> Command {
    Command::ReceiveReturn(ReceiveReturn {
        lines: lines
            .iter()
            .map(|(line_id, qty)| ReceivedLine {
                line_id: (*line_id).into(),
                qty: *qty,
            })
            .collect(),
        package_condition: PackageCondition::Intact,
        at: at(3 * 24 * 60),
    })
}

pub fn inspect(line_id: &str, inspected: u32, accepted: u32, deduction: i64) -> Command {
    let verdict = if accepted > 0 {
        Verdict::Pass
    } else {
        Verdict::Fail
    };
    Command::RecordInspection(RecordInspection {
        line_id: line_id.into(),
        qty_inspected: inspected,
        qty_accepted: accepted,
        grade: if accepted > 0 {
            Grade::New
        } else {
            Grade::Damaged
        },
        verdict,
        deduction: fen(deduction),
        notes: String::new(),
        photo_refs: vec![],
        at: at(3 * 24 * 60 + 30),
    })
}

pub fn complete_inspection() -> Command {
    Command::CompleteInspection(CompleteInspection {
        at: at(3 * 24 * 60 + 60),
    })
}

pub fn request_refund(refund_id: Uuid, amount: i64) -> Command {
    Command::RequestRefund(RequestRefund {
        refund_id,
        amount: fen(amount),
        at: at(4 * 24 * 60),
    })
}

pub fn approve_refund(refund_id: Uuid) -> Command {
    Command::ApproveRefund(ApproveRefund {
        refund_id,
        at: at(4 * 24 * 60 + 10),
    })
}

pub fn issue_refund(refund_id: Uuid) -> Command {
    Command::IssueRefund(IssueRefund {
        refund_id,
        gateway_reference: "GW-REF-1".into(),
        at: at(4 * 24 * 60 + 20),
    })
}

pub fn fail_refund(refund_id: Uuid) -> Command {
    Command::RecordRefundFailure(RecordRefundFailure {
        refund_id,
        reason: "gateway timeout".into(),
        at: at(4 * 24 * 60 + 20),
    })
}

pub fn close(resolution: Resolution) -> Command {
    Command::CloseTicket(CloseTicket {
        resolution,
        note: None,
        at: at(5 * 24 * 60),
    })
}

pub fn cancel() -> Command {
    Command::CancelTicket(CancelTicket {
        reason: "customer withdrew".into(),
        at: at(20),
    })
}

pub fn note(text: &str) -> Command {
    Command::AddNote(AddNote {
        author: "agent_wang".into(),
        text: text.into(),
        at: at(6 * 24 * 60),
    })
}

pub fn ship_replacement() -> Command {
    Command::ShipReplacement(ShipReplacement {
        carrier: "YTO".into(),
        tracking_number: "YT000111".into(),
        at: at(4 * 24 * 60),
    })
}

pub fn return_goods() -> Command {
    Command::ReturnGoodsToCustomer(ReturnGoodsToCustomer {
        carrier: "YTO".into(),
        tracking_number: "YT000222".into(),
        at: at(4 * 24 * 60),
    })
}

pub fn dispute() -> Command {
    Command::DisputeInspection(DisputeInspection {
        reason: "the cap was fine when I sent it".into(),
        at: at(3 * 24 * 60 + 90),
    })
}

/// The price difference used by price-protection tests: 20.00.
pub const DIFFERENCE: i64 = 2_000;

pub fn state_difference(amount: i64) -> Command {
    Command::StatePriceDifference(StatePriceDifference {
        amount: fen(amount),
        source: DifferenceSource::Platform,
        basis: "listed 99.99, now 89.99".into(),
        at: at(5),
    })
}

pub fn ship_reshipment() -> Command {
    Command::ShipReshipment(ShipReshipment {
        carrier: "ZTO".into(),
        tracking_number: "ZT000333".into(),
        contents: "1 x cap (the missing one)".into(),
        at: at(24 * 60),
    })
}

pub fn confirm_reshipment(by: ReceiptBy) -> Command {
    Command::ConfirmReshipmentReceived(ConfirmReshipmentReceived {
        by,
        at: at(3 * 24 * 60),
    })
}

pub fn record_repair(method: RepairMethod) -> Command {
    Command::RecordRepair(RecordRepair {
        method,
        work_done: "replaced the zip".into(),
        parts: vec!["zip 20cm".into()],
        cost: fen(800),
        parts_shipment: None,
        at: at(3 * 24 * 60 + 120),
    })
}

pub fn ship_repaired_goods() -> Command {
    Command::ShipRepairedGoods(ShipRepairedGoods {
        carrier: "SF".into(),
        tracking_number: "SF000444".into(),
        at: at(4 * 24 * 60),
    })
}

pub fn convert(conversion: Conversion, refund_amount: Option<i64>) -> Command {
    Command::ConvertTicket(ConvertTicket {
        conversion,
        refund_amount: refund_amount.map(fen),
        reason: "out of stock".into(),
        at: at(3 * 24 * 60 + 100),
    })
}

pub fn offer(offer_id: Uuid, offer: CounterOffer) -> Command {
    Command::MakeCounterOffer(MakeCounterOffer {
        offer_id,
        offer,
        respond_by: at(2 * 24 * 60),
        note: "we can refund part and you keep it".into(),
        at: at(20),
    })
}

pub fn answer_offer(offer_id: Uuid, answer: OfferAnswer) -> Command {
    Command::RecordOfferAnswer(RecordOfferAnswer {
        offer_id,
        answer,
        at: at(60),
    })
}

pub fn expire_offer(offer_id: Uuid, minutes: i64) -> Command {
    Command::ExpireCounterOffer(ExpireCounterOffer {
        offer_id,
        at: at(minutes),
    })
}

/// The T-shirt line (L1, 199.98 for two) replaced with the L size.
pub fn choose_variant(price_difference: i64) -> Command {
    Command::ChooseReplacementVariant(ChooseReplacementVariant {
        line_id: "L1".into(),
        sku: "SKU-TEE-L".into(),
        name: "T-shirt L".into(),
        price_difference: fen(price_difference),
        at: at(30),
    })
}

/// A ticket's history built by running commands through `decide`.
#[derive(Clone)]
pub struct Ticket {
    pub kind: TicketKind,
    pub events: Vec<Event>,
}

impl Ticket {
    /// A ticket of `kind`, opened.
    pub fn opened(kind: TicketKind) -> Self {
        Self {
            kind,
            events: vec![],
        }
        .run(open(kind))
    }

    /// Runs `command`, panicking if the domain refuses it (setup must be valid).
    pub fn run(mut self, command: Command) -> Self {
        let state = TicketState::fold(&self.events);
        let events = decide(&state, &command)
            .unwrap_or_else(|e| panic!("setup command {} refused: {e:?}", command.name()));
        self.events.extend(events);
        self
    }

    /// Approved; a price-protection ticket has its difference stated first.
    pub fn approved(self) -> Self {
        let kind = self.kind;
        let ticket =
            if kind == TicketKind::PriceProtection && self.state().price_difference.is_none() {
                self.run(state_difference(DIFFERENCE))
            } else {
                self
            };
        ticket.run(approve(kind))
    }

    /// A repair approved with a return address (the goods come back).
    pub fn approved_with_return(self) -> Self {
        self.run(Command::ApproveApplication(ApproveApplication {
            return_address: Some(address()),
            ship_back_deadline: Some(at(7 * 24 * 60)),
            at: at(10),
        }))
    }

    /// Approved and the goods shipped back (a repair is approved with a return address).
    pub fn shipped(self) -> Self {
        let approved = if self.kind == TicketKind::Repair {
            self.approved_with_return()
        } else {
            self.approved()
        };
        approved.run(register_shipment())
    }

    /// Everything applied for has arrived.
    pub fn received(self) -> Self {
        self.shipped().run(receive(&[("L1", 2), ("L2", 1)]))
    }

    /// Every unit inspected and accepted, no deductions; inspection completed.
    pub fn inspected_passed(self) -> Self {
        self.received()
            .run(inspect("L1", 2, 2, 0))
            .run(inspect("L2", 1, 1, 0))
            .run(complete_inspection())
    }

    /// Every unit inspected and rejected; inspection completed.
    pub fn inspected_failed(self) -> Self {
        self.received()
            .run(inspect("L1", 2, 0, 0))
            .run(inspect("L2", 1, 0, 0))
            .run(complete_inspection())
    }

    pub fn state(&self) -> TicketState {
        TicketState::fold(&self.events)
    }

    pub fn events(&self) -> Vec<Event> {
        self.events.clone()
    }
}

/// `given(history)`: the start of a given/when/then scenario.
pub fn given(events: impl IntoIterator<Item = Event>) -> Given {
    Given {
        history: events.into_iter().collect(),
    }
}

/// A history waiting for its command.
pub struct Given {
    history: Vec<Event>,
}

impl Given {
    /// Runs `command` on the state folded from the history.
    pub fn when(self, command: Command) -> Then {
        let state = TicketState::fold(&self.history);
        let result = decide(&state, &command);
        Then {
            history: self.history,
            state,
            command,
            result,
        }
    }
}

/// The decision, ready to be checked.
pub struct Then {
    history: Vec<Event>,
    state: TicketState,
    command: Command,
    result: Result<Vec<Event>, DomainError>,
}

impl Then {
    /// Asserts exactly these events; returns the state after them for further checks.
    pub fn then_expect_events(self, expected: impl IntoIterator<Item = Event>) -> TicketState {
        let expected: Vec<Event> = expected.into_iter().collect();
        match self.result {
            Ok(events) => {
                assert_eq!(events, expected, "events of {}", self.command.name());
                events.iter().fold(self.state, evolve)
            }
            Err(e) => panic!("{} refused: {e:?}", self.command.name()),
        }
    }

    /// Asserts the command is accepted, whatever the events; returns the state after them.
    pub fn then_accept(self) -> TicketState {
        match self.result {
            Ok(events) => events.iter().fold(self.state, evolve),
            Err(e) => panic!("{} refused: {e:?}", self.command.name()),
        }
    }

    /// Asserts exactly this error.
    pub fn then_expect_error(self, expected: DomainError) {
        match self.result {
            Ok(events) => panic!(
                "{} accepted, expected {expected:?}; events: {events:?}",
                self.command.name()
            ),
            Err(e) => assert_eq!(e, expected),
        }
    }

    /// Asserts an error with this client code; returns it for finer checks.
    pub fn then_expect_error_code(self, code: &str) -> DomainError {
        match self.result {
            Ok(events) => panic!(
                "{} accepted, expected {code}; events: {events:?}",
                self.command.name()
            ),
            Err(e) => {
                assert_eq!(e.code(), code, "{e:?}");
                e
            }
        }
    }

    /// The history the scenario started from.
    pub fn history(&self) -> &[Event] {
        &self.history
    }
}
