//! The `returns` application: GraphQL schema, auth, the HTTP/WebSocket
//! server and the command-line interface.
//!
//! Layout:
//! - [`settings`] — command-line flags and environment (`RETURNS_LISTEN`,
//!   `RETURNS_DATABASE_URL`, `RETURNS_LOG_FORMAT`, …), parsed once at start-up
//!   and handed down: payout setup, push intake secrets;
//! - [`logging`] — the log on stderr, as text or JSON lines;
//! - [`startup`] — [`startup::Application`], which opens the store, binds the
//!   socket, and serves until a signal;
//! - [`http`] — the HTTP edge, one file per route group: GraphQL, sign-in,
//!   evidence, push intake, the payout callback, `/healthz`, `/metrics`; the
//!   one error answer of every route but GraphQL's; the body size limits;
//! - [`console`] — the department console and GraphiQL, embedded from
//!   `console/dist`;
//! - [`auth`] — hashed bearer tokens, staff accounts, sessions and the table
//!   of who may read what;
//! - [`evidence`] — content-addressed evidence photos;
//! - [`graphql`] — the schema, one file per area, merged into one `Query`,
//!   `Mutation` and `Subscription`;
//! - [`error`] — [`error::ApiError`], the one error every resolver reports,
//!   mapped to `extensions.code`;
//! - [`metrics`] — what `/metrics` exposes, counted through the `metrics` facade;
//!   [`memory`] — the allocator's figures and the resident set it reports;
//! - [`seal`] — the periodic seal of the log head;
//! - [`demo`] — a realistic set of tickets for newcomers;
//! - [`cli`] — one file per subcommand of the `returns` binary.
//!
//! The top of the dependency graph: nothing in the workspace may depend on it
//! except the end-to-end tests.

pub mod auth;
pub mod cli;
pub mod console;
pub mod demo;
pub mod docs;
pub mod error;
pub mod evidence;
pub mod graphql;
pub mod http;
pub mod logging;
pub mod memory;
pub mod metrics;
pub mod pack;
pub mod platforms;
pub mod seal;
pub mod settings;
pub mod startup;
pub mod state;
pub mod storage;
