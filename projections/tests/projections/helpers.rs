//! Shared test support: a store with a manual clock, a ticket driver that
//! runs commands through the domain's own `decide`, and runner helpers.

use returns_tickets::Tickets;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use returns_domain::{decide, evolve, Command, Currency, Money, TicketState};
use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{
    AppendResult, EventStore, ExpectedVersion, ManualClock, Metadata, NewEvent, StoreOptions,
};
use returns_projections::{registry, ProjectionRunner, RunnerHandle, RunnerOptions};
use uuid::Uuid;

/// The moment queries consider "now" in every scenario.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 5, 12, 0, 0).unwrap()
}

/// 2026-11-01 09:00 UTC plus `hours`.
pub fn at(hours: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap() + chrono::Duration::hours(hours)
}

pub fn cny() -> Currency {
    Currency::parse("CNY").unwrap()
}

pub fn yuan(minor: i64) -> Money {
    Money::new(minor, cny())
}

/// A store on `db` whose clock stands at [`now`].
pub async fn store(db: &TestDatabase) -> EventStore {
    let options = StoreOptions {
        clock: Arc::new(ManualClock::new(now())),
        poll_interval: Duration::from_millis(50),
        ..StoreOptions::default()
    };
    let store = EventStore::connect_with(db.url(), options).await.unwrap();
    returns_projections::migrate(&store).await.unwrap();
    store
}

/// Fast-retrying runner options for tests.
pub fn options() -> RunnerOptions {
    RunnerOptions {
        batch_size: 7,
        lock_retry: Duration::from_millis(100),
        error_backoff: Duration::from_millis(50),
    }
}

/// A runner of every current projection.
pub fn spawn_all(store: &EventStore) -> RunnerHandle {
    ProjectionRunner::spawn_with(
        &Tickets::plaintext(store.clone()),
        registry::current(),
        options(),
    )
}

/// Waits (bounded) until every serving read model has applied the head.
pub async fn settle(store: &EventStore) {
    let head = store.head_position().await.unwrap();
    returns_projections::wait_for(store, head, Duration::from_secs(20))
        .await
        .unwrap();
}

/// One ticket driven through the domain.
pub struct Ticket {
    pub id: Uuid,
    pub state: TicketState,
}

impl Ticket {
    pub fn new() -> Self {
        Self {
            id: Uuid::now_v7(),
            state: TicketState::default(),
        }
    }

    pub fn stream(&self) -> String {
        format!("ticket-{}", self.id)
    }

    /// Decides `command` on the current state and appends the events.
    pub async fn run(&mut self, store: &EventStore, command: Command) -> AppendResult {
        self.run_as(store, command, "tester").await
    }

    /// As [`Self::run`], recorded as `actor`'s.
    pub async fn run_as(
        &mut self,
        store: &EventStore,
        command: Command,
        actor: &str,
    ) -> AppendResult {
        let events =
            decide(&self.state, &command).unwrap_or_else(|e| panic!("{command:?} rejected: {e:?}"));
        let new: Vec<NewEvent> = events
            .iter()
            .map(|e| {
                NewEvent::new(
                    e.event_type(),
                    e.schema_version(),
                    serde_json::to_value(e).unwrap(),
                )
            })
            .collect();
        let expected = if self.state.version == 0 {
            ExpectedVersion::NoStream
        } else {
            ExpectedVersion::Exact(i64::try_from(self.state.version).unwrap())
        };
        let result = store
            .append(
                &self.stream(),
                expected,
                new,
                Metadata::new(actor, "admin").with_command_id(Uuid::now_v7()),
            )
            .await
            .unwrap();
        for e in &events {
            self.state = evolve(std::mem::take(&mut self.state), e);
        }
        result
    }
}
