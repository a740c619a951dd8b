//! Reliability under faults and bad input (issue 8), on both backends, each
//! scenario bounded to seconds: the real `returns` binary on a free port
//! with a fresh database, driven over HTTP.
//!
//! - [`crash`]: `kill -9` mid-load; acknowledged writes survive exactly once;
//!   projections equal a clean rebuild;
//! - [`concurrency`]: 32 clients race one ticket with `expectedVersion`;
//!   20 without it all apply;
//! - [`outage`]: PostgreSQL unreachable or every connection killed;
//! - [`bad_input`]: malformed GraphQL, bodies and platform payloads;
//! - [`security`]: tokens, roles, SQL-looking strings, tampering and `verify`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "reliability_suite/bad_input.rs"]
mod bad_input;
#[path = "reliability_suite/concurrency.rs"]
mod concurrency;
#[path = "reliability_suite/crash.rs"]
mod crash;
#[path = "reliability_suite/outage.rs"]
mod outage;
#[path = "reliability_suite/security.rs"]
mod security;
#[path = "reliability_suite/support.rs"]
mod support;
