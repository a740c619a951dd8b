//! Process managers, durable timers, platform intake mapping and the refund
//! gateway port: everything that moves tickets on without a person.
//!
//! [`ticket`] is the one path by which any caller (API, intake, workflows)
//! turns a domain command into stored events.
//!
//! Must never depend on the api crate: workflows issue domain commands, not
//! GraphQL calls.

pub mod ticket;
