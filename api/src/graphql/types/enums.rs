//! GraphQL mirrors of the domain's enums. The domain must not depend on
//! async-graphql, so each enum is restated here with conversions both ways;
//! the `match`es make a new domain variant a compile error here.

use returns_domain as d;

macro_rules! mirror_enum {
    ($(#[$doc:meta])* $name:ident => $domain:path { $($(#[$vdoc:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($(#[$vdoc])* $variant),+
        }

        impl From<$domain> for $name {
            fn from(value: $domain) -> Self {
                match value {
                    $(<$domain>::$variant => Self::$variant),+
                }
            }
        }

        impl From<$name> for $domain {
            fn from(value: $name) -> Self {
                match value {
                    $($name::$variant => <$domain>::$variant),+
                }
            }
        }
    };
}

mirror_enum!(
    /// The three after-sale kinds.
    TicketKind => d::TicketKind {
        /// 仅退款: money back, goods stay with the customer.
        RefundOnly,
        /// 退货退款: goods come back, are inspected, the accepted part is refunded.
        ReturnAndRefund,
        /// 换货: goods come back, are inspected, a replacement ships.
        Exchange,
    }
);

mirror_enum!(
    /// Where a ticket is on its main line.
    TicketStatus => d::TicketStatus {
        /// No ticket yet.
        NotOpened,
        /// Waiting for review.
        Applied,
        /// Approved; waiting for the customer to ship (returned kinds).
        Approved,
        /// Application rejected; waiting to be closed.
        Rejected,
        /// The customer's parcel is on its way.
        ReturnShipped,
        /// Goods arrived; inspection not started.
        Received,
        /// Inspection under way.
        Inspecting,
        /// Inspection completed.
        Inspected,
        /// The customer was told the inspection result.
        FeedbackSent,
        /// The customer disputed the inspection.
        Disputed,
        /// A refund is requested, approved or failed but not issued.
        Refunding,
        /// Every refund requested so far is issued.
        Refunded,
        /// The replacement shipped.
        ReplacementShipped,
        /// Rejected goods went back to the customer.
        GoodsReturned,
        /// Closed with a resolution.
        Closed,
        /// Cancelled.
        Cancelled,
    }
);

mirror_enum!(
    /// The parcel's condition on arrival.
    PackageCondition => d::ticket::PackageCondition {
        /// Sealed and undamaged.
        Intact,
        /// The outer package is damaged.
        Damaged,
        /// Signs of opening or tampering.
        Tampered,
    }
);

mirror_enum!(
    /// The warehouse's grade for an inspected line.
    Grade => d::ticket::Grade {
        /// A: new, unopened.
        New,
        /// B: opened, unused.
        Opened,
        /// C: used.
        Used,
        /// D: damaged.
        Damaged,
        /// Not the item that was sold.
        WrongItem,
        /// The item was not in the parcel.
        Missing,
    }
);

mirror_enum!(
    /// Pass or fail for an inspected line.
    Verdict => d::ticket::Verdict {
        /// Accepted (possibly with a deduction).
        Pass,
        /// Rejected.
        Fail,
    }
);

mirror_enum!(
    /// The result of an inspection round.
    InspectionOutcome => d::ticket::InspectionOutcome {
        /// Everything accepted.
        Passed,
        /// Some accepted.
        Partial,
        /// Nothing accepted.
        Failed,
    }
);

mirror_enum!(
    /// How a ticket ended.
    Resolution => d::Resolution {
        /// Money was refunded.
        Refunded,
        /// A replacement shipped.
        Exchanged,
        /// The application was rejected.
        Rejected,
        /// Inspection failed and the goods went back.
        RejectedAfterInspection,
        /// A deadline passed.
        Expired,
        /// Settled before any goods moved.
        ResolvedWithoutReturn,
    }
);

mirror_enum!(
    /// How the platform decided its arbitration.
    ArbitrationOutcome => d::event::ArbitrationOutcome {
        /// For the buyer.
        ForBuyer,
        /// For the seller.
        ForSeller,
        /// The platform's record does not say.
        NotStated,
    }
);

mirror_enum!(
    /// Where one refund is.
    RefundStatus => d::RefundStatus {
        /// Waiting for approval.
        Requested,
        /// Approved, waiting for the gateway.
        Approved,
        /// Paid out.
        Issued,
        /// The gateway failed; may be issued again.
        Failed,
    }
);

mirror_enum!(
    /// A deadline a timer watches.
    DeadlineKind => d::ticket::DeadlineKind {
        /// Review of the application.
        Review,
        /// The customer's ship-back.
        ShipBack,
    }
);

mirror_enum!(
    /// A role a token or internal actor acts in.
    Role => d::Role {
        /// Front-line agents.
        CustomerService,
        /// Receives, inspects, ships.
        Warehouse,
        /// Refunds.
        Finance,
        /// Read-only, sees history.
        Auditor,
        /// Everything.
        Admin,
        /// The engine's own workflows and intake.
        System,
    }
);
