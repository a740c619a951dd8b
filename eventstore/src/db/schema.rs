//! Tables as data: a crate declares a table's columns with backend-neutral
//! types once, and the store writes its DDL for whichever database it runs
//! on, so the crate that owns the table never spells a backend's type names.
//!
//! Also the decoders that let a row struct be the item a query returns:
//! times stored as integer microseconds read as [`DateTime<Utc>`]
//! (`#[sqlx(try_from = "Micros")]`), and optional text parsed into an
//! optional domain value (`#[sqlx(try_from = "OptText")]`).

use chrono::{DateTime, Utc};
use sqlx::postgres::{PgTypeInfo, PgValueRef};
use sqlx::sqlite::{SqliteTypeInfo, SqliteValueRef};
use sqlx::{Decode, Postgres, Sqlite, Type};

use super::statement::Col;
use super::Dialect;

/// A column's type, as stored on both backends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqlType {
    /// `TEXT`.
    Text,
    /// A 64-bit integer (`INTEGER` / `BIGINT`): counts, positions, money
    /// in minor units.
    Int,
    /// A UTC time as integer microseconds since the epoch (`INTEGER` /
    /// `BIGINT`), so one SQL text compares, sorts and subtracts times on
    /// both backends; read it back with [`Micros`].
    Micros,
    /// A boolean (`INTEGER` 0/1 / `BOOLEAN`).
    Bool,
    /// A JSON document (`TEXT` / `JSONB`).
    Json,
}

impl SqlType {
    /// The type's name in `dialect`'s DDL.
    pub fn ddl(self, dialect: Dialect) -> &'static str {
        match (dialect, self) {
            (_, Self::Text) => "TEXT",
            (Dialect::Sqlite, Self::Int | Self::Micros | Self::Bool) => "INTEGER",
            (Dialect::Sqlite, Self::Json) => "TEXT",
            (Dialect::Postgres, Self::Int | Self::Micros) => "BIGINT",
            (Dialect::Postgres, Self::Bool) => "BOOLEAN",
            (Dialect::Postgres, Self::Json) => "JSONB",
        }
    }
}

/// One column of a declared table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// Its name.
    pub name: &'static str,
    /// Its type.
    pub ty: SqlType,
    /// Whether it may be NULL.
    pub nullable: bool,
}

impl Column {
    /// A `NOT NULL` column.
    pub const fn new(name: &'static str, ty: SqlType) -> Self {
        Self {
            name,
            ty,
            nullable: false,
        }
    }

    /// The same column, nullable.
    pub const fn null(self) -> Self {
        Self {
            nullable: true,
            ..self
        }
    }

    /// How an upsert binds it.
    pub fn bind(&self) -> Col {
        match self.ty {
            SqlType::Json => Col::Json,
            _ => Col::Plain,
        }
    }
}

/// How an index is built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndexKind {
    /// A B-tree over the columns.
    Plain,
    /// Serves JSON containment (`@>`, see [`super::Filter::json_field_equals`])
    /// on one JSON column: a GIN index on PostgreSQL; SQLite has no such
    /// index and gets none.
    JsonContains,
}

/// One index of a declared table, named `<table>_<suffix>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Index {
    /// The name's suffix.
    pub suffix: &'static str,
    /// The columns, in order.
    pub columns: &'static [&'static str],
    /// How it is built.
    pub kind: IndexKind,
}

impl Index {
    /// A B-tree index.
    pub const fn new(suffix: &'static str, columns: &'static [&'static str]) -> Self {
        Self {
            suffix,
            columns,
            kind: IndexKind::Plain,
        }
    }

    /// A JSON containment index on `column`.
    pub const fn json_contains(suffix: &'static str, column: &'static [&'static str]) -> Self {
        Self {
            suffix,
            columns: column,
            kind: IndexKind::JsonContains,
        }
    }
}

/// A table's shape, independent of its name (a versioned read model
/// creates the same shape under a new name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Table {
    /// The columns, in order.
    pub columns: &'static [Column],
    /// The primary key's columns.
    pub key: &'static [&'static str],
    /// The indexes.
    pub indexes: &'static [Index],
}

impl Table {
    /// The column named `name`.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The column names, comma-separated: a `SELECT` list or an `INSERT`'s.
    pub fn select_list(&self) -> String {
        self.columns
            .iter()
            .map(|c| c.name)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The columns as [`super::upsert`] takes them.
    pub fn upsert_columns(&self) -> Vec<(&'static str, Col)> {
        self.columns.iter().map(|c| (c.name, c.bind())).collect()
    }

    /// `CREATE TABLE IF NOT EXISTS name (…)` then each index's `CREATE
    /// INDEX IF NOT EXISTS`, `;`-separated. A one-column key is written on
    /// its column, a longer one as a table constraint.
    pub fn ddl(&self, dialect: Dialect, name: &str) -> String {
        let single_key = (self.key.len() == 1).then(|| self.key[0]);
        let mut lines: Vec<String> = self
            .columns
            .iter()
            .map(|c| {
                let mut line = format!("{} {}", c.name, c.ty.ddl(dialect));
                if single_key == Some(c.name) {
                    line.push_str(" PRIMARY KEY");
                } else if !c.nullable {
                    line.push_str(" NOT NULL");
                }
                line
            })
            .collect();
        if single_key.is_none() && !self.key.is_empty() {
            lines.push(format!("PRIMARY KEY ({})", self.key.join(", ")));
        }
        let mut ddl = format!(
            "CREATE TABLE IF NOT EXISTS {name} (\n    {}\n);",
            lines.join(",\n    ")
        );
        for index in self.indexes {
            let columns = index.columns.join(", ");
            let using = match (index.kind, dialect) {
                (IndexKind::Plain, _) => format!("({columns})"),
                (IndexKind::JsonContains, Dialect::Postgres) => {
                    format!("USING GIN ({columns} jsonb_path_ops)")
                }
                (IndexKind::JsonContains, Dialect::Sqlite) => continue,
            };
            ddl.push_str(&format!(
                "\nCREATE INDEX IF NOT EXISTS {name}_{} ON {name} {using};",
                index.suffix
            ));
        }
        ddl
    }
}

/// A time stored as microseconds since the epoch, decoded on either
/// backend; a row field reads it as a time with
/// `#[sqlx(try_from = "Micros")]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Micros(pub i64);

/// A nullable [`Micros`] (`#[sqlx(try_from = "OptMicros")]` on an
/// `Option<DateTime<Utc>>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptMicros(pub Option<i64>);

/// Nullable text parsed into an optional value (`#[sqlx(try_from =
/// "OptText")]` on an `Option<T>` where `T: TryFrom<String>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptText(pub Option<String>);

/// A stored time outside chrono's range.
#[derive(Debug, thiserror::Error)]
#[error("stored time {0} µs is out of range")]
pub struct TimeOutOfRange(pub i64);

impl TryFrom<Micros> for DateTime<Utc> {
    type Error = TimeOutOfRange;

