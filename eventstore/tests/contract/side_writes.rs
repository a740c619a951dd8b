//! Side writes: rows another crate stores in an append's own transaction
//! (issue #28). They commit with the events or not at all, and a claim that
//! must affect one row lets exactly one of two racing writers win.

use returns_eventstore::db::{Arg, Db, Dialect};
use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{
    contract_tests, statement, Error, EventStore, ExpectedVersion, SideWrite, StoreOptions,
};

use crate::helpers::*;

contract_tests!(
    side_writes_commit_with_the_events,
    a_failing_side_write_leaves_neither_the_events_nor_the_other_rows,
    a_refused_claim_fails_only_its_own_append_in_a_batch,
    two_writers_claiming_one_row_at_once_end_with_one_row,
    a_repeated_command_writes_its_side_writes_once,
    rows_of_many_appends_in_one_batch_all_land_once,
    values_of_every_kind_land_as_given,
);

async fn make_table(db: &Db) {
    db.execute(&statement!(
        "CREATE TABLE side_rows (k TEXT PRIMARY KEY, v TEXT NOT NULL)"
    ))
    .await
    .unwrap();
}

/// Inserts (k, v) unless k is there. Rows of one batch are merged into one
/// statement by the writer.
fn row(k: &str, v: &str) -> SideWrite {
    SideWrite::insert(
        "side_rows",
        &["k", "v"],
        vec![Arg::from(k), Arg::from(v)],
        "ON CONFLICT (k) DO NOTHING",
        None,
        "side_rows",
    )
}

/// Claims k for v: inserts it, or finds it already claimed for v; refused
/// when k is claimed for another value.
fn claim(k: &str, v: &str) -> SideWrite {
    SideWrite::insert(
        "side_rows",
        &["k", "v"],
        vec![Arg::from(k), Arg::from(v)],
        "ON CONFLICT (k) DO UPDATE SET v = side_rows.v WHERE side_rows.v = excluded.v",
        Some(1),
        "side_rows claim",
    )
}

