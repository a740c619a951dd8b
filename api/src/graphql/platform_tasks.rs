//! What the marketplaces must hear of: each platform action with where it
//! stands, the queue of those a person must carry out in a back office
//! (manual mode, and what the open API handed to a person), confirming one
//! done, what the open API answered (api mode), and the counts management
//! reads.

use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use returns_domain::command as c;
use returns_domain::command::PlatformActionOutcome;
use returns_domain::platform_action::{PlatformAction, PlatformActionParams};
use returns_domain::state::PlatformActionState;
use returns_projections::names;
use returns_projections::query::platform_tasks as pt;
use uuid::Uuid;

use super::context::{app, request_id, require_command};
use super::department::{first_u32, queries, read_error};
use super::mutations::{run, Target};
use super::types::enums::{Conversion, PlatformActionKind, Role, TicketStatus};
use super::types::money::Money;
use super::types::page::Page;
use super::types::TicketResult;
use crate::auth::View;
use crate::error::{ApiError, IntoGql};

/// One platform action: what to do in which platform's back office, for
/// which after-sale, and whether someone has.
#[derive(SimpleObject, Debug, Clone)]
pub struct PlatformTask {
    /// Its ticket.
    pub ticket_id: Uuid,
    /// Its number on the ticket (with the ticket, its idempotency key).
    pub seq: i32,
    /// The platform (the ticket's channel).
    pub platform: String,
    /// The platform's after-sale id: what to look up in the back office.
    pub after_sale_id: String,
    /// What to do there.
    pub action: PlatformActionKind,
    /// The department whose decision it repeats.
    pub department: Role,
    /// The carrier to enter, for a parcel the seller sent.
    pub carrier: Option<String>,
    /// The tracking number to enter.
    pub tracking_number: Option<String>,
    /// The amount agreed or offered.
    pub amount: Option<Money>,
    /// The conversion made or offered.
    pub conversion: Option<Conversion>,
    /// The ticket's status now.
    pub ticket_status: TicketStatus,
    /// When the decision was made.
    pub requested_at: DateTime<Utc>,
    /// When the platform decides by itself if it does not hear of it, if known.
    pub due_by: Option<DateTime<Utc>>,
    /// When a person confirmed it done in the back office.
    pub done_at: Option<DateTime<Utc>>,
    /// When the platform's own record showed it done.
    pub confirmed_at: Option<DateTime<Utc>>,
    /// The platform's status that showed it (intake's name for it).
    pub confirmed_status: Option<String>,
    /// What the platform's open API answered when it was sent (api mode).
    pub answer: Option<PlatformAnswer>,
}

/// How the platform's open API answered.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlatformAnswerOutcome {
    /// Carried out.
    Succeeded,
    /// Refused, in the platform's words.
    Refused,
    /// Handed to a person (see `reason`).
    NeedsPerson,
}

/// The platform's open API's answer to a platform action.
#[derive(SimpleObject, Debug, Clone)]
pub struct PlatformAnswer {
    /// Carried out, refused, or a person's task.
    pub outcome: PlatformAnswerOutcome,
    /// Why a person must act: `back_office_only`, `stale_version`,
    /// `batch_item_failed`, `deadline_close`, `no_api_call`,
    /// `unauthorized`, `retries_exhausted` or `evidence_required`.
    pub reason: Option<String>,
    /// The platform's code, if it gave one.
    pub code: Option<String>,
    /// The platform's words (or the runner's).
    pub message: Option<String>,
    /// The platform's request or log id of a call that succeeded.
    pub reference: Option<String>,
    /// The platform said it had been done before.
    pub already_done: bool,
    /// The record's version it was sent with.
    pub platform_version: Option<i64>,
    /// When the answer came.
    pub answered_at: DateTime<Utc>,
}

impl PlatformAnswer {
    fn of(outcome: &PlatformActionOutcome, answered_at: DateTime<Utc>) -> Self {
        let blank = Self {
            outcome: PlatformAnswerOutcome::Succeeded,
            reason: None,
            code: None,
            message: None,
            reference: None,
            already_done: false,
            platform_version: None,
            answered_at,
        };
        match outcome.clone() {
            PlatformActionOutcome::Succeeded {
                platform_version,
                reference,
                already_done,
            } => Self {
                reference,
                already_done,
                platform_version,
                ..blank
            },
            PlatformActionOutcome::Refused { code, message } => Self {
                outcome: PlatformAnswerOutcome::Refused,
                code: Some(code),
                message: Some(message),
                ..blank
            },
            PlatformActionOutcome::NeedsPerson {
                reason,
                code,
                message,
            } => Self {
                outcome: PlatformAnswerOutcome::NeedsPerson,
                reason: Some(reason),
                code,
                message: Some(message),
                ..blank
            },
        }
    }
}

