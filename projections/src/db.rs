//! The little SQL layer projections share: statements as data (SQL text and
//! arguments), run inside one transaction on either backend.
//!
//! Projections return [`Statement`]s instead of executing them, so a
//! projection is a plain function from events to SQL changes and the runner
//! alone decides the transaction (rows and checkpoint commit together).

use futures::future::BoxFuture;
use returns_eventstore::backend::{Backend, BackendKind};
use sqlx::postgres::PgArguments;
use sqlx::sqlite::SqliteArguments;
use sqlx::{Postgres, Sqlite, Transaction};

use crate::error::Result;

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
}

impl Statement {
    /// A statement with `sql` and `args`.
    pub fn new(sql: impl Into<String>, args: Vec<Arg>) -> Self {
        Self {
            sql: sql.into(),
            args,
        }
    }
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
    dialect: BackendKind,
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
    if dialect == BackendKind::Postgres {
        if let Some(statement) = upsert_unnest(table, columns, &conflict, &rows) {
            return vec![statement];
        }
    }
    let per_statement = (MAX_PARAMS / columns.len().max(1)).clamp(1, 1000);
    let mut statements = Vec::new();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Arg>> = rows.by_ref().take(per_statement).collect();
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
        statements.push(Statement { sql, args });
    }
    statements
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
    Some(Statement {
        sql,
        args: arrays.into_iter().map(Arg::Column).collect(),
    })
}

/// The `n`-th placeholder for a column of shape `col`. SQLite gets a bare
/// `?` (arguments bind in order of appearance): it files `$N` and `?N` in a
/// list searched linearly per parameter, which makes binding a statement
/// with thousands of parameters quadratic (seconds per rebuild batch).
pub fn placeholder(dialect: BackendKind, n: usize, col: Col) -> String {
    match (dialect, col) {
        (BackendKind::Postgres, Col::Json) => format!("${n}::jsonb"),
        (BackendKind::Postgres, Col::Plain) => format!("${n}"),
        (BackendKind::Sqlite, _) => "?".to_owned(),
    }
}

/// An open read-model transaction on either backend.
pub enum Tx {
    /// SQLite.
    Sqlite(Transaction<'static, Sqlite>),
    /// PostgreSQL.
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    /// Begins a write transaction. SQLite takes its write lock up front
    /// (`BEGIN IMMEDIATE`) so the event writer and other runners queue on the
    /// busy timeout instead of failing a lock upgrade halfway through.
    pub async fn begin(backend: &Backend) -> Result<Self> {
        Ok(match backend {
            Backend::Sqlite(pool) => Self::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?),
            Backend::Postgres(pool) => {
                let mut tx = pool.begin().await?;
                // A read model can always be re-derived from the log, and a
                // commit lost in a crash loses its checkpoint move with it
                // (same transaction): the batch is simply applied again. So
                // there is no need to wait for the WAL flush.
                sqlx::query("SET LOCAL synchronous_commit = off")
                    .execute(&mut *tx)
                    .await?;
                Self::Postgres(tx)
            }
        })
    }

    /// Runs one statement; returns the rows it affected. (Boxed: the
    /// executor's higher-ranked bounds otherwise defeat the `Send` check of
    /// the tasks that await it.)
    pub fn run<'a>(&'a mut self, statement: &'a Statement) -> BoxFuture<'a, Result<u64>> {
        Box::pin(async move {
            Ok(match self {
                Self::Sqlite(tx) => bind_sqlite(sqlx::query(&statement.sql), &statement.args)
                    .execute(&mut **tx)
                    .await?
                    .rows_affected(),
                Self::Postgres(tx) => bind_postgres(sqlx::query(&statement.sql), &statement.args)
                    .execute(&mut **tx)
                    .await?
                    .rows_affected(),
            })
        })
    }

    /// Runs DDL: several statements separated by `;`, no arguments, none
    /// containing a `;` of its own. (One at a time: `raw_sql`'s future is not
    /// `Send` in sqlx 0.8, which a spawned runner needs.)
    pub async fn run_script(&mut self, sql: &str) -> Result<()> {
        for part in sql.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            self.run(&Statement::new(part, Vec::new())).await?;
        }
        Ok(())
    }

    /// Commits.
    pub async fn commit(self) -> Result<()> {
        match self {
            Self::Sqlite(tx) => tx.commit().await?,
            Self::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }
}

