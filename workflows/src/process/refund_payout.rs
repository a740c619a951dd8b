//! Refund payout: an approved refund enters finance's payout queue in its
//! channel's payout mode ([`crate::payout`]). Manual and platform refunds
//! wait there for a person or the platform's record; webhook and simulated
//! ones are paid through their gateway and the answer recorded
//! (`RefundIssued` / `RefundFailed`, nothing for a pending answer); failed
//! ones are retried with backoff, then dead-lettered for finance. Every
//! attempt at one refund presents the same idempotency key, so a receiver
//! that paid but did not answer, or a crash between the request and the
//! append, never pays twice.

use returns_domain::command::{IssueRefund, RecordRefundFailure};
use returns_domain::{Command, Event, RefundStatus};
use uuid::Uuid;

use super::Trigger;
use crate::error::{Result, WorkflowError};
use crate::gateway::{idempotency_key, GatewayError, RefundOrder};
use crate::payout::{PayoutMode, PayoutState};
use crate::runtime::context::{Cause, Context};
use crate::storage::payouts::PayoutRecord;
use crate::timers::{Timer, TimerKind};

pub(crate) const NAME: &str = "refund_payout";

pub(crate) async fn on_event(ctx: &Context, t: &Trigger<'_>) -> Result<()> {
    match t.event {
        Event::RefundApproved(e) => {
            pay(
                ctx,
                &Cause::event(NAME, t.recorded),
                t.ticket_id,
                e.refund_id,
            )
            .await
        }
        Event::RefundFailed(e) => {
            let state = ctx.load(t.ticket_id).await?;
            let Some(refund) = state.refund(e.refund_id) else {
                return Ok(());
            };
            let retry = ctx.policies.refund_retry;
            // The failure count of this event, not of the current state, so a
            // redelivered failure schedules the same timer as the first time.
            let failures = failures_up_to(ctx, t).await?.max(1);
            if refund.status != RefundStatus::Failed {
                return Ok(());
            }
            if failures > retry.max_retries {
                ctx.payouts_queue
                    .mark(
                        e.refund_id,
                        PayoutState::DeadLettered,
                        None,
                        Some(&e.reason),
                        ctx.now(),
                    )
                    .await?;
                return Ok(());
            }
            ctx.payouts_queue
                .mark(
                    e.refund_id,
                    PayoutState::Failed,
                    None,
                    Some(&e.reason),
                    ctx.now(),
                )
                .await?;
            let cause = Cause::event(NAME, t.recorded);
            let timer = cause.new_timer(
                TimerKind::RefundRetry,
                t.ticket_id,
                e.refund_id.to_string(),
                failures,
                e.failed_at + retry.backoff(failures),
            );
            ctx.timers.schedule(&timer, ctx.now()).await?;
            Ok(())
        }
        Event::RefundIssued(e) => {
            // Paid however it was recorded: by this workflow, a person, a
            // callback or the platform's record.
            ctx.payouts_queue
                .mark(
                    e.refund_id,
                    PayoutState::Paid,
                    Some(&e.gateway_reference),
                    None,
                    ctx.now(),
                )
                .await?;
            let subject = e.refund_id.to_string();
            ctx.timers
                .cancel(
                    t.ticket_id,
                    TimerKind::RefundRetry,
                    Some(&subject),
                    ctx.now(),
                )
                .await?;
            Ok(())
        }
        _ => Ok(()),
    }
}

pub(crate) async fn on_timer(ctx: &Context, timer: &Timer) -> Result<()> {
    let refund_id = Uuid::parse_str(&timer.subject).map_err(|e| WorkflowError::CorruptTimer {
        timer_id: timer.timer_id.to_string(),
        message: format!("subject is not a refund id: {e}"),
    })?;
    pay(ctx, &Cause::timer(NAME, timer), timer.ticket_id, refund_id).await
}

