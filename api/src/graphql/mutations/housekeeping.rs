//! Any-time steps: assigning, notes, custom fields, and recording a missed
//! deadline (timers do that; admins may repair).

use async_graphql::{Context, InputObject, Json, Object, Result};
use returns_domain::command as c;
use returns_domain::CustomFields;
use uuid::Uuid;

use super::{run, Target};
use crate::error::IntoGql;
use crate::graphql::types::enums::DeadlineKind;
use crate::graphql::types::TicketResult;

/// An assignment.
#[derive(InputObject, Debug, Clone)]
pub struct AssignTicketInput {
    /// The new assignee's actor name; null unassigns.
    pub assignee: Option<String>,
}

/// A note; its author is the caller.
#[derive(InputObject, Debug, Clone)]
pub struct AddNoteInput {
    /// The note (1..=4000 characters).
    pub text: String,
}

/// Custom fields to merge.
#[derive(InputObject, Debug, Clone)]
pub struct UpdateCustomFieldsInput {
    /// Fields to set; a JSON null removes the key.
    pub fields: Json<CustomFields>,
}

/// A missed deadline.
#[derive(InputObject, Debug, Clone)]
pub struct RecordMissedDeadlineInput {
    /// Which deadline passed.
    pub deadline: DeadlineKind,
}

/// Any-time steps.
#[derive(Default)]
pub struct HousekeepingMutation;

#[Object]
impl HousekeepingMutation {
    /// Assigns the ticket to an agent (or unassigns it).
    async fn assign_ticket(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: AssignTicketInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::AssignTicket {
                    assignee: input.assignee,
                    at,
                })
            },
        )
        .await
        .gql()
    }

    /// Adds a note, signed by the caller.
    async fn add_note(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: AddNoteInput,
    ) -> Result<TicketResult> {
        let author = crate::graphql::context::principal(ctx)
            .map(|p| p.actor)
            .unwrap_or_default();
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::AddNote {
                    author,
                    text: input.text,
                    at,
                })
            },
        )
        .await
        .gql()
    }

    /// Merges custom fields into the ticket.
    async fn update_custom_fields(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: UpdateCustomFieldsInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::UpdateCustomFields {
                    fields: input.fields.0,
                    at,
                })
            },
        )
        .await
        .gql()
    }

    /// Records that a running deadline passed (normally the timers' job).
    async fn record_missed_deadline(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: RecordMissedDeadlineInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::RecordMissedDeadline {
                    deadline: input.deadline.into(),
                    at,
                })
            },
        )
        .await
        .gql()
    }
}
