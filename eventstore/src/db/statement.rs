//! Statements as data: SQL text and its arguments, written once with `$N`
//! placeholders and run on either backend by [`super::Db`] or [`super::Tx`].
//!
//! Crates that own tables build [`Statement`]s in their storage modules
//! instead of matching on a pool, so no crate but the store knows which
//! database it runs on; projections return them from a pure function so the
//! runner alone decides the transaction.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::Dialect;

/// One bound value. Timestamps travel as microseconds since the epoch (UTC)
/// on both backends, so the same SQL compares and sorts them.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// A 64-bit integer.
    Int(i64),
    /// A nullable 64-bit integer.
    OptInt(Option<i64>),
    /// Text.
    Text(String),
    /// Nullable text.
    OptText(Option<String>),
    /// A boolean (INTEGER 0/1 on SQLite, BOOLEAN on PostgreSQL).
    Bool(bool),
    /// A UTC timestamp (TEXT on SQLite, TIMESTAMPTZ on PostgreSQL).
    Time(DateTime<Utc>),
    /// A nullable UTC timestamp.
    OptTime(Option<DateTime<Utc>>),
    /// A JSON document (TEXT on SQLite, JSONB on PostgreSQL).
    Json(Value),
    /// Bytes (BLOB on SQLite, BYTEA on PostgreSQL).
    Bytes(Vec<u8>),
    /// A column of values, for PostgreSQL's `UNNEST` (SQLite binds NULL:
    /// [`upsert`] never builds one for SQLite).
    Column(Column),
}

/// One column of many rows, bound as a PostgreSQL array.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// `bigint[]`
    Ints(Vec<Option<i64>>),
    /// `text[]`
    Texts(Vec<Option<String>>),
    /// `boolean[]`
    Bools(Vec<Option<bool>>),
}

impl Column {
    fn sql_type(&self) -> &'static str {
        match self {
            Self::Ints(_) => "bigint[]",
            Self::Texts(_) => "text[]",
            Self::Bools(_) => "boolean[]",
        }
    }

    fn for_arg(arg: &Arg, capacity: usize) -> Self {
        match arg {
            Arg::Int(_) | Arg::OptInt(_) => Self::Ints(Vec::with_capacity(capacity)),
            Arg::Bool(_) => Self::Bools(Vec::with_capacity(capacity)),
            _ => Self::Texts(Vec::with_capacity(capacity)),
        }
    }

    /// Appends `arg`; false if it does not fit the column's type.
    fn push(&mut self, arg: Arg) -> bool {
        match (self, arg) {
            (Self::Ints(v), Arg::Int(x)) => v.push(Some(x)),
            (Self::Ints(v), Arg::OptInt(x)) => v.push(x),
            (Self::Texts(v), Arg::Text(x)) => v.push(Some(x)),
            (Self::Texts(v), Arg::OptText(x)) => v.push(x),
            (Self::Bools(v), Arg::Bool(x)) => v.push(Some(x)),
            _ => return false,
        }
        true
    }
}

/// SQL text with its arguments, `$1`… placeholders (valid on both backends).
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// The SQL.
    pub sql: String,
    /// The arguments, in placeholder order.
    pub args: Vec<Arg>,
    /// Whether the connection keeps it prepared (in its statement cache).
    pub persistent: bool,
}

impl Statement {
    /// A statement with `sql` and `args`, kept prepared.
    pub fn new(sql: impl Into<String>, args: Vec<Arg>) -> Self {
        Self {
            sql: sql.into(),
            args,
            persistent: true,
        }
    }
}

/// Multi-row upserts of at most this many rows are kept prepared. A
/// statement of N rows is its own SQL text, and SQLite's prepared form of a
/// VALUES list grows with it (heaptrack under the soak load: 13 MiB of
/// `sqlite3MultiValues` programs held in the statement caches), while
/// only the small batch sizes recur often enough to be worth a slot.
const PERSISTENT_ROWS: usize = 8;

macro_rules! arg_from {
    ($($t:ty => $variant:ident),* $(,)?) => {
        $(impl From<$t> for Arg {
            fn from(value: $t) -> Self {
                Self::$variant(value)
            }
        })*
    };
}

