//! The return/exchange ticket model: commands, events, state, and the pure
//! `decide`/`evolve` pair that holds every business rule.
//!
//! Must never depend on any crate of ours, nor on sqlx, tokio, async-graphql
//! or any I/O: time and ids arrive inside commands so every decision can be
//! replayed and tested.
//!
//! Layout:
//! - [`ids`]: `TicketId`, `CommandId` and `Version`, so they cannot be swapped.
//! - [`money`]: `Money` (integer minor units) and the validated `Currency`.
//! - [`ticket`]: shared vocabulary (kinds, reasons, lines, grades, resolutions).
//! - [`command`]: `Command`, one struct per command, and `CommandKind`.
//! - [`event`]: `Event`, one struct per event, with the stable JSON shape.
//! - [`state`]: `TicketState`, the fold of a ticket's events.
//! - [`decide`](mod@decide): one file per group of commands; every rule lives there.
//! - [`evolve`](mod@evolve): applies an event to the state.
//! - [`next_actions`]: the transition table shared by `decide` and read models.
//! - [`parcel`]: parcels nobody announced (无头件), their own small aggregate.
//! - [`role`]: `Role` and who may issue which command (enforced by the API).
//! - [`error`]: `DomainError` with stable client codes.

pub mod command;
pub mod decide;
pub mod error;
pub mod event;
pub mod evolve;
pub mod ids;
pub mod money;
pub mod next_actions;
pub mod parcel;
pub mod personal;
pub mod platform_action;
pub mod role;
pub mod state;
pub mod stored;
pub mod ticket;

pub use command::{Command, CommandKind, CustomFields, TicketCommand};
pub use decide::decide;
pub use error::DomainError;
pub use event::{Event, EVENT_SCHEMA_VERSION};
pub use evolve::evolve;
pub use ids::{CommandId, TicketId, Version};
pub use money::{Currency, Money};
pub use next_actions::NextAction;
pub use role::Role;
pub use state::{RefundStatus, TicketState, TicketStatus};
pub use stored::UnknownName;
pub use ticket::{ReasonCategory, Resolution, TicketKind};
