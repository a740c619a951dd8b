//! Process managers, durable timers, platform intake mapping and the refund
//! gateway port: everything that moves tickets on without a person.
//!
//! [`ticket`] is the one path by which any caller (API, intake, workflows)
//! turns a domain command into stored events.
//!
//! Layout:
//! - [`runtime`]: [`runtime::Workflows`], the server's entry point: runs the
//!   workflows from their checkpoints and fires due timers;
//! - [`process`]: one file per workflow (trigger → command), listed there;
//! - [`timers`]: the durable timers table;
//! - [`checkpoint`]: each workflow's position in the log;
//! - [`policies`]: deadlines, limits and queues from `policies.toml`;
//! - [`gateway`]: the refund gateway port and a simulated gateway;
//! - [`ids`]: deterministic command, timer and refund ids;
//! - [`db`]: the workflows' migrations.
//!
//! Must never depend on the api crate: workflows issue domain commands, not
//! GraphQL calls.

pub mod checkpoint;
pub mod db;
pub mod error;
pub mod gateway;
pub mod ids;
pub mod intake;
pub mod policies;
pub mod process;
pub mod runtime;
pub mod ticket;
pub mod timers;

pub use error::WorkflowError;
pub use policies::Policies;
pub use runtime::{Progress, RuntimeOptions, WorkflowStatus, Workflows, WorkflowsHandle};