arg_from! {
    i64 => Int,
    Option<i64> => OptInt,
    String => Text,
    Option<String> => OptText,
    bool => Bool,
    DateTime<Utc> => Time,
    Option<DateTime<Utc>> => OptTime,
    Value => Json,
    Vec<u8> => Bytes,
}

impl From<&str> for Arg {
    fn from(value: &str) -> Self {
        Self::Text(value.to_owned())
    }
}

impl From<Option<&str>> for Arg {
    fn from(value: Option<&str>) -> Self {
        Self::OptText(value.map(str::to_owned))
    }
}

impl From<&[u8]> for Arg {
    fn from(value: &[u8]) -> Self {
        Self::Bytes(value.to_vec())
    }
}

impl From<Vec<String>> for Arg {
    fn from(value: Vec<String>) -> Self {
        Self::Column(Column::Texts(value.into_iter().map(Some).collect()))
    }
}

/// Builds a [`Statement`] from SQL and any values convertible into [`Arg`]:
/// `statement!("… WHERE id = $1", id)`.
#[macro_export]
macro_rules! statement {
    ($sql:expr $(, $arg:expr)* $(,)?) => {
        $crate::db::Statement::new($sql, vec![$($crate::db::Arg::from($arg)),*])
    };
}

/// Most parameters one statement binds: below SQLite's 32,766 and
/// PostgreSQL's 65,535.
const MAX_PARAMS: usize = 30_000;

/// How a column's placeholder is written: JSON columns are `jsonb` on
/// PostgreSQL and need a cast from the bound text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    /// Bound as is.
    Plain,
    /// JSON text: `$n::jsonb` on PostgreSQL, plain text on SQLite.
    Json,
}

/// `INSERT … VALUES (…), (…) ON CONFLICT (key) DO UPDATE SET …` for many
/// rows, split so no statement binds too many parameters. `update` is the
/// SET clause; `None` replaces every non-key column with the new row's.
pub fn upsert(
    dialect: Dialect,
    table: &str,
    columns: &[(&str, Col)],
    key: &[&str],
    update: Option<&str>,
    rows: Vec<Vec<Arg>>,
) -> Vec<Statement> {
    if rows.is_empty() {
        return Vec::new();
    }
    let names: Vec<&str> = columns.iter().map(|(n, _)| *n).collect();
    let set = update.map_or_else(
        || {
            names
                .iter()
                .filter(|n| !key.contains(n))
                .map(|n| format!("{n} = excluded.{n}"))
                .collect::<Vec<_>>()
                .join(", ")
        },
        str::to_owned,
    );
    let conflict = format!(" ON CONFLICT ({}) DO UPDATE SET {set}", key.join(", "));
    if dialect == Dialect::Postgres {
        if let Some(statement) = upsert_unnest(table, columns, &conflict, &rows) {
            return vec![statement];
        }
    }
    let per_statement = (MAX_PARAMS / columns.len().max(1)).clamp(1, 1000);
    let mut statements = Vec::new();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Arg>> = rows.by_ref().take(per_statement).collect();
        let rows_in_chunk = chunk.len();
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", names.join(", "));
        let mut args = Vec::with_capacity(chunk.len() * columns.len());
        for (i, row) in chunk.into_iter().enumerate() {
            if i > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for (j, value) in row.into_iter().enumerate() {
                if j > 0 {
                    sql.push_str(", ");
                }
                args.push(value);
                sql.push_str(&placeholder(dialect, args.len(), columns[j].1));
            }
            sql.push(')');
        }
        sql.push_str(&conflict);
        statements.push(Statement {
            sql,
            args,
            persistent: rows_in_chunk <= PERSISTENT_ROWS,
        });
    }
    statements
}

/// The placeholders of one row of `count` values numbered from `first`:
/// `($first, …)`.
pub(crate) fn tuple(first: usize, count: usize) -> String {
    let mut out = String::with_capacity(2 + count * 5);
    out.push('(');
    for n in first..first + count {
        if n > first {
            out.push_str(", ");
        }
        out.push('$');
        out.push_str(&n.to_string());
    }
    out.push(')');
    out
}

