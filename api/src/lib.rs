//! The `returns` application: GraphQL schema, auth, the HTTP/WebSocket
//! server and the command-line interface.
//!
//! Layout:
//! - [`settings`] — command-line flags and environment (`RETURNS_LISTEN`,
//!   `RETURNS_DATABASE_URL`, `RETURNS_LOG_FORMAT`);
//! - [`logging`] — the log on stderr, as text or JSON lines;
//! - [`startup`] — [`startup::Application`], which opens the store, binds the
//!   socket, and serves until a signal;
//! - [`http`] — the axum routes (`/graphql`, `/graphql/ws`, `/`, `/healthz`,
//!   `/metrics`) and the body size limit;
//! - [`auth`] — hashed bearer tokens and the table of who may read what;
//! - [`graphql`] — the schema, one file per area, merged into one `Query`,
//!   `Mutation` and `Subscription`;
//! - [`error`] — [`error::ApiError`], the one error every resolver reports,
//!   mapped to `extensions.code`;
//! - [`metrics`] — what `/metrics` exposes, counted through the `metrics` facade;
//! - [`seal`] — the periodic seal of the log head;
//! - [`demo`] — a realistic set of tickets for newcomers;
//! - [`cli`] — one file per subcommand of the `returns` binary.
//!
//! The top of the dependency graph: nothing in the workspace may depend on it
//! except the end-to-end tests.

pub mod auth;
pub mod cli;
pub mod demo;
pub mod error;
pub mod graphql;
pub mod http;
pub mod intake_push;
pub mod logging;
pub mod metrics;
pub mod seal;
pub mod settings;
pub mod startup;
pub mod state;
pub mod storage;
