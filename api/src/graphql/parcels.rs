//! The pool of parcels nobody announced (无头件): the warehouse registers a
//! parcel no ticket expects, the engine matches it as soon as a ticket
//! names its tracking number (the `parcel_match` workflow), a person
//! matches it by searching the tickets by order, phone or SKU, and an old
//! one is disposed of with an admin's approval.
//!
//! Who may do what (the parcel is not a ticket, so the domain's command
//! table does not list it): the warehouse registers and asks for a
//! disposition; the warehouse and customer service match; only an admin
//! approves a disposition, so the person who asked is never the one who
//! approves. Everyone who reads tickets reads the pool, the sender's name
//! and phone shown as their role may see personal data.

use async_graphql::{Context, Enum, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use returns_domain::parcel::{
    self as p, ParcelCommand, ParcelError, ParcelState, ParcelStatus as S,
};
use returns_domain::ticket::ReceivedLine;
use returns_domain::{CommandKind, Role};
use returns_eventstore::aggregate::ExecuteError;
use returns_eventstore::{CommandFingerprint, Metadata};
use returns_projections::query::Queries;
use returns_tickets::parcels::{MatchError, MatchRequest};
use uuid::Uuid;

use crate::auth::{Principal, View};
use crate::error::{ApiError, IntoGql};
use crate::graphql::context::{app, principal, request_id, require_command, require_view};
use crate::graphql::mutations::{input_hash, reject_nul, ReceivedLineInput};
use crate::graphql::personal::access;
use crate::graphql::types::enums::{
    Disposition, MatchedBy, PackageCondition, TicketKind, TicketStatus,
};
use crate::graphql::types::{Ticket, TicketResult};
use crate::state::AppState;

/// Where a parcel of the pool is.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParcelStatus {
    /// In the pool, waiting for its ticket.
    Unmatched,
    /// Claimed by a ticket, which received it.
    Matched,
    /// Old and unmatched: a disposition waits for an admin's approval.
    DispositionRequested,
    /// Sent back, kept or written off.
    Disposed,
}

impl ParcelStatus {
    fn domain(self) -> S {
        match self {
            ParcelStatus::Unmatched => S::Unmatched,
            ParcelStatus::Matched => S::Matched,
            ParcelStatus::DispositionRequested => S::DispositionRequested,
            ParcelStatus::Disposed => S::Disposed,
        }
    }

    fn of(status: S) -> Option<Self> {
        Some(match status {
            S::None => return None,
            S::Unmatched => ParcelStatus::Unmatched,
            S::Matched => ParcelStatus::Matched,
            S::DispositionRequested => ParcelStatus::DispositionRequested,
            S::Disposed => ParcelStatus::Disposed,
        })
    }
}

/// A disposition asked for.
#[derive(SimpleObject, Debug, Clone)]
pub struct ParcelDispositionRequest {
    /// What to do.
    pub disposition: Disposition,
    /// Why.
    pub reason: String,
    /// When.
    pub requested_at: DateTime<Utc>,
}

/// An admin's decision on a disposition.
#[derive(SimpleObject, Debug, Clone)]
pub struct ParcelDispositionDecision {
    /// What was asked.
    pub disposition: Disposition,
    /// Approved (disposed of) or refused (back in the pool).
    pub approved: bool,
    /// Why.
    pub note: Option<String>,
    /// When.
    pub decided_at: DateTime<Utc>,
}