/// When an action was asked for, when a person did it, and when and by
/// which status the platform's record showed it.
type Times = (
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    Option<(DateTime<Utc>, String)>,
);

impl PlatformTask {
    /// The task of one action on a ticket in `status`.
    pub fn of(
        ticket_id: Uuid,
        status: returns_domain::TicketStatus,
        a: &PlatformActionState,
    ) -> Self {
        let r = &a.requested;
        let task = Self::new(
            ticket_id,
            r.seq,
            (r.platform.clone(), r.after_sale_id.clone()),
            r.action,
            r.params.clone(),
            status,
            (
                r.requested_at,
                a.done_at,
                a.confirmed
                    .as_ref()
                    .map(|c| (c.confirmed_at, c.platform_status.clone())),
            ),
        );
        Self {
            due_by: r.due_by,
            answer: a
                .answer
                .as_ref()
                .zip(a.answered_at)
                .map(|(o, at)| PlatformAnswer::of(o, at)),
            ..task
        }
    }

    fn from_row(ctx: &Context<'_>, row: pt::PlatformTaskItem) -> Result<Self, ApiError> {
        let action = PlatformAction::parse(&row.action).ok_or_else(|| {
            ApiError::internal(
                request_id(ctx),
                &format!("unknown platform action {:?} in the read model", row.action),
            )
        })?;
        // Written by this build's domain; unreadable params would lose only
        // the waybill or amount shown, never the task itself.
        let params: PlatformActionParams = serde_json::from_str(&row.params).unwrap_or_default();
        let due_by = row.due_at;
        let task = Self::new(
            row.ticket_id,
            u32::try_from(row.seq).unwrap_or(0),
            (row.platform, row.after_sale_id),
            action,
            params,
            row.ticket_status,
            (
                row.requested_at,
                row.done_at,
                row.confirmed_at.zip(row.confirmed_status),
            ),
        );
        // Written by this build's domain, like the params.
        let answer = row
            .answer
            .as_deref()
            .and_then(|text| serde_json::from_str::<PlatformActionOutcome>(text).ok())
            .zip(row.answered_at)
            .map(|(o, at)| PlatformAnswer::of(&o, at));
        Ok(Self {
            due_by,
            answer,
            ..task
        })
    }

    fn new(
        ticket_id: Uuid,
        seq: u32,
        (platform, after_sale_id): (String, String),
        action: PlatformAction,
        params: PlatformActionParams,
        status: returns_domain::TicketStatus,
        (requested_at, done_at, confirmed): Times,
    ) -> Self {
        Self {
            ticket_id,
            seq: i32::try_from(seq).unwrap_or(i32::MAX),
            platform,
            after_sale_id,
            action: action.into(),
            department: action.department().into(),
            carrier: params.carrier,
            tracking_number: params.tracking_number,
            amount: params.amount.map(Into::into),
            conversion: params.conversion.map(Into::into),
            ticket_status: status.into(),
            requested_at,
            due_by: None,
            done_at,
            confirmed_at: confirmed.as_ref().map(|c| c.0),
            confirmed_status: confirmed.map(|c| c.1),
            answer: None,
        }
    }
}

/// Platform actions of one platform and kind: how many, how many wait on
/// a person, and how long confirmed ones took from the decision.
#[derive(SimpleObject, Debug, Clone)]
pub struct PlatformTaskCount {
    /// The platform.
    pub platform: String,
    /// The action.
    pub action: PlatformActionKind,
    /// Requested.
    pub requested: i64,
    /// Not confirmed done yet.
    pub open: i64,
    /// Carried out by the platform's open API (api mode).
    pub sent: i64,
    /// Refused by the platform's open API, in its words.
    pub refused: i64,
    /// Handed by the open API to a person (back office only, stale, …).
    pub handed_to_person: i64,
    /// Mean seconds from the decision to a person's confirmation.
    pub mean_seconds_to_done: Option<i64>,
    /// Mean seconds from the decision to the platform's record showing it.
    pub mean_seconds_to_confirmed: Option<i64>,
    /// Mean seconds from the decision to the open API's answer that it was
    /// done (api mode).
    pub mean_seconds_to_sent: Option<i64>,
}

