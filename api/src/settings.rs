//! Command-line flags and environment: one place that says how `returns`
//! is configured.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// The default database: an SQLite file in the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite:returns.db";

/// `returns`: the returns and exchanges ticket engine.
#[derive(Parser, Debug, Clone)]
#[command(name = "returns", version, about)]
pub struct Cli {
    /// `sqlite:FILE`, a plain file path (SQLite), or `postgres://…`.
    #[arg(long, env = "RETURNS_DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,
    /// How log lines on stderr are written.
    #[arg(long, env = "RETURNS_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// How log lines on stderr are written.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Lines for people; coloured only when stderr is a terminal.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// The subcommands.
#[derive(Subcommand, Debug, Clone)]
pub enum Command {
    /// Serve GraphQL, subscriptions, GraphiQL, /healthz and /metrics.
    Serve(ServeArgs),
    /// Seed a realistic set of tickets, print a token per role, then serve.
    Demo(ServeArgs),
    /// Create, list or revoke API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
    /// Check the hash chain of one ticket, or of the whole log and its seals.
    Verify(VerifyArgs),
    /// Import a JSON-lines file of platform after-sale records.
    Import(ImportArgs),
    /// Start from a shipped mapping, or check a mapping file against sample records.
    #[command(subcommand)]
    Mapping(MappingCommand),
    /// Record a seal of the current log head.
    Seal,
    /// Drop read models and replay the log into them (stop `serve` first on SQLite).
    Rebuild(RebuildArgs),
    /// Show each projection's checkpoint, the log head and how far behind it is.
    Lag,
    /// Print the GraphQL schema (SDL).
    Schema,
}

/// How to serve.
#[derive(Args, Debug, Clone)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free one).
    #[arg(long, env = "RETURNS_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Seed the demo tickets and print tokens before serving.
    #[arg(long)]
    pub demo: bool,
    /// Seconds between seals of the log head.
    #[arg(long, env = "RETURNS_SEAL_INTERVAL_SECS", default_value_t = 300)]
    pub seal_interval_secs: u64,
    /// The shop's policies (TOML); the built-in defaults when absent.
    #[arg(long, env = "RETURNS_POLICIES")]
    pub policies: Option<PathBuf>,
    /// Do not run the workflows (automatic refunds, deadlines, follow-ups)
    /// in this process: people do every step.
    #[arg(long, env = "RETURNS_NO_WORKFLOWS")]
    pub no_workflows: bool,
}

/// What to rebuild.
#[derive(Args, Debug, Clone)]
pub struct RebuildArgs {
    /// A projection (`worklist_v1`), a read model (`worklist`) or `all`.
    #[arg(default_value = "all")]
    pub projection: String,
}

/// Token management.
#[derive(Subcommand, Debug, Clone)]
pub enum TokenCommand {
    /// Create a token and print it once.
    Create {
        /// customer_service, warehouse, finance, auditor or admin.
        #[arg(long)]
        role: String,
        /// Who acts with the token (recorded on every event).
        #[arg(long)]
        actor: String,
        /// Days until it expires (never, if absent).
        #[arg(long)]
        expires_in_days: Option<i64>,
    },
    /// List tokens (never their secrets).
    List,
    /// Revoke tokens by id (hash prefix shown by `list`).
    Revoke {
        /// The id, at least 8 hex digits.
        id: String,
    },
}

/// Mapping files a merchant owns.
#[derive(Subcommand, Debug, Clone)]
pub enum MappingCommand {
    /// Print a shipped mapping (TOML) to start your own from.
    Export {
        /// `taobao`, `douyin` or `kuaishou`.
        platform: String,
    },
    /// Validate a mapping file and preview the tickets it would open.
    Check {
        /// The mapping file (TOML).
        file: PathBuf,
        /// Records (JSON lines) to preview: every field that does not fit is named.
        #[arg(long)]
        sample: Option<PathBuf>,
    },
}

/// What to import.
#[derive(Args, Debug, Clone)]
pub struct ImportArgs {
    /// The platform whose mapping applies (`taobao`, `douyin`, `kuaishou`, or a saved one).
    #[arg(long, required_unless_present = "mapping", conflicts_with = "mapping")]
    pub platform: Option<String>,
    /// A mapping file (TOML) to import with instead of a shipped or saved one.
    #[arg(long)]
    pub mapping: Option<PathBuf>,
    /// The file: one after-sale record (JSON object) per line.
    pub file: PathBuf,
    /// Where rejected lines go, with their errors (JSON lines).
    #[arg(long, default_value = "rejects.jsonl")]
    pub rejects: PathBuf,
    /// Who the import acts as (recorded on every event).
    #[arg(long, default_value = "import")]
    pub actor: String,
}

/// What to verify.
#[derive(Args, Debug, Clone)]
pub struct VerifyArgs {
    /// Verify every stream and every seal.
    #[arg(long, conflicts_with = "ticket")]
    pub all: bool,
    /// The ticket to verify.
    #[arg(required_unless_present = "all")]
    pub ticket: Option<uuid::Uuid>,
}

/// What the server needs to start.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Database URL (normalised).
    pub database_url: String,
    /// Address to listen on.
    pub listen: SocketAddr,
    /// Interval between seals.
    pub seal_interval: Duration,
    /// The policies file, if not the built-in defaults.
    pub policies_file: Option<PathBuf>,
    /// Whether to run the workflows in-process.
    pub run_workflows: bool,
}

impl Settings {
    /// Settings from the parsed command line.
    pub fn new(database_url: &str, serve: &ServeArgs) -> Self {
        Self {
            database_url: normalise_database_url(database_url),
            listen: serve.listen,
            seal_interval: Duration::from_secs(serve.seal_interval_secs.max(1)),
            policies_file: serve.policies.clone(),
            run_workflows: !serve.no_workflows,
        }
    }
}

/// A plain path means an SQLite file.
pub fn normalise_database_url(url: &str) -> String {
    if url.starts_with("sqlite:")
        || url.starts_with("postgres://")
        || url.starts_with("postgresql://")
    {
        url.to_owned()
    } else {
        format!("sqlite:{url}")
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[test]
    fn log_format_is_text_unless_json_is_asked_for_and_nothing_else_is_accepted() {
        let parse = |args: &[&str]| Cli::try_parse_from([&["returns"], args].concat());
        let default = parse(&["lag"]).unwrap_or_else(|e| panic!("{e}"));
        // The variable may be set in a developer's shell: only the flag decides here.
        if std::env::var_os("RETURNS_LOG_FORMAT").is_none() {
            assert_eq!(default.log_format, LogFormat::Text);
        }
        let json = parse(&["--log-format", "json", "lag"]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(json.log_format, LogFormat::Json);
        // Global: it may follow the subcommand too.
        let after = parse(&["lag", "--log-format", "text"]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(after.log_format, LogFormat::Text);
        assert!(parse(&["--log-format", "xml", "lag"]).is_err());
    }
}
