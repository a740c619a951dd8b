use std::time::Duration;

use returns_eventstore::db::Dialect;
use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{contract_tests, ExpectedVersion};
use sqlx::Connection;

use crate::helpers::*;

contract_tests!(
    subscription_catches_up_then_follows_live,
    subscription_resumes_after_its_checkpoint,
    a_lower_position_committing_late_is_never_skipped,
);

async fn subscription_catches_up_then_follows_live(db: TestDatabase) {
    let f = open(db).await;
    f.store
        .append(
            "s",
            ExpectedVersion::NoStream,
            (1..=5).map(event).collect(),
            meta(),
        )
        .await
        .unwrap();
    let mut sub = f.store.subscribe(0);
    for n in 1..=5 {
        assert_eq!(sub.next().await.unwrap().payload["n"], n);
    }
    let store = f.store.clone();
    let writer = tokio::spawn(async move {
        for n in 6..=10 {
            tokio::time::sleep(Duration::from_millis(5)).await;
            store
                .append("s", ExpectedVersion::Any, vec![event(n)], meta())
                .await
                .unwrap();
        }
    });
    for n in 6..=10 {
        let e = tokio::time::timeout(Duration::from_secs(10), sub.next())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(e.payload["n"], n);
    }
    writer.await.unwrap();
    assert!(
        tokio::time::timeout(Duration::from_millis(200), sub.next())
            .await
            .is_err(),
        "nothing repeats"
    );
}

async fn subscription_resumes_after_its_checkpoint(db: TestDatabase) {
    let f = open(db).await;
    f.store
        .append(
            "s",
            ExpectedVersion::NoStream,
            (1..=6).map(event).collect(),
            meta(),
        )
        .await
        .unwrap();
    let mut sub = f.store.subscribe(0);
    let batch = sub.next_batch(4).await.unwrap();
    assert_eq!(batch.len(), 4);
    let checkpoint = sub.position();
    let mut resumed = f.store.subscribe(checkpoint);
    let rest = resumed.next_batch(100).await.unwrap();
    assert_eq!(
        rest.iter()
            .map(|e| e.payload["n"].as_i64().unwrap())
            .collect::<Vec<_>>(),
        vec![5, 6]
    );
}

/// DESIGN.md §3: a transaction that drew a lower position but commits after
/// a higher one must not be skipped. A second writer (another process, here
/// a raw connection doing what the store did before migration 0003: the
/// advisory lock held to the commit, as a server on the previous code still
/// does during a rolling upgrade) holds its transaction open; the store's
/// append must wait behind it, and the subscriber must deliver both, in
/// order.
async fn a_lower_position_committing_late_is_never_skipped(db: TestDatabase) {
    let f = open(db).await;
    f.store
        .append("s", ExpectedVersion::NoStream, vec![event(1)], meta())
        .await
        .unwrap();
    let mut sub = f.store.subscribe(f.store.head_position().await.unwrap());

    // The other writer begins, locks, and inserts, then pauses before commit.
    enum Held {
        Sqlite(sqlx::SqliteConnection),
        Postgres(sqlx::PgConnection),
    }
    let mut held = match f.store.db().dialect() {
        Dialect::Sqlite => {
            let mut conn = sqlx::SqliteConnection::connect(f.db.url()).await.unwrap();
            sqlx::query("BEGIN IMMEDIATE")
                .execute(&mut conn)
                .await
                .unwrap();
            sqlx::query(
                "INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, \
                 payload, metadata, recorded_at, hash) \
                 VALUES ('other', 1, 'b4f2d2a6-52d6-4a4d-9c7c-7d0a1b3c9e01', 'ThingHappened', 1, \
                 '{\"n\":\"late\"}', '{\"actor\":\"other\",\"role\":\"system\"}', 0, x'00')",
            )
            .execute(&mut conn)
            .await
            .unwrap();
            Held::Sqlite(conn)
        }
        Dialect::Postgres => {
            let mut conn = sqlx::PgConnection::connect(f.db.url()).await.unwrap();
            sqlx::query("BEGIN").execute(&mut conn).await.unwrap();
            sqlx::query("SELECT pg_advisory_xact_lock($1)")
                .bind(returns_eventstore::db::postgres_append_lock_key())
                .execute(&mut conn)
                .await
                .unwrap();
            sqlx::query(
                "INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, \
                 payload, metadata, recorded_at, hash) \
                 VALUES ('other', 1, gen_random_uuid(), 'ThingHappened', 1, '{\"n\":\"late\"}', '{\"actor\":\"other\",\"role\":\"system\"}', now(), '\\x00')",
            )
            .execute(&mut conn)
            .await
            .unwrap();
            Held::Postgres(conn)
        }
    };

    // The store's append draws its position after the held one and must
    // not become visible first.
    let store = f.store.clone();
    let append = tokio::spawn(async move {
        store
            .append("s", ExpectedVersion::Exact(1), vec![event(2)], meta())
            .await
            .unwrap()
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        !append.is_finished(),
        "the append waits behind the open transaction"
    );
    assert!(
        tokio::time::timeout(Duration::from_millis(200), sub.next())
            .await
            .is_err(),
        "nothing is visible while the lower position is in flight"
    );

    match &mut held {
        Held::Sqlite(conn) => {
            sqlx::query("COMMIT").execute(conn).await.unwrap();
        }
        Held::Postgres(conn) => {
            sqlx::query("COMMIT").execute(conn).await.unwrap();
        }
    }
    let appended = append.await.unwrap();
    let first = tokio::time::timeout(Duration::from_secs(10), sub.next())
        .await
        .unwrap()
        .unwrap();
    let second = tokio::time::timeout(Duration::from_secs(10), sub.next())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.payload["n"], "late");
    assert_eq!(second.payload["n"], 2);
    assert!(first.position < second.position);
    assert_eq!(second.position, appended.last_position);
}

