//! `Ticket`: one ticket's state, folded from its events.

use std::sync::Arc;

use async_graphql::{Context, Json, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use returns_domain::state as s;
use returns_domain::TicketState;
use uuid::Uuid;

use super::enums::{
    ArbitrationOutcome, Conversion, DeadlineKind, Grade, InspectionOutcome, OfferStatus,
    PackageCondition, ReceiptBy, RefundStatus, RepairMethod, Resolution, Role, TicketKind,
    TicketStatus, Verdict,
};
use super::money::{MinorUnits, Money};

/// A ticket as its events make it.
#[derive(Debug, Clone)]
pub struct Ticket {
    /// The ticket's id.
    pub id: Uuid,
    /// The folded state, personal fields as stored (sealed).
    pub state: TicketState,
    /// The state as the caller may see it, opened once per response.
    shown: Arc<tokio::sync::OnceCell<TicketState>>,
}

/// An evidence pack handed to the platform that arbitrates (uploaded in
/// its back office by a person).
#[derive(SimpleObject, Debug, Clone)]
pub struct EvidenceSubmission {
    /// The platform.
    pub platform: String,
    /// The SHA-256 of the pack as uploaded.
    pub pack_sha256: String,
    /// When it was recorded.
    pub submitted_at: chrono::DateTime<chrono::Utc>,
    /// `true`: the engine sent it through the platform's open API;
    /// `false`: a person uploaded it in the back office.
    pub through_api: bool,
    /// What the platform received through its open API, file by file.
    pub sent: Vec<SentEvidence>,
}

/// One file the platform received through its open API.
#[derive(SimpleObject, Debug, Clone)]
pub struct SentEvidence {
    /// What it is in the pack (`case.pdf page 1`, `photos/<sha256>.jpg`).
    pub name: String,
    /// SHA-256 (hex) of the bytes sent.
    pub sha256: String,
    /// The platform's id for it, if it gave one.
    pub reference: Option<String>,
}

/// A parcel handed to a carrier.
#[derive(SimpleObject, Debug, Clone)]
pub struct Shipment {
    /// Carrier code or name.
    pub carrier: String,
    /// The carrier's tracking number.
    pub tracking_number: String,
}

impl From<&returns_domain::ticket::Shipment> for Shipment {
    fn from(s: &returns_domain::ticket::Shipment) -> Self {
        Self {
            carrier: s.carrier.clone(),
            tracking_number: s.tracking_number.clone(),
        }
    }
}

/// The platform's intervention (arbitration) on the case: while it is
/// open the platform decides, and the merchant may contest until `deadline`.
#[derive(SimpleObject, Debug, Clone)]
pub struct Arbitration {
    /// The platform.
    pub platform: String,
    /// Whether the platform is still deciding.
    pub open: bool,
    /// When it was opened, or, once decided, when it was decided.
    pub since: DateTime<Utc>,
    /// The platform's deadline (the merchant's window to contest), if it gave one.
    pub deadline: Option<DateTime<Utc>>,
    /// How the platform decided, once it did.
    pub outcome: Option<ArbitrationOutcome>,
}

impl From<&s::PlatformArbitration> for Arbitration {
    fn from(a: &s::PlatformArbitration) -> Self {
        Self {
            platform: a.platform.clone(),
            open: a.open,
            since: a.since,
            deadline: a.due_at,
            outcome: a.outcome.map(Into::into),
        }
    }
}

/// A price-protection ticket's stated difference.
#[derive(SimpleObject, Debug, Clone)]
pub struct PriceDifference {
    /// The difference owed.
    pub amount: Money,
    /// `platform` or `policy`.
    pub source: String,
    /// What it rests on.
    pub basis: String,
}

/// A reship ticket's parcel.
#[derive(SimpleObject, Debug, Clone)]
pub struct Reshipment {
    /// The parcel.
    pub shipment: Shipment,
    /// What it holds.
    pub contents: String,
    /// When it shipped.
    pub shipped_at: DateTime<Utc>,
    /// Who confirmed its arrival, once someone did.
    pub received_by: Option<ReceiptBy>,
}

/// A recorded repair.
#[derive(SimpleObject, Debug, Clone)]
pub struct Repair {
    /// Workshop, parts sent or visit.
    pub method: RepairMethod,
    /// What was done.
    pub work_done: String,
    /// Parts used or sent.
    pub parts: Vec<String>,
    /// What it cost the merchant.
    pub cost: Money,
    /// The parts parcel, if any.
    pub parts_shipment: Option<Shipment>,
    /// When.
    pub repaired_at: DateTime<Utc>,
}

/// A conversion of what the ticket does; the kind still says what was asked.
#[derive(SimpleObject, Debug, Clone)]
pub struct TicketConversion {
    /// Which conversion.
    pub conversion: Conversion,
    /// The ticket's whole refund since (conversions to a refund).
    pub refund_amount: Option<Money>,
    /// Why.
    pub reason: String,
    /// When.
    pub converted_at: DateTime<Utc>,
}

/// Another variant replacing a line of an exchange.
#[derive(SimpleObject, Debug, Clone)]
pub struct ReplacementVariant {
    /// The returned line.
    pub line_id: String,
    /// The replacement's SKU.
    pub sku: String,
    /// The replacement's name.
    pub name: String,
    /// More (positive) or less (negative) than the returned line cost.
    pub price_difference: Money,
}

/// What a counter-offer proposes.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum CounterOfferType {
    /// A refund of `amount`, the buyer keeping the goods.
    PartialRefund,
    /// Another resolution: `conversion` (with `amount` for one to a refund).
    Conversion,
    /// Another return address: `returnAddress`.
    ReturnAddress,
}