/// Where a ticket's refusal reasons come from.
#[derive(async_graphql::Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusalMode {
    /// The ticket is from no marketplace: the reason is the shop's words.
    NotMarketplace,
    /// The shop is in manual mode: the person picks the reason in the back office.
    Manual,
    /// The platform's reason call lists them.
    Api,
}

/// The refusal reasons a platform accepts for one after-sale.
#[derive(SimpleObject, Debug, Clone)]
pub struct PlatformRefusalReasons {
    /// Where they come from.
    pub mode: RefusalMode,
    /// The reasons (empty unless `mode` is `API` and the platform listed some).
    pub reasons: Vec<PlatformRefusalReason>,
    /// Why the platform listed none, in its words, if it failed.
    pub problem: Option<String>,
}

impl PlatformRefusalReasons {
    fn none(mode: RefusalMode) -> Self {
        Self {
            mode,
            reasons: Vec::new(),
            problem: None,
        }
    }
}

/// One reason the platform accepts.
#[derive(SimpleObject, Debug, Clone)]
pub struct PlatformRefusalReason {
    /// The platform's code, sent with the refusal (`reasonCode`).
    pub code: String,
    /// The platform's words for it.
    pub text: String,
    /// The platform requires evidence with this reason.
    pub needs_evidence: bool,
}

/// A failed platform call, in the platform's words where it gave any.
pub(crate) fn describe(outcome: &returns_platforms::Outcome) -> String {
    use returns_platforms::Outcome as O;
    match outcome {
        O::Done { .. } => "the platform answered without a list".to_owned(),
        O::Refused { code, message } => format!("{code} {message}"),
        O::NeedsPerson { code, message, .. } | O::Retry { code, message, .. } => {
            format!("{} {message}", code.as_deref().unwrap_or_default())
                .trim()
                .to_owned()
        }
    }
}

/// Which platform actions to list.
#[derive(InputObject, Debug, Clone, Default)]
pub struct PlatformTaskFilter {
    /// Done ones (by a person or shown by the platform's record), most
    /// recently changed first (default: open ones, oldest first).
    #[graphql(default)]
    pub done: bool,
    /// Only the tasks of this department.
    pub department: Option<Role>,
    /// Only this platform's.
    pub platform: Option<String>,
}

/// Platform actions.
#[derive(Default)]
pub struct PlatformTaskQuery;

