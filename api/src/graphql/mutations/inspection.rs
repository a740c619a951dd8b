//! The warehouse's inspection and customer service's feedback on it.

use async_graphql::{Context, InputObject, Object, Result};
use returns_domain::command as c;
use returns_domain::TicketCommand;
use uuid::Uuid;

use super::{run, Target};
use crate::error::{ApiError, IntoGql};
use crate::graphql::context::{app, request_id, require_command};
use crate::graphql::types::enums::{Grade, Verdict};
use crate::graphql::types::{MoneyInput, TicketResult};

/// The inspection of one line.
#[derive(InputObject, Debug, Clone)]
pub struct RecordInspectionInput {
    /// The inspected line.
    pub line_id: String,
    /// Units inspected (1..=received).
    pub qty_inspected: u32,
    /// Units accepted (0 when failed).
    pub qty_accepted: u32,
    /// Condition grade.
    pub grade: Grade,
    /// Pass or fail.
    pub verdict: Verdict,
    /// Amount withheld from the accepted part's refund; zero for none.
    pub deduction: MoneyInput,
    /// Inspector's notes.
    #[graphql(default)]
    pub notes: String,
    /// Keep the notes already recorded on the line instead of `notes`: a
    /// role that sees them masked can correct a line without reading them.
    #[graphql(default)]
    pub keep_recorded_notes: bool,
    /// References to photos.
    #[graphql(default)]
    pub photo_refs: Vec<String>,
}

/// What the customer is told.
#[derive(InputObject, Debug, Clone)]
pub struct SendInspectionFeedbackInput {
    /// The message sent.
    pub message: String,
}

/// The customer's objection.
#[derive(InputObject, Debug, Clone)]
pub struct DisputeInspectionInput {
    /// Why the customer disputes the result.
    pub reason: String,
}

/// The notes recorded on a line now (empty when none) and the ticket's version.
async fn recorded_notes(
    ctx: &Context<'_>,
    ticket_id: Uuid,
    line_id: &str,
) -> Result<(String, i64)> {
    // The role check first, as in `run`: a caller who may not inspect
    // learns nothing about the ticket.
    require_command(ctx, <c::RecordInspection as TicketCommand>::KIND).gql()?;
    let app = app(ctx)?;
    let loaded = app
        .tickets
        .load(ticket_id.into())
        .await
        .map_err(|e| ApiError::from_error(request_id(ctx), &e))
        .gql()?;
    let notes = loaded
        .state
        .line(line_id)
        .and_then(|l| l.inspection.as_ref())
        .map(|i| i.notes.clone())
        .unwrap_or_default();
    Ok((notes, loaded.version))
}

/// Inspection and feedback.
#[derive(Default)]
pub struct InspectionMutation;

#[Object]
impl InspectionMutation {
    /// Records the inspection of one line (again before completion replaces it).
    async fn record_inspection(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: RecordInspectionInput,
    ) -> Result<TicketResult> {
        let (notes, expected_version) = if input.keep_recorded_notes {
            // Pinned to the version read, so a note recorded meanwhile is
            // never replaced by the one read before it.
            let (recorded, version) = recorded_notes(ctx, ticket_id, &input.line_id).await?;
            (recorded, Some(expected_version.unwrap_or(version)))
        } else {
            (input.notes, expected_version)
        };
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::RecordInspection {
                    line_id: input.line_id,
                    qty_inspected: input.qty_inspected,
                    qty_accepted: input.qty_accepted,
                    grade: input.grade.into(),
                    verdict: input.verdict.into(),
                    deduction: input.deduction.to_domain()?,
                    notes,
                    photo_refs: input.photo_refs,
                    at,
                })
            },
        )
        .await
        .gql()
    }

    /// Completes the inspection round; the outcome and refundable amount follow from the lines.
    async fn complete_inspection(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| Ok(c::CompleteInspection { at }),
        )
        .await
        .gql()
    }

    /// Records what the customer was told about the inspection.
    async fn send_inspection_feedback(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: SendInspectionFeedbackInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::SendInspectionFeedback {
                    message: input.message,
                    at,
                })
            },
        )
        .await
        .gql()
    }

    /// Records the customer's dispute: the goods go back for re-inspection.
    async fn dispute_inspection(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: DisputeInspectionInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::DisputeInspection {
                    reason: input.reason,
                    at,
                })
            },
        )
        .await
        .gql()
    }
}
