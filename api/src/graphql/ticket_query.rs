//! `ticket(id)`: the ticket folded from its stream, always current.

use async_graphql::{Context, Object, Result};
use uuid::Uuid;

use super::context::{app, request_id, require_view};
use super::types::Ticket;
use crate::auth::View;
use crate::error::{ApiError, IntoGql};

/// Reading one ticket.
#[derive(Default)]
pub struct TicketQuery;

#[Object]
impl TicketQuery {
    /// One ticket, folded from its events (always current: no read model involved).
    async fn ticket(&self, ctx: &Context<'_>, id: Uuid) -> Result<Ticket> {
        async {
            require_view(ctx, View::Ticket)?;
            let app = app(ctx)?;
            let loaded = app
                .tickets
                .load(id.into())
                .await
                .map_err(|e| ApiError::from_error(request_id(ctx), &e))?;
            if loaded.version == 0 {
                return Err(ApiError::NotFound(format!("ticket {id} not found")));
            }
            Ok(Ticket::new(id, loaded.state))
        }
        .await
        .gql()
    }
}