    fn try_from(value: Micros) -> std::result::Result<Self, Self::Error> {
        DateTime::from_timestamp_micros(value.0).ok_or(TimeOutOfRange(value.0))
    }
}

impl TryFrom<OptMicros> for Option<DateTime<Utc>> {
    type Error = TimeOutOfRange;

    fn try_from(value: OptMicros) -> std::result::Result<Self, Self::Error> {
        value.0.map(|m| DateTime::try_from(Micros(m))).transpose()
    }
}

impl<T: TryFrom<String>> TryFrom<OptText> for Option<T> {
    type Error = T::Error;

    fn try_from(value: OptText) -> std::result::Result<Self, Self::Error> {
        value.0.map(T::try_from).transpose()
    }
}

/// `Type` and `Decode` on both backends for a wrapper of `$inner`.
macro_rules! decode_as {
    ($($wrapper:ident => $inner:ty),* $(,)?) => {$(
        impl Type<Sqlite> for $wrapper {
            fn type_info() -> SqliteTypeInfo {
                <$inner as Type<Sqlite>>::type_info()
            }
            fn compatible(ty: &SqliteTypeInfo) -> bool {
                <$inner as Type<Sqlite>>::compatible(ty)
            }
        }
        impl Type<Postgres> for $wrapper {
            fn type_info() -> PgTypeInfo {
                <$inner as Type<Postgres>>::type_info()
            }
            fn compatible(ty: &PgTypeInfo) -> bool {
                <$inner as Type<Postgres>>::compatible(ty)
            }
        }
        impl<'r> Decode<'r, Sqlite> for $wrapper {
            fn decode(value: SqliteValueRef<'r>) -> std::result::Result<Self, sqlx::error::BoxDynError> {
                Ok(Self(<Option<$inner> as Decode<'r, Sqlite>>::decode(value)?.into_decoded()?))
            }
        }
        impl<'r> Decode<'r, Postgres> for $wrapper {
            fn decode(value: PgValueRef<'r>) -> std::result::Result<Self, sqlx::error::BoxDynError> {
                Ok(Self(<Option<$inner> as Decode<'r, Postgres>>::decode(value)?.into_decoded()?))
            }
        }
    )*};
}

/// From a decoded `Option` to what a wrapper holds: itself for the
/// nullable wrappers, the value (or an error on NULL) for the others.
trait IntoDecoded<T> {
    fn into_decoded(self) -> std::result::Result<T, sqlx::error::BoxDynError>;
}

impl<T> IntoDecoded<Option<T>> for Option<T> {
    fn into_decoded(self) -> std::result::Result<Option<T>, sqlx::error::BoxDynError> {
        Ok(self)
    }
}

impl IntoDecoded<i64> for Option<i64> {
    fn into_decoded(self) -> std::result::Result<i64, sqlx::error::BoxDynError> {
        self.ok_or_else(|| "unexpected NULL".into())
    }
}

decode_as! {
    Micros => i64,
    OptMicros => i64,
    OptText => String,
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: Table = Table {
        columns: &[
            Column::new("id", SqlType::Text),
            Column::new("at", SqlType::Micros).null(),
            Column::new("doc", SqlType::Json),
        ],
        key: &["id"],
        indexes: &[
            Index::new("at", &["at", "id"]),
            Index::json_contains("doc", &["doc"]),
        ],
    };

    #[test]
    fn ddl_spells_each_backends_types_and_skips_sqlites_missing_index_kind() {
        assert_eq!(
            T.ddl(Dialect::Sqlite, "t"),
            "CREATE TABLE IF NOT EXISTS t (\n    id TEXT PRIMARY KEY,\n    at INTEGER,\n    doc TEXT NOT NULL\n);\n\
             CREATE INDEX IF NOT EXISTS t_at ON t (at, id);"
        );
        assert_eq!(
            T.ddl(Dialect::Postgres, "t"),
            "CREATE TABLE IF NOT EXISTS t (\n    id TEXT PRIMARY KEY,\n    at BIGINT,\n    doc JSONB NOT NULL\n);\n\
             CREATE INDEX IF NOT EXISTS t_at ON t (at, id);\n\
             CREATE INDEX IF NOT EXISTS t_doc ON t USING GIN (doc jsonb_path_ops);"
        );
    }
}
