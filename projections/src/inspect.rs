//! Read-model contents as plain text rows, for comparing two builds of a
//! projection (live run against rebuild, crashed run against clean run).

use std::collections::BTreeMap;

use returns_eventstore::EventStore;

use crate::error::Result;
use crate::projection::Projection;

/// Every row of `table` as one JSON object text, sorted.
pub async fn dump_table(store: &EventStore, table: &str) -> Result<Vec<String>> {
    let mut rows = store.db().rows_as_json(table).await?;
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