/// A counter-offer made to the buyer (协商) and what became of it.
#[derive(SimpleObject, Debug, Clone)]
pub struct CounterOffer {
    /// Its id (the answer names it).
    pub offer_id: Uuid,
    /// What it proposes.
    #[graphql(name = "type")]
    pub offer_type: CounterOfferType,
    /// The refund offered (partial refund; conversion to a refund).
    pub amount: Option<Money>,
    /// The conversion offered.
    pub conversion: Option<Conversion>,
    /// The return address offered.
    pub return_address: Option<ReturnAddress>,
    /// The buyer must answer by then.
    pub respond_by: DateTime<Utc>,
    /// What the buyer was told.
    pub note: String,
    /// When it was made.
    pub made_at: DateTime<Utc>,
    /// Open, accepted, declined or expired.
    pub status: OfferStatus,
    /// When it was answered or expired.
    pub settled_at: Option<DateTime<Utc>>,
}

impl From<&s::Negotiation> for CounterOffer {
    fn from(n: &s::Negotiation) -> Self {
        use returns_domain::ticket::CounterOffer as O;
        let (offer_type, amount, conversion, return_address) = match &n.offer {
            O::PartialRefund { amount } => {
                (CounterOfferType::PartialRefund, Some(*amount), None, None)
            }
            O::Conversion {
                conversion,
                refund_amount,
            } => (
                CounterOfferType::Conversion,
                *refund_amount,
                Some((*conversion).into()),
                None,
            ),
            O::ReturnAddress { address } => (
                CounterOfferType::ReturnAddress,
                None,
                None,
                Some(ReturnAddress {
                    recipient: address.recipient.clone(),
                    phone: address.phone.clone(),
                    address: address.address.clone(),
                }),
            ),
        };
        Self {
            offer_id: n.offer_id,
            offer_type,
            amount: amount.map(Into::into),
            conversion,
            return_address,
            respond_by: n.respond_by,
            note: n.note.clone(),
            made_at: n.made_at,
            status: n.status.into(),
            settled_at: n.settled_at,
        }
    }
}

/// Where the customer sends goods back.
#[derive(SimpleObject, Debug, Clone)]
pub struct ReturnAddress {
    /// Recipient at the warehouse.
    pub recipient: String,
    /// Contact phone.
    pub phone: String,
    /// Postal address.
    pub address: String,
}

/// The current inspection result of a line.
#[derive(SimpleObject, Debug, Clone)]
pub struct LineInspection {
    /// Units inspected.
    pub qty_inspected: u32,
    /// Units accepted.
    pub qty_accepted: u32,
    /// Grade.
    pub grade: Grade,
    /// Pass or fail.
    pub verdict: Verdict,
    /// Amount withheld.
    pub deduction: Money,
    /// Inspector's notes.
    pub notes: String,
    /// Photo references.
    pub photo_refs: Vec<String>,
    /// When.
    pub inspected_at: DateTime<Utc>,
}

