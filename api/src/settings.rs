//! Command-line flags and environment: one place that says how `returns`
//! is configured.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use returns_eventstore::ConnectOptions;
use returns_tickets::privacy::{MasterKey, MasterKeyError};
use returns_tickets::TicketSettings;
use returns_workflows::gateway::WebhookTarget;
use returns_workflows::{OutboxOptions, PayoutMode};

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
    /// The master key that wraps every data subject's key: 64 hex digits or
    /// base64 of 32 bytes. `serve` and `import` refuse to write personal
    /// data without one (or a key file).
    #[arg(
        long,
        env = "RETURNS_MASTER_KEY",
        hide_env_values = true,
        global = true
    )]
    pub master_key: Option<String>,
    /// A file holding the master key (instead of `--master-key`).
    #[arg(long, env = "RETURNS_MASTER_KEY_FILE", global = true)]
    pub master_key_file: Option<PathBuf>,
    /// The memory the process's cache of folded ticket states may take, in
    /// MiB (0 keeps nothing): trades memory for reloads from the log.
    #[arg(long, env = "RETURNS_TICKET_CACHE_MIB", default_value_t = DEFAULT_TICKET_CACHE_MIB, global = true)]
    pub ticket_cache_mib: u64,
    /// The memory the cache of unwrapped data keys may take, in MiB (0
    /// keeps nothing: every encrypted write and read looks its key up).
    #[arg(long, env = "RETURNS_KEY_CACHE_MIB", default_value_t = DEFAULT_KEY_CACHE_MIB, global = true)]
    pub key_cache_mib: u64,
    /// Connections in the database read pool (the writer has its own: one
    /// on SQLite, four on PostgreSQL).
    #[arg(long, env = "RETURNS_DB_READ_CONNECTIONS", default_value_t = returns_eventstore::DEFAULT_READ_CONNECTIONS, global = true)]
    pub db_read_connections: u32,
    /// Prepared statements each database connection keeps.
    #[arg(long, env = "RETURNS_DB_STATEMENT_CACHE", default_value_t = returns_eventstore::DEFAULT_STATEMENT_CACHE, global = true)]
    pub db_statement_cache: usize,
    /// SQLite's page cache per connection, in KiB.
    #[arg(long, env = "RETURNS_SQLITE_PAGE_CACHE_KIB", default_value_t = returns_eventstore::DEFAULT_SQLITE_PAGE_CACHE_KIB, global = true)]
    pub sqlite_page_cache_kib: u32,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The configured master key, if any (an empty value counts as none).
    pub fn master_key(&self) -> Result<Option<MasterKey>, MasterKeyError> {
        match (&self.master_key, &self.master_key_file) {
            (Some(text), _) if !text.trim().is_empty() => MasterKey::parse(text).map(Some),
            (_, Some(path)) if !path.as_os_str().is_empty() => MasterKey::from_file(path).map(Some),
            _ => Ok(None),
        }
    }
}

impl Cli {
    /// The tickets' settings (the state cache's budget).
    pub fn ticket_settings(&self) -> TicketSettings {
        TicketSettings {
            state_cache_bytes: self.ticket_cache_mib.saturating_mul(1 << 20),
            key_cache_bytes: self.key_cache_mib.saturating_mul(1 << 20),
        }
    }

    /// How the database is opened (pool and per-connection caches).
    pub fn connect_options(&self) -> ConnectOptions {
        ConnectOptions {
            max_read_connections: self.db_read_connections.max(1),
            statement_cache_capacity: self.db_statement_cache,
            sqlite_page_cache_kib: self.sqlite_page_cache_kib,
            ..ConnectOptions::default()
        }
    }
}

/// The default of `--key-cache-mib`.
pub const DEFAULT_KEY_CACHE_MIB: u64 = returns_tickets::privacy::DEFAULT_KEY_CACHE_BYTES >> 20;

/// The default of `--ticket-cache-mib`.
pub const DEFAULT_TICKET_CACHE_MIB: u64 =
    returns_tickets::shared_states::DEFAULT_BUDGET_BYTES >> 20;

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
    /// Create, list, disable staff accounts or reset their passwords.
    #[command(subcommand)]
    User(UserCommand),
    /// Check the hash chain of one ticket, or of the whole log and its seals.
    Verify(VerifyArgs),
    /// Write a ticket's evidence pack: its events as stored, a seal that
    /// covers them, its photos and a manifest, as a zip anyone can check.
    EvidencePack(EvidencePackArgs),
    /// Check an evidence pack with nothing but the file (no database).
    VerifyPack(VerifyPackArgs),
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
    /// Erase a data subject: delete its key, record the erasure, and list
    /// the events that predate encryption and still hold its data.
    Erase(EraseArgs),
    /// Export everything held about a data subject, decrypted, as JSON.
    ExportSubject(ExportSubjectArgs),
    /// Master key housekeeping.
    #[command(subcommand)]
    Keys(KeysCommand),
}

