//! Which role may read which view. Commands are authorized by the domain's
//! `Role::may_issue`; this small table covers everything else, so the whole
//! policy can be read in one place.

use returns_domain::Role;

/// Something a caller reads or does that is not a ticket command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// One ticket's current state (`ticket(id)`): every role works on tickets.
    Ticket,
    /// History, state as of a point, chain verification, the raw log, seals.
    Audit,
    /// Recording a seal on demand.
    Seal,
    /// Customer service's worklist and follow-ups.
    CustomerService,
    /// The warehouse's queues.
    Warehouse,
    /// Finance's refunds and totals.
    Finance,
    /// Management statistics.
    Management,
    /// Registering, disabling and rotating webhook endpoints; replaying dead letters.
    Webhooks,
    /// Webhook endpoints and deliveries (who was told what, when).
    WebhookDeliveries,
    /// Data subjects: which one a ticket belongs to, and erasing one.
    DataSubjects,
    /// Seeing a ticket's personal fields unmasked, recorded each time.
    Reveal,
    /// The platform actions a person carries out in a back office: every
    /// department repeats its own decisions there.
    PlatformTasks,
    /// The pool of parcels nobody announced, and their photos.
    ParcelPool,
}

impl View {
    /// The roles allowed to read this view. Admin reads everything; the
    /// auditor reads everything but acts on nothing.
    pub fn roles(self) -> &'static [Role] {
        use Role::*;
        match self {
            View::Ticket => &[CustomerService, Warehouse, Finance, Auditor, Admin],
            View::Audit => &[Auditor, Admin],
            View::Seal => &[Admin],
            View::CustomerService => &[CustomerService, Auditor, Admin],
            View::Warehouse => &[Warehouse, Auditor, Admin],
            View::Finance => &[Finance, Auditor, Admin],
            View::Management => &[Auditor, Admin],
            View::Webhooks => &[Admin],
            View::WebhookDeliveries => &[Auditor, Admin],
            View::DataSubjects => &[Admin],
            View::Reveal => &[Warehouse, Finance, Admin],
            View::PlatformTasks => &[CustomerService, Warehouse, Finance, Auditor, Admin],
            View::ParcelPool => &[Warehouse, CustomerService, Finance, Auditor, Admin],
        }
    }

    /// Whether `role` may read this view.
    pub fn allows(self, role: Role) -> bool {
        self.roles().contains(&role)
    }

    /// What the view is, for error messages.
    pub fn describe(self) -> &'static str {
        match self {
            View::Ticket => "read tickets",
            View::Audit => "read the audit trail",
            View::Seal => "seal the log",
            View::CustomerService => "read customer service's views",
            View::Warehouse => "read the warehouse's views",
            View::Finance => "read finance's views",
            View::Management => "read management statistics",
            View::Webhooks => "manage webhooks",
            View::WebhookDeliveries => "read webhook deliveries",
            View::DataSubjects => "erase data subjects",
            View::Reveal => "reveal personal data",
            View::PlatformTasks => "read the platform tasks",
            View::ParcelPool => "read the parcel pool",
        }
    }
}
