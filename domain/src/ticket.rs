//! The vocabulary shared by commands, events and state: kinds, reasons,
//! lines, grades, outcomes, resolutions.

use serde::{Deserialize, Serialize};

use crate::money::Money;

/// The after-sale kinds, named as the platforms name them (Douyin
/// `aftersale_type`, Kuaishou `handlingWay`, Taobao `bill_type` /
/// `special_refund_type`; see PLATFORMS.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TicketKind {
    /// 仅退款: money back, goods stay with the customer; no shipping or inspection.
    RefundOnly,
    /// 退货退款: goods come back, are inspected, then the accepted part is refunded.
    ReturnAndRefund,
    /// 换货: goods come back, are inspected, then a replacement ships.
    Exchange,
    /// 补寄: nothing comes back; the merchant ships the missing or damaged
    /// part and the buyer's (or the platform's) receipt closes the case
    /// (Douyin `aftersale_type` 7, Kuaishou `handlingWay` 4).
    Reship,
    /// 维修: with return (the goods come back, are repaired and ship back)
    /// or without (parts sent, or a visit) (Douyin 8, Kuaishou 5).
    Repair,
    /// 价保 / 退差价: money only, bounded by the stated price difference
    /// (Douyin 6, Taobao `special_refund_type`).
    PriceProtection,
}

impl TicketKind {
    /// Every kind.
    pub const ALL: [TicketKind; 6] = [
        TicketKind::RefundOnly,
        TicketKind::ReturnAndRefund,
        TicketKind::Exchange,
        TicketKind::Reship,
        TicketKind::Repair,
        TicketKind::PriceProtection,
    ];

    /// Whether the customer must send goods back (and the warehouse inspect them).
    pub fn needs_goods_back(&self) -> bool {
        matches!(self, TicketKind::ReturnAndRefund | TicketKind::Exchange)
    }

    /// Whether goods may come back: always for the kinds that need them, and
    /// for a repair when it is approved with a return address (a repair
    /// without return sends parts or a technician instead).
    pub fn may_take_goods_back(&self) -> bool {
        self.needs_goods_back() || *self == TicketKind::Repair
    }

    /// Whether the warehouse grades the returned goods (a repair's goods are
    /// judged by the repair itself, recorded with [`RepairMethod::Workshop`]).
    pub fn inspects_goods(&self) -> bool {
        self.needs_goods_back()
    }

    /// The platform-style name, e.g. `"REFUND_ONLY"`.
    pub fn as_str(&self) -> &'static str {
        match self {
            TicketKind::RefundOnly => "REFUND_ONLY",
            TicketKind::ReturnAndRefund => "RETURN_AND_REFUND",
            TicketKind::Exchange => "EXCHANGE",
            TicketKind::Reship => "RESHIP",
            TicketKind::Repair => "REPAIR",
            TicketKind::PriceProtection => "PRICE_PROTECTION",
        }
    }
}

/// Well-known reason codes; the field stays a string so intake can pass a
/// platform's own code through, and [`ReasonCategory::of`] groups them.
pub mod reason_codes {
    /// The product is defective.
    pub const QUALITY_ISSUE: &str = "quality_issue";
    /// The product differs from its listing.
    pub const NOT_AS_DESCRIBED: &str = "not_as_described";
    /// Damaged in transit.
    pub const LOGISTICS_DAMAGE: &str = "logistics_damage";
    /// Lost or late parcel.
    pub const LOGISTICS_DELAY: &str = "logistics_delay";
    /// A different item was shipped.
    pub const WRONG_ITEM: &str = "wrong_item";
    /// Part of the order was missing.
    pub const MISSING_ITEM: &str = "missing_item";
    /// The customer no longer wants it (七天无理由).
    pub const CHANGED_MIND: &str = "changed_mind";
    /// Wrong size or fit.
    pub const SIZE_ISSUE: &str = "size_issue";
    /// Anything else.
    pub const OTHER: &str = "other";
}

/// Groups reason codes so workflows can tell quality complaints (always
/// followed up) from logistics complaints (sampled) and the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonCategory {
    /// The goods themselves were at fault.
    Quality,
    /// The carrier was at fault.
    Logistics,
    /// The shop shipped the wrong or incomplete goods.
    Fulfilment,
    /// The customer's preference (change of mind, size).
    Preference,
    /// Unknown or uncategorised code.
    Other,
}