/// Which ticket to pack, where, and how personal fields show.
#[derive(Args, Debug, Clone)]
pub struct EvidencePackArgs {
    /// The ticket.
    pub ticket: uuid::Uuid,
    /// The zip to write.
    #[arg(long)]
    pub out: PathBuf,
    /// How personal fields show in the pack's readable view: `full`,
    /// `masked` (as warehouse and finance see them) or `presence`. The
    /// events the chain covers are always as stored (encrypted).
    #[arg(long, default_value = "masked", value_parser = ["full", "masked", "presence"])]
    pub personal_data: String,
    /// Who asks (recorded in the manifest).
    #[arg(long, default_value = "cli")]
    pub actor: String,
    /// Where evidence photos are stored.
    #[arg(long, env = "RETURNS_EVIDENCE_DIR", default_value = "evidence")]
    pub evidence_dir: PathBuf,
}

/// The pack to check.
#[derive(Args, Debug, Clone)]
pub struct VerifyPackArgs {
    /// The zip.
    pub file: PathBuf,
}

/// Whom to erase.
#[derive(Args, Debug, Clone)]
pub struct EraseArgs {
    /// A subject id (`s…`, as `dataSubject` shows it) or `CHANNEL:BUYER`.
    pub subject: String,
    /// Why (recorded on the erasure event), as a code: data_subject_request,
    /// no_longer_necessary, retention_expired, consent_withdrawn, objection,
    /// unlawful_processing or legal_obligation.
    #[arg(long, default_value = "data_subject_request")]
    pub reason: String,
    /// Who erases (recorded on the erasure event).
    #[arg(long, default_value = "cli")]
    pub actor: String,
    /// Where evidence photos are stored: the subject's are deleted.
    #[arg(long, env = "RETURNS_EVIDENCE_DIR", default_value = "evidence")]
    pub evidence_dir: PathBuf,
}

/// Whom to export.
#[derive(Args, Debug, Clone)]
pub struct ExportSubjectArgs {
    /// A subject id (`s…`) or `CHANNEL:BUYER`.
    pub subject: String,
}

/// Master key housekeeping.
#[derive(Subcommand, Debug, Clone)]
pub enum KeysCommand {
    /// Print a new random master key (64 hex digits).
    Generate,
    /// Re-wrap every data key under a new master key; events are untouched.
    /// The current key comes from `--master-key`/`--master-key-file`.
    Rotate {
        /// The new key (64 hex digits or base64).
        #[arg(long, env = "RETURNS_NEW_MASTER_KEY", hide_env_values = true)]
        new_key: Option<String>,
        /// A file holding the new key.
        #[arg(long)]
        new_key_file: Option<PathBuf>,
    },
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
    /// How approved refunds are paid: `manual` (the default of `serve`: a
    /// person pays and records it), `webhook`, `platform`, or `simulated`
    /// (the default of `demo`: nothing is paid).
    #[arg(long, env = "RETURNS_PAYOUT", value_parser = PayoutMode::parse)]
    pub payout: Option<PayoutMode>,
    /// The shops whose platform actions are sent through the marketplace's
    /// open API (api mode): a TOML file of per-shop credentials whose values
    /// may name environment variables (`env:NAME`). Every other shop is in
    /// manual mode: a person carries each action out in the back office.
    #[arg(long, env = "RETURNS_PLATFORM_CREDENTIALS")]
    pub platform_credentials: Option<PathBuf>,
    /// Send every marketplace shop's platform actions to the built-in
    /// contract simulator instead of the marketplaces: for demos and tests
    /// only; the answers it records say "simulated".
    #[arg(
        long,
        env = "RETURNS_SIMULATED_PLATFORMS",
        conflicts_with = "platform_credentials"
    )]
    pub simulated_platforms: bool,
    /// Where webhook-mode payout requests go.
    #[arg(long, env = "RETURNS_PAYOUT_WEBHOOK_URL")]
    pub payout_webhook_url: Option<String>,
    /// The secret payout requests and callbacks are signed with.
    #[arg(long, env = "RETURNS_PAYOUT_WEBHOOK_SECRET", hide_env_values = true)]
    pub payout_webhook_secret: Option<String>,
    /// Seconds to wait for the payout receiver's answer.
    #[arg(
        long,
        env = "RETURNS_PAYOUT_WEBHOOK_TIMEOUT_SECS",
        default_value_t = 10
    )]
    pub payout_webhook_timeout_secs: u64,
    /// Milliseconds before the first retry of a failed webhook delivery
    /// (doubled after each further failure, at most an hour).
    #[arg(long, env = "RETURNS_WEBHOOK_RETRY_BASE_MS", default_value_t = 10_000)]
    pub webhook_retry_base_ms: u64,
    /// Seconds a webhook delivery is retried before it is dead-lettered.
    #[arg(
        long,
        env = "RETURNS_WEBHOOK_RETRY_WINDOW_SECS",
        default_value_t = 86_400
    )]
    pub webhook_retry_window_secs: u64,
    /// Where evidence photos are stored (content-addressed).
    #[arg(long, env = "RETURNS_EVIDENCE_DIR", default_value = "evidence")]
    pub evidence_dir: PathBuf,
    /// The largest evidence photo accepted, in bytes.
    #[arg(long, env = "RETURNS_EVIDENCE_MAX_BYTES", default_value_t = crate::evidence::DEFAULT_MAX_EVIDENCE_BYTES)]
    pub evidence_max_bytes: usize,
    /// Minutes of inactivity after which a person's session ends.
    #[arg(long, env = "RETURNS_SESSION_IDLE_MINUTES", default_value_t = 30)]
    pub session_idle_minutes: i64,
    /// The memory the cache of recently checked sessions and API tokens may
    /// take, in KiB (0 keeps nothing: every request reads the token or
    /// session table).
    #[arg(long, env = "RETURNS_CREDENTIAL_CACHE_KIB", default_value_t = DEFAULT_CREDENTIAL_CACHE_KIB)]
    pub credential_cache_kib: u64,
    /// Events the projections apply in one transaction: a runner that has
    /// fallen behind holds one batch (its events, the states of the tickets
    /// they touch, the rows written); fewer per batch means more
    /// transactions, which on SQLite each wait for the one write lock.
    #[arg(long, env = "RETURNS_PROJECTION_BATCH", default_value_t = returns_projections::runner::BATCH_SIZE)]
    pub projection_batch: usize,
}