/// PostgreSQL: all rows in one statement of one array per column
/// (`INSERT … SELECT … FROM UNNEST($1::text[], …)`), so the statement text
/// and its prepared plan are the same whatever the batch size. `None` when
/// a column mixes value types (then the VALUES form is used).
fn upsert_unnest(
    table: &str,
    columns: &[(&str, Col)],
    conflict: &str,
    rows: &[Vec<Arg>],
) -> Option<Statement> {
    let first = rows.first()?;
    let mut arrays: Vec<Column> = first
        .iter()
        .map(|arg| Column::for_arg(arg, rows.len()))
        .collect();
    for row in rows {
        if row.len() != arrays.len() {
            return None;
        }
        for (array, value) in arrays.iter_mut().zip(row.iter().cloned()) {
            if !array.push(value) {
                return None;
            }
        }
    }
    let names: Vec<&str> = columns.iter().map(|(n, _)| *n).collect();
    let unnest = arrays
        .iter()
        .enumerate()
        .map(|(i, a)| format!("${}::{}", i + 1, a.sql_type()))
        .collect::<Vec<_>>()
        .join(", ");
    let select = columns
        .iter()
        .map(|(n, col)| match col {
            Col::Json => format!("{n}::jsonb"),
            Col::Plain => (*n).to_owned(),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "INSERT INTO {table} ({}) SELECT {select} FROM UNNEST({unnest}) AS u({}){conflict}",
        names.join(", "),
        names.join(", ")
    );
    // One text whatever the batch size: always worth keeping prepared.
    Some(Statement {
        sql,
        args: arrays.into_iter().map(Arg::Column).collect(),
        persistent: true,
    })
}

/// The `n`-th placeholder for a column of shape `col`. SQLite gets a bare
/// `?` (arguments bind in order of appearance): it files `$N` and `?N` in a
/// list searched linearly per parameter, which makes binding a statement
/// with thousands of parameters quadratic (seconds per rebuild batch).
pub fn placeholder(dialect: Dialect, n: usize, col: Col) -> String {
    match (dialect, col) {
        (Dialect::Postgres, Col::Json) => format!("${n}::jsonb"),
        (Dialect::Postgres, Col::Plain) => format!("${n}"),
        (Dialect::Sqlite, _) => "?".to_owned(),
    }
}

/// A `WHERE` clause built from optional filters, numbering placeholders as
/// it goes.
#[derive(Debug, Default)]
pub struct Filter {
    conditions: Vec<String>,
    /// The arguments so far.
    pub args: Vec<Arg>,
}

impl Filter {
    /// The placeholder for `arg`, which is remembered.
    pub fn arg(&mut self, arg: Arg) -> String {
        self.args.push(arg);
        format!("${}", self.args.len())
    }

    /// Adds a condition (written with placeholders from [`Filter::arg`]).
    pub fn and(&mut self, condition: String) {
        self.conditions.push(condition);
    }

    /// `WHERE a AND b …`, or nothing.
    pub fn where_clause(&self) -> String {
        if self.conditions.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.conditions.join(" AND "))
        }
    }
}

impl Filter {
    /// `column->key = value` for a JSON object column and a JSON scalar
    /// (string, integer or boolean; other values never match): containment
    /// (`@>`) on PostgreSQL, which a [`super::IndexKind::JsonContains`]
    /// index serves; on SQLite `json_type` and `json_extract`, so `true`
    /// does not equal `1` nor `"1"` equal `1`, as in PostgreSQL's JSON.
    pub fn json_field_equals(
        &mut self,
        dialect: Dialect,
        column: &str,
        key: &str,
        value: &Value,
    ) -> String {
        let scalar = matches!(value, Value::String(_) | Value::Bool(_)) || value.is_i64();
        if !scalar {
            return "FALSE".to_owned();
        }
        match dialect {
            Dialect::Postgres => {
                let mut object = serde_json::Map::new();
                object.insert(key.to_owned(), value.clone());
                let p = self.arg(Arg::Text(Value::Object(object).to_string()));
                format!("{column} @> {p}::jsonb")
            }
            Dialect::Sqlite => {
                let path = self.arg(Arg::Text(format!(
                    "$.{}",
                    serde_json::to_string(key).unwrap_or_default()
                )));
                let (json_type, arg) = match value {
                    Value::String(s) => ("text", Arg::Text(s.clone())),
                    // json_type tells true from 1, which json_extract alone cannot.
                    Value::Bool(b) => {
                        let v = self.arg(Arg::Text(if *b { "true" } else { "false" }.into()));
                        return format!("json_type({column}, {path}) = {v}");
                    }
                    Value::Number(n) if n.is_i64() => {
                        ("integer", Arg::Int(n.as_i64().unwrap_or_default()))
                    }
                    _ => return "FALSE".to_owned(),
                };
                let v = self.arg(arg);
                format!(
                    "(json_type({column}, {path}) = '{json_type}' AND json_extract({column}, {path}) = {v})"
                )
            }
        }
    }
}

