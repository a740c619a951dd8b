//! The same ticket, written as a cqrs-es `Aggregate` the way its guide
//! shows: commands handled into events through an `EventSink`, events
//! applied to the aggregate. It keeps the rules the main line needs (order
//! of steps, quantities, refund ≤ paid) so both sides do comparable work.

use cqrs_es::event_sink::EventSink;
use cqrs_es::{Aggregate, DomainEvent};
use serde::{Deserialize, Serialize};

/// A ticket line, as our domain carries it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// The line's id within the ticket.
    pub line_id: String,
    /// Stock keeping unit.
    pub sku: String,
    /// Product name.
    pub name: String,
    /// Units applied for.
    pub qty: u32,
    /// Paid for the line, minor units.
    pub paid_minor: i64,
}

/// The peer's commands: the main line plus notes (for long tickets).
#[derive(Debug, Clone)]
pub enum PeerCommand {
    /// Apply.
    Open {
        /// Ticket id.
        ticket_id: String,
        /// Customer.
        customer: String,
        /// Reason code.
        reason_code: String,
        /// Customer's words.
        reason_text: String,
        /// Lines.
        lines: Vec<Line>,
        /// Currency code.
        currency: String,
    },
    /// Review.
    Approve {
        /// Where to send goods.
        return_address: String,
    },
    /// Ship back.
    RegisterShipment {
        /// Carrier.
        carrier: String,
        /// Tracking number.
        tracking_number: String,
    },
    /// Receive.
    Receive {
        /// Line.
        line_id: String,
        /// Units.
        qty: u32,
    },
    /// Inspect one line.
    RecordInspection {
        /// Line.
        line_id: String,
        /// Units accepted.
        qty_accepted: u32,
        /// Deduction, minor units.
        deduction_minor: i64,
        /// Notes.
        notes: String,
    },
    /// Close the inspection round.
    CompleteInspection,
    /// Ask for a refund.
    RequestRefund {
        /// Refund id.
        refund_id: String,
        /// Amount, minor units.
        amount_minor: i64,
    },
    /// Approve it.
    ApproveRefund {
        /// Refund id.
        refund_id: String,
    },
    /// Pay it.
    IssueRefund {
        /// Refund id.
        refund_id: String,
        /// Gateway reference.
        gateway_reference: String,
    },
    /// Close the ticket.
    Close {
        /// Resolution.
        resolution: String,
    },
    /// Add a note.
    AddNote {
        /// Text.
        text: String,
    },
}

/// The peer's events, one per command.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PeerEvent {
    /// Opened.
    TicketOpened {
        /// Ticket id.
        ticket_id: String,
        /// Customer.
        customer: String,
        /// Reason code.
        reason_code: String,
        /// Customer's words.
        reason_text: String,
        /// Lines.
        lines: Vec<Line>,
        /// Currency.
        currency: String,
    },
    /// Approved.
    ApplicationApproved {
        /// Address.
        return_address: String,
    },
    /// Shipment registered.
    ReturnShipmentRegistered {
        /// Carrier.
        carrier: String,
        /// Tracking number.
        tracking_number: String,
    },
    /// Received.
    ReturnReceived {
        /// Line.
        line_id: String,
        /// Units.
        qty: u32,
    },
    /// Line inspected.
    LineInspected {
        /// Line.
        line_id: String,
        /// Accepted units.
        qty_accepted: u32,
        /// Deduction.
        deduction_minor: i64,
        /// Notes.
        notes: String,
    },
    /// Inspection done.
    InspectionCompleted {
        /// Refundable, minor units.
        refundable_minor: i64,
    },
    /// Refund requested.
    RefundRequested {
        /// Refund id.
        refund_id: String,
        /// Amount.
        amount_minor: i64,
    },
    /// Refund approved.
    RefundApproved {
        /// Refund id.
        refund_id: String,
    },
    /// Refund paid.
    RefundIssued {
        /// Refund id.
        refund_id: String,
        /// Gateway reference.
        gateway_reference: String,
    },
    /// Closed.
    TicketClosed {
        /// Resolution.
        resolution: String,
    },
    /// Note.
    NoteAdded {
        /// Text.
        text: String,
    },
}

impl DomainEvent for PeerEvent {
    fn event_type(&self) -> String {
        match self {
            PeerEvent::TicketOpened { .. } => "TicketOpened",
            PeerEvent::ApplicationApproved { .. } => "ApplicationApproved",
            PeerEvent::ReturnShipmentRegistered { .. } => "ReturnShipmentRegistered",
            PeerEvent::ReturnReceived { .. } => "ReturnReceived",
            PeerEvent::LineInspected { .. } => "LineInspected",
            PeerEvent::InspectionCompleted { .. } => "InspectionCompleted",
            PeerEvent::RefundRequested { .. } => "RefundRequested",
            PeerEvent::RefundApproved { .. } => "RefundApproved",
            PeerEvent::RefundIssued { .. } => "RefundIssued",
            PeerEvent::TicketClosed { .. } => "TicketClosed",
            PeerEvent::NoteAdded { .. } => "NoteAdded",
        }
        .to_owned()
    }

