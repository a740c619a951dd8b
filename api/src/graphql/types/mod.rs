//! The GraphQL output and input types shared by several areas.

pub mod department;
pub mod enums;
pub mod history;
pub mod money;
pub mod page;
pub mod ticket;

use async_graphql::SimpleObject;

pub use history::HistoryEvent;
pub use money::{Money, MoneyInput};
pub use ticket::Ticket;

/// What a mutation returns: the ticket's new state and where its events landed.
#[derive(SimpleObject, Debug, Clone)]
pub struct TicketResult {
    /// The ticket after the command.
    pub ticket: Ticket,
    /// The ticket's version after the command (pass as `expectedVersion` next time).
    pub version: i64,
    /// Log position of the last event written (for `atLeastPosition`).
    pub position: i64,
    /// True when this `commandId` was seen before and nothing new was written.
    pub repeated: bool,
}
