//! Process managers, durable timers and the refund gateway port: everything
//! that moves tickets on without a person. Commands go through the tickets
//! crate ([`returns_tickets::execute`]), as every writer's do.
//!
//! Layout:
//! - [`runtime`]: [`runtime::Workflows`], the server's entry point: runs the
//!   workflows from their checkpoints and fires due timers;
//! - [`process`]: one file per workflow (trigger → command), listed there;
//! - [`timers`]: durable timers (the table itself is in [`storage`]);
//! - [`policies`]: deadlines, limits and queues from `policies.toml`;
//! - [`gateway`]: the refund gateway port and a simulated gateway;
//! - [`ids`]: deterministic command, timer and refund ids;
//! - [`storage`]: the workflows' tables, migrations and all of their SQL.
//!
//! Depends on the domain, the event store and the tickets crate; must never
//! depend on intake or the api: workflows issue domain commands, not GraphQL
//! calls.

pub mod error;
pub mod gateway;
pub mod ids;
pub mod policies;
pub mod process;
pub mod runtime;
pub mod storage;
pub mod timers;

pub use error::WorkflowError;
pub use policies::Policies;
pub use runtime::{Progress, RuntimeOptions, WorkflowStatus, Workflows, WorkflowsHandle};