    fn event_version(&self) -> String {
        "1.0".to_owned()
    }
}

/// Why the peer refused a command.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct PeerError(pub String);

/// Where a peer ticket is in its main line.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// Nothing yet.
    #[default]
    New,
    /// Opened.
    Applied,
    /// Approved.
    Approved,
    /// Parcel on its way.
    Shipped,
    /// Goods received.
    Received,
    /// Inspection done.
    Inspected,
    /// Refund paid.
    Refunded,
    /// Closed.
    Closed,
}

/// The peer ticket's state.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct PeerTicket {
    step: Step,
    lines: Vec<Line>,
    received: u32,
    accepted: u32,
    deductions_minor: i64,
    refundable_minor: i64,
    refund: Option<(String, i64, bool, bool)>,
    notes: usize,
}

fn refuse<T>(why: &str) -> Result<T, PeerError> {
    Err(PeerError(why.to_owned()))
}

impl PeerTicket {
    fn paid_minor(&self) -> i64 {
        self.lines.iter().map(|l| l.paid_minor).sum()
    }

    fn decide(&self, command: PeerCommand) -> Result<PeerEvent, PeerError> {
        use PeerCommand as C;
        match (self.step, command) {
            (
                Step::New,
                C::Open {
                    ticket_id,
                    customer,
                    reason_code,
                    reason_text,
                    lines,
                    currency,
                },
            ) => {
                if lines.is_empty() || lines.iter().any(|l| l.qty == 0 || l.paid_minor < 0) {
                    return refuse("lines must be non-empty with positive quantities");
                }
                Ok(PeerEvent::TicketOpened {
                    ticket_id,
                    customer,
                    reason_code,
                    reason_text,
                    lines,
                    currency,
                })
            }
            (Step::New, _) => refuse("no such ticket"),
            (_, C::AddNote { text }) => Ok(PeerEvent::NoteAdded { text }),
            (Step::Applied, C::Approve { return_address }) => {
                Ok(PeerEvent::ApplicationApproved { return_address })
            }
            (
                Step::Approved,
                C::RegisterShipment {
                    carrier,
                    tracking_number,
                },
            ) => Ok(PeerEvent::ReturnShipmentRegistered {
                carrier,
                tracking_number,
            }),
            (Step::Shipped, C::Receive { line_id, qty }) => {
                let Some(line) = self.lines.iter().find(|l| l.line_id == line_id) else {
                    return refuse("unknown line");
                };
                if qty == 0 || self.received + qty > line.qty {
                    return refuse("more received than applied for");
                }
                Ok(PeerEvent::ReturnReceived { line_id, qty })
            }
            (
                Step::Received,
                C::RecordInspection {
                    line_id,
                    qty_accepted,
                    deduction_minor,
                    notes,
                },
            ) => {
                if qty_accepted > self.received || deduction_minor < 0 {
                    return refuse("more accepted than received");
                }
                Ok(PeerEvent::LineInspected {
                    line_id,
                    qty_accepted,
                    deduction_minor,
                    notes,
                })
            }
            (Step::Received, C::CompleteInspection) => {
                let line_qty: u32 = self.lines.iter().map(|l| l.qty).sum();
                let share = if line_qty == 0 {
                    0
                } else {
                    self.paid_minor() * i64::from(self.accepted) / i64::from(line_qty)
                };
                Ok(PeerEvent::InspectionCompleted {
                    refundable_minor: (share - self.deductions_minor).max(0),
                })
            }
            (
                Step::Inspected,
                C::RequestRefund {
                    refund_id,
                    amount_minor,
                },
            ) => {
                if self.refund.is_some() {
                    return refuse("refund already requested");
                }
                if amount_minor <= 0 || amount_minor > self.refundable_minor {
                    return refuse("refund exceeds refundable amount");
                }
                Ok(PeerEvent::RefundRequested {
                    refund_id,
                    amount_minor,
                })
            }
            (Step::Inspected, C::ApproveRefund { refund_id }) => match &self.refund {
                Some((id, _, false, _)) if *id == refund_id => {
                    Ok(PeerEvent::RefundApproved { refund_id })
                }
                _ => refuse("no such refund awaiting approval"),
            },
            (
                Step::Inspected,
                C::IssueRefund {
                    refund_id,
                    gateway_reference,
                },
            ) => match &self.refund {
                Some((id, _, true, false)) if *id == refund_id => Ok(PeerEvent::RefundIssued {
                    refund_id,
                    gateway_reference,
                }),
                _ => refuse("no approved refund to issue"),
            },
            (Step::Refunded, C::Close { resolution }) => Ok(PeerEvent::TicketClosed { resolution }),
            _ => refuse("step out of order"),
        }
    }
}

