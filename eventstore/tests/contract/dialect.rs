//! The store's dialect helpers, each on both backends: a declared table's
//! DDL and what the catalog says of it, JSON field equality, rows as JSON,
//! purging deleted rows, and decoding stored microseconds and optional text
//! straight into a row struct.

use chrono::{DateTime, TimeZone, Utc};
use returns_eventstore::db::schema::Column;
use returns_eventstore::db::SqlType::{Bool, Int, Json, Micros, Text};
use returns_eventstore::db::{
    upsert, Arg, Db, Filter, Index, Micros as MicrosOf, OptMicros, OptText, Statement, Table,
    TableColumn,
};
use returns_eventstore::testing::TestDatabase;
use returns_eventstore::{contract_tests, statement};
use serde_json::{json, Value};

use crate::helpers::*;

contract_tests!(
    a_declared_table_has_the_declared_columns_types_key_and_indexes,
    json_field_equality_matches_scalars_of_the_same_json_type_only,
    rows_as_json_name_every_column,
    purging_deleted_rows_keeps_the_rest,
    stored_micros_and_optional_text_decode_into_a_row_struct,
);

const THINGS: Table = Table {
    columns: &[
        Column::new("id", Text),
        Column::new("n", Int),
        Column::new("flag", Bool),
        Column::new("at", Micros).null(),
        Column::new("doc", Json),
        Column::new("note", Text).null(),
    ],
    key: &["id"],
    indexes: &[
        Index::new("n", &["n", "id"]),
        Index::json_contains("doc", &["doc"]),
    ],
};

const PAIRS: Table = Table {
    columns: &[
        Column::new("a", Text),
        Column::new("b", Text),
        Column::new("c", Int),
    ],
    key: &["a", "b"],
    indexes: &[],
};

async fn create(db: &Db, table: &Table, name: &str) {
    let mut tx = db.begin().await.unwrap();
    tx.run_script(&table.ddl(db.dialect(), name)).await.unwrap();
    tx.commit().await.unwrap();
}

async fn fill(db: &Db) {
    let rows = [
        (
            "a",
            1,
            Some(1_000_000),
            json!({"tier": "gold", "vip": true, "age": 3}),
        ),
        (
            "b",
            2,
            None,
            json!({"tier": "silver", "vip": false, "age": "3"}),
        ),
        (
            "c",
            3,
            Some(2_000_000),
            json!({"tier": 1, "vip": 1, "age": 4}),
        ),
    ]
    .into_iter()
    .map(|(id, n, at, doc)| {
        vec![
            Arg::from(id),
            Arg::Int(n),
            Arg::Bool(n % 2 == 1),
            Arg::OptInt(at),
            Arg::Text(doc.to_string()),
            Arg::OptText((n != 2).then(|| "passed".to_owned())),
        ]
    })
    .collect();
    for s in upsert(
        db.dialect(),
        "things",
        &THINGS.upsert_columns(),
        &["id"],
        None,
        rows,
    ) {
        db.execute(&s).await.unwrap();
    }
}

async fn a_declared_table_has_the_declared_columns_types_key_and_indexes(db: TestDatabase) {
    let f = open(db).await;
    let db = f.store.db();
    create(db, &THINGS, "things").await;
    create(db, &PAIRS, "pairs").await;
    // Twice: the DDL only creates what is missing.
    create(db, &THINGS, "things").await;
    let columns = db.table_columns("things").await.unwrap();
    let postgres = db.dialect() == returns_eventstore::db::Dialect::Postgres;
    let ty = |sqlite: &str, pg: &str| if postgres { pg } else { sqlite }.to_owned();
    let col = |name: &str, data_type: String, nullable: bool, in_key: bool| TableColumn {
        name: name.to_owned(),
        data_type,
        nullable,
        in_key,
    };
    assert_eq!(
        columns,
        vec![
            // SQLite lets a non-integer primary key hold NULL; PostgreSQL does not.
            col("id", ty("TEXT", "TEXT"), !postgres, true),
            col("n", ty("INTEGER", "BIGINT"), false, false),
            col("flag", ty("INTEGER", "BOOLEAN"), false, false),
            col("at", ty("INTEGER", "BIGINT"), true, false),
            col("doc", ty("TEXT", "JSONB"), false, false),
            col("note", ty("TEXT", "TEXT"), true, false),
        ]
    );
    let key: Vec<(String, bool)> = db
        .table_columns("pairs")
        .await
        .unwrap()
        .into_iter()
        .map(|c| (c.name, c.in_key))
        .collect();
    assert_eq!(
        key,
        vec![("a".into(), true), ("b".into(), true), ("c".into(), false)]
    );
    let mut expected = vec!["things_n".to_owned()];
    if postgres {
        expected.push("things_doc".to_owned());
        expected.sort();
    }
    assert_eq!(db.table_indexes("things").await.unwrap(), expected);
    assert!(db.table_indexes("pairs").await.unwrap().is_empty());
    assert!(db.table_columns("no_such_table").await.unwrap().is_empty());
    assert_eq!(THINGS.select_list(), "id, n, flag, at, doc, note");
}

