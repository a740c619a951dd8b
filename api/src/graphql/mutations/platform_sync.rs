//! Settling a platform sync issue: customer service has looked at a ticket
//! whose platform record was pending or contradicted it, and says how it
//! was settled. (Intake settles pending issues by itself when a later
//! version of the record fits.) And the merchant's answer to an
//! arbitration: the evidence pack handed to the platform.

use async_graphql::{Context, InputObject, Object, Result};
use returns_domain::command as c;

use uuid::Uuid;

use sha2::Digest;

use super::{run, Target};
use crate::error::{ApiError, IntoGql};
use crate::graphql::context::{app, request_id, require_command};
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

/// The words sent with evidence through the platform's open API.
#[derive(InputObject, Debug, Clone)]
pub struct SubmitEvidenceInput {
    /// What the arbitrator should read with the files (cut to the
    /// platform's limit, e.g. 400 bytes on Taobao).
    pub comment: String,
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

    /// Sends the ticket's evidence pack to the arbitrating platform through
    /// its open API, within the platform's limits: the first page of the
    /// pack's `case.pdf` as an image, then the inspection photos. Records
    /// `EvidenceSubmitted` with the pack's SHA-256 and every file the
    /// platform took. Where the platform has no call the engine can make,
    /// the shop has no credentials, or the platform took none of the files,
    /// nothing is recorded and the error is `NEEDS_PERSON`, whose message
    /// says what to upload where: download the pack and record the upload
    /// with `recordEvidenceSubmission`.
    async fn submit_evidence_through_platform(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: SubmitEvidenceInput,
    ) -> Result<TicketResult> {
        async {
            let who = require_command(ctx, returns_domain::CommandKind::RecordEvidenceSubmission)?;
            let app = app(ctx)?;
            let request = request_id(ctx);
            let loaded = app
                .tickets
                .load(ticket_id.into())
                .await
                .map_err(|e| ApiError::from_error(request, &e))?;
            if loaded.version == 0 {
                return Err(ApiError::NotFound(format!("ticket {ticket_id} not found")));
            }
            if let Some(expected) = expected_version.filter(|v| *v != loaded.version) {
                return Err(ApiError::Conflict(format!(
                    "the ticket is at version {}, not {expected}",
                    loaded.version
                )));
            }
            if !loaded.state.arbitration.as_ref().is_some_and(|a| a.open) {
                return Err(ApiError::InvalidTransition(
                    "no platform arbitration is open on this ticket".into(),
                ));
            }
            // The same case twice adds nothing for the arbitrator: a retry
            // after an answer that was lost must not post the files again.
            let stored = app
                .store
                .stored_stream(&returns_tickets::stream_id(ticket_id))
                .await
                .map_err(|e| ApiError::from_store(request, &e))?;
            if stored.last().is_some_and(|e| e.event_type == "EvidenceSubmitted")
                && loaded
                    .state
                    .evidence_submissions
                    .last()
                    .is_some_and(|s| s.via == c::SubmissionVia::OpenApi)
            {
                return Err(ApiError::Conflict(
                    "this case was sent through the open API already, and nothing happened since"
                        .into(),
                ));
            }
            let info = loaded.state.info.as_ref();
            let (Some(shop), Some(after_sale_id)) = (
                info.map(|i| i.channel.clone()),
                info.and_then(|i| i.platform_after_sale_id.clone()),
            ) else {
                return Err(ApiError::Validation(
                    "not a marketplace after-sale: there is no platform to send evidence to".into(),
                ));
            };
            let Some(client) = app.platforms.client(&shop) else {
                return Err(ApiError::NeedsPerson(format!(
                    "店铺 {shop} 未配置开放平台凭证（人工模式）：请下载举证包，在平台后台上传后点“我已上传”。The shop {shop} has no open-API credentials (manual mode): download the pack, upload it in the platform's back office, then record the upload."
                )));
            };
            let limits = client.evidence_limits().map_err(ApiError::NeedsPerson)?;
            let (pack, digest) = crate::pack::build_and_record(
                crate::pack::PackRequest {
                    store: &app.store,
                    keys: app.tickets.keys().map(|k| &**k),
                    evidence: &app.evidence,
                    ticket: ticket_id,
                    access: crate::graphql::personal::access(who.role),
                    made_by: &who.actor,
                },
                who.role.as_str(),
            )
            .await
            .map_err(|e| ApiError::internal(request, &e))?;
            let (files, left_out) = crate::pack::evidence_files(&pack, &limits)
                .map_err(|e| ApiError::internal(request, &e))?;
            // The digest first: where the platform cuts long words, it
            // cuts the person's, never the reference to the pack.
            let comment = format!("举证包 SHA-256 {digest}：{}", input.comment.trim());
            let comment = returns_platforms::fit_comment(&comment, limits.max_comment_bytes);
            let now = app.store.clock().now();
            let outcomes = client
                .submit_evidence(now, &after_sale_id, comment, &files)
                .await;
            let mut sent = Vec::new();
            let mut refused = left_out;
            for (file, outcome) in files.iter().zip(&outcomes) {
                match outcome {
                    returns_platforms::Outcome::Done { reference, .. } => {
                        sent.push(c::SentEvidence {
                            name: file.name.clone(),
                            sha256: hex::encode(sha2::Sha256::digest(&file.bytes)),
                            reference: reference.clone(),
                        });
                    }
                    other => refused.push(format!(
                        "{}: {}",
                        file.name,
                        crate::graphql::platform_tasks::describe(other)
                    )),
                }
            }
            if sent.is_empty() {
                return Err(ApiError::NeedsPerson(format!(
                    "平台未接收任何文件，请在平台后台上传举证包。The platform took none of the files; upload the pack in its back office. {}",
                    refused.join("; ")
                )));
            }
            for problem in &refused {
                tracing::warn!(%ticket_id, %problem, "an evidence file was not sent");
            }
            run(
                ctx,
                Target::new(ticket_id, command_id, Some(loaded.version)),
                |_, at| {
                    Ok(c::RecordEvidenceSubmission {
                        via: c::SubmissionVia::OpenApi,
                        pack_sha256: digest,
                        sent,
                        at,
                    })
                },
            )
            .await
        }
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
                    sent: Vec::new(),
                    at,
                })
            },
        )
        .await
        .gql()
    }
}
