//! The return/exchange ticket model: commands, events, state, and the pure
//! `decide`/`evolve` pair that holds every business rule.
//!
//! Must never depend on sqlx, tokio, async-graphql or any I/O: time and ids
//! arrive inside commands so every decision can be replayed and tested.