#[Object]
impl PlatformTaskQuery {
    /// Platform actions a person carries out in the platform's back office:
    /// open ones oldest first, or done ones.
    async fn platform_tasks(
        &self,
        ctx: &Context<'_>,
        #[graphql(default)] filter: PlatformTaskFilter,
        #[graphql(default = 20)] first: i32,
        after: Option<String>,
        at_least_position: Option<i64>,
    ) -> Result<Page<PlatformTask>> {
        async {
            let q = queries(
                ctx,
                View::PlatformTasks,
                names::PLATFORM_TASKS,
                at_least_position,
            )
            .await?;
            let wanted = pt::PlatformTaskFilter {
                done: filter.done,
                department: filter
                    .department
                    .map(|r| returns_domain::Role::from(r).as_str().to_owned()),
                platform: filter.platform.map(|p| p.trim().to_owned()),
                ticket_id: None,
            };
            let page = q
                .platform_tasks(&wanted, after.as_deref(), first_u32(first)?)
                .await
                .map_err(|e| read_error(ctx, e))?;
            let next_cursor = page.next_cursor;
            let nodes = page
                .items
                .into_iter()
                .map(|row| PlatformTask::from_row(ctx, row))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Page::from_read_model(
                returns_projections::Page {
                    items: nodes,
                    next_cursor,
                },
                |t| t,
            ))
        }
        .await
        .gql()
    }

    /// The refusal reasons the ticket's platform accepts for `action` on
    /// its after-sale, from the platform's own reason call (api mode). In
    /// manual mode, or on a ticket from no marketplace, there are none: the
    /// person chooses the reason in the back office.
    async fn platform_refusal_reasons(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        #[graphql(default_with = "PlatformActionKind::RefuseApplication")]
        action: PlatformActionKind,
    ) -> Result<PlatformRefusalReasons> {
        async {
            let action: PlatformAction = action.into();
            // Asked by whoever may decide that refusal: customer service
            // refuses applications, the warehouse sends rejected goods back.
            require_command(
                ctx,
                match action {
                    PlatformAction::RefuseAfterInspection => {
                        returns_domain::CommandKind::ReturnGoodsToCustomer
                    }
                    _ => returns_domain::CommandKind::RejectApplication,
                },
            )?;
            let app = app(ctx)?;
            let loaded = app
                .tickets
                .load(ticket_id.into())
                .await
                .map_err(|e| ApiError::from_error(request_id(ctx), &e))?;
            if loaded.version == 0 {
                return Err(ApiError::NotFound(format!("ticket {ticket_id} not found")));
            }
            let info = loaded.state.info.as_ref();
            let (Some(shop), Some(after_sale_id)) = (
                info.map(|i| i.channel.clone()),
                info.and_then(|i| i.platform_after_sale_id.clone()),
            ) else {
                return Ok(PlatformRefusalReasons::none(RefusalMode::NotMarketplace));
            };
            let Some(client) = app.platforms.client(&shop) else {
                return Ok(PlatformRefusalReasons::none(RefusalMode::Manual));
            };
            let now = app.store.clock().now();
            Ok(
                match client.refusal_reasons(now, &after_sale_id, action).await {
                    Ok(reasons) => PlatformRefusalReasons {
                        mode: RefusalMode::Api,
                        reasons: reasons
                            .into_iter()
                            .map(|r| PlatformRefusalReason {
                                code: r.code,
                                text: r.text,
                                needs_evidence: r.needs_evidence,
                            })
                            .collect(),
                        problem: None,
                    },
                    Err(outcome) => PlatformRefusalReasons {
                        problem: Some(describe(&outcome)),
                        ..PlatformRefusalReasons::none(RefusalMode::Api)
                    },
                },
            )
        }
        .await
        .gql()
    }

    /// Platform actions per platform and kind (management).
    async fn platform_task_counts(
        &self,
        ctx: &Context<'_>,
        at_least_position: Option<i64>,
    ) -> Result<Vec<PlatformTaskCount>> {
        async {
            let q = queries(
                ctx,
                View::Management,
                names::PLATFORM_TASKS,
                at_least_position,
            )
            .await?;
            let counts = q
                .platform_task_counts()
                .await
                .map_err(|e| read_error(ctx, e))?;
            Ok(counts
                .into_iter()
                .filter_map(|c| {
                    Some(PlatformTaskCount {
                        action: PlatformAction::parse(&c.action)?.into(),
                        platform: c.platform,
                        requested: c.requested,
                        open: c.open,
                        sent: c.sent,
                        refused: c.refused,
                        handed_to_person: c.handed_to_person,
                        mean_seconds_to_done: c.mean_seconds_to_done,
                        mean_seconds_to_confirmed: c.mean_seconds_to_confirmed,
                        mean_seconds_to_sent: c.mean_seconds_to_sent,
                    })
                })
                .collect())
        }
        .await
        .gql()
    }
}

/// The platform action a person carried out.
#[derive(InputObject, Debug, Clone)]
pub struct ConfirmPlatformActionInput {
    /// The action's number on the ticket (`PlatformTask.seq`).
    pub seq: i32,
}

/// Confirming platform actions.
#[derive(Default)]
pub struct PlatformTaskMutation;

#[Object]
impl PlatformTaskMutation {
    /// Records that a person carried the ticket's platform action out in
    /// the platform's back office.
    async fn confirm_platform_action(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: ConfirmPlatformActionInput,
    ) -> Result<TicketResult> {
        run(
            ctx,
            Target::new(ticket_id, command_id, expected_version),
            |_, at| {
                let seq = u32::try_from(input.seq).map_err(|_| {
                    ApiError::Validation("seq: a platform action's number is 1 or more".into())
                })?;
                Ok(c::ConfirmPlatformAction { seq, at })
            },
        )
        .await
        .gql()
    }
}
