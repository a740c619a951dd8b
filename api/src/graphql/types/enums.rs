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
    /// The after-sale kinds.
    TicketKind => d::TicketKind {
        /// 仅退款: money back, goods stay with the customer.
        RefundOnly,
        /// 退货退款: goods come back, are inspected, the accepted part is refunded.
        ReturnAndRefund,
        /// 换货: goods come back, are inspected, a replacement ships.
        Exchange,
        /// 补寄: nothing comes back; the missing or damaged part ships, the receipt closes.
        Reship,
        /// 维修: goods come back, are repaired and ship back; or parts or a visit.
        Repair,
        /// 价保 / 退差价: money only, bounded by the stated price difference.
        PriceProtection,
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
        /// The reship parcel is on its way; its receipt closes the ticket.
        Reshipped,
        /// The repair is recorded; goods that came in still ship back.
        Repaired,
        /// The repaired goods are on their way back to the buyer.
        RepairShippedBack,
        /// Converted; the refund or replacement it converted to comes next.
        Converted,
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
        /// The reshipped part reached the buyer.
        Reshipped,
        /// The goods were repaired.
        Repaired,
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

mirror_enum!(
    /// A change of what a ticket does, recorded beside its unchanged kind.
    Conversion => d::ticket::Conversion {
        /// 换货转退款: the replacement is out of stock.
        ExchangeToRefund,
        /// 维修转退款: the goods cannot be repaired.
        RepairToRefund,
        /// 维修转换货: the goods cannot be repaired; a replacement ships.
        RepairToExchange,
        /// 补寄转退款: the part is unavailable.
        ReshipToRefund,
        /// 退货转部分退款: the buyer keeps the goods, part of the money goes back.
        ReturnToPartialRefund,
    }
);

mirror_enum!(
    /// The buyer's answer to a counter-offer.
    OfferAnswer => d::ticket::OfferAnswer {
        /// The buyer agreed: the offer takes effect.
        Accepted,
        /// The buyer refused: the ticket stays as it was.
        Declined,
    }
);

mirror_enum!(
    /// Where a counter-offer is.
    OfferStatus => d::ticket::OfferStatus {
        /// Waiting for the buyer.
        Open,
        /// The buyer agreed.
        Accepted,
        /// The buyer refused.
        Declined,
        /// Nobody answered by its deadline.
        Expired,
    }
);

mirror_enum!(
    /// How a repair was done.
    RepairMethod => d::ticket::RepairMethod {
        /// In the workshop, the goods having come back.
        Workshop,
        /// Parts were sent to the buyer.
        PartsSent,
        /// A technician visited.
        Visit,
    }
);

mirror_enum!(
    /// Who confirmed a reshipped part arrived.
    ReceiptBy => d::ticket::ReceiptBy {
        /// The buyer.
        Buyer,
        /// The platform's record.
        Platform,
        /// The carrier's tracking.
        Carrier,
    }
);

mirror_enum!(
    /// What happens to a parcel nobody announced that no ticket claimed.
    Disposition => d::parcel::Disposition {
        /// Sent back to the sender on the label.
        ReturnToSender,
        /// Kept in stock.
        Keep,
        /// Written off.
        WriteOff,
    }
);

mirror_enum!(
    /// Who matched a pool parcel to its ticket.
    MatchedBy => d::parcel::MatchedBy {
        /// The engine: a ticket named the tracking number.
        Automatic,
        /// A person.
        Person,
    }
);

mirror_enum!(
    /// A seller-side step the marketplace must hear of.
    PlatformActionKind => d::platform_action::PlatformAction {
        /// Agree to the buyer's application.
        ApproveApplication,
        /// Refuse the buyer's application.
        RefuseApplication,
        /// Confirm the returned goods arrived.
        ConfirmReturnReceived,
        /// Enter the exchange's replacement waybill.
        ShipExchange,
        /// Enter the reshipped part's waybill.
        ShipReshipment,
        /// Enter the repaired goods' waybill back to the buyer.
        ShipRepairedGoods,
        /// Refuse the refund after inspection; the goods go back to the buyer.
        RefuseAfterInspection,
        /// Agree to the refund (the platform then pays the buyer).
        AgreeRefund,
        /// Make the buyer a counter-offer (协商).
        CounterOffer,
        /// Turn the after-sale into another kind.
        Convert,
    }
);
