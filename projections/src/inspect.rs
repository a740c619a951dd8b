//! Read-model contents as plain text rows, for comparing two builds of a
//! projection (live run against rebuild, crashed run against clean run).

use std::collections::BTreeMap;

use returns_eventstore::backend::Backend;
use returns_eventstore::EventStore;

use crate::error::Result;
use crate::projection::Projection;

/// Every row of `table` as one JSON object text, sorted.
pub async fn dump_table(store: &EventStore, table: &str) -> Result<Vec<String>> {
    let mut rows: Vec<String> = match store.backend() {
        Backend::Postgres(pool) => {
            sqlx::query_scalar(&format!("SELECT row_to_json(t)::text FROM {table} t"))
                .fetch_all(pool)
                .await?
        }
        Backend::Sqlite(pool) => {
            let columns: Vec<String> =
                sqlx::query_scalar("SELECT name FROM pragma_table_info($1) ORDER BY cid")
                    .bind(table)
                    .fetch_all(pool)
                    .await?;
            let pairs = columns
                .iter()
                .map(|c| format!("'{c}', {c}"))
                .collect::<Vec<_>>()
                .join(", ");
            sqlx::query_scalar(&format!("SELECT json_object({pairs}) FROM {table}"))
                .fetch_all(pool)
                .await?
        }
    };
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