impl ReasonCategory {
    /// The category of a reason code; unknown codes are `Other`.
    pub fn of(reason_code: &str) -> Self {
        use reason_codes::*;
        match reason_code {
            QUALITY_ISSUE | NOT_AS_DESCRIBED => ReasonCategory::Quality,
            LOGISTICS_DAMAGE | LOGISTICS_DELAY => ReasonCategory::Logistics,
            WRONG_ITEM | MISSING_ITEM => ReasonCategory::Fulfilment,
            CHANGED_MIND | SIZE_ISSUE => ReasonCategory::Preference,
            _ => ReasonCategory::Other,
        }
    }
}

/// One order line the customer applies for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketLine {
    /// Unique within the ticket; later commands refer to the line by it.
    pub line_id: String,
    /// Stock keeping unit.
    pub sku: String,
    /// Product name as shown to the customer.
    pub name: String,
    /// Quantity applied for (at least 1).
    pub qty: u32,
    /// What the customer paid for the whole line (all `qty` units, after
    /// discounts); a line total rather than a unit price because platform
    /// discounts rarely divide evenly.
    pub paid: Money,
}

impl TicketLine {
    /// The paid amount attributable to `accepted` of the line's units, rounded
    /// down to the minor unit (so the sum over parts never exceeds the whole).
    pub fn paid_for(&self, accepted: u32) -> i64 {
        if self.qty == 0 || accepted >= self.qty {
            return self.paid.amount_minor;
        }
        let part = i128::from(self.paid.amount_minor) * i128::from(accepted) / i128::from(self.qty);
        i64::try_from(part).unwrap_or(self.paid.amount_minor)
    }
}

/// Where the customer sends goods back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnAddress {
    /// Recipient name at the warehouse.
    pub recipient: String,
    /// Contact phone.
    pub phone: String,
    /// The full postal address.
    pub address: String,
}

/// A parcel handed to a carrier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shipment {
    /// Carrier code or name, e.g. `"SF"`.
    pub carrier: String,
    /// The carrier's tracking number.
    pub tracking_number: String,
}

/// Quantity received for one line in one parcel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedLine {
    /// The ticket line.
    pub line_id: String,
    /// Units received in this parcel (at least 1).
    pub qty: u32,
}

/// The state of the parcel as it arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PackageCondition {
    /// Sealed and undamaged.
    Intact,
    /// The outer package is damaged.
    Damaged,
    /// Signs the package was opened or tampered with.
    Tampered,
}

/// The warehouse's grade for an inspected line (A–D plus the two odd cases).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
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

impl Grade {
    /// The letter warehouses use (`"A"`–`"D"`), or the snake_case name for the odd cases.
    pub fn letter(&self) -> &'static str {
        match self {
            Grade::New => "A",
            Grade::Opened => "B",
            Grade::Used => "C",
            Grade::Damaged => "D",
            Grade::WrongItem => "wrong_item",
            Grade::Missing => "missing",
        }
    }
}

/// Whether an inspected line is accepted for refund/exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Accepted (possibly with a deduction and only some units).
    Pass,
    /// Rejected: nothing of this line is refunded or exchanged.
    Fail,
}

/// The result of a whole inspection round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InspectionOutcome {
    /// Every received unit was accepted.
    Passed,
    /// Some units were accepted, some not.
    Partial,
    /// Nothing was accepted.
    Failed,
}

/// How a ticket ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    /// Money was refunded (all requested refunds issued).
    Refunded,
    /// A replacement shipped.
    Exchanged,
    /// The application was rejected at review.
    Rejected,
    /// Inspection failed and the goods went back to the customer.
    RejectedAfterInspection,
    /// A deadline passed (review or ship-back) without the next step.
    Expired,
    /// Settled before any goods moved (e.g. the agent resolved it by talking).
    ResolvedWithoutReturn,
    /// The reshipped part reached the buyer (补寄).
    Reshipped,
    /// The goods were repaired (and shipped back, when they came in).
    Repaired,
}

impl Resolution {
    /// Every resolution, in the order a close form offers them (a
    /// settlement someone reached before a deadline that lapsed).
    pub const ALL: [Resolution; 8] = [
        Resolution::Refunded,
        Resolution::Exchanged,
        Resolution::Reshipped,
        Resolution::Repaired,
        Resolution::Rejected,
        Resolution::RejectedAfterInspection,
        Resolution::ResolvedWithoutReturn,
        Resolution::Expired,
    ];
}

