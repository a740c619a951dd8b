//! Process managers, durable timers, payouts and outbound webhooks:
//! everything that moves tickets on, or tells others, without a person. Commands go through the tickets
//! crate ([`returns_tickets::execute`]), as every writer's do.
//!
//! Layout:
//! - [`runtime`]: [`runtime::Workflows`], the server's entry point: runs the
//!   workflows from their checkpoints and fires due timers;
//! - [`process`]: one file per workflow (trigger → command), listed there;
//! - [`timers`]: durable timers (the table itself is in [`storage`]);
//! - [`policies`]: deadlines, limits and queues from `policies.toml`;
//! - [`payout`]: payout modes (manual, webhook, platform, simulated) and
//!   which gateway pays in each;
//! - [`gateway`]: the refund gateway port, the webhook gateway and a
//!   simulated gateway;
//! - [`outbox`]: outbound webhooks, the durable outbox and its delivery;
//! - [`platform_outbox`]: platform actions sent through the shops' open
//!   APIs (api mode), exactly once as far as the platform allows;
//! - [`signature`]: the HMAC-SHA256 signature every webhook carries;
//! - [`ids`]: deterministic command, timer and refund ids;
//! - [`storage`]: the workflows' tables, migrations and all of their SQL.
//!
//! Depends on the domain, the event store, the tickets crate and the
//! platform adapters (`returns-platforms`); must never depend on intake or
//! the api: workflows issue domain commands, not GraphQL
//! calls.

pub mod error;
pub mod gateway;
pub mod ids;
pub mod outbox;
pub mod payout;
pub mod platform_outbox;
pub mod policies;
pub mod process;
pub mod runtime;
pub mod signature;
pub mod storage;
pub mod timers;

pub use error::WorkflowError;
pub use outbox::OutboxOptions;
pub use payout::{PayoutMode, PayoutState, Payouts};
pub use platform_outbox::{PlatformApi, PlatformOutboxOptions, PlatformVersions};
pub use policies::Policies;
pub use runtime::{Progress, RuntimeOptions, WorkflowStatus, Workflows, WorkflowsHandle};