/// The default of `--credential-cache-kib`.
pub const DEFAULT_CREDENTIAL_CACHE_KIB: u64 =
    crate::auth::cache::DEFAULT_CREDENTIAL_CACHE_BYTES >> 10;

/// Staff account management. Passwords are read from the terminal (or
/// one line of standard input when it is not a terminal), never from the
/// command line, where other users and shell history would see them.
#[derive(Subcommand, Debug, Clone)]
pub enum UserCommand {
    /// Create an account; asks for its password.
    Create {
        /// The sign-in name (also the events' actor).
        name: String,
        /// customer_service, warehouse, finance, auditor or admin.
        #[arg(long)]
        role: String,
    },
    /// List accounts (never their hashes).
    List,
    /// Disable an account and end its sessions.
    Disable {
        /// The account.
        name: String,
    },
    /// Set a new password (asked for) and end the account's sessions.
    ResetPassword {
        /// The account.
        name: String,
    },
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
    /// Validate a mapping file (every shipped one when none is given), list
    /// what each documented status code does and any it does not handle,
    /// and preview the tickets sample records would open.
    Check {
        /// The mapping file (TOML); none: the shipped mappings.
        file: Option<PathBuf>,
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
    /// The file's text encoding: `utf-8`, `gbk` or `gb18030` (exports from
    /// Chinese back offices are often GBK). A line that does not decode is
    /// one rejected line.
    #[arg(long, default_value = "utf-8", value_parser = clap::builder::PossibleValuesParser::new(returns_intake::encoding::NAMES))]
    pub encoding: String,
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
    /// Where evidence photos are stored: each one a ticket references is re-hashed.
    #[arg(long, env = "RETURNS_EVIDENCE_DIR", default_value = "evidence")]
    pub evidence_dir: PathBuf,
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
    /// Where evidence photos live and how large they may be.
    pub evidence: crate::evidence::EvidenceStore,
    /// Sessions' idle timeout.
    pub session_idle: chrono::Duration,
    /// The credential cache's budget in bytes.
    pub credential_cache_bytes: u64,
    /// Events the projections apply in one transaction (at least 1).
    pub projection_batch: usize,
    /// How approved refunds are paid when their channel says nothing else.
    pub payout: PayoutMode,
    /// Where webhook-mode payout requests go (URL and secret both given).
    pub payout_webhook: Option<WebhookTarget>,
    /// Retries of outbound webhook deliveries.
    pub outbox: OutboxOptions,
    /// The per-shop platform credentials file (api mode), if any.
    pub platform_credentials: Option<PathBuf>,
    /// Platform actions go to the contract simulator (demos and tests).
    pub simulated_platforms: bool,
    /// The master key that wraps every data subject's key; the server does
    /// not start without one.
    pub master_key: Option<MasterKey>,
    /// The tickets' settings (the state cache's budget).
    pub tickets: TicketSettings,
    /// How the database is opened.
    pub connect: ConnectOptions,
    /// Each platform's push intake secret, read from the environment once.
    pub intake_secrets: IntakeSecrets,
}

impl Settings {
    /// How this server pays refunds and verifies payout callbacks.
    pub fn payout_setup(&self) -> PayoutSetup {
        PayoutSetup {
            mode: self.payout,
            callback_secret: self.payout_webhook.as_ref().map(|t| t.secret.clone()),
        }
    }
}

/// How this server pays refunds.
#[derive(Clone, PartialEq, Eq)]
pub struct PayoutSetup {
    /// The mode of channels without their own.
    pub mode: PayoutMode,
    /// The secret callbacks are verified with (webhook mode configured).
    pub callback_secret: Option<String>,
}

impl std::fmt::Debug for PayoutSetup {
    // AppState is Debug; the secret stays out of what that prints.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PayoutSetup")
            .field("mode", &self.mode)
            .field(
                "callback_secret",
                &self.callback_secret.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

impl Default for PayoutSetup {
    fn default() -> Self {
        Self {
            mode: PayoutMode::Manual,
            callback_secret: None,
        }
    }
}

/// The prefix of the variables holding push intake secrets.
pub const INTAKE_SECRET_PREFIX: &str = "RETURNS_INTAKE_SECRET_";

/// Each platform's push intake secret (`RETURNS_INTAKE_SECRET_<PLATFORM>`).
/// A platform without one (or with an empty one) has push intake off.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct IntakeSecrets {
    /// By variable suffix: the platform name upper-cased, other than
    /// letters and digits as `_` (see [`IntakeSecrets::variable`]).
    by_suffix: std::collections::BTreeMap<String, String>,
}

impl IntakeSecrets {
    /// The secrets in `variables` (name, value), e.g. the process environment.
    pub fn from_vars(variables: impl IntoIterator<Item = (String, String)>) -> Self {
        let by_suffix = variables
            .into_iter()
            .filter(|(_, value)| !value.is_empty())
            .filter_map(|(name, value)| {
                let suffix = name.strip_prefix(INTAKE_SECRET_PREFIX)?;
                Some((suffix.to_owned(), value))
            })
            .collect();
        Self { by_suffix }
    }