/// A deadline the caller's policy set and a timer watches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// The application must be reviewed by `review_deadline`.
    Review,
    /// The customer must ship goods back by `ship_back_deadline`.
    ShipBack,
}

/// A change of what the ticket does, recorded as its own event so history
/// keeps what was asked (the kind) beside what was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Conversion {
    /// 换货转退款: the replacement is out of stock; the accepted goods are refunded.
    ExchangeToRefund,
    /// 维修转退款: the goods cannot be repaired; the buyer is refunded
    /// (Douyin seller action 621).
    RepairToRefund,
    /// 维修转换货: the goods cannot be repaired; a replacement ships
    /// (Douyin seller action 321 converts exchanges and repairs).
    RepairToExchange,
    /// 补寄转退款: the part is unavailable; the buyer is refunded instead.
    ReshipToRefund,
    /// 退货转部分退款: the buyer keeps the goods and takes part of the money.
    ReturnToPartialRefund,
}

impl Conversion {
    /// Every conversion.
    pub const ALL: [Conversion; 5] = [
        Conversion::ExchangeToRefund,
        Conversion::RepairToRefund,
        Conversion::RepairToExchange,
        Conversion::ReshipToRefund,
        Conversion::ReturnToPartialRefund,
    ];

    /// The kind a conversion starts from.
    pub fn from_kind(&self) -> TicketKind {
        match self {
            Conversion::ExchangeToRefund => TicketKind::Exchange,
            Conversion::RepairToRefund | Conversion::RepairToExchange => TicketKind::Repair,
            Conversion::ReshipToRefund => TicketKind::Reship,
            Conversion::ReturnToPartialRefund => TicketKind::ReturnAndRefund,
        }
    }

    /// Whether the converted ticket ends in money (every conversion but the
    /// repair that becomes an exchange).
    pub fn to_refund(&self) -> bool {
        *self != Conversion::RepairToExchange
    }
}

/// What customer service offers the buyer instead of what was asked
/// (协商; Taobao's `negotiatereturn`: a partial refund or another return
/// address). Accepting it is what changes the ticket, never the offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CounterOffer {
    /// Refund this much, less than what was paid, and the buyer keeps the
    /// goods: on a refund-only ticket the refund is capped at it; on a
    /// return and refund it becomes `ReturnToPartialRefund` once accepted.
    PartialRefund {
        /// The offered refund.
        amount: Money,
    },
    /// Another resolution: one of the conversions the ticket fits.
    Conversion {
        /// Which conversion.
        conversion: Conversion,
        /// Its refund, for conversions to a refund.
        #[serde(default)]
        refund_amount: Option<Money>,
    },
    /// Send the goods to another of the merchant's addresses.
    ReturnAddress {
        /// The address offered.
        address: ReturnAddress,
    },
}

impl CounterOffer {
    /// The offer's type as in JSON, for errors.
    pub fn name(&self) -> &'static str {
        match self {
            CounterOffer::PartialRefund { .. } => "partial_refund",
            CounterOffer::Conversion { .. } => "conversion",
            CounterOffer::ReturnAddress { .. } => "return_address",
        }
    }
}

/// The buyer's answer to a counter-offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfferAnswer {
    /// The buyer agreed: the offer takes effect.
    Accepted,
    /// The buyer refused: the ticket stays as it was.
    Declined,
}

/// Where a counter-offer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfferStatus {
    /// Waiting for the buyer.
    Open,
    /// The buyer agreed.
    Accepted,
    /// The buyer refused.
    Declined,
    /// Nobody answered by its deadline.
    Expired,
}

/// How a repair was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepairMethod {
    /// The goods came back and were repaired here; they ship back afterwards.
    Workshop,
    /// Without return: parts were sent to the buyer.
    PartsSent,
    /// Without return: a technician visited.
    Visit,
}

/// Who confirmed that a reshipped part arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReceiptBy {
    /// The buyer confirmed (to customer service).
    Buyer,
    /// The platform's record says it was received (or confirmed it by itself).
    Platform,
    /// The carrier's tracking shows it delivered.
    Carrier,
}