async fn rows(db: &Db) -> Vec<(String, String)> {
    db.fetch_all(&statement!("SELECT k, v FROM side_rows ORDER BY k"))
        .await
        .unwrap()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

async fn side_writes_commit_with_the_events(db: TestDatabase) {
    let f = open(db).await;
    make_table(f.store.db()).await;
    let result = f
        .store
        .append_with(
            "s-1",
            ExpectedVersion::NoStream,
            vec![event(1)],
            meta(),
            vec![row("a", "1"), claim("b", "2")],
        )
        .await
        .unwrap();
    assert_eq!(result.next_version, 1);
    assert_eq!(rows(f.store.db()).await, pairs(&[("a", "1"), ("b", "2")]));
    // The same claim again is no refusal: it finds its own row.
    f.store
        .append_with(
            "s-1",
            ExpectedVersion::Exact(1),
            vec![event(2)],
            meta(),
            vec![claim("b", "2")],
        )
        .await
        .unwrap();
    assert_eq!(f.store.stream_version("s-1").await.unwrap(), 2);
}

async fn a_failing_side_write_leaves_neither_the_events_nor_the_other_rows(db: TestDatabase) {
    let f = open(db).await;
    make_table(f.store.db()).await;
    // A statement that fails after the events and a first row are written
    // in the transaction: as a crash there would, it drops the transaction.
    let broken = SideWrite {
        statement: statement!("INSERT INTO no_such_table (k) VALUES ($1)", "x"),
        must_affect: None,
        what: "broken".into(),
        row: None,
    };
    let failed = f
        .store
        .append_with(
            "s-1",
            ExpectedVersion::NoStream,
            vec![event(1)],
            meta(),
            vec![row("a", "1"), broken],
        )
        .await;
    assert!(failed.is_err(), "{failed:?}");
    assert_eq!(f.store.stream_version("s-1").await.unwrap(), 0);
    assert_eq!(f.store.head_position().await.unwrap(), 0);
    assert!(rows(f.store.db()).await.is_empty());

    // A refused claim rolls back just the same.
    f.store
        .append_with(
            "s-0",
            ExpectedVersion::NoStream,
            vec![event(1)],
            meta(),
            vec![claim("k", "first")],
        )
        .await
        .unwrap();
    let refused = f
        .store
        .append_with(
            "s-1",
            ExpectedVersion::NoStream,
            vec![event(1)],
            meta(),
            vec![row("a", "1"), claim("k", "second")],
        )
        .await;
    assert!(
        matches!(
            refused,
            Err(Error::SideWriteRefused {
                expected: 1,
                affected: 0,
                ..
            })
        ),
        "{refused:?}"
    );
    assert_eq!(f.store.stream_version("s-1").await.unwrap(), 0);
    assert_eq!(rows(f.store.db()).await, pairs(&[("k", "first")]));
}

async fn a_refused_claim_fails_only_its_own_append_in_a_batch(db: TestDatabase) {
    let f = open(db).await;
    make_table(f.store.db()).await;
    f.store
        .append_with(
            "s-0",
            ExpectedVersion::NoStream,
            vec![event(0)],
            meta(),
            vec![claim("k", "first")],
        )
        .await
        .unwrap();
    // Issued together, so the writer may take them in one group commit.
    let appends = (1..=8).map(|n| {
        let store = f.store.clone();
        async move {
            let value = if n == 5 { "other" } else { "first" };
            store
                .append_with(
                    &format!("s-{n}"),
                    ExpectedVersion::NoStream,
                    vec![event(n)],
                    meta(),
                    vec![claim("k", value), row(&format!("r{n}"), "x")],
                )
                .await
        }
    });
    let results = futures::future::join_all(appends).await;
    for (i, result) in results.iter().enumerate() {
        let n = i + 1;
        if n == 5 {
            assert!(
                matches!(result, Err(Error::SideWriteRefused { .. })),
                "{result:?}"
            );
            assert_eq!(f.store.stream_version("s-5").await.unwrap(), 0);
        } else {
            assert!(result.is_ok(), "append {n}: {result:?}");
            assert_eq!(f.store.stream_version(&format!("s-{n}")).await.unwrap(), 1);
        }
    }
    let stored = rows(f.store.db()).await;
    assert_eq!(stored.len(), 8, "{stored:?}");
    assert!(stored.contains(&("k".to_owned(), "first".to_owned())));
    assert!(!stored.iter().any(|(k, _)| k == "r5"));
}

async fn two_writers_claiming_one_row_at_once_end_with_one_row(db: TestDatabase) {
    let f = open(db).await;
    make_table(f.store.db()).await;
    // A second store on the same database: another server, its own writer.
    let other = EventStore::connect_with(f.db.url(), StoreOptions::default())
        .await
        .unwrap();
    for round in 0..10 {
        let key = format!("k{round}");
        let (stream_a, stream_b) = (format!("a-{round}"), format!("b-{round}"));
        let (a, b) = tokio::join!(
            f.store.append_with(
                &stream_a,
                ExpectedVersion::NoStream,
                vec![event(1)],
                meta(),
                vec![claim(&key, "a")],
            ),
            other.append_with(
                &stream_b,
                ExpectedVersion::NoStream,
                vec![event(1)],
                meta(),
                vec![claim(&key, "b")],
            ),
        );
        let winner = match (&a, &b) {
            (Ok(_), Err(Error::SideWriteRefused { .. })) => "a",
            (Err(Error::SideWriteRefused { .. }), Ok(_)) => "b",
            other => panic!("round {round}: exactly one claim must win: {other:?}"),
        };
        let loser = if winner == "a" { "b" } else { "a" };
        assert_eq!(
            f.store
                .stream_version(&format!("{loser}-{round}"))
                .await
                .unwrap(),
            0
        );
        let stored = rows(f.store.db()).await;
        assert!(
            stored.contains(&(key.clone(), winner.to_owned())),
            "{stored:?}"
        );
    }
    assert_eq!(rows(f.store.db()).await.len(), 10);
}

async fn a_repeated_command_writes_its_side_writes_once(db: TestDatabase) {
    let f = open(db).await;
    make_table(f.store.db()).await;
    let metadata = meta().with_command_id(uuid::Uuid::new_v4());
    let first = f
        .store
        .append_with(
            "s-1",
            ExpectedVersion::NoStream,
            vec![event(1)],
            metadata.clone(),
            vec![row("a", "1")],
        )
        .await
        .unwrap();
    // The repeat carries a claim that would be refused: it is not run.
    f.store
        .db()
        .execute(&statement!("DELETE FROM side_rows"))
        .await
        .unwrap();
    let again = f
        .store
        .append_with(
            "s-1",
            ExpectedVersion::Any,
            vec![event(1)],
            metadata,
            vec![row("b", "2")],
        )
        .await
        .unwrap();
    assert!(again.repeated);
    assert_eq!(again.last_position, first.last_position);
    assert!(rows(f.store.db()).await.is_empty());
}

async fn rows_of_many_appends_in_one_batch_all_land_once(db: TestDatabase) {
    let f = open(db).await;
    make_table(f.store.db()).await;
    // Issued together, so the writer merges their rows: each append its own
    // row, a row every append repeats, and a claim of a new key by all.
    let appends = (1..=24).map(|n| {
        let store = f.store.clone();
        async move {
            store
                .append_with(
                    &format!("s-{n}"),
                    ExpectedVersion::NoStream,
                    vec![event(n)],
                    meta(),
                    vec![
                        row(&format!("r{n:02}"), &n.to_string()),
                        row("shared", "x"),
                        claim("key", "one"),
                    ],
                )
                .await
        }
    });
    for (i, result) in futures::future::join_all(appends).await.iter().enumerate() {
        assert!(result.is_ok(), "append {}: {result:?}", i + 1);
    }
    let stored = rows(f.store.db()).await;
    assert_eq!(stored.len(), 26, "{stored:?}");
    assert!(stored.contains(&("r07".to_owned(), "7".to_owned())));
    assert!(stored.contains(&("shared".to_owned(), "x".to_owned())));
    assert!(stored.contains(&("key".to_owned(), "one".to_owned())));
    assert_eq!(f.store.head_position().await.unwrap(), 24);
}

/// k, n, b, t, flag of the `kinds` table.
type KindsRow = (String, i64, Vec<u8>, Option<String>, bool);

async fn values_of_every_kind_land_as_given(db: TestDatabase) {
    let f = open(db).await;
    // PostgreSQL carries side-write rows to its append function as JSON
    // (migration 0004): each kind of value must come out as its column's
    // type reads it, bytes and times included.
    let (bytes, time) = match f.store.db().dialect() {
        Dialect::Sqlite => ("BLOB", "TEXT"),
        Dialect::Postgres => ("BYTEA", "TIMESTAMPTZ"),
    };
    f.store
        .db()
        .execute(&statement!(&format!(
            "CREATE TABLE kinds (k TEXT PRIMARY KEY, n BIGINT NOT NULL, b {bytes} NOT NULL, \
             t TEXT, flag BOOLEAN NOT NULL, at {time} NOT NULL)"
        )))
        .await
        .unwrap();
    let at = chrono::DateTime::parse_from_rfc3339("2026-12-05T10:00:00.123456Z")
        .unwrap()
        .to_utc();
    let write = |k: &str, n: i64, t: Option<&str>| {
        SideWrite::insert(
            "kinds",
            &["k", "n", "b", "t", "flag", "at"],
            vec![
                Arg::from(k),
                Arg::Int(n),
                Arg::Bytes(vec![0, 1, 0x5c, 0xff]),
                Arg::OptText(t.map(str::to_owned)),
                Arg::Bool(true),
                Arg::Time(at),
            ],
            "ON CONFLICT (k) DO NOTHING",
            Some(1),
            "kinds",
        )
    };
    f.store
        .append_with(
            "s-1",
            ExpectedVersion::NoStream,
            vec![event(1)],
            meta(),
            vec![
                write("a", i64::MAX, None),
                write("b", -7, Some("it's \"x\"")),
            ],
        )
        .await
        .unwrap();
    let stored: Vec<KindsRow> = f
        .store
        .db()
        .fetch_all(&statement!("SELECT k, n, b, t, flag FROM kinds ORDER BY k"))
        .await
        .unwrap();
    assert_eq!(
        stored,
        vec![
            ("a".into(), i64::MAX, vec![0, 1, 0x5c, 0xff], None, true),
            (
                "b".into(),
                -7,
                vec![0, 1, 0x5c, 0xff],
                Some("it's \"x\"".into()),
                true
            ),
        ]
    );
    let same_time: Vec<(i64,)> = f
        .store
        .db()
        .fetch_all(&statement!("SELECT COUNT(*) FROM kinds WHERE at = $1", at))
        .await
        .unwrap();
    assert_eq!(same_time, vec![(2,)]);
}
