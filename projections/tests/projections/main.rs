//! The projections' integration tests, each on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod declarations;
mod helpers;
mod read_models;
mod runner;
mod scenario;
mod two_runners;
