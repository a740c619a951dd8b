//! The database toolkit every crate uses: statements on either backend, the
//! one migrate routine, the one leader lease.

use std::borrow::Cow;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use returns_eventstore::db::{in_list, lease, Arg, Dialect, Lease, Migrations, Statement};
use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{contract_tests, statement, EventStore};
use serde_json::json;
use sqlx::migrate::{Migration, MigrationType, Migrator};

use crate::helpers::*;

contract_tests!(
    statements_bind_every_kind_of_value_on_either_backend,
    migrations_are_kept_per_owner_and_applied_once,
    an_edited_migration_is_refused,
    a_lease_has_one_holder_and_passes_on_when_released_or_killed,
);

/// id, n, note, flag, at, raw.
type KindsRow = (
    String,
    i64,
    Option<String>,
    bool,
    chrono::DateTime<Utc>,
    Vec<u8>,
);

fn migrator(sql: &[&'static str]) -> Migrator {
    let migrations = sql
        .iter()
        .enumerate()
        .map(|(i, sql)| {
            Migration::new(
                i as i64 + 1,
                Cow::Owned(format!("step {}", i + 1)),
                MigrationType::Simple,
                Cow::Borrowed(*sql),
                false,
            )
        })
        .collect::<Vec<_>>();
    Migrator {
        migrations: Cow::Owned(migrations),
        ..Migrator::DEFAULT
    }
}

fn migrations(owner: &'static str, sql: &[&'static str]) -> Migrations {
    Migrations::new(owner, migrator(sql), migrator(sql))
}

async fn statements_bind_every_kind_of_value_on_either_backend(db: TestDatabase) {
    let f = open(db).await;
    let db = f.store.db();
    let (json_type, bytes_type, time_type) = match db.dialect() {
        Dialect::Sqlite => ("TEXT", "BLOB", "TEXT"),
        Dialect::Postgres => ("JSONB", "BYTEA", "TIMESTAMPTZ"),
    };
    db.execute(&Statement::new(
        format!(
            "CREATE TABLE kinds (id TEXT PRIMARY KEY, n BIGINT, note TEXT, flag BOOLEAN, \
             at {time_type}, doc {json_type}, raw {bytes_type})"
        ),
        Vec::new(),
    ))
    .await
    .unwrap();
    let at = Utc.with_ymd_and_hms(2026, 11, 30, 8, 0, 0).unwrap();
    for (id, note) in [("a", Some("first")), ("b", None), ("c", Some("third"))] {
        let inserted = db
            .execute(&statement!(
                "INSERT INTO kinds (id, n, note, flag, at, doc, raw) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
                id,
                7_i64,
                note,
                true,
                at,
                json!({"k": id}),
                vec![1_u8, 2, 3]
            ))
            .await
            .unwrap();
        assert_eq!(inserted, 1);
    }
    let (filter, list) = in_list(db.dialect(), "id", 1, &["a".into(), "b".into()]);
    let rows: Vec<KindsRow> = db
        .fetch_all(&Statement::new(
            format!("SELECT id, n, note, flag, at, raw FROM kinds WHERE {filter} ORDER BY id"),
            vec![list],
        ))
        .await
        .unwrap();
    assert_eq!(
        rows,
        vec![
            ("a".into(), 7, Some("first".into()), true, at, vec![1, 2, 3]),
            ("b".into(), 7, None, true, at, vec![1, 2, 3]),
        ]
    );
    let missing: Option<(String,)> = db
        .fetch_optional(&Statement::new(
            "SELECT id FROM kinds WHERE id = $1",
            vec![Arg::from("z")],
        ))
        .await
        .unwrap();
    assert_eq!(missing, None);
}

async fn count(store: &EventStore, table: &str) -> i64 {
    let (n,): (i64,) = store
        .db()
        .fetch_one(&Statement::new(
            format!("SELECT COUNT(*) FROM {table}"),
            Vec::new(),
        ))
        .await
        .unwrap();
    n
}

