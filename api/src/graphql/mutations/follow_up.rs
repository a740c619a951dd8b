//! Follow-up calls with the customer.

use async_graphql::{Context, InputObject, Object, Result};
use chrono::{DateTime, Utc};
use returns_domain::command as c;

use uuid::Uuid;

use returns_tickets::ids;

use super::{run, Target};
use crate::error::IntoGql;
use crate::graphql::types::TicketResult;

/// A call to schedule.
#[derive(InputObject, Debug, Clone)]
pub struct ScheduleFollowUpInput {
    /// The new follow-up's id; derived from `commandId` when absent.
    pub follow_up_id: Option<Uuid>,
    /// When the call is due.
    pub due_at: DateTime<Utc>,
    /// What it is for, e.g. `quality_complaint`.
    pub purpose: String,
}

/// The outcome of a call.
#[derive(InputObject, Debug, Clone)]
pub struct CompleteFollowUpInput {
    /// The follow-up.
    pub follow_up_id: Uuid,
    /// What came of it.
    pub outcome: String,
}

/// Follow-up calls.
#[derive(Default)]
pub struct FollowUpMutation;

#[Object]
impl FollowUpMutation {
    /// Schedules a follow-up call.
    async fn schedule_follow_up(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: ScheduleFollowUpInput,
    ) -> Result<TicketResult> {
        let follow_up_id = input
            .follow_up_id
            .unwrap_or_else(|| ids::from_command(command_id, "follow_up"));
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::ScheduleFollowUp {
                    follow_up_id,
                    due_at: input.due_at,
                    purpose: input.purpose,
                    at,
                })
            },
        )
        .await
        .gql()
    }

    /// Records the outcome of a follow-up call.
    async fn complete_follow_up(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: CompleteFollowUpInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::CompleteFollowUp {
                    follow_up_id: input.follow_up_id,
                    outcome: input.outcome,
                    at,
                })
            },
        )
        .await
        .gql()
    }
}
