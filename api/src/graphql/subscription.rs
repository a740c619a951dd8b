//! Subscriptions: a ticket's events as they happen, and changes to a
//! department's queue. Both follow the log through `EventStore::subscribe`
//! and end when the server shuts down.

use std::time::Duration;

use async_graphql::{Context, Enum, Result, SimpleObject, Subscription};
use futures::{Stream, StreamExt};
use returns_eventstore::{EventStore, RecordedEvent};
use returns_tickets::{state_at, stream_id, ticket_id_of};
use uuid::Uuid;

use super::context::{app, request_id, require_view};
use super::types::{HistoryEvent, Ticket};
use crate::auth::View;
use crate::error::{ApiError, IntoGql};

/// A department with a work queue.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "returns_tickets::Department")]
pub enum Department {
    /// Reviews, feedback, closing.
    CustomerService,
    /// Receiving, inspecting, shipping.
    Warehouse,
    /// Refunds.
    Finance,
}

impl Department {
    fn view(self) -> View {
        match self {
            Department::CustomerService => View::CustomerService,
            Department::Warehouse => View::Warehouse,
            Department::Finance => View::Finance,
        }
    }
}

/// How a ticket's place in a queue changed.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueChangeKind {
    /// It now waits for the department.
    Entered,
    /// It still waits, and something about it changed.
    Updated,
    /// It no longer waits for the department.
    Left,
}

/// A change to a department's queue.
#[derive(SimpleObject, Debug, Clone)]
pub struct QueueChange {
    /// What happened to the ticket's place in the queue.
    pub change: QueueChangeKind,
    /// The event that caused it, e.g. `ReturnShipmentRegistered`.
    pub event_type: String,
    /// Its log position.
    pub position: i64,
    /// The ticket after the event.
    pub ticket: Ticket,
}

/// Every subscription of the API.
#[derive(Default)]
pub struct Subscription;

/// The first pause after a store error, doubled up to [`MAX_RETRY_PAUSE`].
const FIRST_RETRY_PAUSE: Duration = Duration::from_millis(100);

/// The longest pause between two attempts to read the log again.
const MAX_RETRY_PAUSE: Duration = Duration::from_secs(5);

/// How long a subscription keeps retrying one step before it tells the
/// client (`UNAVAILABLE`); the log itself is followed for as long as the
/// subscription lives.
const GIVE_UP_AFTER: Duration = Duration::from_secs(30);

/// The live log after `after`, ending at shutdown. A store that fails (a
/// killed connection, a restarted PostgreSQL) is read again from the last
/// position delivered, with backoff: the subscriber sees nothing of the
/// outage but the pause, and misses and repeats nothing.
fn live_log(
    store: EventStore,
    after: i64,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
    request: Uuid,
) -> impl Stream<Item = RecordedEvent> + Send {
    let start = (store.subscribe(after), after, FIRST_RETRY_PAUSE);
    futures::stream::unfold(start, move |(mut sub, mut last, mut pause)| {
        let store = store.clone();
        async move {
            loop {
                match sub.next().await {
                    Ok(event) => {
                        last = event.position;
                        return Some((event, (sub, last, FIRST_RETRY_PAUSE)));
                    }
                    Err(error) => {
                        tracing::warn!(%request, %error, after = last, "subscription: the log cannot be read; retrying");
                        tokio::time::sleep(pause).await;
                        pause = (pause * 2).min(MAX_RETRY_PAUSE);
                        sub = store.subscribe(last);
                    }
                }
            }
        }
    })
    .take_until(Box::pin(stop))
}

/// [`queue_change`], retried with backoff while the store cannot be read;
/// after [`GIVE_UP_AFTER`] the client is told `UNAVAILABLE` (or `INTERNAL`
/// for a fault that is not the database being away).
async fn queue_change_retried(
    store: &EventStore,
    department: returns_tickets::Department,
    ticket_id: Uuid,
    event: RecordedEvent,
    request: Uuid,
) -> Result<Option<QueueChange>, ApiError> {
    let started = tokio::time::Instant::now();
    let mut pause = FIRST_RETRY_PAUSE;
    loop {
        match queue_change(store, department, ticket_id, event.clone()).await {
            Ok(change) => return Ok(change),
            Err(returns_tickets::TicketError::Store(error))
                if crate::error::is_unreachable(&error) && started.elapsed() < GIVE_UP_AFTER =>
            {
                tracing::warn!(%request, %error, "subscription: a state cannot be read; retrying");
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(MAX_RETRY_PAUSE);
            }
            Err(returns_tickets::TicketError::Store(error)) => {
                return Err(ApiError::from_store(request, &error))
            }
            Err(other) => return Err(ApiError::internal(request, &other)),
        }
    }
}

