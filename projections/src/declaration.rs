//! Each read model declared once: its name, the version this build serves,
//! and its tables' columns with their types. The DDL, the registry, the
//! projections' upserts and the queries' column lists all read the
//! declaration; the store turns a declared [`Table`] into SQL for its backend.

use returns_eventstore::db::{Col, Dialect, Table};

/// The read models' names, as the registry, the checkpoints (`<name>_v<N>`)
/// and the API know them.
pub mod names {
    /// Customer service's worklist.
    pub const WORKLIST: &str = "worklist";
    /// The warehouse's queues.
    pub const WAREHOUSE: &str = "warehouse";
    /// Refunds and payout totals.
    pub const FINANCE: &str = "finance";
    /// Follow-up calls.
    pub const FOLLOW_UPS: &str = "follow_ups";
    /// Counts, cycle times and reasons.
    pub const MANAGEMENT: &str = "management";
    /// What the marketplaces must hear of, and the tasks it makes.
    pub const PLATFORM_TASKS: &str = "platform_tasks";
}

/// One table of a read model: the stem of its name (a version makes it
/// `<stem>_v<N>`) and its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableDecl {
    /// The name without its version, e.g. `rm_worklist`.
    pub stem: &'static str,
    /// Columns, key and indexes.
    pub shape: Table,
}

impl TableDecl {
    /// The table's name at `version`.
    pub fn name(&self, version: u32) -> String {
        format!("{}_v{version}", self.stem)
    }

    /// Its columns as an upsert binds them.
    pub fn upsert_columns(&self) -> Vec<(&'static str, Col)> {
        self.shape.upsert_columns()
    }
}

/// A read model: name, current version and tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadModel {
    /// The read model's name (one of [`names`]).
    pub name: &'static str,
    /// The version this build serves. Changing a table's columns needs a
    /// new version: its tables are built beside the old ones.
    pub version: u32,
    /// Its tables, in a stable order.
    pub tables: &'static [TableDecl],
}

impl ReadModel {
    /// The projection's (and checkpoint's) name at `version`, e.g. `worklist_v1`.
    pub fn projection_name(&self, version: u32) -> String {
        format!("{}_v{version}", self.name)
    }

    /// Its tables' names at `version`.
    pub fn table_names(&self, version: u32) -> Vec<String> {
        self.tables.iter().map(|t| t.name(version)).collect()
    }

    /// DDL creating its tables and indexes at `version` if missing.
    pub fn ddl(&self, dialect: Dialect, version: u32) -> String {
        self.tables
            .iter()
            .map(|t| t.shape.ddl(dialect, &t.name(version)))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// What every read model's projection holds: its declaration at one
/// version, with the names that version gives it.
#[derive(Debug, Clone)]
pub struct Versioned {
    /// The declaration.
    pub model: &'static ReadModel,
    /// The version.
    pub version: u32,
    /// `<name>_v<version>`.
    pub name: String,
    /// Its tables' names at this version, in declaration order.
    pub tables: Vec<String>,
}

impl Versioned {
    /// `model` at `version`.
    pub fn new(model: &'static ReadModel, version: u32) -> Self {
        Self {
            model,
            version,
            name: model.projection_name(version),
            tables: model.table_names(version),
        }
    }
}

/// Implements the declaration half of [`crate::Projection`] (name, read
/// model, version, tables, schema) for a struct with a `Versioned` field
/// `at`; the struct writes `apply` itself.
macro_rules! declared_projection {
    () => {
        fn name(&self) -> &str {
            &self.at.name
        }

        fn read_model(&self) -> &str {
            self.at.model.name
        }

        fn version(&self) -> u32 {
            self.at.version
        }

        fn tables(&self) -> Vec<String> {
            self.at.tables.clone()
        }

        fn schema(&self, dialect: returns_eventstore::db::Dialect) -> String {
            self.at.model.ddl(dialect, self.at.version)
        }
    };
}
pub(crate) use declared_projection;
