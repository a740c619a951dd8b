//! Process managers, durable timers, platform intake mapping and the refund
//! gateway port: everything that moves tickets on without a person.
//!
//! Must never depend on the api crate: workflows issue domain commands, not
//! GraphQL calls.
