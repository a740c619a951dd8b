//! End-to-end tests of the `returns` binary through HTTP and the CLI.
//!
//! Depends on everything; nothing may depend on it.