/// A parcel of the pool.
#[derive(SimpleObject, Debug, Clone)]
pub struct Parcel {
    /// Its id.
    pub id: Uuid,
    /// Where it is.
    pub status: ParcelStatus,
    /// Carrier as on the label.
    pub carrier: String,
    /// Tracking number as on the label.
    pub tracking_number: String,
    /// What is inside, as found.
    pub contents: String,
    /// The sender's name as printed, as the caller may see it.
    pub sender_name: Option<String>,
    /// The sender's phone as printed, as the caller may see it.
    pub sender_phone: Option<String>,
    /// Photos of the label and contents (`GET /evidence/parcels/{id}/{hex}`).
    pub photo_refs: Vec<String>,
    /// When it was registered.
    pub registered_at: DateTime<Utc>,
    /// Whole days in the pool (from registration to now).
    pub age_days: i64,
    /// From this day on a disposition may be asked for.
    pub disposable_from: DateTime<Utc>,
    /// The ticket that claimed it.
    pub ticket_id: Option<Uuid>,
    /// How it was matched.
    pub matched_by: Option<MatchedBy>,
    /// The disposition asked for, if any.
    pub disposition: Option<ParcelDispositionRequest>,
    /// The last decision on a disposition.
    pub decision: Option<ParcelDispositionDecision>,
    /// The parcel stream's version (pass as `expectedVersion`).
    pub version: i64,
}

/// The pool's figures, for the warehouse's queue and management.
#[derive(SimpleObject, Debug, Clone)]
pub struct ParcelPoolStats {
    /// Parcels waiting for their ticket.
    pub unmatched: i64,
    /// Dispositions waiting for approval.
    pub disposition_requested: i64,
    /// Matched to a ticket since the pool began.
    pub matched: i64,
    /// Disposed of since the pool began.
    pub disposed: i64,
    /// Days the oldest parcel still waiting has been in the pool.
    pub oldest_unmatched_days: Option<i64>,
}

/// A ticket that could receive a pool parcel.
#[derive(SimpleObject, Debug, Clone)]
pub struct ParcelCandidate {
    /// The ticket.
    pub ticket_id: Uuid,
    /// Its kind.
    pub kind: TicketKind,
    /// Where it is.
    pub status: TicketStatus,
    /// The customer, as the caller may see it.
    pub customer: String,
    /// The platform's order id.
    pub platform_order_id: Option<String>,
    /// The return parcel the ticket names, if any.
    pub tracking_number: Option<String>,
    /// SKUs and units still expected, e.g. `SKU-1 ×2`.
    pub expecting: Vec<String>,
}

/// A parcel the warehouse registers.
#[derive(InputObject, Debug, Clone)]
pub struct RegisterParcelInput {
    /// Carrier as on the label.
    pub carrier: String,
    /// Tracking number as on the label.
    pub tracking_number: String,
    /// What is inside (SKUs, counts, state).
    pub contents: String,
    /// The sender's name as printed (personal data).
    pub sender_name: Option<String>,
    /// The sender's phone as printed (personal data).
    pub sender_phone: Option<String>,
    /// Photos of the label and contents, uploaded first to
    /// `POST /evidence/parcels/{parcelId}` (`sha256:<hex>` each).
    #[graphql(default)]
    pub photo_refs: Vec<String>,
}

/// How a person receives a pool parcel on a ticket.
#[derive(InputObject, Debug, Clone, Default)]
pub struct MatchParcelInput {
    /// Units per line; none: every unit the ticket still expects.
    #[graphql(default)]
    pub lines: Vec<ReceivedLineInput>,
    /// The parcel's condition (intact when not given).
    pub package_condition: Option<PackageCondition>,
}

/// A disposition asked for.
#[derive(InputObject, Debug, Clone)]
pub struct RequestParcelDispositionInput {
    /// What to do.
    pub disposition: Disposition,
    /// What was tried to find its ticket.
    pub reason: String,
}

fn shown(state: &ParcelState, opened: &p::ParcelRegistered, now: DateTime<Utc>) -> Option<Parcel> {
    let registered = state.registered.as_ref()?;
    Some(Parcel {
        id: registered.parcel_id,
        status: ParcelStatus::of(state.status)?,
        carrier: registered.carrier.clone(),
        tracking_number: registered.tracking_number.clone(),
        contents: registered.contents.clone(),
        sender_name: opened.sender_name.clone(),
        sender_phone: opened.sender_phone.clone(),
        photo_refs: registered.photo_refs.clone(),
        registered_at: registered.registered_at,
        age_days: (now - registered.registered_at).num_days().max(0),
        disposable_from: registered.registered_at
            + chrono::Duration::days(p::DISPOSITION_AFTER_DAYS),
        ticket_id: state.ticket_id,
        matched_by: None,
        disposition: state
            .disposition
            .as_ref()
            .map(|d| ParcelDispositionRequest {
                disposition: d.disposition.into(),
                reason: d.reason.clone(),
                requested_at: d.requested_at,
            }),
        decision: state.decision.as_ref().map(|d| ParcelDispositionDecision {
            disposition: d.disposition.into(),
            approved: d.approved,
            note: d.note.clone(),
            decided_at: d.decided_at,
        }),
        version: state.version,
    })
}