/// `column IN (…values)` as one bound argument at placeholder `$n`: a
/// PostgreSQL array (`= ANY($n)`), or on SQLite a JSON array expanded by
/// `json_each`, SQLite's way to bind a list of any length.
pub fn in_list(dialect: Dialect, column: &str, n: usize, values: &[String]) -> (String, Arg) {
    match dialect {
        Dialect::Postgres => (format!("{column} = ANY(${n})"), Arg::from(values.to_vec())),
        Dialect::Sqlite => (
            format!("{column} IN (SELECT value FROM json_each(${n}))"),
            Arg::Text(serde_json::to_string(values).unwrap_or_else(|_| "[]".to_owned())),
        ),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn rows(n: i64) -> Vec<Vec<Arg>> {
        (0..n)
            .map(|i| vec![Arg::Text(format!("k{i}")), Arg::OptInt(Some(i))])
            .collect()
    }

    const COLUMNS: [(&str, Col); 2] = [("id", Col::Plain), ("doc", Col::Json)];

    #[test]
    fn sqlite_upsert_uses_bare_placeholders_in_row_order() {
        let statements = upsert(Dialect::Sqlite, "t", &COLUMNS, &["id"], None, rows(2));
        assert_eq!(statements.len(), 1);
        assert_eq!(
            statements[0].sql,
            "INSERT INTO t (id, doc) VALUES (?, ?), (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc"
        );
        assert_eq!(statements[0].args[2], Arg::Text("k1".into()));
    }

    #[test]
    fn sqlite_upsert_splits_below_the_parameter_limit() {
        let statements = upsert(Dialect::Sqlite, "t", &COLUMNS, &["id"], None, rows(2500));
        assert_eq!(statements.len(), 3, "at most 1,000 rows a statement");
        assert!(statements.iter().all(|s| s.args.len() <= MAX_PARAMS));
        assert_eq!(statements.iter().map(|s| s.args.len()).sum::<usize>(), 5000);
    }

    #[test]
    fn only_small_multi_row_upserts_stay_prepared() {
        let small = upsert(Dialect::Sqlite, "t", &COLUMNS, &["id"], None, rows(8));
        assert!(small[0].persistent);
        let large = upsert(Dialect::Sqlite, "t", &COLUMNS, &["id"], None, rows(9));
        assert!(!large[0].persistent, "each size is its own text");
        let unnest = upsert(Dialect::Postgres, "t", &COLUMNS, &["id"], None, rows(500));
        assert!(unnest[0].persistent, "one text whatever the size");
    }

    #[test]
    fn postgres_upsert_binds_one_array_per_column_and_casts_json() {
        let statements = upsert(
            Dialect::Postgres,
            "t",
            &COLUMNS,
            &["id"],
            Some("doc = excluded.doc"),
            rows(3),
        );
        assert_eq!(statements.len(), 1);
        assert_eq!(
            statements[0].sql,
            "INSERT INTO t (id, doc) SELECT id, doc::jsonb FROM UNNEST($1::text[], $2::bigint[]) AS u(id, doc) \
             ON CONFLICT (id) DO UPDATE SET doc = excluded.doc"
        );
        assert_eq!(
            statements[0].args[1],
            Arg::Column(Column::Ints(vec![Some(0), Some(1), Some(2)]))
        );
    }

    #[test]
    fn no_rows_no_statement() {
        assert!(upsert(Dialect::Postgres, "t", &COLUMNS, &["id"], None, vec![]).is_empty());
    }
}
