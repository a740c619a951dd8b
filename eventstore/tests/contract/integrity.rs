use returns_eventstore::db::Dialect;
use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{check_stored_chain, contract_tests, hash, EventStore, ExpectedVersion};

use crate::helpers::*;

contract_tests!(
    updates_and_deletes_of_events_are_rejected,
    verify_names_the_first_altered_event,
    verify_all_is_intact_on_an_untouched_log,
    seals_detect_deleted_newest_events,
    unique_key_violation_is_recognised_by_code,
    an_exported_stream_verifies_without_the_database_and_a_seal_covers_it,
);

async fn drop_immutability(store: &EventStore) {
    let statements: &[&str] = match store.db().dialect() {
        Dialect::Sqlite => &[
            "DROP TRIGGER events_no_update",
            "DROP TRIGGER events_no_delete",
        ],
        Dialect::Postgres => &["DROP TRIGGER events_immutable ON events"],
    };
    for sql in statements {
        execute(store, sql).await.unwrap();
    }
}

async fn updates_and_deletes_of_events_are_rejected(db: TestDatabase) {
    let f = open(db).await;
    f.store
        .append("s", ExpectedVersion::NoStream, vec![event(1)], meta())
        .await
        .unwrap();
    let update = execute(&f.store, "UPDATE events SET event_type = 'Forged'").await;
    assert!(update.unwrap_err().to_string().contains("immutable"));
    let delete = execute(&f.store, "DELETE FROM events").await;
    assert!(delete.unwrap_err().to_string().contains("immutable"));
    assert_eq!(count_events(&f.store).await, 1);
    assert_eq!(
        f.store.read_stream("s", 1).await.unwrap()[0].event_type,
        "ThingHappened"
    );
}

async fn verify_names_the_first_altered_event(db: TestDatabase) {
    let f = open(db).await;
    f.store
        .append(
            "s",
            ExpectedVersion::NoStream,
            (1..=4).map(event).collect(),
            meta(),
        )
        .await
        .unwrap();
    assert!(f.store.verify_stream("s").await.unwrap().is_intact());
    let target = f.store.read_stream("s", 2).await.unwrap()[0].clone();
    drop_immutability(&f.store).await;
    let forged = match f.store.db().dialect() {
        Dialect::Sqlite => format!(
            "UPDATE events SET payload = json_set(payload, '$.amount.minor', 999999) WHERE position = {}",
            target.position
        ),
        Dialect::Postgres => format!(
            "UPDATE events SET payload = jsonb_set(payload, '{{amount,minor}}', '999999') WHERE position = {}",
            target.position
        ),
    };
    execute(&f.store, &forged).await.unwrap();
    let report = f.store.verify_stream("s").await.unwrap();
    let broken = report.first_break.expect("the altered event is found");
    assert_eq!(broken.stream_version, 2);
    assert_eq!(broken.event_id, target.event_id);
    assert_eq!(broken.position, target.position);
    let all = f.store.verify_all().await.unwrap();
    assert_eq!(all.chain_breaks.len(), 1);
    assert_eq!(all.chain_breaks[0].event_id, target.event_id);
}

async fn verify_all_is_intact_on_an_untouched_log(db: TestDatabase) {
    let f = open(db).await;
    for s in 0..5 {
        f.store
            .append(
                &format!("s{s}"),
                ExpectedVersion::NoStream,
                (1..=3).map(event).collect(),
                meta(),
            )
            .await
            .unwrap();
        f.store.seal().await.unwrap();
    }
    let report = f.store.verify_all().await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    assert_eq!(report.events_checked, 15);
    assert_eq!(report.streams_checked, 5);
    assert_eq!(report.seals_checked, 5);
}