/// `parcel` as `who` may see it.
async fn parcel(
    app: &AppState,
    who: &Principal,
    parcel_id: Uuid,
    request: Uuid,
) -> Result<Option<Parcel>, ApiError> {
    let loaded = app
        .tickets
        .load_parcel(parcel_id)
        .await
        .map_err(|e| parcel_error(e, parcel_id, request))?;
    let Some(registered) = loaded.state.registered.as_ref() else {
        return Ok(None);
    };
    let opened = app
        .tickets
        .open_parcel(registered, access(who.role))
        .await
        .map_err(|e| ApiError::from_store(request, &e))?;
    let mut parcel = shown(&loaded.state, &opened, app.store.clock().now());
    if let Some(parcel) = parcel.as_mut() {
        parcel.matched_by = loaded.state.matched_by.map(Into::into);
    }
    Ok(parcel)
}

fn parcel_error(error: ExecuteError<ParcelError>, parcel_id: Uuid, request: Uuid) -> ApiError {
    match error {
        ExecuteError::Rejected(ParcelError::InvalidTransition { status: S::None, .. }) => {
            ApiError::NotFound(format!("parcel {parcel_id} not found"))
        }
        ExecuteError::Rejected(refusal) => {
            let message = refusal.to_string();
            match refusal.code() {
                "INVALID_TRANSITION" => ApiError::InvalidTransition(message),
                "CONFLICT" => ApiError::Conflict(message),
                _ => ApiError::Validation(message),
            }
        }
        ExecuteError::Store(returns_eventstore::Error::Conflict { expected, actual, .. }) => {
            ApiError::Conflict(format!(
                "parcel {parcel_id} changed: expected {expected}, it is now at version {actual}; reload and retry"
            ))
        }
        ExecuteError::Store(reused @ returns_eventstore::Error::CommandIdReused { .. }) => {
            ApiError::Validation(reused.to_string())
        }
        ExecuteError::Store(returns_eventstore::Error::Invalid(message)) => ApiError::Validation(message),
        ExecuteError::Store(store) => ApiError::from_store(request, &store),
        other => ApiError::internal(request, &other),
    }
}

/// The caller, if their role is one of `roles` (admins always); else `FORBIDDEN`.
fn require_role(ctx: &Context<'_>, roles: &[Role], action: &str) -> Result<Principal, ApiError> {
    let who = principal(ctx)?;
    if who.role == Role::Admin || roles.contains(&who.role) {
        Ok(who)
    } else {
        Err(ApiError::Forbidden {
            role: who.role.as_str().to_owned(),
            action: action.to_owned(),
        })
    }
}

fn metadata(
    who: &Principal,
    command_id: Uuid,
    request: Uuid,
    kind: &str,
    input: serde_json::Value,
) -> Metadata {
    Metadata {
        actor: who.actor.clone(),
        role: who.role.as_str().to_owned(),
        command_id: Some(command_id),
        correlation_id: Some(request),
        causation_id: None,
        source: Some("graphql".to_owned()),
        fingerprint: Some(CommandFingerprint::new(kind, input_hash(&input))),
    }
}

/// Runs a parcel command and returns the parcel as the caller sees it.
async fn run_parcel(
    ctx: &Context<'_>,
    who: Principal,
    parcel_id: Uuid,
    command_id: Uuid,
    expected_version: Option<i64>,
    command: ParcelCommand,
    input: serde_json::Value,
) -> Result<Parcel, ApiError> {
    let app = app(ctx)?;
    let request = request_id(ctx);
    let metadata = metadata(&who, command_id, request, command.name(), input);
    app.tickets
        .execute_parcel(parcel_id, expected_version, &command, metadata)
        .await
        .map_err(|e| parcel_error(e, parcel_id, request))?;
    parcel(app, &who, parcel_id, request)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("parcel {parcel_id} not found")))
}

