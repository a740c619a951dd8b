//! What every intake test binary needs: the shipped fixtures, a migrated
//! store, intake's metadata.
#![allow(dead_code, clippy::unwrap_used)] // each test binary uses a part of it

use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{EventStore, Metadata};
use serde_json::Value;

/// The fixture `tests/fixtures/NAME.json`.
pub fn fixture(name: &str) -> Value {
    let path = format!("{}/tests/fixtures/{name}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Intake's metadata in tests.
pub fn meta() -> Metadata {
    Metadata::new("intake-test", "system")
}

/// A store on `db` with intake's tables.
pub async fn store(db: &TestDatabase) -> EventStore {
    let store = EventStore::connect(db.url()).await.unwrap();
    returns_intake::migrate(&store).await.unwrap();
    store
}
