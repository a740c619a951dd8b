//! Parcel matching: a parcel nobody announced (无头件) waits in the pool
//! until a ticket names its tracking number. The moment one does (customer
//! service registers the waybill, intake reads it from the platform, or the
//! platform's record corrects a mistyped one), the parcel is claimed for
//! that ticket and counts as its return received (`ReceiveMatchedParcel`),
//! with every unit the ticket still expects and the condition the warehouse
//! saw: intact unless a person says otherwise at the desk.
//!
//! A ticket that expects no goods any more (cancelled, already received)
//! refuses, and the parcel stays in the pool for a person.

use returns_domain::parcel::MatchedBy;
use returns_domain::ticket::PackageCondition;
use returns_domain::{CommandKind, Event};
use returns_eventstore::aggregate::ExecuteError;
use returns_tickets::parcels::{MatchError, MatchRequest};

use super::Trigger;
use crate::error::{Result, WorkflowError};
use crate::runtime::context::{Cause, Context};

pub(crate) const NAME: &str = "parcel_match";

pub(crate) async fn on_event(ctx: &Context, t: &Trigger<'_>) -> Result<()> {
    let tracking_number = match t.event {
        Event::ReturnShipmentRegistered(e) => &e.tracking_number,
        Event::ReturnShipmentCorrected(e) => &e.tracking_number,
        _ => return Ok(()),
    };
    let parcels = ctx.tickets.claimable_parcels(tracking_number).await?;
    if parcels.is_empty() {
        return Ok(());
    }
    let cause = Cause::event(NAME, t.recorded);
    for parcel_id in parcels {
        let state = ctx.load(t.ticket_id).await?;
        if !state.allows(CommandKind::ReceiveMatchedParcel) {
            return Ok(());
        }
        let request = MatchRequest {
            parcel_id,
            ticket_id: t.ticket_id,
            by: MatchedBy::Automatic,
            lines: Vec::new(),
            package_condition: PackageCondition::Intact,
        };
        let metadata = cause.metadata(&format!("match {parcel_id}"), "AssignParcel");
        match ctx
            .tickets
            .match_parcel(&request, metadata, ctx.now())
            .await
        {
            Ok(_) => tracing::info!(
                workflow = NAME,
                ticket_id = %t.ticket_id,
                %parcel_id,
                "a parcel from the pool matched its ticket by tracking number"
            ),
            // A person matched it first, or the ticket moved on: the pool
            // and the ticket say what happened; nothing to retry.
            Err(MatchError::Parcel(ExecuteError::Rejected(reason))) => {
                tracing::info!(workflow = NAME, %parcel_id, %reason, "the parcel refused the match; moving on");
            }
            Err(MatchError::Parcel(ExecuteError::Store(returns_eventstore::Error::Conflict {
                ..
            }))) => {
                tracing::info!(workflow = NAME, %parcel_id, "the parcel changed meanwhile; moving on");
            }
            Err(MatchError::Ticket(ExecuteError::Rejected(reason))) => {
                tracing::info!(workflow = NAME, ticket_id = %t.ticket_id, %reason, "the ticket refused the parcel; moving on");
            }
            Err(MatchError::Parcel(ExecuteError::Store(err))) => return Err(err.into()),
            Err(MatchError::Parcel(ExecuteError::Decode { position, message })) => {
                return Err(WorkflowError::Decode { position, message })
            }
            Err(MatchError::Ticket(err)) => return Err(err.into()),
        }
    }
    Ok(())
}
