//! Settling a platform sync issue: customer service has looked at a ticket
//! whose platform record was pending or contradicted it, and says how it
//! was settled. (Intake settles pending issues by itself when a later
//! version of the record fits.)

use async_graphql::{Context, InputObject, Object, Result};
use returns_domain::command as c;

use uuid::Uuid;

use super::{run, Target};
use crate::error::IntoGql;
use crate::graphql::types::TicketResult;

/// How a platform sync issue was settled.
#[derive(InputObject, Debug, Clone)]
pub struct ResolvePlatformSyncInput {
    /// What was done (e.g. "called the buyer; the platform record was wrong").
    pub note: String,
}

/// Platform sync issues.
#[derive(Default)]
pub struct PlatformSyncMutation;

#[Object]
impl PlatformSyncMutation {
    /// Settles the ticket's platform sync issue (pending or conflict).
    async fn resolve_platform_sync(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: ResolvePlatformSyncInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::ResolvePlatformSync {
                    note: input.note,
                    at,
                })
            },
        )
        .await
        .gql()
    }
}
