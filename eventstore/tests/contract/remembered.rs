//! The writer appends from the heads it remembers without reading them
//! first. Two stores on one database play two servers: each one's memory
//! goes stale when the other appends, and that must cost a read, never a
//! wrong result.

use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{
    contract_tests, CommandFingerprint, EventStore, ExpectedVersion, Metadata, StoreOptions,
};
use uuid::Uuid;

use crate::helpers::*;

contract_tests!(
    a_stale_remembered_head_is_a_conflict_then_the_true_head_is_used,
    a_command_id_known_elsewhere_is_found_despite_remembered_heads,
    no_stream_on_a_stream_another_server_created_is_a_conflict,
);

async fn second_store(f: &Fixture) -> EventStore {
    let options = StoreOptions {
        clock: std::sync::Arc::new(f.clock.clone()),
        ..StoreOptions::default()
    };
    EventStore::connect_with(f.db.url(), options).await.unwrap()
}

fn command(kind: &str) -> Metadata {
    meta()
        .with_command_id(Uuid::now_v7())
        .with_fingerprint(CommandFingerprint::new(kind, "input"))
}

async fn a_stale_remembered_head_is_a_conflict_then_the_true_head_is_used(db: TestDatabase) {
    let f = open(db).await;
    let other = second_store(&f).await;
    let a = &f.store;
    a.append("s", ExpectedVersion::NoStream, vec![event(1)], meta())
        .await
        .unwrap();
    // The other server moves the stream on; `a` still remembers version 1.
    other
        .append("s", ExpectedVersion::Exact(1), vec![event(2)], meta())
        .await
        .unwrap();

    let stale = a
        .append("s", ExpectedVersion::Exact(1), vec![event(3)], command("c"))
        .await;
    match stale {
        Err(returns_eventstore::Error::Conflict { actual, .. }) => assert_eq!(actual, 2),
        other => panic!("expected a conflict at version 2, got {other:?}"),
    }
    assert_eq!(
        count_events(a).await,
        2,
        "nothing written by the stale append"
    );

    // The true head is used next: the chain links to the other server's event.
    let appended = a
        .append("s", ExpectedVersion::Exact(2), vec![event(3)], meta())
        .await
        .unwrap();
    assert_eq!(appended.next_version, 3);
    let report = a.verify_stream("s").await.unwrap();
    assert!(report.is_intact(), "{report:?}");
    // And remembered from then on: the other store's stale memory now fails.
    let behind = other
        .append("s", ExpectedVersion::Exact(2), vec![event(4)], meta())
        .await;
    assert!(matches!(
        behind,
        Err(returns_eventstore::Error::Conflict { actual: 3, .. })
    ));
}

async fn a_command_id_known_elsewhere_is_found_despite_remembered_heads(db: TestDatabase) {
    let f = open(db).await;
    let other = second_store(&f).await;
    let a = &f.store;
    a.append("mine", ExpectedVersion::NoStream, vec![event(1)], meta())
        .await
        .unwrap();
    let metadata = command("approve");
    let first = other
        .append(
            "mine",
            ExpectedVersion::Exact(1),
            vec![event(2)],
            metadata.clone(),
        )
        .await
        .unwrap();
    // `a` remembers "mine" at 1 and would append at 2 without reading: the
    // command is the same one, so its first result comes back.
    let repeat = a
        .append(
            "mine",
            ExpectedVersion::Exact(1),
            vec![event(2)],
            metadata.clone(),
        )
        .await
        .unwrap();
    assert!(repeat.repeated);
    assert_eq!(repeat.first_position, first.first_position);

    // The same id for another stream is refused, even from remembered heads.
    a.append("yours", ExpectedVersion::NoStream, vec![event(1)], meta())
        .await
        .unwrap();
    let reused = a
        .append("yours", ExpectedVersion::Exact(1), vec![event(2)], metadata)
        .await;
    assert!(
        matches!(
            reused,
            Err(returns_eventstore::Error::CommandIdReused { .. })
        ),
        "{reused:?}"
    );
    assert_eq!(count_events(a).await, 3);
}

async fn no_stream_on_a_stream_another_server_created_is_a_conflict(db: TestDatabase) {
    let f = open(db).await;
    let other = second_store(&f).await;
    other
        .append("s", ExpectedVersion::NoStream, vec![event(1)], meta())
        .await
        .unwrap();
    let again = f
        .store
        .append("s", ExpectedVersion::NoStream, vec![event(1)], meta())
        .await;
    assert!(matches!(
        again,
        Err(returns_eventstore::Error::Conflict { actual: 1, .. })
    ));
    // `Any` never conflicts, whatever either store remembers.
    f.store
        .append("s", ExpectedVersion::Any, vec![event(2)], meta())
        .await
        .unwrap();
    other
        .append("s", ExpectedVersion::Any, vec![event(3)], meta())
        .await
        .unwrap();
    assert_eq!(count_events(&f.store).await, 3);
}
