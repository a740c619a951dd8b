//! Which department a ticket waits on: the rule behind every department's
//! queue, live (subscriptions) or listed.

use returns_domain::{CommandKind, Role, TicketState, TicketStatus};

/// A department with a work queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Department {
    /// Reviews, feedback, closing.
    CustomerService,
    /// Receiving, inspecting, shipping.
    Warehouse,
    /// Refunds.
    Finance,
}

/// Steps anyone may take at any time: they do not make a ticket wait on a
/// department, or every open ticket would sit in customer service's queue.
/// A parcel from the unmatched pool may be received whenever goods are
/// expected, but an approved ticket still waits on the buyer, not on the
/// warehouse.
const ANY_TIME: [CommandKind; 10] = [
    CommandKind::AddNote,
    CommandKind::AssignTicket,
    CommandKind::UpdateCustomFields,
    CommandKind::ScheduleFollowUp,
    CommandKind::CancelTicket,
    CommandKind::RecordMissedDeadline,
    CommandKind::ReceiveMatchedParcel,
    CommandKind::ConfirmPlatformAction,
    CommandKind::RecordPlatformConfirmation,
    CommandKind::RecordPlatformActionOutcome,
];

impl Department {
    /// Every department, in a fixed order.
    pub const ALL: [Department; 3] = [
        Department::CustomerService,
        Department::Warehouse,
        Department::Finance,
    ];

    /// The role whose people work this department's queue.
    pub fn role(self) -> Role {
        match self {
            Department::CustomerService => Role::CustomerService,
            Department::Warehouse => Role::Warehouse,
            Department::Finance => Role::Finance,
        }
    }

    /// Whether the ticket waits for this department: one of its next steps
    /// (other than the any-time ones) is this department's. A ticket not
    /// opened yet is in no queue (its one next step, opening it, is nobody's
    /// work item), so its first event makes it enter one.
    pub fn is_waiting_on(self, state: &TicketState) -> bool {
        if state.status == TicketStatus::NotOpened {
            return false;
        }
        let role = self.role();
        state
            .next_actions()
            .iter()
            .any(|a| !ANY_TIME.contains(&a.command) && a.roles.contains(&role))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ticket_before_its_first_event_waits_on_nobody() {
        let state = TicketState::default();
        assert!(state.allows(CommandKind::OpenTicket));
        assert!(Department::ALL.iter().all(|d| !d.is_waiting_on(&state)));
    }
}