type SqliteQuery<'q> = sqlx::query::Query<'q, Sqlite, SqliteArguments<'q>>;
type PgQuery<'q> = sqlx::query::Query<'q, Postgres, PgArguments>;

/// Binds `args` to a SQLite query.
pub fn bind_sqlite<'q>(mut query: SqliteQuery<'q>, args: &'q [Arg]) -> SqliteQuery<'q> {
    for arg in args {
        query = match arg {
            Arg::Int(v) => query.bind(*v),
            Arg::OptInt(v) => query.bind(*v),
            Arg::Text(v) => query.bind(v.as_str()),
            Arg::OptText(v) => query.bind(v.as_deref()),
            Arg::Bool(v) => query.bind(*v),
            Arg::Column(_) => query.bind(None::<i64>),
        };
    }
    query
}

/// Binds `args` to a PostgreSQL query.
pub fn bind_postgres<'q>(mut query: PgQuery<'q>, args: &'q [Arg]) -> PgQuery<'q> {
    for arg in args {
        query = match arg {
            Arg::Int(v) => query.bind(*v),
            Arg::OptInt(v) => query.bind(*v),
            Arg::Text(v) => query.bind(v.as_str()),
            Arg::OptText(v) => query.bind(v.as_deref()),
            Arg::Bool(v) => query.bind(*v),
            Arg::Column(Column::Ints(v)) => query.bind(v.as_slice()),
            Arg::Column(Column::Texts(v)) => query.bind(v.as_slice()),
            Arg::Column(Column::Bools(v)) => query.bind(v.as_slice()),
        };
    }
    query
}

/// Rows of `R` for `sql` with `args`, on either backend.
pub async fn fetch_all<R>(backend: &Backend, sql: &str, args: &[Arg]) -> Result<Vec<R>>
where
    R: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
        + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
        + Send
        + Unpin,
{
    Ok(match backend {
        Backend::Sqlite(pool) => {
            let mut q = sqlx::query_as::<Sqlite, R>(sql);
            for arg in args {
                q = match arg {
                    Arg::Int(v) => q.bind(*v),
                    Arg::OptInt(v) => q.bind(*v),
                    Arg::Text(v) => q.bind(v.as_str()),
                    Arg::OptText(v) => q.bind(v.as_deref()),
                    Arg::Bool(v) => q.bind(*v),
                    // Queries bind scalars only; arrays are for upserts.
                    Arg::Column(_) => q.bind(None::<i64>),
                };
            }
            q.fetch_all(pool).await?
        }
        Backend::Postgres(pool) => {
            let mut q = sqlx::query_as::<Postgres, R>(sql);
            for arg in args {
                q = match arg {
                    Arg::Int(v) => q.bind(*v),
                    Arg::OptInt(v) => q.bind(*v),
                    Arg::Text(v) => q.bind(v.as_str()),
                    Arg::OptText(v) => q.bind(v.as_deref()),
                    Arg::Bool(v) => q.bind(*v),
                    // Queries bind scalars only; arrays are for upserts.
                    Arg::Column(_) => q.bind(None::<i64>),
                };
            }
            q.fetch_all(pool).await?
        }
    })
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
        let statements = upsert(BackendKind::Sqlite, "t", &COLUMNS, &["id"], None, rows(2));
        assert_eq!(statements.len(), 1);
        assert_eq!(
            statements[0].sql,
            "INSERT INTO t (id, doc) VALUES (?, ?), (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc"
        );
        assert_eq!(statements[0].args[2], Arg::Text("k1".into()));
    }

    #[test]
    fn sqlite_upsert_splits_below_the_parameter_limit() {
        let statements = upsert(
            BackendKind::Sqlite,
            "t",
            &COLUMNS,
            &["id"],
            None,
            rows(2500),
        );
        assert_eq!(statements.len(), 3, "at most 1,000 rows a statement");
        assert!(statements.iter().all(|s| s.args.len() <= MAX_PARAMS));
        assert_eq!(statements.iter().map(|s| s.args.len()).sum::<usize>(), 5000);
    }

    #[test]
    fn postgres_upsert_binds_one_array_per_column_and_casts_json() {
        let statements = upsert(
            BackendKind::Postgres,
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
        assert!(upsert(BackendKind::Postgres, "t", &COLUMNS, &["id"], None, vec![]).is_empty());
    }
}