async fn migrations_are_kept_per_owner_and_applied_once(db: TestDatabase) {
    let f = open(db).await;
    // Two crates number their first migration 1: no range convention needed.
    let first = migrations("first", &["CREATE TABLE first_t (x INTEGER)"]);
    let second = migrations(
        "second",
        &[
            "CREATE TABLE second_t (x INTEGER)",
            "INSERT INTO second_t (x) VALUES (1)",
        ],
    );
    for _ in 0..2 {
        f.store.db().migrate(&first).await.unwrap();
        f.store.db().migrate(&second).await.unwrap();
    }
    assert_eq!(count(&f.store, "second_t").await, 1, "each step ran once");
    let applied: Vec<(String, i64)> = f
        .store
        .db()
        .fetch_all(&Statement::new(
            "SELECT owner, version FROM schema_migrations \
             WHERE owner IN ('first', 'second') ORDER BY owner, version",
            Vec::new(),
        ))
        .await
        .unwrap();
    assert_eq!(
        applied,
        vec![
            ("first".into(), 1),
            ("second".into(), 1),
            ("second".into(), 2)
        ]
    );
}

async fn an_edited_migration_is_refused(db: TestDatabase) {
    let f = open(db).await;
    let original = migrations("edited", &["CREATE TABLE edited_t (x INTEGER)"]);
    f.store.db().migrate(&original).await.unwrap();
    let edited = migrations("edited", &["CREATE TABLE edited_t (x INTEGER, y INTEGER)"]);
    let err = f.store.db().migrate(&edited).await.unwrap_err();
    assert!(
        matches!(
            err,
            returns_eventstore::Error::MigrationChanged { ref owner, version: 1 } if owner == "edited"
        ),
        "{err:?}"
    );
}

/// The backend process that holds the advisory lock of `name`.
async fn holder_pid(store: &EventStore, name: &str) -> Option<i32> {
    let row: Option<(i32,)> = store
        .db()
        .fetch_optional(&statement!(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted \
             AND ((classid::bigint << 32) | objid::bigint) = $1",
            lease::key_of(name)
        ))
        .await
        .unwrap();
    row.map(|(pid,)| pid)
}

/// Asks for `name` every 50 ms until granted; fails after one lease period.
async fn take_over(store: &EventStore, name: &str) -> Lease {
    let started = Instant::now();
    loop {
        if let Some(lease) = Lease::try_acquire(store.db(), name).await.unwrap() {
            return lease;
        }
        assert!(
            started.elapsed() < lease::PERIOD,
            "no successor within one lease period"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn a_lease_has_one_holder_and_passes_on_when_released_or_killed(db: TestDatabase) {
    let f = open(db).await;
    let name = "contract-duty";
    let mut holder = Lease::try_acquire(f.store.db(), name)
        .await
        .unwrap()
        .expect("a free lease is granted");
    holder.check().await.unwrap();
    if f.store.db().dialect() == Dialect::Sqlite {
        // One process serves a SQLite file (DESIGN.md §8): nothing to hold.
        holder.release().await;
        return;
    }
    assert!(
        Lease::try_acquire(f.store.db(), name)
            .await
            .unwrap()
            .is_none(),
        "a held lease is refused"
    );
    // The holder stops cleanly: a successor has it at once.
    holder.release().await;
    let mut successor = take_over(&f.store, name).await;
    // The successor dies without a word (its connection is killed, as when
    // its process is): the next one takes over within one period.
    let pid = holder_pid(&f.store, name).await.expect("a holder");
    let killed: (bool,) = f
        .store
        .db()
        .fetch_one(&statement!(
            "SELECT pg_terminate_backend($1::int)",
            i64::from(pid)
        ))
        .await
        .unwrap();
    assert!(killed.0);
    assert!(
        successor.check().await.is_err(),
        "a holder whose connection died knows it"
    );
    let third = take_over(&f.store, name).await;
    third.release().await;
}