/// One line of the ticket and how far its goods have come.
#[derive(SimpleObject, Debug, Clone)]
pub struct TicketLine {
    /// Line id within the ticket.
    pub line_id: String,
    /// Stock keeping unit.
    pub sku: String,
    /// Product name.
    pub name: String,
    /// Units applied for.
    pub qty_applied: u32,
    /// What was paid for the whole line.
    pub paid: Money,
    /// Units received so far.
    pub qty_received: u32,
    /// The current round's inspection, if any.
    pub inspection: Option<LineInspection>,
    /// What may be refunded for this line now, in minor units.
    pub refundable_minor: MinorUnits,
}

/// One refund and its progress.
#[derive(SimpleObject, Debug, Clone)]
pub struct Refund {
    /// Its id.
    pub refund_id: Uuid,
    /// Amount.
    pub amount: Money,
    /// Status.
    pub status: RefundStatus,
    /// When requested.
    pub requested_at: DateTime<Utc>,
    /// The gateway's reference once issued.
    pub gateway_reference: Option<String>,
    /// When issued.
    pub issued_at: Option<DateTime<Utc>>,
    /// The latest gateway failure.
    pub last_failure: Option<String>,
    /// How often the gateway failed it.
    pub failures: u32,
}

/// A follow-up call.
#[derive(SimpleObject, Debug, Clone)]
pub struct FollowUp {
    /// Its id.
    pub follow_up_id: Uuid,
    /// When due.
    pub due_at: DateTime<Utc>,
    /// What it is for.
    pub purpose: String,
    /// When scheduled.
    pub scheduled_at: DateTime<Utc>,
    /// Outcome once completed.
    pub outcome: Option<String>,
    /// When completed.
    pub completed_at: Option<DateTime<Utc>>,
}

/// A note on the ticket.
#[derive(SimpleObject, Debug, Clone)]
pub struct Note {
    /// Who wrote it.
    pub author: String,
    /// The text.
    pub text: String,
    /// When.
    pub added_at: DateTime<Utc>,
}

/// A command the ticket accepts now, and who may issue it.
#[derive(SimpleObject, Debug, Clone)]
pub struct NextAction {
    /// The command's name, e.g. `RecordInspection`.
    pub command: String,
    /// The roles that may issue it.
    pub roles: Vec<Role>,
}

fn line(l: &s::LineState) -> TicketLine {
    TicketLine {
        line_id: l.line.line_id.clone(),
        sku: l.line.sku.clone(),
        name: l.line.name.clone(),
        qty_applied: l.qty_applied(),
        paid: l.line.paid.into(),
        qty_received: l.qty_received,
        inspection: l.inspection.as_ref().map(|i| LineInspection {
            qty_inspected: i.qty_inspected,
            qty_accepted: i.qty_accepted,
            grade: i.grade.into(),
            verdict: i.verdict.into(),
            deduction: i.deduction.into(),
            notes: i.notes.clone(),
            photo_refs: i.photo_refs.clone(),
            inspected_at: i.inspected_at,
        }),
        refundable_minor: MinorUnits(l.refundable_minor()),
    }
}

fn refund(r: &s::RefundState) -> Refund {
    Refund {
        refund_id: r.refund_id,
        amount: r.amount.into(),
        status: r.status.into(),
        requested_at: r.requested_at,
        gateway_reference: r.gateway_reference.clone(),
        issued_at: r.issued_at,
        last_failure: r.last_failure.clone(),
        failures: r.failures,
    }
}

impl Ticket {
    /// The ticket `id` in `state` (personal fields as stored).
    pub fn new(id: Uuid, state: TicketState) -> Self {
        Self {
            id,
            state,
            shown: Arc::default(),
        }
    }

    /// The ticket with its personal fields shown as `opened`, whatever the
    /// caller's role (a recorded reveal).
    pub fn revealed(id: Uuid, state: TicketState, opened: TicketState) -> Self {
        Self {
            id,
            state,
            shown: Arc::new(tokio::sync::OnceCell::new_with(Some(opened))),
        }
    }

    fn info(&self) -> Option<&s::TicketInfo> {
        self.state.info.as_ref()
    }

    /// The state with personal fields opened for the caller's role.
    async fn shown(&self, ctx: &Context<'_>) -> Result<&TicketState> {
        self.shown
            .get_or_try_init(|| async {
                crate::graphql::personal::shown_state(ctx, &self.state).await
            })
            .await
            .map_err(|e| async_graphql::ErrorExtensions::extend(&e))
    }
}