/// How `event` moved its ticket in `department`'s queue, if it did.
async fn queue_change(
    store: &EventStore,
    department: returns_tickets::Department,
    ticket_id: Uuid,
    event: RecordedEvent,
) -> Result<Option<QueueChange>, returns_tickets::TicketError> {
    let before = state_at(store, ticket_id, event.stream_version - 1).await?;
    let after = state_at(store, ticket_id, event.stream_version).await?;
    let change = match (
        department.is_waiting_on(&before),
        department.is_waiting_on(&after),
    ) {
        (false, true) => QueueChangeKind::Entered,
        (true, true) => QueueChangeKind::Updated,
        (true, false) => QueueChangeKind::Left,
        (false, false) => return Ok(None),
    };
    Ok(Some(QueueChange {
        change,
        event_type: event.event_type,
        position: event.position,
        ticket: Ticket::new(ticket_id, after),
    }))
}

#[Subscription]
impl Subscription {
    /// The ticket's events as they are recorded. With `afterVersion`, the
    /// events after that version come first, then live ones.
    async fn ticket_events(
        &self,
        ctx: &Context<'_>,
        ticket_id: Uuid,
        after_version: Option<i64>,
    ) -> Result<impl Stream<Item = HistoryEvent>> {
        async {
            require_view(ctx, View::Ticket)?;
            let app = app(ctx)?;
            let request = request_id(ctx);
            let stream = stream_id(ticket_id);
            // Head first, then the backlog: an event landing in between is in
            // both, and the version filter below drops the second copy.
            let head = app
                .store
                .head_position()
                .await
                .map_err(|e| ApiError::from_store(request, &e))?;
            let backlog = match after_version {
                Some(v) => app
                    .store
                    .read_stream(&stream, v.max(0) + 1)
                    .await
                    .map_err(|e| ApiError::from_store(request, &e))?,
                None => Vec::new(),
            };
            let mut last_version = backlog
                .last()
                .map_or(after_version.unwrap_or(0), |e| e.stream_version);
            let live =
                live_log(app.store.clone(), head, app.stopping(), request).filter(move |e| {
                    let keep = e.stream_id == stream && e.stream_version > last_version;
                    if keep {
                        last_version = e.stream_version;
                    }
                    futures::future::ready(keep)
                });
            Ok(futures::stream::iter(backlog)
                .chain(live)
                .map(HistoryEvent::from))
        }
        .await
        .gql()
    }

    /// Tickets entering, changing in, or leaving a department's queue, as it
    /// happens. With `afterPosition` (e.g. the last `position` received
    /// before a reconnect), the changes after that log position come first.
    async fn department_queue(
        &self,
        ctx: &Context<'_>,
        department: Department,
        after_position: Option<i64>,
    ) -> Result<impl Stream<Item = Result<QueueChange>>> {
        async {
            require_view(ctx, department.view())?;
            let app = app(ctx)?;
            let request = request_id(ctx);
            let start = match after_position {
                Some(position) => position.max(0),
                None => app
                    .store
                    .head_position()
                    .await
                    .map_err(|e| ApiError::from_store(request, &e))?,
            };
            let store = app.store.clone();
            let department = returns_tickets::Department::from(department);
            Ok(
                live_log(app.store.clone(), start, app.stopping(), request).filter_map(
                    move |event| {
                        let store = store.clone();
                        async move {
                            let ticket_id = ticket_id_of(&event.stream_id)?;
                            match queue_change_retried(
                                &store, department, ticket_id, event, request,
                            )
                            .await
                            {
                                Ok(change) => change.map(Ok),
                                // A store that stays away is reported, not
                                // taken for "no change": the client would
                                // silently miss a ticket.
                                Err(error) => Some(Err::<QueueChange, _>(error).gql()),
                            }
                        }
                    },
                ),
            )
        }
        .await
        .gql()
    }
}