/// How many times this refund had failed once the triggering event was recorded.
async fn failures_up_to(ctx: &Context, t: &Trigger<'_>) -> Result<u32> {
    let Event::RefundFailed(failed) = t.event else {
        return Ok(0);
    };
    let stream = returns_tickets::stream_id(t.ticket_id);
    let events = ctx
        .store
        .read_stream_to_version(&stream, t.recorded.stream_version)
        .await?;
    let count = events
        .iter()
        .filter(|e| e.event_type == "RefundFailed")
        .filter(|e| {
            e.payload.get("refund_id").and_then(|v| v.as_str())
                == Some(failed.refund_id.to_string().as_str())
        })
        .count();
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

async fn pay(ctx: &Context, cause: &Cause, ticket_id: Uuid, refund_id: Uuid) -> Result<()> {
    let state = ctx.load(ticket_id).await?;
    let (Some(info), Some(refund)) = (state.info.as_ref(), state.refund(refund_id)) else {
        return Ok(());
    };
    if !matches!(refund.status, RefundStatus::Approved | RefundStatus::Failed) {
        return Ok(());
    }
    let mode = ctx.payouts.mode_for(&ctx.policies, info);
    let now = ctx.now();
    let record = ctx
        .payouts_queue
        .open(&PayoutRecord {
            refund_id,
            ticket_id,
            channel: info.channel.clone(),
            mode,
            state: match mode {
                PayoutMode::Platform => PayoutState::AwaitingPlatform,
                PayoutMode::Manual => PayoutState::AwaitingPerson,
                PayoutMode::Webhook | PayoutMode::Simulated => PayoutState::Sent,
            },
            idempotency_key: idempotency_key(refund_id),
            amount: refund.amount,
            attempts: 0,
            reference: None,
            reason: None,
            created_at: now,
            updated_at: now,
        })
        .await?;
    // The mode recorded first decides, so a policy changed while a refund
    // is under way never pays it a second way.
    let Some(gateway) = ctx.payouts.gateway(record.mode) else {
        if matches!(record.mode, PayoutMode::Webhook | PayoutMode::Simulated) {
            // Started under a configuration this server no longer has: left
            // for finance rather than paid another way.
            tracing::warn!(%ticket_id, %refund_id, mode = %record.mode, "payout mode not configured on this server; the refund waits");
        }
        return Ok(());
    };
    let simulated = record.mode == PayoutMode::Simulated;
    if simulated {
        tracing::warn!(%ticket_id, %refund_id, "SIMULATED payout: no money moves; the refund is recorded as paid by the simulated gateway");
    }
    let order = RefundOrder {
        idempotency_key: record.idempotency_key.clone(),
        ticket_id,
        refund_id,
        amount: refund.amount,
    };
    ctx.payouts_queue.sent(refund_id, ctx.now()).await?;
    let cause = if simulated {
        cause.clone().simulated()
    } else {
        cause.clone()
    };
    let (step, command) = match gateway.refund(&order).await {
        Ok(payout) => (
            "issue",
            Command::IssueRefund(IssueRefund {
                refund_id,
                gateway_reference: payout.reference,
                at: ctx.now(),
            }),
        ),
        Err(GatewayError::Pending) => {
            tracing::info!(%ticket_id, %refund_id, "payout pending at the receiver; waiting for its callback");
            ctx.payouts_queue
                .mark(refund_id, PayoutState::Pending, None, None, ctx.now())
                .await?;
            return Ok(());
        }
        Err(failure) => {
            tracing::warn!(%ticket_id, %refund_id, error = %failure, "refund payout failed");
            (
                "record_failure",
                Command::RecordRefundFailure(RecordRefundFailure {
                    refund_id,
                    reason: failure.to_string(),
                    at: ctx.now(),
                }),
            )
        }
    };
    if ctx.issue(&cause, ticket_id, step, command).await?.is_some() && step == "issue" {
        ctx.payouts_queue
            .mark(refund_id, PayoutState::Paid, None, None, ctx.now())
            .await?;
    }
    Ok(())
}
