//! MakeCounterOffer, RecordOfferAnswer and ExpireCounterOffer: negotiation
//! (协商). An offer changes nothing by itself; the buyer's acceptance is what
//! takes effect, judged again against the ticket as it is then (it may have
//! moved while the buyer thought it over).

use super::{info, kinds, validate};
use crate::command::{ConvertTicket, ExpireCounterOffer, MakeCounterOffer, RecordOfferAnswer};
use crate::error::DomainError;
use crate::event::{CounterOfferAnswered, CounterOfferExpired, CounterOfferMade, Event};
use crate::state::{Negotiation, TicketState};
use crate::ticket::{Conversion, CounterOffer, OfferAnswer, OfferStatus, TicketKind};
use chrono::{DateTime, Utc};
use uuid::Uuid;

pub(super) fn make(state: &TicketState, c: &MakeCounterOffer) -> Result<Vec<Event>, DomainError> {
    if c.offer_id.is_nil() {
        return Err(DomainError::validation("offer_id", "must not be nil"));
    }
    if state.offer(c.offer_id).is_some() {
        return Err(DomainError::AlreadyExists {
            what: "counter_offer",
            id: c.offer_id.to_string(),
        });
    }
    validate::long_text("note", &c.note)?;
    if c.respond_by <= c.at {
        return Err(DomainError::validation(
            "respond_by",
            "must be after the offer is made",
        ));
    }
    effect(state, &c.offer, c.offer_id, c.at)?;
    Ok(vec![Event::CounterOfferMade(CounterOfferMade {
        offer_id: c.offer_id,
        offer: c.offer.clone(),
        respond_by: c.respond_by,
        note: c.note.clone(),
        made_at: c.at,
    })])
}

pub(super) fn answer(
    state: &TicketState,
    c: &RecordOfferAnswer,
) -> Result<Vec<Event>, DomainError> {
    let offer = open(state, c.offer_id)?;
    if c.at < offer.made_at {
        return Err(DomainError::validation(
            "at",
            "the buyer cannot answer before the offer was made",
        ));
    }
    let mut events = vec![Event::CounterOfferAnswered(CounterOfferAnswered {
        offer_id: c.offer_id,
        answer: c.answer,
        answered_at: c.at,
    })];
    if c.answer == OfferAnswer::Accepted {
        events.extend(effect(state, &offer.offer, c.offer_id, c.at)?);
    }
    Ok(events)
}

pub(super) fn expire(
    state: &TicketState,
    c: &ExpireCounterOffer,
) -> Result<Vec<Event>, DomainError> {
    let offer = open(state, c.offer_id)?;
    if c.at < offer.respond_by {
        return Err(DomainError::validation(
            "at",
            "the buyer still has until the offer's deadline",
        ));
    }
    Ok(vec![Event::CounterOfferExpired(CounterOfferExpired {
        offer_id: c.offer_id,
        expired_at: c.at,
    })])
}

fn open(state: &TicketState, offer_id: Uuid) -> Result<&Negotiation, DomainError> {
    let Some(offer) = state.offer(offer_id) else {
        return Err(DomainError::NotFound {
            what: "counter_offer",
            id: offer_id.to_string(),
        });
    };
    if offer.status != OfferStatus::Open {
        return Err(DomainError::InvalidOfferState {
            offer_id,
            status: offer.status,
        });
    }
    Ok(offer)
}

/// Whether `offer` fits the ticket now, and the conversion its acceptance
/// records (a return's partial refund, or the conversion offered). The same
/// checks as `ConvertTicket`'s, so an accepted offer can never do what a
/// conversion by hand could not.
fn effect(
    state: &TicketState,
    offer: &CounterOffer,
    offer_id: Uuid,
    at: DateTime<Utc>,
) -> Result<Option<Event>, DomainError> {
    let info = info(state)?;
    let invalid = || DomainError::InvalidOffer {
        offer: offer.name(),
        kind: info.kind,
        status: state.status,
    };
    let converted = |conversion: Conversion, refund_amount| {
        let convert = ConvertTicket {
            conversion,
            refund_amount,
            reason: format!("counter-offer {offer_id} accepted"),
            at,
        };
        kinds::convert(state, &convert).map(|events| events.into_iter().next())
    };
    match offer {
        CounterOffer::PartialRefund { amount } => {
            if !state.partial_refund_fits() {
                return Err(invalid());
            }
            validate::positive("offer.amount", amount, info.currency)?;
            if info.kind == TicketKind::ReturnAndRefund {
                return converted(Conversion::ReturnToPartialRefund, Some(*amount));
            }
            // All that was paid is no counter-offer: that is the application.
            let limit = state.paid_minor().saturating_sub(1);
            if amount.amount_minor > limit {
                return Err(DomainError::limit(
                    "partial refund (minor units)",
                    limit,
                    amount.amount_minor,
                ));
            }
            Ok(None)
        }
        CounterOffer::Conversion {
            conversion,
            refund_amount,
        } => {
            if !state.conversion_fits(*conversion) {
                return Err(invalid());
            }
            converted(*conversion, *refund_amount)
        }
        CounterOffer::ReturnAddress { address } => {
            if !state.return_address_offer_fits() {
                return Err(invalid());
            }
            validate::short_text("offer.address.recipient", &address.recipient)?;
            validate::short_text("offer.address.phone", &address.phone)?;
            validate::long_text("offer.address.address", &address.address)?;
            Ok(None)
        }
    }
}
