//! Settling a platform sync issue: customer service has looked at a ticket
//! whose platform record was pending or contradicted it, and says how it
//! was settled. (Intake settles pending issues by itself when a later
//! version of the record fits.) And the merchant's answer to an
//! arbitration: the evidence pack handed to the platform.

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

/// An evidence pack handed to the arbitrating platform.
#[derive(InputObject, Debug, Clone)]
pub struct RecordEvidenceSubmissionInput {
    /// The SHA-256 (64 hex digits) of the pack exactly as uploaded, e.g. of
    /// the file `GET /evidence-pack/{ticket}` gave.
    pub pack_sha256: String,
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

    /// Records that the ticket's evidence pack was uploaded in the
    /// arbitrating platform's back office (only while an arbitration is open).
    async fn record_evidence_submission(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: RecordEvidenceSubmissionInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                Ok(c::RecordEvidenceSubmission {
                    via: c::SubmissionVia::BackOffice,
                    pack_sha256: input.pack_sha256,
                    at,
                })
            },
        )
        .await
        .gql()
    }
}