async fn seals_detect_deleted_newest_events(db: TestDatabase) {
    let f = open(db).await;
    f.store
        .append(
            "a",
            ExpectedVersion::NoStream,
            (1..=3).map(event).collect(),
            meta(),
        )
        .await
        .unwrap();
    f.store
        .append(
            "b",
            ExpectedVersion::NoStream,
            (1..=3).map(event).collect(),
            meta(),
        )
        .await
        .unwrap();
    let seal = f.store.seal().await.unwrap();
    assert_eq!(seal.stream_count, 2);
    drop_immutability(&f.store).await;
    // The newest event of stream a: its chain alone still verifies.
    execute(
        &f.store,
        "DELETE FROM events WHERE stream_id = 'a' AND stream_version = 3",
    )
    .await
    .unwrap();
    assert!(f.store.verify_stream("a").await.unwrap().is_intact());
    let report = f.store.verify_all().await.unwrap();
    assert!(report.chain_breaks.is_empty());
    assert_eq!(report.seal_breaks.len(), 1, "{report:?}");
    assert_eq!(report.seal_breaks[0].seal_id, seal.seal_id);
    // Deleting the log's very newest event is caught too.
    execute(
        &f.store,
        "DELETE FROM events WHERE stream_id = 'b' AND stream_version = 3",
    )
    .await
    .unwrap();
    let report = f.store.verify_all().await.unwrap();
    assert!(!report.seal_breaks.is_empty());
    assert!(report.seal_breaks[0].reason.contains("deleted"));
}

async fn unique_key_violation_is_recognised_by_code(db: TestDatabase) {
    let f = open(db).await;
    f.store
        .append("s", ExpectedVersion::NoStream, vec![event(1)], meta())
        .await
        .unwrap();
    // A writer that bypasses the store and reuses version 1 hits the key.
    let sql = match f.store.db().dialect() {
        Dialect::Sqlite => "INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, \
             payload, metadata, recorded_at, hash) VALUES ('s', 1, 'x', 'T', 1, '{}', '{}', 0, x'00')",
        Dialect::Postgres => "INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, \
             payload, metadata, recorded_at, hash) VALUES ('s', 1, gen_random_uuid(), 'T', 1, '{}', '{}', now(), '\\x00')",
    };
    let err = execute(&f.store, sql).await.unwrap_err();
    assert!(
        returns_eventstore::error::is_unique_violation(&err),
        "{err:?}"
    );
}

async fn an_exported_stream_verifies_without_the_database_and_a_seal_covers_it(db: TestDatabase) {
    let f = open(db).await;
    f.store
        .append(
            "s",
            ExpectedVersion::NoStream,
            (1..=3).map(event).collect(),
            meta(),
        )
        .await
        .unwrap();
    f.store
        .append("other", ExpectedVersion::NoStream, vec![event(9)], meta())
        .await
        .unwrap();
    let seal = f.store.seal().await.unwrap();
    let exported = f.store.stored_stream("s").await.unwrap();
    assert_eq!(exported.len(), 3);
    // Through JSON, as a pack carries it: the chain still verifies.
    let text = serde_json::to_string(&exported).unwrap();
    let read: Vec<returns_eventstore::StoredEvent> = serde_json::from_str(&text).unwrap();
    assert_eq!(check_stored_chain(&read), Ok(()));

    // The seal's hash is recomputed from the heads as of its position, and
    // the exported head is one of them.
    let heads = f.store.heads_as_of(seal.head_position).await.unwrap();
    let recomputed = hash::heads_hash(heads.iter().map(|(s, v, h)| (s.as_str(), *v, h.as_slice())));
    assert_eq!(recomputed, seal.heads_hash);
    let last = exported.last().unwrap();
    assert!(heads
        .iter()
        .any(|(s, v, h)| s == "s" && *v == last.stream_version && hex::encode(h) == last.hash));

    let mut altered = read.clone();
    altered[1].payload["n"] = serde_json::json!(99);
    let error = check_stored_chain(&altered).unwrap_err();
    assert!(error.contains("version 2"), "{error}");
    let mut gap = read;
    gap.remove(1);
    assert!(check_stored_chain(&gap).unwrap_err().contains("missing"));
}