async fn ids_where(db: &Db, key: &str, value: &Value) -> Vec<String> {
    let mut w = Filter::default();
    let condition = w.json_field_equals(db.dialect(), "doc", key, value);
    w.and(condition);
    let rows: Vec<(String,)> = db
        .fetch_all(&Statement::new(
            format!("SELECT id FROM things{} ORDER BY id", w.where_clause()),
            w.args,
        ))
        .await
        .unwrap();
    rows.into_iter().map(|(id,)| id).collect()
}

async fn json_field_equality_matches_scalars_of_the_same_json_type_only(db: TestDatabase) {
    let f = open(db).await;
    let db = f.store.db();
    create(db, &THINGS, "things").await;
    fill(db).await;
    assert_eq!(ids_where(db, "tier", &json!("gold")).await, ["a"]);
    assert_eq!(ids_where(db, "tier", &json!(1)).await, ["c"]);
    assert_eq!(ids_where(db, "vip", &json!(true)).await, ["a"]);
    assert_eq!(ids_where(db, "vip", &json!(false)).await, ["b"]);
    assert_eq!(
        ids_where(db, "age", &json!(3)).await,
        ["a"],
        "3 is not \"3\""
    );
    assert_eq!(ids_where(db, "age", &json!("3")).await, ["b"]);
    assert!(ids_where(db, "missing", &json!("gold")).await.is_empty());
    assert!(
        ids_where(db, "tier", &json!(["gold"])).await.is_empty(),
        "not a scalar"
    );
    assert!(
        ids_where(db, "tier", &json!(1.5)).await.is_empty(),
        "not an integer"
    );
}

async fn rows_as_json_name_every_column(db: TestDatabase) {
    let f = open(db).await;
    let db = f.store.db();
    create(db, &THINGS, "things").await;
    fill(db).await;
    let mut rows: Vec<Value> = db
        .rows_as_json("things")
        .await
        .unwrap()
        .iter()
        .map(|r| serde_json::from_str(r).unwrap())
        .collect();
    rows.sort_by_key(|r| r["id"].as_str().unwrap_or_default().to_owned());
    assert_eq!(rows.len(), 3);
    let keys: Vec<&String> = rows[1].as_object().unwrap().keys().collect();
    assert_eq!(keys.len(), 6);
    assert_eq!(rows[1]["id"], "b");
    assert_eq!(rows[1]["n"], 2);
    assert_eq!(rows[1]["at"], Value::Null);
    assert_eq!(rows[0]["at"], 1_000_000);
}

async fn purging_deleted_rows_keeps_the_rest(db: TestDatabase) {
    let f = open(db).await;
    let db = f.store.db();
    create(db, &THINGS, "things").await;
    fill(db).await;
    db.execute(&statement!("DELETE FROM things WHERE id = $1", "a"))
        .await
        .unwrap();
    db.purge_deleted(&["things"]).await.unwrap();
    db.purge_deleted(&["things"]).await.unwrap();
    let left: Vec<(String,)> = db
        .fetch_all(&statement!("SELECT id FROM things ORDER BY id"))
        .await
        .unwrap();
    assert_eq!(left, vec![("b".into(),), ("c".into(),)]);
}

/// A status as a domain type would parse it.
#[derive(Debug, PartialEq)]
enum Outcome {
    Passed,
}

impl TryFrom<String> for Outcome {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        match s.as_str() {
            "passed" => Ok(Self::Passed),
            other => Err(format!("unknown outcome {other}")),
        }
    }
}

#[derive(Debug, PartialEq, sqlx::FromRow)]
struct Thing {
    id: String,
    #[sqlx(try_from = "OptMicros")]
    at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "MicrosOf")]
    n_as_time: DateTime<Utc>,
    #[sqlx(try_from = "OptText")]
    note: Option<Outcome>,
    #[sqlx(json)]
    doc: Value,
    flag: bool,
}

async fn stored_micros_and_optional_text_decode_into_a_row_struct(db: TestDatabase) {
    let f = open(db).await;
    let db = f.store.db();
    create(db, &THINGS, "things").await;
    fill(db).await;
    let things: Vec<Thing> = db
        .fetch_all(&statement!(
            "SELECT id, at, n * 1000000 AS n_as_time, note, doc, flag FROM things ORDER BY id"
        ))
        .await
        .unwrap();
    let second = |s| Utc.timestamp_opt(s, 0).unwrap();
    assert_eq!(things.len(), 3);
    assert_eq!(things[0].at, Some(second(1)));
    assert_eq!(things[0].n_as_time, second(1));
    assert_eq!(things[0].note, Some(Outcome::Passed));
    assert_eq!(things[0].doc["tier"], "gold");
    assert!(things[0].flag);
    assert_eq!(things[1].at, None);
    assert_eq!(things[1].note, None);
    assert!(!things[1].flag);
    // A NULL where a time is required, or a name the type does not know,
    // is a decode error rather than a default.
    let null_time = db
        .fetch_all::<Thing>(&statement!(
            "SELECT id, at, at AS n_as_time, note, doc, flag FROM things WHERE id = 'b'"
        ))
        .await;
    assert!(null_time.is_err());
    let unknown = db
        .fetch_all::<Thing>(&statement!(
            "SELECT id, at, n AS n_as_time, 'lost' AS note, doc, flag FROM things"
        ))
        .await;
    assert!(unknown.is_err());
}
