//! Auditors' queries: every event of a ticket with who, when and hash; the
//! state at a version or time; chain and seal verification; the raw log.

use async_graphql::{Context, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use returns_domain::TicketState;
use returns_eventstore::{ChainBreak, LogReport, Seal, StreamReport};
use returns_tickets::{fold, stream_id};
use uuid::Uuid;

use super::context::{app, request_id, require_view};
use super::types::page::{Page, PageInfo};
use super::types::{HistoryEvent, Ticket};
use super::MAX_PAGE_SIZE;
use crate::auth::View;
use crate::error::{ApiError, IntoGql};

/// The first event that does not match its chain.
#[derive(SimpleObject, Debug, Clone)]
pub struct ChainBreakView {
    /// The stream.
    pub stream_id: String,
    /// The ticket, for ticket streams.
    pub ticket_id: Option<Uuid>,
    /// Global position of the bad event.
    pub position: i64,
    /// Its version in the stream.
    pub version: i64,
    /// Its id.
    pub event_id: Uuid,
    /// What does not match.
    pub reason: String,
}

impl From<ChainBreak> for ChainBreakView {
    fn from(b: ChainBreak) -> Self {
        Self {
            ticket_id: returns_tickets::ticket_id_of(&b.stream_id),
            stream_id: b.stream_id,
            position: b.position,
            version: b.stream_version,
            event_id: b.event_id,
            reason: b.reason,
        }
    }
}

/// The outcome of verifying one ticket's chain.
#[derive(SimpleObject, Debug, Clone)]
pub struct TicketVerification {
    /// The ticket.
    pub ticket_id: Uuid,
    /// Whether every event matched its chain.
    pub intact: bool,
    /// Events checked.
    pub events_checked: u64,
    /// The first bad event, if any.
    pub first_break: Option<ChainBreakView>,
}

impl TicketVerification {
    fn new(ticket_id: Uuid, report: StreamReport) -> Self {
        Self {
            ticket_id,
            intact: report.is_intact(),
            events_checked: report.events_checked,
            first_break: report.first_break.map(Into::into),
        }
    }
}

/// A seal the log no longer matches.
#[derive(SimpleObject, Debug, Clone)]
pub struct SealBreakView {
    /// The seal.
    pub seal_id: i64,
    /// The head it covered.
    pub head_position: i64,
    /// What no longer matches.
    pub reason: String,
}

/// The outcome of verifying the whole log.
#[derive(SimpleObject, Debug, Clone)]
pub struct LogVerification {
    /// Whether nothing was found altered or missing.
    pub intact: bool,
    /// Streams seen.
    pub streams_checked: u64,
    /// Events read.
    pub events_checked: u64,
    /// The first bad event of each broken stream.
    pub chain_breaks: Vec<ChainBreakView>,
    /// Seals checked.
    pub seals_checked: u64,
    /// Seals the log no longer matches.
    pub seal_breaks: Vec<SealBreakView>,
}

impl From<LogReport> for LogVerification {
    fn from(r: LogReport) -> Self {
        Self {
            intact: r.is_intact(),
            streams_checked: r.streams_checked,
            events_checked: r.events_checked,
            chain_breaks: r.chain_breaks.into_iter().map(Into::into).collect(),
            seals_checked: r.seals_checked,
            seal_breaks: r
                .seal_breaks
                .into_iter()
                .map(|b| SealBreakView {
                    seal_id: b.seal_id,
                    head_position: b.head_position,
                    reason: b.reason,
                })
                .collect(),
        }
    }
}

/// A recorded fingerprint of the log head.
#[derive(SimpleObject, Debug, Clone)]
pub struct SealView {
    /// Its id.
    pub seal_id: i64,
    /// The head position it covers.
    pub head_position: i64,
    /// Streams that existed then.
    pub stream_count: i64,
    /// SHA-256 over every stream head, hex.
    pub heads_hash: String,
    /// When it was taken.
    pub sealed_at: DateTime<Utc>,
}

impl From<Seal> for SealView {
    fn from(s: Seal) -> Self {
        Self {
            seal_id: s.seal_id,
            head_position: s.head_position,
            stream_count: s.stream_count,
            heads_hash: hex::encode(s.heads_hash),
            sealed_at: s.sealed_at,
        }
    }
}

/// The auditors' view.
#[derive(Default)]
pub struct AuditQuery;

#[Object]
impl AuditQuery {
    /// Every event of a ticket, oldest first, with metadata and hash.
    async fn ticket_history(&self, ctx: &Context<'_>, id: Uuid) -> Result<Vec<HistoryEvent>> {
        async {
            require_view(ctx, View::Audit)?;
            let app = app(ctx)?;
            let events = app
                .store
                .read_stream(&stream_id(id), 1)
                .await
                .map_err(|e| ApiError::from_error(request_id(ctx), &e))?;
            if events.is_empty() {
                return Err(ApiError::NotFound(format!("ticket {id} not found")));
            }
            Ok(events.into_iter().map(Into::into).collect())
        }
        .await
        .gql()
    }

    /// The ticket as it was after `version` events, or at time `at` (give
    /// exactly one). A version past the ticket's last event is NOT_FOUND, never
    /// the current ticket.
    async fn ticket_as_of(
        &self,
        ctx: &Context<'_>,
        id: Uuid,
        version: Option<i64>,
        at: Option<DateTime<Utc>>,
    ) -> Result<Ticket> {
        async {
            require_view(ctx, View::Audit)?;
            let app = app(ctx)?;
            let stream = stream_id(id);
            let events = match (version, at) {
                (Some(v), None) if v >= 1 => app.store.read_stream_to_version(&stream, v).await,
                (None, Some(at)) => app.store.read_stream_as_of(&stream, at).await,
                (Some(_), None) => {
                    return Err(ApiError::Validation("version must be at least 1".into()))
                }
                _ => {
                    return Err(ApiError::Validation(
                        "give exactly one of version or at".into(),
                    ))
                }
            }
            .map_err(|e| ApiError::from_error(request_id(ctx), &e))?;
            if events.is_empty() {
                return Err(ApiError::NotFound(format!(
                    "ticket {id} did not exist at that point"
                )));
            }
            let loaded = fold(&events).map_err(|e| ApiError::from_error(request_id(ctx), &e))?;
            if let Some(wanted) = version.filter(|v| *v > loaded.version) {
                // Answering the head instead would pass off today's ticket
                // as the one asked for.
                return Err(ApiError::NotFound(format!(
                    "ticket {id} has {} events; version {wanted} does not exist",
                    loaded.version
                )));
            }
            let state: TicketState = loaded.state;
            Ok(Ticket::new(id, state))
        }
        .await
        .gql()
    }

    /// Recomputes the ticket's hash chain and names the first event that does not match.
    async fn verify_ticket(&self, ctx: &Context<'_>, id: Uuid) -> Result<TicketVerification> {
        async {
            require_view(ctx, View::Audit)?;
            let app = app(ctx)?;
            let report = app
                .store
                .verify_stream(&stream_id(id))
                .await
                .map_err(|e| ApiError::from_error(request_id(ctx), &e))?;
            if report.events_checked == 0 {
                return Err(ApiError::NotFound(format!("ticket {id} not found")));
            }
            Ok(TicketVerification::new(id, report))
        }
        .await
        .gql()
    }

    /// Verifies every stream's chain and every seal (reads the whole log).
    async fn verify_log(&self, ctx: &Context<'_>) -> Result<LogVerification> {
        async {
            require_view(ctx, View::Audit)?;
            let app = app(ctx)?;
            let report = app
                .store
                .verify_all()
                .await
                .map_err(|e| ApiError::from_error(request_id(ctx), &e))?;
            Ok(report.into())
        }
        .await
        .gql()
    }

    /// Every seal recorded, oldest first.
    async fn seals(&self, ctx: &Context<'_>) -> Result<Vec<SealView>> {
        async {
            require_view(ctx, View::Audit)?;
            let app = app(ctx)?;
            let seals = app
                .store
                .seals()
                .await
                .map_err(|e| ApiError::from_error(request_id(ctx), &e))?;
            Ok(seals.into_iter().map(Into::into).collect())
        }
        .await
        .gql()
    }

    /// The whole log in position order, a page at a time (`endCursor` is the
    /// last position shown; pass it as `after` for what follows, now or later).
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        after: Option<String>,
        #[graphql(default = 50)] first: i32,
    ) -> Result<Page<HistoryEvent>> {
        async {
            require_view(ctx, View::Audit)?;
            let first = page_size(first)?;
            let after = match after {
                None => 0,
                Some(cursor) => cursor.parse::<i64>().map_err(|_| {
                    ApiError::Validation(format!("cursor {cursor:?} is not a log position"))
                })?,
            };
            let app = app(ctx)?;
            let mut events = app
                .store
                .read_all(after, first + 1)
                .await
                .map_err(|e| ApiError::from_error(request_id(ctx), &e))?;
            let has_next_page = events.len() as i64 > first;
            events.truncate(usize::try_from(first).unwrap_or(0));
            Ok(Page {
                page_info: PageInfo {
                    has_next_page,
                    end_cursor: events.last().map(|e| e.position.to_string()),
                },
                nodes: events.into_iter().map(HistoryEvent::from).collect(),
            })
        }
        .await
        .gql()
    }
}

/// Checks a requested page size against the maximum.
pub fn page_size(first: i32) -> Result<i64, ApiError> {
    if first < 1 || i64::from(first) > MAX_PAGE_SIZE {
        Err(ApiError::Validation(format!(
            "first must be between 1 and {MAX_PAGE_SIZE}, got {first}"
        )))
    } else {
        Ok(i64::from(first))
    }
}
