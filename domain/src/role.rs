//! Who may issue which command: the table the API enforces.
//!
//! `decide` never looks at roles; it judges only the ticket's rules. The API
//! (and `next_actions`) read these tables so authorization has one source.

use serde::{Deserialize, Serialize};

use crate::command::CommandKind;

/// A role bound to an API token or to an internal actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Front-line agents: review applications, talk to customers, close tickets.
    CustomerService,
    /// Receives parcels, inspects goods, ships replacements.
    Warehouse,
    /// Requests, approves and issues refunds.
    Finance,
    /// Read-only: sees history, issues nothing.
    Auditor,
    /// May issue every command (repairs, support).
    Admin,
    /// Intake, workflows and timers acting on the engine's behalf.
    System,
}

impl Role {
    /// Every role, in declaration order.
    pub const ALL: [Role; 6] = [
        Role::CustomerService,
        Role::Warehouse,
        Role::Finance,
        Role::Auditor,
        Role::Admin,
        Role::System,
    ];

    /// The snake_case name used in tokens and JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            Role::CustomerService => "customer_service",
            Role::Warehouse => "warehouse",
            Role::Finance => "finance",
            Role::Auditor => "auditor",
            Role::Admin => "admin",
            Role::System => "system",
        }
    }

    /// Whether this role may issue commands of `kind`.
    pub fn may_issue(&self, kind: CommandKind) -> bool {
        kind.roles().contains(self)
    }
}

const CUSTOMER_SERVICE: &[Role] = &[Role::CustomerService, Role::Admin, Role::System];
const WAREHOUSE: &[Role] = &[Role::Warehouse, Role::Admin, Role::System];
const FINANCE: &[Role] = &[Role::Finance, Role::Admin, Role::System];
// Notes are how departments talk to each other on a ticket, so every working
// role may add one (the DESIGN table lists customer service; the others were
// added so the warehouse and finance need not ask an agent to write for them).
const ANY_WORKER: &[Role] = &[
    Role::CustomerService,
    Role::Warehouse,
    Role::Finance,
    Role::Admin,
    Role::System,
];
// A repair is recorded by whoever did it: the warehouse's workshop, or
// customer service for parts sent or a technician's visit. A parcel from the
// unmatched pool is matched by whoever finds its ticket.
const AFTER_SALES: &[Role] = &[
    Role::CustomerService,
    Role::Warehouse,
    Role::Admin,
    Role::System,
];
// Missed deadlines are facts produced by timers, not by people.
const SYSTEM_ONLY: &[Role] = &[Role::Admin, Role::System];

impl CommandKind {
    /// Whether this command records what a platform did: intake issues it
    /// from the platform's record, and no person types it in, so it has no
    /// GraphQL mutation.
    pub fn is_platform_fact(&self) -> bool {
        use CommandKind::*;
        matches!(
            self,
            RecordPlatformApproval
                | RecordPlatformRefund
                | RecordPlatformSyncIssue
                | RecordPlatformDeadline
                | RecordPlatformDeadlineNear
                | RecordPlatformArbitration
                | RecordPlatformCorrection
                | RecordPlatformConfirmation
                | RecordPlatformActionOutcome
        )
    }

    /// The roles that may issue this kind of command (Admin and System may issue all; Auditor none).
    pub fn roles(&self) -> &'static [Role] {
        use CommandKind::*;
        match self {
            OpenTicket
            | ApproveApplication
            | RejectApplication
            | RegisterReturnShipment
            | SendInspectionFeedback
            | DisputeInspection
            | CloseTicket
            | CancelTicket
            | AssignTicket
            | UpdateCustomFields
            | ScheduleFollowUp
            | CompleteFollowUp
            | ResolvePlatformSync
            | StatePriceDifference
            | ConfirmReshipmentReceived
            | ConvertTicket
            | MakeCounterOffer
            | RecordOfferAnswer
            | ChooseReplacementVariant
            | RecordEvidenceSubmission => CUSTOMER_SERVICE,
            ReceiveReturn
            | RecordInspection
            | CompleteInspection
            | ShipReplacement
            | ReturnGoodsToCustomer
            | ShipReshipment
            | ShipRepairedGoods => WAREHOUSE,
            // The warehouse receives a pool parcel it finds the ticket of;
            // customer service finds it as often, talking to the buyer.
            ReceiveMatchedParcel => AFTER_SALES,
            RecordRepair => AFTER_SALES,
            RequestRefund | ApproveRefund | IssueRefund | RecordRefundFailure => FINANCE,
            // Whoever made the decision repeats it in the back office.
            AddNote | ConfirmPlatformAction => ANY_WORKER,
            RecordMissedDeadline | ExpireCounterOffer => SYSTEM_ONLY,
            // What the platform did is recorded by intake, never typed in by a person.
            RecordPlatformApproval
            | RecordPlatformRefund
            | RecordPlatformSyncIssue
            | RecordPlatformDeadline
            | RecordPlatformDeadlineNear
            | RecordPlatformArbitration
            | RecordPlatformCorrection
            | RecordPlatformConfirmation
            | RecordPlatformActionOutcome => SYSTEM_ONLY,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn admin_and_system_may_issue_everything_auditor_nothing() {
        for kind in CommandKind::ALL {
            assert!(Role::Admin.may_issue(kind), "{kind:?}");
            assert!(Role::System.may_issue(kind), "{kind:?}");
            assert!(!Role::Auditor.may_issue(kind), "{kind:?}");
        }
    }

    #[test]
    fn departments_own_their_steps() {
        assert!(Role::Warehouse.may_issue(CommandKind::RecordInspection));
        assert!(!Role::CustomerService.may_issue(CommandKind::RecordInspection));
        assert!(Role::Finance.may_issue(CommandKind::IssueRefund));
        assert!(!Role::Warehouse.may_issue(CommandKind::IssueRefund));
        assert!(Role::CustomerService.may_issue(CommandKind::DisputeInspection));
        assert!(!Role::Finance.may_issue(CommandKind::ApproveApplication));
    }

    #[test]
    fn roles_serialize_snake_case() {
        assert_eq!(
            serde_json::to_string(&Role::CustomerService).unwrap(),
            "\"customer_service\""
        );
        for role in Role::ALL {
            assert_eq!(serde_json::to_value(role).unwrap(), role.as_str());
        }
    }
}
