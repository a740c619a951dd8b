//! The `returns` application: GraphQL schema, auth, the HTTP/WebSocket
//! server and the command-line interface.
//!
//! Layout:
//! - [`settings`] — command-line flags and environment (`RETURNS_LISTEN`,
//!   `RETURNS_DATABASE_URL`, `RETURNS_LOG_FORMAT`);
//! - [`logging`] — the log on stderr, as text or JSON lines;
//! - [`startup`] — [`startup::Application`], which opens the store, binds the
//!   socket, and serves until a signal;
//! - [`http`] — the axum routes (`/graphql`, `/graphql/ws`, `/healthz`,
//!   `/metrics`) and the body size limit;
//! - [`console`] — the department console and GraphiQL, embedded from
//!   `console/dist`;
//! - [`auth`] — hashed bearer tokens, staff accounts, sessions and the table
//!   of who may read what; [`auth_http`] — sign-in and sign-out;
//! - [`evidence`] — content-addressed evidence photos; [`evidence_http`] —
//!   their upload and download;
//! - [`graphql`] — the schema, one file per area, merged into one `Query`,
//!   `Mutation` and `Subscription`;
//! - [`error`] — [`error::ApiError`], the one error every resolver reports,
//!   mapped to `extensions.code`;
//! - [`metrics`] — what `/metrics` exposes, counted through the `metrics` facade;
//! - [`payouts`] — the server's payout mode and `POST /payouts/callback`;
//! - [`seal`] — the periodic seal of the log head;
//! - [`demo`] — a realistic set of tickets for newcomers;
//! - [`cli`] — one file per subcommand of the `returns` binary.
//!
//! The top of the dependency graph: nothing in the workspace may depend on it
//! except the end-to-end tests.

pub mod auth;
pub mod auth_http;
pub mod cli;
pub mod console;
pub mod demo;
pub mod docs;
pub mod error;
pub mod evidence;
pub mod evidence_http;
pub mod graphql;
pub mod http;
pub mod intake_push;
pub mod logging;
pub mod metrics;
pub mod payouts;
pub mod seal;
pub mod settings;
pub mod startup;
pub mod state;
pub mod storage;