/// A return, refund or exchange ticket.
#[Object]
impl Ticket {
    /// The ticket's id.
    async fn id(&self) -> Uuid {
        self.id
    }
    /// The stream version (number of events).
    async fn version(&self) -> u64 {
        self.state.version
    }
    /// Where the ticket is.
    async fn status(&self) -> TicketStatus {
        self.state.status.into()
    }
    /// The after-sale kind.
    async fn kind(&self) -> Option<TicketKind> {
        self.state.kind().map(Into::into)
    }
    /// Source channel (`taobao`, `douyin`, `manual`, …).
    async fn channel(&self) -> Option<&str> {
        self.info().map(|i| i.channel.as_str())
    }
    /// The platform's order id.
    async fn platform_order_id(&self) -> Option<&str> {
        self.info().and_then(|i| i.platform_order_id.as_deref())
    }
    /// The platform's after-sale id.
    async fn platform_after_sale_id(&self) -> Option<&str> {
        self.info()
            .and_then(|i| i.platform_after_sale_id.as_deref())
    }
    /// Customer name or platform user id (masked for warehouse and
    /// finance, `[present]` for auditors, `[erased]` once erased).
    async fn customer(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        let shown = self.shown(ctx).await?;
        Ok(shown.info.as_ref().map(|i| i.customer.clone()))
    }
    /// The customer's phone (`138****0000` for warehouse and finance).
    async fn customer_phone(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        let shown = self.shown(ctx).await?;
        Ok(shown.info.as_ref().and_then(|i| i.customer_phone.clone()))
    }
    /// The customer's address (hidden for warehouse and finance).
    async fn customer_address(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        let shown = self.shown(ctx).await?;
        Ok(shown.info.as_ref().and_then(|i| i.customer_address.clone()))
    }
    /// The data subject the ticket's personal data belongs to (admins only;
    /// the handle for `eraseDataSubject`).
    async fn data_subject(&self, ctx: &Context<'_>) -> Option<String> {
        crate::graphql::personal::data_subject(ctx, &self.state)
    }
    /// Whether the customer's personal data on this ticket was erased.
    async fn personal_data_erased(&self, ctx: &Context<'_>) -> Result<bool> {
        let shown = self.shown(ctx).await?;
        Ok(shown
            .info
            .as_ref()
            .is_some_and(|i| i.customer == returns_domain::personal::ERASED))
    }
    /// Reason code.
    async fn reason_code(&self) -> Option<&str> {
        self.info().map(|i| i.reason_code.as_str())
    }
    /// The customer's own words.
    async fn reason_text(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        let shown = self.shown(ctx).await?;
        Ok(shown.info.as_ref().map(|i| i.reason_text.clone()))
    }
    /// The ticket's currency.
    async fn currency(&self) -> Option<String> {
        self.state.currency().map(|c| c.to_string())
    }
    /// When the application was made.
    async fn opened_at(&self) -> Option<DateTime<Utc>> {
        self.info().map(|i| i.opened_at)
    }
    /// The lines with received and inspected quantities.
    async fn lines(&self, ctx: &Context<'_>) -> Result<Vec<TicketLine>> {
        Ok(self.shown(ctx).await?.lines.iter().map(line).collect())
    }
    /// Custom fields (JSON object).
    async fn custom_fields(&self) -> Json<returns_domain::CustomFields> {
        Json(self.state.custom_fields.clone())
    }
    /// The assigned agent.
    async fn assignee(&self) -> Option<&str> {
        self.state.assignee.as_deref()
    }
    /// Review deadline.
    async fn review_deadline(&self) -> Option<DateTime<Utc>> {
        self.state.review_deadline
    }
    /// Ship-back deadline.
    async fn ship_back_deadline(&self) -> Option<DateTime<Utc>> {
        self.state.ship_back_deadline
    }
    /// Where goods go back to.
    async fn return_address(&self) -> Option<ReturnAddress> {
        self.state.return_address.as_ref().map(|a| ReturnAddress {
            recipient: a.recipient.clone(),
            phone: a.phone.clone(),
            address: a.address.clone(),
        })
    }
    /// Why the application was rejected.
    async fn rejection_reason(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        Ok(self.shown(ctx).await?.rejection_reason.clone())
    }
    /// The customer's return parcel.
    async fn return_shipment(&self) -> Option<Shipment> {
        self.state.return_shipment.as_ref().map(Into::into)
    }
    /// Conditions of the parcels received.
    async fn package_conditions(&self) -> Vec<PackageCondition> {
        self.state
            .package_conditions
            .iter()
            .map(|c| (*c).into())
            .collect()
    }
    /// The inspection round (1-based once inspection starts).
    async fn inspection_round(&self) -> u32 {
        self.state.inspection_round
    }
    /// The current round's outcome once completed.
    async fn inspection_outcome(&self) -> Option<InspectionOutcome> {
        self.state.inspection_outcome.map(Into::into)
    }
    /// What the customer was told about the inspection.
    async fn inspection_feedback(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        Ok(self.shown(ctx).await?.inspection_feedback.clone())
    }
    /// The total that may be refunded.
    async fn refundable(&self) -> Option<Money> {
        self.state.refundable().map(Into::into)
    }
    /// The total refunded so far.
    async fn refunded(&self) -> Option<Money> {
        self.state.refunded_total().map(Into::into)
    }
    /// What may still be requested as refund, in minor units.
    async fn remaining_refundable_minor(&self) -> MinorUnits {
        MinorUnits(self.state.remaining_refundable_minor())
    }
    /// Refunds in request order.
    async fn refunds(&self) -> Vec<Refund> {
        self.state.refunds.iter().map(refund).collect()
    }
    /// The exchange's replacement parcel.
    async fn replacement_shipment(&self) -> Option<Shipment> {
        self.state.replacement_shipment.as_ref().map(Into::into)
    }
    /// Rejected goods sent back to the customer.
    async fn goods_returned_shipment(&self) -> Option<Shipment> {
        self.state.goods_returned_shipment.as_ref().map(Into::into)
    }
    /// A price-protection ticket's stated difference.
    async fn price_difference(&self) -> Option<PriceDifference> {
        self.state
            .price_difference
            .as_ref()
            .map(|d| PriceDifference {
                amount: d.amount.into(),
                source: match d.source {
                    returns_domain::command::DifferenceSource::Platform => "platform",
                    returns_domain::command::DifferenceSource::Policy => "policy",
                }
                .to_owned(),
                basis: d.basis.clone(),
            })
    }
    /// A reship ticket's parcel.
    async fn reshipment(&self) -> Option<Reshipment> {
        self.state.reshipment.as_ref().map(|r| Reshipment {
            shipment: (&r.shipment).into(),
            contents: r.contents.clone(),
            shipped_at: r.shipped_at,
            received_by: r.received_by.map(Into::into),
        })
    }
    /// A repair ticket's repair.
    async fn repair(&self) -> Option<Repair> {
        self.state.repair.as_ref().map(|r| Repair {
            method: r.method.into(),
            work_done: r.work_done.clone(),
            parts: r.parts.clone(),
            cost: r.cost.into(),
            parts_shipment: r.parts_shipment.as_ref().map(Into::into),
            repaired_at: r.repaired_at,
        })
    }
    /// The repaired goods' parcel back to the buyer.
    async fn repair_return_shipment(&self) -> Option<Shipment> {
        self.state.repair_return_shipment.as_ref().map(Into::into)
    }
    /// The conversion, if the ticket was converted.
    async fn conversion(&self) -> Option<TicketConversion> {
        self.state.conversion.as_ref().map(|c| TicketConversion {
            conversion: c.conversion.into(),
            refund_amount: c.refund_amount.map(Into::into),
            reason: c.reason.clone(),
            converted_at: c.converted_at,
        })
    }
    /// An exchange's replacements of another variant, one per line.
    async fn replacement_variants(&self) -> Vec<ReplacementVariant> {
        self.state
            .replacement_variants
            .iter()
            .map(|v| ReplacementVariant {
                line_id: v.line_id.clone(),
                sku: v.sku.clone(),
                name: v.name.clone(),
                price_difference: v.price_difference.into(),
            })
            .collect()
    }
    /// What the buyer was asked to pay for a dearer variant, once it shipped.
    async fn variant_charge(&self) -> Option<Money> {
        self.state.variant_charge.map(Into::into)
    }
    /// The counter-offers made to the buyer (协商), oldest first, with
    /// their answers.
    async fn negotiation(&self, ctx: &Context<'_>) -> Result<Vec<CounterOffer>> {
        Ok(self
            .shown(ctx)
            .await?
            .negotiation
            .iter()
            .map(Into::into)
            .collect())
    }
    /// How it ended.
    async fn resolution(&self) -> Option<Resolution> {
        self.state.resolution.map(Into::into)
    }
    /// Why it was cancelled.
    async fn cancel_reason(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        Ok(self.shown(ctx).await?.cancel_reason.clone())
    }
    /// When it was closed or cancelled.
    async fn ended_at(&self) -> Option<DateTime<Utc>> {
        self.state.ended_at
    }
    /// Follow-up calls.
    async fn follow_ups(&self, ctx: &Context<'_>) -> Result<Vec<FollowUp>> {
        Ok(self
            .shown(ctx)
            .await?
            .follow_ups
            .iter()
            .map(|f| FollowUp {
                follow_up_id: f.follow_up_id,
                due_at: f.due_at,
                purpose: f.purpose.clone(),
                scheduled_at: f.scheduled_at,
                outcome: f.outcome.clone(),
                completed_at: f.completed_at,
            })
            .collect())
    }
    /// Notes.
    async fn notes(&self, ctx: &Context<'_>) -> Result<Vec<Note>> {
        Ok(self
            .shown(ctx)
            .await?
            .notes
            .iter()
            .map(|n| Note {
                author: n.author.clone(),
                text: n.text.clone(),
                added_at: n.added_at,
            })
            .collect())
    }
    /// The platform's arbitration, if it ever intervened; customer service
    /// sees an open one first.
    async fn arbitration(&self) -> Option<Arbitration> {
        self.state.arbitration.as_ref().map(Into::into)
    }
    /// What the marketplace was asked to hear of, in request order, with
    /// whether a person has carried each out in the back office.
    async fn platform_actions(&self) -> Vec<crate::graphql::platform_tasks::PlatformTask> {
        self.state
            .platform_actions
            .iter()
            .map(|a| {
                crate::graphql::platform_tasks::PlatformTask::of(self.id, self.state.status, a)
            })
            .collect()
    }
    /// Evidence packs handed to an arbitrating platform, oldest first.
    async fn evidence_submissions(&self) -> Vec<EvidenceSubmission> {
        self.state
            .evidence_submissions
            .iter()
            .map(|s| EvidenceSubmission {
                platform: s.platform.clone(),
                pack_sha256: s.pack_sha256.clone(),
                submitted_at: s.submitted_at,
                through_api: s.via == returns_domain::command::SubmissionVia::OpenApi,
                sent: s
                    .sent
                    .iter()
                    .map(|f| SentEvidence {
                        name: f.name.clone(),
                        sha256: f.sha256.clone(),
                        reference: f.reference.clone(),
                    })
                    .collect(),
            })
            .collect()
    }
    /// Deadlines recorded as missed.
    async fn missed_deadlines(&self) -> Vec<DeadlineKind> {
        self.state
            .missed_deadlines
            .iter()
            .map(|d| (*d).into())
            .collect()
    }
    /// The resolutions `closeTicket` accepts now (none while it may not be
    /// closed): a resolution must state what the events say happened.
    async fn allowed_resolutions(&self) -> Vec<Resolution> {
        self.state
            .allowed_resolutions()
            .into_iter()
            .map(Into::into)
            .collect()
    }
    /// The conversions `convertTicket` accepts now, which a counter-offer
    /// may also propose (none once converted): the domain's
    /// `conversion_fits`, so a form offers exactly what is accepted.
    async fn allowed_conversions(&self) -> Vec<Conversion> {
        returns_domain::ticket::Conversion::ALL
            .into_iter()
            .filter(|c| self.state.conversion_fits(*c))
            .map(Into::into)
            .collect()
    }
    /// What `makeCounterOffer` may propose now (none while an offer is
    /// open: one offer at a time).
    async fn allowed_offers(&self) -> Vec<CounterOfferType> {
        if self.state.open_offer().is_some() {
            return Vec::new();
        }
        let conversion = returns_domain::ticket::Conversion::ALL
            .into_iter()
            .any(|c| self.state.conversion_fits(c));
        [
            (
                CounterOfferType::PartialRefund,
                self.state.partial_refund_fits(),
            ),
            (CounterOfferType::Conversion, conversion),
            (
                CounterOfferType::ReturnAddress,
                self.state.return_address_offer_fits(),
            ),
        ]
        .into_iter()
        .filter_map(|(offer, fits)| fits.then_some(offer))
        .collect()
    }
    /// The commands the ticket accepts now, with who may issue them.
    async fn next_actions(&self) -> Vec<NextAction> {
        self.state
            .next_actions()
            .into_iter()
            .map(|a| NextAction {
                command: a.command.name().to_owned(),
                roles: a.roles.iter().map(|r| (*r).into()).collect(),
            })
            .collect()
    }
}