    /// The secrets in the process environment, read now.
    pub fn from_env() -> Self {
        Self::from_vars(std::env::vars_os().filter_map(|(name, value)| {
            Some((name.into_string().ok()?, value.into_string().ok()?))
        }))
    }

    /// The environment variable holding `platform`'s secret.
    pub fn variable(platform: &str) -> String {
        let name: String = platform
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_uppercase()
                } else {
                    '_'
                }
            })
            .collect();
        format!("{INTAKE_SECRET_PREFIX}{name}")
    }

    /// `platform`'s secret; none: push intake is off for it.
    pub fn get(&self, platform: &str) -> Option<&str> {
        let variable = Self::variable(platform);
        let suffix = variable.strip_prefix(INTAKE_SECRET_PREFIX)?;
        self.by_suffix.get(suffix).map(String::as_str)
    }
}

impl std::fmt::Debug for IntakeSecrets {
    // Which platforms have a secret, never the secrets.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.by_suffix.keys()).finish()
    }
}

impl Settings {
    /// Settings for `returns serve`: refunds are paid manually unless
    /// `--payout` says otherwise.
    pub fn new(database_url: &str, serve: &ServeArgs) -> Self {
        Self::with_payout(database_url, serve, PayoutMode::Manual)
    }

    /// Settings for `returns demo`: the simulated gateway unless `--payout`
    /// says otherwise.
    pub fn for_demo(database_url: &str, serve: &ServeArgs) -> Self {
        Self::with_payout(database_url, serve, PayoutMode::Simulated)
    }

