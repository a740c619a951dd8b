//! End-to-end tests: the real `returns` binary on a free port, against a
//! fresh SQLite file and a fresh PostgreSQL database, driven over HTTP and
//! WebSocket with a token per role.
//!
//! The binary is the one cargo built beside this test (`cargo test
//! --workspace` builds it, because the api crate has integration tests).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli;
mod exchange;
mod helpers;
mod intake_push;
mod kinds;
mod logs;
mod parcels;
mod payouts;
mod personal_data;
mod platform_api;
mod promises;
mod refund;
mod shutdown;
mod subscriptions;
mod webhooks;
