//! The projection runner and each department's read model: functions from
//! events to rows, checkpointed so every event takes effect exactly once.
//!
//! Depends on the domain, the event store and the tickets crate (which it
//! folds tickets through); must never depend on workflows, intake or the
//! api: read models are shaped for their audience, not for a transport.
//!
//! Layout:
//! - [`projection`]: the [`Projection`] trait (a versioned name, its tables,
//!   and a function from a batch of events to SQL statements);
//! - [`declaration`]: what a read model is (name, version, tables with typed
//!   columns), the one source of its DDL, upserts and query column lists;
//! - [`read_models`]: the five read models of DESIGN.md §5, one file each,
//!   its declaration beside the function that fills it;
//! - [`runner`]: [`ProjectionRunner`], one task per process following the
//!   log for every projection it leads, each batch read and folded once, its
//!   rows and checkpoints in one transaction;
//! - [`rebuild`](mod@rebuild): replay from position 0 (with a progress bar for the CLI);
//! - [`lag`](mod@lag): checkpoints against the head, and `wait_for` for read-your-writes;
//! - [`registry`]: the current projections and which version queries read;
//! - [`query`]: what the API calls, returning plain serialisable structs;
//! - [`checkpoint`], [`apply`]: the plumbing; [`inspect`]: table dumps for comparing builds.

pub mod apply;
pub mod checkpoint;
pub mod declaration;
pub mod error;
pub mod inspect;
pub mod lag;
pub mod projection;
pub mod query;
pub mod read_models;
pub mod rebuild;
pub mod registry;
pub mod runner;

pub use checkpoint::migrate;
pub use declaration::{names, ReadModel};
pub use error::{Error, Result};
pub use lag::{lag, wait_for, wait_for_projection, wait_for_read_model, Lag};
pub use projection::{Batch, Projection};
pub use query::{Page, Queries};
pub use rebuild::{rebuild, rebuild_projections, rebuild_with_progress_bar, RebuildReport};
pub use runner::{lease_name, ProjectionRunner, ProjectionStatus, RunnerHandle, RunnerOptions};