    fn with_payout(database_url: &str, serve: &ServeArgs, default: PayoutMode) -> Self {
        let payout_webhook = match (&serve.payout_webhook_url, &serve.payout_webhook_secret) {
            (Some(url), Some(secret)) => Some(WebhookTarget {
                url: url.clone(),
                secret: secret.clone(),
                timeout: Duration::from_secs(serve.payout_webhook_timeout_secs.max(1)),
            }),
            _ => None,
        };
        Self {
            database_url: normalise_database_url(database_url),
            listen: serve.listen,
            seal_interval: Duration::from_secs(serve.seal_interval_secs.max(1)),
            policies_file: serve.policies.clone(),
            run_workflows: !serve.no_workflows,
            evidence: crate::evidence::EvidenceStore::new(
                serve.evidence_dir.clone(),
                serve.evidence_max_bytes,
            ),
            session_idle: chrono::Duration::minutes(serve.session_idle_minutes.max(1)),
            credential_cache_bytes: serve.credential_cache_kib.saturating_mul(1 << 10),
            projection_batch: serve.projection_batch.max(1),
            payout: serve.payout.unwrap_or(default),
            payout_webhook,
            outbox: OutboxOptions {
                retry_base: Duration::from_millis(serve.webhook_retry_base_ms.max(1)),
                window: Duration::from_secs(serve.webhook_retry_window_secs.max(1)),
                ..OutboxOptions::default()
            },
            platform_credentials: serve.platform_credentials.clone(),
            simulated_platforms: serve.simulated_platforms,
            master_key: None,
            tickets: TicketSettings::default(),
            connect: ConnectOptions::default(),
            intake_secrets: IntakeSecrets::from_env(),
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

    #[test]
    fn intake_secrets_are_read_per_platform_and_empty_ones_are_off() {
        assert_eq!(
            IntakeSecrets::variable("douyin"),
            "RETURNS_INTAKE_SECRET_DOUYIN"
        );
        assert_eq!(
            IntakeSecrets::variable("my-shop"),
            "RETURNS_INTAKE_SECRET_MY_SHOP"
        );
        let secrets = IntakeSecrets::from_vars([
            (
                "RETURNS_INTAKE_SECRET_DOUYIN".to_owned(),
                "s3cret-d".to_owned(),
            ),
            ("RETURNS_INTAKE_SECRET_MY_SHOP".to_owned(), "m".to_owned()),
            ("RETURNS_INTAKE_SECRET_TAOBAO".to_owned(), String::new()),
            ("RETURNS_LISTEN".to_owned(), "x".to_owned()),
        ]);
        assert_eq!(secrets.get("douyin"), Some("s3cret-d"));
        assert_eq!(secrets.get("my-shop"), Some("m"));
        assert_eq!(secrets.get("taobao"), None);
        assert_eq!(secrets.get("kuaishou"), None);
        let printed = format!("{secrets:?}");
        assert!(
            printed.contains("DOUYIN") && !printed.contains("s3cret"),
            "{printed}"
        );
    }

    #[test]
    fn serve_pays_manually_and_demo_simulates_unless_told_otherwise() {
        let args = |argv: &[&str]| match Cli::try_parse_from([&["returns"], argv].concat())
            .unwrap_or_else(|e| panic!("{e}"))
            .command
        {
            Command::Serve(a) | Command::Demo(a) => a,
            other => panic!("{other:?}"),
        };
        if std::env::var_os("RETURNS_PAYOUT").is_none() {
            assert_eq!(
                Settings::new("x", &args(&["serve"])).payout,
                PayoutMode::Manual
            );
            assert_eq!(
                Settings::for_demo("x", &args(&["demo"])).payout,
                PayoutMode::Simulated
            );
        }
        let explicit = args(&["serve", "--payout", "simulated"]);
        assert_eq!(Settings::new("x", &explicit).payout, PayoutMode::Simulated);
        let demo_manual = args(&["demo", "--payout", "manual"]);
        assert_eq!(
            Settings::for_demo("x", &demo_manual).payout,
            PayoutMode::Manual
        );
        assert!(Cli::try_parse_from(["returns", "serve", "--payout", "free"]).is_err());
    }

    #[test]
    fn the_projection_batch_is_a_setting_of_at_least_one_event() {
        let settings = |argv: &[&str]| match Cli::try_parse_from([&["returns"], argv].concat())
            .unwrap_or_else(|e| panic!("{e}"))
            .command
        {
            Command::Serve(a) => Settings::new("x", &a).projection_batch,
            other => panic!("{other:?}"),
        };
        if std::env::var_os("RETURNS_PROJECTION_BATCH").is_none() {
            assert_eq!(
                settings(&["serve"]),
                returns_projections::runner::BATCH_SIZE
            );
        }
        assert_eq!(settings(&["serve", "--projection-batch", "250"]), 250);
        assert_eq!(settings(&["serve", "--projection-batch", "0"]), 1);
        assert!(Cli::try_parse_from(["returns", "serve", "--projection-batch", "-1"]).is_err());
    }
}