/// Since migration 0003 a PostgreSQL append holds the append lock only while
/// it gets its xid and draws its positions, and commits after releasing it.
/// An older append (here a raw connection doing exactly that) still open
/// must not let a younger one that committed first be read ahead of it: the
/// younger append is acknowledged at once, but neither a subscriber nor the
/// head moves past the older one's position until it commits.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_a_younger_append_committing_first_waits_for_the_older() {
    let Some(db) = TestDatabase::postgres().await else {
        return;
    };
    let f = open(db).await;
    f.store
        .append("s", ExpectedVersion::NoStream, vec![event(1)], meta())
        .await
        .unwrap();
    let before = f.store.head_position().await.unwrap();
    let mut sub = f.store.subscribe(before);

    let mut older = sqlx::PgConnection::connect(f.db.url()).await.unwrap();
    sqlx::query("BEGIN").execute(&mut older).await.unwrap();
    sqlx::query("SELECT pg_advisory_lock($1)")
        .bind(returns_eventstore::db::postgres_append_lock_key())
        .execute(&mut older)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO events (stream_id, stream_version, event_id, event_type, schema_version, \
         payload, metadata, recorded_at, hash) \
         VALUES ('other', 1, gen_random_uuid(), 'ThingHappened', 1, '{\"n\":\"late\"}', \
         '{\"actor\":\"other\",\"role\":\"system\"}', now(), '\\x00')",
    )
    .execute(&mut older)
    .await
    .unwrap();
    sqlx::query("SELECT pg_advisory_unlock($1)")
        .bind(returns_eventstore::db::postgres_append_lock_key())
        .execute(&mut older)
        .await
        .unwrap();

    // The younger append does not wait for the older one's commit.
    let appended = tokio::time::timeout(
        Duration::from_secs(10),
        f.store
            .append("s", ExpectedVersion::Exact(1), vec![event(2)], meta()),
    )
    .await
    .expect("the append commits without waiting for the open transaction")
    .unwrap();
    assert!(
        tokio::time::timeout(Duration::from_millis(300), sub.next())
            .await
            .is_err(),
        "nothing is read while a lower position is in flight"
    );
    assert_eq!(f.store.head_position().await.unwrap(), before);
    assert!(f.store.read_all(before, 100).await.unwrap().is_empty());

    sqlx::query("COMMIT").execute(&mut older).await.unwrap();
    let first = tokio::time::timeout(Duration::from_secs(10), sub.next())
        .await
        .unwrap()
        .unwrap();
    let second = tokio::time::timeout(Duration::from_secs(10), sub.next())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.payload["n"], "late");
    assert_eq!(second.payload["n"], 2);
    assert!(first.position < second.position);
    assert_eq!(second.position, appended.last_position);
    assert_eq!(
        f.store.head_position().await.unwrap(),
        appended.last_position
    );
}

/// Another process's subscriber wakes on an append at once, through the
/// announcement the writer sends after its commit, not its poll interval.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_another_process_hears_of_an_append_without_polling() {
    let Some(db) = TestDatabase::postgres().await else {
        return;
    };
    let f = open(db).await;
    let other = returns_eventstore::EventStore::connect_with(
        f.db.url(),
        returns_eventstore::StoreOptions {
            poll_interval: Duration::from_secs(600),
            ..returns_eventstore::StoreOptions::default()
        },
    )
    .await
    .unwrap();
    let mut sub = other.subscribe(0);
    // Let the first (empty) read pass and the subscriber start waiting.
    assert!(tokio::time::timeout(Duration::from_millis(300), sub.next())
        .await
        .is_err());
    f.store
        .append("s", ExpectedVersion::NoStream, vec![event(1)], meta())
        .await
        .unwrap();
    let heard = tokio::time::timeout(Duration::from_secs(10), sub.next())
        .await
        .expect("the other process hears of the append long before its poll")
        .unwrap();
    assert_eq!(heard.payload["n"], 1);
}
