//! The read side the API calls: plain structs (serde `Serialize`) read from
//! the serving version of each read model.
//!
//! Lists are keyset-paginated: a page carries an opaque `next_cursor`; pass
//! it back as `after` with `first` (1–100) for the next page.

pub mod finance;
pub mod follow_ups;
pub mod management;
pub mod platform_tasks;
pub mod warehouse;
pub mod worklist;

use std::collections::BTreeMap;
use std::sync::Arc;

use returns_eventstore::db::Dialect;
use returns_eventstore::EventStore;
use serde::Serialize;

use crate::declaration::{ReadModel, TableDecl};
use crate::error::{Error, Result};
use crate::projection::Projection;
use crate::registry;

/// Most items one page returns.
pub const MAX_PAGE: u32 = 100;

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page<T> {
    /// The items, in the list's order.
    pub items: Vec<T>,
    /// Pass as `after` for the next page; `None` on the last page.
    pub next_cursor: Option<String>,
}

/// Queries on every read model, through one store handle.
#[derive(Debug, Clone)]
pub struct Queries {
    store: EventStore,
    /// This build's current version of each read model.
    versions: Arc<BTreeMap<String, u32>>,
}

impl Queries {
    /// Queries against the read models kept in `store`'s database, as this
    /// build's registry knows them.
    pub fn new(store: EventStore) -> Self {
        Self::with_projections(store, &registry::current())
    }

    /// Queries for a build whose current projections are `projections`
    /// (read models not among them fall back to the registry's).
    pub fn with_projections(store: EventStore, projections: &[Arc<dyn Projection>]) -> Self {
        let mut versions: BTreeMap<String, u32> = registry::current()
            .iter()
            .map(|p| (p.read_model().to_owned(), p.version()))
            .collect();
        for p in projections {
            versions.insert(p.read_model().to_owned(), p.version());
        }
        Self {
            store,
            versions: Arc::new(versions),
        }
    }

    /// The store.
    pub fn store(&self) -> &EventStore {
        &self.store
    }

    fn dialect(&self) -> Dialect {
        self.store.db().dialect()
    }

    fn now(&self) -> i64 {
        self.store.clock().now().timestamp_micros()
    }

    /// The version of `read_model` to read now.
    async fn version(&self, read_model: &str) -> Result<u32> {
        let current = self
            .versions
            .get(read_model)
            .copied()
            .ok_or_else(|| Error::UnknownProjection(read_model.to_owned()))?;
        registry::serving_version_for(&self.store, read_model, current).await
    }

    /// The name of `model`'s `table` at the version to read now, with the
    /// version.
    async fn table(&self, model: &ReadModel, table: &TableDecl) -> Result<(String, u32)> {
        let version = self.version(model.name).await?;
        Ok((table.name(version), version))
    }
}

/// `first` clamped to 1..=[`MAX_PAGE`].
pub fn page_size(first: u32) -> i64 {
    i64::from(first.clamp(1, MAX_PAGE))
}

/// A keyset cursor: the sort key and the row id it stopped at.
pub fn encode_cursor(key: i64, id: &str) -> String {
    format!("{key}~{id}")
}

/// Parses a cursor made by [`encode_cursor`].
pub fn decode_cursor(cursor: &str) -> Result<(i64, String)> {
    let (key, id) = cursor
        .split_once('~')
        .ok_or_else(|| Error::InvalidQuery(format!("malformed cursor {cursor:?}")))?;
    let key = key
        .parse()
        .map_err(|_| Error::InvalidQuery(format!("malformed cursor {cursor:?}")))?;
    Ok((key, id.to_owned()))
}

/// Splits `rows` (fetched with one extra) into a page.
pub fn paginate<T>(mut rows: Vec<T>, size: i64, cursor_of: impl Fn(&T) -> String) -> Page<T> {
    let size = usize::try_from(size).unwrap_or(usize::MAX);
    let next_cursor = if rows.len() > size {
        rows.truncate(size);
        rows.last().map(&cursor_of)
    } else {
        None
    };
    Page {
        items: rows,
        next_cursor,
    }
}
