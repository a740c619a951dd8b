//! The event store contract: every test runs against SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod announcements;
mod append;
mod concurrency;
mod db;
mod dialect;
mod helpers;
mod integrity;
mod reads;
mod remembered;
mod side_writes;
mod subscription;
mod upcasting;
