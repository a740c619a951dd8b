//! Read-model contents as plain text rows, for comparing two builds of a
//! projection (live run against rebuild, crashed run against clean run).

use std::collections::BTreeMap;

use returns_eventstore::db::{Arg, Dialect, Statement};
use returns_eventstore::EventStore;

use crate::error::Result;
use crate::projection::Projection;

/// Every row of `table` as one JSON object text, sorted.
pub async fn dump_table(store: &EventStore, table: &str) -> Result<Vec<String>> {
    let db = store.db();
    let sql = match db.dialect() {
        Dialect::Postgres => format!("SELECT row_to_json(t)::text FROM {table} t"),
        Dialect::Sqlite => {
            let columns: Vec<(String,)> = db
                .fetch_all(&Statement::new(
                    "SELECT name FROM pragma_table_info($1) ORDER BY cid",
                    vec![Arg::Text(table.to_owned())],
                ))
                .await?;
            let pairs = columns
                .iter()
                .map(|(c,)| format!("'{c}', {c}"))
                .collect::<Vec<_>>()
                .join(", ");
            format!("SELECT json_object({pairs}) FROM {table}")
        }
    };
    let rows: Vec<(String,)> = db.fetch_all(&Statement::new(sql, Vec::new())).await?;
    let mut rows: Vec<String> = rows.into_iter().map(|(row,)| row).collect();
    rows.sort();
    Ok(rows)
}

/// Every table of `projection`, dumped with [`dump_table`].
pub async fn dump_projection(
    store: &EventStore,
    projection: &dyn Projection,
) -> Result<BTreeMap<String, Vec<String>>> {
    let mut out = BTreeMap::new();
    for table in projection.tables() {
        let rows = dump_table(store, &table).await?;
        out.insert(table, rows);
    }
    Ok(out)
}