/// The pool's queries.
#[derive(Default)]
pub struct ParcelQuery;

#[Object]
impl ParcelQuery {
    /// The pool, oldest first: by default the parcels still waiting
    /// (unmatched, or a disposition waiting for approval).
    async fn parcel_pool(
        &self,
        ctx: &Context<'_>,
        statuses: Option<Vec<ParcelStatus>>,
        #[graphql(default = 50)] first: i32,
    ) -> Result<Vec<Parcel>> {
        async {
            let who = require_view(ctx, View::ParcelPool)?;
            let app = app(ctx)?;
            let request = request_id(ctx);
            let statuses: Vec<S> = statuses
                .unwrap_or_else(|| {
                    vec![ParcelStatus::Unmatched, ParcelStatus::DispositionRequested]
                })
                .into_iter()
                .map(ParcelStatus::domain)
                .collect();
            let first = i64::from(first.clamp(1, 100));
            let rows = app
                .tickets
                .parcel_pool(&statuses, first)
                .await
                .map_err(|e| ApiError::from_store(request, &e))?;
            let mut out = Vec::with_capacity(rows.len());
            for row in rows {
                let Ok(id) = Uuid::parse_str(&row.parcel_id) else {
                    continue;
                };
                if let Some(parcel) = parcel(app, &who, id, request).await? {
                    out.push(parcel);
                }
            }
            Ok(out)
        }
        .await
        .gql()
    }

    /// One parcel of the pool.
    async fn parcel(&self, ctx: &Context<'_>, id: Uuid) -> Result<Option<Parcel>> {
        async {
            let who = require_view(ctx, View::ParcelPool)?;
            parcel(app(ctx)?, &who, id, request_id(ctx)).await
        }
        .await
        .gql()
    }

    /// The pool's figures: waiting, approvals pending, matched, disposed,
    /// and the oldest waiting parcel's age.
    async fn parcel_pool_stats(&self, ctx: &Context<'_>) -> Result<ParcelPoolStats> {
        async {
            require_view(ctx, View::ParcelPool)?;
            let app = app(ctx)?;
            let counts = app
                .tickets
                .parcel_pool_counts()
                .await
                .map_err(|e| ApiError::from_store(request_id(ctx), &e))?;
            let now = app.store.clock().now();
            let count = |status: S| {
                counts
                    .iter()
                    .find(|c| c.status == status.as_str())
                    .map_or(0, |c| c.parcels)
            };
            let oldest = counts
                .iter()
                .find(|c| c.status == S::Unmatched.as_str())
                .and_then(|c| DateTime::from_timestamp_micros(c.oldest_registered_at))
                .map(|at| (now - at).num_days().max(0));
            Ok(ParcelPoolStats {
                unmatched: count(S::Unmatched),
                disposition_requested: count(S::DispositionRequested),
                matched: count(S::Matched),
                disposed: count(S::Disposed),
                oldest_unmatched_days: oldest,
            })
        }
        .await
        .gql()
    }

