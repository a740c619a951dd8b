use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};
use returns_eventstore::db::Statement;
use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{EventStore, ManualClock, Metadata, NewEvent, StoreOptions};
use serde_json::json;

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap()
}

pub struct Fixture {
    pub store: EventStore,
    pub clock: ManualClock,
    pub db: TestDatabase,
}

pub async fn open(db: TestDatabase) -> Fixture {
    open_with(db, StoreOptions::default()).await
}

pub async fn open_with(db: TestDatabase, mut options: StoreOptions) -> Fixture {
    let clock = ManualClock::new(t0());
    options.clock = Arc::new(clock.clone());
    options.poll_interval = std::time::Duration::from_millis(50);
    let store = EventStore::connect_with(db.url(), options).await.unwrap();
    Fixture { store, clock, db }
}

pub fn event(n: i64) -> NewEvent {
    NewEvent::new(
        "ThingHappened",
        1,
        json!({"n": n, "note": "a payload of some realistic size", "amount": {"minor": 1999, "currency": "CNY"}}),
    )
}

pub fn meta() -> Metadata {
    Metadata::new("alice", "customer_service").with_source("test")
}

pub async fn execute(store: &EventStore, sql: &str) -> Result<(), sqlx::Error> {
    match store.db().execute(&Statement::new(sql, Vec::new())).await {
        Ok(_) => Ok(()),
        Err(returns_eventstore::Error::Database(err)) => Err(err),
        Err(other) => panic!("not a database error: {other}"),
    }
}

pub async fn count_events(store: &EventStore) -> i64 {
    let (count,): (i64,) = store
        .db()
        .fetch_one(&Statement::new("SELECT COUNT(*) FROM events", Vec::new()))
        .await
        .unwrap();
    count
}