impl Aggregate for PeerTicket {
    const TYPE: &'static str = "PeerTicket";
    type Command = PeerCommand;
    type Event = PeerEvent;
    type Error = PeerError;
    type Services = ();

    async fn handle(
        &mut self,
        command: Self::Command,
        _services: &Self::Services,
        sink: &EventSink<Self>,
    ) -> Result<(), Self::Error> {
        let event = self.decide(command)?;
        sink.write(event, self).await;
        Ok(())
    }

    fn apply(&mut self, event: Self::Event) {
        match event {
            PeerEvent::TicketOpened { lines, .. } => {
                self.lines = lines;
                self.step = Step::Applied;
            }
            PeerEvent::ApplicationApproved { .. } => self.step = Step::Approved,
            PeerEvent::ReturnShipmentRegistered { .. } => self.step = Step::Shipped,
            PeerEvent::ReturnReceived { qty, .. } => {
                self.received += qty;
                self.step = Step::Received;
            }
            PeerEvent::LineInspected {
                qty_accepted,
                deduction_minor,
                ..
            } => {
                self.accepted = qty_accepted;
                self.deductions_minor = deduction_minor;
            }
            PeerEvent::InspectionCompleted { refundable_minor } => {
                self.refundable_minor = refundable_minor;
                self.step = Step::Inspected;
            }
            PeerEvent::RefundRequested {
                refund_id,
                amount_minor,
            } => self.refund = Some((refund_id, amount_minor, false, false)),
            PeerEvent::RefundApproved { .. } => {
                if let Some(r) = &mut self.refund {
                    r.2 = true;
                }
            }
            PeerEvent::RefundIssued { .. } => {
                if let Some(r) = &mut self.refund {
                    r.3 = true;
                }
                self.step = Step::Refunded;
            }
            PeerEvent::TicketClosed { .. } => self.step = Step::Closed,
            PeerEvent::NoteAdded { .. } => self.notes += 1,
        }
    }
}

/// The peer's ten commands of the main line, with the same data as ours.
pub fn main_line(ticket_id: &str) -> Vec<PeerCommand> {
    let refund_id = uuid::Uuid::now_v7().to_string();
    vec![
        PeerCommand::Open {
            ticket_id: ticket_id.to_owned(),
            customer: "buyer_li".into(),
            reason_code: "quality_issue".into(),
            reason_text: "seam came apart after one wash".into(),
            lines: vec![Line {
                line_id: "L1".into(),
                sku: "SKU-JACKET-M".into(),
                name: "Rain jacket M".into(),
                qty: 1,
                paid_minor: crate::workload::PAID_MINOR,
            }],
            currency: "CNY".into(),
        },
        PeerCommand::Approve {
            return_address: "Returns desk, 021-5555-0100, 88 Warehouse Rd, Jiading, Shanghai"
                .into(),
        },
        PeerCommand::RegisterShipment {
            carrier: "SF".into(),
            tracking_number: "SF1234567890".into(),
        },
        PeerCommand::Receive {
            line_id: "L1".into(),
            qty: 1,
        },
        PeerCommand::RecordInspection {
            line_id: "L1".into(),
            qty_accepted: 1,
            deduction_minor: 0,
            notes: "tags on, unworn".into(),
        },
        PeerCommand::CompleteInspection,
        PeerCommand::RequestRefund {
            refund_id: refund_id.clone(),
            amount_minor: crate::workload::PAID_MINOR,
        },
        PeerCommand::ApproveRefund {
            refund_id: refund_id.clone(),
        },
        PeerCommand::IssueRefund {
            refund_id,
            gateway_reference: "GW-REF-0001".into(),
        },
        PeerCommand::Close {
            resolution: "refunded".into(),
        },
    ]
}

/// A note command, the filler for long tickets.
pub fn note(i: usize) -> PeerCommand {
    PeerCommand::AddNote {
        text: format!("called the customer, follow-up #{i}: parcel on its way"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_main_line_runs_to_closed_one_event_per_command() {
        let mut ticket = PeerTicket::default();
        for command in main_line("t-1") {
            let event = ticket.decide(command).unwrap_or_else(|e| panic!("{e}"));
            ticket.apply(event);
        }
        assert_eq!(ticket.step, Step::Closed);
    }

    #[test]
    fn a_refund_above_the_refundable_amount_is_refused() {
        let mut ticket = PeerTicket::default();
        for command in main_line("t-2").into_iter().take(6) {
            let event = ticket.decide(command).unwrap_or_else(|e| panic!("{e}"));
            ticket.apply(event);
        }
        let too_much = PeerCommand::RequestRefund {
            refund_id: "r".into(),
            amount_minor: crate::workload::PAID_MINOR + 1,
        };
        assert!(ticket.decide(too_much).is_err());
    }
}