    /// Tickets that could receive a pool parcel, found by an order or
    /// after-sale id, a tracking number, the short ticket id, the buyer's
    /// exact name or phone, or a SKU they still expect.
    async fn parcel_candidates(
        &self,
        ctx: &Context<'_>,
        search: String,
    ) -> Result<Vec<ParcelCandidate>> {
        async {
            let who = require_command(ctx, CommandKind::ReceiveMatchedParcel)?;
            let app = app(ctx)?;
            let request = request_id(ctx);
            let term = search.trim();
            if term.is_empty() {
                return Ok(Vec::new());
            }
            let store_error = |e: returns_eventstore::Error| ApiError::from_store(request, &e);
            let read_error = |e: returns_projections::Error| ApiError::Validation(e.to_string());
            let mut ids: Vec<Uuid> = Vec::new();
            if let Some(keys) = app.tickets.keys() {
                ids.extend(
                    keys.search(term)
                        .await
                        .map_err(store_error)?
                        .iter()
                        .filter_map(|s| returns_tickets::ticket_id_of(s)),
                );
            }
            let queries = Queries::new(app.store.clone());
            let filter = returns_projections::query::worklist::WorklistFilter {
                search: Some(term.to_owned()),
                ..Default::default()
            };
            let page = queries
                .worklist(&filter, None, 50)
                .await
                .map_err(read_error)?;
            ids.extend(page.items.iter().map(|row| row.ticket_id));
            ids.extend(
                queries
                    .tickets_expecting_sku(term, 50)
                    .await
                    .map_err(read_error)?,
            );
            let mut seen = std::collections::HashSet::new();
            ids.retain(|id| seen.insert(*id));
            let mut out = Vec::new();
            for id in ids.into_iter().take(50) {
                let loaded = app
                    .tickets
                    .load(id.into())
                    .await
                    .map_err(|e| ApiError::from_execute(e, id, request))?;
                if !loaded.state.allows(CommandKind::ReceiveMatchedParcel) {
                    continue;
                }
                let state = match app.tickets.keys() {
                    Some(keys) => keys
                        .open_state(&loaded.state, access(who.role))
                        .await
                        .map_err(store_error)?,
                    None => loaded.state,
                };
                let Some(info) = state.info.as_ref() else {
                    continue;
                };
                out.push(ParcelCandidate {
                    ticket_id: id,
                    kind: info.kind.into(),
                    status: state.status.into(),
                    customer: info.customer.clone(),
                    platform_order_id: info.platform_order_id.clone(),
                    tracking_number: state
                        .return_shipment
                        .as_ref()
                        .map(|s| s.tracking_number.clone()),
                    expecting: state
                        .lines
                        .iter()
                        .filter_map(|l| {
                            let open = l.qty_applied().saturating_sub(l.qty_received);
                            (open > 0).then(|| format!("{} ×{open}", l.line.sku))
                        })
                        .collect(),
                });
            }
            Ok(out)
        }
        .await
        .gql()
    }
}

/// The pool's mutations.
#[derive(Default)]
pub struct ParcelMutation;

#[Object]
impl ParcelMutation {
    /// Registers a parcel no ticket expects into the pool. Refused with
    /// `CONFLICT` when a ticket already expects its tracking number: it is
    /// received on that ticket instead.
    async fn register_unmatched_parcel(
        &self,
        ctx: &Context<'_>,
        parcel_id: Uuid,
        command_id: Uuid,
        input: RegisterParcelInput,
    ) -> Result<Parcel> {
        async {
            let who = require_role(ctx, &[Role::Warehouse], "register unmatched parcels")?;
            let app = app(ctx)?;
            let queries = Queries::new(app.store.clone());
            let expecting = queries
                .inbound_parcel(input.tracking_number.trim())
                .await
                .map_err(|e| ApiError::Validation(e.to_string()))?;
            if let Some(ticket) = expecting.iter().find(|t| t.expecting_inbound) {
                return Err(ApiError::Conflict(format!(
                    "ticket {} expects parcel {}: receive it on that ticket",
                    ticket.ticket_id,
                    input.tracking_number.trim()
                )));
            }
            let command = ParcelCommand::Register(p::RegisterParcel {
                parcel_id,
                carrier: input.carrier.clone(),
                tracking_number: input.tracking_number.clone(),
                contents: input.contents.clone(),
                sender_name: input.sender_name.clone(),
                sender_phone: input.sender_phone.clone(),
                photo_refs: input.photo_refs.clone(),
                at: app.store.clock().now(),
            });
            reject_nul(&(
                &input.carrier,
                &input.tracking_number,
                &input.contents,
                &input.sender_name,
                &input.sender_phone,
            ))?;
            let fingerprint = serde_json::json!({
                "parcelId": parcel_id,
                "carrier": input.carrier,
                "trackingNumber": input.tracking_number,
                "contents": input.contents,
                "senderName": input.sender_name,
                "senderPhone": input.sender_phone,
                "photoRefs": input.photo_refs,
            });
            run_parcel(
                ctx,
                who,
                parcel_id,
                command_id,
                Some(0),
                command,
                fingerprint,
            )
            .await
        }
        .await
        .gql()
    }

