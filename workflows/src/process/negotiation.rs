//! Negotiation (协商): a counter-offer waits for the buyer until its
//! `respond_by`; the timer records that nobody answered (`ExpireCounterOffer`),
//! so the ticket's history says the offer lapsed and customer service may
//! make another. The answer cancels the timer. A ticket that ends while an
//! offer is open keeps it: the offer still runs out, which is all the timer
//! records.

use returns_domain::command::ExpireCounterOffer;
use returns_domain::ticket::OfferStatus;
use returns_domain::{Command, Event};
use uuid::Uuid;

use super::Trigger;
use crate::error::Result;
use crate::runtime::context::{Cause, Context};
use crate::timers::{Timer, TimerKind};

pub(crate) const NAME: &str = "negotiation";

pub(crate) async fn on_event(ctx: &Context, t: &Trigger<'_>) -> Result<()> {
    match t.event {
        Event::CounterOfferMade(e) => {
            let cause = Cause::event(NAME, t.recorded);
            let timer = cause.new_timer(
                TimerKind::CounterOfferDeadline,
                t.ticket_id,
                e.offer_id.to_string(),
                0,
                e.respond_by,
            );
            ctx.timers.schedule(&timer, ctx.now()).await?;
        }
        Event::CounterOfferAnswered(e) => {
            let subject = e.offer_id.to_string();
            ctx.timers
                .cancel(
                    t.ticket_id,
                    TimerKind::CounterOfferDeadline,
                    Some(&subject),
                    ctx.now(),
                )
                .await?;
        }
        _ => {}
    }
    Ok(())
}

pub(crate) async fn on_timer(ctx: &Context, timer: &Timer) -> Result<()> {
    let Ok(offer_id) = Uuid::parse_str(&timer.subject) else {
        return Ok(());
    };
    let state = ctx.load(timer.ticket_id).await?;
    // Checked on the state: an answer recorded after the timer was claimed wins.
    if state.offer(offer_id).map(|n| n.status) != Some(OfferStatus::Open) {
        return Ok(());
    }
    let expire = Command::ExpireCounterOffer(ExpireCounterOffer {
        offer_id,
        at: ctx.now(),
    });
    ctx.issue(
        &Cause::timer(NAME, timer),
        timer.ticket_id,
        "expire",
        expire,
    )
    .await?;
    Ok(())
}