    /// Receives a pool parcel on a ticket that expects goods: the parcel is
    /// claimed (once; a parcel another ticket claimed is refused) and the
    /// ticket records it received, with the lines given or every unit it
    /// still expects.
    async fn match_parcel(
        &self,
        ctx: &Context<'_>,
        parcel_id: Uuid,
        ticket_id: Uuid,
        command_id: Uuid,
        #[graphql(default)] input: MatchParcelInput,
    ) -> Result<TicketResult> {
        async {
            let who = require_command(ctx, CommandKind::ReceiveMatchedParcel)?;
            let app = app(ctx)?;
            let request = request_id(ctx);
            let lines: Vec<ReceivedLine> = input
                .lines
                .iter()
                .map(|l| ReceivedLine {
                    line_id: l.line_id.clone(),
                    qty: l.qty,
                })
                .collect();
            let fingerprint = serde_json::json!({
                "parcelId": parcel_id,
                "ticketId": ticket_id,
                "lines": lines,
                "packageCondition": format!("{:?}", input.package_condition),
            });
            let metadata = metadata(&who, command_id, request, "AssignParcel", fingerprint);
            let match_request = MatchRequest {
                parcel_id,
                ticket_id,
                by: p::MatchedBy::Person,
                lines,
                package_condition: input
                    .package_condition
                    .unwrap_or(PackageCondition::Intact)
                    .into(),
            };
            let done = app
                .tickets
                .match_parcel(&match_request, metadata, app.store.clock().now())
                .await
                .map_err(|e| match e {
                    MatchError::Parcel(e) => parcel_error(e, parcel_id, request),
                    MatchError::Ticket(e) => ApiError::from_execute(e, ticket_id, request),
                })?;
            Ok(TicketResult {
                ticket: Ticket::new(ticket_id, done.state),
                version: done.version,
                position: done.append.last_position,
                repeated: done.repeated,
            })
        }
        .await
        .gql()
    }

    /// Asks to dispose of a parcel unmatched for at least 14 days; an admin
    /// approves it.
    async fn request_parcel_disposition(
        &self,
        ctx: &Context<'_>,
        parcel_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        input: RequestParcelDispositionInput,
    ) -> Result<Parcel> {
        async {
            let who = require_role(ctx, &[Role::Warehouse], "ask for a parcel's disposition")?;
            reject_nul(&input.reason)?;
            let command = ParcelCommand::RequestDisposition(p::RequestParcelDisposition {
                disposition: input.disposition.into(),
                reason: input.reason.clone(),
                at: app(ctx)?.store.clock().now(),
            });
            let fingerprint = serde_json::json!({
                "parcelId": parcel_id,
                "disposition": format!("{:?}", input.disposition),
                "reason": input.reason,
            });
            run_parcel(
                ctx,
                who,
                parcel_id,
                command_id,
                expected_version,
                command,
                fingerprint,
            )
            .await
        }
        .await
        .gql()
    }

    /// Approves or refuses a requested disposition (admins only).
    async fn decide_parcel_disposition(
        &self,
        ctx: &Context<'_>,
        parcel_id: Uuid,
        command_id: Uuid,
        expected_version: Option<i64>,
        approve: bool,
        note: Option<String>,
    ) -> Result<Parcel> {
        async {
            let who = require_role(ctx, &[], "approve a parcel's disposition")?;
            reject_nul(&note)?;
            let command = ParcelCommand::DecideDisposition(p::DecideParcelDisposition {
                approve,
                note: note.clone(),
                at: app(ctx)?.store.clock().now(),
            });
            let fingerprint = serde_json::json!({
                "parcelId": parcel_id,
                "approve": approve,
                "note": note,
            });
            run_parcel(
                ctx,
                who,
                parcel_id,
                command_id,
                expected_version,
                command,
                fingerprint,
            )
            .await
        }
        .await
        .gql()
    }
}
